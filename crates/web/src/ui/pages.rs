//! Pages that belong to no domain: errors.

use crate::ui::i18n::{Catalogues, DEFAULT_LANG};
use crate::ui::layout::{page, PageMeta, Section};
use axum::http::StatusCode;
use maud::{html, Markup};

/// The error page: what happened, and ways onward.
pub fn error_page(status: StatusCode, details: &[String]) -> Markup {
    let cat = Catalogues::get(DEFAULT_LANG);
    let title = match status {
        StatusCode::NOT_FOUND => cat.t("error-not-found-title"),
        StatusCode::BAD_REQUEST => cat.t("error-bad-request-title"),
        StatusCode::UNAUTHORIZED => cat.t("error-unauthenticated-title"),
        StatusCode::FORBIDDEN => cat.t("error-forbidden-title"),
        StatusCode::CONFLICT => cat.t("error-conflict-title"),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::PAYLOAD_TOO_LARGE => cat.t("error-bad-request-title"),
        _ => cat.t("error-internal-title"),
    };
    page(
        PageMeta::new(cat, Section::None, title.clone()),
        html! {
            h1 { (title) }
            @for detail in details { p { (detail) } }
            h2 { (cat.t("error-onward")) }
            ul {
                li { a href="/" { (cat.t("nav-home")) } }
                li { a href="/projects" { (cat.t("nav-projects")) } }
                li { a href="/calls" { (cat.t("nav-calls")) } }
                li { a href="/news" { (cat.t("nav-news")) } }
            }
            form.filters role="search" method="get" action="/search" {
                div.field {
                    label for="e-q" { (cat.t("search-label")) }
                    input #e-q type="search" name="q" maxlength="200";
                }
                div.actions { button type="submit" { (cat.t("search-button")) } }
            }
        },
    )
}
