//! Multiple systems estimation: each estimate a rapporteur makes of a Member State's hidden figure, kept with
//! everything that reproduces it, and the rapporteur's publications of them.
//!
//! The store does not know the mse crate: the settings and the result are JSON it checks is JSON and keeps,
//! the input is the capture-history CSV as it was read. An estimate is never changed or deleted (the database
//! refuses it), and neither is a publication: publishing a newer estimate of the same Member State and year
//! supersedes the older one on the pages, which stays readable. The audit log records each estimate made and
//! each publication, in their transactions.

use crate::accounts::{audit, Actor};
use crate::linkage::RunId;
use crate::rows::RowReader;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rapporteur_core::MemberState;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use std::fmt;

/// An estimate's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EstimateId(pub i64);

impl fmt::Display for EstimateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where an estimate's input table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateSource {
    /// The capture histories of a finished linkage run.
    LinkageRun(RunId),
    /// A capture-history file the rapporteur uploaded.
    Upload,
}

impl EstimateSource {
    /// As stored and as the API names it.
    pub fn code(self) -> &'static str {
        match self {
            EstimateSource::LinkageRun(_) => "linkage_run",
            EstimateSource::Upload => "upload",
        }
    }

    fn run_id(self) -> Option<i64> {
        match self {
            EstimateSource::LinkageRun(id) => Some(id.0),
            EstimateSource::Upload => None,
        }
    }
}

/// An estimate as it is handed to the store.
#[derive(Debug, Clone, Copy)]
pub struct NewEstimate<'a> {
    pub member_state: MemberState,
    pub year: u16,
    /// The capture-history table as CSV, as it was read.
    pub input_csv: &'a str,
    pub source: EstimateSource,
    /// The uploaded file's name, or the name the run's histories are downloaded under.
    pub input_name: &'a str,
    /// JSON: method, threshold, bootstrap resamples and seed.
    pub settings: &'a str,
    /// The version of the software that made it.
    pub software_version: &'a str,
    /// JSON: the analysis.
    pub result: &'a str,
}

/// A rapporteur's publication of an estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimatePublication {
    pub id: i64,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
    /// A newer publication of the same Member State and year is the one pages show.
    pub superseded: bool,
}

/// An estimate, with its publication if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateRecord {
    pub id: EstimateId,
    pub member_state: MemberState,
    pub year: u16,
    pub input_csv: String,
    pub source: EstimateSource,
    pub input_name: String,
    /// JSON.
    pub settings: String,
    pub software_version: String,
    /// JSON.
    pub result: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub publication: Option<EstimatePublication>,
}

