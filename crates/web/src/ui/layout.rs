//! The page shell every HTML page shares: skip link, header with navigation and search, main, footer.

use crate::ui::i18n::Catalogue;
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
}

impl<'a> PageMeta<'a> {
    pub fn new(cat: &'a Catalogue, section: Section, title: impl Into<String>) -> Self {
        PageMeta { title: title.into(), description: None, section, trail: Vec::new(), cat, alternate: None }
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

/// Renders a whole page.
pub fn page(meta: PageMeta<'_>, content: Markup) -> Markup {
    let t = |id: &str| meta.cat.t(id);
    let site = t("site-name");
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
                        div.container {
                            p.site-header__owner { (t("site-owner")) }
                        }
                    }
                    div.container.site-header__main {
                        a.site-header__name href="/" { (site) }
                        form.site-search role="search" action="/search" method="get" {
                            label for="site-search-q" { (t("search-label")) }
                            input #site-search-q type="search" name="q" maxlength="200";
                            button type="submit" { (t("search-button")) }
                        }
                    }
                    nav.site-nav aria-label=(t("nav-label")) {
                        ul.container {
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
                footer.site-footer {
                    div.container {
                        p { (t("footer-about")) }
                        ul.site-footer__links {
                            li { a href="/api/v1/openapi.json" { (t("footer-api")) } }
                            li { a href="/news/feed.atom" { (t("footer-feed")) } }
                            li { a href="/sitemap.xml" { (t("footer-sitemap")) } }
                            li { a href="/sign-in" { (t("nav-sign-in")) } }
                        }
                        p.site-footer__small { (t("footer-synthetic-note")) }
                    }
                }
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
}
