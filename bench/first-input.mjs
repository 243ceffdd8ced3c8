// How soon a shopper can type (not part of npm test). The example shop in Chromium on a slow 4G line (150 ms
// round trip, 1.6 Mbit/s down, 750 kbit/s up: DevTools network emulation) with the CPU slowed 4x, a fresh
// cache each run; per run, from navigation:
//   (a) an address field in the element that takes typing, also as time after DOMContentLoaded (goal ≤ 100 ms);
//   (b) the first suggestion, typing "3011" into the first address field as soon as there is one;
//   (c) a complete selection by keyboard alone (Bern, Kramgasse 49: suggestions taken with Down and Enter,
//       until swiss-checkout:complete);
// and the same with the wasm blocked (the plain fields: (b) has no suggestions, (c) is the four fields typed).
// Prints the median and the range of RUNS runs (default 5); asserts nothing.
// Two pages: the example shop, whose server renders the plain fields inside the element, and a plain page,
// where the element's script renders them.
// Run: npm run bench:first-input [runs]
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const proxy = await startProxy();
const browser = await launchBrowser();

async function run(pagePath, blockWasm) {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (blockWasm) await page.route('**/*.wasm', (route) => route.abort());
  await page.addInitScript(() => {
    window.marks = {};
    const mark = (name) => { window.marks[name] ??= performance.now(); };
    document.addEventListener('DOMContentLoaded', () => mark('dcl'));
    document.addEventListener('swiss-checkout:complete', () => mark('complete'));
    new MutationObserver(() => {
      if (document.querySelector('swiss-checkout input.sc-input:not([disabled])')) mark('field');
      if (document.querySelector('swiss-checkout [role="option"]')) mark('suggestion');
      // The widget's own first field: where the element before the plain fields showed its first field.
      if (document.querySelector('swiss-checkout [role="combobox"]')) mark('widget');
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${proxy.url}${pagePath}`, { waitUntil: 'commit' });
  const form = page.locator('swiss-checkout').first();
  const first = form.locator('input.sc-input').first();
  await first.waitFor({ timeout: 60_000 });
  await first.focus();
  await page.keyboard.type('3011', { delay: 60 });
  if (blockWasm) {
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bern', { delay: 60 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kramgasse', { delay: 60 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('49', { delay: 60 });
    await page.evaluate(() => { window.marks.complete = performance.now(); });
  } else {
    const locality = form.getByRole('combobox', { name: 'Postcode or town' });
    await locality.waitFor({ timeout: 60_000 });
    await form.getByRole('option', { name: '3011 Bern', exact: true }).waitFor({ timeout: 60_000 });
    await locality.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kramg', { delay: 60 });
    await form.getByRole('option', { name: 'Kramgasse', exact: true }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('49', { delay: 60 });
    await form.getByRole('option', { name: '49', exact: true }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.marks.complete, null, { timeout: 60_000 });
  }
  const marks = await page.evaluate(() => window.marks);
  await page.close();
  return marks;
}

const stats = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return 'n/a';
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${median.toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)})`;
};

try {
  console.log(`slow 4G (150 ms, 1.6 Mbit/s), CPU 4x slower, no cache; median (range) of ${runs} runs, from navigation`);
  const pages = [
    ['/element/shop.html', "the example shop (plain fields rendered by the shop's server)"],
    ['/element/example.html', 'a plain page (plain fields rendered by the element)'],
  ];
  for (const [pagePath, described] of pages) for (const blockWasm of [false, true]) {
    const all = [];
    for (let i = 0; i < runs; i += 1) all.push(await run(pagePath, blockWasm));
    console.log(`\n== ${described}, ${blockWasm ? 'the wasm blocked' : 'with the wasm'}`);
    console.log(`DOMContentLoaded:                          ${stats(all.map((m) => m.dcl))}`);
    console.log(`(a) an address field takes typing:         ${stats(all.map((m) => m.field))}`);
    console.log(`    … after DOMContentLoaded:              ${stats(all.map((m) => m.field - m.dcl))}`);
    if (!blockWasm) console.log(`    the widget's first field (before: the first field there was): ${stats(all.map((m) => m.widget))}`);
    console.log(`(b) the first suggestion:                  ${blockWasm ? 'none (no wasm)' : stats(all.map((m) => m.suggestion))}`);
    console.log(`(c) ${blockWasm ? 'the four fields typed' : 'a complete selection by keyboard'}:${blockWasm ? '             ' : '    '}${stats(all.map((m) => m.complete))}`);
  }
} finally {
  await browser.close();
  await proxy.stop();
}
