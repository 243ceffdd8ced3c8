//! `POST /server/v1/labels` end to end on the sandbox: a home delivery's evening window and a pickup point
//! become labels whose text (`pdftotext`) and barcode (`zbarimg`) read back; names are written the Swiss way
//! or refused naming the field; 50 identical requests with one key make one label upstream; what cannot be
//! shipped, and what Swiss Post refuses, is a 422.

mod common;

use std::process::Command;

use api::labels::{LabelFormat, LabelLayout, LabelRecipient, LabelRequest, LabelResponse, Parcel};
use api::{AddressSelection, PickupPointsResponse, PickupSelection, Selection};
use base64::Engine;
use common::{config_for, problem, sandbox_credentials, serve};
use proxy::config::{Config, Secret, Sender};
use reqwest::StatusCode;

const SERVER_KEY: &str = "test-server-key-0123456789";
const LICENCE: &str = "60013217";

struct Shop {
    sandbox: Option<sandbox::RunningSandbox>,
    base: String,
}

/// A proxy with real-mode credentials against a sandbox, with the shop's sender and franking licence.
async fn shop() -> Shop {
    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let mut config = config_for(&sandbox.base_url(), sandbox_credentials(), 5_000);
    config.server_key = Some(Secret::new(SERVER_KEY));
    config.labels.sender = Some(Sender {
        name: "Velo Shop AG".into(),
        street: "Wankdorfallee 4".into(),
        postcode: "3030".into(),
        town: "Bern".into(),
    });
    config.labels.franking_license = Some(LICENCE.into());
    let (base, _server) = serve(config).await;
    Shop { sandbox: Some(sandbox), base }
}

fn request(selection: Selection, format: LabelFormat) -> LabelRequest {
    LabelRequest {
        selection,
        recipient: LabelRecipient {
            first_name: "Anna".into(),
            last_name: "Müller".into(),
            company: None,
            email: "anna@example.ch".into(),
            phone: None,
        },
        parcel: Parcel { weight_grams: 1200, item_id: Some("ORDER-1234".into()), services: vec![] },
        format,
        layout: LabelLayout::A6,
        dpi: None,
        print_preview: false,
        language: None,
    }
}

impl Shop {
    async fn post(&self, request: &LabelRequest, key: Option<&str>, accept: Option<&str>) -> reqwest::Response {
        let mut call = reqwest::Client::new()
            .post(format!("{}{}", self.base, api::labels::LABELS_PATH))
            .bearer_auth(SERVER_KEY)
            .json(request);
        if let Some(key) = key {
            call = call.header("Idempotency-Key", key);
        }
        if let Some(accept) = accept {
            call = call.header("Accept", accept);
        }
        call.send().await.unwrap()
    }

    async fn label(&self, request: &LabelRequest) -> LabelResponse {
        let response = self.post(request, None, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap_or_default());
        response.json().await.unwrap()
    }
}

fn bytes(label: &LabelResponse) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(&label.label).unwrap()
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is needed (Debian poppler-utils, zbar-tools; npm test installs them): {e}")
    });
    assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("proxy-label-{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
}

#[tokio::test]
async fn an_evening_window_at_home_is_a_label_with_its_service_codes() {
    let shop = shop().await;
    let evening = common::evening_in_bern(&shop.base).await;
    let selection = Selection { address: common::bern_address(), delivery: Some(evening.clone()), pickup: None };
    let label = shop.label(&request(selection.clone(), LabelFormat::Pdf)).await;
    assert_eq!(label.media_type, "application/pdf");
    assert!(label.ident_code.starts_with(&format!("99{LICENCE}")) && label.ident_code.len() == 18);
    let text = pdf_text(&bytes(&label), "evening");
    for expected in ["Anna Müller", "Aarbergergasse 1", "3011 Bern", "PRI", "Velo Shop AG", &evening.product_codes[0]]
    {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("SPECIMEN"), "real mode without print_preview");

    // The raw bytes when Accept asks for them, the identcode in a header.
    let raw = shop.post(&request(selection, LabelFormat::Png), None, Some("image/png")).await;
    assert_eq!(raw.headers()["content-type"], "image/png");
    let ident = raw.headers()[api::labels::IDENT_CODE_HEADER].to_str().unwrap().to_owned();
    let png = raw.bytes().await.unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("proxy-label.png");
    std::fs::write(&path, &png).unwrap();
    let decoded = tool("zbarimg", &["--quiet", "--raw", path.to_str().unwrap()]);
    assert_eq!(decoded.trim(), ident, "the barcode reads back as the identcode");
}

