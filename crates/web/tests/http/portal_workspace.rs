//! Issue 12: the portal as its users expect it (portal_workspace): the workspace's home and menu, returning
//! to the page asked for after signing in, destructive actions that ask first, Brussels time, overdue
//! commitments, and the Presidency from the Council's rota.

use crate::editing::{audit_total, call};
use crate::{encode, send, Person, Reply, TestApp};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::{MemberState, Slug};
use rapporteur_store::{AccountRepository, Actor};
use serde_json::{json, Value};
use std::collections::HashMap;

/// One account of each role: admin, editor, rapporteur (DE), source (DE), agency (Europol), cso.
async fn people(app: &TestApp) -> HashMap<&'static str, Person> {
    let de = MemberState::parse("DE").unwrap();
    let slug = |s: &str| Slug::parse(s).unwrap();
    Person::sign_up(
        app,
        &["admin", "editor", "rapporteur", "source", "agency", "cso"],
        |name| match name {
            "admin" => Role::Admin,
            "editor" => Role::Editor,
            "rapporteur" => Role::Rapporteur { member_state: de },
            "source" => Role::Source { member_state: de, organisation: slug("bka") },
            "agency" => Role::Agency { agency: slug("europol") },
            _ => Role::Cso { organisation: slug("la-strada") },
        },
        400,
    )
    .await
}

async fn page(app: &TestApp, who: &Person, uri: &str) -> Reply {
    send(app, "GET", uri, &[("rapporteur_session", &who.session)], None).await
}

async fn page_ok(app: &TestApp, who: &Person, uri: &str) -> String {
    let got = page(app, who, uri).await;
    assert_eq!(got.status, StatusCode::OK, "GET {uri}: {}", got.body);
    got.body
}

/// Posts a form as `who`, with the session's CSRF token.
async fn post(app: &TestApp, who: &Person, uri: &str, fields: &[(&str, &str)]) -> Reply {
    let mut pairs = fields.to_vec();
    pairs.push(("csrf", &who.csrf));
    send(app, "POST", uri, &[("rapporteur_session", &who.session)], Some(&encode(&pairs))).await
}

fn location(reply: &Reply) -> &str {
    reply.headers.get("location").map_or("", |v| v.to_str().unwrap())
}

/// The part of a page between `from` and the next `until`.
fn part<'a>(body: &'a str, from: &str, until: &str) -> &'a str {
    let start = body.find(from).unwrap_or_else(|| panic!("{from:?} not in the page: {body}"));
    let rest = &body[start..];
    &rest[..rest.find(until).unwrap_or(rest.len())]
}

