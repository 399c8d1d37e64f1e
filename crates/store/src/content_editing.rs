//! Editing projects, calls, news and instruments: create, update, publish, unpublish, every change audited
//! with the item's state after it in the change's own transaction; the audit log is the items' revision
//! history. One write path per kind serves seeding, bulk loads and editors alike.

use crate::accounts::{audit, Actor};
use crate::content::insert_partners_on;
use crate::queries::Page;
use crate::revisions::audited_states;
use crate::rows::erc_grant_code;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::editing::{ContentKind, Editable};
use rapporteur_core::{Call, Instrument, NewsItem, Paging, Project, Slug};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn table(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Project => "projects",
        ContentKind::Call => "calls",
        ContentKind::News => "news",
        ContentKind::Instrument => "instruments",
    }
}

/// How the editors' list orders items after the unpublished ones: as the public lists do.
fn order(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Project => "sort_title, id",
        ContentKind::Call => "deadline_utc DESC, slug",
        ContentKind::News => "sort_date DESC, slug",
        ContentKind::Instrument => "id",
    }
}

/// One project, call, news item or instrument; its kind goes with it, so no call is ever saved as news.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[expect(clippy::large_enum_variant, reason = "an item is made once per change and moved, never kept in bulk")]
pub enum EditableItem {
    Project(Project),
    Call(Call),
    News(NewsItem),
    Instrument(Instrument),
}

/// Calls `$body` with the item inside, whatever its kind (`$item` is bound to it).
macro_rules! each_kind {
    ($value:expr, $item:ident => $body:expr) => {
        match $value {
            EditableItem::Project($item) => $body,
            EditableItem::Call($item) => $body,
            EditableItem::News($item) => $body,
            EditableItem::Instrument($item) => $body,
        }
    };
}

impl EditableItem {
    pub fn kind(&self) -> ContentKind {
        match self {
            EditableItem::Project(_) => ContentKind::Project,
            EditableItem::Call(_) => ContentKind::Call,
            EditableItem::News(_) => ContentKind::News,
            EditableItem::Instrument(_) => ContentKind::Instrument,
        }
    }

    pub fn slug(&self) -> &Slug {
        each_kind!(self, item => item.slug())
    }

    pub fn title(&self) -> &str {
        each_kind!(self, item => item.title())
    }

    pub fn published(&self) -> bool {
        each_kind!(self, item => item.is_published())
    }

    /// Takes over what a change of content never changes from the stored item (see
    /// [`Editable::keep_server_fields`]); items of another kind are left as they are.
    fn keep_server_fields(&mut self, current: &EditableItem) {
        match (self, current) {
            (EditableItem::Project(next), EditableItem::Project(before)) => next.keep_server_fields(before),
            (EditableItem::Call(next), EditableItem::Call(before)) => next.keep_server_fields(before),
            (EditableItem::News(next), EditableItem::News(before)) => next.keep_server_fields(before),
            (EditableItem::Instrument(next), EditableItem::Instrument(before)) => next.keep_server_fields(before),
            _ => {}
        }
    }

    fn snapshot(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("content serialises")
    }

    fn from_snapshot(kind: ContentKind, json: &str) -> Result<Self, serde_json::Error> {
        Ok(match kind {
            ContentKind::Project => EditableItem::Project(serde_json::from_str(json)?),
            ContentKind::Call => EditableItem::Call(serde_json::from_str(json)?),
            ContentKind::News => EditableItem::News(serde_json::from_str(json)?),
            ContentKind::Instrument => EditableItem::Instrument(serde_json::from_str(json)?),
        })
    }
}

impl From<Project> for EditableItem {
    fn from(p: Project) -> Self {
        EditableItem::Project(p)
    }
}
impl From<Call> for EditableItem {
    fn from(c: Call) -> Self {
        EditableItem::Call(c)
    }
}
impl From<NewsItem> for EditableItem {
    fn from(n: NewsItem) -> Self {
        EditableItem::News(n)
    }
}
impl From<Instrument> for EditableItem {
    fn from(i: Instrument) -> Self {
        EditableItem::Instrument(i)
    }
}

/// One saved state of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRevision {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub item: EditableItem,
}

