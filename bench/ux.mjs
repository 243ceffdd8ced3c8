// Measures how quickly a shopper gets through the checkout, in headless Chromium on a 390×844 phone screen,
// on the example shop page with "3011 Bern, Kramgasse 49": the height of what home delivery shows (the day
// strip and the chosen day's options), the radio options visible at once there, the page's height, and the
// time from choosing "Collect at a pickup point" to the first point listed. Prints figures; asserts nothing.
// Run: npm run bench:ux (after npm start or npm test built the element and the proxy).
import { launchBrowser, startProxy } from '../tests/e2e/harness.mjs';

const proxy = await startProxy();
const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(`${proxy.url}/element/shop.html`);

for (const [label, typed, option] of [
  ['Postcode or town', '3011', '3011 Bern'], ['Street', 'kram', 'Kramgasse'], ['House number', '49', '49'],
]) {
  await page.getByRole('combobox', { name: label }).pressSequentially(typed, { delay: 25 });
  await page.getByRole('option', { name: option, exact: true }).click();
}
await page.getByText('Address confirmed by Swiss Post.').waitFor();
await page.waitForFunction(() => document.querySelector('[role=radiogroup]')?.getAttribute('aria-busy') === 'false');
await page.getByRole('radiogroup', { name: 'Delivery' }).getByRole('radio').first().waitFor();

const layout = await page.evaluate(() => {
  const home = document.querySelector('.sc-home') ?? document.querySelector('.sc-delivery');
  const shown = (element) => element.getClientRects().length > 0;
  return {
    home: Math.round(home.getBoundingClientRect().height),
    radios: [...home.querySelectorAll('input[type=radio]')].filter((radio) => shown(radio.closest('label') ?? radio)).length,
    page: document.documentElement.scrollHeight,
    chosen: document.querySelector('swiss-checkout').value.delivery?.kind ?? 'none',
  };
});
console.log(`home delivery part at 390 px: ${layout.home} px high (the screen is 844), ${layout.radios} radio options shown`);
console.log(`page height at 390 px: ${layout.page} px; chosen from the start: ${layout.chosen}`);

const started = performance.now();
await page.getByRole('radio', { name: 'Collect at a pickup point' }).check();
await page.getByRole('listbox', { name: 'Pickup points' }).getByRole('option').first().waitFor();
console.log(`"Collect at a pickup point" to the first point listed: ${Math.round(performance.now() - started)} ms`);

await browser.close();
await proxy.stop();
