//! The client of the Swiss Post API. The same code talks to Swiss Post and to the sandbox; only the
//! configured URLs differ.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use swisspost::{
    DeliverabilitiesResponse, HousesResponse, StreetsResponse, ValidationRequest, ValidationResponse, ZipType,
    ZipsResponse, path, scope,
};

use crate::config::{Credentials, Upstream};
use crate::error::UpstreamError;
use crate::metrics::Metrics;
use crate::token::TokenManager;
use prometheus_client::metrics::gauge::Gauge;

/// Pause before the one retry of an idempotent call.
const RETRY_PAUSE: Duration = Duration::from_millis(50);

/// A circuit breaker: after `threshold` transient failures in a row the upstream is not called for
/// `cooldown`, and callers get [`UpstreamError::CircuitOpen`] at once (the widget offers manual entry);
/// then one trial call decides whether it closes again.
pub struct Breaker {
    threshold: u32,
    cooldown: Duration,
    state: Mutex<BreakerState>,
    /// 1 while open, for `/metrics`.
    open_gauge: Gauge,
}

#[derive(Default)]
struct BreakerState {
    failures: u32,
    open_until: Option<Instant>,
    trial_running: bool,
}

impl Breaker {
    pub fn new(threshold: u32, cooldown: Duration, open_gauge: Gauge) -> Self {
        Self { threshold: threshold.max(1), cooldown, state: Mutex::new(BreakerState::default()), open_gauge }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BreakerState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether a call may go out now.
    pub fn allow(&self) -> Result<(), UpstreamError> {
        let mut state = self.lock();
        match state.open_until {
            None => Ok(()),
            Some(until) if Instant::now() < until => Err(UpstreamError::CircuitOpen),
            // Half open: one trial call at a time.
            Some(_) if state.trial_running => Err(UpstreamError::CircuitOpen),
            Some(_) => {
                state.trial_running = true;
                Ok(())
            }
        }
    }

    /// Records how a call that [`Breaker::allow`] let through ended.
    pub fn record(&self, error: Option<&UpstreamError>) {
        let mut state = self.lock();
        let half_open = state.trial_running;
        state.trial_running = false;
        match error {
            Some(error) if error.is_transient() => {
                state.failures += 1;
                if half_open || state.failures >= self.threshold {
                    if state.open_until.is_none() || half_open {
                        tracing::warn!(
                            failures = state.failures,
                            cooldown_ms = self.cooldown.as_millis() as u64,
                            "circuit breaker open"
                        );
                    }
                    state.open_until = Some(Instant::now() + self.cooldown);
                    self.open_gauge.set(1);
                }
            }
            _ => {
                if state.open_until.take().is_some() {
                    tracing::info!("circuit breaker closed");
                    self.open_gauge.set(0);
                }
                state.failures = 0;
            }
        }
    }

    /// True while calls are refused.
    pub fn is_open(&self) -> bool {
        self.lock().open_until.is_some_and(|until| Instant::now() < until)
    }
}

/// The API gateway's key header, for accounts of the newer developer portal (POST-API.md §2.4).
pub const SUBSCRIPTION_KEY_HEADER: &str = "Ocp-Apim-Subscription-Key";

/// Calls the DCAPI with a cached bearer token.
pub struct PostClient {
    metrics: Metrics,
    breaker: Breaker,
    http: reqwest::Client,
    dcapi_base: String,
    /// The public location service (places.post.ch): called without the bearer token, which is not its
    /// business.
    location_base: String,
    tokens: TokenManager,
    /// Tokens for the barcode module, tracking and pick@home, each asked for separately: an account without
    /// one of them still gets the others.
    label_tokens: TokenManager,
    tracking_tokens: TokenManager,
    collection_tokens: TokenManager,
    tracking_base: String,
    subscription_key: Option<crate::config::Secret>,
}

impl PostClient {
    /// `credentials`: one set, or two while a rotation is under way (the first is tried first).
    pub fn new(upstream: &Upstream, credentials: Vec<Credentials>, metrics: &Metrics) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(upstream.timeout())
            .connect_timeout(upstream.timeout())
            .user_agent(concat!("swiss-checkout-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let tokens = TokenManager::new(
            http.clone(),
            upstream.token_url.clone(),
            credentials.clone(),
            scope::PROXY_SCOPES.into(),
            metrics.token_requests.clone(),
        );
        let tokens_for = |scope: &str| {
            TokenManager::new(
                http.clone(),
                upstream.token_url.clone(),
                credentials.clone(),
                scope.into(),
                metrics.token_requests.clone(),
            )
        };
        let label_tokens = tokens_for(scope::BARCODE_READ);
        let tracking_tokens = tokens_for(scope::TRACKING);
        let collection_tokens = tokens_for(scope::COLLECTION_ORDER);
        Ok(Self {
            metrics: metrics.clone(),
            breaker: Breaker::new(upstream.breaker_failures, upstream.breaker_cooldown(), metrics.breaker_open.clone()),
            http,
            dcapi_base: upstream.dcapi_base.trim_end_matches('/').to_owned(),
            location_base: upstream.location_base.trim_end_matches('/').to_owned(),
            tokens,
            label_tokens,
            tracking_tokens,
            collection_tokens,
            tracking_base: upstream.tracking_base.trim_end_matches('/').to_owned(),
            subscription_key: upstream.subscription_key.clone(),
        })
    }

