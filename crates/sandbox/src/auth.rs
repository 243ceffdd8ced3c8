//! The sandbox's clients, the client-credentials grant of `POST /OAuth/token` (the endpoint itself is
//! [`crate::grants`]) and the bearer-token check of every API route (POST-API.md §2).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use swisspost::{OAuthError, TokenRequest, TokenResponse, scope};

use crate::SharedState;

/// A client the sandbox knows, with the scopes it may ask for.
#[derive(Clone)]
pub struct Client {
    pub id: String,
    pub secret: String,
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .field("secret", &"[redacted]")
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// The client id of the built-in sandbox client. Not a secret: the sandbox is public test data.
pub const SANDBOX_CLIENT_ID: &str = "sandbox-client";
/// The secret of the built-in sandbox client.
pub const SANDBOX_CLIENT_SECRET: &str = "sandbox-secret";

impl Client {
    /// The built-in client, granted every scope the sandbox serves.
    pub fn sandbox_default() -> Self {
        Self {
            id: SANDBOX_CLIENT_ID.into(),
            secret: SANDBOX_CLIENT_SECRET.into(),
            scopes: [
                scope::ADDRESS_AUTOCOMPLETE,
                scope::ADDRESS_READ,
                scope::ADDRESS_VALIDATE,
                scope::DELIVERY,
                scope::PICKPOST,
                scope::BARCODE_READ,
                scope::TRACKING,
                scope::COLLECTION_ORDER,
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

struct IssuedToken {
    expires_at: Instant,
    scopes: HashSet<String>,
}

/// Tokens issued and not yet swept.
#[derive(Default)]
pub struct TokenStore {
    tokens: Mutex<HashMap<String, IssuedToken>>,
}

/// Why a bearer token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 401: missing, unknown or expired.
    Unauthorized,
    /// 403: valid, but its scopes do not cover the route.
    Forbidden,
}

impl TokenStore {
    fn issue(&self, scopes: HashSet<String>, lifetime: Duration) -> String {
        // About 1.2 KB, opaque, like the real JWE-style tokens (§2.2).
        let token: String = (0..37).map(|_| uuid::Uuid::new_v4().simple().to_string()).collect();
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        tokens.retain(|_, t| t.expires_at > now);
        tokens.insert(token.clone(), IssuedToken { expires_at: now + lifetime, scopes });
        token
    }

    /// Checks `Authorization: Bearer …` for `needed`.
    pub fn check(&self, headers: &HeaderMap, needed: &str) -> Result<(), Refusal> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Refusal::Unauthorized)?;
        let tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        let issued = tokens.get(token.trim()).ok_or(Refusal::Unauthorized)?;
        if issued.expires_at <= Instant::now() {
            return Err(Refusal::Unauthorized);
        }
        if issued.scopes.contains(needed) { Ok(()) } else { Err(Refusal::Forbidden) }
    }

    /// Makes every issued token expire now (the "token expiring under traffic" knob).
    pub fn expire_all(&self) {
        let now = Instant::now();
        for token in self.tokens.lock().unwrap_or_else(|p| p.into_inner()).values_mut() {
            token.expires_at = now;
        }
    }
}

/// An OAuth 2 error answer of the token endpoint (RFC 6749 §5.2).
pub(crate) fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = OAuthError { error: error.into(), error_description: Some(description.into()) };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"OAuth\""));
    }
    response
}

/// The client-credentials grant for an authenticated `client` (§2.1): a token for the scopes asked, each of
/// them granted to the client.
pub fn client_credentials(state: &SharedState, client: &Client, request: &TokenRequest) -> Response {
    let requested: HashSet<String> =
        request.scope.as_deref().unwrap_or("").split_whitespace().map(str::to_owned).collect();
    if requested.is_empty() {
        // What the real token endpoint was recorded answering to a request without scope (§2.4).
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=UTF-8"), (header::CACHE_CONTROL, "no-cache; private")],
        )
            .into_response();
    }
    if let Some(unknown) = requested.iter().find(|s| !client.scopes.contains(s)) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            &format!("scope {unknown} is not granted to this client"),
        );
    }

    let lifetime = state.knobs.token_lifetime_secs();
    let access_token = state.tokens.issue(requested, Duration::from_secs(lifetime));
    let body = TokenResponse { access_token, token_type: "Bearer".into(), expires_in: Some(lifetime) };
    ([(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")], Json(body)).into_response()
}
