//! Who may call the browser routes, and how often: the origin check and the per-client rate limit,
//! as axum middleware in front of `/v1`.
//!
//! - A request that carries an `Origin` header (browsers send one on every cross-origin call) must come
//!   from the proxy's own origin or from an allowed shop origin; others get 403 problem+json, preflight
//!   included. Requests without `Origin` (same-origin GETs, servers, curl) pass.
//! - Every client address has a token bucket; an empty bucket is 429 with `Retry-After`. With Redis, the
//!   buckets are Redis' (one GCRA script, so N instances allow together what one allows); with the embedded
//!   store, and while Redis cannot be reached, this instance's own (`governor`, the same algorithm).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;
use crate::error::AppError;
use crate::store::{Quota as SharedQuota, Store};

/// The allowed origins, normalised ("https://shop.example", no trailing slash).
#[derive(Clone, Debug, Default)]
pub struct Origins(Arc<Vec<String>>);

impl Origins {
    pub fn new(allowed: &[String]) -> Self {
        Self(Arc::new(allowed.iter().map(|o| o.trim_end_matches('/').to_ascii_lowercase()).collect()))
    }

    /// True when `origin` is the proxy's own (`Host` seen over http or https) or an allowed one.
    fn permits(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.trim_end_matches('/').to_ascii_lowercase();
        let own = host.is_some_and(|host| {
            let host = host.to_ascii_lowercase();
            origin == format!("http://{host}") || origin == format!("https://{host}")
        });
        own || self.0.contains(&origin)
    }
}

impl Origins {
    /// The 403 of a browser call from an origin that is neither the proxy's own nor allowed, if it is one.
    fn refuse(&self, request: &Request) -> Option<Response> {
        let headers = request.headers();
        let origin = headers.get(header::ORIGIN).map(|o| o.to_str().unwrap_or(""))?;
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        if self.permits(origin, host) {
            return None;
        }
        tracing::info!(origin, "refused a call from an origin that is not allowed");
        Some(AppError::ForbiddenOrigin.into_response())
    }
}

/// The origin check as a tower layer, outside CORS (so a refused origin's preflight is a 403 too). Written as a
/// service rather than an axum `from_fn` middleware: it answers or passes the request on without boxing a
/// future or cloning what is beneath it (CORS' configuration, the routes), which every request would pay.
#[derive(Clone, Debug)]
pub struct OriginCheckLayer(pub Origins);

impl<S> tower::Layer<S> for OriginCheckLayer {
    type Service = OriginCheck<S>;

    fn layer(&self, inner: S) -> OriginCheck<S> {
        OriginCheck { origins: self.0.clone(), inner }
    }
}

/// See [`OriginCheckLayer`].
#[derive(Clone, Debug)]
pub struct OriginCheck<S> {
    origins: Origins,
    inner: S,
}

impl<S> tower::Service<Request> for OriginCheck<S>
where
    S: tower::Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = futures_util::future::Either<std::future::Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match self.origins.refuse(&request) {
            Some(refused) => futures_util::future::Either::Left(std::future::ready(Ok(refused))),
            None => futures_util::future::Either::Right(self.inner.call(request)),
        }
    }
}

/// The publishable key the browser routes want, if the shop set one.
#[derive(Clone, Debug, Default)]
pub struct PublishableKey(pub Option<Arc<str>>);

impl PublishableKey {
    /// The refusal of a browser call without the shop's key, if it is one (CORS preflights carry no custom
    /// header and pass, so the browser can ask whether it may send it).
    fn refuse(&self, request: &Request) -> Option<Response> {
        let expected = self.0.as_deref().filter(|_| request.method() != axum::http::Method::OPTIONS)?;
        let given = request.headers().get(api::PUBLISHABLE_KEY_HEADER).and_then(|v| v.to_str().ok());
        (given != Some(expected)).then(|| AppError::UnknownKey.into_response())
    }
}

/// What stands between CORS and the widget's routes, as one tower layer: the rate limit, the publishable key,
/// the metrics. One service rather than three axum `from_fn` middlewares: each of those boxes a future and
/// clones everything beneath it (the routes included) for every request; this one boxes once, and clones
/// what is beneath only when it must wait for the rate limit's store first.
#[derive(Clone)]
pub struct BrowserGuards {
    pub rate_limit: RateLimit,
    pub key: PublishableKey,
    pub metrics: crate::metrics::Metrics,
}

impl<S> tower::Layer<S> for BrowserGuards {
    type Service = Guarded<S>;

    fn layer(&self, inner: S) -> Guarded<S> {
        Guarded { guards: self.clone(), inner }
    }
}

/// See [`BrowserGuards`].
#[derive(Clone)]
pub struct Guarded<S> {
    guards: BrowserGuards,
    inner: S,
}

type GuardedFuture<E> = std::pin::Pin<Box<dyn Future<Output = Result<Response, E>> + Send>>;

