//! swiss-checkout's widget: Leptos components rendered in the shopper's browser, talking only to the
//! swiss-checkout proxy.
//!
//! - [`SwissCheckout`]: the whole widget, configured by [`WidgetConfig`].
//! - [`mount`]: renders it into an element of the host page and returns a [`WidgetHandle`].
//! - One module per part (`address`, later delivery and pickup), each behind a Cargo feature of its
//!   own; shared accessibility pieces in [`a11y`]; the HTTP client in [`client`]; texts in [`i18n`].

pub mod a11y;
#[cfg(feature = "address")]
pub mod address;
#[cfg(any(feature = "tracking", feature = "returns"))]
pub mod aftersale;
pub mod catalogue;
pub mod client;
#[cfg(feature = "connector")]
pub mod connector;
pub mod context;
#[cfg(feature = "delivery")]
pub mod delivery;
#[cfg(any(feature = "address", feature = "delivery", feature = "pickup"))]
pub mod embed;
pub mod format;
pub mod i18n;
pub mod json;
pub mod latest;
#[cfg(feature = "pickup")]
pub mod pickup;
#[cfg(feature = "returns")]
pub mod returns;
#[cfg(feature = "tracking")]
pub mod tracking;

use api::{AddressSelection, DeliveryOption, PickupSelection, Selection};
use leptos::prelude::*;

pub use client::{ProxyClient, RequestFailure};
pub use i18n::Lang;

/// How a host page configures the widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    /// Base URL of the proxy; "" for the page's own origin.
    pub proxy: String,
    pub lang: Lang,
    /// Prefix of the hidden form fields' names.
    pub name_prefix: String,
    /// The shop's publishable key, when its proxy asks for one.
    pub publishable_key: Option<String>,
    /// The shopper's name and e-mail, when the shop knows them (the pickup part needs them).
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Folder with Leaflet's `leaflet.js` and `leaflet.css`; "" for `/vendor/leaflet`.
    pub leaflet_base: String,
    /// Leaflet's files one by one (a bundler's asset URLs); "" for those in `leaflet_base`.
    pub leaflet_script: String,
    pub leaflet_style: String,
    /// Map tile URL template; `None` draws only Switzerland's outline (no request leaves for a tile server).
    pub tiles: Option<String>,
    /// Which of the compiled-in parts to show.
    pub parts: Parts,
    /// The delivery kind chosen from the start on its earliest day; `None`: the shopper chooses.
    pub default_delivery: Option<api::DeliveryKind>,
    /// Offer "Use my Swiss Post addresses" (the proxy must have the connector configured).
    pub swiss_post_addresses: bool,
}

/// The parts a page shows (of those its build has: see the Cargo features).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    pub address: bool,
    pub delivery: bool,
    pub pickup: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Self { address: true, delivery: true, pickup: true }
    }
}

impl Parts {
    /// These parts, less those the build leaves out (Cargo features).
    pub fn compiled(self) -> Self {
        Self {
            address: self.address && cfg!(feature = "address"),
            delivery: self.delivery && cfg!(feature = "delivery"),
            pickup: self.pickup && cfg!(feature = "pickup"),
        }
    }

    /// "address delivery" (spaces or commas) → those parts; empty → all.
    pub fn from_list(list: &str) -> Self {
        let names: Vec<&str> = list.split([' ', ',']).map(str::trim).filter(|n| !n.is_empty()).collect();
        if names.is_empty() {
            return Self::default();
        }
        Self {
            address: names.contains(&"address"),
            delivery: names.contains(&"delivery"),
            pickup: names.contains(&"pickup"),
        }
    }
}

/// OpenStreetMap's standard tiles, for shops that set no other tile URL.
pub const OPENSTREETMAP_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

impl Default for WidgetConfig {
    fn default() -> Self {
        Self {
            proxy: String::new(),
            lang: Lang::default(),
            name_prefix: String::new(),
            publishable_key: None,
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            leaflet_base: String::new(),
            leaflet_script: String::new(),
            leaflet_style: String::new(),
            tiles: Some(OPENSTREETMAP_TILES.to_owned()),
            parts: Parts::default(),
            default_delivery: Some(api::DeliveryKind::Standard),
            swiss_post_addresses: false,
        }
    }
}

