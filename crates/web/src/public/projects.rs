//! Funded projects: the list with its filters (counted), the same list as a CSV file and on a timeline, one
//! page per project, and the same in the API.

use crate::http::cache::fresh_until;
use crate::http::download::attachment;
use crate::http::params::message;
use crate::http::{ApiRouter, AppError, Caller, Params, Path};
use crate::index::{day_number, project_filter_counts, ProjectFilterCounts};
use crate::state::AppState;
use crate::ui::content::{date_range, project_card, project_details, project_status_badge, project_status_label};
use crate::ui::layout::url_encode;
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::editing::{Editable, ProjectDocument};
use rapporteur_core::{next_brussels_midnight, today_in_brussels};
use rapporteur_core::{Paging, Programme, Project, ProjectStatus, Slug};
use rapporteur_search::{ProjectOrder, ProjectQuery};
use rapporteur_store::{ProjectFilter, ProjectSort};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/projects", get(list_projects_page))
        .route("/projects.csv", get(projects_csv))
        .route("/projects/timeline", get(timeline_page))
        .route("/projects/{slug}", get(show_project_page))
        .routes(routes!(list_projects_api))
        .routes(routes!(show_project_api))
}

/// The most projects one CSV file holds: 10,000 rows are about 5 MB; a larger selection is narrowed by its
/// filters (or read page by page from the API).
const CSV_MAX_ROWS: usize = 10_000;
/// How many projects are read from the store at a time for a CSV file.
const CSV_BATCH: usize = 500;
/// Projects on one page of the timeline, by default.
const TIMELINE_PER_PAGE: u32 = 50;

/// The query parameters of the list that select and order projects (paging aside).
const LIST_PARAMETERS: [&str; 8] = ["q", "programme", "country", "from", "to", "budget_min", "budget_max", "sort"];
/// The same and the size of a page: what the links to other pages of a list keep.
const PAGED_PARAMETERS: [&str; 9] =
    ["q", "programme", "country", "from", "to", "budget_min", "budget_max", "sort", "per_page"];

/// A project list's words and filters, as its query gives them.
struct ListQuery {
    words: Option<String>,
    filter: ProjectFilter,
    /// Whether the order was asked for (the timeline has an order of its own otherwise).
    sort_given: bool,
}