    pub fn tokens(&self) -> &TokenManager {
        &self.tokens
    }

    pub fn breaker(&self) -> &Breaker {
        &self.breaker
    }

    /// `GET /address/v1/zips`: localities whose postcode or name starts with `query`. Empty when the
    /// upstream knows none (its 404).
    pub async fn zips(&self, query: &str, kind: ZipType) -> Result<ZipsResponse, UpstreamError> {
        let params = BTreeMap::from([("zipCity", query), ("type", kind.as_str())]);
        Ok(self.get_json(path::ZIPS, &params).await?.unwrap_or_default())
    }

    /// `GET /address/v1/streets`: street names of `zip` with a word starting with `name`.
    pub async fn streets(&self, zip: &str, name: &str) -> Result<StreetsResponse, UpstreamError> {
        let params = BTreeMap::from([("name", name), ("zip", zip)]);
        Ok(self.get_json(path::STREETS, &params).await?.unwrap_or_default())
    }

    /// `GET /address/v1/houses`: house numbers of a street starting with `number` (may be empty).
    pub async fn houses(&self, zip: &str, street: &str, number: &str) -> Result<HousesResponse, UpstreamError> {
        let mut params = BTreeMap::from([("zip", zip), ("streetname", street)]);
        if !number.is_empty() {
            params.insert("number", number);
        }
        Ok(self.get_json(path::HOUSES, &params).await?.unwrap_or_default())
    }

    /// `POST /address/v1/addresses/validation`.
    pub async fn validate(&self, request: &ValidationRequest) -> Result<ValidationResponse, UpstreamError> {
        let url = format!("{}{}", self.dcapi_base, path::VALIDATION);
        self.send_json(false, |token| self.http.post(&url).json(request).bearer_auth(token))
            .await?
            .ok_or(UpstreamError::Status(404))
    }

    /// `GET /api/delivery/v1/deliverabilities/when` for an address; `None` when the upstream cannot place it.
    pub async fn deliverabilities(
        &self,
        address: &api::AddressInput,
        day_count: u8,
    ) -> Result<Option<DeliverabilitiesResponse>, UpstreamError> {
        let day_count = day_count.to_string();
        let mut params = BTreeMap::from([
            ("address.geographicLocation.zip.zip", address.postcode.as_str()),
            ("address.geographicLocation.zip.city", address.town.as_str()),
            ("dayCount", day_count.as_str()),
        ]);
        if !address.street.is_empty() {
            params.insert("address.geographicLocation.house.street", &address.street);
        }
        if !address.house_number.is_empty() {
            params.insert("address.geographicLocation.house.houseNumber", &address.house_number);
        }
        self.get_json(path::DELIVERABILITIES_WHEN, &params).await
    }

    /// `POST /pickpost/v1/users`: the shopper's PickPost / My Post 24 user id. Not retried: it may create one.
    pub async fn pickpost_user(
        &self,
        request: &swisspost::location::UserRequest,
    ) -> Result<Option<swisspost::location::UserResponse>, UpstreamError> {
        let url = format!("{}{}", self.dcapi_base, path::PICKPOST_USERS);
        self.send_json(false, |token| self.http.post(&url).bearer_auth(token).json(request)).await
    }

