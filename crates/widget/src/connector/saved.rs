//! What follows the click on "Use my Swiss Post addresses": asking the proxy every second until the sign-in
//! ends, then the shopper's saved addresses as one radio group, and signing out.

use api::PickupKind;
use api::connector::{ConnectorSession, ConnectorStatus, SavedAddress};
use leptos::prelude::*;

use super::{ConnectorStrings, Targets};
use crate::a11y::{NO_FORM, unique_id};
use crate::client::ProxyClient;
use crate::context::checkout;

/// What the part is given.
pub struct SavedArgs {
    /// The sign-in's window; set back to none when the sign-in ended without the shopper's addresses, or on
    /// signing out (the part then goes, and the button is there again).
    pub popup: RwSignal<Option<web_sys::Window>, LocalStorage>,
    pub checkout_id: String,
    pub targets: Targets,
    /// The part's live region.
    pub message: RwSignal<String>,
    /// Whether the shopper is signed in (the button then gives way to the addresses).
    pub signed_in: RwSignal<bool>,
    /// The id of the button, which takes the focus again on signing out.
    pub start_id: String,
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
    let name = if address.nickname.is_empty() || address.nickname == place { kind } else { address.nickname.as_str() };
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
/// (or after 15 minutes), or the part went meanwhile.
async fn wait_for_sign_in(
    client: ProxyClient,
    checkout_id: String,
    popup: RwSignal<Option<web_sys::Window>, LocalStorage>,
) -> Option<ConnectorSession> {
    for _ in 0..900 {
        sleep(1_000).await;
        let window = popup.try_with_untracked(|w| w.clone()).flatten()?;
        let closed = window.closed().unwrap_or(true);
        // A failed poll (the network) is not the end: the next one may get through.
        if let Ok(session) = client.connector_session(&checkout_id).await
            && matches!(session.status, ConnectorStatus::SignedIn | ConnectorStatus::Declined | ConnectorStatus::Failed)
        {
            let _ = window.close();
            return Some(session);
        }
        if closed {
            return None;
        }
    }
    popup.try_with_untracked(|w| w.as_ref().map(web_sys::Window::close));
    None
}

#[component]
pub fn SavedAddresses(args: SavedArgs) -> impl IntoView {
    let SavedArgs { popup, checkout_id, targets, message, signed_in, start_id } = args;
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let session = RwSignal::new(None::<ConnectorSession>);
    let chosen = RwSignal::new(String::new());
    let group = unique_id("connector");
    let fieldset_id = unique_id("connector-addresses");
    let focus_id = fieldset_id.clone();

    // Follows the sign-in. Every write after the wait tries: the widget may be gone by then.
    let following = client.clone();
    leptos::task::spawn_local(async move {
        let ended = wait_for_sign_in(following, checkout_id, popup).await;
        // Gone meanwhile (the part, or the whole widget): nothing to tell.
        if popup.try_with_untracked(|_| ()).is_none() {
            return;
        }
        let Some(strings) = lang.try_get_untracked().map(|l| l.connector()) else { return };
        match ended {
            Some(ConnectorSession { status: ConnectorStatus::SignedIn, shopper: Some(shopper), mut addresses }) => {
                if !targets.offers_pickup {
                    addresses.retain(|a| a.pickup.is_none());
                }
                targets.shopper.learn(&shopper.first_name, &shopper.last_name, &shopper.email);
                let name = format!("{} {}", shopper.first_name, shopper.last_name);
                let mut text = strings.signed_in.replace("{name}", &name);
                if addresses.is_empty() {
                    text = format!("{text} {}", strings.none_saved);
                }
                message.try_set(text);
                let shopper = Some(shopper);
                session.try_set(Some(ConnectorSession { status: ConnectorStatus::SignedIn, shopper, addresses }));
                signed_in.try_set(true);
                // The button the shopper pressed is gone: their addresses (or, with none, Sign out) take the focus.
                request_animation_frame(move || focus_first(&focus_id, "input, button"));
            }
            ended => {
                let text = match ended.map(|s| s.status) {
                    None => strings.closed,
                    Some(ConnectorStatus::Declined) => strings.declined,
                    Some(_) => strings.failed,
                };
                message.try_set(text.to_owned());
                // Last: this part goes with it.
                popup.try_set(None);
            }
        }
    });

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
        message.set(lang.get_untracked().connector().signed_out.to_owned());
        signed_in.set(false);
        // Last: this part goes with it. The button it gave way to is back, and takes the focus.
        popup.set(None);
        let start_id = start_id.clone();
        request_animation_frame(move || {
            if let Some(button) =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&start_id))
            {
                focus(button);
            }
        });
    };

    move || {
        let addresses = session.with(|s| s.as_ref().map(|s| s.addresses.clone()))?;
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
        let sign_out = sign_out.clone();
        Some(view! {
            <div id=fieldset_id.clone()>
                <fieldset class="sc-connector__addresses">
                    <legend>{move || lang.get().connector().legend}</legend>
                    {options}
                </fieldset>
                <button type="button" class="sc-button sc-connector__sign-out" on:click=sign_out>
                    {move || lang.get().connector().sign_out}
                </button>
            </div>
        })
    }
}

/// Focuses the first element matching `selector` in the element `id`, if it is there.
fn focus_first(id: &str, selector: &str) {
    let first = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|part| part.query_selector(selector).ok().flatten());
    if let Some(element) = first {
        focus(element);
    }
}

fn focus(element: web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use api::connector::SavedAddress;

    fn saved(nickname: &str, home: Option<api::AddressInput>) -> SavedAddress {
        SavedAddress {
            id: if nickname.is_empty() { "main".into() } else { "1001".into() },
            nickname: nickname.into(),
            first_name: "Anna".into(),
            last_name: "Muster".into(),
            home,
            pickup: None,
        }
    }

    #[test]
    fn labels_name_the_kind_or_the_shoppers_own_name() {
        let home = api::AddressInput {
            postcode: "3011".into(),
            town: "Bern".into(),
            street: "Kramgasse".into(),
            house_number: "49".into(),
        };
        let strings = Lang::En.connector();
        assert_eq!(label(strings, &saved("", Some(home.clone()))), "Main address: Kramgasse 49, 3011 Bern");
        assert_eq!(label(strings, &saved("Office", Some(home))), "Office: Kramgasse 49, 3011 Bern");
    }
}
