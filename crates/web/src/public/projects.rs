//! Funded projects: the list with its filters, one page per project, and the same in the API.

use crate::http::params::message;
use crate::http::{ApiRouter, AppError, Caller, Params, Path};
use crate::state::AppState;
use crate::ui::content::{project_card, project_details};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::editing::{Editable, ProjectDocument};
use rapporteur_core::{Country, Paging, Programme, Project, Slug};
use rapporteur_store::{ProjectFilter, ProjectSort};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/projects", get(list_projects_page))
        .route("/projects/{slug}", get(show_project_page))
        .routes(routes!(list_projects_api))
        .routes(routes!(show_project_api))
}

/// Reads the list's filters; every bad value names its parameter.
fn project_filter(params: &Params) -> Result<ProjectFilter, AppError> {
    let filter = ProjectFilter {
        q: params.text("q", 200)?,
        programme: params.programme()?,
        country: params.country()?,
        year_from: params.int("from", 1900, 2100)?.map(|y| y as i32),
        year_to: params.int("to", 1900, 2100)?.map(|y| y as i32),
        budget_min: params.euros("budget_min")?,
        budget_max: params.euros("budget_max")?,
        sort: params.choice("sort", ProjectSort::parse, "title, start, -start, budget, -budget")?.unwrap_or_default(),
    };
    if let (Some(from), Some(to)) = (filter.year_from, filter.year_to) {
        if from > to {
            return Err(AppError::bad(
                "to",
                message("param-to-before-from", &[("from", from.into()), ("to", to.into())]),
            ));
        }
    }
    if let (Some(min), Some(max)) = (filter.budget_min, filter.budget_max) {
        if min > max {
            return Err(AppError::bad("budget_max", message("param-budget-max-below-min", &[])));
        }
    }
    Ok(filter)
}

async fn load_project(state: &AppState, slug: &Slug) -> Result<Project, AppError> {
    state.repo.find_project_by_slug(slug).await?.ok_or(AppError::NotFound)
}

async fn list_projects_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<Markup, AppError> {
    let filter = project_filter(&params)?;
    let paging = params.default_paging()?;
    let found = state.repo.list_projects(&filter, paging).await?;
    let meta = PageMeta::new(cat, Section::Projects, cat.t("projects-title"))
        .description(cat.t("projects-intro"))
        .trail(cat.t("nav-home"), "/");
    let pages = paging.page_count(found.total);
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("projects-title")) }
            p.lead { (cat.t("projects-intro")) }
            (filter_form(cat, &filter, paging))
            h2 #results { (cat.t_args("results-count", &[("count", found.total.into())])) }
            @if found.items.is_empty() {
                p { (cat.t("projects-none")) }
            } @else {
                ul.card-list {
                    @for p in &found.items { li { (project_card(cat, p)) } }
                }
            }
            (layout::pagination(cat, "/projects", &params_pairs(&params), paging.page(), pages))
        },
    ))
}

fn params_pairs(params: &Params) -> Vec<(String, String)> {
    ["q", "programme", "country", "from", "to", "budget_min", "budget_max", "sort", "per_page"]
        .iter()
        .filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v.to_owned())))
        .collect()
}

