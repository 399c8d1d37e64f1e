//! Pages served from memory without losing a fresh write: validators, cache headers, changes made by this
//! server or another process, and pages that depend on the time.

use crate::editing::{call, tokens};
use crate::{encode, send, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use rapporteur_core::editing::ContentKind;
use rapporteur_core::{Slug, SystemClock};
use rapporteur_store::{synthetic_project, Actor, ContentEditing, ContentRepository, SqlStore};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// Asks until `check` holds, for at most ten seconds; says whether it did.
async fn eventually<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn public_pages_carry_validators_and_answer_304() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for uri in
        ["/", "/projects", "/projects/anticorrp", "/api/v1/projects/anticorrp", "/sitemap.xml", "/news/feed.atom"]
    {
        let first = app.get_ok(uri).await;
        let etag = first.headers.get("etag").unwrap_or_else(|| panic!("{uri} has an ETag")).clone();
        assert!(first.headers.contains_key("last-modified"), "{uri}");
        let control = first.headers["cache-control"].to_str().unwrap();
        assert!(control.starts_with("public") && control.contains("s-maxage="), "{uri}: {control}");
        let again = app.get_ok(uri).await;
        assert_eq!(again.body, first.body, "{uri}: the same page from memory");
        assert_eq!(again.headers["etag"], etag);
        assert!(again.headers.contains_key("content-security-policy"), "{uri}: the security headers too");
        let request = Request::get(uri).header("if-none-match", etag.clone()).body(Body::empty()).unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(response.headers()["etag"], etag);
        let body = axum::body::to_bytes(response.into_body(), 1_000).await.unwrap();
        assert!(body.is_empty(), "{uri}: a 304 has no body");
    }
    assert_eq!(app.get("/healthz").await.headers["cache-control"], "no-store", "health is never kept");
    assert_eq!(app.get("/projects/no-such-project").await.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn signed_in_pages_are_never_kept() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    let request = Request::get("/projects/anticorrp")
        .header("authorization", format!("Bearer {editor}"))
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(!response.headers().contains_key("etag"));
    let body = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("/workspace/projects/anticorrp/edit"), "the editor's own page");
    assert!(!app.get_ok("/projects/anticorrp").await.body.contains("/workspace/projects/anticorrp/edit"));
    let sign_in = send(&app, "GET", "/sign-in", &[], None).await;
    assert_eq!(sign_in.headers["cache-control"], "no-store", "a page that sets a cookie is not kept");
}

#[tokio::test]
async fn a_writer_reads_its_change_back_at_once() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    let before = app.get_ok("/projects/anticorrp").await;
    let list = app.get_ok("/projects").await;
    let (_, mut document) = call(&app, Method::GET, "/api/v1/projects/anticorrp", Some(&editor), None).await;
    document["title"] = json!("Anticorruption, a fresh title");
    let (status, _) = call(&app, Method::PUT, "/api/v1/projects/anticorrp", Some(&editor), Some(&document)).await;
    assert_eq!(status, StatusCode::OK);
    let after = app.get_ok("/projects/anticorrp").await;
    assert!(after.body.contains("Anticorruption, a fresh title"), "the kept page was retired");
    assert_ne!(after.headers["etag"], before.headers["etag"]);
    assert!(app.get_ok("/projects").await.body.contains("Anticorruption, a fresh title"));
    assert_ne!(app.get_ok("/projects").await.headers["etag"], list.headers["etag"]);
    assert_eq!(app.get_ok("/api/v1/search?q=fresh").await.json()["total"], 1, "and the search index");
}

#[tokio::test]
async fn another_process_s_changes_reach_pages_and_search_without_a_restart() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let watcher = app.state.freshness.clone().watch();
    assert_eq!(app.get("/projects/synthetic-1").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get_ok("/api/v1/search?q=SYN1").await.json()["total"], 0);
    // The command line adding projects is another process with its own connection to the same file.
    let other = SqlStore::open(&app.location(), Arc::new(SystemClock)).await.unwrap();
    other.insert_projects(&[synthetic_project(1), synthetic_project(2)]).await.unwrap();
    assert!(eventually(|| async { app.get("/projects/synthetic-1").await.status == StatusCode::OK }).await);
    assert!(eventually(|| async { app.get_ok("/api/v1/search?q=SYN1").await.json()["total"] == 1 }).await);
    let projects = app.get_ok("/api/v1/projects").await.json();
    assert_eq!(projects["total"], 8, "the list and its count too");
    let slug = Slug::parse("synthetic-1").unwrap();
    other.set_item_published(&Actor::Cli, ContentKind::Project, &slug, false).await.unwrap();
    assert!(eventually(|| async { app.get("/projects/synthetic-1").await.status == StatusCode::NOT_FOUND }).await);
    assert!(eventually(|| async { app.get_ok("/api/v1/search?q=SYN1").await.json()["total"] == 0 }).await);
    watcher.abort();
}

