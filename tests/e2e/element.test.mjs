// The <swiss-checkout> element (script-tag bundle, www/dist/element) on a plain page with the strictest CSP
// a shop would set: it renders, reports changes as events from the right element, two elements work
// independently, `lang` applies live, `required` reaches the form, removal cleans up; no CSP violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

test('two elements under a strict CSP: events from the right one, live lang, required, removal', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const shipping = page.getByRole('form', { name: 'Shipping' });
  const billing = page.getByRole('form', { name: 'Billing' });
  await shipping.getByRole('combobox', { name: 'Postcode or town' }).waitFor();
  await billing.getByRole('combobox', { name: 'PLZ oder Ort' }).waitFor();

  // Required and not complete: the form is invalid, with the element's message.
  assert.equal(await page.evaluate(() => document.getElementById('shipping').checkValidity()), false);
  assert.equal(await page.evaluate(() => document.getElementById('billing').checkValidity()), true);

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

  // Removing an element removes everything it added.
  const left = await page.evaluate(() => {
    const element = document.getElementById('bill');
    element.remove();
    return element.childElementCount;
  });
  assert.equal(left, 0);

  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});