fn filter_form(cat: &Catalogue, f: &ProjectFilter, paging: Paging) -> Markup {
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    let euros = |e: Option<rapporteur_core::Eur>| e.map(|e| (e.cents() / 100).to_string()).unwrap_or_default();
    html! {
        form.filters method="get" action="/projects" {
            div.field {
                label for="f-q" { (cat.t("filter-words")) }
                input #f-q type="search" name="q" value=(f.q.clone().unwrap_or_default()) maxlength="200";
            }
            div.field {
                label for="f-programme" { (cat.t("filter-programme")) }
                select #f-programme name="programme" {
                    option value="" { (cat.t("filter-any")) }
                    @for p in Programme::ALL.into_iter().chain([Programme::Synthetic]) {
                        option value=(p.code()) selected[f.programme == Some(p)] { (cat.t(&format!("programme-{}", p.code().to_lowercase()))) }
                    }
                }
            }
            div.field {
                label for="f-country" { (cat.t("filter-country")) }
                select #f-country name="country" {
                    option value="" { (cat.t("filter-any")) }
                    @for c in Country::all() {
                        option value=(c.iso()) selected[f.country == Some(c)] { (c.name()) }
                    }
                }
            }
            fieldset.field-group {
                legend { (cat.t("filter-years")) }
                div.field {
                    label for="f-from" { (cat.t("filter-from")) }
                    input #f-from type="number" name="from" min="1900" max="2100" inputmode="numeric" value=(year(f.year_from));
                }
                div.field {
                    label for="f-to" { (cat.t("filter-to")) }
                    input #f-to type="number" name="to" min="1900" max="2100" inputmode="numeric" value=(year(f.year_to));
                }
            }
            fieldset.field-group {
                legend { (cat.t("filter-budget")) }
                div.field {
                    label for="f-bmin" { (cat.t("filter-budget-min")) }
                    input #f-bmin type="number" name="budget_min" min="0" step="1" value=(euros(f.budget_min));
                }
                div.field {
                    label for="f-bmax" { (cat.t("filter-budget-max")) }
                    input #f-bmax type="number" name="budget_max" min="0" step="1" value=(euros(f.budget_max));
                }
            }
            div.field {
                label for="f-sort" { (cat.t("filter-sort")) }
                select #f-sort name="sort" {
                    @for s in ProjectSort::ALL {
                        option value=(s.code()) selected[f.sort == s] { (cat.t(sort_label(s))) }
                    }
                }
            }
            input type="hidden" name="per_page" value=(paging.per_page());
            div.actions {
                button type="submit" { (cat.t("filter-apply")) }
                a href="/projects" { (cat.t("filter-reset")) }
            }
        }
    }
}

fn sort_label(sort: ProjectSort) -> &'static str {
    match sort {
        ProjectSort::Title => "sort-title",
        ProjectSort::StartDate => "sort-start",
        ProjectSort::StartDateDesc => "sort-start-desc",
        ProjectSort::Budget => "sort-budget",
        ProjectSort::BudgetDesc => "sort-budget-desc",
    }
}

async fn show_project_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<Slug>,
) -> Result<Markup, AppError> {
    let p = load_project(&state, &slug).await?;
    let heading = p.heading();
    let meta = PageMeta::new(cat, Section::Projects, heading.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    Ok(page(
        meta,
        html! {
            h1 { (heading) }
            @if caller.may(Permission::EditContent) { p { a.button href={ "/workspace/projects/" (p.slug) "/edit" } { (cat.t("edit-project")) } } }
            (project_details(cat, &p))
            p { a href={ "/api/v1/projects/" (p.slug) } { (cat.t("as-json")) } }
        },
    ))
}

/// A page of projects.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectList {
    pub items: Vec<ProjectDocument>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// List projects, filtered, sorted and paginated.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects",
    params(
        ("q" = Option<String>, Query, description = "Words in the acronym, title or reference"),
        ("programme" = Option<String>, Query, description = "FP6, FP7 or ERC"),
        ("country" = Option<String>, Query, description = "ISO code of the lead's or a partner's country"),
        ("from" = Option<i32>, Query, description = "Running in or after this year"),
        ("to" = Option<i32>, Query, description = "Running in or before this year"),
        ("budget_min" = Option<String>, Query, description = "Budget at least, in euro"),
        ("budget_max" = Option<String>, Query, description = "Budget at most, in euro"),
        ("sort" = Option<String>, Query, description = "title, start, -start, budget, -budget"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = ProjectList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn list_projects_api(State(state): State<AppState>, params: Params) -> Result<Json<ProjectList>, AppError> {
    let filter = project_filter(&params)?;
    let paging = params.default_paging()?;
    let found = state.repo.list_projects(&filter, paging).await?;
    let now = state.clock.now();
    Ok(Json(ProjectList {
        items: found.items.iter().map(|p| p.to_document(now)).collect(),
        total: found.total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}

/// One project.
#[utoipa::path(get, path = "/api/v1/projects/{slug}", tag = "projects",
    params(("slug" = String, Path, description = "The project's slug")),
    responses((status = 200, body = ProjectDocument), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_project_api(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
) -> Result<Json<ProjectDocument>, AppError> {
    Ok(Json(load_project(&state, &slug).await?.to_document(state.clock.now())))
}
