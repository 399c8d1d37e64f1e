//! Editing projects through the API, and the role-by-route matrix of every mutating route.

use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::{MemberState, Paging, Slug};
use rapporteur_store::{AccountRepository, Actor, AuditFilter};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Accounts of every role, with a token each; `None` is the anonymous public.
pub async fn tokens(app: &TestApp) -> Vec<(&'static str, Option<String>)> {
    let pw = Password::new("a long enough password".into()).unwrap();
    let slug = |s: &str| Slug::parse(s).unwrap();
    let de = MemberState::parse("DE").unwrap();
    let roles = [
        ("admin", Role::Admin),
        ("editor", Role::Editor),
        ("rapporteur", Role::Rapporteur { member_state: de }),
        ("source", Role::Source { member_state: de, organisation: slug("bka") }),
        ("agency", Role::Agency { agency: slug("europol") }),
        ("cso", Role::Cso { organisation: slug("la-strada") }),
    ];
    let mut out = vec![("anonymous", None)];
    for (name, role) in roles {
        let email = Email::parse(&format!("{name}@example.eu")).unwrap();
        app.store.create_account(&Actor::Cli, &email, &role, &pw).await.unwrap();
        out.push((name, Some(app.store.create_api_token(&Actor::Cli, &email).await.unwrap())));
    }
    out
}

pub async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    let response = app.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn new_project(slug: &str) -> Value {
    json!({
        "slug": slug,
        "acronym": "NEWPROJ",
        "title": "A new project on labour exploitation",
        "reference": "ERC-2020-StG Grant #123456",
        "coordinator": { "role": "host_institution", "name": "Ghent University", "country": "BE" },
        "budget_eur": "1500000.00",
        "start_date": "2021-01-01",
        "end_date": "2025-12-31",
        "partners": [{ "name": "University of Malta", "acronym": "UM", "country": "MT" }],
        "objectives": ["To measure labour exploitation."],
    })
}

pub async fn audit_total(app: &TestApp) -> u64 {
    app.store.list_audit(&AuditFilter::default(), Paging::first(1)).await.unwrap().total
}

#[tokio::test]
async fn an_editor_creates_publishes_edits_and_sees_revisions() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    let (status, created) =
        call(&app, Method::POST, "/api/v1/projects", Some(&editor), Some(&new_project("new-project"))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["published"], false);
    assert_eq!(created["duration_months"], 60);
    assert_eq!(app.get("/projects/new-project").await.status, StatusCode::NOT_FOUND, "a draft is not public");
    assert_eq!(app.get_ok("/api/v1/search?q=NEWPROJ").await.json()["total"], 0);
    let (status, _) = call(&app, Method::POST, "/api/v1/projects/new-project/publish", Some(&editor), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(app.get_ok("/projects/new-project").await.body.contains("A new project on labour exploitation"));
    assert_eq!(
        app.get_ok("/api/v1/search?q=NEWPROJ").await.json()["total"],
        1,
        "published projects are searchable at once"
    );

    let mut edit = new_project("new-project");
    edit["title"] = json!("A renamed project");
    let (status, updated) = call(&app, Method::PUT, "/api/v1/projects/new-project", Some(&editor), Some(&edit)).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["title"], "A renamed project");
    assert_eq!(updated["published"], true);
    assert!(app.get_ok("/projects/new-project").await.body.contains("A renamed project"));
    let (_, revisions) = call(&app, Method::GET, "/api/v1/projects/new-project/revisions", Some(&editor), None).await;
    let revisions = revisions["items"].clone();
    let actions: Vec<&str> = revisions.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["update", "publish", "create"]);
    assert_eq!(revisions[0]["actor"], "editor@example.eu");
    assert_eq!(revisions[2]["item"]["title"], "A new project on labour exploitation");

    // The audit entry shows who changed what, before and after.
    let admin = all.iter().find(|(n, _)| *n == "admin").unwrap().1.clone().unwrap();
    let (_, log) = call(&app, Method::GET, "/api/v1/audit?object=new-project", Some(&admin), None).await;
    assert_eq!(log["items"][0]["action"], "update");
    assert_eq!(log["items"][0]["before"]["title"], "A new project on labour exploitation");
    assert_eq!(log["items"][0]["after"]["title"], "A renamed project");
}

