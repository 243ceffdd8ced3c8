//! The proxy against a sandbox over real HTTP: token single flight, refresh, 401 retry, input bounds and
//! upstream failures, all seen from the browser's side of the proxy and counted on the sandbox's side.

use std::time::Duration;

use api::{LocalitiesResponse, Problem, problem_type};
use proxy::config::{Config, Credentials, Secret};
use reqwest::StatusCode;
use sandbox::{KnobSettings, SandboxConfig, route};

mod common;

use common::{config_for, harness, harness_with, join_all, problem, serve};

#[tokio::test]
async fn suggests_localities_from_the_upstream() {
    let h = harness().await;
    let response = h.localities("301").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: LocalitiesResponse = response.json().await.unwrap();
    assert!(body.localities.iter().any(|l| l.label() == "3011 Bern"), "{body:?}");
    let body: LocalitiesResponse = h.localities("zuri").await.json().await.unwrap();
    assert_eq!(body.localities.first().map(|l| l.label()).as_deref(), Some("8001 Zürich"));
    // The upstream's 404 ("no results") is an empty list for the widget, not an error.
    let body: LocalitiesResponse = h.localities("xqxq").await.json().await.unwrap();
    assert!(body.localities.is_empty());
}

#[tokio::test]
async fn two_hundred_concurrent_requests_without_a_token_make_one_token_request() {
    let h = harness().await;
    let client = reqwest::Client::new();
    let requests = (0..200).map(|i| {
        let client = client.clone();
        let url = format!("{}/v1/localities?q={}", h.base, 3000 + i % 50);
        async move { client.get(url).send().await.map(|r| r.status()) }
    });
    let statuses = join_all(requests).await;
    assert!(statuses.iter().all(|s| matches!(s, Ok(StatusCode::OK))), "{statuses:?}");
    assert_eq!(h.sandbox.knobs().calls_of(route::TOKEN), 1);
    // 50 distinct queries: identical ones were coalesced or answered from the cache.
    assert_eq!(h.sandbox.knobs().calls_of(route::ZIPS), 50);
}

#[tokio::test]
async fn a_token_the_upstream_expired_is_replaced_once_and_the_call_retried() {
    let h = harness().await;
    assert_eq!(h.localities("30").await.status(), StatusCode::OK);
    h.sandbox.state().tokens.expire_all();
    let client = reqwest::Client::new();
    let burst = (0..20).map(|i| {
        let client = client.clone();
        let url = format!("{}/v1/localities?q={}", h.base, 31 + i % 5);
        async move { client.get(url).send().await.map(|r| r.status()) }
    });
    let statuses = join_all(burst).await;
    assert!(statuses.iter().all(|s| matches!(s, Ok(StatusCode::OK))), "{statuses:?}");
    assert_eq!(h.sandbox.knobs().calls_of(route::TOKEN), 2, "one first token, one replacement");
}

#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    let h = harness_with(KnobSettings { token_lifetime_secs: Some(1), ..Default::default() }, 2_000).await;
    assert_eq!(h.localities("30").await.status(), StatusCode::OK);
    // 80 % of the 1 s lifetime has passed: the next call fetches a new token first, and is never refused.
    tokio::time::sleep(Duration::from_millis(850)).await;
    assert_eq!(h.localities("31").await.status(), StatusCode::OK);
    assert_eq!(h.sandbox.knobs().calls_of(route::TOKEN), 2);
    assert_eq!(h.sandbox.knobs().calls_of(route::ZIPS), 2, "no call was answered 401 and retried");
}

#[tokio::test]
async fn bad_queries_are_400_problems_naming_the_field() {
    let h = harness().await;
    for q in ["", "   ", &"a".repeat(41), "<script>", "3011; DROP"] {
        let response = h.localities(q).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{q:?}");
        let p = problem(response).await;
        assert_eq!(p.kind, problem_type::INVALID_PARAMETER);
        assert_eq!(p.field.as_deref(), Some("q"));
        assert_eq!(p.status, 400);
    }
    let no_q = reqwest::get(format!("{}/v1/localities", h.base)).await.unwrap();
    assert_eq!(problem(no_q).await.field.as_deref(), Some("q"));
    let unknown = reqwest::get(format!("{}/v1/nothing-here", h.base)).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(problem(unknown).await.kind, problem_type::NOT_FOUND);
    assert_eq!(h.sandbox.knobs().calls_of(route::ZIPS), 0, "nothing invalid reaches the upstream");
}