/// The estimation area of the store.
#[async_trait]
pub trait EstimationRepository: Send + Sync {
    /// Keeps an estimate (unpublished). A linkage run named as its source must be of the same Member State and
    /// year, and done.
    async fn save_estimate(&self, actor: &Actor, estimate: &NewEstimate<'_>) -> Result<EstimateRecord, StoreError>;
    async fn estimate(&self, id: EstimateId) -> Result<Option<EstimateRecord>, StoreError>;
    /// The estimates of a Member State and year, published or not, newest first.
    async fn estimates(&self, member_state: MemberState, year: u16) -> Result<Vec<EstimateRecord>, StoreError>;
    /// Publishes an estimate: it becomes the one pages show for its Member State and year, superseding the
    /// one published before (if any). `AlreadyChanged` when it is published already.
    async fn publish_estimate(&self, actor: &Actor, id: EstimateId) -> Result<EstimateRecord, StoreError>;
    /// The published estimates of a Member State (of one year, when given), newest publication first.
    async fn published_estimates(
        &self,
        member_state: MemberState,
        year: Option<u16>,
    ) -> Result<Vec<EstimateRecord>, StoreError>;
}

/// An estimate's columns with its publication's, and the newest publication of its Member State and year.
const SELECT: &str = "SELECT e.id, e.member_state, e.year, e.input_csv, e.input_kind, e.linkage_run_id, e.input_name, \
     e.settings, e.software_version, e.result, e.created_by, e.created_at, p.id AS publication_id, p.published_by, \
     p.published_at, (SELECT MAX(q.id) FROM estimate_publications q WHERE q.member_state = e.member_state AND \
     q.year = e.year) AS latest_publication_id FROM estimates e LEFT JOIN estimate_publications p ON \
     p.estimate_id = e.id";

fn corrupt(key: impl ToString, field: &'static str, reason: impl ToString) -> StoreError {
    StoreError::Corrupt { kind: "estimate", key: key.to_string(), field, reason: reason.to_string() }
}

fn time(id: i64, field: &'static str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|e| corrupt(id, field, e))
}

fn record(row: &AnyRow) -> Result<EstimateRecord, StoreError> {
    let r = RowReader::new(row, "estimate");
    let id = r.int("id")?;
    let kind = r.text("input_kind")?;
    let source = match (kind.as_str(), r.opt_int("linkage_run_id")?) {
        ("linkage_run", Some(run)) => EstimateSource::LinkageRun(RunId(run)),
        ("upload", None) => EstimateSource::Upload,
        _ => return Err(corrupt(id, "input_kind", kind)),
    };
    let publication = match r.opt_int("publication_id")? {
        None => None,
        Some(publication_id) => Some(EstimatePublication {
            id: publication_id,
            published_by: r.text("published_by")?,
            published_at: time(id, "published_at", &r.text("published_at")?)?,
            superseded: r.opt_int("latest_publication_id")?.is_some_and(|latest| latest > publication_id),
        }),
    };
    Ok(EstimateRecord {
        id: EstimateId(id),
        member_state: MemberState::parse(&r.text("member_state")?).map_err(|e| corrupt(id, "member_state", e))?,
        year: u16::try_from(r.int("year")?).map_err(|e| corrupt(id, "year", e))?,
        input_csv: r.text("input_csv")?,
        source,
        input_name: r.text("input_name")?,
        settings: r.text("settings")?,
        software_version: r.text("software_version")?,
        result: r.text("result")?,
        created_by: r.text("created_by")?,
        created_at: time(id, "created_at", &r.text("created_at")?)?,
        publication,
    })
}

/// Refuses text that is not JSON, naming what it was meant to be.
fn check_json(what: &str, text: &str) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Invalid(format!("the {what} are not JSON: {e}")))
}

/// The key of an estimate's Member State and year in the audit log and for locks.
fn scope_key(member_state: MemberState, year: u16) -> String {
    format!("{}/{year}", member_state.iso())
}

