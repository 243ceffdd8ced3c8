//! The proxy's routes: thin handlers that parse, call a service and map its answer to the types of
//! `crates/api`. Each route is written once: its path and OpenAPI entry in its `#[utoipa::path]`, its place in
//! [`browser`], [`server`] or [`public`], from which both the router (`lib.rs`) and the OpenAPI document
//! (`openapi.rs`) are made.

use std::sync::Arc;

use api::{
    AddressInput, DeliveryOptionsResponse, Health, HouseNumbersResponse, LocalitiesResponse, PickupPlacesResponse,
    PickupPointsResponse, PickupUser, PickupUserRequest, Selection, SelectionCheck, StreetsResponse, ValidationResult,
    check,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::AppError;
use crate::extract::{Body, Params, SelectionBody};
use crate::selection::{self, FieldPrefix};

/// The widget's routes (`/v1`): the router puts the origin check, CORS, the rate limit and the publishable
/// key in front of them.
pub fn browser() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(localities))
        .routes(routes!(streets))
        .routes(routes!(house_numbers))
        .routes(routes!(validate))
        .routes(routes!(delivery_options))
        .routes(routes!(pickup_points))
        .routes(routes!(pickup_places))
        .routes(routes!(pickup_user))
        .routes(routes!(switzerland_outline))
        .routes(routes!(shopper_shipment))
        .routes(routes!(shopper_return_options, shopper_return))
        .routes(routes!(connector_session, connector_sign_out))
}

/// The connector's pages: top-level navigations of the shopper's popup (no CORS, no publishable key: a
/// navigation carries neither; the session cookie and `state` bind them to the shopper who started).
pub fn connector_pages() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(connector_start))
        .routes(routes!(connector_callback))
        .routes(routes!(connector_close_script))
}

/// The shop's server's routes (`/server/v1`): the router puts the server key in front of them, and no CORS.
pub fn server() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(check_selection))
        .routes(routes!(create_label))
        .routes(routes!(server_shipment))
        .routes(routes!(server_return))
        .routes(routes!(create_link))
}

/// Health and the API's own description, open to all.
pub fn public() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(healthz)).routes(routes!(readyz)).routes(routes!(openapi))
}

/// `GET /openapi.json`: the document [`crate::openapi::document`] made at start.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "This document", content_type = "application/json", body = Object)))]
pub async fn openapi(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], state.openapi.clone())
}

/// Lookup answers change rarely: the browser may keep one for a few minutes.
const CACHE_FOR_MINUTES: (header::HeaderName, &str) = (header::CACHE_CONTROL, "public, max-age=300");

/// The content type of a JSON body sent as bytes.
const JSON: axum::http::HeaderValue = axum::http::HeaderValue::from_static("application/json");

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
#[utoipa::path(get, path = "/v1/localities", tag = "address", params(api::LocalitiesQuery),
    responses((status = 200, description = "Up to 20 suggestions; empty when nothing matches", body = LocalitiesResponse)))]
pub async fn localities(State(state): State<Arc<AppState>>, query: Params) -> Result<impl IntoResponse, AppError> {
    let q = check::locality_query(query.get("q"))?;
    let answer = state.lookups.localities_json(&q).await?;
    Ok((lookup_headers(answer.stale), [(header::CONTENT_TYPE, JSON)], answer.value))
}

/// `GET /v1/streets?postcode=3011&q=aarb`.
#[utoipa::path(get, path = "/v1/streets", tag = "address", params(api::StreetsQuery),
    responses((status = 200, description = "Streets of the postcode with a word starting with `q`", body = StreetsResponse)))]
pub async fn streets(State(state): State<Arc<AppState>>, query: Params) -> Result<impl IntoResponse, AppError> {
    let postcode = check::postcode(query.get("postcode"), "postcode")?;
    let q = check::street(query.get("q"), "q", true)?;
    let answer = state.lookups.streets(&postcode, &q).await?;
    Ok((lookup_headers(answer.stale), Json(StreetsResponse { streets: answer.value })))
}

/// `GET /v1/house-numbers?postcode=3011&street=Aarbergergasse&q=1`.
#[utoipa::path(get, path = "/v1/house-numbers", tag = "address", params(api::HouseNumbersQuery),
    responses((status = 200, description = "House numbers of the street starting with `q`, in natural order", body = HouseNumbersResponse)))]
