//! The browser's `/v1` routes and `/healthz`: thin handlers that parse, call the upstream client and map
//! its answer to the types of `crates/api`.

use std::sync::Arc;

use api::{
    ADDRESS_FIELD_MAX_CHARS, AddressInput, DeliveryOptionsResponse, Health, HouseNumbersResponse,
    LOCALITY_QUERY_MAX_CHARS, LocalitiesResponse, MAX_DELIVERY_DAYS, StreetsResponse, ValidationResult,
};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;

use crate::AppState;
use crate::error::AppError;

/// Query parameters as (name, value) pairs; malformed encoding is read leniently, never a 500.
fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default()
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Characters a Swiss postcode or place name can contain ("3011", "Biel/Bienne", "St. Gallen",
/// "Chavannes-près-Renens", "Val-d'Illiez").
fn is_place_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '’' | '/' | '(' | ')' | ',')
}

/// Characters of a house number ("12", "12a", "12 A", "3/1", "7-9").
fn is_house_number_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '/' | '.')
}

/// A text field: trimmed; not blank when `required`; at most `max` characters; only `allowed` ones.
fn text_field(
    value: Option<&str>,
    field: &'static str,
    required: bool,
    max: usize,
    allowed: fn(char) -> bool,
) -> Result<String, AppError> {
    let value = value.map(str::trim).unwrap_or("");
    if required && value.is_empty() {
        return Err(AppError::invalid(field, "is required"));
    }
    if value.chars().count() > max {
        return Err(AppError::invalid(field, format!("is longer than {max} characters")));
    }
    if !value.chars().all(allowed) {
        return Err(AppError::invalid(field, "contains characters that do not belong in it"));
    }
    Ok(value.to_owned())
}

/// A Swiss or Liechtenstein postcode: four digits.
fn postcode_field(value: Option<&str>, field: &'static str) -> Result<String, AppError> {
    let value = value.map(str::trim).unwrap_or("");
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(AppError::invalid(field, "must be a four-digit postcode"))
    }
}

/// Checks the `q` of a locality lookup: present, not blank, at most 40 characters, place-name characters.
pub fn locality_query(raw: Option<&str>) -> Result<String, AppError> {
    let pairs = query_pairs(raw);
    text_field(first(&pairs, "q"), "q", true, LOCALITY_QUERY_MAX_CHARS, is_place_char)
}

/// Lookup answers change rarely: the browser may keep one for a few minutes.
const CACHE_FOR_MINUTES: (header::HeaderName, &str) = (header::CACHE_CONTROL, "public, max-age=300");

/// Set on an answer served from an older upstream answer because the upstream failed.
pub const STALE_HEADER: &str = "x-swiss-checkout-stale";

/// The caching headers of a lookup answer: a stale one is marked and not kept by the browser.
fn lookup_headers(stale: bool) -> axum::http::HeaderMap {
    let mut headers = axum::http::HeaderMap::new();
    if stale {
        headers.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
        headers.insert(STALE_HEADER, axum::http::HeaderValue::from_static("true"));
    } else {
        headers.insert(CACHE_FOR_MINUTES.0, axum::http::HeaderValue::from_static(CACHE_FOR_MINUTES.1));
    }
    headers
}

/// `GET /v1/localities?q=…`: postcode/locality suggestions for home delivery.
pub async fn localities(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let q = locality_query(raw.as_deref())?;
    let answer = state.lookups.localities(&q).await?;
    Ok((lookup_headers(answer.stale), Json(LocalitiesResponse { localities: answer.value })))
}

/// `GET /v1/streets?postcode=3011&q=aarb`.
pub async fn streets(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let pairs = query_pairs(raw.as_deref());
    let postcode = postcode_field(first(&pairs, "postcode"), "postcode")?;
    let q = text_field(first(&pairs, "q"), "q", true, ADDRESS_FIELD_MAX_CHARS, is_place_char)?;
    let answer = state.lookups.streets(&postcode, &q).await?;
    Ok((lookup_headers(answer.stale), Json(StreetsResponse { streets: answer.value })))
}