/// The home's entries (their links), in order.
fn home_links(body: &str) -> Vec<String> {
    let list = part(body, "class=\"workspace-home\"", "</ul>");
    list.split("<a href=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_owned()).collect()
}

#[tokio::test]
async fn the_workspace_home_offers_each_role_what_it_may_do_and_every_workspace_page_the_same_menu() {
    let app = TestApp::at("2026-01-15T09:05:00Z").await;
    let all = people(&app).await;

    let anonymous = send(&app, "GET", "/workspace", &[], None).await;
    assert_eq!((anonymous.status, location(&anonymous)), (StatusCode::SEE_OTHER, "/sign-in?next=/workspace"));

    let editor = page_ok(&app, &all["editor"], "/workspace").await;
    assert!(editor.contains("<h1>Workspace</h1>") && editor.contains("editor@example.eu"), "{editor}");
    assert!(editor.contains("Editor (EU ATC office)"), "the role is said");
    let links = home_links(&editor);
    for href in ["/workspace/projects", "/workspace/calls", "/workspace/news", "/workspace/instruments"] {
        assert!(links.contains(&href.to_owned()), "editor: {href} in {links:?}");
    }
    for href in ["/workspace/platform", "/workspace/meetings", "/workspace/commitments", "/workspace/statistics"] {
        assert!(links.contains(&href.to_owned()), "editor: {href} in {links:?}");
    }
    assert!(!links.contains(&"/workspace/audit".to_owned()) && !links.contains(&"/workspace/accounts".to_owned()));
    assert!(editor.contains("Plan the network's meetings"), "each entry says what it is for");

    let admin = home_links(&page_ok(&app, &all["admin"], "/workspace").await);
    assert!(admin.contains(&"/workspace/audit".to_owned()) && admin.contains(&"/workspace/accounts".to_owned()));

    let rapporteur_page = page_ok(&app, &all["rapporteur"], "/workspace").await;
    let rapporteur = home_links(&rapporteur_page);
    for href in [
        "/workspace/member-states/de/edit",
        "/workspace/meetings",
        "/workspace/statistics",
        "/workspace/linkage",
        "/workspace/estimation",
        "/account",
    ] {
        assert!(rapporteur.contains(&href.to_owned()), "rapporteur: {href} in {rapporteur:?}");
    }
    assert!(rapporteur_page.contains("Record your Member State's attendance"));
    assert!(!rapporteur.iter().any(|h| h == "/workspace/projects" || h == "/workspace/accounts"), "{rapporteur:?}");

    let source = home_links(&page_ok(&app, &all["source"], "/workspace").await);
    assert_eq!(source, ["/workspace/statistics", "/workspace/linkage", "/account"]);
    let agency = home_links(&page_ok(&app, &all["agency"], "/workspace").await);
    assert_eq!(agency, ["/workspace/commitments", "/account"]);
    let cso = home_links(&page_ok(&app, &all["cso"], "/workspace").await);
    assert_eq!(cso, ["/account#applications", "/account"]);

    // Every other workspace page shows the same entries, compact, with the current one marked.
    let meetings = page_ok(&app, &all["editor"], "/workspace/meetings").await;
    let menu = part(&meetings, "<nav class=\"workspace-menu\"", "</nav>");
    assert!(menu.contains("aria-label=\"Workspace\""), "{menu}");
    assert!(menu.contains("<a href=\"/workspace/meetings\" aria-current=\"page\">Meetings</a>"), "{menu}");
    assert!(menu.contains("href=\"/workspace/projects\"") && !menu.contains("/workspace/audit"), "{menu}");
    for uri in ["/account", "/workspace/commitments", "/workspace/audit", "/workspace/projects/glomig/edit"] {
        let body = page_ok(&app, &all["admin"], uri).await;
        assert!(body.contains("<nav class=\"workspace-menu\"") && body.contains("href=\"/workspace/audit\""), "{uri}");
    }
    let rapporteur_menu = page_ok(&app, &all["rapporteur"], "/workspace/linkage").await;
    let menu = part(&rapporteur_menu, "<nav class=\"workspace-menu\"", "</nav>");
    assert!(menu.contains("/workspace/member-states/de/edit") && !menu.contains("/workspace/projects"), "{menu}");
    // Not on the home (which lists it whole), not on public pages, not for the public.
    assert!(!editor.contains("<nav class=\"workspace-menu\""));
    assert!(!page_ok(&app, &all["editor"], "/projects").await.contains("workspace-menu"));
    // The menu offers; the server still decides: an agency sent to the audit log is refused.
    assert_eq!(page(&app, &all["agency"], "/workspace/audit").await.status, StatusCode::FORBIDDEN);
    assert_eq!(page(&app, &all["rapporteur"], "/workspace/projects").await.status, StatusCode::FORBIDDEN);
}

const PASSWORD: &str = "a long enough password";

/// Opens the sign-in form at `uri` and sends it with `password`, as a browser would (with the form's CSRF
/// cookie and every hidden field it holds).
async fn sign_in_through(app: &TestApp, uri: &str, password: &str) -> (Reply, Reply) {
    let form = send(app, "GET", uri, &[], None).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.cookie_value("rapporteur_csrf").unwrap();
    let mut fields = vec![("csrf", csrf.clone()), ("email", "nrem@example.eu".to_owned())];
    fields.push(("password", password.to_owned()));
    if let Some(at) = form.body.find("name=\"next\" value=\"") {
        let rest = &form.body[at + 19..];
        fields.push(("next", rest[..rest.find('"').unwrap()].replace("&amp;", "&")));
    }
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = send(app, "POST", "/sign-in", &[("rapporteur_csrf", &csrf)], Some(&encode(&pairs))).await;
    (form, done)
}

#[tokio::test]
async fn signing_in_returns_to_the_page_asked_for_and_only_to_this_site() {
    let app = TestApp::at("2026-01-15T09:05:00Z").await;
    let pw = Password::new(PASSWORD.into()).unwrap();
    let email = Email::parse("nrem@example.eu").unwrap();
    let de = MemberState::parse("DE").unwrap();
    app.store.create_account(&Actor::Cli, &email, &Role::Rapporteur { member_state: de }, &pw).await.unwrap();

    // An anonymous visitor who opens a workspace page is sent to sign in, with the page to come back to.
    let asked = send(&app, "GET", "/workspace/meetings", &[], None).await;
    assert_eq!((asked.status, location(&asked)), (StatusCode::SEE_OTHER, "/sign-in?next=/workspace/meetings"));
    let with_query = send(&app, "GET", "/workspace/linkage?geo=DE&year=2023", &[], None).await;
    assert_eq!(location(&with_query), "/sign-in?next=/workspace/linkage%3Fgeo%3DDE%26year%3D2023");

    // A wrong password keeps the page to return to; the right one returns there.
    let (form, failed) = sign_in_through(&app, "/sign-in?next=/workspace/meetings", "not the password").await;
    assert!(form.body.contains("name=\"next\" value=\"/workspace/meetings\""), "{}", form.body);
    assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
    assert!(failed.body.contains("name=\"next\" value=\"/workspace/meetings\""), "{}", failed.body);
    let (_, done) = sign_in_through(&app, "/sign-in?next=/workspace/meetings", PASSWORD).await;
    assert_eq!((done.status, location(&done)), (StatusCode::SEE_OTHER, "/workspace/meetings"));
    let (_, done) =
        sign_in_through(&app, "/sign-in?next=%2Fworkspace%2Flinkage%3Fgeo%3DDE%26year%3D2023", PASSWORD).await;
    assert_eq!(location(&done), "/workspace/linkage?geo=DE&year=2023");

    // Nothing asked for: the workspace's home. Another site asked for: refused, the home instead.
    let (_, done) = sign_in_through(&app, "/sign-in", PASSWORD).await;
    assert_eq!(location(&done), "/workspace");
    for evil in [
        "//evil.example",
        "https://evil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example%2Fx",
        "/a%0D%0ALocation:%20x",
    ] {
        let (form, done) = sign_in_through(&app, &format!("/sign-in?next={evil}"), PASSWORD).await;
        assert!(!form.body.contains("name=\"next\""), "{evil}: not even carried in the form");
        assert_eq!((done.status, location(&done)), (StatusCode::SEE_OTHER, "/workspace"), "{evil}");
    }
    // A `next` sent in the form itself is held to the same rule.
    let form = send(&app, "GET", "/sign-in", &[], None).await;
    let csrf = form.cookie_value("rapporteur_csrf").unwrap();
    let body =
        encode(&[("csrf", &csrf), ("email", "nrem@example.eu"), ("password", PASSWORD), ("next", "//evil.example")]);
    let done = send(&app, "POST", "/sign-in", &[("rapporteur_csrf", &csrf)], Some(&body)).await;
    assert_eq!(location(&done), "/workspace");

    // Someone already signed in who follows a sign-in link goes straight to the page.
    let session = done.cookie_value("rapporteur_session").unwrap();
    let again =
        send(&app, "GET", "/sign-in?next=/workspace/estimation", &[("rapporteur_session", &session)], None).await;
    assert_eq!(location(&again), "/workspace/estimation");
    let again = send(&app, "GET", "/sign-in?next=//evil.example", &[("rapporteur_session", &session)], None).await;
    assert_eq!(location(&again), "/workspace");
}

/// What a confirmation page must hold: the question, the consequence, a danger button that sends the same
/// form again confirmed with the CSRF token, and a way back.
fn assert_asks(reply: &Reply, who: &Person, action: &str, yes: &str, cancel: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let form = part(&reply.body, &format!("action=\"{action}\""), "</form>");
    assert!(form.contains("name=\"confirm\" value=\"yes\""), "{form}");
    assert!(form.contains(&format!("name=\"csrf\" value=\"{}\"", who.csrf)), "{form}");
    assert!(form.contains(&format!("class=\"button button--danger\" type=\"submit\">{yes}</button>")), "{form}");
    assert!(form.contains(&format!("href=\"{cancel}\">Cancel</a>")), "{form}");
    assert!(!reply.body.contains("<script"), "no script");
}

#[tokio::test]
async fn destructive_actions_look_destructive_and_act_only_once_confirmed() {
    let app = TestApp::at("2026-01-15T09:05:00Z").await;
    let all = people(&app).await;
    let (editor, admin) = (&all["editor"], &all["admin"]);

    // Withdrawing a project from the public.
    let edit = page_ok(&app, editor, "/workspace/projects/glomig/edit").await;
    assert!(
        edit.contains("<button class=\"button--danger\" type=\"submit\">Withdraw from the public</button>"),
        "{edit}"
    );
    let before = audit_total(&app).await;
    let asked = post(&app, editor, "/workspace/projects/glomig/unpublish", &[]).await;
    assert_asks(
        &asked,
        editor,
        "/workspace/projects/glomig/unpublish",
        "Yes, withdraw",
        "/workspace/projects/glomig/edit",
    );
    assert!(asked.body.contains("Withdraw “") && asked.body.contains("stop showing it"), "{}", asked.body);
    assert_eq!(audit_total(&app).await, before, "asking changes nothing");
    assert_eq!(app.get("/projects/glomig").await.status, StatusCode::OK, "still public");
    let forged = send(
        &app,
        "POST",
        "/workspace/projects/glomig/unpublish",
        &[("rapporteur_session", &editor.session)],
        Some("confirm=yes"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "the confirmed form needs the CSRF token too");
    let done = post(&app, editor, "/workspace/projects/glomig/unpublish", &[("confirm", "yes")]).await;
    assert_eq!((done.status, location(&done)), (StatusCode::SEE_OTHER, "/workspace/projects/glomig/edit"));
    assert_eq!(app.get("/projects/glomig").await.status, StatusCode::NOT_FOUND, "withdrawn once confirmed");
    // Publishing is not destructive: it acts at once.
    let published = post(&app, editor, "/workspace/projects/glomig/publish", &[]).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/projects/glomig").await.status, StatusCode::OK);

    // Revoking all one's tokens.
    let account = page_ok(&app, editor, "/account").await;
    assert!(account.contains("<button class=\"button--danger\" type=\"submit\">Revoke all my tokens</button>"));
    assert!(account.contains("<button class=\"button--danger\" type=\"submit\">Sign out on every device</button>"));
    let asked = post(&app, editor, "/account/tokens/revoke", &[]).await;
    assert_asks(&asked, editor, "/account/tokens/revoke", "Yes, revoke all my tokens", "/account");
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&editor.token), None).await.0, StatusCode::OK);
    post(&app, editor, "/account/tokens/revoke", &[("confirm", "yes")]).await;
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&editor.token), None).await.0, StatusCode::UNAUTHORIZED);

    // Disabling an account.
    let accounts = page_ok(&app, admin, "/workspace/accounts").await;
    assert!(accounts.contains("<button class=\"button--danger\" type=\"submit\">Disable"), "{accounts}");
    let asked = post(&app, admin, "/workspace/accounts/cso%40example.eu/disable", &[]).await;
    assert_asks(&asked, admin, "/workspace/accounts/cso%40example.eu/disable", "Yes, disable", "/workspace/accounts");
    assert!(asked.body.contains("Disable the account cso@example.eu?"), "{}", asked.body);
    assert_eq!(page(&app, &all["cso"], "/account").await.status, StatusCode::OK, "not disabled yet");
    post(&app, admin, "/workspace/accounts/cso%40example.eu/disable", &[("confirm", "yes")]).await;
    assert_eq!(page(&app, &all["cso"], "/account").await.status, StatusCode::SEE_OTHER, "disabled: signed out");
    let nobody = post(&app, admin, "/workspace/accounts/nobody%40example.eu/disable", &[]).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND, "no question about an account that does not exist");

    // Signing out everywhere.
    let rapporteur = &all["rapporteur"];
    let asked = post(&app, rapporteur, "/sign-out", &[("everywhere", "1")]).await;
    assert_asks(&asked, rapporteur, "/sign-out", "Yes, sign out everywhere", "/account");
    assert!(part(&asked.body, "action=\"/sign-out\"", "</form>").contains("name=\"everywhere\" value=\"1\""));
    assert_eq!(page(&app, rapporteur, "/account").await.status, StatusCode::OK, "still signed in");
    post(&app, rapporteur, "/sign-out", &[("everywhere", "1"), ("confirm", "yes")]).await;
    assert_eq!(page(&app, rapporteur, "/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&rapporteur.token), None).await.0, StatusCode::UNAUTHORIZED);

    // The API stays explicit: no confirmation step.
    let (status, _) = call(&app, Method::POST, "/api/v1/projects/glomig/unpublish", Some(&admin.token), None).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(app.get("/projects/glomig").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn workspace_times_are_shown_in_brussels_time_with_the_zone() {
    // 09:05 UTC in January is 10:05 in Brussels (CET, UTC+1).
    let app = TestApp::at("2026-01-15T09:05:00Z").await;
    let all = people(&app).await;
    let editor = &all["editor"];
    post(&app, editor, "/workspace/projects/glomig/unpublish", &[("confirm", "yes")]).await;
    // In July, 09:05 UTC is 11:05 (CEST, UTC+2).
    app.clock.advance(chrono::Duration::days(181));
    post(&app, editor, "/workspace/projects/glomig/publish", &[]).await;

    let audit = page_ok(&app, &all["admin"], "/workspace/audit?object=glomig").await;
    assert!(audit.contains("15 January 2026, 10:05 CET"), "{audit}");
    assert!(audit.contains("15 July 2026, 11:05 CEST"), "{audit}");
    assert!(audit.contains("datetime=\"2026-01-15T09:05:00Z\""), "machines still read UTC");
    assert!(!audit.contains(" UTC<") && !audit.contains("T09:05:00.000Z<"), "no raw UTC for people");
    let revisions = page_ok(&app, editor, "/workspace/projects/glomig/revisions").await;
    assert!(revisions.contains("15 January 2026, 10:05 CET") && revisions.contains("11:05 CEST"), "{revisions}");
    // The API keeps UTC, as RFC 3339.
    let (_, api) = call(&app, Method::GET, "/api/v1/audit?object=glomig", Some(&all["admin"].token), None).await;
    let times: Vec<&str> = api["items"].as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert!(times.contains(&"2026-01-15T09:05:00.000Z"), "{times:?}");
}

/// The card of a commitment on the commitments page.
fn card<'a>(body: &'a str, slug: &str) -> &'a str {
    part(body, &format!("id=\"c-{slug}\""), "</article>")
}

#[tokio::test]
async fn overdue_commitments_are_flagged_in_words_and_counted() {
    // 23:30 UTC on 31 December is already 1 January in Brussels: what was due on 31 December is overdue.
    let app = TestApp::at("2025-12-31T23:30:00Z").await;
    let all = people(&app).await;
    let editor = &all["editor"].token;
    for (slug, due) in [("late", "2025-12-31"), ("due-today", "2026-01-01"), ("done-late", "2025-06-30")] {
        let body = json!({ "slug": slug, "instrument": "joint-statement-2018", "title": format!("Commitment {slug}"),
            "owners": ["europol"], "due": due });
        let (status, created) = call(&app, Method::POST, "/api/v1/commitments", Some(editor), Some(&body)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
    }
    let progress = json!({ "date": "2025-06-01", "text": "Delivered.", "status": "done" });
    let (status, _) =
        call(&app, Method::POST, "/api/v1/commitments/done-late/progress", Some(editor), Some(&progress)).await;
    assert_eq!(status, StatusCode::CREATED);

    let body = page_ok(&app, &all["agency"], "/workspace/commitments").await;
    assert!(
        card(&body, "late").contains("<strong class=\"badge badge--overdue\">Overdue</strong>"),
        "{}",
        card(&body, "late")
    );
    assert!(card(&body, "late").contains("its due date has passed"));
    assert!(!card(&body, "due-today").contains("Overdue"), "due today is not late yet");
    assert!(!card(&body, "done-late").contains("Overdue"), "done is done");

    // The dashboard counts them: as many as the API's data say, by the same rule.
    let (_, list) = call(&app, Method::GET, "/api/v1/commitments", Some(editor), None).await;
    let expected = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["due"].as_str().is_some_and(|d| d < "2026-01-01")
                && !matches!(c["status"].as_str(), Some("done" | "dropped"))
        })
        .count();
    assert!(expected >= 1);
    let count = part(&body, "id=\"overdue-count\"", "</p>");
    let said = if expected == 1 {
        "1 commitment is overdue".to_owned()
    } else {
        format!("{expected} commitments are overdue")
    };
    assert!(count.contains(&said) && count.contains("1 January 2026"), "{count}");
    // The owners' table has an Overdue column; Europol's row counts the late one at least.
    let by_owner = part(&body, "<caption>By owner</caption>", "</table>");
    assert!(by_owner.contains("<th scope=\"col\">Overdue</th>"), "{by_owner}");
    let europol = part(by_owner, "<th scope=\"row\">EUROPOL</th>", "</tr>");
    assert!(europol.contains("data-label=\"Overdue\"><strong class=\"overdue\">"), "{europol}");
    // Tables of the dashboard stack on a phone, each number beside its column's name.
    assert!(body.contains("<table class=\"data-table data-table--stack\"><caption>By owner"), "{by_owner}");
    assert!(by_owner.contains("data-label=\"Done\""), "{by_owner}");
}

