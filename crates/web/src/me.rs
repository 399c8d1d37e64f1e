//! The caller's own account, and the audit log for admins.

use crate::auth::Caller;
use crate::error::{ApiError, AppError};
use crate::params::Params;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use rapporteur_store::{Account, AuditEntry, AuditFilter};
use serde::Serialize;
use utoipa::ToSchema;

/// An account as the API shows it (never its password or tokens).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountResource {
    pub email: String,
    /// admin, editor, rapporteur, source, agency or cso
    pub role: String,
    /// The Member State of a rapporteur or source (ISO code).
    pub member_state: Option<String>,
    /// The organisation of a source or civil-society account.
    pub organisation: Option<String>,
    /// The agency of an agency account.
    pub agency: Option<String>,
    pub disabled: bool,
}

impl From<Account> for AccountResource {
    fn from(a: Account) -> Self {
        let scope = a.role.scope();
        AccountResource {
            email: a.email.to_string(),
            role: a.role.name().code().to_owned(),
            member_state: scope.member_state.map(|m| m.iso().to_owned()),
            organisation: scope.organisation.map(|s| s.to_string()),
            agency: scope.agency.map(|s| s.to_string()),
            disabled: a.disabled,
        }
    }
}

/// The caller's account, role and scope.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = AccountResource), (status = 401, body = crate::error::ErrorBody)))]
pub async fn show_me_api(caller: Caller) -> Result<Json<AccountResource>, ApiError> {
    Ok(Json(caller.required()?.into()))
}

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResource {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The account's e-mail address, or "cli" for the command line on the server.
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_key: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

impl From<AuditEntry> for AuditEntryResource {
    fn from(e: AuditEntry) -> Self {
        AuditEntryResource {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            object_kind: e.object_kind,
            object_key: e.object_key,
            before: e.before,
            after: e.after,
        }
    }
}

/// A page of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntryResource>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

fn date(params: &Params, name: &'static str) -> Result<Option<chrono::NaiveDate>, AppError> {
    params
        .get(name)
        .map(|v| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                AppError::bad(
                    name,
                    crate::params::message("param-bad-date", &[("name", name.into()), ("value", v.into())]),
                )
            })
        })
        .transpose()
}

/// The audit log's filters, from the query (the API's and the page's are the same).
pub(crate) fn audit_filter(params: &Params) -> Result<AuditFilter, AppError> {
    Ok(AuditFilter {
        actor: params.text("actor", 254)?,
        object_kind: params.text("object_kind", 50)?,
        object_key: params.text("object", 254)?,
        from: date(params, "from")?,
        to: date(params, "to")?,
    })
}

/// The audit log, newest first (admins only).
#[utoipa::path(get, path = "/api/v1/audit", tag = "accounts",
    security(("bearer" = [])),
    params(
        ("actor" = Option<String>, Query, description = "An account's e-mail address, or cli"),
        ("object_kind" = Option<String>, Query, description = "account, project …"),
        ("object" = Option<String>, Query, description = "The object's key (e-mail address, slug …)"),
        ("from" = Option<String>, Query, description = "On or after this day, YYYY-MM-DD (UTC)"),
        ("to" = Option<String>, Query, description = "On or before this day, YYYY-MM-DD (UTC)"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = AuditList), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list_audit_api(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<AuditList>, ApiError> {
    caller.admin()?;
    let filter = audit_filter(&params)?;
    let paging = params.default_paging()?;
    let page = state.repo.list_audit(&filter, paging).await?;
    Ok(Json(AuditList {
        items: page.items.into_iter().map(Into::into).collect(),
        total: page.total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}