pub async fn house_numbers(State(state): State<Arc<AppState>>, query: Params) -> Result<impl IntoResponse, AppError> {
    let postcode = check::postcode(query.get("postcode"), "postcode")?;
    let street = check::street(query.get("street"), "street", true)?;
    let q = check::house_number(query.get("q"), "q")?;
    let answer = state.lookups.house_numbers(&postcode, &street, &q).await?;
    Ok((lookup_headers(answer.stale), Json(HouseNumbersResponse { house_numbers: answer.value })))
}

/// `POST /v1/addresses/validate` with an address as JSON.
#[utoipa::path(post, path = "/v1/addresses/validate", tag = "address", request_body = AddressInput,
    responses((status = 200, description = "Swiss Post's verdict, with the official spelling when it differs", body = ValidationResult)))]
pub async fn validate(
    State(state): State<Arc<AppState>>,
    Body(input): Body<AddressInput>,
) -> Result<Json<ValidationResult>, AppError> {
    let checked = check::address(&input, true)?;
    Ok(Json(state.lookups.validate(&checked).await?))
}

/// `GET /v1/delivery-options?postcode=3011&town=Bern&street=…&house_number=…[&days=…]`.
#[utoipa::path(get, path = "/v1/delivery-options", tag = "delivery", params(api::DeliveryOptionsQuery),
    responses((status = 200, description = "Delivery options by date then kind; empty when Swiss Post cannot place the address", body = DeliveryOptionsResponse)))]
pub async fn delivery_options(
    State(state): State<Arc<AppState>>,
    query: Params,
) -> Result<impl IntoResponse, AppError> {
    let address = AddressInput {
        postcode: check::postcode(query.get("postcode"), "postcode")?,
        town: check::town(query.get("town"), "town")?,
        street: check::street(query.get("street"), "street", false)?,
        house_number: check::house_number(query.get("house_number"), "house_number")?,
    };
    let days = check::delivery_days(query.get("days"))?;
    let answer = state.delivery.options(&address, days).await?;
    // Options depend on the time of day (cut-offs): the browser must not keep them.
    let mut headers = lookup_headers(answer.stale);
    headers.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok((headers, Json(DeliveryOptionsResponse { options: answer.value })))
}

/// `GET /v1/pickup-points?bbox=…[&types=…][&near=lat,lon]`: pickup points in a box, or clusters.
#[utoipa::path(get, path = "/v1/pickup-points", tag = "pickup", params(api::PickupPointsQuery),
    responses((status = 200, description = "Points nearest first with opening hours and arrival day, or clusters above 60 points", body = PickupPointsResponse)))]
pub async fn pickup_points(State(state): State<Arc<AppState>>, query: Params) -> Result<impl IntoResponse, AppError> {
    let bbox = check::bbox(query.get("bbox"))?;
    let kinds = check::pickup_kinds(query.get("types"))?;
    let near = check::position(query.get("near"), "near")?;
    let product = check::pickup_product(query.get("product"))?;
    let mut answer = state.pickup.points(bbox, &kinds, near).await?;
    state.delivery.set_arrivals(&mut answer.value.points, product).await;
    Ok((lookup_headers(answer.stale), Json(answer.value)))
}

/// `GET /v1/pickup-places?q=9000`: where a postcode or place is.
#[utoipa::path(get, path = "/v1/pickup-places", tag = "pickup", params(api::LocalitiesQuery),
    responses((status = 200, description = "Places to centre the map on; empty when nothing matches", body = PickupPlacesResponse)))]
pub async fn pickup_places(State(state): State<Arc<AppState>>, query: Params) -> Result<impl IntoResponse, AppError> {
    let q = check::locality_query(query.get("q"))?;
    let places = state.pickup.places(&q).await?;
    Ok((lookup_headers(false), Json(PickupPlacesResponse { places })))
}

/// `POST /v1/pickup-user`: the shopper's PickPost / My Post 24 user id and the label's `name2` line.
#[utoipa::path(post, path = "/v1/pickup-user", tag = "pickup", request_body = PickupUserRequest,
    responses((status = 200, description = "The user id, whether Swiss Post checked the identity, and name2", body = PickupUser)))]
