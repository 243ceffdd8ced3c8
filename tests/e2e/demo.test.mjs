// The demo page (/) is the element bundle shops ship, with a live view of what a shop's page receives; the
// Leptos demo built by Trunk (/leptos/) still works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { enterBernAddress, openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

test('the demo loads the shipped element and shows, live, the events, the fields and the selection', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=en`);
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  // Everything the element fires, recorded on the page for comparison with what the demo shows.
  await page.evaluate(() => {
    window.fired = [];
    for (const type of ['swiss-checkout:change', 'swiss-checkout:complete']) {
      document.querySelector('swiss-checkout').addEventListener(type, (event) => window.fired.push(event.detail));
    }
  });
  await enterBernAddress(page);
  await page.getByText('Chosen: Aarbergergasse 1, 3011 Bern (verified)').waitFor();

  const events = page.getByRole('list', { name: 'Events' });
  assert.match(await events.getByRole('listitem').first().textContent(), /swiss-checkout:change/);
  const fields = page.getByRole('table', { name: 'Form fields that would post' });
  await fields.getByRole('row', { name: 'postcode 3011' }).waitFor();
  await fields.getByRole('row', { name: 'address_verified true' }).waitFor();
  // The JSON view is the detail of the last change event.
  const shown = JSON.parse(await page.locator('#selection-json').textContent());
  const last = await page.evaluate(() => window.fired.at(-1));
  assert.deepEqual(shown, last);
  assert.equal(shown.address.postcode, '3011');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the demo switches language without losing what was entered', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=en`);
  await enterBernAddress(page);
  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('combobox', { name: 'NPA ou localité' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'NPA ou localité' }).inputValue(), '3011 Bern');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr-CH');
  assert.match(page.url(), /\?lang=fr$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Leptos demo built by Trunk mounts the widget from Rust, map included', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/leptos/?lang=en`);
  const field = page.getByRole('combobox', { name: 'Postcode or town' });
  await field.pressSequentially('3011', { delay: 25 });
  await page.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.getByText('Chosen: 3011 Bern').waitFor();
  // The map loads Leaflet from the copy Trunk put beside the page.
  await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await page.waitForFunction(() => document.querySelector('.leaflet-container path'));
  assert.deepEqual(problems, []);
  await page.close();
});
