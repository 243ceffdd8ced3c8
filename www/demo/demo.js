// The demo page around the shipped <swiss-checkout> element: the language from `?lang=de|fr|it|en` (else the
// page's), a language switch that keeps what was entered, a short read-out of the selection, and beside it,
// live, what a shop's page receives: each event as it fires, the form fields that would post, the selection.
// The page's and the element's `lang`, as the widget names its languages.
const TAGS = { de: 'de-CH', fr: 'fr-CH', it: 'it-CH', en: 'en-CH' };
const checkout = document.getElementById('checkout');
const form = document.getElementById('demo-form');

function pageLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked in TAGS) return asked;
  const page = document.documentElement.lang.split('-')[0];
  return page in TAGS ? page : 'en';
}

/** Switching language changes the element's and the page's `lang` and the address bar, without a reload. */
function showLanguage(lang) {
  document.documentElement.lang = TAGS[lang];
  checkout.setAttribute('lang', TAGS[lang]);
  history.replaceState(null, '', `?lang=${lang}`);
  for (const button of document.querySelectorAll('#languages button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

/** "Aarbergergasse 1, 3011 Bern". */
function describe(address) {
  const street = `${address.street ?? ''} ${address.house_number ?? ''}`.trim();
  const locality = `${address.postcode ?? ''} ${address.town ?? ''}`.trim();
  return [street, locality].filter(Boolean).join(', ');
}

function showSelection(selection) {
  const address = selection?.address ?? {};
  const text = describe(address);
  document.getElementById('selection').textContent =
    text ? `Chosen: ${text} (${address.verified ? 'verified' : 'not verified'})` : '';
  const delivery = selection?.delivery;
  document.getElementById('delivery-selection').textContent =
    delivery ? `Delivery: ${delivery.date} (${(delivery.product_codes ?? []).join(',')})` : '';
  const pickup = selection?.pickup;
  const place = pickup?.address;
  document.getElementById('pickup-selection').textContent = pickup
    ? `Pickup point: ${pickup.name}, ${place.street} ${place.house_number}, ${place.postcode} ${place.town}`
      + (pickup.user ? `, name2: ${pickup.user.name2}` : '')
    : '';
  document.getElementById('selection-json').textContent = JSON.stringify(selection ?? {}, null, 2);
  // The hidden fields follow the selection in the same turn of the event loop, after the event.
  setTimeout(showFields, 0);
}

function showFields() {
  const rows = [...new FormData(form)].map(([name, value]) => {
    const row = document.createElement('tr');
    for (const text of [name, String(value)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  document.getElementById('fields').replaceChildren(...rows);
}

function logEvent(event) {
  const entry = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString('en-GB');
  const detail = event.detail?.error ? ` ${event.detail.error.request}: ${event.detail.error.reason}` : '';
  entry.append(time, ` ${event.type}${detail}`);
  const log = document.getElementById('events');
  log.prepend(entry);
  while (log.children.length > 20) log.lastElementChild.remove();
}

for (const type of ['swiss-checkout:change', 'swiss-checkout:complete', 'swiss-checkout:error']) {
  checkout.addEventListener(type, (event) => {
    logEvent(event);
    showSelection(event.detail);
  });
}
for (const button of document.querySelectorAll('#languages button')) {
  button.addEventListener('click', () => showLanguage(button.dataset.lang));
}
showLanguage(pageLang());
// The element's module after its `lang` is set, so it starts in the page's language.
await import('./element/swiss-checkout.js');
showSelection(checkout.value);
