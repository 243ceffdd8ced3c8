//! "Use my Swiss Post addresses" (Swiss Post's Login Post Connector): the shopper signs in with Swiss Post in
//! a window of its own and consents; the checkout then offers their saved addresses.
//!
//! The proxy is the OAuth client: it starts the sign-in ([`CONNECTOR_START_PATH`], opened by the widget in a
//! popup), takes Swiss Post's answer ([`CONNECTOR_CALLBACK_PATH`]), and keeps what it read (never a token) in
//! a short-lived session named by an HttpOnly, SameSite cookie of its own. The widget asks
//! [`CONNECTOR_SESSION_PATH`] until the sign-in ends, with its checkout id, so a session serves the checkout
//! that started it only.

use serde::{Deserialize, Serialize};

use crate::{AddressInput, PickupSelection};

/// `GET /v1/connector/start?checkout=…&lang=de`: a top-level page (the popup) that redirects to Swiss Post.
pub const CONNECTOR_START_PATH: &str = "/v1/connector/start";
/// `GET /v1/connector/callback?code=…&state=…`: where Swiss Post sends the shopper back.
pub const CONNECTOR_CALLBACK_PATH: &str = "/v1/connector/callback";
/// `GET /v1/connector/session?checkout=…`: a [`ConnectorSession`]; `DELETE`: signs out.
pub const CONNECTOR_SESSION_PATH: &str = "/v1/connector/session";
/// The script of the callback page that closes the popup (a file, so a strict CSP allows it).
pub const CONNECTOR_CLOSE_SCRIPT_PATH: &str = "/v1/connector/close.js";
/// The session cookie's name.
pub const CONNECTOR_COOKIE: &str = "swiss_checkout_connector";
/// How long a session lives, in seconds.
pub const CONNECTOR_SESSION_SECS: u64 = 900;

/// Query of the start page and of the session route: the checkout's own id (8 to 64 letters, digits, `-` or
/// `_`, made by the widget per checkout), and on the start page the language of Swiss Post's pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ConnectorQuery {
    #[cfg_attr(feature = "openapi", param(pattern = "^[A-Za-z0-9_-]{8,64}$", example = "c8d1f0a2b3"))]
    pub checkout: String,
    #[cfg_attr(feature = "openapi", param(example = "de"))]
    pub lang: Option<String>,
}

/// Where a sign-in stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConnectorStatus {
    /// No sign-in for this checkout (none started, expired, or signed out).
    None,
    /// Started: the shopper is at Swiss Post.
    Pending,
    SignedIn,
    /// The shopper did not consent.
    Declined,
    /// Swiss Post's answer was refused or did not come (the shopper can type their address).
    Failed,
}

/// The signed-in shopper. Personal data: `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedShopper {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// One saved address the checkout can use: a home (main or another domicile) or a pickup point. PO box
/// addresses are not offered (the checkout delivers to homes and pickup points). Personal data: `Debug` shows
/// its id only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAddress {
    /// "main", or Swiss Post's id of the address.
    pub id: String,
    /// The shopper's own name for it ("Office"), else empty.
    pub nickname: String,
    /// The addressee's names.
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<AddressInput>,
    /// The point as the checkout's selection holds it, with the shopper's user id and label line for PickPost
    /// and My Post 24 (Swiss Post keeps them with the saved address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<PickupSelection>,
}

/// Answer of `GET /v1/connector/session`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectorSession {
    pub status: ConnectorStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shopper: Option<SavedShopper>,
    #[serde(default)]
    pub addresses: Vec<SavedAddress>,
}

impl std::fmt::Debug for SavedShopper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedShopper").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SavedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedAddress").field("id", &self.id).finish_non_exhaustive()
    }
}

impl ConnectorSession {
    pub fn with_status(status: ConnectorStatus) -> Self {
        Self { status, shopper: None, addresses: Vec::new() }
    }
}