/// The widget. `lang` may change while it runs; what the shopper entered stays.
#[component]
pub fn SwissCheckout(
    config: WidgetConfig,
    #[prop(into)] lang: Signal<Lang>,
    /// What the shopper entered, for the host to read.
    address: RwSignal<AddressSelection>,
    /// The chosen delivery option.
    delivery: RwSignal<Option<DeliveryOption>>,
    /// The chosen pickup point; `None` for home delivery.
    pickup: RwSignal<Option<PickupSelection>>,
    /// Set to each failed call to the proxy, for the host page.
    #[prop(optional)]
    failures: Option<RwSignal<Option<RequestFailure>>>,
    /// What the page knows of the shopper; by default what `config` names.
    #[prop(optional)]
    shopper: Option<Shopper>,
    /// Whether the shopper collects at a pickup point (home delivery else); by default the widget's own.
    #[prop(optional)]
    collect: Option<RwSignal<bool>>,
) -> impl IntoView {
    let shopper = shopper.unwrap_or_else(|| {
        let shopper = Shopper::new();
        shopper.set(&config.first_name, &config.last_name, &config.email);
        shopper
    });
    let mut client = ProxyClient::new(&config.proxy).with_key(config.publishable_key.clone());
    if let Some(failures) = failures {
        client = client.reporting_to(failures);
    }
    let collect = collect.unwrap_or_else(|| RwSignal::new(pickup.get_untracked().is_some()));
    context::Checkout { lang, client, name_prefix: config.name_prefix.clone(), collect: collect.into() }.provide();
    let parts = config.parts;
    // Whether the shopper collects at a pickup point; an address for the address part to fill (both set by
    // the shopper's choice among their saved Swiss Post addresses, too).
    let fill_home = RwSignal::new(None::<api::AddressInput>);
    let _ = (address, delivery, pickup, shopper, parts, collect, fill_home);
    #[cfg(feature = "connector")]
    let saved_addresses = (config.swiss_post_addresses && parts.address).then(|| {
        let offers_pickup = parts.pickup;
        connector::part(connector::Targets { home: fill_home, pickup, collect, shopper, offers_pickup })
    });
    #[cfg(not(feature = "connector"))]
    let saved_addresses: Option<()> = None;
    #[cfg(feature = "delivery")]
    let delivery_part = parts.delivery.then(|| {
        view! { <delivery::DeliveryChoice address=address chosen=delivery default_kind=config.default_delivery /> }
    });
    #[cfg(not(feature = "delivery"))]
    let delivery_part: Option<()> = None;
    // After the address: home delivery or a pickup point first, then what that choice needs (the delivery
    // days for home delivery).
    // (`Either` and a generic slot rather than `AnyView`: erasing the delivery part's type cost 5 KB brotli.)
    #[cfg(feature = "pickup")]
    let after_address = if parts.pickup {
        leptos::either::Either::Left(view! {
            <PickupOrHome config=config.clone() address=address delivery=delivery pickup=pickup shopper=shopper
                collect=collect home=delivery_part />
        })
    } else {
        leptos::either::Either::Right(delivery_part)
    };
    #[cfg(not(feature = "pickup"))]
    let after_address = delivery_part;
    view! {
        <div class="swiss-checkout" lang=move || lang.get().tag()>
            {saved_addresses}
            {
                #[cfg(feature = "address")]
                parts.address.then(|| view! { <address::AddressForm selection=address fill=fill_home /> })
            }
            {after_address}
        </div>
    }
}

