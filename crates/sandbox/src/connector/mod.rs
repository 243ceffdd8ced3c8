//! The Login Post Connector (POST-API-AFTERSALE.md §3; wire contract in [`swisspost::connector`]): a shopper
//! signs in with Swiss Post and consents, and the shop, a confidential client, reads their name, e-mail and
//! saved delivery addresses. OAuth 2 authorization code (RFC 6749) with PKCE (RFC 7636) and OpenID Connect.
//!
//! Routes: `GET /OAuth/authorization` (the sign-in page), `POST /OAuth/authorization/sign-in`,
//! `POST /OAuth/authorization/consent`, the code grant of `POST /OAuth/token` ([`exchange_code`], called by
//! [`crate::auth::token`]), `GET /OAuth/userinfo`, `GET /address/v1/users/current/addresses`, `…/main` and
//! `…/{id}`. The pages are in [`pages`], the test shoppers and their addresses in [`shoppers`].
//!
//! Rules (the sandbox's, after the RFCs):
//! - `redirect_uri` must equal, character for character, one registered for the client
//!   ([`crate::SandboxConfig::connector_redirect_uris`], [`crate::SandboxState::register_redirect_uri`]). An
//!   unknown client or unregistered `redirect_uri` gets an HTML page with status 400, never a redirect (RFC 6749
//!   §4.1.2.1); every other refusal goes back to the `redirect_uri` as `?error=…&error_description=…&state=…`:
//!   `unsupported_response_type` (not `code`), `invalid_scope` (without `openid` or `WEDEC_READ_ADDRESS`, or a
//!   scope outside [`swisspost::connector::scope::ALL`]), `invalid_request` (no `state`, no `nonce`, a parameter
//!   given twice, a `code_challenge` whose method is not `S256` or that is not 43–128 unreserved characters).
//! - A valid request waits server-side under a random id for [`REQUEST_LIFETIME_MINUTES`]; signing in gives it a
//!   new id (the one the consent form carries), consenting or declining spends it.
//! - A code is random, lives [`CODE_LIFETIME_SECS`], is bound to the client, `redirect_uri`, nonce, PKCE
//!   challenge, shopper and scopes, and is spent by its first presentation at the token endpoint, whether that
//!   succeeds or not. Presenting it again is `invalid_grant` and revokes the access token issued for it (RFC
//!   6749 §4.1.2). So are an unknown or expired code, another client's code, a different `redirect_uri`, a
//!   `code_verifier` whose S256 challenge differs (or none when a challenge was given, or one when none was).
//! - The access token is a user token of [`USER_TOKEN_LIFETIME_SECS`] for the shopper and the granted scopes,
//!   good for userinfo and the addresses only (a client-credentials token is not, and a user token is not
//!   good for the other API routes). The ID token is HS256 with the client's secret, `iss` the sandbox's base
//!   URL as the request's Host header names it.
//! - Requests, codes and user tokens expire on the sandbox's clock (the `clock_ahead_minutes` knob), so a test
//!   moves the clock instead of sleeping; the ID token's `iat` and `exp` are real time, as the shop checks them
//!   against its own clock. `POST /__sandbox/expire-tokens` ends the user tokens too.
//!
//! INFERRED: the current generation's paths and scope name, PKCE, the HS256 ID token (see
//! [`swisspost::connector`]); the pages, the error bodies of the address routes (the sandbox's usual shape)
//! and the userinfo claims per scope (OpenID Connect's `profile`, `email`, `address`).

pub mod pages;
pub mod shoppers;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use swisspost::TokenRequest;
use swisspost::connector::{CodeTokenResponse, IdTokenClaims, UserInfo, pkce_challenge, scope, sign_id_token};
use time::OffsetDateTime;

use crate::address::Failure;
use crate::auth::{Client, Refusal, oauth_error};
use crate::lang::Lang;
use crate::{SandboxState, SharedState};
use pages::Problem;
use shoppers::Shopper;

