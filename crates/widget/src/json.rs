//! Thin typed readers for what the browser's `Response.json()` parsed: each contract type is read member by
//! member with `Reflect::get`, instead of through serde's visitors (one per type, and their error messages,
//! which link float formatting). A member that is missing or of the wrong type makes the whole answer
//! unreadable (`None`), as a failed deserialisation did; members the contract may leave out (`Option`s, and
//! those marked `= default`) read as empty.

use api::aftersale::{ReturnConfirmation, ReturnLabel, ReturnOptions, Shipment, ShipmentEvent, ShipmentStatus};
use api::{
    AddressInput, AddressQuality, AddressSelection, DeliveryKind, DeliveryOption, DeliveryOptionsResponse,
    HouseNumbersResponse, IdentityCheck, LocalitiesResponse, Locality, OpeningDay, PickupCluster, PickupKind,
    PickupPlace, PickupPlacesResponse, PickupPoint, PickupPointsResponse, PickupSelection, PickupUser, Problem,
    Selection, StreetsResponse, ValidationResult,
};
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

/// A value read from parsed JSON.
pub trait FromJs: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// `value[key]`, `undefined` when absent.
pub fn member(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// Reads `key`; empty (the type's default) when the member is absent.
pub fn or_default<T: FromJs + Default>(value: &JsValue, key: &str) -> Option<T> {
    let member = member(value, key);
    if absent(&member) { Some(T::default()) } else { T::from_js(&member) }
}

/// The options a mount was given: empty when none, an error naming the mount when they cannot be read.
pub fn options<T: FromJs + Default>(value: &JsValue) -> Result<T, JsValue> {
    if absent(value) {
        return Ok(T::default());
    }
    T::from_js(value).ok_or_else(|| JsValue::from_str("mount: options of the wrong type"))
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJs for f64 {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_f64()
    }
}

macro_rules! whole_number {
    ($($ty:ty),*) => {$(
        impl FromJs for $ty {
            fn from_js(value: &JsValue) -> Option<Self> {
                let n = value.as_f64()?;
                (n.fract() == 0.0 && n >= 0.0 && n <= f64::from(<$ty>::MAX)).then_some(n as $ty)
            }
        }
    )*};
}
whole_number!(u8, u16, u32);

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        if absent(value) { Some(None) } else { T::from_js(value).map(Some) }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        if !Array::is_array(value) {
            return None;
        }
        Array::from(value).iter().map(|item| T::from_js(&item)).collect()
    }
}

impl<T: FromJs, const N: usize> FromJs for [T; N] {
    fn from_js(value: &JsValue) -> Option<Self> {
        Vec::<T>::from_js(value)?.try_into().ok()
    }
}

/// `impl FromJs` for a struct: each member by its name (or the key given), `= default` where it may be absent.
macro_rules! read_struct {
    ($ty:ty { $($field:ident $(as $key:literal)? $(= $default:ident)?),* $(,)? }) => {
        impl FromJs for $ty {
            fn from_js(value: &JsValue) -> Option<Self> {
                if !value.is_object() {
                    return None;
                }
                Some(Self { $($field: read_struct!(@member value, $field $(, $key)? $(; $default)?)),* })
            }
        }
    };
    (@member $value:ident, $field:ident) => { FromJs::from_js(&member($value, stringify!($field)))? };
    (@member $value:ident, $field:ident, $key:literal) => { FromJs::from_js(&member($value, $key))? };
    (@member $value:ident, $field:ident; $default:ident) => { or_default($value, stringify!($field))? };
}

/// `impl FromJs` and `impl ToJs` for an enum written as one of its names: one table for both ways.
macro_rules! json_enum {
    ($ty:ty { $($name:literal => $variant:expr),* $(,)? }) => {
        impl FromJs for $ty {
            fn from_js(value: &JsValue) -> Option<Self> {
                match value.as_string()?.as_str() {
                    $($name => Some($variant),)*
                    _ => None,
                }
            }
        }
        impl ToJs for $ty {
            fn to_js(&self) -> JsValue {
                $(if *self == $variant { return JsValue::from_str($name); })*
                JsValue::NULL
            }
        }
    };
}

json_enum!(DeliveryKind {
    "standard" => DeliveryKind::Standard,
    "economy" => DeliveryKind::Economy,
    "time_window" => DeliveryKind::TimeWindow,
    "evening" => DeliveryKind::Evening,
    "saturday" => DeliveryKind::Saturday,
    "same_day" => DeliveryKind::SameDay,
});
json_enum!(PickupKind {
    "pickpost" => PickupKind::PickPost,
    "mypost24" => PickupKind::MyPost24,
    "post_office" => PickupKind::PostOffice,
});
json_enum!(AddressQuality {
    "certified" => AddressQuality::Certified,
    "usable" => AddressQuality::Usable,
    "unusable" => AddressQuality::Unusable,
});
json_enum!(IdentityCheck { "none" => IdentityCheck::None, "checked" => IdentityCheck::Checked });
json_enum!(ShipmentStatus {
    "not_yet_sent" => ShipmentStatus::NotYetSent,
    "on_its_way" => ShipmentStatus::OnItsWay,
    "waiting_for_pickup" => ShipmentStatus::WaitingForPickup,
    "delivered" => ShipmentStatus::Delivered,
    "returned" => ShipmentStatus::Returned,
    "customs" => ShipmentStatus::Customs,
    "not_delivered" => ShipmentStatus::NotDelivered,
    "unknown" => ShipmentStatus::Unknown,
});

