//! Who may call and how much: allowed origins (403 otherwise, preflight included), the per-client rate
//! limit (429 with Retry-After), load shedding and the request timeout (503), the body limit (413), the
//! request id, and `/readyz`. All answers are problem+json.

mod common;

use std::time::Duration;

use api::problem_type;
use common::{config_for, join_all, problem, sandbox_credentials, serve};
use proxy::config::Limits;
use reqwest::StatusCode;
use sandbox::{KnobSettings, SandboxConfig};

const SHOP: &str = "https://shop.example";

async fn proxy_with(limits: Limits, knobs: KnobSettings) -> (sandbox::RunningSandbox, String) {
    let sandbox = sandbox::spawn(SandboxConfig { knobs, ..Default::default() }).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 5_000);
    config.allowed_origins = vec![SHOP.into()];
    config.limits = limits;
    let (base, _server) = serve(config).await;
    (sandbox, base)
}

fn no_rate_limit() -> Limits {
    Limits { rate_per_second: 0, ..Limits::default() }
}

#[tokio::test]
async fn allowed_origins_pass_others_get_403_preflight_included() {
    let (_sandbox, base) = proxy_with(no_rate_limit(), KnobSettings::default()).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/localities?q=30");

    let allowed = client.get(&url).header("origin", SHOP).send().await.unwrap();
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(allowed.headers()["access-control-allow-origin"], SHOP);

    let refused = client.get(&url).header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused.headers().get("access-control-allow-origin").is_none());
    assert_eq!(problem(refused).await.kind, problem_type::FORBIDDEN_ORIGIN);

    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight(SHOP).await.unwrap();
    assert!(ok.status().is_success(), "{}", ok.status());
    assert_eq!(ok.headers()["access-control-allow-origin"], SHOP);
    assert!(ok.headers()["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    assert_eq!(preflight("https://evil.example").await.unwrap().status(), StatusCode::FORBIDDEN);

    // The proxy's own page (same origin) and callers without Origin pass.
    let host = base.trim_start_matches("http://");
    let own = client.get(&url).header("origin", format!("http://{host}")).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(client.get(&url).send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_with_retry_after() {
    let limits = Limits { rate_per_second: 1, rate_burst: 3, ..Limits::default() };
    let (_sandbox, base) = proxy_with(limits, KnobSettings::default()).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let response = client.get(format!("{base}/v1/localities?q=30")).send().await.unwrap();
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=2).contains(&retry_after), "{retry_after}");
            assert_eq!(problem(response).await.kind, problem_type::TOO_MANY_REQUESTS);
        }
    }
    assert_eq!(&statuses[..3], [StatusCode::OK; 3]);
    assert_eq!(&statuses[3..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let again = client.get(format!("{base}/v1/localities?q=30")).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK, "the bucket refills");
    // Health checks are not rate limited.
    for _ in 0..5 {
        assert_eq!(client.get(format!("{base}/healthz")).send().await.unwrap().status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn more_requests_than_the_proxy_takes_at_once_are_shed_with_503() {
    let limits = Limits { max_in_flight: 2, ..no_rate_limit() };
    let (_sandbox, base) = proxy_with(limits, KnobSettings { latency_ms: Some(400), ..Default::default() }).await;
    let client = reqwest::Client::new();
    let requests = (0..8).map(|i| {
        let request = client.get(format!("{base}/v1/localities?q={}", 40 + i));
        async move { request.send().await.unwrap() }
    });
    let responses = join_all(requests).await;
    let statuses: Vec<StatusCode> = responses.iter().map(|r| r.status()).collect();
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    assert!(statuses.contains(&StatusCode::SERVICE_UNAVAILABLE), "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE), "{statuses:?}");
    for response in responses.into_iter().filter(|r| r.status() == StatusCode::SERVICE_UNAVAILABLE) {
        let p = problem(response).await;
        assert_eq!(p.kind, problem_type::OVERLOADED);
        assert!(p.manual_entry);
    }
}

#[tokio::test]
async fn the_limit_counts_requests_to_every_route_together() {
    // Two slow lookups of each kind, four in flight, with room for two: some are shed, whichever route.
    let limits = Limits { max_in_flight: 2, ..no_rate_limit() };
    let (_sandbox, base) = proxy_with(limits, KnobSettings { latency_ms: Some(400), ..Default::default() }).await;
    let client = reqwest::Client::new();
    let urls = [
        format!("{base}/v1/localities?q=50"),
        format!("{base}/v1/localities?q=51"),
        format!("{base}/v1/streets?postcode=3011&q=a"),
        format!("{base}/v1/streets?postcode=3011&q=b"),
    ];
    let requests = urls.iter().map(|url| {
        let request = client.get(url);
        async move { request.send().await.unwrap().status() }
    });
    let statuses = join_all(requests).await;
    let shed = statuses.iter().filter(|s| **s == StatusCode::SERVICE_UNAVAILABLE).count();
    assert_eq!(shed, 2, "{statuses:?}");
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_503() {
    let limits = Limits { request_timeout_ms: 200, ..no_rate_limit() };
    let (_sandbox, base) = proxy_with(limits, KnobSettings { latency_ms: Some(1_000), ..Default::default() }).await;
    let response = reqwest::get(format!("{base}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(problem(response).await.kind, problem_type::OVERLOADED);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_and_requests_carry_an_id() {
    let (_sandbox, base) = proxy_with(no_rate_limit(), KnobSettings::default()).await;
    let big = format!("{{\"postcode\":\"3011\",\"town\":\"{}\"}}", "x".repeat(20_000));
    let response = reqwest::Client::new()
        .post(format!("{base}/v1/addresses/validate"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(problem(response).await.kind, problem_type::TOO_LARGE);

    let given =
        reqwest::Client::new().get(format!("{base}/healthz")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123", "a caller's id is kept");
}

#[tokio::test]
async fn ready_when_a_token_can_be_obtained() {
    let (sandbox, base) = proxy_with(no_rate_limit(), KnobSettings::default()).await;
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.json::<api::Health>().await.unwrap().status, "ready");

    // A proxy whose credentials Swiss Post refuses is up (healthz) but not ready.
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 5_000);
    config.credentials = Some(proxy::config::Credentials {
        client_id: "shop".into(),
        client_secret: proxy::config::Secret::new("wrong"),
        expires: None,
    });
    let (wrong, _server) = serve(config).await;
    assert_eq!(reqwest::get(format!("{wrong}/healthz")).await.unwrap().status(), StatusCode::OK);
    let not_ready = reqwest::get(format!("{wrong}/readyz")).await.unwrap();
    assert_eq!(not_ready.status(), StatusCode::BAD_GATEWAY);
    problem(not_ready).await;
}

#[tokio::test]
async fn when_the_shop_sets_a_publishable_key_browser_routes_want_it() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 5_000);
    config.allowed_origins = vec![SHOP.into()];
    config.publishable_key = Some("pk_shop_1".into());
    let (base, _server) = serve(config).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/localities?q=30");

    let without = client.get(&url).header("origin", SHOP).send().await.unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(without).await.kind, problem_type::UNKNOWN_KEY);
    let wrong = client.get(&url).header(api::PUBLISHABLE_KEY_HEADER, "pk_other").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let with =
        client.get(&url).header("origin", SHOP).header(api::PUBLISHABLE_KEY_HEADER, "pk_shop_1").send().await.unwrap();
    assert_eq!(with.status(), StatusCode::OK);

    let preflight = client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", SHOP)
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", api::PUBLISHABLE_KEY_HEADER)
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_owned();
    assert!(allowed.contains(api::PUBLISHABLE_KEY_HEADER), "{allowed}");
    // Health and readiness are for the operator, not the browser: no key needed.
    assert_eq!(client.get(format!("{base}/healthz")).send().await.unwrap().status(), StatusCode::OK);
}
