//! Funded projects: the list with its filters, one page per project, and the same in the API.

use crate::http::params::message;
use crate::http::{ApiRouter, AppError, Caller, Params, Path};
use crate::index::day_number;
use crate::state::AppState;
use crate::ui::content::{project_card, project_details};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::editing::{Editable, ProjectDocument};
use rapporteur_core::{Country, Paging, Programme, Project, Slug};
use rapporteur_search::{ProjectOrder, ProjectQuery};
use rapporteur_store::{Page, ProjectFilter, ProjectSort};
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

/// A project list's words and filters, as its query gives them.
struct ListQuery {
    words: Option<String>,
    filter: ProjectFilter,
}

/// Reads the list's words and filters; every bad value names its parameter. With words and no order asked
/// for, the best matches come first.
fn list_query(params: &Params) -> Result<ListQuery, AppError> {
    let words = params.text("q", 200)?;
    let default_sort = if words.is_some() { ProjectSort::Relevance } else { ProjectSort::Title };
    let filter = ProjectFilter {
        programme: params.programme()?,
        country: params.country()?,
        year_from: params.int("from", 1900, 2100)?.map(|y| y as i32),
        year_to: params.int("to", 1900, 2100)?.map(|y| y as i32),
        budget_min: params.euros("budget_min")?,
        budget_max: params.euros("budget_max")?,
        sort: params
            .choice("sort", ProjectSort::parse, "relevance, title, start, -start, budget, -budget")?
            .unwrap_or(default_sort),
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
    Ok(ListQuery { words, filter })
}

/// A page of the list: the words, filters, order and count from the search index, the projects from the
/// store. The count is the index's, so it costs the same at 100 projects as at a million.
async fn find_projects(state: &AppState, list: &ListQuery, paging: Paging) -> Result<Page<Project>, AppError> {
    let f = &list.filter;
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(day_number);
    let query = ProjectQuery {
        words: list.words.clone(),
        programme: f.programme.map(|p| p.code().to_owned()),
        country: f.country.map(|c| c.iso().to_owned()),
        until_from: f.year_from.and_then(|y| day(y, 1, 1)),
        start_to: f.year_to.and_then(|y| day(y, 12, 31)),
        budget_min_cents: f.budget_min.map(|e| e.cents()),
        budget_max_cents: f.budget_max.map(|e| e.cents()),
        synthetic: None,
        order: match f.sort {
            ProjectSort::Relevance => ProjectOrder::Relevance,
            ProjectSort::Title => ProjectOrder::Title,
            ProjectSort::StartDate => ProjectOrder::StartAsc,
            ProjectSort::StartDateDesc => ProjectOrder::StartDesc,
            ProjectSort::Budget => ProjectOrder::BudgetAsc,
            ProjectSort::BudgetDesc => ProjectOrder::BudgetDesc,
        },
    };
    let found = state.search.search_projects(&query, paging.offset() as usize, paging.per_page() as usize)?;
    let slugs: Vec<Slug> = found.slugs.iter().filter_map(|s| Slug::parse(s).ok()).collect();
    Ok(Page { items: state.repo.find_projects_by_slugs(&slugs).await?, total: found.total })
}

async fn load_project(state: &AppState, slug: &Slug) -> Result<Project, AppError> {
    state.repo.find_project_by_slug(slug).await?.ok_or(AppError::NotFound)
}

async fn list_projects_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<Markup, AppError> {
    let list = list_query(&params)?;
    let paging = params.default_paging()?;
    let found = find_projects(&state, &list, paging).await?;
    let meta = PageMeta::new(cat, Section::Projects, cat.t("projects-title"))
        .description(cat.t("projects-intro"))
        .trail(cat.t("nav-home"), "/");
    let pages = paging.page_count(found.total);
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("projects-title")) }
            p.lead { (cat.t("projects-intro")) }
            (filter_form(cat, &list, paging))
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

fn filter_form(cat: &Catalogue, list: &ListQuery, paging: Paging) -> Markup {
    let f = &list.filter;
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    let euros = |e: Option<rapporteur_core::Eur>| e.map(|e| (e.cents() / 100).to_string()).unwrap_or_default();
    html! {
        form.filters method="get" action="/projects" {
            div.field {
                label for="f-q" { (cat.t("filter-words")) }
                input #f-q type="search" name="q" value=(list.words.clone().unwrap_or_default()) maxlength="200";
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
        ProjectSort::Relevance => "sort-relevance",
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
        ("q" = Option<String>, Query, description = "Words to find (all of them), stemmed and accent-insensitive"),
        ("programme" = Option<String>, Query, description = "FP6, FP7 or ERC"),
        ("country" = Option<String>, Query, description = "ISO code of the lead's or a partner's country"),
        ("from" = Option<i32>, Query, description = "Running in or after this year"),
        ("to" = Option<i32>, Query, description = "Running in or before this year"),
        ("budget_min" = Option<String>, Query, description = "Budget at least, in euro"),
        ("budget_max" = Option<String>, Query, description = "Budget at most, in euro"),
        ("sort" = Option<String>, Query, description = "relevance (the default with q), title (the default without), start, -start, budget, -budget"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = ProjectList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn list_projects_api(State(state): State<AppState>, params: Params) -> Result<Json<ProjectList>, AppError> {
    let list = list_query(&params)?;
    let paging = params.default_paging()?;
    let found = find_projects(&state, &list, paging).await?;
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