impl ListQuery {
    /// How many filters narrow the list, and whether the order is not the default: the summary of the
    /// closed filter box says so.
    fn active(&self) -> usize {
        let f = &self.filter;
        [
            self.words.is_some(),
            f.programme.is_some(),
            f.country.is_some(),
            f.year_from.is_some(),
            f.year_to.is_some(),
            f.budget_min.is_some(),
            f.budget_max.is_some(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }
}

/// Reads the list's words and filters; every bad value names its parameter. With words and no order asked
/// for, the best matches come first.
fn list_query(params: &Params) -> Result<ListQuery, AppError> {
    let words = params.text("q", 200)?;
    let default_sort = if words.is_some() { ProjectSort::Relevance } else { ProjectSort::Title };
    let sort = params.choice("sort", ProjectSort::parse, "relevance, title, start, -start, budget, -budget")?;
    let filter = ProjectFilter {
        programme: params.programme()?,
        country: params.country()?,
        year_from: params.int("from", 1900, 2100)?.map(|y| y as i32),
        year_to: params.int("to", 1900, 2100)?.map(|y| y as i32),
        budget_min: params.euros("budget_min")?,
        budget_max: params.euros("budget_max")?,
        sort: sort.unwrap_or(default_sort),
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
    Ok(ListQuery { words, filter, sort_given: sort.is_some() })
}

/// The search index's query for a list.
fn index_query(list: &ListQuery) -> ProjectQuery {
    let f = &list.filter;
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(day_number);
    ProjectQuery {
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
    }
}

/// Projects of the list, `offset` on: the words, filters, order and count from the search index, the
/// projects from the store. The count is the index's, so it costs the same at 100 projects as at a million.
async fn find_projects(
    state: &AppState,
    query: &ProjectQuery,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Project>, u64), AppError> {
    let found = state.search.search_projects(query, offset, limit)?;
    let slugs: Vec<Slug> = found.slugs.iter().filter_map(|s| Slug::parse(s).ok()).collect();
    let mut projects = Vec::with_capacity(slugs.len());
    for batch in slugs.chunks(CSV_BATCH) {
        projects.extend(state.repo.find_projects_by_slugs(batch).await?);
    }
    Ok((projects, found.total))
}

/// A page past the last one of the list is not there (the first page always is, even of an empty list).
fn page_exists(paging: Paging, total: u64) -> bool {
    paging.page() <= paging.page_count(total)
}

/// One page of the filtered list as the HTML views draw it (the cards and the timeline).
struct ListPage {
    projects: Vec<Project>,
    total: u64,
    counts: ProjectFilterCounts,
}

/// The page `paging` asks of the list: its projects, how many match, and the filters' counts; a page past the
/// last is not found.
async fn list_page(state: &AppState, list: &ListQuery, paging: Paging) -> Result<ListPage, AppError> {
    let query = index_query(list);
    let (projects, total) = find_projects(state, &query, paging.offset() as usize, paging.per_page() as usize).await?;
    if !page_exists(paging, total) {
        return Err(AppError::NotFound);
    }
    let counts = project_filter_counts(&state.search, &query)?;
    Ok(ListPage { projects, total, counts })
}

async fn load_project(state: &AppState, slug: &Slug) -> Result<Project, AppError> {
    state.repo.find_project_by_slug(slug).await?.ok_or(AppError::NotFound)
}

/// The list's own query string (its filters and order), to carry over to its other forms.
fn list_query_string(params: &Params) -> String {
    params_pairs(params, &LIST_PARAMETERS)
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(base: &str, query: &str) -> String {
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

fn params_pairs(params: &Params, names: &[&str]) -> Vec<(String, String)> {
    names.iter().filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v.to_owned()))).collect()
}

async fn list_projects_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<impl IntoResponse, AppError> {
    let list = list_query(&params)?;
    let paging = params.default_paging()?;
    let ListPage { projects, total, counts } = list_page(&state, &list, paging).await?;
    let now = state.clock.now();
    let today = today_in_brussels(now);
    let meta = PageMeta::new(cat, Section::Projects, cat.t("projects-title"))
        .description(cat.t("projects-intro"))
        .trail(cat.t("nav-home"), "/");
    let pages = paging.page_count(total);
    let own_query = list_query_string(&params);
    let body = page(
        meta,
        html! {
            h1 { (cat.t("projects-title")) }
            p.lead.projects-lead { (cat.t("projects-intro")) }
            div.list-bar {
                h2 #results { (cat.t_args("results-count", &[("count", total.into())])) }
                (filter_form(cat, "/projects", &list, &counts, paging.per_page()))
            }
            @if projects.is_empty() {
                p { (cat.t("projects-none")) }
            } @else {
                ul.card-list {
                    @for p in &projects { li { (project_card(cat, p, today)) } }
                }
            }
            (layout::pagination(cat, "/projects", &params_pairs(&params, &PAGED_PARAMETERS), paging.page(), pages))
            (other_forms(cat, &own_query, total, false))
        },
    );
    Ok((fresh_until(Some(next_brussels_midnight(now))), body))
}

/// The links from a list to the same projects in its other forms: a CSV file, JSON from the API, and the
/// list or the timeline.
fn other_forms(cat: &Catalogue, own_query: &str, total: u64, on_timeline: bool) -> Markup {
    let csv_label = if total as usize > CSV_MAX_ROWS {
        // Written out with thousands separators: the catalogue's numbers have none.
        let number = |n: u64| crate::ui::charts::format_number(n as f64);
        cat.t_args(
            "projects-csv-first",
            &[("max", number(CSV_MAX_ROWS as u64).into()), ("count", number(total).into())],
        )
    } else {
        cat.t_args("projects-csv", &[("count", total.into())])
    };
    html! {
        ul.project-forms aria-label=(cat.t("projects-other-forms")) {
            @if total > 0 { li { a href=(with_query("/projects.csv", own_query)) download { (csv_label) } } }
            li { a href=(with_query("/api/v1/projects", own_query)) { (cat.t("projects-json")) } }
            @if on_timeline {
                li { a href=(with_query("/projects", own_query)) { (cat.t("projects-as-list")) } }
            } @else {
                li { a href=(with_query("/projects/timeline", own_query)) { (cat.t("projects-as-timeline")) } }
            }
        }
    }
}

/// The filters, in a box closed until opened, so that on a phone the first result is near the top: its
/// summary says how many filters are on.
fn filter_form(cat: &Catalogue, action: &str, list: &ListQuery, counts: &ProjectFilterCounts, per_page: u32) -> Markup {
    let f = &list.filter;
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    let euros = |e: Option<rapporteur_core::Eur>| e.map(|e| (e.cents() / 100).to_string()).unwrap_or_default();
    let with_count = |name: &str, n: u64| format!("{name} ({n})");
    // A value chosen shows even when the other filters leave it no projects, so that the form says what it does.
    let chosen_country_missing = f.country.filter(|c| !counts.countries.iter().any(|(k, _)| k == c));
    let chosen_programme_missing = f.programme.filter(|p| !counts.programmes.iter().any(|(k, _)| k == p));
    html! {
        details.filters-box {
            summary { (cat.t_args("filter-summary", &[("active", list.active().into())])) }
            form.filters method="get" action=(action) {
                div.field {
                    label for="f-q" { (cat.t("filter-words")) }
                    input #f-q type="search" name="q" value=(list.words.clone().unwrap_or_default()) maxlength="200";
                }
                div.field {
                    label for="f-programme" { (cat.t("filter-programme")) }
                    select #f-programme name="programme" {
                        option value="" { (cat.t("filter-any")) }
                        @for (p, n) in &counts.programmes {
                            option value=(p.code()) selected[f.programme == Some(*p)] { (with_count(&programme_name(cat, *p), *n)) }
                        }
                        @if let Some(p) = chosen_programme_missing {
                            option value=(p.code()) selected { (with_count(&programme_name(cat, p), 0)) }
                        }
                    }
                }
                div.field {
                    label for="f-country" { (cat.t("filter-country")) }
                    select #f-country name="country" {
                        option value="" { (cat.t("filter-any")) }
                        @for (c, n) in &counts.countries {
                            option value=(c.iso()) selected[f.country == Some(*c)] { (with_count(c.name(), *n)) }
                        }
                        @if let Some(c) = chosen_country_missing {
                            option value=(c.iso()) selected { (with_count(c.name(), 0)) }
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
                            // The best match means something only when words are searched for.
                            @if s != ProjectSort::Relevance || list.words.is_some() {
                                option value=(s.code()) selected[f.sort == s] { (cat.t(sort_label(s))) }
                            }
                        }
                    }
                }
                input type="hidden" name="per_page" value=(per_page);
                div.actions {
                    button type="submit" { (cat.t("filter-apply")) }
                    a href=(action) { (cat.t("filter-reset")) }
                }
            }
        }
    }
}

