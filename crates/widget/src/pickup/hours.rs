//! What a point says about time: its week's opening hours in one line, and the first day the parcel can be
//! collected there.

use api::{OpeningDay, PickupKind, PickupPoint};

use super::texts::PickupStrings;
use crate::format;
use crate::i18n::Lang;

pub fn kind_name(strings: &PickupStrings, kind: PickupKind) -> &'static str {
    match kind {
        PickupKind::PickPost => strings.kind_pickpost,
        PickupKind::MyPost24 => strings.kind_mypost24,
        PickupKind::PostOffice => strings.kind_post_office,
    }
}

/// "Mon–Fri 08:00–12:00, 13:30–18:00 · Sat 08:00–12:00 · Sun closed": consecutive days with the same hours
/// grouped; "Open 24 hours, every day" for terminals.
pub fn hours_summary(lang: Lang, days: &[OpeningDay]) -> String {
    let strings = lang.pickup();
    if days.len() == 7 && days.iter().all(|d| d.spans == [["00:00".to_owned(), "24:00".to_owned()]]) {
        return strings.open_24h.to_owned();
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
                format::weekday_short(lang, first)
            } else {
                format!("{}–{}", format::weekday_short(lang, first), format::weekday_short(lang, last))
            };
            let hours = if spans.is_empty() {
                strings.closed.to_owned()
            } else {
                spans.iter().map(|[from, until]| format!("{from}–{until}")).collect::<Vec<_>>().join(", ")
            };
            format!("{days} {hours}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The first day, from when the parcel arrives, on which `point` is open ("2026-12-07" for a parcel that
/// arrives on a Saturday at a counter closed at weekends); the arrival day when the hours are unknown.
pub fn ready_on(point: &PickupPoint) -> Option<String> {
    let arrives = point.arrives_on.as_deref()?;
    if point.opening_hours.is_empty() {
        return Some(arrives.to_owned());
    }
    let open_on = |weekday: u8| point.opening_hours.iter().any(|d| d.weekday == weekday && !d.spans.is_empty());
    (0..7).filter_map(|n| format::add_days(arrives, n)).find(|day| format::weekday_of(day).is_some_and(open_on))
}

/// "Ready for collection from Monday 7 December".
pub fn ready_from(lang: Lang, point: &PickupPoint) -> Option<String> {
    let day = ready_on(point)?;
    Some(lang.pickup().ready_from.replace("{date}", &format::long_date(lang, &day)))
}
