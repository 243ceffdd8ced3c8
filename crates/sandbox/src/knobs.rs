//! Fault injection and call counters, switchable while the sandbox runs.
//!
//! Tests set them through [`Knobs`] in-process or over HTTP (`POST /__sandbox/knobs`), and read how often
//! each route was called (`GET /__sandbox/calls`), for example to prove that 200 waiting requests caused
//! exactly one token request.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What the knobs are set to; every field optional in an update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KnobSettings {
    /// Added to every API and token answer, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Share of API answers replaced by a 500, from 0.0 to 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// While true every API and token request gets a 503.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outage: Option<bool>,
    /// `expires_in` of newly issued tokens, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_lifetime_secs: Option<u64>,
    /// The next this many API answers (not token answers) are a 500, then all is well again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_next: Option<u32>,
    /// How far the after-sale modules' clock (tracking, pick@home) runs ahead of the real one, in minutes:
    /// a test or the demo moves it to watch a parcel travel, and never sleeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_ahead_minutes: Option<i64>,
    /// How long a label or collection order is held back after it is made, in milliseconds: the client's
    /// connection may drop meanwhile and the label exists all the same (a crash test's "made, answer lost").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_made_ms: Option<u64>,
}

/// Live fault-injection settings and per-route call counters.
pub struct Knobs {
    latency_ms: AtomicU64,
    /// Error rate in millionths, so it fits an atomic.
    error_rate_ppm: AtomicU32,
    outage: AtomicBool,
    token_lifetime_secs: AtomicU64,
    fail_next: AtomicU32,
    clock_ahead_minutes: AtomicI64,
    hold_made_ms: AtomicU64,
    calls: Mutex<BTreeMap<String, u64>>,
}

/// Default token lifetime: what the recorded real exchange shows (POST-API.md §2.2).
pub const DEFAULT_TOKEN_LIFETIME_SECS: u64 = 60;

impl Default for Knobs {
    fn default() -> Self {
        Self {
            latency_ms: AtomicU64::new(0),
            error_rate_ppm: AtomicU32::new(0),
            outage: AtomicBool::new(false),
            token_lifetime_secs: AtomicU64::new(DEFAULT_TOKEN_LIFETIME_SECS),
            fail_next: AtomicU32::new(0),
            clock_ahead_minutes: AtomicI64::new(0),
            hold_made_ms: AtomicU64::new(0),
            calls: Mutex::new(BTreeMap::new()),
        }
    }
}

impl Knobs {
    /// Applies the fields that are set and leaves the others.
    pub fn apply(&self, settings: &KnobSettings) {
        if let Some(ms) = settings.latency_ms {
            self.latency_ms.store(ms, Ordering::Relaxed);
        }
        if let Some(rate) = settings.error_rate {
            let ppm = (rate.clamp(0.0, 1.0) * 1_000_000.0).round() as u32;
            self.error_rate_ppm.store(ppm, Ordering::Relaxed);
        }
        if let Some(outage) = settings.outage {
            self.outage.store(outage, Ordering::Relaxed);
        }
        if let Some(secs) = settings.token_lifetime_secs {
            self.token_lifetime_secs.store(secs, Ordering::Relaxed);
        }
        if let Some(n) = settings.fail_next {
            self.fail_next.store(n, Ordering::Relaxed);
        }
        if let Some(minutes) = settings.clock_ahead_minutes {
            self.clock_ahead_minutes.store(minutes, Ordering::Relaxed);
        }
        if let Some(ms) = settings.hold_made_ms {
            self.hold_made_ms.store(ms, Ordering::Relaxed);
        }
    }

    /// How long what was just made (a label, a collection order) is held back before its answer.
    pub fn hold_made(&self) -> Duration {
        Duration::from_millis(self.hold_made_ms.load(Ordering::Relaxed))
    }

    /// The after-sale modules' clock: now, plus what `clock_ahead_minutes` says.
    pub fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::now_utc() + time::Duration::minutes(self.clock_ahead_minutes.load(Ordering::Relaxed))
    }

    /// Takes one of the answers that `fail_next` asked to fail, if any are left.
    pub fn take_forced_failure(&self) -> bool {
        self.fail_next.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok()
    }

    pub fn settings(&self) -> KnobSettings {
        KnobSettings {
            latency_ms: Some(self.latency_ms.load(Ordering::Relaxed)),
            error_rate: Some(f64::from(self.error_rate_ppm.load(Ordering::Relaxed)) / 1_000_000.0),
            outage: Some(self.outage.load(Ordering::Relaxed)),
            token_lifetime_secs: Some(self.token_lifetime_secs.load(Ordering::Relaxed)),
            fail_next: Some(self.fail_next.load(Ordering::Relaxed)),
            clock_ahead_minutes: Some(self.clock_ahead_minutes.load(Ordering::Relaxed)),
            hold_made_ms: Some(self.hold_made_ms.load(Ordering::Relaxed)),
        }
    }

    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.latency_ms.load(Ordering::Relaxed))
    }

    pub fn in_outage(&self) -> bool {
        self.outage.load(Ordering::Relaxed)
    }

    /// Draws whether this answer is replaced by an injected error.
    pub fn inject_error(&self) -> bool {
        let ppm = self.error_rate_ppm.load(Ordering::Relaxed);
        ppm > 0 && fastrand::u32(0..1_000_000) < ppm
    }

    pub fn token_lifetime_secs(&self) -> u64 {
        self.token_lifetime_secs.load(Ordering::Relaxed)
    }

    /// Counts one call of `route` ("GET /address/v1/zips").
    pub fn count(&self, route: &str) {
        let mut calls = self.calls.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *calls.entry(route.to_owned()).or_default() += 1;
    }

    /// Calls per route since start or the last [`Knobs::reset_calls`].
    pub fn calls(&self) -> BTreeMap<String, u64> {
        self.calls.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Calls of one route.
    pub fn calls_of(&self, route: &str) -> u64 {
        self.calls().get(route).copied().unwrap_or(0)
    }

    pub fn reset_calls(&self) {
        self.calls.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_updates_keep_other_settings() {
        let knobs = Knobs::default();
        knobs.apply(&KnobSettings { latency_ms: Some(25), ..Default::default() });
        knobs.apply(&KnobSettings { outage: Some(true), ..Default::default() });
        let s = knobs.settings();
        assert_eq!(s.latency_ms, Some(25));
        assert_eq!(s.outage, Some(true));
        assert_eq!(s.token_lifetime_secs, Some(DEFAULT_TOKEN_LIFETIME_SECS));
    }

    #[test]
    fn error_rate_extremes() {
        let knobs = Knobs::default();
        assert!(!(0..1000).any(|_| knobs.inject_error()));
        knobs.apply(&KnobSettings { error_rate: Some(1.0), ..Default::default() });
        assert!((0..1000).all(|_| knobs.inject_error()));
    }

    #[test]
    fn counts_per_route() {
        let knobs = Knobs::default();
        knobs.count("GET /a");
        knobs.count("GET /a");
        knobs.count("POST /b");
        assert_eq!(knobs.calls_of("GET /a"), 2);
        assert_eq!(knobs.calls_of("POST /b"), 1);
        knobs.reset_calls();
        assert_eq!(knobs.calls_of("GET /a"), 0);
    }
}
