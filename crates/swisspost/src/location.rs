//! The places.post.ch location service (POST-API.md §4.3: `Types`, `Find`, `Geocode`, `Poi`) and the
//! PickPost / My Post 24 user id of `POST /pickpost/v1/users` (§4.1), as they travel on the wire.

use serde::{Deserialize, Serialize};

/// Stable POI type ids (the tags `T1`, `T2`, … are not stable: map them through `Types`).
pub mod type_id {
    /// Post office ("Filiale").
    pub const POST_OFFICE: &str = "001PST";
    /// My Post 24 parcel terminal.
    pub const MY_POST_24: &str = "001MP24";
    /// PickPost point at a partner ("My Post Service", formerly "PickPost-Stelle").
    pub const PICKPOST: &str = "001AG-PICK";
}

/// Paths below the location service's base (`…/StandortSuche/StaoCacheServiceV2/api/v1`).
pub mod path {
    pub const TYPES: &str = "/Types";
    pub const FIND: &str = "/Find";
    pub const GEOCODE: &str = "/Geocode";
    pub const POI: &str = "/Poi";
}

/// Switzerland's extent with a margin: minLon, minLat, maxLon, maxLat.
pub const SWITZERLAND_EXTENT: [f64; 4] = [5.9, 45.8, 10.5, 47.85];

/// One entry of `GET /Types`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoiTypeInfo {
    pub tag: String,
    #[serde(default)]
    pub count: u32,
    pub cat: String,
    pub id: String,
    pub desc: String,
}

/// Answer of `GET /Types?lang=de`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypesResponse {
    pub ok: bool,
    pub info: String,
    pub types: Vec<PoiTypeInfo>,
}

/// `info` of a `Find` POI. `Synthetic` is the sandbox's own member: true for generated points.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindPoiInfo {
    #[serde(rename = "Street", default)]
    pub street: String,
    #[serde(rename = "Zip", default)]
    pub zip: String,
    #[serde(rename = "City", default)]
    pub city: String,
    #[serde(rename = "Synthetic", default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
}

/// One POI of `GET /Find`: `type` is a tag, `x` longitude, `y` latitude.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindPoi {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub tag: String,
    pub x: f64,
    pub y: f64,
    #[serde(default)]
    pub info: FindPoiInfo,
}

/// Answer of `GET /Find?extent=…&query=<tags csv>…`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindResponse {
    pub ok: bool,
    pub info: String,
    #[serde(default)]
    pub pois: Vec<FindPoi>,
}

/// One hit of `GET /Geocode`: `pt` is [lon, lat], `bbox` [minLon, minLat, maxLon, maxLat].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeocodeLocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    pub pt: [f64; 2],
    pub bbox: [f64; 4],
}

/// Answer of `GET /Geocode?query=…&limit=…`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeocodeResponse {
    pub ok: bool,
    pub info: String,
    pub count: u32,
    pub locations: Vec<GeocodeLocation>,
}

/// `userDetails` of the user-id request. `Debug` hides the names.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
}

impl std::fmt::Debug for UserDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserDetails").field("language", &self.language).finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserHouse {
    pub street: String,
    pub house_number: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserZip {
    pub zip: String,
    pub city: String,
    pub country_code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserAddress {
    pub house: UserHouse,
    pub zip: UserZip,
}

/// `notification` of the user-id request. `Debug` hides the e-mail address.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserNotification {
    pub notify_mode: String,
    pub email: String,
}

impl std::fmt::Debug for UserNotification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserNotification").field("notify_mode", &self.notify_mode).finish_non_exhaustive()
    }
}

/// Body of `POST /pickpost/v1/users`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserRequest {
    pub user_details: UserDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<UserAddress>,
    pub notification: UserNotification,
    /// `PICKPOST` (CONFIRMED) or `MY_POST_24` (INFERRED spelling).
    pub service: String,
}

/// `service` values of [`UserRequest`].
pub mod service {
    pub const PICKPOST: &str = "PICKPOST";
    pub const MY_POST_24: &str = "MY_POST_24";
}

/// `verified` values: `NONE`, or one of the three identity checks.
pub mod verified {
    pub const NONE: &str = "NONE";
    pub const MAIL: &str = "MAIL";
    pub const REGISTERED_MAIL: &str = "REGISTRED_MAIL";
    pub const SUISSE_ID: &str = "SUISSE-ID";
}

/// Answer of `POST /pickpost/v1/users`: `{"id": "PT011227", "verified": "NONE"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserResponse {
    pub id: String,
    pub verified: String,
}
