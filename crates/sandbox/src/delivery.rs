//! The delivery module (POST-API.md §5): which products can reach an address on which day, and by when
//! the item must be handed in.
//!
//! The sandbox's rules, written down here and in the README (Swiss Post's real ones are richer):
//! - A day is `SUNDAY`, `HOLIDAY` (see `holidays.rs`) or `WORK`; Saturdays are `WORK`, as recorded.
//! - Working days for hand-in are Monday to Friday except holidays.
//! - `PRI` (PostPac Priority) arrives the working day after hand-in; `ECO` (Economy) two working days
//!   after; on Saturday only `PRI,SA`, handed in the working day before.
//! - In the larger urban areas ([`URBAN_AREAS`]) also the daytime windows `ZFZ0912`, `ZFZ1114`,
//!   `ZFZ1217` and the evening windows `ZF17301900`, `ZF18302000`, `ZF19302100`, each with `PRI` and
//!   handed in the working day before.
//! - In a few cities ([`SAME_DAY_CITIES`]) same-day delivery on working days: `SKB` (handed in by 12:00)
//!   and `DIR` (handed in by 14:00), with `dropOffInfo`.
//! - An address whose postcode the sandbox does not know is a 404 ("cannot place it").

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use serde_json::Value;
use swisspost::{
    Activity, DeliverabilitiesResponse, Deliverability, DeliveryDay, DropOffInfo, HolidayEntry, clock, scope,
};
use time::{Date, Duration, Weekday};

use crate::SharedState;
use crate::address::Failure;
use crate::holidays::{holiday_on, holidays};

/// Postcode ranges (inclusive) of the larger urban areas with daytime and evening windows:
/// Zürich, Winterthur, Bern, Basel, Genève, Lausanne, Luzern, St. Gallen, Lugano, Biel/Bienne.
pub const URBAN_AREAS: &[(u16, u16)] = &[
    (8001, 8099),
    (8400, 8411),
    (3000, 3030),
    (4000, 4059),
    (1200, 1209),
    (1000, 1018),
    (6000, 6015),
    (9000, 9016),
    (6900, 6917),
    (2500, 2505),
];

/// Postcode ranges with same-day delivery: Zürich, Bern, Basel, Genève, Lausanne.
pub const SAME_DAY_CITIES: &[(u16, u16)] = &[(8001, 8099), (3000, 3030), (4000, 4059), (1200, 1209), (1000, 1018)];

const DAYTIME_WINDOWS: [&str; 3] = ["ZFZ0912", "ZFZ1114", "ZFZ1217"];
const EVENING_WINDOWS: [&str; 3] = ["ZF17301900", "ZF18302000", "ZF19302100"];

/// The longest range of days one request may ask for.
pub const MAX_DAY_COUNT: i64 = 60;

/// Whether `zip` is in one of `ranges` (inclusive).
pub fn in_ranges(zip: &str, ranges: &[(u16, u16)]) -> bool {
    zip.parse::<u16>().is_ok_and(|z| ranges.iter().any(|&(from, to)| (from..=to).contains(&z)))
}

pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && holiday_on(date).is_none()
}

/// The last working day before `date`.
fn working_day_before(date: Date) -> Date {
    let mut day = date - Duration::days(1);
    while !is_working_day(day) {
        day -= Duration::days(1);
    }
    day
}

fn iso(date: Date) -> String {
    clock::iso_date(date)
}

/// What can be delivered to `zip` on `date`.
pub fn delivery_day(zip: &str, date: Date) -> DeliveryDay {
    let activity = if date.weekday() == Weekday::Sunday {
        Activity::Sunday
    } else if holiday_on(date).is_some() {
        Activity::Holiday
    } else {
        Activity::Work
    };
    let product = |incoming: Date, code: &str| Deliverability {
        incoming_date: iso(incoming),
        product_code: code.to_owned(),
        drop_off_info: None,
    };
    let mut deliverabilities = Vec::new();
    if activity == Activity::Work {
        let day_before = working_day_before(date);
        if date.weekday() == Weekday::Saturday {
            deliverabilities.push(product(day_before, "PRI,SA"));
        } else {
            deliverabilities.push(product(day_before, "PRI"));
            deliverabilities.push(product(working_day_before(day_before), "ECO"));
            if in_ranges(zip, URBAN_AREAS) {
                for window in DAYTIME_WINDOWS.iter().chain(&EVENING_WINDOWS) {
                    deliverabilities.push(product(day_before, &format!("{window},PRI")));
                }
            }
            if in_ranges(zip, SAME_DAY_CITIES) {
                for (code, deadline) in [("SKB", "12:00"), ("DIR", "14:00")] {
                    deliverabilities.push(Deliverability {
                        drop_off_info: Some(DropOffInfo { drop_off_point: None, last_drop_off_time: deadline.into() }),
                        ..product(date, code)
                    });
                }
            }
        }
    }
    DeliveryDay { delivery_date: iso(date), deliverabilities, activity }
}

