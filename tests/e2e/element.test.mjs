// The <swiss-checkout> element (script-tag bundle, www/dist/element) on a plain page with the strictest CSP
// a shop would set: it renders, reports changes as events from the right element, two elements work
// independently, `lang` applies live, `required` reaches the form, removal cleans up; no CSP violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations, chooseEveningWindow, echoedFields, enterBernAddress, openPage, sharedProxyAndBrowser,
} from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

test('two elements under a strict CSP: events from the right one, live lang, required, removal', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const shipping = page.getByRole('form', { name: 'Shipping' });
  const billing = page.getByRole('form', { name: 'Billing' });
  await shipping.getByRole('combobox', { name: 'Postcode or town' }).waitFor();
  await billing.getByRole('combobox', { name: 'PLZ oder Ort' }).waitFor();

  // The billing element shows only the address part (parts="address").
  assert.equal(await billing.getByRole('radiogroup').count(), 0);
  assert.equal(await shipping.getByRole('radiogroup', { name: 'Delivery' }).count(), 1);

  // Required and not complete: the form is invalid, with the element's message.
  assert.equal(await page.evaluate(() => document.getElementById('shipping').checkValidity()), false);
  assert.equal(await page.evaluate(() => document.getElementById('billing').checkValidity()), true);
  // `required` applies live, both ways.
  assert.equal(await page.evaluate(() => {
    document.getElementById('bill').setAttribute('required', '');
    return document.getElementById('billing').checkValidity();
  }), false);
  assert.equal(await page.evaluate(() => {
    document.getElementById('bill').removeAttribute('required');
    return document.getElementById('billing').checkValidity();
  }), true);

  const field = shipping.getByRole('combobox', { name: 'Postcode or town' });
  await field.pressSequentially('3011', { delay: 25 });
  await shipping.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.waitForFunction(() => window.swissCheckoutEvents.some((e) => e.detail?.address?.postcode === '3011'));
  const events = await page.evaluate(() => window.swissCheckoutEvents);
  assert.ok(events.every((e) => e.target === 'ship'), 'only the shipping element reported');
  assert.equal(events.at(-1).type, 'swiss-checkout:change');
  assert.equal(events.at(-1).detail.address.town, 'Bern');
  assert.equal(await page.evaluate(() => document.getElementById('ship').value.address.postcode), '3011');
  assert.equal(await billing.getByRole('combobox', { name: 'PLZ oder Ort' }).inputValue(), '');
  assert.equal(await page.locator('input[type=hidden][name=shipping_postcode]').inputValue(), '3011');

  // Ids are unique across both elements.
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicates, []);

  // `lang` applies live and keeps what was entered.
  await page.evaluate(() => document.getElementById('ship').setAttribute('lang', 'fr'));
  await shipping.getByRole('combobox', { name: 'NPA ou localité' }).waitFor();
  assert.equal(await shipping.getByRole('combobox', { name: 'NPA ou localité' }).inputValue(), '3011 Bern');

  assert.deepEqual(await axeViolations(page, 'main'), []);

  // Removing an element for good (still detached once the task is over) removes everything it added.
  const left = await page.evaluate(async () => {
    const element = document.getElementById('bill');
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return element.childElementCount;
  });
  assert.equal(left, 0);

  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('the demo page is served under the strict CSP, and a violation would fail a test', async () => {
  const page = await shared.browser.context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  const response = await page.goto(`${shared.proxy.url}/?lang=en`);
  assert.equal(response.headers()['content-security-policy'],
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'");
  // The demo runs (its loader is a file, not inline) ...
  await page.getByRole('combobox', { name: 'Postcode or town' }).waitFor();
  assert.deepEqual(problems, []);
  // ... and what the policy forbids is refused and reported, as every browser test checks.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    document.body.setAttribute('style', 'color: red');
  });
  const violations = () => problems.filter((p) => p.startsWith('CSP violation')).map((p) => p.split(' blocked')[0]);
  for (let i = 0; i < 50 && violations().length < 2; i += 1) await page.waitForTimeout(20);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined);
  assert.deepEqual(violations().sort(), ['CSP violation: script-src-elem', 'CSP violation: style-src-attr']);
  await page.close();
});

