//! Site-wide search: the search page and the API.

use crate::http::{ApiRouter, AppError, Params};
use crate::state::AppState;
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_search::{DocKind, SearchResults};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new().route("/search", get(search_page)).routes(routes!(search_api))
}

fn href(kind: DocKind, slug: &str) -> String {
    match kind {
        DocKind::Project => format!("/projects/{slug}"),
        DocKind::Call => format!("/calls/{slug}"),
        DocKind::News => format!("/news/{slug}"),
        DocKind::Instrument => format!("/legislation/{slug}"),
        DocKind::Page => format!("/{slug}"),
        DocKind::Agency => format!("/network#agency-{slug}"),
        DocKind::MemberState => format!("/member-states/{slug}"),
    }
}

fn kind_label(cat: &Catalogue, kind: DocKind) -> String {
    cat.t(&format!("search-kind-{}", kind.code()))
}

/// The kinds a search may be limited to, as the `kind` parameter names them.
const KIND_CODES: &str = "project, call, news, instrument, page, agency, member_state";

struct SearchRequest {
    q: Option<String>,
    kinds: Vec<DocKind>,
    paging: rapporteur_core::Paging,
}

fn read_request(params: &Params) -> Result<SearchRequest, AppError> {
    let q = params.text("q", 200)?;
    let kinds = params.choice("kind", DocKind::parse, KIND_CODES)?.into_iter().collect();
    Ok(SearchRequest { q, kinds, paging: params.paging(10)? })
}

fn run(state: &AppState, req: &SearchRequest) -> Result<SearchResults, AppError> {
    match &req.q {
        Some(q) => {
            Ok(state.search.search(q, &req.kinds, req.paging.offset() as usize, req.paging.per_page() as usize)?)
        }
        None => Ok(SearchResults { total: 0, hits: Vec::new() }),
    }
}

async fn search_page(State(state): State<AppState>, Lang(cat): Lang, params: Params) -> Result<Markup, AppError> {
    let req = read_request(&params)?;
    let results = run(&state, &req)?;
    let title = match &req.q {
        Some(q) => cat.t_args("search-title-for", &[("q", q.as_str().into())]),
        None => cat.t("search-title"),
    };
    let meta = PageMeta::new(cat, Section::Search, title.clone()).trail(cat.t("nav-home"), "/");
    let mut pairs = vec![("q".to_owned(), req.q.clone().unwrap_or_default())];
    if let Some(k) = req.kinds.first() {
        pairs.push(("kind".to_owned(), k.code().to_owned()));
    }
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            form.filters method="get" action="/search" {
                div.field {
                    label for="s-q" { (cat.t("search-words")) }
                    input #s-q type="search" name="q" value=(req.q.clone().unwrap_or_default()) maxlength="200";
                }
                div.field {
                    label for="s-kind" { (cat.t("search-kind")) }
                    select #s-kind name="kind" {
                        option value="" { (cat.t("filter-any")) }
                        @for k in DocKind::ALL { option value=(k.code()) selected[req.kinds.contains(&k)] { (kind_label(cat, k)) } }
                    }
                }
                div.actions { button type="submit" { (cat.t("search-button")) } }
            }
            @if req.q.is_some() {
                h2 #results { (cat.t_args("results-count", &[("count", results.total.into())])) }
                @if results.hits.is_empty() {
                    p { (cat.t("search-none")) }
                } @else {
                    ol.card-list.search-results start=(req.paging.offset() + 1) {
                        @for hit in &results.hits {
                            li {
                                article.card {
                                    p.meta { (kind_label(cat, hit.kind)) @if hit.synthetic { " " (layout::synthetic_badge(cat)) } }
                                    h3.card__title { a href=(href(hit.kind, &hit.slug)) { (layout::trusted_snippet(&hit.title_html)) } }
                                    @if !hit.snippet_html.is_empty() { p.snippet { "… " (layout::trusted_snippet(&hit.snippet_html)) " …" } }
                                }
                            }
                        }
                    }
                }
                (layout::pagination(cat, "/search", &pairs, req.paging.page(), req.paging.page_count(results.total as u64)))
            }
        },
    ))
}

/// A search hit in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitResource {
    /// project, call, news, instrument, page, agency or member_state
    pub kind: String,
    pub slug: String,
    pub title: String,
    /// The page of the hit.
    pub url: String,
    /// HTML: the title with matched words in `<mark>`, everything else escaped.
    pub title_html: String,
    /// HTML: a passage with matched words in `<mark>`, everything else escaped.
    pub snippet_html: String,
    pub synthetic: bool,
    pub score: f32,
}

/// Search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResultList {
    pub items: Vec<SearchHitResource>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Search content, agencies, Member States and the network page (stemmed, accent-insensitive, titles first).
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = String, Query, description = "Words to find"),
        ("kind" = Option<String>, Query, description = "project, call, news, instrument, page, agency or member_state"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 10"),
    ),
    responses((status = 200, body = SearchResultList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn search_api(State(state): State<AppState>, params: Params) -> Result<Json<SearchResultList>, AppError> {
    let req = read_request(&params)?;
    if req.q.is_none() {
        return Err(AppError::bad("q", crate::http::params::message("param-q-required", &[])));
    }
    let results = run(&state, &req)?;
    Ok(Json(SearchResultList {
        items: results
            .hits
            .into_iter()
            .map(|h| SearchHitResource {
                kind: h.kind.code().to_owned(),
                url: href(h.kind, &h.slug),
                slug: h.slug,
                title: h.title,
                title_html: h.title_html,
                snippet_html: h.snippet_html,
                synthetic: h.synthetic,
                score: h.score,
            })
            .collect(),
        total: results.total as u64,
        page: req.paging.page(),
        per_page: req.paging.per_page(),
    }))
}
