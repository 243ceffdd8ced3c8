//! pick@home (POST-API-AFTERSALE.md §2) under `/delivery/collection/order/v2`, scope
//! `DCAPI_DELIVERY_COLLECTION_ORDER`: `GET /houses/{houseKey}/collection/instructions`, `POST /orders`,
//! `POST /orders/{orderKey}/approval`. The body's member names are the sandbox's reconstruction (INFERRED, see
//! `swisspost::collection`); the rules and codes are the documented ones:
//! - errors come with HTTP 200, in `errors[{code, description}]`, warnings in `warnings` (a name over 35
//!   characters is warning 1102, as in the documented sample);
//! - the pickup date is a working day (Swiss public holidays are not) in the future, at most 10 working days
//!   ahead (2005); the next working day only until 17:00 (2006);
//! - at most 5 parcels per address and date, over all orders not deleted (2002), at least one (2003);
//! - the address comes from the house key of address validation (an unknown key: 1201), or is given whole;
//! - an order not approved within 60 minutes (on the after-sale clock) is deleted (then 4000); an approved
//!   order cannot be approved again (6000); approving gives each parcel a return label (identcode + PDF),
//!   which tracking follows from then on (pick@home order, collected on the pickup day, back at the shop).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use swisspost::collection::{
    CollectionAddress, CollectionInstructions, CollectionLabel, CollectionMessage, CollectionOrderRequest,
    CollectionOrderResponse, code,
};
use swisspost::{clock, scope};
use time::{Date, Duration, OffsetDateTime};

use crate::SharedState;
use crate::address::Failure;
use crate::barcode::{Journey, Mailpiece, franking_licence};
use crate::delivery::is_working_day;

/// The pickup times the sandbox's profile offers.
pub const PICKUP_TIMES: [&str; 1] = ["FROM_7_30_AM"];
const MAX_PARCELS_PER_ADDRESS_AND_DATE: usize = 5;
const WORKING_DAYS_AHEAD: usize = 10;
const APPROVE_WITHIN: Duration = Duration::minutes(60);

struct Order {
    request: CollectionOrderRequest,
    /// The pickup address as resolved (from the house key or as given).
    address: CollectionAddress,
    created_at: OffsetDateTime,
    approved: bool,
}

/// The orders of this run.
#[derive(Default)]
pub struct Orders(Mutex<HashMap<String, Order>>);

impl Orders {
    /// The orders, locked, without those left unapproved past the hour.
    fn current(&self, now: OffsetDateTime) -> std::sync::MutexGuard<'_, HashMap<String, Order>> {
        let mut orders = self.0.lock().unwrap_or_else(|p| p.into_inner());
        orders.retain(|_, o| o.approved || o.created_at + APPROVE_WITHIN > now);
        orders
    }
}

/// The days a collection can be ordered for at `now` (Swiss time): the next working days, at most 10, the
/// first one only until 17:00.
pub fn pickup_dates(now: OffsetDateTime) -> Vec<Date> {
    let local = now.to_offset(clock::zurich_offset(now));
    let mut days = Vec::new();
    let mut day = local.date();
    while days.len() < WORKING_DAYS_AHEAD {
        day += Duration::days(1);
        if is_working_day(day) {
            days.push(day);
        }
    }
    if local.hour() >= 17 {
        days.remove(0);
    }
    days
}

fn message(code: u32, description: &str) -> CollectionMessage {
    CollectionMessage { code, description: description.into() }
}

fn answer(response: CollectionOrderResponse) -> Response {
    Json(response).into_response()
}

/// The address at `house_key`, from the address data (the City of Bern's buildings).
fn house(state: &SharedState, house_key: &str) -> Option<CollectionAddress> {
    let (zip, city, street, number) = state.data.house_by_key(house_key)?;
    Some(CollectionAddress {
        street: Some(street),
        house_number: Some(number),
        zip: Some(zip),
        city: Some(city),
        ..Default::default()
    })
}

/// `GET /houses/{houseKey}/collection/instructions`.
pub async fn instructions(State(state): State<SharedState>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    if let Err(refusal) = state.tokens.check(&headers, scope::COLLECTION_ORDER) {
        return Failure::from(refusal).into_response();
    }
    if house(&state, &key).is_none() {
        return Failure::not_found().into_response();
    }
    Json(CollectionInstructions {
        house_key: key,
        pickup_dates: pickup_dates(state.knobs.now()).into_iter().map(clock::iso_date).collect(),
        pickup_times: PICKUP_TIMES.map(String::from).to_vec(),
    })
    .into_response()
}

