use crate::{encode, send, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_store::{AccountRepository, Actor, PlatformRepository};
use tower::ServiceExt;

const EMAIL: &str = "editor@example.eu";
const PASSWORD: &str = "a long enough password";

async fn app() -> TestApp {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let pw = Password::new(PASSWORD.into()).unwrap();
    app.store.create_account(&Actor::Cli, &Email::parse(EMAIL).unwrap(), &Role::Editor, &pw).await.unwrap();
    app
}

/// Signs in and returns the session secret.
async fn sign_in(app: &TestApp, planted_session: Option<&str>) -> String {
    let form = send(app, "GET", "/sign-in", &[], None).await;
    let csrf = form.cookie_value("rapporteur_csrf").unwrap();
    assert_eq!(form.hidden_csrf(), csrf);
    let mut cookies = vec![("rapporteur_csrf", csrf.as_str())];
    if let Some(s) = planted_session {
        cookies.push(("rapporteur_session", s));
    }
    let body = format!("csrf={csrf}&email={}&password={}", EMAIL, PASSWORD.replace(' ', "+"));
    let done = send(app, "POST", "/sign-in", &cookies, Some(&body)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.headers.get("location").unwrap(), "/workspace", "no page was asked for: the workspace's home");
    let cookie = done.cookie("rapporteur_session").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), "{cookie}");
    done.cookie_value("rapporteur_session").unwrap()
}

