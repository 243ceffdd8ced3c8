//! The Swiss Post Digital Commerce API (DCAPI) on the wire, as `docs/upstream/POST-API.md` describes it.
//!
//! The sandbox serialises these types and the proxy's upstream client deserialises them, so a sandbox
//! answer that the real client could not read fails a test. Field names follow the upstream exactly
//! (camelCase, `city18`, `houseKey`, ...); section numbers refer to POST-API.md.

pub mod barcode;
pub mod clock;
pub mod collection;
pub mod connector;
pub mod location;
pub mod matching;
pub mod tracking;

use serde::{Deserialize, Serialize};

/// OAuth2 scopes (§2.3).
pub mod scope {
    /// `/address/v1/zips` and `/streets`. CONFIRMED (client).
    pub const ADDRESS_AUTOCOMPLETE: &str = "DCAPI_ADDRESS_AUTOCOMPLETE";
    /// `/address/v1/addresses/validation`. CONFIRMED (client).
    pub const ADDRESS_VALIDATE: &str = "DCAPI_ADDRESS_VALIDATE";
    /// Read access to addresses. The scope that `/houses` needs is undocumented (a client holding only
    /// AUTOCOMPLETE got 403); the sandbox asks for this one, INFERRED.
    pub const ADDRESS_READ: &str = "DCAPI_ADDRESS_READ";
    /// Delivery options (INFERRED name).
    pub const DELIVERY: &str = "DCAPI_DELIVERY";
    /// PickPost / My Post 24 user ids (INFERRED name).
    pub const PICKPOST: &str = "DCAPI_PICKPOST";
    /// Labels. CONFIRMED.
    pub const BARCODE_READ: &str = "DCAPI_BARCODE_READ";
    /// Shipment tracking for business customers. CONFIRMED (client).
    pub const TRACKING: &str = "MYSB_MAILPIECE_TRACKING_B2B_READ";
    /// pick@home collection orders. CONFIRMED (Swiss Post's endpoint table).
    pub const COLLECTION_ORDER: &str = "DCAPI_DELIVERY_COLLECTION_ORDER";

    /// Every scope the address part of the widget needs, space separated as the token request wants it.
    pub const ADDRESS_SCOPES: &str = "DCAPI_ADDRESS_AUTOCOMPLETE DCAPI_ADDRESS_READ DCAPI_ADDRESS_VALIDATE";

    /// Every scope the proxy's routes need, requested in one token.
    pub const PROXY_SCOPES: &str =
        "DCAPI_ADDRESS_AUTOCOMPLETE DCAPI_ADDRESS_READ DCAPI_ADDRESS_VALIDATE DCAPI_DELIVERY DCAPI_PICKPOST";
}

/// Upstream paths relative to the DCAPI base URL (§3).
pub mod path {
    pub const ZIPS: &str = "/address/v1/zips";
    pub const STREETS: &str = "/address/v1/streets";
    pub const HOUSES: &str = "/address/v1/houses";
    pub const VALIDATION: &str = "/address/v1/addresses/validation";
    pub const DELIVERABILITIES_WHEN: &str = "/api/delivery/v1/deliverabilities/when";
    pub const HOLIDAYS: &str = "/api/delivery/v1/options/holidays";
    pub const PICKPOST_USERS: &str = "/pickpost/v1/users";
}

/// Form (or query) of `POST /OAuth/token` (§2.1): `client_credentials`, or `authorization_code` with `code`,
/// `redirect_uri` and the PKCE `code_verifier` (the Login Post Connector, [`connector`]).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    #[serde(default)]
    pub grant_type: String,
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub client_secret: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub redirect_uri: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code_verifier: String,
}

impl std::fmt::Debug for TokenRequest {
    // The secret, the code and the verifier never reach a log line through a derived Debug.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequest")
            .field("grant_type", &self.grant_type)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// 200 answer of `POST /OAuth/token` (§2.2): `{"access_token","token_type":"Bearer","expires_in":60}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    /// Seconds. Clients fall back to 3500 when it is missing (§2.2), so it is optional here.
    #[serde(default)]
    pub expires_in: Option<u64>,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// OAuth2 error body (RFC 6749 §5.2), e.g. `{"error":"invalid_client"}` (§2.4, INFERRED).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// Error body of the API routes: undocumented upstream; the sandbox's own design (§8, INFERRED).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

/// `type` of `/zips` (§3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ZipType {
    Domicile,
    Postbox,
}

impl ZipType {
    pub fn as_str(self) -> &'static str {
        match self {
            ZipType::Domicile => "DOMICILE",
            ZipType::Postbox => "POSTBOX",
        }
    }
}

/// One row of `/zips` (§3.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zip {
    pub zip: String,
    /// The locality name cut to 18 characters.
    pub city18: String,
    /// The locality name cut to 27 characters.
    pub city27: String,
}

/// 200 answer of `GET /address/v1/zips`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZipsResponse {
    pub zips: Vec<Zip>,
}

/// 200 answer of `GET /address/v1/streets` (§3.2): a flat list of names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreetsResponse {
    pub streets: Vec<String>,
}

/// 200 answer of `GET /address/v1/houses` (§3.3), e.g. `["1", "1 A", "2"]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HousesResponse {
    pub houses: Vec<String>,
}

/// At most this many rows in an autocomplete answer (§3.1, INFERRED from the documented example).
pub const MAX_AUTOCOMPLETE_ROWS: usize = 20;

/// `addressee` of a validation request and answer (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Addressee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
}

