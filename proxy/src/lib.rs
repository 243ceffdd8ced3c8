//! The swiss-checkout proxy: it holds the shop's Swiss Post credentials, calls the Swiss Post API and serves
//! the widget's `/v1` routes, the shop's server routes and the element's files. With the Cargo feature
//! `demo` (the `swiss-checkout-demo` binary that `npm start` runs), a proxy without credentials plays
//! against its embedded sandbox and serves the example shop (`demo/`); the production binary carries neither.

pub mod aftersale;
pub mod config;
pub mod connector;
pub mod delivery;
#[cfg(feature = "demo")]
pub mod demo;
pub mod error;
pub mod extract;
pub mod guard;
pub mod idempotency;
pub mod labels;
pub mod links;
pub mod lookup;
pub mod metrics;
pub mod openapi;
pub mod pickup;
pub mod routes;
pub mod run;
pub mod selection;
pub mod store;
pub mod token;
pub mod upstream;

use std::sync::Arc;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, Method, header};
use axum::middleware;
use axum::routing::get;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::{BoxError, ServiceBuilder};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use config::Config;
use upstream::PostClient;

/// What the handlers share.
pub struct AppState {
    pub metrics: metrics::Metrics,
    pub lookups: lookup::Lookups,
    pub delivery: delivery::DeliveryOptions,
    pub pickup: Arc<pickup::Pickup>,
    pub labels: labels::Labels,
    pub aftersale: aftersale::AfterSale,
    /// Seals and opens the shopper's link tokens.
    pub links: links::Links,
    /// The example shop's orders (sandbox mode only).
    #[cfg(feature = "demo")]
    pub orders: demo::order::Orders,
    /// `/openapi.json`, made once.
    pub openapi: bytes::Bytes,
    /// "Use my Swiss Post addresses", when configured (always in sandbox mode).
    pub connector: Option<Arc<connector::Connector>>,
    /// The state that survives a restart and spans instances (idempotency records, sign-in sessions).
    pub store: Arc<dyn store::Store>,
    /// The embedded sandbox, in sandbox mode: the demo moves its clock.
    #[cfg(feature = "demo")]
    pub sandbox: Option<sandbox::SharedState>,
    pub sandbox_mode: bool,
}

/// A proxy ready to serve: its routes, and the sandbox it plays against in sandbox mode.
pub struct Proxy {
    /// What the shop exposes: the widget's `/v1` routes, the server routes, the pages.
    pub router: Router,
    /// The operator's routes (`/metrics`, which names client ids, and the health checks), for a listener
    /// the shop does not expose.
    pub operations: Router,
    pub state: Arc<AppState>,
    /// The configuration in effect (in sandbox mode, with the upstream URLs pointed at the sandbox).
    pub config: Config,
    /// Kept alive as long as the proxy; `None` with real credentials.
    #[cfg(feature = "demo")]
    pub sandbox: Option<sandbox::RunningSandbox>,
}

