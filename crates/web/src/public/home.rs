//! The home page: the EU approach, open calls, latest news, the network, the projects.

use crate::http::cache::fresh_until;
use crate::http::AppError;
use crate::state::AppState;
use crate::ui::content::deadline_text;
use crate::ui::{page, Lang, PageMeta, Section};
use axum::extract::State;
use axum::response::IntoResponse;
use maud::html;
use rapporteur_core::calls::{next_change, open_first};
use rapporteur_core::{CallStatus, InstrumentKind, Paging};

pub async fn show_home(State(state): State<AppState>, Lang(cat): Lang) -> Result<impl IntoResponse, AppError> {
    let now = state.clock.now();
    let instruments = state.repo.list_instruments().await?;
    let calls = open_first(state.repo.list_calls().await?, now);
    let news = state.repo.list_news(Paging::first(3)).await?;
    let bodies = state.repo.list_bodies().await?;
    let (projects, synthetic) = crate::index::project_counts(&state.search)?;
    let source = state.repo.content_source().await?;
    let approach: Vec<_> = instruments
        .iter()
        .filter(|i| {
            matches!(i.kind, InstrumentKind::Directive | InstrumentKind::Strategy | InstrumentKind::Communication)
        })
        .collect();
    let open: Vec<_> = calls.iter().filter(|c| c.deadline.status_at(now) == CallStatus::Open).collect();
    let meta = PageMeta::new(cat, Section::Home, cat.t("home-title")).description(cat.t("home-intro"));
    let body = page(
        meta,
        html! {
            h1 { (cat.t("home-title")) }
            p.lead { (cat.t("home-intro")) }
            section aria-labelledby="approach" {
                h2 #approach { (cat.t("home-approach")) }
                ul.card-list {
                    @for (n, i) in approach.iter().enumerate() {
                        li {
                            article.card {
                                h3.card__title { a href={ "/legislation/" (i.slug) } { (i.title) } }
                                // Instruments the source describes in one shared sentence show it once.
                                @if let Some(p) = i.summary.first().filter(|p| !approach[..n].iter().any(|e| e.summary.first() == Some(*p))) {
                                    p { (p) }
                                }
                            }
                        }
                    }
                }
                p { a href="/legislation" { (cat.t("home-all-instruments")) } }
                p { a href="/legislation#policy-timeline-heading" { (cat.t("home-timeline-link")) } }
            }
            section aria-labelledby="open-calls" {
                h2 #open-calls { (cat.t("home-open-calls")) }
                @if open.is_empty() {
                    p { (cat.t("home-no-open-calls")) " " a href="/calls" { (cat.t("home-all-calls")) } }
                } @else {
                    ul { @for c in &open { li { a href={ "/calls/" (c.slug) } { (c.title) } " – " (deadline_text(cat, &c.deadline)) } } }
                }
            }
            section aria-labelledby="latest-news" {
                h2 #latest-news { (cat.t("home-latest-news")) }
                ul {
                    @for n in &news.items {
                        li { time datetime=(n.date.to_string()) { (n.date.to_display_string()) } ": " a href={ "/news/" (n.slug) } { (n.title) } }
                    }
                }
            }
            section aria-labelledby="the-network" {
                h2 #the-network { (cat.t("home-network")) }
                ul { @for b in &bodies { li { a href={ "/network#body-" (b.slug) } { (b.name) } } } }
            }
            section aria-labelledby="funded-projects" {
                h2 #funded-projects { (cat.t("home-projects")) }
                p {
                    (cat.t_args("home-projects-count", &[("count", (projects - synthetic).into())]))
                    @if synthetic > 0 { " " (cat.t_args("home-synthetic-count", &[("count", synthetic.into())])) }
                    " " a href="/projects" { (cat.t("home-browse-projects")) }
                }
            }
            @if let Some(s) = source { p.source { (cat.t("home-source")) " " (s) } }
        },
    );
    Ok((fresh_until(next_change(&calls, now)), body))
}
