//! The proxy's configuration: one typed struct, loaded once at start from an optional TOML file and the
//! environment (the environment wins).
//!
//! | environment variable | TOML key | default |
//! |---|---|---|
//! | `SWISS_CHECKOUT_CONFIG` | (path of the TOML file) | none |
//! | `SWISS_CHECKOUT_LISTEN` | `listen` | `127.0.0.1:8080` |
//! | `SWISS_CHECKOUT_OPERATOR_LISTEN` | `operator_listen` (`off`: none) | `127.0.0.1:9464`: `/metrics`, `/healthz`, `/readyz` |
//! | `PORT` | (port of `listen`) | |
//! | `SWISS_CHECKOUT_TOKEN_URL` | `upstream.token_url` | `https://api.post.ch/OAuth/token` |
//! | `SWISS_CHECKOUT_DCAPI_BASE` | `upstream.dcapi_base` | `https://dcapi.apis.post.ch` |
//! | `SWISS_CHECKOUT_LOCATION_BASE` | `upstream.location_base` | `https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1` |
//! | `SWISS_CHECKOUT_TRACKING_BASE` | `upstream.tracking_base` | `https://mysb.apis.post.ch` |
//! | `SWISS_CHECKOUT_LINK_SECRET` (or `…_FILE`) | `link_secret` (32+ characters) | none: a random one per start (links die with a restart) |
//! | `SWISS_CHECKOUT_UPSTREAM_TIMEOUT_MS` | `upstream.timeout_ms` | `5000` |
//! | `SWISS_CHECKOUT_CLIENT_ID` | `credentials.client_id` | none: sandbox mode |
//! | `SWISS_CHECKOUT_CLIENT_SECRET` | `credentials.client_secret` | none: sandbox mode |
//! | `SWISS_CHECKOUT_CLIENT_SECRET_FILE` | (a file holding the secret, instead of the variable) | none |
//! | `SWISS_CHECKOUT_SUBSCRIPTION_KEY` (or `…_FILE`) | `upstream.subscription_key` | none: header not sent |
//! | `SWISS_CHECKOUT_ALLOWED_ORIGINS` | `allowed_origins` (comma separated in the environment) | none |
//! | `SWISS_CHECKOUT_PUBLISHABLE_KEY` | `publishable_key` | none: not asked for |
//! | `SWISS_CHECKOUT_SERVER_KEY` (or `…_FILE`) | `server_key` | none: server-only routes answer 401 |
//! | `SWISS_CHECKOUT_WWW_DIR` | `www_dir` | `www/dist` |
//! | `SWISS_CHECKOUT_TILE_ORIGINS` | `tile_origins` (comma separated in the environment) | none |
//! | `SWISS_CHECKOUT_RATE_PER_SECOND` | `limits.rate_per_second` | `20` (per client address) |
//! | `SWISS_CHECKOUT_RATE_BURST` | `limits.rate_burst` | `200` |
//! | `SWISS_CHECKOUT_MAX_IN_FLIGHT` | `limits.max_in_flight` | `512` |
//! | `SWISS_CHECKOUT_REQUEST_TIMEOUT_MS` | `limits.request_timeout_ms` | `10000` |
//! | `SWISS_CHECKOUT_BREAKER_FAILURES` | `upstream.breaker_failures` | `5` |
//! | `SWISS_CHECKOUT_BREAKER_COOLDOWN_MS` | `upstream.breaker_cooldown_ms` | `10000` |
//! | `SWISS_CHECKOUT_TRUST_FORWARDED_FOR` | `limits.trust_forwarded_for` | `false` |
//! | `SWISS_CHECKOUT_DELIVERY_DAYS` | `delivery.days` | `7` |
//! | `SWISS_CHECKOUT_ORDER_CUTOFF` | `delivery.order_cutoff` | `14:00` |
//! | `SWISS_CHECKOUT_DELIVERY_PRICES` | `[delivery.prices]` (`evening = "9.00"`; `kind=price,…` in the environment) | all six kinds, see [`DeliveryConfig`] |
//! | `SWISS_CHECKOUT_SENDER` | `[labels.sender]` (`name`, `street`, `postcode`, `town`; `name, street, postcode town` in the environment) | none: labels answer 503 (sandbox mode: a sample sender) |
//! | `SWISS_CHECKOUT_FRANKING_LICENSE` | `labels.franking_license` | none: the account's licence |
//! | `SWISS_CHECKOUT_CONNECTOR_CLIENT_ID` | `connector.client_id` | none: "Use my Swiss Post addresses" off (sandbox mode: on, against the sandbox) |
//! | `SWISS_CHECKOUT_CONNECTOR_CLIENT_SECRET` (or `…_FILE`) | `connector.client_secret` | none |
//! | `SWISS_CHECKOUT_CONNECTOR_REDIRECT_URI` | `connector.redirect_uri` (this proxy's `/v1/connector/callback` as the shopper's browser reaches it, registered with Swiss Post) | none |
//! | `SWISS_CHECKOUT_CONNECTOR_AUTHORIZE_URL` | `connector.authorize_url` | `https://api.post.ch/OAuth/authorization` (INFERRED) |
//! | `SWISS_CHECKOUT_CONNECTOR_TOKEN_URL` | `connector.token_url` | `https://api.post.ch/OAuth/token` |
//! | `SWISS_CHECKOUT_CONNECTOR_USERINFO_URL` | `connector.userinfo_url` | `https://api.post.ch/OAuth/userinfo` (INFERRED) |
//! | `SWISS_CHECKOUT_CONNECTOR_ADDRESSES_URL` | `connector.addresses_url` | `https://dcapi.apis.post.ch/address/v1/users/current/addresses` (INFERRED) |
//! | `SWISS_CHECKOUT_CONNECTOR_SCOPE` | `connector.scope` | `WEDEC_READ_ADDRESS openid profile email address` (the older generation's, INFERRED for today's) |
//! | `SWISS_CHECKOUT_DATA_DIR` | `store.data_dir` | `swiss-checkout-data` (in the working folder): the embedded store, for one instance |
//! | `SWISS_CHECKOUT_REDIS_URL` (or `…_FILE`) | `store.redis_url` (`redis://…`, `rediss://…`; Valkey too) | none: the embedded store |
//! | `SWISS_CHECKOUT_REDIS_NAMESPACE` | `store.namespace` (the prefix of every key: one per deployment) | `swiss-checkout` |
//! | `SWISS_CHECKOUT_STORE` | `store.memory` (`memory`: state in memory, lost at exit; tests and benchmarks) | |
//! | `SWISS_CHECKOUT_INSTANCE_LEASE_SECS` | `store.instance_lease_secs` (with Redis: how soon a stopped instance's work in flight counts as lost) | `10` |
//!
//! With no credentials the demo (`swiss-checkout-demo`, Cargo feature `demo`) runs in sandbox mode: it starts
//! the Swiss Post sandbox in-process and points the upstream URLs at it. The production binary,
//! `swiss-checkout-proxy`, refuses to start without credentials.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use api::DeliveryKind;
use serde::Deserialize;

