// A shop's secret never leaves the proxy: not in a response, not in a log line (at debug level), not in
// what the browser downloads; and the shopper's address stays out of the log. The proxy binary runs in
// real mode with credentials of its own against the sandbox binary, which plays Swiss Post with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { root, startProxy } from './harness.mjs';

/** Starts the sandbox binary on a free port; resolves with its URL and its output lines. */
async function startSandbox(env) {
  const child = spawn(path.join(root, 'target/debug/swisspost-sandbox'), [], {
    env: { ...process.env, SANDBOX_ADDR: '127.0.0.1:0', RUST_LOG: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${lines.join('\n')}`)), 20_000);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const found = line.match(/sandbox on (http:\/\/[\d.:]+)/);
        if (found) { clearTimeout(timer); resolve(found[1]); }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  return { url, lines, stop: () => { child.kill('SIGTERM'); } };
}

test('the configured secret and the upstream token appear in no response, log line or download', async () => {
  const secret = `shop-secret-${randomBytes(12).toString('hex')}`;
  const clientId = 'shop-client-4711';
  const sandbox = await startSandbox({ SANDBOX_CLIENT_ID: clientId, SANDBOX_CLIENT_SECRET: secret });
  const proxy = await startProxy({
    RUST_LOG: 'debug',
    SWISS_CHECKOUT_CLIENT_ID: clientId,
    SWISS_CHECKOUT_CLIENT_SECRET: secret,
    SWISS_CHECKOUT_TOKEN_URL: `${sandbox.url}/OAuth/token`,
    SWISS_CHECKOUT_DCAPI_BASE: sandbox.url,
  });
  try {
    assert.ok(!proxy.lines.join('\n').includes('SANDBOX MODE'), 'real mode: credentials are configured');
    const bodies = [];
    const call = async (pathAndQuery, init) => {
      const response = await fetch(`${proxy.url}${pathAndQuery}`, init);
      bodies.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
      return response.status;
    };
    assert.equal(await call('/v1/localities?q=3011'), 200);
    assert.equal(await call('/v1/streets?postcode=3011&q=aarb'), 200);
    assert.equal(await call('/v1/localities?q=%3Cx%3E'), 400);
    assert.equal(await call('/v1/addresses/validate', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ postcode: '3011', town: 'Bern', street: 'Aarbergergasse', house_number: '1' }),
    }), 200);
    assert.equal(await call('/readyz'), 200);
    // The upstream token the proxy holds: ask the sandbox for one the same way, to know its shape.
    await fetch(`${sandbox.url}/__sandbox/expire-tokens`, { method: 'POST' });
    assert.equal(await call('/v1/localities?q=3012'), 200, 'a refreshed token is used');
    // Upstream down: error answers must not leak either.
    await fetch(`${sandbox.url}/__sandbox/knobs`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: true }),
    });
    assert.equal(await call('/v1/localities?q=3013'), 503);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const logs = proxy.lines.join('\n');
    assert.ok(logs.length > 0);
    for (const [what, text] of [['responses', bodies.join('\n')], ['proxy log', logs]]) {
      assert.ok(!text.includes(secret), `the secret is in the ${what}`);
    }
    // Personal data (the shopper's street and what was typed) stays out of the log, even at debug level.
    for (const personal of ['Aarbergergasse', 'aarb']) {
      assert.ok(!logs.toLowerCase().includes(personal.toLowerCase()), `the log holds "${personal}"`);
    }
    // Tokens the sandbox issued are long hex strings; none may reach a response or a log line.
    const tokenLike = /[0-9a-f]{64,}/;
    assert.ok(!tokenLike.test(bodies.join('\n')), 'a token-like string is in a response');
    assert.ok(!tokenLike.test(logs), 'a token-like string is in the proxy log');

    // What the browser downloads, searched byte-wise.
    const dist = path.join(root, 'www/dist');
    const files = fs.readdirSync(dist, { recursive: true }).filter((f) => fs.statSync(path.join(dist, f)).isFile());
    assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('leaflet.js')));
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dist, file));
      assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${file} holds the secret`);
      assert.equal(bytes.indexOf(Buffer.from('sandbox-secret')), -1, `${file} holds the sandbox secret`);
    }
  } finally {
    await proxy.stop();
    sandbox.stop();
  }
});
