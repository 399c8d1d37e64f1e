//! Revisions: every saved state of an object, read back from the audit log. Each change writes the object's
//! state after it there, in the change's own transaction, and nothing can alter the log; it is the history,
//! so no second copy is kept.

use crate::queries::Page;
use crate::StoreError;
use rapporteur_core::Paging;
use sqlx::{AnyPool, Row};

/// One saved state: its number (1 for the oldest), when, who, what was done, and the state as JSON.
pub(crate) struct AuditedState {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish, unpublish …
    pub action: String,
    pub after_json: String,
}

/// A page of the saved states of one object, newest first.
pub(crate) async fn audited_states(
    pool: &AnyPool,
    object_kind: &str,
    object_key: &str,
    paging: Paging,
) -> Result<Page<AuditedState>, StoreError> {
    const OF_OBJECT: &str = "FROM audit_log WHERE object_kind = $1 AND object_key = $2 AND after_json IS NOT NULL";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {OF_OBJECT}"))
        .bind(object_kind)
        .bind(object_key)
        .fetch_one(pool)
        .await?;
    let sql = format!(
        "SELECT at, actor, action, after_json {OF_OBJECT} ORDER BY id DESC LIMIT {} OFFSET {}",
        paging.per_page(),
        paging.offset()
    );
    let rows = sqlx::query(&sql).bind(object_kind).bind(object_key).fetch_all(pool).await?;
    // Numbered from the oldest: the newest on this page is the total less the newer ones before it.
    let newest = total - paging.offset() as i64;
    let items = rows
        .iter()
        .zip((1..=newest).rev())
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
    Ok(Page { items, total: total as u64 })
}
