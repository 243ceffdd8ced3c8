//! The public JSON contract of the swiss-checkout proxy.
//!
//! Every body the proxy sends to the browser, and every query it accepts from it, is a type in this crate.
//! The widget (wasm32) and the proxy (native) both depend on it, so the two sides cannot drift apart.
//! The types are plain data: no behaviour beyond small constructors, no dependency but `serde`, so the
//! crate adds nothing to the wasm bundle that the widget does not use.

use serde::{Deserialize, Serialize};

pub mod aftersale;
pub mod check;
pub mod connector;
pub mod form;
pub mod labels;

/// Path prefix of every route the browser calls.
pub const API_PREFIX: &str = "/v1";

/// The header that carries the shop's publishable key, when the proxy asks for one.
pub const PUBLISHABLE_KEY_HEADER: &str = "x-swiss-checkout-key";

/// `GET /v1/localities`: the path of postcode/locality suggestions.
pub const LOCALITIES_PATH: &str = "/v1/localities";

/// Query of `GET /v1/localities`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct LocalitiesQuery {
    /// What the shopper typed: the beginning of a postcode ("301") or of a town ("zuri").
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 40, example = "301"))]
    pub q: String,
}

/// Query of `GET /v1/streets`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StreetsQuery {
    /// Four-digit postcode.
    #[cfg_attr(feature = "openapi", param(pattern = "^[0-9]{4}$", example = "3011"))]
    pub postcode: String,
    /// The beginning of a word of the street name.
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 60, example = "aarb"))]
    pub q: String,
}

/// Query of `GET /v1/house-numbers`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct HouseNumbersQuery {
    #[cfg_attr(feature = "openapi", param(pattern = "^[0-9]{4}$", example = "3011"))]
    pub postcode: String,
    /// The street, as suggested by `/v1/streets`.
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 60, example = "Aarbergergasse"))]
    pub street: String,
    /// The beginning of the house number; empty or absent for all of them.
    #[cfg_attr(feature = "openapi", param(max_length = 10, example = "1"))]
    pub q: Option<String>,
}

/// Query of `GET /v1/delivery-options`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct DeliveryOptionsQuery {
    #[cfg_attr(feature = "openapi", param(pattern = "^[0-9]{4}$", example = "3011"))]
    pub postcode: String,
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 60, example = "Bern"))]
    pub town: String,
    #[cfg_attr(feature = "openapi", param(max_length = 60, example = "Aarbergergasse"))]
    pub street: Option<String>,
    #[cfg_attr(feature = "openapi", param(max_length = 10, example = "1"))]
    pub house_number: Option<String>,
    /// Days of options, 1 to 14; the proxy's configured number when absent.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 14))]
    pub days: Option<u8>,
}

/// Bounds of [`LocalitiesQuery::q`], checked by the proxy (400 problem+json naming the field `q`).
pub const LOCALITY_QUERY_MAX_CHARS: usize = 40;

/// One postcode/locality suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Locality {
    /// Four-digit Swiss (or Liechtenstein) postcode, e.g. "3011".
    pub postcode: String,
    /// The locality's official name, e.g. "Bern", "Biel/Bienne": what is posted.
    pub town: String,
    /// The other name of the place the query matched, when it was not the official one ("Genf" when the shopper
    /// typed "Genf" and found Genève): shown beside the official name, never posted. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "Genf"))]
    pub other_name: Option<String>,
}

impl Locality {
    /// A locality by its official name alone.
    pub fn new(postcode: impl Into<String>, town: impl Into<String>) -> Self {
        Self { postcode: postcode.into(), town: town.into(), other_name: None }
    }

    /// How the pair is shown and stored: "3011 Bern".
    pub fn label(&self) -> String {
        format!("{} {}", self.postcode, self.town)
    }

    /// How a suggestion is shown: "1201 Genève (Genf)" when the shopper typed another name, else [`label`](Self::label).
    pub fn suggestion(&self) -> String {
        match &self.other_name {
            Some(other) => format!("{} {} ({other})", self.postcode, self.town),
            None => self.label(),
        }
    }
}

/// Answer of `GET /v1/localities`. An empty list means "nothing known": the shopper types by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalitiesResponse {
    pub localities: Vec<Locality>,
}

