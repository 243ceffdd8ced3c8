//! "Use my Swiss Post addresses": the proxy as the confidential OAuth client of Swiss Post's Login Post
//! Connector (POST-API-AFTERSALE.md §3).
//!
//! The widget opens [`api::connector::CONNECTOR_START_PATH`] in a popup: a session is made (random id in an
//! HttpOnly, SameSite=Lax cookie of this proxy, 15 minutes), with its own `state`, `nonce` and PKCE
//! verifier, and the popup goes to Swiss Post's sign-in. Sessions live in the proxy's store (`store/`), so
//! Swiss Post's redirect may land on any instance, and a restart loses no sign-in. Swiss Post sends the shopper back to the callback
//! with a code; the proxy checks `state`, exchanges the code (with its client secret and the verifier),
//! checks the ID token (signature, audience, issuer, expiry, `nonce`), reads userinfo and the saved
//! addresses, maps them to the contract types and forgets the tokens: the session keeps only what the
//! widget will show. The widget, polling [`api::connector::CONNECTOR_SESSION_PATH`] with its checkout id,
//! then gets the names, the e-mail and the addresses. Nothing here logs a token, a code or personal data.

pub mod page;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use api::connector::{ConnectorSession, ConnectorStatus, SavedAddress, SavedShopper};
use api::{AddressInput, IdentityCheck, PickupKind, PickupSelection, PickupUser};
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};
use swisspost::TokenRequest;
use swisspost::connector::{CodeTokenResponse, UserInfo, address_type, pkce_challenge, verify_id_token};

use crate::config::ConnectorConfig;
use crate::error::{AppError, UpstreamError};
use crate::pickup::Pickup;
use crate::store::Store;

/// One sign-in: what the callback checks, and what the widget will be shown. Its PKCE verifier is a record of
/// its own, taken by the one callback that exchanges the code: a second callback (a reload, or the same
/// redirect on another instance) exchanges nothing.
#[derive(Serialize, Deserialize)]
struct Session {
    checkout: String,
    state: String,
    nonce: String,
    lang: String,
    outcome: ConnectorSession,
}

impl Session {
    fn lang(&self) -> &'static str {
        api::check::language(Some(&self.lang), "lang").unwrap_or("de")
    }
}

fn session_key(id: &str) -> String {
    format!("connector:session:{id}")
}

fn verifier_key(id: &str) -> String {
    format!("connector:verifier:{id}")
}