fn same_place(a: &CollectionAddress, b: &CollectionAddress) -> bool {
    let fold = |v: &Option<String>| v.as_deref().map(swisspost::matching::canonical).unwrap_or_default();
    fold(&a.zip) == fold(&b.zip) && fold(&a.street) == fold(&b.street) && fold(&a.house_number) == fold(&b.house_number)
}

/// `POST /orders`.
pub async fn create(State(state): State<SharedState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = state.tokens.check(&headers, scope::COLLECTION_ORDER) {
        return Failure::from(refusal).into_response();
    }
    let Ok(request) = serde_json::from_slice::<CollectionOrderRequest>(&body) else {
        return answer(CollectionOrderResponse {
            errors: vec![message(code::PICKUP_ADDRESS_REQUIRED, "The order could not be read")],
            ..Default::default()
        });
    };
    let now = state.knobs.now();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let given = request.pickup_address.clone().unwrap_or_default();
    let address = match request.house_key.as_deref().filter(|k| !k.is_empty()) {
        Some(key) => match house(&state, key) {
            Some(found) => CollectionAddress {
                first_name: given.first_name.clone(),
                name: given.name.clone(),
                company: given.company.clone(),
                email: given.email.clone(),
                ..found
            },
            None => {
                errors.push(message(code::PICKUP_ADDRESS_NOT_VALID, "Pickup address is not valid"));
                given.clone()
            }
        },
        None if request.pickup_address.is_none() => {
            errors.push(message(code::PICKUP_ADDRESS_REQUIRED, "Pickup address is required"));
            given.clone()
        }
        None => given.clone(),
    };
    let missing = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    if request.pickup_address.is_some() || request.house_key.is_some() {
        for (value, code, text) in [
            (&address.street, code::STREET_REQUIRED, "Street is required"),
            (&address.zip, code::ZIP_REQUIRED, "Zip is required"),
            (&address.city, code::CITY_REQUIRED, "City is required"),
        ] {
            if missing(value) && errors.is_empty() {
                errors.push(message(code, text));
            }
        }
    }
    if request.sender_address.as_ref().is_none_or(|s| missing(&s.name) && missing(&s.company)) {
        errors.push(message(code::SENDER_ADDRESS_REQUIRED, "Sender address is required"));
    }
    if crate::lang::Lang::from_code(&request.language).is_none() {
        errors.push(message(code::LANGUAGE_REQUIRED, "Language is required"));
    }
    if address.name.as_deref().is_some_and(|n| n.chars().count() > 35) {
        warnings.push(message(code::NAME_LENGTH, "The length of lastname is invalid"));
    }
    if address.first_name.as_deref().is_some_and(|n| n.chars().count() > 35) {
        warnings.push(message(code::FIRSTNAME_LENGTH, "The length of firstname is invalid"));
    }
    if let Some(email) = address.email.as_deref()
        && (!email.contains('@') || email.contains(' '))
    {
        errors.push(message(code::EMAIL_NOT_VALID, "Email is not valid"));
    }
    if !PICKUP_TIMES.contains(&request.pickup_time.as_str()) {
        errors.push(message(code::PICKUP_TIME_NOT_IN_PROFILE, "The pickupTime is not among the values of the profile"));
    }
    if request.parcels.is_empty() {
        errors.push(message(code::AT_LEAST_ONE_PARCEL, "At least one parcel is required"));
    }
    if franking_licence(request.franking_license.as_deref()).is_none() {
        errors.push(message(code::LICENCE_PATTERN, "The franking licence does not match the licence pattern"));
    }
    let allowed = pickup_dates(now);
    match clock::parse_iso_date(&request.pickup_date) {
        Some(date) if allowed.contains(&date) => {}
        Some(date) if is_working_day(date) && Some(&date) < allowed.first() && date > now.date() => {
            errors.push(message(code::TOO_LATE, "It is too late for the next day: order by 17:00"));
        }
        _ => errors.push(message(
            code::PICKUP_DATE_NOT_VALID,
            "The pickupDate is not valid. You must choose a date in the future but not more than 10 working day (Swiss public holiday are not working days).",
        )),
    }
    let mut orders = state.collection_orders.current(now);
    let already: usize = orders
        .values()
        .filter(|o| o.request.pickup_date == request.pickup_date && same_place(&o.address, &address))
        .map(|o| o.request.parcels.len())
        .sum();
    if !request.parcels.is_empty() && already + request.parcels.len() > MAX_PARCELS_PER_ADDRESS_AND_DATE {
        errors.push(message(code::TOO_MANY_PARCELS, "At most 5 parcels per pickup address and date"));
    }
    if !errors.is_empty() {
        return answer(CollectionOrderResponse { errors, warnings, ..Default::default() });
    }
    let key = uuid::Uuid::new_v4().to_string();
    let pickup_date = request.pickup_date.clone();
    orders.insert(key.clone(), Order { request, address, created_at: now, approved: false });
    answer(CollectionOrderResponse {
        order_key: Some(key),
        status: Some("CREATED".into()),
        pickup_date: Some(pickup_date),
        warnings,
        ..Default::default()
    })
}

