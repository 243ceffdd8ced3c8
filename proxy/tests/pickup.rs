//! The proxy's pickup routes against the sandbox over HTTP: bad boxes and kinds are 400s naming the field,
//! the whole country stays small (clusters), a city lists points with hours nearest first, and the user id
//! comes back with its `name2` line; the map centres on a place typed by another of its names ("Genf");
//! personal data stays out of the logs' `Debug`.

mod common;

use api::{IdentityCheck, PickupKind, PickupPointsResponse, PickupUser, PickupUserRequest, problem_type};
use common::{harness, problem};
use reqwest::StatusCode;

#[tokio::test]
async fn bad_boxes_kinds_and_positions_are_400_naming_the_field() {
    let h = harness().await;
    for (query, field) in [
        (vec![], "bbox"),
        (vec![("bbox", "1,2,3")], "bbox"),
        (vec![("bbox", "9.45,47.39,9.30,47.45")], "bbox"),
        (vec![("bbox", "NaN,1,2,3")], "bbox"),
        (vec![("bbox", "9.30,47.39,9.45,47.45"), ("types", "lockers")], "types"),
        (vec![("bbox", "9.30,47.39,9.45,47.45"), ("near", "47.4")], "near"),
        (vec![("bbox", "9.30,47.39,9.45,47.45"), ("product", "express")], "product"),
    ] {
        let response = h.get(api::PICKUP_POINTS_PATH, &query).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query:?}");
        let problem = problem(response).await;
        assert_eq!(problem.kind, problem_type::INVALID_PARAMETER);
        assert_eq!(problem.field.as_deref(), Some(field), "{query:?}");
    }
}