fn bad(field: &str, why: &str) -> Failure {
    Failure::bad_parameter(field, why)
}

fn parse_date(text: &str, field: &str) -> Result<Date, Failure> {
    clock::parse_iso_date(text).ok_or_else(|| bad(field, "must be a date like 2026-12-24"))
}

/// The request, whichever way it came.
struct When {
    zip: String,
    city: Option<String>,
    dates: Vec<Date>,
}

fn days_from(first: Option<Date>, count: Option<i64>) -> Result<Vec<Date>, Failure> {
    let first = first.unwrap_or_else(|| clock::zurich_now().date());
    let count = count.unwrap_or(14);
    if !(1..=MAX_DAY_COUNT).contains(&count) {
        return Err(bad("dayCount", "must be between 1 and 60"));
    }
    Ok((0..count).map(|i| first + Duration::days(i)).collect())
}

fn answer(state: &SharedState, when: When) -> Result<Json<DeliverabilitiesResponse>, Failure> {
    if when.zip.len() != 4 || !when.zip.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("address.geographicLocation.zip.zip", "must be a four-digit postcode"));
    }
    let city = when.city.as_deref().map(swisspost::matching::canonical).unwrap_or_default();
    let known = state
        .data
        .localities_with_zip(&when.zip)
        .any(|l| city.is_empty() || swisspost::matching::canonical(&l.city) == city);
    if !known {
        return Err(Failure::not_found());
    }
    let days = when.dates.into_iter().map(|date| delivery_day(&when.zip, date)).collect();
    Ok(Json(DeliverabilitiesResponse {
        days,
        quality: Some("RELIABLE".into()),
        delivery_to_the_door: Some("AVAILABLE".into()),
    }))
}

