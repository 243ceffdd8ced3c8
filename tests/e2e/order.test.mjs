// From the checkout to the parcel (sandbox mode): "Place order" on the example shop posts the form to the
// page that plays the shop's server; it shows what arrived and makes the label through the labels service
// of POST /server/v1/labels: the PDF (read back with poppler's pdftotext) and the ZPL for a label printer,
// for home delivery and for a pickup point.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, chooseEveningWindow, echoedFields, enterBernAddress, openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });

/** The text of a PDF, as pdftotext (Debian's poppler-utils) reads it. */
function pdfText(bytes) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'label-')), 'label.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The label section of the order page: identcode, service codes, the PDF and the ZPL. */
async function labelOf(page) {
  await page.getByRole('heading', { name: 'The parcel label' }).waitFor();
  const term = (name) => page.locator('dl.shop-label dt', { hasText: name }).locator('xpath=following-sibling::dd[1]').textContent();
  const frame = page.getByTitle('Label (PDF)');
  const pdf = await page.request.get(new URL(await frame.getAttribute('src'), page.url()).href);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const zplLink = page.getByRole('link', { name: 'Download it as ZPL for a label printer' });
  const zpl = await page.request.get(new URL(await zplLink.getAttribute('href'), page.url()).href);
  return {
    ident: await term('Identcode'),
    services: await term('Service codes'),
    text: pdfText(await pdf.body()),
    pdfIdent: pdf.headers()['x-swiss-post-ident-code'],
    zpl: (await zpl.body()).toString('latin1'),
  };
}

async function openShop() {
  const opened = await openPage(shared.browser.context, `${shared.proxy.url}/element/shop.html`);
  const form = opened.page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Full name').fill('Anna Muster');
  await form.getByLabel('E-mail address').fill('anna@example.ch');
  return { ...opened, form };
}

test('a home delivery order: the evening window on a label the shop can print', async () => {
  const { page, form, problems } = await openShop();
  await enterBernAddress(form);
  await chooseEveningWindow(form);
  await form.getByRole('button', { name: 'Place order' }).click();
  const received = await echoedFields(page);
  assert.equal(received.shipping_delivery_kind, 'evening');
  const label = await labelOf(page);
  assert.match(label.ident, /^99\.42\.000001\.\d{8}$/, 'the sandbox account\'s licence, dotted');
  assert.equal(label.ident.replaceAll('.', ''), label.pdfIdent, 'the page shows the PDF\'s identcode');
  assert.match(label.services, /^PRI, ZF17301900$/);
  for (const expected of ['Anna Muster', 'Aarbergergasse 1', '3011 Bern', 'ZF17301900', 'SPECIMEN', 'Sandbox Shop (sample)']) {
    assert.ok(label.text.includes(expected), `${expected} in the PDF:\n${label.text}`);
  }
  assert.ok(label.zpl.startsWith('^XA'));
  assert.match(label.zpl, /\^BCN,\d+,N,N,N\^FD>;99420000010\d{7}\^FS/);
  assert.deepEqual(await axeViolations(page, 'main'), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a pickup order: the point\'s address and its MyPost24 line on the label', async () => {
  const { page, form, problems } = await openShop();
  await enterBernAddress(form);
  await form.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  const list = form.getByRole('listbox', { name: 'Pickup points' });
  const terminal = list.getByRole('option', { name: /My Post 24 terminal/ }).first();
  await terminal.click();
  const name = (await terminal.locator('.sc-pickup__name').textContent()).trim();
  await form.getByRole('button', { name: `Select ${name}` }).click();
  await form.getByText(/Label: MyPost24 PT\d{6}/).waitFor();
  await form.getByRole('button', { name: 'Place order' }).click();
  const received = await echoedFields(page);
  assert.match(received.shipping_pickup_name2, /^MyPost24 PT\d{6}$/);
  const label = await labelOf(page);
  assert.equal(label.services, 'PRI');
  assert.ok(label.text.includes(received.shipping_pickup_name2), `the name2 line in the PDF:\n${label.text}`);
  assert.ok(label.text.includes('Anna Muster'));
  assert.ok(label.zpl.includes(`^FD${received.shipping_pickup_name2}^FS`));
  assert.deepEqual(problems, []);
  await page.close();
});