#[tokio::test]
async fn a_pickup_point_goes_on_the_label_with_its_name2_line_fetched_when_missing() {
    let shop = shop().await;
    let points: PickupPointsResponse = reqwest::Client::new()
        .get(format!("{}{}", shop.base, api::PICKUP_POINTS_PATH))
        .query(&[("bbox", "9.30,47.39,9.45,47.45"), ("types", "mypost24")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let point = points
        .points
        .iter()
        .find(|p| p.street.rsplit_once(' ').is_some_and(|(_, n)| n.starts_with(|c: char| c.is_ascii_digit())))
        .unwrap();
    let (street, number) = point.street.rsplit_once(' ').unwrap();
    let pickup = PickupSelection {
        point_id: point.id.clone(),
        kind: point.kind,
        name: point.name.clone(),
        address: AddressSelection {
            postcode: point.postcode.clone(),
            town: point.town.clone(),
            street: street.into(),
            house_number: number.into(),
            verified: true,
            quality: None,
        },
        // The checkout could not fetch the user id: the proxy asks Swiss Post.
        user: None,
        product: None,
        price_centimes: None,
        ready_on: None,
    };
    let selection = Selection { address: common::bern_address(), delivery: None, pickup: Some(pickup) };
    let label = shop.label(&request(selection, LabelFormat::Zpl2)).await;
    let zpl = bytes(&label);
    let text: String = zpl.iter().map(|&b| if b.is_ascii() { b as char } else { '#' }).collect();
    assert!(text.starts_with("^XA"));
    assert!(text.contains("^FDMyPost24 "), "the name2 line: {text}");
    // Non-ASCII letters are cp437 bytes, shown here as '#'.
    let street_line: String =
        format!("{street} {number}").chars().map(|c| if c.is_ascii() { c } else { '#' }).collect();
    assert!(text.contains(&format!("^FD{street_line}^FS")), "the point's street: {text}");
    assert!(text.contains(&format!("^FD>;{}^FS", label.ident_code)));
    // Code page 437: ü of Müller is 0x81.
    assert!(zpl.windows(2).any(|w| w == [b'M', 0x81]));
}

#[tokio::test]
async fn names_are_written_the_swiss_way_or_refused_naming_the_field() {
    let shop = shop().await;
    let selection = Selection { address: common::bern_address(), ..Default::default() };
    let mut weiss = request(selection.clone(), LabelFormat::Pdf);
    weiss.recipient.last_name = "Weiß-Łukasiewicz".into();
    weiss.recipient.first_name = "Søren".into();
    // The home address as the shopper typed it; the label has Swiss Post's official spelling.
    weiss.selection.address.street = "aarbergergasse".into();
    let text = pdf_text(&bytes(&shop.label(&weiss).await), "weiss");
    assert!(text.contains("Soren Weiss-Lukasiewicz"), "{text}");
    assert!(text.contains("Aarbergergasse 1"), "{text}");

    for (change, field) in [
        (
            Box::new(|r: &mut LabelRequest| r.recipient.last_name = "Иванова".into()) as Box<dyn Fn(&mut LabelRequest)>,
            "recipient.last_name",
        ),
        (Box::new(|r: &mut LabelRequest| r.recipient.first_name = "Ἀλέξανδρος".into()), "recipient.first_name"),
        (Box::new(|r: &mut LabelRequest| r.recipient.company = Some("A".repeat(36))), "recipient.company"),
        (Box::new(|r: &mut LabelRequest| r.recipient.email = "not-an-address".into()), "recipient.email"),
        (Box::new(|r: &mut LabelRequest| r.parcel.weight_grams = 0), "parcel.weight_grams"),
        (Box::new(|r: &mut LabelRequest| r.parcel.item_id = Some("ORDER 1234".into())), "parcel.item_id"),
        (
            Box::new(|r: &mut LabelRequest| r.selection.address.house_number = "12345678901".into()),
            "selection.address.house_number",
        ),
    ] {
        let mut bad = request(selection.clone(), LabelFormat::Pdf);
        change(&mut bad);
        let response = shop.post(&bad, None, None).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}");
        let problem = problem(response).await;
        assert_eq!(problem.field.as_deref(), Some(field));
        if field == "recipient.last_name" {
            assert!(problem.detail.unwrap().contains("Cyrillic"));
        }
    }
    let calls = shop.sandbox.as_ref().unwrap().knobs().calls_of(sandbox::route::GENERATE_ADDRESS_LABEL);
    assert_eq!(calls, 1, "refused before Swiss Post was called");
}

#[tokio::test]
async fn fifty_identical_requests_with_one_key_make_one_label() {
    let shop = shop().await;
    let body = request(Selection { address: common::bern_address(), ..Default::default() }, LabelFormat::Pdf);
    let answers =
        futures_util::future::join_all((0..50).map(|_| shop.post(&body, Some("order-1234-parcel-1"), None))).await;
    let mut idents = std::collections::BTreeSet::new();
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK);
        idents.insert(answer.json::<LabelResponse>().await.unwrap().ident_code);
    }
    assert_eq!(idents.len(), 1, "one identcode: {idents:?}");
    assert_eq!(shop.sandbox.as_ref().unwrap().knobs().calls_of(sandbox::route::GENERATE_ADDRESS_LABEL), 1);
    // Again later: the same label.
    let again: LabelResponse = shop.post(&body, Some("order-1234-parcel-1"), None).await.json().await.unwrap();
    assert!(idents.contains(&again.ident_code));
    // The key with another body: refused.
    let mut other = body.clone();
    other.parcel.weight_grams = 1300;
    let conflict = shop.post(&other, Some("order-1234-parcel-1"), None).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    assert_eq!(problem(conflict).await.kind, api::problem_type::IDEMPOTENCY_CONFLICT);
}

