// The <swiss-checkout> element: one script tag (type="module") and the element on a shop's page.
//
//   <script type="module" src="/element/swiss-checkout.js"></script>
//   <link rel="stylesheet" href="/element/swiss-checkout.css">
//   <swiss-checkout proxy="https://checkout.shop.example" lang="de" name-prefix="shipping_"></swiss-checkout>
//
// Attributes: proxy, lang (live; in the bundle with every part each language's texts are fetched once, when
// first shown), name-prefix, key (publishable key), first-name, last-name, email (live; else
// the name and e-mail fields of the element's form, by their autocomplete tokens, live), tiles ("" for none),
// leaflet-base, parts ("address delivery pickup" or some of them), default-delivery ("standard" when absent,
// "economy", …, or "none": the kind chosen from the start on its earliest day), swiss-post-addresses (present:
// offer "Use my Swiss Post addresses", the proxy's Login Post Connector), required (live); a change of
// any other starts the widget again with what the shopper entered. Moved to another parent, or detached and
// attached again in one task as frameworks do when they re-render, it keeps everything; removed for good, it
// cleans up. Events on the element, bubbling and composed: swiss-checkout:change and swiss-checkout:complete,
// `detail` the selection as plain JSON; swiss-checkout:error when a call to the proxy failed, `detail` the
// selection and its `error`; swiss-checkout:shopper when the widget learned the shopper's name and e-mail
// (their Swiss Post sign-in), which the element puts into its form's empty name and e-mail fields. The widget renders into the element's light DOM, so its hidden inputs post with
// a plain <form>; the element is form-associated (ElementInternals) and reports "required" to the form. No
// inline script or style: it runs under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
//
// scripts/bundle-element.mjs bundles this module with the widget's glue; it is not served as it is here.
import init, * as widget from './swiss-checkout-widget.js';
import { prefetchTexts, switchWhenLoaded } from './texts.js';

// With FETCHED_TEXTS (scripts/bundle-element.mjs: the bundle with every part) the wasm holds no texts: those
// of the languages on the page (each element's, English where it has none, and the page's for elements
// still to come) load while the wasm does.
const pageTexts = FETCHED_TEXTS
  ? prefetchTexts([
    ...[...document.querySelectorAll('swiss-checkout')].map((element) => element.getAttribute('lang')),
    document.documentElement.lang,
  ])
  : null;
// Top-level await: once this module is imported, the wasm is running with its texts and `mount` can be
// called at once.
await init({ module_or_path: new URL('./swiss-checkout-widget_bg.wasm', import.meta.url) });
await pageTexts?.load(widget.addTexts);

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
  const handle = widget.mount(element, options.leafletBase ? options : { ...LEAFLET, ...options });
  return FETCHED_TEXTS ? switchWhenLoaded(handle, options.lang ?? '', widget.addTexts) : handle;
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
  'default-delivery': 'defaultDelivery',
  'swiss-post-addresses': 'swissPostAddresses',
};

export class SwissCheckoutElement extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = [...Object.keys(ATTRIBUTES), 'required'];

  #handle;
  #internals;
  /** The form whose name and e-mail fields the element follows, and its listener. */
  #watched;
  #onFormInput = () => this.#passShopper();

  constructor() {
    super();
    this.#internals = this.attachInternals?.();
    // The shopper's name and e-mail from their Swiss Post sign-in: into the form's own fields still empty.
    this.addEventListener('swiss-checkout:shopper', (event) => this.#fillShopper(event.detail ?? {}));
  }

  connectedCallback() {
    if (!this.#handle) this.#mount();
    this.#watchForm();
  }

  disconnectedCallback() {
    // Frameworks detach and re-attach an element as they re-render, and a move to another parent
    // disconnects and reconnects it at once: only an element still detached once this task is over has been
    // removed for good. Until then it keeps the widget, with everything the shopper entered and chose.
    setTimeout(() => {
      if (this.isConnected) return;
      this.#watchForm();
      this.#handle?.destroy();
      this.#handle = undefined;
    }, 0);
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#handle || previous === value) return;
    if (name === 'required') {
      this.#updateValidity();
    } else if (name === 'first-name' || name === 'last-name' || name === 'email') {
      this.#passShopper();
    } else if (name === 'lang') {
      // Once the language's texts are here: the validation message follows.
      Promise.resolve(this.#handle.setLang(value ?? 'en')).then(() => this.#updateValidity());
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
    const options = { ...this.#options(), ...this.#shopper() };
    this.#handle = mount(this, value ? { ...options, value } : options);
    this.#handle.on('change', () => this.#updateValidity());
    this.#updateValidity();
  }

  /**
   * What the page knows of the shopper: the first-name, last-name and email attributes, else the fields of
   * the element's form that carry the autocomplete tokens given-name, family-name, name (split at its first
   * space: "Anna Maria Muster" is Anna and Maria Muster) or email. The widget's own fields do not count.
   */
  #shopper() {
    const form = this.#internals?.form ?? this.closest('form');
    const field = (token) => [...(form?.elements ?? [])].find((element) => !this.contains(element)
      && (element.getAttribute('autocomplete') ?? '').split(/\s+/).includes(token) && element.value?.trim());
    const full = field('name')?.value.trim().split(/\s+/) ?? [];
    return {
      firstName: this.getAttribute('first-name') ?? field('given-name')?.value ?? full[0] ?? '',
      lastName: this.getAttribute('last-name') ?? field('family-name')?.value ?? full.slice(1).join(' '),
      email: this.getAttribute('email') ?? field('email')?.value ?? '',
    };
  }

  /**
   * Puts what the widget learned (the shopper's Swiss Post sign-in) into the form's own name and e-mail
   * fields that are still empty and can be typed in, telling the page's code as typing would (input, change).
   */
  #fillShopper({ firstName = '', lastName = '', email = '' }) {
    const form = this.#internals?.form ?? this.closest('form');
    const values = { 'given-name': firstName, 'family-name': lastName, name: `${firstName} ${lastName}`.trim(), email };
    for (const element of form?.elements ?? []) {
      if (this.contains(element) || element.disabled || element.readOnly || element.type === 'hidden') continue;
      if (element.value?.trim()) continue;
      const token = (element.getAttribute('autocomplete') ?? '').split(/\s+/).find((t) => values[t]);
      if (!token) continue;
      element.value = values[token];
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  #passShopper() {
    const { firstName, lastName, email } = this.#shopper();
    this.#handle?.setShopper(firstName, lastName, email);
  }

  /** Follows the name and e-mail fields of the form the element is in now (none once it is removed). */
  #watchForm() {
    const form = this.isConnected ? (this.#internals?.form ?? this.closest('form')) : null;
    if (form === this.#watched) return;
    this.#watched?.removeEventListener('input', this.#onFormInput);
    this.#watched = form;
    form?.addEventListener('input', this.#onFormInput);
    this.#passShopper();
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