/// How long the callback waits for Swiss Post's answers before its page says the sign-in did not work (the
/// exchange goes on and the widget learns its outcome), under the proxy's request timeout.
const CALLBACK_WAIT: Duration = Duration::from_secs(8);

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
    store: Arc<dyn Store>,
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
    pub fn new(config: ConnectorConfig, timeout: Duration, store: Arc<dyn Store>) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("swiss-checkout-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            redirect_uri: RwLock::new(config.redirect_uri.clone()),
            config,
            http,
            store,
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

    /// The session cookie. Over https a `__Host-` cookie (`Secure`, `Path=/`, no `Domain`), which no sibling
    /// subdomain can set or shadow; over plain http (the sandbox on loopback) the plain name on the
    /// connector's paths.
    pub fn cookie(&self, session_id: &str, max_age: u64) -> String {
        let name = self.cookie_name();
        if self.redirect_uri().starts_with("https://") {
            format!("{name}={session_id}; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age={max_age}")
        } else {
            format!("{name}={session_id}; HttpOnly; SameSite=Lax; Path=/v1/connector; Max-Age={max_age}")
        }
    }

    fn cookie_name(&self) -> String {
        let secure = self.redirect_uri().starts_with("https://");
        format!("{}{}", if secure { "__Host-" } else { "" }, api::connector::CONNECTOR_COOKIE)
    }

    /// The session id of a request: its one session cookie. Two of that name (one planted beside the proxy's
    /// own) mean none is trusted.
    pub fn session_id(&self, headers: &axum::http::HeaderMap) -> Option<String> {
        let prefix = format!("{}=", self.cookie_name());
        let mut found = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix(prefix.as_str()).map(str::to_owned));
        let first = found.next()?;
        found.next().is_none().then_some(first)
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
        let session = Session { checkout, state, nonce, lang: lang.to_owned(), outcome };
        self.keep(&session_id, &session).await?;
        self.store.put(&verifier_key(&session_id), verifier.into_bytes(), self.lifetime()).await?;
        Ok(Started { session_id, authorize_url })
    }

    fn lifetime(&self) -> Duration {
        Duration::from_secs(self.config.session_secs)
    }

    async fn keep(&self, id: &str, session: &Session) -> Result<(), AppError> {
        let bytes = serde_json::to_vec(session).map_err(|_| AppError::NotConfigured("a sign-in session"))?;
        Ok(self.store.put(&session_key(id), bytes, self.lifetime()).await?)
    }

    /// The session `id`, when it exists (and the store answers).
    async fn session(&self, id: &str) -> Result<Option<Session>, AppError> {
        let bytes = self.store.get(&session_key(id)).await?;
        Ok(bytes.and_then(|b| serde_json::from_slice(&b).ok()))
    }

    /// Takes Swiss Post's answer on the callback: the outcome, the session's language, and the session's new
    /// id when the shopper signed in (the id that started the sign-in is dropped, so a session id someone
    /// planted beforehand never holds what was read).
    pub async fn finish(
        self: &Arc<Self>,
        session_id: Option<&str>,
        params: HashMap<String, String>,
        pickup: Arc<Pickup>,
    ) -> (ConnectorStatus, &'static str, Option<String>) {
        let found = match session_id {
            Some(id) => self.session(id).await.map(|s| s.map(|s| (id.to_owned(), s))),
            None => Ok(None),
        };
        let (session_id, session) = match found {
            Ok(Some(found)) => found,
            Ok(None) => {
                tracing::info!(reason = ?Refused::NoSession, "connector callback refused");
                return (ConnectorStatus::Failed, "de", None);
            }
            Err(_) => return (ConnectorStatus::Failed, "de", None),
        };
        let lang = session.lang();
        // A callback that is not this session's answer (another state) changes nothing: it may be anyone's
        // link, and the shopper's own sign-in is still under way.
        if !same(params.get("state").map_or("", String::as_str), &session.state) {
            tracing::info!(reason = ?Refused::State, "connector callback refused");
            return (ConnectorStatus::Failed, lang, None);
        }
        // The code is exchanged once: a reload shows the outcome so far.
        let verifier = match self.store.take(&verifier_key(&session_id)).await {
            Ok(Some(verifier)) => String::from_utf8_lossy(&verifier).into_owned(),
            Ok(None) => return (session.outcome.status, lang, None),
            Err(_) => return (ConnectorStatus::Failed, lang, None),
        };
        let nonce = session.nonce.clone();
        // The exchange runs on its own, so a slow Swiss Post or the request's timeout cannot leave the session
        // pending for ever: it always writes an outcome.
        let connector = self.clone();
        let exchange = tokio::spawn(async move {
            let outcome = match tokio::time::timeout(
                CALLBACK_WAIT.saturating_mul(2),
                connector.read(&params, &nonce, &verifier, &pickup),
            )
            .await
            {
                Ok(Ok(outcome)) => outcome,
                Ok(Err(Refused::Answer("access_denied"))) => ConnectorSession::with_status(ConnectorStatus::Declined),
                Ok(Err(reason)) => {
                    tracing::info!(reason = ?reason, "connector sign-in failed");
                    ConnectorSession::with_status(ConnectorStatus::Failed)
                }
                Err(_) => {
                    tracing::info!("connector sign-in failed: Swiss Post took too long");
                    ConnectorSession::with_status(ConnectorStatus::Failed)
                }
            };
            let mut status = outcome.status;
            // Signed in: what was read moves to a new session id; the one that started is forgotten.
            let new_id = (status == ConnectorStatus::SignedIn).then(|| connector.random_token()).flatten();
            let kept = match &new_id {
                Some(id) => {
                    let moved = Session { state: String::new(), nonce: String::new(), outcome, ..session };
                    let kept = connector.keep(id, &moved).await;
                    if kept.is_ok() {
                        let _ = connector.store.delete(&session_key(&session_id)).await;
                    }
                    kept
                }
                None => {
                    let outcome = if status == ConnectorStatus::SignedIn {
                        ConnectorSession::with_status(ConnectorStatus::Failed)
                    } else {
                        outcome
                    };
                    connector.keep(&session_id, &Session { outcome, ..session }).await
                }
            };
            if kept.is_err() {
                status = ConnectorStatus::Failed;
            }
            tracing::info!(status = ?status, "connector sign-in ended");
            (status, new_id.filter(|_| kept.is_ok()))
        });
        match tokio::time::timeout(CALLBACK_WAIT, exchange).await {
            Ok(Ok((status, new_id))) => (status, lang, new_id),
            _ => (ConnectorStatus::Failed, lang, None),
        }
    }

    async fn read(
        &self,
        params: &HashMap<String, String>,
        nonce: &str,
        verifier: &str,
        pickup: &Pickup,
    ) -> Result<ConnectorSession, Refused> {
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
        if !claims.aud.names(&self.config.client_id) {
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
        let (user, saved) = tokio::join!(
            self.get::<UserInfo>(&self.config.userinfo_url, &tokens.access_token),
            self.get::<Vec<swisspost::connector::SavedAddress>>(&self.config.addresses_url, &tokens.access_token),
        );
        let (user, saved) = (user?, saved?);
        // The userinfo must be the ID token's user (OpenID Connect Core §5.3.2).
        if user.sub != claims.sub {
            return Err(Refused::IdToken("subject"));
        }
        let mut addresses = Vec::new();
        for (index, entry) in saved.iter().enumerate() {
            // One point the location service cannot look up now loses that entry, not the sign-in.
            match map_address(entry, index, pickup).await {
                Ok(Some(address)) => addresses.push(address),
                Ok(None) => {}
                Err(error) => tracing::info!(%error, kind = %entry.kind, "a saved address was left out"),
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
    pub async fn status(&self, session_id: Option<&str>, checkout: &str) -> Result<ConnectorSession, AppError> {
        let none = ConnectorSession::with_status(ConnectorStatus::None);
        let Some(id) = session_id else { return Ok(none) };
        let session = self.session(id).await?;
        Ok(session.filter(|s| same(&s.checkout, checkout)).map_or(none, |s| s.outcome))
    }

    /// Signs out: the session and all it holds are forgotten.
    pub async fn forget(&self, session_id: Option<&str>) -> Result<(), AppError> {
        if let Some(id) = session_id {
            self.store.delete(&session_key(id)).await?;
            self.store.delete(&verifier_key(id)).await?;
        }
        Ok(())
    }
}

/// A saved address as the checkout offers it: homes as an address, pickup points found in the location
/// service (with the shopper's user id for PickPost and My Post 24). PO boxes, and points the location
/// service does not know, are left out.
async fn map_address(
    entry: &swisspost::connector::SavedAddress,
    index: usize,
    pickup: &Pickup,
) -> Result<Option<SavedAddress>, UpstreamError> {
    let house = &entry.geographic_location.house;
    let zip = &entry.geographic_location.zip;
    // Pickup entries carry a six-digit zip (postcode and suffix).
    let postcode: String = zip.zip.chars().take(4).collect();
    let base = SavedAddress {
        // Only the main address comes without an id; any other without one gets its place in the list.
        id: entry.id.clone().unwrap_or_else(|| {
            if entry.kind == address_type::MAIN {
                "main".into()
            } else {
                format!("{}-{index}", entry.kind.to_lowercase())
            }
        }),
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
    fn over_https_the_cookie_is_a_host_cookie_and_two_of_a_name_are_none() {
        let config = ConnectorConfig::new(
            "shop",
            crate::config::Secret::new("s".repeat(32)),
            "https://shop.example/v1/connector/callback",
        );
        let store = Arc::new(crate::store::embedded::Embedded::in_memory().unwrap());
        let connector = Connector::new(config, Duration::from_secs(1), store).unwrap();
        let cookie = connector.cookie("abc", 900);
        assert!(cookie.starts_with("__Host-swiss_checkout_connector=abc;"), "{cookie}");
        assert!(cookie.contains("; Secure; Path=/;") && !cookie.contains("Domain"), "{cookie}");
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::COOKIE, "other=1; __Host-swiss_checkout_connector=abc".parse().unwrap());
        assert_eq!(connector.session_id(&headers).as_deref(), Some("abc"));
        // The plain name is not read over https (a sibling subdomain could set it).
        headers.insert(axum::http::header::COOKIE, "swiss_checkout_connector=planted".parse().unwrap());
        assert_eq!(connector.session_id(&headers), None);
        headers.insert(
            axum::http::header::COOKIE,
            "__Host-swiss_checkout_connector=abc; __Host-swiss_checkout_connector=def".parse().unwrap(),
        );
        assert_eq!(connector.session_id(&headers), None);
    }

    #[test]
    fn origins_and_equal_secrets() {
        assert_eq!(origin_of("https://api.post.ch/OAuth/authorization"), "https://api.post.ch");
        assert_eq!(origin_of("http://127.0.0.1:9000/OAuth/authorization"), "http://127.0.0.1:9000");
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
