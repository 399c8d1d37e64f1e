//! Legislation and policy: the instruments, reports and studies the content names; API.

use crate::http::{ApiRouter, AppError, Path};
use crate::state::AppState;
use crate::ui::content::{instrument_body, instrument_kind_label};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::editing::{Editable, InstrumentDocument};
use rapporteur_core::{Agency, Body, Celex, Instrument, InstrumentKind, NewsItem, Paging, PartialDate, Slug};
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

/// One dated step of the EU's policy against trafficking: an instrument, or a body of the network set up.
struct Milestone {
    date: PartialDate,
    title: String,
    href: String,
}

/// The steps of the EU policy the legislation page traces, oldest first: every dated instrument but the
/// funding programmes' work programmes, and the network's bodies from when they were set up.
fn milestones(instruments: &[Instrument], bodies: &[Body]) -> Vec<Milestone> {
    let mut steps: Vec<Milestone> = instruments
        .iter()
        .filter(|i| i.kind != InstrumentKind::WorkProgramme)
        .filter_map(|i| {
            Some(Milestone { date: i.date?, title: i.title.clone(), href: format!("/legislation/{}", i.slug) })
        })
        .chain(bodies.iter().filter_map(|b| {
            Some(Milestone { date: b.established?, title: b.name.clone(), href: format!("/network#body-{}", b.slug) })
        }))
        .collect();
    steps.sort_by_key(|m| (m.date.first_day(), m.date.to_string()));
    steps
}

/// The milestones as a line of years (server-drawn SVG, named for assistive technology), with the list
/// beneath it as the text alternative that also carries the links. Geometry in viewBox units, 440 wide as
/// the charts are, so that 13-unit text stays legible on a 390 px screen; colours are presentation
/// attributes (the Content Security Policy allows no inline style).
fn timeline(cat: &Catalogue, steps: &[Milestone]) -> Markup {
    const W: f64 = 440.0;
    const LEFT: f64 = 26.0;
    const RIGHT: f64 = 414.0;
    const AXIS_Y: f64 = 44.0;
    const TEXT: &str = "#262b38";
    const DOT: &str = "#004494";
    let (Some(first), Some(last)) = (steps.first(), steps.last()) else { return html! {} };
    let (from, to) = (first.date.year(), last.date.year());
    let x_of = |year: i32| {
        if to == from {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + (RIGHT - LEFT) * f64::from(year - from) / f64::from(to - from)
        }
    };
    let mut years: Vec<(i32, usize)> = Vec::new();
    for m in steps {
        match years.last_mut() {
            Some((y, n)) if *y == m.date.year() => *n += 1,
            _ => years.push((m.date.year(), 1)),
        }
    }
    let title = cat.t_args("policy-timeline-title", &[("from", from.into()), ("to", to.into())]);
    let description = years
        .iter()
        .map(|(y, n)| cat.t_args("policy-timeline-year-steps", &[("year", (*y).into()), ("count", (*n).into())]))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        section.policy-timeline aria-labelledby="policy-timeline-heading" {
            h2 #policy-timeline-heading { (cat.t("policy-timeline-heading")) }
            figure.policy-timeline__figure {
                svg.policy-timeline__svg viewBox={ "0 0 " (W) " 100" } role="img" aria-labelledby="policy-timeline-svg-title policy-timeline-svg-desc" font-size="13" {
                    title #policy-timeline-svg-title { (title) }
                    desc #policy-timeline-svg-desc { (description) "." }
                    line x1=(LEFT) y1=(AXIS_Y) x2=(RIGHT) y2=(AXIS_Y) stroke=(TEXT) stroke-width="2" {}
                    @for (n, (year, count)) in years.iter().enumerate() {
                        @let x = x_of(*year);
                        circle cx=(x) cy=(AXIS_Y) r=(5 + 2 * (*count).min(3)) fill=(DOT) {}
                        text x=(x) y=(AXIS_Y - 16.0) text-anchor="middle" fill=(TEXT) { (count) }
                        // Neighbouring years alternate between two rows so that their labels never overlap.
                        text x=(x) y=(if n % 2 == 0 { AXIS_Y + 30.0 } else { AXIS_Y + 48.0 }) text-anchor="middle" fill=(TEXT) { (year) }
                    }
                }
                figcaption { (cat.t("policy-timeline-caption")) }
            }
            ol.policy-timeline__list {
                @for m in steps {
                    li {
                        time datetime=(m.date.to_string()) { (m.date.to_display_string()) }
                        ": " a href=(m.href) { (m.title) }
                    }
                }
            }
        }
    }
}

/// A link to an act's text on EUR-Lex, by its CELEX number.
pub fn eur_lex_link(cat: &Catalogue, celex: &Celex) -> Markup {
    html! { a href=(celex.eur_lex_url()) { (cat.t_args("instrument-eur-lex", &[("celex", celex.as_str().into())])) } }
}

async fn list_instruments_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let instruments = state.repo.list_instruments().await?;
    let bodies = state.repo.list_bodies().await?;
    let source_words = state.repo.section_text("legislation").await?;
    let steps = milestones(&instruments, &bodies);
    let meta = PageMeta::new(cat, Section::Legislation, cat.t("legislation-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("legislation-title")) }
            p.lead { (cat.t("legislation-intro")) }
            (layout::paragraphs(&source_words))
            (timeline(cat, &steps))
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
                                    @if let Some(c) = &i.celex { p { (eur_lex_link(cat, c)) } }
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
    let news: Vec<NewsItem> = state
        .repo
        .list_news(Paging::first(rapporteur_core::paging::MAX_PER_PAGE))
        .await?
        .items
        .into_iter()
        .filter(|n| n.instruments.contains(&i.slug))
        .collect();
    // A joint statement's signatories are the agencies the news of its signing names.
    let signatories: Vec<Agency> = if i.kind == InstrumentKind::JointStatement {
        let named: Vec<&Slug> = news.iter().flat_map(|n| &n.agencies).collect();
        state.repo.list_agencies().await?.into_iter().filter(|a| named.contains(&&a.slug)).collect()
    } else {
        Vec::new()
    };
    let meta = PageMeta::new(cat, Section::Legislation, i.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("legislation-title"), "/legislation");
    Ok(page(
        meta,
        html! {
            h1 { (i.title) }
            @if let Some(c) = &i.celex { p { (eur_lex_link(cat, c)) } }
            (instrument_body(cat, &i, &calls))
            @if !signatories.is_empty() {
                section aria-labelledby="signatories" {
                    h2 #signatories { (cat.t_args("instrument-signatories", &[("count", signatories.len().into())])) }
                    ul {
                        @for a in &signatories {
                            li {
                                a href={ "/network#agency-" (a.slug) } { (a.name) " (" (a.acronym) ")" }
                                @if let Some(n) = &a.now_known_as { " – " (cat.t_args("agency-now-known", &[("acronym", n.as_str().into())])) }
                            }
                        }
                    }
                }
            }
            @if !news.is_empty() {
                section aria-labelledby="instrument-news" {
                    h2 #instrument-news { (cat.t("instrument-news")) }
                    ul {
                        @for n in &news {
                            li { time datetime=(n.date.to_string()) { (n.date.to_display_string()) } ": " a href={ "/news/" (n.slug) } { (n.title) } }
                        }
                    }
                }
            }
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
