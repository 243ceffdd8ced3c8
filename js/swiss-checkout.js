// The <swiss-checkout> element: one script tag (type="module") and the element on a shop's page.
//
//   <script type="module" src="/element/swiss-checkout.js"></script>
//   <link rel="stylesheet" href="/element/swiss-checkout.css">
//   <swiss-checkout proxy="https://checkout.shop.example" lang="de" name-prefix="shipping_"></swiss-checkout>
//
// Fields first: the element defines itself at once and shows plain address fields (js/fallback.js) before its
// wasm has arrived; when the wasm runs, the widget takes over what they hold (the values, the field the shopper
// is in and where), and where it cannot run (no WebAssembly, a Content Security Policy without
// 'wasm-unsafe-eval', a failed download, or none within `wasm-timeout` ms) the plain fields stay, post with
// `address_verified=false`, and the element fires swiss-checkout:error with `detail.reason` ('no-webassembly',
// 'blocked', 'failed', 'timeout'). The shopper is told nothing alarming: the order goes out all the same.
//
// Attributes: proxy, lang (live; in the bundle with every part each language's texts are fetched once, when
// first shown), name-prefix, key (publishable key), first-name, last-name, email (live; else
// the name and e-mail fields of the element's form, by their autocomplete tokens, live), tiles ("" for none),
// leaflet-base, wasm-timeout (ms, default 15000), parts ("address delivery pickup" or some of them), default-delivery ("standard" when absent,
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
import { Fallback } from './fallback.js';

/** How long an element waits for the wasm before its plain fields stay for good (`wasm-timeout`, ms). */
const WASM_TIMEOUT_MS = 15000;

/** Why the widget cannot run: `reason` is 'no-webassembly', 'blocked', 'failed' or 'timeout'. */
class Unavailable extends Error {
  constructor(reason, cause) {
    super(`swiss-checkout: the widget cannot run here (${reason}); the plain address fields stay`, { cause });
    this.reason = reason;
  }
}

// A Content Security Policy without 'wasm-unsafe-eval' refuses the wasm; Chromium reports it as such.
let refusedByPolicy = false;
document.addEventListener('securitypolicyviolation', (event) => {
  if (event.blockedURI === 'wasm-eval') refusedByPolicy = true;
});

/** True once the wasm runs with its texts: `mount` renders the widget at once from then on. */
let running = false;

/**
 * Resolves once the widget's wasm runs (with the texts of the page's languages); rejects with an error whose
 * `reason` says why it cannot. Started at once, while the page goes on: the plain fields do not wait for it.
 */
export const ready = (async () => {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new Unavailable('no-webassembly');
  }
  // With FETCHED_TEXTS (scripts/bundle-element.mjs: the bundle with every part) the wasm holds no texts: those
  // of the languages on the page (each element's, English where it has none, and the page's for elements
  // still to come) load while the wasm does.
  const pageTexts = FETCHED_TEXTS
    ? prefetchTexts([
      ...[...document.querySelectorAll('swiss-checkout')].map((element) => element.getAttribute('lang')),
      document.documentElement.lang,
    ])
    : null;
  try {
    await init({ module_or_path: new URL('./swiss-checkout-widget_bg.wasm', import.meta.url) });
    await pageTexts?.load(widget.addTexts);
  } catch (error) {
    const policy = refusedByPolicy || /Content Security Policy|unsafe-eval/i.test(String(error?.message));
    throw new Unavailable(policy ? 'blocked' : 'failed', error);
  }
  running = true;
})();
ready.catch(() => {});

// Leaflet's files beside this module, as URLs a bundler (Vite) sees and copies; builds without the pickup
// part have none (scripts/bundle-element.mjs defines WITH_LEAFLET).
const LEAFLET = WITH_LEAFLET
  ? {
    leafletScript: new URL('./leaflet/leaflet.js', import.meta.url).href,
    leafletStyle: new URL('./leaflet/leaflet.css', import.meta.url).href,
  }
  : {};

/** The widget, now: only once `ready` has resolved. */
function mountNow(element, options) {
  const handle = widget.mount(element, options.leafletBase ? options : { ...LEAFLET, ...options });
  return FETCHED_TEXTS ? switchWhenLoaded(handle, options.lang ?? '', widget.addTexts) : handle;
}

/**
 * Renders the widget into `element` (see `MountOptions` in swiss-checkout.d.ts). Before the wasm runs, the
 * plain fields show at once and the handle answers for them; the widget takes over when it arrives.
 */
export function mount(element, options = {}) {
  return running && !Fallback.rendered(element) ? mountNow(element, options) : new Pending(element, options);
}

/** Puts the shopper back where they were: the widget's input for a plain field, the caret where it was. */
function resumeIn(element, { field, start, end }, address) {
  const inputs = [...element.querySelectorAll('.sc-address input.sc-input')];
  const input = inputs[{ postcode: 0, town: 0, street: 1, house_number: 2 }[field]];
  if (!input) return;
  // "3011 Bern" in the widget's one field: the town's caret moves past the postcode and its space.
  const shift = field === 'town' && address.postcode ? address.postcode.length + 1 : 0;
  const caret = () => input.setSelectionRange((start ?? 0) + shift, (end ?? start ?? 0) + shift);
  // Focus moves in the same task as the plain fields go, so it never falls to the page.
  input.focus();
  caret();
  // Once the widget has written its values into its fields (its effects run after this task): the caret
  // again, and, as if the shopper had typed there, the widget looks up suggestions for what the field holds.
  requestAnimationFrame(() => {
    if (document.activeElement !== input) return;
    caret();
    if (input.value) input.dispatchEvent(new Event('input', { bubbles: true }));
    caret();
  });
}