/// A value that must never be printed: `Debug` shows `[redacted]`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the one place that sends it upstream.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// OAuth2 client credentials for the Swiss Post API.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: Secret,
    /// The day the secret stops working ("2027-01-31"), if known: warned about ahead of time.
    #[serde(default)]
    pub expires: Option<String>,
}

impl Credentials {
    /// The day the set stops working, when configured.
    pub fn expiry(&self) -> Option<time::Date> {
        self.expires.as_deref().and_then(swisspost::clock::parse_iso_date)
    }
}

/// Where the upstream lives.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Upstream {
    pub token_url: String,
    pub dcapi_base: String,
    pub location_base: String,
    /// Shipment tracking for business customers (POST-API-AFTERSALE.md §1).
    pub tracking_base: String,
    pub timeout_ms: u64,
    /// Sent as `Ocp-Apim-Subscription-Key` on API calls when set (POST-API.md §2.4; off by default).
    pub subscription_key: Option<Secret>,
    /// Transient failures in a row that open the circuit breaker.
    pub breaker_failures: u32,
    /// How long the open breaker keeps calls away from the upstream.
    pub breaker_cooldown_ms: u64,
}

impl Default for Upstream {
    fn default() -> Self {
        Self {
            token_url: "https://api.post.ch/OAuth/token".into(),
            dcapi_base: "https://dcapi.apis.post.ch".into(),
            location_base: "https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1".into(),
            tracking_base: "https://mysb.apis.post.ch".into(),
            timeout_ms: 5_000,
            subscription_key: None,
            breaker_failures: 5,
            breaker_cooldown_ms: 10_000,
        }
    }
}

impl Upstream {
    /// Every URL on one base, as the sandbox serves them.
    pub fn on_base(base: &str) -> Self {
        let base = base.trim_end_matches('/');
        Self {
            token_url: format!("{base}/OAuth/token"),
            dcapi_base: base.to_owned(),
            location_base: format!("{base}/StandortSuche/StaoCacheServiceV2/api/v1"),
            tracking_base: base.to_owned(),
            ..Self::default()
        }
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    pub fn breaker_cooldown(&self) -> Duration {
        Duration::from_millis(self.breaker_cooldown_ms)
    }
}

/// A price in centimes, written "9.00" (or "9") in the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Price(pub u32);

impl std::str::FromStr for Price {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (francs, rappen) = text.split_once('.').unwrap_or((text, "0"));
        let well_formed = !francs.is_empty()
            && francs.len() <= 5
            && francs.bytes().all(|b| b.is_ascii_digit())
            && (1..=2).contains(&rappen.len())
            && rappen.bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(format!("{text:?} is not a price like 9.00"));
        }
        let rappen: u32 =
            if rappen.len() == 1 { rappen.parse::<u32>().unwrap_or(0) * 10 } else { rappen.parse().unwrap_or(0) };
        Ok(Price(francs.parse::<u32>().unwrap_or(0) * 100 + rappen))
    }
}

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// A time of day "HH:MM".
/// "https://a.example/, https://b.example" → the origins, without spaces or a trailing slash.
fn origin_list(text: &str) -> Vec<String> {
    text.split(',').map(|o| o.trim().trim_end_matches('/').to_owned()).filter(|o| !o.is_empty()).collect()
}

/// `https://tiles.example`, `http://127.0.0.1:8081`, `https://*.tile.example`: safe to write into a CSP header.
fn is_origin(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.strip_prefix("*.").unwrap_or(rest);
    !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

fn is_clock_time(text: &str) -> bool {
    let Some((h, m)) = text.split_once(':') else { return false };
    h.len() == 2 && m.len() == 2 && h.parse::<u8>().is_ok_and(|h| h < 24) && m.parse::<u8>().is_ok_and(|m| m < 60)
}

/// Which delivery options the shop offers, at what price, and how far ahead.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DeliveryConfig {
    /// How many delivery dates to show.
    pub days: u8,
    /// The shop's latest order time on the hand-in day ("14:00"): an option whose hand-in day is today
    /// is no longer offered after it.
    pub order_cutoff: String,
    /// Offered kinds with their price; a kind not listed is not offered.
    pub prices: BTreeMap<DeliveryKind, Price>,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            days: 7,
            order_cutoff: "14:00".into(),
            prices: BTreeMap::from([
                (DeliveryKind::Economy, Price(0)),
                (DeliveryKind::Standard, Price(400)),
                (DeliveryKind::TimeWindow, Price(800)),
                (DeliveryKind::Evening, Price(900)),
                (DeliveryKind::Saturday, Price(700)),
                (DeliveryKind::SameDay, Price(1500)),
            ]),
        }
    }
}

/// Who sends the shop's parcels, printed on every label (at most 25 characters a line, as Swiss Post prints).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Sender {
    pub name: String,
    /// Street and house number on one line ("Wankdorfallee 4"): Swiss Post's sender has no house-number field.
    pub street: String,
    pub postcode: String,
    pub town: String,
}

