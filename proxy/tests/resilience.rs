//! Upstream failures: one retry for idempotent calls, the circuit breaker opening and closing, and the
//! answers the widget gets meanwhile (503 problem+json offering manual entry), counted on the sandbox.

mod common;

use std::time::Duration;

use api::{AddressInput, problem_type};
use common::{config_for, problem, sandbox_credentials, serve};
use reqwest::StatusCode;
use sandbox::{KnobSettings, SandboxConfig, route};

#[tokio::test]
async fn an_idempotent_lookup_is_retried_once_a_validation_is_not() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let (base, _server) = serve(config_for(&sandbox.base_url(), sandbox_credentials(), 2_000)).await;

    sandbox.knobs().apply(&KnobSettings { fail_next: Some(1), ..Default::default() });
    let response = reqwest::get(format!("{base}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "the one failure was retried away");
    assert_eq!(sandbox.knobs().calls_of(route::ZIPS), 2);

    sandbox.knobs().apply(&KnobSettings { fail_next: Some(2), ..Default::default() });
    let response = reqwest::get(format!("{base}/v1/localities?q=31")).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY, "only one retry");
    assert_eq!(sandbox.knobs().calls_of(route::ZIPS), 4);

    sandbox.knobs().apply(&KnobSettings { fail_next: Some(1), ..Default::default() });
    let address = AddressInput {
        postcode: "3011".into(),
        town: "Bern".into(),
        street: "Aarbergergasse".into(),
        house_number: "1".into(),
    };
    let response =
        reqwest::Client::new().post(format!("{base}/v1/addresses/validate")).json(&address).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY, "a POST is not retried");
    assert_eq!(sandbox.knobs().calls_of(route::VALIDATION), 1);
}

#[tokio::test]
async fn the_breaker_opens_after_repeated_failures_answers_at_once_and_closes_again() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.upstream.breaker_failures = 3;
    config.upstream.breaker_cooldown_ms = 600;
    let (base, _server) = serve(config).await;
    assert_eq!(reqwest::get(format!("{base}/v1/localities?q=30")).await.unwrap().status(), StatusCode::OK);

    sandbox.knobs().apply(&KnobSettings { outage: Some(true), ..Default::default() });
    for q in ["31", "32", "33"] {
        let response = reqwest::get(format!("{base}/v1/localities?q={q}")).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
    let calls_when_open = sandbox.knobs().calls_of(route::ZIPS);
    let open = reqwest::get(format!("{base}/v1/localities?q=34")).await.unwrap();
    assert_eq!(open.status(), StatusCode::SERVICE_UNAVAILABLE);
    let p = problem(open).await;
    assert_eq!(p.kind, problem_type::UPSTREAM_UNAVAILABLE);
    assert!(p.manual_entry, "the widget is told to offer manual entry");
    assert_eq!(sandbox.knobs().calls_of(route::ZIPS), calls_when_open, "an open breaker does not call the upstream");

    sandbox.knobs().apply(&KnobSettings { outage: Some(false), ..Default::default() });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        reqwest::get(format!("{base}/v1/localities?q=35")).await.unwrap().status(),
        StatusCode::OK,
        "trial call closes it"
    );
    assert_eq!(reqwest::get(format!("{base}/v1/localities?q=36")).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_failed_trial_call_opens_the_breaker_again() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.upstream.breaker_failures = 2;
    config.upstream.breaker_cooldown_ms = 300;
    let (base, _server) = serve(config).await;
    sandbox.knobs().apply(&KnobSettings { outage: Some(true), ..Default::default() });
    for q in ["31", "32"] {
        reqwest::get(format!("{base}/v1/localities?q={q}")).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(350)).await;
    let before = sandbox.knobs().calls_of(route::TOKEN) + sandbox.knobs().calls_of(route::ZIPS);
    assert_eq!(
        reqwest::get(format!("{base}/v1/localities?q=33")).await.unwrap().status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    let after_trial = sandbox.knobs().calls_of(route::TOKEN) + sandbox.knobs().calls_of(route::ZIPS);
    assert!(after_trial > before, "the half-open breaker let a trial call through");
    assert_eq!(
        reqwest::get(format!("{base}/v1/localities?q=34")).await.unwrap().status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        sandbox.knobs().calls_of(route::TOKEN) + sandbox.knobs().calls_of(route::ZIPS),
        after_trial,
        "open again after the failed trial"
    );
}

#[tokio::test]
async fn older_answers_stand_in_while_the_upstream_is_down_marked_stale() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.cache.fresh_secs = 1;
    let (base, _server) = serve(config).await;
    let first = reqwest::get(format!("{base}/v1/localities?q=biel")).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers().get("x-swiss-checkout-stale").is_none());
    let fresh_body = first.text().await.unwrap();

    sandbox.knobs().apply(&KnobSettings { outage: Some(true), ..Default::default() });
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let stale = reqwest::get(format!("{base}/v1/localities?q=biel")).await.unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.headers()["x-swiss-checkout-stale"], "true");
    assert_eq!(stale.headers()["cache-control"], "no-store");
    assert_eq!(stale.text().await.unwrap(), fresh_body);
    // Nothing older to stand in: the failure shows.
    let unknown = reqwest::get(format!("{base}/v1/localities?q=lugano")).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::SERVICE_UNAVAILABLE);

    sandbox.knobs().apply(&KnobSettings { outage: Some(false), ..Default::default() });
    let again = reqwest::get(format!("{base}/v1/localities?q=biel")).await.unwrap();
    assert!(again.headers().get("x-swiss-checkout-stale").is_none(), "fresh again once the upstream answers");
}

