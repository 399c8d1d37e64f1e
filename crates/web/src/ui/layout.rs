//! The page shell every HTML page shares: skip link, header (site identity, search, the viewer's account or
//! "Sign in", the language switcher), navigation, main, footer.
//!
//! The header knows who is looking without any route passing it on: [`know_the_viewer`], a middleware in
//! front of every route, resolves the session once per request and keeps the viewer (and the address asked
//! for) in a task-local that [`PageMeta::new`] reads. Requests without a session cookie have no viewer, and
//! only those are kept in the page cache (`http::cache`), so a kept page never shows anybody's account.
//!
//! On a narrow screen the navigation, search and account sit in a `<details>` disclosure ("Menu") that opens
//! without script; from 48rem up the same links are shown inline and the disclosure is hidden.

use crate::http::auth::Caller;
use crate::http::session::{cookie, SESSION_COOKIE};
use crate::state::AppState;
use crate::ui::i18n::{Catalogue, Catalogues};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The navigation sections; the current one is marked for assistive technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Projects,
    Calls,
    News,
    Network,
    MemberStates,
    Statistics,
    Legislation,
    Search,
    None,
}

const NAV: &[(Section, &str, &str)] = &[
    (Section::Home, "/", "nav-home"),
    (Section::Projects, "/projects", "nav-projects"),
    (Section::Calls, "/calls", "nav-calls"),
    (Section::News, "/news", "nav-news"),
    (Section::Network, "/network", "nav-network"),
    (Section::MemberStates, "/member-states", "nav-member-states"),
    (Section::Statistics, "/statistics", "nav-statistics"),
    (Section::Legislation, "/legislation", "nav-legislation"),
];

/// The site's own pages, linked from every footer (and listed in the sitemap): (path, message of the link).
pub const FURNITURE: &[(&str, &str)] = &[
    ("/legal-notice", "footer-legal-notice"),
    ("/privacy", "footer-privacy"),
    ("/accessibility", "footer-accessibility"),
    ("/cookies", "footer-cookies"),
    ("/contact", "footer-contact"),
];

/// The signed-in account looking at a page: what the header shows them, and the token its sign-out form
/// carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub email: String,
    pub csrf_token: String,
    /// What the account may do: the workspace menu lists it.
    pub role: rapporteur_core::accounts::Role,
}

/// What the shell knows of the request a page answers: its viewer, and the address asked for (the language
/// switcher links to the same page in another language).
#[derive(Debug, Clone, Default)]
pub struct Asked {
    pub viewer: Option<Viewer>,
    pub path: String,
    /// The query's pairs, `lang` left out.
    pub query: Vec<(String, String)>,
}

tokio::task_local! {
    static ASKED: Asked;
}

impl Asked {
    /// What [`know_the_viewer`] learnt of the request being answered; nothing outside a request (tests that
    /// render a page directly).
    pub fn current() -> Asked {
        ASKED.try_with(Asked::clone).unwrap_or_default()
    }
}

/// Resolves the viewer of every request once, before routing, and keeps it for the pages the request renders.
/// Only a browser session counts (token callers get JSON); a session that is unknown or expired is nobody.
/// The caller is also left in the request's extensions, so that the routes' own [`Caller`] needs no second
/// look-up.
pub async fn know_the_viewer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let query = request
        .uri()
        .query()
        .map(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, _)| k != "lang")
                .collect()
        })
        .unwrap_or_default();
    let mut viewer = None;
    let mut request = request;
    if cookie(request.headers(), SESSION_COOKIE).is_some() && !request.headers().contains_key(AUTHORIZATION) {
        let (mut parts, body) = request.into_parts();
        match Caller::from_request_parts(&mut parts, &state).await {
            Ok(caller) => {
                viewer = caller.account.as_ref().map(|account| Viewer {
                    email: account.email.to_string(),
                    csrf_token: caller.form_token().to_owned(),
                    role: account.role.clone(),
                });
                parts.extensions.insert(caller);
            }
            // The route's own look-up meets the same failure and answers it; the header shows nobody.
            Err(e) => tracing::warn!(error = ?e, "the viewer of a page could not be found"),
        }
        request = Request::from_parts(parts, body);
    }
    ASKED.scope(Asked { viewer, path, query }, next.run(request)).await
}

/// What the shell needs to know about a page.
pub struct PageMeta<'a> {
    pub title: String,
    pub description: Option<String>,
    pub section: Section,
    /// Breadcrumb trail above the heading: (label, link); the page itself is not repeated.
    pub trail: Vec<(String, String)>,
    pub cat: &'a Catalogue,
    /// Extra `<link>` elements in the head (feeds).
    pub alternate: Option<(&'a str, &'a str, String)>,
    /// The request the page answers (its viewer), as [`know_the_viewer`] found it.
    pub asked: Asked,
}

