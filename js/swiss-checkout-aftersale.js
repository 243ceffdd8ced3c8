// The after-sale elements, in a bundle without the checkout: one script tag (type="module") and
//
//   <swiss-checkout-tracking token="…" proxy="https://checkout.shop.example" lang="de"></swiss-checkout-tracking>
//   <swiss-checkout-return token="…" proxy="https://checkout.shop.example" lang="de"></swiss-checkout-return>
//
// `token` is a link token the shop's server got from POST /server/v1/links for this shopper; without the
// attribute the element takes `?token=` from the page's address, so a shop can send the shopper to a plain
// page. Attributes: proxy, token, lang (live; else the nearest `lang` of the page), key (publishable key); a
// change of any other than lang starts the element again. No inline script or style: it runs under
// `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
//
// scripts/bundle-element.mjs bundles this module with the widget's glue; it is not served as it is here.
import init, { mountReturn, mountTracking } from './swiss-checkout-widget.js';

await init({ module_or_path: new URL('./swiss-checkout-widget_bg.wasm', import.meta.url) });

/** Attribute → option of the mount. */
const ATTRIBUTES = { proxy: 'proxy', token: 'token', lang: 'lang', key: 'publishableKey' };

function define(name, mount) {
  if (customElements.get(name)) return;
  customElements.define(name, class extends HTMLElement {
    static observedAttributes = Object.keys(ATTRIBUTES);

    #handle;

    connectedCallback() {
      if (!this.#handle) this.#mount();
    }

    disconnectedCallback() {
      // A move to another parent disconnects and reconnects at once: only an element still detached once
      // this task is over has been removed for good.
      setTimeout(() => {
        if (this.isConnected || !this.#handle) return;
        this.#handle.destroy();
        this.#handle = undefined;
      }, 0);
    }

    attributeChangedCallback(attribute, before, now) {
      if (!this.#handle || before === now) return;
      if (attribute === 'lang') {
        this.#handle.setLang(now ?? '');
      } else {
        this.#handle.destroy();
        this.#mount();
      }
    }

    #mount() {
      const options = {};
      for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
        const value = this.getAttribute(attribute);
        if (value !== null) options[option] = value;
      }
      options.token ??= new URLSearchParams(window.location.search).get('token') ?? '';
      options.lang ??= this.closest('[lang]')?.getAttribute('lang') ?? '';
      this.#handle = mount(this, options);
    }
  });
}

define('swiss-checkout-tracking', mountTracking);
define('swiss-checkout-return', mountReturn);

export { mountReturn, mountTracking };
