//! What every part of one widget shares (its language, the proxy client, the form fields' name prefix),
//! provided once by [`crate::SwissCheckout`] as a Leptos context so that no component threads them through
//! its props; and the one helper that writes a hidden form field.

use leptos::prelude::*;

use crate::client::ProxyClient;
use crate::i18n::Lang;

/// The shared values of one widget; [`checkout`] reads them in any of its components.
#[derive(Clone)]
pub struct Checkout {
    /// The shopper's language; it may change while the widget runs.
    pub lang: Signal<Lang>,
    pub client: ProxyClient,
    /// Prefix of the hidden form fields' names ("shipping_" → "shipping_postcode").
    pub name_prefix: String,
    /// Whether the shopper collects the parcel at a pickup point: then the point posts, and the home
    /// delivery (kept, shown again when they go back) does not.
    pub collect: Signal<bool>,
}

impl Checkout {
    /// Makes these values the widget's, for every component rendered below.
    pub fn provide(self) {
        provide_context(self);
    }
}

/// The values of the widget this component is part of. Every part is rendered inside
/// [`crate::SwissCheckout`] (or a test's own [`Checkout::provide`]), which provides them.
pub fn checkout() -> Checkout {
    expect_context::<Checkout>()
}

/// A hidden form field named with the widget's prefix, posting `value` with the shop's form; not posted
/// while `off` (a disabled field is left out of the form's data).
#[component]
pub fn HiddenField(
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] off: Option<Signal<bool>>,
) -> impl IntoView {
    let name = format!("{}{name}", checkout().name_prefix);
    let off = move || off.is_some_and(|off| off.get());
    view! { <input type="hidden" name=name prop:value=value prop:disabled=off /> }
}
