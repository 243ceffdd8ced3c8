//! "Use my Swiss Post addresses": the proxy as the confidential OAuth client of Swiss Post's Login Post
//! Connector (POST-API-AFTERSALE.md §3).
//!
//! The widget opens [`api::connector::CONNECTOR_START_PATH`] in a popup: a session is made (random id in an
//! HttpOnly, SameSite=Lax cookie of this proxy, 15 minutes), with its own `state`, `nonce` and PKCE
//! verifier, and the popup goes to Swiss Post's sign-in. Swiss Post sends the shopper back to the callback
//! with a code; the proxy checks `state`, exchanges the code (with its client secret and the verifier),
//! checks the ID token (signature, audience, issuer, expiry, `nonce`), reads userinfo and the saved
//! addresses, maps them to the contract types and forgets the tokens: the session keeps only what the
//! widget will show. The widget, polling [`api::connector::CONNECTOR_SESSION_PATH`] with its checkout id,
//! then gets the names, the e-mail and the addresses. Nothing here logs a token, a code or personal data.

pub mod page;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use api::connector::{ConnectorSession, ConnectorStatus, SavedAddress, SavedShopper};
use api::{AddressInput, IdentityCheck, PickupKind, PickupSelection, PickupUser};
use base64::Engine;
use moka::future::Cache;
use ring::rand::{SecureRandom, SystemRandom};
use swisspost::TokenRequest;
use swisspost::connector::{CodeTokenResponse, UserInfo, address_type, pkce_challenge, verify_id_token};

use crate::config::ConnectorConfig;
use crate::error::{AppError, UpstreamError};
use crate::pickup::Pickup;

/// One sign-in: what the callback checks, and what the widget will be shown.
struct Session {
    checkout: String,
    state: String,
    nonce: String,
    verifier: String,
    lang: &'static str,
    outcome: ConnectorSession,
}

/// A started sign-in: the cookie's value and where the popup goes.
pub struct Started {
    pub session_id: String,
    pub authorize_url: String,
}

/// Why a callback ended in `Failed`, for the log (never a value the shopper or Swiss Post sent).
#[derive(Debug)]
#[allow(dead_code, reason = "the details are read through Debug, in the log line")]
enum Refused {
    NoSession,
    State,
    Answer(&'static str),
    Token,
    IdToken(&'static str),
    Upstream(UpstreamError),
}

pub struct Connector {
    config: ConnectorConfig,
    /// The callback as registered; in sandbox mode set once the proxy knows its address.
    redirect_uri: RwLock<String>,
    http: reqwest::Client,
    sessions: Cache<String, Arc<Mutex<Session>>>,
    random: SystemRandom,
}

/// Equal secrets, compared in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// "https://api.post.ch" of "https://api.post.ch/OAuth/authorization".
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..].find('/').map_or(url, |i| &url[..after_scheme + i])
}

impl Connector {
    pub fn new(config: ConnectorConfig, timeout: Duration) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("swiss-checkout-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let sessions =
            Cache::builder().max_capacity(100_000).time_to_live(Duration::from_secs(config.session_secs)).build();
        Ok(Self {
            redirect_uri: RwLock::new(config.redirect_uri.clone()),
            config,
            http,
            sessions,
            random: SystemRandom::new(),
        })
    }

    /// Sets the callback URL once the proxy listens (sandbox mode).
    pub fn set_redirect_uri(&self, uri: &str) {
        if let Ok(mut current) = self.redirect_uri.write() {
            *current = uri.to_owned();
        }
    }

    pub fn redirect_uri(&self) -> String {
        self.redirect_uri.read().map(|uri| uri.clone()).unwrap_or_default()
    }

    /// How long a session lives, in seconds (the cookie's `Max-Age`).
    pub fn session_secs(&self) -> u64 {
        self.config.session_secs
    }

    /// The session cookie: `Secure` when the callback is served over https.
    pub fn cookie(&self, session_id: &str, max_age: u64) -> String {
        let secure = if self.redirect_uri().starts_with("https://") { "; Secure" } else { "" };
        format!(
            "{}={session_id}; HttpOnly; SameSite=Lax; Path=/v1/connector; Max-Age={max_age}{secure}",
            api::connector::CONNECTOR_COOKIE
        )
    }

