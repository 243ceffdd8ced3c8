//! "Safe to repeat" for the server routes that make something at Swiss Post (a label, a collection order):
//! with an `Idempotency-Key`, the same key and request give the same answer, made once, also when many
//! arrive at once; the same key with another request is refused. Keys are kept a day, in memory.

use std::collections::hash_map::DefaultHasher;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use serde::Serialize;
use tokio::sync::OnceCell;

use crate::error::AppError;

/// One key: a fingerprint of the request it came with, and the answer once made.
struct Keyed<T> {
    request: u64,
    answer: OnceCell<Arc<T>>,
}

pub struct Idempotent<T> {
    keys: Cache<String, Arc<Keyed<T>>>,
}

impl<T: Send + Sync + 'static> Default for Idempotent<T> {
    fn default() -> Self {
        Self { keys: Cache::builder().max_capacity(100_000).time_to_live(Duration::from_secs(24 * 3600)).build() }
    }
}

impl<T: Send + Sync + 'static> Idempotent<T> {
    /// `make`'s answer; with `key`, the answer the key already has for this `request`, or made once now.
    /// A failed attempt is not kept: the next call with the key tries again.
    pub async fn run<F: Future<Output = Result<T, AppError>>>(
        &self,
        key: Option<String>,
        request: &impl Serialize,
        make: impl FnOnce() -> F,
    ) -> Result<Arc<T>, AppError> {
        let Some(key) = key else { return make().await.map(Arc::new) };
        if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(AppError::invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters"));
        }
        let fingerprint = {
            let mut hasher = DefaultHasher::new();
            serde_json::to_string(request).unwrap_or_default().hash(&mut hasher);
            hasher.finish()
        };
        let keyed =
            self.keys.get_with(key, async { Arc::new(Keyed { request: fingerprint, answer: OnceCell::new() }) }).await;
        if keyed.request != fingerprint {
            return Err(AppError::IdempotencyConflict);
        }
        // Concurrent calls with the key wait for the first.
        keyed.answer.get_or_try_init(|| async { make().await.map(Arc::new) }).await.cloned()
    }
}