#[tokio::test]
async fn upstream_outage_errors_and_slowness_are_problems_offering_manual_entry() {
    let h = harness_with(KnobSettings::default(), 300).await;
    assert_eq!(h.localities("30").await.status(), StatusCode::OK);

    h.sandbox.knobs().apply(&KnobSettings { outage: Some(true), ..Default::default() });
    let response = h.localities("31").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let p = problem(response).await;
    assert_eq!(p.kind, problem_type::UPSTREAM_UNAVAILABLE);
    assert!(p.manual_entry);

    h.sandbox.knobs().apply(&KnobSettings { outage: Some(false), error_rate: Some(1.0), ..Default::default() });
    let response = h.localities("32").await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert!(problem(response).await.manual_entry);

    h.sandbox.knobs().apply(&KnobSettings { error_rate: Some(0.0), latency_ms: Some(1_000), ..Default::default() });
    let response = h.localities("33").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "upstream timeout");

    h.sandbox.knobs().apply(&KnobSettings { latency_ms: Some(0), ..Default::default() });
    assert_eq!(h.localities("34").await.status(), StatusCode::OK, "recovers when the upstream does");
}

#[tokio::test]
async fn upstream_gone_entirely_is_503_not_a_panic() {
    // A port where a sandbox answered a moment ago and nothing listens any more.
    let gone = {
        let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
        let base = sandbox.base_url();
        drop(sandbox);
        tokio::time::sleep(Duration::from_millis(50)).await;
        base
    };
    let credentials = Credentials { client_id: "a".into(), client_secret: Secret::new("b"), expires: None };
    let (base, _server) = serve(config_for(&gone, credentials, 500)).await;
    let response = reqwest::get(format!("{base}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(problem(response).await.manual_entry);
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_credentials_are_a_bad_gateway_problem_without_the_secret() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let credentials =
        Credentials { client_id: "shop".into(), client_secret: Secret::new("wrong-secret-4711"), expires: None };
    let (base, _server) = serve(config_for(&sandbox.base_url(), credentials, 2_000)).await;
    let response = reqwest::get(format!("{base}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    let text = response.text().await.unwrap();
    assert!(!text.contains("wrong-secret-4711"));
    let p: Problem = serde_json::from_str(&text).unwrap();
    assert_eq!(p.kind, problem_type::UPSTREAM_ERROR);
}

#[tokio::test]
async fn sandbox_mode_when_no_credentials_are_configured() {
    let proxy = proxy::build(Config { www_dir: "does-not-exist".into(), ..Config::default() }).await.unwrap();
    let sandbox_url = proxy.sandbox.as_ref().map(|s| s.base_url()).unwrap();
    assert_eq!(proxy.config.upstream.token_url, format!("{sandbox_url}/OAuth/token"));
    assert_eq!(proxy.config.upstream.dcapi_base, sandbox_url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(proxy::serve(proxy::Listeners { app: listener, operations: None }, proxy, std::future::pending()));
    let health: api::Health = reqwest::get(format!("{base}/healthz")).await.unwrap().json().await.unwrap();
    assert!(health.sandbox);
    let body: LocalitiesResponse =
        reqwest::get(format!("{base}/v1/localities?q=biel")).await.unwrap().json().await.unwrap();
    assert!(body.localities.iter().any(|l| l.label() == "2502 Biel/Bienne"), "{body:?}");
}

#[tokio::test]
async fn the_subscription_key_is_sent_when_configured() {
    let sandbox = sandbox::spawn(SandboxConfig { subscription_key: Some("apim-key-1".into()), ..Default::default() })
        .await
        .unwrap();
    let without = config_for(&sandbox.base_url(), common::sandbox_credentials(), 2_000);
    let mut with = without.clone();
    with.upstream.subscription_key = Some(Secret::new("apim-key-1"));
    let (refused, _a) = serve(without).await;
    let (accepted, _b) = serve(with).await;
    let response = reqwest::get(format!("{refused}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY, "the gateway refuses calls without the key");
    let response = reqwest::get(format!("{accepted}/v1/localities?q=30")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!response.text().await.unwrap().contains("apim-key-1"));
}

#[tokio::test]
async fn a_thousand_concurrent_requests_at_token_expiry_make_one_token_request() {
    // A 10 s token is replaced after 8 s; the burst then has 8 s before the next replacement is due.
    let h = harness_with(KnobSettings { token_lifetime_secs: Some(10), ..Default::default() }, 10_000).await;
    assert_eq!(h.localities("30").await.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(8_200)).await;
    let client = reqwest::Client::new();
    // Distinct postcodes, so that every request needs the upstream (and so a token).
    let burst = (0..1000).map(|i| {
        let request = client.get(format!("{}/v1/localities", h.base)).query(&[("q", (1000 + i).to_string())]);
        async move { request.send().await.map(|r| r.status()) }
    });
    let statuses = join_all(burst).await;
    let ok = statuses.iter().filter(|s| matches!(s, Ok(StatusCode::OK))).count();
    assert_eq!(ok, 1000, "{:?}", statuses.iter().find(|s| !matches!(s, Ok(StatusCode::OK))));
    assert_eq!(h.sandbox.knobs().calls_of(route::TOKEN), 2, "the first token and exactly one replacement");
    assert_eq!(h.sandbox.knobs().calls_of(route::ZIPS), 1001);
}

#[tokio::test]
async fn two_credential_sets_rotate_without_downtime_and_expiry_is_watched() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    // The shop has moved to the new secret at Swiss Post; the old one (tried first) is refused.
    let old = Credentials {
        client_id: "retired".into(),
        client_secret: Secret::new("old-secret"),
        expires: Some("2026-11-30".into()),
    };
    let mut config = config_for(&sandbox.base_url(), old, 2_000);
    config.next_credentials = Some(Credentials { expires: Some("2027-11-30".into()), ..common::sandbox_credentials() });
    let (base, operations, _server) = common::serve_with_operations(config).await;
    for q in ["30", "31", "32"] {
        assert_eq!(reqwest::get(format!("{base}/v1/localities?q={q}")).await.unwrap().status(), StatusCode::OK);
    }
    assert_eq!(sandbox.knobs().calls_of(route::TOKEN), 2, "one refusal, then the working set");
    sandbox.state().tokens.expire_all();
    assert_eq!(reqwest::get(format!("{base}/v1/localities?q=33")).await.unwrap().status(), StatusCode::OK);
    assert_eq!(sandbox.knobs().calls_of(route::TOKEN), 3, "the working set is asked first from now on");

    let metrics = reqwest::get(format!("{operations}/metrics")).await.unwrap().text().await.unwrap();
    let days = |client: &str| {
        metrics
            .lines()
            .find(|l| l.starts_with(&format!("swiss_checkout_credential_days_left{{client_id=\"{client}\"}}")))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse::<i64>().ok())
    };
    let today = swisspost::clock::zurich_now().date();
    let expected = |date| (swisspost::clock::parse_iso_date(date).unwrap() - today).whole_days();
    assert_eq!(days("retired"), Some(expected("2026-11-30")), "{metrics}");
    assert_eq!(days(sandbox::SANDBOX_CLIENT_ID), Some(expected("2027-11-30")));
}

#[tokio::test]
async fn places_are_found_by_their_names_in_four_languages_and_one_letter_off_the_exact_one_first() {
    let h = harness().await;
    let first = |body: &LocalitiesResponse| body.localities.first().map(|l| (l.label(), l.other_name.clone()));
    let calls_before = h.calls(sandbox::route::ZIPS);
    let body: LocalitiesResponse = h.localities("Genf").await.json().await.unwrap();
    assert_eq!(first(&body), Some(("1201 Genève".into(), Some("Genf".into()))));
    assert_eq!(h.calls(sandbox::route::ZIPS), calls_before + 1, "the index asks Swiss Post nothing more");
    let body: LocalitiesResponse = h.localities("zurch").await.json().await.unwrap();
    assert_eq!(first(&body), Some(("8001 Zürich".into(), None)));
    // Swiss Post lists St. Gallenkappel among the St. Gallen rows; the exact place comes first.
    let body: LocalitiesResponse = h.localities("St. Gallen").await.json().await.unwrap();
    assert_eq!(first(&body), Some(("9000 St. Gallen".into(), None)));
    let kappel = body.localities.iter().position(|l| l.town == "St. Gallenkappel");
    let last_gallen = body.localities.iter().rposition(|l| l.town == "St. Gallen");
    assert!(matches!((last_gallen, kappel), (Some(g), Some(k)) if g < k), "{body:?}");
    // The same text again: the answer kept as sent, no second call.
    let calls = h.calls(sandbox::route::ZIPS);
    let again: LocalitiesResponse = h.localities("Genf").await.json().await.unwrap();
    assert_eq!(again.localities[0].other_name.as_deref(), Some("Genf"));
    assert_eq!(h.calls(sandbox::route::ZIPS), calls);
}
