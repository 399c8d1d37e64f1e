//! The search index follows the store: after writers at once, and across servers on one store.

use crate::{at_once, no_server_errors, Req, Site, CALL_OPEN};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::Role;
use rapporteur_core::editing::ContentKind;
use rapporteur_store::ContentEditing;
use serde_json::json;
use std::time::Duration;

async fn found(router: &axum::Router, words: &str) -> u64 {
    let reply = crate::send_to(router, Req::get(&format!("/api/v1/search?q={words}"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["total"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_withdrawn_project_is_never_found_after_writers_at_once() {
    for site in Site::each(CALL_OPEN).await {
        let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
        // On PostgreSQL, a transaction that stays open throughout (a long report, a backup): the change log's
        // settled point cannot pass it, yet every writer must find its own change in the search at once.
        let mut long_running = match site.backend {
            "PostgreSQL" => {
                let mut tx = site.store.pool().begin().await.unwrap();
                sqlx::query("UPDATE agencies SET name = name WHERE slug = 'europol'").execute(&mut *tx).await.unwrap();
                Some(tx)
            }
            _ => None,
        };
        let rounds = 100;
        let mut wrong = 0;
        for round in 0..rounds {
            // Two editors at once: the second action decides what the store keeps.
            let requests = vec![
                Req::new(Method::POST, "/api/v1/projects/anticorrp/unpublish").by(&editor),
                Req::new(Method::POST, "/api/v1/projects/anticorrp/publish").by(&editor),
                Req::new(Method::POST, "/api/v1/projects/anticorrp/unpublish").by(&editor),
            ];
            let replies = at_once(&site.router, requests, 3).await;
            no_server_errors("publishing and withdrawing at once", site.backend, &replies);
            let slug = rapporteur_core::Slug::parse("anticorrp").unwrap();
            let stored = site.store.find_item_for_editing(ContentKind::Project, &slug).await.unwrap().unwrap();
            let published = stored.published();
            let in_search = found(&site.router, "anticorrp").await > 0;
            if in_search != published {
                wrong += 1;
                eprintln!("{}: round {round}: published {published}, found {in_search}", site.backend);
            }
        }
        if let Some(tx) = long_running.take() {
            tx.rollback().await.unwrap();
        }
        assert_eq!(wrong, 0, "{}: the search disagreed with the store in {wrong} of {rounds} rounds", site.backend);
        println!(
            "{}: {rounds} rounds of three writers publishing and withdrawing: search and store agreed",
            site.backend
        );
        site.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_server_sees_what_the_first_changed_within_a_second() {
    for site in Site::each(CALL_OPEN).await {
        let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
        let (other, other_state) = site.second_server().await;
        let watcher = other_state.freshness.clone().watch();
        assert_eq!(found(&other, "kaleidoscopic").await, 0);
        let mut project = site.send(Req::get("/api/v1/projects/anticorrp").by(&editor)).await.json();
        project["title"] = json!("Anticorruption, kaleidoscopic");
        let saved = site.send(Req::json(Method::PUT, "/api/v1/projects/anticorrp", &project).by(&editor)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let started = std::time::Instant::now();
        let mut seen = false;
        while started.elapsed() < Duration::from_secs(5) {
            if found(&other, "kaleidoscopic").await == 1
                && crate::send_to(&other, Req::get("/projects/anticorrp")).await.body.contains("kaleidoscopic")
            {
                seen = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let took = started.elapsed();
        assert!(seen, "{}: the second server never saw the change", site.backend);
        println!("{}: a second server's search and pages showed the first's change after {took:?}", site.backend);
        watcher.abort();
        site.finish().await;
    }
}