#[tokio::test]
async fn the_whole_country_is_clusters_in_a_few_kilobytes_a_city_is_points_nearest_first() {
    let h = harness().await;
    let response = h.get(api::PICKUP_POINTS_PATH, &[("bbox", "5.9,45.8,10.5,47.85")]).await;
    let body = response.bytes().await.unwrap();
    let country: PickupPointsResponse = serde_json::from_slice(&body).unwrap();
    assert!(country.points.is_empty());
    assert!(country.total > 2_800, "{}", country.total);
    assert_eq!(country.clusters.iter().map(|c| c.count).sum::<u32>(), country.total);
    assert!(body.len() < 16_000, "whole-country answer is {} bytes", body.len());
    println!(
        "whole-country answer: {} bytes for {} points in {} clusters",
        body.len(),
        country.total,
        country.clusters.len()
    );

    let city: PickupPointsResponse = h
        .get(
            api::PICKUP_POINTS_PATH,
            &[("bbox", "9.30,47.39,9.45,47.45"), ("types", "mypost24,post_office"), ("near", "47.4225,9.3686")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(city.clusters.is_empty());
    assert_eq!(city.points[0].id, "001MP24_001202506", "the terminal at the station is nearest");
    assert!(city.points.iter().all(|p| p.kind != PickupKind::PickPost));
    let distances: Vec<u32> = city.points.iter().filter_map(|p| p.distance_m).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let office = city.points.iter().find(|p| p.kind == PickupKind::PostOffice).unwrap();
    assert_eq!(office.opening_hours.len(), 7);
    assert!(office.opening_hours[6].spans.is_empty(), "closed on Sunday");
    assert!(office.hours_synthetic && !office.synthetic);
}

#[tokio::test]
async fn each_point_says_when_a_parcel_arrives_there_with_the_asked_product() {
    let h = harness().await;
    let points = |product: &'static str| {
        let h = &h;
        async move {
            let query = [("bbox", "9.36,47.42,9.38,47.43"), ("types", "pickpost,mypost24"), ("product", product)];
            h.get(api::PICKUP_POINTS_PATH, &query).await.json::<PickupPointsResponse>().await.unwrap().points
        }
    };
    let standard = points("standard").await;
    let economy = points("economy").await;
    assert!(!standard.is_empty());
    for (s, e) in standard.iter().zip(&economy) {
        let (s_date, e_date) = (s.arrives_on.as_deref().unwrap(), e.arrives_on.as_deref().unwrap());
        assert!(e_date > s_date, "economy ({e_date}) arrives after standard ({s_date}) at {}", s.id);
    }
    // The same day the delivery options give for the point's own address.
    let (point, (street, house_number)) = standard
        .iter()
        .find_map(|p| {
            let split = p.street.rsplit_once(' ')?;
            split.1.starts_with(|c: char| c.is_ascii_digit()).then_some((p, split))
        })
        .unwrap();
    let options: Vec<api::DeliveryOption> = h
        .get(
            api::DELIVERY_OPTIONS_PATH,
            &[
                ("postcode", point.postcode.as_str()),
                ("town", point.town.as_str()),
                ("street", street),
                ("house_number", house_number),
            ],
        )
        .await
        .json::<api::DeliveryOptionsResponse>()
        .await
        .unwrap()
        .options;
    let first_standard = options.iter().find(|o| o.kind == api::DeliveryKind::Standard).unwrap();
    assert_eq!(point.arrives_on.as_deref(), Some(first_standard.date.as_str()));
    // And what the shop charges for it, as for home delivery of that kind.
    assert_eq!(point.price_centimes, Some(first_standard.price_centimes));
}

#[tokio::test]
async fn the_user_id_comes_with_its_name2_line() {
    let h = harness().await;
    let client = reqwest::Client::new();
    let ask = |kind: Option<PickupKind>, email: &str| {
        let request = PickupUserRequest {
            first_name: "Anna".into(),
            last_name: "Muster".into(),
            email: email.into(),
            language: "de".into(),
            kind,
        };
        client.post(format!("{}{}", h.base, api::PICKUP_USER_PATH)).json(&request).send()
    };
    let terminal: PickupUser = ask(Some(PickupKind::MyPost24), "anna@example.ch").await.unwrap().json().await.unwrap();
    assert_eq!(terminal.verified, IdentityCheck::None);
    assert_eq!(terminal.name2, format!("MyPost24 {}", terminal.id));
    let counter: PickupUser = ask(Some(PickupKind::PickPost), "anna@example.ch").await.unwrap().json().await.unwrap();
    assert_eq!(counter.id, terminal.id, "the same shopper, the same id");
    assert_eq!(counter.name2, format!("PickPost {}", terminal.id));
    let checked: PickupUser =
        ask(Some(PickupKind::PickPost), "anna@verified.example").await.unwrap().json().await.unwrap();
    assert_eq!(checked.verified, IdentityCheck::Checked);
    let response = ask(Some(PickupKind::PickPost), "not-an-address").await.unwrap();
    assert_eq!(problem(response).await.field.as_deref(), Some("email"));
    let response = ask(None, "anna@example.ch").await.unwrap();
    assert_eq!(problem(response).await.field.as_deref(), Some("kind"));
}

#[test]
fn personal_data_never_reaches_a_debug_line() {
    let request = PickupUserRequest {
        first_name: "Annelies".into(),
        last_name: "Mustermann".into(),
        email: "annelies@example.ch".into(),
        language: "de".into(),
        kind: Some(PickupKind::MyPost24),
    };
    let printed = format!("{request:?}");
    for secret in ["Annelies", "Mustermann", "annelies@example.ch"] {
        assert!(!printed.contains(secret), "{printed}");
    }
}

#[tokio::test]
async fn the_map_centres_on_a_place_typed_by_another_of_its_names_or_one_letter_off() {
    let h = harness().await;
    for typed in ["Genève", "Genf", "Ginevra", "Genevve"] {
        let response = h.get(api::PICKUP_PLACES_PATH, &[("q", typed)]).await;
        assert_eq!(response.status(), StatusCode::OK, "{typed}");
        let body: api::PickupPlacesResponse = response.json().await.unwrap();
        let first = body.places.first().unwrap_or_else(|| panic!("{typed}: no place"));
        assert!(first.name.contains("Genève"), "{typed}: {}", first.name);
        assert!((46.1..46.3).contains(&first.lat), "{typed}: {}", first.lat);
    }
}
