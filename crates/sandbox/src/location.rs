//! The location service of places.post.ch (POST-API.md §4.3) and the PickPost / My Post 24 user id
//! (§4.1), on real and on clearly synthetic data.
//!
//! Points:
//! - real: the post offices, PickPost points and My Post 24 terminals of the City of St. Gallen (Swiss Post
//!   open data, `data/swisspost_access_points_stgallen.csv`);
//! - synthetic, for scale: about 2,700 PickPost points and 150 My Post 24 terminals, one per locality at its
//!   centroid (swisstopo), chosen deterministically, named "Sandbox PickPost Olten" and flagged `Synthetic`.
//!
//! Opening hours are not in the open data: all are generated from the kind of point and flagged
//! (`GeneratedHours="true"` in the `Poi` XML). `Types` answers Swiss Post's own recorded reply, so the tags
//! are real ones; `Geocode` finds postcodes and localities (and answers the recorded Burgdorf reply).
//!
//! Rules of `POST /pickpost/v1/users` (the sandbox's, written down): the same first name, last name and
//! e-mail (case-insensitive) always get the same id, "PT" and six digits; an e-mail address at
//! `verified.example` is identity-checked (`MAIL`), every other one is `NONE`.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use swisspost::location::{
    FindPoi, FindPoiInfo, FindResponse, GeocodeLocation, GeocodeResponse, TypesResponse, UserRequest, UserResponse,
    service, type_id, verified,
};
use swisspost::matching::fold_query;
use swisspost::scope;

use crate::SharedState;
use crate::address::Failure;
use crate::data::rows;

const ACCESS_POINTS_CSV: &str = include_str!("../data/swisspost_access_points_stgallen.csv");
const TYPES_JSON: &str = include_str!("../data/staocache-types.json");
const BURGDORF_GEOCODE_JSON: &str = include_str!("../data/places-geocode-suggestions.json");
const POSTCODES_CSV: &str = include_str!("../data/ch_postcodes.csv");

/// Synthetic points for scale: counts of the real network (POST-API.md §4.1, S17).
pub const SYNTHETIC_PICKPOST: usize = 2_700;
pub const SYNTHETIC_MY_POST_24: usize = 150;

/// One pickup point as the sandbox keeps it.
#[derive(Clone, Debug)]
pub struct Point {
    pub id: String,
    pub type_id: &'static str,
    pub name: String,
    pub street: String,
    pub zip: String,
    pub city: String,
    pub canton: String,
    pub lat: f64,
    pub lon: f64,
    pub synthetic: bool,
}

/// Every point, and the localities for `Geocode`.
pub struct Places {
    pub points: Vec<Point>,
    localities: Vec<Locality>,
    types: TypesResponse,
    burgdorf: GeocodeResponse,
}

