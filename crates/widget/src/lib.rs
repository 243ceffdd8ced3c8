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
pub mod client;
#[cfg(feature = "delivery")]
pub mod delivery;
pub mod format;
pub mod i18n;

use api::{AddressSelection, DeliveryOption};
use leptos::prelude::*;

pub use client::ProxyClient;
pub use i18n::Lang;

/// How a host page configures the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WidgetConfig {
    /// Base URL of the proxy; "" for the page's own origin.
    pub proxy: String,
    pub lang: Lang,
    /// Prefix of the hidden form fields' names.
    pub name_prefix: String,
    /// The shop's publishable key, when its proxy asks for one.
    pub publishable_key: Option<String>,
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
) -> impl IntoView {
    let client = ProxyClient::new(&config.proxy).with_key(config.publishable_key.clone());
    let _ = (&client, address, delivery);
    view! {
        <div class="swiss-checkout" lang=move || lang.get().tag()>
            {
                #[cfg(feature = "address")]
                view! {
                    <address::AddressForm
                        client=client.clone()
                        lang=lang
                        selection=address
                        name_prefix=config.name_prefix.clone()
                    />
                }
            }
            {
                #[cfg(feature = "delivery")]
                view! {
                    <delivery::DeliveryChoice
                        client=client.clone()
                        lang=lang
                        address=address
                        chosen=delivery
                        name_prefix=config.name_prefix.clone()
                    />
                }
            }
        </div>
    }
}

/// What a host holds of a mounted widget: its language (switch it live) and the shopper's entries.
#[derive(Clone, Copy)]
pub struct WidgetHandle {
    pub lang: RwSignal<Lang>,
    pub address: RwSignal<AddressSelection>,
    pub delivery: RwSignal<Option<DeliveryOption>>,
}

/// Renders the widget into `parent` and keeps it there for the page's lifetime.
pub fn mount(parent: web_sys::HtmlElement, config: WidgetConfig) -> WidgetHandle {
    let handle = WidgetHandle {
        lang: RwSignal::new(config.lang),
        address: RwSignal::new(AddressSelection::default()),
        delivery: RwSignal::new(None),
    };
    leptos::mount::mount_to(parent, move || {
        view! { <SwissCheckout config=config lang=handle.lang address=handle.address delivery=handle.delivery/> }
    })
    .forget();
    handle
}