#[tokio::test]
async fn bad_projects_are_refused_field_by_field() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    let before = audit_total(&app).await;
    let mut bad = new_project("Bad Slug");
    bad["reference"] = json!("FP9 1");
    bad["budget_eur"] = json!("lots");
    bad["end_date"] = json!("2020-01-01");
    bad["partners"][0]["country"] = json!("Atlantis");
    let (status, body) = call(&app, Method::POST, "/api/v1/projects", Some(&editor), Some(&bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["slug", "reference", "budget_eur", "end_date", "partners[0].country"]);
    let (status, body) =
        call(&app, Method::PUT, "/api/v1/projects/anticorrp", Some(&editor), Some(&json!({"slug": "anticorrp"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "body");
    assert!(body["errors"][0]["detail"].as_str().unwrap().contains("line 1"));
    let (status, body) =
        call(&app, Method::PUT, "/api/v1/projects/anticorrp", Some(&editor), Some(&new_project("glomig"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "slug");
    let (status, _) = call(
        &app,
        Method::PUT,
        "/api/v1/projects/no-such-project",
        Some(&editor),
        Some(&new_project("no-such-project")),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        call(&app, Method::POST, "/api/v1/projects", Some(&editor), Some(&new_project("anticorrp"))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(audit_total(&app).await, before, "nothing was written");
    assert_eq!(app.get_ok("/api/v1/projects/anticorrp").await.json()["partners"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn role_by_route_matrix_of_mutating_routes() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let mut edit = new_project("anticorrp");
    edit["title"] = json!("Changed");
    for (role, token) in &all {
        let allowed = matches!(*role, "admin" | "editor");
        let routes: Vec<(Method, &str, Option<Value>)> = vec![
            (Method::POST, "/api/v1/projects", Some(new_project(&format!("matrix-{role}")))),
            (Method::PUT, "/api/v1/projects/anticorrp", Some(edit.clone())),
            (Method::POST, "/api/v1/projects/anticorrp/unpublish", None),
            (Method::POST, "/api/v1/projects/anticorrp/publish", None),
        ];
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
    }
    let (status, _) = call(&app, Method::GET, "/api/v1/projects/anticorrp/revisions", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let rapporteur = all.iter().find(|(n, _)| *n == "rapporteur").unwrap().1.as_deref();
    let (status, _) = call(&app, Method::GET, "/api/v1/projects/anticorrp/revisions", rapporteur, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_rapporteur_for_de_writes_de_and_nothing_of_fr() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let token = |role: &str| all.iter().find(|(n, _)| *n == role).unwrap().1.clone();
    let body = json!({ "nrem": "Bundeskriminalamt (example)", "summary": ["Written by the German rapporteur."] });
    for (role, code, expected) in [
        ("anonymous", "DE", StatusCode::UNAUTHORIZED),
        ("rapporteur", "FR", StatusCode::FORBIDDEN),
        ("source", "DE", StatusCode::FORBIDDEN),
        ("agency", "DE", StatusCode::FORBIDDEN),
        ("cso", "DE", StatusCode::FORBIDDEN),
        ("rapporteur", "DE", StatusCode::OK),
        ("editor", "FR", StatusCode::OK),
    ] {
        let before = audit_total(&app).await;
        let (status, answer) =
            call(&app, Method::PUT, &format!("/api/v1/member-states/{code}"), token(role).as_deref(), Some(&body))
                .await;
        assert_eq!(status, expected, "{role} PUT {code}: {answer}");
        assert_eq!(audit_total(&app).await > before, status.is_success(), "{role} PUT {code}: audited iff allowed");
    }
    let de = app.get_ok("/api/v1/member-states/DE").await.json();
    assert_eq!(de["summary"][0], "Written by the German rapporteur.");
    assert!(app.get_ok("/member-states/de").await.body.contains("Written by the German rapporteur."));
    let fr = app.get_ok("/api/v1/member-states/FR").await.json();
    assert_eq!(fr["nrem"], "Bundeskriminalamt (example)", "written by the editor, not the rapporteur");
    let (_, log) = call(&app, Method::GET, "/api/v1/audit?object=FR", token("admin").as_deref(), None).await;
    assert_eq!(log["items"][0]["actor"], "editor@example.eu");
    assert_eq!(log["total"], 1);
}

#[tokio::test]
async fn only_admins_manage_accounts_and_everyone_manages_their_own_tokens() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let new_account = |email: &str| json!({ "email": email, "role": "rapporteur", "member_state": "FR", "password": "a long enough password" });
    let password = json!({ "password": "another long password" });
    // A target of its own: disabling revokes tokens, and the roles' own tokens must keep working.
    let pw = Password::new("a long enough password".into()).unwrap();
    app.store
        .create_account(&Actor::Cli, &Email::parse("target@example.eu").unwrap(), &Role::Editor, &pw)
        .await
        .unwrap();
    for (role, token) in &all {
        let allowed = *role == "admin";
        let target = format!("new-{role}@example.eu");
        let routes: Vec<(Method, String, Option<Value>)> = vec![
            (Method::POST, "/api/v1/accounts".into(), Some(new_account(&target))),
            (Method::POST, "/api/v1/accounts/target@example.eu/disable".into(), None),
            (Method::POST, "/api/v1/accounts/target@example.eu/enable".into(), None),
            (Method::POST, "/api/v1/accounts/target@example.eu/password".into(), Some(password.clone())),
        ];
        for (method, uri, body) in &routes {
            let before = audit_total(&app).await;
            let (status, answer) = call(&app, method.clone(), uri, token.as_deref(), body.as_ref()).await;
            if allowed {
                assert!(status.is_success(), "{role} {method} {uri}: {status} {answer}");
                assert!(audit_total(&app).await > before);
            } else {
                let expected = if token.is_none() { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                assert_eq!(status, expected, "{role} {method} {uri}");
                assert_eq!(audit_total(&app).await, before, "{role} {method} {uri} changed nothing");
            }
        }
    }
    let admin = all.iter().find(|(n, _)| *n == "admin").unwrap().1.clone();
    let (_, list) = call(&app, Method::GET, "/api/v1/accounts", admin.as_deref(), None).await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["email"] == "new-admin@example.eu" && a["member_state"] == "FR"));
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/accounts",
        admin.as_deref(),
        Some(&json!({"email": "x@example.eu", "role": "rapporteur", "password": "a long enough password"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a rapporteur needs a member state");
    assert_eq!(body["errors"][0]["field"], "role");

    // Personal tokens: created by their owner, shown once, revoked together.
    let cso = all.iter().find(|(n, _)| *n == "cso").unwrap().1.clone();
    let (status, created) = call(&app, Method::POST, "/api/v1/me/tokens", cso.as_deref(), None).await;
    assert_eq!(status, StatusCode::CREATED);
    let second = created["token"].as_str().unwrap().to_owned();
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&second), None).await.0, StatusCode::OK);
    assert_eq!(call(&app, Method::DELETE, "/api/v1/me/tokens", Some(&second), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&second), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call(&app, Method::GET, "/api/v1/me", cso.as_deref(), None).await.0,
        StatusCode::UNAUTHORIZED,
        "all revoked"
    );
    assert_eq!(call(&app, Method::POST, "/api/v1/me/tokens", None, None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn agencies_record_progress_on_their_own_commitments_only() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let token = |role: &str| all.iter().find(|(n, _)| *n == role).unwrap().1.clone();
    let progress = json!({ "date": "2018-11-30", "text": "Joint training delivered.", "evidence": "https://example.eu/report", "status": "in_progress" });
    for (role, slug, expected) in [
        ("anonymous", "js2018-gender-specific-child-sensitive", StatusCode::UNAUTHORIZED),
        ("rapporteur", "js2018-gender-specific-child-sensitive", StatusCode::FORBIDDEN),
        ("cso", "js2018-gender-specific-child-sensitive", StatusCode::FORBIDDEN),
        ("agency", "com2017-progress-report", StatusCode::FORBIDDEN),
        ("agency", "js2018-gender-specific-child-sensitive", StatusCode::CREATED),
        ("editor", "com2017-progress-report", StatusCode::CREATED),
    ] {
        let before = audit_total(&app).await;
        let (status, answer) = call(
            &app,
            Method::POST,
            &format!("/api/v1/commitments/{slug}/progress"),
            token(role).as_deref(),
            Some(&progress),
        )
        .await;
        assert_eq!(status, expected, "{role} on {slug}: {answer}");
        assert_eq!(audit_total(&app).await > before, status.is_success());
    }
    let (status, body) = call(
        &app,
        Method::POST,
        "/api/v1/commitments/com2017-progress-report/progress",
        token("editor").as_deref(),
        Some(&json!({"date": "2018-11-30", "text": "x", "status": "finished"})),
    )
    .await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("status")));
    let (_, list) = call(&app, Method::GET, "/api/v1/commitments", token("agency").as_deref(), None).await;
    let gender =
        list.as_array().unwrap().iter().find(|c| c["slug"] == "js2018-gender-specific-child-sensitive").unwrap();
    assert_eq!(gender["status"], "in_progress");
    assert_eq!(gender["progress"][0]["author"], "agency@example.eu");
    let untouched = list.as_array().unwrap().iter().find(|c| c["slug"] == "js2018-prevention-at-the-core").unwrap();
    assert!(untouched["status"].is_null(), "no status is invented");
    let response = app
        .router
        .clone()
        .oneshot(
            Request::get("/workspace/commitments/report.odt")
                .header("authorization", format!("Bearer {}", token("agency").unwrap()))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/vnd.oasis.opendocument.text");
    let bytes = axum::body::to_bytes(response.into_body(), 10_000_000).await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("content.xml").unwrap(), &mut content).unwrap();
    assert!(content.contains("Joint training delivered.") && content.contains("Not recorded"));
    assert_eq!(call(&app, Method::GET, "/api/v1/commitments", None, None).await.0, StatusCode::UNAUTHORIZED);
}

async fn upload(app: &TestApp, token: Option<&str>, filename: &str, content: &[u8]) -> StatusCode {
    let boundary = "XBOUNDARYX";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::post("/api/v1/meetings/nrem-2018-06/documents")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    app.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap().status()
}

#[tokio::test]
async fn meetings_by_role_attendance_by_member_state_and_checked_documents() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let token = |role: &str| all.iter().find(|(n, _)| *n == role).unwrap().1.clone();
    let meeting = json!({ "slug": "nrem-2018-06", "title": "Meeting of the EU Network of NREMs", "date": "2018-06-13", "presidency": "BG", "agenda": ["Joint Statement"] });
    let (status, _) =
        call(&app, Method::PUT, "/api/v1/meetings/nrem-2018-06", token("rapporteur").as_deref(), Some(&meeting)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, Method::PUT, "/api/v1/meetings/nrem-2018-06", None, Some(&meeting)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) =
        call(&app, Method::PUT, "/api/v1/meetings/nrem-2018-06", token("editor").as_deref(), Some(&meeting)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let present = json!({ "present": true });
    for (role, code, expected) in [
        ("rapporteur", "FR", StatusCode::FORBIDDEN),
        ("agency", "DE", StatusCode::FORBIDDEN),
        ("rapporteur", "DE", StatusCode::NO_CONTENT),
        ("editor", "FR", StatusCode::NO_CONTENT),
    ] {
        let before = audit_total(&app).await;
        let (status, _) = call(
            &app,
            Method::PUT,
            &format!("/api/v1/meetings/nrem-2018-06/attendance/{code}"),
            token(role).as_deref(),
            Some(&present),
        )
        .await;
        assert_eq!(status, expected, "{role} {code}");
        assert_eq!(audit_total(&app).await > before, status.is_success());
    }
    let (_, list) = call(&app, Method::GET, "/api/v1/meetings", token("cso").as_deref(), None).await;
    assert_eq!(list[0]["semester"], "2018 H1");
    assert_eq!(list[0]["present"], json!(["DE", "FR"]));
    assert_eq!(upload(&app, token("editor").as_deref(), "agenda.pdf", b"%PDF-1.4 agenda").await, StatusCode::CREATED);
    assert_eq!(
        upload(&app, token("rapporteur").as_deref(), "contribution.odt", b"PK\x03\x04odt").await,
        StatusCode::CREATED
    );
    assert_eq!(upload(&app, token("editor").as_deref(), "tool.exe", b"MZ").await, StatusCode::BAD_REQUEST);
    assert_eq!(upload(&app, token("editor").as_deref(), "fake.pdf", b"MZ").await, StatusCode::BAD_REQUEST);
    assert_eq!(upload(&app, token("agency").as_deref(), "agenda.pdf", b"%PDF-1.4").await, StatusCode::FORBIDDEN);
    assert_eq!(upload(&app, None, "agenda.pdf", b"%PDF-1.4").await, StatusCode::UNAUTHORIZED);
    let too_big = vec![b'%'; 10 * 1024 * 1024 + 10];
    let status = upload(&app, token("editor").as_deref(), "big.pdf", &too_big).await;
    assert!(matches!(status, StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE), "{status}");
    let docs =
        rapporteur_store::MeetingRepository::list_documents(app.store.as_ref(), &Slug::parse("nrem-2018-06").unwrap())
            .await
            .unwrap();
    assert_eq!(docs.len(), 2);
}
