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

/// The week's hours in one line (see [`format::hours_summary`]).
pub fn hours_summary(lang: Lang, days: &[OpeningDay]) -> String {
    let strings = lang.pickup();
    format::hours_summary(lang, days, strings.open_24h, strings.closed)
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
