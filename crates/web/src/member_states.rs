//! The 27 Member States: what the content knows of each; API.

use crate::error::{ApiError, AppError};
use crate::i18n::Lang;
use crate::layout::{self, page, PageMeta, Section};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::{Call, MemberState, Project};
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
}

async fn what_is_known(state: &AppState, ms: MemberState) -> Result<Known, AppError> {
    let projects = state.repo.list_projects_by_country(ms.iso(), PROJECTS_SHOWN).await?;
    let calls = state.repo.list_calls().await?.into_iter().filter(|c| c.eligible_member_states.contains(&ms)).collect();
    Ok(Known { projects, calls })
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
    Path(code): Path<String>,
) -> Result<Markup, AppError> {
    let ms = parse_member_state(&code)?;
    let known = what_is_known(&state, ms).await?;
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
            h2 { (cat.t("ms-nrem")) }
            p { (cat.t("ms-nrem-text")) " " a href="/network#body-nrem-network" { (cat.t("ms-nrem-link")) } }
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
}

async fn resource(state: &AppState, ms: MemberState) -> Result<MemberStateResource, AppError> {
    let known = what_is_known(state, ms).await?;
    Ok(MemberStateResource {
        code: ms.iso().to_owned(),
        eurostat_code: ms.country().eurostat().to_owned(),
        name: ms.name().to_owned(),
        projects: known.projects.iter().map(|p| p.slug.to_string()).collect(),
        calls: known.calls.iter().map(|c| c.slug.to_string()).collect(),
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
