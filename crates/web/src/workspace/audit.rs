//! The audit log for admins: the page and the API, with the same filters.

use crate::http::{Admin, ApiRouter, AppError, Params, Signed};
use crate::state::AppState;
use crate::ui::time::brussels_time_of;
use crate::ui::{layout, page, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_store::{AuditEntry, AuditFilter};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new().route("/workspace/audit", get(show_audit)).routes(routes!(list_audit_api))
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
                    crate::http::params::message("param-bad-date", &[("name", name.into()), ("value", v.into())]),
                )
            })
        })
        .transpose()
}

/// The audit log's filters, from the query (the API's and the page's are the same).
fn audit_filter(params: &Params) -> Result<AuditFilter, AppError> {
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
    responses((status = 200, body = AuditList), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody)))]
async fn list_audit_api(
    State(state): State<AppState>,
    _: Signed<Admin>,
    params: Params,
) -> Result<Json<AuditList>, AppError> {
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

/// The audit log for admins, with the API's filters.
async fn show_audit(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<Admin>,
    params: Params,
) -> Result<Markup, AppError> {
    let filter = audit_filter(&params)?;
    let paging = params.paging(50)?;
    let log = state.repo.list_audit(&filter, paging).await?;
    let meta = PageMeta::new(cat, Section::None, cat.t("audit-title")).trail(cat.t("workspace-title"), "/workspace");
    let pairs: Vec<(String, String)> = ["actor", "object_kind", "object", "from", "to"]
        .iter()
        .filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v.to_owned())))
        .collect();
    let (when, who, what, object) =
        (cat.t("revisions-when"), cat.t("revisions-who"), cat.t("revisions-what"), cat.t("audit-object"));
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("audit-title")) }
            form.filters method="get" action="/workspace/audit" {
                div.field { label for="a-actor" { (cat.t("audit-actor")) } input #a-actor type="text" name="actor" value=(params.get("actor").unwrap_or_default()); }
                div.field { label for="a-object" { (cat.t("audit-object")) } input #a-object type="text" name="object" value=(params.get("object").unwrap_or_default()); }
                div.field { label for="a-kind" { (cat.t("audit-kind")) } input #a-kind type="text" name="object_kind" value=(params.get("object_kind").unwrap_or_default()); }
                div.field { label for="a-from" { (cat.t("audit-from")) } input #a-from type="date" name="from" value=(params.get("from").unwrap_or_default()); }
                div.field { label for="a-to" { (cat.t("audit-to")) } input #a-to type="date" name="to" value=(params.get("to").unwrap_or_default()); }
                div.actions { button type="submit" { (cat.t("filter-apply")) } }
            }
            table.data-table.data-table--stack {
                caption { (cat.t_args("results-count", &[("count", log.total.into())])) }
                thead { tr {
                    th scope="col" { (when) }
                    th scope="col" { (who) }
                    th scope="col" { (what) }
                    th scope="col" { (object) }
                } }
                tbody {
                    @for e in &log.items {
                        tr {
                            td data-label=(when) { (brussels_time_of(&e.at)) }
                            td data-label=(who) { (e.actor) }
                            td data-label=(what) { (e.action) }
                            td data-label=(object) { (e.object_kind) " " (e.object_key) }
                        }
                    }
                }
            }
            (layout::pagination(cat, "/workspace/audit", &pairs, paging.page(), paging.page_count(log.total)))
        },
    ))
}
