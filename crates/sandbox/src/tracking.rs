//! Shipment tracking for business customers (POST-API-AFTERSALE.md §1) under
//! `/logistics/mailpiece/tracking/business/v1`, scope `MYSB_MAILPIECE_TRACKING_B2B_READ`, for the parcels the
//! sandbox made labels for (and the returns pick@home collects). Unknown identcodes are a 404.
//!
//! A parcel's events follow from when its label was made, on the after-sale clock that the
//! `clock_ahead_minutes` knob moves (so a test never sleeps). The sandbox's timeline, INFERRED like the
//! answers' shape (`swisspost::tracking`): data received from the sender (600) at once; sorted (1200) after 6
//! hours; sorted for delivery (1201) after 18; then delivered (4000) after 26 hours, or, for a PickPost point or
//! My Post 24 terminal, arrived (1000) and ready for collection there (2101, its name as the location) after 24.
//! A return: pick@home order (9310) when approved, collected at the customer's (501) on the pickup day at
//! 10:00, sorted 6 hours later, delivered to the shop 24 hours later. Event numbers are Swiss Post's; the German
//! titles are its own, the French, Italian and English ones the sandbox's wording.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use swisspost::tracking::{
    MailpieceDetail, MailpieceEvent, MailpieceEvents, MailpieceRef, MailpieceStatus, MailpiecesRequest,
    MailpiecesResponse, status,
};
use swisspost::{clock, scope};
use time::{Duration, OffsetDateTime, Time};

use crate::SharedState;
use crate::address::{Failure, api_error};
use crate::barcode::{Journey, Mailpiece};
use crate::lang::Lang;

fn lang(headers: &HeaderMap) -> Lang {
    let asked = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("de");
    asked.trim().get(..2).and_then(Lang::from_code).unwrap_or(Lang::De)
}

/// The title of an event number.
fn event_title(code: u32, lang: Lang) -> &'static str {
    lang.pick(match code {
        600 => [
            "Datenübermittlung durch Versender",
            "Transmission des données par l'expéditeur",
            "Trasmissione dei dati da parte del mittente",
            "Data transmitted by the sender",
        ],
        501 => [
            "Abgeholt beim Kunden",
            "Retiré chez le client",
            "Ritirato presso il cliente",
            "Collected at the customer's",
        ],
        1200 => {
            ["Sendung wurde sortiert", "L'envoi a été trié", "L'invio è stato smistato", "The parcel has been sorted"]
        }
        1201 => [
            "Sendung wurde für die Zustellung sortiert",
            "L'envoi a été trié pour la distribution",
            "L'invio è stato smistato per il recapito",
            "Sorted for delivery",
        ],
        1000 => [
            "Ankunft an der Abhol-/Zustellstelle",
            "Arrivée au point de retrait / de distribution",
            "Arrivo al punto di ritiro / di recapito",
            "Arrived at the pickup / delivery point",
        ],
        2101 => [
            "Bereit zur Abholung an PickPost-Stelle / My Post 24-Automat",
            "Prêt à être retiré au point PickPost / à l'automate My Post 24",
            "Pronto per il ritiro al punto PickPost / allo sportello My Post 24",
            "Ready for collection at the PickPost point / My Post 24 terminal",
        ],
        4000 => ["Zugestellt", "Distribué", "Recapitato", "Delivered"],
        9310 => ["Auftrag pick@home", "Commande pick@home", "Ordine pick@home", "pick@home order"],
        _ => ["Ereignis", "Événement", "Evento", "Event"],
    })
}

/// The status after an event, and its title.
fn status_after(code: u32, lang: Lang) -> (&'static str, &'static str) {
    match code {
        600 | 9310 => (
            status::NOT_YET_SENT,
            lang.pick(["Noch nicht versandt", "Pas encore expédié", "Non ancora spedito", "Not sent yet"]),
        ),
        2101 => (
            status::WAITING_FOR_PICKUP,
            lang.pick(["Zur Abholung bereit", "Prêt à être retiré", "Pronto per il ritiro", "Ready for collection"]),
        ),
        4000 => (status::DELIVERED, lang.pick(["Zugestellt", "Distribué", "Recapitato", "Delivered"])),
        _ => {
            (status::ON_GOING_DELIVERY, lang.pick(["Unterwegs", "En cours d'acheminement", "In viaggio", "On its way"]))
        }
    }
}

