//! "Use my Swiss Post addresses" end to end over HTTP: the proxy as the OAuth client of the sandbox's Login
//! Post Connector, driven as a shopper's browser would (the popup's redirects followed by hand, the proxy's
//! cookie carried), and what the widget then reads. No token, code or secret reaches a response.

use std::time::Duration;

use api::PickupKind;
use api::connector::{
    CONNECTOR_CALLBACK_PATH, CONNECTOR_SESSION_PATH, CONNECTOR_START_PATH, ConnectorSession, ConnectorStatus,
};
use proxy::config::{ConnectorConfig, Credentials, Secret};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

mod common;

use common::request_field;

struct Shop {
    sandbox: sandbox::RunningSandbox,
    base: String,
    http: reqwest::Client,
    _server: tokio::task::JoinHandle<()>,
}

/// A proxy with real-mode credentials and the connector configured against a sandbox, its callback registered
/// there exactly.
async fn shop_with(session_secs: u64) -> Shop {
    shop_limited(session_secs, proxy::config::Limits { rate_per_second: 0, ..Default::default() }).await
}

async fn shop_limited(session_secs: u64, limits: proxy::config::Limits) -> Shop {
    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let redirect_uri = format!("{base}{CONNECTOR_CALLBACK_PATH}");
    sandbox.state().register_redirect_uri(sandbox::SANDBOX_CLIENT_ID, &redirect_uri);
    let mut config = common::config_for(&sandbox.base_url(), common::sandbox_credentials(), 5_000);
    config.connector =
        Some(ConnectorConfig { redirect_uri, session_secs, ..ConnectorConfig::on_sandbox(&sandbox.base_url()) });
    config.limits = limits;
    let proxy = proxy::build(config).await.unwrap();
    let server = tokio::spawn(async move {
        let listeners = proxy::Listeners { app: listener, operations: None };
        proxy::serve(listeners, proxy, std::future::pending()).await.unwrap();
    });
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Shop { sandbox, base, http, _server: server }
}

const CHECKOUT: &str = "checkout-0001";

/// Every response body and header seen, to prove no secret is in any.
#[derive(Default)]
struct Seen(Vec<String>);

impl Seen {
    async fn take(&mut self, response: reqwest::Response) -> (StatusCode, reqwest::header::HeaderMap, String) {
        let (status, headers) = (response.status(), response.headers().clone());
        let body = response.text().await.unwrap();
        self.0.push(format!("{headers:?}\n{body}"));
        (status, headers, body)
    }
}

/// The shopper's way through the popup: start, sign in, consent (`decision`), back at the callback. Returns
/// the proxy's session cookie and the callback page.
async fn sign_in(shop: &Shop, seen: &mut Seen, email: &str, password: &str, decision: &str) -> (String, String) {
    sign_in_keeping(shop, seen, email, password, decision).await.1
}

