//! Site-wide routes: the sitemap, robots.txt, health, the stylesheet, the 404 fallback.

use crate::http::{ApiRouter, AppError, Path};
use crate::state::AppState;
use crate::ui::assets;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use rapporteur_core::{MemberState, Paging};
use std::fmt::Write;

/// The most addresses one sitemap file may hold (the sitemap protocol's limit).
pub const SITEMAP_URLS: u64 = 50_000;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/pages.xml", get(sitemap_pages))
        .route("/sitemaps/{file}", get(sitemap_projects))
        .route("/robots.txt", get(robots))
        .route("/healthz", get(healthz))
        .route(assets::STYLESHEET_PATH, get(assets::stylesheet))
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn xml(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body)
}

/// The files of the project sitemap that `projects` addresses fill.
fn project_files(projects: u64) -> u64 {
    projects.div_ceil(SITEMAP_URLS)
}

/// A sitemap index: one file of the site's pages, and as many files of projects as their number needs.
/// Synthetic projects are left out: they are load-test data, not content to find.
async fn sitemap_index(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let (projects, synthetic) = crate::index::project_counts(&state.search)?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut file = |name: String| {
        let _ = writeln!(
            out,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&format!("{}/sitemaps/{name}", state.public_url))
        );
    };
    file("pages.xml".to_owned());
    for n in 1..=project_files(projects - synthetic) {
        file(format!("projects-{n}.xml"));
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml(out))
}

fn urlset(public_url: &str, paths: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let _ = writeln!(out, "  <url><loc>{}</loc></url>", xml_escape(&format!("{public_url}{path}")));
    }
    out.push_str("</urlset>\n");
    out
}

/// Every public page but the projects: sections, the site's own pages, calls, all news, Member States,
/// instruments.
async fn sitemap_pages(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let mut paths: Vec<String> =
        ["/", "/projects", "/calls", "/news", "/network", "/member-states", "/statistics", "/legislation", "/search"]
            .map(String::from)
            .to_vec();
    paths.extend(crate::ui::layout::FURNITURE.iter().map(|(path, _)| (*path).to_owned()));
    paths.extend(state.repo.list_calls().await?.iter().map(|c| format!("/calls/{}", c.slug)));
    let mut paging = Paging::first(rapporteur_core::paging::MAX_PER_PAGE);
    loop {
        let news = state.repo.list_news(paging).await?;
        paths.extend(news.items.iter().map(|n| format!("/news/{}", n.slug)));
        match paging.next() {
            Some(next) if paging.page() < paging.page_count(news.total) => paging = next,
            _ => break,
        }
    }
    paths.extend(MemberState::all().map(|m| format!("/member-states/{}", m.iso().to_lowercase())));
    // Each Member State's figures, under Eurostat's code (EL for Greece).
    paths.extend(MemberState::all().map(|m| format!("/statistics/{}", m.country().eurostat().to_lowercase())));
    paths.extend(state.repo.list_instruments().await?.iter().map(|i| format!("/legislation/{}", i.slug)));
    Ok(xml(urlset(&state.public_url, paths)))
}

/// The `n`th file of projects (`projects-N.xml`), [`SITEMAP_URLS`] at most.
async fn sitemap_projects(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let n: u64 = file
        .strip_prefix("projects-")
        .and_then(|f| f.strip_suffix(".xml"))
        .and_then(|n| n.parse().ok())
        .filter(|n| *n >= 1)
        .ok_or(AppError::NotFound)?;
    let slugs = state.repo.list_real_project_slugs((n - 1) * SITEMAP_URLS, SITEMAP_URLS as u32).await?;
    if slugs.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(xml(urlset(&state.public_url, slugs.iter().map(|s| format!("/projects/{s}")))))
}

async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("User-agent: *\nDisallow: /api/\nDisallow: /search\nSitemap: {}/sitemap.xml\n", state.public_url),
    )
}

/// 200 once the store answers; 503 otherwise. Never kept by a cache: it must say how the store is now.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    match state.repo.ping().await {
        Ok(()) => (StatusCode::OK, no_store, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, no_store, "store unavailable")
        }
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_file_holds_at_most_fifty_thousand_addresses() {
        assert_eq!(project_files(0), 0);
        assert_eq!(project_files(1), 1);
        assert_eq!(project_files(50_000), 1);
        assert_eq!(project_files(50_001), 2);
        assert_eq!(project_files(1_000_000), 20);
    }
}
