//! The 27 Member States: what the content knows of each; API.

use crate::auth::Caller;
use crate::error::{ApiError, AppError};
use crate::form::{paragraphs_text, text_paragraphs, FieldError, Form};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{self, page, PageMeta, Section};
use crate::params::Params;
use crate::project_editing::{json_input, EditError};
use crate::workspace::{revisions_table, save_buttons, Refusal, RevisionRow};
use crate::workspace_content::{error_summary, preview_section};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::{Call, MemberState, Project};
use rapporteur_store::{Account, Actor};
use serde::Serialize;
use utoipa::ToSchema;

/// Projects shown on a Member State's page (real ones first; synthetic ones only fill up).
const PROJECTS_SHOWN: u32 = 50;

fn parse_member_state(code: &str) -> Result<MemberState, AppError> {
    MemberState::parse(code).map_err(|_| AppError::NotFound)
}

struct Known {
    projects: Vec<Project>,
    calls: Vec<Call>,
    page: Option<rapporteur_store::MemberStatePage>,
}

async fn what_is_known(state: &AppState, ms: MemberState) -> Result<Known, AppError> {
    let projects = state.repo.list_projects_by_country(ms.iso(), PROJECTS_SHOWN).await?;
    let calls = state.repo.list_calls().await?.into_iter().filter(|c| c.eligible_member_states.contains(&ms)).collect();
    let page = state.repo.find_member_state_page(ms).await?;
    Ok(Known { projects, calls, page })
}

pub async fn list_member_states_page(Lang(cat): Lang) -> Markup {
    let meta = PageMeta::new(cat, Section::MemberStates, cat.t("member-states-title")).trail(cat.t("nav-home"), "/");
    page(
        meta,
        html! {
            h1 { (cat.t("member-states-title")) }
            p.lead { (cat.t("member-states-intro")) }
            ul.columns {
                @for m in MemberState::all() {
                    li { a href={ "/member-states/" (m.iso().to_lowercase()) } { (m.name()) } " " span.code { "(" (m.iso()) ")" } }
                }
            }
        },
    )
}

pub async fn show_member_state_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Markup, AppError> {
    let ms = parse_member_state(&code)?;
    let known = what_is_known(&state, ms).await?;
    let may_edit = caller.account.as_ref().is_some_and(|a| a.role.may_act_for_member_state(ms));
    let now = state.clock.now();
    let meta = PageMeta::new(cat, Section::MemberStates, ms.name().to_owned())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states");
    Ok(page(
        meta,
        html! {
            h1 { (ms.name()) }
            dl.facts {
                dt { (cat.t("ms-iso")) } dd { (ms.iso()) }
                dt { (cat.t("ms-eurostat")) } dd { (ms.country().eurostat()) }
            }
            @if may_edit { p { a.button href={ "/workspace/member-states/" (ms.iso().to_lowercase()) "/edit" } { (cat.t("ms-edit")) } } }
            h2 { (cat.t("ms-nrem")) }
            @if let Some(name) = known.page.as_ref().and_then(|p| p.nrem.as_ref()) { p { strong { (name) } } }
            p { (cat.t("ms-nrem-text")) " " a href="/network#body-nrem-network" { (cat.t("ms-nrem-link")) } }
            @if let Some(written) = &known.page {
                @if !written.summary.is_empty() {
                    h2 { (cat.t("ms-summary")) }
                    (layout::paragraphs(&written.summary))
                    p.meta { (cat.t_args("ms-updated", &[("who", written.updated_by.as_str().into()), ("when", written.updated_at.as_str().into())])) }
                }
            }
            h2 { (cat.t("ms-projects")) }
            @if known.projects.is_empty() {
                p { (cat.t("ms-projects-none")) }
            } @else {
                ul {
                    @for p in &known.projects {
                        li {
                            a href={ "/projects/" (p.slug) } { (p.short_name()) }
                            @if p.synthetic { " " (layout::synthetic_badge(cat)) }
                            @if p.lead.country == Some(ms.country()) { " – " (cat.t("ms-project-lead")) } @else { " – " (cat.t("ms-project-partner")) }
                        }
                    }
                }
            }
            h2 { (cat.t("ms-calls")) }
            @if known.calls.is_empty() {
                p { (cat.t("ms-calls-none")) }
            } @else {
                ul {
                    @for c in &known.calls {
                        li { a href={ "/calls/" (c.slug) } { (c.title) } " (" (cat.t(&format!("call-status-{}", c.deadline.status_at(now).code()))) ")" }
                    }
                }
            }
        },
    ))
}

/// A Member State in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberStateResource {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// Eurostat's geo code (EL for Greece).
    pub eurostat_code: String,
    pub name: String,
    /// Projects whose lead or partners are in this Member State (at most 50, real ones first).
    pub projects: Vec<String>,
    /// Calls restricted to organisations of a list of Member States that includes this one.
    pub calls: Vec<String>,
    /// The NREM's name, as its page gives it.
    pub nrem: Option<String>,
    /// Paragraphs written by the EU ATC office or the Member State's rapporteur.
    pub summary: Vec<String>,
}

