// The element's plain address fields: shown at once, before the widget's wasm has arrived, and for good where
// it cannot run (WebAssembly switched off, refused by the page's Content Security Policy, blocked by a filter,
// a download that fails or takes too long). Four labelled fields (postcode, town, street, house number) with
// the tokens browsers autofill, named as the widget posts them, and `address_verified=false`: a plain form
// that posts an address the shop's server then checks (`POST /server/v1/selections/check`).
//
// Their names, tokens and labels come from the widget's one description of the posted address
// (crates/widget/src/address/fields.rs, written out as fields.json beside it and put into this module by
// scripts/bundle-element.mjs as ADDRESS_FIELDS), so the plain fields and the widget's never drift. A shop may
// render the same markup inside the element on its server (docs/element.md): then the fields are there with
// JavaScript off, and this module takes them as they are.

import { langOf } from './texts.js';

/** `{verified, legend: {de…}, fields: [{name, autocomplete, inputmode, maxlength, label: {de…}}]}`. */
const DESCRIPTION = ADDRESS_FIELDS;

let instances = 0;

/** The plain fields in `element`: those the shop's server rendered there, else new ones. */
export class Fallback {
  #element;
  #root;
  #prefix;

  /** `address`: what to show in new fields (a widget started again keeps what was typed). */
  constructor(element, { namePrefix = '', lang = '', required = false, address } = {}) {
    this.#element = element;
    this.#prefix = namePrefix;
    this.#root = Fallback.rendered(element) ?? this.#render(address);
    this.setLang(lang);
    this.setRequired(required);
  }

  /** The plain fields the shop's server rendered in `element`, if any. */
  static rendered(element) {
    return element.querySelector(':scope > [data-swiss-checkout-fallback]');
  }

  /** The markup `docs/element.md` gives shops to render on their server. */
  #render(address = {}) {
    const id = `sc-fallback-${instances += 1}`;
    const root = document.createElement('div');
    root.className = 'swiss-checkout sc-fallback';
    root.dataset.swissCheckoutFallback = '';
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'sc-address';
    const legend = document.createElement('legend');
    legend.className = 'sc-legend';
    const locality = document.createElement('div');
    locality.className = 'sc-fallback-locality';
    fieldset.append(legend, locality);
    for (const field of DESCRIPTION.fields) {
      const wrapper = document.createElement('div');
      wrapper.className = `sc-combobox sc-fallback-${field.name.replace('_', '-')}`;
      const label = document.createElement('label');
      label.className = 'sc-label';
      label.htmlFor = `${id}-${field.name}`;
      const input = document.createElement('input');
      input.className = 'sc-input';
      input.id = label.htmlFor;
      input.type = 'text';
      input.name = `${this.#prefix}${field.name}`;
      input.autocomplete = field.autocomplete;
      input.dataset.field = field.name;
      if (field.inputmode) input.inputMode = field.inputmode;
      if (field.maxlength) input.maxLength = field.maxlength;
      input.value = address[field.name] ?? '';
      wrapper.append(label, input);
      // Postcode and town share a row, where the widget has its one "postcode or town" field.
      (field.name === 'postcode' || field.name === 'town' ? locality : fieldset).append(wrapper);
    }
    const verified = document.createElement('input');
    verified.type = 'hidden';
    verified.name = `${this.#prefix}${DESCRIPTION.verified}`;
    verified.value = 'false';
    root.append(fieldset, verified);
    this.#element.append(root);
    return root;
  }

  #inputs() {
    return [...this.#root.querySelectorAll('input[data-field]')];
  }

  /** Labels and legend in `tag`'s language. */
  setLang(tag) {
    const lang = langOf(tag);
    this.#root.lang = lang;
    const legend = this.#root.querySelector('legend');
    if (legend) legend.textContent = DESCRIPTION.legend[lang];
    for (const input of this.#inputs()) {
      const field = DESCRIPTION.fields.find((f) => f.name === input.dataset.field);
      const label = input.labels?.[0];
      if (field && label) label.textContent = field.label[lang];
    }
  }

  /** With the element's `required`: each of the four fields is required, as the browser checks them. */
  setRequired(required) {
    for (const input of this.#inputs()) input.required = required;
  }

  /** The address as typed: `{postcode, town, street, house_number}`. */
  address() {
    const address = { postcode: '', town: '', street: '', house_number: '' };
    for (const input of this.#inputs()) address[input.dataset.field] = input.value.trim();
    return address;
  }

  /** The selection the plain fields post: an address not verified, nothing else chosen. */
  value() {
    return { address: { ...this.address(), verified: false } };
  }

  /** The field the shopper is in, and where in it: `{field, start, end}`, or null. */
  focused() {
    const input = this.#inputs().find((i) => i === document.activeElement);
    return input ? { field: input.dataset.field, start: input.selectionStart, end: input.selectionEnd } : null;
  }

  /** Calls `listener` after each edit. */
  onInput(listener) {
    this.#root.addEventListener('input', listener);
  }

  remove() {
    this.#root.remove();
  }
}