impl<'a> PageMeta<'a> {
    pub fn new(cat: &'a Catalogue, section: Section, title: impl Into<String>) -> Self {
        PageMeta {
            title: title.into(),
            description: None,
            section,
            trail: Vec::new(),
            cat,
            alternate: None,
            asked: Asked::current(),
        }
    }

    pub fn trail(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.trail.push((label.into(), href.into()));
        self
    }

    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
}

/// The main navigation's links.
fn nav_list(meta: &PageMeta<'_>) -> Markup {
    let t = |id: &str| meta.cat.t(id);
    html! {
        ul {
            @for (section, href, label) in NAV {
                li {
                    @if *section == meta.section {
                        a href=(href) aria-current="page" { (t(label)) }
                    } @else {
                        a href=(href) { (t(label)) }
                    }
                }
            }
        }
    }
}

/// The search form of the header; `id` tells the desktop form from the menu's.
fn search_form(cat: &Catalogue, id: &str) -> Markup {
    html! {
        form.site-search role="search" action="/search" method="get" {
            label for=(id) { (cat.t("search-label")) }
            span.site-search__row {
                input #(id) type="search" name="q" maxlength="200";
                button.button type="submit" { (cat.t("search-button")) }
            }
        }
    }
}

/// The viewer's account, the workspace and signing out; or "Sign in" for the public.
fn account_links(cat: &Catalogue, viewer: Option<&Viewer>) -> Markup {
    html! {
        @if let Some(v) = viewer {
            ul.account-links {
                li {
                    a.account-links__me href="/account" {
                        span.visually-hidden { (cat.t("header-my-account")) ": " }
                        (v.email)
                    }
                }
                li { a href="/workspace" { (cat.t("header-workspace")) } }
                li {
                    form.account-links__sign-out method="post" action="/sign-out" {
                        input type="hidden" name="csrf" value=(v.csrf_token);
                        button.link-button type="submit" { (cat.t("header-sign-out")) }
                    }
                }
            }
        } @else {
            ul.account-links {
                li { a href="/sign-in" { (cat.t("nav-sign-in")) } }
            }
        }
    }
}

/// The address of the page asked for, in language `lang`.
fn in_language(asked: &Asked, lang: &str) -> String {
    let mut pairs: Vec<String> =
        asked.query.iter().map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v))).collect();
    pairs.push(format!("lang={}", url_encode(lang)));
    // A path such as `//elsewhere.example/` would make the link leave the site.
    let path = crate::http::session::same_site_path(&asked.path).unwrap_or("/");
    format!("{path}?{}", pairs.join("&"))
}

