// Never blocked (sandbox mode): the example shop's checkout takes typing before its wasm has arrived and
// without it. With WebAssembly removed from the page, with the wasm download failing, under a Content
// Security Policy without 'wasm-unsafe-eval', and with the wasm waited for too long, the plain address fields
// stay, the order is placed and received (address_verified=false), the shop's server checks it with Swiss Post
// and ships standard delivery; the element says why in swiss-checkout:error. With the wasm arriving 8 s late
// while the shopper types, the widget takes over what was typed, the field the shopper is in and the caret,
// and goes on with suggestions. With the element's script blocked (JavaScript off for it) the fields the
// shop's server rendered post all the same. The plain fields are clean under axe-core in four languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, echoedFields, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

/**
 * The example shop with `setup(page)` run before it loads (routes, init scripts); records the reasons of
 * `swiss-checkout:error` in `window.fallbackReasons` and the page's problems.
 */
async function openShop(setup = async () => {}) {
  const page = await shared.browser.context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    window.fallbackReasons = [];
    document.addEventListener('swiss-checkout:error', (event) => {
      if (event.detail?.reason) window.fallbackReasons.push(event.detail.reason);
    });
  });
  await setup(page);
  await page.goto(`${shared.proxy.url}/element/shop.html`);
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Full name').fill('Anna Muster');
  await form.getByLabel('E-mail address').fill('anna@example.ch');
  return { page, form, problems };
}

/** The reason the element gave for keeping its plain fields, once it gave one. */
async function fallbackReason(page) {
  await page.waitForFunction(() => window.fallbackReasons.length > 0, null, { timeout: 30_000 });
  return page.evaluate(() => window.fallbackReasons);
}

/** Types the Bern address into the plain fields. */
async function typePlainAddress(form) {
  await form.getByRole('textbox', { name: 'Postcode' }).fill('3011');
  await form.getByRole('textbox', { name: 'Town' }).fill('Bern');
  await form.getByRole('textbox', { name: 'Street' }).fill('Kramgasse');
  await form.getByRole('textbox', { name: 'House number' }).fill('49');
}

/** Places the order with the plain fields and checks what the shop's server received and did. */
async function placeAndCheck(page, form) {
  await form.getByRole('button', { name: 'Place order' }).click();
  const received = await echoedFields(page);
  assert.equal(received.shipping_postcode, '3011');
  assert.equal(received.shipping_town, 'Bern');
  assert.equal(received.shipping_street, 'Kramgasse');
  assert.equal(received.shipping_house_number, '49');
  assert.equal(received.shipping_address_verified, 'false');
  assert.equal(received.shipping_delivery_option, undefined, 'no delivery was chosen');
  const checked = page.getByRole('region', { name: "Checked by the shop's server" });
  await checked.getByText('confirmed by Swiss Post').waitFor();
  assert.match(await checked.textContent(), /ships standard delivery on \d{4}-\d\d-\d\d/);
  await page.getByRole('heading', { name: 'The parcel label' }).waitFor();
  await page.locator('dl.shop-label').waitFor();
}

test('an order placed and received with WebAssembly removed from the page', async () => {
  const { page, form, problems } = await openShop((p) => p.addInitScript(() => { delete window.WebAssembly; }));
  assert.deepEqual(await fallbackReason(page), ['no-webassembly']);
  // Each field required when the element is; here the shop's element is not: the form posts as typed.
  await typePlainAddress(form);
  assert.equal(await page.locator('swiss-checkout').evaluate((e) => e.value.address.street), 'Kramgasse');
  await placeAndCheck(page, form);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an order placed and received when the wasm download fails', async () => {
  const { page, form, problems } = await openShop((p) => p.route('**/*.wasm', (route) => route.abort()));
  assert.deepEqual(await fallbackReason(page), ['failed']);
  await typePlainAddress(form);
  await placeAndCheck(page, form);
  // Only the browser's own line for the download that failed.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), []);
  await page.close();
});

test("under a Content Security Policy without 'wasm-unsafe-eval' the plain fields stay and the order goes out", async () => {
  const { page, form, problems } = await openShop((p) => p.route('**/element/shop.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(" 'wasm-unsafe-eval'", '');
    await route.fulfill({ response, body });
  }));
  assert.deepEqual(await fallbackReason(page), ['blocked']);
  await typePlainAddress(form);
  await placeAndCheck(page, form);
  assert.ok(problems.every((p) => /CSP violation|WebAssembly|wasm/i.test(p)), problems.join('\n'));
  await page.close();
});