/// `GET /v1/streets?postcode=3011&q=aarb`: streets of one postcode whose name has a word starting with `q`.
pub const STREETS_PATH: &str = "/v1/streets";

/// `GET /v1/house-numbers?postcode=3011&street=Aarbergergasse&q=1`: house numbers of one street.
pub const HOUSE_NUMBERS_PATH: &str = "/v1/house-numbers";

/// `POST /v1/addresses/validate` with an [`AddressInput`]: a [`ValidationResult`].
pub const VALIDATE_PATH: &str = "/v1/addresses/validate";

/// Bound of street and house-number queries and of every [`AddressInput`] field.
pub const ADDRESS_FIELD_MAX_CHARS: usize = 60;

/// Answer of `GET /v1/streets`. Empty when the data has no street for the postcode: the shopper types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreetsResponse {
    pub streets: Vec<String>,
}

/// Answer of `GET /v1/house-numbers`, in natural order ("1", "1 A", "2", "10").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseNumbersResponse {
    pub house_numbers: Vec<String>,
}

/// A Swiss delivery address as the shopper entered it. Missing members read as empty, so the proxy can
/// name the one that is missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AddressInput {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{4}$", example = "3011"))]
    pub postcode: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Bern"))]
    pub town: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Aarbergergasse"))]
    pub street: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 10, example = "1"))]
    pub house_number: String,
}

/// How far Swiss Post recognises an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum AddressQuality {
    /// A known building address.
    Certified,
    /// Postcode and town belong together; the street or number is not confirmed.
    Usable,
    /// Postcode and town do not belong together, or the postcode is unknown.
    Unusable,
}

/// Answer of `POST /v1/addresses/validate`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidationResult {
    pub quality: AddressQuality,
    /// The official spelling, when it differs from what was sent. Offered to the shopper, never forced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<AddressInput>,
}

/// What the shopper chose in the address part: what the shop receives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressSelection {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{4}$", example = "3011"))]
    pub postcode: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Bern"))]
    pub town: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Aarbergergasse"))]
    pub street: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 10, example = "1"))]
    pub house_number: String,
    /// True when every part was chosen from suggestions or confirmed by validation; false for an address
    /// typed by hand that Swiss Post did not confirm ("not verified").
    pub verified: bool,
    /// The validation result, once there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<AddressQuality>,
}

impl AddressSelection {
    /// The address as Swiss Post is asked about it (without what the checkout knows of it).
    pub fn input(&self) -> AddressInput {
        AddressInput {
            postcode: self.postcode.clone(),
            town: self.town.clone(),
            street: self.street.clone(),
            house_number: self.house_number.clone(),
        }
    }
}

/// `GET /v1/delivery-options?postcode=3011&town=Bern&street=…&house_number=…[&days=7]`.
pub const DELIVERY_OPTIONS_PATH: &str = "/v1/delivery-options";

/// Most days of delivery options one request may ask for.
pub const MAX_DELIVERY_DAYS: u8 = 14;

/// What kind of delivery an option is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryKind {
    /// PostPac Priority: the next working day.
    Standard,
    /// PostPac Economy: two working days.
    Economy,
    /// A daytime window (09:00–12:00, 11:00–14:00, 12:00–17:00).
    TimeWindow,
    /// An evening window (17:30–19:00, 18:30–20:00, 19:30–21:00).
    Evening,
    Saturday,
    SameDay,
}

/// The wire name of a kind ("time_window").
pub fn delivery_kind_name(kind: DeliveryKind) -> &'static str {
    match kind {
        DeliveryKind::Standard => "standard",
        DeliveryKind::Economy => "economy",
        DeliveryKind::TimeWindow => "time_window",
        DeliveryKind::Evening => "evening",
        DeliveryKind::Saturday => "saturday",
        DeliveryKind::SameDay => "same_day",
    }
}

impl DeliveryKind {
    pub const ALL: [DeliveryKind; 6] = [
        DeliveryKind::Standard,
        DeliveryKind::Economy,
        DeliveryKind::TimeWindow,
        DeliveryKind::Evening,
        DeliveryKind::Saturday,
        DeliveryKind::SameDay,
    ];
}

