// The <swiss-checkout> element: one script tag (type="module") and the element on a shop's page.
//
//   <script type="module" src="/element/swiss-checkout.js"></script>
//   <link rel="stylesheet" href="/element/swiss-checkout.css">
//   <swiss-checkout proxy="https://checkout.shop.example" lang="de" name-prefix="shipping_"></swiss-checkout>
//
// Attributes: proxy, lang (live), name-prefix, key (publishable key), first-name, last-name, email, tiles
// ("" for none), leaflet-base, parts ("address delivery pickup" or some of them). Events on the element,
// bubbling and composed: swiss-checkout:change and swiss-checkout:complete, `detail` the selection as plain
// JSON; swiss-checkout:error when a call to the proxy failed, `detail` the selection and its `error`. The widget renders into the element's light
// DOM, so its hidden inputs post with a plain <form>; the element is form-associated (ElementInternals) and
// reports "required" to the form. No inline script or style: it runs under
// `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
import init, { mount } from './swiss-checkout-widget.js';

// Top-level await: once this module is imported, the wasm is running and `mount` can be called at once.
await init({ module_or_path: new URL('./swiss-checkout-widget_bg.wasm', import.meta.url) });

/** Attribute → option of `mount`. */
const ATTRIBUTES = {
  proxy: 'proxy',
  lang: 'lang',
  'name-prefix': 'namePrefix',
  key: 'publishableKey',
  'first-name': 'firstName',
  'last-name': 'lastName',
  email: 'email',
  tiles: 'tiles',
  'leaflet-base': 'leafletBase',
  parts: 'parts',
};

const MISSING = {
  en: 'Please enter the delivery address and choose a delivery.',
  de: 'Bitte geben Sie die Lieferadresse ein und wählen Sie eine Lieferung.',
  fr: 'Veuillez saisir l’adresse de livraison et choisir une livraison.',
  it: 'Inserisca l’indirizzo di consegna e scelga una consegna.',
};

export class SwissCheckoutElement extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = Object.keys(ATTRIBUTES);

  #handle;
  #internals;
  #complete = false;

  constructor() {
    super();
    this.#internals = this.attachInternals?.();
  }

  connectedCallback() {
    if (!this.#handle) this.#mount();
  }

  disconnectedCallback() {
    this.#handle?.destroy();
    this.#handle = undefined;
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#handle || previous === value) return;
    if (name === 'lang') {
      this.#handle.setLang(value ?? 'en');
    } else {
      // Other settings take effect in a fresh widget.
      this.#handle.destroy();
      this.#mount();
    }
  }

  /** The selection now, as plain JSON. */
  get value() {
    return this.#handle?.value();
  }

  formResetCallback() {
    this.#handle?.destroy();
    this.#mount();
  }

  #options() {
    const options = {};
    for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    options.leafletBase ??= new URL(/* @vite-ignore */ './leaflet', import.meta.url).href;
    return options;
  }

  #mount() {
    this.#complete = false;
    this.#handle = mount(this, this.#options());
    this.#handle.on('change', () => this.#updateValidity());
    this.#handle.on('complete', () => {
      this.#complete = true;
      this.#updateValidity();
    });
    this.#updateValidity();
  }

  #updateValidity() {
    if (!this.#internals) return;
    const value = this.#handle?.value();
    const complete = value && (value.pickup ? Boolean(value.pickup.user) : Boolean(value.delivery && value.address?.street));
    if (!this.hasAttribute('required') || complete) {
      this.#internals.setValidity({});
    } else {
      const lang = (this.getAttribute('lang') ?? 'en').slice(0, 2);
      this.#internals.setValidity({ valueMissing: true }, MISSING[lang] ?? MISSING.en);
    }
  }
}

if (!customElements.get('swiss-checkout')) customElements.define('swiss-checkout', SwissCheckoutElement);
export { mount };
