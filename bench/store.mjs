// The proxy's store under load (not part of npm test): for each engine (memory, as before the store existed;
// the embedded redb file, the default; Redis, started here on a free port), the release demo proxy in
// sandbox mode:
//   1. label latency: POST /server/v1/labels one after another, each with a new Idempotency-Key (so each
//      writes its in-flight record, calls the sandbox, completes the record); p50 and p99;
//   2. the browser's lookups: wrk -t2 -c64 on a cached /v1/localities?q=3011, with the rate limit on (set high
//      enough never to refuse, so every request asks the bucket: Redis' GCRA script with Redis), as a ratio to a
//      bare axum hello measured in the same run.
// Prints figures; asserts nothing. Tools: wrk (Debian's package), redis-server (Debian's package).
// Run: npm run bench:store [labels per engine, default 200]   (DURATION=5 seconds of wrk per run)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root, startProxy } from '../tests/e2e/harness.mjs';

const count = Number(process.argv[2] ?? 200);
const duration = process.env.DURATION ?? '5';
process.env.SWISS_CHECKOUT_PROXY_BIN = path.join(root, 'target/release/swiss-checkout-demo');
const serverKey = `bench-server-key-${Date.now()}`;

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const waitForPort = async (port) => {
  for (let i = 0; i < 200; i += 1) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on ${port}`);
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

function wrk(url) {
  const output = execFileSync('wrk', ['-t2', '-c64', `-d${duration}s`, url], { encoding: 'utf8' });
  return Number(output.match(/Requests\/sec:\s+([\d.]+)/)[1]);
}

const body = JSON.stringify({
  selection: { address: { postcode: '3011', town: 'Bern', street: 'Aarbergergasse', house_number: '1', verified: true } },
  recipient: { first_name: 'Anna', last_name: 'Muster', email: 'anna@example.ch' },
  parcel: { weight_grams: 1200, item_id: 'ORDER-BENCH' },
  format: 'zpl2',
});

async function labels(proxy, engine) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${proxy.url}/server/v1/labels`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json',
        'idempotency-key': `bench-${engine}-${Date.now()}-${i}` },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`label: ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const helloPort = await freePort();
const hello = spawn(path.join(root, 'target/release/examples/hello'), [], { env: { ...process.env, PORT: String(helloPort) }, stdio: 'ignore' });
const redisPort = await freePort();
const redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swiss-checkout-bench-redis-'));
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes',
  '--appendfsync', 'everysec', '--dir', redisDir], { stdio: 'ignore' });
try {
  await waitForPort(helloPort);
  await waitForPort(redisPort);
  const engines = [
    ['memory (before the store)', { SWISS_CHECKOUT_STORE: 'memory' }],
    ['embedded (redb, the default)', {}],
    ['redis', { SWISS_CHECKOUT_REDIS_URL: `redis://127.0.0.1:${redisPort}` }],
  ];
  const rows = [];
  for (const [engine, env] of engines) {
    const proxy = await startProxy({ ...env, SWISS_CHECKOUT_SERVER_KEY: serverKey, RUST_LOG: 'warn,proxy=info',
      SWISS_CHECKOUT_RATE_PER_SECOND: '1000000', SWISS_CHECKOUT_RATE_BURST: '1000000' });
    try {
      await labels(proxy, `${engine}-warm`.replace(/\W/g, ''));
      const latency = await labels(proxy, engine.replace(/\W/g, ''));
      const cached = `${proxy.url}/v1/localities?q=3011`;
      await fetch(cached);
      const helloRps = wrk(`http://127.0.0.1:${helloPort}/`);
      const lookupRps = wrk(cached);
      rows.push({ engine, ...latency, helloRps, lookupRps });
    } finally {
      await proxy.stop();
    }
  }
  console.log(`label latency (${count} sequential labels, each a new key; zpl2) and cached lookups (wrk -t2 -c64 -d${duration}s)`);
  console.log('engine                        | label p50 | label p99 | lookups req/s | hello req/s | ratio');
  for (const r of rows) {
    console.log(`${r.engine.padEnd(29)} | ${r.p50.toFixed(2).padStart(6)} ms | ${r.p99.toFixed(2).padStart(6)} ms | `
      + `${r.lookupRps.toFixed(0).padStart(13)} | ${r.helloRps.toFixed(0).padStart(11)} | ${(r.lookupRps / r.helloRps).toFixed(2)}`);
  }
} finally {
  hello.kill();
  redis.kill();
  fs.rmSync(redisDir, { recursive: true, force: true });
}
