//! The widget's only side effect: HTTP calls to the swiss-checkout proxy.
//!
//! Bodies are parsed by the browser (`Response.json()`) and read by the thin typed readers of `json.rs` (request
//! bodies written by its writers), so the wasm carries no JSON parser and no serde of its own. Every failed call
//! is also reported to the host page (the `swiss-checkout:error` event), through the signal the client is given.

use std::future::Future;
use std::pin::Pin;

use api::{
    AddressInput, AddressSelection, DELIVERY_OPTIONS_PATH, DeliveryOptionsResponse, HOUSE_NUMBERS_PATH,
    HouseNumbersResponse, LOCALITIES_PATH, LocalitiesResponse, PICKUP_PLACES_PATH, PICKUP_POINTS_PATH,
    PICKUP_USER_PATH, PUBLISHABLE_KEY_HEADER, PickupKind, PickupPlacesResponse, PickupPointsResponse, PickupUser,
    PickupUserRequest, Problem, STREETS_PATH, StreetsResponse, VALIDATE_PATH, ValidationResult,
};
use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::json::{FromJs, ToJs};

/// Why a lookup gave no answer. Either way the shopper goes on by typing.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The proxy could not be reached.
    Network,
    /// The proxy answered with a problem (RFC 9457).
    Problem(Box<Problem>),
    /// The proxy answered something the widget cannot read.
    Body,
}

impl FetchError {
    /// `network`, `problem` or `unreadable`, as the host page reads it.
    fn reason(&self) -> &'static str {
        match self {
            FetchError::Network => "network",
            FetchError::Problem(_) => "problem",
            FetchError::Body => "unreadable",
        }
    }
}

/// A call to the proxy that failed, as the host page hears of it: which route, why, and the proxy's
/// problem when it sent one. The shopper has gone on by typing; this is for the shop's monitoring.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestFailure {
    /// The route's path, `/v1/streets`.
    pub request: &'static str,
    /// `network`, `problem` or `unreadable`.
    pub reason: &'static str,
    pub problem: Option<Problem>,
}

impl ToJs for RequestFailure {
    fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str("request"), &self.request.to_js());
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str("reason"), &self.reason.to_js());
        if let Some(problem) = &self.problem {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str("problem"), &problem.to_js());
        }
        object.into()
    }
}

/// Where the proxy is: "" for the page's own origin, or "https://checkout.shop.example".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxyClient {
    base: String,
    /// Sent in `x-swiss-checkout-key` when the shop has one.
    key: Option<String>,
    /// Where failures are reported, when someone listens.
    failures: Option<RwSignal<Option<RequestFailure>>>,
}

