//! Shipment tracking for business customers (POST-API-AFTERSALE.md §1), on `mysb.apis.post.ch`, scope
//! `MYSB_MAILPIECE_TRACKING_B2B_READ`.
//!
//! CONFIRMED (client): the base path, `POST /mailpieces` with `{"ids": "<identcode>"}`, the detail's
//! `status.status`/`title`/`subtitle`, the events' `code`, `title`, `subtitle`, `timestamp`, `location`, the
//! status values. INFERRED (no answer was ever recorded): the shape of the `POST /mailpieces` answer, the
//! detail's other members, and that the `mailpieceKey` may be the identcode itself. Everything the proxy
//! reads of these answers is in this file, so a correction is one change here.

use serde::{Deserialize, Serialize};

/// The tracking API's path below its host (`https://mysb.apis.post.ch`).
pub const BASE_PATH: &str = "/logistics/mailpiece/tracking/business/v1";

/// The statuses a mail piece can have. CONFIRMED (client).
pub mod status {
    pub const NOT_YET_SENT: &str = "NOT_YET_SENT";
    pub const ON_GOING_DELIVERY: &str = "ON_GOING_DELIVERY";
    pub const WAITING_FOR_PICKUP: &str = "WAITING_FOR_PICKUP";
    pub const DELIVERED: &str = "DELIVERED";
    pub const RETURNED: &str = "RETURNED";
    pub const CUSTOMS: &str = "CUSTOMS";
    pub const NOT_DELIVERED: &str = "NOT_DELIVERED";
    pub const UNKNOWN: &str = "UNKNOWN";
}

/// `POST /mailpieces`: the identcode (a bare string in the only sample; a list read too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailpiecesRequest {
    pub ids: Ids,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Ids {
    One(String),
    Many(Vec<String>),
}

impl Ids {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Ids::One(id) => vec![id.as_str()],
            Ids::Many(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

/// The answer of `POST /mailpieces`. INFERRED.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailpiecesResponse {
    pub mailpieces: Vec<MailpieceRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailpieceRef {
    /// The key the other routes take. INFERRED.
    pub mailpiece_key: String,
    /// The identcode.
    pub mailpiece_id: String,
}

/// `status` of the detail. CONFIRMED (client).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailpieceStatus {
    pub status: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
}

/// `GET /mailpieces/{key}/detail`. Only `status` is CONFIRMED (client); the rest INFERRED.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailpieceDetail {
    pub mailpiece_key: String,
    pub mailpiece_id: String,
    pub status: MailpieceStatus,
    /// The base product's code (`PRI`, `ECO`…). INFERRED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

/// One event. CONFIRMED (client).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailpieceEvent {
    /// The event number of Swiss Post's catalogue ("4000" delivered…), as text.
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    /// ISO 8601 with offset, "2026-12-03T10:14:00+01:00".
    pub timestamp: String,
    #[serde(default)]
    pub location: String,
}

/// `GET /mailpieces/{key}/events/`. CONFIRMED (client) for `events[]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailpieceEvents {
    pub events: Vec<MailpieceEvent>,
}
