//! The location service of places.post.ch (POST-API.md §4.3: `Types`, `Find`, `Geocode`, `Poi`) as the live
//! service answers today's clients, and the PickPost / My Post 24 user id (§4.1).
//!
//! What it answers from is in [`places`] (real St. Gallen points of every served type, a synthetic national
//! set of pickup points, localities, municipalities and Bern's streets), the tags in [`types`], the generated
//! hours in [`hours`], the `Poi` XML in [`poi_xml`].
//!
//! INFERRED (no stored source shows the live service's answer): a missing or malformed parameter is a 400
//! `{"ok": false, "info": "<parameter>: <why>"}` in the service's own envelope; an unknown `Poi` id a 404
//! with an XML `<Error>`; `Find` without type tags (the live service then aggregates per municipality) is a
//! 400 too. `maxpois` is capped at 20,000, the most a client is known to ask for in one reply (S9: "the
//! whole country fits in one reply").
//!
//! Rules of `POST /pickpost/v1/users` (the sandbox's, written down): the same first name, last name and
//! e-mail (case-insensitive) always get the same id, "PT" and six digits; an e-mail address at
//! `verified.example` is identity-checked (`MAIL`), every other one is `NONE`.

pub mod hours;
pub mod places;
pub mod poi_xml;
pub mod types;

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use swisspost::location::{
    FindPoi, FindPoiInfo, FindResponse, GeocodeLocation, GeocodeResponse, TypesResponse, UserRequest, UserResponse,
    distribution_type, geocode_kind, service, type_id, verified,
};
use swisspost::scope;
use time::PrimitiveDateTime;

use crate::SharedState;
use crate::address::Failure;
use crate::lang::Lang;
pub use places::{Places, Point, SYNTHETIC_MY_POST_24, SYNTHETIC_PICKPOST};

/// The most POIs one `Find` answers.
pub const MAX_POIS: usize = 20_000;
/// The most hits one `Geocode` answers.
pub const MAX_GEOCODE_HITS: usize = 200;

/// The location service's state: the places and the `Types` reply (re-tagged once; dated per request).
pub struct Location {
    pub places: Places,
    types: TypesResponse,
}

impl Location {
    pub fn load(files: &crate::data::DataFiles) -> std::io::Result<Self> {
        Ok(Self { places: Places::load(files)?, types: types::current(swisspost::clock::zurich_now().date()) })
    }

    /// `Types` with the window starting `today`.
    pub fn types(&self, today: time::Date) -> TypesResponse {
        // Re-tagged once at load; only the dates move (the recording is not parsed again per request).
        let mut types = self.types.clone();
        types::date(&mut types, today);
        types
    }

    fn tag_of(&self, type_id: &str) -> &str {
        types::tag_of(&self.types, type_id).unwrap_or_default()
    }

    /// The served type ids of a tag list ("T9,T12"); unknown tags are ignored, as types the service lacks.
    fn type_ids(&self, tags: &str) -> Vec<&'static str> {
        tags.split(',')
            .filter_map(|tag| types::type_of_tag(&self.types, tag.trim()))
            .filter_map(|id| places::SERVED_TYPES.into_iter().find(|t| *t == id))
            .collect()
    }
}

/// A refused request in the service's own envelope (INFERRED, see the module docs).
pub struct LocationError {
    status: StatusCode,
    info: String,
}

impl LocationError {
    fn bad(name: &str, why: &str) -> Self {
        Self { status: StatusCode::BAD_REQUEST, info: format!("{name}: {why}") }
    }
}

impl IntoResponse for LocationError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "ok": false, "info": self.info }))).into_response()
    }
}

/// The sandbox clock's local time in Zurich (it moves with the `clock_ahead_minutes` knob).
fn local_now(state: &SharedState) -> PrimitiveDateTime {
    let now = state.knobs.now();
    let local = now.to_offset(swisspost::clock::zurich_offset(now));
    PrimitiveDateTime::new(local.date(), local.time())
}

