//! Dates and prices in the shopper's language, formatted by the browser (`Intl`), so the wasm carries no
//! calendar or number formatting of its own.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.tag()))
}

/// "2026-12-12" formatted by `Intl.DateTimeFormat` with `fields` (UTC, so the day never shifts).
fn date(lang: Lang, iso: &str, fields: &[(&str, &str)]) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let millis = js_sys::Date::utc(f64::from(year), f64::from(month.saturating_sub(1)));
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    date.set_utc_date(day);
    let mut pairs = fields.to_vec();
    pairs.push(("timeZone", "UTC"));
    let format = Intl::DateTimeFormat::new(&locales(lang), &options(&pairs));
    format.format().call1(&JsValue::NULL, &date).ok().and_then(|v| v.as_string()).unwrap_or_else(|| iso.to_owned())
}

/// "Saturday 12 December", "Samstag, 12. Dezember", "samedi 12 décembre" for "2026-12-12".
pub fn long_date(lang: Lang, iso: &str) -> String {
    date(lang, iso, &[("weekday", "long"), ("day", "numeric"), ("month", "long")])
}

/// "Sat 12 Dec", "Sa., 12. Dez.", "sam. 12 déc." for "2026-12-12": a day in the delivery strip.
pub fn short_date(lang: Lang, iso: &str) -> String {
    date(lang, iso, &[("weekday", "short"), ("day", "numeric"), ("month", "short")])
}

/// "CHF 9.00" (en), "CHF 9.00" (de-CH), "9,00 CHF" (fr-CH) for 900 centimes.
pub fn price(lang: Lang, centimes: u32) -> String {
    let format = Intl::NumberFormat::new(&locales(lang), &options(&[("style", "currency"), ("currency", "CHF")]));
    let amount = JsValue::from_f64(f64::from(centimes) / 100.0);
    format.format().call1(&JsValue::NULL, &amount).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// "Mon", "Mo", "lun." for weekday 1 (Monday) to 7 (Sunday).
pub fn weekday_short(lang: Lang, weekday: u8) -> String {
    // 2024-01-01 was a Monday.
    let millis = js_sys::Date::utc(2024.0, 0.0) + f64::from(weekday.clamp(1, 7) - 1) * 86_400_000.0;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let format = Intl::DateTimeFormat::new(&locales(lang), &options(&[("weekday", "short"), ("timeZone", "UTC")]));
    format.format().call1(&JsValue::NULL, &date).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// "2026-12-12" plus `days` days: "2026-12-14" for 2.
pub fn add_days(iso: &str, days: u32) -> Option<String> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let millis = js_sys::Date::utc(f64::from(year), f64::from(month.saturating_sub(1)));
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    date.set_utc_date(day + days);
    let text: String = date.to_iso_string().into();
    text.get(..10).map(str::to_owned)
}

/// The weekday, 1 (Monday) to 7 (Sunday), of "2026-12-12".
pub fn weekday_of(iso: &str) -> Option<u8> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let millis = js_sys::Date::utc(f64::from(year), f64::from(month.saturating_sub(1)));
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    date.set_utc_date(day);
    // getUTCDay: 0 is Sunday.
    Some(match date.get_utc_day() {
        0 => 7,
        d => d as u8,
    })
}

/// "Mon–Fri 08:00–12:00, 13:30–18:00 · Sat 08:00–12:00 · Sun closed": consecutive days with the same hours
/// grouped; `open_24h` for a terminal open around the clock every day, `closed` for a day without hours.
pub fn hours_summary(lang: Lang, days: &[api::OpeningDay], open_24h: &str, closed: &str) -> String {
    if days.len() == 7 && days.iter().all(|d| d.spans == [["00:00".to_owned(), "24:00".to_owned()]]) {
        return open_24h.to_owned();
    }
    let mut groups: Vec<(u8, u8, &Vec<[String; 2]>)> = Vec::new();
    for day in days {
        match groups.last_mut() {
            Some((_, last, spans)) if **spans == day.spans && *last + 1 == day.weekday => *last = day.weekday,
            _ => groups.push((day.weekday, day.weekday, &day.spans)),
        }
    }
    groups
        .into_iter()
        .map(|(first, last, spans)| {
            let days = if first == last {
                weekday_short(lang, first)
            } else {
                format!("{}–{}", weekday_short(lang, first), weekday_short(lang, last))
            };
            let hours = if spans.is_empty() {
                closed.to_owned()
            } else {
                spans.iter().map(|[from, until]| format!("{from}–{until}")).collect::<Vec<_>>().join(", ")
            };
            format!("{days} {hours}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Thursday 3 December, 10:14" in Swiss time, for an ISO 8601 instant ("2026-12-03T10:14:00+01:00").
pub fn date_time(lang: Lang, iso: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let fields = [
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZone", "Europe/Zurich"),
    ];
    let format = Intl::DateTimeFormat::new(&locales(lang), &options(&fields));
    format.format().call1(&JsValue::NULL, &date).ok().and_then(|v| v.as_string()).unwrap_or_else(|| iso.to_owned())
}

/// "650 m", "3.8 km", "3,8 km" for a distance in metres.
pub fn distance(lang: Lang, metres: u32) -> String {
    let (value, unit, digits) = if metres < 1_000 {
        (f64::from(metres), "meter", "0")
    } else {
        (f64::from(metres) / 1000.0, "kilometer", if metres < 10_000 { "1" } else { "0" })
    };
    let format = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "unit"), ("unit", unit), ("maximumFractionDigits", digits)]),
    );
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
