// The widget's look as a shop meets it: dark mode readable in every part (axe-core's contrast rules, the
// widget painting its own background), the --swiss-checkout-* custom properties re-theming it, and a
// 320 px wide screen without sideways scrolling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chooseEveningWindow, enterBernAddress, openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

/** Bern address, then the delivery options settled. */
async function enterAddressAndWait(scope, page) {
  await enterBernAddress(scope);
  await page.waitForFunction(() => document.querySelector('[role=radiogroup][aria-busy]')?.getAttribute('aria-busy') === 'false');
}

/**
 * WCAG contrast ratio of each selector's text against its effective background (the first ancestor with an
 * opaque one). axe-core leaves the pickup list "incomplete" (its entries scroll under the sticky Select bar),
 * so those entries are measured here.
 */
async function contrasts(page, selectors) {
  return page.evaluate((selectors) => {
    const channels = (css) => {
      const rgb = css.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
      if (rgb) return { rgb: [rgb[1], rgb[2], rgb[3]].map(Number), alpha: rgb[4] === undefined ? 1 : Number(rgb[4]) };
      const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
      if (srgb) return { rgb: [srgb[1], srgb[2], srgb[3]].map((v) => Number(v) * 255), alpha: srgb[4] === undefined ? 1 : Number(srgb[4]) };
      throw new Error(`unreadable colour ${css}`);
    };
    const luminance = ([r, g, b]) => {
      const [R, G, B] = [r, g, b].map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const ratios = {};
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (!element) { ratios[selector] = 'missing'; continue; }
      let background = element;
      while (background && channels(getComputedStyle(background).backgroundColor).alpha < 1) background = background.parentElement;
      const bg = luminance(channels(getComputedStyle(background ?? document.body).backgroundColor).rgb);
      const fg = luminance(channels(getComputedStyle(element).color).rgb);
      ratios[selector] = Math.round(((Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05)) * 100) / 100;
    }
    return ratios;
  }, selectors);
}

const PICKUP_TEXTS = [
  '.sc-pickup__option--active .sc-pickup__name', '.sc-pickup__option--active .sc-pickup__address',
  '.sc-pickup__option--active .sc-pickup__meta', '.sc-pickup__option--active .sc-pickup__hours',
  '.sc-pickup__option--active .sc-pickup__day', '.sc-pickup__select', '.sc-pickup__status',
];

function assertReadable(ratios) {
  for (const [selector, ratio] of Object.entries(ratios)) {
    assert.ok(typeof ratio === 'number' && ratio >= 4.5, `${selector}: contrast ${ratio}, under 4.5:1`);
  }
}

test('dark mode: every part readable, on the widget\'s own dark background', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=en`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await enterAddressAndWait(page, page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.swiss-checkout')).backgroundColor),
    'rgb(30, 30, 30)');
  // A delivery day, so each pickup point says whether it is open then.
  await chooseEveningWindow(page);
  assert.deepEqual(await axeViolations(page, '.swiss-checkout'), []);

  // The pickup part with an active entry, its Select button and the open/closed line.
  await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  const search = page.getByRole('searchbox', { name: 'Postcode or place' });
  await search.fill('9000');
  await search.press('Enter');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.getByRole('option', { name: /PickPost-Stelle 9000 St\. Gallen Neumarkt Migros/ }).waitFor();
  await page.getByRole('button', { name: 'PickPost-Stelle 9000 St. Gallen Neumarkt Migros' }).click();
  await page.getByRole('button', { name: 'Select PickPost-Stelle 9000 St. Gallen Neumarkt Migros' }).waitFor();
  assert.deepEqual(await axeViolations(page, '.swiss-checkout'), []);
  assertReadable(await contrasts(page, PICKUP_TEXTS));
  // And the same in light mode, where the defaults differ.
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.swiss-checkout')).backgroundColor),
    'rgb(255, 255, 255)');
  assert.deepEqual(await axeViolations(page, '.swiss-checkout'), []);
  assertReadable(await contrasts(page, PICKUP_TEXTS));
  assert.deepEqual(problems, []);
  await page.close();
});

test('--swiss-checkout-* custom properties re-theme the element', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  const shipping = page.getByRole('form', { name: 'Shipping' });
  const field = shipping.getByRole('combobox', { name: 'Postcode or town' });
  await field.waitFor();
  // Set through the CSSOM, as a shop's stylesheet would (the page's CSP forbids inline styles).
  await page.evaluate(() => {
    const element = document.getElementById('ship');
    for (const [name, value] of Object.entries({
      '--swiss-checkout-color-accent': '#7a0050',
      '--swiss-checkout-color-background': '#fdf6e3',
      '--swiss-checkout-color-text': '#202020',
      '--swiss-checkout-color-border': '#404040',
      '--swiss-checkout-radius': '0px',
      '--swiss-checkout-spacing': '1rem',
      '--swiss-checkout-font': 'Georgia, serif',
    })) element.style.setProperty(name, value);
  });
  await field.focus();
  const look = await field.evaluate((input) => {
    const style = getComputedStyle(input);
    const widget = getComputedStyle(input.closest('.swiss-checkout'));
    return {
      outline: style.outlineColor, radius: style.borderTopLeftRadius, padding: style.paddingTop,
      border: style.borderTopColor, font: widget.fontFamily, background: widget.backgroundColor, color: widget.color,
    };
  });
  assert.deepEqual(look, {
    outline: 'rgb(122, 0, 80)', radius: '0px', padding: '16px', border: 'rgb(64, 64, 64)',
    font: 'Georgia, serif', background: 'rgb(253, 246, 227)', color: 'rgb(32, 32, 32)',
  });
  // The billing element beside it keeps the defaults.
  const billing = await page.evaluate(() => getComputedStyle(document.querySelector('#bill input')).borderTopLeftRadius);
  assert.equal(billing, '4px');
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});

test('320 px wide: address and delivery fit without sideways scrolling', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/example.html`);
  await page.setViewportSize({ width: 320, height: 700 });
  const shipping = page.getByRole('form', { name: 'Shipping' });
  await enterAddressAndWait(shipping, page);
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    widest: Math.max(...[...document.querySelectorAll('#ship *')].map((e) => e.getBoundingClientRect().right)),
  }));
  assert.ok(overflow.page <= 320, `the page scrolls sideways: ${overflow.page} px`);
  assert.ok(overflow.widest <= 320, `something sticks out: ${overflow.widest} px`);
  assert.deepEqual(problems.filter((p) => !p.includes('favicon')), []);
  await page.close();
});
