//! The Redis store (also Valkey), for several proxy instances. One multiplexed connection per instance
//! (redis-rs' `ConnectionManager`, which reconnects by itself after Redis went away); every key starts with
//! the deployment's namespace; expiry is Redis' own (`PX`), nothing sweeps.
//!
//! Liveness: each instance holds `{namespace}:instance:{id}`, renewed every third of the lease, so a record
//! an instance left in flight when it died is known as such once its lease has run out.
//!
//! Rate limits: GCRA (the generic cell rate algorithm) in one Lua script, on Redis' clock, so N instances
//! allow together what one allows.

use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{OpenError, Quota, Store, StoreError, random_id};

const ENGINE: &str = "redis";

/// `SET key value NX PX ttl`, answering what the key held when it held something (one round trip, any
/// Redis from 2.6 on; `SET … NX GET` needs 7.0).
const PUT_NEW: &str = r"
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
";

/// GCRA: the bucket is the theoretical arrival time (TAT) in microseconds of Redis' clock. `cost` requests
/// may go when now >= TAT + (cost - 1) * interval - tolerance; they move the TAT cost intervals on. Answers 0
/// (go) or the microseconds to wait.
const GCRA: &str = r"
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allowed_at = tat + (cost - 1) * interval - tolerance
if now < allowed_at then return allowed_at - now end
local next_tat = tat + cost * interval
redis.call('SET', KEYS[1], next_tat, 'PX', math.ceil((next_tat - now) / 1000) + 1)
return 0
";

pub struct RedisStore {
    connection: ConnectionManager,
    namespace: String,
    instance: String,
    put_new: redis::Script,
    gcra: redis::Script,
}

fn failed(error: redis::RedisError) -> StoreError {
    StoreError::Unavailable { engine: ENGINE, why: error.to_string() }
}

impl RedisStore {
    /// Connects lazily: the proxy starts while Redis is down (its routes that need the store answer 503 until
    /// Redis answers), and renews this instance's lease from then on.
    pub fn open(url: &str, namespace: &str, lease: Duration) -> Result<Arc<dyn Store>, OpenError> {
        let client = redis::Client::open(url).map_err(|e| OpenError::RedisUrl(e.to_string()))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_secs(1)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_secs(2));
        let connection =
            ConnectionManager::new_lazy_with_config(client, config).map_err(|e| OpenError::RedisUrl(e.to_string()))?;
        let store = Arc::new(Self {
            connection,
            namespace: namespace.to_owned(),
            instance: random_id(),
            put_new: redis::Script::new(PUT_NEW),
            gcra: redis::Script::new(GCRA),
        });
        let renewing = Arc::downgrade(&store);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(lease / 3);
            loop {
                tick.tick().await;
                let Some(store) = renewing.upgrade() else { return };
                let key = store.key(&format!("instance:{}", store.instance));
                let renewed = redis::cmd("SET")
                    .arg(&key)
                    .arg(1)
                    .arg("PX")
                    .arg(lease.as_millis() as u64)
                    .query_async::<()>(&mut store.connection.clone())
                    .await;
                if let Err(error) = renewed {
                    tracing::warn!(%error, "cannot renew this instance's lease in Redis");
                }
            }
        });
        Ok(store)
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.namespace)
    }
}

impl Store for RedisStore {
    fn engine(&self) -> &'static str {
        ENGINE
    }

    fn put_new<'a>(
        &'a self,
        key: &'a str,
        value: Vec<u8>,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        async move {
            let mut connection = self.connection.clone();
            self.put_new
                .key(self.key(key))
                .arg(value)
                .arg(ttl.as_millis() as u64)
                .invoke_async(&mut connection)
                .await
                .map_err(failed)
        }
        .boxed()
    }

    fn put<'a>(&'a self, key: &'a str, value: Vec<u8>, ttl: Duration) -> BoxFuture<'a, Result<(), StoreError>> {
        async move {
            redis::cmd("SET")
                .arg(self.key(key))
                .arg(value)
                .arg("PX")
                .arg(ttl.as_millis() as u64)
                .query_async(&mut self.connection.clone())
                .await
                .map_err(failed)
        }
        .boxed()
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        async move {
            redis::cmd("GET").arg(self.key(key)).query_async(&mut self.connection.clone()).await.map_err(failed)
        }
        .boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        async move {
            redis::cmd("GETDEL").arg(self.key(key)).query_async(&mut self.connection.clone()).await.map_err(failed)
        }
        .boxed()
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        async move {
            redis::cmd("DEL").arg(self.key(key)).query_async(&mut self.connection.clone()).await.map_err(failed)
        }
        .boxed()
    }

    fn instance(&self) -> &str {
        &self.instance
    }

    fn is_alive<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<bool, StoreError>> {
        async move {
            if id == self.instance {
                return Ok(true);
            }
            redis::cmd("EXISTS")
                .arg(self.key(&format!("instance:{id}")))
                .query_async::<u32>(&mut self.connection.clone())
                .await
                .map(|n| n > 0)
                .map_err(failed)
        }
        .boxed()
    }

    fn shares_rate_limits(&self) -> bool {
        true
    }

    fn rate<'a>(&'a self, key: &'a str, quota: Quota) -> BoxFuture<'a, Result<Option<Duration>, StoreError>> {
        async move {
            let interval = quota.interval.as_micros() as u64;
            let tolerance = interval.saturating_mul(u64::from(quota.burst.saturating_sub(1)));
            let wait: u64 = self
                .gcra
                .key(self.key(&format!("rate:{key}")))
                .arg(interval)
                .arg(tolerance)
                .arg(quota.cost.max(1))
                .invoke_async(&mut self.connection.clone())
                .await
                .map_err(failed)?;
            Ok((wait > 0).then(|| Duration::from_micros(wait)))
        }
        .boxed()
    }

    fn ping(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        async move { redis::cmd("PING").query_async::<()>(&mut self.connection.clone()).await.map_err(failed) }.boxed()
    }
}
