//! The Civil Society Platform: applications to calls for expression of interest, decisions, and the
//! members per Member State. Decisions are audited in their transaction; an acceptance creates the
//! organisation's `cso` account in the same transaction.

use crate::accounts::{audit, Actor};
use crate::credentials::{hash_password, random_secret};
use crate::queries::Page;
use crate::rows::RowReader;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::accounts::Password;
pub use rapporteur_core::platform::NewApplication;
use rapporteur_core::{MemberState, Paging, Slug};
use serde::Serialize;
use sqlx::any::AnyRow;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApplicationStatus {
    Submitted,
    Accepted,
    Rejected,
}

impl ApplicationStatus {
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Accepted => "accepted",
            ApplicationStatus::Rejected => "rejected",
        }
    }
    fn parse(text: &str) -> Option<Self> {
        [ApplicationStatus::Submitted, ApplicationStatus::Accepted, ApplicationStatus::Rejected]
            .into_iter()
            .find(|s| s.code() == text)
    }
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: i64,
    pub call: String,
    pub organisation_name: String,
    pub organisation: String,
    /// ISO code of the legal seat.
    pub member_state: String,
    pub contact_email: String,
    pub motivation: String,
    pub status: ApplicationStatus,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
}

/// Which applications to list; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub call: Option<Slug>,
    /// An organisation's own: the slug of its name and its contact address, both.
    pub organisation: Option<(String, String)>,
}

/// The Platform's applications and members.
#[async_trait]
pub trait PlatformRepository: Send + Sync {
    async fn submit_application(&self, application: &NewApplication) -> Result<Application, StoreError>;
    /// A page of the applications that match, newest first.
    async fn list_applications(
        &self,
        filter: &ApplicationFilter,
        paging: Paging,
    ) -> Result<Page<Application>, StoreError>;
    /// Accepts (creating the organisation's `cso` account) or rejects a submitted application.
    async fn decide_application(&self, actor: &Actor, id: i64, accept: bool) -> Result<Application, StoreError>;
    /// Accepted organisations per Member State of their legal seat.
    async fn members_per_member_state(&self) -> Result<Vec<(MemberState, u64)>, StoreError>;
}

fn application(row: &AnyRow) -> Result<Application, StoreError> {
    let r = RowReader::new(row, "application");
    let status = r.text("status")?;
    Ok(Application {
        id: r.int("id")?,
        call: r.text("call_slug")?,
        organisation_name: r.text("organisation_name")?,
        organisation: r.text("organisation_slug")?,
        member_state: r.text("member_state")?,
        contact_email: r.text("contact_email")?,
        motivation: r.text("motivation")?,
        status: ApplicationStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
            kind: "application",
            key: String::new(),
            field: "status",
            reason: status.clone(),
        })?,
        submitted_at: r.text("submitted_at")?,
        decided_at: r.opt_text("decided_at")?,
        decided_by: r.opt_text("decided_by")?,
    })
}

fn application_json(a: &Application) -> serde_json::Value {
    serde_json::to_value(a).expect("an application serialises")
}