pub async fn pickup_user(
    State(state): State<Arc<AppState>>,
    Body(request): Body<PickupUserRequest>,
) -> Result<Json<PickupUser>, AppError> {
    let language = check::language(Some(&request.language), "language")?.to_owned();
    let kind = request.kind.ok_or_else(|| AppError::invalid("kind", "must be pickpost, mypost24 or post_office"))?;
    let checked = PickupUserRequest {
        first_name: check::person_name(&request.first_name, "first_name")?,
        last_name: check::person_name(&request.last_name, "last_name")?,
        email: check::email(&request.email)?,
        language,
        kind: Some(kind),
    };
    Ok(Json(state.pickup.user(&checked, kind).await?))
}

/// Switzerland's outline (Natural Earth, public domain): the pickup map's base layer when no tiles load.
#[utoipa::path(get, path = "/v1/map/switzerland.geojson", tag = "pickup",
    responses((status = 200, description = "A GeoJSON FeatureCollection", content_type = "application/geo+json", body = Object)))]
pub async fn switzerland_outline() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/geo+json"), (header::CACHE_CONTROL, "public, max-age=86400")],
        include_str!("../data/ch_country_naturalearth.geojson"),
    )
}

/// `POST /server/v1/selections/check`: the shop's server checks what its checkout form received before it
/// takes the order: the address against Swiss Post now, the delivery option against today's offer, and the
/// options offered for the address (an order placed with the element's plain fields has none chosen). The
/// body is the JSON selection, or the form's fields as they came, with `?name_prefix=` the element's prefix.
#[utoipa::path(post, path = "/server/v1/selections/check", tag = "server",
    request_body(content(
        (Selection = "application/json"),
        (api::form::PostedSelection = "application/x-www-form-urlencoded"))),
    params(("name_prefix" = Option<String>, Query,
        description = "The element's name-prefix (shipping_), for a form body")),
    security(("server_key" = [])),
    responses((status = 200, description = "The selection checked against Swiss Post now", body = SelectionCheck)))]
pub async fn check_selection(
    State(state): State<Arc<AppState>>,
    query: Params,
    body: SelectionBody,
) -> Result<Json<SelectionCheck>, AppError> {
    let checked = match body {
        SelectionBody::Json(selection) => {
            selection::check(&state.lookups, &state.delivery, &selection, FieldPrefix::None).await?
        }
        SelectionBody::Form(fields) => {
            let posted = api::form::PostedSelection::from_fields(&fields, query.get("name_prefix").unwrap_or(""));
            selection::check_posted(&state.lookups, &state.delivery, &posted).await?
        }
    };
    Ok(Json(checked))
}

/// `POST /server/v1/labels`: a Swiss Post label for the selection the checkout posted. JSON with the label in
/// base64, or the label's bytes when `Accept` asks for the format's media type (`application/pdf`,
/// `image/png`, `application/zpl`), the identcode then in `x-swiss-post-ident-code`.
#[utoipa::path(post, path = "/server/v1/labels", tag = "server", request_body = api::labels::LabelRequest,
    security(("server_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header,
        description = "The same key and body give the same label, never a second one (kept a day)")),
    responses(
        (status = 200, description = "The label", body = api::labels::LabelResponse),
        (status = 409, description = "The Idempotency-Key came with another body", body = api::Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Not shippable as selected, or Swiss Post refused the label (`code` is its error code)",
            body = api::Problem, content_type = "application/problem+json")))]
pub async fn create_label(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Body(request): Body<api::labels::LabelRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let media_type = request.format.media_type();
    let raw = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.split(',').any(|t| t.split(';').next().map(str::trim) == Some(media_type)));
    let checks = crate::labels::Checks { lookups: &state.lookups, delivery: &state.delivery, pickup: &state.pickup };
    let label = state.labels.create(checks, request, key).await?;
    if raw {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&label.label)
            .map_err(|_| AppError::Upstream(crate::error::UpstreamError::Body))?;
        let headers = [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (header::HeaderName::from_static(api::labels::IDENT_CODE_HEADER), label.ident_code.clone()),
        ];
        return Ok((headers, bytes).into_response());
    }
    Ok(Json(label).into_response())
}

