//! A local stand-in of the Swiss Post Digital Commerce API, on real Swiss data.
//!
//! It speaks the wire contract of `docs/upstream/POST-API.md` (token endpoint, address module, …) and of the
//! Login Post Connector ([`connector`]: a shopper's sign-in and consent, with test shoppers), so that the
//! proxy's real upstream client runs unchanged against it in every test and in the demo. Faults are
//! switchable at run time ([`Knobs`]) and every route's calls are counted.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await?;
//! println!("Swiss Post sandbox on {}", sandbox.base_url());
//! # Ok(()) }
//! ```

pub mod address;
pub mod auth;
pub mod barcode;
pub mod collection;
pub mod connector;
pub mod data;
pub mod delivery;
pub mod grants;
pub mod holidays;
pub mod home;
mod html;
pub mod knobs;
mod lang;
pub mod location;
pub mod tracking;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

pub use auth::{Client, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET};
pub use knobs::{KnobSettings, Knobs};

use address::api_error;
use data::AddressData;

/// Route keys as the call counters name them.
pub mod route {
    pub const TOKEN: &str = "POST /OAuth/token";
    pub const ZIPS: &str = "GET /address/v1/zips";
    pub const STREETS: &str = "GET /address/v1/streets";
    pub const HOUSES: &str = "GET /address/v1/houses";
    pub const VALIDATION: &str = "POST /address/v1/addresses/validation";
    pub const DELIVERABILITIES_GET: &str = "GET /api/delivery/v1/deliverabilities/when";
    pub const DELIVERABILITIES_POST: &str = "POST /api/delivery/v1/deliverabilities/when";
    pub const HOLIDAYS: &str = "GET /api/delivery/v1/options/holidays";
    pub const PICKPOST_USERS: &str = "POST /pickpost/v1/users";
    pub const GENERATE_ADDRESS_LABEL: &str = "POST /barcode/v1/generateAddressLabel";
    pub const LOCATION_TYPES: &str = "GET /StandortSuche/StaoCacheServiceV2/api/v1/Types";
    pub const LOCATION_FIND: &str = "GET /StandortSuche/StaoCacheServiceV2/api/v1/Find";
    pub const LOCATION_GEOCODE: &str = "GET /StandortSuche/StaoCacheServiceV2/api/v1/Geocode";
    pub const LOCATION_POI: &str = "GET /StandortSuche/StaoCacheServiceV2/api/v1/Poi";
    pub const AUTHORIZATION: &str = "GET /OAuth/authorization";
    pub const AUTHORIZATION_SIGN_IN: &str = "POST /OAuth/authorization/sign-in";
    pub const AUTHORIZATION_CONSENT: &str = "POST /OAuth/authorization/consent";
    pub const USERINFO: &str = "GET /OAuth/userinfo";
    pub const USER_ADDRESSES: &str = "GET /address/v1/users/current/addresses";
    pub const USER_ADDRESS_MAIN: &str = "GET /address/v1/users/current/addresses/main";
    pub const USER_ADDRESS: &str = "GET /address/v1/users/current/addresses/{id}";
}

/// Where the location service lives below the sandbox's base URL, as below places.post.ch.
pub const LOCATION_PREFIX: &str = "/StandortSuche/StaoCacheServiceV2/api/v1";

/// How a sandbox starts.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Clients that may obtain tokens.
    pub clients: Vec<Client>,
    /// Initial fault-injection settings.
    pub knobs: KnobSettings,
    /// When set, every API route (not the token endpoint) wants it in `Ocp-Apim-Subscription-Key`, as the
    /// newer developer portal's gateway does (POST-API.md §2.4, unverified); a missing or wrong key is 401.
    pub subscription_key: Option<String>,
    /// Where the data files come from (built in by default).
    pub data: data::DataFiles,
    /// The Login Post Connector's registered redirect URIs of the built-in client [`SANDBOX_CLIENT_ID`],
    /// compared exactly; more, for any client, with [`SandboxState::register_redirect_uri`]. Empty by default.
    pub connector_redirect_uris: Vec<String>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            clients: vec![Client::sandbox_default()],
            knobs: KnobSettings::default(),
            subscription_key: None,
            data: data::DataFiles::default(),
            connector_redirect_uris: Vec::new(),
        }
    }
}

