//! Swiss public holidays on which Swiss Post does not deliver, for any year.
//!
//! The sandbox's list: New Year's Day, Good Friday, Easter Monday, Ascension Day, Whit Monday, Swiss
//! National Day (1 August), Christmas Day and St Stephen's Day. (Cantonal holidays differ; the nationwide
//! delivery calendar is what the sandbox models.) Easter follows the Gregorian computus.

use swisspost::Names;
use time::{Date, Duration, Month};

/// Easter Sunday of `year` (Gregorian calendar; the anonymous "Meeus/Jones/Butcher" algorithm).
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = if month == 3 { Month::March } else { Month::April };
    // The computus only yields 22 March to 25 April: always a valid date.
    Date::from_calendar_date(year, month, day as u8).unwrap_or(Date::MIN)
}

/// A holiday of the delivery calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    NewYear,
    GoodFriday,
    EasterMonday,
    Ascension,
    WhitMonday,
    NationalDay,
    Christmas,
    StStephen,
}

impl Holiday {
    pub fn names(self) -> Names {
        let (de, fr, it, en) = match self {
            Holiday::NewYear => ("Neujahr", "Nouvel An", "Capodanno", "New Year's Day"),
            Holiday::GoodFriday => ("Karfreitag", "Vendredi saint", "Venerdì santo", "Good Friday"),
            Holiday::EasterMonday => ("Ostermontag", "Lundi de Pâques", "Lunedì di Pasqua", "Easter Monday"),
            Holiday::Ascension => ("Auffahrt", "Ascension", "Ascensione", "Ascension Day"),
            Holiday::WhitMonday => ("Pfingstmontag", "Lundi de Pentecôte", "Lunedì di Pentecoste", "Whit Monday"),
            Holiday::NationalDay => ("Bundesfeier", "Fête nationale", "Festa nazionale", "Swiss National Day"),
            Holiday::Christmas => ("Weihnachten", "Noël", "Natale", "Christmas Day"),
            Holiday::StStephen => ("Stephanstag", "Saint-Étienne", "Santo Stefano", "St Stephen's Day"),
        };
        Names { de: de.into(), fr: fr.into(), it: it.into(), en: en.into() }
    }
}

/// The holidays of `year`, in calendar order.
pub fn holidays(year: i32) -> Vec<(Date, Holiday)> {
    let fixed = |month: Month, day: u8| Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN);
    let easter = easter_sunday(year);
    let mut list = vec![
        (fixed(Month::January, 1), Holiday::NewYear),
        (easter - Duration::days(2), Holiday::GoodFriday),
        (easter + Duration::days(1), Holiday::EasterMonday),
        (easter + Duration::days(39), Holiday::Ascension),
        (easter + Duration::days(50), Holiday::WhitMonday),
        (fixed(Month::August, 1), Holiday::NationalDay),
        (fixed(Month::December, 25), Holiday::Christmas),
        (fixed(Month::December, 26), Holiday::StStephen),
    ];
    list.sort_by_key(|(date, _)| *date);
    list
}

/// The holiday on `date`, if it is one.
pub fn holiday_on(date: Date) -> Option<Holiday> {
    holidays(date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Easter Sundays 1990–2050 from published tables (e.g. the US Naval Observatory's list).
    const EASTER: [(i32, u8, u8); 61] = [
        (1990, 4, 15),
        (1991, 3, 31),
        (1992, 4, 19),
        (1993, 4, 11),
        (1994, 4, 3),
        (1995, 4, 16),
        (1996, 4, 7),
        (1997, 3, 30),
        (1998, 4, 12),
        (1999, 4, 4),
        (2000, 4, 23),
        (2001, 4, 15),
        (2002, 3, 31),
        (2003, 4, 20),
        (2004, 4, 11),
        (2005, 3, 27),
        (2006, 4, 16),
        (2007, 4, 8),
        (2008, 3, 23),
        (2009, 4, 12),
        (2010, 4, 4),
        (2011, 4, 24),
        (2012, 4, 8),
        (2013, 3, 31),
        (2014, 4, 20),
        (2015, 4, 5),
        (2016, 3, 27),
        (2017, 4, 16),
        (2018, 4, 1),
        (2019, 4, 21),
        (2020, 4, 12),
        (2021, 4, 4),
        (2022, 4, 17),
        (2023, 4, 9),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
        (2031, 4, 13),
        (2032, 3, 28),
        (2033, 4, 17),
        (2034, 4, 9),
        (2035, 3, 25),
        (2036, 4, 13),
        (2037, 4, 5),
        (2038, 4, 25),
        (2039, 4, 10),
        (2040, 4, 1),
        (2041, 4, 21),
        (2042, 4, 6),
        (2043, 3, 29),
        (2044, 4, 17),
        (2045, 4, 9),
        (2046, 3, 25),
        (2047, 4, 14),
        (2048, 4, 5),
        (2049, 4, 18),
        (2050, 4, 10),
    ];

    #[test]
    fn easter_1990_to_2050() {
        for (year, month, day) in EASTER {
            let month = Month::try_from(month).unwrap();
            assert_eq!(easter_sunday(year), Date::from_calendar_date(year, month, day).unwrap(), "{year}");
        }
    }

    #[test]
    fn easter_extremes_of_the_computus() {
        assert_eq!(easter_sunday(1818), date!(1818 - 03 - 22));
        assert_eq!(easter_sunday(2285), date!(2285 - 03 - 22));
        assert_eq!(easter_sunday(1943), date!(1943 - 04 - 25));
        assert_eq!(easter_sunday(2038), date!(2038 - 04 - 25));
    }

    #[test]
    fn holidays_of_2026() {
        let dates: Vec<Date> = holidays(2026).into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            dates,
            [
                date!(2026 - 01 - 01),
                date!(2026 - 04 - 03),
                date!(2026 - 04 - 06),
                date!(2026 - 05 - 14),
                date!(2026 - 05 - 25),
                date!(2026 - 08 - 01),
                date!(2026 - 12 - 25),
                date!(2026 - 12 - 26),
            ]
        );
        assert_eq!(holiday_on(date!(2026 - 05 - 14)), Some(Holiday::Ascension));
        assert_eq!(holiday_on(date!(2026 - 05 - 15)), None);
    }

    #[test]
    fn movable_holidays_keep_their_weekday_over_many_years() {
        for year in 1900..2200 {
            for (date, holiday) in holidays(year) {
                let expected = match holiday {
                    Holiday::GoodFriday => Some(time::Weekday::Friday),
                    Holiday::EasterMonday | Holiday::WhitMonday => Some(time::Weekday::Monday),
                    Holiday::Ascension => Some(time::Weekday::Thursday),
                    _ => None,
                };
                if let Some(weekday) = expected {
                    assert_eq!(date.weekday(), weekday, "{holiday:?} {year}");
                }
            }
        }
    }
}