#[tokio::test]
async fn sign_in_account_page_and_sign_out() {
    let app = app().await;
    let anonymous = send(&app, "GET", "/account", &[], None).await;
    assert_eq!(
        (anonymous.status, anonymous.headers.get("location").unwrap().to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/sign-in?next=/account")
    );
    let session = sign_in(&app, None).await;
    let account = send(&app, "GET", "/account", &[("rapporteur_session", &session)], None).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains(EMAIL) && account.body.contains("Editor (EU ATC office)"));
    let me = send(&app, "GET", "/api/v1/me", &[("rapporteur_session", &session)], None).await;
    assert!(me.body.contains("\"role\":\"editor\""), "{}", me.body);

    // Signing out needs the session's CSRF token.
    let refused = send(&app, "POST", "/sign-out", &[("rapporteur_session", &session)], Some("")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = send(&app, "POST", "/sign-out", &[("rapporteur_session", &session)], Some("csrf=0000")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(send(&app, "GET", "/account", &[("rapporteur_session", &session)], None).await.status, StatusCode::OK);
    let csrf = account.hidden_csrf();
    let out = send(&app, "POST", "/sign-out", &[("rapporteur_session", &session)], Some(&format!("csrf={csrf}"))).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.cookie("rapporteur_session").unwrap().contains("Max-Age=0"));
    assert_eq!(
        send(&app, "GET", "/account", &[("rapporteur_session", &session)], None).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in_and_sign_out_everywhere_ends_all() {
    let app = app().await;
    let first = sign_in(&app, None).await;
    let second = sign_in(&app, Some(&first)).await;
    assert_ne!(first, second);
    assert_eq!(
        send(&app, "GET", "/account", &[("rapporteur_session", &first)], None).await.status,
        StatusCode::SEE_OTHER,
        "the old id is dead"
    );
    let third = sign_in(&app, None).await;
    let page = send(&app, "GET", "/account", &[("rapporteur_session", &third)], None).await;
    let csrf = page.hidden_csrf();
    let out = send(
        &app,
        "POST",
        "/sign-out",
        &[("rapporteur_session", &third)],
        Some(&format!("csrf={csrf}&everywhere=1&confirm=yes")),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&app, "GET", "/account", &[("rapporteur_session", &second)], None).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sign_in_needs_csrf_and_is_throttled() {
    let app = app().await;
    let no_csrf = send(&app, "POST", "/sign-in", &[], Some(&format!("email={EMAIL}&password=x"))).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let form = send(&app, "GET", "/sign-in", &[], None).await;
    let csrf = form.cookie_value("rapporteur_csrf").unwrap();
    let cookies = [("rapporteur_csrf", csrf.as_str())];
    let mismatched =
        send(&app, "POST", "/sign-in", &cookies, Some(&format!("csrf={}&email={EMAIL}&password=x", "a".repeat(64))))
            .await;
    assert_eq!(mismatched.status, StatusCode::FORBIDDEN);
    for _ in 0..5 {
        let wrong = send(
            &app,
            "POST",
            "/sign-in",
            &cookies,
            Some(&format!("csrf={csrf}&email={EMAIL}&password=wrong+password")),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.body.contains("The e-mail address or the password is wrong."));
        assert!(wrong.body.contains(&format!("value=\"{EMAIL}\"")), "the address typed is kept");
        assert!(
            !wrong.body.contains("wrong+password") && !wrong.body.contains("wrong password"),
            "the password is not"
        );
    }
    let right = format!("csrf={csrf}&email={EMAIL}&password={}", PASSWORD.replace(' ', "+"));
    let throttled = send(&app, "POST", "/sign-in", &cookies, Some(&right)).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.cookie("rapporteur_session").is_none());
    let unknown = send(
        &app,
        "POST",
        "/sign-in",
        &cookies,
        Some(&format!("csrf={csrf}&email=nobody@example.eu&password=whatever+it+is")),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "an unknown address reads like a wrong password");
}

fn field_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no field {name}")) + marker.len();
    body[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_editor_edits_a_project_in_the_browser_with_preview_revision_and_audit() {
    let app = app().await;
    let anonymous = send(&app, "GET", "/workspace/projects/glomig/edit", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let session = sign_in(&app, None).await;
    let cookies = [("rapporteur_session", session.as_str())];
    let public = send(&app, "GET", "/projects/glomig", &cookies, None).await;
    assert!(public.body.contains("/workspace/projects/glomig/edit"), "editors see an edit link");
    let form = send(&app, "GET", "/workspace/projects/glomig/edit", &cookies, None).await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.hidden_csrf();
    assert_eq!(field_value(&form.body, "reference"), "28756 – FP6");
    assert_eq!(field_value(&form.body, "budget_eur"), "250000.00");
    let fields = [
        ("csrf", csrf.as_str()),
        ("acronym", "GLOMIG"),
        ("title", "Global Migration, edited"),
        ("reference", "28756 – FP6"),
        ("coordinator_role", "coordinator"),
        ("coordinator_address", "Inonu Bulvari"),
        ("coordinator_country", "TR"),
        ("budget_eur", "260000"),
        ("start_date", "2006-04-01"),
        ("end_date", "2008-03-31"),
        ("objectives", "First paragraph.\r\n\r\nSecond paragraph."),
    ];
    let audit_before = rapporteur_store::AccountRepository::list_audit(
        app.store.as_ref(),
        &Default::default(),
        rapporteur_core::Paging::first(1),
    )
    .await
    .unwrap()
    .total;

    // Preview: shown, not saved.
    let mut preview = fields.to_vec();
    preview.push(("action", "preview"));
    let shown = send(&app, "POST", "/workspace/projects/glomig/edit", &cookies, Some(&encode(&preview))).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("Preview")
            && shown.body.contains("Global Migration, edited")
            && shown.body.contains("€260,000")
    );
    assert!(
        send(&app, "GET", "/projects/glomig", &[], None).await.body.contains("Global Migration From the Eastern"),
        "not saved yet"
    );

    // A bad field is shown at the field, and nothing is saved.
    let mut bad = fields.to_vec();
    bad[7] = ("budget_eur", "a lot");
    bad.push(("action", "save"));
    let refused = send(&app, "POST", "/workspace/projects/glomig/edit", &cookies, Some(&encode(&bad))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"f-budget_eur-error\""));
    assert!(refused.body.contains("aria-invalid=\"true\""));

    // Without the CSRF token: refused.
    let mut no_csrf = fields[1..].to_vec();
    no_csrf.push(("action", "save"));
    let forged = send(&app, "POST", "/workspace/projects/glomig/edit", &cookies, Some(&encode(&no_csrf))).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // Save: a revision, an audit entry, the public page changed.
    let mut save = fields.to_vec();
    save.push(("action", "save"));
    let saved = send(&app, "POST", "/workspace/projects/glomig/edit", &cookies, Some(&encode(&save))).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.headers.get("location").unwrap(), "/workspace/projects/glomig/revisions");
    let revisions = send(&app, "GET", "/workspace/projects/glomig/revisions", &cookies, None).await;
    assert!(revisions.body.contains("Edited") && revisions.body.contains(EMAIL));
    let page = send(&app, "GET", "/projects/glomig", &[], None).await;
    assert!(page.body.contains("Global Migration, edited") && page.body.contains("€260,000"));
    let audit_after = rapporteur_store::AccountRepository::list_audit(
        app.store.as_ref(),
        &Default::default(),
        rapporteur_core::Paging::first(1),
    )
    .await
    .unwrap();
    assert_eq!(audit_after.total, audit_before + 1);
    assert_eq!(audit_after.items[0].object_key, "glomig");
    assert_eq!(audit_after.items[0].actor, EMAIL);
    // Editors are not admins: the audit page is refused.
    assert_eq!(send(&app, "GET", "/workspace/audit", &cookies, None).await.status, StatusCode::FORBIDDEN);
}

async fn apply_form(app: &TestApp) -> (String, String) {
    let form = send(app, "GET", "/calls/csp-2018-expression-of-interest/apply", &[], None).await;
    assert_eq!(form.status, StatusCode::OK);
    (form.cookie_value("rapporteur_csrf").unwrap(), form.hidden_csrf())
}

#[tokio::test]
async fn civil_society_applications_are_checked_reviewed_and_balanced() {
    let app = TestApp::with("2018-04-20T10:00:00Z", |store| async move {
        let pw = Password::new(PASSWORD.into()).unwrap();
        store.create_account(&Actor::Cli, &Email::parse(EMAIL).unwrap(), &Role::Editor, &pw).await.unwrap();
    })
    .await;
    let (cookie, csrf) = apply_form(&app).await;
    let cookies = [("rapporteur_csrf", cookie.as_str())];
    let fields = |seat: &str| {
        encode(&[
            ("csrf", csrf.as_str()),
            ("organisation_name", "Malta Shelter Association"),
            ("member_state", seat),
            ("contact_email", "office@shelter.mt"),
            ("motivation", "We shelter victims of trafficking."),
        ])
    };
    let ineligible =
        send(&app, "POST", "/calls/csp-2018-expression-of-interest/apply", &cookies, Some(&fields("DE"))).await;
    assert_eq!(ineligible.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(ineligible.body.contains("Germany are not eligible"), "{}", ineligible.body);
    let incomplete = send(
        &app,
        "POST",
        "/calls/csp-2018-expression-of-interest/apply",
        &cookies,
        Some(&format!("csrf={csrf}&member_state=MT")),
    )
    .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        incomplete.body.contains("id=\"a-organisation_name-error\"")
            && incomplete.body.contains("id=\"a-contact_email-error\"")
    );
    let forged = send(&app, "POST", "/calls/csp-2018-expression-of-interest/apply", &[], Some(&fields("MT"))).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let received =
        send(&app, "POST", "/calls/csp-2018-expression-of-interest/apply", &cookies, Some(&fields("MT"))).await;
    assert_eq!(received.status, StatusCode::CREATED, "{}", received.body);
    assert!(received.body.contains("Application received"));
    assert_eq!(
        send(&app, "GET", "/calls/amif-2018-support-to-victims/apply", &[], None).await.status,
        StatusCode::NOT_FOUND
    );

    // The editor reviews and accepts; the balance shows Malta, and the organisation has an account.
    let session = sign_in(&app, None).await;
    let editor = [("rapporteur_session", session.as_str())];
    let review = send(&app, "GET", "/workspace/platform", &editor, None).await;
    assert!(review.body.contains("Malta Shelter Association") && review.body.contains("Waiting for a decision"));
    let session_csrf = review.hidden_csrf();
    let id =
        review.body.split("/workspace/platform/applications/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let accepted = send(
        &app,
        "POST",
        &format!("/workspace/platform/applications/{id}/accept"),
        &editor,
        Some(&format!("csrf={session_csrf}")),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let account = app.store.find_account_by_email(&Email::parse("office@shelter.mt").unwrap()).await.unwrap().unwrap();
    assert_eq!(account.role.name().code(), "cso");
    let balance = app.get_ok("/api/v1/civil-society/balance").await.json();
    let malta = balance.as_array().unwrap().iter().find(|e| e["member_state"] == "MT").unwrap();
    assert_eq!(malta["members"], 1);
    assert_eq!(balance.as_array().unwrap().iter().filter(|e| e["members"] == 0).count(), 26);
}

#[tokio::test]
async fn late_applications_are_refused_with_the_reason() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let (cookie, csrf) = apply_form(&app).await;
    let body = encode(&[
        ("csrf", csrf.as_str()),
        ("organisation_name", "Tallinn NGO"),
        ("member_state", "EE"),
        ("contact_email", "info@ngo.ee"),
        ("motivation", "We help victims."),
    ]);
    let late = send(
        &app,
        "POST",
        "/calls/csp-2018-expression-of-interest/apply",
        &[("rapporteur_csrf", cookie.as_str())],
        Some(&body),
    )
    .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("the deadline, 25 April 2018, has passed"), "a day is shown as a day: {}", late.body);
    let api = app
        .router
        .clone()
        .oneshot(
            Request::post("/api/v1/calls/csp-2018-expression-of-interest/applications")
                .header("content-type", "application/json")
                .body(Body::from(
                    r#"{"organisation_name":"X","member_state":"EE","contact_email":"a@b.ee","motivation":"m"}"#,
                ))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let all = app.store.list_applications(&Default::default(), rapporteur_core::Paging::first(1)).await.unwrap();
    assert!(all.items.is_empty(), "nothing stored");
}
