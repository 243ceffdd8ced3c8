//! Login Post Connector (POST-API-AFTERSALE.md §3): a shopper signs in with Swiss Post and consents, and the
//! shop reads their name, e-mail and saved delivery addresses. OAuth 2 authorization code with OpenID
//! Connect; the shop is the confidential client.
//!
//! CONFIRMED (older WEDEC generation, §3): the authorization parameters, the token answer
//! `{expires_in, token_type, id_token, access_token}`, the userinfo claims, the addresses' shape and types
//! and their errors (400 invalid id, 403, 404 not found or not the user's). INFERRED: the current
//! generation's URLs ([`path`]) and consent scope ([`scope`]), PKCE (`S256`) and the ID token's signature
//! (HS256 with the client secret, which OpenID Connect allows a confidential client): a shop configures
//! all of them.

use base64::Engine;
use serde::{Deserialize, Serialize};

/// Paths of the current generation, below `https://api.post.ch` (authorization, token, userinfo) and
/// `https://dcapi.apis.post.ch` (addresses). INFERRED (§3).
pub mod path {
    pub const AUTHORIZATION: &str = "/OAuth/authorization";
    pub const TOKEN: &str = "/OAuth/token";
    pub const USERINFO: &str = "/OAuth/userinfo";
    pub const ADDRESSES: &str = "/address/v1/users/current/addresses";
}

/// The consent scope: the older generation's `WEDEC_READ_ADDRESS` (CONFIRMED there; its current name is
/// not public) with the OpenID scopes.
pub mod scope {
    pub const READ_ADDRESS: &str = "WEDEC_READ_ADDRESS";
    pub const ALL: &str = "WEDEC_READ_ADDRESS openid profile email address";
}

/// `type` of a saved address.
pub mod address_type {
    /// The main address (no `id`).
    pub const MAIN: &str = "MAIN";
    pub const DOMICILE: &str = "DOMICILE";
    pub const POST_OFFICE: &str = "POST_OFFICE";
    pub const PICK_POST: &str = "PICK_POST";
    pub const MY_POST_24: &str = "MY_POST_24";
    pub const POSTBOX: &str = "POSTBOX";
}

/// The answer of the token endpoint to `grant_type=authorization_code`. `Debug` hides the tokens.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeTokenResponse {
    pub access_token: String,
    pub token_type: String,
    #[serde(default)]
    pub expires_in: Option<u64>,
    pub id_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for CodeTokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeTokenResponse").field("expires_in", &self.expires_in).finish_non_exhaustive()
    }
}

/// The claims of the ID token the proxy checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    pub iss: String,
    pub sub: String,
    pub aud: Audience,
    /// Seconds since the Unix epoch.
    pub exp: i64,
    pub iat: i64,
    pub nonce: String,
}

/// `aud` of an ID token: one client id, or a list of them (OpenID Connect Core §2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Default for Audience {
    fn default() -> Self {
        Self::One(String::new())
    }
}

impl Audience {
    /// Whether the token is for `client_id`.
    pub fn names(&self, client_id: &str) -> bool {
        match self {
            Self::One(aud) => aud == client_id,
            Self::Many(list) => list.iter().any(|aud| aud == client_id),
        }
    }
}

impl From<String> for Audience {
    fn from(aud: String) -> Self {
        Self::One(aud)
    }
}

/// The postal address claim of userinfo.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInfoAddress {
    pub formatted: String,
    pub street_address: String,
    pub locality: String,
    pub postal_code: String,
    pub country: String,
}

/// `GET /OAuth/userinfo` (OpenID claims, §3). Personal data: `Debug` shows none of it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInfo {
    pub sub: String,
    pub name: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub email_verified: bool,
    pub locale: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<UserInfoAddress>,
}

impl std::fmt::Debug for UserInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserInfo").field("locale", &self.locale).finish_non_exhaustive()
    }
}

/// The addressee's names. Personal data: `Debug` shows none of it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Addressee {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SavedHouse {
    pub street: String,
    pub house_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub house_key: Option<String>,
}

/// A postcode and its locality. For post office, PickPost and My Post 24 entries the geographic `zip` has
/// six digits (postcode and a two-digit suffix), the logistic one four (§3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedZip {
    pub zip: String,
    pub city: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeographicLocation {
    pub house: SavedHouse,
    pub zip: SavedZip,
}

/// Where mail goes: for PickPost, My Post 24 and PO box entries `street` "Postfach" and a `postBoxNumber`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LogisticLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_box_number: Option<String>,
    pub house: SavedHouse,
    pub zip: SavedZip,
}

/// One saved address of `GET /address/v1/users/current/addresses` (§3). Personal data: `Debug` shows its
/// type only.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SavedAddress {
    /// Absent for `MAIN`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    pub addressee: Addressee,
    pub geographic_location: GeographicLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistic_location: Option<LogisticLocation>,
}

impl std::fmt::Debug for Addressee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Addressee").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SavedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedAddress").field("type", &self.kind).finish_non_exhaustive()
    }
}

fn base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// PKCE `S256`: the challenge of a verifier (RFC 7636).
pub fn pkce_challenge(verifier: &str) -> String {
    base64url(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref())
}

/// An HS256 JSON Web Token of `claims`, signed with `secret`.
pub fn sign_id_token(claims: &IdTokenClaims, secret: &str) -> String {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = base64url(&serde_json::to_vec(claims).unwrap_or_default());
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let signature = ring::hmac::sign(&key, format!("{header}.{payload}").as_bytes());
    format!("{header}.{payload}.{}", base64url(signature.as_ref()))
}

/// The claims of an HS256 token whose signature `secret` makes; `None` for any other token.
pub fn verify_id_token(token: &str, secret: &str) -> Option<IdTokenClaims> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let decode = |part: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).ok();
    let header: serde_json::Value = serde_json::from_slice(&decode(header)?).ok()?;
    if header.get("alg")?.as_str()? != "HS256" {
        return None;
    }
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    ring::hmac::verify(&key, format!("{}.{payload}", token.split('.').next()?).as_bytes(), &decode(signature)?).ok()?;
    serde_json::from_slice(&decode(payload)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_as_rfc_7636_appendix_b() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn an_id_token_verifies_with_its_secret_only() {
        let claims = IdTokenClaims {
            iss: "i".into(),
            sub: "s".into(),
            aud: "a".to_owned().into(),
            exp: 2,
            iat: 1,
            nonce: "n".into(),
        };
        let token = sign_id_token(&claims, "secret");
        assert_eq!(verify_id_token(&token, "secret"), Some(claims));
        assert_eq!(verify_id_token(&token, "other"), None);
        let mut altered = token.clone();
        altered.insert(token.find('.').unwrap() + 2, 'x');
        assert_eq!(verify_id_token(&altered, "secret"), None);
        assert_eq!(verify_id_token("a.b", "secret"), None);
    }
}
