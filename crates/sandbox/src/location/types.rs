//! `GET /Types`: Swiss Post's recorded reply (S10, October 2022) as the live service numbers it today.
//!
//! The tags are not stable: in the 2022 recording the POI types run `T1`…`T12` in the order of their ids
//! (`T5` My Post 24, `T8` post office, `T11` letter box). Clients written since hard-code `T6` for My Post 24,
//! `T9` for post offices and `T12` for letter boxes (the alltheplaces spider, S9; S11): one type has joined
//! the list before My Post 24. No public source names it, so the sandbox leaves its tag, `T5`, unused and
//! numbers the other types as today's clients expect (`T1`…`T4` as recorded, then `T6`…`T13`). Counter and
//! service types keep their recorded tags. `opentmin`/`opentmax` move with the clock: the window of days the
//! service knows opening hours for (15 days in the recording).

use std::collections::BTreeMap;

use swisspost::location::TypesResponse;
use time::Date;

const RECORDED_TYPES_JSON: &str = include_str!("../../data/staocache-types.json");

/// The tag the live service gives today to the POI type at `position` (0-based) of the recorded list.
fn current_tag(position: usize) -> String {
    format!("T{}", if position < 4 { position + 1 } else { position + 2 })
}

/// Days from today whose opening hours the service answers.
pub const OPENING_WINDOW_DAYS: i64 = 15;

/// `priv` / `biz` per POI type: whom the type serves (INFERRED from the type names; S11 names the members
/// without values). Business-only types: the logistics acceptance point and the business self-service counter.
fn audience(type_id: &str) -> (bool, bool) {
    match type_id {
        "001AL" | "001GKSS" => (false, true),
        "001PST" | "001PFST" | "001HS" => (true, true),
        _ => (true, false),
    }
}

/// The recorded reply, re-tagged, with the window of `today`.
pub fn current(today: Date) -> TypesResponse {
    let mut types: TypesResponse = serde_json::from_str(RECORDED_TYPES_JSON).unwrap_or(TypesResponse {
        ok: true,
        info: "Ok".into(),
        time: String::new(),
        opentmin: String::new(),
        opentmax: String::new(),
        flags: BTreeMap::new(),
        count: 0,
        types: Vec::new(),
    });
    for (position, entry) in types.types.iter_mut().filter(|t| t.cat == "PoiType").enumerate() {
        entry.tag = current_tag(position);
        (entry.for_private, entry.for_business) = {
            let (private, business) = audience(&entry.id);
            (Some(private), Some(business))
        };
    }
    date(&mut types, today);
    types.count = types.types.len() as u32;
    types
}

/// Sets the window of days whose opening hours the service answers to start `today`.
pub fn date(types: &mut TypesResponse, today: Date) {
    types.opentmin = swisspost::clock::iso_date(today);
    types.opentmax = swisspost::clock::iso_date(today + time::Duration::days(OPENING_WINDOW_DAYS));
}

/// The tag of a type id in `types`.
pub fn tag_of<'a>(types: &'a TypesResponse, type_id: &str) -> Option<&'a str> {
    types.types.iter().find(|t| t.id == type_id).map(|t| t.tag.as_str())
}

/// The type id of a tag in `types`.
pub fn type_of_tag<'a>(types: &'a TypesResponse, tag: &str) -> Option<&'a str> {
    types.types.iter().find(|t| t.tag == tag).map(|t| t.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use swisspost::location::type_id;

    #[test]
    fn tags_as_todays_clients_hard_code_them() {
        let types = current(time::macros::date!(2026 - 12 - 01));
        assert_eq!(tag_of(&types, type_id::PICKPOST), Some("T1"));
        assert_eq!(tag_of(&types, type_id::MY_POST_24), Some("T6"));
        assert_eq!(tag_of(&types, type_id::POST_OFFICE), Some("T9"));
        assert_eq!(tag_of(&types, type_id::LETTER_BOX), Some("T12"));
        assert_eq!(tag_of(&types, type_id::POSTOMAT), Some("T13"));
        assert_eq!(type_of_tag(&types, "T5"), None, "the unnamed new type's tag stays unused");
        assert_eq!((types.opentmin.as_str(), types.opentmax.as_str()), ("2026-12-01", "2026-12-16"));
        assert_eq!(types.count as usize, types.types.len());
    }
}
