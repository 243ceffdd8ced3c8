//! What the sandbox's test files share: a token of the built-in client for some scopes.

#![allow(dead_code)]

use sandbox::RunningSandbox;
use swisspost::TokenResponse;

/// A bearer token of the built-in client for `scope` (several space-separated).
pub async fn token(sb: &RunningSandbox, scope: &str) -> String {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", sandbox::SANDBOX_CLIENT_ID),
        ("client_secret", sandbox::SANDBOX_CLIENT_SECRET),
        ("scope", scope),
    ];
    let response =
        reqwest::Client::new().post(format!("{}/OAuth/token", sb.base_url())).form(&form).send().await.unwrap();
    response.json::<TokenResponse>().await.unwrap().access_token
}
