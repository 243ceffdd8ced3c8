// How long the <swiss-checkout> element takes to become usable in Chromium, with the CPU slowed 4× (a
// mid-range phone), as issue 16 asks: for each page, the median (and the middle half) over RUNS fresh loads,
// the pages taking turns, of (a) the main wasm's download (resource timing, from the request to its last
// byte), (b) navigation start to the first address field on screen (compile, instantiate, first render),
// and the bytes of wasm fetched by then. The network
// is loopback, so (b) is the CPU's share. Prints figures; asserts nothing.
// Run: npm run bench:instantiate (after npm start or npm test built the element and the proxy).
// INSTANTIATE_ROOT=/path/to/another/checkout measures that checkout's built element and proxy instead.
import path from 'node:path';
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const other = process.env.INSTANTIATE_ROOT;
if (other) process.env.SWISS_CHECKOUT_PROXY_BIN = path.join(other, 'target/debug/swiss-checkout-demo');
const proxy = await startProxy(other ? { SWISS_CHECKOUT_WWW_DIR: path.join(other, 'www/dist') } : {});
const browser = await launchBrowser();

const quantile = (values, q) => values.slice().sort((a, b) => a - b)[Math.floor((values.length - 1) * q)];

/** One fresh load of `url`: when the first address field is on screen, the main wasm's download, the wasm bytes. */
async function loadOnce(url) {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url);
  await page.locator('[role=combobox]').first().waitFor();
  const timing = await page.evaluate(() => {
    const field = performance.now();
    const wasm = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm'));
    const main = wasm.find((r) => r.name.includes('widget_bg'));
    return {
      field,
      download: main ? main.responseEnd - main.startTime : 0,
      bytes: wasm.reduce((sum, r) => sum + (r.encodedBodySize || r.transferSize || 0), 0),
    };
  });
  await page.close();
  return timing;
}

const pages = [
  ['element, every part (example shop)', `${proxy.url}/element/example.html`],
  ['element with swiss-post-addresses (shop page)', `${proxy.url}/element/shop.html`],
  ['address-only build', `${proxy.url}/element-address/index.html`],
];
// The pages take turns, run after run, so a change in the machine's load falls on all of them alike.
const loads = pages.map(() => []);
for (let run = 0; run < RUNS; run += 1) {
  for (const [index, [, url]] of pages.entries()) loads[index].push(await loadOnce(url));
}
for (const [index, [label]] of pages.entries()) {
  const usable = loads[index].map((load) => load.field);
  const download = quantile(loads[index].map((load) => load.download), 0.5);
  const wasmBytes = loads[index].at(-1).bytes;
  console.log(`${label.padEnd(48)} usable after ${quantile(usable, 0.5).toFixed(0).padStart(5)} ms `
    + `(median of ${RUNS}, middle half ${quantile(usable, 0.25).toFixed(0)}–${quantile(usable, 0.75).toFixed(0)} ms, CPU 4×); `
    + `main wasm downloaded in ${download.toFixed(0)} ms; ${(wasmBytes / 1000).toFixed(1)} KB of wasm by then (uncompressed over loopback)`);
}
await browser.close();
await proxy.stop();