test('a wasm that does not arrive within wasm-timeout: the plain fields stay, even once it arrives', async () => {
  const { page, form } = await openShop(async (p) => {
    await p.route('**/element/shop.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<swiss-checkout ', '<swiss-checkout wasm-timeout="300" ');
      await route.fulfill({ response, body });
    });
    await p.route('**/*.wasm', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue().catch(() => {});
    });
  });
  assert.deepEqual(await fallbackReason(page), ['timeout']);
  await typePlainAddress(form);
  await page.waitForTimeout(2_500);
  assert.equal(await form.getByRole('textbox', { name: 'Street' }).inputValue(), 'Kramgasse', 'still the plain field');
  await placeAndCheck(page, form);
  await page.close();
});

test('the wasm 8 s late while the shopper types: what was typed, the focus and the caret are kept', async () => {
  const { page, form, problems } = await openShop((p) => p.route('**/*.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await route.continue().catch(() => {});
  }));
  await form.getByRole('textbox', { name: 'Postcode' }).pressSequentially('3011', { delay: 30 });
  await form.getByRole('textbox', { name: 'Town' }).pressSequentially('Bern', { delay: 30 });
  const plainStreet = form.getByRole('textbox', { name: 'Street' });
  await plainStreet.pressSequentially('Kramgas', { delay: 30 });
  // The caret between "Kram" and "gas", where the shopper put it.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
  const before = await plainStreet.boundingBox();
  assert.ok(before, 'the plain street field is on the page');
  // The widget arrives: the same field, now a combobox with suggestions, focused, the caret where it was.
  const street = form.getByRole('combobox', { name: 'Street' });
  await street.waitFor({ timeout: 30_000 });
  assert.equal(await form.getByRole('combobox', { name: 'Postcode or town' }).inputValue(), '3011 Bern');
  assert.equal(await street.inputValue(), 'Kramgas');
  assert.equal(await street.evaluate((input) => input === document.activeElement), true, 'focus kept');
  assert.deepEqual(await street.evaluate((input) => [input.selectionStart, input.selectionEnd]), [4, 4]);
  assert.equal(await form.getByRole('textbox', { name: 'Street' }).count(), 0, 'the plain fields are gone');
  // Nothing moved: the plain fields take the room the widget's fields take.
  const after = await street.boundingBox();
  assert.ok(Math.abs(after.y - before.y) <= 2, `the street field moved ${after.y - before.y} px when the widget took over`);
  await form.getByRole('option', { name: 'Kramgasse', exact: true }).click();
  const number = form.getByRole('combobox', { name: 'House number' });
  await number.pressSequentially('49', { delay: 30 });
  await form.getByRole('option', { name: '49', exact: true }).click();
  await form.getByText('Address confirmed by Swiss Post.').waitFor();
  assert.deepEqual(await page.evaluate(() => window.fallbackReasons), []);
  await form.getByRole('button', { name: 'Place order' }).click();
  const received = await echoedFields(page);
  assert.equal(received.shipping_street, 'Kramgasse');
  assert.equal(received.shipping_address_verified, 'true');
  assert.ok(received.shipping_delivery_option, 'the widget chose the standard delivery');
  assert.deepEqual(problems, []);
  await page.close();
});

test("with the element's script blocked, the fields the shop's server rendered post the order", async () => {
  const { page, form } = await openShop((p) => p.route('**/element/swiss-checkout.js', (route) => route.abort()));
  await typePlainAddress(form);
  await placeAndCheck(page, form);
  await page.close();
});

test('the plain fields are labelled and clean under axe-core in German, French, Italian and English', async () => {
  const { page, form } = await openShop((p) => p.addInitScript(() => { delete window.WebAssembly; }));
  await fallbackReason(page);
  const element = page.locator('swiss-checkout');
  const names = {
    de: ['PLZ', 'Ort', 'Strasse', 'Hausnummer', 'Lieferadresse'],
    fr: ['NPA', 'Localité', 'Rue', 'Numéro', 'Adresse de livraison'],
    it: ['NPA', 'Località', 'Via', 'Numero civico', 'Indirizzo di consegna'],
    en: ['Postcode', 'Town', 'Street', 'House number', 'Delivery address'],
  };
  for (const [lang, [postcode, town, street, number, legend]] of Object.entries(names)) {
    await element.evaluate((e, l) => e.setAttribute('lang', l), lang);
    for (const name of [postcode, town, street, number]) {
      await form.getByRole('textbox', { name, exact: true }).waitFor();
    }
    await form.getByRole('group', { name: legend }).waitFor();
    assert.deepEqual(await axeViolations(page, 'swiss-checkout'), [], lang);
  }
  // required on the element: each plain field required, as the browser checks it.
  await element.evaluate((e) => e.setAttribute('required', ''));
  assert.equal(await form.getByRole('textbox', { name: 'Postcode' }).evaluate((i) => i.required), true);
  await page.close();
});
