//! Legislation and policy: the instruments, reports and studies the content names; API.

use crate::http::{ApiRouter, AppError, Path};
use crate::state::AppState;
use crate::ui::content::{instrument_body, instrument_kind_label};
use crate::ui::{layout, page, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::editing::{Editable, InstrumentDocument};
use rapporteur_core::{Instrument, InstrumentKind, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/legislation", get(list_instruments_page))
        .route("/legislation/{slug}", get(show_instrument_page))
        .routes(routes!(list_instruments_api))
        .routes(routes!(show_instrument_api))
}

async fn load_instrument(state: &AppState, slug: &Slug) -> Result<Instrument, AppError> {
    state.repo.find_instrument_by_slug(slug).await?.ok_or(AppError::NotFound)
}

async fn list_instruments_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let instruments = state.repo.list_instruments().await?;
    let source_words = state.repo.section_text("legislation").await?;
    let meta = PageMeta::new(cat, Section::Legislation, cat.t("legislation-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("legislation-title")) }
            p.lead { (cat.t("legislation-intro")) }
            (layout::paragraphs(&source_words))
            @for kind in InstrumentKind::ALL {
                @let of_kind: Vec<_> = instruments.iter().filter(|i| i.kind == kind).collect();
                @if !of_kind.is_empty() {
                    h2 { (instrument_kind_label(cat, kind)) }
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

async fn show_instrument_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
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

/// The instruments.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentList {
    pub items: Vec<InstrumentDocument>,
    pub total: u64,
}

/// Legal and policy instruments, reports and studies.
#[utoipa::path(get, path = "/api/v1/instruments", tag = "legislation", responses((status = 200, body = InstrumentList)))]
async fn list_instruments_api(State(state): State<AppState>) -> Result<Json<InstrumentList>, AppError> {
    let now = state.clock.now();
    let items: Vec<InstrumentDocument> =
        state.repo.list_instruments().await?.iter().map(|i| i.to_document(now)).collect();
    Ok(Json(InstrumentList { total: items.len() as u64, items }))
}

/// One instrument.
#[utoipa::path(get, path = "/api/v1/instruments/{slug}", tag = "legislation",
    params(("slug" = String, Path, description = "The instrument's slug")),
    responses((status = 200, body = InstrumentDocument), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_instrument_api(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
) -> Result<Json<InstrumentDocument>, AppError> {
    Ok(Json(load_instrument(&state, &slug).await?.to_document(state.clock.now())))
}
