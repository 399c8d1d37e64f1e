//! A flood of anonymous applications: limited per address, with 429 and `Retry-After`; the public pages
//! keep answering, and the lists that grow are read a page at a time.

use crate::{at_once, client, no_server_errors, tally, Req, Site, CALL_OPEN};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::Role;
use serde_json::json;

fn application(n: usize) -> serde_json::Value {
    json!({
        "organisation_name": format!("Flood {n}"),
        "member_state": "MT",
        "contact_email": format!("flood{n}@example.org"),
        "motivation": "Flood.",
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_applications_is_limited_and_slows_nothing_else() {
    for site in Site::each(CALL_OPEN).await {
        let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
        let flooder = client(99);
        let flood: Vec<Req> = (0..200)
            .map(|n| {
                Req::json(Method::POST, "/api/v1/calls/csp-2018-expression-of-interest/applications", &application(n))
                    .from(flooder)
            })
            .collect();
        let router = site.router.clone();
        let flooding = tokio::spawn(async move { at_once(&router, flood, 16).await });
        // Meanwhile the public reads the portal.
        let started = std::time::Instant::now();
        for uri in ["/", "/calls/csp-2018-expression-of-interest", "/projects", "/api/v1/projects?per_page=5"] {
            let page = site.send(Req::get(uri).from(client(5))).await;
            assert_eq!(page.status, StatusCode::OK, "{}: {uri} during the flood", site.backend);
        }
        let reading = started.elapsed();
        let replies = flooding.await.unwrap();
        no_server_errors("a flood of applications", site.backend, &replies);
        let stored = replies.iter().filter(|r| r.status == StatusCode::CREATED).count();
        let refused: Vec<_> = replies.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).collect();
        assert_eq!(stored + refused.len(), 200, "{}: {:?}", site.backend, tally(&replies));
        assert!(stored <= 10, "{}: at most 10 applications an hour from one address: {stored}", site.backend);
        let retry: u64 = refused[0].headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(retry > 0 && retry <= 3600, "{retry}");
        assert!(refused[0].body.contains("errors"), "{}: the one JSON error body: {}", site.backend, refused[0].body);
        let other = site
            .send(
                Req::json(
                    Method::POST,
                    "/api/v1/calls/csp-2018-expression-of-interest/applications",
                    &application(999),
                )
                .from(client(98)),
            )
            .await;
        assert_eq!(other.status, StatusCode::CREATED, "{}: another address applies as before", site.backend);
        println!(
            "{}: 200 applications at once from one address: {stored} stored, {} refused with 429; four public pages read meanwhile in {reading:?}",
            site.backend,
            refused.len()
        );

        // The form is limited the same way.
        let form = site.send(Req::get("/calls/csp-2018-expression-of-interest/apply").from(flooder)).await;
        let csrf_cookie = form.headers.get_all("set-cookie").iter().find_map(|v| {
            v.to_str().unwrap().strip_prefix("rapporteur_csrf=").map(|v| v.split(';').next().unwrap().to_owned())
        });
        let csrf = csrf_cookie.expect("the form sets its CSRF cookie");
        let by_form = site
            .send(
                Req::form(
                    "/calls/csp-2018-expression-of-interest/apply",
                    &[
                        ("csrf", csrf.as_str()),
                        ("organisation_name", "Flood by form"),
                        ("member_state", "MT"),
                        ("contact_email", "form@example.org"),
                        ("motivation", "Flood."),
                    ],
                )
                .header("cookie", &format!("rapporteur_csrf={csrf}"))
                .from(flooder),
            )
            .await;
        assert_eq!(by_form.status, StatusCode::TOO_MANY_REQUESTS, "{}: {}", site.backend, by_form.body);
        assert!(by_form.headers.contains_key("retry-after"));

        // The lists that grow come a page at a time.
        for n in 0..30u8 {
            let sent = site
                .send(
                    Req::json(
                        Method::POST,
                        "/api/v1/calls/csp-2018-expression-of-interest/applications",
                        &application(1000 + n as usize),
                    )
                    .from(client(n + 120)),
                )
                .await;
            assert_eq!(sent.status, StatusCode::CREATED);
        }
        let list = site.send(Req::get("/api/v1/civil-society/applications?per_page=10").by(&editor)).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let list = list.json();
        assert_eq!(list["items"].as_array().unwrap().len(), 10);
        assert!(list["total"].as_u64().unwrap() >= 40, "{list}");
        let page = site.send(Req::get("/workspace/platform?page=2").in_browser_of(&editor)).await;
        assert_eq!(page.status, StatusCode::OK);
        let cards = page.body.matches("class=\"card\"").count();
        assert!(cards > 0 && cards <= 20, "{}: the review page shows one page of applications: {cards}", site.backend);
        let project = site.send(Req::get("/api/v1/projects/anticorrp").by(&editor)).await.json();
        for _ in 0..2 {
            let saved = site.send(Req::json(Method::PUT, "/api/v1/projects/anticorrp", &project).by(&editor)).await;
            assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        }
        for uri in ["/api/v1/accounts?per_page=1", "/api/v1/projects/anticorrp/revisions?per_page=1"] {
            let admin = site.account(&format!("admin{}@ec.europa.eu", uri.len()), Role::Admin).await;
            let list = site.send(Req::get(uri).by(&admin)).await;
            assert_eq!(list.status, StatusCode::OK, "{uri}: {}", list.body);
            let list = list.json();
            assert_eq!(list["items"].as_array().unwrap().len(), 1, "{uri}");
            assert!(list["total"].as_u64().unwrap() >= 2, "{uri}: {list}");
        }
        site.finish().await;
    }
}
