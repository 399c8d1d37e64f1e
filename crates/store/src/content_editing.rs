//! Editing calls, news and instruments: create, update, publish, unpublish, every change audited with the
//! item's state after it in the change's own transaction; the audit log is the items' revision history. Projects, with their partners, have their own
//! module ([`crate::editing`]); these three share one shape and one revision table.

use crate::accounts::{audit, Actor};
use crate::revisions::{audited_states, lock_row};
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::{Call, Instrument, NewsItem, Slug};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

/// The kinds of content that editors write here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditableKind {
    Call,
    News,
    Instrument,
}

impl EditableKind {
    pub const ALL: [EditableKind; 3] = [EditableKind::Call, EditableKind::News, EditableKind::Instrument];

    /// The name used in revisions and in the audit log.
    pub fn code(self) -> &'static str {
        match self {
            EditableKind::Call => "call",
            EditableKind::News => "news",
            EditableKind::Instrument => "instrument",
        }
    }

    fn table(self) -> &'static str {
        match self {
            EditableKind::Call => "calls",
            EditableKind::News => "news",
            EditableKind::Instrument => "instruments",
        }
    }

    /// How the editors' list orders items: calls by deadline, news by date, instruments as bundled.
    fn order(self) -> &'static str {
        match self {
            EditableKind::Call => "deadline_utc DESC, slug",
            EditableKind::News => "sort_date DESC, slug",
            EditableKind::Instrument => "id",
        }
    }

    fn decode(self, row: &AnyRow) -> Result<EditableItem, StoreError> {
        Ok(match self {
            EditableKind::Call => EditableItem::Call(crate::rows::call(row)?),
            EditableKind::News => EditableItem::News(crate::rows::news(row)?),
            EditableKind::Instrument => EditableItem::Instrument(crate::rows::instrument(row)?),
        })
    }
}

/// One call, news item or instrument; its kind goes with it, so no call is ever saved as news.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EditableItem {
    Call(Call),
    News(NewsItem),
    Instrument(Instrument),
}

impl EditableItem {
    pub fn kind(&self) -> EditableKind {
        match self {
            EditableItem::Call(_) => EditableKind::Call,
            EditableItem::News(_) => EditableKind::News,
            EditableItem::Instrument(_) => EditableKind::Instrument,
        }
    }

    pub fn slug(&self) -> &Slug {
        match self {
            EditableItem::Call(c) => &c.slug,
            EditableItem::News(n) => &n.slug,
            EditableItem::Instrument(i) => &i.slug,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            EditableItem::Call(c) => &c.title,
            EditableItem::News(n) => &n.title,
            EditableItem::Instrument(i) => &i.title,
        }
    }

    pub fn published(&self) -> bool {
        match self {
            EditableItem::Call(c) => c.published,
            EditableItem::News(n) => n.published,
            EditableItem::Instrument(i) => i.published,
        }
    }

    fn set_published(&mut self, published: bool) {
        match self {
            EditableItem::Call(c) => c.published = published,
            EditableItem::News(n) => n.published = published,
            EditableItem::Instrument(i) => i.published = published,
        }
    }

    fn snapshot(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("content serialises")
    }

    fn from_snapshot(kind: EditableKind, json: &str) -> Result<Self, serde_json::Error> {
        Ok(match kind {
            EditableKind::Call => EditableItem::Call(serde_json::from_str(json)?),
            EditableKind::News => EditableItem::News(serde_json::from_str(json)?),
            EditableKind::Instrument => EditableItem::Instrument(serde_json::from_str(json)?),
        })
    }
}

/// One saved state of a call, news item or instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRevision {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub item: EditableItem,
}

