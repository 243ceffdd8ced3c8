//! The embedded store: one redb file, `state.redb`, in the data folder, for a proxy that runs as one
//! instance. Every write is its own transaction, on disk when it returns (redb's immediate durability), so a
//! process killed at any point leaves the last committed state. redb locks the file: a second process that
//! opens the same folder is refused, and the proxy says so at start.
//!
//! A record is its expiry (milliseconds since the epoch, 8 bytes big-endian) followed by its value; one read
//! after its expiry finds nothing, and a sweep every few minutes removes what has expired. redb is
//! synchronous: each operation runs on tokio's blocking pool.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{OpenError, Quota, Store, StoreError, now_ms, random_id};

const STATE: TableDefinition<&str, &[u8]> = TableDefinition::new("state");
const ENGINE: &str = "embedded";
/// How often expired records are removed.
const SWEEP_EVERY: Duration = Duration::from_secs(300);

pub struct Embedded {
    db: Arc<Database>,
    instance: String,
}

fn failed(error: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable { engine: ENGINE, why: error.to_string() }
}

/// The value of a stored record, when it has not expired at `now`.
fn live(record: &[u8], now: u64) -> Option<Vec<u8>> {
    let (expiry, value) = record.split_at_checked(8)?;
    let expiry = u64::from_be_bytes(expiry.try_into().ok()?);
    (expiry > now).then(|| value.to_vec())
}

fn record(value: &[u8], ttl: Duration) -> Vec<u8> {
    let expiry = now_ms().saturating_add(ttl.as_millis() as u64);
    let mut bytes = Vec::with_capacity(8 + value.len());
    bytes.extend_from_slice(&expiry.to_be_bytes());
    bytes.extend_from_slice(value);
    bytes
}

impl Embedded {
    /// Opens (or creates) `dir/state.redb`.
    pub fn open(dir: &Path) -> Result<Self, OpenError> {
        let shown = dir.display().to_string();
        std::fs::create_dir_all(dir).map_err(|e| OpenError::Unreadable { dir: shown.clone(), why: e.to_string() })?;
        let db = match Database::create(dir.join("state.redb")) {
            Ok(db) => db,
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => return Err(OpenError::Locked { dir: shown }),
            Err(error) => return Err(OpenError::Unreadable { dir: shown, why: error.to_string() }),
        };
        Self::ready(db, &shown)
    }

    /// A store in memory, lost at exit (tests, benchmarks).
    pub fn in_memory() -> Result<Self, OpenError> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| OpenError::Unreadable { dir: "(memory)".into(), why: e.to_string() })?;
        Self::ready(db, "(memory)")
    }

    fn ready(db: Database, shown: &str) -> Result<Self, OpenError> {
        // The table exists from the start, so reads never meet a missing table.
        let unreadable = |e: &dyn std::fmt::Display| OpenError::Unreadable { dir: shown.into(), why: e.to_string() };
        let write = db.begin_write().map_err(|e| unreadable(&e))?;
        write.open_table(STATE).map_err(|e| unreadable(&e))?;
        write.commit().map_err(|e| unreadable(&e))?;
        let store = Self { db: Arc::new(db), instance: random_id() };
        store.spawn_sweep();
        Ok(store)
    }

    fn spawn_sweep(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let db = Arc::downgrade(&self.db);
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(SWEEP_EVERY);
            loop {
                tick.tick().await;
                let Some(db) = db.upgrade() else { return };
                let swept = tokio::task::spawn_blocking(move || sweep(&db)).await;
                if let Ok(Err(error)) = swept {
                    tracing::warn!(%error, "could not sweep the embedded store");
                }
            }
        });
    }

    /// Runs `work` in one write transaction on the blocking pool, and commits it.
    fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut redb::Table<&str, &[u8]>) -> Result<T, redb::StorageError> + Send + 'static,
    ) -> BoxFuture<'static, Result<T, StoreError>> {
        let db = self.db.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let transaction = db.begin_write().map_err(failed)?;
                let out = {
                    let mut table = transaction.open_table(STATE).map_err(failed)?;
                    work(&mut table).map_err(failed)?
                };
                transaction.commit().map_err(failed)?;
                Ok(out)
            })
            .await
            .map_err(failed)?
        }
        .boxed()
    }
}