async fn resource(state: &AppState, ms: MemberState) -> Result<MemberStateResource, AppError> {
    let known = what_is_known(state, ms).await?;
    Ok(MemberStateResource {
        code: ms.iso().to_owned(),
        eurostat_code: ms.country().eurostat().to_owned(),
        name: ms.name().to_owned(),
        projects: known.projects.iter().map(|p| p.slug.to_string()).collect(),
        calls: known.calls.iter().map(|c| c.slug.to_string()).collect(),
        nrem: known.page.as_ref().and_then(|p| p.nrem.clone()),
        summary: known.page.map(|p| p.summary).unwrap_or_default(),
    })
}

/// The Member States.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberStateList {
    pub items: Vec<MemberStateSummary>,
    pub total: u64,
}

/// A Member State in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberStateSummary {
    pub code: String,
    pub eurostat_code: String,
    pub name: String,
}

/// The 27 Member States.
#[utoipa::path(get, path = "/api/v1/member-states", tag = "member-states", responses((status = 200, body = MemberStateList)))]
pub async fn list_member_states_api() -> Json<MemberStateList> {
    let items: Vec<MemberStateSummary> = MemberState::all()
        .map(|m| MemberStateSummary {
            code: m.iso().to_owned(),
            eurostat_code: m.country().eurostat().to_owned(),
            name: m.name().to_owned(),
        })
        .collect();
    Json(MemberStateList { total: items.len() as u64, items })
}

/// One Member State, with the projects and calls that concern it.
#[utoipa::path(get, path = "/api/v1/member-states/{code}", tag = "member-states",
    params(("code" = String, Path, description = "ISO code, e.g. DE")),
    responses((status = 200, body = MemberStateResource), (status = 404, body = crate::error::ErrorBody)))]
pub async fn show_member_state_api(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<MemberStateResource>, ApiError> {
    Ok(Json(resource(&state, parse_member_state(&code)?).await?))
}

/// What an editor or the Member State's rapporteur writes on its page.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberStatePageInput {
    /// The NREM's name; absent or empty when not known.
    pub nrem: Option<String>,
    /// Paragraphs.
    #[serde(default)]
    pub summary: Vec<String>,
}

