//! The address part: where the parcel goes. For now the postcode/locality field; street and house
//! number follow the same combobox.

mod locality;

pub use locality::LocalityField;
