//! Issue 12: the portal as its users expect it (portal_shell): the site's own pages, the footer that links
//! them from every page, the header of a signed-in viewer (never kept for anybody else), and languages.

use crate::{send, Person, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use rapporteur_core::accounts::Role;
use tower::ServiceExt;

/// The site's own pages, each with a phrase of its heading.
const FURNITURE: &[(&str, &str)] = &[
    ("/legal-notice", "<h1>Legal notice</h1>"),
    ("/privacy", "<h1>Privacy statement</h1>"),
    ("/accessibility", "<h1>Accessibility statement</h1>"),
    ("/cookies", "<h1>Cookies</h1>"),
    ("/contact", "<h1>Contact</h1>"),
];

/// The first page the sitemap lists under `prefix` (a project, a call, a news item …).
async fn first_under(app: &TestApp, prefix: &str) -> String {
    let urls = app.sitemap_urls().await;
    let url = urls
        .iter()
        .find(|u| {
            u.strip_prefix("https://portal.test").is_some_and(|p| p.starts_with(prefix) && p.len() > prefix.len())
        })
        .unwrap_or_else(|| panic!("the sitemap lists no page under {prefix}"));
    url.strip_prefix("https://portal.test").unwrap().to_owned()
}

async fn get_with(app: &TestApp, uri: &str, headers: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = app.router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), 10_000_000).await.unwrap();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The footer of a page, from its `<footer` on.
fn footer(body: &str) -> &str {
    &body[body.find("<footer").expect("a footer")..]
}

#[tokio::test]
async fn the_sites_own_pages_answer_and_are_in_the_sitemap() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let urls = app.sitemap_urls().await;
    for (path, heading) in FURNITURE {
        let page = app.get_ok(path).await;
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert!(page.body.contains(heading), "{path} lacks {heading}");
        assert!(page.body.contains("<html lang=\"en\">"), "{path}");
        assert!(urls.contains(&format!("https://portal.test{path}")), "the sitemap lacks {path}");
    }
}

#[tokio::test]
async fn every_kind_of_page_links_the_sites_own_pages_from_its_footer() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let mut pages: Vec<String> = [
        "/",
        "/projects",
        "/calls",
        "/news",
        "/network",
        "/member-states",
        "/member-states/de",
        "/statistics",
        "/legislation",
        "/search?q=trafficking",
        "/sign-in",
        "/privacy",
    ]
    .map(String::from)
    .to_vec();
    for prefix in ["/projects/", "/calls/", "/news/", "/legislation/"] {
        pages.push(first_under(&app, prefix).await);
    }
    for path in &pages {
        let page = app.get_ok(path).await;
        let footer = footer(&page.body);
        for (href, _) in FURNITURE {
            assert!(footer.contains(&format!("href=\"{href}\"")), "the footer of {path} lacks {href}");
        }
        for heading in ["Contact", "About this site", "Legal"] {
            assert!(footer.contains(&format!(">{heading}</h2>")), "the footer of {path} lacks the column {heading}");
        }
        assert!(page.body.contains("href=\"/sign-in\""), "{path}: the public is offered to sign in");
        assert!(page.body.contains("<details class=\"site-menu"), "{path}: the menu for narrow screens");
    }
    // The error pages too.
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(footer(&missing.body).contains("href=\"/privacy\""), "{}", missing.body);
}

#[tokio::test]
async fn the_privacy_statement_says_what_the_code_keeps_and_for_how_long() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let body = app.get_ok("/privacy").await.body;
    for fact in [
        // An application's fields (core::platform::ApplicationDocument).
        "name, the Member State of its legal seat, the contact e-mail address, the motivation",
        "contact e-mail address",
        "motivation",
        "The portal deletes nothing of an application",
        // Accounts, sessions, tokens, the audit log, sign-in attempts.
        "argon2id",
        "the password itself is never stored",
        "A session ends after 12 hours",
        "a hash of each token",
        "append-only",
        "windows of 15 minutes",
        "Deleted one day after its counting window opened",
        // Whom to ask.
        "href=\"/contact\"",
        "https://eur-lex.europa.eu/eli/reg/2018/1725/oj",
    ] {
        assert!(body.contains(fact), "the privacy statement lacks {fact:?}");
    }
}