    /// `POST /barcode/v1/generateAddressLabel`: one label. Never retried: a second call makes a second label.
    pub async fn generate_label(
        &self,
        request: &swisspost::barcode::GenerateLabel,
    ) -> Result<swisspost::barcode::GenerateLabelResponse, UpstreamError> {
        let url = format!("{}{}", self.dcapi_base, swisspost::barcode::GENERATE_ADDRESS_LABEL);
        self.breaker.allow()?;
        let result = self
            .attempts(&self.label_tokens, false, |token| self.http.post(&url).bearer_auth(token).json(request))
            .await;
        self.breaker.record(result.as_ref().err());
        result?.ok_or(UpstreamError::Status(404))
    }

    /// Tracking: the detail and the events of the mail piece `key` (the identcode), texts in `lang`; `None`
    /// when Swiss Post does not know it.
    pub async fn mailpiece(
        &self,
        key: &str,
        lang: &str,
    ) -> Result<Option<(swisspost::tracking::MailpieceDetail, swisspost::tracking::MailpieceEvents)>, UpstreamError>
    {
        let base = format!("{}{}/mailpieces/{key}", self.tracking_base, swisspost::tracking::BASE_PATH);
        let get = |url: String| {
            let lang = lang.to_owned();
            move |token: &str| self.http.get(&url).bearer_auth(token).header(reqwest::header::ACCEPT_LANGUAGE, &lang)
        };
        self.breaker.allow()?;
        let detail = self.attempts(&self.tracking_tokens, true, get(format!("{base}/detail"))).await;
        let events = match &detail {
            Ok(Some(_)) => self.attempts(&self.tracking_tokens, true, get(format!("{base}/events/"))).await,
            _ => Ok(None),
        };
        let result = detail.and_then(|d| Ok(d.zip(events?)));
        self.breaker.record(result.as_ref().err());
        result
    }

    /// pick@home: when a parcel can be collected at `house_key`; `None` for a house Swiss Post does not know.
    pub async fn collection_instructions(
        &self,
        house_key: &str,
    ) -> Result<Option<swisspost::collection::CollectionInstructions>, UpstreamError> {
        let url = format!(
            "{}{}/houses/{house_key}/collection/instructions",
            self.dcapi_base,
            swisspost::collection::BASE_PATH
        );
        self.breaker.allow()?;
        let result = self.attempts(&self.collection_tokens, true, |token| self.http.get(&url).bearer_auth(token)).await;
        self.breaker.record(result.as_ref().err());
        result
    }

    /// pick@home: `POST /orders`, or `POST /orders/{key}/approval` with `approve`. Never retried.
    pub async fn collection_order(
        &self,
        order: Option<&swisspost::collection::CollectionOrderRequest>,
        approve: Option<&str>,
    ) -> Result<swisspost::collection::CollectionOrderResponse, UpstreamError> {
        let base = format!("{}{}/orders", self.dcapi_base, swisspost::collection::BASE_PATH);
        let url = match approve {
            Some(key) => format!("{base}/{key}/approval"),
            None => base,
        };
        let body = match order {
            Some(order) => serde_json::to_value(order).map_err(|_| UpstreamError::Body)?,
            None => serde_json::json!({}),
        };
        self.breaker.allow()?;
        let result = self
            .attempts(&self.collection_tokens, false, |token| self.http.post(&url).bearer_auth(token).json(&body))
            .await;
        self.breaker.record(result.as_ref().err());
        result?.ok_or(UpstreamError::Status(404))
    }

    /// GET on the location service: its JSON (`Types`, `Find`, `Geocode`). `None` on 404.
    pub async fn location_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
    ) -> Result<Option<T>, UpstreamError> {
        match self.location_get(path, params).await? {
            None => Ok(None),
            Some(body) => serde_json::from_slice(&body).map(Some).map_err(|_| UpstreamError::Body),
        }
    }