impl<S> tower::Service<Request> for Guarded<S>
where
    S: tower::Service<Request, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = GuardedFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    /// In their order: a client over its rate gets 429, a call without the key 401; the calls let through are
    /// timed and counted.
    fn call(&mut self, request: Request) -> Self::Future {
        let guards = self.guards.clone();
        let timed = |request: &Request| {
            let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str());
            (crate::metrics::route_label(route), std::time::Instant::now())
        };
        let Some(client) = guards.rate_limit.client_of(&request) else {
            // No rate limit to ask: the inner service is called now, with no clone of it.
            if let Some(refused) = guards.key.refuse(&request) {
                return Box::pin(std::future::ready(Ok(refused)));
            }
            let (route, started) = timed(&request);
            let answer = self.inner.call(request);
            return Box::pin(async move {
                let response = answer.await?;
                guards.metrics.observe(route, started, response.status());
                Ok(response)
            });
        };
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        Box::pin(async move {
            if let Some(refused) = guards.rate_limit.refuse_client(client).await {
                return Ok(refused);
            }
            if let Some(refused) = guards.key.refuse(&request) {
                return Ok(refused);
            }
            let (route, started) = timed(&request);
            let response = inner.call(request).await?;
            guards.metrics.observe(route, started, response.status());
            Ok(response)
        })
    }
}

/// Token buckets per client address.
#[derive(Clone)]
pub struct RateLimit {
    limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    /// The store's shared buckets, when it keeps them (Redis), with the same quota.
    shared: Option<(Arc<dyn Store>, SharedQuota)>,
    /// Set while the shared buckets cannot be reached (said once in the log, not per request).
    shared_down: Arc<AtomicBool>,
    /// Tokens this instance took from a client's shared bucket and spends without a round trip: how many are
    /// left, and until when they count.
    leases: Arc<std::sync::Mutex<std::collections::HashMap<IpAddr, (u32, std::time::Instant)>>>,
    trust_forwarded_for: bool,
}

impl RateLimit {
    pub fn new(limits: &Limits) -> Self {
        Self::shared(limits, None)
    }

    /// Buckets in `store` when it keeps shared ones; this instance's own otherwise and as the fallback.
    pub fn shared(limits: &Limits, store: Option<Arc<dyn Store>>) -> Self {
        let limiter = NonZeroU32::new(limits.rate_per_second).map(|rate| {
            let burst = NonZeroU32::new(limits.rate_burst).unwrap_or(rate);
            Arc::new(RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)))
        });
        let burst = limits.rate_burst.max(limits.rate_per_second).max(1);
        // A tenth of the burst per round trip to Redis (at most 50): N instances together allow at most what
        // one allows, plus what each holds leased, and a client's lookups seldom wait for Redis.
        let quota = SharedQuota {
            interval: std::time::Duration::from_secs(1) / limits.rate_per_second.max(1),
            burst,
            cost: (burst / 10).clamp(1, 50),
        };
        let shared = store.filter(|s| limiter.is_some() && s.shares_rate_limits()).map(|s| (s, quota));
        Self {
            limiter,
            shared,
            shared_down: Arc::default(),
            leases: Arc::default(),
            trust_forwarded_for: limits.trust_forwarded_for,
        }
    }

    /// `Some(wait)` when `client`'s bucket is empty.
    async fn check(&self, client: IpAddr) -> Option<std::time::Duration> {
        if let Some((store, quota)) = &self.shared {
            if self.spend_leased(client) {
                return None;
            }
            let mut decision = store.rate(&client.to_string(), *quota).await;
            // The bucket may hold fewer than a lease: then one token, as one instance would.
            if quota.cost > 1 && matches!(decision, Ok(Some(_))) {
                decision = store.rate(&client.to_string(), SharedQuota { cost: 1, ..*quota }).await;
            } else if let Ok(None) = decision {
                self.lease(client, quota.cost - 1);
            }
            match decision {
                Ok(wait) => {
                    if self.shared_down.swap(false, Ordering::Relaxed) {
                        tracing::info!("shared rate limits are back");
                    }
                    return wait;
                }
                Err(error) => {
                    if !self.shared_down.swap(true, Ordering::Relaxed) {
                        tracing::warn!(%error, "shared rate limits unreachable: this instance limits on its own");
                    }
                }
            }
        }
        let limiter = self.limiter.as_ref()?;
        limiter.check_key(&client).err().map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets clients whose buckets are full again, and leases that ran out, so memory does not grow with
    /// every address seen.
    pub fn spawn_cleanup(&self) {
        if let Some(limiter) = self.limiter.clone() {
            let leases = self.leases.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    limiter.retain_recent();
                    let now = std::time::Instant::now();
                    if let Ok(mut leases) = leases.lock() {
                        leases.retain(|_, (left, until)| *left > 0 && *until > now);
                    }
                }
            });
        }
    }

    /// Spends one of the tokens leased for `client`, if it has one still valid.
    fn spend_leased(&self, client: IpAddr) -> bool {
        let Ok(mut leases) = self.leases.lock() else { return false };
        match leases.get_mut(&client) {
            Some((left, until)) if *left > 0 && *until > std::time::Instant::now() => {
                *left -= 1;
                true
            }
            _ => false,
        }
    }

    /// Keeps `tokens` taken from `client`'s shared bucket for a second: they were taken from it, so spending
    /// them never exceeds it; unspent, they lapse.
    fn lease(&self, client: IpAddr, tokens: u32) {
        if tokens > 0
            && let Ok(mut leases) = self.leases.lock()
        {
            // Added to what is left: requests that went to Redis at once (the lease ran out under load) each
            // bring theirs, and the next ones spend them here.
            let until = std::time::Instant::now() + std::time::Duration::from_secs(1);
            let lease = leases.entry(client).or_insert((0, until));
            *lease = (lease.0.saturating_add(tokens), until);
        }
    }

    fn client(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> Option<IpAddr> {
        let forwarded = self
            .trust_forwarded_for
            .then(|| headers.get("x-forwarded-for")?.to_str().ok()?.split(',').next()?.trim().parse().ok())
            .flatten();
        forwarded.or(peer.map(|p| p.ip()))
    }
}

