//! The server-only route `/server/v1/selections/check`: the secret server key as a bearer token, no
//! browser origin, and a selection checked against Swiss Post (the sandbox) as the shop's server sees it.

mod common;

use api::{AddressSelection, Selection, SelectionCheck, problem_type};
use common::{config_for, problem, sandbox_credentials, serve};
use proxy::config::Secret;
use reqwest::StatusCode;

const SERVER_KEY: &str = "test-server-key-0123456789";

async fn proxy_with_server_key(key: Option<&str>) -> (sandbox::RunningSandbox, String) {
    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    config.server_key = key.map(Secret::new);
    config.allowed_origins = vec!["https://shop.example".into()];
    let (base, _server) = serve(config).await;
    (sandbox, base)
}

async fn check(base: &str, selection: &Selection, bearer: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().post(format!("{base}{}", api::CHECK_SELECTION_PATH)).json(selection);
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn without_the_right_key_the_answer_is_401_asking_for_a_bearer_token() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    let selection = Selection { address: common::bern_address(), delivery: None, pickup: None };
    for bearer in [None, Some("wrong-key-of-some-length"), Some(&SERVER_KEY[..SERVER_KEY.len() - 1])] {
        let response = check(&base, &selection, bearer).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        assert_eq!(problem(response).await.kind, problem_type::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn with_no_key_configured_the_route_refuses_everyone() {
    let (_sandbox, base) = proxy_with_server_key(None).await;
    let selection = Selection { address: common::bern_address(), ..Default::default() };
    assert_eq!(check(&base, &selection, Some(SERVER_KEY)).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_browser_origin_is_refused_even_an_allowed_one_with_the_key_and_gets_no_cors_headers() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    let client = reqwest::Client::new();
    let url = format!("{base}{}", api::CHECK_SELECTION_PATH);
    let response = client
        .post(&url)
        .header("origin", "https://shop.example")
        .bearer_auth(SERVER_KEY)
        .json(&Selection { address: common::bern_address(), ..Default::default() })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get("access-control-allow-origin").is_none());
    let preflight = client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://shop.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::FORBIDDEN);
    assert!(preflight.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_selection_is_checked_against_swiss_post_now() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    let evening = common::evening_in_bern(&base).await;

    let as_chosen = Selection { address: common::bern_address(), delivery: Some(evening.clone()), pickup: None };
    let answer: SelectionCheck = check(&base, &as_chosen, Some(SERVER_KEY)).await.json().await.unwrap();
    assert_eq!(answer.address.quality, api::AddressQuality::Certified);
    assert_eq!(answer.delivery_offered, Some(true));
    assert!(answer.shippable);

    // A price the browser changed is not what is offered.
    let tampered =
        Selection { delivery: Some(api::DeliveryOption { price_centimes: 0, ..evening }), ..as_chosen.clone() };
    let answer: SelectionCheck = check(&base, &tampered, Some(SERVER_KEY)).await.json().await.unwrap();
    assert_eq!(answer.delivery_offered, Some(false));
    assert!(!answer.shippable);

    // A town that does not belong to the postcode.
    let wrong_town = Selection {
        address: AddressSelection { town: "Genève".into(), ..common::bern_address() },
        ..Default::default()
    };
    let answer: SelectionCheck = check(&base, &wrong_town, Some(SERVER_KEY)).await.json().await.unwrap();
    assert_eq!(answer.address.quality, api::AddressQuality::Unusable);
    assert_eq!(answer.delivery_offered, None);
    assert!(!answer.shippable);
}

#[tokio::test]
async fn a_malformed_selection_is_a_400_naming_the_field() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    let bad = Selection {
        address: AddressSelection { postcode: "30".into(), ..common::bern_address() },
        ..Default::default()
    };
    let response = check(&base, &bad, Some(SERVER_KEY)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await.field.as_deref(), Some("postcode"));
    let response = reqwest::Client::new()
        .post(format!("{base}{}", api::CHECK_SELECTION_PATH))
        .bearer_auth(SERVER_KEY)
        .header("content-type", "application/json")
        .body("{\"address\": 7}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await.field.as_deref(), Some("body"));
}

#[tokio::test]
async fn openapi_json_describes_every_route() {
    let (_sandbox, base) = proxy_with_server_key(None).await;
    let doc: serde_json::Value = reqwest::get(format!("{base}/openapi.json")).await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/v1/localities",
        "/v1/delivery-options",
        "/v1/pickup-points",
        "/v1/pickup-user",
        "/v1/map/switzerland.geojson",
        "/server/v1/selections/check",
        "/server/v1/labels",
        "/readyz",
        "/openapi.json",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert!(!paths.contains_key("/metrics"), "served on the operator's listener, not described here");
}

/// The fields of an order placed with the element's plain fields (no wasm), as the shop's server received them.
async fn check_posted(base: &str, body: &str, prefix: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}{}?name_prefix={prefix}", api::CHECK_SELECTION_PATH))
        .bearer_auth(SERVER_KEY)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_posted_fields_as_they_came_get_swiss_posts_verdict_and_the_delivery_options_there() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    // As the plain fields post them: unverified, no delivery option, the shop's own fields around them.
    let body = "customer_name=Anna+Muster&shipping_postcode=3011&shipping_town=Bern&shipping_street=Kramgasse\
                &shipping_house_number=49&shipping_address_verified=false";
    let response = check_posted(&base, body, "shipping_").await;
    assert_eq!(response.status(), StatusCode::OK);
    let checked: SelectionCheck = response.json().await.unwrap();
    assert_eq!(checked.address.quality, api::AddressQuality::Certified);
    assert!(checked.shippable);
    assert_eq!(checked.delivery_offered, None, "nothing was chosen");
    let standard = checked.delivery_options.iter().find(|o| o.kind == api::DeliveryKind::Standard);
    assert!(standard.is_some(), "a standard delivery to ship: {:?}", checked.delivery_options);

    // Swiss Post's spelling: the options are those of the address as it knows it.
    let body = "shipping_postcode=3011&shipping_town=bern&shipping_street=kramgasse&shipping_house_number=49";
    let checked: SelectionCheck = check_posted(&base, body, "shipping_").await.json().await.unwrap();
    assert!(!checked.delivery_options.is_empty());

    // A chosen option that is not offered: not shippable as chosen.
    let body = "postcode=3011&town=Bern&street=Kramgasse&house_number=49&delivery_option=no-such-option";
    let checked: SelectionCheck = check_posted(&base, body, "").await.json().await.unwrap();
    assert_eq!(checked.delivery_offered, Some(false));
    assert!(!checked.shippable);

    // What is missing or malformed is a 400 naming the field, never a 500.
    let response = check_posted(&base, "shipping_town=Bern&shipping_street=Kramgasse", "shipping_").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await.field.as_deref(), Some("postcode"));
    let response = check_posted(&base, "%zz=%", "").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_selection_with_both_a_delivery_option_and_a_pickup_point_is_refused() {
    let (_sandbox, base) = proxy_with_server_key(Some(SERVER_KEY)).await;
    let option = common::evening_in_bern(&base).await;
    let point = api::PickupSelection {
        point_id: "p".into(),
        kind: api::PickupKind::PickPost,
        name: "n".into(),
        address: common::bern_address(),
        user: None,
        product: None,
        price_centimes: None,
        ready_on: None,
    };
    let both = Selection { address: common::bern_address(), delivery: Some(option), pickup: Some(point) };
    let response = check(&base, &both, Some(SERVER_KEY)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await.field.as_deref(), Some("pickup"));
    let body = "postcode=3011&town=Bern&street=Kramgasse&house_number=49&delivery_option=x&pickup_point_id=y";
    let response = check_posted(&base, body, "").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await.field.as_deref(), Some("pickup_point_id"));
}
