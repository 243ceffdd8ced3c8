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

/// A bounding box "minLon,minLat,maxLon,maxLat" in WGS84 degrees, min below max.
pub fn bbox(value: Option<&str>) -> Result<[f64; 4], FieldError> {
    let wrong = || FieldError::new("bbox", "must be minLon,minLat,maxLon,maxLat in degrees, min below max");
    let value = value.map(str::trim).filter(|v| !v.is_empty() && v.len() <= 100).ok_or_else(wrong)?;
    let mut numbers = [0.0_f64; 4];
    let mut parts = value.split(',');
    for slot in &mut numbers {
        *slot = parts.next().and_then(|p| p.trim().parse::<f64>().ok()).filter(|n| n.is_finite()).ok_or_else(wrong)?;
    }
    let [min_lon, min_lat, max_lon, max_lat] = numbers;
    let lon_ok = (-180.0..=180.0).contains(&min_lon) && (-180.0..=180.0).contains(&max_lon);
    let lat_ok = (-90.0..=90.0).contains(&min_lat) && (-90.0..=90.0).contains(&max_lat);
    if parts.next().is_some() || !lon_ok || !lat_ok || min_lon >= max_lon || min_lat >= max_lat {
        return Err(wrong());
    }
    Ok(numbers)
}

/// A position "lat,lon" in WGS84 degrees; absent is fine.
pub fn position(value: Option<&str>, field: &'static str) -> Result<Option<(f64, f64)>, FieldError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let wrong = || FieldError::new(field, "must be lat,lon in degrees");
    let (lat, lon) = value.split_once(',').ok_or_else(wrong)?;
    let lat = lat.trim().parse::<f64>().ok().filter(|l| (-90.0..=90.0).contains(l)).ok_or_else(wrong)?;
    let lon = lon.trim().parse::<f64>().ok().filter(|l| (-180.0..=180.0).contains(l)).ok_or_else(wrong)?;
    Ok(Some((lat, lon)))
}

/// Pickup kinds "pickpost,mypost24,post_office"; absent or empty means all three.
pub fn pickup_kinds(value: Option<&str>) -> Result<Vec<crate::PickupKind>, FieldError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(crate::PickupKind::ALL.to_vec());
    };
    let mut kinds = Vec::new();
    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let kind = crate::PickupKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| FieldError::new("types", "must list pickpost, mypost24 or post_office"))?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

/// A language of Swiss Post's texts: `de` (also when absent or empty), `fr`, `it` or `en`; else a 400 naming
/// `field`.
pub fn language(value: Option<&str>, field: &'static str) -> Result<&'static str, FieldError> {
    match value.map(str::trim).unwrap_or("") {
        "" | "de" => Ok("de"),
        "fr" => Ok("fr"),
        "it" => Ok("it"),
        "en" => Ok("en"),
        _ => Err(FieldError::new(field, "must be de, fr, it or en")),
    }
}

/// A Swiss Post identcode: its 18 digits (surrounding spaces ignored).
pub fn ident_code(value: &str, field: &'static str) -> Result<String, FieldError> {
    let value = value.trim();
    if value.len() == 18 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new(field, "must be the 18 digits of a Swiss Post identcode"))
    }
}

/// The product a parcel travels with to a pickup point: `standard` (also when absent) or `economy`.
pub fn pickup_product(value: Option<&str>) -> Result<crate::DeliveryKind, FieldError> {
    match value.map(str::trim).unwrap_or("") {
        "" | "standard" => Ok(crate::DeliveryKind::Standard),
        "economy" => Ok(crate::DeliveryKind::Economy),
        _ => Err(FieldError::new("product", "must be standard or economy")),
    }
}

/// A person's first or last name: letters of any script, spaces, hyphens, apostrophes and dots.
pub fn person_name(value: &str, field: &'static str) -> Result<String, FieldError> {
    let value = value.trim();
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.');
    if value.is_empty() || value.chars().count() > 60 || !value.chars().all(allowed) {
        return Err(FieldError::new(field, "must be a name of 1 to 60 letters"));
    }
    Ok(value.to_owned())
}

/// An e-mail address: one `@` with something on both sides and a dot in the domain, no spaces.
pub fn email(value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    let wrong = || FieldError::new("email", "must be an e-mail address");
    let (local, domain) = value.split_once('@').ok_or_else(wrong)?;
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && c != '@' && c != '<' && c != '>';
    if value.chars().count() > 120
        || local.is_empty()
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || !value.chars().filter(|c| *c != '@').all(plain)
        || value.matches('@').count() != 1
    {
        return Err(wrong());
    }
    Ok(value.to_owned())
}

/// A checkout's own id (the connector's `checkout`): 8 to 64 letters, digits, `-` or `_`.
pub fn checkout_id(value: Option<&str>) -> Result<String, FieldError> {
    let value = value.unwrap_or("").trim();
    let fits =
        (8..=64).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fits {
        Ok(value.to_owned())
    } else {
        Err(FieldError::new("checkout", "must be 8 to 64 letters, digits, - or _"))
    }
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
    fn boxes_positions_kinds_names_and_emails() {
        assert_eq!(bbox(Some("9.3,47.4,9.45,47.45")), Ok([9.3, 47.4, 9.45, 47.45]));
        for bad in [
            None,
            Some(""),
            Some("1,2,3"),
            Some("9.4,47,9.3,48"),
            Some("1,2,3,4,5"),
            Some("NaN,1,2,3"),
            Some("0,95,1,96"),
        ] {
            assert_eq!(bbox(bad).unwrap_err().field, "bbox", "{bad:?}");
        }
        assert_eq!(position(Some("47.42,9.37"), "near"), Ok(Some((47.42, 9.37))));
        assert_eq!(position(None, "near"), Ok(None));
        assert_eq!(position(Some("91,0"), "near").unwrap_err().field, "near");
        assert_eq!(pickup_kinds(None).unwrap().len(), 3);
        assert_eq!(pickup_kinds(Some("mypost24,mypost24")), Ok(vec![crate::PickupKind::MyPost24]));
        assert_eq!(pickup_kinds(Some("lockers")).unwrap_err().field, "types");
        assert_eq!(person_name(" Zoë ", "first_name"), Ok("Zoë".into()));
        assert!(person_name("<b>", "first_name").is_err());
        assert_eq!(email("anna@example.ch"), Ok("anna@example.ch".into()));
        for bad in ["anna", "a@b", "a @b.ch", "a@b@c.ch", "@b.ch", "a@.ch"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_accepted_value_is_trimmed_bounded_and_made_of_allowed_characters() {
        let value = text(Some("  Bahnhofstrasse  "), "street", true, 60, is_place_char).unwrap();
        assert_eq!(value, "Bahnhofstrasse");
    }
}
