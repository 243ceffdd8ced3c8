//! The sandbox against the wire contract of POST-API.md, over real HTTP, with every answer parsed by the
//! `swisspost-wire` types that the proxy's upstream client uses.

use reqwest::StatusCode;
use sandbox::{KnobSettings, RunningSandbox, SandboxConfig, route};
use swisspost::{
    ApiError, HousesResponse, OAuthError, Quality, StreetsResponse, TokenResponse, ValidationResponse, ZipsResponse,
    scope,
};

async fn start() -> RunningSandbox {
    sandbox::spawn(SandboxConfig::default()).await.expect("sandbox starts")
}

fn form(scope: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".into()),
        ("client_id", sandbox::SANDBOX_CLIENT_ID.into()),
        ("client_secret", sandbox::SANDBOX_CLIENT_SECRET.into()),
        ("scope", scope.into()),
    ]
}

async fn token(sb: &RunningSandbox, scope: &str) -> String {
    let response =
        reqwest::Client::new().post(format!("{}/OAuth/token", sb.base_url())).form(&form(scope)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<TokenResponse>().await.unwrap().access_token
}

async fn get(sb: &RunningSandbox, token: &str, path_and_query: &str) -> reqwest::Response {
    reqwest::Client::new().get(format!("{}{path_and_query}", sb.base_url())).bearer_auth(token).send().await.unwrap()
}

#[tokio::test]
async fn recorded_token_exchange_parses_with_the_proxy_types() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../swisspost/fixtures/oca-delivery-carrier-dcapi");
    let body = std::fs::read_to_string(format!("{dir}/test_store_label.1.token.response.json")).unwrap();
    let parsed: TokenResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(parsed.token_type, "Bearer");
    assert_eq!(parsed.expires_in, Some(60));
    // The recorded request's form has exactly the fields the sandbox reads.
    let request = std::fs::read_to_string(format!("{dir}/test_store_label.1.token.request.form.txt")).unwrap();
    let form: swisspost::TokenRequest = serde_urlencoded::from_str(request.trim()).unwrap();
    assert_eq!(form.grant_type, "client_credentials");
    assert_eq!(form.scope.as_deref(), Some("DCAPI_BARCODE_READ"));
}

#[tokio::test]
async fn token_from_form_body_or_query_string_with_the_recorded_shape() {
    let sb = start().await;
    let client = reqwest::Client::new();
    let by_form = client
        .post(format!("{}/OAuth/token", sb.base_url()))
        .form(&form(scope::ADDRESS_AUTOCOMPLETE))
        .send()
        .await
        .unwrap();
    assert_eq!(by_form.status(), StatusCode::OK);
    assert_eq!(by_form.headers()["cache-control"], "no-store");
    let body: serde_json::Value = by_form.json().await.unwrap();
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["access_token", "expires_in", "token_type"]);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 60);
    assert!(body["access_token"].as_str().unwrap().len() > 1000, "opaque token of about 1.2 KB");

    let by_query = client
        .post(format!("{}/OAuth/token", sb.base_url()))
        .query(&form(scope::ADDRESS_AUTOCOMPLETE))
        .send()
        .await
        .unwrap();
    assert_eq!(by_query.status(), StatusCode::OK);
    assert_eq!(sb.knobs().calls_of(route::TOKEN), 2);
}

