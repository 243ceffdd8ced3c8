//! `/v1/delivery-options` against the sandbox over HTTP: kinds per place, shop prices, bad input, caching.

mod common;

use api::{DeliveryKind, DeliveryOptionsResponse, problem_type};
use common::{harness, join_all, problem};
use reqwest::StatusCode;
use sandbox::route;

const BERN: [(&str, &str); 4] =
    [("postcode", "3011"), ("town", "Bern"), ("street", "Aarbergergasse"), ("house_number", "1")];
// Hellsau, a village in the canton of Bern: no windows, no same day.
const VILLAGE: [(&str, &str); 2] = [("postcode", "3429"), ("town", "Hellsau")];

fn kinds(answer: &DeliveryOptionsResponse) -> std::collections::BTreeSet<DeliveryKind> {
    answer.options.iter().map(|o| o.kind).collect()
}

#[tokio::test]
async fn a_bern_address_has_evening_windows_a_village_does_not() {
    let h = harness().await;
    let bern: DeliveryOptionsResponse = h.get("/v1/delivery-options", &BERN).await.json().await.unwrap();
    let bern_kinds = kinds(&bern);
    for kind in [
        DeliveryKind::Standard,
        DeliveryKind::Economy,
        DeliveryKind::TimeWindow,
        DeliveryKind::Evening,
        DeliveryKind::Saturday,
    ] {
        assert!(bern_kinds.contains(&kind), "{kind:?} in {bern_kinds:?}");
    }
    let evening = bern.options.iter().find(|o| o.kind == DeliveryKind::Evening).unwrap();
    assert_eq!(evening.price_centimes, 900);
    assert!(evening.product_codes.contains(&"PRI".to_owned()) && evening.product_codes[0].starts_with("ZF"));
    assert!(evening.window_start.is_some() && evening.window_end.is_some());
    assert!(evening.order_by_date < evening.date);
    let dates: std::collections::BTreeSet<&str> = bern.options.iter().map(|o| o.date.as_str()).collect();
    assert_eq!(dates.len(), 7, "the shop's default of seven delivery dates");

    let village: DeliveryOptionsResponse = h.get("/v1/delivery-options", &VILLAGE).await.json().await.unwrap();
    let village_kinds = kinds(&village);
    assert!(village_kinds.contains(&DeliveryKind::Standard));
    assert!(!village_kinds.contains(&DeliveryKind::Evening) && !village_kinds.contains(&DeliveryKind::TimeWindow));
    assert!(!village_kinds.contains(&DeliveryKind::SameDay));

    let fewer: DeliveryOptionsResponse =
        h.get("/v1/delivery-options", &[VILLAGE[0], VILLAGE[1], ("days", "2")]).await.json().await.unwrap();
    assert_eq!(fewer.options.iter().map(|o| o.date.as_str()).collect::<std::collections::BTreeSet<_>>().len(), 2);
}

#[tokio::test]
async fn an_address_swiss_post_cannot_place_has_no_options() {
    let h = harness().await;
    let response = h.get("/v1/delivery-options", &[("postcode", "9999"), ("town", "Testort")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.json::<DeliveryOptionsResponse>().await.unwrap().options.is_empty());
}

#[tokio::test]
async fn answers_are_cached_per_address_and_coalesced() {
    let h = harness().await;
    let client = reqwest::Client::new();
    let requests = (0..20).map(|_| {
        let request = client.get(format!("{}/v1/delivery-options", h.base)).query(&BERN);
        async move { request.send().await.unwrap().status() }
    });
    assert!(join_all(requests).await.iter().all(|s| *s == StatusCode::OK));
    assert_eq!(h.get("/v1/delivery-options", &BERN).await.status(), StatusCode::OK);
    assert_eq!(h.calls(route::DELIVERABILITIES_GET), 1);
    assert_eq!(h.get("/v1/delivery-options", &VILLAGE).await.status(), StatusCode::OK);
    assert_eq!(h.calls(route::DELIVERABILITIES_GET), 2);
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field() {
    let h = harness().await;
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (&[("town", "Bern")], "postcode"),
        (&[("postcode", "30110"), ("town", "Bern")], "postcode"),
        (&[("postcode", "3011")], "town"),
        (&[("postcode", "3011"), ("town", "Bern"), ("days", "0")], "days"),
        (&[("postcode", "3011"), ("town", "Bern"), ("days", "15")], "days"),
        (&[("postcode", "3011"), ("town", "Bern"), ("house_number", "1<script>")], "house_number"),
    ];
    for (query, field) in cases {
        let response = h.get("/v1/delivery-options", query).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query:?}");
        let p = problem(response).await;
        assert_eq!((p.kind.as_str(), p.field.as_deref()), (problem_type::INVALID_PARAMETER, Some(*field)));
    }
    assert_eq!(h.calls(route::DELIVERABILITIES_GET), 0);
}