/// Home delivery or a pickup point: a radio group; the pickup part (and its map) loads only when chosen,
/// and home delivery clears the chosen point at once.
#[cfg(feature = "pickup")]
#[component]
fn PickupOrHome<Home>(
    config: WidgetConfig,
    address: RwSignal<AddressSelection>,
    delivery: RwSignal<Option<DeliveryOption>>,
    pickup: RwSignal<Option<PickupSelection>>,
    shopper: Shopper,
    /// Whether the shopper collects at a pickup point.
    collect: RwSignal<bool>,
    /// What home delivery needs (the delivery part), shown below the choice while it is home delivery; kept,
    /// with what was chosen there, while the shopper looks at pickup points.
    home: Home,
) -> impl IntoView
where
    Home: IntoView + 'static,
{
    let lang = context::checkout().lang;
    let group = a11y::unique_id("receive");
    let legend_id = a11y::unique_id("receive-legend");
    let cleared = RwSignal::new(String::new());
    let choose_home = move |_| {
        collect.set(false);
        if pickup.get_untracked().is_some() {
            pickup.set(None);
            cleared.set(lang.get_untracked().pickup().cleared.to_owned());
        }
    };
    let folder =
        if config.leaflet_base.is_empty() { "/vendor/leaflet" } else { config.leaflet_base.trim_end_matches('/') };
    let file = |given: &str, name: &str| if given.is_empty() { format!("{folder}/{name}") } else { given.to_owned() };
    let map_setup = pickup::MapSetup {
        leaflet_script: file(&config.leaflet_script, "leaflet.js"),
        leaflet_style: file(&config.leaflet_style, "leaflet.css"),
        tiles: config.tiles.clone(),
    };
    let (group_home, group_pickup) = (group.clone(), group);
    // (Made here, not inside the part: it outlives each opening.)
    let product = Signal::derive(move || delivery.with(|d| pickup_product(d.as_ref())));
    let legend_ref = legend_id.clone();
    view! {
        <fieldset class="sc-receive" aria-labelledby=legend_ref>
            <legend id=legend_id>{move || lang.get().pickup().how}</legend>
            <label class="sc-receive__option">
                <input type="radio" form=a11y::NO_FORM name=group_home prop:checked=move || !collect.get() on:change=choose_home />
                {move || lang.get().pickup().home}
            </label>
            <label class="sc-receive__option">
                <input type="radio" form=a11y::NO_FORM name=group_pickup prop:checked=move || collect.get() on:change=move |_| {
                    collect.set(true);
                    cleared.set(String::new());
                } />
                {move || lang.get().pickup().pickup}
            </label>
            <p class="sc-receive__status" role="status">{move || cleared.get()}</p>
        </fieldset>
        <div class="sc-home" hidden=move || collect.get()>{home}</div>
        <Show when=move || collect.get()>
            {
                let args = PickupArgs { home: address, product, chosen: pickup, shopper, map_setup: map_setup.clone() };
                #[cfg(feature = "split")]
                {
                    // The shopper may close the part while its code is still loading (or failing to): then
                    // nothing is built, since the closed part's owner, and what it owned, is gone.
                    let open = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
                    let still_open = open.clone();
                    on_cleanup(move || open.store(false, std::sync::atomic::Ordering::Relaxed));
                    let args = leptos::__reexports::send_wrapper::SendWrapper::new(args);
                    Suspend::new(async move {
                        let loaded = pickup_view(args.take()).await;
                        if !still_open.load(std::sync::atomic::Ordering::Relaxed) {
                            return ().into_any();
                        }
                        pickup_or_failure(loaded.map(|build| build()), lang)
                    })
                }
                #[cfg(not(feature = "split"))]
                {
                    pickup_or_failure(pickup_view(args).map(|build| build()), lang)
                }
            }
        </Show>
    }
}

/// Everything the pickup part is given.
#[cfg(feature = "pickup")]
struct PickupArgs {
    home: RwSignal<AddressSelection>,
    product: Signal<api::DeliveryKind>,
    chosen: RwSignal<Option<PickupSelection>>,
    shopper: Shopper,
    map_setup: pickup::MapSetup,
}

/// A part's code could not be loaded (a network failure while fetching its wasm chunk).
#[cfg(any(feature = "pickup", feature = "connector"))]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// What builds the pickup part, once its code is there.
#[cfg(feature = "pickup")]
type PickupBuilder = Box<dyn FnOnce() -> AnyView>;

