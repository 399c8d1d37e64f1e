//! The biannual meetings of the EU Network of NREMs, co-chaired by the EU ATC and the Council Presidency:
//! agenda, minutes, attendance per Member State, documents. Every change audited in its transaction.

use crate::accounts::{audit, Actor};
use crate::rows::RowReader;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::NaiveDate;
pub use rapporteur_core::meetings::Meeting;
use rapporteur_core::{MemberState, Slug};
use serde::Serialize;
use sqlx::Row;

/// Whether a Member State attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub member_state: MemberState,
    pub present: bool,
    pub recorded_by: String,
}

/// A document of a meeting (its content is read apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingDocument {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// Meetings.
#[async_trait]
pub trait MeetingRepository: Send + Sync {
    async fn list_meetings(&self) -> Result<Vec<Meeting>, StoreError>;
    async fn find_meeting(&self, slug: &Slug) -> Result<Option<Meeting>, StoreError>;
    /// Creates or replaces a meeting's details.
    async fn save_meeting(&self, actor: &Actor, meeting: &Meeting) -> Result<(), StoreError>;
    async fn list_attendance(&self, slug: &Slug) -> Result<Vec<Attendance>, StoreError>;
    async fn record_attendance(
        &self,
        actor: &Actor,
        slug: &Slug,
        ms: MemberState,
        present: bool,
    ) -> Result<(), StoreError>;
    async fn add_document(
        &self,
        actor: &Actor,
        slug: &Slug,
        filename: &str,
        content_type: &str,
        content: &[u8],
    ) -> Result<MeetingDocument, StoreError>;
    async fn list_documents(&self, slug: &Slug) -> Result<Vec<MeetingDocument>, StoreError>;
    /// A document and its bytes.
    async fn read_document(&self, slug: &Slug, id: i64) -> Result<Option<(MeetingDocument, Vec<u8>)>, StoreError>;
}

fn meeting(row: &sqlx::any::AnyRow) -> Result<Meeting, StoreError> {
    let r = RowReader::new(row, "meeting");
    let key = r.text("slug")?;
    let corrupt = |field, reason: String| StoreError::Corrupt { kind: "meeting", key: key.clone(), field, reason };
    Ok(Meeting {
        slug: r.slug()?,
        title: r.text("title")?,
        date: NaiveDate::parse_from_str(&r.text("date")?, "%Y-%m-%d").map_err(|e| corrupt("date", e.to_string()))?,
        presidency: MemberState::parse(&r.text("presidency")?).map_err(|e| corrupt("presidency", e.to_string()))?,
        joint_with_csp: r.int("joint_with_csp")? != 0,
        agenda: r.json("agenda")?,
        minutes: r.json("minutes")?,
    })
}

fn document(row: &sqlx::any::AnyRow) -> Result<MeetingDocument, StoreError> {
    let r = RowReader::new(row, "meeting document");
    Ok(MeetingDocument {
        id: r.int("id")?,
        filename: r.text("filename")?,
        content_type: r.text("content_type")?,
        size: r.int("size")?,
        uploaded_by: r.text("uploaded_by")?,
        uploaded_at: r.text("uploaded_at")?,
    })
}

async fn require(conn: &mut sqlx::AnyConnection, slug: &Slug) -> Result<(), StoreError> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM meetings WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    if n == 0 {
        return Err(StoreError::NotFound { kind: "meeting", key: slug.to_string() });
    }
    Ok(())
}

#[async_trait]
impl MeetingRepository for SqlStore {
    async fn list_meetings(&self) -> Result<Vec<Meeting>, StoreError> {
        sqlx::query("SELECT * FROM meetings ORDER BY date DESC, slug")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(meeting)
            .collect()
    }

