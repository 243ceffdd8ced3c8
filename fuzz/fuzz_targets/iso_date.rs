//! Dates as callers and the upstream write them ("2026-12-24"): never a panic, and what reads writes back
//! to a text that reads as the same date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use swisspost::clock::{iso_date, parse_iso_date};

fuzz_target!(|text: &str| {
    if let Some(date) = parse_iso_date(text) {
        assert_eq!(parse_iso_date(&iso_date(date)), Some(date));
    }
});
