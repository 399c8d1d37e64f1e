//! News: the list, one page per item, the Atom feed and the API.

use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Catalogues, Lang, DEFAULT_LANG};
use crate::layout::{self, page, PageMeta, Section};
use crate::params::Params;
use crate::AppState;
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{FixedOffset, TimeZone};
use maud::{html, Markup};
use rapporteur_core::{Agency, Instrument, NewsItem, Paging, Slug};
use serde::Serialize;
use utoipa::ToSchema;

async fn load_news(state: &AppState, slug: &str) -> Result<NewsItem, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    state.repo.find_news_by_slug(&slug).await?.ok_or(AppError::NotFound)
}

pub async fn list_news_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<Markup, AppError> {
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

pub async fn show_news_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
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

/// Everything a news item's page shows under its title (also the editors' preview).
pub(crate) fn news_body(cat: &Catalogue, n: &NewsItem, instruments: &[Instrument], agencies: &[Agency]) -> Markup {
    html! {
        p.meta { time datetime=(n.date.to_string()) { (n.date.to_display_string()) } }
        (layout::paragraphs(&n.body))
        @let linked: Vec<_> = instruments.iter().filter(|i| n.instruments.contains(&i.slug)).collect();
        @if !linked.is_empty() {
            h2 { (cat.t("news-instruments")) }
            ul { @for i in linked { li { a href={ "/legislation/" (i.slug) } { (i.title) } } } }
        }
        @let named: Vec<_> = agencies.iter().filter(|a| n.agencies.contains(&a.slug)).collect();
        @if !named.is_empty() {
            h2 { (cat.t("news-agencies")) }
            ul.inline-list { @for a in named { li { abbr title=(a.name) { (a.acronym) } } } }
        }
    }
}

/// The Atom feed of all news, newest first.
pub async fn news_feed(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let cat = Catalogues::get(DEFAULT_LANG);
    let news = state.repo.list_news(Paging::first(100)).await?;
    let base = &state.public_url;
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    let stamp = |n: &NewsItem| utc.from_utc_datetime(&n.date.first_day().and_hms_opt(0, 0, 0).unwrap_or_default());
    let entries: Vec<Entry> = news
        .items
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

/// A news item in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewsResource {
    pub slug: String,
    pub title: String,
    /// YYYY-MM-DD, or YYYY-MM where the source gives only the month.
    pub date: String,
    pub body: Vec<String>,
    pub instruments: Vec<String>,
    pub agencies: Vec<String>,
    /// False for editors' drafts and withdrawn items (which only editors see).
    pub published: bool,
}

impl From<NewsItem> for NewsResource {
    fn from(n: NewsItem) -> Self {
        NewsResource {
            slug: n.slug.to_string(),
            title: n.title,
            date: n.date.to_string(),
            body: n.body,
            instruments: n.instruments.iter().map(|s| s.to_string()).collect(),
            agencies: n.agencies.iter().map(|s| s.to_string()).collect(),
            published: n.published,
        }
    }
}

/// A news item as the public sees it: without references to instruments that are drafts or withdrawn.
fn public_references(mut item: NewsItem, published: &[Instrument]) -> NewsItem {
    item.instruments.retain(|slug| published.iter().any(|i| &i.slug == slug));
    item
}

/// A page of news.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewsList {
    pub items: Vec<NewsResource>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// List news, newest first.
#[utoipa::path(get, path = "/api/v1/news", tag = "news",
    params(("page" = Option<u32>, Query, description = "From 1"), ("per_page" = Option<u32>, Query, description = "From 1 to 100")),
    responses((status = 200, body = NewsList), (status = 400, body = crate::error::ErrorBody)))]
pub async fn list_news_api(State(state): State<AppState>, params: Params) -> Result<Json<NewsList>, ApiError> {
    let paging = params.default_paging()?;
    let news = state.repo.list_news(paging).await?;
    let published = state.repo.list_instruments().await?;
    Ok(Json(NewsList {
        items: news.items.into_iter().map(|n| public_references(n, &published).into()).collect(),
        total: news.total,
        page: paging.page(),
        per_page: paging.per_page(),
    }))
}

/// One news item.
#[utoipa::path(get, path = "/api/v1/news/{slug}", tag = "news",
    params(("slug" = String, Path, description = "The item's slug")),
    responses((status = 200, body = NewsResource), (status = 404, body = crate::error::ErrorBody)))]
pub async fn show_news_api(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<NewsResource>, ApiError> {
    let published = state.repo.list_instruments().await?;
    Ok(Json(public_references(load_news(&state, &slug).await?, &published).into()))
}