fn programme_name(cat: &Catalogue, programme: Programme) -> String {
    cat.t(&format!("programme-{}", programme.code().to_lowercase()))
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

/// The list as a CSV file (RFC 4180), its filters and order as the list's; at most [`CSV_MAX_ROWS`] rows.
async fn projects_csv(State(state): State<AppState>, params: Params) -> Result<impl IntoResponse, AppError> {
    let list = list_query(&params)?;
    let query = index_query(&list);
    let (projects, _) = find_projects(&state, &query, 0, CSV_MAX_ROWS).await?;
    let now = state.clock.now();
    let today = today_in_brussels(now);
    let base = state.public_url.trim_end_matches('/');
    let mut csv = String::with_capacity(projects.len() * 400 + 200);
    push_row(&mut csv, CSV_COLUMNS.iter().map(|c| (*c).to_owned()));
    for p in &projects {
        push_row(&mut csv, csv_fields(p, today, base).into_iter());
    }
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8; header=present")),
        (header::CONTENT_DISPOSITION, attachment(&csv_file_name(&list, today))),
    ];
    Ok((fresh_until(Some(next_brussels_midnight(now))), headers, csv))
}

const CSV_COLUMNS: [&str; 18] = [
    "name",
    "acronym",
    "title",
    "programme",
    "reference",
    "grant_number",
    "status",
    "lead_role",
    "lead_name",
    "lead_country",
    "principal_investigator",
    "budget_eur",
    "start_date",
    "end_date",
    "duration_months",
    "countries",
    "synthetic",
    "url",
];

