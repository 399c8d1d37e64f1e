//! Monitoring commitments and actions: status and dated progress entries with evidence, audited in their
//! transaction.

use crate::accounts::{audit, Actor};
use crate::rows::RowReader;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::NaiveDate;
use rapporteur_core::{Commitment, CommitmentStatus, Slug};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

/// A progress entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub date: NaiveDate,
    pub text: String,
    pub evidence: Option<String>,
    /// The status this entry set, if it set one.
    pub status: Option<CommitmentStatus>,
    pub author: String,
    pub recorded_at: String,
}

/// A commitment with where it stands and what has been recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentState {
    pub commitment: Commitment,
    /// `None` until someone records one.
    pub status: Option<CommitmentStatus>,
    /// Oldest first.
    pub progress: Vec<Progress>,
}

/// Commitments and their progress.
#[async_trait]
pub trait CommitmentRepository: Send + Sync {
    async fn list_commitments(&self) -> Result<Vec<CommitmentState>, StoreError>;
    async fn find_commitment(&self, slug: &Slug) -> Result<Option<CommitmentState>, StoreError>;
    /// Adds a commitment an editor enters; `Conflict` if the slug is taken.
    async fn create_commitment(&self, actor: &Actor, commitment: &Commitment) -> Result<CommitmentState, StoreError>;
    /// Records progress (and, when given, a new status).
    async fn record_progress(
        &self,
        actor: &Actor,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        evidence: Option<&str>,
        status: Option<CommitmentStatus>,
    ) -> Result<CommitmentState, StoreError>;
}

pub(crate) async fn insert_commitment_on(
    conn: &mut AnyConnection,
    c: &Commitment,
    skip_existing: bool,
) -> Result<u64, StoreError> {
    let on_conflict = if skip_existing { " ON CONFLICT (slug) DO NOTHING" } else { "" };
    let owners: Vec<&str> = c.owners.iter().map(Slug::as_str).collect();
    sqlx::query(&format!(
        "INSERT INTO commitments (slug, instrument, title, priority, owners, due, source_text, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL){on_conflict}"
    ))
    .bind(c.slug.as_str())
    .bind(c.instrument.as_str())
    .bind(c.title.as_str())
    .bind(c.priority.clone())
    .bind(serde_json::to_string(&owners).expect("strings serialise"))
    .bind(c.due.map(|d| d.to_string()))
    .bind(c.source_text.as_str())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict { kind: "commitment", key: c.slug.to_string() }
        }
        _ => e.into(),
    })
}

fn corrupt(key: &str, field: &'static str, reason: impl ToString) -> StoreError {
    StoreError::Corrupt { kind: "commitment", key: key.to_owned(), field, reason: reason.to_string() }
}

fn commitment(row: &AnyRow) -> Result<(Commitment, Option<CommitmentStatus>), StoreError> {
    let r = RowReader::new(row, "commitment");
    let key = r.text("slug")?;
    let owners: Vec<String> = r.json("owners")?;
    let status = r
        .opt_text("status")?
        .map(|s| CommitmentStatus::parse(&s).ok_or_else(|| corrupt(&key, "status", s)))
        .transpose()?;
    Ok((
        Commitment {
            slug: r.slug()?,
            instrument: Slug::parse(&r.text("instrument")?).map_err(|e| corrupt(&key, "instrument", e))?,
            title: r.text("title")?,
            priority: r.opt_text("priority")?,
            owners: owners
                .iter()
                .map(|o| Slug::parse(o).map_err(|e| corrupt(&key, "owners", e)))
                .collect::<Result<_, _>>()?,
            due: r
                .opt_text("due")?
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| corrupt(&key, "due", e)))
                .transpose()?,
            source_text: r.text("source_text")?,
        },
        status,
    ))
}