/** A widget on its way: the plain fields until the wasm runs, then the widget with what they hold. */
class Pending {
  #element;
  #options;
  #fallback;
  #handle;
  #listeners = [];
  #taken = [];
  #lang;
  #shopper;
  #settled = false;

  constructor(element, options) {
    this.#element = element;
    this.#options = options;
    this.#lang = options.lang ?? '';
    this.#fallback = new Fallback(element, {
      namePrefix: options.namePrefix, lang: this.#lang, required: options.required, address: options.value?.address,
    });
    this.#fallback.onInput(() => {
      const selection = this.#fallback.value();
      this.#element.dispatchEvent(new CustomEvent('swiss-checkout:change', { bubbles: true, composed: true, detail: selection }));
      this.#emit('change', selection);
    });
    const timeout = Number(options.wasmTimeout ?? WASM_TIMEOUT_MS);
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Unavailable('timeout')), Number.isFinite(timeout) ? timeout : WASM_TIMEOUT_MS);
    });
    Promise.race([ready, late]).then(
      () => this.#takeOver(),
      (error) => this.#stay(error?.reason ?? 'failed'),
    ).finally(() => clearTimeout(timer));
  }

  #emit(event, detail) {
    for (const [name, callback] of this.#listeners) if (name === event) callback(detail);
  }

  /** The widget starts with what the plain fields hold, where the shopper is, and they go (in one task: no flash). */
  #takeOver() {
    if (this.#settled) return;
    this.#settled = true;
    const address = this.#fallback.address();
    const focused = this.#fallback.focused();
    const typed = Object.values(address).some(Boolean);
    const options = { ...this.#options, lang: this.#lang };
    if (typed) options.value = { ...(this.#options.value ?? {}), address: { ...address, verified: false } };
    this.#handle = mountNow(this.#element, options);
    this.#fallback.remove();
    for (const [name, callback] of this.#listeners) this.#handle.on(name, callback);
    if (this.#shopper) this.#handle.setShopper(...this.#shopper);
    if (focused) resumeIn(this.#element, focused, address);
    for (const callback of this.#taken) callback();
  }

  /** Calls `callback` once the widget has taken over (the element's validity is the widget's from then on). */
  whenWidget(callback) {
    if (this.#handle) callback();
    else this.#taken.push(callback);
  }

  /** The plain fields stay; the shop hears why (the shopper sees nothing alarming). */
  #stay(reason) {
    if (this.#settled) return;
    this.#settled = true;
    console.info(`swiss-checkout: ${reason}: the plain address fields stay (address_verified=false)`);
    const detail = { ...this.#fallback.value(), reason };
    this.#element.dispatchEvent(new CustomEvent('swiss-checkout:error', { bubbles: true, composed: true, detail }));
    this.#emit('error', detail);
  }

  value() {
    return this.#handle ? this.#handle.value() : this.#fallback.value();
  }

  /** The plain fields are each `required` themselves: the browser checks them. */
  missing() {
    return this.#handle ? this.#handle.missing() : '';
  }

  on(event, callback) {
    this.#listeners.push([event, callback]);
    this.#handle?.on(event, callback);
  }

  setLang(tag) {
    this.#lang = tag;
    return this.#handle ? this.#handle.setLang(tag) : this.#fallback.setLang(tag);
  }

  setShopper(...shopper) {
    this.#shopper = shopper;
    this.#handle?.setShopper(...shopper);
  }

  setRequired(required) {
    this.#fallback.setRequired(required);
  }

  collecting() {
    return this.#handle?.collecting() ?? Boolean(this.#options.collect);
  }

  destroy() {
    this.#settled = true;
    this.#handle?.destroy();
    this.#fallback.remove();
  }
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
  'wasm-timeout': 'wasmTimeout',
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
      this.#handle.setRequired?.(value !== null);
      this.#updateValidity();
    } else if (name === 'first-name' || name === 'last-name' || name === 'email') {
      this.#passShopper();
    } else if (name === 'lang') {
      // Once the language's texts are here: the validation message follows.
      Promise.resolve(this.#handle.setLang(value ?? 'en')).then(() => this.#updateValidity());
    } else {
      // Other settings take effect in a fresh widget, which starts with what the shopper entered and chose
      // (collecting at a pickup point too, before a point is chosen).
      const entered = this.#handle.value();
      const collect = this.#handle.collecting?.() ?? false;
      this.#handle.destroy();
      this.#mount(entered, collect);
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
  #mount(value, collect = false) {
    const options = { ...this.#options(), ...this.#shopper(), required: this.hasAttribute('required'), collect };
    this.#handle = mount(this, value ? { ...options, value } : options);
    this.#handle.on('change', () => this.#updateValidity());
    this.#handle.whenWidget?.(() => this.#updateValidity());
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
