// Measures what typing a complete Bern address key by key costs, in headless Chromium against the
// proxy in sandbox mode: the upstream calls the sandbox counted, and the keystroke-to-suggestions
// latency (from the key press until the field is no longer busy and shows the new answer; this includes
// the widget's 120 ms typing pause). Prints figures; asserts nothing. Run: npm run bench:typing
// The proxy binary is target/debug's unless SWISS_CHECKOUT_PROXY_BIN names another (a release build).
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const proxy = await startProxy();
const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.goto(`${proxy.url}/`);
await fetch(`${proxy.sandboxUrl}/__sandbox/calls`, { method: 'DELETE' });

const latencies = [];

async function typeKeyByKey(combobox, text) {
  await combobox.focus();
  for (const key of text) {
    const started = performance.now();
    await combobox.press(key);
    await combobox.evaluate((el) => new Promise((resolve) => {
      const done = () => el.getAttribute('aria-busy') === 'false';
      if (done()) { resolve(); return; }
      const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
      observer.observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
    }));
    latencies.push(performance.now() - started);
  }
}

async function choose(combobox, name) {
  const option = page.getByRole('option', { name, exact: true });
  await option.click();
}

const combo = (name) => page.getByRole('combobox', { name });
await typeKeyByKey(combo('Postcode or town'), '3011');
await choose(combo('Postcode or town'), '3011 Bern');
await typeKeyByKey(combo('Street'), 'Aarbergergasse');
await choose(combo('Street'), 'Aarbergergasse');
await typeKeyByKey(combo('House number'), '1');
await choose(combo('House number'), '1');
await page.getByText('Address confirmed by Swiss Post.').waitFor();

const calls = await (await fetch(`${proxy.sandboxUrl}/__sandbox/calls`)).json();
await browser.close();
await proxy.stop();

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const apiCalls = Object.entries(calls).filter(([route]) => !route.includes('/OAuth/token'));
const total = apiCalls.reduce((sum, [, n]) => sum + n, 0);
console.log(`address typed: "3011" → 3011 Bern, "Aarbergergasse", "1" (${latencies.length} keystrokes)`);
for (const [route, n] of Object.entries(calls)) console.log(`  ${route.padEnd(42)} ${n}`);
console.log(`upstream API calls (without the token request): ${total} (goal: at most 6)`);
console.log(`keystroke → suggestions on loopback: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (includes the 120 ms typing pause)`);
