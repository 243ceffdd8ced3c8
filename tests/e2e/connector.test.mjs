// "Use my Swiss Post addresses": a test shopper signs in with Swiss Post (the sandbox's stand-in of its
// sign-in and consent pages) in a popup, and picks a saved address; nothing is typed in the checkout. Consent
// declined, or the popup closed, leaves the form as it was, with a message. Keyboard only where the checkout
// is concerned, and axe-clean in four languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, enterBernAddress, openPage, sharedProxyAndBrowser, startProxy } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
const field = (page, name) => page.locator(`input[type=hidden][name=${name}]`).inputValue();

/** Opens the shop, presses the button with the keyboard, and returns the shop page and the popup. */
async function openSignIn(proxy = shared.proxy) {
  const { page, problems } = await openPage(shared.browser.context, `${proxy.url}/element/shop.html`);
  const button = page.getByRole('button', { name: 'Use my Swiss Post addresses' });
  await button.focus();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
  await popup.getByRole('heading', { name: 'Sign in with Swiss Post' }).waitFor();
  return { page, problems, popup };
}

/** Signs in as `email` in the popup and answers the consent page with `decision` ("Allow", "Decline"). */
async function signIn(popup, email, password, decision) {
  await popup.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: decision }).click();
}

test('a test shopper signs in and picks their My Post 24 terminal: the point and its label line, nothing typed', async () => {
  const { page, problems, popup } = await openSignIn();
  await signIn(popup, 'anna.muster@sandbox.example', 'sandbox-anna', 'Allow');
  await page.getByText('Signed in as Anna Muster. Choose one of your addresses.').waitFor();
  // The popup is closed by the widget once the sign-in ended (or closes itself).
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 10_000 });
  const saved = page.getByRole('group', { name: 'Your Swiss Post addresses' });
  // The button is gone; the focus is on the first saved address, for the keyboard.
  const main = saved.getByRole('radio', { name: 'Main address: Kramgasse 49, 3011 Bern' });
  await page.waitForFunction(() => document.activeElement?.type === 'radio');
  assert.equal(await main.evaluate((radio) => radio === document.activeElement), true);
  const terminal = saved.getByRole('radio', { name: 'My Post 24: My Post 24 9000 St. Gallen Bahnhof' });
  await terminal.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('input[name=shipping_pickup_name2]')?.value);
  assert.equal(await field(page, 'shipping_pickup_point_id'), '001MP24_001202506');
  const user = await field(page, 'shipping_pickup_user_id');
  assert.match(user, /^PT\d{6}$/);
  assert.equal(await field(page, 'shipping_pickup_name2'), `MyPost24 ${user}`);
  assert.equal(await page.getByRole('radio', { name: 'Collect at a pickup point' }).isChecked(), true);
  // The names and e-mail came from Swiss Post: the shop's own fields are filled, the checkout asks nothing.
  const details = page.getByRole('group', { name: 'Your details' });
  assert.equal(await details.getByRole('textbox', { name: 'Full name' }).inputValue(), 'Anna Muster');
  assert.equal(await details.getByRole('textbox', { name: 'E-mail address' }).inputValue(), 'anna.muster@sandbox.example');
  const checkout = page.locator('swiss-checkout');
  for (const name of ['First name', 'Last name', 'E-mail address']) {
    assert.equal(await checkout.getByRole('textbox', { name, exact: true }).count(), 0, `${name} is not asked`);
  }
  const value = await page.evaluate(() => document.querySelector('swiss-checkout').value);
  assert.equal(value.pickup.point_id, '001MP24_001202506');
  assert.equal(value.pickup.user.name2, `MyPost24 ${user}`);

  // The main address instead: home delivery, the address part filled and confirmed by Swiss Post.
  await saved.getByRole('radio', { name: 'Main address: Kramgasse 49, 3011 Bern' }).focus();
  await page.keyboard.press('Space');
  await page.getByText('Address confirmed by Swiss Post.').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Postcode or town' }).inputValue(), '3011 Bern');
  assert.equal(await page.getByRole('combobox', { name: 'Street' }).inputValue(), 'Kramgasse');
  assert.equal(await page.getByRole('combobox', { name: 'House number' }).inputValue(), '49');
  assert.equal(await page.getByRole('radio', { name: 'Home delivery' }).isChecked(), true);
  assert.equal(await page.locator('input[name=shipping_pickup_point_id]').count(), 0, 'no pickup point posts');
  assert.equal(await page.evaluate(() => document.querySelector('swiss-checkout').value.pickup ?? null), null);
  assert.equal(await field(page, 'shipping_street'), 'Kramgasse');

  // Signing out forgets the list; what was filled stays.
  await page.getByRole('button', { name: 'Sign out' }).press('Enter');
  await page.getByText('Signed out. The shop has forgotten your addresses.').waitFor();
  assert.equal(await saved.count(), 0);
  // The button is back and has the focus.
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('Use my Swiss Post addresses'));
  assert.equal(await field(page, 'shipping_street'), 'Kramgasse');
  assert.deepEqual(problems, []);
  await page.close();
});

