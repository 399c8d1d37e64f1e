//! Editing projects: create, update, publish, unpublish, with every revision kept and every change audited
//! in its own transaction.

use crate::accounts::{audit, Actor};
use crate::content::{insert_project_on, Arg};
use crate::revisions::{audited_states, lock_row};
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::{Project, Slug};
use serde::Serialize;
use sqlx::AnyConnection;

/// One saved state of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectRevision {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub project: Project,
}

/// What editors do to projects.
#[async_trait]
pub trait ProjectEditing: Send + Sync {
    /// A project whether published or not (for editors).
    async fn find_project_for_editing(&self, slug: &Slug) -> Result<Option<Project>, StoreError>;
    /// Adds a project (published or as a draft); `Conflict` if the slug is taken.
    async fn create_project(&self, actor: &Actor, project: &Project) -> Result<Project, StoreError>;
    /// Replaces a project's content (its slug and publication state stay); `NotFound` if there is none.
    async fn update_project(&self, actor: &Actor, project: &Project) -> Result<Project, StoreError>;
    /// Shows or hides a project.
    async fn set_project_published(&self, actor: &Actor, slug: &Slug, published: bool) -> Result<Project, StoreError>;
    /// Drafts and withdrawn projects, which the public lists do not show: the first 1,000 by title.
    async fn list_unpublished_projects(&self) -> Result<Vec<Project>, StoreError>;
    /// Every revision, newest first.
    async fn list_project_revisions(&self, slug: &Slug) -> Result<Vec<ProjectRevision>, StoreError>;
}

fn snapshot(p: &Project) -> serde_json::Value {
    serde_json::to_value(p).expect("a project serialises")
}

impl SqlStore {
    async fn find_project_on(&self, conn: &mut AnyConnection, slug: &Slug) -> Result<Option<Project>, StoreError> {
        let sql = format!("SELECT {} FROM projects WHERE slug = $1", self.project_columns());
        let row = sqlx::query(&sql).bind(slug.as_str()).fetch_optional(&mut *conn).await?;
        row.as_ref().map(crate::rows::project).transpose()
    }
}

/// Audits a change with the project's state after it: its next revision.
async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    before: Option<&Project>,
    after: &Project,
) -> Result<(), StoreError> {
    audit(conn, actor, action, "project", after.slug.as_str(), before.map(snapshot), Some(snapshot(after))).await
}

/// The project after taking its row for this transaction; `NotFound` if there is none.
async fn locked(store: &SqlStore, conn: &mut AnyConnection, slug: &Slug) -> Result<Project, StoreError> {
    let not_found = || StoreError::NotFound { kind: "project", key: slug.to_string() };
    if !lock_row(conn, "projects", slug.as_str()).await? {
        return Err(not_found());
    }
    store.find_project_on(conn, slug).await?.ok_or_else(not_found)
}

#[async_trait]
impl ProjectEditing for SqlStore {
    async fn find_project_for_editing(&self, slug: &Slug) -> Result<Option<Project>, StoreError> {
        let sql = format!("SELECT {} FROM projects WHERE slug = $1", self.project_columns());
        Ok(self.fetch_projects(&sql, &[Arg::Text(slug.to_string())]).await?.pop())
    }

    async fn create_project(&self, actor: &Actor, project: &Project) -> Result<Project, StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_project_on(&mut tx, project, false).await?;
        let created = self.find_project_on(&mut tx, &project.slug).await?.expect("just inserted");
        record(&mut tx, actor, "create", None, &created).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update_project(&self, actor: &Actor, project: &Project) -> Result<Project, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before = locked(self, &mut tx, &project.slug).await?;
        let mut next = project.clone();
        next.published = before.published;
        next.synthetic = before.synthetic;
        // Replacing the row (its partners and countries go with it, by cascade) keeps one way of writing a
        // project instead of a second, column-by-column UPDATE that would have to be kept in step.
        sqlx::query("DELETE FROM projects WHERE slug = $1").bind(project.slug.as_str()).execute(&mut *tx).await?;
        insert_project_on(&mut tx, &next, false).await?;
        let after = self.find_project_on(&mut tx, &project.slug).await?.expect("just written");
        record(&mut tx, actor, "update", Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_project_published(&self, actor: &Actor, slug: &Slug, published: bool) -> Result<Project, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before = locked(self, &mut tx, slug).await?;
        sqlx::query("UPDATE projects SET published = $1 WHERE slug = $2")
            .bind(i64::from(published))
            .bind(slug.as_str())
            .execute(&mut *tx)
            .await?;
        let after = self.find_project_on(&mut tx, slug).await?.expect("just updated");
        record(&mut tx, actor, if published { "publish" } else { "unpublish" }, Some(&before), &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn list_unpublished_projects(&self) -> Result<Vec<Project>, StoreError> {
        let sql = format!(
            "SELECT {} FROM projects WHERE published = 0 ORDER BY sort_title, id LIMIT 1000",
            self.project_columns()
        );
        self.fetch_projects(&sql, &[]).await
    }

    async fn list_project_revisions(&self, slug: &Slug) -> Result<Vec<ProjectRevision>, StoreError> {
        audited_states(&self.pool, "project", slug.as_str())
            .await?
            .into_iter()
            .map(|s| {
                Ok(ProjectRevision {
                    project: serde_json::from_str(&s.after_json).map_err(|e| StoreError::Corrupt {
                        kind: "project revision",
                        key: slug.to_string(),
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