/// What editors do to projects, calls, news and instruments.
#[async_trait]
pub trait ContentEditing: Send + Sync {
    /// Items of a kind, published or not (for editors): unpublished ones first, then in the public order.
    async fn list_items_for_editing(&self, kind: ContentKind, paging: Paging)
        -> Result<Page<EditableItem>, StoreError>;
    /// One item whether published or not.
    async fn find_item_for_editing(&self, kind: ContentKind, slug: &Slug) -> Result<Option<EditableItem>, StoreError>;
    /// Adds an item (published or as a draft, as the item says); `Conflict` if the slug is taken.
    async fn create_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError>;
    /// Replaces an item's content; what the server keeps (publication, provenance) stays. `NotFound` if
    /// there is none.
    async fn update_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError>;
    /// Shows or hides an item.
    async fn set_item_published(
        &self,
        actor: &Actor,
        kind: ContentKind,
        slug: &Slug,
        published: bool,
    ) -> Result<EditableItem, StoreError>;
    /// Every revision, newest first.
    /// A page of the item's revisions, newest first.
    async fn list_item_revisions(
        &self,
        kind: ContentKind,
        slug: &Slug,
        paging: Paging,
    ) -> Result<Page<ItemRevision>, StoreError>;
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

const PROJECT_COLUMNS: [&str; 28] = [
    "acronym",
    "title",
    "sort_title",
    "reference",
    "programme",
    "call_id",
    "erc_grant",
    "grant_number",
    "lead_role",
    "lead_as_written",
    "lead_name",
    "lead_address",
    "lead_country",
    "principal_investigator",
    "budget_cents",
    "budget_as_written",
    "start_date",
    "end_date",
    "duration_months",
    "timeframe_as_written",
    "partners_note",
    "objectives",
    "mid_term_summary",
    "trafficking_link",
    "publications",
    "links_lost",
    "synthetic",
    "published",
];

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

/// The statement that writes one project row and returns its id (none when skipped). A replacement updates
/// the row in place, so it keeps its id, its partners' rows find it again, and a change waiting on its lock
/// finds it still there.
fn project_sql(on_existing: OnExisting) -> String {
    format!("{} RETURNING id", insert_sql("projects", &PROJECT_COLUMNS, on_existing))
}

/// Writes a project row and its partners; returns its id, or `None` when skipped.
pub(crate) async fn write_project_on(
    conn: &mut AnyConnection,
    p: &Project,
    on_existing: OnExisting,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(&project_sql(on_existing))
        .bind(p.slug.as_str())
        .bind(p.acronym.clone())
        .bind(p.title.as_str())
        .bind(p.short_name().to_lowercase())
        .bind(p.reference.as_written.as_str())
        .bind(p.reference.programme.code())
        .bind(p.reference.call.clone())
        .bind(p.reference.erc_grant.map(|g| erc_grant_code(g).to_owned()))
        .bind(i64::from(p.reference.grant_number))
        .bind(p.lead.role.code())
        .bind(p.lead.as_written.as_str())
        .bind(p.lead.name.clone())
        .bind(p.lead.address.clone())
        .bind(p.lead.country.map(|c| c.iso().to_owned()))
        .bind(p.principal_investigator.clone())
        .bind(p.budget.map(|b| b.cents()))
        .bind(p.budget_as_written.clone())
        .bind(p.start_date.map(|d| d.format("%Y-%m-%d").to_string()))
        .bind(p.end_date.map(|d| d.format("%Y-%m-%d").to_string()))
        .bind(p.duration_months.map(i64::from))
        .bind(p.timeframe_as_written.clone())
        .bind(p.partners_note.clone())
        .bind(json(&p.objectives))
        .bind(json(&p.mid_term_summary))
        .bind(json(&p.trafficking_link))
        .bind(p.publications.clone())
        .bind(json(&p.links_lost))
        .bind(i64::from(p.synthetic))
        .bind(i64::from(p.published))
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    insert_partners_on(conn, id, p, on_existing == OnExisting::Replace).await?;
    Ok(Some(id))
}

/// Writes one item; returns how many rows changed (0 when skipped).
pub(crate) async fn write_item_on(
    conn: &mut AnyConnection,
    item: &EditableItem,
    on_existing: OnExisting,
) -> Result<u64, StoreError> {
    let done = match item {
        EditableItem::Project(p) => write_project_on(conn, p, on_existing).await.map(|id| u64::from(id.is_some())),
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
                .map(|r| r.rows_affected())
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
                .map(|r| r.rows_affected())
        }
        EditableItem::Instrument(i) => {
            let columns = ["kind", "title", "reference", "celex", "date", "summary", "articles", "published"];
            sqlx::query(&insert_sql("instruments", &columns, on_existing))
                .bind(i.slug.as_str())
                .bind(i.kind.code())
                .bind(i.title.as_str())
                .bind(i.reference.clone())
                .bind(i.celex.as_ref().map(|c| c.as_str().to_owned()))
                .bind(i.date.map(|d| d.to_string()))
                .bind(json(&i.summary))
                .bind(json(&i.articles))
                .bind(i64::from(i.published))
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected())
        }
    };
    match done {
        Ok(rows) => Ok(rows),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            Err(StoreError::Conflict { kind: item.kind().code(), key: item.slug().to_string() })
        }
        Err(e) => Err(e.into()),
    }
}