/// One way the parcel can arrive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryOption {
    /// Stable for the same date and product: a choice that is still offered after the address changes keeps it.
    pub id: String,
    pub kind: DeliveryKind,
    /// Delivery date, "2026-12-12".
    pub date: String,
    /// Window start and end, "17:30" and "19:00", for time windows and evenings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_end: Option<String>,
    /// The order must be placed by this date and time ("2026-12-11", "14:00").
    pub order_by_date: String,
    pub order_by_time: String,
    /// Swiss Post product codes for the label, e.g. ["ZF17301900", "PRI"].
    pub product_codes: Vec<String>,
    /// The shop's price in centimes (900 = CHF 9.00).
    pub price_centimes: u32,
}

/// Answer of `GET /v1/delivery-options`, by date then kind. Empty when Swiss Post cannot place the address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryOptionsResponse {
    pub options: Vec<DeliveryOption>,
}

/// What the shopper chose in the whole widget: what the shop receives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Selection {
    /// The home address, as entered in the address part. A selection carries exactly one way to receive the
    /// parcel: a home `delivery` option, or a `pickup` point, never both (the proxy refuses both).
    pub address: AddressSelection,
    /// The chosen delivery option with its product codes; `None` until one is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryOption>,
    /// The chosen pickup point, when the shopper collects the parcel instead of home delivery. Its
    /// address is then the delivery address, and `name2` goes on the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<PickupSelection>,
}

/// "Zürcher Strasse 257" → ("Zürcher Strasse", "257"): a one-line street (as the location service and a
/// shop's sender write it) split before its house number; a street without a number stays whole.
pub fn split_street(street: &str) -> (String, String) {
    match street.trim().rsplit_once(' ') {
        Some((name, number)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
            (name.to_owned(), number.to_owned())
        }
        _ => (street.trim().to_owned(), String::new()),
    }
}

impl Selection {
    /// Where the parcel goes: the pickup point's address when one is chosen, else the home address.
    pub fn delivery_address(&self) -> &AddressSelection {
        self.pickup.as_ref().map_or(&self.address, |pickup| &pickup.address)
    }
}

/// `GET /v1/pickup-points?bbox=minLon,minLat,maxLon,maxLat[&types=pickpost,mypost24,post_office][&near=lat,lon]`.
pub const PICKUP_POINTS_PATH: &str = "/v1/pickup-points";

/// `GET /v1/pickup-places?q=9000`: where a postcode or place is, to centre the pickup map.
pub const PICKUP_PLACES_PATH: &str = "/v1/pickup-places";

/// `POST /v1/pickup-user` with a [`PickupUserRequest`]: the shopper's PickPost / My Post 24 user id.
pub const PICKUP_USER_PATH: &str = "/v1/pickup-user";

/// Above this many points in the box, the proxy answers clusters instead of points.
pub const PICKUP_MAX_POINTS: usize = 60;

/// What kind of pickup point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PickupKind {
    /// A PickPost point at a partner (a shop, a petrol station) with a counter.
    #[serde(rename = "pickpost")]
    PickPost,
    /// A My Post 24 parcel terminal, open around the clock.
    #[serde(rename = "mypost24")]
    MyPost24,
    /// A post office.
    #[serde(rename = "post_office")]
    PostOffice,
}

impl PickupKind {
    pub const ALL: [PickupKind; 3] = [PickupKind::PickPost, PickupKind::MyPost24, PickupKind::PostOffice];

    /// The wire name ("mypost24").
    pub fn name(self) -> &'static str {
        match self {
            PickupKind::PickPost => "pickpost",
            PickupKind::MyPost24 => "mypost24",
            PickupKind::PostOffice => "post_office",
        }
    }

    /// What the label's `name2` starts with: "PickPost 12345678" or "MyPost24 12345678".
    pub fn name2_prefix(self) -> &'static str {
        match self {
            PickupKind::MyPost24 => "MyPost24",
            PickupKind::PickPost | PickupKind::PostOffice => "PickPost",
        }
    }
}