/// How long a started sign-in waits for the shopper.
pub const REQUEST_LIFETIME_MINUTES: i64 = 10;
/// How long an authorization code is good.
pub const CODE_LIFETIME_SECS: i64 = 60;
/// `expires_in` of a user access token (the older generation's recorded answer, §3).
pub const USER_TOKEN_LIFETIME_SECS: u64 = 300;
/// At most this many sign-ins wait at once; more is a 503 page.
const MAX_PENDING: usize = 10_000;

/// The OpenID scope every request needs.
const OPENID: &str = "openid";

/// A valid authorization request, waiting for the shopper.
struct Pending {
    client_id: String,
    redirect_uri: String,
    scopes: BTreeSet<String>,
    state: String,
    nonce: String,
    code_challenge: Option<String>,
    lang: Lang,
    expires_at: OffsetDateTime,
    /// Set by a successful sign-in.
    shopper: Option<&'static Shopper>,
}

struct IssuedCode {
    client_id: String,
    redirect_uri: String,
    scopes: BTreeSet<String>,
    nonce: String,
    code_challenge: Option<String>,
    shopper: &'static Shopper,
    expires_at: OffsetDateTime,
    spent: bool,
    /// The access token issued for it, revoked when the code comes again.
    access_token: Option<String>,
}

struct UserToken {
    shopper: &'static Shopper,
    scopes: BTreeSet<String>,
    expires_at: OffsetDateTime,
}

/// The connector's state: registered redirect URIs, waiting sign-ins, codes and user tokens.
#[derive(Default)]
pub struct Connector {
    redirect_uris: Mutex<HashMap<String, Vec<String>>>,
    pending: Mutex<HashMap<String, Pending>>,
    codes: Mutex<HashMap<String, IssuedCode>>,
    tokens: Mutex<HashMap<String, UserToken>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// 244 random bits as 64 hex digits.
fn random_id() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

impl Connector {
    /// Lets `client_id` send shoppers back to `uri` (compared exactly).
    pub fn register_redirect_uri(&self, client_id: &str, uri: &str) {
        let mut registered = lock(&self.redirect_uris);
        let uris = registered.entry(client_id.to_owned()).or_default();
        if !uris.iter().any(|u| u == uri) {
            uris.push(uri.to_owned());
        }
    }

    /// The redirect URIs registered for `client_id`.
    pub fn redirect_uris(&self, client_id: &str) -> Vec<String> {
        lock(&self.redirect_uris).get(client_id).cloned().unwrap_or_default()
    }

    fn is_registered(&self, client_id: &str, uri: &str) -> bool {
        lock(&self.redirect_uris).get(client_id).is_some_and(|uris| uris.iter().any(|u| u == uri))
    }

    /// Ends every user token (`POST /__sandbox/expire-tokens`).
    pub fn expire_all(&self) {
        lock(&self.tokens).clear();
    }

    fn issue_token(&self, shopper: &'static Shopper, scopes: BTreeSet<String>, now: OffsetDateTime) -> String {
        let token = random_id();
        let mut tokens = lock(&self.tokens);
        tokens.retain(|_, t| t.expires_at > now);
        let expires_at = now + time::Duration::seconds(USER_TOKEN_LIFETIME_SECS as i64);
        tokens.insert(token.clone(), UserToken { shopper, scopes, expires_at });
        token
    }

    /// The shopper and granted scopes of the `Authorization: Bearer …` user token, if it is valid and has
    /// `needed`.
    fn user(&self, headers: &HeaderMap, needed: &str, now: OffsetDateTime) -> Result<Grant, Refusal> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or(Refusal::Unauthorized)?;
        let tokens = lock(&self.tokens);
        let issued = tokens.get(token).filter(|t| t.expires_at > now).ok_or(Refusal::Unauthorized)?;
        if issued.scopes.contains(needed) {
            Ok(Grant { shopper: issued.shopper, scopes: issued.scopes.clone() })
        } else {
            Err(Refusal::Forbidden)
        }
    }
}

/// What a valid user token grants.
struct Grant {
    shopper: &'static Shopper,
    scopes: BTreeSet<String>,
}