#[tokio::test]
async fn what_cannot_be_shipped_or_what_swiss_post_refuses_is_a_422() {
    let shop = shop().await;
    // Bern's evening window for an address in Zermatt, where the delivery module has no evening delivery.
    let evening = common::evening_in_bern(&shop.base).await;
    let zermatt = AddressSelection {
        postcode: "3920".into(),
        town: "Zermatt".into(),
        street: "Bahnhofstrasse".into(),
        house_number: "1".into(),
        verified: false,
        quality: None,
    };
    let response = shop
        .post(
            &request(Selection { address: zermatt, delivery: Some(evening), pickup: None }, LabelFormat::Pdf),
            None,
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem_found = problem(response).await;
    assert_eq!(problem_found.kind, api::problem_type::NOT_SHIPPABLE);
    assert_eq!(problem_found.field.as_deref(), Some("selection.delivery"));

    // A pickup point's postcode Swiss Post does not know: its business error, with its code.
    let pickup = PickupSelection {
        point_id: "x".into(),
        kind: api::PickupKind::PickPost,
        name: "Nowhere".into(),
        address: AddressSelection {
            postcode: "9999".into(),
            town: "Nowhere".into(),
            street: "Weg".into(),
            house_number: "1".into(),
            verified: true,
            quality: None,
        },
        user: Some(api::PickupUser {
            id: "PT000001".into(),
            verified: api::IdentityCheck::None,
            name2: "PickPost PT000001".into(),
        }),
        product: None,
        price_centimes: None,
        ready_on: None,
    };
    let response = shop
        .post(
            &request(
                Selection { address: common::bern_address(), delivery: None, pickup: Some(pickup) },
                LabelFormat::Pdf,
            ),
            None,
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = problem(response).await;
    assert_eq!(refused.kind, api::problem_type::LABEL_REFUSED);
    assert_eq!(refused.code.as_deref(), Some("E2032"));
    assert_eq!(refused.field.as_deref(), Some("selection.pickup.address.postcode"));
}

#[tokio::test]
async fn sandbox_labels_always_say_specimen_and_a_proxy_without_a_sender_says_what_is_missing() {
    let mut config =
        Config { www_dir: "does-not-exist".into(), server_key: Some(Secret::new(SERVER_KEY)), ..Config::default() };
    config.limits.rate_per_second = 0;
    let (base, _server) = serve(config).await;
    let sandbox_shop = Shop { sandbox: None, base };
    let label = sandbox_shop
        .label(&request(Selection { address: common::bern_address(), ..Default::default() }, LabelFormat::Pdf))
        .await;
    let text = pdf_text(&bytes(&label), "specimen");
    assert!(text.contains("SPECIMEN") && text.contains("Sandbox Shop (sample)"), "{text}");

    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let mut real = config_for(&sandbox.base_url(), sandbox_credentials(), 2_000);
    real.server_key = Some(Secret::new(SERVER_KEY));
    let (base, _server) = serve(real).await;
    let unconfigured = Shop { sandbox: Some(sandbox), base };
    let response = unconfigured
        .post(
            &request(Selection { address: common::bern_address(), ..Default::default() }, LabelFormat::Pdf),
            None,
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(problem(response).await.kind, api::problem_type::NOT_CONFIGURED);
}
