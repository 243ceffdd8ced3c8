//! After the sale through the proxy, on the sandbox: a label's shipment tracked by the shop's server and,
//! with a sealed link, by the shopper (altered, foreign or misused links are 403s that say nothing); returns
//! ordered and approved in one call, idempotent, with Swiss Post's refusals as 422s naming the field.

mod common;

use api::aftersale::{Link, ReturnConfirmation, ReturnOptions, Shipment, ShipmentStatus};
use common::{config_for, problem, sandbox_credentials, serve};
use proxy::config::{Secret, Sender};
use reqwest::StatusCode;
use sandbox::KnobSettings;
use serde_json::{Value, json};

const SERVER_KEY: &str = "test-server-key-0123456789";

struct Shop {
    sandbox: sandbox::RunningSandbox,
    base: String,
}

async fn shop_with_link_secret(secret: &str) -> Shop {
    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 5_000);
    config.server_key = Some(Secret::new(SERVER_KEY));
    config.link_secret = Some(Secret::new(secret));
    config.labels.sender = Some(Sender {
        name: "Velo Shop AG".into(),
        street: "Wankdorfallee 4".into(),
        postcode: "3030".into(),
        town: "Bern".into(),
    });
    let (base, _server) = serve(config).await;
    Shop { sandbox, base }
}

async fn shop() -> Shop {
    shop_with_link_secret("a link secret of at least thirty-two characters").await
}

impl Shop {
    async fn server(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        key: Option<&str>,
    ) -> reqwest::Response {
        let mut call = reqwest::Client::new().request(method, format!("{}{path}", self.base)).bearer_auth(SERVER_KEY);
        if let Some(body) = body {
            call = call.json(&body);
        }
        if let Some(key) = key {
            call = call.header("Idempotency-Key", key);
        }
        call.send().await.unwrap()
    }

    async fn browser(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut call = reqwest::Client::new().request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            call = call.json(&body);
        }
        call.send().await.unwrap()
    }

    async fn label(&self, recipient_address: Value, name2: Option<&str>) -> String {
        let mut selection = json!({"address": recipient_address});
        if let Some(name2) = name2 {
            selection["pickup"] = json!({"point_id": "x", "kind": "mypost24", "name": "x", "address": recipient_address,
                "user": {"id": "PT123456", "verified": "none", "name2": name2}});
        }
        let body = json!({
            "selection": selection,
            "recipient": {"first_name": "Anna", "last_name": "Muster", "email": "anna@example.ch"},
            "parcel": {"weight_grams": 1000},
            "format": "zpl2"
        });
        let response = self.server(reqwest::Method::POST, "/server/v1/labels", Some(body), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap());
        response.json::<Value>().await.unwrap()["ident_code"].as_str().unwrap().to_owned()
    }

    fn ahead(&self, minutes: i64) {
        self.sandbox.knobs().apply(&KnobSettings { clock_ahead_minutes: Some(minutes), ..Default::default() });
    }

    async fn link(&self, body: Value) -> String {
        let response = self.server(reqwest::Method::POST, "/server/v1/links", Some(body), None).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<Link>().await.unwrap().token
    }
}

fn bern() -> Value {
    json!({"postcode": "3011", "town": "Bern", "street": "Kramgasse", "house_number": "49", "verified": true})
}

fn returner() -> Value {
    json!({"address": bern(), "first_name": "Anna", "last_name": "Muster", "email": "anna@example.ch"})
}

#[tokio::test]
async fn the_shop_tracks_a_label_and_the_shopper_follows_it_with_a_link() {
    let shop = shop().await;
    let ident = shop.label(bern(), None).await;
    let get = |path: String| {
        let shop = &shop;
        async move { shop.server(reqwest::Method::GET, &path, None, None).await }
    };
    let shipment: Shipment = get(format!("/server/v1/shipments/{ident}?lang=fr")).await.json().await.unwrap();
    assert_eq!(shipment.status, ShipmentStatus::NotYetSent);
    assert_eq!(shipment.events[0].title, "Transmission des données par l'expéditeur");
    shop.ahead(30 * 60);
    let shipment: Shipment = get(format!("/server/v1/shipments/{ident}?lang=de")).await.json().await.unwrap();
    assert_eq!(shipment.status, ShipmentStatus::Delivered);
    assert_eq!(shipment.events.last().unwrap().code, "4000");
    assert_eq!(get("/server/v1/shipments/990000000000000000".into()).await.status(), StatusCode::NOT_FOUND);
    let bad = get("/server/v1/shipments/123".into()).await;
    assert_eq!(problem(bad).await.field.as_deref(), Some("ident_code"));
    let unkeyed = reqwest::get(format!("{}/server/v1/shipments/{ident}", shop.base)).await.unwrap();
    assert_eq!(unkeyed.status(), StatusCode::UNAUTHORIZED);

    // The shopper, with a link: the same shipment, nothing else.
    let token = shop.link(json!({"shipment": ident})).await;
    let seen: Shipment =
        shop.browser(reqwest::Method::GET, &format!("/v1/shipments/{token}?lang=en"), None).await.json().await.unwrap();
    assert_eq!((seen.ident_code.as_str(), seen.status), (ident.as_str(), ShipmentStatus::Delivered));
    let mut altered = token.clone().into_bytes();
    altered[5] = if altered[5] == b'A' { b'B' } else { b'A' };
    let return_token = shop.link(json!({"returner": returner()})).await;
    let other_proxy = shop_with_link_secret("another link secret of at least thirty-two chars").await;
    let foreign = other_proxy.link(json!({"shipment": ident})).await;
    for wrong in [String::from_utf8(altered).unwrap(), return_token, foreign, "not-a-token".into()] {
        let response = shop.browser(reqwest::Method::GET, &format!("/v1/shipments/{wrong}"), None).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let said = problem(response).await;
        assert_eq!(said.kind, api::problem_type::FORBIDDEN_TOKEN);
        assert!(!said.detail.unwrap_or_default().contains("99"), "no identcode in a refusal");
    }
}

