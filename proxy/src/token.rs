//! OAuth2 client-credentials tokens for the upstream: cached, refreshed before they expire, and fetched
//! by one request at a time however many callers wait (single flight). With two credential sets (a
//! rotation under way), the set that last worked is asked first and the other when it is refused.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;

use swisspost::{OAuthError, TokenRequest, TokenResponse};
use tokio::sync::Mutex;

use crate::config::Credentials;
use crate::error::UpstreamError;

/// Lifetime assumed when the token endpoint does not say (what clients of the real API do, POST-API.md §2.2).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3500);

/// A token is replaced once this share of its lifetime has passed, so no request carries one that is
/// about to expire on the way.
const REFRESH_AT_SHARE: f64 = 0.8;

#[derive(Clone)]
struct CachedToken {
    value: Arc<str>,
    refresh_at: Instant,
}

/// Obtains and caches the bearer token of one credential set.
pub struct TokenManager {
    http: reqwest::Client,
    token_url: String,
    /// One set, or two during a rotation.
    credentials: Vec<Credentials>,
    /// The index of the set that last obtained a token.
    working: AtomicUsize,
    scopes: String,
    current: Mutex<Option<CachedToken>>,
    /// Token requests sent, for `/metrics`.
    requested: Counter,
}

impl TokenManager {
    pub fn new(
        http: reqwest::Client,
        token_url: String,
        credentials: Vec<Credentials>,
        scopes: String,
        requested: Counter,
    ) -> Self {
        Self {
            http,
            token_url,
            credentials,
            working: AtomicUsize::new(0),
            scopes,
            current: Mutex::new(None),
            requested,
        }
    }

    /// A valid token, from the cache or fetched now. Callers that arrive while a fetch runs wait for it
    /// (the lock is held across the fetch) and then share its result.
    pub async fn token(&self) -> Result<Arc<str>, UpstreamError> {
        let mut current = self.current.lock().await;
        if let Some(cached) = current.as_ref().filter(|c| Instant::now() < c.refresh_at) {
            return Ok(cached.value.clone());
        }
        let fresh = self.fetch().await?;
        let value = fresh.value.clone();
        *current = Some(fresh);
        Ok(value)
    }

    /// Forgets `rejected` after the upstream answered 401 to it. A token that a concurrent caller has
    /// already replaced is left alone, so a burst of 401s leads to one new token, not many.
    pub async fn reject(&self, rejected: &str) {
        let mut current = self.current.lock().await;
        if current.as_ref().is_some_and(|c| &*c.value == rejected) {
            *current = None;
        }
    }

    /// How many token requests were sent since start.
    pub fn requested(&self) -> u64 {
        self.requested.get()
    }

    /// Asks with the set that last worked, then with the others while the answer is a refusal.
    async fn fetch(&self) -> Result<CachedToken, UpstreamError> {
        let first = self.working.load(Ordering::Relaxed);
        let count = self.credentials.len();
        let mut last_error = UpstreamError::Credentials;
        for index in (0..count).map(|i| (first + i) % count) {
            match self.fetch_with(&self.credentials[index]).await {
                Ok(token) => {
                    if index != first {
                        tracing::warn!(client_id = %self.credentials[index].client_id, "switched to the other credential set");
                        self.working.store(index, Ordering::Relaxed);
                    }
                    return Ok(token);
                }
                Err(UpstreamError::Credentials) => last_error = UpstreamError::Credentials,
                Err(other) => return Err(other),
            }
        }
        Err(last_error)
    }

    async fn fetch_with(&self, credentials: &Credentials) -> Result<CachedToken, UpstreamError> {
        let form = TokenRequest {
            grant_type: "client_credentials".into(),
            client_id: credentials.client_id.clone(),
            client_secret: credentials.client_secret.expose().to_owned(),
            scope: Some(self.scopes.clone()),
            ..TokenRequest::default()
        };
        let started = Instant::now();
        let response =
            self.http.post(&self.token_url).form(&form).send().await.map_err(UpstreamError::from_transport)?;
        self.requested.inc();
        let status = response.status();
        if !status.is_success() {
            let oauth: Option<OAuthError> = response.json().await.ok();
            let error = oauth.as_ref().map(|e| e.error.as_str());
            tracing::warn!(%status, error, client_id = %credentials.client_id, "token request refused");
            return Err(match status.as_u16() {
                400 | 401 | 403 => UpstreamError::Credentials,
                _ => UpstreamError::Status(status.as_u16()),
            });
        }
        let token: TokenResponse = response.json().await.map_err(|_| UpstreamError::Body)?;
        let lifetime = token.expires_in.map_or(DEFAULT_LIFETIME, Duration::from_secs);
        tracing::info!(lifetime_secs = lifetime.as_secs(), "upstream token obtained");
        Ok(CachedToken { value: token.access_token.into(), refresh_at: started + lifetime.mul_f64(REFRESH_AT_SHARE) })
    }
}