fn sweep(db: &Database) -> Result<(), StoreError> {
    let now = now_ms();
    let transaction = db.begin_write().map_err(failed)?;
    {
        let mut table = transaction.open_table(STATE).map_err(failed)?;
        table.retain(|_, record| live(record, now).is_some()).map_err(failed)?;
    }
    transaction.commit().map_err(failed)
}

impl Store for Embedded {
    fn engine(&self) -> &'static str {
        ENGINE
    }

    fn put_new<'a>(
        &'a self,
        key: &'a str,
        value: Vec<u8>,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        let key = key.to_owned();
        self.write(move |table| {
            let held = table.get(key.as_str())?.and_then(|r| live(r.value(), now_ms()));
            if held.is_none() {
                table.insert(key.as_str(), record(&value, ttl).as_slice())?;
            }
            Ok(held)
        })
    }

    fn put<'a>(&'a self, key: &'a str, value: Vec<u8>, ttl: Duration) -> BoxFuture<'a, Result<(), StoreError>> {
        let key = key.to_owned();
        self.write(move |table| {
            table.insert(key.as_str(), record(&value, ttl).as_slice())?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        let db = self.db.clone();
        let key = key.to_owned();
        async move {
            tokio::task::spawn_blocking(move || {
                let transaction = db.begin_read().map_err(failed)?;
                let table = transaction.open_table(STATE).map_err(failed)?;
                let found = table.get(key.as_str()).map_err(failed)?;
                Ok(found.and_then(|r| live(r.value(), now_ms())))
            })
            .await
            .map_err(failed)?
        }
        .boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        let key = key.to_owned();
        self.write(move |table| Ok(table.remove(key.as_str())?.and_then(|r| live(r.value(), now_ms()))))
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        let key = key.to_owned();
        self.write(move |table| table.remove(key.as_str()).map(|_| ()))
    }

    fn instance(&self) -> &str {
        &self.instance
    }

    /// One process holds the file: any other owner is a process that ended (a crash, a restart).
    fn is_alive<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<bool, StoreError>> {
        let alive = id == self.instance;
        async move { Ok(alive) }.boxed()
    }

    fn shares_rate_limits(&self) -> bool {
        false
    }

    /// Never called ([`Store::shares_rate_limits`] is false): nothing is limited here.
    fn rate<'a>(&'a self, _: &'a str, _: Quota) -> BoxFuture<'a, Result<Option<Duration>, StoreError>> {
        async { Ok(None) }.boxed()
    }

    fn ping(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        let db = self.db.clone();
        async move {
            tokio::task::spawn_blocking(move || db.begin_read().map(|_| ()).map_err(failed)).await.map_err(failed)?
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn put_new_keeps_the_first_value_and_expired_records_are_gone() {
        let store = Embedded::in_memory().unwrap();
        assert_eq!(store.put_new("k", b"one".to_vec(), Duration::from_secs(60)).await.unwrap(), None);
        assert_eq!(store.put_new("k", b"two".to_vec(), Duration::from_secs(60)).await.unwrap(), Some(b"one".to_vec()));
        assert_eq!(store.take("k").await.unwrap(), Some(b"one".to_vec()));
        assert_eq!(store.take("k").await.unwrap(), None);
        store.put("gone", b"x".to_vec(), Duration::from_millis(1)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(store.get("gone").await.unwrap(), None);
        assert_eq!(store.put_new("gone", b"new".to_vec(), Duration::from_secs(1)).await.unwrap(), None);
    }

    #[test]
    fn a_second_open_of_a_folder_is_refused_and_a_foreign_file_is_unreadable() {
        let dir = std::env::temp_dir().join(format!("swiss-checkout-store-{}", random_id()));
        let first = Embedded::open(&dir).unwrap();
        assert!(matches!(Embedded::open(&dir), Err(OpenError::Locked { .. })));
        drop(first);
        assert!(Embedded::open(&dir).is_ok());
        let other = std::env::temp_dir().join(format!("swiss-checkout-store-{}", random_id()));
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("state.redb"), b"not a database, not at all, but long enough to be read").unwrap();
        assert!(matches!(Embedded::open(&other), Err(OpenError::Unreadable { .. })));
        let _ = std::fs::remove_dir_all(dir);
        let _ = std::fs::remove_dir_all(other);
    }
}
