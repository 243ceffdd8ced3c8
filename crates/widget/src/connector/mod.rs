//! "Use my Swiss Post addresses" (Swiss Post's Login Post Connector): a button that opens Swiss Post's
//! sign-in in a window of its own, so the page the shopper filled stays as it is; then the shopper's saved
//! addresses as one radio group ([`saved`]). A home address fills and checks the address part; a PickPost
//! point, My Post 24 terminal or post office becomes the chosen pickup point, with its label line; the names
//! and e-mail come from Swiss Post. The proxy runs the sign-in and keeps what it read in a session of its
//! own (an HttpOnly cookie); the widget asks it, with this checkout's id, until the sign-in ends. A declined
//! consent, a closed window or a failed sign-in change nothing and say so.
//!
//! Nothing of it is in the first download: with the `split` feature the whole part is a wasm chunk of its own,
//! fetched when a shop's page asks for it (the `swiss-post-addresses` attribute), so shops that do not offer
//! it download nothing for it.

mod saved;
mod texts;

pub use texts::ConnectorStrings;

#[cfg(feature = "split")]
use std::sync::Arc;
#[cfg(feature = "split")]
use std::sync::atomic::{AtomicBool, Ordering};

use api::AddressInput;
use api::PickupSelection;
use api::connector::CONNECTOR_START_PATH;
use leptos::prelude::*;

use crate::a11y::unique_id;
use crate::context::checkout;
use crate::{NotLoaded, Shopper};

/// What choosing a saved address changes in the other parts.
#[derive(Clone, Copy)]
pub struct Targets {
    /// An address for the address part to fill and check.
    pub home: RwSignal<Option<AddressInput>>,
    /// The chosen pickup point.
    pub pickup: RwSignal<Option<PickupSelection>>,
    /// Whether the shopper collects at a pickup point (else home delivery).
    pub collect: RwSignal<bool>,
    pub shopper: Shopper,
    /// Whether the widget shows the pickup part: without it, saved pickup points are not offered.
    pub offers_pickup: bool,
}

/// A new id for this checkout: the proxy's session answers only the checkout that started it.
fn new_checkout_id() -> String {
    let part = || format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    format!("{}{}{}", part(), part(), part())
}

#[component]
pub fn SwissPostAddresses(targets: Targets) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let checkout_id = new_checkout_id();
    let message = RwSignal::new(String::new());
    // The window of the sign-in under way (or of the one that signed the shopper in); none: the button waits.
    let popup = RwSignal::new_local(None::<web_sys::Window>);
    let signed_in = RwSignal::new(false);
    let (hint_id, start_id) = (unique_id("connector-hint"), unique_id("connector-start"));

    let id_for_start = checkout_id.clone();
    let start = move |_| {
        if popup.with_untracked(Option::is_some) {
            return;
        }
        let strings = lang.get_untracked().connector();
        let code = lang.get_untracked().tag().split('-').next().unwrap_or("de");
        let url = client.url(&format!("{CONNECTOR_START_PATH}?checkout={id_for_start}&lang={code}"));
        // Opened at once, in the click: a window opened after an await is a blocked popup.
        let opened = web_sys::window().and_then(|window| {
            window
                .open_with_url_and_target_and_features(&url, "swiss-post-sign-in", "popup=yes,width=520,height=720")
                .ok()
                .flatten()
        });
        match opened {
            Some(window) => {
                message.set(strings.waiting.to_owned());
                popup.set(Some(window));
            }
            None => message.set(strings.popup_blocked.to_owned()),
        }
    };
    let (hint_ref, button_id) = (hint_id.clone(), start_id.clone());
    view! {
        <div class="sc-connector">
            <Show when=move || !signed_in.get()>
                <button type="button" class="sc-button sc-connector__start" id=button_id.clone() aria-describedby=hint_ref.clone()
                    aria-disabled=move || popup.with(Option::is_some).to_string() on:click=start.clone()>
                    {move || lang.get().connector().button}
                </button>
                <p id=hint_ref.clone() class="sc-connector__hint">{move || lang.get().connector().hint}</p>
            </Show>
            <Show when=move || popup.with(Option::is_some)>
                {
                    let args = saved::SavedArgs {
                        popup,
                        checkout_id: checkout_id.clone(),
                        targets,
                        message,
                        signed_in,
                        start_id: start_id.clone(),
                    };
                    view! { <saved::SavedAddresses args=args /> }
                }
            </Show>
            <p class="sc-connector__status" role="status" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

/// What builds the part, once its code is there.
type PartBuilder = Box<dyn FnOnce() -> AnyView>;

/// The part's builder; with `split` its code is a chunk.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(connector, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn part_view(targets: Targets) -> Result<PartBuilder, NotLoaded> {
    Ok(Box::new(move || view! { <SwissPostAddresses targets=targets /> }.into_any()))
}

/// "Use my Swiss Post addresses", once its code is there (nothing while it loads, nor if it cannot be loaded:
/// the shopper types, as without it).
pub fn part(targets: Targets) -> impl IntoView {
    #[cfg(feature = "split")]
    {
        // The widget may be gone before the code arrives: then nothing is built.
        let open = Arc::new(AtomicBool::new(true));
        let still_open = open.clone();
        on_cleanup(move || open.store(false, Ordering::Relaxed));
        Suspend::new(async move {
            let built = part_view(targets).await;
            match built {
                Ok(build) if still_open.load(Ordering::Relaxed) => build(),
                _ => ().into_any(),
            }
        })
    }
    #[cfg(not(feature = "split"))]
    {
        part_view(targets).map_or_else(|NotLoaded| ().into_any(), |build| build())
    }
}
