// Nothing typed twice, nothing lost on a re-render: the element takes the shopper's name and e-mail from its
// form's own fields (by their autocomplete tokens, live), and keeps what was entered when it is moved or
// detached and re-attached in one task, as frameworks do; removed for good, it cleans up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sharedProxyAndBrowser } from './harness.mjs';

const shared = sharedProxyAndBrowser({ before, after });
const field = (page, name) => page.locator(`input[type=hidden][name=${name}]`).inputValue();

async function chooseStGallenTerminal(page) {
  await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
  const search = page.getByRole('searchbox', { name: 'Postcode or place' });
  await search.fill('9000');
  await search.press('Enter');
  const list = page.getByRole('listbox', { name: 'Pickup points' });
  await list.getByRole('option', { name: /My Post 24 9000 St\. Gallen Bahnhof/ }).waitFor();
  await list.getByRole('option', { name: /My Post 24 9000 St\. Gallen Bahnhof/ }).click();
  await page.getByRole('button', { name: 'Select My Post 24 9000 St. Gallen Bahnhof' }).click();
}

test('the shop page\'s own name and e-mail fields reach the pickup user id with no second entry', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/shop.html`);
  const details = page.getByRole('group', { name: 'Your details' });
  const checkout = page.locator('swiss-checkout');
  await details.getByRole('textbox', { name: 'Full name' }).fill('Anna Muster');
  await details.getByRole('textbox', { name: 'E-mail address' }).fill('anna.muster@example.ch');
  await chooseStGallenTerminal(page);
  // The pickup part asks for nothing the shop's form already has.
  for (const name of ['First name', 'Last name', 'E-mail address']) {
    assert.equal(await checkout.getByRole('textbox', { name, exact: true }).count(), 0, `${name} is not asked again`);
  }
  await page.getByText(/Label: MyPost24 PT\d{6}/).waitFor();
  const first = await field(page, 'shipping_pickup_user_id');
  assert.match(first, /^PT\d{6}$/);
  assert.equal(await field(page, 'shipping_pickup_name2'), `MyPost24 ${first}`);
  // The shopper corrects the e-mail in the shop's field: Swiss Post is asked again, for the new one.
  const email = details.getByRole('textbox', { name: 'E-mail address' });
  await email.fill('anna.muster@example.org');
  await page.waitForFunction((before) =>
    document.querySelector('input[name=shipping_pickup_user_id]')?.value.match(/^PT\d{6}$/)
    && document.querySelector('input[name=shipping_pickup_user_id]').value !== before, first);
  // Emptied again, the field is asked for in the pickup part.
  await email.fill('');
  await checkout.getByRole('textbox', { name: 'E-mail address', exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('moved to another parent, or detached and re-attached in one task, the element keeps everything', async () => {
  const { page, problems } = await openPage(shared.browser.context, `${shared.proxy.url}/element/shop.html`);
  const locality = page.getByRole('combobox', { name: 'Postcode or town' });
  await locality.pressSequentially('3011', { delay: 25 });
  await page.getByRole('option', { name: '3011 Bern', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('swiss-checkout').value.address.postcode === '3011');
  // A move to another parent (a framework reordering the checkout).
  await page.evaluate(() => {
    const element = document.querySelector('swiss-checkout');
    const box = document.createElement('div');
    element.before(box);
    box.append(element);
  });
  // Detached and attached again in the same task (a framework re-rendering).
  await page.evaluate(() => {
    const element = document.querySelector('swiss-checkout');
    const parent = element.parentNode;
    element.remove();
    parent.append(element);
  });
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => document.querySelector('swiss-checkout').value.address.postcode), '3011');
  assert.equal(await locality.inputValue(), '3011 Bern');
  assert.equal(await field(page, 'shipping_postcode'), '3011');
  // Removed for good: the widget is gone with it.
  const left = await page.evaluate(async () => {
    const element = document.querySelector('swiss-checkout');
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return element.childElementCount;
  });
  assert.equal(left, 0);
  assert.deepEqual(problems, []);
  await page.close();
});