/// Opening hours of one weekday: `weekday` 1 (Monday) to 7 (Sunday), times "08:00".."18:30".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningDay {
    pub weekday: u8,
    /// Opening spans of the day, e.g. [["08:00","12:00"],["13:30","18:00"]]; empty when closed.
    pub spans: Vec<[String; 2]>,
}

/// One pickup point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPoint {
    /// Swiss Post's id, e.g. "001MP24_001201061".
    pub id: String,
    pub kind: PickupKind,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub town: String,
    /// WGS84 degrees.
    pub lat: f64,
    pub lon: f64,
    /// Metres from `near`, when the request gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
    /// Weekly opening hours, Monday first; empty when unknown. My Post 24 terminals are open every day.
    #[serde(default)]
    pub opening_hours: Vec<OpeningDay>,
    /// True for sandbox points that do not exist (generated for scale and named "Sandbox …").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
    /// True when the opening hours are generated (the sandbox's), not Swiss Post's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hours_synthetic: bool,
    /// The first day ("2026-12-03") a parcel ordered now arrives at the point with the asked product
    /// (Swiss Post's delivery module, for the point's own address); absent when unknown. The point may still
    /// be closed that day: its opening hours say when it opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrives_on: Option<String>,
    /// What the shop charges for the asked product to this point (its price of that delivery kind), in
    /// centimes; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_centimes: Option<u32>,
}

/// Many points in one area of a whole-country view, drawn as one marker with a count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupCluster {
    /// Mean position of the points.
    pub lat: f64,
    pub lon: f64,
    pub count: u32,
    /// The points' extent: minLon, minLat, maxLon, maxLat (zoom to it to see them).
    pub bbox: [f64; 4],
}

/// Answer of `GET /v1/pickup-points`: points (nearest first) when at most [`PICKUP_MAX_POINTS`] are in
/// the box, else clusters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPointsResponse {
    pub points: Vec<PickupPoint>,
    pub clusters: Vec<PickupCluster>,
    /// How many points of the asked types are in the box.
    pub total: u32,
}

/// Query of `GET /v1/pickup-points`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PickupPointsQuery {
    /// minLon,minLat,maxLon,maxLat in WGS84 degrees, inside Switzerland's surroundings.
    #[cfg_attr(feature = "openapi", param(example = "9.30,47.40,9.45,47.45"))]
    pub bbox: String,
    /// Comma-separated kinds: pickpost, mypost24, post_office; all three when absent.
    #[cfg_attr(feature = "openapi", param(example = "mypost24,pickpost"))]
    pub types: Option<String>,
    /// lat,lon to sort by distance from (the delivery address).
    #[cfg_attr(feature = "openapi", param(example = "47.4245,9.3767"))]
    pub near: Option<String>,
    /// The product the parcel travels with to the point, `standard` (the default) or `economy`: each point's
    /// `arrives_on` is for it.
    #[cfg_attr(feature = "openapi", param(example = "standard"))]
    pub product: Option<String>,
}

/// A place found by postcode or name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPlace {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// minLon, minLat, maxLon, maxLat.
    pub bbox: [f64; 4],
}

/// Answer of `GET /v1/pickup-places`; empty when nothing matches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPlacesResponse {
    pub places: Vec<PickupPlace>,
}

/// Body of `POST /v1/pickup-user`: who the shopper is, as the shop knows it. `Debug` hides the
/// personal data, so it never reaches a log.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PickupUserRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Anna"))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60, example = "Muster"))]
    pub last_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 120, example = "anna@example.ch"))]
    pub email: String,
    /// de, fr, it or en.
    #[cfg_attr(feature = "openapi", schema(example = "de"))]
    pub language: String,
    /// The kind of the chosen point: a My Post 24 terminal needs a My Post 24 id.
    pub kind: Option<PickupKind>,
}

impl std::fmt::Debug for PickupUserRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PickupUserRequest")
            .field("first_name", &"[personal]")
            .field("last_name", &"[personal]")
            .field("email", &"[personal]")
            .field("language", &self.language)
            .field("kind", &self.kind)
            .finish()
    }
}

/// Whether Swiss Post has checked the shopper's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdentityCheck {
    /// Not yet: for My Post 24, Swiss Post checks it before the first collection.
    None,
    /// Checked (by letter, registered letter or SuisseID).
    Checked,
}

