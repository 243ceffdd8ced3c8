//! A sandbox, and a proxy configured with real-mode credentials pointed at it (so the proxy's own sandbox
//! mode stays out of the way and the test holds the sandbox's knobs and counters).

#![allow(dead_code)]

use std::future::Future;

use api::Problem;
use proxy::config::{Config, Credentials, Limits, Secret, Upstream};
use sandbox::{KnobSettings, RunningSandbox, SandboxConfig};

pub struct Harness {
    pub sandbox: RunningSandbox,
    pub base: String,
    _server: tokio::task::JoinHandle<()>,
}

/// A proxy configured with `credentials` against `upstream_base`; no demo page, and no rate limit (the
/// tests of limits set their own).
pub fn config_for(upstream_base: &str, credentials: Credentials, timeout_ms: u64) -> Config {
    Config {
        upstream: Upstream { timeout_ms, ..Upstream::on_base(upstream_base) },
        credentials: Some(credentials),
        www_dir: "does-not-exist".into(),
        limits: Limits { rate_per_second: 0, ..Limits::default() },
        ..Config::default()
    }
}

/// Builds and serves a proxy on a free loopback port; returns its base URL.
pub async fn serve(config: Config) -> (String, tokio::task::JoinHandle<()>) {
    let (base, _operations, server) = serve_with_operations(config).await;
    (base, server)
}

/// As [`serve`], with the operator's routes (`/metrics`) on a port of their own; returns both base URLs.
pub async fn serve_with_operations(config: Config) -> (String, String, tokio::task::JoinHandle<()>) {
    let proxy = proxy::build(config).await.unwrap();
    let app = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let operations = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    let operations_base = format!("http://{}", operations.local_addr().unwrap());
    let listeners = proxy::Listeners { app, operations: Some(operations) };
    let server = tokio::spawn(async move {
        proxy::serve(listeners, proxy, std::future::pending()).await.unwrap();
    });
    (base, operations_base, server)
}

pub fn sandbox_credentials() -> Credentials {
    Credentials {
        client_id: sandbox::SANDBOX_CLIENT_ID.into(),
        client_secret: Secret::new(sandbox::SANDBOX_CLIENT_SECRET),
        expires: None,
    }
}

pub async fn harness_with(knobs: KnobSettings, timeout_ms: u64) -> Harness {
    let sandbox = sandbox::spawn(SandboxConfig { knobs, ..Default::default() }).await.unwrap();
    let (base, server) = serve(config_for(&sandbox.base_url(), sandbox_credentials(), timeout_ms)).await;
    Harness { sandbox, base, _server: server }
}

pub async fn harness() -> Harness {
    harness_with(KnobSettings::default(), 2_000).await
}

impl Harness {
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> reqwest::Response {
        reqwest::Client::new().get(format!("{}{path}", self.base)).query(query).send().await.unwrap()
    }

    pub async fn localities(&self, q: &str) -> reqwest::Response {
        self.get("/v1/localities", &[("q", q)]).await
    }

    pub fn calls(&self, route: &str) -> u64 {
        self.sandbox.knobs().calls_of(route)
    }
}

pub async fn problem(response: reqwest::Response) -> Problem {
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}

/// Runs the futures concurrently on the runtime and collects their results in order.
pub async fn join_all<F, T>(futures: impl IntoIterator<Item = F>) -> Vec<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

/// A verified Bern address the sandbox knows (Aarbergergasse 1).
pub fn bern_address() -> api::AddressSelection {
    api::AddressSelection {
        postcode: "3011".into(),
        town: "Bern".into(),
        street: "Aarbergergasse".into(),
        house_number: "1".into(),
        verified: true,
        quality: None,
    }
}

/// The evening delivery the proxy at `base` offers to [`bern_address`].
pub async fn evening_in_bern(base: &str) -> api::DeliveryOption {
    let address = bern_address();
    let query = [
        ("postcode", address.postcode),
        ("town", address.town),
        ("street", address.street),
        ("house_number", address.house_number),
    ];
    let options: api::DeliveryOptionsResponse = reqwest::Client::new()
        .get(format!("{base}{}", api::DELIVERY_OPTIONS_PATH))
        .query(&query)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    options.options.into_iter().find(|o| o.kind == api::DeliveryKind::Evening).expect("an evening delivery in Bern")
}

/// The value of the hidden `request` field of a sandbox page's form.
pub fn request_field(html: &str) -> String {
    let at = html.find("name=\"request\"").expect("a request field");
    let value = &html[at..];
    let start = value.find("value=\"").unwrap() + 7;
    value[start..start + value[start..].find('"').unwrap()].to_owned()
}