impl ProxyClient {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').to_owned(), key: None, failures: None }
    }

    /// The same client, reporting every failed call to `failures`.
    pub fn reporting_to(mut self, failures: RwSignal<Option<RequestFailure>>) -> Self {
        self.failures = Some(failures);
        self
    }

    fn reported<T>(&self, request: &'static str, result: Result<T, FetchError>) -> Result<T, FetchError> {
        if let (Err(error), Some(failures)) = (&result, self.failures) {
            let problem = match error {
                FetchError::Problem(problem) => Some(problem.as_ref().clone()),
                _ => None,
            };
            failures.set(Some(RequestFailure { request, reason: error.reason(), problem }));
        }
        result
    }

    /// The same client, sending the shop's publishable key.
    pub fn with_key(mut self, key: Option<String>) -> Self {
        self.key = key.filter(|k| !k.is_empty());
        self
    }

    /// The full URL of `path_and_query` on the proxy.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// `fetch(url)` with the publishable key and, for a body, JSON: the browser's own fetch, no wrapper crate.
    async fn send(&self, method: &str, url: &str, body: Option<&str>) -> Result<web_sys::Response, FetchError> {
        self.send_with(method, url, body, false).await
    }

    /// As [`Self::send`]; `with_cookies`: the proxy's own cookies travel too (`credentials: "include"`), as the
    /// connector's session needs.
    async fn send_with(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        with_cookies: bool,
    ) -> Result<web_sys::Response, FetchError> {
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if with_cookies {
            // Set as a plain member: no web-sys feature (and no bytes) for one enum.
            let _ = js_sys::Reflect::set(&init, &JsValue::from_str("credentials"), &JsValue::from_str("include"));
        }
        let headers = web_sys::Headers::new().map_err(|_| FetchError::Network)?;
        if let Some(key) = &self.key {
            headers.set(PUBLISHABLE_KEY_HEADER, key).map_err(|_| FetchError::Body)?;
        }
        if let Some(body) = body {
            headers.set("content-type", "application/json").map_err(|_| FetchError::Body)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
        let window = web_sys::window().ok_or(FetchError::Network)?;
        let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| FetchError::Network)?;
        response.dyn_into().map_err(|_| FetchError::Body)
    }

    /// `GET /v1/localities?q=…`.
    pub async fn localities(&self, q: &str) -> Result<LocalitiesResponse, FetchError> {
        self.get(LOCALITIES_PATH, &format!("q={}", encode(q))).await
    }

    /// `GET /v1/streets?postcode=…&q=…`.
    pub async fn streets(&self, postcode: &str, q: &str) -> Result<StreetsResponse, FetchError> {
        self.get(STREETS_PATH, &format!("postcode={}&q={}", encode(postcode), encode(q))).await
    }

    /// `GET /v1/house-numbers?postcode=…&street=…&q=…`.
    pub async fn house_numbers(
        &self,
        postcode: &str,
        street: &str,
        q: &str,
    ) -> Result<HouseNumbersResponse, FetchError> {
        let query = format!("postcode={}&street={}&q={}", encode(postcode), encode(street), encode(q));
        self.get(HOUSE_NUMBERS_PATH, &query).await
    }

    /// `GET /v1/delivery-options?postcode=…&town=…&street=…&house_number=…`.
    pub async fn delivery_options(&self, address: &AddressSelection) -> Result<DeliveryOptionsResponse, FetchError> {
        let query = format!(
            "postcode={}&town={}&street={}&house_number={}",
            encode(&address.postcode),
            encode(&address.town),
            encode(&address.street),
            encode(&address.house_number)
        );
        self.get(DELIVERY_OPTIONS_PATH, &query).await
    }

    /// `POST /v1/addresses/validate`.
    pub async fn validate(&self, address: &AddressInput) -> Result<ValidationResult, FetchError> {
        self.post(VALIDATE_PATH, address).await
    }

    /// `GET /v1/pickup-points?bbox=…&types=…[&near=…]`.
    pub async fn pickup_points(
        &self,
        bbox: [f64; 4],
        kinds: &[PickupKind],
        near: Option<(f64, f64)>,
        product: api::DeliveryKind,
    ) -> Result<PickupPointsResponse, FetchError> {
        if kinds.is_empty() {
            return Ok(PickupPointsResponse::default());
        }
        let bbox = bbox.map(number).join(",");
        let types = kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(",");
        let mut query = format!("bbox={bbox}&types={types}");
        if let Some((lat, lon)) = near {
            query.push_str(&format!("&near={},{}", number(lat), number(lon)));
        }
        if product == api::DeliveryKind::Economy {
            query.push_str("&product=economy");
        }
        self.get(PICKUP_POINTS_PATH, &query).await
    }

    /// `GET /v1/pickup-places?q=…`.
    pub async fn pickup_places(&self, q: &str) -> Result<PickupPlacesResponse, FetchError> {
        self.get(PICKUP_PLACES_PATH, &format!("q={}", encode(q))).await
    }

    /// `POST /v1/pickup-user`.
    pub async fn pickup_user(&self, shopper: &PickupUserRequest) -> Result<PickupUser, FetchError> {
        self.post(PICKUP_USER_PATH, shopper).await
    }

    /// `GET /v1/connector/session?checkout=…`: where this checkout's sign-in with Swiss Post stands. Asked
    /// every second while the shopper signs in, so a failure is not reported (it would be, every second).
    #[cfg(feature = "connector")]
    pub async fn connector_session(&self, checkout: &str) -> Result<api::connector::ConnectorSession, FetchError> {
        const PATH: &str = api::connector::CONNECTOR_SESSION_PATH;
        let url = format!("{}{PATH}?checkout={}", self.base, encode(checkout));
        let value = read(self.send_with("GET", &url, None, true).await?).await?;
        FromJs::from_js(&value).ok_or(FetchError::Body)
    }

    /// `DELETE /v1/connector/session`: the proxy forgets the shopper's addresses.
    #[cfg(feature = "connector")]
    pub async fn connector_sign_out(&self) -> Result<(), FetchError> {
        const PATH: &str = api::connector::CONNECTOR_SESSION_PATH;
        let response = self.send_with("DELETE", &format!("{}{PATH}", self.base), None, true).await;
        self.reported(PATH, response.and_then(|r| if r.ok() { Ok(()) } else { Err(FetchError::Body) }))
    }

    /// Switzerland's outline as GeoJSON, parsed by the browser, for Leaflet.
    pub async fn switzerland_outline(&self) -> Result<JsValue, FetchError> {
        const OUTLINE_PATH: &str = "/v1/map/switzerland.geojson";
        let result = match self.send("GET", &format!("{}{OUTLINE_PATH}", self.base), None).await {
            Ok(response) if response.ok() => json(&response).await,
            Ok(_) => Err(FetchError::Body),
            Err(error) => Err(error),
        };
        self.reported(OUTLINE_PATH, result)
    }

    /// `GET /v1/shipments/{token}?lang=…`: the shipment a shop's link names.
    #[cfg(feature = "tracking")]
    pub async fn shipment(&self, token: &str, lang: &str) -> Result<api::aftersale::Shipment, FetchError> {
        let path = format!("{}/{}", api::aftersale::SHIPMENTS_PATH, encode(token));
        self.get_at(api::aftersale::SHIPMENTS_PATH, &path, &format!("lang={lang}")).await
    }

    /// `GET /v1/returns/{token}`: the return's address and collection days.
    #[cfg(feature = "returns")]
    pub async fn return_options(&self, token: &str) -> Result<api::aftersale::ReturnOptions, FetchError> {
        let path = format!("{}/{}", api::aftersale::RETURNS_PATH, encode(token));
        self.get_at(api::aftersale::RETURNS_PATH, &path, "").await
    }

    /// `POST /v1/returns/{token}`: orders the collection.
    #[cfg(feature = "returns")]
    pub async fn order_return(
        &self,
        token: &str,
        choice: &api::aftersale::ReturnChoice,
    ) -> Result<api::aftersale::ReturnConfirmation, FetchError> {
        let path = format!("{}/{}", api::aftersale::RETURNS_PATH, encode(token));
        self.post_at(api::aftersale::RETURNS_PATH, &path, choice).await
    }

    async fn post<B: ToJs, T: FromJs>(&self, path: &'static str, body: &B) -> Result<T, FetchError> {
        self.post_at(path, path, body).await
    }

    /// `POST {base}{path}`, reported as `route` (a path without the token in it).
    async fn post_at<B: ToJs, T: FromJs>(&self, route: &'static str, path: &str, body: &B) -> Result<T, FetchError> {
        let body = js_sys::JSON::stringify(&body.to_js()).map(String::from).map_err(|_| FetchError::Body);
        let answer = match body {
            Ok(body) => self.answer("POST", format!("{}{path}", self.base), Some(body)).await,
            Err(error) => Err(error),
        };
        self.reported(route, answer.and_then(|value| T::from_js(&value).ok_or(FetchError::Body)))
    }

    /// `GET {base}{path}?{query}`.
    async fn get<T: FromJs>(&self, path: &'static str, query: &str) -> Result<T, FetchError> {
        self.get_at(path, path, query).await
    }

    /// `GET {base}{path}?{query}`, reported as `route` (a path without the token in it).
    async fn get_at<T: FromJs>(&self, route: &'static str, path: &str, query: &str) -> Result<T, FetchError> {
        let answer = self.answer("GET", format!("{}{path}?{query}", self.base), None).await;
        self.reported(route, answer.and_then(|value| T::from_js(&value).ok_or(FetchError::Body)))
    }

    /// The parsed body of a successful answer, or the problem of a failed one. One future for every request
    /// (boxed, so not compiled again inside each typed request's): only reading the body is per type.
    fn answer(
        &self,
        method: &'static str,
        url: String,
        body: Option<String>,
    ) -> Pin<Box<dyn Future<Output = Result<JsValue, FetchError>> + '_>> {
        Box::pin(async move { read(self.send(method, &url, body.as_deref()).await?).await })
    }
}

/// A number as JavaScript writes it ("9.3765"): the browser formats, the wasm carries no float printing.
fn number(value: f64) -> String {
    js_sys::Number::from(value).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// Reads a proxy answer: the parsed body on success, the problem otherwise.
async fn read(response: web_sys::Response) -> Result<JsValue, FetchError> {
    let ok = response.ok();
    let body = json(&response).await;
    if ok {
        body
    } else {
        match body.ok().and_then(|v| Problem::from_js(&v)) {
            Some(problem) => Err(FetchError::Problem(Box::new(problem))),
            None => Err(FetchError::Body),
        }
    }
}

async fn json(response: &web_sys::Response) -> Result<JsValue, FetchError> {
    let promise = response.json().map_err(|_| FetchError::Body)?;
    JsFuture::from(promise).await.map_err(|_| FetchError::Body)
}
