//! Opening hours and letter-box collection times. The open data has none: every one here is generated from
//! the kind of point, flagged as generated wherever it is served (`GeneratedHours="true"` in the `Poi` XML).
//! Staffed counters close on the national holidays the delivery module knows; terminals and cash machines
//! do not.

use swisspost::location::{CounterState, type_id};
use time::{Date, PrimitiveDateTime, Time};

use crate::holidays::holiday_on;

/// One element of the live XML's weekly rules: the days it applies to (Monday first) and one time slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    pub days: [bool; 7],
    pub from: &'static str,
    pub until: &'static str,
}

const WEEKDAYS: [bool; 7] = [true, true, true, true, true, false, false];
const SATURDAY: [bool; 7] = [false, false, false, false, false, true, false];
const EVERY_DAY: [bool; 7] = [true; 7];

const fn slice(days: [bool; 7], from: &'static str, until: &'static str) -> Slice {
    Slice { days, from, until }
}

const TERMINAL: [Slice; 1] = [slice(EVERY_DAY, "00:00", "24:00")];
const POST_OFFICE: [Slice; 3] =
    [slice(WEEKDAYS, "08:00", "12:00"), slice(WEEKDAYS, "13:30", "18:00"), slice(SATURDAY, "08:00", "12:00")];
const PO_BOXES: [Slice; 1] = [slice([true, true, true, true, true, true, false], "06:00", "22:00")];
const POSTFINANCE: [Slice; 2] = [slice(WEEKDAYS, "09:00", "18:00"), slice(SATURDAY, "09:00", "12:00")];
const PARTNER: [Slice; 2] = [slice(WEEKDAYS, "08:00", "19:00"), slice(SATURDAY, "08:00", "17:00")];

/// The generated weekly rules of a point's normal counter; none for a letter box, which has no counter.
pub fn weekly(type_id: &str) -> &'static [Slice] {
    match type_id {
        type_id::MY_POST_24 | type_id::POSTOMAT => &TERMINAL,
        type_id::POST_OFFICE => &POST_OFFICE,
        type_id::PO_BOX_FACILITY => &PO_BOXES,
        type_id::POSTFINANCE => &POSTFINANCE,
        type_id::LETTER_BOX => &[],
        _ => &PARTNER,
    }
}

/// Whether a point's counter closes on public holidays (staffed counters do, machines do not).
pub fn closes_on_holidays(type_id: &str) -> bool {
    !matches!(type_id, type_id::MY_POST_24 | type_id::POSTOMAT | type_id::PO_BOX_FACILITY)
}

/// A letter box's generated collection times: (day 1 = Monday … 6 = Saturday, latest time). Weekday times
/// vary between boxes (by a hash of the id) as real ones do; every box is emptied on Saturday mornings.
pub fn collection_times(id: &str) -> Vec<(u8, &'static str)> {
    const WEEKDAY_TIMES: [&str; 4] = ["16:30:00", "17:00:00", "17:30:00", "18:30:00"];
    let weekday = WEEKDAY_TIMES[(super::places::fnv(id.as_bytes()) % 4) as usize];
    (1..=5).map(|day| (day, weekday)).chain([(6, "10:00:00")]).collect()
}

fn time_of(text: &str) -> Option<Time> {
    let (hours, minutes) = text.split_once(':')?;
    let (hours, minutes): (u8, u8) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
    if hours == 24 { Some(Time::MAX) } else { Time::from_hms(hours, minutes, 0).ok() }
}

/// The time slices of `date`: none on a holiday for a counter that closes then.
pub fn slices_on(type_id: &str, date: Date) -> Vec<&'static Slice> {
    if closes_on_holidays(type_id) && holiday_on(date).is_some() {
        return Vec::new();
    }
    let weekday = usize::from(date.weekday().number_days_from_monday());
    weekly(type_id).iter().filter(|s| s.days[weekday]).collect()
}

/// Until when the counter is open at `now` (local time), or when it opens again within two weeks.
pub fn counter_state(type_id: &str, now: PrimitiveDateTime) -> CounterState {
    let open_now = slices_on(type_id, now.date()).into_iter().find(|s| {
        matches!((time_of(s.from), time_of(s.until)), (Some(from), Some(until)) if from <= now.time() && now.time() < until)
    });
    if let Some(open) = open_now {
        return CounterState { open_until: Some(open.until.to_owned()), open_again: None };
    }
    let mut date = now.date();
    for _ in 0..14 {
        let mut starts: Vec<&str> = slices_on(type_id, date)
            .into_iter()
            .map(|s| s.from)
            .filter(|from| date != now.date() || time_of(from).is_some_and(|t| t > now.time()))
            .collect();
        starts.sort_unstable();
        if let Some(from) = starts.first() {
            return CounterState {
                open_until: None,
                open_again: Some(format!("{}T{from}", swisspost::clock::iso_date(date))),
            };
        }
        let Some(next) = date.next_day() else { break };
        date = next;
    }
    CounterState::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_post_office_is_open_until_noon_then_opens_again_after_lunch() {
        let office = type_id::POST_OFFICE;
        let tuesday_morning = counter_state(office, datetime!(2026-12-01 10:00));
        assert_eq!(tuesday_morning.open_until.as_deref(), Some("12:00"));
        let lunch = counter_state(office, datetime!(2026-12-01 12:30));
        assert_eq!(lunch.open_again.as_deref(), Some("2026-12-01T13:30"));
        // Saturday afternoon: closed until Monday; Christmas Eve (a Thursday) evening: closed until the 28th.
        let saturday = counter_state(office, datetime!(2026-12-05 14:00));
        assert_eq!(saturday.open_again.as_deref(), Some("2026-12-07T08:00"));
        let christmas_eve = counter_state(office, datetime!(2026-12-24 19:00));
        // (the 25th and 26th are holidays)
        assert_eq!(christmas_eve.open_again.as_deref(), Some("2026-12-28T08:00"));
    }

    #[test]
    fn terminals_are_always_open() {
        let night = counter_state(type_id::MY_POST_24, datetime!(2026-12-25 03:00));
        assert_eq!(night.open_until.as_deref(), Some("24:00"));
    }

    #[test]
    fn letter_boxes_have_collection_times_not_hours() {
        assert!(weekly(type_id::LETTER_BOX).is_empty());
        let times = collection_times("003BE_00325119");
        assert_eq!(times.len(), 6);
        assert_eq!(times[5], (6, "10:00:00"));
    }
}