/// `GET /server/v1/shipments/{ident_code}?lang=de`: a shipment's status and events, texts ready to show.
#[utoipa::path(get, path = "/server/v1/shipments/{ident_code}", tag = "server", security(("server_key" = [])),
    params(("ident_code" = String, Path, description = "The 18-digit identcode"),
        ("lang" = Option<String>, Query, description = "de (default), fr, it or en")),
    responses((status = 200, description = "Status and events, oldest first", body = api::aftersale::Shipment),
        (status = 404, description = "Swiss Post knows no shipment with this identcode", body = api::Problem,
            content_type = "application/problem+json")))]
pub async fn server_shipment(
    State(state): State<Arc<AppState>>,
    Path(ident_code): Path<String>,
    query: Params,
) -> Result<Json<api::aftersale::Shipment>, AppError> {
    let lang = check::language(query.get("lang"), "lang")?;
    Ok(Json(state.aftersale.shipment(&state.pickup, &ident_code, lang).await?))
}

/// `POST /server/v1/returns`: orders and approves a collection at the returner's door (pick@home); the
/// answer has the pickup date and the return labels. Safe to repeat with an `Idempotency-Key`.
#[utoipa::path(post, path = "/server/v1/returns", tag = "server", request_body = api::aftersale::ReturnRequest,
    security(("server_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "The same key and body give the same order")),
    responses((status = 200, description = "The approved collection", body = api::aftersale::ReturnConfirmation),
        (status = 409, description = "The Idempotency-Key came with another body", body = api::Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Swiss Post refused the order (`code` is its number) or cannot collect there",
            body = api::Problem, content_type = "application/problem+json")))]
pub async fn server_return(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Body(request): Body<api::aftersale::ReturnRequest>,
) -> Result<Json<api::aftersale::ReturnConfirmation>, AppError> {
    let key = idempotency_key(&headers)?;
    Ok(Json(state.aftersale.create_return(&state.lookups, request, key).await?))
}

/// `POST /server/v1/links`: a sealed link token for one shipment or one return, for the shopper's browser.
#[utoipa::path(post, path = "/server/v1/links", tag = "server", request_body = api::aftersale::LinkRequest,
    security(("server_key" = [])),
    responses((status = 200, description = "The token and when it expires", body = api::aftersale::Link)))]
pub async fn create_link(
    State(state): State<Arc<AppState>>,
    Body(request): Body<api::aftersale::LinkRequest>,
) -> Result<Json<api::aftersale::Link>, AppError> {
    let grant = match (request.shipment, request.returner) {
        (Some(ident), None) => crate::links::Grant::Shipment(check::ident_code(&ident, "shipment")?),
        (None, Some(returner)) => {
            check::email(&returner.email).map_err(|e| AppError::invalid("returner.email", e.why))?;
            crate::links::Grant::Return(returner)
        }
        _ => return Err(AppError::invalid("body", "name either a shipment or a returner")),
    };
    let days = request.valid_days.unwrap_or(30);
    if !(1..=90).contains(&days) {
        return Err(AppError::invalid("valid_days", "must be 1 to 90"));
    }
    let expires = time::OffsetDateTime::now_utc() + time::Duration::days(i64::from(days));
    let token = state.links.seal(grant, expires)?;
    let expires_at = format!(
        "{}T{:02}:{:02}:{:02}Z",
        swisspost::clock::iso_date(expires.date()),
        expires.hour(),
        expires.minute(),
        expires.second()
    );
    Ok(Json(api::aftersale::Link { token, expires_at }))
}

/// The `Idempotency-Key` header, when sent.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    headers
        .get(api::labels::IDEMPOTENCY_KEY_HEADER)
        .map(|v| v.to_str().map(|k| k.trim().to_owned()))
        .transpose()
        .map_err(|_| AppError::invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))
}

/// The grant of a shopper's link token, now.
fn granted(state: &AppState, token: &str) -> Result<crate::links::Grant, AppError> {
    state.links.open(token, time::OffsetDateTime::now_utc())
}

