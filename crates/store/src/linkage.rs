//! Record linkage: the source organisations' uploads of linkage keys, and the linkage runs over them.
//!
//! The server only ever holds linkage keys (Bloom-filter bytes) and non-identifying attributes, never names.
//! The store keeps both opaque: it does not know the linkage crate, only that a key has `key_bits` bits in
//! `ceil(key_bits / 8)` bytes. Keys are stored as binary in chunks of [`CHUNK_KEYS`] records, so that a
//! million keys never sit in one row, and an upload is replaced whole in one transaction. The audit log
//! records each save, replacement and deletion with its counts, never a key.
//!
//! A run is a background job: queued when asked for, claimed by one server process, progressing, then done or
//! failed. A server that stops leaves its run `running`; [`LinkageRepository::recover_linkage_runs`], called
//! at start, queues it again or, after too many attempts, fails it with the reason.

use crate::accounts::{audit, Actor};
use crate::rows::RowReader;
use crate::sql::Backend;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rapporteur_core::{MemberState, Slug};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::fmt;

/// Records per chunk of keys: 1 MiB a row at 1,024-bit keys.
pub const CHUNK_KEYS: usize = 8_192;

/// Chunks per INSERT (and per SELECT when reading keys back): a few MiB a statement, far below either
/// database's limits on a message or a value, while a million keys take 31 statements, not 123.
const CHUNKS_PER_STATEMENT: usize = 4;

/// The columns of an upload without its attributes, which can be megabytes and are read on their own.
const UPLOAD_COLUMNS: &str =
    "id, member_state, year, organisation, file_name, schema_fingerprint, key_bits, record_count, uploaded_by, \
     uploaded_at";

/// An upload's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UploadId(pub i64);

impl fmt::Display for UploadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A linkage run's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub i64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A source organisation's key file, as it is handed to the store.
#[derive(Clone, Copy)]
pub struct NewUpload<'a> {
    pub member_state: MemberState,
    pub year: u16,
    /// The uploading account's organisation.
    pub organisation: &'a Slug,
    pub file_name: &'a str,
    /// The encoding schema's SHA-256 in hex; `None` for files without one (clkhash writes none).
    pub schema_fingerprint: Option<&'a str>,
    pub key_bits: u32,
    pub record_count: u64,
    /// The non-identifying attributes, as JSON the store keeps without reading.
    pub attributes: &'a str,
    /// Every key, one after the other: `record_count` × `ceil(key_bits / 8)` bytes.
    pub keys: &'a [u8],
}

// By hand, so that keys never reach a log.
impl fmt::Debug for NewUpload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUpload")
            .field("member_state", &self.member_state)
            .field("year", &self.year)
            .field("organisation", &self.organisation)
            .field("file_name", &self.file_name)
            .field("schema_fingerprint", &self.schema_fingerprint)
            .field("key_bits", &self.key_bits)
            .field("record_count", &self.record_count)
            .field("attributes", &format_args!("{} bytes", self.attributes.len()))
            .field("keys", &format_args!("{} bytes", self.keys.len()))
            .finish()
    }
}

/// An upload as listed: everything but its keys and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSummary {
    pub id: UploadId,
    pub member_state: MemberState,
    pub year: u16,
    pub organisation: Slug,
    pub file_name: String,
    /// Lower-case hex; `None` for a file without one.
    pub schema_fingerprint: Option<String>,
    pub key_bits: u32,
    pub record_count: u64,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

impl UploadSummary {
    /// Bytes per key.
    pub fn key_bytes(&self) -> usize {
        key_bytes(self.key_bits)
    }
}

/// Where a linkage run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunStatus {
    /// Waiting for a server process to take it.
    Queued,
    /// Taken by a server process.
    Running,
    Done,
    Failed,
}