    async fn find_meeting(&self, slug: &Slug) -> Result<Option<Meeting>, StoreError> {
        sqlx::query("SELECT * FROM meetings WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(meeting)
            .transpose()
    }

    async fn save_meeting(&self, actor: &Actor, m: &Meeting) -> Result<(), StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "meeting", m.slug.as_str()).await?;
        let before = sqlx::query("SELECT * FROM meetings WHERE slug = $1")
            .bind(m.slug.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(meeting)
            .transpose()?;
        sqlx::query(
            "INSERT INTO meetings (slug, title, date, presidency, joint_with_csp, agenda, minutes) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (slug) DO UPDATE SET title = excluded.title, date = excluded.date, presidency = excluded.presidency, \
             joint_with_csp = excluded.joint_with_csp, agenda = excluded.agenda, minutes = excluded.minutes",
        )
        .bind(m.slug.as_str())
        .bind(m.title.as_str())
        .bind(m.date.to_string())
        .bind(m.presidency.iso())
        .bind(i64::from(m.joint_with_csp))
        .bind(serde_json::to_string(&m.agenda).expect("strings serialise"))
        .bind(serde_json::to_string(&m.minutes).expect("strings serialise"))
        .execute(&mut *tx)
        .await?;
        let json = |m: &Meeting| serde_json::to_value(m).expect("a meeting serialises");
        audit(
            &mut tx,
            self.now(),
            actor,
            if before.is_some() { "update" } else { "create" },
            "meeting",
            m.slug.as_str(),
            before.as_ref().map(json),
            Some(json(m)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_attendance(&self, slug: &Slug) -> Result<Vec<Attendance>, StoreError> {
        let rows = sqlx::query("SELECT * FROM meeting_attendance WHERE meeting_slug = $1 ORDER BY member_state")
            .bind(slug.as_str())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "attendance");
                let code = r.text("member_state")?;
                Ok(Attendance {
                    member_state: MemberState::parse(&code).map_err(|e| StoreError::Corrupt {
                        kind: "attendance",
                        key: code.clone(),
                        field: "member_state",
                        reason: e.to_string(),
                    })?,
                    present: r.int("present")? != 0,
                    recorded_by: r.text("recorded_by")?,
                })
            })
            .collect()
    }

    async fn record_attendance(
        &self,
        actor: &Actor,
        slug: &Slug,
        ms: MemberState,
        present: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "meeting", slug.as_str()).await?;
        require(&mut tx, slug).await?;
        sqlx::query(
            "INSERT INTO meeting_attendance (meeting_slug, member_state, present, recorded_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (meeting_slug, member_state) DO UPDATE SET present = excluded.present, recorded_by = excluded.recorded_by",
        )
        .bind(slug.as_str())
        .bind(ms.iso())
        .bind(i64::from(present))
        .bind(actor.as_text())
        .execute(&mut *tx)
        .await?;
        let key = format!("{slug}/{}", ms.iso());
        audit(
            &mut tx,
            self.now(),
            actor,
            "record_attendance",
            "meeting",
            &key,
            None,
            Some(serde_json::json!({ "present": present })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_document(
        &self,
        actor: &Actor,
        slug: &Slug,
        filename: &str,
        content_type: &str,
        content: &[u8],
    ) -> Result<MeetingDocument, StoreError> {
        let mut tx = self.begin_writing().await?;
        require(&mut tx, slug).await?;
        let row = sqlx::query(
            "INSERT INTO meeting_documents (meeting_slug, filename, content_type, size, content, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(slug.as_str())
        .bind(filename)
        .bind(content_type)
        .bind(content.len() as i64)
        .bind(content.to_vec())
        .bind(actor.as_text())
        .bind(self.now_text())
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let doc = sqlx::query(
            "SELECT id, filename, content_type, size, uploaded_by, uploaded_at FROM meeting_documents WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)
        .and_then(|r| document(&r))?;
        audit(
            &mut tx,
            self.now(),
            actor,
            "add_document",
            "meeting",
            slug.as_str(),
            None,
            Some(serde_json::to_value(&doc).expect("serialises")),
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    async fn list_documents(&self, slug: &Slug) -> Result<Vec<MeetingDocument>, StoreError> {
        sqlx::query("SELECT id, filename, content_type, size, uploaded_by, uploaded_at FROM meeting_documents WHERE meeting_slug = $1 ORDER BY id")
            .bind(slug.as_str())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(document)
            .collect()
    }

    async fn read_document(&self, slug: &Slug, id: i64) -> Result<Option<(MeetingDocument, Vec<u8>)>, StoreError> {
        let row = sqlx::query("SELECT * FROM meeting_documents WHERE meeting_slug = $1 AND id = $2")
            .bind(slug.as_str())
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((document(&r)?, r.try_get::<Vec<u8>, _>("content")?))).transpose()
    }
}
