//! Link tokens: what the shop's server gives a shopper to track one shipment or order one return, without
//! the server key. A token is sealed with AES-256-GCM under a key derived from the link secret: it cannot be
//! read (it may name an address and a name, and it stands in URLs and logs), altered, or made for another
//! shipment, and it carries its expiry. Anything else is refused the same way, saying nothing.

use api::aftersale::Returner;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::AppError;

/// What a token lets its holder do.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grant {
    /// Track the shipment with this identcode.
    Shipment(String),
    /// Order a return collected at this returner's address.
    Return(Returner),
}

#[derive(Serialize, Deserialize)]
struct Claims {
    grant: Grant,
    /// Unix seconds.
    expires: i64,
}

pub struct Links {
    key: LessSafeKey,
    random: SystemRandom,
}

impl Links {
    /// Keys from `secret`, or from random bytes (tokens then stop working when the proxy restarts); `None`
    /// when the system has no randomness to give (a predictable key would let anyone forge tokens).
    pub fn new(secret: Option<&str>) -> Option<Self> {
        let random = SystemRandom::new();
        let material: [u8; 32] = match secret {
            Some(secret) => {
                let digest =
                    ring::digest::digest(&ring::digest::SHA256, format!("swiss-checkout links\0{secret}").as_bytes());
                let mut key = [0u8; 32];
                key.copy_from_slice(digest.as_ref());
                key
            }
            None => {
                let mut key = [0u8; 32];
                random.fill(&mut key).ok()?;
                key
            }
        };
        // A 32-byte key is what AES-256-GCM takes; the conversion does not fail for it.
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &material).ok()?);
        Some(Self { key, random })
    }

    /// A token for `grant`, working until `expires`.
    pub fn seal(&self, grant: Grant, expires: OffsetDateTime) -> Result<String, AppError> {
        let mut data = serde_json::to_vec(&Claims { grant, expires: expires.unix_timestamp() })
            .map_err(|_| AppError::invalid("body", "cannot be sealed"))?;
        let mut nonce = [0u8; NONCE_LEN];
        self.random.fill(&mut nonce).map_err(|_| AppError::NotConfigured("no randomness for link tokens"))?;
        self.key
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
            .map_err(|_| AppError::NotConfigured("link tokens cannot be sealed"))?;
        let mut token = nonce.to_vec();
        token.extend(data);
        Ok(URL_SAFE_NO_PAD.encode(token))
    }

    /// What `token` grants, if it is one of ours and not expired at `now`; else a 403 that says nothing more.
    pub fn open(&self, token: &str, now: OffsetDateTime) -> Result<Grant, AppError> {
        let mut bytes = URL_SAFE_NO_PAD.decode(token.trim()).map_err(|_| AppError::ForbiddenToken)?;
        if bytes.len() <= NONCE_LEN {
            return Err(AppError::ForbiddenToken);
        }
        let mut sealed = bytes.split_off(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(&bytes).map_err(|_| AppError::ForbiddenToken)?;
        let opened = self.key.open_in_place(nonce, Aad::empty(), &mut sealed).map_err(|_| AppError::ForbiddenToken)?;
        let claims: Claims = serde_json::from_slice(opened).map_err(|_| AppError::ForbiddenToken)?;
        if claims.expires <= now.unix_timestamp() {
            return Err(AppError::ForbiddenToken);
        }
        Ok(claims.grant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    #[test]
    fn a_token_opens_only_unaltered_unexpired_and_under_its_own_key() {
        let links = Links::new(Some("a link secret of at least thirty-two characters")).unwrap();
        let now = OffsetDateTime::now_utc();
        let token = links.seal(Grant::Shipment("996001321700000001".into()), now + Duration::days(1)).unwrap();
        assert!(matches!(links.open(&token, now), Ok(Grant::Shipment(id)) if id == "996001321700000001"));
        assert!(!token.contains("9960013217"), "the identcode cannot be read in the token");
        // Altered: any byte.
        let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(matches!(links.open(&URL_SAFE_NO_PAD.encode(&bytes), now), Err(AppError::ForbiddenToken)));
        // Expired.
        assert!(matches!(links.open(&token, now + Duration::days(2)), Err(AppError::ForbiddenToken)));
        // Another proxy's (another secret).
        let other = Links::new(Some("another link secret of at least thirty-two chars")).unwrap();
        assert!(matches!(other.open(&token, now), Err(AppError::ForbiddenToken)));
        for junk in ["", "abc", "!!!", &"A".repeat(200)] {
            assert!(matches!(links.open(junk, now), Err(AppError::ForbiddenToken)), "{junk}");
        }
    }
}
