// Shared by the browser tests: starts the proxy (sandbox mode, serving the built demo) on a free port, and
// a headless Debian Chromium driven by playwright-core. Nothing here reaches beyond loopback.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts the demo proxy binary (sandbox mode); resolves once it prints the URL it listens on. Each proxy keeps
 * its state in an embedded store of its own, as one instance of a shop would. */
export async function startProxy(env = {}) {
  const binary = process.env.SWISS_CHECKOUT_PROXY_BIN ?? path.join(root, 'target/debug/swiss-checkout-demo');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swiss-checkout-data-'));
  const child = spawn(binary, [], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      // The operator's routes on a free port too: several proxies may run at once.
      SWISS_CHECKOUT_OPERATOR_LISTEN: '127.0.0.1:0',
      SWISS_CHECKOUT_WWW_DIR: path.join(root, 'www/dist'),
      SWISS_CHECKOUT_DATA_DIR: dataDir,
      RUST_LOG: 'info',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not start:\n${lines.join('\n')}`)), 20_000);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const listening = line.match(/listening on (http:\/\/[^\s/]+)\//);
        if (listening) {
          clearTimeout(timer);
          const sandbox = lines.join('\n').match(/sandbox=(http:\/\/[\d.:]+)/);
          resolve({ url: listening[1], sandboxUrl: sandbox?.[1] });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`proxy exited with ${code}:\n${lines.join('\n')}`)));
  });
  const { url, sandboxUrl } = await ready;
  return {
    url,
    sandboxUrl,
    lines,
    async setKnobs(knobs) {
      const response = await fetch(`${sandboxUrl}/__sandbox/knobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(knobs),
      });
      if (!response.ok) throw new Error(`knobs: ${response.status}`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh headless Chromium profile; `close()` removes it. */
export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swiss-checkout-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 900, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // Every page reports Content Security Policy violations as console errors, which `openPage` collects:
  // the pages are served under a strict policy and a test fails on any violation.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page that records console errors and failed requests, for asserting a clean run. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(url);
  return { page, problems };
}

/** Runs axe-core (from node_modules) on `selector` and returns its violations, one line each. */
export async function axeViolations(page, selector) {
  // Evaluated through the DevTools protocol rather than added as a <script>, so it also runs on pages whose
  // Content Security Policy forbids inline scripts.
  await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(document.querySelector(sel), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, selector);
  return violations;
}

/**
 * Types and chooses Aarbergergasse 1, 3011 Bern in the English address fields inside `scope` (a page, a form),
 * until Swiss Post confirms it. Returns the house number field.
 */
export async function enterBernAddress(scope) {
  for (const [label, typed, option] of [
    ['Postcode or town', '3011', '3011 Bern'], ['Street', 'aarb', 'Aarbergergasse'], ['House number', '1', '1'],
  ]) {
    await scope.getByRole('combobox', { name: label }).pressSequentially(typed, { delay: 25 });
    await scope.getByRole('option', { name: option, exact: true }).click();
  }
  await scope.getByText('Address confirmed by Swiss Post.').waitFor();
  return scope.getByRole('combobox', { name: 'House number' });
}

/**
 * Chooses the first 17:30–19:00 evening window in the Delivery group inside `scope` and returns its radio.
 * The options reload once validation settles street and number, so it chooses once they stand still.
 */
export async function chooseEveningWindow(scope) {
  const group = scope.getByRole('radiogroup', { name: 'Delivery' });
  const evening = group.getByRole('radio', { name: /^Evening 17:30–19:00/ }).first();
  const page = group.page();
  for (let attempt = 0; attempt < 5 && !(await evening.isChecked().catch(() => false)); attempt += 1) {
    for (let wait = 0; wait < 100 && (await group.getAttribute('aria-busy')) !== 'false'; wait += 1) {
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(200);
    await evening.click();
  }
  if (!(await evening.isChecked())) throw new Error('no evening window could be chosen');
  return evening;
}

/** The fields the proxy's sandbox echo page (`POST /echo`) shows, once it is there: `{name: value}`. */
export async function echoedFields(page) {
  await page.getByRole('heading', { name: 'What the shop received' }).waitFor();
  return Object.fromEntries(await page.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('th').textContent, row.querySelector('td').textContent])));
}

/**
 * Starts one proxy and one browser for a test file (node:test `before`/`after`) and returns an object
 * whose `proxy` and `browser` are set once they run.
 */
export function sharedProxyAndBrowser({ before, after }) {
  const shared = { proxy: undefined, browser: undefined };
  before(async () => {
    shared.proxy = await startProxy();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.proxy?.stop();
  });
  return shared;
}
