use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_store::{AccountRepository, Actor};
use tower::ServiceExt;

const EMAIL: &str = "editor@example.eu";
const PASSWORD: &str = "a long enough password";

async fn app() -> TestApp {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let pw = Password::new(PASSWORD.into()).unwrap();
    app.store.create_account(&Actor::Cli, &Email::parse(EMAIL).unwrap(), &Role::Editor, &pw).await.unwrap();
    app
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(&format!("{name}=")))
    }
    fn cookie_value(&self, name: &str) -> Option<String> {
        self.cookie(name).map(|c| c.split(';').next().unwrap().split_once('=').unwrap().1.to_owned())
    }
    fn hidden_csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
        self.body[at..at + 64].to_owned()
    }
}

async fn send(app: &TestApp, method: &str, uri: &str, cookies: &[(&str, &str)], form: Option<&str>) -> Reply {
    let mut req = Request::builder().method(method).uri(uri);
    if !cookies.is_empty() {
        let header = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        req = req.header("cookie", header);
    }
    let body = match form {
        Some(f) => {
            req = req.header("content-type", "application/x-www-form-urlencoded");
            Body::from(f.to_owned())
        }
        None => Body::empty(),
    };
    let response = app.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
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
    assert_eq!(done.headers.get("location").unwrap(), "/account");
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
        (StatusCode::SEE_OTHER, "/sign-in")
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
    let out =
        send(&app, "POST", "/sign-out", &[("rapporteur_session", &third)], Some(&format!("csrf={csrf}&everywhere=1")))
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