/// Every event of `parcel` up to `now`: (event number, when, where).
pub fn events(parcel: &Mailpiece, now: OffsetDateTime) -> Vec<(u32, OffsetDateTime, String)> {
    let hours = |h: i64| parcel.issued_at + Duration::hours(h);
    let timeline: Vec<(u32, OffsetDateTime, String)> = match &parcel.journey {
        Journey::Home => vec![
            (600, hours(0), parcel.origin.clone()),
            (1200, hours(6), String::new()),
            (1201, hours(18), parcel.destination.clone()),
            (4000, hours(26), parcel.destination.clone()),
        ],
        Journey::PickupPoint { name } => vec![
            (600, hours(0), parcel.origin.clone()),
            (1200, hours(6), String::new()),
            (1201, hours(18), parcel.destination.clone()),
            (1000, hours(24), name.clone()),
            (2101, hours(24), name.clone()),
        ],
        Journey::Return { collect_on } => {
            let local = collect_on.with_time(Time::from_hms(10, 0, 0).unwrap_or(Time::MIDNIGHT));
            let collected = local.assume_offset(clock::zurich_offset(local.assume_utc()));
            vec![
                (9310, hours(0), parcel.origin.clone()),
                (501, collected, parcel.origin.clone()),
                (1200, collected + Duration::hours(6), String::new()),
                (4000, collected + Duration::hours(24), parcel.destination.clone()),
            ]
        }
    };
    timeline.into_iter().filter(|(_, at, _)| *at <= now).collect()
}

/// "2026-12-03T10:14:00+01:00" in Swiss time.
fn timestamp(at: OffsetDateTime) -> String {
    let local = at.to_offset(clock::zurich_offset(at));
    let offset = local.offset();
    format!(
        "{}T{:02}:{:02}:{:02}+{:02}:{:02}",
        clock::iso_date(local.date()),
        local.hour(),
        local.minute(),
        local.second(),
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

fn known(state: &SharedState, headers: &HeaderMap, key: &str) -> Result<Mailpiece, Failure> {
    state.tokens.check(headers, scope::TRACKING)?;
    state.labels.mailpiece(key).ok_or_else(Failure::not_found)
}

/// `POST …/mailpieces` with `{"ids": "<identcode>"}` (or a list): the keys of the known ones; 404 when none is.
pub async fn mailpieces(State(state): State<SharedState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = state.tokens.check(&headers, scope::TRACKING) {
        return Failure::from(refusal).into_response();
    }
    let Ok(request) = serde_json::from_slice::<MailpiecesRequest>(&body) else {
        return api_error(StatusCode::BAD_REQUEST, "invalid_body", "expected {\"ids\": \"<identcode>\"}");
    };
    let mailpieces: Vec<MailpieceRef> = request
        .ids
        .list()
        .into_iter()
        .filter_map(|id| state.labels.mailpiece(id.trim()))
        .map(|m| MailpieceRef { mailpiece_key: m.ident_code.clone(), mailpiece_id: m.ident_code })
        .collect();
    if mailpieces.is_empty() {
        return Failure::not_found().into_response();
    }
    Json(MailpiecesResponse { mailpieces }).into_response()
}

/// `GET …/mailpieces/{key}/detail`.
pub async fn detail(State(state): State<SharedState>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    let parcel = match known(&state, &headers, &key) {
        Ok(parcel) => parcel,
        Err(failure) => return failure.into_response(),
    };
    let lang = lang(&headers);
    let last = events(&parcel, state.knobs.now()).last().map_or(600, |e| e.0);
    let (status, title) = status_after(last, lang);
    Json(MailpieceDetail {
        mailpiece_key: parcel.ident_code.clone(),
        mailpiece_id: parcel.ident_code,
        status: MailpieceStatus { status: status.into(), title: title.into(), subtitle: String::new() },
        product: parcel.services.first().cloned(),
    })
    .into_response()
}

/// `GET …/mailpieces/{key}/events/`: oldest first.
pub async fn events_route(State(state): State<SharedState>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    let parcel = match known(&state, &headers, &key) {
        Ok(parcel) => parcel,
        Err(failure) => return failure.into_response(),
    };
    let lang = lang(&headers);
    let events = events(&parcel, state.knobs.now())
        .into_iter()
        .map(|(code, at, location)| MailpieceEvent {
            code: code.to_string(),
            title: event_title(code, lang).into(),
            subtitle: String::new(),
            timestamp: timestamp(at),
            location,
        })
        .collect();
    Json(MailpieceEvents { events }).into_response()
}
