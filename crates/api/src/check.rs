//! The rules for what callers may send: one checker per kind of field, shared by the proxy (which answers
//! 400 problem+json naming the field) and the fuzz targets in `fuzz/`. Pure functions on strings, so they
//! cost the widget nothing unless it calls them.

use crate::{ADDRESS_FIELD_MAX_CHARS, LOCALITY_QUERY_MAX_CHARS, MAX_DELIVERY_DAYS};

/// Bound of a house-number query or field ("12a", "3/1", "7-9"); the sandbox, like the proxy, refuses
/// longer house-number queries.
pub const HOUSE_NUMBER_MAX_CHARS: usize = 10;

/// A field the caller got wrong, and why (for people; the widget branches on the field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub why: String,
}

impl FieldError {
    pub fn new(field: &'static str, why: impl Into<String>) -> Self {
        Self { field, why: why.into() }
    }
}

/// A digit or a letter of the Latin script, with or without accents: what Swiss names and numbers are
/// written with ("Zürich", "Genève", "Müstair", "Sta. Maria Val Müstair"), and what Swiss Post can match.
pub fn is_latin_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF))
}

/// Characters a Swiss postcode or place name can contain ("3011", "Biel/Bienne", "St. Gallen",
/// "Chavannes-près-Renens", "Val-d'Illiez").
pub fn is_place_char(c: char) -> bool {
    is_latin_alphanumeric(c) || matches!(c, ' ' | '-' | '.' | '\'' | '’' | '/' | '(' | ')' | ',')
}

/// Characters of a house number ("12", "12a", "12 A", "3/1", "7-9").
pub fn is_house_number_char(c: char) -> bool {
    is_latin_alphanumeric(c) || matches!(c, ' ' | '-' | '/' | '.')
}

/// A text field: trimmed; not blank when `required`; at most `max` characters; only `allowed` ones.
pub fn text(
    value: Option<&str>,
    field: &'static str,
    required: bool,
    max: usize,
    allowed: fn(char) -> bool,
) -> Result<String, FieldError> {
    let value = value.map(str::trim).unwrap_or("");
    if required && value.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(field, format!("is longer than {max} characters")));
    }
    if !value.chars().all(allowed) {
        return Err(FieldError::new(field, "contains characters that do not belong in it"));
    }
    // Punctuation alone ("-", "..") matches nothing and the upstream refuses it.
    if !value.is_empty() && !value.chars().any(is_latin_alphanumeric) {
        return Err(FieldError::new(field, "must contain a letter or a digit"));
    }
    Ok(value.to_owned())
}

/// A Swiss or Liechtenstein postcode: four digits.
pub fn postcode(value: Option<&str>, field: &'static str) -> Result<String, FieldError> {
    let value = value.map(str::trim).unwrap_or("");
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(field, "must be a four-digit postcode"))
    }
}

/// The `q` of a locality lookup: the beginning of a postcode or a place name.
pub fn locality_query(value: Option<&str>) -> Result<String, FieldError> {
    text(value, "q", true, LOCALITY_QUERY_MAX_CHARS, is_place_char)
}

/// A street name, or the beginning of one.
pub fn street(value: Option<&str>, field: &'static str, required: bool) -> Result<String, FieldError> {
    text(value, field, required, ADDRESS_FIELD_MAX_CHARS, is_place_char)
}

/// A town name.
pub fn town(value: Option<&str>, field: &'static str) -> Result<String, FieldError> {
    text(value, field, true, ADDRESS_FIELD_MAX_CHARS, is_place_char)
}

/// A house number, or the beginning of one; may be empty.
pub fn house_number(value: Option<&str>, field: &'static str) -> Result<String, FieldError> {
    text(value, field, false, HOUSE_NUMBER_MAX_CHARS, is_house_number_char)
}

/// How many days of delivery options: 1 to [`MAX_DELIVERY_DAYS`]; absent means the proxy's default.
pub fn delivery_days(value: Option<&str>) -> Result<Option<u8>, FieldError> {
    match value {
        None => Ok(None),
        Some(days) => days
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|d| (1..=MAX_DELIVERY_DAYS).contains(d))
            .map(Some)
            .ok_or_else(|| FieldError::new("days", format!("must be a number from 1 to {MAX_DELIVERY_DAYS}"))),
    }
}

/// Every field of an address the shopper entered, checked; the first wrong one is named.
pub fn address(input: &crate::AddressInput, street_required: bool) -> Result<crate::AddressInput, FieldError> {
    Ok(crate::AddressInput {
        postcode: postcode(Some(&input.postcode), "postcode")?,
        town: town(Some(&input.town), "town")?,
        street: street(Some(&input.street), "street", street_required)?,
        house_number: house_number(Some(&input.house_number), "house_number")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_postcodes_and_place_names() {
        for q in
            ["301", "zuri", "Biel/Bienne", "St. Gallen", "Val-d'Illiez", "3011 Bern", "Genève", "Sta. Maria", "Ftan"]
        {
            assert_eq!(locality_query(Some(q)).unwrap(), q);
        }
    }

    #[test]
    fn refuses_missing_blank_long_and_strange_input_naming_the_field() {
        for bad in [None, Some("  "), Some(&*"a".repeat(41)), Some("<script>"), Some("\u{0}"), Some("."), Some("𓼷")]
        {
            assert_eq!(locality_query(bad).unwrap_err().field, "q");
        }
        assert_eq!(postcode(Some("30111"), "postcode").unwrap_err().field, "postcode");
        assert_eq!(postcode(Some("３０１１"), "postcode").unwrap_err().field, "postcode");
        assert_eq!(delivery_days(Some("15")).unwrap_err().field, "days");
        assert_eq!(delivery_days(Some("0")).unwrap_err().field, "days");
        assert_eq!(delivery_days(Some(" 7 ")), Ok(Some(7)));
    }

    #[test]
    fn an_accepted_value_is_trimmed_bounded_and_made_of_allowed_characters() {
        let value = text(Some("  Bahnhofstrasse  "), "street", true, 60, is_place_char).unwrap();
        assert_eq!(value, "Bahnhofstrasse");
    }
}
