//! Site-wide routes: sitemap, robots.txt, health, the 404 fallback.

use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use rapporteur_core::{MemberState, Slug};
use std::fmt::Write;

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every public page. Synthetic projects are left out: they are load-test data, not content to find.
pub async fn sitemap(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let mut paths: Vec<String> =
        ["/", "/projects", "/calls", "/news", "/network", "/member-states", "/legislation", "/search"]
            .map(String::from)
            .to_vec();
    let mut after: Option<Slug> = None;
    loop {
        let batch = state.repo.list_projects_after(after.as_ref(), 5_000).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.slug.clone());
        paths.extend(batch.iter().filter(|p| !p.synthetic).map(|p| format!("/projects/{}", p.slug)));
    }
    paths.extend(state.repo.list_calls().await?.iter().map(|c| format!("/calls/{}", c.slug)));
    paths.extend(
        state
            .repo
            .list_news(rapporteur_core::Paging::first(100))
            .await?
            .items
            .iter()
            .map(|n| format!("/news/{}", n.slug)),
    );
    paths.extend(MemberState::all().map(|m| format!("/member-states/{}", m.iso().to_lowercase())));
    paths.extend(state.repo.list_instruments().await?.iter().map(|i| format!("/legislation/{}", i.slug)));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let _ = writeln!(xml, "  <url><loc>{}</loc></url>", xml_escape(&format!("{}{path}", state.public_url)));
    }
    xml.push_str("</urlset>\n");
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml))
}

pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("User-agent: *\nDisallow: /api/\nDisallow: /search\nSitemap: {}/sitemap.xml\n", state.public_url),
    )
}

/// 200 once the store answers; 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.repo.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable")
        }
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
