// Swiss places as shoppers type them, in headless Chromium against the real proxy and its sandbox: every query
// of the place search's table (crates/places/data/queries.json) typed into the widget's postcode/town field,
// the first suggestion read by role and name as a screen reader reads it; and the German shopper who types
// "Genf", chooses "1201 Genève (Genf)" with the keyboard, and posts Genève.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { echoedFields, openPage, root, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
const table = JSON.parse(fs.readFileSync(path.join(root, 'crates/places/data/queries.json'), 'utf8'));

test('every query of the table shows its place first', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/`);
  const combobox = page.getByRole('combobox', { name: 'Postcode or town' });
  const listbox = page.getByRole('listbox', { name: 'Suggestions' });
  const wrong = [];
  for (const { typed, first, other_name: otherName } of table.queries) {
    const want = otherName ? `${first} (${otherName})` : first;
    await combobox.fill('');
    await combobox.fill(typed);
    const option = listbox.getByRole('option').first();
    try {
      await option.waitFor({ timeout: 5000 });
      // The list may still show the answer to the text before: wait for the one to this text.
      await page.waitForFunction(
        ([name]) => document.querySelector('[role=listbox] [role=option]')?.textContent.trim() === name,
        [want],
        { timeout: 3000 },
      ).catch(() => {});
      const name = (await option.textContent()).trim();
      if (name !== want) wrong.push(`${JSON.stringify(typed)}: ${name}, want ${want}`);
    } catch {
      wrong.push(`${JSON.stringify(typed)}: no suggestion, want ${want}`);
    }
  }
  assert.ok(table.queries.length >= 60, `the table has ${table.queries.length} queries`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Genf in the German widget: "Genève (Genf)" is chosen with the keyboard, Genève is posted', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=de`);
  const combobox = page.getByRole('combobox', { name: 'PLZ oder Ort' });
  await combobox.pressSequentially('Genf', { delay: 40 });
  const option = page.getByRole('listbox').getByRole('option', { name: '1201 Genève (Genf)', exact: true });
  await option.waitFor();
  const optionId = await option.getAttribute('id');
  for (let i = 0; i < 20 && (await combobox.getAttribute('aria-activedescendant')) !== optionId; i += 1) {
    await combobox.press('ArrowDown');
  }
  assert.equal(await combobox.getAttribute('aria-activedescendant'), optionId);
  await combobox.press('Enter');
  // The field and what posts carry the official name; the name typed was only shown beside it.
  assert.equal(await combobox.inputValue(), '1201 Genève');
  assert.equal(await page.locator('input[type=hidden][name=postcode]').inputValue(), '1201');
  assert.equal(await page.locator('input[type=hidden][name=town]').inputValue(), 'Genève');
  assert.deepEqual(problems, []);
  await page.close();
});