fn csv_fields(p: &Project, today: NaiveDate, base: &str) -> Vec<String> {
    let text = |v: Option<&str>| v.unwrap_or_default().to_owned();
    vec![
        p.short_name().to_owned(),
        text(p.acronym.as_deref()),
        p.title.clone(),
        p.reference.programme.code().to_owned(),
        p.reference.as_written.clone(),
        p.reference.grant_number.to_string(),
        p.status_on(today).code().to_owned(),
        p.lead.role.code().to_owned(),
        text(p.lead.name.as_deref()),
        text(p.lead.country.map(|c| c.iso())),
        text(p.principal_investigator.as_deref()),
        p.budget.map(|b| b.to_decimal_string()).unwrap_or_default(),
        p.start_date.map(|d| d.to_string()).unwrap_or_default(),
        p.end_date.map(|d| d.to_string()).unwrap_or_default(),
        p.duration_months.map(|m| m.to_string()).unwrap_or_default(),
        p.countries().iter().map(|c| c.iso()).collect::<Vec<_>>().join(" "),
        p.synthetic.to_string(),
        format!("{base}/projects/{}", p.slug),
    ]
}

/// One CSV record, ended by CRLF.
fn push_row(csv: &mut String, fields: impl Iterator<Item = String>) {
    let cells: Vec<String> = fields.map(|f| csv_cell(&f)).collect();
    csv.push_str(&cells.join(","));
    csv.push_str("\r\n");
}

/// A CSV cell: a text a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets an apostrophe before it, so that it stays text; then quoted as RFC 4180 asks
/// when it holds a comma, a quote or a line break.
fn csv_cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// "projects-FP7-DE-2025-01-01.csv": what the file holds, and the day it was made.
fn csv_file_name(list: &ListQuery, today: NaiveDate) -> String {
    let f = &list.filter;
    let mut parts = vec!["projects".to_owned()];
    parts.extend(f.programme.map(|p| p.code().to_owned()));
    parts.extend(f.country.map(|c| c.iso().to_owned()));
    match (f.year_from, f.year_to) {
        (Some(a), Some(b)) => parts.push(format!("{a}-{b}")),
        (Some(a), None) => parts.push(format!("from-{a}")),
        (None, Some(b)) => parts.push(format!("to-{b}")),
        (None, None) => {}
    }
    if list.words.is_some() {
        parts.push("search".to_owned());
    }
    parts.push(today.to_string());
    format!("{}.csv", parts.join("-"))
}

