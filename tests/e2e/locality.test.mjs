// The postcode/locality field in headless Chromium against the real proxy and its sandbox, found by role
// and accessible name as a screen reader finds it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

/** Presses ArrowDown until the option named `name` is the active descendant; fails after `max` presses. */
async function arrowTo(page, combobox, name, max = 20) {
  const option = page.getByRole('option', { name, exact: true });
  const optionId = await option.getAttribute('id');
  for (let i = 0; i < max; i += 1) {
    await combobox.press('ArrowDown');
    if ((await combobox.getAttribute('aria-activedescendant')) === optionId) {
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      return;
    }
  }
  assert.fail(`${name} never became the active option`);
}

test('type 301, pick 3011 Bern with the arrow keys and Enter, read it back', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const combobox = page.getByRole('combobox', { name: 'Postcode or town' });
  await assert.doesNotReject(combobox.waitFor());
  assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
  assert.equal(await combobox.getAttribute('autocomplete'), 'postal-code');

  await combobox.pressSequentially('301', { delay: 40 });
  const listbox = page.getByRole('listbox', { name: 'Suggestions' });
  await listbox.getByRole('option', { name: '3011 Bern', exact: true }).waitFor();
  assert.equal(await combobox.getAttribute('aria-expanded'), 'true');
  assert.equal(await combobox.getAttribute('aria-controls'), await listbox.getAttribute('id'));
  const labels = await listbox.getByRole('option').allTextContents();
  assert.ok(labels.every((l) => l.startsWith('301')), labels.join(', '));
  await page.getByRole('status').filter({ hasText: /\d+ suggestions/ }).waitFor();

  await arrowTo(page, combobox, '3011 Bern');
  await combobox.press('Enter');

  assert.equal(await combobox.inputValue(), '3011 Bern');
  assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
  assert.equal(await combobox.getAttribute('aria-activedescendant'), null);
  await page.getByText('Chosen: 3011 Bern').waitFor();
  assert.equal(await page.locator('input[type=hidden][name=postcode]').inputValue(), '3011');
  assert.equal(await page.locator('input[type=hidden][name=town]').inputValue(), 'Bern');
  assert.deepEqual(problems, []);
  await page.close();
});

test('names without diacritics find the official spelling; mouse works too', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const combobox = page.getByRole('combobox', { name: 'Postcode or town' });
  await combobox.pressSequentially('zuri', { delay: 30 });
  await page.getByRole('option', { name: '8001 Zürich', exact: true }).click();
  assert.equal(await combobox.inputValue(), '8001 Zürich');
  await page.getByText('Chosen: 8001 Zürich').waitFor();
  await page.close();
});

test('?lang=de labels the field in German', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=de`);
  const combobox = page.getByRole('combobox', { name: 'PLZ oder Ort' });
  await combobox.pressSequentially('biel', { delay: 30 });
  await page.getByRole('option', { name: '2502 Biel/Bienne', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de-CH');
  await page.close();
});

test('a failed lookup keeps the typed text and says to go on by hand', async () => {
  const { page } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const combobox = page.getByRole('combobox', { name: 'Postcode or town' });
  await shared.proxy.setKnobs({ outage: true });
  try {
    // A query no earlier test made, so the proxy has nothing cached for it.
    await combobox.pressSequentially('Lugan', { delay: 30 });
    await page.getByText('Suggestions are not available right now').first().waitFor();
    assert.equal(await combobox.inputValue(), 'Lugan');
    assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
    assert.equal(await combobox.getAttribute('aria-busy'), 'false');
  } finally {
    await shared.proxy.setKnobs({ outage: false });
  }
  await combobox.pressSequentially('o', { delay: 30 });
  await page.getByRole('option', { name: '6900 Lugano', exact: true }).waitFor();
  await page.close();
});
