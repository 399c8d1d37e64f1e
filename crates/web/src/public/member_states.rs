//! The 27 Member States: what the content knows of each, and the same in the API.

use crate::http::cache::fresh_until;
use crate::http::{ApiRouter, AppError, Caller, Path};
use crate::index::member_state_projects;
use crate::state::AppState;
use crate::ui::map::{self, CountryMap, Place, Shade};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::calls::next_change;
use rapporteur_core::editing::{MemberStateDocument, MemberStateWriting};
use rapporteur_core::MemberState;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/member-states", get(list_member_states_page))
        .route("/member-states/{code}", get(show_member_state_page))
        .routes(routes!(list_member_states_api))
        .routes(routes!(show_member_state_api))
}

async fn list_member_states_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let written = state.repo.list_member_state_pages().await?;
    let writing_of = |ms: MemberState| written.iter().find(|(m, _)| *m == ms).map(|(_, p)| p.writing());
    let filled = written.iter().filter(|(_, p)| p.writing().is_filled_in()).count();
    let places: Vec<Place> = MemberState::all()
        .map(|m| {
            let shade = if writing_of(m).is_some_and(|w| w.is_filled_in()) { Shade::Strong } else { Shade::Light };
            Place::new(m.country(), shade).href(format!("/member-states/{}", m.iso().to_lowercase()))
        })
        .collect();
    let meta = PageMeta::new(cat, Section::MemberStates, cat.t("member-states-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("member-states-title")) }
            p.lead { (cat.t("member-states-intro")) }
            p { (cat.t_args("member-states-filled-count", &[("filled", filled.into()), ("total", MemberState::all().count().into())])) }
            (filled_map(cat, &places))
            section aria-labelledby="ms-grid-heading" {
                h2 #ms-grid-heading { (cat.t("member-states-grid")) }
                ul.ms-grid {
                    @for m in MemberState::all() {
                        @let w = writing_of(m).unwrap_or_default();
                        li.card.ms-grid__item {
                            h3.card__title { a href={ "/member-states/" (m.iso().to_lowercase()) } { (m.name()) } }
                            p.meta { (cat.t("ms-nrem-short")) ": "
                                @match &w.nrem { Some(n) => (n), None => (cat.t("ms-nrem-not-given")) } }
                            p { (filled_badge(cat, &w)) }
                        }
                    }
                }
            }
        },
    ))
}

/// The Member States on a map, shaded by whether their page has been filled in. The grid beneath says the
/// same of each in words, so the map's own table would only repeat it: the picture, its key and its caption.
fn filled_map(cat: &Catalogue, places: &[Place]) -> Markup {
    let caption = cat.t("member-states-map-caption");
    let map = CountryMap { id: "ms-map", caption: &caption, places, legend: &[], note_heading: None };
    html! {
        figure.country-map #ms-map {
            (map::country_map_svg(&map))
            ul.country-map__legend aria-label=(cat.t("map-legend")) {
                li { span.country-map__swatch.country-map__swatch--strong aria-hidden="true" {} (cat.t("member-states-map-filled")) }
                li { span.country-map__swatch.country-map__swatch--light aria-hidden="true" {} (cat.t("member-states-map-empty")) }
            }
            figcaption { (caption) ". " (cat.t("member-states-map-list")) }
        }
    }
}

/// Whether a Member State's page has been filled in, as a badge.
fn filled_badge(cat: &Catalogue, w: &MemberStateWriting) -> Markup {
    if w.is_filled_in() {
        html! { span.badge.badge--filled { (cat.t("ms-filled")) } }
    } else {
        html! { span.badge.badge--empty { (cat.t("ms-not-filled")) } }
    }
}

