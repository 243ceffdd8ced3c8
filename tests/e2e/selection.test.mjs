// What posts is what the shopper sees chosen (sandbox mode), as a property: random sequences of shopper
// actions on the example shop (an address, home delivery or a pickup point, a day, an option, a point, a
// language, the element started again) from a fixed seed, and after each step the form's fields as they would
// post, `element.value` and the last swiss-checkout:change are compared with what is shown chosen:
//   - one way to receive: home delivery shown ⇒ no pickup point in any of them, and the delivery option is the
//     radio shown checked; a pickup point shown ⇒ no delivery option, and the point is the one marked ✓;
//   - the posted fields are element.value (address, delivery option, pickup point), and the last change event
//     carried element.value.
// SELECTION_SEED and SELECTION_STEPS change the run (npm run bench:selection runs a longer one, random seed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
const seed = Number(process.env.SELECTION_SEED ?? 20261207);
const steps = Number(process.env.SELECTION_STEPS ?? 24);

/** A small seeded generator (mulberry32): the same seed, the same run. */
function generator(start) {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADDRESSES = [['3011', 'Kramgasse', '49'], ['3011', 'Aarbergergasse', '1']];

test(`what posts is what is shown chosen, over ${steps} random shopper actions (seed ${seed})`, { timeout: 3_600_000 }, async () => {
  const random = generator(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const page = await shared.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    window.lastChange = undefined;
    document.addEventListener('swiss-checkout:change', (event) => { window.lastChange = event.detail; });
  });
  await page.goto(`${shared.proxy.url}/element/shop.html`);
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Full name').fill('Anna Muster');
  await form.getByLabel('E-mail address').fill('anna@example.ch');
  const element = page.locator('swiss-checkout');
  // Language-independent handles on the widget (the language changes during the run).
  const address = element.locator('.sc-address input.sc-input');
  const modes = element.locator('.sc-receive input[type="radio"]');
  await address.first().and(page.locator('[role="combobox"]')).waitFor();

  /** Waits until the widget's lookups have settled. */
  async function settle() {
    await page.waitForTimeout(150);
    for (let i = 0; i < 100 && await element.locator('[aria-busy="true"]').count() > 0; i += 1) {
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(250);
  }

  async function typeAddress() {
    const [postcode, street, number] = pick(ADDRESSES);
    for (const [index, typed] of [[0, postcode], [1, street.slice(0, 5)], [2, number]]) {
      const input = address.nth(index);
      await input.fill('');
      await input.pressSequentially(typed, { delay: 20 });
      const option = element.locator('[role="option"]', { hasText: new RegExp(`^${index === 1 ? street : typed}`) }).first();
      await option.waitFor({ timeout: 15_000 });
      await option.click();
    }
  }

  const actions = {
    address: typeAddress,
    home: async () => { if (await modes.count()) await element.locator('label.sc-receive__option').nth(0).click(); },
    pickup: async () => { if (await modes.count()) await element.locator('label.sc-receive__option').nth(1).click(); },
    day: async () => {
      const days = element.locator('.sc-home:not([hidden]) label.sc-day-option');
      if (await days.count()) await days.nth(Math.floor(random() * await days.count())).click();
    },
    option: async () => {
      const options = element.locator('.sc-home:not([hidden]) .sc-radiogroup label.sc-radio');
      if (await options.count()) await options.nth(Math.floor(random() * await options.count())).click();
    },
    point: async () => {
      const points = element.locator('.sc-pickup__option');
      const count = await points.count();
      if (!count) return;
      await points.nth(Math.floor(random() * Math.min(count, 8))).click();
      const select = element.locator('.sc-pickup__select');
      if (await select.count()) await select.click();
    },
    lang: async () => { await element.evaluate((e, lang) => e.setAttribute('lang', lang), pick(['de', 'fr', 'it', 'en'])); },
    // A change of another attribute starts the widget again, with what the shopper entered and chose.
    rerender: async () => {
      await element.evaluate((e) => e.setAttribute('default-delivery', e.getAttribute('default-delivery') === 'none' ? 'standard' : 'none'));
    },
  };

  /** What the page holds now: shown, posted, value, last change. */
  async function observe() {
    return page.evaluate(() => {
      const root = document.querySelector('swiss-checkout');
      const modeInputs = [...root.querySelectorAll('.sc-receive input[type="radio"]')];
      const checkedOption = [...root.querySelectorAll('.sc-radiogroup input[type="radio"]')].find((r) => r.checked);
      const marked = [...root.querySelectorAll('.sc-pickup__option .sc-pickup__name')].find((n) => n.textContent.endsWith(' ✓'));
      const posted = Object.fromEntries([...new FormData(root.closest('form')).entries()]
        .filter(([name]) => name.startsWith('shipping_')).map(([name, v]) => [name.slice('shipping_'.length), v]));
      return {
        mode: modeInputs[1]?.checked ? 'pickup' : 'home',
        shownOption: checkedOption?.value,
        shownPoint: marked?.textContent.slice(0, -2),
        pickupShown: Boolean(root.querySelector('.sc-pickup')),
        posted,
        value: root.value,
        lastChange: window.lastChange,
      };
    });
  }

  const history = [];
  await typeAddress();
  let mode = 'home';
  for (let step = 0; step < steps; step += 1) {
    const name = pick(Object.keys(actions));
    history.push(name);
    await actions[name]();
    await settle();
    const seen = await observe();
    const where = `after ${history.join(', ')}: ${JSON.stringify(seen)}`;
    // A restart or a language keeps the way to receive the shopper chose, a point chosen or not.
    if (['rerender', 'lang'].includes(name)) assert.equal(seen.mode, mode, `the mode is kept, ${where}`);
    mode = seen.mode;
    const { value, posted } = seen;
    assert.ok(!(value.delivery && value.pickup), `one way to receive in element.value, ${where}`);
    assert.ok(!(posted.delivery_option && posted.pickup_point_id), `one way to receive in the form, ${where}`);
    if (seen.mode === 'home') {
      assert.equal(value.pickup, undefined, where);
      assert.equal(value.delivery?.id, seen.shownOption, `the option shown checked is the one chosen, ${where}`);
    } else {
      assert.equal(value.delivery, undefined, where);
      if (seen.pickupShown) assert.equal(value.pickup?.name, seen.shownPoint, `the point marked is the one chosen, ${where}`);
    }
    assert.equal(posted.delivery_option || undefined, value.delivery?.id, `posted option, ${where}`);
    assert.equal(posted.pickup_point_id || undefined, value.pickup?.point_id, `posted point, ${where}`);
    if (value.pickup) {
      // What the shop needs of the point: how it travels, its price, the day it is ready there.
      assert.ok(['standard', 'economy'].includes(value.pickup.product), where);
      assert.equal(posted.pickup_product, value.pickup.product, where);
      assert.equal(posted.pickup_price_centimes || undefined, value.pickup.price_centimes?.toString(), where);
      assert.equal(posted.pickup_ready_on || undefined, value.pickup.ready_on, where);
    }
    for (const field of ['postcode', 'town', 'street', 'house_number']) {
      assert.equal(posted[field], value.address[field], `posted ${field}, ${where}`);
    }
    if (seen.lastChange) assert.deepEqual(seen.lastChange, value, `the last change event is element.value, ${where}`);
  }
  console.log(`actions: ${history.join(', ')}`);
  assert.deepEqual(problems, []);
  await page.close();
});
