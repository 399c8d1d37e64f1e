//! Legislation and policy: the instruments, reports and studies the content names; API.

use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{self, page, PageMeta, Section};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::{Call, Instrument, InstrumentKind, Slug};
use serde::Serialize;
use utoipa::ToSchema;

pub fn kind_label(cat: &Catalogue, kind: InstrumentKind) -> String {
    cat.t(&format!("instrument-kind-{}", kind.code().replace('_', "-")))
}

async fn load_instrument(state: &AppState, slug: &str) -> Result<Instrument, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    state.repo.find_instrument_by_slug(&slug).await?.ok_or(AppError::NotFound)
}

pub async fn list_instruments_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let instruments = state.repo.list_instruments().await?;
    let meta = PageMeta::new(cat, Section::Legislation, cat.t("legislation-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("legislation-title")) }
            p.lead { (cat.t("legislation-intro")) }
            @for kind in InstrumentKind::ALL {
                @let of_kind: Vec<_> = instruments.iter().filter(|i| i.kind == kind).collect();
                @if !of_kind.is_empty() {
                    h2 { (kind_label(cat, kind)) }
                    ul.card-list {
                        @for i in of_kind {
                            li {
                                article.card {
                                    h3.card__title { a href={ "/legislation/" (i.slug) } { (i.title) } }
                                    @if let Some(r) = &i.reference { p.meta { (r) } }
                                    @if let Some(d) = i.date { p.meta { (d.to_display_string()) } }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn show_instrument_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
) -> Result<Markup, AppError> {
    let i = load_instrument(&state, &slug).await?;
    let calls = state.repo.list_calls().await?;
    let meta = PageMeta::new(cat, Section::Legislation, i.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("legislation-title"), "/legislation");
    Ok(page(
        meta,
        html! {
            h1 { (i.title) }
            (instrument_body(cat, &i, &calls))
        },
    ))
}

/// Everything an instrument's page shows under its title (also the editors' preview).
pub(crate) fn instrument_body(cat: &Catalogue, i: &Instrument, calls: &[Call]) -> Markup {
    html! {
        dl.facts {
            dt { (cat.t("instrument-kind")) } dd { (kind_label(cat, i.kind)) }
            dt { (cat.t("instrument-reference")) } dd { @match &i.reference { Some(r) => (r), None => (layout::unknown(cat)) } }
            dt { (cat.t("instrument-date")) } dd { @match i.date { Some(d) => (d.to_display_string()), None => (layout::unknown(cat)) } }
        }
        (layout::paragraphs(&i.summary))
        @if !i.articles.is_empty() {
            h2 { (cat.t("instrument-articles")) }
            ul { @for a in &i.articles { li { (cat.t("instrument-article")) " " (a.number) ": " (a.subject) } } }
        }
        @let citing: Vec<_> = calls.iter().filter(|c| c.instruments.contains(&i.slug)).collect();
        @if !citing.is_empty() {
            h2 { (cat.t("instrument-cited-by")) }
            ul { @for c in citing { li { a href={ "/calls/" (c.slug) } { (c.title) } } } }
        }
    }
}

/// An instrument in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentResource {
    pub slug: String,
    /// directive, council_conclusions, strategy, communication, joint_statement, report, study, work_programme
    pub kind: String,
    pub title: String,
    pub reference: Option<String>,
    /// As precise as known: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: Option<String>,
    pub summary: Vec<String>,
    pub articles: Vec<ArticleResource>,
    /// False for editors' drafts and withdrawn instruments (which only editors see).
    pub published: bool,
}

/// An article the content cites.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleResource {
    pub number: String,
    pub subject: String,
}

impl From<Instrument> for InstrumentResource {
    fn from(i: Instrument) -> Self {
        InstrumentResource {
            slug: i.slug.to_string(),
            kind: i.kind.code().to_owned(),
            title: i.title,
            reference: i.reference,
            date: i.date.map(|d| d.to_string()),
            summary: i.summary,
            articles: i
                .articles
                .into_iter()
                .map(|a| ArticleResource { number: a.number, subject: a.subject })
                .collect(),
            published: i.published,
        }
    }
}

/// The instruments.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentList {
    pub items: Vec<InstrumentResource>,
    pub total: u64,
}

/// Legal and policy instruments, reports and studies.
#[utoipa::path(get, path = "/api/v1/instruments", tag = "legislation", responses((status = 200, body = InstrumentList)))]
pub async fn list_instruments_api(State(state): State<AppState>) -> Result<Json<InstrumentList>, ApiError> {
    let items: Vec<InstrumentResource> = state.repo.list_instruments().await?.into_iter().map(Into::into).collect();
    Ok(Json(InstrumentList { total: items.len() as u64, items }))
}

/// One instrument.
#[utoipa::path(get, path = "/api/v1/instruments/{slug}", tag = "legislation",
    params(("slug" = String, Path, description = "The instrument's slug")),
    responses((status = 200, body = InstrumentResource), (status = 404, body = crate::error::ErrorBody)))]
pub async fn show_instrument_api(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<InstrumentResource>, ApiError> {
    Ok(Json(load_instrument(&state, &slug).await?.into()))
}
