// Measures how quickly a shopper gets through the checkout, in headless Chromium on a 390×844 phone screen,
// on the example shop page with "3011 Bern, Kramgasse 49": the height of what home delivery shows (the day
// strip and the chosen day's options), the radio options visible at once there, the page's height, and the
// time from choosing "Collect at a pickup point" to the first point listed; then, with the keyboard alone, the
// keystrokes and tab stops from an empty page to (a) the Thursday evening window and (b) the nearest My Post 24
// terminal with the names already in the shop's form. The keyboard runs find their way by what has focus (as
// a screen reader user would), so they also measure an older build of the element. Prints figures; asserts
// nothing. Run: npm run bench:ux (after npm start or npm test built the element and the proxy).
// UX_ROOT=/path/to/another/checkout measures that checkout's built element and proxy instead.
import path from 'node:path';
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const other = process.env.UX_ROOT;
if (other) process.env.SWISS_CHECKOUT_PROXY_BIN = path.join(other, 'target/debug/swiss-checkout-demo');
const proxy = await startProxy(other ? { SWISS_CHECKOUT_WWW_DIR: path.join(other, 'www/dist') } : {});
const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(`${proxy.url}/element/shop.html`);

for (const [label, typed, option] of [
  ['Postcode or town', '3011', '3011 Bern'], ['Street', 'kram', 'Kramgasse'], ['House number', '49', '49'],
]) {
  await page.getByRole('combobox', { name: label }).pressSequentially(typed, { delay: 25 });
  await page.getByRole('option', { name: option, exact: true }).click();
}
await page.getByText('Address confirmed by Swiss Post.').waitFor();
await page.waitForFunction(() => document.querySelector('[role=radiogroup]')?.getAttribute('aria-busy') === 'false');
await page.getByRole('radiogroup', { name: 'Delivery' }).getByRole('radio').first().waitFor();

const layout = await page.evaluate(() => {
  const home = document.querySelector('.sc-home') ?? document.querySelector('.sc-delivery');
  const shown = (element) => element.getClientRects().length > 0;
  return {
    home: Math.round(home.getBoundingClientRect().height),
    radios: [...home.querySelectorAll('input[type=radio]')].filter((radio) => shown(radio.closest('label') ?? radio)).length,
    page: document.documentElement.scrollHeight,
    chosen: document.querySelector('swiss-checkout').value.delivery?.kind ?? 'none',
  };
});
console.log(`home delivery part at 390 px: ${layout.home} px high (the screen is 844), ${layout.radios} radio options shown`);
console.log(`page height at 390 px: ${layout.page} px; chosen from the start: ${layout.chosen}`);

const started = performance.now();
await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
const listed = await page.getByRole('listbox', { name: 'Pickup points' }).getByRole('option').first()
  .waitFor({ timeout: 5000 }).then(() => true, () => false);
console.log(listed
  ? `"Collect at a pickup point" to the first point listed: ${Math.round(performance.now() - started)} ms`
  : '"Collect at a pickup point": no point listed within 5 s (the list starts empty)');