impl SqlStore {
    async fn estimate_in(conn: &mut AnyConnection, id: EstimateId) -> Result<Option<EstimateRecord>, StoreError> {
        sqlx::query(&format!("{SELECT} WHERE e.id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
            .as_ref()
            .map(record)
            .transpose()
    }
}

#[async_trait]
impl EstimationRepository for SqlStore {
    async fn save_estimate(&self, actor: &Actor, estimate: &NewEstimate<'_>) -> Result<EstimateRecord, StoreError> {
        let settings = check_json("settings", estimate.settings)?;
        check_json("results", estimate.result)?;
        if estimate.input_csv.trim().is_empty() {
            return Err(StoreError::Invalid("the input table is empty".into()));
        }
        let mut tx = self.begin_writing().await?;
        if let EstimateSource::LinkageRun(run) = estimate.source {
            let found: Option<(String, i64, String)> =
                sqlx::query_as("SELECT member_state, CAST(year AS BIGINT), status FROM linkage_runs WHERE id = $1")
                    .bind(run.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                None => return Err(StoreError::NotFound { kind: "linkage run", key: run.to_string() }),
                Some((ms, year, status))
                    if ms != estimate.member_state.iso() || year != i64::from(estimate.year) || status != "done" =>
                {
                    return Err(StoreError::Invalid(format!(
                        "linkage run {run} is not a finished run of {} {}",
                        estimate.member_state.iso(),
                        estimate.year
                    )));
                }
                Some(_) => {}
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO estimates (member_state, year, input_csv, input_kind, linkage_run_id, input_name, settings, \
             software_version, result, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             RETURNING id",
        )
        .bind(estimate.member_state.iso())
        .bind(i64::from(estimate.year))
        .bind(estimate.input_csv)
        .bind(estimate.source.code())
        .bind(estimate.source.run_id())
        .bind(estimate.input_name)
        .bind(estimate.settings)
        .bind(estimate.software_version)
        .bind(estimate.result)
        .bind(actor.as_text())
        .bind(self.now_text())
        .fetch_one(&mut *tx)
        .await?;
        let after = json!({
            "member_state": estimate.member_state.iso(),
            "year": estimate.year,
            "input": {
                "kind": estimate.source.code(),
                "linkage_run": estimate.source.run_id(),
                "name": estimate.input_name,
                "bytes": estimate.input_csv.len(),
            },
            "settings": settings,
            "software_version": estimate.software_version,
        });
        audit(&mut tx, self.now(), actor, "create", "estimate", &id.to_string(), None, Some(after)).await?;
        let saved = Self::estimate_in(&mut tx, EstimateId(id))
            .await?
            .ok_or_else(|| corrupt(id, "id", "not found after it was written"))?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn estimate(&self, id: EstimateId) -> Result<Option<EstimateRecord>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::estimate_in(&mut conn, id).await
    }

    async fn estimates(&self, member_state: MemberState, year: u16) -> Result<Vec<EstimateRecord>, StoreError> {
        let rows = sqlx::query(&format!("{SELECT} WHERE e.member_state = $1 AND e.year = $2 ORDER BY e.id DESC"))
            .bind(member_state.iso())
            .bind(i64::from(year))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(record).collect()
    }

    async fn publish_estimate(&self, actor: &Actor, id: EstimateId) -> Result<EstimateRecord, StoreError> {
        let mut tx = self.begin_writing().await?;
        let found = Self::estimate_in(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::NotFound { kind: "estimate", key: id.to_string() })?;
        let key = scope_key(found.member_state, found.year);
        // Publications of one Member State and year one after the other: each knows the one it supersedes.
        self.lock_object(&mut tx, "estimate_publication", &key).await?;
        let current = Self::estimate_in(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::NotFound { kind: "estimate", key: id.to_string() })?;
        if current.publication.is_some() {
            return Err(StoreError::AlreadyChanged {
                kind: "estimate",
                key: id.to_string(),
                state: "published".into(),
            });
        }
        let superseded: Option<i64> = sqlx::query_scalar(
            "SELECT estimate_id FROM estimate_publications WHERE member_state = $1 AND year = $2 \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(current.member_state.iso())
        .bind(i64::from(current.year))
        .fetch_optional(&mut *tx)
        .await?;
        // The UNIQUE estimate_id makes a second publication that passed the check above (PostgreSQL, two
        // requests at once) fail rather than publish twice.
        let publication: i64 = sqlx::query_scalar(
            "INSERT INTO estimate_publications (estimate_id, member_state, year, published_by, published_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(id.0)
        .bind(current.member_state.iso())
        .bind(i64::from(current.year))
        .bind(actor.as_text())
        .bind(self.now_text())
        .fetch_one(&mut *tx)
        .await?;
        let after = json!({
            "publication": publication,
            "member_state": current.member_state.iso(),
            "year": current.year,
            "supersedes_estimate": superseded,
        });
        audit(&mut tx, self.now(), actor, "publish", "estimate", &id.to_string(), None, Some(after)).await?;
        let published = Self::estimate_in(&mut tx, id)
            .await?
            .ok_or_else(|| corrupt(id, "id", "not found after it was published"))?;
        tx.commit().await?;
        Ok(published)
    }

    async fn published_estimates(
        &self,
        member_state: MemberState,
        year: Option<u16>,
    ) -> Result<Vec<EstimateRecord>, StoreError> {
        let of_year = if year.is_some() { " AND e.year = $2" } else { "" };
        let sql = format!("{SELECT} WHERE p.id IS NOT NULL AND e.member_state = $1{of_year} ORDER BY p.id DESC");
        let mut query = sqlx::query(&sql).bind(member_state.iso());
        if let Some(year) = year {
            query = query.bind(i64::from(year));
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(record).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_have_codes() {
        assert_eq!(EstimateSource::LinkageRun(RunId(3)).code(), "linkage_run");
        assert_eq!(EstimateSource::LinkageRun(RunId(3)).run_id(), Some(3));
        assert_eq!((EstimateSource::Upload.code(), EstimateSource::Upload.run_id()), ("upload", None));
        assert_eq!(scope_key(MemberState::parse("AT").unwrap(), 2023), "AT/2023");
    }
}
