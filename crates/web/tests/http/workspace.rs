//! Editing calls, news and instruments (API and browser), meeting minutes, and the role-by-route matrices of
//! every mutating route: through the API with tokens, and through the browser's forms with sessions.

use crate::editing::{audit_total, call, tokens};
use crate::{encode, send, Reply, TestApp, AFTER_ALL_DEADLINES};
use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::{Bundle, CallKind, Deadline, MemberState, Slug};
use rapporteur_store::{
    AccountRepository, Actor, ContentEditing, EditableItem, MeetingRepository, NewApplication, PlatformRepository,
    SessionRepository,
};
use serde_json::{json, Value};

fn new_csp_call(slug: &str) -> Value {
    json!({
        "slug": slug,
        "kind": "expression_of_interest",
        "title": "Call for expression of interest: EU Civil Society Platform against trafficking 2027",
        "deadline": "2027-03-31T17:00",
        "summary": ["Organisations with their legal seat in Cyprus or Luxembourg may apply."],
        "eligible_member_states": ["CY", "LU"],
        "instruments": ["directive-2011-36-eu"],
    })
}

fn token_of(all: &[(&'static str, Option<String>)], role: &str) -> String {
    all.iter().find(|(n, _)| *n == role).unwrap().1.clone().unwrap()
}

fn fields_of(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn an_editor_opens_a_civil_society_call_with_eligibility_and_errata() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = token_of(&all, "editor");
    let (status, created) =
        call(&app, Method::POST, "/api/v1/calls", Some(&editor), Some(&new_csp_call("csp-2027"))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["published"], false);
    assert_eq!(created["deadline"], "2027-03-31T17:00", "as precise as it was given");
    assert_eq!(created["closes_at"], "2027-03-31T15:00:00Z", "Brussels summer time assumed");
    assert_eq!(created["deadline_as_written"], "2027-03-31 17:00");
    assert_eq!(app.get("/calls/csp-2027").await.status, StatusCode::NOT_FOUND, "a draft is not public");
    assert_eq!(app.get("/calls/csp-2027/apply").await.status, StatusCode::NOT_FOUND, "nobody applies to a draft");

    let (status, _) = call(&app, Method::POST, "/api/v1/calls/csp-2027/publish", Some(&editor), None).await;
    assert_eq!(status, StatusCode::OK);
    let page = app.get_ok("/calls/csp-2027").await.body;
    assert!(page.contains("Cyprus") && page.contains("Luxembourg") && page.contains("/calls/csp-2027/apply"));
    assert_eq!(app.get_ok("/api/v1/search?q=Luxembourg&kind=call").await.json()["total"], 1);

    // Applications follow the call's rules: Malta is not listed, Luxembourg is.
    let apply = |seat: &str| {
        json!({
            "organisation_name": format!("Anti-trafficking NGO of {seat}"),
            "member_state": seat,
            "contact_email": "office@ngo.example",
            "motivation": "We run shelters for victims of trafficking.",
        })
    };
    let (status, refused) =
        call(&app, Method::POST, "/api/v1/calls/csp-2027/applications", None, Some(&apply("MT"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused.to_string().contains("Malta"), "{refused}");
    let (status, accepted) =
        call(&app, Method::POST, "/api/v1/calls/csp-2027/applications", None, Some(&apply("LU"))).await;
    assert_eq!(status, StatusCode::CREATED, "{accepted}");

    // An erratum, published on the call's page; the call stays published.
    let mut corrected = new_csp_call("csp-2027");
    corrected["errata"] = json!(["Applications may also be sent by organisations based in Malta."]);
    corrected["eligible_member_states"] = json!(["CY", "LU", "MT"]);
    let (status, updated) = call(&app, Method::PUT, "/api/v1/calls/csp-2027", Some(&editor), Some(&corrected)).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["published"], true);
    assert!(app.get_ok("/calls/csp-2027").await.body.contains("also be sent by organisations based in Malta"));
    let (status, _) = call(&app, Method::POST, "/api/v1/calls/csp-2027/applications", None, Some(&apply("MT"))).await;
    assert_eq!(status, StatusCode::CREATED);

    let (_, revisions) = call(&app, Method::GET, "/api/v1/calls/csp-2027/revisions", Some(&editor), None).await;
    let revisions = revisions["items"].clone();
    let actions: Vec<&str> = revisions.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["update", "publish", "create"]);
    assert_eq!(revisions[2]["item"]["errata"], json!([]));
    assert_eq!(revisions[0]["item"]["errata"][0], "Applications may also be sent by organisations based in Malta.");

    let admin = token_of(&all, "admin");
    let (_, log) = call(&app, Method::GET, "/api/v1/audit?object=csp-2027", Some(&admin), None).await;
    let update = log["items"].as_array().unwrap().iter().find(|e| e["action"] == "update").unwrap();
    assert_eq!(update["object_kind"], "call");
    assert_eq!(update["before"]["eligible_member_states"], json!(["CY", "LU"]));
    assert_eq!(update["after"]["eligible_member_states"], json!(["CY", "LU", "MT"]));

    // Withdrawn, it is gone from the public and from search, and closed to applications.
    let (status, _) = call(&app, Method::POST, "/api/v1/calls/csp-2027/unpublish", Some(&editor), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/calls/csp-2027").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get_ok("/api/v1/search?q=Luxembourg&kind=call").await.json()["total"], 0);
    let (status, _) = call(&app, Method::POST, "/api/v1/calls/csp-2027/applications", None, Some(&apply("LU"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn news_and_instruments_are_drafted_published_and_edited() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = token_of(&all, "editor");
    let news = json!({
        "slug": "nrem-meeting-2027",
        "title": "The EU Network of NREMs met in Brussels",
        "date": "2027-05",
        "body": ["The National Rapporteurs discussed the new data collection."],
        "agencies": ["europol", "eurojust"],
    });
    let (status, created) = call(&app, Method::POST, "/api/v1/news", Some(&editor), Some(&news)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let total = app.get_ok("/api/v1/news").await.json()["total"].as_u64().unwrap();
    assert!(!app.get_ok("/news/feed.atom").await.body.contains("nrem-meeting-2027"));
    call(&app, Method::POST, "/api/v1/news/nrem-meeting-2027/publish", Some(&editor), None).await;
    assert_eq!(app.get_ok("/api/v1/news").await.json()["total"].as_u64().unwrap(), total + 1);
    assert!(app.get_ok("/news/feed.atom").await.body.contains("nrem-meeting-2027"));
    let page = app.get_ok("/news/nrem-meeting-2027").await.body;
    assert!(page.contains("May 2027") && page.contains("Europol"), "{page}");

    let instrument = json!({
        "slug": "directive-2024-1712",
        "kind": "directive",
        "title": "Directive (EU) 2024/1712 amending Directive 2011/36/EU",
        "reference": "Directive (EU) 2024/1712",
        "date": "2024-06-13",
        "summary": ["It adds forced marriage, illegal adoption and the exploitation of surrogacy."],
        "articles": [{ "number": "2", "subject": "Offences concerning trafficking in human beings" }],
        "published": true,
    });
    let (status, created) = call(&app, Method::POST, "/api/v1/instruments", Some(&editor), Some(&instrument)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["published"], true, "published at once when asked");
    let page = app.get_ok("/legislation/directive-2024-1712").await.body;
    assert!(page.contains("Offences concerning trafficking in human beings"));
    assert_eq!(app.get_ok("/api/v1/search?q=surrogacy").await.json()["total"], 1);

    // The news item may now refer to the new directive; one it does not know is refused.
    let mut linked = news.clone();
    linked["instruments"] = json!(["directive-2024-1712"]);
    let (status, _) = call(&app, Method::PUT, "/api/v1/news/nrem-meeting-2027", Some(&editor), Some(&linked)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(app.get_ok("/news/nrem-meeting-2027").await.body.contains("/legislation/directive-2024-1712"));
    linked["instruments"] = json!(["directive-2099-1"]);
    let (status, body) = call(&app, Method::PUT, "/api/v1/news/nrem-meeting-2027", Some(&editor), Some(&linked)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["instruments[0]"]);

    // Withdrawn, the directive is no longer named by the item, in the page or in the API.
    call(&app, Method::PUT, "/api/v1/news/nrem-meeting-2027", Some(&editor), Some(&json!({
        "slug": "nrem-meeting-2027", "title": "The EU Network of NREMs met in Brussels", "date": "2027-05",
        "body": ["The National Rapporteurs discussed the new data collection."], "instruments": ["directive-2024-1712"],
    }))).await;
    call(&app, Method::POST, "/api/v1/instruments/directive-2024-1712/unpublish", Some(&editor), None).await;
    assert_eq!(app.get_ok("/api/v1/news/nrem-meeting-2027").await.json()["instruments"], json!([]));
    assert!(!app.get_ok("/news/nrem-meeting-2027").await.body.contains("directive-2024-1712"));
    let listed = app.get_ok("/api/v1/news").await.json();
    let item = listed["items"].as_array().unwrap().iter().find(|n| n["slug"] == "nrem-meeting-2027").unwrap().clone();
    assert_eq!(item["instruments"], json!([]));
    let in_sitemap = |urls: Vec<String>| urls.iter().any(|u| u.ends_with("/legislation/directive-2024-1712"));
    assert!(!in_sitemap(app.sitemap_urls().await), "withdrawn: not in the sitemap");
    call(&app, Method::POST, "/api/v1/instruments/directive-2024-1712/publish", Some(&editor), None).await;
    assert!(in_sitemap(app.sitemap_urls().await));

    let (_, revisions) =
        call(&app, Method::GET, "/api/v1/instruments/directive-2024-1712/revisions", Some(&editor), None).await;
    let revisions = revisions["items"].clone();
    let actions: Vec<&str> = revisions.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["publish", "unpublish", "create"]);
    assert_eq!(revisions[0]["item"]["articles"][0]["number"], "2");
    let (status, _) = call(&app, Method::GET, "/api/v1/news/no-such-item/revisions", Some(&editor), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_content_is_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = token_of(&all, "editor");
    let before = audit_total(&app).await;
    let mut bad = new_csp_call("Bad Slug");
    bad["kind"] = json!("tender");
    bad["deadline"] = json!("31/03/2027");
    bad["eligible_member_states"] = json!(["CY", "UK"]);
    let (status, body) = call(&app, Method::POST, "/api/v1/calls", Some(&editor), Some(&bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["slug", "kind", "deadline", "eligible_member_states[1]"]);
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/news",
        Some(&editor),
        Some(&json!({ "slug": "x", "title": "", "date": "May 2027", "body": ["  "], "agencies": ["interpol"] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["title", "date", "body", "agencies[0]"]);
    assert_eq!(body["errors"][3]["detail"], "there is no agency \"interpol\"");
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/instruments",
        Some(&editor),
        Some(&json!({ "slug": "y", "kind": "law", "title": "A law", "articles": [{ "number": "", "subject": "x" }] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["kind", "articles[0].number"]);
    let (status, body) =
        call(&app, Method::POST, "/api/v1/calls", Some(&editor), Some(&json!({ "slug": "z", "colour": 1 }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"][0]["detail"].as_str().unwrap().contains("line 1"), "{body}");
    let bundled = Bundle::embedded().unwrap().calls[0].slug.to_string();
    let (status, _) = call(&app, Method::POST, "/api/v1/calls", Some(&editor), Some(&new_csp_call(&bundled))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, body) =
        call(&app, Method::PUT, &format!("/api/v1/calls/{bundled}"), Some(&editor), Some(&new_csp_call("other"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["slug"]);
    let (status, _) =
        call(&app, Method::PUT, "/api/v1/calls/no-such-call", Some(&editor), Some(&new_csp_call("no-such-call"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(audit_total(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn role_by_route_matrix_of_content_api_routes() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let bundle = Bundle::embedded().unwrap();
    let news = &bundle.news[0];
    let news_body =
        |slug: &str| json!({ "slug": slug, "title": news.title, "date": news.date.to_string(), "body": news.body });
    let instrument =
        |slug: &str| json!({ "slug": slug, "kind": "study", "title": "A study", "summary": ["Findings."] });
    let call_slug = bundle.calls[0].slug.to_string();
    for (role, token) in &all {
        let allowed = matches!(*role, "admin" | "editor");
        let routes: Vec<(Method, String, Option<Value>)> = vec![
            (Method::POST, "/api/v1/calls".into(), Some(new_csp_call(&format!("matrix-{role}")))),
            (Method::PUT, "/api/v1/calls/matrix-call".into(), Some(new_csp_call("matrix-call"))),
            (Method::POST, format!("/api/v1/calls/{call_slug}/unpublish"), None),
            (Method::POST, format!("/api/v1/calls/{call_slug}/publish"), None),
            (Method::POST, "/api/v1/news".into(), Some(news_body(&format!("matrix-{role}")))),
            (Method::PUT, format!("/api/v1/news/{}", news.slug), Some(news_body(news.slug.as_str()))),
            (Method::POST, format!("/api/v1/news/{}/unpublish", news.slug), None),
            (Method::POST, format!("/api/v1/news/{}/publish", news.slug), None),
            (Method::POST, "/api/v1/instruments".into(), Some(instrument(&format!("matrix-{role}")))),
            (Method::PUT, "/api/v1/instruments/matrix-instrument".into(), Some(instrument("matrix-instrument"))),
            (Method::POST, "/api/v1/instruments/matrix-instrument/publish".into(), None),
            (Method::POST, "/api/v1/instruments/matrix-instrument/unpublish".into(), None),
        ];
        if *role == "anonymous" {
            // The items the PUT routes replace.
            let editor = token_of(&all, "editor");
            call(&app, Method::POST, "/api/v1/calls", Some(&editor), Some(&new_csp_call("matrix-call"))).await;
            call(&app, Method::POST, "/api/v1/instruments", Some(&editor), Some(&instrument("matrix-instrument")))
                .await;
        }
        for (method, uri, body) in &routes {
            let before = audit_total(&app).await;
            let (status, answer) = call(&app, method.clone(), uri, token.as_deref(), body.as_ref()).await;
            if allowed {
                assert!(status.is_success(), "{role} {method} {uri}: {status} {answer}");
                assert!(audit_total(&app).await > before, "{role} {method} {uri} is audited");
            } else {
                let expected = if token.is_none() { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                assert_eq!(status, expected, "{role} {method} {uri}");
                assert_eq!(audit_total(&app).await, before, "{role} {method} {uri} changed nothing");
            }
        }
        for uri in ["/api/v1/calls/matrix-call/revisions", "/api/v1/news/matrix-editor/revisions"] {
            let (status, _) = call(&app, Method::GET, uri, token.as_deref(), None).await;
            let expected = match (allowed, token) {
                (true, _) => StatusCode::OK,
                (false, None) => StatusCode::UNAUTHORIZED,
                (false, Some(_)) => StatusCode::FORBIDDEN,
            };
            // The editor's news item exists only once the editor has had their turn.
            if !(uri.contains("matrix-editor") && *role == "admin") {
                assert_eq!(status, expected, "{role} GET {uri}");
            }
        }
    }
}

/// A signed-in browser for every role: (role, session cookie, CSRF token); the anonymous public has none.
async fn sessions(app: &TestApp) -> Vec<(&'static str, Option<(String, String)>)> {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(AFTER_ALL_DEADLINES).unwrap().with_timezone(&Utc);
    let mut out = Vec::new();
    for (role, token) in tokens(app).await {
        if token.is_none() {
            out.push((role, None));
            continue;
        }
        let email = Email::parse(&format!("{role}@example.eu")).unwrap();
        let account = app.store.find_account_by_email(&email).await.unwrap().unwrap();
        let session = app.store.create_session(account.id, now, Duration::hours(1)).await.unwrap();
        out.push((role, Some((session.secret, session.csrf_token))));
    }
    out
}

/// Posts a form as `session` (with its CSRF token unless `csrf` is false).
async fn post_form(
    app: &TestApp,
    session: &Option<(String, String)>,
    uri: &str,
    fields: &[(&str, &str)],
    csrf: bool,
) -> Reply {
    let mut pairs: Vec<(&str, &str)> = fields.to_vec();
    let mut cookies = Vec::new();
    if let Some((secret, token)) = session {
        cookies.push(("rapporteur_session", secret.as_str()));
        if csrf {
            pairs.push(("csrf", token.as_str()));
        }
    }
    send(app, "POST", uri, &cookies, Some(&encode(&pairs))).await
}

/// Uploads a small PDF to a meeting as `session`.
async fn post_document(app: &TestApp, session: &Option<(String, String)>, uri: &str) -> Reply {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let boundary = "matrixboundary";
    let csrf = session.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"agenda.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4 matrix\r\n--{boundary}--\r\n"
    );
    let mut req = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"));
    if let Some((secret, _)) = session {
        req = req.header("cookie", format!("rapporteur_session={secret}"));
    }
    let response = app.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn redirected_to_sign_in(reply: &Reply) -> bool {
    reply.status.is_redirection()
        && reply
            .headers
            .get("location")
            .is_some_and(|l| l == "/sign-in" || l.to_str().unwrap().starts_with("/sign-in?next=/"))
}

/// What the matrix's forms work on: a call, a news item, an instrument, a meeting, a spare account, and
/// pending applications to the Civil Society Platform.
async fn matrix_app() -> (TestApp, Vec<i64>) {
    let mut ids = Vec::new();
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let bundle = Bundle::embedded().unwrap();
        let mut csp = bundle.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap().clone();
        csp.slug = Slug::parse("csp-2027").unwrap();
        csp.deadline = Deadline::parse("2027-03-31T17:00").unwrap();
        csp.published = true;
        store.create_item(&Actor::Cli, &EditableItem::Call(csp)).await.unwrap();
        let meeting = rapporteur_store::Meeting {
            slug: Slug::parse("nrem-2025-h1").unwrap(),
            title: "Meeting of the EU Network of NREMs".into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
            presidency: MemberState::parse("PL").unwrap(),
            joint_with_csp: true,
            agenda: vec!["Data collection.".into()],
            minutes: Vec::new(),
        };
        store.save_meeting(&Actor::Cli, &meeting).await.unwrap();
        let pw = Password::new("a long enough password".into()).unwrap();
        let spare = Email::parse("spare@example.eu").unwrap();
        store.create_account(&Actor::Cli, &spare, &Role::Editor, &pw).await.unwrap();
    })
    .await;
    for i in 0..5 {
        let application = NewApplication {
            call: Slug::parse("csp-2027").unwrap(),
            organisation_name: format!("Shelter network {i}"),
            organisation: Slug::parse(&format!("shelter-network-{i}")).unwrap(),
            member_state: MemberState::parse("MT").unwrap(),
            contact_email: Email::parse(&format!("office{i}@shelter.example")).unwrap(),
            motivation: "We run shelters.".into(),
        };
        ids.push(app.store.submit_application(&application).await.unwrap().id);
    }
    (app, ids)
}

/// A form route: its address, the fields it is sent, and the roles allowed to send it.
type FormRoute = (String, Vec<(String, String)>, &'static [&'static str]);

#[tokio::test]
async fn role_by_route_matrix_of_every_workspace_form() {
    let (app, applications) = matrix_app().await;
    let all = sessions(&app).await;
    const EDITORS: &[&str] = &["admin", "editor"];
    const DE: &[&str] = &["admin", "editor", "rapporteur"];
    const DOCUMENTS: &[&str] = &["admin", "editor", "rapporteur"];
    const EUROPOL: &[&str] = &["admin", "editor", "agency"];
    const ADMIN: &[&str] = &["admin"];
    const SIGNED_IN: &[&str] = &["admin", "editor", "rapporteur", "source", "agency", "cso"];
    let bundle = Bundle::embedded().unwrap();
    let news = bundle.news[0].slug.to_string();
    let instrument = bundle.instruments[0].slug.to_string();
    let project = |slug: &str| -> Vec<(String, String)> {
        [
            ("slug", slug),
            ("title", "A project written in the browser"),
            ("reference", "FP7 290529"),
            ("coordinator_role", "coordinator"),
            ("action", "save"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    for (index, (role, session)) in all.iter().enumerate() {
        let new_slug = format!("matrix-{role}");
        // Each allowed role decides its own pending application; refused roles aim at the last one.
        let application = applications[if EDITORS.contains(role) { index.min(3) } else { 4 }];
        let routes: Vec<FormRoute> = vec![
            ("/workspace/projects/new".into(), project(&new_slug), EDITORS),
            ("/workspace/projects/glomig/edit".into(), project("glomig"), EDITORS),
            ("/workspace/projects/glomig/unpublish".into(), owned(&[("confirm", "yes")]), EDITORS),
            ("/workspace/projects/glomig/publish".into(), vec![], EDITORS),
            (
                "/workspace/calls/new".into(),
                owned(&[
                    ("slug", &new_slug),
                    ("kind", "expression_of_interest"),
                    ("title", "A call"),
                    ("deadline", "2027-01-31"),
                    ("action", "save"),
                ]),
                EDITORS,
            ),
            (
                "/workspace/calls/csp-2027/edit".into(),
                owned(&[
                    ("kind", "expression_of_interest"),
                    ("title", "Civil Society Platform 2027"),
                    ("deadline", "2027-03-31T17:00"),
                    ("eligible_member_states", "MT"),
                    ("errata", "An erratum."),
                    ("action", "save"),
                ]),
                EDITORS,
            ),
            ("/workspace/calls/csp-2027/unpublish".into(), owned(&[("confirm", "yes")]), EDITORS),
            ("/workspace/calls/csp-2027/publish".into(), vec![], EDITORS),
            (
                "/workspace/news/new".into(),
                owned(&[
                    ("slug", &new_slug),
                    ("title", "News"),
                    ("date", "2027-01"),
                    ("body", "Text."),
                    ("action", "save"),
                ]),
                EDITORS,
            ),
            (
                format!("/workspace/news/{news}/edit"),
                owned(&[("title", "Edited news"), ("date", "2018-10-18"), ("body", "Text."), ("action", "save")]),
                EDITORS,
            ),
            (format!("/workspace/news/{news}/unpublish"), owned(&[("confirm", "yes")]), EDITORS),
            (format!("/workspace/news/{news}/publish"), vec![], EDITORS),
            (
                "/workspace/instruments/new".into(),
                owned(&[("slug", &new_slug), ("kind", "study"), ("title", "A study"), ("action", "save")]),
                EDITORS,
            ),
            (
                format!("/workspace/instruments/{instrument}/edit"),
                owned(&[("kind", "directive"), ("title", "An edited directive"), ("action", "save")]),
                EDITORS,
            ),
            (format!("/workspace/instruments/{instrument}/unpublish"), owned(&[("confirm", "yes")]), EDITORS),
            (format!("/workspace/instruments/{instrument}/publish"), vec![], EDITORS),
            (
                "/workspace/member-states/de/edit".into(),
                owned(&[("nrem", "Bundeskriminalamt"), ("summary", "Written in the matrix."), ("action", "save")]),
                DE,
            ),
            (
                "/workspace/meetings".into(),
                owned(&[("slug", &new_slug), ("title", "A meeting"), ("date", "2027-03-01"), ("presidency", "PL")]),
                EDITORS,
            ),
            ("/workspace/meetings/nrem-2025-h1/minutes".into(), owned(&[("minutes", "The network met.")]), EDITORS),
            ("/workspace/meetings/nrem-2025-h1/attendance/de".into(), owned(&[("present", "1")]), DE),
            (
                "/workspace/commitments/js2018-gender-specific-child-sensitive/progress".into(),
                owned(&[("date", "2018-11-30"), ("text", "A joint training."), ("status", "in_progress")]),
                EUROPOL,
            ),
            (
                "/workspace/commitments".into(),
                owned(&[
                    ("slug", &new_slug),
                    ("instrument", "joint-statement-2018"),
                    ("title", "Joint training on identifying victims"),
                    ("owners", "europol"),
                    ("owners", "cepol"),
                    ("due", "2019-12-31"),
                ]),
                EDITORS,
            ),
            (
                "/workspace/accounts".into(),
                owned(&[
                    ("email", &format!("new-{role}@example.eu")),
                    ("role", "editor"),
                    ("password", "a long enough password"),
                ]),
                ADMIN,
            ),
            ("/workspace/accounts/spare@example.eu/disable".into(), owned(&[("confirm", "yes")]), ADMIN),
            ("/workspace/accounts/spare@example.eu/enable".into(), vec![], ADMIN),
            (
                "/workspace/accounts/spare@example.eu/password".into(),
                owned(&[("password", "another long passphrase")]),
                ADMIN,
            ),
            ("/account/tokens".into(), vec![], SIGNED_IN),
            ("/account/tokens/revoke".into(), owned(&[("confirm", "yes")]), SIGNED_IN),
            (format!("/workspace/platform/applications/{application}/accept"), vec![], EDITORS),
        ];
        for (uri, fields, allowed_roles) in &routes {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let allowed = allowed_roles.contains(role);
            if allowed {
                // Without the CSRF token, even an allowed role changes nothing.
                let before = audit_total(&app).await;
                let forged = post_form(&app, session, uri, &fields, false).await;
                assert_eq!(forged.status, StatusCode::FORBIDDEN, "{role} {uri} without CSRF");
                assert_eq!(audit_total(&app).await, before, "{role} {uri} without CSRF changed nothing");
            }
            let before = audit_total(&app).await;
            let reply = post_form(&app, session, uri, &fields, true).await;
            check(&app, role, uri, allowed, &reply, before).await;
        }
        let before = audit_total(&app).await;
        let reply = post_document(&app, session, "/workspace/meetings/nrem-2025-h1/documents").await;
        check(&app, role, "documents", DOCUMENTS.contains(role), &reply, before).await;
    }
    // The reset password is the spare account's now.
    let spare = Email::parse("spare@example.eu").unwrap();
    assert!(app.store.check_password(&spare, "another long passphrase").await.unwrap().is_some());
    // A rapporteur for DE writes nothing of FR.
    let (_, rapporteur) = all.iter().find(|(r, _)| *r == "rapporteur").unwrap();
    for uri in ["/workspace/member-states/fr/edit", "/workspace/meetings/nrem-2025-h1/attendance/fr"] {
        let before = audit_total(&app).await;
        let reply =
            post_form(&app, rapporteur, uri, &[("present", "1"), ("summary", "x"), ("action", "save")], true).await;
        check(&app, "rapporteur", uri, false, &reply, before).await;
    }
}

async fn check(app: &TestApp, role: &str, uri: &str, allowed: bool, reply: &Reply, before: u64) {
    let after = audit_total(app).await;
    if allowed {
        assert!(
            (reply.status.is_success() || reply.status.is_redirection()) && !redirected_to_sign_in(reply),
            "{role} {uri}: {} {}",
            reply.status,
            reply.body
        );
        assert!(after > before, "{role} {uri} is audited");
    } else {
        if role == "anonymous" {
            assert!(
                redirected_to_sign_in(reply) || reply.status == StatusCode::UNAUTHORIZED,
                "{role} {uri}: {}",
                reply.status
            );
        } else {
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{role} {uri}: {}", reply.body);
        }
        assert_eq!(after, before, "{role} {uri} changed nothing");
    }
}

#[tokio::test]
async fn an_editor_writes_a_call_in_the_browser_with_preview_errors_and_revisions() {
    let (app, _) = matrix_app().await;
    let all = sessions(&app).await;
    let (_, editor) = all.iter().find(|(r, _)| *r == "editor").unwrap();
    let cookie = editor.as_ref().map(|(s, _)| ("rapporteur_session", s.as_str())).unwrap();
    let list = send(&app, "GET", "/workspace/calls", &[cookie], None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("/workspace/calls/new") && list.body.contains("/workspace/calls/csp-2027/edit"));
    let form = send(&app, "GET", "/workspace/calls/new", &[cookie], None).await;
    assert!(form.body.contains("name=\"eligible_member_states\" value=\"DK\""), "member states as checkboxes");

    let fields = [
        ("slug", "csp-2028"),
        ("kind", "expression_of_interest"),
        ("title", "Civil Society Platform 2028"),
        ("deadline", "2028-02-30"),
        ("eligible_member_states", "DK"),
        ("eligible_member_states", "EE"),
        ("summary", "Apply by the deadline."),
        ("action", "preview"),
    ];
    let refused = post_form(&app, editor, "/workspace/calls/new", &fields, true).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("f-deadline-error") && refused.body.contains("2028-02-30"), "{}", refused.body);
    assert!(refused.body.contains("value=\"EE\" checked"), "the ticked boxes stay ticked");

    let mut fields = fields.to_vec();
    fields[3] = ("deadline", "2028-02-29T17:00");
    let preview = post_form(&app, editor, "/workspace/calls/new", &fields, true).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("preview-heading") && preview.body.contains("Estonia"), "{}", preview.body);
    assert!(app
        .store
        .find_item_for_editing(rapporteur_core::editing::ContentKind::Call, &Slug::parse("csp-2028").unwrap())
        .await
        .unwrap()
        .is_none());

    fields[7] = ("action", "save");
    let saved = post_form(&app, editor, "/workspace/calls/new", &fields, true).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.headers.get("location").unwrap(), "/workspace/calls/csp-2028/edit");
    assert_eq!(app.get("/calls/csp-2028").await.status, StatusCode::NOT_FOUND, "saved as a draft");
    let again = post_form(&app, editor, "/workspace/calls/new", &fields, true).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("already taken"));

    post_form(&app, editor, "/workspace/calls/csp-2028/publish", &[], true).await;
    assert!(app.get_ok("/calls/csp-2028").await.body.contains("Denmark"));
    let mut edit: Vec<(&str, &str)> = fields.iter().filter(|(k, _)| *k != "slug").copied().collect();
    edit.push(("errata", "The deadline is 29 February 2028."));
    let saved = post_form(&app, editor, "/workspace/calls/csp-2028/edit", &edit, true).await;
    assert_eq!(saved.headers.get("location").unwrap(), "/workspace/calls/csp-2028/revisions");
    let revisions = send(&app, "GET", "/workspace/calls/csp-2028/revisions", &[cookie], None).await;
    assert!(revisions.body.contains("editor@example.eu"));
    for action in ["Created", "Published", "Edited"] {
        assert!(revisions.body.contains(action), "{action}");
    }
    assert!(app.get_ok("/calls/csp-2028").await.body.contains("The deadline is 29 February 2028."));
    assert_eq!(app.get_ok("/api/v1/calls/csp-2028").await.json()["deadline_as_written"], "2028-02-29 17:00");
    let form = send(&app, "GET", "/workspace/calls/csp-2028/edit", &[cookie], None).await;
    assert!(form.body.contains("name=\"deadline_as_written\" value=\"\""), "a default is not shown as written");

    // Minutes, written in the browser, show on the meeting's page.
    let saved =
        post_form(&app, editor, "/workspace/meetings/nrem-2025-h1/minutes", &[("minutes", "First.\n\nSecond.")], true)
            .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let meeting = send(&app, "GET", "/workspace/meetings/nrem-2025-h1", &[cookie], None).await;
    assert!(meeting.body.contains("<p>First.</p><p>Second.</p>"), "{}", meeting.body);

    // The lead's country is checked and its error shown at its own field.
    let refused = post_form(
        &app,
        editor,
        "/workspace/projects/new",
        &[
            ("slug", "p"),
            ("title", "P"),
            ("reference", "FP7 290529"),
            ("coordinator_role", "coordinator"),
            ("coordinator_country", "ZZ"),
            ("action", "save"),
        ],
        true,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("f-coordinator_country-error"), "{}", refused.body);

    // New projects start as drafts and are listed for editors until published.
    let saved = post_form(
        &app,
        editor,
        "/workspace/projects/new",
        &[
            ("slug", "draft-project"),
            ("title", "A drafted project"),
            ("reference", "FP7 290529"),
            ("coordinator_role", "coordinator"),
            ("action", "save"),
        ],
        true,
    )
    .await;
    assert_eq!(saved.headers.get("location").unwrap(), "/workspace/projects/draft-project/edit");
    assert!(send(&app, "GET", "/workspace/projects", &[cookie], None).await.body.contains("A drafted project"));
    assert_eq!(app.get("/projects/draft-project").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn editors_review_applications_through_the_api_and_a_cso_reads_only_its_own() {
    let (app, applications) = matrix_app().await;
    let all = tokens(&app).await;
    let before = audit_total(&app).await;
    let uri = |id: i64, action: &str| format!("/api/v1/civil-society/applications/{id}/{action}");
    for (role, token) in &all {
        if matches!(*role, "admin" | "editor") {
            continue;
        }
        let (status, _) = call(&app, Method::GET, "/api/v1/civil-society/applications", token.as_deref(), None).await;
        let expected = match (*role, token) {
            (_, None) => StatusCode::UNAUTHORIZED,
            ("cso", _) => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role} lists applications");
        for action in ["accept", "reject"] {
            let (status, _) = call(&app, Method::POST, &uri(applications[0], action), token.as_deref(), None).await;
            let expected = if token.is_none() { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
            assert_eq!(status, expected, "{role} {action}s");
        }
    }
    assert_eq!(audit_total(&app).await, before, "nothing changed");

    let editor = token_of(&all, "editor");
    let (_, listed) = call(&app, Method::GET, "/api/v1/civil-society/applications", Some(&editor), None).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), applications.len());
    let (status, accepted) = call(&app, Method::POST, &uri(applications[0], "accept"), Some(&editor), None).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["decided_by"], "editor@example.eu");
    let (status, rejected) = call(&app, Method::POST, &uri(applications[1], "reject"), Some(&editor), None).await;
    assert_eq!((status, rejected["status"].as_str()), (StatusCode::OK, Some("rejected")));
    let (status, _) = call(&app, Method::POST, &uri(applications[0], "reject"), Some(&editor), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "a decision stands");
    let (status, _) = call(&app, Method::POST, &uri(999_999, "accept"), Some(&editor), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let balance = app.get_ok("/api/v1/civil-society/balance").await.json();
    let malta = balance.as_array().unwrap().iter().find(|e| e["member_state"] == "MT").unwrap().clone();
    assert_eq!(malta["members"], 1);

    // The accepted organisation's new cso account sees its own application, and no one else's.
    let member = Email::parse("office0@shelter.example").unwrap();
    let account = app.store.find_account_by_email(&member).await.unwrap().expect("a cso account on acceptance");
    assert!(matches!(&account.role, Role::Cso { organisation } if organisation.as_str() == "shelter-network-0"));
    let cso = app.store.create_api_token(&Actor::Cli, &member).await.unwrap();
    // Anyone may apply under the same name; the member does not see that application.
    let namesake = NewApplication {
        call: Slug::parse("csp-2027").unwrap(),
        organisation_name: "Shelter network 0".into(),
        organisation: Slug::parse("shelter-network-0").unwrap(),
        member_state: MemberState::parse("MT").unwrap(),
        contact_email: Email::parse("someone.else@example.org").unwrap(),
        motivation: "Same name, another organisation.".into(),
    };
    app.store.submit_application(&namesake).await.unwrap();
    let (_, own) = call(&app, Method::GET, "/api/v1/civil-society/applications", Some(&cso), None).await;
    let own = own["items"].as_array().unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["organisation"], "shelter-network-0");
    assert_eq!(own[0]["status"], "accepted");
    assert_eq!(own[0]["decided_by"], Value::Null, "the deciding editor's address stays inside the office");
    let (_, none) =
        call(&app, Method::GET, "/api/v1/civil-society/applications", Some(&token_of(&all, "cso")), None).await;
    assert_eq!(none["items"], json!([]), "la-strada has applied to nothing");
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(AFTER_ALL_DEADLINES).unwrap().with_timezone(&Utc);
    let session = app.store.create_session(account.id, now, Duration::hours(1)).await.unwrap();
    let page = send(&app, "GET", "/account", &[("rapporteur_session", session.secret.as_str())], None).await;
    assert!(page.body.contains("Your applications") && page.body.contains("csp-2027: Accepted"), "{}", page.body);
}

#[tokio::test]
async fn member_state_pages_have_a_preview_errors_and_revisions_scoped_to_their_member_state() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = sessions(&app).await;
    let (_, rapporteur) = all.iter().find(|(r, _)| *r == "rapporteur").unwrap();
    let cookie = rapporteur.as_ref().map(|(s, _)| ("rapporteur_session", s.as_str())).unwrap();
    let long = "x".repeat(301);
    let refused =
        post_form(&app, rapporteur, "/workspace/member-states/de/edit", &[("nrem", &long), ("action", "save")], true)
            .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("f-nrem-error"), "{}", refused.body);
    let fields =
        [("nrem", "Bundeskriminalamt"), ("summary", "First paragraph.\n\nSecond paragraph."), ("action", "preview")];
    let preview = post_form(&app, rapporteur, "/workspace/member-states/de/edit", &fields, true).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("preview-heading") && preview.body.contains("Second paragraph."));
    assert!(!app.get_ok("/member-states/de").await.body.contains("Second paragraph."), "a preview saves nothing");
    let mut save = fields;
    save[2] = ("action", "save");
    let saved = post_form(&app, rapporteur, "/workspace/member-states/de/edit", &save, true).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    save[0] = ("nrem", "Federal Criminal Police Office");
    post_form(&app, rapporteur, "/workspace/member-states/de/edit", &save, true).await;
    let revisions = send(&app, "GET", "/workspace/member-states/de/revisions", &[cookie], None).await;
    assert_eq!(revisions.status, StatusCode::OK);
    assert!(revisions.body.contains("Bundeskriminalamt") && revisions.body.contains("Federal Criminal Police Office"));
    assert!(revisions.body.contains("rapporteur@example.eu"));
    assert_eq!(
        send(&app, "GET", "/workspace/member-states/fr/revisions", &[cookie], None).await.status,
        StatusCode::FORBIDDEN,
        "DE's rapporteur reads nothing of FR"
    );
    assert!(redirected_to_sign_in(&send(&app, "GET", "/workspace/member-states/de/revisions", &[], None).await));

    let tokens = tokens_of_sessions(&app).await;
    for (role, code, expected) in [
        ("rapporteur", "de", StatusCode::OK),
        ("rapporteur", "fr", StatusCode::FORBIDDEN),
        ("editor", "fr", StatusCode::OK),
        ("agency", "de", StatusCode::FORBIDDEN),
    ] {
        let token = tokens.iter().find(|(r, _)| *r == role).unwrap().1.clone();
        let (status, body) =
            call(&app, Method::GET, &format!("/api/v1/member-states/{code}/revisions"), Some(&token), None).await;
        assert_eq!(status, expected, "{role} reads {code}'s revisions");
        if role == "rapporteur" && code == "de" {
            let body = &body["items"];
            assert_eq!(body[0]["nrem"], "Federal Criminal Police Office");
            assert_eq!(body[1]["nrem"], "Bundeskriminalamt");
            assert_eq!(body[0]["summary"][1], "Second paragraph.");
        }
    }
    let (status, _) = call(&app, Method::GET, "/api/v1/member-states/de/revisions", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// API tokens of the accounts `sessions` created.
async fn tokens_of_sessions(app: &TestApp) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for role in ["admin", "editor", "rapporteur", "source", "agency", "cso"] {
        let email = Email::parse(&format!("{role}@example.eu")).unwrap();
        out.push((role, app.store.create_api_token(&Actor::Cli, &email).await.unwrap()));
    }
    out
}

#[tokio::test]
async fn editors_enter_commitments_that_a_text_states_and_nobody_else_does() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let commitment = |slug: &str| {
        json!({
            "slug": slug,
            "instrument": "joint-statement-2018",
            "title": "Joint training on identifying victims",
            "owners": ["europol", "cepol"],
            "due": "2019-12-31",
        })
    };
    for (role, token) in &all {
        let before = audit_total(&app).await;
        let (status, body) =
            call(&app, Method::POST, "/api/v1/commitments", token.as_deref(), Some(&commitment(&format!("c-{role}"))))
                .await;
        match *role {
            "admin" | "editor" => {
                assert_eq!(status, StatusCode::CREATED, "{role}: {body}");
                assert_eq!(body["owners"], json!(["europol", "cepol"]));
                assert_eq!(body["status"], Value::Null, "no status is invented");
                assert_eq!(body["source_text"], "");
            }
            "anonymous" => assert_eq!(status, StatusCode::UNAUTHORIZED),
            _ => {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
                assert_eq!(audit_total(&app).await, before, "{role} changed nothing");
            }
        }
    }
    let editor = token_of(&all, "editor");
    let (status, _) =
        call(&app, Method::POST, "/api/v1/commitments", Some(&editor), Some(&commitment("c-editor"))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut bad = commitment("Bad Slug");
    bad["instrument"] = json!("no-such-instrument");
    bad["owners"] = json!(["europol", "interpol"]);
    bad["title"] = json!("");
    let (status, body) = call(&app, Method::POST, "/api/v1/commitments", Some(&editor), Some(&bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&body), ["slug", "instrument", "title", "owners[1]"]);

    // Europol, an owner, records progress on it; the dashboard and the report count it.
    let agency = token_of(&all, "agency");
    let progress = json!({ "date": "2019-03-01", "text": "First joint training held.", "status": "in_progress" });
    let (status, _) =
        call(&app, Method::POST, "/api/v1/commitments/c-editor/progress", Some(&agency), Some(&progress)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = call(&app, Method::GET, "/api/v1/commitments", Some(&agency), None).await;
    let entered = list.as_array().unwrap().iter().find(|c| c["slug"] == "c-editor").unwrap().clone();
    assert_eq!(entered["status"], "in_progress");
}

#[tokio::test]
async fn admins_filter_the_audit_page_by_actor_kind_object_and_date() {
    let (app, _) = matrix_app().await;
    let all = sessions(&app).await;
    let (_, editor) = all.iter().find(|(r, _)| *r == "editor").unwrap();
    post_form(&app, editor, "/workspace/calls/csp-2027/unpublish", &[("confirm", "yes")], true).await;
    post_form(&app, editor, "/workspace/meetings/nrem-2025-h1/minutes", &[("minutes", "Minuted.")], true).await;
    let (_, admin) = all.iter().find(|(r, _)| *r == "admin").unwrap();
    let cookie = [("rapporteur_session", admin.as_ref().unwrap().0.as_str())];
    let page = |query: &'static str| send(&app, "GET", query, &cookie, None);
    let calls = page("/workspace/audit?object_kind=call&actor=editor%40example.eu").await;
    assert_eq!(calls.status, StatusCode::OK);
    assert!(calls.body.contains("call csp-2027") && !calls.body.contains("meeting nrem-2025-h1"), "{}", calls.body);
    // The audit log's times are the real clock's; every entry was written today or earlier.
    let future = page("/workspace/audit?from=2999-01-01").await;
    assert_eq!(future.status, StatusCode::OK);
    assert!(!future.body.contains("csp-2027"), "{}", future.body);
    assert!(page("/workspace/audit?to=2999-01-01&object=csp-2027").await.body.contains("call csp-2027"));
    let bad = page("/workspace/audit?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("from"));
    let (_, rapporteur) = all.iter().find(|(r, _)| *r == "rapporteur").unwrap();
    let refused =
        send(&app, "GET", "/workspace/audit", &[("rapporteur_session", rapporteur.as_ref().unwrap().0.as_str())], None)
            .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_editors_see_the_editing_pages_where_drafts_show() {
    let (app, _) = matrix_app().await;
    let all = sessions(&app).await;
    let pages = [
        "/workspace/projects",
        "/workspace/projects/new",
        "/workspace/projects/glomig/edit",
        "/workspace/projects/glomig/revisions",
        "/workspace/calls",
        "/workspace/calls/new",
        "/workspace/calls/csp-2027/edit",
        "/workspace/calls/csp-2027/revisions",
        "/workspace/news",
        "/workspace/news/new",
        "/workspace/instruments",
        "/workspace/instruments/directive-2011-36-eu/edit",
        "/workspace/instruments/directive-2011-36-eu/revisions",
        "/workspace/platform",
        "/workspace/audit",
        "/workspace/accounts",
    ];
    for (role, session) in &all {
        let cookies: Vec<(&str, &str)> =
            session.iter().map(|(secret, _)| ("rapporteur_session", secret.as_str())).collect();
        for uri in pages {
            let reply = send(&app, "GET", uri, &cookies, None).await;
            let admin_only = matches!(uri, "/workspace/audit" | "/workspace/accounts");
            match *role {
                "anonymous" => assert!(redirected_to_sign_in(&reply), "{role} GET {uri}: {}", reply.status),
                "admin" => assert_eq!(reply.status, StatusCode::OK, "{role} GET {uri}"),
                "editor" if !admin_only => assert_eq!(reply.status, StatusCode::OK, "{role} GET {uri}"),
                _ => assert_eq!(reply.status, StatusCode::FORBIDDEN, "{role} GET {uri}"),
            }
        }
    }
}

#[tokio::test]
async fn odd_forms_from_an_editor_never_give_a_500() {
    let (app, applications) = matrix_app().await;
    let all = sessions(&app).await;
    let (_, admin) = all.iter().find(|(r, _)| *r == "admin").unwrap();
    let long = "é".repeat(20_000);
    let odd_fields: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("action", "save")],
        vec![("slug", "../../etc/passwd"), ("action", "save")],
        vec![("slug", &long), ("title", &long), ("deadline", &long), ("date", &long), ("action", "save")],
        vec![("kind", "💥"), ("eligible_member_states", "GB"), ("instruments", "x"), ("action", "preview")],
        vec![("due", "31/12/2019"), ("owners", ""), ("instrument", "")],
        vec![("present", "maybe"), ("minutes", "\u{0}"), ("password", "short")],
    ];
    let application = applications[0].to_string();
    let routes = [
        "/workspace/projects/new".to_owned(),
        "/workspace/projects/glomig/edit".into(),
        "/workspace/calls/new".into(),
        "/workspace/calls/csp-2027/edit".into(),
        "/workspace/news/new".into(),
        "/workspace/instruments/new".into(),
        "/workspace/member-states/de/edit".into(),
        "/workspace/meetings".into(),
        "/workspace/meetings/nrem-2025-h1/minutes".into(),
        "/workspace/meetings/nrem-2025-h1/attendance/de".into(),
        "/workspace/commitments".into(),
        "/workspace/commitments/js2018-working-together/progress".into(),
        "/workspace/accounts".into(),
        "/workspace/accounts/spare@example.eu/password".into(),
        format!("/workspace/platform/applications/{application}/accept"),
        "/workspace/calls/no-such-call/edit".into(),
        "/workspace/member-states/xx/edit".into(),
    ];
    for uri in &routes {
        for fields in &odd_fields {
            let reply = post_form(&app, admin, uri, fields, true).await;
            assert!(!reply.status.is_server_error(), "{uri} {fields:?}: {} {}", reply.status, reply.body);
        }
        if !uri.contains("/xx/") {
            let nul = post_form(&app, admin, uri, &[("title", "a\u{0}b")], true).await;
            assert_eq!(nul.status, StatusCode::BAD_REQUEST, "{uri}: a NUL character is refused at the edge");
            assert!(nul.body.contains("NUL"));
        }
        // Not a form at all.
        let secret = admin.as_ref().unwrap().0.as_str();
        let reply = send(&app, "POST", uri, &[("rapporteur_session", secret)], Some("%%%=&&==%ZZ")).await;
        assert!(!reply.status.is_server_error(), "{uri} with a broken body: {}", reply.status);
    }
}
