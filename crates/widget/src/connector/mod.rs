//! "Use my Swiss Post addresses" (Swiss Post's Login Post Connector): a button that opens Swiss Post's
//! sign-in in a window of its own, so the page the shopper filled stays as it is; then the shopper's saved
//! addresses as one radio group. A home address fills and checks the address part; a PickPost point, My Post
//! 24 terminal or post office becomes the chosen pickup point, with its label line; the names and e-mail
//! come from Swiss Post. The proxy runs the sign-in and keeps what it read in a session of its own (an
//! HttpOnly cookie); the widget asks it, with this checkout's id, until the sign-in ends. A declined consent,
//! a closed window or a failed sign-in change nothing and say so.

mod texts;

pub use texts::ConnectorStrings;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use api::connector::{CONNECTOR_START_PATH, ConnectorSession, ConnectorStatus, SavedAddress};
use api::{AddressInput, PickupKind, PickupSelection};
use leptos::prelude::*;

use crate::Shopper;
use crate::a11y::{NO_FORM, unique_id};
use crate::client::ProxyClient;
use crate::context::checkout;

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
}

/// A new id for this checkout: the proxy's session answers only the checkout that started it.
fn new_checkout_id() -> String {
    let part = || format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    format!("{}{}{}", part(), part(), part())
}

