//! The change log: which items of the public content changed, for every server to refresh what it keeps in
//! memory (rendered pages, the search index), whichever process made the change. Triggers write it in the
//! transaction of each change (see the `changes` migration), so no write path can forget it.

use crate::{Backend, SqlStore, StoreError};
use async_trait::async_trait;
use sqlx::Row;

/// Where a reader of the change log stands: every change before it has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangeCursor(i64);

/// One changed item: its kind ("project", "call", "news", "instrument", "member_state", "application" …)
/// and its key (a slug, a Member State's code, an id); `id` tells one entry of the log from another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    pub id: i64,
    pub kind: String,
    pub key: String,
}

/// The changes after a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeBatch {
    /// Every change read, oldest first; empty when there were more than the reader wanted (`complete` is
    /// then false, and the reader should reload everything).
    pub changes: Vec<Change>,
    /// Changes committed after the settled point (PostgreSQL, while an older transaction still runs): they
    /// are there to apply now, and will come again among `changes` once everything before them has settled.
    /// A reader that applies each item's current state may apply them at once and skip them when they come
    /// again; so a server reads back its own change at once, whatever else is running.
    pub ahead: Vec<Change>,
    pub complete: bool,
    /// Where to read from next time.
    pub next: ChangeCursor,
}

/// Reading the change log.
#[async_trait]
pub trait ChangeLog: Send + Sync {
    /// The cursor after every change settled so far: a reader starting here sees only later ones.
    async fn change_cursor(&self) -> Result<ChangeCursor, StoreError>;
    /// The changes settled since `cursor`; more than `limit` come back as an incomplete batch.
    async fn changes_since(&self, cursor: ChangeCursor, limit: u32) -> Result<ChangeBatch, StoreError>;
    /// Deletes changes older than a day (every server reads them within seconds); returns how many.
    async fn prune_changes(&self) -> Result<u64, StoreError>;
}

impl SqlStore {
    /// On PostgreSQL, the oldest transaction still running: every transaction before it has committed or
    /// rolled back, so its changes are there to read or never will be.
    async fn settled_txid(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("xmin")?)
    }
}

#[async_trait]
impl ChangeLog for SqlStore {
    async fn change_cursor(&self) -> Result<ChangeCursor, StoreError> {
        match self.backend() {
            // One writer at a time: ids are handed out in the order the changes commit.
            Backend::Sqlite => {
                let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM changes").fetch_one(&self.pool).await?;
                Ok(ChangeCursor(row.try_get("id")?))
            }
            Backend::Postgres => Ok(ChangeCursor(self.settled_txid().await?)),
        }
    }

    async fn changes_since(&self, cursor: ChangeCursor, limit: u32) -> Result<ChangeBatch, StoreError> {
        let (sql, upto) = match self.backend() {
            Backend::Sqlite => ("SELECT id, kind, key FROM changes WHERE id > $1 ORDER BY id LIMIT $2", None),
            Backend::Postgres => {
                let settled = self.settled_txid().await?;
                (
                    "SELECT id, kind, key FROM changes WHERE txid >= $1 AND txid < $3 ORDER BY txid, id LIMIT $2",
                    Some(settled),
                )
            }
        };
        let mut query = sqlx::query(sql).bind(cursor.0).bind(i64::from(limit) + 1);
        if let Some(settled) = upto {
            query = query.bind(settled);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let complete = rows.len() <= limit as usize;
        let next = match upto {
            Some(settled) => ChangeCursor(settled),
            None if complete => ChangeCursor(rows.last().map(|r| r.try_get("id")).transpose()?.unwrap_or(cursor.0)),
            None => self.change_cursor().await?,
        };
        let change = |r: &sqlx::any::AnyRow| -> Result<Change, sqlx::Error> {
            Ok(Change { id: r.try_get("id")?, kind: r.try_get("kind")?, key: r.try_get("key")? })
        };
        let changes = if complete { rows.iter().map(change).collect::<Result<_, _>>()? } else { Vec::new() };
        // Committed after the settled point: what READ COMMITTED already shows of transactions younger than
        // the oldest one still running.
        let ahead = match upto {
            Some(settled) if complete => {
                sqlx::query("SELECT id, kind, key FROM changes WHERE txid >= $1 ORDER BY txid, id LIMIT $2")
                    .bind(settled)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(change)
                    .collect::<Result<_, _>>()?
            }
            _ => Vec::new(),
        };
        Ok(ChangeBatch { changes, ahead, complete, next })
    }

    async fn prune_changes(&self) -> Result<u64, StoreError> {
        // The database's own clock: the rows are dated by it (the triggers know no other).
        let sql = match self.backend() {
            Backend::Sqlite => "DELETE FROM changes WHERE at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')",
            Backend::Postgres => "DELETE FROM changes WHERE at < now() - interval '1 day'",
        };
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }
}
