//! The client of the Swiss Post API. The same code talks to Swiss Post and to the sandbox; only the
//! configured URLs differ.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use swisspost::{
    DeliverabilitiesResponse, HousesResponse, StreetsResponse, ValidationRequest, ValidationResponse, ZipType,
    ZipsResponse, path, scope,
};

use crate::config::{Credentials, Upstream};
use crate::error::UpstreamError;
use crate::token::TokenManager;

/// The API gateway's key header, for accounts of the newer developer portal (POST-API.md §2.4).
pub const SUBSCRIPTION_KEY_HEADER: &str = "Ocp-Apim-Subscription-Key";

/// Calls the DCAPI with a cached bearer token.
pub struct PostClient {
    http: reqwest::Client,
    dcapi_base: String,
    tokens: TokenManager,
    subscription_key: Option<crate::config::Secret>,
}

impl PostClient {
    pub fn new(upstream: &Upstream, credentials: Credentials) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(upstream.timeout())
            .connect_timeout(upstream.timeout())
            .user_agent(concat!("swiss-checkout-proxy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let tokens =
            TokenManager::new(http.clone(), upstream.token_url.clone(), credentials, scope::PROXY_SCOPES.into());
        Ok(Self {
            http,
            dcapi_base: upstream.dcapi_base.trim_end_matches('/').to_owned(),
            tokens,
            subscription_key: upstream.subscription_key.clone(),
        })
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

    /// `GET /address/v1/streets`: street names of `zip` with a word starting with `name`.
    pub async fn streets(&self, zip: &str, name: &str) -> Result<StreetsResponse, UpstreamError> {
        let params = BTreeMap::from([("name", name), ("zip", zip)]);
        Ok(self.get_json(path::STREETS, &params).await?.unwrap_or_default())
    }

    /// `GET /address/v1/houses`: house numbers of a street starting with `number` (may be empty).
    pub async fn houses(&self, zip: &str, street: &str, number: &str) -> Result<HousesResponse, UpstreamError> {
        let mut params = BTreeMap::from([("zip", zip), ("streetname", street)]);
        if !number.is_empty() {
            params.insert("number", number);
        }
        Ok(self.get_json(path::HOUSES, &params).await?.unwrap_or_default())
    }

    /// `POST /address/v1/addresses/validation`.
    pub async fn validate(&self, request: &ValidationRequest) -> Result<ValidationResponse, UpstreamError> {
        let url = format!("{}{}", self.dcapi_base, path::VALIDATION);
        self.send_json(|token| self.http.post(&url).json(request).bearer_auth(token))
            .await?
            .ok_or(UpstreamError::Status(404))
    }

    /// `GET /api/delivery/v1/deliverabilities/when` for an address; `None` when the upstream cannot place it.
    pub async fn deliverabilities(
        &self,
        address: &api::AddressInput,
        day_count: u8,
    ) -> Result<Option<DeliverabilitiesResponse>, UpstreamError> {
        let day_count = day_count.to_string();
        let mut params = BTreeMap::from([
            ("address.geographicLocation.zip.zip", address.postcode.as_str()),
            ("address.geographicLocation.zip.city", address.town.as_str()),
            ("dayCount", day_count.as_str()),
        ]);
        if !address.street.is_empty() {
            params.insert("address.geographicLocation.house.street", &address.street);
        }
        if !address.house_number.is_empty() {
            params.insert("address.geographicLocation.house.houseNumber", &address.house_number);
        }
        self.get_json(path::DELIVERABILITIES_WHEN, &params).await
    }

    /// GET with the bearer token; `None` on 404 ("no results" upstream). On 401 the token is dropped
    /// and the call made once more with a new one.
    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &BTreeMap<&str, &str>,
    ) -> Result<Option<T>, UpstreamError> {
        let url = format!("{}{path}", self.dcapi_base);
        self.send_json(|token| self.http.get(&url).query(params).bearer_auth(token)).await
    }

    /// Sends the request that `build` makes for a token and reads its JSON answer; `None` on 404.
    async fn send_json<T: DeserializeOwned>(
        &self,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Option<T>, UpstreamError> {
        let mut retried = false;
        loop {
            let token = self.tokens.token().await?;
            let mut request = build(&token);
            if let Some(key) = &self.subscription_key {
                request = request.header(SUBSCRIPTION_KEY_HEADER, key.expose());
            }
            let response = request.send().await.map_err(UpstreamError::from_transport)?;
            match response.status().as_u16() {
                200 => return response.json().await.map(Some).map_err(|_| UpstreamError::Body),
                404 => return Ok(None),
                401 if !retried => {
                    tracing::info!(url = %response.url().path(), "upstream refused the token; fetching a new one");
                    self.tokens.reject(&token).await;
                    retried = true;
                }
                401 | 403 => return Err(UpstreamError::Credentials),
                status => return Err(UpstreamError::Status(status)),
            }
        }
    }
}