test('the example shop form posts the selection with no shop JavaScript', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/shop.html`);
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Full name').fill('Anna Muster');
  await form.getByLabel('E-mail address').fill('anna@example.ch');
  await enterBernAddress(form);
  await chooseEveningWindow(form);
  await form.getByRole('button', { name: 'Place order' }).click();
  const received = await echoedFields(page);
  assert.equal(received.customer_name, 'Anna Muster');
  assert.equal(received.shipping_postcode, '3011');
  assert.equal(received.shipping_town, 'Bern');
  assert.equal(received.shipping_street, 'Aarbergergasse');
  assert.equal(received.shipping_house_number, '1');
  assert.equal(received.shipping_delivery_kind, 'evening');
  assert.match(received.shipping_delivery_product_codes, /^ZF17301900,PRI$/);
  // Only the shop's own fields and the widget's prefixed hidden fields post: its radio buttons never do.
  const foreign = Object.keys(received).filter((name) => !/^(customer|shipping)_/.test(name));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('a page downloads the texts of the languages it shows; another is fetched when asked for, and one that fails changes nothing', async () => {
  const context = shared.browser.context;
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const texts = [];
  page.on('request', (request) => {
    const file = /texts-(\w+)\.json$/.exec(new URL(request.url()).pathname);
    if (file) texts.push(file[1]);
  });
  await page.route('**/texts-fr.json', (route) => route.abort());
  await page.goto(`${shared.proxy.url}/element/example.html`);
  const billing = page.getByRole('form', { name: 'Billing' });
  const shipping = page.getByRole('form', { name: 'Shipping' });
  await shipping.getByRole('combobox', { name: 'Postcode or town' }).waitFor();
  const locality = billing.getByRole('combobox', { name: 'PLZ oder Ort' });
  await locality.pressSequentially('3011', { delay: 10 });
  // An English and a German element: those two files, nothing of French or Italian.
  assert.deepEqual([...texts].sort(), ['de', 'en']);
  // French cannot be had: the element stays German, with what was typed.
  const frenchFailed = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/texts-fr.json'));
  await page.evaluate(() => document.getElementById('bill').setAttribute('lang', 'fr'));
  await frenchFailed;
  await page.waitForTimeout(200);
  assert.equal(await locality.inputValue(), '3011');
  assert.equal(await billing.locator('.swiss-checkout').getAttribute('lang'), 'de-CH');
  // Italian is fetched once asked for, and shown.
  await page.evaluate(() => document.getElementById('bill').setAttribute('lang', 'it'));
  await billing.getByRole('combobox', { name: 'NPA o località' }).waitFor();
  assert.equal(await billing.getByRole('combobox', { name: 'NPA o località' }).inputValue(), '3011');
  assert.equal(await billing.locator('.swiss-checkout').getAttribute('lang'), 'it-CH');
  // French again once it can be had: asked for anew.
  await page.unroute('**/texts-fr.json');
  await page.evaluate(() => document.getElementById('bill').setAttribute('lang', 'fr'));
  await billing.getByRole('combobox', { name: 'NPA ou localité' }).waitFor();
  // Each language fetched once, French twice: the failed fetch and the one that worked.
  assert.deepEqual([...texts].sort(), ['de', 'en', 'fr', 'fr', 'it']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an address-only element is complete with the address; the form\'s message is in its language', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const billing = page.getByRole('form', { name: 'Billing' });
  await billing.getByRole('combobox', { name: 'PLZ oder Ort' }).waitFor();
  const message = () => page.evaluate(() => {
    const form = document.getElementById('billing');
    return form.checkValidity() ? '' : document.getElementById('bill').validationMessage;
  });
  await page.evaluate(() => document.getElementById('bill').setAttribute('required', ''));
  assert.equal(await message(), 'Bitte geben Sie die Adresse ein.');
  await page.evaluate(() => document.getElementById('bill').setAttribute('lang', 'fr'));
  // Shown once the French texts are here (fetched now: the page had none in French).
  await billing.getByRole('combobox', { name: 'NPA ou localité' }).waitFor();
  assert.equal(await message(), 'Veuillez saisir l’adresse.');
  await billing.getByRole('combobox', { name: 'NPA ou localité' }).pressSequentially('3011', { delay: 25 });
  await billing.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await billing.getByRole('combobox', { name: 'Rue' }).pressSequentially('aarb', { delay: 25 });
  await billing.getByRole('option', { name: 'Aarbergergasse', exact: true }).click();
  // A street alone is not yet an address: the form stays invalid until the house number.
  assert.equal(await message(), 'Veuillez saisir l’adresse.');
  await billing.getByRole('combobox', { name: 'Numéro' }).pressSequentially('1', { delay: 25 });
  await page.waitForFunction(() => document.getElementById('billing').checkValidity());
  assert.equal(await message(), '');
  // The shipping element beside it, with the delivery part, is still missing its address and delivery.
  assert.equal(await page.evaluate(() => document.getElementById('ship').validationMessage),
    'Please enter the delivery address and choose a delivery.');
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('complete: the event with the whole selection, the form valid; a form reset clears it all', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const shipping = page.getByRole('form', { name: 'Shipping' });
  await enterBernAddress(shipping);
  // The shop's default, standard delivery on its earliest day, is chosen from the start: with the address,
  // the selection is complete.
  await page.waitForFunction(() => window.swissCheckoutEvents.some((e) => e.type === 'swiss-checkout:complete'));
  const evening = await chooseEveningWindow(shipping);
  await page.waitForFunction(() => document.getElementById('ship').value.delivery?.kind === 'evening');
  const completes = await page.evaluate(() => window.swissCheckoutEvents.filter((e) => e.type === 'swiss-checkout:complete'));
  assert.equal(completes.length, 1, 'complete is sent once, when the selection becomes complete');
  const { detail } = completes[0];
  assert.equal(completes[0].target, 'ship');
  assert.deepEqual([detail.address.postcode, detail.address.town, detail.address.street, detail.address.house_number],
    ['3011', 'Bern', 'Aarbergergasse', '1']);
  assert.equal(detail.delivery.kind, 'standard');
  assert.equal(detail.delivery.price_centimes, 400);
  assert.equal(detail.pickup, undefined);
  const last = await page.evaluate(() => window.swissCheckoutEvents.at(-1));
  assert.equal(last.type, 'swiss-checkout:change');
  assert.equal(last.detail.delivery.kind, 'evening');
  assert.equal(last.detail.delivery.price_centimes, 900);
  assert.equal(last.detail.address.verified, true);
  assert.equal(await page.evaluate(() => document.getElementById('shipping').checkValidity()), true);

  // A setting that starts the widget again (here a publishable key, once the shop has one) keeps what was
  // entered and chosen.
  await page.evaluate(() => document.getElementById('ship').setAttribute('key', 'pk_example'));
  await page.waitForFunction(() => document.querySelector('#ship [role=radiogroup]')?.getAttribute('aria-busy') === 'false');
  assert.equal(await shipping.getByRole('combobox', { name: 'Postcode or town' }).inputValue(), '3011 Bern');
  assert.equal(await shipping.getByRole('combobox', { name: 'Street' }).inputValue(), 'Aarbergergasse');
  assert.equal(await shipping.getByRole('combobox', { name: 'House number' }).inputValue(), '1');
  await page.getByText('Address confirmed by Swiss Post.').waitFor();
  assert.ok(await evening.isChecked(), 'the evening window is still chosen');
  assert.equal(await page.evaluate(() => document.getElementById('ship').value.delivery.kind), 'evening');
  assert.equal(await page.evaluate(() => document.getElementById('shipping').checkValidity()), true);

  // A form reset clears the widget, its hidden fields and the validity.
  await page.evaluate(() => document.getElementById('shipping').reset());
  const field = shipping.getByRole('combobox', { name: 'Postcode or town' });
  await field.waitFor();
  assert.equal(await field.inputValue(), '');
  assert.equal(await page.evaluate(() => document.getElementById('ship').value.address.postcode), '');
  assert.equal(await page.evaluate(() => document.getElementById('ship').value.delivery), undefined);
  assert.equal(await page.locator('input[type=hidden][name=shipping_postcode]').inputValue(), '');
  assert.equal(await page.evaluate(() => document.getElementById('shipping').checkValidity()), false);

  // The pickup part works from the bundle too: Leaflet comes from the element's own folder.
  await shipping.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await shipping.getByRole('listbox', { name: 'Pickup points' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#ship .leaflet-container path'));
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('the address-only build: the element without delivery and pickup, posting its fields', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element-address/`);
  const form = page.getByRole('form', { name: 'Rechnungsadresse' });
  await form.getByRole('combobox', { name: 'PLZ oder Ort' }).pressSequentially('3011', { delay: 25 });
  await form.getByRole('option', { name: '3011 Bern', exact: true }).click();
  assert.equal(await page.getByRole('radiogroup').count(), 0, 'no delivery or pickup part in this build');
  assert.equal(await page.evaluate(() => document.querySelector('form').checkValidity()), false);
  await form.getByRole('combobox', { name: 'Strasse' }).pressSequentially('aarb', { delay: 25 });
  await form.getByRole('option', { name: 'Aarbergergasse', exact: true }).click();
  await form.getByRole('combobox', { name: 'Hausnummer' }).pressSequentially('1', { delay: 25 });
  await form.getByRole('option', { name: '1', exact: true }).click();
  await page.getByText('Adresse von der Post bestätigt.').waitFor();
  await page.waitForFunction(() => document.querySelector('form').checkValidity());
  await form.getByRole('button', { name: 'Weiter' }).click();
  const received = await echoedFields(page);
  assert.equal(received.billing_postcode, '3011');
  assert.equal(received.billing_street, 'Aarbergergasse');
  assert.equal(received.billing_house_number, '1');
  assert.equal(received.billing_delivery_kind, undefined);
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('the pickup part is a chunk of its own: fetched on first opening; a failed fetch keeps everything and can be retried', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const chunks = [];
  page.on('request', (request) => { if (/split_.*\.wasm$/.test(request.url())) chunks.push(request.url()); });
  const shipping = page.getByRole('form', { name: 'Shipping' });
  await shipping.getByRole('combobox', { name: 'Postcode or town' }).pressSequentially('3011', { delay: 25 });
  await shipping.getByRole('option', { name: '3011 Bern', exact: true }).click();
  assert.deepEqual(chunks, [], 'nothing of the pickup part before it is opened');

  // The network drops the chunk: the shopper is told, and what was entered stays.
  await page.route('**/split_pickup.wasm', (route) => route.abort());
  await shipping.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await shipping.getByRole('alert').filter({ hasText: 'Pickup points could not be loaded' }).waitFor();
  assert.equal(await shipping.getByRole('combobox', { name: 'Postcode or town' }).inputValue(), '3011 Bern');
  assert.equal(await page.evaluate(() => document.getElementById('ship').value.address.postcode), '3011');

  // Back online: opening the part again fetches it anew.
  await page.unroute('**/split_pickup.wasm');
  await shipping.getByRole('radio', { name: 'Home delivery' }).check();
  await shipping.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await shipping.getByRole('listbox', { name: 'Pickup points' }).waitFor();
  assert.equal(chunks.length, 2, 'one failed fetch, one that worked');
  await shipping.getByRole('radio', { name: 'Home delivery' }).check();
  await shipping.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await shipping.getByRole('listbox', { name: 'Pickup points' }).waitFor();
  assert.equal(chunks.length, 2, 'once loaded, never fetched again');
  const expected = (p) => p.includes('favicon') || /ERR_FAILED|Failed to fetch|TypeError/.test(p);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await page.close();
});