/// As [`sign_in`]; also returns the cookie the sign-in started with.
async fn sign_in_keeping(
    shop: &Shop,
    seen: &mut Seen,
    email: &str,
    password: &str,
    decision: &str,
) -> (String, (String, String)) {
    let start = format!("{}{CONNECTOR_START_PATH}?checkout={CHECKOUT}&lang=en", shop.base);
    let (status, headers, _) = seen.take(shop.http.get(start).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FOUND);
    let set_cookie = headers[SET_COOKIE].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/v1/connector"] {
        assert!(set_cookie.contains(attribute), "{attribute} in {set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let authorize = headers[LOCATION].to_str().unwrap().to_owned();
    assert!(authorize.starts_with(&shop.sandbox.base_url()), "{authorize}");
    for parameter in ["state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "response_type=code"] {
        assert!(authorize.contains(parameter), "{parameter} in {authorize}");
    }
    let (_, _, page) = seen.take(shop.http.get(&authorize).send().await.unwrap()).await;
    let form = [("request", request_field(&page)), ("email", email.into()), ("password", password.into())];
    let sign_in = format!("{}/OAuth/authorization/sign-in", shop.sandbox.base_url());
    let (_, _, consent) = seen.take(shop.http.post(sign_in).form(&form).send().await.unwrap()).await;
    let form = [("request", request_field(&consent)), ("decision", decision.into())];
    let consent_url = format!("{}/OAuth/authorization/consent", shop.sandbox.base_url());
    let (status, headers, _) = seen.take(shop.http.post(consent_url).form(&form).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FOUND);
    let callback = headers[LOCATION].to_str().unwrap().to_owned();
    assert!(callback.starts_with(&format!("{}{CONNECTOR_CALLBACK_PATH}?", shop.base)), "{callback}");
    let (status, headers, page) =
        seen.take(shop.http.get(callback).header(COOKIE, &cookie).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
    assert_eq!(headers["referrer-policy"], "no-referrer");
    // Signed in, the session goes on under a new id (the one that started may have been planted).
    let first = cookie.clone();
    match headers.get(SET_COOKIE) {
        Some(renewed) => {
            let renewed = renewed.to_str().unwrap().split(';').next().unwrap().to_owned();
            assert_ne!(renewed, cookie);
            (first, (renewed, page))
        }
        None => (first, (cookie, page)),
    }
}

async fn session(shop: &Shop, seen: &mut Seen, cookie: Option<&str>, checkout: &str) -> ConnectorSession {
    let mut request = shop.http.get(format!("{}{CONNECTOR_SESSION_PATH}?checkout={checkout}", shop.base));
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let (status, headers, body) = seen.take(request.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["cache-control"], "no-store");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn a_shopper_signs_in_and_the_widget_gets_names_and_saved_addresses_but_never_a_token() {
    let shop = shop_with(900).await;
    let mut seen = Seen::default();
    let (first, (cookie, page)) =
        sign_in_keeping(&shop, &mut seen, "anna.muster@sandbox.example", "sandbox-anna", "allow").await;
    assert!(page.contains("Signed in"), "{page}");
    // The id the sign-in started with (which someone may have planted) holds nothing now.
    assert_eq!(session(&shop, &mut seen, Some(&first), CHECKOUT).await.status, ConnectorStatus::None);
    // Two cookies of that name (one planted beside the proxy's own): neither is trusted.
    let both = format!("{cookie}; {first}");
    assert_eq!(session(&shop, &mut seen, Some(&both), CHECKOUT).await.status, ConnectorStatus::None);
    let signed_in = session(&shop, &mut seen, Some(&cookie), CHECKOUT).await;
    assert_eq!(signed_in.status, ConnectorStatus::SignedIn);
    let shopper = signed_in.shopper.as_ref().unwrap();
    assert_eq!((shopper.first_name.as_str(), shopper.last_name.as_str()), ("Anna", "Muster"));
    assert_eq!(shopper.email, "anna.muster@sandbox.example");
    let main = signed_in.addresses.iter().find(|a| a.id == "main").unwrap();
    let home = main.home.as_ref().unwrap();
    assert_eq!((home.street.as_str(), home.house_number.as_str(), home.postcode.as_str()), ("Kramgasse", "49", "3011"));
    let terminal =
        signed_in.addresses.iter().filter_map(|a| a.pickup.as_ref()).find(|p| p.kind == PickupKind::MyPost24).unwrap();
    assert_eq!(terminal.point_id, "001MP24_001202506");
    assert_eq!(terminal.address.postcode, "9000");
    let user = terminal.user.as_ref().unwrap();
    assert!(user.id.starts_with("PT") && user.name2 == format!("MyPost24 {}", user.id), "{user:?}");
    let pickpost =
        signed_in.addresses.iter().filter_map(|a| a.pickup.as_ref()).find(|p| p.kind == PickupKind::PickPost).unwrap();
    assert!(pickpost.user.as_ref().unwrap().name2.starts_with("PickPost PT"));
    assert!(signed_in.addresses.iter().all(|a| a.home.is_some() != a.pickup.is_some()), "PO boxes are left out");
    // Another checkout with the same cookie, or no cookie: nothing.
    assert_eq!(session(&shop, &mut seen, Some(&cookie), "checkout-0002").await.status, ConnectorStatus::None);
    assert_eq!(session(&shop, &mut seen, None, CHECKOUT).await.status, ConnectorStatus::None);
    // Opening the callback again uses no code twice: the same outcome.
    // Signing out forgets it all.
    let sign_out = shop.http.delete(format!("{}{CONNECTOR_SESSION_PATH}", shop.base)).header(COOKIE, &cookie);
    let (status, headers, _) = seen.take(sign_out.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(headers[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(session(&shop, &mut seen, Some(&cookie), CHECKOUT).await.status, ConnectorStatus::None);
    for text in &seen.0 {
        assert!(!text.contains(sandbox::SANDBOX_CLIENT_SECRET), "the client secret in {text}");
        assert!(!text.contains("eyJ"), "an ID token (JWT) in {text}");
        assert!(!text.contains("access_token") && !text.contains("code_verifier"), "a token in {text}");
    }
}

#[tokio::test]
async fn declined_consent_and_a_forged_state_end_without_addresses() {
    let shop = shop_with(900).await;
    let mut seen = Seen::default();
    let (cookie, page) = sign_in(&shop, &mut seen, "luca.beispiel@sandbox.example", "sandbox-luca", "decline").await;
    assert!(page.contains("Not shared"), "{page}");
    let declined = session(&shop, &mut seen, Some(&cookie), CHECKOUT).await;
    assert_eq!((declined.status, declined.addresses.len()), (ConnectorStatus::Declined, 0));

    // A callback whose state is not the session's: refused, nothing read, and the shopper's own sign-in is
    // still under way (anyone may send a shopper to such a link).
    let start = format!("{}{CONNECTOR_START_PATH}?checkout={CHECKOUT}&lang=en", shop.base);
    let response = shop.http.get(start).send().await.unwrap();
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let forged = format!("{}{CONNECTOR_CALLBACK_PATH}?code=stolen&state=forged", shop.base);
    let page = shop.http.get(forged).header(COOKIE, &cookie).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("did not work"), "{page}");
    assert_eq!(session(&shop, &mut seen, Some(&cookie), CHECKOUT).await.status, ConnectorStatus::Pending);
    // A callback without the session cookie (another browser): refused too (in German: no session, no language).
    let page = shop.http.get(format!("{}{CONNECTOR_CALLBACK_PATH}?code=x&state=y", shop.base)).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("Anmeldung nicht möglich"));
}

#[tokio::test]
async fn sessions_expire_and_bad_parameters_are_problems() {
    let shop = shop_with(1).await;
    let mut seen = Seen::default();
    let (cookie, _) = sign_in(&shop, &mut seen, "nora.leer@sandbox.example", "sandbox-nora", "allow").await;
    assert_eq!(session(&shop, &mut seen, Some(&cookie), CHECKOUT).await.status, ConnectorStatus::SignedIn);
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(session(&shop, &mut seen, Some(&cookie), CHECKOUT).await.status, ConnectorStatus::None);
    for path in [
        format!("{CONNECTOR_START_PATH}?checkout=short"),
        format!("{CONNECTOR_START_PATH}?checkout={CHECKOUT}&lang=xx"),
        format!("{CONNECTOR_SESSION_PATH}?checkout=not%20an%20id"),
    ] {
        let response = shop.http.get(format!("{}{path}", shop.base)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        let problem: api::Problem = response.json().await.unwrap();
        assert!(problem.field.is_some(), "{path} names the field");
    }
}

#[tokio::test]
async fn without_a_connector_the_routes_say_so() {
    let sandbox = sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap();
    let credentials = Credentials {
        client_id: sandbox::SANDBOX_CLIENT_ID.into(),
        client_secret: Secret::new(sandbox::SANDBOX_CLIENT_SECRET),
        expires: None,
    };
    let (base, _server) = common::serve(common::config_for(&sandbox.base_url(), credentials, 2_000)).await;
    let response = reqwest::get(format!("{base}{CONNECTOR_SESSION_PATH}?checkout={CHECKOUT}")).await.unwrap();
    assert!(response.status().is_client_error() || response.status().is_server_error());
    assert_eq!(response.headers()["content-type"], api::PROBLEM_CONTENT_TYPE);
}

#[tokio::test]
async fn the_popup_pages_share_the_rate_limit_of_the_widgets_routes() {
    // Each start makes a session and each callback calls Swiss Post: a client cannot make them without end.
    let limits = proxy::config::Limits { rate_per_second: 1, rate_burst: 3, ..Default::default() };
    let shop = shop_limited(900, limits).await;
    let start = format!("{}{CONNECTOR_START_PATH}?checkout={CHECKOUT}", shop.base);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(shop.http.get(&start).send().await.unwrap().status());
    }
    assert_eq!(&statuses[..3], [StatusCode::FOUND; 3]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}