/// What every handler shares.
pub struct SandboxState {
    pub subscription_key: Option<String>,
    pub data: AddressData,
    pub location: location::Location,
    pub clients: Vec<Client>,
    pub tokens: auth::TokenStore,
    pub knobs: Knobs,
    /// The labels' item numbers so far, and the parcels tracking follows.
    pub labels: barcode::Issued,
    /// pick@home orders.
    pub collection_orders: collection::Orders,
    /// The Login Post Connector's redirect URIs, sign-ins, codes and user tokens.
    pub connector: connector::Connector,
}

pub type SharedState = Arc<SandboxState>;

impl SandboxState {
    /// Loads the data once; a data file that cannot be read is an error.
    pub fn new(config: SandboxConfig) -> std::io::Result<SharedState> {
        let knobs = Knobs::default();
        knobs.apply(&config.knobs);
        let connector = connector::Connector::default();
        for uri in &config.connector_redirect_uris {
            connector.register_redirect_uri(SANDBOX_CLIENT_ID, uri);
        }
        Ok(Arc::new(Self {
            subscription_key: config.subscription_key,
            data: AddressData::load(&config.data)?,
            location: location::Location::load(&config.data)?,
            clients: config.clients,
            tokens: auth::TokenStore::default(),
            knobs,
            labels: barcode::Issued::default(),
            collection_orders: collection::Orders::default(),
            connector,
        }))
    }

    /// Lets `client_id` send shoppers back to `uri` after the Login Post Connector's sign-in (compared
    /// exactly, as RFC 6749 §3.1.2 wants). A program embedding the sandbox calls it once it knows its own
    /// callback URL; the standalone sandbox's `--redirect-uri` does the same.
    pub fn register_redirect_uri(&self, client_id: &str, uri: &str) {
        self.connector.register_redirect_uri(client_id, uri);
    }
}

/// The sandbox's routes: the Swiss Post contract, plus `/__sandbox/*` for tests.
pub fn router(state: SharedState) -> Router {
    let upstream = Router::new()
        .route("/OAuth/token", post(grants::token))
        .route("/address/v1/zips", get(address::zips))
        .route("/address/v1/streets", get(address::streets))
        .route("/address/v1/houses", get(address::houses))
        .route("/address/v1/addresses/validation", post(address::validation))
        .route("/api/delivery/v1/deliverabilities/when", get(delivery::when_get).post(delivery::when_post))
        .route("/api/delivery/v1/options/holidays", get(delivery::holidays_get))
        .route("/pickpost/v1/users", post(location::users))
        .route(swisspost::barcode::GENERATE_ADDRESS_LABEL, post(barcode::generate_address_label))
        .route(
            &format!("{}/houses/{{key}}/collection/instructions", swisspost::collection::BASE_PATH),
            get(collection::instructions),
        )
        .route(&format!("{}/orders", swisspost::collection::BASE_PATH), post(collection::create))
        .route(&format!("{}/orders/{{key}}/approval", swisspost::collection::BASE_PATH), post(collection::approve))
        .route(&format!("{}/mailpieces", swisspost::tracking::BASE_PATH), post(tracking::mailpieces))
        .route(&format!("{}/mailpieces/{{key}}/detail", swisspost::tracking::BASE_PATH), get(tracking::detail))
        .route(&format!("{}/mailpieces/{{key}}/events/", swisspost::tracking::BASE_PATH), get(tracking::events_route))
        .route(&format!("{}/mailpieces/{{key}}/events", swisspost::tracking::BASE_PATH), get(tracking::events_route))
        .route(&format!("{LOCATION_PREFIX}/Types"), get(location::types))
        .route(&format!("{LOCATION_PREFIX}/Find"), get(location::find))
        .route(&format!("{LOCATION_PREFIX}/Geocode"), get(location::geocode))
        .route(&format!("{LOCATION_PREFIX}/Poi"), get(location::poi))
        .route(swisspost::connector::path::AUTHORIZATION, get(connector::authorization))
        .route(connector::pages::SIGN_IN_PATH, post(connector::sign_in))
        .route(connector::pages::CONSENT_PATH, post(connector::consent))
        .route(swisspost::connector::path::USERINFO, get(connector::userinfo))
        .route(swisspost::connector::path::ADDRESSES, get(connector::addresses))
        .route(&format!("{}/main", swisspost::connector::path::ADDRESSES), get(connector::main_address))
        .route(&format!("{}/{{id}}", swisspost::connector::path::ADDRESSES), get(connector::address))
        .route_layer(middleware::from_fn_with_state(state.clone(), faults_and_counts));
    let control = Router::new()
        .route("/", get(home::page))
        .route("/__sandbox/knobs", get(get_knobs).post(set_knobs))
        .route("/__sandbox/calls", get(get_calls).delete(reset_calls))
        .route("/__sandbox/expire-tokens", post(expire_tokens));
    upstream.merge(control).with_state(state)
}