/// Why the proxy could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("cannot start the embedded sandbox: {0}")]
    Sandbox(std::io::Error),
    #[error(
        "no Swiss Post credentials: set SWISS_CHECKOUT_CLIENT_ID and SWISS_CHECKOUT_CLIENT_SECRET (or its _FILE); \
         to try the checkout without an account, run swiss-checkout-demo (npm start), which plays against the sandbox"
    )]
    NoCredentials,
    #[error("cannot build the HTTP client: {0}")]
    Http(#[from] reqwest::Error),
    #[error("allowed origin {0:?} is not a valid origin")]
    Origin(String),
    #[error("no randomness from the operating system for the link-token key")]
    Randomness,
    #[error(transparent)]
    Store(#[from] store::OpenError),
}

/// Builds the proxy. With no credentials, a demo build first starts the sandbox on a free loopback port and
/// points the upstream at it, so the same client code runs in both modes; the production build refuses.
pub async fn build(#[allow(unused_mut)] mut config: Config) -> Result<Proxy, StartError> {
    let sandbox_mode = config.sandbox_mode();
    #[cfg(feature = "demo")]
    let (credentials, sandbox) = match config.credentials.clone() {
        Some(_) => (config.credential_sets(), None),
        None => {
            let (running, credentials) = demo::start_sandbox(&mut config).await?;
            (credentials, Some(running))
        }
    };
    #[cfg(not(feature = "demo"))]
    let credentials = match config.credentials {
        Some(_) => config.credential_sets(),
        None => return Err(StartError::NoCredentials),
    };
    let metrics = metrics::Metrics::default();
    for set in &credentials {
        if let Some(expires) = set.expiry() {
            metrics.watch_expiry(&set.client_id, expires);
        }
    }
    let store = store::open(&config.store.engine(), config.store.instance_lease()).await?;
    tracing::info!(store = store.engine(), "proxy state kept in the {} store", store.engine());
    // An idempotent call is over by the proxy's request timeout (the timeout layer ends it there).
    let call_limit = Duration::from_millis(config.limits.request_timeout_ms);
    let post = Arc::new(PostClient::new(&config.upstream, credentials, &metrics)?);
    let connector = config
        .connector
        .clone()
        .map(|c| connector::Connector::new(c, config.upstream.timeout(), store.clone()).map(Arc::new))
        .transpose()?;
    let state = Arc::new(AppState {
        metrics: metrics.clone(),
        lookups: lookup::Lookups::new(post.clone(), config.cache.freshness(), &metrics),
        delivery: delivery::DeliveryOptions::new(post.clone(), config.delivery.clone()),
        pickup: Arc::new(pickup::Pickup::new(post.clone())),
        labels: labels::Labels::new(
            post.clone(),
            &config.labels,
            sandbox_mode,
            idempotency::Idempotent::new(store.clone(), "labels", call_limit),
        ),
        aftersale: aftersale::AfterSale::new(
            post,
            &config.labels,
            sandbox_mode,
            idempotency::Idempotent::new(store.clone(), "returns", call_limit),
        ),
        links: links::Links::new(config.link_secret.as_ref().map(|s| s.expose())).ok_or(StartError::Randomness)?,
        #[cfg(feature = "demo")]
        orders: demo::order::Orders::default(),
        openapi: serde_json::to_vec(&openapi::document()).unwrap_or_default().into(),
        connector,
        store,
        #[cfg(feature = "demo")]
        sandbox: sandbox.as_ref().map(|running| running.state().clone()),
        sandbox_mode,
    });
    let router = router(&config, state.clone())?;
    let operations = operations(state.clone());
    Ok(Proxy {
        router,
        operations,
        state,
        config,
        #[cfg(feature = "demo")]
        sandbox,
    })
}

fn cors(allowed_origins: &[String]) -> Result<CorsLayer, StartError> {
    let origins = allowed_origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|_| StartError::Origin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        // The connector's session cookie (HttpOnly, this proxy's) travels with the widget's calls.
        .allow_credentials(true)
        .allow_headers([header::CONTENT_TYPE, header::HeaderName::from_static(api::PUBLISHABLE_KEY_HEADER)]))
}

/// What the load-shedding and timeout layers say when they step in.
async fn overloaded(error: BoxError) -> error::AppError {
    tracing::warn!(%error, "request shed or timed out");
    error::AppError::Overloaded
}

