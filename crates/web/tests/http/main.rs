//! HTTP tests: the real router on a fresh SQLite store, with a clock the tests set.

mod accounts;
mod api;
mod editing;
mod estimation;
mod facts;
mod fresh;
mod linkage;
mod pages;
mod roundtrip;
mod sign_in;
mod statistics;
mod workspace;
// Issue 12, one file per part.
mod portal_calls;
mod portal_places;
mod portal_projects;
mod portal_shell;
mod portal_workspace;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use rapporteur_core::{Bundle, ManualClock};
use rapporteur_store::{ContentRepository, SqlStore, StoreLocation};
use std::sync::Arc;
use tower::ServiceExt;

/// One account's credentials: an API token, and a browser session with its CSRF token.
struct Person {
    token: String,
    session: String,
    csrf: String,
}

impl Person {
    /// Accounts `NAME@example.eu` for `names`, with the roles `role_of` gives, each with an API token and a
    /// session lasting `days` (the tests that move the clock on by weeks need long ones).
    async fn sign_up(
        app: &TestApp,
        names: &[&'static str],
        role_of: impl Fn(&str) -> rapporteur_core::accounts::Role,
        days: i64,
    ) -> std::collections::HashMap<&'static str, Person> {
        use rapporteur_core::accounts::{Email, Password};
        use rapporteur_core::Clock;
        use rapporteur_store::{AccountRepository, Actor, SessionRepository};
        let pw = Password::new("a long enough password".into()).unwrap();
        let mut people = std::collections::HashMap::new();
        for &name in names {
            let email = Email::parse(&format!("{name}@example.eu")).unwrap();
            app.store.create_account(&Actor::Cli, &email, &role_of(name), &pw).await.unwrap();
            let token = app.store.create_api_token(&Actor::Cli, &email).await.unwrap();
            let account = app.store.find_account_by_email(&email).await.unwrap().unwrap();
            let session =
                app.store.create_session(account.id, app.clock.now(), chrono::Duration::days(days)).await.unwrap();
            people.insert(name, Person { token, session: session.secret, csrf: session.csrf_token });
        }
        people
    }
}

/// A response, read whole as bytes (XLSX is not text); areas add the readers they need.
struct Got {
    status: axum::http::StatusCode,
    headers: axum::http::HeaderMap,
    bytes: Vec<u8>,
}

impl Got {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    fn location(&self) -> &str {
        self.headers.get("location").map_or("", |v| v.to_str().unwrap())
    }
}

/// A running application: router, store and the directory the store lives in.
pub struct TestApp {
    pub router: Router,
    pub store: Arc<SqlStore>,
    pub state: rapporteur_web::AppState,
    /// The time the app and its store see; tests move it on.
    pub clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
}

/// A response, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    /// The app with the bundled content, at the given instant.
    pub async fn at(now: &str) -> TestApp {
        Self::with(now, |_| async {}).await
    }

    /// The app after `prepare` has worked on the seeded store (before the search index is built).
    pub async fn with<F, Fut>(now: &str, prepare: F) -> TestApp
    where
        F: FnOnce(Arc<SqlStore>) -> Fut,
        Fut: std::future::Future<Output = ()>,
    {
        let dir = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&Utc);
        let clock = Arc::new(ManualClock::at(now));
        let location = StoreLocation::DataDir(dir.path().to_owned());
        let store = Arc::new(SqlStore::open(&location, clock.clone()).await.unwrap());
        store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
        prepare(store.clone()).await;
        let state = rapporteur_web::AppState::open(store.clone(), clock.clone(), "https://portal.test").await.unwrap();
        TestApp { router: rapporteur_web::router(state.clone()), store, state, clock, dir }
    }

    /// Where the app's store lives, for a second process (a second store handle) on the same file.
    pub fn location(&self) -> StoreLocation {
        StoreLocation::DataDir(self.dir.path().to_owned())
    }

    pub async fn get(&self, uri: &str) -> Answer {
        let response = self.router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers.get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let bytes = axum::body::to_bytes(response.into_body(), 10_000_000).await.unwrap();
        Answer { status, content_type, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    pub async fn get_ok(&self, uri: &str) -> Answer {
        let a = self.get(uri).await;
        assert_eq!(a.status, StatusCode::OK, "GET {uri}: {}", a.body);
        a
    }
}

impl TestApp {
    /// Every address of the sitemap: the index, then each file it names.
    pub async fn sitemap_urls(&self) -> Vec<String> {
        let locs = |xml: &str| -> Vec<String> {
            xml.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).map(str::to_owned).collect()
        };
        let index = self.get_ok("/sitemap.xml").await;
        assert!(index.body.contains("<sitemapindex"), "{}", index.body);
        let mut urls = Vec::new();
        for file in locs(&index.body) {
            let path = file.strip_prefix("https://portal.test").expect("absolute URLs on the public address");
            urls.extend(locs(&self.get_ok(path).await.body));
        }
        urls
    }
}

/// A moment when the ISF and both AMIF calls of 2018 and the Civil Society call are all in the past.
pub const AFTER_ALL_DEADLINES: &str = "2025-01-01T12:00:00Z";

/// A response to a browser-like request, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(&format!("{name}=")))
    }
    pub fn cookie_value(&self, name: &str) -> Option<String> {
        self.cookie(name).map(|c| c.split(';').next().unwrap().split_once('=').unwrap().1.to_owned())
    }
    pub fn hidden_csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
        self.body[at..at + 64].to_owned()
    }
}

/// Sends a request with cookies and, optionally, a urlencoded form.
pub async fn send(app: &TestApp, method: &str, uri: &str, cookies: &[(&str, &str)], form: Option<&str>) -> Reply {
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

/// URL-encodes form pairs.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                v.bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                        _ => format!("%{b:02X}"),
                    })
                    .collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}