async fn meeting_presidency(app: &TestApp, token: &str, slug: &str) -> Value {
    let (status, meeting) = call(app, Method::GET, &format!("/api/v1/meetings/{slug}"), Some(token), None).await;
    assert_eq!(status, StatusCode::OK, "{meeting}");
    meeting["presidency"].clone()
}

#[tokio::test]
async fn the_presidency_defaults_to_the_councils_rota_for_the_meetings_half_year() {
    let app = TestApp::at("2025-03-10T10:00:00Z").await;
    let all = people(&app).await;
    let editor = &all["editor"];
    let form = page_ok(&app, editor, "/workspace/meetings").await;
    let select = part(&form, "<select id=\"m-presidency\"", "</select>");
    assert!(select.contains("<option value=\"rota\" selected>"), "{select}");
    assert!(!select.contains("value=\"AT\" selected"), "not the alphabetically first");
    let hint = part(&form, "id=\"m-presidency-hint\"", "</p>");
    assert!(hint.contains("2025 H1, that is Poland") && hint.contains("2016/1316"), "{hint}");

    let create = |slug: &'static str, date: &'static str, presidency: Option<&'static str>| {
        let mut fields = vec![("slug", slug), ("title", "Meeting of the EU Network of NREMs"), ("date", date)];
        fields.extend(presidency.map(|p| ("presidency", p)));
        let app = &app;
        async move { post(app, editor, "/workspace/meetings", &fields).await }
    };
    let made = create("nrem-2026-h2", "2026-09-15", Some("rota")).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(meeting_presidency(&app, &editor.token, "nrem-2026-h2").await, "IE");
    create("nrem-2025-h1", "2025-03-20", None).await;
    assert_eq!(meeting_presidency(&app, &editor.token, "nrem-2025-h1").await, "PL");
    create("nrem-2017-h2", "2017-11-20", Some("rota")).await;
    assert_eq!(meeting_presidency(&app, &editor.token, "nrem-2017-h2").await, "EE");
    // The editor can still choose.
    create("nrem-chosen", "2026-09-15", Some("DE")).await;
    assert_eq!(meeting_presidency(&app, &editor.token, "nrem-chosen").await, "DE");
    // Outside the rota's years, the editor must say.
    let refused = create("nrem-2031", "2031-03-01", Some("rota")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("presidency") && refused.body.contains("2009 to 2030"), "{}", refused.body);
    let page = page_ok(&app, editor, "/workspace/meetings/nrem-2026-h2").await;
    assert!(page.contains("Ireland") && page.contains("2026 H2"), "{page}");
}

#[tokio::test]
async fn checkboxes_keep_their_labels_beside_them() {
    let app = TestApp::at("2025-03-10T10:00:00Z").await;
    let all = people(&app).await;
    let form = page_ok(&app, &all["editor"], "/workspace/meetings").await;
    let joint = part(&form, "id=\"m-joint\"", "</div>");
    assert!(joint.contains("<label for=\"m-joint\">"), "a label of its own beside the box: {joint}");
    let css = include_str!("../../static/style.css");
    assert!(css.contains("input[type=\"checkbox\"], input[type=\"radio\"] { flex: none;"), "boxes never shrink");
}