/// The whole number `name`, or `default` when it is absent; anything else is a 400 naming it.
fn number(params: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, LocationError> {
    params.get(name).map_or(Ok(default), |text| {
        text.trim().parse::<usize>().map_err(|_| LocationError::bad(name, "must be a number"))
    })
}

fn lang_of(params: &HashMap<String, String>) -> Lang {
    params.get("lang").and_then(|l| Lang::from_code(l)).unwrap_or(Lang::De)
}

fn bad(name: &str, why: &str) -> Failure {
    Failure::bad_parameter(name, why)
}

/// `GET /Types?lang=de`.
pub async fn types(State(state): State<SharedState>) -> Json<TypesResponse> {
    Json(state.location.types(local_now(&state).date()))
}

fn extent(text: &str) -> Option<[f64; 4]> {
    let parts: Vec<f64> = text.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
    let [min_lon, min_lat, max_lon, max_lat] = <[f64; 4]>::try_from(parts).ok()?;
    let finite = [min_lon, min_lat, max_lon, max_lat].iter().all(|v| v.is_finite());
    (finite && min_lon <= max_lon && min_lat <= max_lat).then_some([min_lon, min_lat, max_lon, max_lat])
}

/// Service groups (the ids of `Types`' `flags`) a point's listed services fall in. INFERRED: clients name
/// the flag ids as `info` members; which services set which flag is the sandbox's reading of the names.
fn service_flags(point: &Point) -> BTreeMap<String, serde_json::Value> {
    let has = |words: &[&str]| point.services.iter().any(|s| words.iter().any(|w| s.contains(w)));
    let mut flags = BTreeMap::new();
    if has(&["letter", "parcel", "PickPost"]) {
        flags.insert("001BRPA".to_owned(), serde_json::Value::Bool(true));
    }
    if has(&["Payment", "payment", "Cash", "Deposit"]) {
        flags.insert("001ZAVK".to_owned(), serde_json::Value::Bool(true));
    }
    flags
}

/// `info` of a point in `Find`, at `now`.
fn find_info(point: &Point, now: PrimitiveDateTime) -> FindPoiInfo {
    let has_counter = !hours::weekly(point.type_id).is_empty();
    FindPoiInfo {
        street: point.street.clone(),
        zip: point.zip.clone(),
        city: point.city.clone(),
        additional_description: None,
        // Every St. Gallen branch in the open data is a "Post Filiale" Swiss Post runs itself; which of the
        // four own-branch types it is the data does not say (INFERRED: the first).
        distribution_type: (point.type_id == type_id::POST_OFFICE).then(|| distribution_type::OWN[0].to_owned()),
        counters: if has_counter { vec![hours::counter_state(point.type_id, now)] } else { Vec::new() },
        synthetic: point.synthetic,
        other: service_flags(point),
    }
}

/// `GET /Find?extent=minLon,minLat,maxLon,maxLat&query=<tags csv>&maxpois=<n>&lang=…`: the points of the
/// given types in the extent, at most `maxpois` (default and cap [`MAX_POIS`]).
pub async fn find(
    State(state): State<SharedState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<FindResponse>, LocationError> {
    let location = &state.location;
    let extent = params
        .get("extent")
        .and_then(|e| extent(e))
        .ok_or_else(|| LocationError::bad("extent", "must be minLon,minLat,maxLon,maxLat"))?;
    let tags = params.get("query").map(String::as_str).unwrap_or_default();
    if tags.trim().is_empty() {
        return Err(LocationError::bad("query", "wants POI type tags (aggregates are not served)"));
    }
    let type_ids = location.type_ids(tags);
    let max = number(&params, "maxpois", MAX_POIS)?.min(MAX_POIS);
    let english = lang_of(&params) == Lang::En;
    let now = local_now(&state);
    let pois = location
        .places
        .points
        .iter()
        .filter(|p| type_ids.contains(&p.type_id))
        .filter(|p| p.lon >= extent[0] && p.lat >= extent[1] && p.lon <= extent[2] && p.lat <= extent[3])
        .take(max)
        .map(|p| FindPoi {
            id: p.id.clone(),
            name: if english { p.name_en.clone() } else { p.name.clone() },
            tag: location.tag_of(p.type_id).to_owned(),
            x: p.lon,
            y: p.lat,
            info: find_info(p, now),
        })
        .collect();
    Ok(Json(FindResponse { ok: true, info: "Ok".into(), pois }))
}

/// Whether every word of the query begins a word of the name (the last one may be typed in part).
fn matches(query: &[String], name: &[String]) -> bool {
    !query.is_empty() && query.iter().all(|q| name.iter().any(|w| w.starts_with(q.as_str())))
}

/// Coordinates as the live service writes them: five decimals.
fn round5(value: f64) -> f64 {
    (value * 1e5).round() / 1e5
}

fn hit(
    id: Option<String>,
    name: String,
    kind: &str,
    subtype: Option<String>,
    pt: [f64; 2],
    bbox: [f64; 4],
) -> GeocodeLocation {
    GeocodeLocation { id, name, kind: kind.into(), subtype, pt: pt.map(round5), bbox: bbox.map(round5) }
}

/// `GET /Geocode?query=<text>&pois=<tags csv>&limit=<n>&lang=…`: points of the listed types whose name, postcode
/// or locality the words begin (all types without `pois`), then localities (`city`), postcodes with their
/// locality (`region`) and streets (`locality`, Bern's only: the sandbox knows no other streets), in the
/// recorded reply's order. `count` is every match, `locations` the first `limit` (default 10).
pub async fn geocode(
    State(state): State<SharedState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<GeocodeResponse>, LocationError> {
    let location = &state.location;
    let query = params
        .get("query")
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .ok_or_else(|| LocationError::bad("query", "is required"))?;
    if query.chars().count() > 100 {
        return Err(LocationError::bad("query", "is too long"));
    }
    let limit = number(&params, "limit", 10)?.clamp(1, MAX_GEOCODE_HITS);
    let wanted: Vec<&'static str> = match params.get("pois") {
        Some(tags) => location.type_ids(tags),
        None => places::SERVED_TYPES.to_vec(),
    };
    let words = places::words(query);
    let english = lang_of(&params) == Lang::En;
    let pois: Vec<GeocodeLocation> = location
        .places
        .points
        .iter()
        .filter(|p| wanted.contains(&p.type_id))
        .filter(|p| matches(&words, &p.words))
        .map(|p| {
            let name = if english { p.name_en.clone() } else { p.name.clone() };
            let bbox = [p.lon - 0.0005, p.lat - 0.0005, p.lon + 0.0005, p.lat + 0.0005];
            hit(
                Some(p.id.clone()),
                name,
                geocode_kind::POI,
                Some(location.tag_of(p.type_id).to_owned()),
                [p.lon, p.lat],
                bbox,
            )
        })
        .collect();
    let mut places_found = Vec::new();
    for (kind, list) in [
        (geocode_kind::CITY, &location.places.cities),
        (geocode_kind::REGION, &location.places.regions),
        (geocode_kind::LOCALITY, &location.places.streets),
    ] {
        let mut found: Vec<&places::Place> = list.iter().filter(|p| matches(&words, &p.words)).collect();
        // A name typed in full comes first ("St. Gallen" before "St. Gallenkappel").
        found.sort_by_key(|p| p.words != words);
        places_found.extend(found.into_iter().map(|p| hit(None, p.name.clone(), kind, None, p.pt, p.bbox)));
    }
    let note = format!("PoiFinder matches: {}, Geocoder matches: {}", pois.len(), places_found.len());
    let count = (pois.len() + places_found.len()) as u32;
    let locations = pois.into_iter().chain(places_found).take(limit).collect();
    Ok(Json(GeocodeResponse { ok: true, info: "Ok".into(), time: "0.00 ms".into(), note, count, locations }))
}

/// `GET /Poi?id=<poiId>&lang=…`: one point as XML ([`poi_xml`]).
pub async fn poi(State(state): State<SharedState>, Query(params): Query<HashMap<String, String>>) -> Response {
    const XML: &str = "application/xml; charset=utf-8";
    let error = |status: StatusCode, message: &str| {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><Error><Message>{}</Message></Error>"#,
            poi_xml::escape(message)
        );
        (status, [(header::CONTENT_TYPE, XML)], body).into_response()
    };
    let Some(id) = params.get("id").map(|i| i.trim()).filter(|i| !i.is_empty()) else {
        return error(StatusCode::BAD_REQUEST, "id: is required");
    };
    let Some(point) = state.location.places.points.iter().find(|p| p.id == id) else {
        return error(StatusCode::NOT_FOUND, "no POI with this id");
    };
    let xml = poi_xml::poi_xml(point, local_now(&state).date(), lang_of(&params));
    ([(header::CONTENT_TYPE, XML)], xml).into_response()
}

/// The PickPost / My Post 24 user id of a shopper: "PT" and six digits, the same for the same first name, last
/// name and e-mail (trimmed, any case). The Login Post Connector's test shoppers carry theirs as the
/// `postBoxNumber` of their PickPost and My Post 24 addresses.
pub fn pickpost_user_id(first_name: &str, last_name: &str, email: &str) -> String {
    let who = format!(
        "{}\u{0}{}\u{0}{}",
        first_name.trim().to_lowercase(),
        last_name.trim().to_lowercase(),
        email.trim().to_lowercase()
    );
    format!("PT{:06}", places::fnv(who.as_bytes()) % 1_000_000)
}

/// `POST /pickpost/v1/users`: get or create the shopper's user id (rules in the module docs).
pub async fn users(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<UserRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<UserResponse>, Failure> {
    state.tokens.check(&headers, scope::PICKPOST)?;
    let Json(request) = body.map_err(|_| bad("body", "is not a user request"))?;
    let details = &request.user_details;
    for (name, value) in [
        ("userDetails.firstName", &details.first_name),
        ("userDetails.lastName", &details.last_name),
        ("notification.email", &request.notification.email),
    ] {
        if value.trim().is_empty() || value.chars().count() > 120 {
            return Err(bad(name, "is required and at most 120 characters"));
        }
    }
    if !request.notification.email.contains('@') {
        return Err(bad("notification.email", "is not an e-mail address"));
    }
    if request.service != service::PICKPOST && request.service != service::MY_POST_24 {
        return Err(bad("service", "must be PICKPOST or MY_POST_24"));
    }
    let email = request.notification.email.trim().to_lowercase();
    let id = pickpost_user_id(&details.first_name, &details.last_name, &email);
    let verified = if email.ends_with("@verified.example") { verified::MAIL } else { verified::NONE };
    Ok(Json(UserResponse { id, verified: verified.into() }))
}
