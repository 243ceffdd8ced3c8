// After the sale, as the shopper sees it (sandbox mode): from the example shop's order page, the tracking page
// and the return page the shop links to (sealed link tokens), each an element of the after-sale bundle, which
// carries no checkout code. Keyboard only, by role and name, axe-clean in de, fr, it and en.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { axeViolations, chooseEveningWindow, enterBernAddress, openPage, root, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

const LANGS = {
  de: { heading: 'Ihr Paket', history: 'Bisheriger Verlauf', returnHeading: 'Paket zurücksenden', day: 'Abholtag' },
  fr: { heading: 'Votre colis', history: 'Historique', returnHeading: 'Renvoyer un colis', day: 'Jour d’enlèvement' },
  it: { heading: 'Il suo pacco', history: 'Cronologia', returnHeading: 'Rispedire un pacco', day: 'Giorno di ritiro' },
  en: { heading: 'Your parcel', history: 'What happened so far', returnHeading: 'Return a parcel', day: 'Collection day' },
};

/** An order placed on the example shop: the order page, with its after-sale links. */
async function placeOrder() {
  const opened = await openPage(shared.browser.context, `${shared.proxy.url}/element/shop.html`);
  const form = opened.page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Full name').fill('Anna Muster');
  await form.getByLabel('E-mail address').fill('anna@example.ch');
  await enterBernAddress(form);
  await chooseEveningWindow(form);
  await form.getByRole('button', { name: 'Place order' }).click();
  await opened.page.getByRole('heading', { name: 'After the sale' }).waitFor();
  return opened;
}

test('the shopper follows the parcel from the shop\'s link; the sandbox clock moves it', async () => {
  const { page: order, problems } = await placeOrder();
  const link = await order.getByRole('link', { name: 'Follow the parcel' }).getAttribute('href');
  // The shopper's page, on its own: what it shows and downloads.
  const { page, problems: trackingProblems } = await openPage(shared.browser.context, new URL(link, order.url()).href);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.reload();
  await page.getByRole('heading', { name: 'Your parcel' }).waitFor();
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Not sent yet');
  const history = page.getByRole('list').filter({ has: page.getByText('Data transmitted by the sender') });
  assert.equal(await history.getByRole('listitem').count(), 1);
  assert.match(await history.locator('time').first().getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  const checkout = requests.filter((p) => /\/element\/swiss-checkout/.test(p));
  assert.deepEqual(checkout, [], `no checkout code among ${requests.join(' ')}`);
  assert.ok(requests.includes('/aftersale/swiss-checkout-widget_bg.wasm'));
  // A day later on the sandbox's clock (what the order page's button posts), the parcel is on its way.
  const clock = order.getByRole('button', { name: /Move the sandbox's clock a day ahead/ });
  const token = await clock.locator('xpath=..').locator('input[name=token]').inputValue();
  const moved = await order.request.post(`${shared.proxy.url}/order/clock`, { form: { token }, maxRedirects: 0 });
  assert.equal(moved.status(), 303);
  assert.equal(moved.headers().location, `/aftersale/track.html?token=${token}`);
  await order.close();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'On its way');
  assert.equal(await page.locator('ol li').count(), 3);
  const tracking = page;
  // The four languages: texts, Swiss Post's titles asked again, axe-clean.
  for (const [lang, texts] of Object.entries(LANGS)) {
    await tracking.evaluate((l) => document.querySelector('swiss-checkout-tracking').setAttribute('lang', l), lang);
    await tracking.getByRole('heading', { name: texts.heading }).waitFor();
    await tracking.getByRole('heading', { name: texts.history }).waitFor();
    assert.deepEqual(await axeViolations(tracking, 'swiss-checkout-tracking'), [], lang);
  }
  assert.deepEqual([...problems, ...trackingProblems], []);
  await tracking.close();
});

test('the shopper orders the return with the keyboard alone and gets the labels', async () => {
  const { page, problems } = await placeOrder();
  await page.getByRole('link', { name: 'Return it (collected at the door)' }).click();
  const days = page.getByRole('group', { name: 'Collection day' });
  await days.getByRole('radio').first().waitFor();
  assert.ok(await page.getByText('Swiss Post collects the parcel at your door: Aarbergergasse 1, 3011 Bern').isVisible());
  for (const [lang, texts] of Object.entries(LANGS)) {
    await page.evaluate((l) => document.querySelector('swiss-checkout-return').setAttribute('lang', l), lang);
    await page.getByRole('heading', { name: texts.returnHeading }).waitFor();
    await page.getByRole('group', { name: texts.day }).waitFor();
    assert.deepEqual(await axeViolations(page, 'swiss-checkout-return'), [], lang);
  }
  await page.evaluate(() => document.querySelector('swiss-checkout-return').setAttribute('lang', 'en'));
  // Keyboard: into the days, the second one, the number of parcels, the button.
  const first = days.getByRole('radio').first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const chosen = await days.getByRole('radio').nth(1).getAttribute('value');
  assert.ok(await days.getByRole('radio').nth(1).isChecked());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText(/^Swiss Post collects your parcel on /).waitFor();
  const labels = page.getByRole('link', { name: /^Return label \d \(PDF\)$/ });
  assert.equal(await labels.count(), 2, 'two parcels, two labels');
  assert.match(await labels.first().getAttribute('href'), /^data:application\/pdf;base64,JVBERi0/);
  assert.ok(chosen);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link that is not valid says so and shows nothing else; the bundle\'s size', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/aftersale/track.html?token=not-a-valid-token`);
  await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent.includes('not valid'));
  assert.equal(await page.locator('ol').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('403')), []);
  await page.close();
  const folder = path.join(root, 'www/dist/aftersale');
  const kb = (file) => zlib.brotliCompressSync(fs.readFileSync(path.join(folder, file))).length / 1024;
  const total = ['swiss-checkout-widget_bg.wasm', 'swiss-checkout-aftersale.js', 'swiss-checkout-aftersale.css'].reduce((sum, f) => sum + kb(f), 0);
  console.log(`tracking-only page: ${total.toFixed(1)} KB brotli (no checkout code)`);
});
