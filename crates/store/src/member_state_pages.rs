//! The editable part of a Member State's page: its NREM's name and a summary, written by the EU ATC office or
//! by that Member State's rapporteur; every change audited with before and after.

use crate::accounts::{audit, Actor};
use crate::queries::Page;
use crate::revisions::audited_states;
use crate::rows::RowReader;
use crate::ContentRepository;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::editing::MemberStateDocument;
use rapporteur_core::{Call, MemberState, Paging, Project};
use serde::{Deserialize, Serialize};

/// What is written on a Member State's page. Read back from the audit log too, so fields added later need
/// defaults for the states saved before them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberStatePage {
    pub nrem: Option<String>,
    pub summary: Vec<String>,
    pub updated_at: String,
    pub updated_by: String,
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
            document.nrem.clone_from(&page.nrem);
            document.summary.clone_from(&page.summary);
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
        nrem: Option<String>,
        summary: Vec<String>,
    ) -> Result<MemberStatePage, StoreError>;
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
        nrem: Option<String>,
        summary: Vec<String>,
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
        let summary_json = serde_json::to_string(&summary).expect("strings serialise");
        let now = self.now_text();
        sqlx::query(
            "INSERT INTO member_state_pages (code, nrem, summary, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET nrem = excluded.nrem, summary = excluded.summary, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(ms.iso())
        .bind(nrem)
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