/// What editors do to calls, news and instruments.
#[async_trait]
pub trait ContentEditing: Send + Sync {
    /// Every item of a kind, published or not (for editors), in the public order.
    async fn list_items_for_editing(&self, kind: EditableKind) -> Result<Vec<EditableItem>, StoreError>;
    /// One item whether published or not.
    async fn find_item_for_editing(&self, kind: EditableKind, slug: &Slug) -> Result<Option<EditableItem>, StoreError>;
    /// Adds an item (published or as a draft, as the item says); `Conflict` if the slug is taken.
    async fn create_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError>;
    /// Replaces an item's content (its publication state stays); `NotFound` if there is none.
    async fn update_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError>;
    /// Shows or hides an item.
    async fn set_item_published(
        &self,
        actor: &Actor,
        kind: EditableKind,
        slug: &Slug,
        published: bool,
    ) -> Result<EditableItem, StoreError>;
    /// Every revision, newest first.
    async fn list_item_revisions(&self, kind: EditableKind, slug: &Slug) -> Result<Vec<ItemRevision>, StoreError>;
}

/// What to do when the slug is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnExisting {
    /// Leave the stored item (seeding the bundle again).
    Skip,
    /// Refuse with a unique violation (creating).
    Refuse,
    /// Overwrite every column (updating).
    Replace,
}

impl OnExisting {
    fn clause(self, columns: &[&str]) -> String {
        match self {
            OnExisting::Skip => " ON CONFLICT (slug) DO NOTHING".to_owned(),
            OnExisting::Refuse => String::new(),
            OnExisting::Replace => {
                let set: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
                format!(" ON CONFLICT (slug) DO UPDATE SET {}", set.join(", "))
            }
        }
    }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

fn insert_sql(table: &str, columns: &[&str], on_existing: OnExisting) -> String {
    let marks: Vec<String> = (1..=columns.len() + 1).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} (slug, {}) VALUES ({}){}",
        columns.join(", "),
        marks.join(", "),
        on_existing.clause(columns)
    )
}

const CALL_COLUMNS: [&str; 13] = [
    "kind",
    "fund",
    "title",
    "topic",
    "work_programme",
    "deadline",
    "deadline_utc",
    "deadline_as_written",
    "summary",
    "eligible_member_states",
    "errata",
    "instruments",
    "published",
];

/// Writes one item; returns how many rows changed (0 when skipped).
pub(crate) async fn write_item_on(
    conn: &mut AnyConnection,
    item: &EditableItem,
    on_existing: OnExisting,
) -> Result<u64, StoreError> {
    let done = match item {
        EditableItem::Call(c) => {
            let eligible: Vec<&str> = c.eligible_member_states.iter().map(|m| m.iso()).collect();
            sqlx::query(&insert_sql("calls", &CALL_COLUMNS, on_existing))
                .bind(c.slug.as_str())
                .bind(c.kind.code())
                .bind(c.fund.clone())
                .bind(c.title.as_str())
                .bind(c.topic.clone())
                .bind(c.work_programme.clone())
                .bind(c.deadline.to_storage_string())
                .bind(c.deadline.instant().format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .bind(c.deadline_as_written.as_str())
                .bind(json(&c.summary))
                .bind(json(&eligible))
                .bind(json(&c.errata))
                .bind(json(&c.instruments))
                .bind(i64::from(c.published))
                .execute(&mut *conn)
                .await
        }
        EditableItem::News(n) => {
            let columns = ["title", "date", "sort_date", "body", "instruments", "agencies", "published"];
            sqlx::query(&insert_sql("news", &columns, on_existing))
                .bind(n.slug.as_str())
                .bind(n.title.as_str())
                .bind(n.date.to_string())
                .bind(n.date.first_day().format("%Y-%m-%d").to_string())
                .bind(json(&n.body))
                .bind(json(&n.instruments))
                .bind(json(&n.agencies))
                .bind(i64::from(n.published))
                .execute(&mut *conn)
                .await
        }
        EditableItem::Instrument(i) => {
            let columns = ["kind", "title", "reference", "date", "summary", "articles", "published"];
            sqlx::query(&insert_sql("instruments", &columns, on_existing))
                .bind(i.slug.as_str())
                .bind(i.kind.code())
                .bind(i.title.as_str())
                .bind(i.reference.clone())
                .bind(i.date.map(|d| d.to_string()))
                .bind(json(&i.summary))
                .bind(json(&i.articles))
                .bind(i64::from(i.published))
                .execute(&mut *conn)
                .await
        }
    };
    match done {
        Ok(result) => Ok(result.rows_affected()),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            Err(StoreError::Conflict { kind: item.kind().code(), key: item.slug().to_string() })
        }
        Err(e) => Err(e.into()),
    }
}