#[tokio::test]
async fn the_cookies_page_names_the_two_cookies_the_portal_sets() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let body = app.get_ok("/cookies").await.body;
    assert!(body.contains("<code>rapporteur_session</code>") && body.contains("<code>rapporteur_csrf</code>"));
    assert!(body.contains("12 hours"), "the session's lifetime from the code");
    assert!(body.contains("no analytics"));
    // Reading public pages sets no cookie at all.
    for path in ["/", "/cookies", "/projects"] {
        assert!(app.get_ok(path).await.headers.get("set-cookie").is_none(), "{path} sets a cookie");
    }
}

#[tokio::test]
async fn a_signed_in_viewer_sees_their_account_and_sign_out_and_nobody_else_does() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = Person::sign_up(&app, &["editor"], |_| Role::Editor, 1).await;
    let editor = &people["editor"];
    // An anonymous visit first, so that the home page is kept in the page cache.
    let before = app.get_ok("/").await;
    assert!(!before.body.contains("editor@example.eu"));
    for path in ["/", "/projects", "/privacy", "/no-such-page"] {
        let page = send(&app, "GET", path, &[("rapporteur_session", &editor.session)], None).await;
        assert!(page.body.contains("editor@example.eu"), "{path}: the account link");
        assert!(page.body.contains("href=\"/account\""), "{path}");
        assert!(page.body.contains("href=\"/workspace\""), "{path}");
        assert!(page.body.contains("action=\"/sign-out\""), "{path}: signing out is a POST form");
        assert!(page.body.contains(&format!("name=\"csrf\" value=\"{}\"", editor.csrf)), "{path}: with its CSRF token");
        assert!(!page.body.contains("href=\"/sign-in\""), "{path}: no Sign in for the signed in");
        assert_eq!(
            page.headers.get("cache-control").unwrap(),
            "no-store",
            "{path}: a signed-in page is kept by nobody"
        );
    }
    // Anonymous requests afterwards, from memory or rendered again, show nobody's account.
    for path in ["/", "/projects", "/privacy"] {
        let after = app.get_ok(path).await;
        assert!(!after.body.contains("editor@example.eu"), "{path} shows the editor's account to the public");
        assert!(!after.body.contains("action=\"/sign-out\""), "{path}");
        assert!(after.body.contains("href=\"/sign-in\""), "{path}");
    }
    // A session that is not (or no longer) known is nobody.
    let stale = send(&app, "GET", "/", &[("rapporteur_session", "0123abcd")], None).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert!(stale.body.contains("href=\"/sign-in\"") && !stale.body.contains("action=\"/sign-out\""));
    // The header's form signs out.
    let out = send(
        &app,
        "POST",
        "/sign-out",
        &[("rapporteur_session", &editor.session)],
        Some(&format!("csrf={}", editor.csrf)),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let gone = send(&app, "GET", "/", &[("rapporteur_session", &editor.session)], None).await;
    assert!(!gone.body.contains("editor@example.eu") && gone.body.contains("href=\"/sign-in\""));
}

#[tokio::test]
async fn the_language_is_negotiated_and_the_switcher_waits_for_a_second_language() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    // French does not ship: English, and the answer says it depends on Accept-Language.
    let (status, headers, body) = get_with(&app, "/", &[("accept-language", "fr-BE, fr;q=0.9")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"en\">"));
    let vary = headers.get("vary").expect("a Vary header").to_str().unwrap();
    assert!(vary.contains("accept-language"), "{vary}");
    // One language ships: no switcher.
    assert!(!body.contains("language-switcher"), "a language switcher with one language");
    // `?lang=` names a language shipped or is ignored, never refused.
    for uri in ["/?lang=en", "/projects?lang=xx", "/?lang="] {
        let (status, _, body) = get_with(&app, uri, &[("accept-language", "de")]).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("<html lang=\"en\">"), "{uri}");
    }
}

#[tokio::test]
async fn the_operators_address_is_shown_only_when_the_installation_gives_one() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let contact = app.get_ok("/contact").await.body;
    assert!(contact.contains("This installation gives no contact address") && !contact.contains("mailto:"));
    // Another installation (its own page cache), given the operator's address at start.
    let other = TestApp::at(AFTER_ALL_DEADLINES).await;
    let email = rapporteur_core::accounts::Email::parse("portal@example.eu").unwrap();
    let router = rapporteur_web::router(other.state.clone().with_contact_email(Some(email)));
    for path in ["/contact", "/privacy", "/accessibility"] {
        let response = router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let body = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("<a href=\"mailto:portal@example.eu\">portal@example.eu</a>"), "{path}: {body}");
    }
}
