//! The Login Post Connector over real HTTP, as a shop and a shopper's browser use it: authorization, the sign-in
//! and consent pages, the code grant, userinfo and the saved addresses, parsed with the `swisspost-wire` types
//! the proxy uses; and every refusal the module docs of `sandbox::connector` list.

mod common;

use std::collections::HashMap;

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, LOCATION};
use sandbox::{Client, KnobSettings, RunningSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SandboxConfig};
use swisspost::connector::{
    CodeTokenResponse, SavedAddress, UserInfo, address_type, pkce_challenge, scope, verify_id_token,
};
use swisspost::location::{UserAddress, UserDetails, UserNotification, UserRequest, UserResponse};
use swisspost::{ApiError, OAuthError};

/// The shop's callback: never fetched, the tests read the 302s.
const REDIRECT: &str = "http://127.0.0.1:9/shop/callback";
const VERIFIER: &str = "a-pkce-verifier-of-the-shop-that-is-long-enough-0123456789";
const NONCE: &str = "nonce-7f3a";

async fn start() -> RunningSandbox {
    let config = SandboxConfig { connector_redirect_uris: vec![REDIRECT.into()], ..SandboxConfig::default() };
    sandbox::spawn(config).await.expect("sandbox starts")
}

/// A browser that shows the redirects instead of following them.
fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn authorize_params(state: &str) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", SANDBOX_CLIENT_ID.into()),
        ("scope", scope::ALL.into()),
        ("response_type", "code".into()),
        ("redirect_uri", REDIRECT.into()),
        ("nonce", NONCE.into()),
        ("state", state.into()),
        ("code_challenge", pkce_challenge(VERIFIER)),
        ("code_challenge_method", "S256".into()),
        ("lang", "en".into()),
    ]
}

fn with(
    mut params: Vec<(&'static str, String)>,
    name: &'static str,
    value: Option<&str>,
) -> Vec<(&'static str, String)> {
    params.retain(|(n, _)| *n != name);
    if let Some(value) = value {
        params.push((name, value.into()));
    }
    params
}

async fn authorize(sb: &RunningSandbox, params: &[(&str, String)]) -> reqwest::Response {
    browser().get(format!("{}/OAuth/authorization", sb.base_url())).query(params).send().await.unwrap()
}

/// The value of the hidden `request` field of a page's form.
fn request_id(html: &str) -> String {
    let marker = "name=\"request\" value=\"";
    let start = html.find(marker).map(|i| i + marker.len()).expect("a form with a request id");
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

async fn sign_in(sb: &RunningSandbox, request: &str, email: &str, password: &str) -> reqwest::Response {
    let form = [("request", request), ("email", email), ("password", password), ("lang", "en")];
    browser().post(format!("{}/OAuth/authorization/sign-in", sb.base_url())).form(&form).send().await.unwrap()
}

async fn decide(sb: &RunningSandbox, request: &str, decision: &str) -> reqwest::Response {
    let form = [("request", request), ("decision", decision), ("lang", "en")];
    browser().post(format!("{}/OAuth/authorization/consent", sb.base_url())).form(&form).send().await.unwrap()
}

/// The query of a 302's `Location`, which must go to `REDIRECT`.
fn redirected(response: &reqwest::Response) -> HashMap<String, String> {
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).expect("a Location").to_owned();
    let query = location.strip_prefix(&format!("{REDIRECT}?")).unwrap_or_else(|| panic!("{location}"));
    serde_urlencoded::from_str(query).unwrap()
}

/// Signs `email` in and allows: the code and state the shop receives.
async fn code_for(sb: &RunningSandbox, params: &[(&str, String)], email: &str, password: &str) -> (String, String) {
    let page = authorize(sb, params).await.text().await.unwrap();
    let consent = sign_in(sb, &request_id(&page), email, password).await.text().await.unwrap();
    let back = redirected(&decide(sb, &request_id(&consent), "allow").await);
    (back["code"].clone(), back["state"].clone())
}

async fn anna_code(sb: &RunningSandbox) -> String {
    code_for(sb, &authorize_params("s1"), "anna.muster@sandbox.example", "sandbox-anna").await.0
}

fn token_form(code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.into()),
        ("redirect_uri", REDIRECT.into()),
        ("client_id", SANDBOX_CLIENT_ID.into()),
        ("client_secret", SANDBOX_CLIENT_SECRET.into()),
        ("code_verifier", VERIFIER.into()),
    ]
}

