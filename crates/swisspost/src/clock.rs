//! Timestamps in the upstream's compact form `YYYYMMDDTHHMMSS±HHMM`, in Swiss local time.

use time::{Date, Duration, Month, OffsetDateTime, Time, UtcOffset, Weekday};

/// "2026-12-24".
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Reads "2026-12-24"; `None` for anything else.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// The time in Zurich now.
pub fn zurich_now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.to_offset(zurich_offset(now))
}

pub fn now_plus_days(days: i64) -> OffsetDateTime {
    OffsetDateTime::now_utc() + Duration::days(days)
}

/// The last Sunday of a month at 01:00 UTC: when Central European summer time starts (March) or ends
/// (October).
fn last_sunday_0100_utc(year: i32, month: Month) -> OffsetDateTime {
    let mut day = Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).unwrap_or(Date::MIN);
    while day.weekday() != Weekday::Sunday {
        day = day.previous_day().unwrap_or(Date::MIN);
    }
    day.with_time(Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc()
}

/// Zurich's offset from UTC at `instant`: +01:00, or +02:00 in summer time.
pub fn zurich_offset(instant: OffsetDateTime) -> UtcOffset {
    let utc = instant.to_offset(UtcOffset::UTC);
    let summer =
        utc >= last_sunday_0100_utc(utc.year(), Month::March) && utc < last_sunday_0100_utc(utc.year(), Month::October);
    UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// "20190822T181333+0200".
pub fn compact_zurich_time(instant: OffsetDateTime) -> String {
    let local = instant.to_offset(zurich_offset(instant));
    let offset = local.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}{sign}{:02}{:02}",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute(),
        local.second(),
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn iso_dates_both_ways() {
        let date = time::macros::date!(2026 - 12 - 05);
        assert_eq!(iso_date(date), "2026-12-05");
        assert_eq!(parse_iso_date("2026-12-05"), Some(date));
        for bad in ["2026-13-01", "2026-02-30", "26-12-05", "2026-12-5", "x", "", "2026-12-05-01"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn summer_and_winter_offsets() {
        assert_eq!(compact_zurich_time(datetime!(2019-08-22 16:13:33 UTC)), "20190822T181333+0200");
        assert_eq!(compact_zurich_time(datetime!(2026-11-23 17:00:00 UTC)), "20261123T180000+0100");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(compact_zurich_time(datetime!(2026-03-29 00:59:59 UTC)), "20260329T015959+0100");
        assert_eq!(compact_zurich_time(datetime!(2026-03-29 01:00:00 UTC)), "20260329T030000+0200");
        assert_eq!(compact_zurich_time(datetime!(2026-10-25 01:00:00 UTC)), "20261025T020000+0100");
    }
}
