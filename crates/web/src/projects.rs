//! Funded projects: the list with its filters, one page per project, and their API resources.

use crate::auth::Caller;
use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{self, page, PageMeta, Section};
use crate::params::{message, Params};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::{Country, Paging, Programme, Project, Slug};
use rapporteur_store::{ProjectFilter, ProjectSort};
use serde::Serialize;
use utoipa::ToSchema;

/// Reads the list's filters; every bad value names its parameter.
pub fn project_filter(params: &Params) -> Result<ProjectFilter, AppError> {
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

fn find_slug(slug: &str) -> Result<Slug, AppError> {
    Slug::parse(slug).map_err(|_| AppError::NotFound)
}

async fn load_project(state: &AppState, slug: &str) -> Result<Project, AppError> {
    state.repo.find_project_by_slug(&find_slug(slug)?).await?.ok_or(AppError::NotFound)
}

pub async fn list_projects_page(
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

fn date_range(cat: &Catalogue, start: Option<NaiveDate>, end: Option<NaiveDate>) -> Markup {
    let fmt = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    html! {
        @match (start, end) {
            (Some(s), Some(e)) => { time datetime=(s.to_string()) { (fmt(s)) } " – " time datetime=(e.to_string()) { (fmt(e)) } }
            (Some(s), None) => { time datetime=(s.to_string()) { (fmt(s)) } }
            _ => { (layout::unknown(cat)) }
        }
    }
}

fn project_card(cat: &Catalogue, p: &Project) -> Markup {
    html! {
        article.card {
            h3.card__title {
                a href={ "/projects/" (p.slug) } {
                    @if let Some(a) = &p.acronym { (a) ": " }
                    (p.title)
                }
            }
            @if p.synthetic { (layout::synthetic_badge(cat)) }
            dl.facts.facts--inline {
                dt { (cat.t("project-programme")) } dd { (p.reference.programme.code()) }
                dt { (cat.t("project-lead-country")) } dd { @match p.lead.country { Some(c) => (c.name()), None => (layout::unknown(cat)) } }
                dt { (cat.t("project-budget")) } dd { @match p.budget { Some(b) => (b.to_display_string()), None => (layout::unknown(cat)) } }
                dt { (cat.t("project-timeframe")) } dd { (date_range(cat, p.start_date, p.end_date)) }
            }
        }
    }
}

/// The heading of a project's page: "ACRONYM: Title", or the title alone.
pub fn project_heading(p: &Project) -> String {
    match &p.acronym {
        Some(a) => format!("{a}: {}", p.title),
        None => p.title.clone(),
    }
}

/// Everything a project's page shows below its heading (also the editors' preview).
pub fn project_details(cat: &Catalogue, p: &Project) -> Markup {
    let lead_label = match p.lead.role {
        rapporteur_core::LeadRole::Coordinator => cat.t("project-coordinator"),
        rapporteur_core::LeadRole::HostInstitution => cat.t("project-host"),
    };
    html! {
            @if p.synthetic { p { (layout::synthetic_badge(cat)) " " (cat.t("synthetic-explained")) } }
            dl.facts {
                dt { (cat.t("project-reference")) }
                dd {
                    (p.reference.as_written)
                    " (" (cat.t(&format!("programme-{}", p.reference.programme.code().to_lowercase())))
                    @if let Some(g) = p.reference.erc_grant { ", " (g.name()) }
                    @if let Some(c) = &p.reference.call { ", " (cat.t("project-call")) " " (c) }
                    ", " (cat.t("project-grant-number")) " " (p.reference.grant_number) ")"
                }
                dt { (lead_label) }
                dd {
                    @match &p.lead.name { Some(n) => (n), None => { (cat.t("project-name")) ": " (layout::unknown(cat)) } }
                    @if let Some(a) = &p.lead.address { br; (cat.t("project-address")) ": " (a) }
                    br; (cat.t("project-country")) ": "
                    @match p.lead.country { Some(c) => (c.name()), None => (layout::unknown(cat)) }
                }
                dt { (cat.t("project-pi")) }
                dd { @match &p.principal_investigator { Some(n) => (n), None => (layout::unknown(cat)) } }
                dt { (cat.t("project-budget")) }
                dd {
                    @match p.budget { Some(b) => (b.to_display_string()), None => (layout::unknown(cat)) }
                    @if let Some(w) = &p.budget_as_written { " " span.as-written { "(" (cat.t("as-written")) ": " (w) ")" } }
                }
                dt { (cat.t("project-timeframe")) }
                dd {
                    (date_range(cat, p.start_date, p.end_date))
                    @if let Some(m) = p.duration_months { ", " (cat.t_args("project-months", &[("months", m.into())])) }
                    @if let Some(w) = &p.timeframe_as_written { " " span.as-written { "(" (cat.t("as-written")) ": " (w) ")" } }
                }
            }
            h2 { (cat.t("project-partners")) }
            @if p.partners.is_empty() {
                p { @match &p.partners_note { Some(n) => { (cat.t("project-partners-none")) " (" (n) ")" }, None => (layout::unknown(cat)) } }
            } @else {
                table.data-table {
                    caption { (cat.t_args("project-partners-caption", &[("count", p.partners.len().into())])) }
                    thead { tr { th scope="col" { (cat.t("partner-name")) } th scope="col" { (cat.t("partner-acronym")) } th scope="col" { (cat.t("partner-country")) } } }
                    tbody {
                        @for partner in &p.partners {
                            tr {
                                td { (partner.name) }
                                td { (partner.acronym.clone().unwrap_or_default()) }
                                td { @match partner.country { Some(c) => { (c.name()) " (" (c.iso()) ")" }, None => (layout::unknown(cat)) } }
                            }
                        }
                    }
                }
            }
            @if !p.objectives.is_empty() { h2 { (cat.t("project-objectives")) } (layout::paragraphs(&p.objectives)) }
            @if !p.mid_term_summary.is_empty() { h2 { (cat.t("project-mid-term")) } (layout::paragraphs(&p.mid_term_summary)) }
            @if !p.trafficking_link.is_empty() { h2 { (cat.t("project-link-thb")) } (layout::paragraphs(&p.trafficking_link)) }
            h2 { (cat.t("project-publications")) }
            p { @match &p.publications { Some(s) => (s), None => (cat.t("project-publications-unknown")) } }
    }
}

pub async fn show_project_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, AppError> {
    let p = load_project(&state, &slug).await?;
    let heading = project_heading(&p);
    let meta = PageMeta::new(cat, Section::Projects, heading.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    let may_edit = caller.account.as_ref().is_some_and(|a| a.role.may_edit_content());
    Ok(page(
        meta,
        html! {
            h1 { (heading) }
            @if may_edit { p { a.button href={ "/workspace/projects/" (p.slug) "/edit" } { (cat.t("edit-project")) } } }
            (project_details(cat, &p))
            p { a href={ "/api/v1/projects/" (p.slug) } { (cat.t("as-json")) } }
        },
    ))
}

/// A project in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectResource {
    pub slug: String,
    pub acronym: Option<String>,
    pub title: String,
    /// The reference as the source writes it.
    pub reference: String,
    /// FP6, FP7, ERC (or SYNTHETIC for generated load-test data).
    pub programme: String,
    /// The call identifier of an ERC grant ("ERC-2016-StG").
    pub call: Option<String>,
    /// StG, CoG … for ERC grants.
    pub erc_grant: Option<String>,
    pub grant_number: u32,
    pub coordinator: LeadResource,
    pub principal_investigator: Option<String>,
    /// Exact decimal string, two decimals: "7999182.00".
    pub budget_eur: Option<String>,
    pub budget_as_written: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<NaiveDate>,
    pub duration_months: Option<u32>,
    pub timeframe_as_written: Option<String>,
    pub partners: Vec<PartnerResource>,
    pub partners_note: Option<String>,
    pub objectives: Vec<String>,
    pub mid_term_summary: Vec<String>,
    pub trafficking_link: Vec<String>,
    pub publications: Option<String>,
    /// True for generated load-test data, which describes no real project.
    pub synthetic: bool,
    /// False for drafts and withdrawn projects (seen only by editors).
    pub published: bool,
}

/// The coordinator or host institution; unknown parts are null.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeadResource {
    /// "coordinator" or "host_institution".
    pub role: String,
    pub name: Option<String>,
    pub address: Option<String>,
    /// ISO 3166-1 alpha-2 (XK for Kosovo).
    pub country: Option<String>,
    pub as_written: String,
}

/// A project partner.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerResource {
    pub name: String,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2 (XK for Kosovo).
    pub country: Option<String>,
}