async fn exchange(sb: &RunningSandbox, form: &[(&str, String)]) -> reqwest::Response {
    reqwest::Client::new().post(format!("{}/OAuth/token", sb.base_url())).form(form).send().await.unwrap()
}

async fn access_token(sb: &RunningSandbox, code: &str) -> String {
    let response = exchange(sb, &token_form(code)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<CodeTokenResponse>().await.unwrap().access_token
}

async fn invalid_grant(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: OAuthError = response.json().await.unwrap();
    assert_eq!(error.error, "invalid_grant");
    error.error_description.unwrap_or_default()
}

async fn get(sb: &RunningSandbox, token: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new().get(format!("{}{path}", sb.base_url())).bearer_auth(token).send().await.unwrap()
}

const ADDRESSES: &str = "/address/v1/users/current/addresses";

#[tokio::test]
async fn the_whole_flow_from_authorization_to_the_saved_addresses() {
    let sb = start().await;
    let page = authorize(&sb, &authorize_params("shop-state-1")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers().get(CACHE_CONTROL).unwrap(), "no-store");
    let page = page.text().await.unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Sandbox – not Swiss Post"));
    assert!(page.contains("<h1>Sign in with Swiss Post</h1>"));
    assert!(
        page.contains("<label for=\"email\">E-mail</label>")
            && page.contains("<label for=\"password\">Password</label>")
    );
    assert!(page.contains(">Sign in</button>"));
    assert!(!page.to_lowercase().contains("<script"));
    for shopper in ["anna.muster@sandbox.example", "sandbox-anna", "luca.beispiel@sandbox.example", "sandbox-nora"] {
        assert!(page.contains(shopper), "the test shoppers are listed: {shopper}");
    }

    let consent = sign_in(&sb, &request_id(&page), "anna.muster@sandbox.example", "sandbox-anna").await;
    assert_eq!(consent.status(), StatusCode::OK);
    let consent = consent.text().await.unwrap();
    assert!(consent.contains("would like your name, e-mail address and saved delivery addresses"));
    assert!(
        consent.contains("value=\"allow\">Allow</button>") && consent.contains("value=\"decline\">Decline</button>")
    );
    assert_ne!(request_id(&consent), request_id(&page), "signing in gives the request a new id");

    let back = redirected(&decide(&sb, &request_id(&consent), "allow").await);
    assert_eq!(back["state"], "shop-state-1");
    let response = exchange(&sb, &token_form(&back["code"])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get(CACHE_CONTROL).unwrap(), "no-store");
    let tokens: CodeTokenResponse = response.json().await.unwrap();
    assert_eq!((tokens.token_type.as_str(), tokens.expires_in, &tokens.refresh_token), ("Bearer", Some(300), &None));
    let claims = verify_id_token(&tokens.id_token, SANDBOX_CLIENT_SECRET).expect("signed with the client secret");
    assert_eq!(claims.iss, sb.base_url());
    assert!(claims.aud.names(SANDBOX_CLIENT_ID));
    assert_eq!((claims.nonce.as_str(), claims.sub.as_str()), (NONCE, "sandbox-user-1"));
    assert_eq!(claims.exp - claims.iat, 300);
    assert!(verify_id_token(&tokens.id_token, "another-secret").is_none());

    let info = get(&sb, &tokens.access_token, "/OAuth/userinfo").await;
    assert_eq!(info.status(), StatusCode::OK);
    let info: UserInfo = info.json().await.unwrap();
    assert_eq!((info.sub.as_str(), info.name.as_str()), ("sandbox-user-1", "Anna Muster"));
    assert_eq!((info.given_name.as_str(), info.family_name.as_str()), ("Anna", "Muster"));
    assert_eq!(
        (info.email.as_str(), info.email_verified, info.locale.as_str()),
        ("anna.muster@sandbox.example", true, "de")
    );
    let address = info.address.expect("the address claim");
    assert_eq!((address.street_address.as_str(), address.postal_code.as_str()), ("Kramgasse 49", "3011"));
    assert_eq!((address.locality.as_str(), address.country.as_str()), ("Bern", "CH"));

    let all: Vec<SavedAddress> = get(&sb, &tokens.access_token, ADDRESSES).await.json().await.unwrap();
    let kinds: Vec<(Option<&str>, &str)> = all.iter().map(|a| (a.id.as_deref(), a.kind.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (None, address_type::MAIN),
            (Some("1001"), address_type::DOMICILE),
            (Some("1002"), address_type::POST_OFFICE),
            (Some("1003"), address_type::PICK_POST),
            (Some("1004"), address_type::MY_POST_24),
            (Some("1005"), address_type::POSTBOX),
        ]
    );
    for saved in &all {
        assert_eq!((saved.addressee.first_name.as_str(), saved.addressee.last_name.as_str()), ("Anna", "Muster"));
    }
    let main: SavedAddress = get(&sb, &tokens.access_token, &format!("{ADDRESSES}/main")).await.json().await.unwrap();
    assert_eq!(main, all[0]);
    assert_eq!(main.geographic_location.house.house_key.as_deref(), Some("1230393"), "Kramgasse 49's EGID");
    assert_eq!(all[1].nickname.as_deref(), Some("Office"));

    // The PickPost entry: six-digit geographic postcode, "Postfach" and the shopper's PickPost user id.
    let pick: SavedAddress = get(&sb, &tokens.access_token, &format!("{ADDRESSES}/1003")).await.json().await.unwrap();
    assert_eq!(pick, all[3]);
    assert_eq!(pick.geographic_location.zip.zip, "900000");
    assert_eq!(pick.geographic_location.house.street, "St. Leonhard-Strasse");
    let logistic = pick.logistic_location.expect("a logistic location");
    assert_eq!((logistic.house.street.as_str(), logistic.zip.zip.as_str()), ("Postfach", "9000"));
    let pickpost_token = common::token(&sb, swisspost::scope::PICKPOST).await;
    let request = UserRequest {
        user_details: UserDetails {
            gender: None,
            first_name: "Anna".into(),
            last_name: "Muster".into(),
            language: "DE".into(),
        },
        address: Some(UserAddress::default()),
        notification: UserNotification { notify_mode: "EMAIL".into(), email: "anna.muster@sandbox.example".into() },
        service: "PICKPOST".into(),
    };
    let user: UserResponse = reqwest::Client::new()
        .post(format!("{}/pickpost/v1/users", sb.base_url()))
        .bearer_auth(pickpost_token)
        .json(&request)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(logistic.post_box_number, Some(user.id.clone()));
    assert_eq!(all[4].logistic_location.as_ref().and_then(|l| l.post_box_number.clone()), Some(user.id));
    let postbox = all[5].logistic_location.as_ref().expect("a PO box");
    assert_eq!((postbox.house.street.as_str(), postbox.zip.zip.as_str()), ("Postfach", "9001"));
}

#[tokio::test]
async fn pages_speak_the_requested_language() {
    let sb = start().await;
    for (lang, heading, button, email, password) in [
        ("de", "Mit Swiss Post anmelden", "Anmelden", "E-Mail", "Passwort"),
        ("fr", "Se connecter avec la Poste", "Se connecter", "E-mail", "Mot de passe"),
        ("it", "Accedi con la Posta", "Accedi", "E-mail", "Password"),
    ] {
        let page = authorize(&sb, &with(authorize_params("s"), "lang", Some(lang))).await.text().await.unwrap();
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        assert!(page.contains(&format!("<h1>{heading}</h1>")) && page.contains(&format!(">{button}</button>")));
        assert!(page.contains(&format!(">{email}</label>")) && page.contains(&format!(">{password}</label>")));
        let consent = sign_in(&sb, &request_id(&page), "nora.leer@sandbox.example", "sandbox-nora").await;
        let consent = consent.text().await.unwrap();
        let (allow, decline) = match lang {
            "de" => ("Erlauben", "Ablehnen"),
            "fr" => ("Autoriser", "Refuser"),
            _ => ("Consenti", "Rifiuta"),
        };
        assert!(consent.contains(&format!(">{allow}</button>")) && consent.contains(&format!(">{decline}</button>")));
    }
    let default = authorize(&sb, &with(authorize_params("s"), "lang", None)).await.text().await.unwrap();
    assert!(default.contains("<html lang=\"de\">"), "German by default");
}

#[tokio::test]
async fn a_wrong_password_shows_the_alert_and_the_same_request_signs_in_after() {
    let sb = start().await;
    let page = authorize(&sb, &authorize_params("s")).await.text().await.unwrap();
    let request = request_id(&page);
    let wrong = sign_in(&sb, &request, "anna.muster@sandbox.example", "sandbox-luca").await;
    assert_eq!(wrong.status(), StatusCode::OK);
    assert!(wrong.headers().get(LOCATION).is_none());
    let wrong = wrong.text().await.unwrap();
    assert!(wrong.contains("role=\"alert\""), "{wrong}");
    assert!(wrong.contains("aria-invalid=\"true\" aria-describedby=\"sign-in-error\""));
    assert!(wrong.contains("value=\"anna.muster@sandbox.example\""), "the e-mail stays typed");
    assert_eq!(request_id(&wrong), request);
    let unknown = sign_in(&sb, &request, "nobody@sandbox.example", "sandbox-anna").await.text().await.unwrap();
    assert!(unknown.contains("role=\"alert\""));
    let right = sign_in(&sb, &request, "anna.muster@sandbox.example", "sandbox-anna").await.text().await.unwrap();
    assert!(right.contains(">Allow</button>"));
}

#[tokio::test]
async fn declining_sends_access_denied_with_the_state() {
    let sb = start().await;
    let page = authorize(&sb, &authorize_params("declined-state")).await.text().await.unwrap();
    let consent = sign_in(&sb, &request_id(&page), "luca.beispiel@sandbox.example", "sandbox-luca").await;
    let consent = consent.text().await.unwrap();
    let back = redirected(&decide(&sb, &request_id(&consent), "decline").await);
    assert_eq!(back["error"], "access_denied");
    assert_eq!(back["state"], "declined-state");
    assert!(!back.contains_key("code"));
    // The request is spent: deciding again is the page that says to start again.
    let again = decide(&sb, &request_id(&consent), "allow").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.headers().get(LOCATION).is_none());
    assert!(again.text().await.unwrap().contains("start again"));
}