/// A 302 to `uri` with `params` added to its query.
fn redirect(uri: &str, params: &[(&str, &str)]) -> Response {
    let separator = if uri.contains('?') { '&' } else { '?' };
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    let location = format!("{uri}{separator}{query}");
    let Ok(location) = HeaderValue::from_str(&location) else {
        // A registered URI is a valid header value, and the query is percent-encoded.
        return pages::problem(Lang::En, Problem::UnregisteredRedirect);
    };
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// An error sent back to the shop (RFC 6749 §4.1.2.1), with the request's `state` when it has one.
fn error_redirect(uri: &str, error: &str, description: &str, state: Option<&str>) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(state) = state {
        params.push(("state", state));
    }
    redirect(uri, &params)
}

/// The one value of a query parameter: `Ok(None)` when absent or empty (RFC 6749 §3.1), `Err` when repeated.
fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, ()> {
    let mut values = pairs.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
    match (values.next(), values.next()) {
        (Some(_), Some(_)) => Err(()),
        (value, _) => Ok(value.filter(|v| !v.is_empty())),
    }
}

/// A PKCE challenge as RFC 7636 §4.2 writes it: 43 to 128 unreserved characters.
fn is_challenge(text: &str) -> bool {
    (43..=128).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

fn lang_of(code: Option<&str>) -> Lang {
    code.and_then(Lang::from_code).unwrap_or(Lang::De)
}

/// `GET /OAuth/authorization?client_id&scope&response_type=code&redirect_uri&nonce&state&code_challenge&
/// code_challenge_method=S256&lang=`: the sign-in page of a valid request (rules in the module docs).
pub async fn authorization(State(state): State<SharedState>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> = match query.as_deref().map(serde_urlencoded::from_str).transpose() {
        Ok(pairs) => pairs.unwrap_or_default(),
        Err(_) => return pages::problem(Lang::De, Problem::UnknownClient),
    };
    let lang = lang_of(single(&pairs, "lang").ok().flatten());
    let Some(client) =
        single(&pairs, "client_id").ok().flatten().and_then(|id| state.clients.iter().find(|c| c.id == id))
    else {
        return pages::problem(lang, Problem::UnknownClient);
    };
    let Some(redirect_uri) =
        single(&pairs, "redirect_uri").ok().flatten().filter(|uri| state.connector.is_registered(&client.id, uri))
    else {
        return pages::problem(lang, Problem::UnregisteredRedirect);
    };
    // From here on the shop hears of every refusal at its redirect_uri.
    let shop_state = single(&pairs, "state").ok().flatten();
    let refuse = |error: &str, description: &str| error_redirect(redirect_uri, error, description, shop_state);
    let mut values = HashMap::new();
    for name in ["response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "lang"] {
        match single(&pairs, name) {
            Ok(value) => values.insert(name, value),
            Err(()) => return refuse("invalid_request", &format!("{name} is given more than once")),
        };
    }
    let value = |name: &str| values.get(name).copied().flatten();
    match value("response_type") {
        Some("code") => {}
        Some(_) => return refuse("unsupported_response_type", "only response_type=code is supported"),
        None => return refuse("invalid_request", "response_type is required"),
    }
    let Some(shop_state) = shop_state else {
        return refuse("invalid_request", "state is required");
    };
    let Some(nonce) = value("nonce") else {
        return refuse("invalid_request", "nonce is required");
    };
    if shop_state.len() > 2_000 || nonce.len() > 2_000 {
        return refuse("invalid_request", "state and nonce are at most 2000 characters");
    }
    let scopes: BTreeSet<String> = value("scope").unwrap_or_default().split_whitespace().map(str::to_owned).collect();
    let known: BTreeSet<&str> = scope::ALL.split_whitespace().collect();
    if let Some(unknown) = scopes.iter().find(|s| !known.contains(s.as_str())) {
        return refuse("invalid_scope", &format!("scope {unknown} is not served"));
    }
    if !scopes.contains(OPENID) || !scopes.contains(scope::READ_ADDRESS) {
        return refuse("invalid_scope", "scope must contain openid and WEDEC_READ_ADDRESS");
    }
    let code_challenge = match (value("code_challenge"), value("code_challenge_method")) {
        (None, None) => None,
        (None, Some(_)) => return refuse("invalid_request", "code_challenge_method without code_challenge"),
        (Some(challenge), Some("S256")) if is_challenge(challenge) => Some(challenge.to_owned()),
        (Some(_), Some("S256")) => return refuse("invalid_request", "code_challenge is not a S256 challenge"),
        (Some(_), _) => return refuse("invalid_request", "code_challenge_method must be S256"),
    };

    let now = state.knobs.now();
    let id = random_id();
    {
        let mut pending = lock(&state.connector.pending);
        pending.retain(|_, p| p.expires_at > now);
        if pending.len() >= MAX_PENDING {
            return pages::problem(lang, Problem::Busy);
        }
        pending.insert(
            id.clone(),
            Pending {
                client_id: client.id.clone(),
                redirect_uri: redirect_uri.to_owned(),
                scopes,
                state: shop_state.to_owned(),
                nonce: nonce.to_owned(),
                code_challenge,
                lang,
                expires_at: now + time::Duration::minutes(REQUEST_LIFETIME_MINUTES),
                shopper: None,
            },
        );
    }
    pages::sign_in(lang, &id, &client.id, None)
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SignInForm {
    request: String,
    email: String,
    password: String,
    lang: String,
}

/// `POST /OAuth/authorization/sign-in` (form `request`, `email`, `password`): the consent page, or the sign-in
/// page again with the error.
pub async fn sign_in(State(state): State<SharedState>, body: Bytes) -> Response {
    let Ok(form) = serde_urlencoded::from_bytes::<SignInForm>(&body) else {
        return pages::problem(Lang::De, Problem::BadForm);
    };
    let lang = lang_of(Some(&form.lang));
    let now = state.knobs.now();
    let mut pending = lock(&state.connector.pending);
    let Some(request) = pending.get(&form.request).filter(|p| p.expires_at > now && p.shopper.is_none()) else {
        return pages::problem(lang, Problem::Expired);
    };
    let Some(shopper) = shoppers::sign_in(&form.email, &form.password) else {
        // The same request id stays good for another try.
        return pages::sign_in(request.lang, &form.request, &request.client_id, Some(&form.email));
    };
    // The consent form gets a new id: the one the sign-in page showed is spent.
    let Some(mut request) = pending.remove(&form.request) else {
        return pages::problem(lang, Problem::Expired);
    };
    request.shopper = Some(shopper);
    let (id, lang, client_id) = (random_id(), request.lang, request.client_id.clone());
    pending.insert(id.clone(), request);
    pages::consent(lang, &id, &client_id, shopper)
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ConsentForm {
    request: String,
    decision: String,
    lang: String,
}

/// `POST /OAuth/authorization/consent` (form `request`, `decision=allow|decline`): back to the shop with a code
/// or with `access_denied`.
pub async fn consent(State(state): State<SharedState>, body: Bytes) -> Response {
    let Ok(form) = serde_urlencoded::from_bytes::<ConsentForm>(&body) else {
        return pages::problem(Lang::De, Problem::BadForm);
    };
    let lang = lang_of(Some(&form.lang));
    let allow = match form.decision.as_str() {
        "allow" => true,
        "decline" => false,
        _ => return pages::problem(lang, Problem::BadForm),
    };
    let now = state.knobs.now();
    let request = lock(&state.connector.pending).remove(&form.request);
    let Some((request, shopper)) =
        request.filter(|r| r.expires_at > now).and_then(|r| r.shopper.map(|shopper| (r, shopper)))
    else {
        return pages::problem(lang, Problem::Expired);
    };
    if !allow {
        return error_redirect(&request.redirect_uri, "access_denied", "the shopper declined", Some(&request.state));
    }
    let code = random_id();
    {
        let mut codes = lock(&state.connector.codes);
        let keep = time::Duration::seconds(USER_TOKEN_LIFETIME_SECS as i64);
        // A spent code is kept while the token issued for it may live, so that a replay can revoke it.
        codes.retain(|_, c| c.expires_at + keep > now);
        codes.insert(
            code.clone(),
            IssuedCode {
                client_id: request.client_id,
                redirect_uri: request.redirect_uri.clone(),
                scopes: request.scopes,
                nonce: request.nonce,
                code_challenge: request.code_challenge,
                shopper,
                expires_at: now + time::Duration::seconds(CODE_LIFETIME_SECS),
                spent: false,
                access_token: None,
            },
        );
    }
    redirect(&request.redirect_uri, &[("code", &code), ("state", &request.state)])
}

/// The sandbox's base URL as the request's Host header names it: the ID token's `iss`.
fn issuer(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1:8090");
    format!("http://{host}")
}

/// `POST /OAuth/token` with `grant_type=authorization_code`, for an authenticated `client` (rules in the
/// module docs).
pub fn exchange_code(state: &SandboxState, client: &Client, request: &TokenRequest, headers: &HeaderMap) -> Response {
    let refuse = |why: &str| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why);
    let now = state.knobs.now();
    let connector = &state.connector;
    let mut codes = lock(&connector.codes);
    let Some(code) = codes.get_mut(&request.code) else {
        return refuse("unknown code");
    };
    if code.spent {
        if let Some(token) = code.access_token.take() {
            lock(&connector.tokens).remove(&token);
        }
        return refuse("the code was used before; the token issued for it is revoked");
    }
    code.spent = true;
    if code.expires_at <= now {
        return refuse("the code has expired");
    }
    if code.client_id != client.id {
        return refuse("the code was issued to another client");
    }
    if code.redirect_uri != request.redirect_uri {
        return refuse("redirect_uri differs from the authorization request's");
    }
    let verifier = Some(request.code_verifier.as_str()).filter(|v| !v.is_empty());
    match (&code.code_challenge, verifier) {
        (None, None) => {}
        (Some(challenge), Some(verifier)) if pkce_challenge(verifier) == *challenge => {}
        (Some(_), _) => return refuse("code_verifier does not match the code_challenge"),
        // A verifier for a request without a challenge would hide a downgrade (RFC 9700 §2.1.1).
        (None, Some(_)) => return refuse("code_verifier without a code_challenge in the authorization request"),
    }
    let access_token = connector.issue_token(code.shopper, code.scopes.clone(), now);
    code.access_token = Some(access_token.clone());
    let issued_at = OffsetDateTime::now_utc().unix_timestamp();
    let claims = IdTokenClaims {
        iss: issuer(headers),
        sub: code.shopper.sub.into(),
        aud: client.id.clone().into(),
        exp: issued_at + USER_TOKEN_LIFETIME_SECS as i64,
        iat: issued_at,
        nonce: code.nonce.clone(),
    };
    let body = CodeTokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: Some(USER_TOKEN_LIFETIME_SECS),
        id_token: sign_id_token(&claims, &client.secret),
        refresh_token: None,
    };
    ([(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")], Json(body)).into_response()
}

/// A refused user token: the sandbox's error body with the challenge of RFC 6750 §3.
fn refused(refusal: Refusal) -> Response {
    let challenge = match refusal {
        Refusal::Unauthorized => "Bearer error=\"invalid_token\"",
        Refusal::Forbidden => "Bearer error=\"insufficient_scope\"",
    };
    let mut response = Failure::from(refusal).into_response();
    response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    response
}

/// Personal data: no cache keeps it.
fn private<T: serde::Serialize>(body: T) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// `GET /OAuth/userinfo`: the shopper's claims, those of the granted scopes (`profile`, `email`, `address`).
pub async fn userinfo(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    let Grant { shopper, scopes } = match state.connector.user(&headers, OPENID, state.knobs.now()) {
        Ok(grant) => grant,
        Err(refusal) => return refused(refusal),
    };
    let info = UserInfo {
        sub: shopper.sub.into(),
        name: shopper.name(),
        given_name: shopper.given_name.into(),
        family_name: shopper.family_name.into(),
        email: shopper.email.into(),
        email_verified: true,
        locale: shopper.locale.into(),
        phone_number: None,
        address: shopper.address_claim(),
    };
    let mut claims = serde_json::to_value(info).unwrap_or_default();
    if let Some(claims) = claims.as_object_mut() {
        let granted = |scope: &str| scopes.contains(scope);
        let mut drop = Vec::new();
        if !granted("profile") {
            drop.extend(["name", "given_name", "family_name", "locale"]);
        }
        if !granted("email") {
            drop.extend(["email", "email_verified"]);
        }
        if !granted("address") {
            drop.push("address");
        }
        for name in drop {
            claims.remove(name);
        }
    }
    private(claims)
}

/// `GET /address/v1/users/current/addresses`: every saved address of the shopper.
pub async fn addresses(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    match state.connector.user(&headers, scope::READ_ADDRESS, state.knobs.now()) {
        Ok(grant) => private(grant.shopper.addresses()),
        Err(refusal) => refused(refusal),
    }
}

/// `GET /address/v1/users/current/addresses/main`.
pub async fn main_address(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    match state.connector.user(&headers, scope::READ_ADDRESS, state.knobs.now()) {
        Ok(grant) => grant.shopper.main_address().map_or_else(|| Failure::not_found().into_response(), private),
        Err(refusal) => refused(refusal),
    }
}

/// `GET /address/v1/users/current/addresses/{id}`: 400 for an id that is not digits, 404 for one that is not
/// the shopper's.
pub async fn address(State(state): State<SharedState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let shopper = match state.connector.user(&headers, scope::READ_ADDRESS, state.knobs.now()) {
        Ok(grant) => grant.shopper,
        Err(refusal) => return refused(refusal),
    };
    if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Failure::bad_parameter("id", "must be digits").into_response();
    }
    shopper.address_by_id(&id).map_or_else(|| Failure::not_found().into_response(), private)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bearer(token: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).unwrap_or(HeaderValue::from_static("")),
        );
        headers
    }

    #[test]
    fn a_user_token_without_the_address_scope_is_forbidden_there() {
        let connector = Connector::default();
        let now = OffsetDateTime::now_utc();
        let scopes = [OPENID.to_owned()].into();
        let token = connector.issue_token(&shoppers::SHOPPERS[0], scopes, now);
        assert!(connector.user(&bearer(&token), OPENID, now).is_ok());
        assert_eq!(connector.user(&bearer(&token), scope::READ_ADDRESS, now).err(), Some(Refusal::Forbidden));
        assert_eq!(connector.user(&bearer("other"), OPENID, now).err(), Some(Refusal::Unauthorized));
        let later = now + time::Duration::seconds(USER_TOKEN_LIFETIME_SECS as i64);
        assert_eq!(connector.user(&bearer(&token), OPENID, later).err(), Some(Refusal::Unauthorized));
    }

    #[test]
    fn redirect_uris_are_compared_exactly() {
        let connector = Connector::default();
        connector.register_redirect_uri("shop", "https://shop.example/callback");
        connector.register_redirect_uri("shop", "https://shop.example/callback");
        assert_eq!(connector.redirect_uris("shop").len(), 1);
        assert!(connector.is_registered("shop", "https://shop.example/callback"));
        for other in
            ["https://shop.example/callback/", "https://shop.example/Callback", "https://shop.example/callback?x=1"]
        {
            assert!(!connector.is_registered("shop", other), "{other}");
        }
        assert!(!connector.is_registered("other", "https://shop.example/callback"));
    }

    #[test]
    fn repeated_parameters_and_challenges() {
        let pairs =
            vec![("a".to_owned(), "1".to_owned()), ("a".to_owned(), "2".to_owned()), ("b".to_owned(), String::new())];
        assert_eq!(single(&pairs, "a"), Err(()));
        assert_eq!(single(&pairs, "b"), Ok(None));
        assert!(is_challenge(&pkce_challenge("a verifier")));
        assert!(!is_challenge("short") && !is_challenge(&"é".repeat(43)));
    }
}
