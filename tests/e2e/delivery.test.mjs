// The delivery part in headless Chromium against the proxy and its sandbox: an evening window chosen with
// the keyboard alone, the choice cleared and announced when the address moves to a village, standard
// delivery when the options cannot be loaded, and axe-core in four languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations, chooseEveningWindow, enterBernAddress, openPage, sharedProxyAndBrowser, startProxy,
} from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

async function chooseLocality(page, label, typed, name) {
  const field = page.getByRole('combobox', { name: label });
  await field.fill('');
  await field.pressSequentially(typed, { delay: 25 });
  await page.getByRole('option', { name, exact: true }).click();
}

const hidden = (page, name) => page.locator(`input[type=hidden][name=${name}]`).inputValue();

test('an evening window chosen with the keyboard alone, then cleared and announced for a village', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const number = await enterBernAddress(page);
  const group = page.getByRole('radiogroup', { name: 'Delivery' });
  await group.getByRole('radio', { name: /^Evening/ }).first().waitFor();
  await page.waitForFunction(() => document.querySelector('[role=radiogroup]')?.getAttribute('aria-busy') === 'false');

  // Tab from the house number past "Home delivery" and the day strip (its first day with standard delivery
  // is shown, and standard is chosen), into the day's options, then arrows until an evening window is checked.
  await number.focus();
  for (let i = 0; i < 6 && !(await group.evaluate((g) => g.contains(document.activeElement))); i += 1) {
    await page.keyboard.press('Tab');
  }
  const evening = group.getByRole('radio', { name: /^Evening 17:30–19:00/ }).first();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    reached = await evening.evaluate((el) => el === document.activeElement);
    if (!reached) await page.keyboard.press('ArrowDown');
  }
  assert.ok(reached, 'the arrow keys reach the evening window');
  await page.keyboard.press('Space');
  assert.ok(await evening.isChecked());
  assert.equal(await hidden(page, 'delivery_kind'), 'evening');
  assert.equal(await hidden(page, 'delivery_product_codes'), 'ZF17301900,PRI');
  const description = await evening.getAttribute('aria-describedby');
  const details = await page.locator(`[id="${description}"]`).textContent();
  assert.match(details, /CHF\s?9\.00/);
  assert.match(details, /Order by 14:00 on \w+,? \d+ \w+/);

  // Hellsau has no evening delivery: the choice goes, and the shopper is told.
  await chooseLocality(page, 'Postcode or town', '3429', '3429 Hellsau');
  await page.getByRole('status').filter({ hasText: /Evening 17:30–19:00, .* is not available for the new address/ }).waitFor();
  assert.equal(await hidden(page, 'delivery_option'), '');
  await group.getByRole('radio', { name: /^Standard \(PostPac Priority\)/ }).first().waitFor();
  assert.equal(await group.getByRole('radio', { name: /^Evening/ }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a choice still offered after the address changes stays', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  await chooseLocality(page, 'Postcode or town', '3011', '3011 Bern');
  const group = page.getByRole('radiogroup', { name: 'Delivery' });
  const standard = group.getByRole('radio', { name: /^Standard \(PostPac Priority\)/ }).first();
  await standard.check();
  const chosen = await hidden(page, 'delivery_option');
  await chooseLocality(page, 'Postcode or town', '3012', '3012 Bern');
  await group.getByRole('radio').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.sc-delivery-message')?.textContent);
  assert.equal(await hidden(page, 'delivery_option'), chosen);
  assert.ok(await group.locator(`input[value="${chosen}"]`).isChecked());
  await page.close();
});

test('when the options cannot be loaded, standard delivery stays selectable and the failure shows', async () => {
  const failing = await startProxy();
  try {
    const { page } = await openPage(shared.browser.context, `${failing.url}/`);
      // Typed slowly, so that "301" is looked up and its answer cached by the proxy.
    const locality = page.getByRole('combobox', { name: 'Postcode or town' });
    await locality.pressSequentially('301', { delay: 400 });
    await page.getByRole('option', { name: '3011 Bern', exact: true }).click();
    await page.getByRole('radio').first().waitFor();
    await failing.setKnobs({ outage: true });
    // 3012 comes from the proxy's cache of "301"; its delivery dates need the (failing) upstream.
    await chooseLocality(page, 'Postcode or town', '301', '3012 Bern');
    await page.getByText('Delivery dates could not be loaded. Standard delivery is still available.').waitFor();
    const standard = page.getByRole('radio', { name: 'Standard delivery (PostPac Priority), usually the next working day' });
    await standard.check();
    assert.equal(await hidden(page, 'delivery_kind'), 'standard');
    assert.equal(await hidden(page, 'delivery_product_codes'), 'PRI');
    await page.close();
  } finally {
    await failing.stop();
  }
});

for (const [tag, label, heading] of [
  ['de', 'PLZ oder Ort', 'Zustellung'],
  ['fr', 'NPA ou localité', 'Livraison'],
  ['it', 'NPA o località', 'Consegna'],
  ['en', 'Postcode or town', 'Delivery'],
]) {
  test(`axe-core finds no violations in the delivery part (${tag})`, async () => {
    const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=${tag}`);
    await chooseLocality(page, label, '3011', '3011 Bern');
    const group = page.getByRole('radiogroup', { name: heading });
    await group.getByRole('radio').nth(3).check();
    assert.deepEqual(await axeViolations(page, '.sc-delivery'), []);
    await page.close();
  });
}

test('the day strip: another day with the keyboard alone, only its options below, the window kept', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=en`);
  await enterBernAddress(page);
  // The shop's default is chosen from the start: standard delivery on its earliest day.
  await page.waitForFunction(() => document.querySelector('input[name=delivery_kind]')?.value === 'standard');
  await chooseEveningWindow(page);
  const before = await hidden(page, 'delivery_date');
  const days = page.getByRole('group', { name: 'Delivery day' });
  await days.getByRole('radio', { checked: true }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((date) => document.querySelector('input[name=delivery_date]').value !== date, before);
  assert.equal(await hidden(page, 'delivery_kind'), 'evening', 'the evening window on the next day');
  assert.equal(await hidden(page, 'delivery_product_codes'), 'ZF17301900,PRI');
  // Every option listed is for the day now chosen in the strip.
  const names = await page.getByRole('radiogroup', { name: 'Delivery' }).getByRole('radio').evaluateAll((radios) =>
    radios.map((radio) => radio.closest('label').querySelector('.sc-radio-title').textContent));
  const day = names[0].split(', ').slice(1).join(', ');
  assert.ok(day && names.every((name) => name.endsWith(day)), names.join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});