fn progress(row: &AnyRow) -> Result<(String, Progress), StoreError> {
    let r = RowReader::new(row, "progress");
    let slug = r.text("commitment_slug")?;
    let date = r.text("date")?;
    Ok((
        slug.clone(),
        Progress {
            date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|e| corrupt(&slug, "date", e))?,
            text: r.text("text")?,
            evidence: r.opt_text("evidence")?,
            status: r.opt_text("status")?.and_then(|s| CommitmentStatus::parse(&s)),
            author: r.text("author")?,
            recorded_at: r.text("recorded_at")?,
        },
    ))
}

impl SqlStore {
    async fn load_commitments(
        &self,
        conn: &mut AnyConnection,
        slug: Option<&Slug>,
    ) -> Result<Vec<CommitmentState>, StoreError> {
        let (rows, progress_rows) = match slug {
            Some(s) => (
                sqlx::query("SELECT * FROM commitments WHERE slug = $1").bind(s.as_str()).fetch_all(&mut *conn).await?,
                sqlx::query("SELECT * FROM commitment_progress WHERE commitment_slug = $1 ORDER BY date, id")
                    .bind(s.as_str())
                    .fetch_all(&mut *conn)
                    .await?,
            ),
            None => (
                sqlx::query("SELECT * FROM commitments ORDER BY id").fetch_all(&mut *conn).await?,
                sqlx::query("SELECT * FROM commitment_progress ORDER BY date, id").fetch_all(&mut *conn).await?,
            ),
        };
        let mut states: Vec<CommitmentState> = rows
            .iter()
            .map(|row| {
                commitment(row).map(|(commitment, status)| CommitmentState { commitment, status, progress: Vec::new() })
            })
            .collect::<Result<_, _>>()?;
        for row in &progress_rows {
            let (slug, p) = progress(row)?;
            if let Some(state) = states.iter_mut().find(|s| s.commitment.slug.as_str() == slug) {
                state.progress.push(p);
            }
        }
        Ok(states)
    }
}

fn json(state: &CommitmentState) -> serde_json::Value {
    serde_json::json!({ "status": state.status.map(|s| s.code()), "progress_entries": state.progress.len() })
}

#[async_trait]
impl CommitmentRepository for SqlStore {
    async fn list_commitments(&self) -> Result<Vec<CommitmentState>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        self.load_commitments(&mut conn, None).await
    }

    async fn find_commitment(&self, slug: &Slug) -> Result<Option<CommitmentState>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Ok(self.load_commitments(&mut conn, Some(slug)).await?.pop())
    }

    async fn create_commitment(&self, actor: &Actor, c: &Commitment) -> Result<CommitmentState, StoreError> {
        let mut tx = self.begin_writing().await?;
        insert_commitment_on(&mut tx, c, false).await?;
        let created = self.load_commitments(&mut tx, Some(&c.slug)).await?.pop().expect("just inserted");
        let after = serde_json::to_value(&created.commitment).expect("a commitment serialises");
        audit(&mut tx, self.now(), actor, "create", "commitment", c.slug.as_str(), None, Some(after)).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn record_progress(
        &self,
        actor: &Actor,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        evidence: Option<&str>,
        status: Option<CommitmentStatus>,
    ) -> Result<CommitmentState, StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "commitment", slug.as_str()).await?;
        let before = self
            .load_commitments(&mut tx, Some(slug))
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound { kind: "commitment", key: slug.to_string() })?;
        sqlx::query(
            "INSERT INTO commitment_progress (commitment_slug, date, text, evidence, status, author, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(slug.as_str())
        .bind(date.to_string())
        .bind(text)
        .bind(evidence.map(str::to_owned))
        .bind(status.map(|s| s.code().to_owned()))
        .bind(actor.as_text())
        .bind(self.now_text())
        .execute(&mut *tx)
        .await?;
        if let Some(s) = status {
            sqlx::query("UPDATE commitments SET status = $1 WHERE slug = $2")
                .bind(s.code())
                .bind(slug.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let after = self.load_commitments(&mut tx, Some(slug)).await?.pop().expect("exists");
        audit(
            &mut tx,
            self.now(),
            actor,
            "record_progress",
            "commitment",
            slug.as_str(),
            Some(json(&before)),
            Some(json(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
