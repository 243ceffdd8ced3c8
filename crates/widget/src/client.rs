//! The widget's only side effect: HTTP calls to the swiss-checkout proxy.
//!
//! Bodies are parsed by the browser (`Response.json()`) and converted with serde-wasm-bindgen, so the
//! wasm carries no JSON parser of its own.

use api::{LOCALITIES_PATH, LocalitiesResponse, Problem};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Why a lookup gave no answer. Either way the shopper goes on by typing.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The proxy could not be reached.
    Network,
    /// The proxy answered with a problem (RFC 9457).
    Problem(Problem),
    /// The proxy answered something the widget cannot read.
    Body,
}

/// Where the proxy is: "" for the page's own origin, or "https://checkout.shop.example".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxyClient {
    base: String,
}

impl ProxyClient {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').to_owned() }
    }

    /// `GET /v1/localities?q=…`.
    pub async fn localities(&self, q: &str) -> Result<LocalitiesResponse, FetchError> {
        let url = format!("{}{LOCALITIES_PATH}?q={}", self.base, js_sys::encode_uri_component(q));
        self.get(&url).await
    }

    async fn get<T: DeserializeOwned>(&self, url: &str) -> Result<T, FetchError> {
        let response = gloo_net::http::Request::get(url).send().await.map_err(|_| FetchError::Network)?;
        let ok = response.ok();
        let body = json(&web_sys::Response::from(response)).await;
        if ok {
            body.and_then(|v| serde_wasm_bindgen::from_value(v).map_err(|_| FetchError::Body))
        } else {
            match body.ok().and_then(|v| serde_wasm_bindgen::from_value::<Problem>(v).ok()) {
                Some(problem) => Err(FetchError::Problem(problem)),
                None => Err(FetchError::Body),
            }
        }
    }
}

async fn json(response: &web_sys::Response) -> Result<JsValue, FetchError> {
    let promise = response.json().map_err(|_| FetchError::Body)?;
    JsFuture::from(promise).await.map_err(|_| FetchError::Body)
}
