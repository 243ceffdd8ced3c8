// The <swiss-checkout> element: one script tag (type="module") and the element on a shop's page.
//
//   <script type="module" src="/element/swiss-checkout.js"></script>
//   <link rel="stylesheet" href="/element/swiss-checkout.css">
//   <swiss-checkout proxy="https://checkout.shop.example" lang="de" name-prefix="shipping_"></swiss-checkout>
//
// Attributes: proxy, lang (live), name-prefix, key (publishable key), first-name, last-name, email, tiles
// ("" for none), leaflet-base, parts ("address delivery pickup" or some of them), required (live); a change of
// any other starts the widget again with what the shopper entered. Events on the element, bubbling and
// composed: swiss-checkout:change and swiss-checkout:complete, `detail` the selection as plain JSON;
// swiss-checkout:error when a call to the proxy failed, `detail` the selection and its `error`. The widget
// renders into the element's light DOM, so its hidden inputs post with a plain <form>; the element is
// form-associated (ElementInternals) and reports "required" to the form. No inline script or style: it runs
// under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
//
// scripts/bundle-element.mjs bundles this module with the widget's glue; it is not served as it is here.
import init, { mount as mountWidget } from './swiss-checkout-widget.js';

// Top-level await: once this module is imported, the wasm is running and `mount` can be called at once.
await init({ module_or_path: new URL('./swiss-checkout-widget_bg.wasm', import.meta.url) });

// Leaflet's files beside this module, as URLs a bundler (Vite) sees and copies; builds without the pickup
// part have none (scripts/bundle-element.mjs defines WITH_LEAFLET).
const LEAFLET = WITH_LEAFLET
  ? {
    leafletScript: new URL('./leaflet/leaflet.js', import.meta.url).href,
    leafletStyle: new URL('./leaflet/leaflet.css', import.meta.url).href,
  }
  : {};

/** Renders the widget into `element`: see `MountOptions` in swiss-checkout.d.ts. */
export function mount(element, options = {}) {
  return mountWidget(element, options.leafletBase ? options : { ...LEAFLET, ...options });
}

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

export class SwissCheckoutElement extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = [...Object.keys(ATTRIBUTES), 'required'];

  #handle;
  #internals;

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
    if (name === 'required') {
      this.#updateValidity();
    } else if (name === 'lang') {
      this.#handle.setLang(value ?? 'en');
      this.#updateValidity();
    } else {
      // Other settings take effect in a fresh widget, which starts with what the shopper entered.
      const entered = this.#handle.value();
      this.#handle.destroy();
      this.#mount(entered);
    }
  }

  /** The selection now, as plain JSON. */
  get value() {
    return this.#handle?.value();
  }

  // The form-control interface, as native fields have it.
  get form() { return this.#internals?.form ?? null; }
  get validity() { return this.#internals?.validity; }
  get validationMessage() { return this.#internals?.validationMessage ?? ''; }
  get willValidate() { return this.#internals?.willValidate ?? false; }
  checkValidity() { return this.#internals?.checkValidity() ?? true; }
  reportValidity() { return this.#internals?.reportValidity() ?? true; }

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
    return options;
  }

  /** `value`: a selection to start with (else the widget starts empty). */
  #mount(value) {
    this.#handle = mount(this, value ? { ...this.#options(), value } : this.#options());
    this.#handle.on('change', () => this.#updateValidity());
    this.#updateValidity();
  }

  #updateValidity() {
    if (!this.#internals) return;
    // What is missing, in the widget's language; "" once the selection is complete for the parts shown.
    const missing = this.#handle?.missing() ?? '';
    if (!this.hasAttribute('required') || !missing) {
      this.#internals.setValidity({});
    } else {
      this.#internals.setValidity({ valueMissing: true }, missing);
    }
  }
}

if (!customElements.get('swiss-checkout')) customElements.define('swiss-checkout', SwissCheckoutElement);
