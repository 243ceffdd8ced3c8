// Types of the swiss-checkout package: the `<swiss-checkout>` element, `mount()` and the selection that
// events and `value()` carry. The selection is the proxy's JSON contract (`crates/api`); a Rust test
// (`crates/api/tests/typescript.rs`) fails when a member is missing here.

export type AddressQuality = 'certified' | 'usable' | 'unusable';
export type DeliveryKind = 'standard' | 'economy' | 'time_window' | 'evening' | 'saturday' | 'same_day';
export type PickupKind = 'pickpost' | 'mypost24' | 'post_office';
export type IdentityCheck = 'none' | 'checked';

export interface AddressSelection {
  postcode: string;
  town: string;
  street: string;
  house_number: string;
  /** Every part chosen from suggestions or confirmed by Swiss Post. */
  verified: boolean;
  quality?: AddressQuality;
}

export interface DeliveryOption {
  id: string;
  kind: DeliveryKind;
  /** "2026-12-12". */
  date: string;
  /** "17:30", for time windows and evenings. */
  window_start?: string;
  window_end?: string;
  order_by_date: string;
  order_by_time: string;
  /** Swiss Post product codes for the label, e.g. ["ZF17301900", "PRI"]. */
  product_codes: string[];
  /** The shop's price in centimes. */
  price_centimes: number;
}

export interface PickupUser {
  id: string;
  verified: IdentityCheck;
  /** The label's second name line: "PickPost PT011227" or "MyPost24 PT011227". */
  name2: string;
}

export interface PickupSelection {
  point_id: string;
  kind: PickupKind;
  name: string;
  /** The point's address: where the parcel goes. */
  address: AddressSelection;
  user?: PickupUser;
  /** How the parcel travels to the point (the label's base product); absent: standard. */
  product?: 'standard' | 'economy';
  /** What the shop charges for it, in centimes, as the point was offered. */
  price_centimes?: number;
  /** The first day the parcel is ready for collection there ("2026-12-09"). */
  ready_on?: string;
}

/** Exactly one way to receive the parcel: a home `delivery` option, or a `pickup` point, never both. */
export interface Selection {
  address: AddressSelection;
  delivery?: DeliveryOption;
  pickup?: PickupSelection;
}

export interface MountOptions {
  /** The proxy's origin; "" or absent for the page's own. */
  proxy?: string;
  lang?: 'de' | 'fr' | 'it' | 'en';
  /** Prefix of the hidden form fields' names. */
  namePrefix?: string;
  publishableKey?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** Tile URL template; "" for none (Switzerland's outline only); OpenStreetMap when absent. */
  tiles?: string;
  /** Folder with Leaflet's leaflet.js and leaflet.css; the package's own copy (which bundlers pick up) when absent. */
  leafletBase?: string;
  /** Leaflet's files one by one, instead of a folder. */
  leafletScript?: string;
  leafletStyle?: string;
  /** "address delivery pickup" or some of them; every part of the build when absent. */
  parts?: string;
  /**
   * The delivery kind chosen from the start, on the earliest day that offers it, so a shopper who wants nothing
   * special is done: "standard" when absent; "none" lets the shopper choose.
   */
  defaultDelivery?: 'standard' | 'economy' | 'time_window' | 'evening' | 'saturday' | 'same_day' | 'none';
  /**
   * Offer "Use my Swiss Post addresses": the shopper signs in with Swiss Post in a popup and chooses one of
   * their saved addresses (home, PickPost, My Post 24, post office). The proxy must have the Login Post
   * Connector configured (it always has in sandbox mode). The element's attribute: `swiss-post-addresses`.
   */
  swissPostAddresses?: boolean;
  /** A selection to start with, e.g. what `value()` gave before: the fields are filled, choices kept while offered. */
  value?: Selection;
  /**
   * How long to wait for the widget's wasm, in milliseconds (default 15000), before the plain address fields
   * stay for good. Until then they take typing; the widget takes over what they hold. The element's
   * attribute: `wasm-timeout`.
   */
  wasmTimeout?: number;
  /** The plain address fields are `required` (the element passes its own `required`). */
  required?: boolean;
  /** Start with "Collect at a pickup point" chosen (with `value`, a widget started again keeps it). */
  collect?: boolean;
}

/** The proxy's answer to a request it refused or could not serve (RFC 9457 problem details). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** For invalid input: the query parameter or body field that was wrong. */
  field?: string;
  /** True when the shopper should go on by typing the address by hand. */
  manual_entry?: boolean;
  /** Swiss Post's own error code when it refused (E2001…): the label route only. */
  code?: string;
}

