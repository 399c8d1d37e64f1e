use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::MemberState;
use rapporteur_store::{AccountRepository, Actor};
use tower::ServiceExt;

struct Tokens {
    admin: String,
    rapporteur: String,
}

async fn app_with_accounts() -> (TestApp, Tokens) {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let pw = Password::new("a long enough password".into()).unwrap();
    let admin = Email::parse("admin@example.eu").unwrap();
    let nrem = Email::parse("nrem@bund.de").unwrap();
    app.store.create_account(&Actor::Cli, &admin, &Role::Admin, &pw).await.unwrap();
    let de = Role::Rapporteur { member_state: MemberState::parse("DE").unwrap() };
    app.store.create_account(&Actor::Cli, &nrem, &de, &pw).await.unwrap();
    let tokens = Tokens {
        admin: app.store.create_api_token(&Actor::Cli, &admin).await.unwrap(),
        rapporteur: app.store.create_api_token(&Actor::Cli, &nrem).await.unwrap(),
    };
    (app, tokens)
}

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    token: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let response = app.router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1_000_000).await.unwrap();
    (status, headers, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn me_needs_a_working_token() {
    let (app, tokens) = app_with_accounts().await;
    let (status, headers, body) = call(&app, Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers.get("www-authenticate").unwrap(), "Bearer");
    assert!(body["errors"][0]["detail"].is_string());
    let (status, _, body) = call(&app, Method::GET, "/api/v1/me", Some(&tokens.rapporteur)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["email"], "nrem@bund.de");
    assert_eq!(body["role"], "rapporteur");
    assert_eq!(body["member_state"], "DE");
    assert!(body.get("password_hash").is_none());
    let (status, _, _) = call(&app, Method::GET, "/api/v1/me", Some("rpt_not-a-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A public resource with a bad token is refused too: the client learns its token stopped working.
    let (status, _, _) = call(&app, Method::GET, "/api/v1/projects", Some("rpt_not-a-token")).await;
    assert_eq!(status, StatusCode::OK, "public resources do not read the token");
    app.store.set_account_disabled(&Actor::Cli, &Email::parse("nrem@bund.de").unwrap(), true).await.unwrap();
    let (status, _, _) = call(&app, Method::GET, "/api/v1/me", Some(&tokens.rapporteur)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a disabled account's token stops working");
}

#[tokio::test]
async fn audit_is_for_admins_newest_first_and_filterable() {
    let (app, tokens) = app_with_accounts().await;
    let (status, _, _) = call(&app, Method::GET, "/api/v1/audit", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = call(&app, Method::GET, "/api/v1/audit", Some(&tokens.rapporteur)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = call(&app, Method::GET, "/api/v1/audit", Some(&tokens.admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 4);
    let actions: Vec<&str> = body["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create_token", "create_token", "create", "create"]);
    let (_, _, body) = call(&app, Method::GET, "/api/v1/audit?object=nrem@bund.de", Some(&tokens.admin)).await;
    assert_eq!(body["total"], 2);
    let (_, _, body) = call(&app, Method::GET, "/api/v1/audit?actor=someone@example.eu", Some(&tokens.admin)).await;
    assert_eq!(body["total"], 0);
    let (_, _, body) = call(&app, Method::GET, "/api/v1/audit?to=2000-01-01", Some(&tokens.admin)).await;
    assert_eq!(body["total"], 0);
    let (status, _, body) = call(&app, Method::GET, "/api/v1/audit?from=yesterday", Some(&tokens.admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errors"][0]["parameter"], "from");
}

#[tokio::test]
async fn no_route_alters_the_audit_log() {
    let (app, tokens) = app_with_accounts().await;
    let (_, _, before) = call(&app, Method::GET, "/api/v1/audit?per_page=100", Some(&tokens.admin)).await;
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        for uri in ["/api/v1/audit", "/api/v1/audit/1", "/api/v1/audit?id=1"] {
            let (status, _, _) = call(&app, method.clone(), uri, Some(&tokens.admin)).await;
            assert!(
                matches!(status, StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_FOUND),
                "{method} {uri}: {status}"
            );
        }
    }
    let (_, _, after) = call(&app, Method::GET, "/api/v1/audit?per_page=100", Some(&tokens.admin)).await;
    assert_eq!(before, after);
}