impl Sender {
    /// The sender of sandbox-mode labels: a sample, marked as such.
    pub fn sandbox() -> Self {
        Self {
            name: "Sandbox Shop (sample)".into(),
            street: "Kramgasse 49".into(),
            postcode: "3011".into(),
            town: "Bern".into(),
        }
    }

    /// "Velo Shop AG, Wankdorfallee 4, 3030 Bern".
    fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [name, street, place] = parts.as_slice() else {
            return Err("expected \"name, street and number, postcode town\"".into());
        };
        let (postcode, town) = place.split_once(' ').ok_or("expected \"postcode town\" last")?;
        Ok(Self { name: (*name).into(), street: (*street).into(), postcode: postcode.into(), town: town.trim().into() })
    }

    /// Every line fits a label (25 characters, printable) and the postcode has four digits.
    fn check(&self) -> Result<(), String> {
        for (field, value) in [("name", &self.name), ("street", &self.street), ("town", &self.town)] {
            if value.trim().is_empty() || value.chars().count() > 25 {
                return Err(format!("sender {field} must have 1 to 25 characters"));
            }
            if let Some(c) = label::unprintable(value) {
                return Err(format!("sender {field} has {c:?}, which a label cannot print"));
            }
        }
        if self.postcode.len() != 4 || !self.postcode.bytes().all(|b| b.is_ascii_digit()) {
            return Err("sender postcode must have four digits".into());
        }
        Ok(())
    }
}

/// Labels (`POST /server/v1/labels`) and returns: the sender and the franking licence Swiss Post gave the
/// shop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LabelsConfig {
    pub sender: Option<Sender>,
    /// 4 to 8 digits; none: Swiss Post uses the account's licence.
    pub franking_license: Option<String>,
}

impl LabelsConfig {
    /// The sender: the configured one, else in sandbox mode the sample.
    pub fn sender_or_sample(&self, sandbox_mode: bool) -> Option<Sender> {
        self.sender.clone().or_else(|| sandbox_mode.then(Sender::sandbox))
    }
}

/// "Use my Swiss Post addresses" (Login Post Connector): the shop's registration with Swiss Post as an OAuth
/// client, and where the service lives. The current generation's URLs and consent scope are not public: the
/// defaults are INFERRED (POST-API-AFTERSALE.md §3), and a shop sets what Swiss Post gives it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ConnectorConfig {
    pub client_id: String,
    pub client_secret: Secret,
    /// This proxy's callback (`…/v1/connector/callback`) exactly as registered with Swiss Post. Empty in
    /// sandbox mode until the proxy knows its own address.
    #[serde(default)]
    pub redirect_uri: String,
    #[serde(default = "ConnectorConfig::default_authorize_url")]
    pub authorize_url: String,
    #[serde(default = "ConnectorConfig::default_token_url")]
    pub token_url: String,
    #[serde(default = "ConnectorConfig::default_userinfo_url")]
    pub userinfo_url: String,
    #[serde(default = "ConnectorConfig::default_addresses_url")]
    pub addresses_url: String,
    #[serde(default = "ConnectorConfig::default_scope")]
    pub scope: String,
    /// How long a shopper's session (what was read from Swiss Post) lives, in seconds.
    #[serde(default = "ConnectorConfig::default_session_secs")]
    pub session_secs: u64,
}

impl ConnectorConfig {
    fn default_authorize_url() -> String {
        format!("https://api.post.ch{}", swisspost::connector::path::AUTHORIZATION)
    }
    fn default_token_url() -> String {
        format!("https://api.post.ch{}", swisspost::connector::path::TOKEN)
    }
    fn default_userinfo_url() -> String {
        format!("https://api.post.ch{}", swisspost::connector::path::USERINFO)
    }
    fn default_addresses_url() -> String {
        format!("https://dcapi.apis.post.ch{}", swisspost::connector::path::ADDRESSES)
    }
    fn default_scope() -> String {
        swisspost::connector::scope::ALL.into()
    }
    fn default_session_secs() -> u64 {
        api::connector::CONNECTOR_SESSION_SECS
    }

    /// A registration with the default URLs.
    pub fn new(client_id: impl Into<String>, client_secret: Secret, redirect_uri: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret,
            redirect_uri: redirect_uri.into(),
            authorize_url: Self::default_authorize_url(),
            token_url: Self::default_token_url(),
            userinfo_url: Self::default_userinfo_url(),
            addresses_url: Self::default_addresses_url(),
            scope: Self::default_scope(),
            session_secs: Self::default_session_secs(),
        }
    }

    /// The sandbox's built-in client, against the sandbox at `base` (the redirect URI is set once the proxy
    /// listens). Demo builds only: the production binary knows nothing of the sandbox.
    #[cfg(feature = "demo")]
    pub fn on_sandbox(base: &str) -> Self {
        use swisspost::connector::path;
        Self {
            authorize_url: format!("{base}{}", path::AUTHORIZATION),
            token_url: format!("{base}{}", path::TOKEN),
            userinfo_url: format!("{base}{}", path::USERINFO),
            addresses_url: format!("{base}{}", path::ADDRESSES),
            ..Self::new(sandbox::SANDBOX_CLIENT_ID, Secret::new(sandbox::SANDBOX_CLIENT_SECRET), "")
        }
    }
}

/// What one client may ask, and how much the proxy takes on at once.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Sustained requests per second per client address (token bucket); 0 turns the limit off.
    pub rate_per_second: u32,
    /// Requests a client may make at once before the rate applies.
    pub rate_burst: u32,
    /// Requests handled at the same time; more are answered 503 at once (load shedding).
    pub max_in_flight: usize,
    /// The longest a request may take before it is answered 503.
    pub request_timeout_ms: u64,
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// Key the rate limit by the first `X-Forwarded-For` address (only behind a proxy you run).
    pub trust_forwarded_for: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            rate_per_second: 20,
            rate_burst: 200,
            max_in_flight: 512,
            request_timeout_ms: 10_000,
            body_bytes: 16 * 1024,
            trust_forwarded_for: false,
        }
    }
}

