//! Editing projects: create, update, publish, unpublish, with every revision kept and every change audited
//! in its own transaction.

use crate::accounts::{audit, Actor};
use crate::content::{insert_project_on, Arg};
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{SecondsFormat, Utc};
use rapporteur_core::{Project, Slug};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

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

/// Records the state after a change as the next revision, and audits the change.
async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    before: Option<&Project>,
    after: &Project,
) -> Result<(), StoreError> {
    let next: i64 = sqlx::query("SELECT COALESCE(MAX(revision), 0) + 1 AS n FROM project_revisions WHERE slug = $1")
        .bind(after.slug.as_str())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    sqlx::query(
        "INSERT INTO project_revisions (slug, revision, at, actor, action, data_json) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(after.slug.as_str())
    .bind(next)
    .bind(Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true))
    .bind(actor.as_text())
    .bind(action)
    .bind(snapshot(after).to_string())
    .execute(&mut *conn)
    .await?;
    audit(conn, actor, action, "project", after.slug.as_str(), before.map(snapshot), Some(snapshot(after))).await
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
        let before = self
            .find_project_on(&mut tx, &project.slug)
            .await?
            .ok_or_else(|| StoreError::NotFound { kind: "project", key: project.slug.to_string() })?;
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
        let before = self
            .find_project_on(&mut tx, slug)
            .await?
            .ok_or_else(|| StoreError::NotFound { kind: "project", key: slug.to_string() })?;
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
        let rows = sqlx::query(
            "SELECT revision, at, actor, action, data_json FROM project_revisions WHERE slug = $1 ORDER BY revision DESC",
        )
        .bind(slug.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let data: String = row.try_get("data_json")?;
                Ok(ProjectRevision {
                    revision: row.try_get("revision")?,
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    project: serde_json::from_str(&data).map_err(|e| StoreError::Corrupt {
                        kind: "project revision",
                        key: slug.to_string(),
                        field: "data_json",
                        reason: e.to_string(),
                    })?,
                })
            })
            .collect()
    }
}
