//! Query strings as the proxy reads them (`serde_urlencoded` pairs), through every field checker of
//! `api::check`: never a panic, and what is accepted keeps the promises the upstream relies on.
#![no_main]

use api::check;
use libfuzzer_sys::fuzz_target;

fn accepted(value: &str, max: usize, allowed: fn(char) -> bool) {
    assert_eq!(value, value.trim(), "accepted values are trimmed");
    assert!(value.chars().count() <= max, "accepted values are bounded");
    assert!(value.chars().all(allowed), "accepted values hold only allowed characters");
    assert!(value.is_empty() || value.chars().any(check::is_latin_alphanumeric), "a letter or digit");
}

fuzz_target!(|query: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(query) else { return };
    for (_, value) in &pairs {
        let value = Some(value.as_str());
        if let Ok(q) = check::locality_query(value) {
            accepted(&q, api::LOCALITY_QUERY_MAX_CHARS, check::is_place_char);
            assert!(!q.is_empty());
        }
        if let Ok(street) = check::street(value, "street", false) {
            accepted(&street, api::ADDRESS_FIELD_MAX_CHARS, check::is_place_char);
        }
        if let Ok(town) = check::town(value, "town") {
            accepted(&town, api::ADDRESS_FIELD_MAX_CHARS, check::is_place_char);
        }
        if let Ok(number) = check::house_number(value, "house_number") {
            accepted(&number, check::HOUSE_NUMBER_MAX_CHARS, check::is_house_number_char);
        }
        if let Ok(postcode) = check::postcode(value, "postcode") {
            assert!(postcode.len() == 4 && postcode.bytes().all(|b| b.is_ascii_digit()));
        }
        if let Ok(Some(days)) = check::delivery_days(value) {
            assert!((1..=api::MAX_DELIVERY_DAYS).contains(&days));
        }
    }
});
