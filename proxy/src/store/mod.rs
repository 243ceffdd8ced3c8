//! The proxy's state: what must survive a restart and be the same on every instance (idempotency records of
//! labels and returns, the "one return per link" record, the connector's sign-in sessions) and, with several
//! instances, the rate-limit buckets. One small interface, [`Store`], with two engines:
//!
//! - [`embedded`] (the default): a redb file in the data folder, for one instance. redb is a pure-Rust,
//!   ACID, copy-on-write B-tree store: a commit is on disk when it returns and a crash never leaves a torn
//!   record, it compiles no C, and it locks its file so a second process cannot open it. Expiry is a
//!   timestamp in each record, read as absent once passed and swept every few minutes.
//! - [`redis`] for several instances (Redis or Valkey): keys namespaced per deployment, expiry set by Redis
//!   (`PX`), each instance's liveness a lease key it renews, rate limits in one atomic GCRA script.
//!
//! The lookup cache is not here: it is each instance's own (see docs/proxy.md).

pub mod embedded;
pub mod redis;

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store cannot be reached now (Redis down, a disk error): the caller answers 503 and acts on nothing.
    #[error("the {engine} store is unavailable: {why}")]
    Unavailable { engine: &'static str, why: String },
}

/// Why the store could not be opened at start: the proxy refuses to start and says this.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "the data folder {dir} is in use by another process (its lock is held): one instance per folder; \
         for several instances use Redis (SWISS_CHECKOUT_REDIS_URL)"
    )]
    Locked { dir: String },
    #[error("cannot open the embedded store in {dir}: {why}")]
    Unreadable { dir: String, why: String },
    #[error("SWISS_CHECKOUT_REDIS_URL is not a Redis URL: {0}")]
    RedisUrl(String),
}

/// A GCRA quota: one request per `interval`, `burst` at once; `cost` requests taken at once (an instance
/// leases a few tokens of a client's bucket per round trip).
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub interval: Duration,
    pub burst: u32,
    pub cost: u32,
}

/// The state every instance shares. Keys are plain strings; the engine adds its namespace.
pub trait Store: Send + Sync {
    /// "embedded" or "redis", for logs, `/readyz` and metrics.
    fn engine(&self) -> &'static str;

    /// Stores `value` under `key` for `ttl` unless the key holds a value: `None` when stored, else what it
    /// holds (atomic: of many callers at once, exactly one stores).
    fn put_new<'a>(
        &'a self,
        key: &'a str,
        value: Vec<u8>,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>>;

    /// Stores `value` under `key` for `ttl`, replacing what it held.
    fn put<'a>(&'a self, key: &'a str, value: Vec<u8>, ttl: Duration) -> BoxFuture<'a, Result<(), StoreError>>;

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>>;

    /// Reads and removes `key` at once: of many callers, one gets the value.
    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>>;

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;

    /// This process's instance id, written into in-flight records.
    fn instance(&self) -> &str;

    /// Whether the instance `id` still runs (its lease is held); a dead owner's in-flight record has an
    /// unknown outcome.
    fn is_alive<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<bool, StoreError>>;

    /// Whether the engine keeps rate-limit buckets that every instance shares (Redis). The embedded store
    /// serves one instance, whose own in-memory limiter is exact and costs no disk write per request.
    fn shares_rate_limits(&self) -> bool;

    /// A GCRA decision shared by every instance: `Ok(None)` to go ahead, `Ok(Some(wait))` when the bucket is
    /// empty. Only called when [`Store::shares_rate_limits`].
    fn rate<'a>(&'a self, key: &'a str, quota: Quota) -> BoxFuture<'a, Result<Option<Duration>, StoreError>>;

    /// Whether the store answers now (for `/readyz`).
    fn ping(&self) -> BoxFuture<'_, Result<(), StoreError>>;
}

/// Where the state lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreConfig {
    /// In memory: lost at exit. For tests and benchmarks only.
    Memory,
    /// A redb file in this folder (created if missing).
    Embedded { dir: std::path::PathBuf },
    /// Redis or Valkey; keys start with `{namespace}:`.
    Redis { url: String, namespace: String },
}

/// Opens the configured store. `lease` is how long an instance counts as alive after its last renewal.
pub async fn open(config: &StoreConfig, lease: Duration) -> Result<Arc<dyn Store>, OpenError> {
    Ok(match config {
        StoreConfig::Memory => Arc::new(embedded::Embedded::in_memory()?),
        StoreConfig::Embedded { dir } => Arc::new(embedded::Embedded::open(dir)?),
        StoreConfig::Redis { url, namespace } => redis::RedisStore::open(url, namespace, lease)?,
    })
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A random id (an instance's, a record owner's).
pub fn random_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