impl SqlStore {
    /// The columns to select for a kind (a project's partners come back as one JSON aggregate).
    fn columns(&self, kind: ContentKind) -> &'static str {
        match kind {
            ContentKind::Project => self.project_columns(),
            _ => "*",
        }
    }

    fn decode(kind: ContentKind, row: &AnyRow) -> Result<EditableItem, StoreError> {
        Ok(match kind {
            ContentKind::Project => EditableItem::Project(crate::rows::project(row)?),
            ContentKind::Call => EditableItem::Call(crate::rows::call(row)?),
            ContentKind::News => EditableItem::News(crate::rows::news(row)?),
            ContentKind::Instrument => EditableItem::Instrument(crate::rows::instrument(row)?),
        })
    }

    async fn find_on(
        &self,
        conn: &mut AnyConnection,
        kind: ContentKind,
        slug: &Slug,
    ) -> Result<Option<EditableItem>, StoreError> {
        let sql = format!("SELECT {} FROM {} WHERE slug = $1", self.columns(kind), table(kind));
        let row = sqlx::query(&sql).bind(slug.as_str()).fetch_optional(&mut *conn).await?;
        row.map(|row| Self::decode(kind, &row)).transpose()
    }

    async fn existing_on(
        &self,
        conn: &mut AnyConnection,
        kind: ContentKind,
        slug: &Slug,
    ) -> Result<EditableItem, StoreError> {
        self.find_on(conn, kind, slug)
            .await?
            .ok_or_else(|| StoreError::NotFound { kind: kind.code(), key: slug.to_string() })
    }

    /// The item, taken for the rest of this transaction; `NotFound` if there is none.
    async fn locked(
        &self,
        conn: &mut AnyConnection,
        kind: ContentKind,
        slug: &Slug,
    ) -> Result<EditableItem, StoreError> {
        self.lock_object(conn, kind.code(), slug.as_str()).await?;
        self.existing_on(conn, kind, slug).await
    }

    /// Audits a change with the item's state after it: its next revision.
    async fn record(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        action: &str,
        before: Option<&EditableItem>,
        after: &EditableItem,
    ) -> Result<(), StoreError> {
        let (kind, key) = (after.kind().code(), after.slug().as_str());
        audit(conn, self.now(), actor, action, kind, key, before.map(EditableItem::snapshot), Some(after.snapshot()))
            .await
    }
}

#[async_trait]
impl ContentEditing for SqlStore {
    async fn list_items_for_editing(
        &self,
        kind: ContentKind,
        paging: Paging,
    ) -> Result<Page<EditableItem>, StoreError> {
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {}", table(kind)))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let sql = format!(
            "SELECT {} FROM {} ORDER BY published ASC, {} LIMIT {} OFFSET {}",
            self.columns(kind),
            table(kind),
            order(kind),
            paging.per_page(),
            paging.offset()
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        let items = rows.iter().map(|row| Self::decode(kind, row)).collect::<Result<_, _>>()?;
        Ok(Page { items, total: total as u64 })
    }

    async fn find_item_for_editing(&self, kind: ContentKind, slug: &Slug) -> Result<Option<EditableItem>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        self.find_on(&mut conn, kind, slug).await
    }

    async fn create_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError> {
        let mut tx = self.begin_writing().await?;
        write_item_on(&mut tx, item, OnExisting::Refuse).await?;
        let created = self.existing_on(&mut tx, item.kind(), item.slug()).await?;
        self.record(&mut tx, actor, "create", None, &created).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update_item(&self, actor: &Actor, item: &EditableItem) -> Result<EditableItem, StoreError> {
        let mut tx = self.begin_writing().await?;
        let before = self.locked(&mut tx, item.kind(), item.slug()).await?;
        let mut next = item.clone();
        next.keep_server_fields(&before);
        write_item_on(&mut tx, &next, OnExisting::Replace).await?;
        let after = self.existing_on(&mut tx, item.kind(), item.slug()).await?;
        self.record(&mut tx, actor, "update", Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_item_published(
        &self,
        actor: &Actor,
        kind: ContentKind,
        slug: &Slug,
        published: bool,
    ) -> Result<EditableItem, StoreError> {
        let mut tx = self.begin_writing().await?;
        let before = self.locked(&mut tx, kind, slug).await?;
        let sql = format!("UPDATE {} SET published = $1 WHERE slug = $2", table(kind));
        sqlx::query(&sql).bind(i64::from(published)).bind(slug.as_str()).execute(&mut *tx).await?;
        let after = self.existing_on(&mut tx, kind, slug).await?;
        self.record(&mut tx, actor, if published { "publish" } else { "unpublish" }, Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn list_item_revisions(
        &self,
        kind: ContentKind,
        slug: &Slug,
        paging: Paging,
    ) -> Result<Page<ItemRevision>, StoreError> {
        let states = audited_states(&self.pool, kind.code(), slug.as_str(), paging).await?;
        let items = states
            .items
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
            .collect::<Result<_, StoreError>>()?;
        Ok(Page { items, total: states.total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_project_keeps_its_id() {
        let sql = project_sql(OnExisting::Replace);
        assert!(sql.contains("ON CONFLICT (slug) DO UPDATE SET acronym = excluded.acronym"), "{sql}");
        assert!(!sql.contains("id = excluded.id"), "{sql}");
        assert!(sql.ends_with("RETURNING id"));
    }
}