impl RunStatus {
    pub fn code(self) -> &'static str {
        match self {
            RunStatus::Queued => "queued",
            RunStatus::Running => "running",
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
        }
    }

    pub fn parse(code: &str) -> Option<RunStatus> {
        [RunStatus::Queued, RunStatus::Running, RunStatus::Done, RunStatus::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Done or failed: nothing more happens to the run.
    pub fn is_finished(self) -> bool {
        matches!(self, RunStatus::Done | RunStatus::Failed)
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A linkage run of one Member State and year.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkageRun {
    pub id: RunId,
    pub member_state: MemberState,
    pub year: u16,
    pub threshold: f64,
    /// JSON, the linkage crate's.
    pub settings: String,
    pub status: RunStatus,
    /// What the run is doing, in the worker's words; progress is `done` of `total` within it.
    pub phase: String,
    pub done: u64,
    pub total: u64,
    /// How many times a server process has taken it.
    pub attempts: u32,
    /// Why it failed.
    pub error: Option<String>,
    /// JSON: counts, overlaps, breakdowns (once done).
    pub result: Option<String>,
    /// The capture histories as CSV (once done).
    pub histories: Option<String>,
    /// JSON naming the uploads the run read (once done).
    pub upload_ids: Option<String>,
    pub requested_by: String,
    pub created_at: DateTime<Utc>,
    /// When the latest attempt started.
    pub started_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The linkage area of the store.
#[async_trait]
pub trait LinkageRepository: Send + Sync {
    /// Stores an organisation's keys for a Member State and year, replacing its previous upload (if any) in
    /// one transaction: when the save fails, the previous upload is still there.
    async fn save_linkage_upload(&self, actor: &Actor, upload: &NewUpload<'_>) -> Result<UploadSummary, StoreError>;
    /// The current uploads of a Member State and year, by organisation.
    async fn linkage_uploads(&self, member_state: MemberState, year: u16) -> Result<Vec<UploadSummary>, StoreError>;
    /// An organisation's current uploads, newest year first.
    async fn linkage_uploads_of(
        &self,
        member_state: MemberState,
        organisation: &Slug,
    ) -> Result<Vec<UploadSummary>, StoreError>;
    /// An upload with its keys, in record order (`record_count` × `key_bytes()` bytes).
    async fn linkage_upload_keys(&self, id: UploadId) -> Result<Option<(UploadSummary, Vec<u8>)>, StoreError>;
    /// An upload's attributes (JSON, as saved).
    async fn linkage_upload_attributes(&self, id: UploadId) -> Result<Option<String>, StoreError>;
    /// Deletes an upload and its keys; `false` when there is none.
    async fn delete_linkage_upload(&self, actor: &Actor, id: UploadId) -> Result<bool, StoreError>;

    /// Queues a run. `threshold` is between 0 and 1; `settings_json` is JSON.
    async fn create_linkage_run(
        &self,
        actor: &Actor,
        member_state: MemberState,
        year: u16,
        threshold: f64,
        settings_json: &str,
    ) -> Result<LinkageRun, StoreError>;
    /// Takes the oldest queued run for this process (one process gets it, whoever else asks at once).
    async fn claim_linkage_run(&self) -> Result<Option<LinkageRun>, StoreError>;
    /// Records a running run's progress; `AlreadyChanged` when it is no longer running (the worker should
    /// stop). Each call is a write: call it a few times a second at most.
    async fn update_linkage_progress(&self, id: RunId, phase: &str, done: u64, total: u64) -> Result<(), StoreError>;
    /// Ends a running run with its result.
    async fn finish_linkage_run(
        &self,
        id: RunId,
        result_json: &str,
        histories_csv: &str,
        uploads_json: &str,
    ) -> Result<LinkageRun, StoreError>;
    /// Ends a queued or running run as failed, with the reason in words.
    async fn fail_linkage_run(&self, id: RunId, reason: &str) -> Result<LinkageRun, StoreError>;
    async fn linkage_run(&self, id: RunId) -> Result<Option<LinkageRun>, StoreError>;
    /// The runs of a Member State and year, newest first.
    async fn linkage_runs(&self, member_state: MemberState, year: u16) -> Result<Vec<LinkageRun>, StoreError>;
    /// At start: runs left `running` by a stopped server are queued again (linkage is deterministic, so a
    /// run starts over), or failed once taken `max_attempts` times. Returns (requeued, failed).
    async fn recover_linkage_runs(&self, max_attempts: u32) -> Result<(u64, u64), StoreError>;
}

fn key_bytes(key_bits: u32) -> usize {
    key_bits.div_ceil(8) as usize
}

fn corrupt(kind: &'static str, key: impl ToString, field: &'static str, reason: impl ToString) -> StoreError {
    StoreError::Corrupt { kind, key: key.to_string(), field, reason: reason.to_string() }
}

fn upload_key(member_state: MemberState, year: u16, organisation: &Slug) -> String {
    format!("{}/{year}/{organisation}", member_state.iso())
}

fn time(kind: &'static str, id: i64, field: &'static str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|e| corrupt(kind, id, field, e))
}

fn opt_time(
    kind: &'static str,
    id: i64,
    field: &'static str,
    text: Option<String>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.map(|t| time(kind, id, field, &t)).transpose()
}

fn member_state(kind: &'static str, id: i64, r: &RowReader<'_>) -> Result<MemberState, StoreError> {
    MemberState::parse(&r.text("member_state")?).map_err(|e| corrupt(kind, id, "member_state", e))
}

fn year(kind: &'static str, id: i64, r: &RowReader<'_>) -> Result<u16, StoreError> {
    u16::try_from(r.int("year")?).map_err(|e| corrupt(kind, id, "year", e))
}

fn count<T: TryFrom<i64>>(kind: &'static str, id: i64, r: &RowReader<'_>, field: &'static str) -> Result<T, StoreError>
where
    T::Error: fmt::Display,
{
    T::try_from(r.int(field)?).map_err(|e| corrupt(kind, id, field, e))
}

fn upload(row: &AnyRow) -> Result<UploadSummary, StoreError> {
    const KIND: &str = "linkage upload";
    let r = RowReader::new(row, KIND);
    let id = r.int("id")?;
    let organisation = r.text("organisation")?;
    Ok(UploadSummary {
        id: UploadId(id),
        member_state: member_state(KIND, id, &r)?,
        year: year(KIND, id, &r)?,
        organisation: Slug::parse(&organisation).map_err(|e| corrupt(KIND, id, "organisation", e))?,
        file_name: r.text("file_name")?,
        schema_fingerprint: r.opt_text("schema_fingerprint")?,
        key_bits: count(KIND, id, &r, "key_bits")?,
        record_count: count(KIND, id, &r, "record_count")?,
        uploaded_by: r.text("uploaded_by")?,
        uploaded_at: time(KIND, id, "uploaded_at", &r.text("uploaded_at")?)?,
    })
}

fn run(row: &AnyRow) -> Result<LinkageRun, StoreError> {
    const KIND: &str = "linkage run";
    let r = RowReader::new(row, KIND);
    let id = r.int("id")?;
    let status = r.text("status")?;
    Ok(LinkageRun {
        id: RunId(id),
        member_state: member_state(KIND, id, &r)?,
        year: year(KIND, id, &r)?,
        threshold: row.try_get::<f64, _>("threshold").map_err(|e| corrupt(KIND, id, "threshold", e))?,
        settings: r.text("settings")?,
        status: RunStatus::parse(&status).ok_or_else(|| corrupt(KIND, id, "status", status))?,
        phase: r.text("phase")?,
        done: count(KIND, id, &r, "done")?,
        total: count(KIND, id, &r, "total")?,
        attempts: count(KIND, id, &r, "attempts")?,
        error: r.opt_text("error")?,
        result: r.opt_text("result")?,
        histories: r.opt_text("histories")?,
        upload_ids: r.opt_text("upload_ids")?,
        requested_by: r.text("requested_by")?,
        created_at: time(KIND, id, "created_at", &r.text("created_at")?)?,
        started_at: opt_time(KIND, id, "started_at", r.opt_text("started_at")?)?,
        updated_at: time(KIND, id, "updated_at", &r.text("updated_at")?)?,
        finished_at: opt_time(KIND, id, "finished_at", r.opt_text("finished_at")?)?,
    })
}

/// Refuses text that is not JSON, naming what it was meant to be.
fn check_json(what: &str, text: &str) -> Result<(), StoreError> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| StoreError::Invalid(format!("the {what} are not JSON: {e}")))
}

/// Checks an upload before anything is written; returns its fingerprint in lower case.
fn check_upload(upload: &NewUpload<'_>) -> Result<Option<String>, StoreError> {
    if upload.key_bits == 0 {
        return Err(StoreError::Invalid("keys of 0 bits cannot be stored".into()));
    }
    if upload.record_count == 0 {
        return Err(StoreError::Invalid("the file holds no keys".into()));
    }
    let expected = usize::try_from(upload.record_count).ok().and_then(|n| n.checked_mul(key_bytes(upload.key_bits)));
    if expected != Some(upload.keys.len()) {
        return Err(StoreError::Invalid(format!(
            "{} keys of {} bits take {} bytes each, but {} bytes were given",
            upload.record_count,
            upload.key_bits,
            key_bytes(upload.key_bits),
            upload.keys.len()
        )));
    }
    check_json("attributes", upload.attributes)?;
    upload
        .schema_fingerprint
        .map(|f| {
            if f.len() == 64 && f.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(f.to_ascii_lowercase())
            } else {
                Err(StoreError::Invalid(format!("{f:?} is not a schema fingerprint (64 hex digits)")))
            }
        })
        .transpose()
}

/// `INSERT INTO linkage_key_chunks … VALUES (…), (…)` for `rows` chunks. SQLite gets anonymous `?`
/// placeholders, bound by position, since it looks numbered ones up by name (see statistics.rs).
fn chunk_insert(backend: Backend, rows: usize) -> String {
    let mut sql = String::from("INSERT INTO linkage_key_chunks (upload_id, chunk, keys) VALUES ");
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        match backend {
            Backend::Sqlite => sql.push_str("(?, ?, ?)"),
            Backend::Postgres => sql.push_str(&format!("(${}, ${}, ${})", 3 * row + 1, 3 * row + 2, 3 * row + 3)),
        }
    }
    sql
}

fn too_many_times(n: u32) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

impl SqlStore {
    async fn upload_in(conn: &mut AnyConnection, id: UploadId) -> Result<Option<UploadSummary>, StoreError> {
        sqlx::query(&format!("SELECT {UPLOAD_COLUMNS} FROM linkage_uploads WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
            .as_ref()
            .map(upload)
            .transpose()
    }

    /// Deletes an upload and its chunks (inside the caller's transaction).
    async fn delete_upload_in(conn: &mut AnyConnection, id: UploadId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM linkage_key_chunks WHERE upload_id = $1").bind(id.0).execute(&mut *conn).await?;
        sqlx::query("DELETE FROM linkage_uploads WHERE id = $1").bind(id.0).execute(&mut *conn).await?;
        Ok(())
    }

    async fn insert_chunks(
        conn: &mut AnyConnection,
        backend: Backend,
        id: UploadId,
        keys: &[u8],
        key_bytes: usize,
    ) -> Result<usize, StoreError> {
        let chunks: Vec<&[u8]> = keys.chunks(CHUNK_KEYS * key_bytes).collect();
        let full = chunk_insert(backend, CHUNKS_PER_STATEMENT.min(chunks.len()));
        for (batch_index, batch) in chunks.chunks(CHUNKS_PER_STATEMENT).enumerate() {
            let last;
            let statement = if batch.len() == CHUNKS_PER_STATEMENT.min(chunks.len()) {
                full.as_str()
            } else {
                last = chunk_insert(backend, batch.len());
                last.as_str()
            };
            let mut query = sqlx::query(statement);
            for (i, chunk) in batch.iter().enumerate() {
                query = query.bind(id.0).bind((batch_index * CHUNKS_PER_STATEMENT + i) as i64).bind(*chunk);
            }
            query.execute(&mut *conn).await?;
        }
        Ok(chunks.len())
    }

    /// Explains why a run did not change: it does not exist, or it is no longer in a state the change starts
    /// from.
    async fn unchanged_run(conn: &mut AnyConnection, id: RunId) -> StoreError {
        let found = sqlx::query("SELECT * FROM linkage_runs WHERE id = $1").bind(id.0).fetch_optional(&mut *conn).await;
        match found {
            Ok(Some(row)) => match run(&row) {
                Ok(found) => StoreError::AlreadyChanged {
                    kind: "linkage run",
                    key: id.to_string(),
                    state: found.status.to_string(),
                },
                Err(e) => e,
            },
            Ok(None) => StoreError::NotFound { kind: "linkage run", key: id.to_string() },
            Err(e) => e.into(),
        }
    }
}

#[async_trait]
impl LinkageRepository for SqlStore {
    async fn save_linkage_upload(&self, actor: &Actor, upload: &NewUpload<'_>) -> Result<UploadSummary, StoreError> {
        let fingerprint = check_upload(upload)?;
        let key = upload_key(upload.member_state, upload.year, upload.organisation);
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "linkage_upload", &key).await?;
        let previous = sqlx::query(&format!(
            "SELECT {UPLOAD_COLUMNS} FROM linkage_uploads WHERE member_state = $1 AND year = $2 AND organisation = $3"
        ))
        .bind(upload.member_state.iso())
        .bind(i64::from(upload.year))
        .bind(upload.organisation.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(self::upload)
        .transpose()?;
        if let Some(previous) = &previous {
            Self::delete_upload_in(&mut tx, previous.id).await?;
        }
        let row = sqlx::query(&format!(
            "INSERT INTO linkage_uploads (member_state, year, organisation, file_name, schema_fingerprint, key_bits, \
             record_count, attributes, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             RETURNING {UPLOAD_COLUMNS}"
        ))
        .bind(upload.member_state.iso())
        .bind(i64::from(upload.year))
        .bind(upload.organisation.as_str())
        .bind(upload.file_name)
        .bind(fingerprint.as_deref())
        .bind(i64::from(upload.key_bits))
        .bind(upload.record_count as i64)
        .bind(upload.attributes)
        .bind(actor.as_text())
        .bind(self.now_text())
        .fetch_one(&mut *tx)
        .await?;
        let saved = self::upload(&row)?;
        let chunks =
            Self::insert_chunks(&mut tx, self.backend(), saved.id, upload.keys, key_bytes(upload.key_bits)).await?;
        let summary = |u: &UploadSummary| {
            json!({
                "id": u.id.0,
                "file_name": u.file_name,
                "schema_fingerprint": u.schema_fingerprint,
                "key_bits": u.key_bits,
                "record_count": u.record_count,
            })
        };
        let mut after = summary(&saved);
        after["chunks"] = json!(chunks);
        audit(
            &mut tx,
            self.now(),
            actor,
            if previous.is_some() { "replace" } else { "upload" },
            "linkage_upload",
            &key,
            previous.as_ref().map(summary),
            Some(after),
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn linkage_uploads(&self, member_state: MemberState, year: u16) -> Result<Vec<UploadSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {UPLOAD_COLUMNS} FROM linkage_uploads WHERE member_state = $1 AND year = $2 ORDER BY organisation"
        ))
        .bind(member_state.iso())
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(upload).collect()
    }

    async fn linkage_uploads_of(
        &self,
        member_state: MemberState,
        organisation: &Slug,
    ) -> Result<Vec<UploadSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {UPLOAD_COLUMNS} FROM linkage_uploads WHERE member_state = $1 AND organisation = $2 \
             ORDER BY year DESC"
        ))
        .bind(member_state.iso())
        .bind(organisation.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(upload).collect()
    }

    async fn linkage_upload_keys(&self, id: UploadId) -> Result<Option<(UploadSummary, Vec<u8>)>, StoreError> {
        // One snapshot for the upload and all its chunks, read a few at a time: a replacement committed
        // meanwhile is not seen half. SQLite's read transaction (WAL) is one already.
        let mut tx = self.pool.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *tx).await?;
        }
        let Some(found) = Self::upload_in(&mut tx, id).await? else { return Ok(None) };
        let size = usize::try_from(found.record_count)
            .ok()
            .and_then(|n| n.checked_mul(found.key_bytes()))
            .ok_or_else(|| corrupt("linkage upload", id, "record_count", "too large"))?;
        let mut keys = Vec::with_capacity(size);
        let mut next: i64 = 0;
        loop {
            let rows = sqlx::query(
                "SELECT chunk, keys FROM linkage_key_chunks WHERE upload_id = $1 AND chunk >= $2 \
                 ORDER BY chunk LIMIT $3",
            )
            .bind(id.0)
            .bind(next)
            .bind(CHUNKS_PER_STATEMENT as i64)
            .fetch_all(&mut *tx)
            .await?;
            for row in &rows {
                let chunk: i64 = RowReader::new(row, "linkage keys").int("chunk")?;
                if chunk != next {
                    return Err(corrupt("linkage upload", id, "chunk", format!("chunk {next} is missing")));
                }
                let bytes: &[u8] = row.try_get("keys").map_err(|e| corrupt("linkage upload", id, "keys", e))?;
                keys.extend_from_slice(bytes);
                next += 1;
            }
            if rows.len() < CHUNKS_PER_STATEMENT {
                break;
            }
        }
        tx.commit().await?;
        if keys.len() != size {
            return Err(corrupt(
                "linkage upload",
                id,
                "keys",
                format!("{} bytes stored for {} keys of {} bytes", keys.len(), found.record_count, found.key_bytes()),
            ));
        }
        Ok(Some((found, keys)))
    }

    async fn linkage_upload_attributes(&self, id: UploadId) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT attributes FROM linkage_uploads WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn delete_linkage_upload(&self, actor: &Actor, id: UploadId) -> Result<bool, StoreError> {
        let mut tx = self.begin_writing().await?;
        let Some(found) = Self::upload_in(&mut tx, id).await? else { return Ok(false) };
        let key = upload_key(found.member_state, found.year, &found.organisation);
        self.lock_object(&mut tx, "linkage_upload", &key).await?;
        // Read again under the lock: a change that held it may have replaced or deleted the upload.
        if Self::upload_in(&mut tx, id).await?.is_none() {
            return Ok(false);
        }
        Self::delete_upload_in(&mut tx, id).await?;
        let before = json!({
            "id": id.0,
            "file_name": found.file_name,
            "schema_fingerprint": found.schema_fingerprint,
            "key_bits": found.key_bits,
            "record_count": found.record_count,
        });
        audit(&mut tx, self.now(), actor, "delete", "linkage_upload", &key, Some(before), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn create_linkage_run(
        &self,
        actor: &Actor,
        member_state: MemberState,
        year: u16,
        threshold: f64,
        settings_json: &str,
    ) -> Result<LinkageRun, StoreError> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(StoreError::Invalid(format!("the threshold must be between 0 and 1, not {threshold}")));
        }
        check_json("settings", settings_json)?;
        let now = self.now_text();
        let mut tx = self.begin_writing().await?;
        let row = sqlx::query(
            "INSERT INTO linkage_runs (member_state, year, threshold, settings, status, phase, done, total, attempts, \
             requested_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', '', 0, 0, 0, $5, $6, $6) \
             RETURNING *",
        )
        .bind(member_state.iso())
        .bind(i64::from(year))
        .bind(threshold)
        .bind(settings_json)
        .bind(actor.as_text())
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let created = run(&row)?;
        let after = json!({
            "member_state": member_state.iso(),
            "year": year,
            "threshold": threshold,
            "settings": serde_json::from_str::<serde_json::Value>(settings_json).unwrap_or_default(),
        });
        audit(&mut tx, self.now(), actor, "create", "linkage_run", &created.id.to_string(), None, Some(after)).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn claim_linkage_run(&self) -> Result<Option<LinkageRun>, StoreError> {
        // The condition on the status is checked again on the row the UPDATE takes. On PostgreSQL a second
        // process passes over a row the first holds (SKIP LOCKED) to the next queued run; SQLite's writing
        // transaction lets one process in at a time.
        let skip_locked = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_writing().await?;
        let row = sqlx::query(&format!(
            "UPDATE linkage_runs SET status = 'running', attempts = attempts + 1, phase = '', done = 0, total = 0, \
             started_at = $1, updated_at = $1 WHERE status = 'queued' AND id = (SELECT id FROM linkage_runs \
             WHERE status = 'queued' ORDER BY created_at, id LIMIT 1{skip_locked}) RETURNING *"
        ))
        .bind(self.now_text())
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.as_ref().map(run).transpose()
    }

    async fn update_linkage_progress(&self, id: RunId, phase: &str, done: u64, total: u64) -> Result<(), StoreError> {
        let mut tx = self.begin_writing().await?;
        let changed = sqlx::query(
            "UPDATE linkage_runs SET phase = $1, done = $2, total = $3, updated_at = $4 \
             WHERE id = $5 AND status = 'running'",
        )
        .bind(phase)
        .bind(i64::try_from(done).unwrap_or(i64::MAX))
        .bind(i64::try_from(total).unwrap_or(i64::MAX))
        .bind(self.now_text())
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(Self::unchanged_run(&mut tx, id).await);
        }
        tx.commit().await?;
        Ok(())
    }

    async fn finish_linkage_run(
        &self,
        id: RunId,
        result_json: &str,
        histories_csv: &str,
        uploads_json: &str,
    ) -> Result<LinkageRun, StoreError> {
        check_json("result", result_json)?;
        check_json("upload ids", uploads_json)?;
        let mut tx = self.begin_writing().await?;
        let row = sqlx::query(
            "UPDATE linkage_runs SET status = 'done', result = $1, histories = $2, upload_ids = $3, error = NULL, \
             updated_at = $4, finished_at = $4 WHERE id = $5 AND status = 'running' RETURNING *",
        )
        .bind(result_json)
        .bind(histories_csv)
        .bind(uploads_json)
        .bind(self.now_text())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Err(Self::unchanged_run(&mut tx, id).await) };
        let finished = run(&row)?;
        tx.commit().await?;
        Ok(finished)
    }

    async fn fail_linkage_run(&self, id: RunId, reason: &str) -> Result<LinkageRun, StoreError> {
        let mut tx = self.begin_writing().await?;
        let row = sqlx::query(
            "UPDATE linkage_runs SET status = 'failed', error = $1, updated_at = $2, finished_at = $2 \
             WHERE id = $3 AND status IN ('queued', 'running') RETURNING *",
        )
        .bind(reason)
        .bind(self.now_text())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Err(Self::unchanged_run(&mut tx, id).await) };
        let failed = run(&row)?;
        tx.commit().await?;
        Ok(failed)
    }

    async fn linkage_run(&self, id: RunId) -> Result<Option<LinkageRun>, StoreError> {
        sqlx::query("SELECT * FROM linkage_runs WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(run)
            .transpose()
    }

    async fn linkage_runs(&self, member_state: MemberState, year: u16) -> Result<Vec<LinkageRun>, StoreError> {
        let rows = sqlx::query("SELECT * FROM linkage_runs WHERE member_state = $1 AND year = $2 ORDER BY id DESC")
            .bind(member_state.iso())
            .bind(i64::from(year))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(run).collect()
    }

    async fn recover_linkage_runs(&self, max_attempts: u32) -> Result<(u64, u64), StoreError> {
        let mut tx = self.begin_writing().await?;
        let rows =
            sqlx::query("SELECT * FROM linkage_runs WHERE status = 'running' ORDER BY id").fetch_all(&mut *tx).await?;
        let now = self.now_text();
        let (mut requeued, mut failed) = (0, 0);
        for row in &rows {
            let left = run(row)?;
            // Conditional on the status, so that two servers starting at once count each run once.
            if left.attempts >= max_attempts {
                let reason = format!(
                    "the server stopped during this run {}; start it again when the cause is fixed",
                    too_many_times(left.attempts)
                );
                failed += sqlx::query(
                    "UPDATE linkage_runs SET status = 'failed', error = $1, updated_at = $2, finished_at = $2 \
                     WHERE id = $3 AND status = 'running'",
                )
                .bind(reason)
                .bind(&now)
                .bind(left.id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tracing::warn!(run = %left.id, attempts = left.attempts, "linkage run given up after stops");
            } else {
                requeued += sqlx::query(
                    "UPDATE linkage_runs SET status = 'queued', phase = '', done = 0, total = 0, updated_at = $1 \
                     WHERE id = $2 AND status = 'running'",
                )
                .bind(&now)
                .bind(left.id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tracing::info!(run = %left.id, attempts = left.attempts, "linkage run queued again after a stop");
            }
        }
        tx.commit().await?;
        Ok((requeued, failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for status in [RunStatus::Queued, RunStatus::Running, RunStatus::Done, RunStatus::Failed] {
            assert_eq!(RunStatus::parse(status.code()), Some(status));
        }
        assert_eq!(RunStatus::parse("Queued"), None);
    }

    #[test]
    fn chunk_statements_have_the_backends_placeholders() {
        assert!(chunk_insert(Backend::Sqlite, 2).ends_with("VALUES (?, ?, ?), (?, ?, ?)"));
        assert!(chunk_insert(Backend::Postgres, 2).ends_with("VALUES ($1, $2, $3), ($4, $5, $6)"));
    }

    #[test]
    fn uploads_are_checked_before_writing() {
        let org = Slug::parse("polizei").unwrap();
        let keys = [0u8; 6];
        let upload = NewUpload {
            member_state: MemberState::parse("AT").unwrap(),
            year: 2024,
            organisation: &org,
            file_name: "keys.json",
            schema_fingerprint: Some(&"AB".repeat(32)),
            key_bits: 20,
            record_count: 2,
            attributes: "{}",
            keys: &keys,
        };
        assert_eq!(check_upload(&upload).unwrap(), Some("ab".repeat(32)));
        assert!(check_upload(&NewUpload { record_count: 3, ..upload }).is_err());
        assert!(check_upload(&NewUpload { schema_fingerprint: Some("abc"), ..upload }).is_err());
        assert!(check_upload(&NewUpload { attributes: "{", ..upload }).is_err());
        assert!(!format!("{upload:?}").contains("[0, 0"), "keys stay out of logs");
    }
}
