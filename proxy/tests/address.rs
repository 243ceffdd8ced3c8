//! The address routes against the sandbox over HTTP: answers, input bounds, coalescing and the prefix
//! strategy, with upstream calls counted by the sandbox.

mod common;

use api::{
    AddressInput, AddressQuality, HouseNumbersResponse, LocalitiesResponse, StreetsResponse, ValidationResult,
    problem_type,
};
use common::{harness, harness_with, join_all, problem};
use reqwest::StatusCode;
use sandbox::{KnobSettings, route};

#[tokio::test]
async fn twenty_identical_concurrent_lookups_make_one_upstream_call() {
    // Slow answers, so the twenty requests surely overlap.
    let h = harness_with(KnobSettings { latency_ms: Some(200), ..Default::default() }, 5_000).await;
    let client = reqwest::Client::new();
    let requests = (0..20).map(|_| {
        let request = client.get(format!("{}/v1/streets", h.base)).query(&[("postcode", "3011"), ("q", "aarberg")]);
        async move { request.send().await.unwrap().json::<StreetsResponse>().await.unwrap() }
    });
    let answers = join_all(requests).await;
    assert!(answers.iter().all(|a| a.streets == ["Aarbergergasse"]), "{answers:?}");
    assert_eq!(h.calls(route::STREETS), 1);
}