/// `GET /v1/house-numbers?postcode=3011&street=Aarbergergasse&q=1`.
pub async fn house_numbers(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let pairs = query_pairs(raw.as_deref());
    let postcode = postcode_field(first(&pairs, "postcode"), "postcode")?;
    let street = text_field(first(&pairs, "street"), "street", true, ADDRESS_FIELD_MAX_CHARS, is_place_char)?;
    let q = text_field(first(&pairs, "q"), "q", false, 12, is_house_number_char)?;
    let answer = state.lookups.house_numbers(&postcode, &street, &q).await?;
    Ok((lookup_headers(answer.stale), Json(HouseNumbersResponse { house_numbers: answer.value })))
}

/// `POST /v1/addresses/validate` with an address as JSON.
pub async fn validate(
    State(state): State<Arc<AppState>>,
    body: Result<Json<AddressInput>, JsonRejection>,
) -> Result<Json<ValidationResult>, AppError> {
    let Json(input) = body.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::invalid("body", rejection.body_text())
        }
    })?;
    let checked = AddressInput {
        postcode: postcode_field(Some(&input.postcode), "postcode")?,
        town: text_field(Some(&input.town), "town", true, ADDRESS_FIELD_MAX_CHARS, is_place_char)?,
        street: text_field(Some(&input.street), "street", true, ADDRESS_FIELD_MAX_CHARS, is_place_char)?,
        house_number: text_field(Some(&input.house_number), "house_number", false, 12, is_house_number_char)?,
    };
    Ok(Json(state.lookups.validate(&checked).await?))
}

/// `GET /v1/delivery-options?postcode=3011&town=Bern&street=…&house_number=…[&days=…]`.
pub async fn delivery_options(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let pairs = query_pairs(raw.as_deref());
    let address = AddressInput {
        postcode: postcode_field(first(&pairs, "postcode"), "postcode")?,
        town: text_field(first(&pairs, "town"), "town", true, ADDRESS_FIELD_MAX_CHARS, is_place_char)?,
        street: text_field(first(&pairs, "street"), "street", false, ADDRESS_FIELD_MAX_CHARS, is_place_char)?,
        house_number: text_field(first(&pairs, "house_number"), "house_number", false, 12, is_house_number_char)?,
    };
    let days =
        match first(&pairs, "days") {
            None => None,
            Some(days) => {
                Some(days.trim().parse::<u8>().ok().filter(|d| (1..=MAX_DELIVERY_DAYS).contains(d)).ok_or_else(
                    || AppError::invalid("days", format!("must be a number from 1 to {MAX_DELIVERY_DAYS}")),
                )?)
            }
        };
    let answer = state.delivery.options(&address, days).await?;
    // Options depend on the time of day (cut-offs): the browser must not keep them.
    let mut headers = lookup_headers(answer.stale);
    headers.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok((headers, Json(DeliveryOptionsResponse { options: answer.value })))
}

/// `GET /healthz`: the process is up (it does not call the upstream).
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(Health { status: "ok".into(), sandbox: state.sandbox_mode })
}

/// `GET /readyz`: ready when a Swiss Post token can be obtained (from the cache or the token endpoint).
pub async fn readyz(State(state): State<Arc<AppState>>) -> Result<Json<Health>, AppError> {
    state.lookups.post().tokens().token().await?;
    Ok(Json(Health { status: "ready".into(), sandbox: state.sandbox_mode }))
}

/// Unknown `/v1` routes: problem+json, like every other error of the API.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<String, AppError>) -> Option<&'static str> {
        match result {
            Err(AppError::InvalidParameter { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn accepts_postcodes_and_place_names() {
        for q in ["301", "zuri", "Biel/Bienne", "St. Gallen", "Val-d'Illiez", "3011 Bern", "Genève"] {
            let raw = serde_urlencoded::to_string([("q", q)]).unwrap();
            assert_eq!(locality_query(Some(&raw)).unwrap(), q);
        }
    }

    #[test]
    fn refuses_missing_blank_long_and_strange_input_naming_q() {
        assert_eq!(field_of(locality_query(None)), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%20%20"))), Some("q"));
        assert_eq!(field_of(locality_query(Some(&format!("q={}", "a".repeat(41))))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%3Cscript%3E"))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%FF%FE"))), Some("q"));
    }
}