read_struct!(Locality { postcode, town, other_name = default });
read_struct!(LocalitiesResponse { localities });
read_struct!(StreetsResponse { streets });
read_struct!(HouseNumbersResponse { house_numbers });
read_struct!(ValidationResult { quality, corrected });
read_struct!(DeliveryOptionsResponse { options });
read_struct!(OpeningDay { weekday, spans });
read_struct!(PickupPoint {
    id,
    kind,
    name,
    street,
    postcode,
    town,
    lat,
    lon,
    distance_m,
    opening_hours = default,
    synthetic = default,
    hours_synthetic = default,
    arrives_on,
    price_centimes,
});
read_struct!(PickupCluster { lat, lon, count, bbox });
read_struct!(PickupPointsResponse { points, clusters, total });
read_struct!(PickupPlace { name, lat, lon, bbox });
read_struct!(PickupPlacesResponse { places });
read_struct!(Problem { kind as "type", title, status, detail, field, manual_entry = default, code });
read_struct!(ShipmentEvent { code, title, at, location = default });
read_struct!(Shipment { ident_code, status, status_title, events, pickup_point });
read_struct!(ReturnOptions { address_line, pickup_dates, max_parcels });
read_struct!(ReturnLabel { ident_code, label });
read_struct!(ReturnConfirmation { order_key, pickup_date, labels });

#[cfg(feature = "connector")]
mod connector {
    use api::connector::{ConnectorSession, ConnectorStatus, SavedAddress, SavedShopper};

    use super::{FromJs, ToJs, member, or_default};
    use wasm_bindgen::JsValue;

    json_enum!(ConnectorStatus {
        "none" => ConnectorStatus::None,
        "pending" => ConnectorStatus::Pending,
        "signed_in" => ConnectorStatus::SignedIn,
        "declined" => ConnectorStatus::Declined,
        "failed" => ConnectorStatus::Failed,
    });
    read_struct!(SavedShopper { first_name, last_name, email });
    read_struct!(SavedAddress { id, nickname = default, first_name = default, last_name = default, home, pickup });
    read_struct!(ConnectorSession { status, shopper, addresses = default });
}

/// A value written as plain JSON-compatible JavaScript (for events, `value()` and request bodies), without
/// serde's serialiser in the wasm.
pub trait ToJs {
    fn to_js(&self) -> JsValue;
    /// Whether an object member of this value is left out (an absent `Option`, as the contract skips it).
    fn omitted(&self) -> bool {
        false
    }
}

impl ToJs for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl ToJs for &str {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl ToJs for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}

macro_rules! write_number {
    ($($ty:ty),*) => {$(
        impl ToJs for $ty {
            fn to_js(&self) -> JsValue {
                JsValue::from_f64(f64::from(*self))
            }
        }
    )*};
}
write_number!(u8, u16, u32, f64);

impl<T: ToJs> ToJs for Option<T> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::NULL, ToJs::to_js)
    }
    fn omitted(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJs> ToJs for Vec<T> {
    fn to_js(&self) -> JsValue {
        self.iter().map(ToJs::to_js).collect::<Array>().into()
    }
}

/// `impl ToJs` for a struct: an object with each member by its name (or the key given); absent `Option`s
/// are left out, as the contract's `skip_serializing_if` does.
macro_rules! write_struct {
    ($ty:ty { $($field:ident $(as $key:literal)?),* $(,)? }) => {
        impl ToJs for $ty {
            fn to_js(&self) -> JsValue {
                // Every field named, so a member added to the contract cannot be left out unnoticed.
                let Self { $($field),* } = self;
                let object = js_sys::Object::new();
                $(
                    if !$field.omitted() {
                        let key = write_struct!(@key $field $(, $key)?);
                        let _ = Reflect::set(&object, &JsValue::from_str(key), &$field.to_js());
                    }
                )*
                object.into()
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident, $key:literal) => { $key };
}

/// `impl FromJs` and `impl ToJs` for a struct read and written alike: one member list for both ways.
macro_rules! json_struct {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        read_struct!($ty { $($field),* });
        write_struct!($ty { $($field),* });
    };
}

json_struct!(AddressInput { postcode, town, street, house_number });
json_struct!(AddressSelection { postcode, town, street, house_number, verified, quality });
json_struct!(DeliveryOption {
    id,
    kind,
    date,
    window_start,
    window_end,
    order_by_date,
    order_by_time,
    product_codes,
    price_centimes
});
json_struct!(PickupUser { id, verified, name2 });
json_struct!(PickupSelection { point_id, kind, name, address, user, product, price_centimes, ready_on });
json_struct!(Selection { address, delivery, pickup });

write_struct!(api::PickupUserRequest { first_name, last_name, email, language, kind });
write_struct!(api::aftersale::ReturnChoice { pickup_date, parcels, language });

impl ToJs for Problem {
    fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
        };
        set("type", self.kind.to_js());
        set("title", self.title.to_js());
        set("status", self.status.to_js());
        for (key, value) in [("detail", &self.detail), ("field", &self.field), ("code", &self.code)] {
            if let Some(value) = value {
                set(key, value.to_js());
            }
        }
        if self.manual_entry {
            set("manual_entry", JsValue::TRUE);
        }
        object.into()
    }
}
