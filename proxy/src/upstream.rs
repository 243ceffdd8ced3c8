//! The client of the Swiss Post API. The same code talks to Swiss Post and to the sandbox; only the
//! configured URLs differ.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use swisspost::{ZipType, ZipsResponse, path, scope};

use crate::config::{Credentials, Upstream};
use crate::error::UpstreamError;
use crate::token::TokenManager;

/// Calls the DCAPI with a cached bearer token.
pub struct PostClient {
    http: reqwest::Client,
    dcapi_base: String,
    tokens: TokenManager,
}

impl PostClient {
    pub fn new(upstream: &Upstream, credentials: Credentials) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(upstream.timeout())
            .connect_timeout(upstream.timeout())
            .user_agent(concat!("swiss-checkout-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let tokens =
            TokenManager::new(http.clone(), upstream.token_url.clone(), credentials, scope::ADDRESS_SCOPES.into());
        Ok(Self { http, dcapi_base: upstream.dcapi_base.trim_end_matches('/').to_owned(), tokens })
    }

    pub fn tokens(&self) -> &TokenManager {
        &self.tokens
    }

    /// `GET /address/v1/zips`: localities whose postcode or name starts with `query`. Empty when the
    /// upstream knows none (its 404).
    pub async fn zips(&self, query: &str, kind: ZipType) -> Result<ZipsResponse, UpstreamError> {
        let params = BTreeMap::from([("zipCity", query), ("type", kind.as_str())]);
        Ok(self.get_json(path::ZIPS, &params).await?.unwrap_or_default())
    }

    /// GET with the bearer token; `None` on 404 ("no results" upstream). On 401 the token is dropped
    /// and the call made once more with a new one.
    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &BTreeMap<&str, &str>,
    ) -> Result<Option<T>, UpstreamError> {
        let url = format!("{}{path}", self.dcapi_base);
        let mut retried = false;
        loop {
            let token = self.tokens.token().await?;
            let response = self
                .http
                .get(&url)
                .query(params)
                .bearer_auth(&token)
                .send()
                .await
                .map_err(UpstreamError::from_transport)?;
            match response.status().as_u16() {
                200 => return response.json().await.map(Some).map_err(|_| UpstreamError::Body),
                404 => return Ok(None),
                401 if !retried => {
                    tracing::info!(path, "upstream refused the token; fetching a new one");
                    self.tokens.reject(&token).await;
                    retried = true;
                }
                401 | 403 => return Err(UpstreamError::Credentials),
                status => return Err(UpstreamError::Status(status)),
            }
        }
    }
}