/// "Main address: Kramgasse 49, 3011 Bern", "Office: …", "My Post 24: My Post 24 9000 St. Gallen Bahnhof".
fn label(strings: &ConnectorStrings, address: &SavedAddress) -> String {
    let (kind, place) = match (&address.home, &address.pickup) {
        (Some(home), _) => {
            let kind = if address.id == "main" { strings.main } else { "" };
            (kind, format!("{} {}, {} {}", home.street, home.house_number, home.postcode, home.town).replace("  ", " "))
        }
        (None, Some(point)) => {
            let kind = match point.kind {
                PickupKind::PickPost => strings.pickpost,
                PickupKind::MyPost24 => strings.mypost24,
                PickupKind::PostOffice => strings.post_office,
            };
            (kind, point.name.clone())
        }
        (None, None) => ("", String::new()),
    };
    let name = if address.nickname.is_empty() { kind } else { address.nickname.as_str() };
    if name.is_empty() { place } else { format!("{name}: {place}") }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Asks the proxy every second until the sign-in in `popup` ends; `None` when the window was closed first
/// (or after 15 minutes).
async fn wait_for_sign_in(
    client: ProxyClient,
    checkout_id: String,
    popup: web_sys::Window,
) -> Option<ConnectorSession> {
    for _ in 0..900 {
        sleep(1_000).await;
        let closed = popup.closed().unwrap_or(true);
        // A failed poll (the network) is not the end: the next one may get through.
        if let Ok(session) = client.connector_session(&checkout_id).await
            && matches!(session.status, ConnectorStatus::SignedIn | ConnectorStatus::Declined | ConnectorStatus::Failed)
        {
            let _ = popup.close();
            return Some(session);
        }
        if closed {
            return None;
        }
    }
    let _ = popup.close();
    None
}

#[component]
pub fn SwissPostAddresses(targets: Targets) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let checkout_id = new_checkout_id();
    let session = RwSignal::new(None::<ConnectorSession>);
    let message = RwSignal::new(String::new());
    let waiting = RwSignal::new(false);
    let chosen = RwSignal::new(String::new());
    // An answer that arrives after the widget is gone changes nothing.
    let alive = Arc::new(AtomicBool::new(true));
    let still_alive = alive.clone();
    on_cleanup(move || alive.store(false, Ordering::Relaxed));
    let (hint_id, group) = (unique_id("connector-hint"), unique_id("connector"));

    let start = {
        let client = client.clone();
        let checkout_id = checkout_id.clone();
        move |_| {
            if waiting.get_untracked() {
                return;
            }
            let strings = lang.get_untracked().connector();
            let code = lang.get_untracked().tag().split('-').next().unwrap_or("de");
            let url = client.url(&format!("{CONNECTOR_START_PATH}?checkout={checkout_id}&lang={code}"));
            let popup = web_sys::window().and_then(|window| {
                window
                    .open_with_url_and_target_and_features(&url, "swiss-post-sign-in", "popup=yes,width=520,height=720")
                    .ok()
                    .flatten()
            });
            let Some(popup) = popup else {
                message.set(strings.popup_blocked.to_owned());
                return;
            };
            waiting.set(true);
            message.set(strings.waiting.to_owned());
            let (client, checkout_id, still_alive) = (client.clone(), checkout_id.clone(), still_alive.clone());
            leptos::task::spawn_local(async move {
                let ended = wait_for_sign_in(client, checkout_id, popup).await;
                if !still_alive.load(Ordering::Relaxed) {
                    return;
                }
                waiting.set(false);
                let strings = lang.get_untracked().connector();
                let Some(ended) = ended else {
                    message.set(strings.closed.to_owned());
                    return;
                };
                match (ended.status, &ended.shopper) {
                    (ConnectorStatus::SignedIn, Some(shopper)) => {
                        targets.shopper.set(&shopper.first_name, &shopper.last_name, &shopper.email);
                        let name = format!("{} {}", shopper.first_name, shopper.last_name);
                        let text = if ended.addresses.is_empty() {
                            format!("{} {}", strings.signed_in.replace("{name}", &name), strings.none_saved)
                        } else {
                            strings.signed_in.replace("{name}", &name)
                        };
                        message.set(text);
                        session.set(Some(ended));
                    }
                    (ConnectorStatus::Declined, _) => message.set(strings.declined.to_owned()),
                    _ => message.set(strings.failed.to_owned()),
                }
            });
        }
    };

    let choose = move |address: SavedAddress| {
        chosen.set(address.id.clone());
        if let Some(home) = address.home.clone() {
            targets.collect.set(false);
            targets.pickup.set(None);
            targets.home.set(Some(home));
        } else if let Some(point) = address.pickup.clone() {
            targets.pickup.set(Some(point));
            targets.collect.set(true);
        }
        let strings = lang.get_untracked().connector();
        message.set(strings.chosen.replace("{label}", &label(strings, &address)));
    };

    let sign_out = move |_| {
        let client = client.clone();
        leptos::task::spawn_local(async move {
            let _ = client.connector_sign_out().await;
        });
        session.set(None);
        chosen.set(String::new());
        message.set(lang.get_untracked().connector().signed_out.to_owned());
    };

    let hint_ref = hint_id.clone();
    view! {
        <div class="sc-connector">
            <Show
                when=move || session.with(Option::is_some)
                fallback=move || {
                    let start = start.clone();
                    view! {
                        <button type="button" class="sc-button sc-connector__start" aria-describedby=hint_ref.clone()
                            aria-disabled=move || waiting.get().to_string() on:click=start>
                            {move || lang.get().connector().button}
                        </button>
                        <p id=hint_ref.clone() class="sc-connector__hint">{move || lang.get().connector().hint}</p>
                    }
                }
            >
                {
                    let group = group.clone();
                    let sign_out = sign_out.clone();
                    move || {
                        let addresses = session.with(|s| s.as_ref().map(|s| s.addresses.clone()).unwrap_or_default());
                        let group = group.clone();
                        let options = addresses
                            .into_iter()
                            .map(|address| {
                                let id = address.id.clone();
                                let for_change = address.clone();
                                let text = move || label(lang.get().connector(), &address);
                                view! {
                                    <label class="sc-connector__option">
                                        <input type="radio" form=NO_FORM name=group.clone() value=id.clone()
                                            prop:checked=move || chosen.with(|c| *c == id)
                                            on:change=move |_| choose(for_change.clone()) />
                                        {text}
                                    </label>
                                }
                            })
                            .collect_view();
                        view! {
                            <fieldset class="sc-connector__addresses">
                                <legend>{move || lang.get().connector().legend}</legend>
                                {options}
                            </fieldset>
                            <button type="button" class="sc-button sc-connector__sign-out" on:click=sign_out.clone()>
                                {move || lang.get().connector().sign_out}
                            </button>
                        }
                    }
                }
            </Show>
            <p class="sc-connector__status" role="status" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}
