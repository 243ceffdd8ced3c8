//! pick@home, a parcel collected at the customer's door (POST-API-AFTERSALE.md §2), DCAPI
//! `/delivery/collection/order/v2`, scope `DCAPI_DELIVERY_COLLECTION_ORDER`.
//!
//! CONFIRMED: the three routes, errors as HTTP 200 with `errors[{code, description}]` and `warnings`, the error
//! catalogue, the rules (a pickup date in the future and at most 10 working days ahead, at most 5 parcels per
//! address and date, an order not approved within 60 minutes deleted, an approved order unchangeable), and the
//! values a client sends (`FROM_7_30_AM`, `ECO`, `mandator: 0`, an 8-digit franking licence). INFERRED: every
//! JSON member name of the bodies below (the public record has the error names only) and the answers' shapes
//! besides `orderKey`, `errors` and `warnings`. The proxy reads these types only, so a correction is one
//! change here.

use serde::{Deserialize, Serialize};

/// The module's path below the DCAPI base.
pub const BASE_PATH: &str = "/delivery/collection/order/v2";

/// The error codes the sandbox and the proxy use, from the catalogue. CONFIRMED (official text).
pub mod code {
    pub const PICKUP_ADDRESS_REQUIRED: u32 = 1000;
    pub const STREET_REQUIRED: u32 = 1001;
    pub const ZIP_REQUIRED: u32 = 1002;
    pub const CITY_REQUIRED: u32 = 1003;
    pub const SENDER_ADDRESS_REQUIRED: u32 = 1004;
    pub const LANGUAGE_REQUIRED: u32 = 1008;
    pub const NAME_LENGTH: u32 = 1102;
    pub const FIRSTNAME_LENGTH: u32 = 1103;
    pub const EMAIL_NOT_VALID: u32 = 1203;
    pub const PICKUP_ADDRESS_NOT_VALID: u32 = 1201;
    pub const PICKUP_TIME_NOT_IN_PROFILE: u32 = 1302;
    pub const TOO_MANY_PARCELS: u32 = 2002;
    pub const AT_LEAST_ONE_PARCEL: u32 = 2003;
    pub const PICKUP_DATE_NOT_VALID: u32 = 2005;
    pub const TOO_LATE: u32 = 2006;
    /// INFERRED: "licence pattern", the fifth of the 2100–2109 identcode and licence errors in the order listed.
    pub const LICENCE_PATTERN: u32 = 2104;
    pub const ORDER_NOT_FOUND: u32 = 4000;
    pub const ALREADY_APPROVED: u32 = 6000;
}

/// An address of an order.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

// Personal data: never in a log line.
impl std::fmt::Debug for CollectionAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectionAddress").field("zip", &self.zip).finish_non_exhaustive()
    }
}

/// One parcel to collect.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionParcel {
    /// `PARCEL`.
    #[serde(default)]
    pub sending_type: String,
    /// `UP_TO_10_KG`, `UP_TO_30_KG`.
    #[serde(default)]
    pub weight_type: String,
}

/// `POST /orders`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionOrderRequest {
    /// From address validation: the building whose door the parcel is collected at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_address: Option<CollectionAddress>,
    /// Where the parcel goes: the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_address: Option<CollectionAddress>,
    #[serde(default)]
    pub parcels: Vec<CollectionParcel>,
    /// "2026-12-07".
    #[serde(default)]
    pub pickup_date: String,
    /// `FROM_7_30_AM`.
    #[serde(default)]
    pub pickup_time: String,
    #[serde(default)]
    pub language: String,
    /// `ECO`.
    #[serde(default)]
    pub product: String,
    #[serde(default)]
    pub mandator: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub franking_license: Option<String>,
}

/// A business error or warning: HTTP 200 with these.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionMessage {
    pub code: u32,
    pub description: String,
}

/// A label made for an approved order's parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionLabel {
    pub identcode: String,
    /// A PDF, base64.
    pub label: String,
}

/// The answer of `POST /orders` and `POST /orders/{orderKey}/approval`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionOrderResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_key: Option<String>,
    /// `CREATED` or `APPROVED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<CollectionLabel>,
    #[serde(default)]
    pub errors: Vec<CollectionMessage>,
    #[serde(default)]
    pub warnings: Vec<CollectionMessage>,
}

/// `GET /houses/{houseKey}/collection/instructions`: when and where a parcel can be collected there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionInstructions {
    pub house_key: String,
    /// The days a collection may be ordered for now ("2026-12-02"…), the next 10 working days.
    pub pickup_dates: Vec<String>,
    pub pickup_times: Vec<String>,
}