#[tokio::test]
async fn a_parcel_waiting_at_a_terminal_comes_with_the_terminal_and_its_hours() {
    let shop = shop().await;
    let point = shop
        .sandbox
        .state()
        .location
        .places
        .points
        .iter()
        .find(|p| {
            p.type_id == "001MP24"
                && !p.synthetic
                && p.street
                    .rsplit_once(' ')
                    .is_some_and(|(_, n)| n.len() <= 4 && n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .unwrap();
    let (street, number) = point.street.rsplit_once(' ').unwrap();
    let address =
        json!({"postcode": point.zip, "town": point.city, "street": street, "house_number": number, "verified": true});
    let ident = shop.label(address, Some("MyPost24 PT123456")).await;
    shop.ahead(25 * 60);
    let shipment: Shipment = shop
        .server(reqwest::Method::GET, &format!("/server/v1/shipments/{ident}"), None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shipment.status, ShipmentStatus::WaitingForPickup);
    let waiting = shipment.pickup_point.unwrap();
    assert_eq!(waiting.name, point.name);
    assert_eq!(waiting.opening_hours.len(), 7);
}

#[tokio::test]
async fn a_return_is_ordered_and_approved_once_and_then_tracked() {
    let shop = shop().await;
    let token = shop.link(json!({"returner": returner()})).await;
    let options: ReturnOptions =
        shop.browser(reqwest::Method::GET, &format!("/v1/returns/{token}"), None).await.json().await.unwrap();
    assert_eq!(options.address_line, "Kramgasse 49, 3011 Bern");
    // The next 10 working days; after 17:00 (Swiss time) without the first.
    assert!((9..=10).contains(&options.pickup_dates.len()), "{:?}", options.pickup_dates);
    let date = options.pickup_dates[1].clone();

    let body = json!({"returner": returner(), "pickup_date": date, "parcels": 2});
    let post = |key: &'static str, body: Value| {
        let shop = &shop;
        async move { shop.server(reqwest::Method::POST, "/server/v1/returns", Some(body), Some(key)).await }
    };
    let answers = futures_util::future::join_all((0..10).map(|_| post("return-order-1", body.clone()))).await;
    let mut keys = std::collections::BTreeSet::new();
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK);
        let confirmation: ReturnConfirmation = answer.json().await.unwrap();
        assert_eq!(confirmation.labels.len(), 2);
        assert_eq!(confirmation.pickup_date, date);
        keys.insert(confirmation.order_key);
    }
    assert_eq!(keys.len(), 1, "ten identical requests, one order");
    let approvals = shop
        .sandbox
        .knobs()
        .calls()
        .into_iter()
        .filter(|(route, _)| route.ends_with("/approval"))
        .map(|(_, n)| n)
        .sum::<u64>();
    assert_eq!(approvals, 1);
    let other = post("return-order-1", json!({"returner": returner(), "pickup_date": date, "parcels": 1})).await;
    assert_eq!(other.status(), StatusCode::CONFLICT);

    // Refusals, each naming the field.
    let refused =
        post("return-order-2", json!({"returner": returner(), "pickup_date": "2099-01-05", "parcels": 1})).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = problem(refused).await;
    assert_eq!((refused.code.as_deref(), refused.field.as_deref()), (Some("2005"), Some("pickup_date")));
    let six = post("return-order-3", json!({"returner": returner(), "pickup_date": date, "parcels": 6})).await;
    assert_eq!(problem(six).await.field.as_deref(), Some("parcels"));
    let mut nowhere = returner();
    nowhere["address"]["street"] = json!("Gibtsnichtgasse");
    let uncertified = post("return-order-4", json!({"returner": nowhere, "pickup_date": date, "parcels": 1})).await;
    assert_eq!(uncertified.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(uncertified).await.field.as_deref(), Some("returner.address"));

    // The shopper's own return through the link: once; another choice afterwards is a 409.
    let choose = |parcels: u8| {
        let (shop, token, date) = (&shop, &token, &date);
        async move {
            shop.browser(
                reqwest::Method::POST,
                &format!("/v1/returns/{token}"),
                Some(json!({"pickup_date": date, "parcels": parcels})),
            )
            .await
        }
    };
    let first: ReturnConfirmation = choose(1).await.json().await.unwrap();
    let again: ReturnConfirmation = choose(1).await.json().await.unwrap();
    assert_eq!(first.order_key, again.order_key);
    assert_eq!(choose(2).await.status(), StatusCode::CONFLICT);

    let tracked: Shipment = shop
        .server(
            reqwest::Method::GET,
            &format!("/server/v1/shipments/{}?lang=en", first.labels[0].ident_code),
            None,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tracked.events[0].code, "9310");
    assert_eq!(tracked.events[0].title, "pick@home order");
}