/// The value of the first line of `text` that starts with `series` (name and labels).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find(|l| l.starts_with(series)).and_then(|l| l.rsplit(' ').next()).and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_upstream_calls_cache_tokens_and_the_breaker() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.upstream.breaker_failures = 1;
    config.upstream.breaker_cooldown_ms = 60_000;
    let (base, operations, _server) = common::serve_with_operations(config).await;
    // Not on the shop's listener: /metrics names client ids.
    assert_eq!(reqwest::get(format!("{base}/metrics")).await.unwrap().status(), StatusCode::NOT_FOUND);
    for q in ["bie", "biel", "bienne"] {
        assert_eq!(reqwest::get(format!("{base}/v1/localities?q={q}")).await.unwrap().status(), StatusCode::OK);
    }
    reqwest::get(format!("{base}/v1/localities?q=%3C")).await.unwrap();
    let metrics = reqwest::get(format!("{operations}/metrics")).await.unwrap();
    assert_eq!(metrics.status(), StatusCode::OK);
    let text = metrics.text().await.unwrap();
    assert_eq!(
        sample(&text, r#"swiss_checkout_http_requests_total{route="/v1/localities",status="200"}"#),
        Some(3.0),
        "{text}"
    );
    assert_eq!(sample(&text, r#"swiss_checkout_http_requests_total{route="/v1/localities",status="400"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"swiss_checkout_upstream_calls_total{outcome="ok"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"swiss_checkout_cache_lookups_total{lookup="localities",result="hit"}"#), Some(2.0));
    assert_eq!(sample(&text, r#"swiss_checkout_cache_lookups_total{lookup="localities",result="miss"}"#), Some(1.0));
    assert_eq!(sample(&text, "swiss_checkout_upstream_token_requests_total"), Some(1.0));
    assert_eq!(sample(&text, "swiss_checkout_upstream_breaker_open"), Some(0.0));
    assert!(text.contains("swiss_checkout_http_request_duration_seconds_bucket{"));

    sandbox.knobs().apply(&KnobSettings { outage: Some(true), ..Default::default() });
    reqwest::get(format!("{base}/v1/localities?q=lugano")).await.unwrap();
    let text = reqwest::get(format!("{operations}/metrics")).await.unwrap().text().await.unwrap();
    assert_eq!(sample(&text, "swiss_checkout_upstream_breaker_open"), Some(1.0));
    assert_eq!(
        sample(&text, r#"swiss_checkout_upstream_calls_total{outcome="server_error"}"#),
        Some(2.0),
        "call and retry"
    );
}

#[tokio::test]
async fn thirty_percent_upstream_errors_give_answers_or_clear_problems_never_a_panic() {
    let sandbox = sandbox::spawn(SandboxConfig {
        knobs: KnobSettings { error_rate: Some(0.3), ..Default::default() },
        ..Default::default()
    })
    .await
    .unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.upstream.breaker_failures = 1_000;
    let (base, _server) = serve(config).await;
    let client = reqwest::Client::new();
    let mut ok = 0;
    for i in 0..100 {
        let response = client.get(format!("{base}/v1/localities?q={}", 1000 + i * 7)).send().await.unwrap();
        match response.status() {
            StatusCode::OK => ok += 1,
            StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE => assert!(problem(response).await.manual_entry),
            other => panic!("unexpected {other}"),
        }
    }
    // With one retry, about 1 - 0.3² of the lookups succeed; far more than without it.
    assert!(ok >= 80, "{ok} of 100 answered");
    assert_eq!(reqwest::get(format!("{base}/healthz")).await.unwrap().status(), StatusCode::OK);
}