/// Answer of `POST /v1/pickup-user`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupUser {
    /// The user id, e.g. "PT011227".
    pub id: String,
    pub verified: IdentityCheck,
    /// The recipient's second name line on the label: "PickPost PT011227" or "MyPost24 PT011227".
    pub name2: String,
}

/// The chosen pickup point in the [`Selection`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupSelection {
    pub point_id: String,
    pub kind: PickupKind,
    pub name: String,
    /// The point's address: the parcel's delivery address.
    pub address: AddressSelection,
    /// The shopper's user id and the label line, once the proxy returned them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<PickupUser>,
    /// How the parcel travels to the point: `standard` or `economy` (the label's base product). Absent:
    /// standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<DeliveryKind>,
    /// What the shop charges for it, in centimes, as the point was offered; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_centimes: Option<u32>,
    /// The first day ("2026-12-09") the parcel is ready for collection there, as the point was offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_on: Option<String>,
}

impl PickupSelection {
    /// The selection of `point`: its address as a delivery address (its user id comes later).
    pub fn at(point: &PickupPoint) -> Self {
        let (street, house_number) = split_street(&point.street);
        Self {
            point_id: point.id.clone(),
            kind: point.kind,
            name: point.name.clone(),
            address: AddressSelection {
                postcode: point.postcode.clone(),
                town: point.town.clone(),
                street,
                house_number,
                verified: true,
                quality: None,
            },
            user: None,
            product: None,
            price_centimes: point.price_centimes,
            ready_on: point.arrives_on.clone(),
        }
    }
}

/// `POST /server/v1/selections/check`: the shop's server asks whether a selection its checkout form received
/// can be shipped as chosen: a JSON [`Selection`], or the form's fields as they came
/// ([`form::PostedSelection`], `application/x-www-form-urlencoded`, `?name_prefix=` for the element's
/// prefix). Server-only: it wants the secret server key as a bearer token.
pub const CHECK_SELECTION_PATH: &str = "/server/v1/selections/check";

/// Answer of `POST /server/v1/selections/check`: the selection checked against Swiss Post now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionCheck {
    /// Swiss Post's verdict on the address, with the official spelling when it differs.
    pub address: ValidationResult,
    /// Whether the chosen delivery option is still offered exactly as chosen (same id, date, price and
    /// product codes). Absent when the selection has no delivery option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_offered: Option<bool>,
    /// True when the parcel can be sent as selected: the address is not unusable and the delivery option,
    /// if any, is still offered.
    pub shippable: bool,
    /// The delivery options Swiss Post offers now for the address as it knows it (its official spelling when
    /// it certified the address under another), earliest first: for an order placed with the plain fields
    /// (no delivery chosen), the shop ships the standard one. Empty for an address Swiss Post cannot deliver to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivery_options: Vec<DeliveryOption>,
}

/// The media type of [`Problem`] bodies.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An error as RFC 9457 `application/problem+json`.
///
/// `type` is a stable URI naming the kind of problem; the widget branches on it (and on `status`), never
/// on `title` or `detail`, which are for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For invalid input: the query parameter or body field that was wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// When true the widget should let the shopper go on by typing the address by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub manual_entry: bool,
    /// Swiss Post's own error code, when it refused (`E2001`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The `type` URIs of [`Problem`].