/// The pickup part's builder. With the `split` feature its code is a wasm chunk of its own, fetched when the
/// shopper first opens it; a failed fetch is an `Err` (never an abort), and the next opening tries again. The
/// part is built by the caller, only if it is still open when the code arrives.
#[cfg(feature = "pickup")]
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(pickup, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn pickup_view(args: PickupArgs) -> Result<PickupBuilder, NotLoaded> {
    let PickupArgs { home, product, chosen, shopper, map_setup } = args;
    Ok(Box::new(move || {
        view! { <pickup::PickupChoice home=home product=product chosen=chosen shopper=shopper map_setup=map_setup /> }
            .into_any()
    }))
}

/// The pickup part, or why it is missing: the shopper can try again or choose home delivery.
#[cfg(feature = "pickup")]
fn pickup_or_failure(loaded: Result<AnyView, NotLoaded>, lang: Signal<Lang>) -> AnyView {
    loaded.unwrap_or_else(|NotLoaded| {
        view! { <p class="sc-notice" role="alert">{move || lang.get().pickup().failed}</p> }.into_any()
    })
}

/// What the shop's page knows of the shopper: the element's attributes, or its form's own name and e-mail
/// fields, live. The pickup part asks only for what is still missing.
#[derive(Clone, Copy, Debug)]
pub struct Shopper {
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub email: RwSignal<String>,
    /// Counts the times the widget learned them itself (the shopper's Swiss Post sign-in), for the page to
    /// fill its own fields.
    pub learned: RwSignal<u32>,
}

impl Shopper {
    fn new() -> Self {
        Self {
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            learned: RwSignal::new(0),
        }
    }

    /// Takes what the page knows now; a signal is set only when its value changes (and nothing once the
    /// widget is gone).
    pub fn set(&self, first_name: &str, last_name: &str, email: &str) {
        for (signal, value) in [(self.first_name, first_name), (self.last_name, last_name), (self.email, email)] {
            let value = value.trim();
            if signal.try_with_untracked(|v| v != value) == Some(true) {
                signal.try_set(value.to_owned());
            }
        }
    }

    /// Takes what the widget learned itself, and tells the page (the `swiss-checkout:shopper` event).
    pub fn learn(&self, first_name: &str, last_name: &str, email: &str) {
        self.set(first_name, last_name, email);
        self.learned.try_update(|n| *n += 1);
    }
}

/// A parcel for a pickup point travels as economy when the shopper chose economy, else standard.
pub fn pickup_product(delivery: Option<&DeliveryOption>) -> api::DeliveryKind {
    match delivery.map(|d| d.kind) {
        Some(api::DeliveryKind::Economy) => api::DeliveryKind::Economy,
        _ => api::DeliveryKind::Standard,
    }
}

/// The selection as it posts: exactly one way to receive the parcel, the one the shopper sees chosen. The
/// pickup point with how it travels there while collecting; the home delivery option otherwise (each kept
/// while the other is shown, so going back shows it chosen again).
pub fn received(
    address: AddressSelection,
    delivery: Option<DeliveryOption>,
    pickup: Option<PickupSelection>,
    collect: bool,
) -> Selection {
    if collect {
        let product = Some(pickup_product(delivery.as_ref()));
        Selection { address, delivery: None, pickup: pickup.map(|p| PickupSelection { product, ..p }) }
    } else {
        Selection { address, delivery, pickup: None }
    }
}

/// What a host holds of a mounted widget: its language (switch it live) and the shopper's entries.
#[derive(Clone, Copy)]
pub struct WidgetHandle {
    pub lang: RwSignal<Lang>,
    pub address: RwSignal<AddressSelection>,
    pub delivery: RwSignal<Option<DeliveryOption>>,
    pub pickup: RwSignal<Option<PickupSelection>>,
    /// Whether the shopper collects at a pickup point (else home delivery): which of the two posts.
    pub collect: RwSignal<bool>,
    /// The last call to the proxy that failed (the shopper went on by typing).
    pub failure: RwSignal<Option<RequestFailure>>,
    /// What the page knows of the shopper.
    pub shopper: Shopper,
}

impl WidgetHandle {
    /// Fresh signals: nothing entered yet.
    pub fn new(lang: Lang) -> Self {
        Self::starting_with(lang, Selection::default())
    }

    /// Signals holding `selection`, which the widget then shows (address fields filled, choices kept while
    /// still offered).
    pub fn starting_with(lang: Lang, selection: Selection) -> Self {
        Self {
            lang: RwSignal::new(lang),
            address: RwSignal::new(selection.address),
            delivery: RwSignal::new(selection.delivery),
            collect: RwSignal::new(selection.pickup.is_some()),
            pickup: RwSignal::new(selection.pickup),
            failure: RwSignal::new(None),
            shopper: Shopper::new(),
        }
    }

    /// The selection as it posts (tracked: an effect that reads it runs again when it changes).
    pub fn selection(&self) -> Selection {
        received(self.address.get(), self.delivery.get(), self.pickup.get(), self.collect.get())
    }

    /// The widget, showing and filling these signals.
    pub fn render(self, config: WidgetConfig) -> impl IntoView {
        self.shopper.set(&config.first_name, &config.last_name, &config.email);
        view! {
            <SwissCheckout
                config=config
                lang=self.lang
                address=self.address
                delivery=self.delivery
                pickup=self.pickup
                failures=self.failure
                shopper=self.shopper
                collect=self.collect
            />
        }
    }

    /// The selection as it posts, untracked.
    pub fn selection_untracked(&self) -> Selection {
        received(
            self.address.get_untracked(),
            self.delivery.get_untracked(),
            self.pickup.get_untracked(),
            self.collect.get_untracked(),
        )
    }
}

/// Renders the widget into `parent` and keeps it there for the page's lifetime.
pub fn mount(parent: web_sys::HtmlElement, config: WidgetConfig) -> WidgetHandle {
    let handle = WidgetHandle::new(config.lang);
    leptos::mount::mount_to(parent, move || handle.render(config)).forget();
    handle
}