/// What a Member State's page says of its NREM: its name, institution, contact and national reports, or
/// who fills them in when nothing is written yet. The workspace's preview shows the same.
pub fn nrem_section(cat: &Catalogue, ms: MemberState, w: &MemberStateWriting) -> Markup {
    html! {
        section aria-labelledby="ms-nrem" {
            h2 #ms-nrem { (cat.t("ms-nrem")) }
            @if w.names_the_nrem() {
                dl.facts {
                    @if let Some(n) = &w.nrem { dt { (cat.t("ms-nrem-name")) } dd { strong { (n) } } }
                    @if let Some(i) = &w.nrem_institution { dt { (cat.t("ms-nrem-institution")) } dd { (i) } }
                    @if let Some(u) = &w.nrem_website { dt { (cat.t("ms-nrem-website")) } dd { a.break-anywhere href=(u) { (u) } } }
                    @if let Some(e) = &w.nrem_email { dt { (cat.t("ms-nrem-email")) } dd { a.break-anywhere href={ "mailto:" (e) } { (e) } } }
                    @if let Some(a) = &w.nrem_postal_address {
                        dt { (cat.t("ms-nrem-postal-address")) }
                        dd { address { @for (n, line) in a.lines().enumerate() { @if n > 0 { br; } (line) } } }
                    }
                }
                h3 { (cat.t("ms-national-reports")) }
                @if w.national_reports.is_empty() {
                    p { (cat.t("ms-national-reports-none")) }
                } @else {
                    ul {
                        @for r in &w.national_reports {
                            li {
                                @match &r.url { Some(u) => { a href=(u) { (r.title) } }, None => { (r.title) } }
                                " (" (r.year) ")"
                            }
                        }
                    }
                }
            } @else {
                div.notice.ms-empty {
                    p { (cat.t_args("ms-empty", &[("name", ms.name().into())])) }
                    p { (cat.t_args("ms-empty-figures", &[("name", ms.name().into())])) " " a href="/statistics" { (cat.t("ms-empty-statistics-link")) } }
                }
            }
            p { (cat.t("ms-nrem-text")) " " a href="/network#body-nrem-network" { (cat.t("ms-nrem-link")) } }
        }
    }
}

async fn show_member_state_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(ms): Path<MemberState>,
) -> Result<impl IntoResponse, AppError> {
    let known = state.repo.member_state_overview(ms).await?;
    let projects = member_state_projects(state.repo.as_ref(), &state.search, ms, MemberStateDocument::PROJECTS).await?;
    let may_edit = caller.may(Permission::ActForMemberState(ms));
    let figures = crate::figures::load(&state, None, Some(crate::figures::geo_of(ms)), None).await?;
    let estimates = crate::estimates::current(&state, ms).await?;
    let now = state.clock.now();
    let writing = known.page.as_ref().map(|p| p.writing()).unwrap_or_default();
    let meta = PageMeta::new(cat, Section::MemberStates, ms.name().to_owned())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states");
    let body = page(
        meta,
        html! {
            h1 { (ms.name()) }
            p { (filled_badge(cat, &writing)) }
            @if may_edit { p { a.button href={ "/workspace/member-states/" (ms.iso().to_lowercase()) "/edit" } { (cat.t("ms-edit")) } } }
            (nrem_section(cat, ms, &writing))
            @if let Some(written) = &known.page {
                @if !written.summary.is_empty() {
                    section aria-labelledby="ms-summary" {
                        h2 #ms-summary { (cat.t("ms-summary")) }
                        (layout::paragraphs(&written.summary))
                    }
                }
                p.meta { (cat.t_args("ms-updated", &[("who", written.updated_by.as_str().into()), ("when", written.updated_at.as_str().into())])) }
            }
            (crate::figures::member_state_section(cat, ms, &figures))
            (crate::estimates::public_section(cat, "ms", ms, &estimates, &figures))
            h2 { (cat.t("ms-projects")) }
            @if projects.is_empty() {
                p { (cat.t("ms-projects-none")) }
            } @else {
                ul {
                    @for p in &projects {
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
            h2 { (cat.t("ms-codes")) }
            dl.facts {
                dt { (cat.t("ms-iso")) } dd { (ms.iso()) }
                dt { (cat.t("ms-eurostat")) } dd { (ms.country().eurostat()) }
            }
        },
    );
    Ok((fresh_until(next_change(&known.calls, now)), body))
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
async fn list_member_states_api() -> Json<MemberStateList> {
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
    responses((status = 200, body = MemberStateDocument), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_member_state_api(
    State(state): State<AppState>,
    Path(ms): Path<MemberState>,
) -> Result<impl IntoResponse, AppError> {
    let known = state.repo.member_state_overview(ms).await?;
    let projects = member_state_projects(state.repo.as_ref(), &state.search, ms, MemberStateDocument::PROJECTS).await?;
    Ok((fresh_until(next_change(&known.calls, state.clock.now())), Json(known.document(ms, &projects))))
}