/// How long answers are fresh, and how long they are kept to stand in while the upstream fails.
#[derive(Clone, Copy, Debug)]
pub struct Freshness {
    pub fresh: Duration,
    pub keep: Duration,
}

impl Default for Freshness {
    fn default() -> Self {
        Self { fresh: Duration::from_secs(3600), keep: Duration::from_secs(24 * 3600) }
    }
}

/// Where the proxy keeps its state (`store/`): Redis when a URL is set, else the embedded store in
/// `data_dir`. [`Config::default`] sets neither and keeps state in memory; [`Config::from_env`] defaults to
/// the data folder `swiss-checkout-data`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StoreSettings {
    pub data_dir: Option<PathBuf>,
    /// May carry Redis' password: never printed.
    pub redis_url: Option<Secret>,
    pub namespace: String,
    /// State in memory, lost at exit (tests, benchmarks).
    pub memory: bool,
    pub instance_lease_secs: u64,
}

impl Default for StoreSettings {
    fn default() -> Self {
        Self {
            data_dir: None,
            redis_url: None,
            namespace: "swiss-checkout".into(),
            memory: false,
            instance_lease_secs: 10,
        }
    }
}

impl StoreSettings {
    /// The engine these settings choose.
    pub fn engine(&self) -> crate::store::StoreConfig {
        use crate::store::StoreConfig;
        match (&self.redis_url, &self.data_dir) {
            _ if self.memory => StoreConfig::Memory,
            (Some(url), _) => StoreConfig::Redis { url: url.expose().to_owned(), namespace: self.namespace.clone() },
            (None, Some(dir)) => StoreConfig::Embedded { dir: dir.clone() },
            (None, None) => StoreConfig::Memory,
        }
    }

    pub fn instance_lease(&self) -> Duration {
        Duration::from_secs(self.instance_lease_secs)
    }
}

/// How long lookup answers are fresh, and how long they stand in while the upstream fails.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CacheConfig {
    pub fresh_secs: u64,
    pub keep_stale_secs: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self { fresh_secs: 3600, keep_stale_secs: 24 * 3600 }
    }
}

impl CacheConfig {
    pub fn freshness(&self) -> Freshness {
        Freshness { fresh: Duration::from_secs(self.fresh_secs), keep: Duration::from_secs(self.keep_stale_secs) }
    }
}

/// Everything the proxy is told at start.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Config {
    pub listen: SocketAddr,
    /// Where `/metrics` (it names client ids) and the health checks are served for the operator: an address
    /// the shop does not expose. None: not served (the health checks stay on `listen`).
    pub operator_listen: Option<SocketAddr>,
    pub upstream: Upstream,
    /// None: sandbox mode.
    pub credentials: Option<Credentials>,
    /// A second set, live at the same time, so a shop can rotate its secret without downtime.
    pub next_credentials: Option<Credentials>,
    /// Origins (scheme://host[:port]) of shop pages that may call the `/v1` routes from another origin.
    pub allowed_origins: Vec<String>,
    /// When set, browser routes want it in `x-swiss-checkout-key` (the `<swiss-checkout key>` attribute). It
    /// is public by design: it names the shop, the origin check and rate limit protect.
    pub publishable_key: Option<String>,
    /// The secret the shop's own server sends as `Authorization: Bearer …` to the server-only routes
    /// (`/server/v1/…`). None: those routes refuse every call.
    pub server_key: Option<Secret>,
    /// Signs the links a shop's server gives shoppers (tracking, returns). None: a random secret per start.
    pub link_secret: Option<Secret>,
    /// The built demo page; served at `/` when the folder exists.
    pub www_dir: PathBuf,
    /// Origins of map tiles the served pages may show (`img-src` of their Content Security Policy), e.g.
    /// `https://tile.openstreetmap.org`. None: the pages' maps draw Switzerland's outline only.
    pub tile_origins: Vec<String>,
    pub delivery: DeliveryConfig,
    pub labels: LabelsConfig,
    /// None: "Use my Swiss Post addresses" is off (in sandbox mode it runs against the sandbox).
    pub connector: Option<ConnectorConfig>,
    pub limits: Limits,
    pub cache: CacheConfig,
    pub store: StoreSettings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            operator_listen: Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
            upstream: Upstream::default(),
            credentials: None,
            next_credentials: None,
            allowed_origins: Vec::new(),
            publishable_key: None,
            server_key: None,
            link_secret: None,
            www_dir: PathBuf::from("www/dist"),
            tile_origins: Vec::new(),
            delivery: DeliveryConfig::default(),
            labels: LabelsConfig::default(),
            connector: None,
            limits: Limits::default(),
            cache: CacheConfig::default(),
            store: StoreSettings::default(),
        }
    }
}

/// Why the configuration could not be loaded. Names the variable or file, never a secret's value.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the configuration file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{name} is not valid: {why}")]
    Variable { name: &'static str, why: String },
    #[error("set both SWISS_CHECKOUT_CLIENT_ID and SWISS_CHECKOUT_CLIENT_SECRET, or neither (sandbox mode)")]
    HalfCredentials,
}

/// "standard=4.00,evening=9.00" → prices by kind.
fn parse_prices(text: &str) -> Result<BTreeMap<DeliveryKind, Price>, String> {
    text.split(',')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (kind, price) = pair.split_once('=').ok_or_else(|| format!("{pair:?} is not kind=price"))?;
            let kind = DeliveryKind::ALL
                .into_iter()
                .find(|k| api::delivery_kind_name(*k) == kind.trim())
                .ok_or_else(|| format!("{:?} is not a delivery kind", kind.trim()))?;
            Ok((kind, price.parse()?))
        })
        .collect()
}

