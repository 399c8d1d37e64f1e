//! News: the list, one page per item, the Atom feed and the API.

use crate::http::{ApiRouter, AppError, Params, Path};
use crate::state::AppState;
use crate::ui::content::news_body;
use crate::ui::i18n::{Catalogues, DEFAULT_LANG};
use crate::ui::{layout, page, Lang, PageMeta, Section};
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use chrono::{FixedOffset, TimeZone};
use maud::{html, Markup};
use rapporteur_core::editing::{Editable, NewsDocument};
use rapporteur_core::{Instrument, NewsItem, Paging, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/news", get(list_news_page))
        .route("/news/feed.atom", get(news_feed))
        .route("/news/{slug}", get(show_news_page))
        .routes(routes!(list_news_api))
        .routes(routes!(show_news_api))
}

async fn load_news(state: &AppState, slug: &Slug) -> Result<NewsItem, AppError> {
    state.repo.find_news_by_slug(slug).await?.ok_or(AppError::NotFound)
}

/// Every published news item, newest first: the feed holds them all.
async fn all_news(state: &AppState) -> Result<Vec<NewsItem>, AppError> {
    let mut all = Vec::new();
    let mut paging = Paging::first(rapporteur_core::paging::MAX_PER_PAGE);
    loop {
        let page = state.repo.list_news(paging).await?;
        all.extend(page.items);
        match paging.next() {
            Some(next) if paging.page() < paging.page_count(page.total) => paging = next,
            _ => return Ok(all),
        }
    }
}

async fn list_news_page(State(state): State<AppState>, Lang(cat): Lang, params: Params) -> Result<Markup, AppError> {
    let paging = params.paging(10)?;
    let news = state.repo.list_news(paging).await?;
    let mut meta = PageMeta::new(cat, Section::News, cat.t("news-title")).trail(cat.t("nav-home"), "/");
    meta.alternate = Some(("alternate", "application/atom+xml", "/news/feed.atom".into()));
    let pairs = vec![("per_page".to_owned(), paging.per_page().to_string())];
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("news-title")) }
            p { a href="/news/feed.atom" { (cat.t("news-feed-link")) } }
            ul.card-list {
                @for n in &news.items {
                    li {
                        article.card {
                            h2.card__title { a href={ "/news/" (n.slug) } { (n.title) } }
                            p.meta { time datetime=(n.date.to_string()) { (n.date.to_display_string()) } }
                            @if let Some(first) = n.body.first() { p { (first) } }
                        }
                    }
                }
            }
            (layout::pagination(cat, "/news", &pairs, paging.page(), paging.page_count(news.total)))
        },
    ))
}

async fn show_news_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
) -> Result<Markup, AppError> {
    let n = load_news(&state, &slug).await?;
    let instruments = state.repo.list_instruments().await?;
    let agencies = state.repo.list_agencies().await?;
    let meta = PageMeta::new(cat, Section::News, n.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("news-title"), "/news");
    Ok(page(
        meta,
        html! {
            article {
                h1 { (n.title) }
                (news_body(cat, &n, &instruments, &agencies))
            }
        },
    ))
}

/// The Atom feed of all news, newest first.
async fn news_feed(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let cat = Catalogues::get(DEFAULT_LANG);
    let news = all_news(&state).await?;
    let base = &state.public_url;
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    let stamp = |n: &NewsItem| utc.from_utc_datetime(&n.date.first_day().and_hms_opt(0, 0, 0).unwrap_or_default());
    let entries: Vec<Entry> = news
        .iter()
        .map(|n| Entry {
            id: format!("{base}/news/{}", n.slug),
            title: Text::plain(n.title.clone()),
            updated: stamp(n),
            published: Some(stamp(n)),
            links: vec![Link {
                href: format!("{base}/news/{}", n.slug),
                rel: "alternate".into(),
                ..Default::default()
            }],
            content: Some(Content {
                value: Some(n.body.join("\n\n")),
                content_type: Some("text".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let feed = Feed {
        id: format!("{base}/news"),
        title: Text::plain(format!("{} – {}", cat.t("site-name"), cat.t("news-title"))),
        updated: entries.first().map(|e| e.updated).unwrap_or_else(|| utc.timestamp_opt(0, 0).unwrap()),
        authors: vec![Person { name: cat.t("site-owner"), ..Default::default() }],
        links: vec![
            Link { href: format!("{base}/news/feed.atom"), rel: "self".into(), ..Default::default() },
            Link { href: format!("{base}/news"), rel: "alternate".into(), ..Default::default() },
        ],
        entries,
        ..Default::default()
    };
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()))
}

/// A news item as the public sees it: without references to instruments that are drafts or withdrawn.
fn public_references(mut item: NewsItem, published: &[Instrument]) -> NewsItem {
    item.instruments.retain(|slug| published.iter().any(|i| &i.slug == slug));
    item
}

/// A page of news.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewsList {
    pub items: Vec<NewsDocument>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// List news, newest first.
#[utoipa::path(get, path = "/api/v1/news", tag = "news",
    params(("page" = Option<u32>, Query, description = "From 1"), ("per_page" = Option<u32>, Query, description = "From 1 to 100")),
    responses((status = 200, body = NewsList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn list_news_api(State(state): State<AppState>, params: Params) -> Result<Json<NewsList>, AppError> {
    let paging = params.default_paging()?;
    let news = state.repo.list_news(paging).await?;
    let published = state.repo.list_instruments().await?;
    Ok(Json(NewsList {
        items: news
            .items
            .into_iter()
            .map(|n| public_references(n, &published).to_document(state.clock.now()))
            .collect(),
        total: news.total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}

/// One news item.
#[utoipa::path(get, path = "/api/v1/news/{slug}", tag = "news",
    params(("slug" = String, Path, description = "The item's slug")),
    responses((status = 200, body = NewsDocument), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_news_api(State(state): State<AppState>, Path(slug): Path<Slug>) -> Result<Json<NewsDocument>, AppError> {
    let published = state.repo.list_instruments().await?;
    Ok(Json(public_references(load_news(&state, &slug).await?, &published).to_document(state.clock.now())))
}