#[tokio::test]
async fn the_state_comes_back_exactly() {
    let sb = start().await;
    let state = "a b&c=d/é+%25?#x";
    let (_, echoed) = code_for(&sb, &authorize_params(state), "anna.muster@sandbox.example", "sandbox-anna").await;
    assert_eq!(echoed, state);
    let refused = authorize(&sb, &with(authorize_params(state), "response_type", Some("token"))).await;
    assert_eq!(redirected(&refused)["state"], state);
}

#[tokio::test]
async fn an_untrusted_client_or_redirect_uri_gets_a_page_never_a_redirect() {
    let sb = start().await;
    for params in [
        with(authorize_params("s"), "redirect_uri", Some("http://127.0.0.1:9/evil")),
        with(authorize_params("s"), "redirect_uri", Some(&format!("{REDIRECT}/"))),
        with(authorize_params("s"), "redirect_uri", Some(&format!("{REDIRECT}?x=1"))),
        with(authorize_params("s"), "redirect_uri", None),
        with(authorize_params("s"), "client_id", Some("unknown-client")),
        with(authorize_params("s"), "client_id", None),
    ] {
        let response = authorize(&sb, &params).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{params:?}");
        assert!(response.headers().get(LOCATION).is_none());
        let page = response.text().await.unwrap();
        assert!(page.contains("role=\"alert\"") && !page.contains("name=\"request\""));
    }
    // A callback registered at run time is good from then on.
    let later = "http://127.0.0.1:9/registered/later";
    let params = with(authorize_params("s"), "redirect_uri", Some(later));
    assert_eq!(authorize(&sb, &params).await.status(), StatusCode::BAD_REQUEST);
    sb.state().register_redirect_uri(SANDBOX_CLIENT_ID, later);
    assert_eq!(authorize(&sb, &params).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn other_bad_requests_go_back_to_the_shop_as_errors() {
    let sb = start().await;
    for (name, value, error) in [
        ("response_type", Some("token"), "unsupported_response_type"),
        ("response_type", None, "invalid_request"),
        ("scope", Some("openid profile"), "invalid_scope"),
        ("scope", Some("WEDEC_READ_ADDRESS email"), "invalid_scope"),
        ("scope", Some("WEDEC_READ_ADDRESS openid DCAPI_ADDRESS_READ"), "invalid_scope"),
        ("code_challenge_method", Some("plain"), "invalid_request"),
        ("code_challenge_method", None, "invalid_request"),
        ("code_challenge", Some("too-short"), "invalid_request"),
        ("nonce", None, "invalid_request"),
    ] {
        let response = authorize(&sb, &with(authorize_params("st"), name, value)).await;
        let back = redirected(&response);
        assert_eq!((name, back["error"].as_str()), (name, error), "{value:?}");
        assert_eq!(back["state"], "st");
    }
    let without_state = redirected(&authorize(&sb, &with(authorize_params("st"), "state", None)).await);
    assert_eq!(without_state["error"], "invalid_request");
    assert!(!without_state.contains_key("state"));
    let mut twice = authorize_params("st");
    twice.push(("scope", scope::ALL.into()));
    assert_eq!(redirected(&authorize(&sb, &twice).await)["error"], "invalid_request");
}

#[tokio::test]
async fn a_reused_code_is_refused_and_revokes_its_token() {
    let sb = start().await;
    let code = anna_code(&sb).await;
    let token = access_token(&sb, &code).await;
    assert_eq!(get(&sb, &token, "/OAuth/userinfo").await.status(), StatusCode::OK);
    invalid_grant(exchange(&sb, &token_form(&code)).await).await;
    let revoked = get(&sb, &token, "/OAuth/userinfo").await;
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    assert!(revoked.headers().get("www-authenticate").is_some());
    assert_eq!(get(&sb, &token, ADDRESSES).await.status(), StatusCode::UNAUTHORIZED);
    invalid_grant(exchange(&sb, &token_form("never-issued")).await).await;
}

#[tokio::test]
async fn a_code_is_bound_to_its_redirect_uri_verifier_and_client() {
    let sb = sandbox::spawn(SandboxConfig {
        clients: vec![
            Client::sandbox_default(),
            Client { id: "other-shop".into(), secret: "other-secret".into(), scopes: vec![] },
        ],
        connector_redirect_uris: vec![REDIRECT.into()],
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let wrong_redirect = with(token_form(&anna_code(&sb).await), "redirect_uri", Some("http://127.0.0.1:9/other"));
    assert!(invalid_grant(exchange(&sb, &wrong_redirect).await).await.contains("redirect_uri"));
    let wrong_verifier =
        with(token_form(&anna_code(&sb).await), "code_verifier", Some("another-verifier-0123456789-0123456789-0123"));
    assert!(invalid_grant(exchange(&sb, &wrong_verifier).await).await.contains("code_verifier"));
    let no_verifier = with(token_form(&anna_code(&sb).await), "code_verifier", None);
    invalid_grant(exchange(&sb, &no_verifier).await).await;
    let mut other_client = token_form(&anna_code(&sb).await);
    other_client = with(other_client, "client_id", Some("other-shop"));
    other_client = with(other_client, "client_secret", Some("other-secret"));
    assert!(invalid_grant(exchange(&sb, &other_client).await).await.contains("another client"));
    // A wrong secret is the client's failure, before the code is looked at.
    let code = anna_code(&sb).await;
    let response = exchange(&sb, &with(token_form(&code), "client_secret", Some("wrong"))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.json::<OAuthError>().await.unwrap().error, "invalid_client");
    access_token(&sb, &code).await;
    // Without PKCE the code grant works too, but then a verifier is refused.
    let plain = with(with(authorize_params("s"), "code_challenge", None), "code_challenge_method", None);
    let (code, _) = code_for(&sb, &plain, "anna.muster@sandbox.example", "sandbox-anna").await;
    let without_verifier = exchange(&sb, &with(token_form(&code), "code_verifier", None)).await;
    assert_eq!(without_verifier.status(), StatusCode::OK);
    let (code, _) = code_for(&sb, &plain, "anna.muster@sandbox.example", "sandbox-anna").await;
    invalid_grant(exchange(&sb, &token_form(&code)).await).await;
}

#[tokio::test]
async fn codes_and_sign_ins_expire_on_the_sandbox_clock() {
    let sb = start().await;
    assert_eq!(sandbox::connector::CODE_LIFETIME_SECS, 60);
    let code = anna_code(&sb).await;
    let started = authorize(&sb, &authorize_params("s")).await.text().await.unwrap();
    sb.knobs().apply(&KnobSettings { clock_ahead_minutes: Some(2), ..KnobSettings::default() });
    assert!(invalid_grant(exchange(&sb, &token_form(&code)).await).await.contains("expired"));
    // Ten minutes for the shopper to sign in.
    let fresh = authorize(&sb, &authorize_params("s")).await.text().await.unwrap();
    sb.knobs().apply(&KnobSettings { clock_ahead_minutes: Some(11), ..KnobSettings::default() });
    let late = sign_in(&sb, &request_id(&started), "anna.muster@sandbox.example", "sandbox-anna").await;
    assert_eq!(late.status(), StatusCode::BAD_REQUEST);
    assert!(late.text().await.unwrap().contains("start again"));
    let in_time = sign_in(&sb, &request_id(&fresh), "anna.muster@sandbox.example", "sandbox-anna").await;
    assert_eq!(in_time.status(), StatusCode::OK);
    // A user token lasts five minutes of that clock.
    let token = access_token(&sb, &anna_code(&sb).await).await;
    sb.knobs().apply(&KnobSettings { clock_ahead_minutes: Some(17), ..KnobSettings::default() });
    assert_eq!(get(&sb, &token, "/OAuth/userinfo").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn addresses_are_the_signed_in_shoppers_only() {
    let sb = start().await;
    let (code, _) = code_for(&sb, &authorize_params("s"), "luca.beispiel@sandbox.example", "sandbox-luca").await;
    let luca = access_token(&sb, &code).await;
    let all: Vec<SavedAddress> = get(&sb, &luca, ADDRESSES).await.json().await.unwrap();
    let kinds: Vec<(Option<&str>, &str)> = all.iter().map(|a| (a.id.as_deref(), a.kind.as_str())).collect();
    assert_eq!(kinds, [(None, address_type::MAIN), (Some("2001"), address_type::MY_POST_24)]);
    let info: UserInfo = get(&sb, &luca, "/OAuth/userinfo").await.json().await.unwrap();
    assert_eq!(info.locale, "fr");

    let anna_s = get(&sb, &luca, &format!("{ADDRESSES}/1001")).await;
    assert_eq!(anna_s.status(), StatusCode::NOT_FOUND);
    assert_eq!(anna_s.json::<ApiError>().await.unwrap().error, "not_found");
    assert_eq!(get(&sb, &luca, &format!("{ADDRESSES}/9999")).await.status(), StatusCode::NOT_FOUND);
    let not_digits = get(&sb, &luca, &format!("{ADDRESSES}/12a")).await;
    assert_eq!(not_digits.status(), StatusCode::BAD_REQUEST);
    assert_eq!(not_digits.json::<ApiError>().await.unwrap().error, "invalid_parameter");
    let own: SavedAddress = get(&sb, &luca, &format!("{ADDRESSES}/2001")).await.json().await.unwrap();
    assert_eq!(own.geographic_location.zip.zip, "901400");

    let (code, _) = code_for(&sb, &authorize_params("s"), "nora.leer@sandbox.example", "sandbox-nora").await;
    let nora = access_token(&sb, &code).await;
    let all: Vec<SavedAddress> = get(&sb, &nora, ADDRESSES).await.json().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, address_type::MAIN);
}

#[tokio::test]
async fn only_a_user_token_reads_userinfo_and_addresses() {
    let sb = start().await;
    let service = common::token(&sb, swisspost::scope::ADDRESS_READ).await;
    for path in ["/OAuth/userinfo", ADDRESSES, "/address/v1/users/current/addresses/main"] {
        assert_eq!(get(&sb, &service, path).await.status(), StatusCode::UNAUTHORIZED, "{path}");
        let anonymous = reqwest::Client::new().get(format!("{}{path}", sb.base_url())).send().await.unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    }
    // And a user token is not a service token.
    let user = access_token(&sb, &anna_code(&sb).await).await;
    assert_eq!(
        get(&sb, &user, "/address/v1/houses?zip=3011&streetname=Kramgasse").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The expire-tokens knob ends user tokens too.
    reqwest::Client::new().post(format!("{}/__sandbox/expire-tokens", sb.base_url())).send().await.unwrap();
    assert_eq!(get(&sb, &user, "/OAuth/userinfo").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_unknown_sign_in_request_says_to_start_again() {
    let sb = start().await;
    let response = sign_in(&sb, "no-such-request", "anna.muster@sandbox.example", "sandbox-anna").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("role=\"alert\"") && page.contains("start again"));
    // A consent form without signing in first does not pass either.
    let page = authorize(&sb, &authorize_params("s")).await.text().await.unwrap();
    assert_eq!(decide(&sb, &request_id(&page), "allow").await.status(), StatusCode::BAD_REQUEST);
}
