//! `GET /Poi?id=…`: one point as the live service's XML (POST-API.md §4.3; the element paths the
//! alltheplaces spider reads, S9): descriptions per language, the address with canton and municipality
//! number, the position, the normal counter's opening periods (one time slice per `OpeningHours` element, as
//! the live XML writes a day with a lunch break as two elements), its holidays and the hours of each day of
//! the `Types` window (`CalculatedOpeningHours`), and a letter box's collection times (`Product` `003BE_LZ`).
//! Times are `HH:MM:SS`. Generated hours carry `GeneratedHours="true"`, synthetic points `Synthetic="true"`
//! and an `InfoText` that says so.

use std::fmt::Write as _;

use swisspost::clock::iso_date;
use swisspost::location::{LETTER_BOX_COLLECTION, NORMAL_COUNTER, type_id};
use time::{Date, Duration};

use super::hours::{collection_times, slices_on, weekly};
use super::places::Point;
use super::types::OPENING_WINDOW_DAYS;
use crate::holidays::holiday_on;
use crate::lang::Lang;

/// Swiss Post's customer service line (public), given as the contact of staffed points: the open data has no
/// telephone number per branch.
const CUSTOMER_SERVICE_PHONE: &str = "0848 888 888";

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// "08:00" → "08:00:00".
fn seconds(time: &str) -> String {
    format!("{time}:00")
}

/// The XML of `point` on `today` (local date), holiday names in `lang`.
pub fn poi_xml(point: &Point, today: Date, lang: Lang) -> String {
    let mut xml = String::with_capacity(4_096);
    let _ = write!(
        xml,
        r#"<?xml version="1.0" encoding="utf-8"?><POI Id="{}" POITypeId="{}" Synthetic="{}"><Description lang="de">{}</Description><Description lang="en">{}</Description><Address><Street>{}</Street><Zip>{}</Zip><City>{}</City><KantonCode>{}</KantonCode><CountryCode>CH</CountryCode>"#,
        escape(&point.id),
        point.type_id,
        point.synthetic,
        escape(&point.name),
        escape(&point.name_en),
        escape(&point.street),
        escape(&point.zip),
        escape(&point.city),
        escape(&point.canton),
    );
    if let Some(municipality) = point.municipality_id {
        let _ = write!(xml, "<GemeindeID>{municipality}</GemeindeID>");
    }
    let _ = write!(
        xml,
        "</Address><GeoLocation><CoordinateLat>{}</CoordinateLat><CoordinateLng>{}</CoordinateLng></GeoLocation>",
        point.lat, point.lon
    );
    if matches!(point.type_id, type_id::POST_OFFICE | type_id::POSTFINANCE) && !point.synthetic {
        let _ = write!(xml, "<Contact><Phone>{CUSTOMER_SERVICE_PHONE}</Phone></Contact>");
    }
    if !weekly(point.type_id).is_empty() {
        write_counter(&mut xml, point.type_id, today, lang);
    }
    if point.type_id == type_id::LETTER_BOX {
        let _ = write!(xml, r#"<Product ProductTypeId="{LETTER_BOX_COLLECTION}" GeneratedHours="true">"#);
        for (day, latest) in collection_times(&point.id) {
            let _ = write!(xml, "<Deadline><Day>{day}</Day><LatestTime>{latest}</LatestTime></Deadline>");
        }
        xml.push_str("</Product>");
    }
    if point.synthetic {
        xml.push_str(r#"<InfoText><Text lang="de">Synthetischer Sandbox-Standort, kein echter Standort der Post.</Text><Text lang="en">A synthetic sandbox point, not a real Swiss Post location.</Text></InfoText>"#);
    }
    xml.push_str("</POI>");
    xml
}

fn write_counter(xml: &mut String, type_id: &str, today: Date, lang: Lang) {
    let first = Date::from_ordinal_date(today.year(), 1).unwrap_or(today);
    let last = Date::from_ordinal_date(today.year() + 1, 365).unwrap_or(today);
    let _ = write!(
        xml,
        r#"<Counter CounterTypeId="{NORMAL_COUNTER}"><OpeningPeriods GeneratedHours="true"><DateFrom>{}</DateFrom><DateTo>{}</DateTo>"#,
        iso_date(first),
        iso_date(last)
    );
    for slice in weekly(type_id) {
        xml.push_str("<OpeningHours>");
        for (day, open) in DAYS.iter().zip(slice.days) {
            let _ = write!(xml, "<{day}>{open}</{day}>");
        }
        let _ = write!(
            xml,
            "<Timeslice><TimeFrom>{}</TimeFrom><TimeUntil>{}</TimeUntil></Timeslice></OpeningHours>",
            seconds(slice.from),
            seconds(slice.until)
        );
    }
    xml.push_str("</OpeningPeriods>");
    let window: Vec<Date> = (0..=OPENING_WINDOW_DAYS).map(|d| today + Duration::days(d)).collect();
    if super::hours::closes_on_holidays(type_id) {
        for (date, holiday) in window.iter().filter_map(|d| Some((d, holiday_on(*d)?))) {
            let names = holiday.names();
            let name = match lang {
                Lang::De => names.de,
                Lang::Fr => names.fr,
                Lang::It => names.it,
                Lang::En => names.en,
            };
            let _ = write!(xml, "<Holiday><Date>{}</Date><Name>{}</Name></Holiday>", iso_date(*date), escape(&name));
        }
    }
    for date in &window {
        let _ = write!(xml, "<CalculatedOpeningHours><Date>{}</Date>", iso_date(*date));
        for slice in slices_on(type_id, *date) {
            let _ = write!(
                xml,
                "<TimeSlice><TimeFrom>{}</TimeFrom><TimeUntil>{}</TimeUntil></TimeSlice>",
                seconds(slice.from),
                seconds(slice.until)
            );
        }
        xml.push_str("</CalculatedOpeningHours>");
    }
    xml.push_str("</Counter>");
}