impl Config {
    /// Loads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Loads the configuration from `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut config = match var("SWISS_CHECKOUT_CONFIG") {
            Some(path) => {
                let path = PathBuf::from(path);
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| ConfigError::Read { path: path.clone(), source })?;
                // The TOML error message quotes the offending line, which may hold a secret: keep only its position.
                toml::from_str(&text).map_err(|e| ConfigError::Parse {
                    path: path.clone(),
                    message: e.span().map_or("syntax error".into(), |s| format!("error at byte {}", s.start)),
                })?
            }
            None => Config::default(),
        };

        if let Some(listen) = var("SWISS_CHECKOUT_LISTEN") {
            config.listen = listen.parse().map_err(|_| ConfigError::Variable {
                name: "SWISS_CHECKOUT_LISTEN",
                why: "expected host:port".into(),
            })?;
        }
        if let Some(port) = var("PORT") {
            let port = port
                .parse()
                .map_err(|_| ConfigError::Variable { name: "PORT", why: "expected a port number".into() })?;
            config.listen.set_port(port);
        }
        match var("SWISS_CHECKOUT_OPERATOR_LISTEN").as_deref() {
            None => {}
            Some("off") => config.operator_listen = None,
            Some(listen) => {
                config.operator_listen = Some(listen.parse().map_err(|_| ConfigError::Variable {
                    name: "SWISS_CHECKOUT_OPERATOR_LISTEN",
                    why: "expected host:port, or off".into(),
                })?);
            }
        }
        if let Some(url) = var("SWISS_CHECKOUT_TOKEN_URL") {
            config.upstream.token_url = url;
        }
        if let Some(url) = var("SWISS_CHECKOUT_DCAPI_BASE") {
            config.upstream.dcapi_base = url;
        }
        if let Some(url) = var("SWISS_CHECKOUT_TRACKING_BASE") {
            config.upstream.tracking_base = url;
        }
        if let Some(url) = var("SWISS_CHECKOUT_LOCATION_BASE") {
            config.upstream.location_base = url;
        }
        if let Some(ms) = var("SWISS_CHECKOUT_UPSTREAM_TIMEOUT_MS") {
            config.upstream.timeout_ms = ms.parse().map_err(|_| ConfigError::Variable {
                name: "SWISS_CHECKOUT_UPSTREAM_TIMEOUT_MS",
                why: "expected milliseconds".into(),
            })?;
        }
        // A secret may come from a file (a mounted secret), never from the command line.
        let from_file = |name: &'static str| -> Result<Option<String>, ConfigError> {
            var(name)
                .map(|path| {
                    std::fs::read_to_string(&path)
                        .map(|text| text.trim().to_owned())
                        .map_err(|source| ConfigError::Read { path: PathBuf::from(path), source })
                })
                .transpose()
        };
        let secret = match var("SWISS_CHECKOUT_CLIENT_SECRET") {
            Some(secret) => Some(secret),
            None => from_file("SWISS_CHECKOUT_CLIENT_SECRET_FILE")?,
        };
        let subscription_key = match var("SWISS_CHECKOUT_SUBSCRIPTION_KEY") {
            Some(key) => Some(key),
            None => from_file("SWISS_CHECKOUT_SUBSCRIPTION_KEY_FILE")?,
        };
        if let Some(key) = subscription_key.filter(|k| !k.is_empty()) {
            config.upstream.subscription_key = Some(Secret::new(key));
        }
        let server_key = match var("SWISS_CHECKOUT_SERVER_KEY") {
            Some(key) => Some(key),
            None => from_file("SWISS_CHECKOUT_SERVER_KEY_FILE")?,
        };
        if let Some(key) = server_key.filter(|k| !k.is_empty()) {
            config.server_key = Some(Secret::new(key));
        }
        let link_secret = match var("SWISS_CHECKOUT_LINK_SECRET") {
            Some(secret) => Some(secret),
            None => from_file("SWISS_CHECKOUT_LINK_SECRET_FILE")?,
        };
        if let Some(secret) = link_secret.filter(|s| !s.is_empty()) {
            config.link_secret = Some(Secret::new(secret));
        }
        match (var("SWISS_CHECKOUT_CLIENT_ID"), secret.filter(|s| !s.is_empty())) {
            (Some(client_id), Some(secret)) => {
                let expires = var("SWISS_CHECKOUT_CLIENT_EXPIRES");
                config.credentials = Some(Credentials { client_id, client_secret: Secret::new(secret), expires })
            }
            (None, None) => {}
            _ => return Err(ConfigError::HalfCredentials),
        }
        let next_secret = match var("SWISS_CHECKOUT_NEXT_CLIENT_SECRET") {
            Some(secret) => Some(secret),
            None => from_file("SWISS_CHECKOUT_NEXT_CLIENT_SECRET_FILE")?,
        };
        match (var("SWISS_CHECKOUT_NEXT_CLIENT_ID"), next_secret.filter(|s| !s.is_empty())) {
            (Some(client_id), Some(secret)) => {
                let expires = var("SWISS_CHECKOUT_NEXT_CLIENT_EXPIRES");
                config.next_credentials = Some(Credentials { client_id, client_secret: Secret::new(secret), expires })
            }
            (None, None) => {}
            _ => return Err(ConfigError::HalfCredentials),
        }
        if let Some(origins) = var("SWISS_CHECKOUT_ALLOWED_ORIGINS") {
            config.allowed_origins = origin_list(&origins);
        }
        if let Some(key) = var("SWISS_CHECKOUT_PUBLISHABLE_KEY") {
            config.publishable_key = Some(key);
        }
        if let Some(dir) = var("SWISS_CHECKOUT_WWW_DIR") {
            config.www_dir = PathBuf::from(dir);
        }
        if let Some(origins) = var("SWISS_CHECKOUT_TILE_ORIGINS") {
            config.tile_origins = origin_list(&origins);
        }
        if let Some(days) = var("SWISS_CHECKOUT_DELIVERY_DAYS") {
            config.delivery.days = days.parse().map_err(|_| ConfigError::Variable {
                name: "SWISS_CHECKOUT_DELIVERY_DAYS",
                why: "expected a number of days".into(),
            })?;
        }
        if let Some(cutoff) = var("SWISS_CHECKOUT_ORDER_CUTOFF") {
            config.delivery.order_cutoff = cutoff;
        }
        if let Some(prices) = var("SWISS_CHECKOUT_DELIVERY_PRICES") {
            config.delivery.prices = parse_prices(&prices)
                .map_err(|why| ConfigError::Variable { name: "SWISS_CHECKOUT_DELIVERY_PRICES", why })?;
        }
        fn number<T: std::str::FromStr>(name: &'static str, text: String) -> Result<T, ConfigError> {
            text.parse().map_err(|_| ConfigError::Variable { name, why: "expected a number".into() })
        }
        if let Some(sender) = var("SWISS_CHECKOUT_SENDER") {
            config.labels.sender = Some(
                Sender::parse(&sender).map_err(|why| ConfigError::Variable { name: "SWISS_CHECKOUT_SENDER", why })?,
            );
        }
        if let Some(licence) = var("SWISS_CHECKOUT_FRANKING_LICENSE") {
            config.labels.franking_license = Some(licence);
        }
        let connector_secret = match var("SWISS_CHECKOUT_CONNECTOR_CLIENT_SECRET") {
            Some(secret) => Some(secret),
            None => from_file("SWISS_CHECKOUT_CONNECTOR_CLIENT_SECRET_FILE")?,
        };
        match (
            var("SWISS_CHECKOUT_CONNECTOR_CLIENT_ID"),
            connector_secret,
            var("SWISS_CHECKOUT_CONNECTOR_REDIRECT_URI"),
        ) {
            (Some(id), Some(secret), Some(redirect_uri)) => {
                config.connector = Some(ConnectorConfig::new(id, Secret::new(secret), redirect_uri));
            }
            (None, None, None) => {}
            _ => {
                return Err(ConfigError::Variable {
                    name: "SWISS_CHECKOUT_CONNECTOR_CLIENT_ID",
                    why: "the connector wants its client id, secret and redirect URI together".into(),
                });
            }
        }
        if let Some(connector) = config.connector.as_mut() {
            for (name, field) in [
                ("SWISS_CHECKOUT_CONNECTOR_AUTHORIZE_URL", &mut connector.authorize_url),
                ("SWISS_CHECKOUT_CONNECTOR_TOKEN_URL", &mut connector.token_url),
                ("SWISS_CHECKOUT_CONNECTOR_USERINFO_URL", &mut connector.userinfo_url),
                ("SWISS_CHECKOUT_CONNECTOR_ADDRESSES_URL", &mut connector.addresses_url),
                ("SWISS_CHECKOUT_CONNECTOR_SCOPE", &mut connector.scope),
            ] {
                if let Some(value) = var(name) {
                    *field = value;
                }
            }
        }
        if let Some(v) = var("SWISS_CHECKOUT_RATE_PER_SECOND") {
            config.limits.rate_per_second = number("SWISS_CHECKOUT_RATE_PER_SECOND", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_RATE_BURST") {
            config.limits.rate_burst = number("SWISS_CHECKOUT_RATE_BURST", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_MAX_IN_FLIGHT") {
            config.limits.max_in_flight = number("SWISS_CHECKOUT_MAX_IN_FLIGHT", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_REQUEST_TIMEOUT_MS") {
            config.limits.request_timeout_ms = number("SWISS_CHECKOUT_REQUEST_TIMEOUT_MS", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_BREAKER_FAILURES") {
            config.upstream.breaker_failures = number("SWISS_CHECKOUT_BREAKER_FAILURES", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_BREAKER_COOLDOWN_MS") {
            config.upstream.breaker_cooldown_ms = number("SWISS_CHECKOUT_BREAKER_COOLDOWN_MS", v)?;
        }
        if let Some(v) = var("SWISS_CHECKOUT_TRUST_FORWARDED_FOR") {
            config.limits.trust_forwarded_for = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(dir) = var("SWISS_CHECKOUT_DATA_DIR") {
            config.store.data_dir = Some(PathBuf::from(dir));
        }
        let redis_url = match var("SWISS_CHECKOUT_REDIS_URL") {
            Some(url) => Some(url),
            None => from_file("SWISS_CHECKOUT_REDIS_URL_FILE")?,
        };
        if let Some(url) = redis_url {
            config.store.redis_url = Some(Secret::new(url));
        }
        if let Some(namespace) = var("SWISS_CHECKOUT_REDIS_NAMESPACE") {
            config.store.namespace = namespace;
        }
        match var("SWISS_CHECKOUT_STORE").as_deref() {
            None => {}
            Some("memory") => config.store.memory = true,
            Some(_) => {
                return Err(ConfigError::Variable {
                    name: "SWISS_CHECKOUT_STORE",
                    why: "the one value is memory (set SWISS_CHECKOUT_REDIS_URL or SWISS_CHECKOUT_DATA_DIR instead)"
                        .into(),
                });
            }
        }
        if let Some(v) = var("SWISS_CHECKOUT_INSTANCE_LEASE_SECS") {
            config.store.instance_lease_secs = number("SWISS_CHECKOUT_INSTANCE_LEASE_SECS", v)?;
        }
        // No setup needed: one instance keeps its state in a folder beside where it runs.
        if config.store.data_dir.is_none() {
            config.store.data_dir = Some(PathBuf::from("swiss-checkout-data"));
        }
        config.validate()?;
        Ok(config)
    }

    /// Every rule, once, on the configuration as merged from the file and the environment (a rule checked
    /// on one source only would let the other through).
    pub fn validate(&self) -> Result<(), ConfigError> {
        let wrong = |name: &'static str, why: &str| Err(ConfigError::Variable { name, why: why.into() });
        if self.next_credentials.is_some() && self.credentials.is_none() {
            return Err(ConfigError::HalfCredentials);
        }
        for set in self.credentials.iter().chain(&self.next_credentials) {
            if set.expires.is_some() && set.expiry().is_none() {
                return wrong("credentials.expires", "expected a date like 2027-01-31");
            }
        }
        if self.server_key.as_ref().is_some_and(|key| key.expose().len() < 16) {
            return wrong("server_key", "must be at least 16 characters long");
        }
        if self.link_secret.as_ref().is_some_and(|secret| secret.expose().len() < 32) {
            return wrong("link_secret", "must be at least 32 characters long");
        }
        if let Some(bad) = self.tile_origins.iter().find(|origin| !is_origin(origin)) {
            return wrong("tile_origins", &format!("{bad:?} is not an origin like https://tile.openstreetmap.org"));
        }
        if let Some(connector) = &self.connector {
            let urls =
                [&connector.authorize_url, &connector.token_url, &connector.userinfo_url, &connector.addresses_url];
            if let Some(bad) = urls.iter().find(|url| !(url.starts_with("https://") || url.starts_with("http://"))) {
                return wrong("connector", &format!("{bad:?} is not an http(s) URL"));
            }
            if !connector.redirect_uri.ends_with(api::connector::CONNECTOR_CALLBACK_PATH) {
                return wrong("connector.redirect_uri", "must be this proxy's URL ending in /v1/connector/callback");
            }
            if !connector.scope.split_whitespace().any(|s| s == "openid") {
                return wrong("connector.scope", "must include openid");
            }
            // The ID token is signed with the client secret (HS256): an empty one would let anyone sign.
            if connector.client_secret.expose().len() < 8 {
                return wrong("connector.client_secret", "must be the secret Swiss Post gave the shop");
            }
            if !(1..=3_600).contains(&connector.session_secs) {
                return wrong("connector.session_secs", "must be between 1 and 3600 seconds");
            }
        }
        if self.store.redis_url.as_ref().is_some_and(|url| {
            let url = url.expose();
            !(url.starts_with("redis://") || url.starts_with("rediss://") || url.starts_with("unix://"))
        }) {
            return wrong("store.redis_url", "must start with redis://, rediss:// or unix://");
        }
        if self.store.namespace.is_empty() || self.store.namespace.contains(char::is_whitespace) {
            return wrong("store.namespace", "must be a word without spaces");
        }
        if !(1..=600).contains(&self.store.instance_lease_secs) {
            return wrong("store.instance_lease_secs", "must be between 1 and 600 seconds");
        }
        if self.limits.max_in_flight == 0 || self.limits.request_timeout_ms == 0 {
            return wrong("limits", "max_in_flight and request_timeout_ms must be above 0");
        }
        if !(1..=api::MAX_DELIVERY_DAYS).contains(&self.delivery.days) {
            return wrong("delivery.days", "must be between 1 and 14");
        }
        if !is_clock_time(&self.delivery.order_cutoff) {
            return wrong("delivery.order_cutoff", "expected a time like 14:00");
        }
        if let Some(sender) = &self.labels.sender {
            sender.check().map_err(|why| ConfigError::Variable { name: "labels.sender", why })?;
        }
        if let Some(licence) = &self.labels.franking_license
            && (!(4..=8).contains(&licence.len()) || !licence.bytes().all(|b| b.is_ascii_digit()))
        {
            return wrong("labels.franking_license", "must have 4 to 8 digits");
        }
        Ok(())
    }

    /// The credential sets in the order they are tried.
    pub fn credential_sets(&self) -> Vec<Credentials> {
        self.credentials.iter().chain(&self.next_credentials).cloned().collect()
    }

    /// The Content Security Policy of the pages served from `www_dir` (the demo, the example shop): no inline
    /// script or style, wasm allowed, images from this origin and the tile hosts.
    pub fn page_csp(&self) -> String {
        let images: String = self.tile_origins.iter().map(|origin| format!(" {origin}")).collect();
        format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'{images}")
    }

    /// True when no credentials are configured: the proxy then plays against its embedded sandbox.
    pub fn sandbox_mode(&self) -> bool {
        self.credentials.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn tile_origins_reach_the_pages_csp_and_nothing_else_does() {
        let config =
            load(&[("SWISS_CHECKOUT_TILE_ORIGINS", "https://tile.openstreetmap.org/, https://*.tiles.example")])
                .unwrap();
        assert_eq!(
            config.page_csp(),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' https://tile.openstreetmap.org https://*.tiles.example"
        );
        for bad in ["tile.openstreetmap.org", "https://a.example; script-src *", "https://a.example 'unsafe-inline'"] {
            let error = load(&[("SWISS_CHECKOUT_TILE_ORIGINS", bad)]).unwrap_err();
            assert!(error.to_string().contains("tile_origins"), "{bad}: {error}");
        }
    }

    #[test]
    fn defaults_are_sandbox_mode_on_8080() {
        let config = load(&[]).unwrap();
        assert!(config.sandbox_mode());
        assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 8080)));
    }

    #[test]
    fn port_and_credentials_from_the_environment() {
        let config = load(&[
            ("PORT", "9999"),
            ("SWISS_CHECKOUT_CLIENT_ID", "shop"),
            ("SWISS_CHECKOUT_CLIENT_SECRET", "very-secret-value"),
            ("SWISS_CHECKOUT_ALLOWED_ORIGINS", "https://shop.example, https://www.shop.example/"),
        ])
        .unwrap();
        assert_eq!(config.listen.port(), 9999);
        assert!(!config.sandbox_mode());
        assert_eq!(config.allowed_origins, ["https://shop.example", "https://www.shop.example"]);
        assert!(!format!("{config:?}").contains("very-secret-value"));
    }

    #[test]
    fn a_second_credential_set_for_rotation() {
        let config = load(&[
            ("SWISS_CHECKOUT_CLIENT_ID", "old"),
            ("SWISS_CHECKOUT_CLIENT_SECRET", "old-secret"),
            ("SWISS_CHECKOUT_CLIENT_EXPIRES", "2027-01-31"),
            ("SWISS_CHECKOUT_NEXT_CLIENT_ID", "new"),
            ("SWISS_CHECKOUT_NEXT_CLIENT_SECRET", "new-secret"),
        ])
        .unwrap();
        let ids: Vec<String> = config.credential_sets().into_iter().map(|c| c.client_id).collect();
        assert_eq!(ids, ["old", "new"]);
        assert_eq!(config.credentials.unwrap().expires.as_deref(), Some("2027-01-31"));
        assert!(load(&[("SWISS_CHECKOUT_NEXT_CLIENT_ID", "new"), ("SWISS_CHECKOUT_NEXT_CLIENT_SECRET", "s")]).is_err());
        let bad_date = load(&[
            ("SWISS_CHECKOUT_CLIENT_ID", "old"),
            ("SWISS_CHECKOUT_CLIENT_SECRET", "s"),
            ("SWISS_CHECKOUT_CLIENT_EXPIRES", "31.01.2027"),
        ]);
        assert!(bad_date.is_err());
    }

    #[test]
    fn secrets_from_files() {
        let dir = std::env::temp_dir().join(format!("swiss-checkout-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret");
        let key = dir.join("key");
        std::fs::write(&secret, "file-secret\n").unwrap();
        std::fs::write(&key, "subscription-key\n").unwrap();
        let config = load(&[
            ("SWISS_CHECKOUT_CLIENT_ID", "shop"),
            ("SWISS_CHECKOUT_CLIENT_SECRET_FILE", secret.to_str().unwrap()),
            ("SWISS_CHECKOUT_SUBSCRIPTION_KEY_FILE", key.to_str().unwrap()),
        ])
        .unwrap();
        assert_eq!(config.credentials.unwrap().client_secret.expose(), "file-secret");
        assert_eq!(config.upstream.subscription_key.unwrap().expose(), "subscription-key");
        let missing =
            load(&[("SWISS_CHECKOUT_CLIENT_ID", "shop"), ("SWISS_CHECKOUT_CLIENT_SECRET_FILE", "/nonexistent")]);
        assert!(matches!(missing, Err(ConfigError::Read { .. })));
    }

    #[test]
    fn delivery_prices_and_cutoff() {
        let config = load(&[
            ("SWISS_CHECKOUT_DELIVERY_PRICES", "standard=0, evening=9.5,same_day=15.00"),
            ("SWISS_CHECKOUT_ORDER_CUTOFF", "16:30"),
            ("SWISS_CHECKOUT_DELIVERY_DAYS", "5"),
        ])
        .unwrap();
        assert_eq!(
            config.delivery.prices,
            BTreeMap::from([
                (DeliveryKind::Standard, Price(0)),
                (DeliveryKind::Evening, Price(950)),
                (DeliveryKind::SameDay, Price(1500))
            ])
        );
        assert_eq!((config.delivery.days, config.delivery.order_cutoff.as_str()), (5, "16:30"));
        for bad in ["evening=9.001", "evening=-1", "night=1.00", "evening"] {
            assert!(load(&[("SWISS_CHECKOUT_DELIVERY_PRICES", bad)]).is_err(), "{bad}");
        }
        assert!(load(&[("SWISS_CHECKOUT_ORDER_CUTOFF", "25:00")]).is_err());
        assert!(load(&[("SWISS_CHECKOUT_DELIVERY_DAYS", "30")]).is_err());
    }

    #[test]
    fn half_credentials_and_bad_values_are_refused() {
        assert!(matches!(load(&[("SWISS_CHECKOUT_CLIENT_ID", "x")]), Err(ConfigError::HalfCredentials)));
        assert!(matches!(load(&[("PORT", "eighty")]), Err(ConfigError::Variable { name: "PORT", .. })));
    }

    #[test]
    fn toml_file_then_environment() {
        let dir = std::env::temp_dir().join(format!("swiss-checkout-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("proxy.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:7000\"\nallowed_origins = [\"https://a.example\"]\n\
             [credentials]\nclient_id = \"id\"\nclient_secret = \"toml-secret\"\n[upstream]\ntimeout_ms = 1500\n",
        )
        .unwrap();
        let config = load(&[("SWISS_CHECKOUT_CONFIG", path.to_str().unwrap()), ("PORT", "7001")]).unwrap();
        assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 7001)));
        assert_eq!(config.upstream.timeout_ms, 1500);
        assert_eq!(config.upstream.token_url, Upstream::default().token_url);
        assert_eq!(config.credentials.map(|c| c.client_secret.expose().to_owned()).as_deref(), Some("toml-secret"));

        std::fs::write(&path, "[credentials]\nclient_secret = \"leaky-secret\nbroken").unwrap();
        let err = load(&[("SWISS_CHECKOUT_CONFIG", path.to_str().unwrap())]).unwrap_err().to_string();
        assert!(!err.contains("leaky-secret"), "{err}");
    }

    #[test]
    fn the_rules_hold_for_the_file_as_for_the_environment() {
        let dir = std::env::temp_dir().join(format!("swiss-checkout-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("proxy.toml");
        let from_file = |toml: &str| {
            std::fs::write(&path, toml).unwrap();
            load(&[("SWISS_CHECKOUT_CONFIG", path.to_str().unwrap())])
        };
        let short = from_file("server_key = \"abc\"\n").unwrap_err().to_string();
        assert!(short.contains("server_key") && short.contains("16") && !short.contains("abc"), "{short}");
        assert!(from_file("server_key = \"a-long-enough-server-key\"\n").is_ok());
        let sender = "[labels.sender]\nname = \"A name far longer than a label line\"\nstreet = \"Weg 1\"\npostcode = \"3011\"\ntown = \"Bern\"\n";
        assert!(from_file(sender).unwrap_err().to_string().contains("25"));
        let cyrillic =
            "[labels.sender]\nname = \"Магазин\"\nstreet = \"Weg 1\"\npostcode = \"3011\"\ntown = \"Bern\"\n";
        assert!(from_file(cyrillic).unwrap_err().to_string().contains("cannot print"));
        assert!(from_file("[labels]\nfranking_license = \"12ab\"\n").is_err());
        assert!(from_file("[delivery]\ndays = 30\n").is_err());
        // The environment's sender, parsed and checked the same way.
        let config = load(&[("SWISS_CHECKOUT_SENDER", "Velo Shop AG, Wankdorfallee 4, 3030 Bern")]).unwrap();
        assert_eq!(config.labels.sender.unwrap().town, "Bern");
        assert!(load(&[("SWISS_CHECKOUT_SERVER_KEY", "short")]).is_err());
    }
}
