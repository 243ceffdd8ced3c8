// The pickup part in headless Chromium against the proxy and its sandbox, with no tile server: a My Post 24
// terminal in St. Gallen found and chosen with the keyboard alone, its name2 line in the selection; a marker
// click that the list follows; home delivery clearing the point at once; 320 px; axe-core in four languages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
/** A hidden form field's value; "" when the field is not there (the pickup part closed). */
async function hidden(page, name) {
  const field = page.locator(`input[type=hidden][name=${name}]`);
  return (await field.count()) === 0 ? '' : field.inputValue();
}

/** Opens the demo with every request recorded, so the test can prove nothing left this machine. */
async function openDemo(lang = 'en') {
  const opened = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=${lang}`);
  const hosts = new Set();
  opened.page.on('request', (request) => hosts.add(new URL(request.url()).hostname));
  return { ...opened, hosts };
}

async function openPickup(page) {
  await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await page.getByRole('listbox', { name: 'Pickup points' }).waitFor();
}

async function searchPlace(page, text) {
  const search = page.getByRole('searchbox', { name: 'Postcode or place' });
  await search.fill(text);
  await search.press('Enter');
}

test('keyboard alone: a My Post 24 terminal in St. Gallen chosen from the list, with its name2 line', async () => {
  const { page, problems, hosts } = await openDemo();
  // Into the radio group, and down to "Collect at a pickup point".
  await page.getByRole('radio', { name: 'Home delivery' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('listbox', { name: 'Pickup points' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Anna');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Muster');
  await page.keyboard.press('Tab');
  await page.keyboard.type('anna.muster@example.ch');
  // The list comes first (filled around the home address when there is one), then the filters.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'listbox');
  // Only My Post 24: leave PickPost and post offices unticked.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('label')?.textContent.trim()), 'PickPost point');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('St. Gallen');
  await page.keyboard.press('Enter');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.getByRole('option', { name: /My Post 24 9000 St. Gallen Bahnhof/ }).waitFor();
  assert.equal(await list.getByRole('option', { name: /PickPost-Stelle|Post Filiale/ }).count(), 0, 'only My Post 24');
  // Back past the three kinds to the list.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'listbox');
  let active = '';
  for (let i = 0; i < 10 && !/St\. Gallen Bahnhof/.test(active); i += 1) {
    await page.keyboard.press('ArrowDown');
    active = await page.evaluate(() => {
      const id = document.activeElement.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.textContent ?? '' : '';
    });
  }
  assert.match(active, /My Post 24 terminal/);
  assert.match(active, /Open 24 hours, every day/);
  await page.keyboard.press('Enter');
  await page.getByText(/Label: MyPost24 PT\d{6}/).waitFor();
  await page.getByText(/Swiss Post will check your identity/).waitFor();
  const selection = await page.locator('#pickup-selection').textContent();
  assert.match(selection, /Pickup point: My Post 24 9000 St\. Gallen Bahnhof, .*9000 St\. Gallen, name2: MyPost24 PT\d{6}/);
  assert.equal(await hidden(page, 'pickup_point_id'), '001MP24_001202506');
  assert.match(await hidden(page, 'pickup_name2'), /^MyPost24 PT\d{6}$/);
  assert.deepEqual(problems, []);
  assert.deepEqual([...hosts].filter((h) => h !== '127.0.0.1'), [], 'no request leaves this machine');
  // The shopper's name and e-mail went to the proxy and on to Swiss Post, never into a log line.
  const log = shared.proxy.lines.join('\n');
  for (const personal of ['Anna', 'Muster', 'anna.muster@example.ch']) assert.ok(!log.includes(personal), personal);
  // Without tiles the map still shows Switzerland's outline.
  assert.ok(await page.locator('.sc-pickup__map svg path').count() >= 1, 'the outline is drawn');
  await page.close();
});

test('a marker click makes its entry the active one; home delivery clears the point at once', async () => {
  const { page, problems } = await openDemo();
  await openPickup(page);
  await searchPlace(page, '9000');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.getByRole('option', { name: /PickPost-Stelle 9000 St\. Gallen Neumarkt Migros/ }).waitFor();
  const marker = page.getByRole('button', { name: 'PickPost-Stelle 9000 St. Gallen Neumarkt Migros' });
  await marker.click();
  const option = list.getByRole('option', { name: /PickPost-Stelle 9000 St\. Gallen Neumarkt Migros/ });
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  assert.equal(await list.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
  // Without a name, choosing keeps the point and asks for the details.
  await page.getByRole('button', { name: 'Select PickPost-Stelle 9000 St. Gallen Neumarkt Migros' }).click();
  await page.getByText('Enter your name and e-mail address to get your PickPost number.').waitFor();
  assert.equal(await hidden(page, 'pickup_point_id'), '001AG-PICK_001205694');

  await page.getByRole('radio', { name: 'Home delivery' }).check();
  assert.equal(await hidden(page, 'pickup_point_id'), '');
  assert.equal((await page.locator('#pickup-selection').textContent()).trim(), '');
  await page.getByText('Pickup point removed: the parcel goes to your home address.').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('"Near me" lists the points around the shopper\'s position, nearest first', async () => {
  const { context } = shared.browser;
  await context.grantPermissions(['geolocation'], { origin: shared.proxy.url });
  // The station square of St. Gallen.
  await context.setGeolocation({ latitude: 47.4232, longitude: 9.3697 });
  const { page, problems } = await openDemo();
  await openPickup(page);
  await page.getByRole('button', { name: 'Near me' }).click();
  const first = page.getByRole('listbox', { name: 'Pickup points' }).getByRole('option').first();
  await page.waitForFunction(() => document.querySelector('[role=option]')?.textContent.includes('St. Gallen'));
  assert.match(await first.textContent(), /9000 St\. Gallen/);
  assert.match(await first.textContent(), /\d+ m away/);
  assert.deepEqual(problems, []);
  await context.clearPermissions();
  await page.close();
});

test('each point says when a parcel sent with the chosen product can be collected there', async () => {
  const { page, problems } = await openDemo();
  const locality = page.getByRole('combobox', { name: 'Postcode or town' });
  await locality.pressSequentially('3011', { delay: 25 });
  await page.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.getByRole('radio', { name: /^Standard/ }).first().waitFor();
  // What Swiss Post's delivery module (the sandbox, through the proxy) says for the office's own address, in
  // the shopper's language: the first standard day, and the first economy day.
  const expected = await page.evaluate(async () => {
    const query = 'postcode=9000&town=St.%20Gallen&street=Bahnhofplatz&house_number=5';
    const { options } = await (await fetch(`/v1/delivery-options?${query}`)).json();
    const format = (iso) => new Intl.DateTimeFormat('en-CH', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
      .format(new Date(`${iso}T00:00:00Z`));
    const first = (kind) => options.find((o) => o.kind === kind).date;
    return { standard: format(first('standard')), economy: format(first('economy')) };
  });
  const office = page.getByRole('option', { name: /Post Filiale 9000 St\. Gallen 1 Annahme/ });
  const collectable = async () => {
    await openPickup(page);
    await searchPlace(page, '9000');
    await office.waitFor();
    return office.textContent();
  };
  // Standard delivery is the shop's default.
  let text = await collectable();
  assert.ok(text.includes(`Ready for collection from ${expected.standard}`), `${text} / ${expected.standard}`);
  assert.match(text, /Mon–Fri 08:00–12:00, 13:30–18:00 · Sat 08:00–12:00 · Sun closed \(sample hours\)/);
  // Economy chosen at home (on the first day of the strip that has it): the points say its day.
  await page.getByRole('radio', { name: 'Home delivery' }).check();
  const economy = page.getByRole('radio', { name: /^Economy/ }).first();
  for (const day of await page.getByRole('group', { name: 'Delivery day' }).getByRole('radio').all()) {
    await day.check();
    if (await economy.count()) break;
  }
  await economy.check();
  text = await collectable();
  await page.waitForFunction((date) => [...document.querySelectorAll('[role=option]')]
    .some((o) => o.textContent.includes('Annahme') && o.textContent.includes(date)), expected.economy);
  assert.notEqual(expected.economy, expected.standard);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the whole country shows clusters; a 320 px screen keeps the Select button in view', async () => {
  const { page, problems } = await openDemo();
  await page.setViewportSize({ width: 320, height: 640 });
  await openPickup(page);
  await page.getByText(/pickup points in this area/).first().waitFor();
  assert.ok(await page.locator('.sc-cluster').count() > 5, 'clusters, not thousands of markers');
  await searchPlace(page, '9000');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  // St. Gallen's points, not the whole country's list they replace.
  await list.getByRole('option', { name: /St\. Gallen/ }).first().waitFor();
  const last = list.getByRole('option').last();
  await last.click();
  const select = page.getByRole('button', { name: /^Select / });
  await select.scrollIntoViewIfNeeded();
  const box = await select.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `Select fits 320 px: ${JSON.stringify(box)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const lang of ['en', 'de', 'fr', 'it']) {
  test(`axe-core finds no violation in the pickup part (${lang})`, async () => {
    const { page, problems } = await openDemo(lang);
    await page.locator('.sc-receive input[type=radio]').nth(1).check();
    await page.locator('.sc-pickup__search input').fill('9000');
    await page.locator('.sc-pickup__search input').press('Enter');
    await page.locator('[role=option]').first().waitFor();
    await page.locator('[role=option]').first().click();
    await page.locator('.sc-marker').first().waitFor();
    const violations = await axeViolations(page, '.sc-pickup');
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('with the address entered, the pickup part opens on the nearest points, nearest first', async () => {
  const { page, problems, hosts } = await openDemo();
  for (const [label, typed, option] of [
    ['Postcode or town', '3011', '3011 Bern'], ['Street', 'kram', 'Kramgasse'], ['House number', '49', '49'],
  ]) {
    await page.getByRole('combobox', { name: label }).pressSequentially(typed, { delay: 25 });
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  await page.getByText('Address confirmed by Swiss Post.').waitFor();
  await openPickup(page);
  // No search typed: the list is already filled around 3011 Bern, each entry with its distance.
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.getByRole('option').first().waitFor();
  const entries = await list.getByRole('option').allTextContents();
  assert.ok(entries.length >= 2, `points around Bern: ${entries.length}`);
  assert.match(entries[0], /Bern/);
  const metres = entries.map((text) => {
    const found = text.match(/(\d+(?:\.\d+)?)\s?(m|km)\b/);
    assert.ok(found, `a distance in: ${text}`);
    return Number(found[1]) * (found[2] === 'km' ? 1000 : 1);
  });
  assert.deepEqual(metres, [...metres].sort((a, b) => a - b), 'nearest first');
  assert.deepEqual([...hosts], ['127.0.0.1']);
  assert.deepEqual(problems, []);
  await page.close();
});
