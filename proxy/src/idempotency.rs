//! "Safe to repeat" for the server routes that make something at Swiss Post (a label, a collection order),
//! as Stripe promises it: with an `Idempotency-Key`, the same key and request give the same answer, byte for
//! byte, after a restart and from any instance, and Swiss Post is called once.
//!
//! The record lives in the store (`store/`) for a day and goes through two states:
//!
//! 1. **in flight**, written before Swiss Post is called (atomically: of many requests with the key, one
//!    writes it and calls; the others wait for it, bounded, then get 409 `request-in-progress` with
//!    `Retry-After`). It names the instance that calls and the time by which the call is over;
//! 2. **done**, with the answer, written when Swiss Post answered.
//!
//! A call that failed (before Swiss Post made anything, or refused) removes the record, so a retry may try
//! again. An in-flight record whose instance died, or whose time is over, is never taken for "nothing was
//! made": the answer is 409 `outcome-unknown`, saying how to find out (tracking, by the parcel's `item_id`).
//! The same key with another request is 409 `idempotency-conflict`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::store::{Store, StoreError, now_ms};

/// How long a key and its answer are kept.
pub const KEEP: Duration = Duration::from_secs(24 * 3600);

/// How often a waiting request looks at the record again.
const POLL: Duration = Duration::from_millis(50);

#[derive(Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum Record<T> {
    InFlight {
        /// SHA-256 of the request's JSON.
        request: String,
        owner: String,
        /// Milliseconds since the epoch by which the call is over (the proxy's request timeout).
        until_ms: u64,
    },
    Done {
        request: String,
        answer: T,
    },
}

impl<T> Record<T> {
    fn request(&self) -> &str {
        match self {
            Record::InFlight { request, .. } | Record::Done { request, .. } => request,
        }
    }
}

pub struct Idempotent<T> {
    store: Arc<dyn Store>,
    /// The kind of record ("labels", "returns"): one key may name a label and a return.
    scope: &'static str,
    /// The longest a call may take (the proxy's request timeout).
    call_limit: Duration,
    _answer: std::marker::PhantomData<fn() -> T>,
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        tracing::warn!(%error, "store unavailable");
        AppError::StoreUnavailable { retry_after_secs: 2 }
    }
}

/// Checks an `Idempotency-Key` as sent.
pub fn check_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters"));
    }
    Ok(())
}

/// SHA-256 of `bytes`, in hex: a request's fingerprint, a key made of a secret-bearing value.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn fingerprint(request: &impl Serialize) -> String {
    sha256_hex(&serde_json::to_vec(request).unwrap_or_default())
}

impl<T: Serialize + DeserializeOwned + Send + Sync + 'static> Idempotent<T> {
    pub fn new(store: Arc<dyn Store>, scope: &'static str, call_limit: Duration) -> Self {
        Self { store, scope, call_limit, _answer: std::marker::PhantomData }
    }

    /// `make`'s answer; with `key`, the answer the key already has for this `request`, or made once now.
    pub async fn run<F: Future<Output = Result<T, AppError>>>(
        &self,
        key: Option<String>,
        request: &impl Serialize,
        make: impl FnOnce() -> F,
    ) -> Result<T, AppError> {
        let Some(key) = key else { return make().await };
        check_key(&key)?;
        let request = fingerprint(request);
        let record_key = format!("idempotency:{}:{key}", self.scope);
        // Waiting is bounded well inside the request's own timeout.
        let wait_until = tokio::time::Instant::now() + self.call_limit / 2;
        loop {
            let in_flight = Record::<T>::InFlight {
                request: request.clone(),
                owner: self.store.instance().to_owned(),
                until_ms: now_ms().saturating_add(self.call_limit.as_millis() as u64),
            };
            let written = serde_json::to_vec(&in_flight).map_err(|_| AppError::NotConfigured("a record"))?;
            let Some(held) = self.store.put_new(&record_key, written, KEEP).await? else { break };
            let held: Record<T> = match serde_json::from_slice(&held) {
                Ok(held) => held,
                // A record this version cannot read (written by another): never taken for "nothing made".
                Err(_) => return Err(AppError::OutcomeUnknown),
            };
            if held.request() != request {
                return Err(AppError::IdempotencyConflict);
            }
            match held {
                Record::Done { answer, .. } => return Ok(answer),
                Record::InFlight { owner, until_ms, .. } => {
                    if now_ms() > until_ms || !self.store.is_alive(&owner).await? {
                        return Err(AppError::OutcomeUnknown);
                    }
                    if tokio::time::Instant::now() >= wait_until {
                        let left = until_ms.saturating_sub(now_ms()).div_ceil(1000);
                        return Err(AppError::RequestInProgress { retry_after_secs: left.clamp(1, 10) });
                    }
                    tokio::time::sleep(POLL).await;
                }
            }
        }
        match make().await {
            Ok(answer) => {
                match serde_json::to_vec(&Record::Done { request, answer: &answer }) {
                    Ok(bytes) => {
                        if let Err(error) = self.store.put(&record_key, bytes, KEEP).await {
                            // The caller gets what was made; a retry meets the in-flight record: unknown, never
                            // a second one.
                            tracing::warn!(%error, scope = self.scope, "could not keep an idempotent answer");
                        }
                    }
                    Err(_) => tracing::warn!(scope = self.scope, "could not write an idempotent answer"),
                }
                Ok(answer)
            }
            Err(error) => {
                if let Err(store_error) = self.store.delete(&record_key).await {
                    tracing::warn!(error = %store_error, scope = self.scope, "could not release a failed call's key");
                }
                Err(error)
            }
        }
    }
}
