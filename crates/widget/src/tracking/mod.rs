//! The tracking part: where the shopper's parcel is, from a link the shop's server made
//! (`POST /server/v1/links`). The status is announced (a live region), the point where the parcel waits is
//! shown with its hours, and the history is an ordered list, oldest first, each event with its `<time>`.
//! Status and event titles come from Swiss Post in the shopper's language; a language change asks again.

mod texts;

use api::aftersale::Shipment;
use leptos::prelude::*;

pub use texts::TrackingStrings;

use crate::a11y::unique_id;
use crate::client::FetchError;
use crate::context::checkout;
use crate::format;
use crate::latest::Latest;

/// Where looking up the shipment stands.
#[derive(Clone, Debug, PartialEq)]
enum Lookup {
    Loading,
    Found(Box<Shipment>),
    /// The link is not valid (403).
    NotValid,
    /// Swiss Post does not know the parcel (404).
    NotFound,
    Failed,
}

#[component]
pub fn Tracking(
    /// The link token naming the shipment.
    token: String,
) -> impl IntoView {
    let checkout = checkout();
    let (lang, client) = (checkout.lang, checkout.client);
    let lookup = RwSignal::new(Lookup::Loading);
    let latest = Latest::new();
    let refresh = Trigger::new();
    Effect::new(move |_| {
        refresh.track();
        let tag = lang.get().tag().split('-').next().unwrap_or("de").to_owned();
        let (client, token) = (client.clone(), token.clone());
        latest.spawn(async move { client.shipment(&token, &tag).await }, move |answer| {
            lookup.set(match answer {
                Ok(shipment) => Lookup::Found(Box::new(shipment)),
                Err(FetchError::Problem(p)) if p.status == 403 => Lookup::NotValid,
                Err(FetchError::Problem(p)) if p.status == 404 => Lookup::NotFound,
                Err(_) => Lookup::Failed,
            });
        });
    });
    let heading = unique_id("tracking-heading");
    let status = move || {
        let strings = lang.get().tracking();
        lookup.with(|l| match l {
            Lookup::Loading => strings.loading.to_owned(),
            Lookup::Found(shipment) => shipment.status_title.clone(),
            Lookup::NotValid => strings.not_valid.to_owned(),
            Lookup::NotFound => strings.not_found.to_owned(),
            Lookup::Failed => strings.failed.to_owned(),
        })
    };
    let found = move || lookup.with(|l| if let Lookup::Found(s) = l { Some(s.as_ref().clone()) } else { None });
    view! {
        <section class="sc-tracking" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || lang.get().tracking().heading}</h2>
            <p class="sc-tracking__status" role="status">{status}</p>
            {move || found().map(|shipment| view! { <ShipmentView shipment=shipment /> })}
            <button type="button" on:click=move |_| refresh.notify()>{move || lang.get().tracking().refresh}</button>
        </section>
    }
}

/// The parcel number, the point where it waits, and its history.
#[component]
fn ShipmentView(shipment: Shipment) -> impl IntoView {
    let lang = checkout().lang;
    let ident = api::labels::dotted_ident_code(&shipment.ident_code);
    let point = shipment.pickup_point.clone().map(|point| {
        let hours = move || {
            let strings = lang.get().tracking();
            format::hours_summary(lang.get(), &point.opening_hours, strings.open_24h, strings.closed)
        };
        view! {
            <div class="sc-tracking__point">
                <h3>{move || lang.get().tracking().waiting_at}</h3>
                <p><strong>{point.name.clone()}</strong></p>
                <p>{format!("{}, {} {}", point.street, point.postcode, point.town)}</p>
                <p>{hours}</p>
            </div>
        }
    });
    let events = shipment
        .events
        .into_iter()
        .map(|event| {
            let at = event.at.clone();
            view! {
                <li>
                    <time datetime=event.at.clone()>{move || format::date_time(lang.get(), &at)}</time>
                    <span>{event.title}</span>
                    {(!event.location.is_empty()).then(|| view! { " " <span class="sc-tracking__where">{format!("· {}", event.location)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="sc-tracking__ident">{move || lang.get().tracking().ident} ": " {ident}</p>
        {point}
        <h3>{move || lang.get().tracking().history}</h3>
        <ol class="sc-tracking__events">{events}</ol>
    }
}
