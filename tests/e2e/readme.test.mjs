// The README's commands, run as a newcomer would run them: `npm start` (after `npm test` has built
// everything, so it is the warm start) up to the URL line and the pages it names, and every shell block of
// "Put it on your shop" verbatim, with two changes only: free ports instead of 8080 and 8090, so a demo
// running beside the tests does not collide, and a folder of our own for what the recipes write. `npm test`
// is the command running this. And the README's screenshot, taken anew from the demo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { enterBernAddress, openPage, root, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs a shell script in its own process group from the repository's root. Without `until`: resolves with
 * its output once it has exited, then ends whatever it left running in the background (`… &`). With
 * `until(output)`: resolves as soon as that is true, with `stop()` to end the whole group.
 */
function runShell(script, { env = {}, until } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const exited = new Promise((done) => child.once('exit', done));
    const stop = async () => {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await exited;
    };
    const onData = (chunk) => {
      output += chunk;
      if (until && !ready && until(output)) { ready = true; resolve({ output, stop }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      if (until && !ready) reject(new Error(`exited with ${code} before it was ready:\n${output}`));
      else if (!until && code === 0) resolve({ output });
      else if (!until) reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

test('the README shows the two commands first', () => {
  assert.ok(shellBlocks.length >= 3, `shell blocks: ${shellBlocks.length}`);
  const commands = shellBlocks[0].split('\n').filter(Boolean).map((line) => line.split('#')[0].trim());
  assert.deepEqual(commands, ['npm start', 'npm test']);
  const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
  assert.match(ci, /^npm test$/m, 'CI runs exactly the README\'s test command');
});

test('npm start names the demo, the example shop and the sandbox\'s page, and serves them', { timeout: 600_000 }, async () => {
  const started = Date.now();
  const { output, stop } = await runShell('npm start', {
    env: { PORT: '0', CI: '1' },
    until: (text) => /swiss-checkout is up:.*\n/.test(text),
  });
  try {
    console.log(`warm npm start to the URL line: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const line = output.split('\n').find((l) => l.includes('swiss-checkout is up:'));
    const urls = [...line.matchAll(/(demo|example shop|sandbox) (http:\/\/\S+)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(urls.map(([name]) => name), ['demo', 'example shop', 'sandbox'], line);
    // Every build step reported on a line of its own, with its time; no compiler output.
    assert.match(output, /✓ building the <swiss-checkout> element and the demo page: \d+m\d\ds/);
    assert.doesNotMatch(output, /^\s*Compiling /m);
    const page = await shared.browser.context.newPage();
    const expected = { demo: 'swiss-checkout', 'example shop': 'Place order', sandbox: 'Test credentials' };
    for (const [name, url] of urls) {
      const response = await page.goto(url);
      assert.equal(response.status(), 200, `${name}: ${url}`);
      assert.match(await page.content(), new RegExp(expected[name]), name);
    }
    await page.close();
  } finally {
    await stop();
  }
});

test('the npm recipe packs the package and installs it into an app folder', { timeout: 300_000 }, async () => {
  const block = shellBlocks.find((b) => b.includes('npm pack'));
  const shop = path.join(root, 'my-shop');
  const tarball = path.join(root, 'swiss-checkout-0.1.0.tgz');
  try {
    await runShell(block);
    const installed = path.join(shop, 'node_modules/swiss-checkout');
    assert.ok(fs.existsSync(path.join(installed, 'www/dist/element/swiss-checkout-widget_bg.wasm')));
    assert.ok(fs.existsSync(path.join(installed, 'js/swiss-checkout.d.ts')));
  } finally {
    fs.rmSync(shop, { recursive: true, force: true });
    fs.rmSync(tarball, { force: true });
  }
});

test('the proxy recipe runs the release proxy against the sandbox and answers a lookup', { timeout: 900_000 }, async () => {
  const block = shellBlocks.find((b) => b.includes('cargo build --release'));
  const proxyPort = await freePort();
  const sandboxPort = await freePort();
  const script = block.replaceAll('127.0.0.1:8080', `127.0.0.1:${proxyPort}`)
    .replaceAll('127.0.0.1:8090', `127.0.0.1:${sandboxPort}`);
  // The proxy keeps its state in ./swiss-checkout-data by default: made here, removed here.
  const dataDir = path.join(root, 'swiss-checkout-data');
  const hadData = fs.existsSync(dataDir);
  try {
    const { output } = await runShell(script);
    const json = JSON.parse(output.trim().split('\n').at(-1));
    assert.deepEqual(json.localities[0], { postcode: '3011', town: 'Bern' });
  } finally {
    fs.rmSync(path.join(root, 'client-secret'), { force: true });
    if (!hadData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the README\'s screenshot: the demo with a Bern address confirmed and its delivery options', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/?lang=en`);
  await page.setViewportSize({ width: 720, height: 900 });
  await enterBernAddress(page);
  const group = page.getByRole('radiogroup', { name: 'Delivery' });
  await group.getByRole('radio').first().waitFor();
  // The top of the element: the address, the choice of home or pickup, the days and the first options.
  const box = await page.locator('swiss-checkout').boundingBox();
  await page.screenshot({
    path: path.join(root, 'docs/screenshot.png'),
    fullPage: true,
    clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1150) },
  });
  assert.deepEqual(problems, []);
  await page.close();
});