/// `GET /v1/shipments/{token}?lang=de`: the shipment the shop's link names, for the shopper.
#[utoipa::path(get, path = "/v1/shipments/{token}", tag = "after sale",
    params(("token" = String, Path, description = "A link token from POST /server/v1/links"),
        ("lang" = Option<String>, Query, description = "de (default), fr, it or en")),
    responses((status = 200, description = "Status and events", body = api::aftersale::Shipment),
        (status = 404, description = "Swiss Post knows no such shipment yet", body = api::Problem,
            content_type = "application/problem+json")))]
pub async fn shopper_shipment(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
    query: Params,
) -> Result<Json<api::aftersale::Shipment>, AppError> {
    let crate::links::Grant::Shipment(ident) = granted(&state, &token)? else { return Err(AppError::ForbiddenToken) };
    let lang = check::language(query.get("lang"), "lang")?;
    Ok(Json(state.aftersale.shipment(&state.pickup, &ident, lang).await?))
}

/// `GET /v1/returns/{token}`: where the parcel would be collected and the days the shopper may choose.
#[utoipa::path(get, path = "/v1/returns/{token}", tag = "after sale",
    params(("token" = String, Path, description = "A link token from POST /server/v1/links")),
    responses((status = 200, description = "The address line and the pickup dates", body = api::aftersale::ReturnOptions),
        (status = 422, description = "Swiss Post cannot collect at this address", body = api::Problem,
            content_type = "application/problem+json")))]
pub async fn shopper_return_options(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
) -> Result<Json<api::aftersale::ReturnOptions>, AppError> {
    let crate::links::Grant::Return(returner) = granted(&state, &token)? else { return Err(AppError::ForbiddenToken) };
    Ok(Json(state.aftersale.return_options(&state.lookups, &returner).await?))
}

/// `POST /v1/returns/{token}`: the shopper orders the collection. One return per link: repeated, the same
/// confirmation; with another choice, a 409.
#[utoipa::path(post, path = "/v1/returns/{token}", tag = "after sale", request_body = api::aftersale::ReturnChoice,
    params(("token" = String, Path, description = "A link token from POST /server/v1/links")),
    responses((status = 200, description = "The approved collection and its labels", body = api::aftersale::ReturnConfirmation),
        (status = 409, description = "This link already ordered another return", body = api::Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Swiss Post refused the order (`code` is its number)", body = api::Problem,
            content_type = "application/problem+json")))]
pub async fn shopper_return(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
    Body(choice): Body<api::aftersale::ReturnChoice>,
) -> Result<Json<api::aftersale::ReturnConfirmation>, AppError> {
    let crate::links::Grant::Return(returner) = granted(&state, &token)? else { return Err(AppError::ForbiddenToken) };
    let key = format!("link-{}", crate::idempotency::sha256_hex(token.as_bytes()));
    let request = api::aftersale::ReturnRequest {
        returner,
        pickup_date: choice.pickup_date,
        parcels: choice.parcels,
        language: choice.language,
    };
    Ok(Json(state.aftersale.create_return(&state.lookups, request, Some(key)).await?))
}

/// `GET /healthz`: the process is up (it does not call the upstream).
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is up", body = Health)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(Health { status: "ok".into(), sandbox: state.sandbox_mode, store: None })
}

/// `GET /readyz`: ready when a Swiss Post token can be obtained (from the cache or the token endpoint) and the
/// store answers. Not ready says which: `upstream-unavailable` (Swiss Post), or `store-unavailable` (labels,
/// returns and sign-ins answer 503 meanwhile; the lookups go on).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "A Swiss Post token can be obtained and the store answers", body = Health),
        (status = 503, description = "Swiss Post or the store cannot be reached; the problem's type says which",
            body = api::Problem, content_type = "application/problem+json")))]
pub async fn readyz(State(state): State<Arc<AppState>>) -> Result<Json<Health>, AppError> {
    state.store.ping().await?;
    state.lookups.post().tokens().token().await?;
    Ok(Json(Health { status: "ready".into(), sandbox: state.sandbox_mode, store: Some(state.store.engine().into()) }))
}

