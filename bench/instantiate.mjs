// How long the <swiss-checkout> element takes to become usable in Chromium, with the CPU slowed 4× (a
// mid-range phone), as issue 16 asks: for each page, the median over RUNS fresh loads of (a) the main wasm's
// download (resource timing, from the request to its last byte), (b) navigation start to the first address
// field on screen (compile, instantiate, first render), and the bytes of wasm fetched by then. The network
// is loopback, so (b) is the CPU's share. Prints figures; asserts nothing.
// Run: npm run bench:instantiate (after npm start or npm test built the element and the proxy).
// INSTANTIATE_ROOT=/path/to/another/checkout measures that checkout's built element and proxy instead.
import path from 'node:path';
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const other = process.env.INSTANTIATE_ROOT;
if (other) process.env.SWISS_CHECKOUT_PROXY_BIN = path.join(other, 'target/debug/swiss-checkout-proxy');
const proxy = await startProxy(other ? { SWISS_CHECKOUT_WWW_DIR: path.join(other, 'www/dist') } : {});
const browser = await launchBrowser();

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(url) {
  const usable = [];
  const downloads = [];
  let wasmBytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
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
    usable.push(timing.field);
    downloads.push(timing.download);
    wasmBytes = timing.bytes;
    await page.close();
  }
  return { usable: median(usable), download: median(downloads), wasmBytes };
}

for (const [label, url] of [
  ['element, every part (example shop)', `${proxy.url}/element/example.html`],
  ['element with swiss-post-addresses (shop page)', `${proxy.url}/element/shop.html`],
  ['address-only build', `${proxy.url}/element-address/index.html`],
]) {
  const { usable, download, wasmBytes } = await measure(url);
  console.log(`${label.padEnd(48)} usable after ${usable.toFixed(0).padStart(5)} ms (median of ${RUNS}, CPU 4×); `
    + `main wasm downloaded in ${download.toFixed(0)} ms; ${(wasmBytes / 1000).toFixed(1)} KB of wasm by then (uncompressed over loopback)`);
}
await browser.close();
await proxy.stop();