/** A page with the keyboard as the only input, counting every key and every Tab. */
async function keyboardRun(prepare) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${proxy.url}/element/shop.html`);
  await prepare?.(page);
  const count = { keys: 0, tabs: 0 };
  const press = async (key) => {
    await page.keyboard.press(key);
    count.keys += 1;
    if (key === 'Tab') count.tabs += 1;
  };
  const type = async (text) => { for (const character of text) await press(character); };
  // What has focus: its role, its name (label), and for a listbox its active option's text.
  const focused = () => page.evaluate(() => {
    const element = document.activeElement;
    const label = element.closest('label')?.textContent
      ?? (element.id && document.querySelector(`label[for="${element.id}"]`)?.textContent)
      ?? element.getAttribute('aria-label') ?? '';
    const active = element.getAttribute('aria-activedescendant');
    return {
      role: element.getAttribute('role') ?? (element.type === 'radio' ? 'radio' : element.tagName.toLowerCase()),
      name: label.trim(),
      group: element.closest('fieldset')?.querySelector('legend')?.textContent.trim() ?? '',
      option: active ? document.getElementById(active)?.textContent ?? '' : '',
    };
  });
  const until = async (key, wanted, limit = 80) => {
    for (let i = 0; i < limit; i += 1) {
      if (wanted(await focused())) return;
      await press(key);
    }
    throw new Error(`${key} did not reach the element wanted; focus: ${JSON.stringify(await focused())}`);
  };
  const tabTo = async (wanted) => { await press('Tab'); await until('Tab', wanted); };
  // A combobox: type, wait for the suggestion, move to it, Enter.
  const suggest = async (label, typed, option) => {
    if ((await focused()).name !== label) await tabTo((f) => f.name === label);
    await type(typed);
    await page.getByRole('option', { name: option, exact: true }).waitFor();
    await press('ArrowDown');
    await until('ArrowDown', (f) => f.option.trim() === option);
    await press('Enter');
  };
  await page.getByRole('combobox', { name: 'Postcode or town' }).focus();
  await suggest('Postcode or town', '3011', '3011 Bern');
  await suggest('Street', 'kram', 'Kramgasse');
  await suggest('House number', '49', '49');
  await page.getByText('Address confirmed by Swiss Post.').waitFor();
  return { page, count, press, type, focused, until, tabTo };
}

const element = (page) => page.evaluate(() => document.querySelector('swiss-checkout').value);

// (a) The Thursday evening window.
{
  const run = await keyboardRun();
  const { page, count, until, tabTo } = run;
  await page.getByRole('radiogroup', { name: 'Delivery' }).getByRole('radio').first().waitFor();
  if (await page.getByRole('group', { name: 'Delivery day' }).count()) {
    await tabTo((f) => f.role === 'radio' && f.group === 'Delivery day');
    await until('ArrowRight', (f) => /Thu/.test(f.name));
    await tabTo((f) => f.role === 'radio' && f.group !== 'Delivery day');
    await until('ArrowDown', (f) => /^Evening/.test(f.name));
  } else {
    // One list of every day's options.
    await tabTo((f) => f.role === 'radio' && /Standard|Economy|Evening|Time window|Same day|Saturday/.test(f.name));
    await until('ArrowDown', (f) => /^Evening/.test(f.name) && /Thursday/.test(f.name));
  }
  const chosen = (await element(page)).delivery;
  const weekday = new Date(`${chosen.date}T00:00:00Z`).getUTCDay();
  if (chosen.kind !== 'evening' || weekday !== 4) throw new Error(`(a) ended on ${JSON.stringify(chosen)}`);
  console.log(`(a) address → Thursday evening window, keyboard only: ${count.keys} keystrokes, ${count.tabs} tab stops`);
  await page.close();
}

// (b) The nearest My Post 24 terminal, with the names already in the shop's form.
{
  const run = await keyboardRun(async (page) => {
    await page.getByRole('textbox', { name: 'Full name' }).fill('Anna Muster');
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('anna@example.ch');
  });
  const { page, count, press, type, until, tabTo } = run;
  await tabTo((f) => f.role === 'radio' && /Home delivery|Collect at a pickup point/.test(f.name));
  await until('ArrowDown', (f) => f.name === 'Collect at a pickup point');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.waitFor();
  // A field the pickup part still asks for is typed again.
  for (const [label, value] of [['First name', 'Anna'], ['Last name', 'Muster'], ['E-mail address', 'anna@example.ch']]) {
    const field = page.locator('.sc-pickup').getByRole('textbox', { name: label });
    if (await field.isVisible()) {
      await tabTo((f) => f.name === label);
      await type(value);
    }
  }
  const listed = await list.getByRole('option').first().waitFor({ timeout: 3000 }).then(() => true, () => false);
  if (!listed) {
    // The list starts empty: search the postcode first.
    await tabTo((f) => f.name === 'Postcode or place');
    await type('3011');
    await press('Enter');
    await list.getByRole('option').first().waitFor();
  }
  await tabTo((f) => f.role === 'listbox');
  await press('ArrowDown');
  await until('ArrowDown', (f) => /My Post 24/.test(f.option));
  await press('Enter');
  await page.waitForFunction(() => document.querySelector('swiss-checkout').value.pickup?.user);
  const chosen = (await element(page)).pickup;
  if (chosen.kind !== 'mypost24') throw new Error(`(b) ended on ${JSON.stringify(chosen)}`);
  console.log(`(b) address → nearest My Post 24 terminal (${chosen.name}), keyboard only: ${count.keys} keystrokes, ${count.tabs} tab stops`);
  await page.close();
}

await browser.close();
await proxy.stop();