/// Unknown `/v1` routes: problem+json, like every other error of the API.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locality_query(query: Option<&str>) -> Result<String, AppError> {
        Ok(check::locality_query(Params::parse(query).get("q"))?)
    }

    fn field_of(result: Result<String, AppError>) -> Option<&'static str> {
        match result {
            Err(AppError::InvalidParameter { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn reads_q_from_the_query_string_and_names_it_when_wrong() {
        assert_eq!(locality_query(Some("q=St.%20Gallen")).unwrap(), "St. Gallen");
        assert_eq!(field_of(locality_query(None)), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%20%20"))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%3Cscript%3E"))), Some("q"));
        assert_eq!(field_of(locality_query(Some("q=%FF%FE"))), Some("q"));
    }
}

fn connector(state: &AppState) -> Result<&Arc<crate::connector::Connector>, AppError> {
    state.connector.as_ref().ok_or(AppError::NotConfigured("\"Use my Swiss Post addresses\" is not configured"))
}

/// `GET /v1/connector/start?checkout=…&lang=…`: opened by the widget in a popup; on to Swiss Post's sign-in.
#[utoipa::path(get, path = "/v1/connector/start", tag = "connector", params(api::connector::ConnectorQuery),
    responses((status = 302, description = "To Swiss Post's sign-in and consent; sets the session cookie (HttpOnly, SameSite=Lax)")))]
pub async fn connector_start(State(state): State<Arc<AppState>>, query: Params) -> Result<Response, AppError> {
    let connector = connector(&state)?;
    let checkout = check::checkout_id(query.get("checkout"))?;
    let lang = check::language(query.get("lang"), "lang")?;
    let started = connector.start(checkout, lang).await?;
    let cookie = connector.cookie(&started.session_id, connector.session_secs());
    Ok((
        axum::http::StatusCode::FOUND,
        [
            (header::LOCATION, started.authorize_url),
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, "no-store".into()),
            (header::REFERRER_POLICY, "no-referrer".into()),
        ],
    )
        .into_response())
}

/// `GET /v1/connector/callback?code=…&state=…`: Swiss Post sends the shopper back here; a page that says what
/// happened and closes the popup.
#[utoipa::path(get, path = "/v1/connector/callback", tag = "connector",
    responses((status = 200, description = "A page saying whether the sign-in worked", content_type = "text/html")))]
pub async fn connector_callback(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let connector = connector(&state)?;
    let params: std::collections::HashMap<String, String> =
        query.as_deref().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let session = connector.session_id(&headers);
    let (status, lang, new_id) = connector.finish(session.as_deref(), params, state.pickup.clone()).await;
    let mut page = crate::connector::page::callback(status, lang);
    // Signed in: the session goes on under a new id, in a new cookie.
    if let Some(id) = new_id
        && let Ok(cookie) = axum::http::HeaderValue::from_str(&connector.cookie(&id, connector.session_secs()))
    {
        page.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(page)
}

/// `GET /v1/connector/close.js`: the callback page's script.
#[utoipa::path(get, path = "/v1/connector/close.js", tag = "connector",
    responses((status = 200, description = "Closes the popup", content_type = "text/javascript")))]
pub async fn connector_close_script() -> Response {
    crate::connector::page::close_script()
}

/// `GET /v1/connector/session?checkout=…`: where this checkout's sign-in stands, and once signed in the
/// shopper's names, e-mail and saved addresses. Needs the session cookie (`credentials: "include"`).
#[utoipa::path(get, path = "/v1/connector/session", tag = "connector", params(api::connector::ConnectorQuery),
    responses((status = 200, description = "The sign-in's status; `none` without a session for this checkout", body = api::connector::ConnectorSession)))]
pub async fn connector_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Params,
) -> Result<Response, AppError> {
    let connector = connector(&state)?;
    let checkout = check::checkout_id(query.get("checkout"))?;
    let session = connector.status(connector.session_id(&headers).as_deref(), &checkout).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(session)).into_response())
}

/// `DELETE /v1/connector/session`: signs out; the proxy forgets what it read.
#[utoipa::path(delete, path = "/v1/connector/session", tag = "connector",
    responses((status = 204, description = "Signed out; the cookie is cleared")))]
pub async fn connector_sign_out(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Result<Response, AppError> {
    let connector = connector(&state)?;
    connector.forget(connector.session_id(&headers).as_deref()).await?;
    Ok((axum::http::StatusCode::NO_CONTENT, [(header::SET_COOKIE, connector.cookie("", 0))]).into_response())
}