    /// GET on the location service, the body as text (`Poi` answers XML). `None` on 404.
    pub async fn location_text(&self, path: &str, params: &[(&str, &str)]) -> Result<Option<String>, UpstreamError> {
        match self.location_get(path, params).await? {
            None => Ok(None),
            Some(body) => String::from_utf8(body.to_vec()).map(Some).map_err(|_| UpstreamError::Body),
        }
    }

    /// Breaker, one retry after a transient failure, metrics; no token.
    async fn location_get(&self, path: &str, params: &[(&str, &str)]) -> Result<Option<bytes::Bytes>, UpstreamError> {
        self.breaker.allow()?;
        let url = format!("{}{path}", self.location_base);
        let mut retried = false;
        let result = loop {
            let sent = self.http.get(&url).query(params).send().await;
            let outcome = match sent {
                Err(error) => Err(UpstreamError::from_transport(error)),
                Ok(response) => match response.status().as_u16() {
                    200 => response.bytes().await.map(Some).map_err(|_| UpstreamError::Body),
                    404 => Ok(None),
                    status => Err(UpstreamError::Status(status)),
                },
            };
            self.metrics.upstream(match &outcome {
                Ok(_) => "ok",
                Err(UpstreamError::Timeout) => "timeout",
                Err(UpstreamError::Unreachable) => "unreachable",
                Err(_) => "server_error",
            });
            match outcome {
                Err(error) if error.is_transient() && !retried => {
                    retried = true;
                    tokio::time::sleep(RETRY_PAUSE).await;
                }
                other => break other,
            }
        };
        self.breaker.record(result.as_ref().err());
        result
    }

    /// GET with the bearer token; `None` on 404 ("no results" upstream). On 401 the token is dropped
    /// and the call made once more with a new one.
    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &BTreeMap<&str, &str>,
    ) -> Result<Option<T>, UpstreamError> {
        let url = format!("{}{path}", self.dcapi_base);
        self.send_json(true, |token| self.http.get(&url).query(params).bearer_auth(token)).await
    }

    /// Sends the request that `build` makes for a token and reads its JSON answer; `None` on 404.
    /// Refused at once while the circuit breaker is open; an idempotent call is retried once after a
    /// transient failure (timeout, no connection, 5xx).
    async fn send_json<T: DeserializeOwned>(
        &self,
        idempotent: bool,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Option<T>, UpstreamError> {
        self.breaker.allow()?;
        let result = self.attempts(&self.tokens, idempotent, build).await;
        self.breaker.record(result.as_ref().err());
        result
    }

    async fn attempts<T: DeserializeOwned>(
        &self,
        tokens: &TokenManager,
        idempotent: bool,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Option<T>, UpstreamError> {
        let mut token_renewed = false;
        let mut retried = !idempotent;
        loop {
            let token = tokens.token().await?;
            let mut request = build(&token);
            if let Some(key) = &self.subscription_key {
                request = request.header(SUBSCRIPTION_KEY_HEADER, key.expose());
            }
            let sent = request.send().await;
            self.metrics.upstream(match &sent {
                Err(error) if error.is_timeout() => "timeout",
                Err(_) => "unreachable",
                Ok(r) if r.status().is_success() => "ok",
                Ok(r) if r.status().as_u16() == 404 => "not_found",
                Ok(r) if r.status().is_client_error() => "client_error",
                Ok(_) => "server_error",
            });
            let outcome = match sent {
                Err(error) => Err(UpstreamError::from_transport(error)),
                Ok(response) => match response.status().as_u16() {
                    200 => return response.json().await.map(Some).map_err(|_| UpstreamError::Body),
                    404 => return Ok(None),
                    401 if !token_renewed => {
                        tracing::info!(url = %response.url().path(), "upstream refused the token; fetching a new one");
                        tokens.reject(&token).await;
                        token_renewed = true;
                        continue;
                    }
                    401 | 403 => Err(UpstreamError::Credentials),
                    status => Err(UpstreamError::Status(status)),
                },
            };
            match outcome {
                Err(error) if error.is_transient() && !retried => {
                    tracing::info!(%error, "transient upstream failure; retrying once");
                    retried = true;
                    tokio::time::sleep(RETRY_PAUSE).await;
                }
                other => return other,
            }
        }
    }
}
