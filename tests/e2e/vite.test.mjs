// The npm package as a shop's bundler app uses it: `npm pack` of this repository, installed (offline, the
// tarball has no dependencies) into a fresh Vite app, built with the project's own Vite, served from another
// origin than the proxy, and run in Chromium: the widget mounts, looks up across origins (the proxy allows
// the app's origin), reports the selection, and `destroy()` removes everything; its second page imports the
// address-only build (`swiss-checkout/address`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, openPage, root, startProxy } from './harness.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
let app;
let server;
let origin;
let proxy;
let browser;

before(async () => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'swiss-checkout-vite-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: root }).toString().trim();
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(app, packed)], { cwd: app, stdio: 'ignore' });
  fs.writeFileSync(path.join(app, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Shop</title><script type="module" src="/main.js"></script></head>
<body><main><h1>Shop checkout</h1><form aria-label="Checkout"><div id="checkout"></div></form></main></body></html>`);
  fs.writeFileSync(path.join(app, 'main.js'), `import { mount } from 'swiss-checkout';
import 'swiss-checkout/style.css';
const handle = mount(document.getElementById('checkout'), { proxy: import.meta.env.VITE_PROXY, lang: 'en', tiles: '' });
window.changes = [];
handle.on('change', (selection) => window.changes.push(selection));
window.handle = handle;
`);
  // A second page with the address-only build (`swiss-checkout/address`), as a shop's billing step would.
  fs.writeFileSync(path.join(app, 'billing.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Billing</title><script type="module" src="/billing.js"></script></head>
<body><main><h1>Billing address</h1><form aria-label="Billing"><div id="billing"></div></form></main></body></html>`);
  fs.writeFileSync(path.join(app, 'billing.js'), `import { mount } from 'swiss-checkout/address';
import 'swiss-checkout/address/style.css';
window.handle = mount(document.getElementById('billing'), { proxy: import.meta.env.VITE_PROXY, lang: 'en' });
`);
  // A third page in Vue (the project's own copy, linked in; render functions, so no compiler plugin): the
  // checkout in a keyed list that the app reorders and re-renders, as framework checkouts do.
  fs.mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules/vue'), path.join(app, 'node_modules/vue'));
  fs.writeFileSync(path.join(app, 'vue.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Vue shop</title><script type="module" src="/vue.js"></script></head>
<body><main><h1>Vue shop checkout</h1><div id="app"></div></main></body></html>`);
  fs.writeFileSync(path.join(app, 'vue.js'), `import 'swiss-checkout';
import 'swiss-checkout/style.css';
import { createApp, h, ref } from 'vue';
createApp({
  setup() {
    const order = ref(['checkout', 'gift', 'notes']);
    const renders = ref(0);
    const others = () => order.value.filter((key) => key !== 'checkout');
    const block = (key) => key === 'checkout'
      ? h('swiss-checkout', { key, proxy: import.meta.env.VITE_PROXY, lang: 'en', tiles: '', parts: 'address delivery' })
      : h('p', { key }, key + ': rendered ' + renders.value + ' times');
    return () => h('form', { 'aria-label': 'Checkout' }, [
      ...order.value.map(block),
      h('button', { type: 'button', onClick: () => { order.value = [...others(), 'checkout']; } }, 'Checkout last'),
      h('button', { type: 'button', onClick: () => { order.value = ['checkout', ...others()]; } }, 'Checkout first'),
      h('button', { type: 'button', onClick: () => { renders.value += 1; } }, 'Re-render'),
    ]);
  },
}).mount('#app');
`);
  fs.writeFileSync(path.join(app, 'vite.config.js'), `export default {
  build: { rollupOptions: { input: { main: 'index.html', billing: 'billing.html', vue: 'vue.html' } } },
};
`);
  // The app's origin is known only once its server listens; the proxy must allow it.
  server = http.createServer((request, response) => {
    const file = path.join(app, 'dist', decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(app, 'dist/index.html');
    response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  proxy = await startProxy({ SWISS_CHECKOUT_ALLOWED_ORIGINS: origin });
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: app,
    env: { ...process.env, VITE_PROXY: proxy.url },
    stdio: 'inherit',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await proxy?.stop();
  server?.close();
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

test('a Vite app built from the packed tarball mounts the widget, looks up across origins and destroys it', async () => {
  const built = fs.readdirSync(path.join(app, 'dist/assets'));
  assert.ok(built.some((f) => f.endsWith('.wasm')), `the wasm is among the built assets: ${built}`);
  assert.ok(built.some((f) => f.startsWith('split_pickup')), `so is the pickup part's chunk: ${built}`);
  const { page, problems } = await openPage(browser.context, `${origin}/`);
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByRole('combobox', { name: 'Postcode or town' }).pressSequentially('3011', { delay: 25 });
  await form.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.waitForFunction(() => window.changes.some((s) => s.address.postcode === '3011'));
  assert.equal(await page.evaluate(() => window.handle.value().address.town), 'Bern');
  // The pickup part: its wasm chunk and Leaflet come from the app's own build.
  await form.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  await form.getByRole('listbox', { name: 'Pickup points' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#checkout .leaflet-container path'));
  assert.equal(await page.evaluate(() => { window.handle.destroy(); return document.getElementById('checkout').childElementCount; }), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the same app\'s billing page uses the address-only build: no delivery or pickup, a smaller wasm', async () => {
  const wasm = fs.readdirSync(path.join(app, 'dist/assets')).filter((f) => /^swiss-checkout-widget_bg.*\.wasm$/.test(f))
    .map((f) => fs.statSync(path.join(app, 'dist/assets', f)).size).sort((a, b) => a - b);
  assert.equal(wasm.length, 2, 'two builds, two main wasm files');
  assert.ok(wasm[0] < wasm[1], `the address-only wasm is smaller: ${wasm}`);
  const { page, problems } = await openPage(browser.context, `${origin}/billing.html`);
  const form = page.getByRole('form', { name: 'Billing' });
  await form.getByRole('combobox', { name: 'Postcode or town' }).pressSequentially('3011', { delay: 25 });
  await form.getByRole('option', { name: '3011 Bern', exact: true }).click();
  assert.equal(await page.evaluate(() => window.handle.value().address.town), 'Bern');
  assert.equal(await page.getByRole('radiogroup').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in a Vue app that reorders and re-renders the checkout, the element keeps what was entered', async () => {
  const { page, problems } = await openPage(browser.context, `${origin}/vue.html`);
  const locality = page.getByRole('combobox', { name: 'Postcode or town' });
  await locality.pressSequentially('3011', { delay: 25 });
  await page.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('swiss-checkout').value.address.postcode === '3011');
  const element = await page.evaluateHandle(() => document.querySelector('swiss-checkout'));
  const position = () => page.evaluate((el) => [...el.parentNode.children].indexOf(el), element);
  // Vue moves the element itself (the other two blocks keep their order), patches the form around it, and
  // moves it back.
  assert.equal(await position(), 0);
  await page.getByRole('button', { name: 'Checkout last' }).click();
  await page.waitForFunction((el) => el.previousElementSibling?.textContent.startsWith('notes'), element);
  assert.equal(await position(), 2);
  await page.getByRole('button', { name: 'Re-render' }).click();
  await page.getByText('notes: rendered 1 times').waitFor();
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => document.querySelector('swiss-checkout').value.address.postcode), '3011');
  await page.getByRole('button', { name: 'Checkout first' }).click();
  await page.waitForFunction((el) => !el.previousElementSibling, element);
  await page.waitForTimeout(50);
  assert.ok(await page.evaluate((el) => el === document.querySelector('swiss-checkout'), element), 'the same element');
  assert.equal(await page.evaluate(() => document.querySelector('swiss-checkout').value.address.postcode), '3011');
  assert.equal(await locality.inputValue(), '3011 Bern');
  assert.deepEqual(problems, []);
  await page.close();
});