#[tokio::test]
async fn typing_key_by_key_asks_once_a_complete_list_is_known() {
    let h = harness().await;
    let mut answers = Vec::new();
    for typed in ["bi", "bie", "biel", "biel/", "biel/b", "bienne"] {
        answers.push(h.localities(typed).await.json::<LocalitiesResponse>().await.unwrap());
    }
    // "bi" has more than 20 localities (incomplete), "bie" fewer: from there on the proxy filters.
    assert_eq!(h.calls(route::ZIPS), 2);
    for answer in &answers[2..] {
        assert!(answer.localities.iter().any(|l| l.label() == "2502 Biel/Bienne"), "{answer:?}");
    }
    // Filtering answers as the upstream would: the same list as asking it directly.
    let fresh = harness().await;
    let direct: LocalitiesResponse = fresh.localities("biel/b").await.json().await.unwrap();
    assert_eq!(answers[4], direct);

    for typed in ["a", "aa", "aar", "aarb", "aarbe", "aarber"] {
        let r = h.get("/v1/streets", &[("postcode", "3011"), ("q", typed)]).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(h.calls(route::STREETS), 1, "'a' in 3011 is a complete list already");
    for typed in ["", "1", "1", "10"] {
        let r = h.get("/v1/house-numbers", &[("postcode", "3011"), ("street", "Aarbergergasse"), ("q", typed)]).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert!(h.calls(route::HOUSES) <= 2, "{}", h.calls(route::HOUSES));
}

#[tokio::test]
async fn streets_and_house_numbers() {
    let h = harness().await;
    let streets: StreetsResponse =
        h.get("/v1/streets", &[("postcode", "3011"), ("q", "Aarbergerg")]).await.json().await.unwrap();
    assert_eq!(streets.streets, ["Aarbergergasse"]);
    let abbreviated: StreetsResponse =
        h.get("/v1/streets", &[("postcode", "3013"), ("q", "Breitenrainstr.")]).await.json().await.unwrap();
    assert!(abbreviated.streets.iter().any(|s| s == "Breitenrainstrasse"), "{abbreviated:?}");
    let elsewhere: StreetsResponse =
        h.get("/v1/streets", &[("postcode", "8001"), ("q", "Bahnhof")]).await.json().await.unwrap();
    assert!(elsewhere.streets.is_empty(), "no street data outside Bern: an empty list, the shopper types");

    let houses: HouseNumbersResponse =
        h.get("/v1/house-numbers", &[("postcode", "3011"), ("street", "Aarbergergasse")]).await.json().await.unwrap();
    assert_eq!(houses.house_numbers.first().map(String::as_str), Some("1"));
    let ones: HouseNumbersResponse = h
        .get("/v1/house-numbers", &[("postcode", "3011"), ("street", "aarbergergasse"), ("q", "1")])
        .await
        .json()
        .await
        .unwrap();
    assert!(!ones.house_numbers.is_empty() && ones.house_numbers.iter().all(|n| n.starts_with('1')), "{ones:?}");
}

async fn validate(h: &common::Harness, input: &AddressInput) -> reqwest::Response {
    reqwest::Client::new().post(format!("{}/v1/addresses/validate", h.base)).json(input).send().await.unwrap()
}

fn input(postcode: &str, town: &str, street: &str, number: &str) -> AddressInput {
    AddressInput { postcode: postcode.into(), town: town.into(), street: street.into(), house_number: number.into() }
}

#[tokio::test]
async fn validation_with_corrected_spelling() {
    let h = harness().await;
    let result: ValidationResult =
        validate(&h, &input("3011", "Bern", "Aarbergergasse", "1")).await.json().await.unwrap();
    assert_eq!(result, ValidationResult { quality: AddressQuality::Certified, corrected: None });

    let result: ValidationResult =
        validate(&h, &input("3011", "bern", "aarbergergasse", "1")).await.json().await.unwrap();
    assert_eq!(result.quality, AddressQuality::Certified);
    assert_eq!(result.corrected, Some(input("3011", "Bern", "Aarbergergasse", "1")));

    let result: ValidationResult =
        validate(&h, &input("8001", "Zürich", "Bahnhofstrasse", "1")).await.json().await.unwrap();
    assert_eq!(result.quality, AddressQuality::Usable);
    let result: ValidationResult =
        validate(&h, &input("3011", "Zürich", "Aarbergergasse", "1")).await.json().await.unwrap();
    assert_eq!(result, ValidationResult { quality: AddressQuality::Unusable, corrected: None });
}

#[tokio::test]
async fn bad_address_input_is_a_400_naming_the_field() {
    let h = harness().await;
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        ("/v1/streets", &[("q", "aar")], "postcode"),
        ("/v1/streets", &[("postcode", "301"), ("q", "aar")], "postcode"),
        ("/v1/streets", &[("postcode", "3011")], "q"),
        ("/v1/streets", &[("postcode", "3011"), ("q", "<b>")], "q"),
        ("/v1/house-numbers", &[("postcode", "3011")], "street"),
        ("/v1/house-numbers", &[("postcode", "3011"), ("street", "Aarbergergasse"), ("q", "1234567890123")], "q"),
        ("/v1/house-numbers", &[("postcode", "3011"), ("street", "Aarbergergasse"), ("q", "1;")], "q"),
    ];
    for (path, query, field) in cases {
        let response = h.get(path, query).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path} {query:?}");
        let p = problem(response).await;
        assert_eq!(p.kind, problem_type::INVALID_PARAMETER);
        assert_eq!(p.field.as_deref(), Some(*field), "{path} {query:?}");
    }
    let validation_cases = [
        (input("30", "Bern", "Aarbergergasse", "1"), "postcode"),
        (input("3011", "", "Aarbergergasse", "1"), "town"),
        (input("3011", "Bern", "", "1"), "street"),
        (input("3011", "Bern", &"x".repeat(61), "1"), "street"),
        (input("3011", "Bern", "Aarbergergasse", "1{}"), "house_number"),
    ];
    for (body, field) in validation_cases {
        let p = problem(validate(&h, &body).await).await;
        assert_eq!(p.field.as_deref(), Some(field), "{body:?}");
    }
    let not_json = reqwest::Client::new()
        .post(format!("{}/v1/addresses/validate", h.base))
        .header("content-type", "application/json")
        .body("{\"postcode\":")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(not_json).await.field.as_deref(), Some("body"));
    assert_eq!(h.calls(route::STREETS) + h.calls(route::HOUSES) + h.calls(route::VALIDATION), 0);
}
