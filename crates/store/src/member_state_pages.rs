//! The editable part of a Member State's page: its NREM's name, institution, contact and national reports,
//! and a summary, written by the EU ATC office or by that Member State's rapporteur; every change audited
//! with before and after.

use crate::accounts::{audit, Actor};
use crate::queries::Page;
use crate::revisions::audited_states;
use crate::rows::RowReader;
use crate::ContentRepository;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::editing::{MemberStateDocument, MemberStateWriting};
use rapporteur_core::{Call, MemberState, Paging, Project};
use serde::{Deserialize, Serialize};

/// What is written on a Member State's page. Read back from the audit log too, so fields added later need
/// defaults for the states saved before them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberStatePage {
    pub nrem: Option<String>,
    pub nrem_institution: Option<String>,
    pub nrem_website: Option<String>,
    pub nrem_email: Option<String>,
    pub nrem_postal_address: Option<String>,
    pub national_reports: Vec<rapporteur_core::editing::NationalReport>,
    pub summary: Vec<String>,
    pub updated_at: String,
    pub updated_by: String,
}

impl MemberStatePage {
    /// What is written on the page, without who wrote it and when.
    pub fn writing(&self) -> MemberStateWriting {
        MemberStateWriting {
            nrem: self.nrem.clone(),
            nrem_institution: self.nrem_institution.clone(),
            nrem_website: self.nrem_website.clone(),
            nrem_email: self.nrem_email.clone(),
            nrem_postal_address: self.nrem_postal_address.clone(),
            national_reports: self.national_reports.clone(),
            summary: self.summary.clone(),
        }
    }
}

/// What the store knows of a Member State (its projects are found with the search index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberStateOverview {
    /// Published calls restricted to organisations of a list of Member States that includes it.
    pub calls: Vec<Call>,
    /// What the EU ATC office or its rapporteur wrote on its page.
    pub page: Option<MemberStatePage>,
}

impl MemberStateOverview {
    /// The Member State's document, as the API shows it, with the projects its page names.
    pub fn document(&self, ms: MemberState, projects: &[Project]) -> MemberStateDocument {
        let mut document = MemberStateDocument::of(
            ms,
            projects.iter().map(|p| p.slug.to_string()).collect(),
            self.calls.iter().map(|c| c.slug.to_string()).collect(),
        );
        if let Some(page) = &self.page {
            document = document.with_writing(&page.writing());
        }
        document
    }
}

/// Member State pages.
#[async_trait]
pub trait MemberStatePages: Send + Sync {
    /// What the store knows of a Member State: the calls open to it and its page.
    async fn member_state_overview(&self, ms: MemberState) -> Result<MemberStateOverview, StoreError>;
    async fn find_member_state_page(&self, ms: MemberState) -> Result<Option<MemberStatePage>, StoreError>;
    async fn save_member_state_page(
        &self,
        actor: &Actor,
        ms: MemberState,
        writing: &MemberStateWriting,
    ) -> Result<MemberStatePage, StoreError>;
    /// Every Member State page written so far (those never written are absent).
    async fn list_member_state_pages(&self) -> Result<Vec<(MemberState, MemberStatePage)>, StoreError>;
    /// Every saved state of the page, newest first, each with who wrote it and when.
    /// A page of the page's revisions, newest first, each with its number (1 for the first).
    async fn list_member_state_page_revisions(
        &self,
        ms: MemberState,
        paging: Paging,
    ) -> Result<Page<(i64, MemberStatePage)>, StoreError>;
}

fn page(row: &sqlx::any::AnyRow) -> Result<MemberStatePage, StoreError> {
    let r = RowReader::new(row, "member state page");
    Ok(MemberStatePage {
        nrem: r.opt_text("nrem")?,
        nrem_institution: r.opt_text("nrem_institution")?,
        nrem_website: r.opt_text("nrem_website")?,
        nrem_email: r.opt_text("nrem_email")?,
        nrem_postal_address: r.opt_text("nrem_postal_address")?,
        national_reports: r.json("national_reports")?,
        summary: r.json("summary")?,
        updated_at: r.text("updated_at")?,
        updated_by: r.text("updated_by")?,
    })
}

