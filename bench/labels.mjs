// Label latency and sizes through the proxy on the sandbox: POST /server/v1/labels for a Bern home delivery,
// sequentially, per format (PDF, PNG at 300 dpi, ZPL2 at 300 dpi), and prints p50, p99 and the label's size.
// Each request makes a new label (no Idempotency-Key); a second table repeats one key (the cached answer).
// Uses the release demo proxy when built (cargo build --release -p swiss-checkout-proxy --features demo), else
// the debug one. Prints figures; asserts nothing.
// Run: npm run bench:labels [requests per format, default 200]
import fs from 'node:fs';
import path from 'node:path';
import { root, startProxy } from '../tests/e2e/harness.mjs';

const count = Number(process.argv[2] ?? 200);
const release = path.join(root, 'target/release/swiss-checkout-demo');
if (!process.env.SWISS_CHECKOUT_PROXY_BIN && fs.existsSync(release)) process.env.SWISS_CHECKOUT_PROXY_BIN = release;
const key = `bench-server-key-${Date.now()}`;
const proxy = await startProxy({ SWISS_CHECKOUT_SERVER_KEY: key, SWISS_CHECKOUT_RATE_PER_SECOND: '0' });

const selection = {
  address: { postcode: '3011', town: 'Bern', street: 'Aarbergergasse', house_number: '1', verified: true },
};
const body = (format) => JSON.stringify({
  selection,
  recipient: { first_name: 'Anna', last_name: 'Müller', email: 'anna@example.ch' },
  parcel: { weight_grams: 1200, item_id: 'ORDER-1234' },
  format,
  dpi: 300,
});
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function run(format, idempotencyKey) {
  const times = [];
  let size = 0;
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${proxy.url}/server/v1/labels`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: { pdf: 'application/pdf', png: 'image/png', zpl2: 'application/zpl' }[format],
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body(format),
    });
    const bytes = await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${format}: ${response.status} ${Buffer.from(bytes).toString()}`);
    size = bytes.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), size };
}

console.log(`POST /server/v1/labels, ${count} requests per format, ${path.basename(process.env.SWISS_CHECKOUT_PROXY_BIN ?? 'debug proxy')}`);
console.log('format  new label p50   p99       same key p50   p99       label size');
for (const format of ['pdf', 'png', 'zpl2']) {
  const fresh = await run(format);
  const cached = await run(format, `bench-${format}`);
  const ms = (v) => `${v.toFixed(1)} ms`.padEnd(10);
  console.log(`${format.padEnd(8)}${ms(fresh.p50)}    ${ms(fresh.p99)}${ms(cached.p50)}     ${ms(cached.p99)}${(fresh.size / 1024).toFixed(1)} KB`);
}
await proxy.stop();
