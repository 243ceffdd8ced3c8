//! The places.post.ch location service (POST-API.md §4.3: `Types`, `Find`, `Geocode`, `Poi`) and the
//! PickPost / My Post 24 user id of `POST /pickpost/v1/users` (§4.1), as they travel on the wire.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Stable POI type ids (the tags `T1`, `T2`, … are not stable: map them through `Types`).
pub mod type_id {
    /// Post office ("Filiale").
    pub const POST_OFFICE: &str = "001PST";
    /// My Post 24 parcel terminal.
    pub const MY_POST_24: &str = "001MP24";
    /// PickPost point at a partner ("My Post Service", formerly "PickPost-Stelle").
    pub const PICKPOST: &str = "001AG-PICK";
    /// Letter box ("Briefeinwurf").
    pub const LETTER_BOX: &str = "003BE";
    /// Cash machine ("Postomat").
    pub const POSTOMAT: &str = "004PSTMAT";
    /// PO box facility ("Postfachanlage").
    pub const PO_BOX_FACILITY: &str = "001PFST";
    /// PostFinance branch.
    pub const POSTFINANCE: &str = "001PFFIL";
}

/// `DistributionType` of a post office in `Find`'s `info` (the alltheplaces spider, S9): `001F1`…`001F4` are
/// branches Swiss Post runs itself, `001QA` a postal counter inside a partner's shop.
pub mod distribution_type {
    pub const OWN: [&str; 4] = ["001F1", "001F2", "001F3", "001F4"];
    pub const PARTNER: &str = "001QA";
}

/// `CounterTypeId` of the ordinary counter ("Normalschalter") in `Poi` and `Types`.
pub const NORMAL_COUNTER: &str = "0011";
/// `ProductTypeId` of a letter box's collection times in `Poi` (`Deadline{Day, LatestTime}`).
pub const LETTER_BOX_COLLECTION: &str = "003BE_LZ";

/// Paths below the location service's base (`…/StandortSuche/StaoCacheServiceV2/api/v1`).
pub mod path {
    pub const TYPES: &str = "/Types";
    pub const FIND: &str = "/Find";
    pub const GEOCODE: &str = "/Geocode";
    pub const POI: &str = "/Poi";
}

/// Switzerland's extent with a margin: minLon, minLat, maxLon, maxLat.
pub const SWITZERLAND_EXTENT: [f64; 4] = [5.9, 45.8, 10.5, 47.85];

/// One entry of `GET /Types`: a POI type (`T…`), counter type (`C…`) or service type (`S…`). The members
/// after `desc` come with service types (S10's recording); `priv` and `biz` (for private and business
/// customers) are named by newer clients (S11) and were not in the recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoiTypeInfo {
    pub tag: String,
    #[serde(default)]
    pub count: u32,
    pub cat: String,
    pub id: String,
    pub desc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_sort_key: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_sort_key: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_mobile: Option<String>,
    #[serde(rename = "priv", default, skip_serializing_if = "Option::is_none")]
    pub for_private: Option<bool>,
    #[serde(rename = "biz", default, skip_serializing_if = "Option::is_none")]
    pub for_business: Option<bool>,
}

/// Answer of `GET /Types?lang=de`: `opentmin`/`opentmax` bound the days the service knows opening hours for,
/// `flags` names the service groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypesResponse {
    pub ok: bool,
    pub info: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opentmin: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opentmax: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub flags: BTreeMap<String, String>,
    #[serde(default)]
    pub count: u32,
    pub types: Vec<PoiTypeInfo>,
}

/// A counter's state in `Find`: until when it is open now, or when it opens again (INFERRED formats: `HH:MM`
/// and `YYYY-MM-DDTHH:MM`; S11 names the members, no stored source shows values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CounterState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_again: Option<String>,
}

/// `info` of a `Find` POI. `Synthetic` is the sandbox's own member: true for generated points. Service flags
/// (the ids of `Types`' `flags`, INFERRED as `"001BRPA": true`) and any other member land in `other`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindPoiInfo {
    #[serde(rename = "Street", default)]
    pub street: String,
    #[serde(rename = "Zip", default)]
    pub zip: String,
    #[serde(rename = "City", default)]
    pub city: String,
    #[serde(rename = "AdditionalDescription", default, skip_serializing_if = "Option::is_none")]
    pub additional_description: Option<String>,
    #[serde(rename = "DistributionType", default, skip_serializing_if = "Option::is_none")]
    pub distribution_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counters: Vec<CounterState>,
    #[serde(rename = "Synthetic", default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
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

/// `type` of a `Geocode` hit (S10's recording): a point (with `id` and its tag as `subtype`), a municipality,
/// a postcode with its locality ("3400 Burgdorf"), a street in a locality ("Ahornweg, 3400 Burgdorf").
pub mod geocode_kind {
    pub const POI: &str = "poi";
    pub const CITY: &str = "city";
    pub const REGION: &str = "region";
    pub const LOCALITY: &str = "locality";
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

/// Answer of `GET /Geocode?query=…&pois=<tags csv>&limit=…`: `count` is every match, `locations` the first
/// `limit` of them, `note` says how many each finder matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeocodeResponse {
    pub ok: bool,
    pub info: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
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