test('consent declined, or the Swiss Post window closed, leaves the form as it was and says so', async () => {
  const { page, problems, popup } = await openSignIn();
  await popup.close();
  await page.getByText('The Swiss Post window was closed. Your entries are unchanged.').waitFor();

  await enterBernAddress(page);
  const button = page.getByRole('button', { name: 'Use my Swiss Post addresses' });
  await button.focus();
  const [again] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
  await signIn(again, 'anna.muster@sandbox.example', 'sandbox-anna', 'Decline');
  await page.getByText('You did not share your addresses. Your entries are unchanged.').waitFor();
  assert.equal(await page.getByRole('group', { name: 'Your Swiss Post addresses' }).count(), 0);
  assert.equal(await page.getByRole('combobox', { name: 'Street' }).inputValue(), 'Aarbergergasse');
  assert.equal(await field(page, 'shipping_house_number'), '1');
  assert.equal(await page.getByRole('button', { name: 'Use my Swiss Post addresses' }).count(), 1, 'the button stays');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the saved addresses are axe-clean in German, French, Italian and English', async () => {
  const { page, problems, popup } = await openSignIn();
  // The sandbox's sign-in and consent pages too: the stand-in a shop's developers and testers use.
  assert.deepEqual(await axeViolations(popup, 'body'), [], 'sign-in page');
  await popup.getByRole('textbox', { name: 'E-mail' }).fill('luca.beispiel@sandbox.example');
  await popup.getByLabel('Password').fill('wrong');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('alert').waitFor();
  assert.deepEqual(await axeViolations(popup, 'body'), [], 'sign-in page with its error');
  await popup.getByRole('textbox', { name: 'E-mail' }).fill('luca.beispiel@sandbox.example');
  await popup.getByLabel('Password').fill('sandbox-luca');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: 'Allow' }).waitFor();
  assert.deepEqual(await axeViolations(popup, 'body'), [], 'consent page');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await page.getByRole('group', { name: 'Your Swiss Post addresses' }).waitFor();
  for (const [lang, legend] of [['de', 'Ihre Adressen bei der Post'], ['fr', 'Vos adresses à la Poste'],
    ['it', 'I vostri indirizzi alla Posta'], ['en', 'Your Swiss Post addresses']]) {
    await page.evaluate((tag) => document.querySelector('swiss-checkout').setAttribute('lang', tag), lang);
    await page.getByRole('group', { name: legend }).waitFor();
    assert.deepEqual(await axeViolations(page, '.swiss-checkout'), [], lang);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('no token, code, secret or personal data of the sign-in reaches the proxy\'s log (debug level)', async () => {
  const proxy = await startProxy({ RUST_LOG: 'debug' });
  try {
    const { page, popup } = await openSignIn(proxy);
    await signIn(popup, 'anna.muster@sandbox.example', 'sandbox-anna', 'Allow');
    await page.getByText('Signed in as Anna Muster. Choose one of your addresses.').waitFor();
    const saved = page.getByRole('group', { name: 'Your Swiss Post addresses' });
    await saved.getByRole('radio', { name: /^My Post 24: / }).check();
    await page.waitForFunction(() => document.querySelector('input[name=shipping_pickup_name2]')?.value);
    const userId = await field(page, 'shipping_pickup_user_id');
    await page.close();
    const log = proxy.lines.join('\n');
    assert.match(log, /connector sign-in ended/, 'the outcome is logged');
    for (const secret of ['sandbox-secret', 'sandbox-anna', 'anna.muster', 'Muster', 'Kramgasse', userId, 'eyJ',
      'code=', 'state=', 'access_token', 'code_verifier']) {
      assert.ok(!log.includes(secret), `${secret} is in the log`);
    }
  } finally {
    await proxy.stop();
  }
});

test('a page without the attribute downloads nothing of it; with it, its chunk comes at first paint', async () => {
  const fetched = async (url) => {
    const { page } = await openPage(shared.browser.context, url);
    const wasm = [];
    page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(request.url().split('/').pop()); });
    await page.reload();
    await page.getByRole('combobox', { name: 'Postcode or town' }).first().waitFor();
    await page.waitForTimeout(300);
    await page.close();
    return wasm;
  };
  const without = await fetched(`${shared.proxy.url}/element/example.html`);
  assert.ok(!without.includes('split_connector.wasm'), `fetched: ${without}`);
  const withIt = await fetched(`${shared.proxy.url}/element/shop.html`);
  assert.ok(withIt.includes('split_connector.wasm'), `fetched: ${withIt}`);
});