async fn find_on(
    conn: &mut AnyConnection,
    kind: EditableKind,
    slug: &Slug,
) -> Result<Option<EditableItem>, StoreError> {
    let sql = format!("SELECT * FROM {} WHERE slug = $1", kind.table());
    sqlx::query(&sql).bind(slug.as_str()).fetch_optional(&mut *conn).await?.map(|row| kind.decode(&row)).transpose()
}

async fn existing_on(conn: &mut AnyConnection, kind: EditableKind, slug: &Slug) -> Result<EditableItem, StoreError> {
    find_on(conn, kind, slug).await?.ok_or_else(|| StoreError::NotFound { kind: kind.code(), key: slug.to_string() })
}

/// Audits a change with the item's state after it: its next revision.
async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    before: Option<&EditableItem>,
    after: &EditableItem,
) -> Result<(), StoreError> {
    let (kind, key) = (after.kind().code(), after.slug().as_str());
    audit(conn, actor, action, kind, key, before.map(EditableItem::snapshot), Some(after.snapshot())).await
}

/// The item after taking its row for this transaction; `NotFound` if there is none.
async fn locked(conn: &mut AnyConnection, kind: EditableKind, slug: &Slug) -> Result<EditableItem, StoreError> {
    if !lock_row(conn, kind.table(), slug.as_str()).await? {
        return Err(StoreError::NotFound { kind: kind.code(), key: slug.to_string() });
    }
    existing_on(conn, kind, slug).await
}

#[async_trait]
impl ContentEditing for SqlStore {
    async fn list_items_for_editing(&self, kind: EditableKind) -> Result<Vec<EditableItem>, StoreError> {
        let sql = format!("SELECT * FROM {} ORDER BY published ASC, {}", kind.table(), kind.order());
        sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(|row| kind.decode(row)).collect()
    }

    async fn find_item_for_editing(&self, kind: EditableKind, slug: &Slug) -> Result<Option<EditableItem>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        find_on(&mut conn, kind, slug).await
    }

    async fn create_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError> {
        let mut tx = self.pool.begin().await?;
        write_item_on(&mut tx, item, OnExisting::Refuse).await?;
        let created = existing_on(&mut tx, item.kind(), item.slug()).await?;
        record(&mut tx, actor, "create", None, &created).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before = locked(&mut tx, item.kind(), item.slug()).await?;
        let mut next = item.clone();
        next.set_published(before.published());
        write_item_on(&mut tx, &next, OnExisting::Replace).await?;
        let after = existing_on(&mut tx, item.kind(), item.slug()).await?;
        record(&mut tx, actor, "update", Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_item_published(
        &self,
        actor: &Actor,
        kind: EditableKind,
        slug: &Slug,
        published: bool,
    ) -> Result<EditableItem, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before = locked(&mut tx, kind, slug).await?;
        let sql = format!("UPDATE {} SET published = $1 WHERE slug = $2", kind.table());
        sqlx::query(&sql).bind(i64::from(published)).bind(slug.as_str()).execute(&mut *tx).await?;
        let after = existing_on(&mut tx, kind, slug).await?;
        record(&mut tx, actor, if published { "publish" } else { "unpublish" }, Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn list_item_revisions(&self, kind: EditableKind, slug: &Slug) -> Result<Vec<ItemRevision>, StoreError> {
        audited_states(&self.pool, kind.code(), slug.as_str())
            .await?
            .into_iter()
            .map(|s| {
                Ok(ItemRevision {
                    item: EditableItem::from_snapshot(kind, &s.after_json).map_err(|e| StoreError::Corrupt {
                        kind: "content revision",
                        key: format!("{} {slug}", kind.code()),
                        field: "after_json",
                        reason: e.to_string(),
                    })?,
                    revision: s.revision,
                    at: s.at,
                    actor: s.actor,
                    action: s.action,
                })
            })
            .collect()
    }
}
