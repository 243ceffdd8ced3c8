//! The address module (POST-API.md §3): `/zips`, `/streets`, `/houses` and `/addresses/validation`.
//!
//! Autocomplete answers carry at most 20 rows and are a 404 when nothing matches, as the real API's are;
//! wrong or missing parameters are a 400.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use swisspost::{
    ApiError, GeographicLocation, House, HousesResponse, LogisticLocation, MAX_AUTOCOMPLETE_ROWS, Quality,
    StreetsResponse, ValidatedAddress, ValidationRequest, ValidationResponse, Zip, ZipCity, ZipType, ZipsResponse,
    scope,
};

use crate::SharedState;
use crate::auth::Refusal;
use crate::data::house_number_key;
use swisspost::clock;
use swisspost::matching::fold_query;

/// Longest parameter the sandbox accepts; longer is a 400 (the real limit is undocumented).
const MAX_PARAM_CHARS: usize = 100;

/// A 4xx/5xx answer in the sandbox's error shape (§8).
pub fn api_error(status: StatusCode, error: &str, message: impl Into<String>) -> Response {
    (status, Json(ApiError { error: error.into(), message: message.into() })).into_response()
}

/// An error answer not yet rendered; handlers return it with `?`.
pub struct Failure {
    status: StatusCode,
    error: &'static str,
    message: String,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        api_error(self.status, self.error, self.message)
    }
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        let (status, error, message) = match refusal {
            Refusal::Unauthorized => (StatusCode::UNAUTHORIZED, "invalid_token", "missing, unknown or expired token"),
            Refusal::Forbidden => (StatusCode::FORBIDDEN, "insufficient_scope", "Not authorized"),
        };
        Failure { status, error, message: message.into() }
    }
}

impl Failure {
    /// 404 "no results found", as the real API answers when it knows nothing.
    pub fn not_found() -> Self {
        Failure { status: StatusCode::NOT_FOUND, error: "not_found", message: "no results found".into() }
    }

    /// 400 naming the parameter.
    pub fn bad_parameter(name: &str, why: &str) -> Self {
        Failure { status: StatusCode::BAD_REQUEST, error: "invalid_parameter", message: format!("{name}: {why}") }
    }
}

fn no_results() -> Failure {
    Failure::not_found()
}

fn bad_parameter(name: &str, why: &str) -> Failure {
    Failure::bad_parameter(name, why)
}

/// A required, bounded, non-blank query parameter.
fn required<'a>(params: &'a HashMap<String, String>, name: &str) -> Result<&'a str, Failure> {
    let value = params.get(name).map(|v| v.trim()).unwrap_or("");
    if value.is_empty() {
        Err(bad_parameter(name, "is required"))
    } else if value.chars().count() > MAX_PARAM_CHARS {
        Err(bad_parameter(name, "is too long"))
    } else {
        Ok(value)
    }
}

fn four_digit_zip(value: &str, name: &str) -> Result<(), Failure> {
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(bad_parameter(name, "must be a four-digit postcode"))
    }
}

/// Splits "3011 bern" into a postcode prefix "3011" and a folded name prefix "bern".
fn split_zip_city(query: &str) -> (&str, String) {
    let digits_end = query.find(|c: char| !c.is_ascii_digit()).unwrap_or(query.len());
    let (digits, rest) = query.split_at(digits_end);
    (digits, fold_query(rest))
}

