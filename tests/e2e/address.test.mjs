// The whole address part in headless Chromium against the proxy and its sandbox: keyboard only, manual
// entry, upstream failure mid-way, language switch mid-way, the offered correction, and axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openPage, sharedProxyAndBrowser, startProxy } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

const fields = (page, labels = ['Postcode or town', 'Street', 'House number']) =>
  labels.map((name) => page.getByRole('combobox', { name }));

/** Presses ArrowDown until the option named `name` is active, then Enter. */
async function pick(page, combobox, name) {
  const option = page.getByRole('option', { name, exact: true, includeHidden: true });
  // Attached is enough: ArrowDown opens a collapsed list (focus may have left the field meanwhile).
  await option.waitFor({ state: 'attached' });
  const optionId = await option.getAttribute('id');
  for (let i = 0; i < 25; i += 1) {
    await combobox.press('ArrowDown');
    if ((await combobox.getAttribute('aria-activedescendant')) === optionId) {
      await combobox.press('Enter');
      return;
    }
  }
  assert.fail(`${name} never became the active option`);
}

const hidden = (page, name) => page.locator(`input[type=hidden][name=${name}]`).inputValue();

test('the full address with the keyboard alone, validated and verified', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const [locality, street, number] = fields(page);
  await locality.waitFor();
  // From the top of the page, Tab reaches the language switch and then the first field.
  await page.keyboard.press('Tab');
  while (!(await locality.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');

  await page.keyboard.type('3011', { delay: 30 });
  await pick(page, locality, '3011 Bern');
  await page.keyboard.press('Tab');
  assert.ok(await street.evaluate((el) => el === document.activeElement), 'Tab goes on to the street');
  await page.keyboard.type('aarb', { delay: 30 });
  await pick(page, street, 'Aarbergergasse');
  await page.keyboard.press('Tab');
  assert.ok(await number.evaluate((el) => el === document.activeElement), 'Tab goes on to the house number');
  await page.keyboard.type('1', { delay: 30 });
  await pick(page, number, '1');

  await page.getByRole('status').filter({ hasText: 'Address confirmed by Swiss Post.' }).waitFor();
  await page.getByText('Chosen: Aarbergergasse 1, 3011 Bern (verified)').waitFor();
  assert.equal(await hidden(page, 'postcode'), '3011');
  assert.equal(await hidden(page, 'town'), 'Bern');
  assert.equal(await hidden(page, 'street'), 'Aarbergergasse');
  assert.equal(await hidden(page, 'house_number'), '1');
  assert.equal(await hidden(page, 'address_verified'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an address outside the data is typed by hand and marked not verified', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const [locality, street, number] = fields(page);
  await locality.pressSequentially('8001', { delay: 30 });
  await pick(page, locality, '8001 Zürich');
  await street.pressSequentially('Bahnhofstrasse', { delay: 20 });
  await page.getByText('No matching street known. You can type it yourself.').waitFor();
  await number.fill('1');
  await number.press('Tab');
  await page.getByRole('status').filter({ hasText: 'the street or house number could not be confirmed' }).waitFor();
  await page.getByText('Chosen: Bahnhofstrasse 1, 8001 Zürich (not verified)').waitFor();
  assert.equal(await hidden(page, 'address_verified'), 'false');

  // A postcode the data does not know: typed, kept, and said not to fit.
  await locality.fill('');
  await locality.pressSequentially('9999 Testort', { delay: 20 });
  await page.getByText('No matching postcode or town').waitFor();
  await number.fill('2');
  await number.press('Tab');
  await page.getByRole('status').filter({ hasText: 'Postcode and town do not belong together' }).waitFor();
  assert.equal(await locality.inputValue(), '9999 Testort');
  assert.equal(await hidden(page, 'postcode'), '9999');
  assert.equal(await hidden(page, 'town'), 'Testort');
  await page.close();
});

test('the sandbox fails mid-way and the shopper still finishes', async () => {
  // A proxy of its own, so nothing cached by other tests answers in the sandbox's place.
  const failing = await startProxy();
  try {
  const { page } = await openPage(shared.browser.context, `${failing.url}/`);
  const [locality, street, number] = fields(page);
  await locality.pressSequentially('3013', { delay: 30 });
  await pick(page, locality, '3013 Bern');
  await failing.setKnobs({ outage: true });
  await street.pressSequentially('Breitenr', { delay: 20 });
  await page.getByText('Suggestions are not available right now. You can type it yourself.').first().waitFor();
  await street.pressSequentially('ainstrasse', { delay: 10 });
  await number.fill('12');
  await number.press('Tab');
  await page.getByText('The address could not be checked right now. You can still continue.').waitFor();
  assert.equal(await locality.inputValue(), '3013 Bern');
  assert.equal(await street.inputValue(), 'Breitenrainstrasse');
  assert.equal(await number.inputValue(), '12');
  await page.getByText('Chosen: Breitenrainstrasse 12, 3013 Bern (not verified)').waitFor();
  await page.close();
  } finally {
    await failing.stop();
  }
});

test('switching language mid-way keeps what was entered', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const [locality, street] = fields(page);
  await locality.pressSequentially('3011', { delay: 30 });
  await pick(page, locality, '3011 Bern');
  await street.pressSequentially('Aarberger', { delay: 20 });

  await page.getByRole('button', { name: 'Deutsch' }).click();
  const [plz, strasse, hausnummer] = fields(page, ['PLZ oder Ort', 'Strasse', 'Hausnummer']);
  assert.equal(await plz.inputValue(), '3011 Bern');
  assert.equal(await strasse.inputValue(), 'Aarberger');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de-CH');
  assert.equal(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed'), 'true');
  await pick(page, strasse, 'Aarbergergasse');
  await hausnummer.pressSequentially('1', { delay: 30 });
  await pick(page, hausnummer, '1');
  await page.getByRole('status').filter({ hasText: 'Adresse von der Post bestätigt.' }).waitFor();

  await page.getByRole('button', { name: 'Français' }).click();
  assert.equal(await page.getByRole('combobox', { name: 'Rue' }).inputValue(), 'Aarbergergasse');
  await page.getByRole('status').filter({ hasText: 'Adresse confirmée par La Poste.' }).waitFor();
  await page.close();
});

test('a corrected spelling is offered, not forced', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const [locality, street, number] = fields(page);
  await locality.pressSequentially('3011', { delay: 30 });
  await pick(page, locality, '3011 Bern');
  await street.fill('aarbergergasse');
  await number.fill('1');
  await number.press('Tab');
  await page.getByText('Did you mean: Aarbergergasse 1, 3011 Bern?').waitFor();
  assert.equal(await street.inputValue(), 'aarbergergasse', 'nothing changes before the shopper agrees');
  await page.getByRole('button', { name: 'Use this spelling' }).click();
  assert.equal(await street.inputValue(), 'Aarbergergasse');
  await page.getByText('Chosen: Aarbergergasse 1, 3011 Bern (verified)').waitFor();
  await page.close();
});

for (const [tag, labels] of [
  ['de', ['PLZ oder Ort', 'Strasse', 'Hausnummer']],
  ['fr', ['NPA ou localité', 'Rue', 'Numéro']],
  ['it', ['NPA o località', 'Via', 'Numero civico']],
  ['en', ['Postcode or town', 'Street', 'House number']],
]) {
  test(`axe-core finds no violations in the address part (${tag}), closed and open`, async () => {
    const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=${tag}`);
    const [locality, street] = fields(page, labels);
    await locality.waitFor();
    assert.deepEqual(await axeViolations(page, '.swiss-checkout'), []);
    await locality.pressSequentially('3011', { delay: 20 });
    await pick(page, locality, '3011 Bern');
    await street.pressSequentially('a', { delay: 20 });
    await page.getByRole('option').first().waitFor();
    await street.press('ArrowDown');
    assert.deepEqual(await axeViolations(page, '.swiss-checkout'), []);
    assert.deepEqual(await axeViolations(page, 'body'), []);
    await page.close();
  });
}
