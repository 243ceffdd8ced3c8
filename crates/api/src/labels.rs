//! `POST /server/v1/labels`: the selection the checkout posted becomes a Swiss Post parcel label, in one call
//! from the shop's server (server key, never a browser).

use serde::{Deserialize, Serialize};

use crate::Selection;

/// `POST /server/v1/labels` with a [`LabelRequest`]; answers a [`LabelResponse`], or the label's bytes when
/// `Accept` asks for the format's media type. An `Idempotency-Key` header makes a repeated request return
/// the same label instead of a second one.
pub const LABELS_PATH: &str = "/server/v1/labels";

/// The header that makes a label request idempotent.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// The header of a raw-bytes answer that carries the identcode.
pub const IDENT_CODE_HEADER: &str = "x-swiss-post-ident-code";

/// "99.60.013217.00016917": an 18-digit identcode as a label prints it; anything else as it is.
pub fn dotted_ident_code(ident: &str) -> String {
    if ident.len() != 18 || !ident.bytes().all(|b| b.is_ascii_digit()) {
        return ident.to_owned();
    }
    format!("{}.{}.{}.{}", &ident[..2], &ident[2..4], &ident[4..10], &ident[10..])
}

/// What the shop's server sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelRequest {
    /// The selection as the checkout posted it (`swiss-checkout` form fields or the element's `value`).
    pub selection: Selection,
    pub recipient: LabelRecipient,
    pub parcel: Parcel,
    /// `pdf`, `png` or `zpl2`.
    pub format: LabelFormat,
    /// `a5`, `a6` (the default) or `a7`.
    #[serde(default)]
    pub layout: LabelLayout,
    /// 200, 300 (the default) or 600 dots per inch, for `png` and `zpl2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpi: Option<u32>,
    /// "SPECIMEN" across the label: Swiss Post's advice when testing with production credentials. Always
    /// on in sandbox mode.
    #[serde(default)]
    pub print_preview: bool,
    /// The language of Swiss Post's messages: `de` (the default), `fr`, `it`, `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Who receives the parcel. Names in Latin script; letters a label cannot print are written the Swiss way
/// (ß → ss, ø → o, Ł → L…), other scripts are refused with the field named.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelRecipient {
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

// Personal data: never in a log line.
impl std::fmt::Debug for LabelRecipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabelRecipient").finish_non_exhaustive()
    }
}

/// The parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parcel {
    /// 1 to 99 999 grams.
    pub weight_grams: u32,
    /// The shop's reference, printed nowhere but echoed by Swiss Post: up to 200 of `A–Z a–z 0–9 _ - +`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ExtraService>,
}

/// Additional services on top of the delivery the shopper chose (POST-API.md §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExtraService {
    /// `SI`: delivered against signature.
    Signature,
    /// `FRA`: fragile.
    Fragile,
    /// `RMP`: handed to the recipient in person (home delivery only).
    PersonalDelivery,
}

impl ExtraService {
    /// Swiss Post's service code.
    pub fn code(self) -> &'static str {
        match self {
            ExtraService::Signature => "SI",
            ExtraService::Fragile => "FRA",
            ExtraService::PersonalDelivery => "RMP",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum LabelFormat {
    Pdf,
    Png,
    Zpl2,
}

impl LabelFormat {
    /// The media type of the label's bytes.
    pub fn media_type(self) -> &'static str {
        match self {
            LabelFormat::Pdf => "application/pdf",
            LabelFormat::Png => "image/png",
            LabelFormat::Zpl2 => "application/zpl",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum LabelLayout {
    A5,
    #[default]
    A6,
    A7,
}

/// A warning Swiss Post gave with the label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelWarning {
    /// Swiss Post's code, e.g. `W2012`.
    pub code: String,
    pub message: String,
}

/// The label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelResponse {
    /// The 18-digit identcode: what the barcode carries and tracking follows.
    pub ident_code: String,
    /// `application/pdf`, `image/png` or `application/zpl`.
    pub media_type: String,
    /// The label's bytes, base64.
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<LabelWarning>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_identcode_is_printed_dotted() {
        assert_eq!(super::dotted_ident_code("996001321700016917"), "99.60.013217.00016917");
        assert_eq!(super::dotted_ident_code("123"), "123");
        assert_eq!(super::dotted_ident_code("ééééééééé"), "ééééééééé", "18 bytes, not 18 digits");
    }
}