/** A call to the proxy that failed. The shopper goes on by typing; this is for the shop's monitoring. */
export interface RequestFailure {
  /** The route's path, e.g. "/v1/streets". */
  request: string;
  reason: 'network' | 'problem' | 'unreadable';
  /** The proxy's problem, when it answered one. */
  problem?: Problem;
}

/** `detail` of `swiss-checkout:error`: the selection as it stands, and what failed. */
export type ErrorDetail = Selection & { error: RequestFailure };

/**
 * `detail` of `swiss-checkout:error` when the widget cannot run at all and the plain address fields stay
 * (they post `address_verified=false`; your server checks the address with `POST /server/v1/selections/check`):
 * WebAssembly switched off (`no-webassembly`), refused by the page's Content Security Policy (`blocked`), a
 * download that failed (`failed`) or did not finish within `wasmTimeout` (`timeout`).
 */
export type FallbackDetail = Selection & { reason: 'no-webassembly' | 'blocked' | 'timeout' | 'failed' };

export interface SwissCheckoutHandle {
  value(): Selection;
  /** Whether "Collect at a pickup point" is shown chosen (with or without a point yet). */
  collecting(): boolean;
  /** "" when the selection is complete for the parts shown; else what is missing, in the widget's language. */
  missing(): string;
  on(event: 'change' | 'complete', callback: (selection: Selection) => void): void;
  on(event: 'error', callback: (detail: ErrorDetail | FallbackDetail) => void): void;
  /**
   * Switches the language; what the shopper entered stays. In the bundle with every part the texts of a
   * language the page has not shown yet are fetched first (one file per language): the promise resolves once
   * the widget shows it (or keeps the language shown when its texts cannot be had).
   */
  setLang(lang: 'de' | 'fr' | 'it' | 'en'): Promise<void> | void;
  /**
   * What your page knows of the shopper now (for the PickPost / My Post 24 user id): the pickup part asks only
   * for what is still empty. The element passes its form's name and e-mail fields by itself.
   */
  setShopper(firstName: string, lastName: string, email: string): void;
  /** Removes everything the widget added. */
  destroy(): void;
}

/**
 * Renders the checkout into `element`. Before the wasm runs the plain address fields show at once and the
 * handle answers for them; the widget takes over what they hold when it arrives.
 */
export function mount(element: HTMLElement, options?: MountOptions): SwissCheckoutHandle;

/** Resolves once the widget's wasm runs; rejects (with a `reason`, as in `FallbackDetail`) when it cannot. */
export const ready: Promise<void>;

export declare class SwissCheckoutElement extends HTMLElement {
  static readonly formAssociated: true;
  readonly value: Selection | undefined;
  readonly form: HTMLFormElement | null;
  readonly validity: ValidityState;
  /** What is missing, in the widget's language, while `required` and not complete. */
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'swiss-checkout': SwissCheckoutElement;
  }
  interface HTMLElementEventMap {
    'swiss-checkout:change': CustomEvent<Selection>;
    'swiss-checkout:complete': CustomEvent<Selection>;
    'swiss-checkout:error': CustomEvent<ErrorDetail | FallbackDetail>;
  }
}