// Last in this file: the outage may leave the proxy's circuit breaker open for a few seconds.
test('a failed lookup: swiss-checkout:error with the selection and what failed, the typed text kept', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const shipping = page.getByRole('form', { name: 'Shipping' });
  const field = shipping.getByRole('combobox', { name: 'Postcode or town' });
  await field.waitFor();
  await shared.proxy.setKnobs({ outage: true });
  try {
    // A query no other test makes, so the proxy has nothing cached for it.
    await field.pressSequentially('Sion', { delay: 30 });
    await page.waitForFunction(() => window.swissCheckoutEvents.some((e) => e.type === 'swiss-checkout:error'));
  } finally {
    await shared.proxy.setKnobs({ outage: false });
  }
  const failure = await page.evaluate(() => window.swissCheckoutEvents.find((e) => e.type === 'swiss-checkout:error'));
  assert.equal(failure.target, 'ship');
  assert.equal(failure.detail.error.request, '/v1/localities');
  assert.equal(failure.detail.error.reason, 'problem');
  assert.ok(failure.detail.error.problem.status >= 500, `status ${failure.detail.error.problem.status}`);
  assert.equal(typeof failure.detail.error.problem.title, 'string');
  assert.deepEqual(Object.keys(failure.detail.address).sort(),
    ['house_number', 'postcode', 'street', 'town', 'verified'], 'the selection comes with it');
  assert.equal(await field.inputValue(), 'Sion');
  // The failed answers are the only problems the page saw.
  const expected = (p) => /HTTP 50\d: .*\/v1\/localities|status of 50\d/.test(p) || p.includes('favicon');
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await page.close();
});