/// Answers 429 with `Retry-After` when the client's bucket is empty.
pub async fn rate_limit(State(limit): State<RateLimit>, request: Request, next: Next) -> Response {
    if let Some(client) = limit.client_of(&request)
        && let Some(refused) = limit.refuse_client(client).await
    {
        return refused;
    }
    next.run(request).await
}

impl RateLimit {
    /// The client a request counts against, when the rate limit is on.
    fn client_of(&self, request: &Request) -> Option<IpAddr> {
        self.limiter.as_ref()?;
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
        self.client(request.headers(), peer)
    }

    /// The 429 of a request of `client` when it is over its rate. (Takes the client rather than the request: a
    /// request's body is not `Sync`, so a future that waits may not borrow the request.)
    async fn refuse_client(&self, client: IpAddr) -> Option<Response> {
        let wait = self.check(client).await?;
        let retry_after_secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Some(AppError::TooManyRequests { retry_after_secs: retry_after_secs.max(1) }.into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origin_and_allowed_origins_pass() {
        let origins = Origins::new(&["https://shop.example/".into()]);
        assert!(origins.permits("https://shop.example", None));
        assert!(origins.permits("HTTPS://SHOP.EXAMPLE", None));
        assert!(origins.permits("http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(!origins.permits("https://evil.example", Some("127.0.0.1:8080")));
        assert!(!origins.permits("https://shop.example.evil.example", None));
        assert!(!origins.permits("null", None));
    }

    #[test]
    fn forwarded_for_only_when_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.7, 10.0.0.1".parse().unwrap());
        let peer = Some(SocketAddr::from(([127, 0, 0, 1], 5000)));
        let untrusted = RateLimit::new(&Limits::default());
        assert_eq!(untrusted.client(&headers, peer), Some(IpAddr::from([127, 0, 0, 1])));
        let trusted = RateLimit::new(&Limits { trust_forwarded_for: true, ..Limits::default() });
        assert_eq!(trusted.client(&headers, peer), Some(IpAddr::from([203, 0, 113, 7])));
    }
}

/// The secret key of the server-only routes, if the shop set one.
#[derive(Clone, Debug, Default)]
pub struct ServerKey(pub Option<crate::config::Secret>);

/// Compares in time that depends on the length only, so response times do not reveal a matching prefix.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

/// Guards the server-only routes: no browser may call them (a request with `Origin` is refused, and they
/// send no CORS headers), and the caller must present the server key as `Authorization: Bearer …`.
pub async fn check_server_key(State(key): State<ServerKey>, request: Request, next: Next) -> Response {
    if request.headers().contains_key(header::ORIGIN) {
        return AppError::ForbiddenOrigin.into_response();
    }
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match (&key.0, given) {
        (Some(expected), Some(given)) if same_secret(given.as_bytes(), expected.expose().as_bytes()) => {
            next.run(request).await
        }
        _ => AppError::Unauthorized.into_response(),
    }
}

#[cfg(test)]
mod server_key_tests {
    use super::same_secret;

    #[test]
    fn compares_whole_secrets() {
        assert!(same_secret(b"0123456789abcdef", b"0123456789abcdef"));
        assert!(!same_secret(b"0123456789abcdeF", b"0123456789abcdef"));
        assert!(!same_secret(b"0123456789abcde", b"0123456789abcdef"));
        assert!(!same_secret(b"", b"0123456789abcdef"));
    }
}