/// Links to this page in each language shipped, each named in its own language; nothing while one language
/// ships. `languages` are (tag, name) pairs.
pub fn language_switcher(cat: &Catalogue, languages: &[(&str, String)], asked: &Asked) -> Markup {
    html! {
        @if languages.len() > 1 {
            nav.language-switcher aria-label=(cat.t("language-switcher-label")) {
                ul {
                    @for (tag, name) in languages {
                        li {
                            @if *tag == cat.lang() {
                                span.language-switcher__current lang=(tag) aria-current="true" { (name) }
                            } @else {
                                a href=(in_language(asked, tag)) lang=(tag) hreflang=(tag) { (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The languages shipped, each named in its own language.
fn shipped_languages() -> Vec<(&'static str, String)> {
    Catalogues::languages().into_iter().map(|tag| (tag, Catalogues::language_name(tag))).collect()
}

/// Renders a whole page.
pub fn page(meta: PageMeta<'_>, content: Markup) -> Markup {
    let t = |id: &str| meta.cat.t(id);
    let site = t("site-name");
    let viewer = meta.asked.viewer.as_ref();
    let languages = language_switcher(meta.cat, &shipped_languages(), &meta.asked);
    html! {
        (DOCTYPE)
        html lang=(meta.cat.lang()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (meta.title) " – " (site) }
                @if let Some(d) = &meta.description { meta name="description" content=(d); }
                link rel="stylesheet" href=(crate::ui::assets::STYLESHEET_PATH);
                link rel="alternate" type="application/atom+xml" title=(t("feed-title")) href="/news/feed.atom";
                @if let Some((rel, kind, href)) = &meta.alternate { link rel=(rel) type=(kind) href=(href); }
            }
            body {
                a.skip-link href="#main" { (t("skip-to-content")) }
                header.site-header {
                    div.site-header__top {
                        div.container.site-header__bar {
                            p.site-header__owner { (t("site-owner")) }
                            div.site-header__tools.wide-only {
                                (languages)
                                (account_links(meta.cat, viewer))
                            }
                        }
                    }
                    div.container.site-header__main {
                        a.site-identity href="/" {
                            span.site-identity__mark aria-hidden="true" {}
                            span.site-identity__name { (site) }
                        }
                        div.wide-only { (search_form(meta.cat, "site-search-q")) }
                        details.site-menu.narrow-only {
                            summary.site-menu__toggle { (t("menu-toggle")) }
                            div.site-menu__panel {
                                nav.site-menu__nav aria-label=(t("nav-label")) { (nav_list(&meta)) }
                                (search_form(meta.cat, "site-menu-q"))
                                (account_links(meta.cat, viewer))
                                (languages)
                            }
                        }
                    }
                    nav.site-nav.wide-only aria-label=(t("nav-label")) {
                        div.container { (nav_list(&meta)) }
                    }
                }
                (crate::ui::workspace_menu::compact(meta.cat))
                main #main.container tabindex="-1" {
                    @if !meta.trail.is_empty() {
                        nav.breadcrumb aria-label=(t("breadcrumb-label")) {
                            ol {
                                @for (label, href) in &meta.trail { li { a href=(href) { (label) } } }
                                li aria-current="page" { (meta.title) }
                            }
                        }
                    }
                    (content)
                }
                (footer(meta.cat))
            }
        }
    }
}

/// The EC footer pattern: contact, about the site, and the site's legal pages, in three columns.
fn footer(cat: &Catalogue) -> Markup {
    let t = |id: &str| cat.t(id);
    html! {
        footer.site-footer {
            div.container {
                div.site-footer__columns {
                    section.site-footer__column aria-labelledby="footer-contact" {
                        h2 #footer-contact { (t("footer-contact-heading")) }
                        p { (t("footer-contact-text")) }
                        ul.site-footer__links { li { a href="/contact" { (t("footer-contact")) } } }
                    }
                    section.site-footer__column aria-labelledby="footer-about" {
                        h2 #footer-about { (t("footer-about-heading")) }
                        p { (t("footer-about")) }
                        ul.site-footer__links {
                            li { a href="/api/v1/openapi.json" { (t("footer-api")) } }
                            li { a href="/news/feed.atom" { (t("footer-feed")) } }
                            li { a href="/sitemap.xml" { (t("footer-sitemap")) } }
                        }
                    }
                    section.site-footer__column aria-labelledby="footer-legal" {
                        h2 #footer-legal { (t("footer-legal-heading")) }
                        ul.site-footer__links {
                            @for (href, label) in FURNITURE.iter().filter(|(href, _)| *href != "/contact") {
                                li { a href=(href) { (t(label)) } }
                            }
                        }
                    }
                }
                p.site-footer__small { (t("footer-synthetic-note")) }
            }
        }
    }
}

/// Paragraphs of stored text, escaped.
pub fn paragraphs(texts: &[String]) -> Markup {
    html! { @for p in texts { p { (p) } } }
}

/// A label shown on everything generated for load tests.
pub fn synthetic_badge(cat: &Catalogue) -> Markup {
    html! { strong.badge.badge--synthetic { (cat.t("synthetic-label")) } }
}

/// A value the source does not give.
pub fn unknown(cat: &Catalogue) -> Markup {
    html! { span.unknown { (cat.t("unknown")) } }
}

/// Pre-escaped HTML from the search engine (it escapes everything but its own `<mark>`).
pub fn trusted_snippet(html: &str) -> Markup {
    PreEscaped(html.to_owned())
}

/// Links to the pages of a list, keeping its other query parameters: Previous and Next, the first and the
/// last page, the current one (marked for assistive technology) and its neighbours, with an ellipsis for the
/// pages left out between them.
pub fn pagination(cat: &Catalogue, base: &str, query: &[(String, String)], page: u32, pages: u32) -> Markup {
    let link = |p: u32| {
        let mut pairs: Vec<String> = query
            .iter()
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
            .collect();
        pairs.push(format!("page={p}"));
        format!("{base}?{}", pairs.join("&"))
    };
    let prefix = cat.t("pagination-page");
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(cat.t("pagination-label")) {
                p.pagination__position { (cat.t_args("pagination-position", &[("page", page.into()), ("pages", pages.into())])) }
                ul {
                    @if page > 1 { li { a href=(link(page - 1)) rel="prev" { (cat.t("pagination-previous")) } } }
                    @for shown in page_numbers(page, pages) {
                        @match shown {
                            Some(n) if n == page => {
                                li { a.pagination__current href=(link(n)) aria-current="page" { span.visually-hidden { (prefix) " " } (n) } }
                            }
                            Some(n) => { li { a href=(link(n)) { span.visually-hidden { (prefix) " " } (n) } } }
                            None => { li.pagination__gap aria-hidden="true" { "…" } }
                        }
                    }
                    @if page < pages { li { a href=(link(page + 1)) rel="next" { (cat.t("pagination-next")) } } }
                }
            }
        }
    }
}

/// The page numbers a pagination shows, `None` for a gap: the first, the last, the current page and its
/// neighbours. A gap of a single page shows that page instead, as an ellipsis would hide no more than it.
fn page_numbers(page: u32, pages: u32) -> Vec<Option<u32>> {
    let mut wanted: Vec<u32> =
        [1, page.saturating_sub(1), page, page + 1, pages].into_iter().filter(|n| (1..=pages).contains(n)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut shown = Vec::with_capacity(wanted.len() + 2);
    let mut previous = 0;
    for n in wanted {
        match n - previous {
            1 => {}
            2 => shown.push(Some(n - 1)),
            _ => shown.push(None),
        }
        shown.push(Some(n));
        previous = n;
    }
    shown
}

/// Percent-encodes a query component.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_keep_the_ends_and_the_neighbours() {
        let shown = |page, pages| -> String {
            page_numbers(page, pages)
                .into_iter()
                .map(|n| n.map_or("…".to_owned(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 251), "1 2 … 251");
        assert_eq!(shown(5, 251), "1 … 4 5 6 … 251");
        assert_eq!(shown(3, 251), "1 2 3 4 … 251", "a gap of one page shows the page");
        assert_eq!(shown(251, 251), "1 … 250 251");
        assert_eq!(shown(2, 3), "1 2 3");
    }

    #[test]
    fn pagination_marks_the_current_page_and_keeps_the_query() {
        let cat = crate::ui::i18n::Catalogues::get(crate::ui::i18n::DEFAULT_LANG);
        let html = pagination(cat, "/projects", &[("q".into(), "a b".into()), ("page".into(), "5".into())], 5, 9)
            .into_string();
        assert!(html.contains("href=\"/projects?q=a+b&amp;page=5\" aria-current=\"page\""), "{html}");
        assert!(html.contains("rel=\"prev\"") && html.contains("rel=\"next\""), "{html}");
        assert_eq!(html.matches("aria-current").count(), 1, "{html}");
        assert!(html.contains("page=9") && html.contains("page=1\""), "{html}");
    }

    fn asked(viewer: Option<Viewer>) -> Asked {
        Asked { viewer, path: "/projects".into(), query: vec![("q".into(), "a b".into())] }
    }

    #[test]
    fn the_switcher_links_the_same_page_in_each_other_language() {
        let en = Catalogues::get("en");
        let two = [("en", "English".to_owned()), ("fr", "Français".to_owned())];
        let html = language_switcher(en, &two, &asked(None)).into_string();
        assert!(html.contains("<nav class=\"language-switcher\" aria-label=\"Language\">"), "{html}");
        assert!(
            html.contains("href=\"/projects?q=a+b&amp;lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>"),
            "{html}"
        );
        assert!(html.contains("lang=\"en\" aria-current=\"true\">English</span>"), "{html}");
        assert!(!html.contains("lang=en"), "the current language is not a link: {html}");
        // A path that a browser would read as another host is not linked to.
        let elsewhere = Asked { viewer: None, path: "//elsewhere.example/".into(), query: Vec::new() };
        let html = language_switcher(en, &two, &elsewhere).into_string();
        assert!(html.contains("href=\"/?lang=fr\"") && !html.contains("elsewhere"), "{html}");
        let one = [("en", "English".to_owned())];
        assert_eq!(language_switcher(en, &one, &asked(None)).into_string(), "", "no switcher for one language");
    }

    #[test]
    fn the_header_shows_the_viewer_it_is_given_and_sign_in_otherwise() {
        let en = Catalogues::get("en");
        let public = page(PageMeta::new(en, Section::Home, "Home"), html! {}).into_string();
        assert!(public.contains("href=\"/sign-in\"") && !public.contains("/sign-out"));
        let viewer = Viewer {
            email: "someone@example.eu".into(),
            csrf_token: "c5rf".into(),
            role: rapporteur_core::accounts::Role::Editor,
        };
        let signed = ASKED
            .sync_scope(asked(Some(viewer)), || page(PageMeta::new(en, Section::Home, "Home"), html! {}).into_string());
        assert!(signed.contains("someone@example.eu") && signed.contains("href=\"/workspace\""), "{signed}");
        assert!(signed.contains("name=\"csrf\" value=\"c5rf\"") && !signed.contains("href=\"/sign-in\""));
    }
}