/// The list on a timeline: a bar from each project's start to its end, the projects without dates listed
/// beneath, and the data of the chart as a table.
async fn timeline_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<impl IntoResponse, AppError> {
    let mut list = list_query(&params)?;
    // A timeline reads best by start; without words nor an order asked for, that is its order.
    if !list.sort_given && list.words.is_none() {
        list.filter.sort = ProjectSort::StartDate;
    }
    let paging = params.paging(TIMELINE_PER_PAGE)?;
    let ListPage { projects, total, counts } = list_page(&state, &list, paging).await?;
    let now = state.clock.now();
    let today = today_in_brussels(now);
    let title = cat.t("timeline-title");
    let meta = PageMeta::new(cat, Section::Projects, title.clone())
        .description(cat.t("timeline-intro"))
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    let (dated, undated): (Vec<&Project>, Vec<&Project>) = projects.iter().partition(|p| p.start_date.is_some());
    let own_query = list_query_string(&params);
    let body = page(
        meta,
        html! {
            h1 { (title) }
            p.lead.projects-lead { (cat.t("timeline-intro")) }
            div.list-bar {
                h2 #results { (cat.t_args("results-count", &[("count", total.into())])) }
                (filter_form(cat, "/projects/timeline", &list, &counts, paging.per_page()))
            }
            @if !dated.is_empty() {
                (gantt(cat, &dated, today))
                table.data-table.timeline-table {
                    caption { (cat.t("timeline-table-caption")) }
                    thead { tr {
                        th scope="col" { (cat.t("timeline-project")) }
                        th scope="col" { (cat.t("project-status")) }
                        th scope="col" { (cat.t("timeline-start")) }
                        th scope="col" { (cat.t("timeline-end")) }
                    } }
                    tbody {
                        @for p in &dated {
                            tr {
                                td { a href={ "/projects/" (p.slug) } { (p.short_name()) } }
                                td { (project_status_label(cat, p.status_on(today))) }
                                td { (date_range(p.start_date, None)) }
                                td { @match p.last_day() { Some(e) => (date_range(Some(e), None)), None => "—" } }
                            }
                        }
                    }
                }
            }
            @if !undated.is_empty() {
                h2 { (cat.t("timeline-undated")) }
                ul {
                    @for p in &undated { li { a href={ "/projects/" (p.slug) } { (p.short_name()) } " " (project_status_badge(cat, p.status_on(today))) } }
                }
            }
            @if projects.is_empty() { p { (cat.t("projects-none")) } }
            (layout::pagination(cat, "/projects/timeline", &params_pairs(&params, &PAGED_PARAMETERS), paging.page(), paging.page_count(total)))
            (other_forms(cat, &own_query, total, true))
        },
    );
    Ok((fresh_until(Some(next_brussels_midnight(now))), body))
}

/// The Gantt chart of projects that have a start date, in the order given.
fn gantt(cat: &Catalogue, projects: &[&Project], today: NaiveDate) -> Markup {
    const WIDTH: f64 = 760.0;
    const LABEL_WIDTH: f64 = 190.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 34.0;
    const ROW: f64 = 24.0;
    let starts = projects.iter().filter_map(|p| p.start_date);
    let ends = projects.iter().filter_map(|p| p.last_day().or(p.start_date));
    let first_year = starts.map(|d| d.year()).min();
    let last_year = ends.map(|d| d.year()).max();
    let (Some(first_year), Some(last_year)) = (first_year, last_year) else { return html! {} };
    let span_start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default();
    let span_end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1).unwrap_or_default();
    let span_days = (span_end - span_start).num_days().max(1) as f64;
    let x = |d: NaiveDate| LABEL_WIDTH + (d - span_start).num_days() as f64 / span_days * (WIDTH - LABEL_WIDTH - RIGHT);
    let height = TOP + ROW * projects.len() as f64 + 8.0;
    let years = last_year + 1 - first_year;
    let step = match years {
        0..=12 => 1,
        13..=30 => 2,
        _ => 5,
    };
    let label = cat.t_args(
        "timeline-chart-label",
        &[
            ("count", projects.len().into()),
            ("from", first_year.to_string().into()),
            ("to", last_year.to_string().into()),
        ],
    );
    let truncate = |name: &str| -> String {
        if name.chars().count() > 24 {
            format!("{}…", name.chars().take(23).collect::<String>())
        } else {
            name.to_owned()
        }
    };
    let f = |v: f64| format!("{v:.1}");
    html! {
        div.gantt-scroll role="region" aria-label=(label.clone()) tabindex="0" {
            svg.gantt role="img" aria-label=(label) viewBox={ "0 0 " (WIDTH) " " (f(height)) } xmlns="http://www.w3.org/2000/svg" {
                title { (label) }
                @for year in (first_year..=last_year + 1).filter(|y| (y - first_year) % step == 0) {
                    @let at = x(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default());
                    line.gantt__grid x1=(f(at)) x2=(f(at)) y1=(f(TOP - 6.0)) y2=(f(height - 8.0)) {}
                    @if year <= last_year { text.gantt__year x=(f(at + 3.0)) y=(f(TOP - 12.0)) { (year) } }
                }
                @if today >= span_start && today < span_end {
                    line.gantt__today x1=(f(x(today))) x2=(f(x(today))) y1=(f(TOP - 6.0)) y2=(f(height - 8.0)) {}
                    text.gantt__today-label x=(f(x(today) + 3.0)) y=(f(height - 1.0)) { (cat.t("timeline-today")) }
                }
                @for (i, p) in projects.iter().enumerate() {
                    @let y = TOP + ROW * i as f64;
                    @let status = p.status_on(today);
                    @let class = format!("gantt__bar gantt__bar--{}", status.code().replace('_', "-"));
                    text.gantt__label x="0" y=(f(y + ROW * 0.65)) { (truncate(p.short_name())) }
                    @if let Some(start) = p.start_date {
                        @match p.last_day() {
                            Some(end) => {
                                rect class=(class) x=(f(x(start))) y=(f(y + 5.0)) width=(f((x(end) - x(start)).max(2.0))) height=(f(ROW - 10.0)) {}
                            }
                            None => {
                                // No end to draw to: a mark where it started.
                                circle class=(class) cx=(f(x(start))) cy=(f(y + ROW / 2.0)) r="6" {}
                            }
                        }
                    }
                }
            }
        }
        ul.gantt-legend {
            @for status in [ProjectStatus::Running, ProjectStatus::Closed, ProjectStatus::NotStarted, ProjectStatus::StartedEndNotGiven] {
                li {
                    svg.gantt-legend__swatch width="20" height="12" viewBox="0 0 20 12" aria-hidden="true" focusable="false" {
                        @if status == ProjectStatus::StartedEndNotGiven {
                            circle class={ "gantt__bar gantt__bar--" (status.code().replace('_', "-")) } cx="10" cy="6" r="5" {}
                        } @else {
                            rect class={ "gantt__bar gantt__bar--" (status.code().replace('_', "-")) } x="1" y="1" width="18" height="10" {}
                        }
                    }
                    " " (project_status_label(cat, status))
                }
            }
        }
    }
}

