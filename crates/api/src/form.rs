//! The checkout's form fields: the names under which the widget's hidden fields and the element's plain
//! fields (shown before the wasm runs, or where it cannot) post with the shop's form, after the element's
//! `name-prefix`. Written once here; the widget, the element's plain fields (through the widget's
//! `address/fields.json`) and the proxy's `POST /server/v1/selections/check` read them from here.

use serde::{Deserialize, Serialize};

pub const POSTCODE: &str = "postcode";
pub const TOWN: &str = "town";
pub const STREET: &str = "street";
pub const HOUSE_NUMBER: &str = "house_number";
/// `true` once Swiss Post certified the address; the plain fields post `false`.
pub const ADDRESS_VERIFIED: &str = "address_verified";
pub const DELIVERY_OPTION: &str = "delivery_option";
pub const DELIVERY_KIND: &str = "delivery_kind";
pub const DELIVERY_DATE: &str = "delivery_date";
pub const DELIVERY_PRODUCT_CODES: &str = "delivery_product_codes";
pub const PICKUP_POINT_ID: &str = "pickup_point_id";
pub const PICKUP_KIND: &str = "pickup_kind";
pub const PICKUP_USER_ID: &str = "pickup_user_id";
pub const PICKUP_NAME2: &str = "pickup_name2";
/// `standard` or `economy`: how the parcel travels to the pickup point.
pub const PICKUP_PRODUCT: &str = "pickup_product";
/// The pickup's price in centimes, as offered.
pub const PICKUP_PRICE_CENTIMES: &str = "pickup_price_centimes";
/// The first day the parcel is ready for collection ("2026-12-09").
pub const PICKUP_READY_ON: &str = "pickup_ready_on";

/// The fields a checkout posted, as the shop's server received them (`application/x-www-form-urlencoded`,
/// without the element's `name-prefix`): what `POST /server/v1/selections/check` takes besides a JSON
/// selection. Every member may be missing: an order placed with the plain fields has an address, unverified,
/// and nothing else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PostedSelection {
    pub postcode: String,
    pub town: String,
    pub street: String,
    pub house_number: String,
    /// "true" or "false" as posted.
    pub address_verified: String,
    /// The chosen delivery option's id, when one was chosen.
    pub delivery_option: String,
    /// The chosen pickup point's id, when one was chosen.
    pub pickup_point_id: String,
}

impl PostedSelection {
    /// The fields of `posted` (name, value pairs as a form decoder gives them) named `prefix` + a field name;
    /// unknown names are left alone.
    pub fn from_fields(posted: &[(String, String)], prefix: &str) -> Self {
        let value = |name: &str| {
            posted
                .iter()
                .find(|(key, _)| key.strip_prefix(prefix) == Some(name))
                .map(|(_, value)| value.trim().to_owned())
                .unwrap_or_default()
        };
        Self {
            postcode: value(POSTCODE),
            town: value(TOWN),
            street: value(STREET),
            house_number: value(HOUSE_NUMBER),
            address_verified: value(ADDRESS_VERIFIED),
            delivery_option: value(DELIVERY_OPTION),
            pickup_point_id: value(PICKUP_POINT_ID),
        }
    }

    /// The home address as posted.
    pub fn address(&self) -> crate::AddressInput {
        crate::AddressInput {
            postcode: self.postcode.clone(),
            town: self.town.clone(),
            street: self.street.clone(),
            house_number: self.house_number.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_fields_are_read_with_the_prefix() {
        let posted: Vec<(String, String)> = [
            ("shipping_postcode", " 3011 "),
            ("shipping_town", "Bern"),
            ("shipping_street", "Kramgasse"),
            ("shipping_house_number", "49"),
            ("shipping_address_verified", "false"),
            ("postcode", "9999"),
            ("customer_email", "a@example.ch"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let read = PostedSelection::from_fields(&posted, "shipping_");
        assert_eq!(read.postcode, "3011");
        assert_eq!(read.address().street, "Kramgasse");
        assert_eq!(read.address_verified, "false");
        assert!(read.delivery_option.is_empty() && read.pickup_point_id.is_empty());
        assert_eq!(PostedSelection::from_fields(&posted, "").postcode, "9999");
    }
}