#[tokio::test]
async fn token_errors() {
    let sb = start().await;
    let client = reqwest::Client::new();
    let url = format!("{}/OAuth/token", sb.base_url());

    let mut wrong_secret = form(scope::ADDRESS_AUTOCOMPLETE);
    wrong_secret[2].1 = "nope".into();
    let response = client.post(&url).form(&wrong_secret).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.json::<OAuthError>().await.unwrap().error, "invalid_client");

    // As recorded from the real endpoint: no scope → 503 with an empty text/html body.
    let no_scope: Vec<_> = form("").into_iter().filter(|(k, _)| *k != "scope").collect();
    let response = client.post(&url).form(&no_scope).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["content-type"], "text/html; charset=UTF-8");
    assert_eq!(response.text().await.unwrap(), "");

    let response = client.post(&url).form(&form("DCAPI_NOT_A_SCOPE")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.json::<OAuthError>().await.unwrap().error, "invalid_scope");

    let mut wrong_grant = form(scope::ADDRESS_AUTOCOMPLETE);
    wrong_grant[0].1 = "password".into();
    let response = client.post(&url).form(&wrong_grant).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn api_routes_check_token_and_scope() {
    let sb = start().await;
    let response = reqwest::get(format!("{}/address/v1/zips?zipCity=30", sb.base_url())).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = get(&sb, "not-a-token", "/address/v1/zips?zipCity=30").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // As found against the live API: /houses refuses a token that has only the autocomplete scope.
    let autocomplete_only = token(&sb, scope::ADDRESS_AUTOCOMPLETE).await;
    assert_eq!(get(&sb, &autocomplete_only, "/address/v1/zips?zipCity=30").await.status(), StatusCode::OK);
    let response = get(&sb, &autocomplete_only, "/address/v1/houses?zip=3011&streetname=Aarbergergasse").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    sb.state().tokens.expire_all();
    assert_eq!(get(&sb, &autocomplete_only, "/address/v1/zips?zipCity=30").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn token_lifetime_is_a_knob() {
    let sb = sandbox::spawn(SandboxConfig {
        knobs: KnobSettings { token_lifetime_secs: Some(1), ..Default::default() },
        ..Default::default()
    })
    .await
    .unwrap();
    let response = reqwest::Client::new()
        .post(format!("{}/OAuth/token", sb.base_url()))
        .form(&form(scope::ADDRESS_AUTOCOMPLETE))
        .send()
        .await
        .unwrap();
    let token: TokenResponse = response.json().await.unwrap();
    assert_eq!(token.expires_in, Some(1));
    assert_eq!(get(&sb, &token.access_token, "/address/v1/zips?zipCity=30").await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(get(&sb, &token.access_token, "/address/v1/zips?zipCity=30").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn zips_by_postcode_and_by_name_with_the_documented_fields() {
    let sb = start().await;
    let t = token(&sb, scope::ADDRESS_AUTOCOMPLETE).await;

    let response = get(&sb, &t, "/address/v1/zips?zipCity=301&type=DOMICILE").await;
    assert_eq!(response.status(), StatusCode::OK);
    let raw: serde_json::Value = response.json().await.unwrap();
    let first = raw["zips"][0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["city18", "city27", "zip"]);
    let zips: ZipsResponse = serde_json::from_value(raw).unwrap();
    assert!(zips.zips.iter().any(|z| z.zip == "3011" && z.city18 == "Bern"));

    for (query, wanted) in [("zurich", "Zürich"), ("ZÜRI", "Zürich"), ("geneve", "Genève"), ("biel", "Biel/Bienne")]
    {
        let zips: ZipsResponse = get(&sb, &t, &format!("/address/v1/zips?zipCity={query}")).await.json().await.unwrap();
        assert!(zips.zips.iter().any(|z| z.city27 == wanted), "{query} should find {wanted}: {zips:?}");
    }

    let many: ZipsResponse = get(&sb, &t, "/address/v1/zips?zipCity=8").await.json().await.unwrap();
    assert_eq!(many.zips.len(), 20, "at most 20 rows");

    let long: ZipsResponse = get(&sb, &t, "/address/v1/zips?zipCity=Chavannes-pr").await.json().await.unwrap();
    let row = long.zips.iter().find(|z| z.city27 == "Chavannes-près-Renens").unwrap();
    assert_eq!(row.city18, "Chavannes-près-Ren");

    let postbox: ZipsResponse = get(&sb, &t, "/address/v1/zips?zipCity=1001&type=POSTBOX").await.json().await.unwrap();
    assert!(!postbox.zips.is_empty());
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=1001&type=DOMICILE").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn zips_errors() {
    let sb = start().await;
    let t = token(&sb, scope::ADDRESS_AUTOCOMPLETE).await;
    let response = get(&sb, &t, "/address/v1/zips?zipCity=xqxqxq").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    response.json::<ApiError>().await.unwrap();
    assert_eq!(get(&sb, &t, "/address/v1/zips").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=%20").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=30&type=HOUSE").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        get(&sb, &t, &format!("/address/v1/zips?zipCity={}", "a".repeat(101))).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn streets_and_houses_of_bern() {
    let sb = start().await;
    let t = token(&sb, scope::ADDRESS_SCOPES).await;

    let streets: StreetsResponse =
        get(&sb, &t, "/address/v1/streets?name=aarberg&zip=3011").await.json().await.unwrap();
    assert_eq!(streets.streets, ["Aarbergergasse"]);
    let alias: StreetsResponse = get(&sb, &t, "/address/v1/streets?street=aarberg").await.json().await.unwrap();
    assert!(alias.streets.contains(&"Aarbergergasse".to_owned()));
    let many: StreetsResponse = get(&sb, &t, "/address/v1/streets?name=b").await.json().await.unwrap();
    assert_eq!(many.streets.len(), 20);
    // The sandbox knows Bern's streets only; elsewhere it answers like the real API when it knows nothing.
    assert_eq!(get(&sb, &t, "/address/v1/streets?name=bahnhof&zip=8001").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&sb, &t, "/address/v1/streets?name=bahnhof&zip=80").await.status(), StatusCode::BAD_REQUEST);

    let houses: HousesResponse =
        get(&sb, &t, "/address/v1/houses?zip=3011&streetname=Aarbergergasse").await.json().await.unwrap();
    assert_eq!(houses.houses.first().map(String::as_str), Some("1"));
    assert!(houses.houses.len() <= 20);
    let ones: HousesResponse =
        get(&sb, &t, "/address/v1/houses?zip=3011&streetname=aarbergergasse&number=1").await.json().await.unwrap();
    assert!(ones.houses.iter().all(|h| h.starts_with('1')), "{ones:?}");
    assert_eq!(get(&sb, &t, "/address/v1/houses?zip=3011").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        get(&sb, &t, "/address/v1/houses?zip=3011&streetname=Nowhere%20Street").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn validate(sb: &RunningSandbox, token: &str, body: serde_json::Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/address/v1/addresses/validation", sb.base_url()))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn address(street: &str, number: &str, zip: &str, city: &str) -> serde_json::Value {
    serde_json::json!({
        "addressee": {"firstName": "Hans", "lastName": "Muster"},
        "geographicLocation": {"house": {"street": street, "houseNumber": number}, "zip": {"zip": zip, "city": city}},
        "logisticLocation": {"postBoxNumber": ""},
        "fullValidation": true
    })
}

#[tokio::test]
async fn validation_qualities_and_corrected_spelling() {
    let sb = start().await;
    let t = token(&sb, scope::ADDRESS_VALIDATE).await;

    let response = validate(&sb, &t, address("aarbergergasse", "1", "3011", "bern")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let certified: ValidationResponse = response.json().await.unwrap();
    assert_eq!(certified.quality, Quality::Certified);
    let house = &certified.address.geographic_location.house;
    assert_eq!(house.street.as_deref(), Some("Aarbergergasse"), "corrected spelling");
    assert_eq!(certified.address.geographic_location.zip.city.as_deref(), Some("Bern"));
    assert!(house.house_key.as_deref().is_some_and(|k| !k.is_empty()));
    assert_eq!(certified.expires.len(), "20190822T181333+0200".len());
    assert!(certified.expires.as_bytes()[8] == b'T');
    assert_eq!(certified.address.id.len(), 36);
    assert_eq!(certified.address.kind, "DOMICILE");

    let usable: ValidationResponse =
        validate(&sb, &t, address("Bahnhofstrasse", "1", "8001", "Zürich")).await.json().await.unwrap();
    assert_eq!(usable.quality, Quality::Usable);

    let unusable: ValidationResponse =
        validate(&sb, &t, address("Aarbergergasse", "1", "3011", "Zürich")).await.json().await.unwrap();
    assert_eq!(unusable.quality, Quality::Unusable);

    let bad = reqwest::Client::new()
        .post(format!("{}/address/v1/addresses/validation", sb.base_url()))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(validate(&sb, &t, address("A", "1", "", "Bern")).await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn fault_knobs_and_counters_over_http() {
    let sb = start().await;
    let t = token(&sb, scope::ADDRESS_AUTOCOMPLETE).await;
    let client = reqwest::Client::new();
    let knobs_url = format!("{}/__sandbox/knobs", sb.base_url());

    client.post(&knobs_url).json(&KnobSettings { outage: Some(true), ..Default::default() }).send().await.unwrap();
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=30").await.status(), StatusCode::SERVICE_UNAVAILABLE);
    client
        .post(&knobs_url)
        .json(&KnobSettings { outage: Some(false), error_rate: Some(1.0), ..Default::default() })
        .send()
        .await
        .unwrap();
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=30").await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    client
        .post(&knobs_url)
        .json(&KnobSettings { error_rate: Some(0.0), latency_ms: Some(150), ..Default::default() })
        .send()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    assert_eq!(get(&sb, &t, "/address/v1/zips?zipCity=30").await.status(), StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(150), "latency is added");

    let calls: std::collections::BTreeMap<String, u64> =
        client.get(format!("{}/__sandbox/calls", sb.base_url())).send().await.unwrap().json().await.unwrap();
    assert_eq!(calls.get(route::ZIPS), Some(&3));
    assert_eq!(calls.get(route::TOKEN), Some(&1));
    client.delete(format!("{}/__sandbox/calls", sb.base_url())).send().await.unwrap();
    assert_eq!(sb.knobs().calls_of(route::ZIPS), 0);
}

/// The object keys of every element of `days[]` and of every deliverability, as sets.
fn key_sets(body: &serde_json::Value) -> (std::collections::BTreeSet<String>, std::collections::BTreeSet<String>) {
    let mut day_keys = std::collections::BTreeSet::new();
    let mut item_keys = std::collections::BTreeSet::new();
    for day in body["days"].as_array().unwrap() {
        day_keys.extend(day.as_object().unwrap().keys().cloned());
        for item in day["deliverabilities"].as_array().unwrap() {
            item_keys.extend(item.as_object().unwrap().keys().cloned());
        }
    }
    (day_keys, item_keys)
}

#[tokio::test]
async fn deliverabilities_are_shaped_like_the_recorded_answer() {
    let sb = start().await;
    let t = token(&sb, scope::DELIVERY).await;
    let recorded: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../swisspost/fixtures/ibrows-post_wedec_bundle/delivery_v1_deliverabilities_when.json"
        ))
        .unwrap(),
    )
    .unwrap();
    // Hellsau (3429): a village, so no same-day items with their extra dropOffInfo member.
    let path = "/api/delivery/v1/deliverabilities/when?address.geographicLocation.zip.zip=3429\
                &address.geographicLocation.zip.city=Hellsau&date=2016-12-22&dayCount=14";
    let response = get(&sb, &t, path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let ours: serde_json::Value = response.json().await.unwrap();
    assert_eq!(key_sets(&ours), key_sets(&recorded));
    assert_eq!(ours["quality"], recorded["quality"]);
    assert_eq!(ours["days"].as_array().unwrap().len(), 14);
    // The same calendar as recorded: 25 December 2016 a Sunday, the 26th a holiday, the 24th a working Saturday.
    for (i, activity) in [(2, "WORK"), (3, "SUNDAY"), (4, "HOLIDAY")] {
        assert_eq!(ours["days"][i]["activity"], activity);
        assert_eq!(ours["days"][i]["activity"], recorded["days"][i]["activity"]);
    }
    let parsed: swisspost::DeliverabilitiesResponse = serde_json::from_value(ours).unwrap();
    assert!(parsed.days[2].deliverabilities.iter().any(|d| d.product_code == "PRI,SA"));
}

#[tokio::test]
async fn deliverabilities_by_post_with_delivery_dates_and_errors() {
    let sb = start().await;
    let t = token(&sb, scope::DELIVERY).await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/delivery/v1/deliverabilities/when", sb.base_url());
    let body = serde_json::json!({
        "address": {"geographicLocation": {"zip": {"zip": 3011, "city": "Bern"}}},
        "deliveryDates": ["2026-12-08", "2026-12-25"]
    });
    let response = client.post(&url).bearer_auth(&t).json(&body).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let parsed: swisspost::DeliverabilitiesResponse = response.json().await.unwrap();
    assert_eq!(parsed.days.len(), 2);
    assert!(parsed.days[0].deliverabilities.iter().any(|d| d.product_code == "ZF17301900,PRI"));
    assert_eq!(parsed.days[1].activity, swisspost::Activity::Holiday);

    let unknown = serde_json::json!({"address": {"geographicLocation": {"zip": {"zip": "9999", "city": "Nowhere"}}}});
    assert_eq!(client.post(&url).bearer_auth(&t).json(&unknown).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let wrong_town = serde_json::json!({"address": {"geographicLocation": {"zip": {"zip": "3011", "city": "Zürich"}}}});
    assert_eq!(
        client.post(&url).bearer_auth(&t).json(&wrong_town).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    for bad in [
        "address.geographicLocation.zip.zip=30",
        "address.geographicLocation.zip.zip=3011&dayCount=0",
        "address.geographicLocation.zip.zip=3011&dayCount=x",
        "address.geographicLocation.zip.zip=3011&date=24.12.2026",
        "address.geographicLocation.zip.zip=3011&deliveryDates=tomorrow",
    ] {
        let response = get(&sb, &t, &format!("/api/delivery/v1/deliverabilities/when?{bad}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    // The delivery scope is needed.
    let address_only = token(&sb, scope::ADDRESS_AUTOCOMPLETE).await;
    let response =
        get(&sb, &address_only, "/api/delivery/v1/deliverabilities/when?address.geographicLocation.zip.zip=3011").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn holidays_in_four_languages() {
    let sb = start().await;
    let t = token(&sb, scope::DELIVERY).await;
    let list: Vec<swisspost::HolidayEntry> =
        get(&sb, &t, "/api/delivery/v1/options/holidays?year=2027").await.json().await.unwrap();
    assert_eq!(list.len(), 8);
    let good_friday = list.iter().find(|h| h.date == "2027-03-26").unwrap();
    assert_eq!(good_friday.name.de, "Karfreitag");
    assert_eq!(good_friday.name.fr, "Vendredi saint");
    let default: Vec<swisspost::HolidayEntry> =
        get(&sb, &t, "/api/delivery/v1/options/holidays").await.json().await.unwrap();
    assert_eq!(default.len(), 16, "this year and next");
    assert_eq!(get(&sb, &t, "/api/delivery/v1/options/holidays?year=abc").await.status(), StatusCode::BAD_REQUEST);
}