async fn find_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Application, StoreError> {
    sqlx::query("SELECT * FROM platform_applications WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(application)
        .transpose()?
        .ok_or_else(|| StoreError::NotFound { kind: "application", key: id.to_string() })
}

#[async_trait]
impl PlatformRepository for SqlStore {
    async fn submit_application(&self, a: &NewApplication) -> Result<Application, StoreError> {
        let mut tx = self.begin_writing().await?;
        let row = sqlx::query(
            "INSERT INTO platform_applications (call_slug, organisation_name, organisation_slug, member_state, \
             contact_email, motivation, status, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7) RETURNING id",
        )
        .bind(a.call.as_str())
        .bind(a.organisation_name.as_str())
        .bind(a.organisation.as_str())
        .bind(a.member_state.iso())
        .bind(a.contact_email.as_str())
        .bind(a.motivation.as_str())
        .bind(self.now_text())
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::Row::try_get(&row, "id")?;
        let stored = find_on(&mut tx, id).await?;
        let actor = Actor::Public(a.contact_email.to_string());
        audit(
            &mut tx,
            self.now(),
            &actor,
            "apply",
            "application",
            &id.to_string(),
            None,
            Some(application_json(&stored)),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn list_applications(
        &self,
        filter: &ApplicationFilter,
        paging: Paging,
    ) -> Result<Page<Application>, StoreError> {
        let mut clauses = Vec::new();
        let mut args: Vec<String> = Vec::new();
        if let Some(call) = &filter.call {
            args.push(call.to_string());
            clauses.push(format!("call_slug = ${}", args.len()));
        }
        if let Some((organisation, contact)) = &filter.organisation {
            args.push(organisation.clone());
            clauses.push(format!("organisation_slug = ${}", args.len()));
            args.push(contact.clone());
            clauses.push(format!("contact_email = ${}", args.len()));
        }
        let where_sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        let count_sql = format!("SELECT COUNT(*) FROM platform_applications{where_sql}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for a in &args {
            count = count.bind(a.clone());
        }
        let total = count.fetch_one(&self.pool).await?;
        let sql = format!(
            "SELECT * FROM platform_applications{where_sql} ORDER BY id DESC LIMIT {} OFFSET {}",
            paging.per_page(),
            paging.offset()
        );
        let mut query = sqlx::query(&sql);
        for a in &args {
            query = query.bind(a.clone());
        }
        let items = query.fetch_all(&self.pool).await?.iter().map(application).collect::<Result<_, _>>()?;
        Ok(Page { items, total: total as u64 })
    }

    async fn decide_application(&self, actor: &Actor, id: i64, accept: bool) -> Result<Application, StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "application", &id.to_string()).await?;
        let before = find_on(&mut tx, id).await?;
        let status = if accept { ApplicationStatus::Accepted } else { ApplicationStatus::Rejected };
        // Only a submitted application is decided, once: the update says so itself, so that a second
        // decision finds nothing to change even where no lock is taken.
        let decided = sqlx::query(
            "UPDATE platform_applications SET status = $1, decided_at = $2, decided_by = $3 \
             WHERE id = $4 AND status = 'submitted'",
        )
        .bind(status.code())
        .bind(self.now_text())
        .bind(actor.as_text())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if decided == 0 {
            return Err(StoreError::AlreadyChanged {
                kind: "application",
                key: id.to_string(),
                state: before.status.code().to_owned(),
            });
        }
        let after = find_on(&mut tx, id).await?;
        audit(
            &mut tx,
            self.now(),
            actor,
            if accept { "accept" } else { "reject" },
            "application",
            &id.to_string(),
            Some(application_json(&before)),
            Some(application_json(&after)),
        )
        .await?;
        if accept {
            // The organisation's account: no password anyone knows until an admin sets one.
            let unknown = Password::new(random_secret()).expect("64 hex characters are a valid password");
            sqlx::query(
                "INSERT INTO accounts (email, password_hash, role, member_state, organisation, agency, disabled, created_at) \
                 VALUES ($1, $2, 'cso', NULL, $3, NULL, 0, $4)",
            )
            .bind(after.contact_email.as_str())
            .bind(hash_password(&unknown))
            .bind(after.organisation.as_str())
            .bind(self.now_text())
            .execute(&mut *tx)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    StoreError::Conflict { kind: "account", key: after.contact_email.clone() }
                }
                _ => e.into(),
            })?;
            let account =
                serde_json::json!({ "email": after.contact_email, "role": "cso", "organisation": after.organisation });
            audit(&mut tx, self.now(), actor, "create", "account", &after.contact_email, None, Some(account)).await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    async fn members_per_member_state(&self) -> Result<Vec<(MemberState, u64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT member_state, COUNT(*) AS n FROM platform_applications WHERE status = 'accepted' GROUP BY member_state",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut counts: Vec<(MemberState, u64)> = MemberState::all().map(|m| (m, 0)).collect();
        for row in &rows {
            let r = RowReader::new(row, "membership");
            let code = r.text("member_state")?;
            let n = r.int("n")?;
            if let Some(entry) = counts.iter_mut().find(|(m, _)| m.iso() == code) {
                entry.1 = n as u64;
            }
        }
        Ok(counts)
    }
}
