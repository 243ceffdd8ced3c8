// SIGTERM lets the proxy finish the requests in flight before it exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy } from './harness.mjs';

test('a request in flight when SIGTERM arrives is still answered', async () => {
  const proxy = await startProxy();
  await proxy.setKnobs({ latency_ms: 800 });
  const started = Date.now();
  const inFlight = fetch(`${proxy.url}/v1/localities?q=2502`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const stopped = proxy.stop();
  const response = await inFlight;
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.ok(body.localities.some((l) => l.town === 'Biel/Bienne'));
  await stopped;
  assert.ok(Date.now() - started >= 800, 'the answer waited for the slow upstream');
  assert.ok(proxy.lines.some((l) => l.includes('shutting down')), proxy.lines.join('\n'));
  await assert.rejects(fetch(`${proxy.url}/healthz`), 'no longer listening');
});
