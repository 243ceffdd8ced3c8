//! The after-sale modules over HTTP: tracking follows the labels the sandbox made, their events advancing on
//! the after-sale clock (a knob, never a sleep); pick@home keeps the documented rules (errors in HTTP 200, the
//! 10-working-day window with holidays, 5 parcels per address and date, the 60-minute deletion, approval once)
//! and gives returns labels that tracking follows.

mod common;

use common::token;
use reqwest::StatusCode;
use sandbox::{KnobSettings, RunningSandbox, SandboxConfig};
use serde_json::{Value, json};
use swisspost::collection::{CollectionInstructions, CollectionOrderResponse};
use swisspost::scope;
use swisspost::tracking::{MailpieceDetail, MailpieceEvents, MailpiecesResponse};

const TRACKING: &str = "/logistics/mailpiece/tracking/business/v1";
const COLLECTION: &str = "/delivery/collection/order/v2";

async fn start() -> (RunningSandbox, String) {
    let sb = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let all = format!("{} {} {}", scope::BARCODE_READ, scope::TRACKING, scope::COLLECTION_ORDER);
    let token = token(&sb, &all).await;
    (sb, token)
}

async fn post(sb: &RunningSandbox, token: &str, path: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new().post(format!("{}{path}", sb.base_url())).bearer_auth(token).json(body).send().await.unwrap()
}

async fn get(sb: &RunningSandbox, token: &str, path: &str, lang: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", sb.base_url()))
        .bearer_auth(token)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap()
}

