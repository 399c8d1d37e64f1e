//! Counting hits per key in fixed windows, for limits on guessing and flooding that hold across requests
//! running at once and across servers on one store: each hit is counted and read back in one statement, so
//! no two requests can both see the last free place.

use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sqlx::Row;

/// The hits of a key in its current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hits {
    /// Hits in the window, the one just counted included.
    pub count: u64,
    /// When the window ends and the count starts again from nothing.
    pub window_ends: DateTime<Utc>,
}

/// Hits per key.
#[async_trait]
pub trait RateLimits: Send + Sync {
    /// Counts one hit on `key` and returns the hits of its window. A window opens at a key's first hit and
    /// lasts `window`; the first hit after it ends opens the next one.
    async fn hit(&self, key: &str, window: Duration) -> Result<Hits, StoreError>;
    /// Takes one hit back (a hit counted before its outcome was known, which turned out not to count).
    async fn take_back(&self, key: &str) -> Result<(), StoreError>;
    /// Forgets every hit on `key`.
    async fn forget_hits(&self, key: &str) -> Result<(), StoreError>;
    /// Forgets the keys whose window opened before `before`; returns how many.
    async fn prune_hits(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[async_trait]
impl RateLimits for SqlStore {
    async fn hit(&self, key: &str, window: Duration) -> Result<Hits, StoreError> {
        let now = self.now();
        // One statement: the database counts the hit and returns the count under its own lock of the row.
        // The stored times are RFC 3339 text in UTC with milliseconds, so they compare as text.
        let row = sqlx::query(
            "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
               window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
             RETURNING hits, window_start",
        )
        .bind(key)
        .bind(stamp(now))
        .bind(stamp(now - window))
        .fetch_one(&self.pool)
        .await?;
        let hits: i64 = row.try_get("hits")?;
        let start: String = row.try_get("window_start")?;
        let start = DateTime::parse_from_rfc3339(&start)
            .map_err(|e| StoreError::Corrupt {
                kind: "rate limit",
                key: key.to_owned(),
                field: "window_start",
                reason: e.to_string(),
            })?
            .with_timezone(&Utc);
        Ok(Hits { count: hits.max(0) as u64, window_ends: start + window })
    }

    async fn take_back(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn forget_hits(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(key).execute(&self.pool).await?;
        Ok(())
    }

    async fn prune_hits(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(stamp(before))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
