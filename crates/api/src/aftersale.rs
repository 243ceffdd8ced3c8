//! After the sale: tracking a shipment and ordering a return collected at the shopper's door (pick@home).
//!
//! The shop's server uses the `/server/v1` routes with its server key. A shopper's browser never gets the
//! key: the shop's server asks `POST /server/v1/links` for a link token naming one shipment (or one return),
//! and the browser uses the token on `/v1/shipments/{token}` and `/v1/returns/{token}`. A token is sealed
//! (encrypted and authenticated): it cannot be read, altered or made for another shipment, and it expires.

use serde::{Deserialize, Serialize};

use crate::AddressSelection;

/// `GET /server/v1/shipments/{ident_code}?lang=de`: a [`Shipment`].
pub const SERVER_SHIPMENTS_PATH: &str = "/server/v1/shipments";
/// `POST /server/v1/returns` with a [`ReturnRequest`]: a [`ReturnConfirmation`].
pub const SERVER_RETURNS_PATH: &str = "/server/v1/returns";
/// `POST /server/v1/links` with a [`LinkRequest`]: a [`Link`].
pub const LINKS_PATH: &str = "/server/v1/links";
/// `GET /v1/shipments/{token}?lang=de`: the [`Shipment`] the token names.
pub const SHIPMENTS_PATH: &str = "/v1/shipments";
/// `GET /v1/returns/{token}`: [`ReturnOptions`]; `POST` with a [`ReturnChoice`]: a [`ReturnConfirmation`].
pub const RETURNS_PATH: &str = "/v1/returns";

/// Where a shipment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    NotYetSent,
    OnItsWay,
    WaitingForPickup,
    Delivered,
    Returned,
    Customs,
    NotDelivered,
    Unknown,
}

/// One event of a shipment, its text ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentEvent {
    /// Swiss Post's event number ("4000").
    pub code: String,
    pub title: String,
    /// ISO 8601 with offset.
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
}

/// A shipment's status and events, oldest first, in the language asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipment {
    pub ident_code: String,
    pub status: ShipmentStatus,
    pub status_title: String,
    pub events: Vec<ShipmentEvent>,
    /// While it waits at a PickPost point or My Post 24 terminal: that point, with its hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_point: Option<crate::PickupPoint>,
}

/// Who returns a parcel, and where it is collected.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Returner {
    /// The address the parcel is collected at (Swiss Post must certify it).
    pub address: AddressSelection,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

// Personal data: never in a log line.
impl std::fmt::Debug for Returner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Returner").finish_non_exhaustive()
    }
}

/// `POST /server/v1/returns`: one call that orders the collection and approves it. With an
/// `Idempotency-Key`, repeating it makes no second order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    pub returner: Returner,
    /// "2026-12-09": one of the dates `GET /v1/returns/{token}` (or the proxy's answer) offers.
    pub pickup_date: String,
    /// 1 to 5 parcels.
    pub parcels: u8,
    /// `de` (the default), `fr`, `it`, `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A return label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnLabel {
    pub ident_code: String,
    /// A PDF, base64.
    pub label: String,
}

/// An approved collection: when, and the labels to stick on the parcels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnConfirmation {
    pub order_key: String,
    pub pickup_date: String,
    pub labels: Vec<ReturnLabel>,
}

/// `POST /server/v1/links`: a link token for one shipment or one return, for the shopper's browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRequest {
    /// The identcode to track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
    /// Who may order a return, and where it is collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returner: Option<Returner>,
    /// How long the link works: 1 to 90 days (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<u16>,
}

/// A link token, and when it stops working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub token: String,
    /// ISO 8601, UTC.
    pub expires_at: String,
}

/// `GET /v1/returns/{token}`: what the shopper may choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnOptions {
    /// "Kramgasse 49, 3011 Bern": where the parcel is collected.
    pub address_line: String,
    pub pickup_dates: Vec<String>,
    pub max_parcels: u8,
}

/// `POST /v1/returns/{token}`: the shopper's choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnChoice {
    pub pickup_date: String,
    pub parcels: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Most parcels one address may hand over on one day (pick@home's rule).
pub const MAX_RETURN_PARCELS: u8 = 5;