fn router(config: &Config, state: Arc<AppState>) -> Result<Router, StartError> {
    let rate_limit = guard::RateLimit::shared(&config.limits, Some(state.store.clone()));
    rate_limit.spawn_cleanup();
    // Each group's layers are one `ServiceBuilder` given to the router once: every `Router::layer` call wraps
    // each route in another boxed `Route`, which is cloned, with all it holds, for every request (eight such
    // levels cost a third of a cached lookup's time). `MatchedPath`, which the metrics read, is set before them.
    let record = || middleware::from_fn_with_state(state.metrics.clone(), metrics::record);
    let (api, _) = routes::browser()
        // Unknown `/v1` routes: a problem, like every other error of the API. (The routes carry their full
        // path rather than being nested under `/v1`: nesting rewrites every request's URI.)
        .route("/v1/{*rest}", axum::routing::any(routes::not_found))
        // Outermost first: the origin check (so a refused origin's preflight is a 403), CORS, then the rate
        // limit, the publishable key and the metrics in one layer.
        .layer(
            ServiceBuilder::new()
                .layer(guard::OriginCheckLayer(guard::Origins::new(&config.allowed_origins)))
                .layer(cors(&config.allowed_origins)?)
                .layer(guard::BrowserGuards {
                    rate_limit: rate_limit.clone(),
                    key: guard::PublishableKey(config.publishable_key.as_deref().map(Arc::from)),
                    metrics: state.metrics.clone(),
                }),
        )
        .split_for_parts();
    // The shop's own server calls these; no CORS layer, so browsers are never told they may.
    let (server, _) = routes::server()
        .route("/server/v1/{*rest}", axum::routing::any(routes::not_found))
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(
                    guard::ServerKey(config.server_key.clone()),
                    guard::check_server_key,
                ))
                .layer(record()),
        )
        .split_for_parts();
    let (public, _) = routes::public().split_for_parts();
    // Top-level pages (no CORS, no key), but each start makes a session and each callback calls Swiss Post:
    // the same rate limit per client address as the widget's routes.
    let (connector_pages, _) = routes::connector_pages()
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(rate_limit.clone(), guard::rate_limit))
                .layer(record()),
        )
        .split_for_parts();
    #[allow(unused_mut)]
    let mut app = Router::new().merge(connector_pages).merge(api).merge(server).merge(public);
    #[cfg(feature = "demo")]
    if state.sandbox_mode {
        // The example pages post here; a proxy with real credentials has no such routes.
        app = demo::example_shop(app);
    }
    let mut app = app.with_state(state);
    if config.www_dir.is_dir() {
        // The pages carry their own strict policy; a shop embedding the element sets its own.
        let csp =
            HeaderValue::from_str(&config.page_csp()).map_err(|_| StartError::Origin(config.tile_origins.join(",")))?;
        app = app.fallback_service(
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
                .service(ServeDir::new(&config.www_dir)),
        );
    } else {
        tracing::warn!(dir = %config.www_dir.display(), "demo page not built: only the API is served");
    }
    let limits = &config.limits;
    // The request id names the request in every log line; only the path is logged, never the query,
    // which carries what the shopper typed.
    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request| {
        let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
    });
    Ok(app.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(HandleErrorLayer::new(overloaded))
            .load_shed()
            // One count for the whole proxy: `Router::layer` applies a layer to each route on its own, and a
            // plain concurrency limit made there would count each route's requests apart.
            .layer(GlobalConcurrencyLimitLayer::with_semaphore(Arc::new(tokio::sync::Semaphore::new(
                limits.max_in_flight,
            ))))
            .timeout(Duration::from_millis(limits.request_timeout_ms))
            .layer(DefaultBodyLimit::max(limits.body_bytes)),
    ))
}

/// `/metrics` and the health checks, for the operator's listener.
fn operations(state: Arc<AppState>) -> Router {
    let metrics = Router::new()
        .route("/metrics", get(metrics::serve))
        .with_state(state.metrics.clone())
        .route_layer(middleware::from_fn_with_state(state.metrics.clone(), metrics::record));
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .with_state(state)
        .merge(metrics)
}

/// Where a proxy listens: the shop's address, and the operator's when one is configured.
pub struct Listeners {
    pub app: tokio::net::TcpListener,
    pub operations: Option<tokio::net::TcpListener>,
}

/// Serves until `shutdown` completes, then finishes the requests in flight (on both listeners).
pub async fn serve(
    listeners: Listeners,
    proxy: Proxy,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    #[cfg(feature = "demo")]
    let Proxy { router, operations, sandbox, state, .. } = proxy;
    #[cfg(not(feature = "demo"))]
    let Proxy { router, operations, state, .. } = proxy;
    #[cfg(feature = "demo")]
    if let Some(running) = &sandbox {
        demo::register_callback(running, &state, listeners.app.local_addr()?);
    }
    drop(state);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let until_stopped = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    };
    let operator = listeners.operations.map(|listener| {
        let serving = axum::serve(listener, operations).with_graceful_shutdown(until_stopped(stopped.clone()));
        tokio::spawn(serving.into_future())
    });
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listeners.app, service).with_graceful_shutdown(until_stopped(stopped)).await;
    if let Some(operator) = operator {
        let _ = operator.await;
    }
    #[cfg(feature = "demo")]
    drop(sandbox);
    result
}