/// `GET /api/delivery/v1/deliverabilities/when?address.geographicLocation.zip.zip=…&dayCount=…`.
pub async fn when_get(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Json<DeliverabilitiesResponse>, Failure> {
    state.tokens.check(&headers, scope::DELIVERY)?;
    let pairs: Vec<(String, String)> =
        raw.as_deref().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let delivery_dates = pairs
        .iter()
        .filter(|(k, _)| k == "deliveryDates")
        .map(|(_, v)| parse_date(v, "deliveryDates"))
        .collect::<Result<Vec<_>, _>>()?;
    let dates = if delivery_dates.is_empty() {
        let first = get("date").map(|d| parse_date(d, "date")).transpose()?;
        let count = get("dayCount")
            .map(|c| c.trim().parse::<i64>().map_err(|_| bad("dayCount", "must be a number")))
            .transpose()?;
        days_from(first, count)?
    } else {
        delivery_dates
    };
    let zip = get("address.geographicLocation.zip.zip").unwrap_or("").trim().to_owned();
    let city = get("address.geographicLocation.zip.city").map(str::to_owned);
    answer(&state, When { zip, city, dates })
}

/// A JSON value that may be a string or a number (the documented POST example sends `"zip": 6959`).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `POST /api/delivery/v1/deliverabilities/when` with `{"address":{…},"deliveryDates":[…]}`.
pub async fn when_post(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<DeliverabilitiesResponse>, Failure> {
    state.tokens.check(&headers, scope::DELIVERY)?;
    let body: Value = serde_json::from_slice(&body).map_err(|_| bad("body", "is not JSON"))?;
    let zip_node = &body["address"]["geographicLocation"]["zip"];
    let zip = text(&zip_node["zip"]).unwrap_or_default();
    let city = text(&zip_node["city"]);
    let dates = match body.get("deliveryDates") {
        Some(Value::Array(list)) if !list.is_empty() => list
            .iter()
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| bad("deliveryDates", "must be dates"))
                    .and_then(|d| parse_date(d, "deliveryDates"))
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => {
            let first = body.get("date").and_then(Value::as_str).map(|d| parse_date(d, "date")).transpose()?;
            let count = match body.get("dayCount") {
                None | Some(Value::Null) => None,
                Some(v) => Some(v.as_i64().ok_or_else(|| bad("dayCount", "must be a number"))?),
            };
            days_from(first, count)?
        }
    };
    answer(&state, When { zip, city, dates })
}

/// `GET /api/delivery/v1/options/holidays[?year=2026]`: this year's and next year's holidays by default.
pub async fn holidays_get(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<HolidayEntry>>, Failure> {
    state.tokens.check(&headers, scope::DELIVERY)?;
    let pairs: Vec<(String, String)> =
        raw.as_deref().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let years = match pairs.iter().find(|(k, _)| k == "year") {
        Some((_, year)) => {
            let year: i32 = year.trim().parse().map_err(|_| bad("year", "must be a year"))?;
            if !(1900..=2200).contains(&year) {
                return Err(bad("year", "must be between 1900 and 2200"));
            }
            vec![year]
        }
        None => {
            let this = clock::zurich_now().year();
            vec![this, this + 1]
        }
    };
    let entries = years
        .into_iter()
        .flat_map(holidays)
        .map(|(date, holiday)| HolidayEntry { date: iso(date), name: holiday.names() })
        .collect();
    Ok(Json(entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn codes(day: &DeliveryDay) -> Vec<&str> {
        day.deliverabilities.iter().map(|d| d.product_code.as_str()).collect()
    }

    #[test]
    fn priority_next_working_day_economy_two_days_saturday_only_sa() {
        // Tuesday 8 December 2026.
        let tuesday = delivery_day("6500", date!(2026 - 12 - 08));
        assert_eq!(tuesday.activity, Activity::Work);
        assert_eq!(codes(&tuesday), ["PRI", "ECO"], "Bellinzona is not in an urban window area");
        assert_eq!(tuesday.deliverabilities[0].incoming_date, "2026-12-07");
        assert_eq!(tuesday.deliverabilities[1].incoming_date, "2026-12-04", "two working days: Friday");
        let saturday = delivery_day("6500", date!(2026 - 12 - 12));
        assert_eq!(codes(&saturday), ["PRI,SA"]);
        assert_eq!(saturday.deliverabilities[0].incoming_date, "2026-12-11");
        let sunday = delivery_day("6500", date!(2026 - 12 - 13));
        assert_eq!((sunday.activity, sunday.deliverabilities.len()), (Activity::Sunday, 0));
    }

    #[test]
    fn holidays_deliver_nothing_and_are_skipped_for_hand_in() {
        let christmas = delivery_day("3011", date!(2026 - 12 - 25));
        assert_eq!((christmas.activity, christmas.deliverabilities.len()), (Activity::Holiday, 0));
        // Monday 28 December: 25 and 26 are holidays, 26/27 a weekend: hand-in Thursday 24th.
        let monday = delivery_day("6500", date!(2026 - 12 - 28));
        assert_eq!(monday.deliverabilities[0].incoming_date, "2026-12-24");
        assert_eq!(monday.deliverabilities[1].incoming_date, "2026-12-23");
    }

    #[test]
    fn windows_only_in_urban_areas_same_day_only_in_a_few_cities() {
        let bern = delivery_day("3011", date!(2026 - 12 - 08));
        let bern_codes = codes(&bern);
        for code in ["ZFZ0912,PRI", "ZFZ1114,PRI", "ZFZ1217,PRI", "ZF17301900,PRI", "ZF18302000,PRI", "ZF19302100,PRI"]
        {
            assert!(bern_codes.contains(&code), "{code}");
        }
        let same_day = bern.deliverabilities.iter().find(|d| d.product_code == "SKB").unwrap();
        assert_eq!(same_day.incoming_date, "2026-12-08");
        assert_eq!(same_day.drop_off_info.as_ref().map(|i| i.last_drop_off_time.as_str()), Some("12:00"));

        let st_gallen_day = delivery_day("9000", date!(2026 - 12 - 08));
        let st_gallen = codes(&st_gallen_day);
        assert!(st_gallen.contains(&"ZF18302000,PRI") && !st_gallen.contains(&"SKB"));
        assert_eq!(codes(&delivery_day("3863", date!(2026 - 12 - 08))), ["PRI", "ECO"]);
        assert_eq!(codes(&delivery_day("3011", date!(2026 - 12 - 12))), ["PRI,SA"]);
    }
}
