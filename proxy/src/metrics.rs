//! Prometheus metrics, served as text at `/metrics`: requests and latency per route, upstream calls by
//! outcome, cache hits and misses, token requests, and the circuit breaker's state.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub route: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CredentialLabels {
    pub client_id: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// "ok", "not_found", "client_error", "server_error", "timeout", "unreachable".
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CacheLabels {
    /// "localities", "streets", "house_numbers", "delivery".
    pub lookup: &'static str,
    /// "hit", "stale", "miss".
    pub result: &'static str,
}

fn latency_histogram() -> Histogram {
    // 0.25 ms to about 8 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// Every metric, and the registry that renders them; cheap to clone (one `Arc`), as the middleware that
/// records every request gets its own copy per request.
#[derive(Clone, Default)]
pub struct Metrics(Arc<MetricFamilies>);

impl std::ops::Deref for Metrics {
    type Target = MetricFamilies;

    fn deref(&self) -> &MetricFamilies {
        &self.0
    }
}

pub struct MetricFamilies {
    registry: Arc<Registry>,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pub upstream_calls: Family<OutcomeLabels, Counter>,
    pub cache: Family<CacheLabels, Counter>,
    pub token_requests: Counter,
    pub breaker_open: Gauge,
    /// Days until each credential set with a known expiry stops working (updated at every scrape).
    pub credential_days_left: Family<CredentialLabels, Gauge>,
    expiries: Arc<std::sync::Mutex<Vec<(String, time::Date)>>>,
}

impl Default for MetricFamilies {
    fn default() -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        let upstream_calls = Family::<OutcomeLabels, Counter>::default();
        let cache = Family::<CacheLabels, Counter>::default();
        let token_requests = Counter::default();
        let breaker_open = Gauge::default();
        let credential_days_left = Family::<CredentialLabels, Gauge>::default();
        let mut registry = Registry::with_prefix("swiss_checkout");
        registry.register("http_requests", "Requests answered, by route and status", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer, by route", latency.clone());
        registry.register("upstream_calls", "Calls to Swiss Post, by outcome", upstream_calls.clone());
        registry.register("cache_lookups", "Lookups answered from the cache (hit, stale) or not (miss)", cache.clone());
        registry.register("upstream_token_requests", "OAuth token requests to Swiss Post", token_requests.clone());
        registry.register(
            "upstream_breaker_open",
            "1 while the circuit breaker keeps calls away",
            breaker_open.clone(),
        );
        registry.register(
            "credential_days_left",
            "Days until a credential set expires, for sets with a known expiry",
            credential_days_left.clone(),
        );
        Self {
            registry: Arc::new(registry),
            requests,
            latency,
            upstream_calls,
            cache,
            token_requests,
            breaker_open,
            credential_days_left,
            expiries: Arc::default(),
        }
    }
}

/// Days before a credential set's expiry from which the proxy warns in its log.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

impl MetricFamilies {
    /// Watches the day the credentials of `client_id` stop working (`swiss_checkout_credential_days_left`),
    /// and warns in the log now when it is within [`EXPIRY_WARNING_DAYS`].
    pub fn watch_expiry(&self, client_id: &str, expires: time::Date) {
        let days_left = (expires - swisspost::clock::zurich_now().date()).whole_days();
        if days_left <= EXPIRY_WARNING_DAYS {
            tracing::warn!(client_id, %expires, days_left, "Swiss Post credentials expire soon: rotate them");
        }
        self.expiries.lock().unwrap_or_else(|p| p.into_inner()).push((client_id.to_owned(), expires));
    }

    /// The Prometheus text format.
    pub fn render(&self) -> String {
        let today = swisspost::clock::zurich_now().date();
        for (client_id, date) in self.expiries.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            let days_left = (*date - today).whole_days();
            self.credential_days_left.get_or_create(&CredentialLabels { client_id: client_id.clone() }).set(days_left);
        }
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }

    pub fn upstream(&self, outcome: &'static str) {
        self.upstream_calls.get_or_create(&OutcomeLabels { outcome }).inc();
    }

    pub fn cache_result(&self, lookup: &'static str, result: &'static str) {
        self.cache.get_or_create(&CacheLabels { lookup, result }).inc();
    }
}

/// Counts and times every request by its route template (never the raw path, which would make a label
/// per query).
pub async fn record(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    // The router's template ("/v1/streets", "/v1/{*rest}"): as many labels as routes, whatever is requested.
    let route = route_label(request.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()));
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.observe(route, started, response.status());
    response
}

impl Metrics {
    /// Counts a request of `route` (a [`route_label`]) answered with `status`, and its time since `started`.
    pub fn observe(&self, route: &'static str, started: Instant, status: axum::http::StatusCode) {
        self.latency.get_or_create(&RouteLabels { route }).observe(started.elapsed().as_secs_f64());
        self.requests.get_or_create(&RequestLabels { route, status: status.as_u16() }).inc();
    }
}

/// A route template as a `'static` label, so that counting a request allocates nothing: each template is
/// kept once for the life of the process (the router has a fixed few dozen of them).
pub fn route_label(template: &str) -> &'static str {
    static TEMPLATES: std::sync::RwLock<Vec<&'static str>> = std::sync::RwLock::new(Vec::new());
    let known = |templates: &[&'static str]| templates.iter().copied().find(|known| *known == template);
    if let Some(known) = TEMPLATES.read().ok().and_then(|templates| known(&templates)) {
        return known;
    }
    let Ok(mut templates) = TEMPLATES.write() else { return "unmatched" };
    if let Some(known) = known(&templates) {
        return known;
    }
    let kept: &'static str = Box::leak(template.to_owned().into_boxed_str());
    templates.push(kept);
    kept
}

/// `GET /metrics` on the operator's listener: Prometheus metrics in the OpenMetrics text format.
pub async fn serve(State(metrics): State<Metrics>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], metrics.render())
}