impl From<Project> for ProjectResource {
    fn from(p: Project) -> Self {
        ProjectResource {
            slug: p.slug.to_string(),
            acronym: p.acronym,
            title: p.title,
            reference: p.reference.as_written,
            programme: p.reference.programme.code().to_owned(),
            call: p.reference.call,
            erc_grant: p.reference.erc_grant.map(|g| format!("{g:?}")),
            grant_number: p.reference.grant_number,
            coordinator: LeadResource {
                role: p.lead.role.code().to_owned(),
                name: p.lead.name,
                address: p.lead.address,
                country: p.lead.country.map(|c| c.iso().to_owned()),
                as_written: p.lead.as_written,
            },
            principal_investigator: p.principal_investigator,
            budget_eur: p.budget.map(|b| b.to_decimal_string()),
            budget_as_written: p.budget_as_written,
            start_date: p.start_date,
            end_date: p.end_date,
            duration_months: p.duration_months,
            timeframe_as_written: p.timeframe_as_written,
            partners: p
                .partners
                .into_iter()
                .map(|x| PartnerResource {
                    name: x.name,
                    acronym: x.acronym,
                    country: x.country.map(|c| c.iso().to_owned()),
                })
                .collect(),
            partners_note: p.partners_note,
            objectives: p.objectives,
            mid_term_summary: p.mid_term_summary,
            trafficking_link: p.trafficking_link,
            publications: p.publications,
            synthetic: p.synthetic,
            published: p.published,
        }
    }
}

/// A page of projects.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectList {
    pub items: Vec<ProjectResource>,
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
    responses((status = 200, body = ProjectList), (status = 400, body = crate::error::ErrorBody)))]
pub async fn list_projects_api(State(state): State<AppState>, params: Params) -> Result<Json<ProjectList>, ApiError> {
    let filter = project_filter(&params)?;
    let paging = params.default_paging()?;
    let found = state.repo.list_projects(&filter, paging).await?;
    Ok(Json(ProjectList {
        items: found.items.into_iter().map(ProjectResource::from).collect(),
        total: found.total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}

/// One project.
#[utoipa::path(get, path = "/api/v1/projects/{slug}", tag = "projects",
    params(("slug" = String, Path, description = "The project's slug")),
    responses((status = 200, body = ProjectResource), (status = 404, body = crate::error::ErrorBody)))]
pub async fn show_project_api(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ProjectResource>, ApiError> {
    Ok(Json(load_project(&state, &slug).await?.into()))
}