/// A label from the barcode module; its identcode.
async fn label(sb: &RunningSandbox, token: &str, recipient: Value) -> String {
    let body = json!({
        "language": "DE",
        "frankingLicense": "60013217",
        "customer": {"name1": "Velo Shop AG", "street": "Wankdorfallee 4", "zip": "3030", "city": "Bern"},
        "labelDefinition": {"labelLayout": "A6", "imageFileType": "ZPL2", "imageResolution": 200},
        "item": {"recipient": recipient, "attributes": {"przl": ["PRI"], "weight": 1000}}
    });
    let answer: Value = post(sb, token, "/barcode/v1/generateAddressLabel", &body).await.json().await.unwrap();
    answer["item"]["identCode"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
}

fn ahead(sb: &RunningSandbox, minutes: i64) {
    sb.knobs().apply(&KnobSettings { clock_ahead_minutes: Some(minutes), ..Default::default() });
}

async fn track(sb: &RunningSandbox, token: &str, ident: &str, lang: &str) -> (MailpieceDetail, MailpieceEvents) {
    let detail = get(sb, token, &format!("{TRACKING}/mailpieces/{ident}/detail"), lang).await.json().await.unwrap();
    let events = get(sb, token, &format!("{TRACKING}/mailpieces/{ident}/events/"), lang).await.json().await.unwrap();
    (detail, events)
}

fn codes(events: &MailpieceEvents) -> Vec<&str> {
    events.events.iter().map(|e| e.code.as_str()).collect()
}

#[tokio::test]
async fn a_home_delivery_moves_on_the_sandbox_clock() {
    let (sb, token) = start().await;
    let ident = label(&sb, &token, json!({"firstName": "Anna", "name1": "Muster", "street": "Kramgasse", "houseNo": "49", "zip": "3011", "city": "Bern"})).await;
    let keys: MailpiecesResponse =
        post(&sb, &token, &format!("{TRACKING}/mailpieces"), &json!({"ids": ident})).await.json().await.unwrap();
    assert_eq!(keys.mailpieces[0].mailpiece_id, ident);
    let (detail, events) = track(&sb, &token, &keys.mailpieces[0].mailpiece_key, "de").await;
    assert_eq!(detail.status.status, "NOT_YET_SENT");
    assert_eq!(codes(&events), ["600"]);
    assert_eq!(events.events[0].title, "Datenübermittlung durch Versender");
    assert_eq!(events.events[0].location, "3030 Bern");
    ahead(&sb, 7 * 60);
    let (detail, events) = track(&sb, &token, &ident, "fr").await;
    assert_eq!(
        (detail.status.status.as_str(), detail.status.title.as_str()),
        ("ON_GOING_DELIVERY", "En cours d'acheminement")
    );
    assert_eq!(codes(&events), ["600", "1200"]);
    ahead(&sb, 27 * 60);
    let (detail, events) = track(&sb, &token, &ident, "en").await;
    assert_eq!(detail.status.status, "DELIVERED");
    assert_eq!(codes(&events), ["600", "1200", "1201", "4000"]);
    assert_eq!(events.events[3].location, "3011 Bern");
    assert!(events.events.windows(2).all(|w| w[0].timestamp <= w[1].timestamp), "oldest first");
}

#[tokio::test]
async fn a_pickup_parcel_waits_at_its_point_and_unknown_identcodes_are_404() {
    let (sb, token) = start().await;
    let numbered = |street: &str| {
        street.rsplit_once(' ').is_some_and(|(_, n)| n.len() <= 4 && n.starts_with(|c: char| c.is_ascii_digit()))
    };
    let point = sb
        .state()
        .location
        .places
        .points
        .iter()
        .find(|p| p.type_id == "001MP24" && !p.synthetic && numbered(&p.street))
        .unwrap();
    let (street, number) = point.street.rsplit_once(' ').unwrap();
    let ident = label(&sb, &token, json!({"firstName": "Anna", "name1": "Muster", "name2": "MyPost24 PT123456", "street": street, "houseNo": number, "zip": point.zip, "city": point.city})).await;
    ahead(&sb, 25 * 60);
    let (detail, events) = track(&sb, &token, &ident, "de").await;
    assert_eq!(detail.status.status, "WAITING_FOR_PICKUP");
    let ready = events.events.last().unwrap();
    assert_eq!((ready.code.as_str(), ready.location.as_str()), ("2101", point.name.as_str()));

    for path in ["/mailpieces/990000000000000000/detail", "/mailpieces/990000000000000000/events/"] {
        assert_eq!(get(&sb, &token, &format!("{TRACKING}{path}"), "de").await.status(), StatusCode::NOT_FOUND);
    }
    let none = post(&sb, &token, &format!("{TRACKING}/mailpieces"), &json!({"ids": "990000000000000000"})).await;
    assert_eq!(none.status(), StatusCode::NOT_FOUND);
    let barcode_only = common::token(&sb, scope::BARCODE_READ).await;
    assert_eq!(
        get(&sb, &barcode_only, &format!("{TRACKING}/mailpieces/{ident}/detail"), "de").await.status(),
        StatusCode::FORBIDDEN
    );
}

fn house_key(sb: &RunningSandbox) -> String {
    sb.state().data.houses("3011", "Kramgasse")[0].egid.clone()
}

fn order(house_key: &str, date: &str, parcels: usize) -> Value {
    json!({
        "houseKey": house_key,
        "pickupAddress": {"firstName": "Anna", "name": "Muster", "email": "anna@example.ch"},
        "senderAddress": {"company": "Velo Shop AG", "street": "Wankdorfallee", "houseNumber": "4", "zip": "3030", "city": "Bern"},
        "parcels": (0..parcels).map(|_| json!({"sendingType": "PARCEL", "weightType": "UP_TO_10_KG"})).collect::<Vec<_>>(),
        "pickupDate": date,
        "pickupTime": "FROM_7_30_AM",
        "language": "DE",
        "product": "ECO",
        "mandator": 0,
        "frankingLicense": "60013217"
    })
}

async fn create(sb: &RunningSandbox, token: &str, body: &Value) -> CollectionOrderResponse {
    let response = post(sb, token, &format!("{COLLECTION}/orders"), body).await;
    assert_eq!(response.status(), StatusCode::OK, "errors come with HTTP 200");
    response.json().await.unwrap()
}

fn error_codes(answer: &CollectionOrderResponse) -> Vec<u32> {
    answer.errors.iter().map(|e| e.code).collect()
}

/// Puts the after-sale clock at 09:00 UTC on `date` (before or after the real today).
fn clock_at(sb: &RunningSandbox, date: time::Date) {
    let target = date.with_hms(9, 0, 0).unwrap().assume_utc();
    ahead(sb, (target - time::OffsetDateTime::now_utc()).whole_minutes());
}

#[tokio::test]
async fn pickup_dates_are_the_next_ten_working_days_with_holidays_left_out() {
    let (sb, token) = start().await;
    let key = house_key(&sb);
    // Friday 18 December 2026: Christmas (Friday 25), St Stephen's Day and New Year's Day fall in the window.
    clock_at(&sb, time::macros::date!(2026 - 12 - 18));
    let instructions: CollectionInstructions =
        get(&sb, &token, &format!("{COLLECTION}/houses/{key}/collection/instructions"), "de")
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(
        instructions.pickup_dates,
        [
            "2026-12-21",
            "2026-12-22",
            "2026-12-23",
            "2026-12-24",
            "2026-12-28",
            "2026-12-29",
            "2026-12-30",
            "2026-12-31",
            "2027-01-04",
            "2027-01-05"
        ]
    );
    assert_eq!(instructions.pickup_times, ["FROM_7_30_AM"]);
    for date in ["2026-12-18", "2026-12-25", "2026-12-26", "2027-01-01", "2027-01-06", "2026-12-17"] {
        assert_eq!(error_codes(&create(&sb, &token, &order(&key, date, 1)).await), [2005], "{date}");
    }
    assert!(create(&sb, &token, &order(&key, "2027-01-05", 1)).await.errors.is_empty());
    let unknown = get(&sb, &token, &format!("{COLLECTION}/houses/0000/collection/instructions"), "de").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_documented_errors_come_in_http_200() {
    let (sb, token) = start().await;
    let key = house_key(&sb);
    clock_at(&sb, time::macros::date!(2026 - 12 - 07));
    let date = "2026-12-09";
    let mut no_sender = order(&key, date, 1);
    no_sender.as_object_mut().unwrap().remove("senderAddress");
    let mut bad_time = order(&key, date, 1);
    bad_time["pickupTime"] = json!("AT_MIDNIGHT");
    let mut bad_key = order(&key, date, 1);
    bad_key["houseKey"] = json!("0000");
    let mut long_name = order(&key, date, 1);
    long_name["pickupAddress"]["name"] = json!("M".repeat(36));
    // A licence that is not 4 to 8 digits would make an identcode that is not 18.
    let mut bad_licence = order(&key, date, 1);
    bad_licence["frankingLicense"] = json!("6001-3217");
    for (body, code) in
        [(no_sender, 1004), (bad_time, 1302), (order(&key, date, 0), 2003), (bad_key, 1201), (bad_licence, 2104)]
    {
        assert!(error_codes(&create(&sb, &token, &body).await).contains(&code), "{code}");
    }
    let warned = create(&sb, &token, &long_name).await;
    assert!(warned.errors.is_empty() && warned.order_key.is_some());
    assert_eq!(warned.warnings[0].code, 1102, "a warning, the order still made");
    // At most 5 parcels per address and date: 1 (above) + 3 + 2 is too many.
    assert!(create(&sb, &token, &order(&key, date, 3)).await.errors.is_empty());
    assert_eq!(error_codes(&create(&sb, &token, &order(&key, date, 2)).await), [2002]);
}

#[tokio::test]
async fn an_order_is_approved_once_within_the_hour_and_its_return_is_tracked() {
    let (sb, token) = start().await;
    let key = house_key(&sb);
    clock_at(&sb, time::macros::date!(2026 - 12 - 07));
    let approve = |order_key: String| {
        let (sb, token) = (&sb, &token);
        async move {
            post(sb, token, &format!("{COLLECTION}/orders/{order_key}/approval"), &json!({}))
                .await
                .json::<CollectionOrderResponse>()
                .await
                .unwrap()
        }
    };
    // Not approved within 60 minutes: deleted.
    let late = create(&sb, &token, &order(&key, "2026-12-09", 1)).await.order_key.unwrap();
    clock_at(&sb, time::macros::date!(2026 - 12 - 07));
    sb.knobs().apply(&KnobSettings {
        clock_ahead_minutes: Some(sb.knobs().settings().clock_ahead_minutes.unwrap() + 61),
        ..Default::default()
    });
    assert_eq!(error_codes(&approve(late).await), [4000]);

    let order_key = create(&sb, &token, &order(&key, "2026-12-10", 2)).await.order_key.unwrap();
    let approved = approve(order_key.clone()).await;
    assert!(approved.errors.is_empty());
    assert_eq!(approved.status.as_deref(), Some("APPROVED"));
    assert_eq!(approved.labels.len(), 2);
    let ident = approved.labels[0].identcode.clone();
    assert!(ident.starts_with("9960013217"));
    use base64::Engine;
    let pdf = base64::engine::general_purpose::STANDARD.decode(&approved.labels[0].label).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(error_codes(&approve(order_key).await), [6000], "approved once; unchangeable");

    let (detail, events) = track(&sb, &token, &ident, "de").await;
    assert_eq!(detail.status.status, "NOT_YET_SENT");
    assert_eq!(codes(&events), ["9310"]);
    clock_at(&sb, time::macros::date!(2026 - 12 - 10));
    sb.knobs().apply(&KnobSettings {
        clock_ahead_minutes: Some(sb.knobs().settings().clock_ahead_minutes.unwrap() + 8 * 60),
        ..Default::default()
    });
    let (_, events) = track(&sb, &token, &ident, "de").await;
    assert_eq!(codes(&events), ["9310", "501", "1200"], "collected at 10:00 Swiss time, sorted 6 hours later");
}