pub mod problem_type {
    pub const INVALID_PARAMETER: &str = "https://swiss-checkout.dev/problems/invalid-parameter";
    pub const NOT_FOUND: &str = "https://swiss-checkout.dev/problems/not-found";
    pub const UPSTREAM_UNAVAILABLE: &str = "https://swiss-checkout.dev/problems/upstream-unavailable";
    pub const UPSTREAM_ERROR: &str = "https://swiss-checkout.dev/problems/upstream-error";
    pub const FORBIDDEN_ORIGIN: &str = "https://swiss-checkout.dev/problems/forbidden-origin";
    pub const UNKNOWN_KEY: &str = "https://swiss-checkout.dev/problems/unknown-key";
    pub const TOO_MANY_REQUESTS: &str = "https://swiss-checkout.dev/problems/too-many-requests";
    pub const OVERLOADED: &str = "https://swiss-checkout.dev/problems/overloaded";
    pub const TOO_LARGE: &str = "https://swiss-checkout.dev/problems/too-large";
    pub const UNAUTHORIZED: &str = "https://swiss-checkout.dev/problems/unauthorized";
    /// The selection cannot be shipped as chosen (an unusable address, an option no longer offered).
    pub const NOT_SHIPPABLE: &str = "https://swiss-checkout.dev/problems/not-shippable";
    /// Swiss Post refused the label; `code` is its error code (E2001…).
    pub const LABEL_REFUSED: &str = "https://swiss-checkout.dev/problems/label-refused";
    /// The same `Idempotency-Key` came with another request body.
    pub const IDEMPOTENCY_CONFLICT: &str = "https://swiss-checkout.dev/problems/idempotency-conflict";
    /// The route needs configuration the proxy does not have (the sender of labels).
    pub const NOT_CONFIGURED: &str = "https://swiss-checkout.dev/problems/not-configured";
    /// A link token that is altered, expired or for something else.
    pub const FORBIDDEN_TOKEN: &str = "https://swiss-checkout.dev/problems/forbidden-token";
    /// Swiss Post refused a pick@home order; `code` is its error number.
    pub const RETURN_REFUSED: &str = "https://swiss-checkout.dev/problems/return-refused";
    /// A request with this `Idempotency-Key` is still with Swiss Post: retry after `Retry-After`.
    pub const REQUEST_IN_PROGRESS: &str = "https://swiss-checkout.dev/problems/request-in-progress";
    /// A request with this `Idempotency-Key` was sent to Swiss Post and its answer never came back (the
    /// instance that sent it stopped): whether a label or order was made is unknown, and no second is made.
    pub const OUTCOME_UNKNOWN: &str = "https://swiss-checkout.dev/problems/outcome-unknown";
    /// The proxy's store (Redis, or the embedded file) cannot be reached: nothing was done; retry later.
    pub const STORE_UNAVAILABLE: &str = "https://swiss-checkout.dev/problems/store-unavailable";
}

/// Answer of `GET /healthz`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    /// True when the proxy talks to its embedded sandbox instead of Swiss Post.
    pub sandbox: bool,
    /// Where the proxy keeps its state: `embedded`, `redis` (`/readyz` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serialises_with_rfc9457_names_and_omits_empty_members() {
        let problem = Problem {
            kind: problem_type::INVALID_PARAMETER.into(),
            title: "Invalid parameter".into(),
            status: 400,
            detail: None,
            field: Some("q".into()),
            manual_entry: false,
            code: None,
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], problem_type::INVALID_PARAMETER);
        assert_eq!(json["status"], 400);
        assert_eq!(json["field"], "q");
        assert!(json.get("detail").is_none());
        assert!(json.get("manual_entry").is_none());
    }

    #[test]
    fn streets_split_before_the_house_number() {
        assert_eq!(split_street("Zürcher Strasse 257"), ("Zürcher Strasse".into(), "257".into()));
        assert_eq!(split_street("Bahnhofplatz 10a"), ("Bahnhofplatz".into(), "10a".into()));
        assert_eq!(split_street(" Bahnhof "), ("Bahnhof".into(), String::new()));
    }

    #[test]
    fn quality_is_lowercase_on_the_wire() {
        let result = ValidationResult { quality: AddressQuality::Certified, corrected: None };
        assert_eq!(serde_json::to_string(&result).unwrap(), r#"{"quality":"certified"}"#);
    }

    #[test]
    fn locality_label_is_postcode_then_town() {
        let l = Locality::new("2502", "Biel/Bienne");
        assert_eq!(l.label(), "2502 Biel/Bienne");
        assert_eq!(l.suggestion(), "2502 Biel/Bienne");
        assert_eq!(serde_json::to_value(&l).unwrap(), serde_json::json!({"postcode": "2502", "town": "Biel/Bienne"}));
        let genf = Locality { other_name: Some("Genf".into()), ..Locality::new("1201", "Genève") };
        assert_eq!(genf.suggestion(), "1201 Genève (Genf)");
        assert_eq!(genf.label(), "1201 Genève", "the official name is what is stored");
    }
}