/// `house` of a location (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct House {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_key: Option<String>,
}

/// `zip` of a location (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZipCity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// `geographicLocation` (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeographicLocation {
    #[serde(default)]
    pub house: House,
    #[serde(default)]
    pub zip: ZipCity,
}

/// `logisticLocation` (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogisticLocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_box_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<House>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<ZipCity>,
}

/// Body of `POST /address/v1/addresses/validation` (§3.6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationRequest {
    #[serde(default)]
    pub addressee: Addressee,
    pub geographic_location: GeographicLocation,
    #[serde(default)]
    pub logistic_location: LogisticLocation,
    #[serde(default)]
    pub full_validation: bool,
}

/// `quality` of a validation answer (§3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Quality {
    DomicileCertified,
    Certified,
    Usable,
    Unusable,
    Fixed,
    /// A value this client does not know yet: kept readable rather than failing the whole answer.
    #[serde(other)]
    Unknown,
}

/// `address` of a validation answer (§3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidatedAddress {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub addressee: Addressee,
    #[serde(default)]
    pub logistic_location: LogisticLocation,
    pub geographic_location: GeographicLocation,
    pub id: String,
}

/// 200 answer of `POST /address/v1/addresses/validation` (§3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationResponse {
    pub quality: Quality,
    /// Compact timestamp `YYYYMMDDTHHMMSS±HHMM`.
    pub expires: String,
    pub address: ValidatedAddress,
}

/// `activity` of a delivery day (§5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Activity {
    Work,
    Sunday,
    Holiday,
    #[serde(other)]
    Other,
}

/// Where and by when a same-day or direct item must be handed in (§5.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DropOffInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_off_point: Option<String>,
    /// "14:00".
    pub last_drop_off_time: String,
}

/// One product deliverable on a day (§5.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deliverability {
    /// The date the item must be handed in, "2016-12-22".
    pub incoming_date: String,
    /// Comma-joined additional services and base product, "ZFZ0912,PRI".
    pub product_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_off_info: Option<DropOffInfo>,
}

/// One day of a deliverabilities answer (§5.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryDay {
    pub delivery_date: String,
    #[serde(default)]
    pub deliverabilities: Vec<Deliverability>,
    pub activity: Activity,
}

/// 200 answer of `GET|POST /api/delivery/v1/deliverabilities/when` (§5.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliverabilitiesResponse {
    pub days: Vec<DeliveryDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_to_the_door: Option<String>,
}

/// A name in the four languages (§5.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub de: String,
    pub fr: String,
    pub it: String,
    pub en: String,
}

/// One row of `GET /api/delivery/v1/options/holidays` (§5.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayEntry {
    pub date: String,
    pub name: Names,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_zips_example_parses() {
        let body = r#"{"zips": [
          {"zip": "6600", "city18": "Locarno", "city27": "Locarno"},
          {"zip": "6605", "city18": "Monte Brè Locarno", "city27": "Monte Brè sopra Locarno"}]}"#;
        let parsed: ZipsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(parsed.zips.len(), 2);
        assert_eq!(parsed.zips[1].city27, "Monte Brè sopra Locarno");
    }

    #[test]
    fn documented_validation_example_parses() {
        let body = r#"{
          "quality": "CERTIFIED",
          "expires": "20190822T181333+0200",
          "address": {
            "type": "DOMICILE",
            "addressee": {"firstName": "Hans", "lastName": "Muster"},
            "logisticLocation": {"postBoxNumber": "", "house": {}, "zip": {}},
            "geographicLocation": {
              "house": {"street": "viale Stazione", "houseNumber": "15", "additionalAddress": "", "houseKey": "76439798"},
              "zip": {"zip": "6500", "city": "Bellinzona"}
            },
            "id": "034ce086-c9bb-49df-9ed1-1b674e6d5717"
          }
        }"#;
        let parsed: ValidationResponse = serde_json::from_str(body).unwrap();
        assert_eq!(parsed.quality, Quality::Certified);
        assert_eq!(parsed.address.geographic_location.house.house_key.as_deref(), Some("76439798"));
    }

    #[test]
    fn recorded_deliverabilities_answer_parses() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/ibrows-post_wedec_bundle/delivery_v1_deliverabilities_when.json"
        );
        let body = std::fs::read_to_string(path).unwrap();
        let parsed: DeliverabilitiesResponse = serde_json::from_str(&body).unwrap();
        assert!(parsed.days.iter().any(|d| d.activity == Activity::Holiday));
        assert!(parsed.days.iter().flat_map(|d| &d.deliverabilities).any(|d| d.product_code == "PRI,SA"));
        assert_eq!(parsed.quality.as_deref(), Some("RELIABLE"));
    }

    #[test]
    fn unknown_quality_does_not_fail_the_answer() {
        let q: Quality = serde_json::from_str(r#""COMPROMISED""#).unwrap();
        assert_eq!(q, Quality::Unknown);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let req = TokenRequest {
            grant_type: "client_credentials".into(),
            client_id: "id".into(),
            client_secret: "s3cr3t-value".into(),
            code: "the-code".into(),
            ..TokenRequest::default()
        };
        let tok = TokenResponse { access_token: "tok-value".into(), token_type: "Bearer".into(), expires_in: Some(60) };
        assert!(!format!("{req:?}").contains("s3cr3t-value") && !format!("{req:?}").contains("the-code"));
        assert!(!format!("{tok:?}").contains("tok-value"));
    }
}