/// `GET /address/v1/zips?zipCity=…&type=DOMICILE|POSTBOX` (§3.1).
pub async fn zips(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<ZipsResponse>, Failure> {
    state.tokens.check(&headers, scope::ADDRESS_AUTOCOMPLETE)?;
    let query = required(&params, "zipCity")?;
    let kind = match params.get("type").map(|t| t.trim().to_ascii_uppercase()) {
        None => None,
        Some(t) if t == "DOMICILE" => Some(ZipType::Domicile),
        Some(t) if t == "POSTBOX" => Some(ZipType::Postbox),
        Some(_) => return Err(bad_parameter("type", "must be DOMICILE or POSTBOX")),
    };
    let (zip_prefix, name_prefix) = split_zip_city(query);
    if zip_prefix.is_empty() && name_prefix.is_empty() {
        return Err(bad_parameter("zipCity", "must contain a letter or a digit"));
    }
    let zips: Vec<Zip> = state
        .data
        .find_localities(zip_prefix, &name_prefix, kind)
        .take(MAX_AUTOCOMPLETE_ROWS)
        .map(|l| Zip { zip: l.zip.clone(), city18: truncate(&l.city, 18), city27: truncate(&l.city, 27) })
        .collect();
    if zips.is_empty() { Err(no_results()) } else { Ok(Json(ZipsResponse { zips })) }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect::<String>().trim_end().to_owned()
}

/// `GET /address/v1/streets?name=…[&zip=…]` (§3.2); `street` is accepted as an alias of `name`.
pub async fn streets(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Query(mut params): Query<HashMap<String, String>>,
) -> Result<Json<StreetsResponse>, Failure> {
    state.tokens.check(&headers, scope::ADDRESS_AUTOCOMPLETE)?;
    if !params.contains_key("name")
        && let Some(alias) = params.remove("street")
    {
        params.insert("name".into(), alias);
    }
    let name = fold_query(required(&params, "name")?);
    if name.is_empty() {
        return Err(bad_parameter("name", "must contain a letter or a digit"));
    }
    let zip = params.get("zip").map(|z| z.trim()).filter(|z| !z.is_empty());
    if let Some(zip) = zip {
        four_digit_zip(zip, "zip")?;
    }
    let mut streets: Vec<String> = Vec::new();
    for street in state.data.find_streets(&name, zip) {
        if !streets.contains(&street.name) {
            streets.push(street.name.clone());
        }
        if streets.len() == MAX_AUTOCOMPLETE_ROWS {
            break;
        }
    }
    if streets.is_empty() { Err(no_results()) } else { Ok(Json(StreetsResponse { streets })) }
}

/// `GET /address/v1/houses?zip=…&streetname=…[&number=…]` (§3.3).
pub async fn houses(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<HousesResponse>, Failure> {
    state.tokens.check(&headers, scope::ADDRESS_READ)?;
    let zip = required(&params, "zip")?;
    four_digit_zip(zip, "zip")?;
    let street = required(&params, "streetname")?;
    let number = params.get("number").map(|n| house_number_key(n)).unwrap_or_default();
    if number.chars().count() > 10 {
        return Err(bad_parameter("number", "is too long"));
    }
    let houses: Vec<String> = state
        .data
        .houses(zip, street)
        .iter()
        .filter(|h| house_number_key(&h.number).starts_with(&number))
        .take(MAX_AUTOCOMPLETE_ROWS)
        .map(|h| h.number.clone())
        .collect();
    if houses.is_empty() { Err(no_results()) } else { Ok(Json(HousesResponse { houses })) }
}

/// `POST /address/v1/addresses/validation` (§3.6).
///
/// Rules (the real ones are Swiss Post's; these are the sandbox's, written down):
/// - CERTIFIED: postcode, town, street and house number are a known building address of the City of Bern;
///   the answer carries the official spelling and the building's key.
/// - USABLE: postcode and town belong together, but the street or number is not known to the sandbox.
/// - UNUSABLE: the postcode is unknown, or the town does not belong to it.
pub async fn validation(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<ValidationRequest>, JsonRejection>,
) -> Result<Json<ValidationResponse>, Failure> {
    state.tokens.check(&headers, scope::ADDRESS_VALIDATE)?;
    let Json(request) = body.map_err(|rejection| Failure {
        status: StatusCode::BAD_REQUEST,
        error: "invalid_parameter",
        message: rejection.body_text(),
    })?;
    let asked = &request.geographic_location;
    let zip = asked.zip.zip.as_deref().unwrap_or("").trim();
    let city = asked.zip.city.as_deref().unwrap_or("").trim();
    if zip.is_empty() {
        return Err(bad_parameter("geographicLocation.zip.zip", "is required"));
    }
    if zip.chars().count() > MAX_PARAM_CHARS || city.chars().count() > MAX_PARAM_CHARS {
        return Err(bad_parameter("geographicLocation.zip", "is too long"));
    }

    let folded_city = swisspost::matching::canonical(city);
    let locality = state
        .data
        .localities_with_zip(zip)
        .find(|l| folded_city.is_empty() || swisspost::matching::canonical(&l.city) == folded_city);
    let mut answer_location = asked.clone();
    let quality = match locality {
        None => Quality::Unusable,
        Some(locality) => {
            answer_location.zip = ZipCity { zip: Some(locality.zip.clone()), city: Some(locality.city.clone()) };
            let street = asked.house.street.as_deref().map(str::trim).filter(|s| !s.is_empty());
            match street.and_then(|s| state.data.street(zip, s)) {
                None => Quality::Usable,
                Some(known) => {
                    answer_location.house.street = Some(known.name.clone());
                    let wanted = house_number_key(asked.house.house_number.as_deref().unwrap_or(""));
                    match state.data.houses(zip, &known.name).iter().find(|h| house_number_key(&h.number) == wanted) {
                        Some(house) => {
                            answer_location.house.house_number = Some(house.number.clone());
                            answer_location.house.house_key = Some(house.egid.clone());
                            Quality::Certified
                        }
                        None => Quality::Usable,
                    }
                }
            }
        }
    };
    let is_postbox = request.logistic_location.post_box_number.as_deref().is_some_and(|n| !n.trim().is_empty());
    let response = ValidationResponse {
        quality,
        expires: clock::compact_zurich_time(clock::now_plus_days(1)),
        address: ValidatedAddress {
            kind: if is_postbox { "POSTBOX" } else { "DOMICILE" }.into(),
            addressee: request.addressee,
            logistic_location: LogisticLocation {
                post_box_number: request.logistic_location.post_box_number,
                house: Some(House::default()),
                zip: Some(ZipCity::default()),
            },
            geographic_location: GeographicLocation { house: answer_location.house, zip: answer_location.zip },
            id: uuid::Uuid::new_v4().to_string(),
        },
    };
    Ok(Json(response))
}
