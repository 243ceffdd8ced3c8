//! The address as it posts with the shop's form, described once: each field's name (after the element's
//! `name-prefix`; the names are the contract's, `api::form`), the `autocomplete` token browsers fill it by, and
//! its label. The widget's hidden fields take
//! their names from here; a test writes the description out as `fields.json` beside this file, from which the
//! element's plain fields are made (shown before the wasm runs, and for good where it cannot run): the two
//! never drift.

use super::texts::AddressStrings;

/// One posted address field.
pub struct PostedField {
    pub name: &'static str,
    /// The HTML `autocomplete` token of the plain field.
    pub autocomplete: &'static str,
    /// The plain field's `inputmode` ("" for none).
    pub input_mode: &'static str,
    /// The plain field's `maxlength` (0 for none).
    pub max_length: u32,
    /// The plain field's label in a language.
    pub label: fn(&AddressStrings) -> &'static str,
}

pub const POSTCODE: PostedField = PostedField {
    name: api::form::POSTCODE,
    autocomplete: "postal-code",
    input_mode: "numeric",
    max_length: 4,
    label: |s| s.postcode,
};
pub const TOWN: PostedField = PostedField {
    name: api::form::TOWN,
    autocomplete: "address-level2",
    input_mode: "",
    max_length: 0,
    label: |s| s.town,
};
/// The street without its number, as Swiss Post keeps them apart (`address-line1` is the browser's closest
/// token; the widget moves an autofilled "Street 12" apart, the shop's server may do the same).
pub const STREET: PostedField = PostedField {
    name: api::form::STREET,
    autocomplete: "address-line1",
    input_mode: "",
    max_length: 60,
    label: |s| s.street.label,
};
pub const HOUSE_NUMBER: PostedField = PostedField {
    name: api::form::HOUSE_NUMBER,
    autocomplete: "off",
    input_mode: "",
    max_length: 10,
    label: |s| s.house_number.label,
};

/// The four fields in the order they are shown.
pub const FIELDS: [PostedField; 4] = [POSTCODE, TOWN, STREET, HOUSE_NUMBER];

/// `true` once Swiss Post certified the address; the plain fields post `false`.
pub const VERIFIED: &str = api::form::ADDRESS_VERIFIED;

#[cfg(all(test, not(feature = "fetched-texts")))]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::tests::json_string as quoted;

    fn in_every_language(text: impl Fn(&AddressStrings) -> &'static str) -> String {
        let members: Vec<String> = Lang::ALL
            .iter()
            .map(|lang| format!("{}: {}", quoted(&lang.tag()[..2]), quoted(text(lang.address()))))
            .collect();
        format!("{{ {} }}", members.join(", "))
    }

    /// What `fields.json` holds: the legend and each field, labels in the four languages.
    fn fields_json() -> String {
        let fields: Vec<String> = FIELDS
            .iter()
            .map(|f| {
                format!(
                    "    {{ \"name\": {}, \"autocomplete\": {}, \"inputmode\": {}, \"maxlength\": {}, \"label\": {} }}",
                    quoted(f.name),
                    quoted(f.autocomplete),
                    quoted(f.input_mode),
                    f.max_length,
                    in_every_language(f.label),
                )
            })
            .collect();
        format!(
            "{{\n  \"verified\": {},\n  \"legend\": {},\n  \"fields\": [\n{}\n  ]\n}}\n",
            quoted(VERIFIED),
            in_every_language(|s| s.address_legend),
            fields.join(",\n")
        )
    }

    /// `fields.json` is what this file says: a file that is not is written anew, and the test fails so the
    /// change is seen and committed.
    #[test]
    fn the_fields_file_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/address/fields.json");
        let json = fields_json();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
            std::fs::write(&path, json).expect("fields.json can be written");
            panic!("src/address/fields.json rewritten from fields.rs, to be committed");
        }
    }

    #[test]
    fn every_field_is_labelled_in_every_language() {
        for lang in Lang::ALL {
            for field in &FIELDS {
                assert!(!(field.label)(lang.address()).is_empty(), "{} in {lang:?}", field.name);
            }
        }
    }
}