struct Locality {
    zip: String,
    name: String,
    folded: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct AccessPointRow {
    id: String,
    name_de: String,
    street: String,
    plz: String,
    locality: String,
    canton: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct PostcodeRow {
    plz: String,
    locality: String,
    canton: String,
    country: String,
    lat: f64,
    lon: f64,
    zip_id: u32,
}

/// FNV-1a: a stable hash (the standard library's is seeded per process).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

impl Places {
    pub fn load() -> Self {
        let mut points: Vec<Point> = rows::<AccessPointRow>(ACCESS_POINTS_CSV)
            .filter_map(|row| {
                let type_id = [type_id::POST_OFFICE, type_id::MY_POST_24, type_id::PICKPOST]
                    .into_iter()
                    .find(|t| row.id.split('_').next() == Some(*t))?;
                Some(Point {
                    id: row.id,
                    type_id,
                    name: row.name_de,
                    street: row.street,
                    zip: row.plz,
                    city: row.locality,
                    canton: row.canton,
                    lat: row.lat,
                    lon: row.lon,
                    synthetic: false,
                })
            })
            .collect();
        let postcodes: Vec<PostcodeRow> = rows::<PostcodeRow>(POSTCODES_CSV).filter(|r| r.country == "CH").collect();
        // Deterministic order: by a hash of the locality's id, so the set is spread over the country.
        let mut order: Vec<&PostcodeRow> = postcodes.iter().filter(|r| !r.plz.starts_with("90")).collect();
        order.sort_by_key(|r| fnv(&r.zip_id.to_le_bytes()));
        for (index, row) in order.iter().take(SYNTHETIC_PICKPOST).enumerate() {
            let jitter = |salt: u8| (fnv(&[&row.zip_id.to_le_bytes()[..], &[salt]].concat()) % 2_000) as f64 / 1e6;
            let town = row.locality.clone();
            points.push(Point {
                id: format!("{}_SBX{:06}", type_id::PICKPOST, row.zip_id),
                type_id: type_id::PICKPOST,
                name: format!("Sandbox PickPost {town}"),
                street: "Sandbox point 1".into(),
                zip: row.plz.clone(),
                city: town.clone(),
                canton: row.canton.clone(),
                lat: row.lat + jitter(1),
                lon: row.lon + jitter(2),
                synthetic: true,
            });
            if index % (SYNTHETIC_PICKPOST / SYNTHETIC_MY_POST_24) == 0 {
                points.push(Point {
                    id: format!("{}_SBX{:06}", type_id::MY_POST_24, row.zip_id),
                    type_id: type_id::MY_POST_24,
                    name: format!("Sandbox My Post 24 {town}"),
                    street: "Sandbox point 2".into(),
                    zip: row.plz.clone(),
                    city: town,
                    canton: row.canton.clone(),
                    lat: row.lat - jitter(3),
                    lon: row.lon - jitter(4),
                    synthetic: true,
                });
            }
        }
        let localities = postcodes
            .iter()
            .map(|r| Locality {
                zip: r.plz.clone(),
                name: r.locality.clone(),
                folded: swisspost::matching::fold(&r.locality),
                lat: r.lat,
                lon: r.lon,
            })
            .collect();
        // Both files are Swiss Post's recorded replies, checked by the contract tests.
        let types =
            serde_json::from_str(TYPES_JSON).unwrap_or(TypesResponse { ok: true, info: "Ok".into(), types: vec![] });
        let burgdorf = serde_json::from_str(BURGDORF_GEOCODE_JSON).unwrap_or(GeocodeResponse {
            ok: true,
            info: "Ok".into(),
            count: 0,
            locations: vec![],
        });
        Self { points, localities, types, burgdorf }
    }

    fn tag_of(&self, type_id: &str) -> Option<&str> {
        self.types.types.iter().find(|t| t.id == type_id).map(|t| t.tag.as_str())
    }

    fn type_of_tag(&self, tag: &str) -> Option<&str> {
        self.types.types.iter().find(|t| t.tag == tag).map(|t| t.id.as_str())
    }
}

/// Opening spans of a day: ("08:00", "12:00").
type Spans = Vec<(&'static str, &'static str)>;

/// Generated weekly hours by kind: (weekday flags Monday..Sunday, spans).
fn hours_of(type_id: &str) -> Vec<([bool; 7], Spans)> {
    let weekdays = [true, true, true, true, true, false, false];
    let saturday = [false, false, false, false, false, true, false];
    match type_id {
        type_id::MY_POST_24 => vec![([true; 7], vec![("00:00", "24:00")])],
        type_id::POST_OFFICE => {
            vec![(weekdays, vec![("08:00", "12:00"), ("13:30", "18:00")]), (saturday, vec![("08:00", "12:00")])]
        }
        _ => vec![(weekdays, vec![("08:00", "19:00")]), (saturday, vec![("08:00", "17:00")])],
    }
}

fn bad(name: &str, why: &str) -> Failure {
    Failure::bad_parameter(name, why)
}

/// `GET /Types?lang=de`: Swiss Post's recorded reply.
pub async fn types(State(state): State<SharedState>) -> Json<TypesResponse> {
    Json(state.places.types.clone())
}

fn extent(text: &str) -> Option<[f64; 4]> {
    let parts: Vec<f64> = text.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
    let [min_lon, min_lat, max_lon, max_lat] = <[f64; 4]>::try_from(parts).ok()?;
    let finite = [min_lon, min_lat, max_lon, max_lat].iter().all(|v| v.is_finite());
    (finite && min_lon <= max_lon && min_lat <= max_lat).then_some([min_lon, min_lat, max_lon, max_lat])
}

/// `GET /Find?extent=minLon,minLat,maxLon,maxLat&query=<tags csv>&maxpois=<n>…`: the points of the given
/// types in the extent. The real service aggregates per municipality without tags; the sandbox asks for
/// them (400).
pub async fn find(
    State(state): State<SharedState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<FindResponse>, Failure> {
    let places = &state.places;
    let extent = params
        .get("extent")
        .and_then(|e| extent(e))
        .ok_or_else(|| bad("extent", "must be minLon,minLat,maxLon,maxLat"))?;
    let tags: Vec<&str> = params
        .get("query")
        .map(|q| q.split(',').map(str::trim).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    if tags.is_empty() {
        return Err(bad("query", "the sandbox wants POI type tags (aggregates are not served)"));
    }
    let type_ids: Vec<&str> = tags.iter().filter_map(|tag| places.type_of_tag(tag)).collect();
    let max = params.get("maxpois").and_then(|m| m.parse::<usize>().ok()).unwrap_or(5_000).min(10_000);
    let pois = places
        .points
        .iter()
        .filter(|p| type_ids.contains(&p.type_id))
        .filter(|p| p.lon >= extent[0] && p.lat >= extent[1] && p.lon <= extent[2] && p.lat <= extent[3])
        .take(max)
        .map(|p| FindPoi {
            id: p.id.clone(),
            name: p.name.clone(),
            tag: places.tag_of(p.type_id).unwrap_or_default().to_owned(),
            x: p.lon,
            y: p.lat,
            info: FindPoiInfo {
                street: p.street.clone(),
                zip: p.zip.clone(),
                city: p.city.clone(),
                synthetic: p.synthetic,
            },
        })
        .collect();
    Ok(Json(FindResponse { ok: true, info: "Ok".into(), pois }))
}

/// `GET /Geocode?query=<text>&limit=<n>`: postcodes and localities whose number or name starts with the
/// text; the recorded reply for "Burgdorf".
pub async fn geocode(
    State(state): State<SharedState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<GeocodeResponse>, Failure> {
    let query =
        params.get("query").map(|q| q.trim()).filter(|q| !q.is_empty()).ok_or_else(|| bad("query", "is required"))?;
    if query.chars().count() > 100 {
        return Err(bad("query", "is too long"));
    }
    let limit = params.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(10).clamp(1, 50);
    let folded = fold_query(query);
    if folded.starts_with("burgdorf") {
        let mut recorded = state.places.burgdorf.clone();
        recorded.locations.truncate(limit);
        return Ok(Json(recorded));
    }
    let digits: String = query.chars().take_while(char::is_ascii_digit).collect();
    let name = fold_query(&query[digits.len()..]);
    let mut found: Vec<&Locality> = state
        .places
        .localities
        .iter()
        .filter(|l| l.zip.starts_with(&digits) && (name.is_empty() || l.folded.starts_with(&name)))
        .filter(|_| !digits.is_empty() || !name.is_empty())
        .collect();
    // A name typed in full comes before longer names it begins ("St. Gallen" before "St. Gallenkappel").
    found.sort_by_key(|l| (l.folded != name, l.zip.clone()));
    let locations: Vec<GeocodeLocation> = found
        .into_iter()
        .take(limit)
        .map(|l| GeocodeLocation {
            id: None,
            name: format!("{} {}", l.zip, l.name),
            kind: "zip".into(),
            subtype: None,
            pt: [l.lon, l.lat],
            bbox: [l.lon - 0.02, l.lat - 0.015, l.lon + 0.02, l.lat + 0.015],
        })
        .collect();
    Ok(Json(GeocodeResponse { ok: true, info: "Ok".into(), count: locations.len() as u32, locations }))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `GET /Poi?id=<poiId>`: one point as XML, with its (generated) opening hours.
pub async fn poi(State(state): State<SharedState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let Some(id) = params.get("id") else {
        return bad("id", "is required").into_response();
    };
    let Some(p) = state.places.points.iter().find(|p| &p.id == id) else {
        return (StatusCode::NOT_FOUND, "").into_response();
    };
    let mut xml = String::new();
    let _ = write!(
        xml,
        r#"<?xml version="1.0" encoding="utf-8"?><POI Id="{}" POITypeId="{}" Synthetic="{}"><Description lang="de">{}</Description><Address><Street>{}</Street><Zip>{}</Zip><City>{}</City><KantonCode>{}</KantonCode><CountryCode>CH</CountryCode></Address><GeoLocation><CoordinateLat>{}</CoordinateLat><CoordinateLng>{}</CoordinateLng></GeoLocation><Counter CounterTypeId="0011"><OpeningPeriods GeneratedHours="true"><DateFrom>2026-01-01</DateFrom><DateTo>2027-12-31</DateTo>"#,
        escape(&p.id),
        p.type_id,
        p.synthetic,
        escape(&p.name),
        escape(&p.street),
        escape(&p.zip),
        escape(&p.city),
        escape(&p.canton),
        p.lat,
        p.lon
    );
    const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    for (days, spans) in hours_of(p.type_id) {
        xml.push_str("<OpeningHours>");
        for (day, open) in DAYS.iter().zip(days) {
            let _ = write!(xml, "<{day}>{open}</{day}>");
        }
        for (from, until) in spans {
            let _ = write!(xml, "<Timeslice><TimeFrom>{from}</TimeFrom><TimeUntil>{until}</TimeUntil></Timeslice>");
        }
        xml.push_str("</OpeningHours>");
    }
    xml.push_str("</OpeningPeriods></Counter></POI>");
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response()
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
    let who = format!(
        "{}\u{0}{}\u{0}{email}",
        details.first_name.trim().to_lowercase(),
        details.last_name.trim().to_lowercase()
    );
    let id = format!("PT{:06}", fnv(who.as_bytes()) % 1_000_000);
    let verified = if email.ends_with("@verified.example") { verified::MAIL } else { verified::NONE };
    Ok(Json(UserResponse { id, verified: verified.into() }))
}