async fn show_project_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<Slug>,
) -> Result<impl IntoResponse, AppError> {
    let p = load_project(&state, &slug).await?;
    let now = state.clock.now();
    let heading = p.heading();
    let meta = PageMeta::new(cat, Section::Projects, heading.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    let body = page(
        meta,
        html! {
            h1 { (heading) }
            @if caller.may(Permission::EditContent) { p { a.button href={ "/workspace/projects/" (p.slug) "/edit" } { (cat.t("edit-project")) } } }
            p.project-status { (cat.t("project-status")) ": " (project_status_badge(cat, p.status_on(today_in_brussels(now)))) }
            (project_details(cat, &p))
            p { a href={ "/api/v1/projects/" (p.slug) } { (cat.t("as-json")) } }
        },
    );
    Ok((fresh_until(Some(next_brussels_midnight(now))), body))
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
        ("sort" = Option<String>, Query, description = "relevance (the default with q), title (by the name a project is listed by: its acronym, else its title; the default without q), start, -start, budget, -budget"),
        ("page" = Option<u32>, Query, description = "From 1 to the last page (a page past it is a 400)"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = ProjectList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn list_projects_api(State(state): State<AppState>, params: Params) -> Result<Json<ProjectList>, AppError> {
    let list = list_query(&params)?;
    let paging = params.default_paging()?;
    let (projects, total) =
        find_projects(&state, &index_query(&list), paging.offset() as usize, paging.per_page() as usize).await?;
    if !page_exists(paging, total) {
        let pages = paging.page_count(total);
        return Err(AppError::bad(
            "page",
            message("param-page-past-last", &[("page", paging.page().into()), ("pages", pages.into())]),
        ));
    }
    let now = state.clock.now();
    Ok(Json(ProjectList {
        items: projects.iter().map(|p| p.to_document(now)).collect(),
        total,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(""), "");
    }
}