/// Checks the caller may write this Member State's page (editors, admins, its own rapporteur).
fn writer(caller: Caller, ms: MemberState, csrf: Option<&str>) -> Result<rapporteur_store::Account, AppError> {
    let account = caller.writer(csrf)?;
    if account.role.may_act_for_member_state(ms) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Checks what is written, field by field.
fn clean(nrem: Option<String>, summary: Vec<String>) -> Result<(Option<String>, Vec<String>), Vec<FieldError>> {
    let nrem = nrem.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    let summary: Vec<String> = summary.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
    let mut errors = Vec::new();
    if nrem.as_ref().is_some_and(|n| n.chars().count() > 300) {
        errors.push(FieldError::new("nrem", "the NREM's name must have at most 300 characters"));
    }
    if summary.iter().map(|p| p.chars().count()).sum::<usize>() > 20_000 {
        errors.push(FieldError::new("summary", "the summary must have at most 20,000 characters"));
    }
    if errors.is_empty() {
        Ok((nrem, summary))
    } else {
        Err(errors)
    }
}

/// Write a Member State's page (editors, admins, and that Member State's rapporteur only).
#[utoipa::path(put, path = "/api/v1/member-states/{code}", tag = "member-states", security(("bearer" = [])),
    params(("code" = String, Path, description = "ISO code, e.g. DE")), request_body = MemberStatePageInput,
    responses((status = 200, body = MemberStateResource), (status = 401), (status = 403), (status = 404), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn update_member_state_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<MemberStateResource>, EditError> {
    let ms = parse_member_state(&code)?;
    let account = writer(caller, ms, crate::auth::csrf_header(&headers))?;
    let input: MemberStatePageInput = json_input(&body)?;
    let (nrem, summary) = clean(input.nrem, input.summary).map_err(EditError::Invalid)?;
    state
        .repo
        .save_member_state_page(&rapporteur_store::Actor::Account(account.email.clone()), ms, nrem, summary)
        .await?;
    Ok(Json(resource(&state, ms).await?))
}

/// The account of a signed-in browser that may write this Member State's page, and its CSRF token.
fn browser_writer(caller: &Caller, ms: MemberState) -> Result<(Account, String), Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    if !account.role.may_act_for_member_state(ms) {
        return Err(AppError::Forbidden.into());
    }
    Ok((account, csrf))
}

fn edit_page(cat: &Catalogue, ms: MemberState, csrf: &str, form: &Form<'_>, preview: Option<Markup>) -> Markup {
    let title = cat.t_args("ms-edit-title", &[("name", ms.name().into())]);
    let code = ms.iso().to_lowercase();
    let meta = PageMeta::new(cat, Section::MemberStates, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states")
        .trail(ms.name(), format!("/member-states/{code}"));
    page(
        meta,
        html! {
            h1 { (title) }
            p.meta { a href={ "/workspace/member-states/" (code) "/revisions" } { (cat.t("edit-revisions-link")) } }
            (error_summary(cat, form.errors))
            @if let Some(content) = preview { (preview_section(cat, ms.name(), content)) }
            h2 { (cat.t("edit-form-heading")) }
            form.form.form--wide method="post" action={ "/workspace/member-states/" (code) "/edit" } {
                input type="hidden" name="csrf" value=(csrf);
                (form.input("nrem", &cat.t("ms-nrem"), "text", None))
                (form.area("summary", &cat.t("ms-summary"), &cat.t("edit-paragraphs-hint")))
                (save_buttons(cat))
            }
        },
    )
}

pub async fn show_edit_member_state(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Markup, Refusal> {
    let ms = parse_member_state(&code)?;
    let (_, csrf) = browser_writer(&caller, ms)?;
    let current = state.repo.find_member_state_page(ms).await?;
    let values = Params::from_pairs(vec![
        ("nrem".into(), current.as_ref().and_then(|p| p.nrem.clone()).unwrap_or_default()),
        ("summary".into(), current.map(|p| paragraphs_text(&p.summary)).unwrap_or_default()),
    ]);
    Ok(edit_page(cat, ms, &csrf, &Form { values: &values, errors: &[] }, None))
}

pub async fn submit_edit_member_state(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let ms = parse_member_state(&code)?;
    let form = Params::from_form(&body)?;
    let account = writer(caller.clone(), ms, form.get("csrf"))?;
    let (_, csrf) = browser_writer(&caller, ms)?;
    let summary = text_paragraphs(form.get("summary").unwrap_or_default());
    let (nrem, summary) = match clean(form.get("nrem").map(str::to_owned), summary) {
        Ok(clean) => clean,
        Err(errors) => {
            let page = edit_page(cat, ms, &csrf, &Form { values: &form, errors: &errors }, None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if form.get("action") != Some("save") {
        let preview = html! {
            h2 { (cat.t("ms-nrem")) }
            @if let Some(name) = &nrem { p { strong { (name) } } }
            @if !summary.is_empty() { h2 { (cat.t("ms-summary")) } (layout::paragraphs(&summary)) }
        };
        return Ok(edit_page(cat, ms, &csrf, &Form { values: &form, errors: &[] }, Some(preview)).into_response());
    }
    state.repo.save_member_state_page(&Actor::Account(account.email.clone()), ms, nrem, summary).await?;
    Ok(Redirect::to(&format!("/member-states/{}", ms.iso().to_lowercase())).into_response())
}

/// Every saved state of a Member State's page, newest first (editors and that Member State's rapporteur).
pub async fn show_member_state_revisions(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Markup, Refusal> {
    let ms = parse_member_state(&code)?;
    browser_writer(&caller, ms)?;
    let revisions = state.repo.list_member_state_page_revisions(ms).await?;
    let count = revisions.len() as i64;
    let rows: Vec<_> = revisions
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let shown = r.nrem.clone().or_else(|| r.summary.first().cloned()).unwrap_or_default();
            RevisionRow {
                revision: count - i as i64,
                at: r.updated_at,
                actor: r.updated_by,
                action: "update".to_owned(),
                title: shown,
            }
        })
        .collect();
    let title = cat.t_args("revisions-title", &[("project", ms.name().into())]);
    let code = ms.iso().to_lowercase();
    let meta = PageMeta::new(cat, Section::MemberStates, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states")
        .trail(ms.name(), format!("/member-states/{code}"));
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { a href={ "/workspace/member-states/" (code) "/edit" } { (cat.t("revisions-edit-link")) } }
            (revisions_table(cat, &rows))
        },
    ))
}

/// One saved state of a Member State's page.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberStateRevisionResource {
    pub at: String,
    pub actor: String,
    pub nrem: Option<String>,
    pub summary: Vec<String>,
}

/// Every saved state of a Member State's page, newest first (editors, admins, and that Member State's
/// rapporteur only).
#[utoipa::path(get, path = "/api/v1/member-states/{code}/revisions", tag = "member-states", security(("bearer" = [])),
    params(("code" = String, Path, description = "ISO code, e.g. DE")),
    responses((status = 200, body = [MemberStateRevisionResource]), (status = 401), (status = 403), (status = 404)))]
pub async fn list_member_state_revisions_api(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Json<Vec<MemberStateRevisionResource>>, ApiError> {
    let ms = parse_member_state(&code)?;
    let account = caller.required()?;
    if !account.role.may_act_for_member_state(ms) {
        return Err(AppError::Forbidden.into());
    }
    let revisions = state.repo.list_member_state_page_revisions(ms).await?;
    Ok(Json(
        revisions
            .into_iter()
            .map(|r| MemberStateRevisionResource {
                at: r.updated_at,
                actor: r.updated_by,
                nrem: r.nrem,
                summary: r.summary,
            })
            .collect(),
    ))
}