/// `POST /orders/{orderKey}/approval` with `{}`.
pub async fn approve(State(state): State<SharedState>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    if let Err(refusal) = state.tokens.check(&headers, scope::COLLECTION_ORDER) {
        return Failure::from(refusal).into_response();
    }
    let (answered, made) = approve_order(&state, key);
    // Made: the labels exist whether or not the caller is still there for the answer.
    let hold = state.knobs.hold_made();
    if made && !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    answer(answered)
}

/// Approves the order `key` and makes its labels (true), or refuses.
fn approve_order(state: &SharedState, key: String) -> (CollectionOrderResponse, bool) {
    let now = state.knobs.now();
    let mut orders = state.collection_orders.current(now);
    let Some(order) = orders.get_mut(&key) else {
        let refused = CollectionOrderResponse {
            order_key: Some(key),
            errors: vec![message(code::ORDER_NOT_FOUND, "Order not found")],
            ..Default::default()
        };
        return (refused, false);
    };
    if order.approved {
        let refused = CollectionOrderResponse {
            order_key: Some(key),
            status: Some("APPROVED".into()),
            errors: vec![message(code::ALREADY_APPROVED, "Order already approved")],
            ..Default::default()
        };
        return (refused, false);
    }
    order.approved = true;
    // Checked when the order was created.
    let licence = franking_licence(order.request.franking_license.as_deref()).unwrap_or_default();
    let collect_on = clock::parse_iso_date(&order.request.pickup_date).unwrap_or(now.date());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let line = |a: &CollectionAddress| format!("{} {}", text(&a.street), text(&a.house_number)).trim().to_owned();
    let place = |a: &CollectionAddress| format!("{} {}", text(&a.zip), text(&a.city)).trim().to_owned();
    let customer = &order.address;
    let shop = order.request.sender_address.clone().unwrap_or_default();
    let product = if order.request.product.is_empty() { "ECO".to_owned() } else { order.request.product.clone() };
    // The proxy sends printable text; anything else is left out, never printed as "?".
    let printable = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.chars().filter(|c| label::printable(*c)).collect())
            .collect()
    };
    // A return travels to the shop: the shop is the label's recipient, the customer its sender.
    let recipient = printable(vec![text(&shop.company), text(&shop.name), line(&shop), place(&shop)]);
    let sender = printable(vec![
        format!("{} {}", text(&customer.first_name), text(&customer.name)).trim().to_owned(),
        line(customer),
        place(customer),
    ]);
    let mut labels = Vec::new();
    for _ in &order.request.parcels {
        let identcode = state.labels.ident_code(&licence);
        state.labels.record(Mailpiece {
            ident_code: identcode.clone(),
            issued_at: now,
            services: vec![product.clone()],
            destination: place(&shop),
            origin: place(customer),
            journey: Journey::Return { collect_on },
        });
        let drawn = label::Label {
            layout: label::Layout::A6,
            ident_code: identcode.clone(),
            services: vec![product.clone()],
            recipient: recipient.clone(),
            sender: sender.clone(),
            specimen: true,
        };
        labels
            .push(CollectionLabel { identcode, label: base64::engine::general_purpose::STANDARD.encode(drawn.pdf()) });
    }
    let approved = CollectionOrderResponse {
        order_key: Some(key),
        status: Some("APPROVED".into()),
        pickup_date: Some(order.request.pickup_date.clone()),
        labels,
        ..Default::default()
    };
    (approved, true)
}
