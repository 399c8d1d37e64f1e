//! Revisions: every saved state of an object, read back from the audit log. Each change writes the object's
//! state after it there, in the change's own transaction, and nothing can alter the log; it is the history,
//! so no second copy is kept.

use crate::StoreError;
use sqlx::{AnyConnection, AnyPool, Row};

/// One saved state: its number (1 for the oldest), when, who, what was done, and the state as JSON.
pub(crate) struct AuditedState {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish, unpublish …
    pub action: String,
    pub after_json: String,
}

/// Every saved state of one object, newest first.
pub(crate) async fn audited_states(
    pool: &AnyPool,
    object_kind: &str,
    object_key: &str,
) -> Result<Vec<AuditedState>, StoreError> {
    let rows = sqlx::query(
        "SELECT at, actor, action, after_json FROM audit_log \
         WHERE object_kind = $1 AND object_key = $2 AND after_json IS NOT NULL ORDER BY id",
    )
    .bind(object_kind)
    .bind(object_key)
    .fetch_all(pool)
    .await?;
    let mut states = rows
        .iter()
        .zip(1..)
        .map(|(row, revision)| {
            Ok(AuditedState {
                revision,
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                after_json: row.try_get("after_json")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    states.reverse();
    Ok(states)
}

/// Takes an object's row for the rest of the transaction before the change reads it, so that two changes of
/// one object run one after the other and neither works from a state the other has just replaced (PostgreSQL
/// locks the row, SQLite the database). False when there is no such row.
pub(crate) async fn lock_row(conn: &mut AnyConnection, table: &str, slug: &str) -> Result<bool, StoreError> {
    let sql = format!("UPDATE {table} SET slug = slug WHERE slug = $1");
    Ok(sqlx::query(&sql).bind(slug).execute(&mut *conn).await?.rows_affected() > 0)
}
