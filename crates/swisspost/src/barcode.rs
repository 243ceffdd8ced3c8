//! The barcode module (§6): `POST /barcode/v1/generateAddressLabel`, one label per request.
//!
//! Requests are read leniently where the recordings show real clients sending other types than the schema
//! (`imageResolution` as a string, `weight` as `0.0`, `domicilePostOffice` as `false`), and written the way
//! the schema says. Optional fields that a client leaves out are not sent.

use serde::{Deserialize, Deserializer, Serialize};

/// Path below the DCAPI base URL (§6.1).
pub const GENERATE_ADDRESS_LABEL: &str = "/barcode/v1/generateAddressLabel";

/// A string, number or boolean as text; `false` and `null` as nothing (`"domicilePostOffice": false`).
fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Text(String),
        Number(f64),
        Flag(bool),
    }
    Ok(match Option::<Loose>::deserialize(deserializer)? {
        Some(Loose::Text(text)) => Some(text),
        Some(Loose::Number(n)) => Some(n.to_string()),
        Some(Loose::Flag(true)) => Some("true".into()),
        Some(Loose::Flag(false)) | None => None,
    })
}

/// An integer given as a number or as a string (`"imageResolution": "600"`, confirmed to be accepted).
fn lenient_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Number(u32),
        Text(String),
    }
    match Option::<Loose>::deserialize(deserializer)? {
        Some(Loose::Number(n)) => Ok(Some(n)),
        Some(Loose::Text(text)) => {
            text.trim().parse().map(Some).map_err(|_| serde::de::Error::custom("must be a whole number"))
        }
        None => Ok(None),
    }
}

/// `GenerateLabel` (§6.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateLabel {
    /// `DE`, `FR`, `IT` or `EN`: the language of the messages.
    pub language: String,
    /// 4 to 8 digits. A recorded request without it got a label (the account's licence): optional here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub franking_license: Option<String>,
    #[serde(default)]
    pub pp_franking: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_system: Option<String>,
    #[serde(rename = "sendingID", default, skip_serializing_if = "Option::is_none")]
    pub sending_id: Option<String>,
    pub customer: LabelCustomer,
    pub label_definition: LabelDefinition,
    pub item: LabelItem,
}

/// The sender (§6.3 `customer`). Unknown properties (`houseNo`, `email`, `phone`) are refused by the
/// service with an empty-body 400; the house number goes into `street`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelCustomer {
    pub name1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name2: Option<String>,
    pub street: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pobox: Option<String>,
    pub zip: String,
    pub city: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "lenient_text", skip_serializing_if = "Option::is_none")]
    pub domicile_post_office: Option<String>,
}

/// The properties `customer` may have; any other makes the service answer an empty 400.
pub const CUSTOMER_PROPERTIES: [&str; 14] = [
    "name1",
    "name2",
    "street",
    "pobox",
    "zip",
    "city",
    "country",
    "domicilePostOffice",
    "logo",
    "logoFormat",
    "logoRotation",
    "logoAspectRatio",
    "logoHorizontalAlign",
    "logoVerticalAlign",
];

/// `labelDefinition` (§6.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelDefinition {
    /// `A5`, `A6`, `A7` or `FE`.
    pub label_layout: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_addresses: Option<String>,
    /// `PDF`, `sPDF`, `PNG`, `GIF`, `JPG`, `EPS`, `ZPL2`; echoed lower-case.
    pub image_file_type: String,
    /// 200, 300 or 600.
    #[serde(default, deserialize_with = "lenient_u32", skip_serializing_if = "Option::is_none")]
    pub image_resolution: Option<u32>,
    #[serde(default)]
    pub print_preview: bool,
}

/// `item` (§6.3): one object, not an array.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelItem {
    #[serde(rename = "itemID", default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_text", skip_serializing_if = "Option::is_none")]
    pub item_number: Option<String>,
    /// Not allowed for external callers: ignored, with a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ident_code: Option<String>,
    #[serde(default)]
    pub recipient: Option<LabelRecipient>,
    #[serde(default)]
    pub attributes: LabelAttributes,
}

/// `item.recipient` (§6.3); the limits are the service's (35 characters, house number 10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelRecipient {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personally_addressed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name1: Option<String>,
    /// "PickPost 12345678" / "MyPost24 12345678" for a pickup point (§4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_suffix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pobox: Option<String>,
    #[serde(default, deserialize_with = "lenient_text", skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_address: Option<LabelAddress>,
}

/// `labelAddress`: 2 to 5 lines of at most 35 characters printed instead of the fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelAddress {
    pub label_line: Vec<String>,
}

/// `item.attributes` (§6.3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelAttributes {
    /// Service codes (§5.3): a base product and additional services.
    #[serde(default)]
    pub przl: Vec<String>,
    /// Grams; real clients send `0` or `0.0` and get a label with a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unnumbers: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pro_clima: Option<bool>,
}

/// `labelDefinition` as the answer echoes it (§6.4): `imageFileType` lower-case, `colorPrintRequired` added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelDefinitionEcho {
    pub label_layout: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_addresses: Option<String>,
    pub image_file_type: String,
    pub image_resolution: u32,
    pub print_preview: bool,
    pub color_print_required: bool,
}

/// A business error or warning (§6.5): `E2001`, `W2012`….
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelMessage {
    pub code: String,
    pub message: String,
}

/// `GenerateLabelResponse` (§6.4): a label, or (still HTTP 200) errors and no label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateLabelResponse {
    pub label_definition: LabelDefinitionEcho,
    #[serde(rename = "sendingID", default, skip_serializing_if = "Option::is_none")]
    pub sending_id: Option<String>,
    pub item: LabelItemResponse,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelItemResponse {
    #[serde(rename = "itemID", default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ident_code: Option<String>,
    /// Base64 label images; one element in every recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<LabelMessage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<LabelMessage>>,
}

/// One entry of a 400 answer's `ValidationError[]` (§6.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(suffix: &str) -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/oca-delivery-carrier");
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let path = e.ok()?.path();
                let name = path.file_name()?.to_str()?.to_owned();
                name.ends_with(suffix).then(|| (name, std::fs::read_to_string(&path).unwrap()))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn every_recorded_request_reads_with_its_loose_types() {
        let requests = recorded("generateAddressLabel.request.json");
        assert_eq!(requests.len(), 5);
        for (name, body) in requests {
            let request: GenerateLabel = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(request.label_definition.image_resolution, Some(600), "{name}: \"600\" as a string");
            assert_eq!(request.customer.domicile_post_office, None, "{name}: false or null");
            assert_eq!(request.item.attributes.weight, Some(0.0), "{name}");
            assert!(request.item.attributes.przl.contains(&"PRI".to_owned()));
        }
    }

    #[test]
    fn every_recorded_answer_reads() {
        for (name, body) in recorded("generateAddressLabel.response.json") {
            let answer: GenerateLabelResponse = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(answer.label_definition.image_file_type, "pdf");
            assert!(answer.label_definition.color_print_required);
            let ident = answer.item.ident_code.unwrap();
            assert!(ident.starts_with("9960013217") && ident.len() == 18, "{name}: {ident}");
            assert_eq!(answer.item.label.map(|l| l.len()), Some(1));
        }
    }
}
