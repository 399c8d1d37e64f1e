//! Writers at once: no 5xx, no lost object, every success audited, and no decision taken twice.

use crate::{at_once, client, no_server_errors, tally, Req, Site, CALL_OPEN};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::{Email, Role};
use rapporteur_core::{MemberState, Paging};
use rapporteur_store::{AccountRepository, AuditFilter};
use serde_json::json;

const WRITERS: usize = 8;

async fn audit_total(site: &Site) -> u64 {
    site.store.list_audit(&AuditFilter::default(), Paging::first(1)).await.unwrap().total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_application_is_decided_once() {
    for site in Site::each(CALL_OPEN).await {
        let first = site.account("first@ec.europa.eu", Role::Editor).await;
        let second = site.account("second@ec.europa.eu", Role::Editor).await;
        let trials = 30u8;
        let mut outcomes = Vec::new();
        for n in 0..trials {
            let contact = format!("office{n}@shelter.mt");
            let application = json!({
                "organisation_name": format!("Malta Shelter {n}"),
                "member_state": "MT",
                "contact_email": contact,
                "motivation": "We shelter victims of trafficking.",
            });
            let sent = site
                .send(
                    Req::json(Method::POST, "/api/v1/calls/csp-2018-expression-of-interest/applications", &application)
                        .from(client(n + 1)),
                )
                .await;
            assert_eq!(sent.status, StatusCode::CREATED, "{}: {}", site.backend, sent.body);
            let id = sent.json()["id"].as_i64().unwrap();
            let replies = at_once(
                &site.router,
                vec![
                    Req::new(Method::POST, &format!("/api/v1/civil-society/applications/{id}/accept")).by(&first),
                    Req::new(Method::POST, &format!("/api/v1/civil-society/applications/{id}/reject")).by(&second),
                ],
                2,
            )
            .await;
            no_server_errors("deciding one application twice at once", site.backend, &replies);
            let statuses = [replies[0].status, replies[1].status];
            let won: Vec<usize> = (0..2).filter(|&i| statuses[i] == StatusCode::OK).collect();
            assert_eq!(won.len(), 1, "{}: trial {n}: exactly one decision is taken: {statuses:?}", site.backend);
            let lost = &replies[1 - won[0]];
            assert_eq!(lost.status, StatusCode::CONFLICT, "{}: {}", site.backend, lost.body);
            assert!(lost.body.contains("already"), "{}: the refusal says why: {}", site.backend, lost.body);
            let accepted = won[0] == 0;
            let stored = replies[won[0]].json()["status"].as_str().unwrap().to_owned();
            assert_eq!(stored, if accepted { "accepted" } else { "rejected" });
            let account = site.store.find_account_by_email(&Email::parse(&contact).unwrap()).await.unwrap();
            assert_eq!(account.is_some(), accepted, "{}: a cso account exactly when accepted", site.backend);
            outcomes.push(accepted);
        }
        println!(
            "{}: {trials} applications decided twice at once: {} accepted, {} rejected, every second decision refused",
            site.backend,
            outcomes.iter().filter(|a| **a).count(),
            outcomes.iter().filter(|a| !**a).count()
        );
        assert_eq!(site.audited("application", "accept").await + site.audited("application", "reject").await, 30);
        site.finish().await;
    }
}

/// Runs `requests` by [`WRITERS`] at once and checks: no 5xx, nothing answered "not found", and one audit
/// entry for every success.
async fn writers_at_once(site: &Site, what: &str, requests: Vec<Req>) {
    let before = audit_total(site).await;
    let replies = at_once(&site.router, requests, WRITERS).await;
    no_server_errors(what, site.backend, &replies);
    let ok = replies.iter().filter(|r| r.status.is_success() || r.status.is_redirection()).count() as u64;
    assert!(
        !replies.iter().any(|r| r.status == StatusCode::NOT_FOUND),
        "{what} on {}: an object was lost: {:?}",
        site.backend,
        tally(&replies)
    );
    assert_eq!(ok, replies.len() as u64, "{what} on {}: {:?}: {}", site.backend, tally(&replies), replies[0].body);
    assert_eq!(audit_total(site).await - before, ok, "{what} on {}: every success audited once", site.backend);
    println!("{}: {what}: {} writes by {WRITERS} writers at once: {:?}", site.backend, replies.len(), tally(&replies));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_at_once_on_every_kind_of_change() {
    for site in Site::each(CALL_OPEN).await {
        let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
        let rapporteur =
            site.account("nrem@bund.de", Role::Rapporteur { member_state: MemberState::parse("DE").unwrap() }).await;
        let n = 40;

        let pages = (0..n)
            .map(|i| {
                let page = json!({ "nrem": "Federal Criminal Police Office", "summary": [format!("Revision {i}.")] });
                Req::json(Method::PUT, "/api/v1/member-states/DE", &page).by(if i % 2 == 0 {
                    &editor
                } else {
                    &rapporteur
                })
            })
            .collect();
        writers_at_once(&site, "one Member State page (API)", pages).await;

        let forms = (0..n / 2)
            .map(|i| {
                let summary = format!("Form revision {i}.");
                Req::form(
                    "/workspace/member-states/DE/edit",
                    &[
                        ("csrf", rapporteur.csrf.as_str()),
                        ("nrem", "BKA"),
                        ("summary", summary.as_str()),
                        ("action", "save"),
                    ],
                )
                .in_browser_of(&rapporteur)
            })
            .collect();
        writers_at_once(&site, "one Member State page (form)", forms).await;

        let meeting = |i: usize| {
            json!({
                "slug": "nrem-2027-h1", "title": "Meeting of the EU Network of NREMs", "date": "2027-03-10",
                "presidency": "MT", "agenda": ["Data collection"], "minutes": [format!("Minutes, draft {i}.")],
            })
        };
        let created = site.send(Req::json(Method::PUT, "/api/v1/meetings/nrem-2027-h1", &meeting(0)).by(&editor)).await;
        assert!(created.status.is_success(), "{}: {}", site.backend, created.body);
        let meetings =
            (1..=n).map(|i| Req::json(Method::PUT, "/api/v1/meetings/nrem-2027-h1", &meeting(i)).by(&editor)).collect();
        writers_at_once(&site, "one meeting", meetings).await;

        let attendance = (0..n)
            .map(|i| {
                let code = ["DE", "FR", "IT", "MT"][i % 4];
                let who = if code == "DE" { &rapporteur } else { &editor };
                Req::json(
                    Method::PUT,
                    &format!("/api/v1/meetings/nrem-2027-h1/attendance/{code}"),
                    &json!({ "present": i % 3 != 0 }),
                )
                .by(who)
            })
            .collect();
        writers_at_once(&site, "attendance at one meeting", attendance).await;

        let progress = (0..n)
            .map(|i| {
                let report =
                    json!({ "date": "2018-10-01", "text": format!("Step {i} taken."), "status": "in_progress" });
                Req::json(Method::POST, "/api/v1/commitments/js2018-working-together/progress", &report).by(&editor)
            })
            .collect();
        writers_at_once(&site, "progress on one commitment", progress).await;

        let document = site.send(Req::get("/api/v1/projects/anticorrp").by(&editor)).await.json();
        let edits = (0..n)
            .map(|i| {
                let mut changed = document.clone();
                changed["title"] = json!(format!("Anticorruption, edit {i}"));
                Req::json(Method::PUT, "/api/v1/projects/anticorrp", &changed).by(&editor)
            })
            .collect();
        writers_at_once(&site, "one project", edits).await;
        let flips = (0..n)
            .map(|i| {
                let action = if i % 2 == 0 { "unpublish" } else { "publish" };
                Req::new(Method::POST, &format!("/api/v1/projects/anticorrp/{action}")).by(&editor)
            })
            .collect();
        writers_at_once(&site, "publishing and withdrawing one project", flips).await;
        site.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_sqlite_file() {
    let site = Site::sqlite(CALL_OPEN).await;
    let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
    let (other, _state) = site.second_server().await;
    let before = audit_total(&site).await;
    let requests: Vec<(bool, Req)> = (0..80)
        .map(|i| {
            let code = ["DE", "FR", "IT", "MT"][i % 4];
            let page = json!({ "summary": [format!("Written by server {} in turn {i}.", i % 2)] });
            (i % 2 == 0, Req::json(Method::PUT, &format!("/api/v1/member-states/{code}"), &page).by(&editor))
        })
        .collect();
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(WRITERS * 2));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(first, r)| {
            let router = if first { site.router.clone() } else { other.clone() };
            let gate = gate.clone();
            tokio::spawn(async move {
                let _turn = gate.acquire().await.unwrap();
                crate::send_to(&router, r).await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.unwrap());
    }
    no_server_errors("two servers writing to one SQLite file", site.backend, &replies);
    assert!(replies.iter().all(|r| r.status == StatusCode::OK), "{:?}", tally(&replies));
    assert_eq!(audit_total(&site).await - before, 80, "every write audited once");
    println!("SQLite: two servers on one file: 80 writes by {} writers at once: {:?}", WRITERS * 2, tally(&replies));
    site.finish().await;
}

/// The other write routes: creating (the same slug at once too), editing each kind, documents, minutes,
/// commitments, accounts, tokens, sessions.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_at_once_on_the_other_routes() {
    for site in Site::each(CALL_OPEN).await {
        let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
        let admin = site.account("admin@ec.europa.eu", Role::Admin).await;
        let n = 16;

        let news =
            |slug: String| json!({ "slug": slug, "title": "Network meeting", "date": "2018-05-02", "body": ["Met."] });
        let creates = (0..n)
            .map(|i| Req::json(Method::POST, "/api/v1/news", &news(format!("meeting-{i}"))).by(&editor))
            .collect();
        writers_at_once(&site, "creating news items", creates).await;
        let before = audit_total(&site).await;
        let same = (0..WRITERS)
            .map(|_| Req::json(Method::POST, "/api/v1/news", &news("one-slug".into())).by(&editor))
            .collect();
        let replies = at_once(&site.router, same, WRITERS).await;
        no_server_errors("creating one slug at once", site.backend, &replies);
        let created = replies.iter().filter(|r| r.status == StatusCode::CREATED).count();
        assert_eq!(created, 1, "{}: one slug is created once: {:?}", site.backend, tally(&replies));
        assert!(replies.iter().all(|r| [StatusCode::CREATED, StatusCode::CONFLICT].contains(&r.status)));
        assert_eq!(audit_total(&site).await - before, 1);

        for (kind, slug) in [
            ("calls", "amif-2018-support-to-victims"),
            ("news", "joint-statement-2018-signed"),
            ("instruments", "directive-2011-36-eu"),
        ] {
            let reply = site.send(Req::get(&format!("/api/v1/{kind}/{slug}")).by(&editor)).await;
            if reply.status != StatusCode::OK {
                panic!("{}: /api/v1/{kind}/{slug}: {}", site.backend, reply.body);
            }
            let document = reply.json();
            let edits = (0..n)
                .map(|i| {
                    let mut changed = document.clone();
                    changed["title"] = json!(format!("{}, edit {i}", document["title"].as_str().unwrap()));
                    Req::json(Method::PUT, &format!("/api/v1/{kind}/{slug}"), &changed).by(&editor)
                })
                .collect();
            writers_at_once(&site, &format!("one of the {kind}"), edits).await;
        }

        let meeting =
            json!({ "slug": "nrem-2027-h2", "title": "NREM meeting", "date": "2027-10-10", "presidency": "DK" });
        assert!(site
            .send(Req::json(Method::PUT, "/api/v1/meetings/nrem-2027-h2", &meeting).by(&editor))
            .await
            .status
            .is_success());
        let uploads = (0..n)
            .map(|i| {
                let (content_type, body) = crate::output::multipart(&format!("minutes-{i}.pdf"), b"%PDF-1.4\n%x\n");
                Req::new(Method::POST, "/api/v1/meetings/nrem-2027-h2/documents").body(&content_type, body).by(&editor)
            })
            .collect();
        writers_at_once(&site, "documents of one meeting", uploads).await;
        let minutes = (0..n)
            .map(|i| {
                let text = format!("Minutes, version {i}.");
                Req::form(
                    "/workspace/meetings/nrem-2027-h2/minutes",
                    &[("csrf", editor.csrf.as_str()), ("minutes", text.as_str())],
                )
                .in_browser_of(&editor)
            })
            .collect();
        writers_at_once(&site, "minutes of one meeting (form)", minutes).await;

        let commitments = (0..n)
            .map(|i| {
                let c = json!({ "slug": format!("action-{i}"), "instrument": "joint-statement-2018", "title": format!("Action {i}"), "owners": ["europol"] });
                Req::json(Method::POST, "/api/v1/commitments", &c).by(&editor)
            })
            .collect();
        writers_at_once(&site, "creating commitments", commitments).await;

        let accounts = (0..n)
            .map(|i| {
                let a = json!({ "email": format!("source{i}@polizei.de"), "role": "rapporteur", "member_state": "DE", "password": "a long enough password" });
                Req::json(Method::POST, "/api/v1/accounts", &a).by(&admin)
            })
            .collect();
        writers_at_once(&site, "creating accounts", accounts).await;
        let switches = (0..n)
            .map(|i| {
                let action = if i % 2 == 0 { "disable" } else { "enable" };
                Req::new(Method::POST, &format!("/api/v1/accounts/source0@polizei.de/{action}")).by(&admin)
            })
            .collect();
        writers_at_once(&site, "disabling and enabling one account", switches).await;
        let resets = (0..WRITERS)
            .map(|i| {
                let p = json!({ "password": format!("another long password {i}") });
                Req::json(Method::POST, "/api/v1/accounts/source1@polizei.de/password", &p).by(&admin)
            })
            .collect();
        writers_at_once(&site, "resetting one password", resets).await;
        let tokens = (0..n)
            .map(|i| {
                if i % 4 == 3 {
                    Req::new(Method::DELETE, "/api/v1/me/tokens")
                        .in_browser_of(&editor)
                        .header("x-csrf-token", &editor.csrf)
                } else {
                    Req::new(Method::POST, "/api/v1/me/tokens")
                        .in_browser_of(&editor)
                        .header("x-csrf-token", &editor.csrf)
                }
            })
            .collect();
        writers_at_once(&site, "creating and revoking tokens", tokens).await;
        site.finish().await;
    }
}