#[tokio::test]
async fn a_countdown_is_not_kept_past_its_hour() {
    let app = TestApp::at("2019-01-29T10:30:00Z").await;
    let page = "/calls/amif-2018-support-to-victims";
    // It closes at the end of 31 January in Brussels, 22:59:59 UTC: 2 days, 12 hours and 29 minutes left.
    assert!(app.get_ok(page).await.body.contains("Closes in 2 days and 12 hours"));
    assert!(app.get_ok("/").await.body.contains("Support to victims"), "an open call on the home page");
    app.clock.advance(chrono::Duration::minutes(29));
    assert!(app.get_ok(page).await.body.contains("Closes in 2 days and 12 hours"), "the same hour");
    app.clock.advance(chrono::Duration::minutes(1));
    assert!(app.get_ok(page).await.body.contains("Closes in 2 days and 11 hours"), "the next hour, not the kept page");
    app.clock.advance(chrono::Duration::days(3));
    assert!(app.get_ok(page).await.body.contains("Closed"));
    assert!(!app.get_ok("/").await.body.contains("Support to victims"), "closed calls leave the home page");
    assert!(app.get_ok("/api/v1/calls?status=open").await.json()["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_feed_the_sitemap_and_the_search_hold_all_the_news() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let bundle = rapporteur_core::Bundle::embedded().unwrap();
        for i in 0..150 {
            let mut item = bundle.news[0].clone();
            item.slug = Slug::parse(&format!("bulletin-{i}")).unwrap();
            item.title = format!("Bulletin number {i}");
            item.date = rapporteur_core::PartialDate::parse("2010-01-01").unwrap();
            store.create_item(&Actor::Cli, &item.into()).await.unwrap();
        }
    })
    .await;
    let feed = app.get_ok("/news/feed.atom").await.body;
    assert_eq!(feed.matches("<entry>").count(), 153, "every published item");
    assert!(app.sitemap_urls().await.iter().any(|u| u.ends_with("/news/bulletin-149")));
    assert_eq!(app.get_ok("/api/v1/search?q=bulletin&kind=news").await.json()["total"], 150);
}

#[tokio::test]
async fn a_head_request_never_empties_the_page_it_asks_about() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for uri in ["/", "/projects/anticorrp", "/api/v1/projects/anticorrp"] {
        for round in ["not kept yet", "kept"] {
            let response = app.router.clone().oneshot(Request::head(uri).body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{uri}, {round}");
            assert!(response.headers().contains_key("etag"), "{uri}, {round}: HEAD has the page's headers");
            let body = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
            assert!(body.is_empty(), "{uri}, {round}: HEAD has no body");
            let page = app.get_ok(uri).await;
            assert!(page.body.len() > 500, "{uri}, {round}: GET after HEAD has the whole page");
            if let Some(length) = page.headers.get("content-length") {
                assert_eq!(length.to_str().unwrap(), page.body.len().to_string(), "{uri}, {round}");
            }
        }
    }
    let missing = app.router.clone().oneshot(Request::head("/projects/none").body(Body::empty()).unwrap()).await;
    let missing = missing.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(axum::body::to_bytes(missing.into_body(), 1_000_000).await.unwrap().is_empty());
}

#[tokio::test]
async fn kept_pages_say_what_they_vary_with() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/projects").await;
    let vary = page.headers["vary"].to_str().unwrap().to_ascii_lowercase();
    for header in ["accept-language", "cookie", "authorization"] {
        assert!(vary.contains(header), "{vary}");
    }
}

#[tokio::test]
async fn an_application_or_a_forged_session_leaves_the_kept_pages() {
    let app = TestApp::at("2018-04-20T10:00:00Z").await;
    let form = send(&app, "GET", "/calls/csp-2018-expression-of-interest/apply", &[], None).await;
    let (cookie, csrf) = (form.cookie_value("rapporteur_csrf").unwrap(), form.hidden_csrf());
    app.get_ok("/").await;
    app.get_ok("/projects").await;
    let kept = app.state.pages.len();
    assert!(kept >= 2);
    let fields = encode(&[
        ("csrf", csrf.as_str()),
        ("organisation_name", "Malta Shelter Association"),
        ("member_state", "MT"),
        ("contact_email", "office@shelter.mt"),
        ("motivation", "We shelter victims of trafficking."),
    ]);
    let cookies = [("rapporteur_csrf", cookie.as_str()), ("rapporteur_session", "forged")];
    let received = send(&app, "POST", "/calls/csp-2018-expression-of-interest/apply", &cookies, Some(&fields)).await;
    assert_eq!(received.status, StatusCode::CREATED, "{}", received.body);
    assert_eq!(app.state.pages.len(), kept, "no page was retired");
}