/// Counts the call, then applies latency, outage and injected errors, in that order.
async fn faults_and_counts(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    if let Some(path) = request.extensions().get::<MatchedPath>() {
        state.knobs.count(&format!("{} {}", request.method(), path.as_str()));
    }
    let latency = state.knobs.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if state.knobs.in_outage() {
        return api_error(StatusCode::SERVICE_UNAVAILABLE, "outage", "the sandbox is in a forced outage");
    }
    // The OAuth routes (token, the shopper's sign-in pages, userinfo) live on api.post.ch, not behind the API
    // gateway, and a browser sends no subscription key.
    let is_oauth_route = request.uri().path().starts_with("/OAuth/");
    if let Some(key) = state.subscription_key.as_deref().filter(|_| !is_oauth_route) {
        let given = request.headers().get("ocp-apim-subscription-key").and_then(|v| v.to_str().ok());
        if given != Some(key) {
            return api_error(
                StatusCode::UNAUTHORIZED,
                "invalid_subscription_key",
                "missing or wrong subscription key",
            );
        }
    }
    if !is_oauth_route && state.knobs.take_forced_failure() {
        return api_error(StatusCode::INTERNAL_SERVER_ERROR, "forced_error", "an error forced by the fail_next knob");
    }
    if state.knobs.inject_error() {
        return api_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "injected_error",
            "an error injected by the sandbox's error rate",
        );
    }
    next.run(request).await
}

async fn get_knobs(State(state): State<SharedState>) -> Json<KnobSettings> {
    Json(state.knobs.settings())
}

async fn set_knobs(State(state): State<SharedState>, Json(settings): Json<KnobSettings>) -> Json<KnobSettings> {
    state.knobs.apply(&settings);
    Json(state.knobs.settings())
}

async fn get_calls(State(state): State<SharedState>) -> impl IntoResponse {
    Json(state.knobs.calls())
}

async fn reset_calls(State(state): State<SharedState>) -> StatusCode {
    state.knobs.reset_calls();
    StatusCode::NO_CONTENT
}

async fn expire_tokens(State(state): State<SharedState>) -> StatusCode {
    state.tokens.expire_all();
    state.connector.expire_all();
    StatusCode::NO_CONTENT
}

/// A sandbox serving on a loopback port in this process.
pub struct RunningSandbox {
    addr: SocketAddr,
    state: SharedState,
    task: tokio::task::JoinHandle<()>,
}

impl RunningSandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// "http://127.0.0.1:PORT", the base of the token URL and of the API routes.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn knobs(&self) -> &Knobs {
        &self.state.knobs
    }

    pub fn state(&self) -> &SharedState {
        &self.state
    }

    /// [`SandboxState::register_redirect_uri`].
    pub fn register_redirect_uri(&self, client_id: &str, uri: &str) {
        self.state.register_redirect_uri(client_id, uri);
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a sandbox on a free loopback port.
pub async fn spawn(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    spawn_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
}

/// Starts a sandbox on `addr`.
pub async fn spawn_on(config: SandboxConfig, addr: SocketAddr) -> std::io::Result<RunningSandbox> {
    let state = SandboxState::new(config)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "sandbox server stopped");
        }
    });
    Ok(RunningSandbox { addr, state, task })
}