#[async_trait]
impl MemberStatePages for SqlStore {
    async fn member_state_overview(&self, ms: MemberState) -> Result<MemberStateOverview, StoreError> {
        Ok(MemberStateOverview {
            calls: self.list_calls().await?.into_iter().filter(|c| c.eligible_member_states.contains(&ms)).collect(),
            page: self.find_member_state_page(ms).await?,
        })
    }

    async fn find_member_state_page(&self, ms: MemberState) -> Result<Option<MemberStatePage>, StoreError> {
        sqlx::query("SELECT * FROM member_state_pages WHERE code = $1")
            .bind(ms.iso())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(page)
            .transpose()
    }

    async fn save_member_state_page(
        &self,
        actor: &Actor,
        ms: MemberState,
        w: &MemberStateWriting,
    ) -> Result<MemberStatePage, StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "member_state", ms.iso()).await?;
        let before = sqlx::query("SELECT * FROM member_state_pages WHERE code = $1")
            .bind(ms.iso())
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(page)
            .transpose()?;
        let summary_json = serde_json::to_string(&w.summary).expect("strings serialise");
        let reports_json = serde_json::to_string(&w.national_reports).expect("reports serialise");
        let now = self.now_text();
        sqlx::query(
            "INSERT INTO member_state_pages (code, nrem, nrem_institution, nrem_website, nrem_email, \
             nrem_postal_address, national_reports, summary, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (code) DO UPDATE SET nrem = excluded.nrem, nrem_institution = excluded.nrem_institution, \
             nrem_website = excluded.nrem_website, nrem_email = excluded.nrem_email, \
             nrem_postal_address = excluded.nrem_postal_address, national_reports = excluded.national_reports, \
             summary = excluded.summary, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(ms.iso())
        .bind(w.nrem.clone())
        .bind(w.nrem_institution.clone())
        .bind(w.nrem_website.clone())
        .bind(w.nrem_email.clone())
        .bind(w.nrem_postal_address.clone())
        .bind(reports_json)
        .bind(summary_json)
        .bind(now)
        .bind(actor.as_text())
        .execute(&mut *tx)
        .await?;
        let after = sqlx::query("SELECT * FROM member_state_pages WHERE code = $1")
            .bind(ms.iso())
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::from)
            .and_then(|row| page(&row))?;
        let json = |p: &MemberStatePage| serde_json::to_value(p).expect("a page serialises");
        audit(
            &mut tx,
            self.now(),
            actor,
            "update",
            "member_state",
            ms.iso(),
            before.as_ref().map(json),
            Some(json(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn list_member_state_pages(&self) -> Result<Vec<(MemberState, MemberStatePage)>, StoreError> {
        let rows = sqlx::query("SELECT * FROM member_state_pages ORDER BY code").fetch_all(&self.pool).await?;
        let mut pages = Vec::new();
        for row in &rows {
            let code: String = sqlx::Row::try_get(row, "code")?;
            // A code no longer among the 27 (none today) is skipped rather than failing every list.
            if let Ok(ms) = MemberState::parse(&code) {
                pages.push((ms, page(row)?));
            }
        }
        Ok(pages)
    }

    async fn list_member_state_page_revisions(
        &self,
        ms: MemberState,
        paging: Paging,
    ) -> Result<Page<(i64, MemberStatePage)>, StoreError> {
        let states = audited_states(&self.pool, "member_state", ms.iso(), paging).await?;
        let items = states
            .items
            .into_iter()
            .map(|s| {
                let page = serde_json::from_str(&s.after_json).map_err(|e| StoreError::Corrupt {
                    kind: "member state page revision",
                    key: ms.iso().to_owned(),
                    field: "after_json",
                    reason: e.to_string(),
                })?;
                Ok((s.revision, page))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Page { items, total: states.total })
    }
}