    fn random_token(&self) -> Option<String> {
        let mut bytes = [0u8; 32];
        self.random.fill(&mut bytes).ok()?;
        Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Starts a sign-in for `checkout`: the session and the authorization URL.
    pub async fn start(&self, checkout: String, lang: &'static str) -> Result<Started, AppError> {
        let [session_id, state, nonce, verifier] =
            [(); 4].map(|_| self.random_token()).map(|token| token.ok_or(AppError::NotConfigured("randomness")));
        let (session_id, state, nonce, verifier) = (session_id?, state?, nonce?, verifier?);
        let query = serde_urlencoded::to_string([
            ("client_id", self.config.client_id.as_str()),
            ("scope", self.config.scope.as_str()),
            ("response_type", "code"),
            ("redirect_uri", self.redirect_uri().as_str()),
            ("nonce", nonce.as_str()),
            ("state", state.as_str()),
            ("code_challenge", pkce_challenge(&verifier).as_str()),
            ("code_challenge_method", "S256"),
            ("lang", lang),
        ])
        .map_err(|_| AppError::NotConfigured("the connector's authorization URL"))?;
        let authorize_url = format!("{}?{query}", self.config.authorize_url);
        let outcome = ConnectorSession::with_status(ConnectorStatus::Pending);
        let session = Session { checkout, state, nonce, verifier, lang, outcome };
        self.sessions.insert(session_id.clone(), Arc::new(Mutex::new(session))).await;
        Ok(Started { session_id, authorize_url })
    }

    /// Takes Swiss Post's answer on the callback; the outcome and the session's language.
    pub async fn finish(
        &self,
        session_id: Option<&str>,
        params: &HashMap<String, String>,
        pickup: &Pickup,
    ) -> (ConnectorStatus, &'static str) {
        let Some(session) = (match session_id {
            Some(id) => self.sessions.get(id).await,
            None => None,
        }) else {
            tracing::info!(reason = ?Refused::NoSession, "connector sign-in failed");
            return (ConnectorStatus::Failed, "de");
        };
        let (state, nonce, verifier, lang, status) = match session.lock() {
            Ok(s) => (s.state.clone(), s.nonce.clone(), s.verifier.clone(), s.lang, s.outcome.status),
            Err(_) => return (ConnectorStatus::Failed, "de"),
        };
        // A callback opened again (reload, back button) shows the outcome; the code is not used twice.
        if status != ConnectorStatus::Pending {
            return (status, lang);
        }
        let outcome = match self.read(params, &state, &nonce, &verifier, pickup).await {
            Ok(outcome) => outcome,
            Err(Refused::Answer("access_denied")) => ConnectorSession::with_status(ConnectorStatus::Declined),
            Err(reason) => {
                tracing::info!(reason = ?reason, "connector sign-in failed");
                ConnectorSession::with_status(ConnectorStatus::Failed)
            }
        };
        let status = outcome.status;
        if let Ok(mut s) = session.lock() {
            s.outcome = outcome;
        }
        tracing::info!(status = ?status, "connector sign-in ended");
        (status, lang)
    }

    async fn read(
        &self,
        params: &HashMap<String, String>,
        state: &str,
        nonce: &str,
        verifier: &str,
        pickup: &Pickup,
    ) -> Result<ConnectorSession, Refused> {
        if !same(params.get("state").map_or("", String::as_str), state) {
            return Err(Refused::State);
        }
        if let Some(error) = params.get("error") {
            return Err(Refused::Answer(if error == "access_denied" { "access_denied" } else { "error" }));
        }
        let code = params.get("code").filter(|c| !c.is_empty()).ok_or(Refused::Answer("no code"))?;
        let form = TokenRequest {
            grant_type: "authorization_code".into(),
            client_id: self.config.client_id.clone(),
            client_secret: self.config.client_secret.expose().to_owned(),
            code: code.clone(),
            redirect_uri: self.redirect_uri(),
            code_verifier: verifier.to_owned(),
            ..TokenRequest::default()
        };
        let response = self.http.post(&self.config.token_url).form(&form).send().await;
        let response = response.map_err(|e| Refused::Upstream(UpstreamError::from_transport(e)))?;
        if !response.status().is_success() {
            return Err(Refused::Token);
        }
        let tokens: CodeTokenResponse = response.json().await.map_err(|_| Refused::Token)?;
        let claims = verify_id_token(&tokens.id_token, self.config.client_secret.expose())
            .ok_or(Refused::IdToken("signature"))?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if claims.aud != self.config.client_id {
            return Err(Refused::IdToken("audience"));
        }
        if claims.iss.trim_end_matches('/') != origin_of(&self.config.authorize_url) {
            return Err(Refused::IdToken("issuer"));
        }
        if claims.exp <= now {
            return Err(Refused::IdToken("expired"));
        }
        if !same(&claims.nonce, nonce) {
            return Err(Refused::IdToken("nonce"));
        }
        let user: UserInfo = self.get(&self.config.userinfo_url, &tokens.access_token).await?;
        let saved: Vec<swisspost::connector::SavedAddress> =
            self.get(&self.config.addresses_url, &tokens.access_token).await?;
        let mut addresses = Vec::new();
        for entry in &saved {
            if let Some(address) = map_address(entry, pickup).await.map_err(Refused::Upstream)? {
                addresses.push(address);
            }
        }
        let shopper = SavedShopper { first_name: user.given_name, last_name: user.family_name, email: user.email };
        Ok(ConnectorSession { status: ConnectorStatus::SignedIn, shopper: Some(shopper), addresses })
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, url: &str, token: &str) -> Result<T, Refused> {
        let response = self.http.get(url).bearer_auth(token).send().await;
        let response = response.map_err(|e| Refused::Upstream(UpstreamError::from_transport(e)))?;
        if !response.status().is_success() {
            return Err(Refused::Upstream(UpstreamError::Status(response.status().as_u16())));
        }
        response.json().await.map_err(|_| Refused::Upstream(UpstreamError::Body))
    }

    /// What the widget of `checkout` is shown: nothing for another checkout's session.
    pub async fn status(&self, session_id: Option<&str>, checkout: &str) -> ConnectorSession {
        let none = ConnectorSession::with_status(ConnectorStatus::None);
        let Some(session) = (match session_id {
            Some(id) => self.sessions.get(id).await,
            None => None,
        }) else {
            return none;
        };
        session.lock().ok().filter(|s| same(&s.checkout, checkout)).map_or(none, |s| s.outcome.clone())
    }

    /// Signs out: the session and all it holds are forgotten.
    pub async fn forget(&self, session_id: Option<&str>) {
        if let Some(id) = session_id {
            self.sessions.invalidate(id).await;
        }
    }
}

/// A saved address as the checkout offers it: homes as an address, pickup points found in the location
/// service (with the shopper's user id for PickPost and My Post 24). PO boxes, and points the location
/// service does not know, are left out.
async fn map_address(
    entry: &swisspost::connector::SavedAddress,
    pickup: &Pickup,
) -> Result<Option<SavedAddress>, UpstreamError> {
    let house = &entry.geographic_location.house;
    let zip = &entry.geographic_location.zip;
    // Pickup entries carry a six-digit zip (postcode and suffix).
    let postcode: String = zip.zip.chars().take(4).collect();
    let base = SavedAddress {
        id: entry.id.clone().unwrap_or_else(|| "main".into()),
        nickname: entry.nickname.clone().unwrap_or_default(),
        first_name: entry.addressee.first_name.clone(),
        last_name: entry.addressee.last_name.clone(),
        home: None,
        pickup: None,
    };
    let kind = match entry.kind.as_str() {
        address_type::MAIN | address_type::DOMICILE => {
            let home = AddressInput {
                postcode,
                town: zip.city.clone(),
                street: house.street.clone(),
                house_number: house.house_number.clone(),
            };
            return Ok(Some(SavedAddress { home: Some(home), ..base }));
        }
        address_type::PICK_POST => PickupKind::PickPost,
        address_type::MY_POST_24 => PickupKind::MyPost24,
        address_type::POST_OFFICE => PickupKind::PostOffice,
        _ => return Ok(None),
    };
    let street = format!("{} {}", house.street, house.house_number);
    let Some(point) = pickup.point_at(kind, &postcode, street.trim()).await? else { return Ok(None) };
    let user_id = entry.logistic_location.as_ref().and_then(|l| l.post_box_number.clone()).filter(|id| !id.is_empty());
    let user = user_id.filter(|_| kind != PickupKind::PostOffice).map(|id| PickupUser {
        name2: format!("{} {id}", kind.name2_prefix()),
        id,
        verified: IdentityCheck::None,
    });
    let selection = PickupSelection { user, ..PickupSelection::at(&point) };
    Ok(Some(SavedAddress { pickup: Some(selection), ..base }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_equal_secrets() {
        assert_eq!(origin_of("https://api.post.ch/OAuth/authorization"), "https://api.post.ch");
        assert_eq!(origin_of("http://127.0.0.1:9000/OAuth/authorization"), "http://127.0.0.1:9000");
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
