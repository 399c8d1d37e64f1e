//! The reliability suite: what must hold under concurrency and abuse, through the real router, on SQLite
//! always and on PostgreSQL when one is given.
//!
//! PostgreSQL: set `RAPPORTEUR_TEST_POSTGRES_URL` to a server URL whose user may create databases
//! (`postgres://postgres@127.0.0.1:5432/postgres`); each site gets its own database, dropped at the end.
//! Under CI (`CI` set) a missing URL fails the run instead of skipping.
//!
//! Every case is bounded: a fixed number of requests, run at once by a fixed number of writers, on loopback
//! only. The figures of a run (requests, statuses) are printed with `--nocapture` and kept in
//! `docs/reliability.md`.

mod access;
mod flood;
mod output;
mod races;
mod search;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::{Bundle, Clock, ManualClock};
use rapporteur_store::testing::ThrowAwayDatabase;
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, ContentRepository, SessionRepository, SqlStore, StoreLocation,
};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tower::ServiceExt;

/// When the Civil Society Platform's call is open.
pub const CALL_OPEN: &str = "2018-04-20T10:00:00Z";
/// When every bundled call has closed.
pub const AFTER_ALL: &str = "2025-01-01T12:00:00Z";
pub const PASSWORD: &str = "correct horse battery staple";

/// One server on a fresh store with the bundled content.
pub struct Site {
    pub backend: &'static str,
    pub router: Router,
    pub store: Arc<SqlStore>,
    pub state: rapporteur_web::AppState,
    pub clock: Arc<ManualClock>,
    location: StoreLocation,
    _dir: Option<tempfile::TempDir>,
    pg: Option<ThrowAwayDatabase>,
}

impl Site {
    /// A site on SQLite, and one on PostgreSQL when a server is given.
    pub async fn each(now: &str) -> Vec<Site> {
        let mut sites = vec![Site::sqlite(now).await];
        if let Some(pg) = ThrowAwayDatabase::create("the reliability suite").await {
            let location = StoreLocation::Url(pg.url.clone());
            sites.push(Site::open("PostgreSQL", location, now, None, Some(pg)).await);
        }
        sites
    }

    pub async fn sqlite(now: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let location = StoreLocation::DataDir(dir.path().to_owned());
        Site::open("SQLite", location, now, Some(dir), None).await
    }

    async fn open(
        backend: &'static str,
        location: StoreLocation,
        now: &str,
        dir: Option<tempfile::TempDir>,
        pg: Option<ThrowAwayDatabase>,
    ) -> Site {
        let now: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&Utc);
        let clock = Arc::new(ManualClock::at(now));
        let store = Arc::new(SqlStore::open(&location, clock.clone()).await.unwrap());
        store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
        let state = rapporteur_web::AppState::open(store.clone(), clock.clone(), "https://portal.test").await.unwrap();
        Site { backend, router: rapporteur_web::router(state.clone()), store, state, clock, location, _dir: dir, pg }
    }

    /// A second server on the same store: its own connections, search index and page cache, as another
    /// process would have.
    pub async fn second_server(&self) -> (Router, rapporteur_web::AppState) {
        let store = Arc::new(SqlStore::open(&self.location, self.clock.clone()).await.unwrap());
        let state = rapporteur_web::AppState::open(store, self.clock.clone(), "https://portal.test").await.unwrap();
        (rapporteur_web::router(state.clone()), state)
    }

    /// Drops the PostgreSQL database (async drop does not exist).
    pub async fn finish(self) {
        self.store.close().await;
        if let Some(pg) = &self.pg {
            pg.drop_database().await;
        }
    }

    /// An account of `role` with an API token and a browser session.
    pub async fn account(&self, email: &str, role: Role) -> Member {
        let email = Email::parse(email).unwrap();
        let account = self
            .store
            .create_account(&Actor::Cli, &email, &role, &Password::new(PASSWORD.into()).unwrap())
            .await
            .unwrap();
        let token = self.store.create_api_token(&Actor::Cli, &email).await.unwrap();
        let session =
            self.store.create_session(account.id, self.clock.now(), chrono::Duration::hours(8)).await.unwrap();
        Member { email, token, session: session.secret, csrf: session.csrf_token }
    }

    pub async fn send(&self, request: Req) -> Reply {
        send_to(&self.router, request).await
    }

    /// How many audit entries there are of `action` on objects of `kind`.
    pub async fn audited(&self, kind: &str, action: &str) -> u64 {
        let filter = AuditFilter { object_kind: Some(kind.into()), ..Default::default() };
        let mut count = 0;
        let mut page = 1;
        loop {
            let entries =
                self.store.list_audit(&filter, rapporteur_core::Paging::new(page, 100).unwrap()).await.unwrap();
            count += entries.items.iter().filter(|e| e.action == action).count() as u64;
            if (page as u64) * 100 >= entries.total {
                return count;
            }
            page += 1;
        }
    }
}

/// An account the suite acts as.
#[derive(Debug, Clone)]
pub struct Member {
    pub email: Email,
    pub token: String,
    pub session: String,
    pub csrf: String,
}

/// A request to send.
#[derive(Debug, Clone)]
pub struct Req {
    method: Method,
    uri: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    from: IpAddr,
}

impl Req {
    pub fn new(method: Method, uri: &str) -> Req {
        Req { method, uri: uri.into(), headers: Vec::new(), body: Vec::new(), from: IpAddr::V4(Ipv4Addr::LOCALHOST) }
    }
    pub fn get(uri: &str) -> Req {
        Req::new(Method::GET, uri)
    }
    pub fn json(method: Method, uri: &str, body: &serde_json::Value) -> Req {
        let mut r = Req::new(method, uri).header("content-type", "application/json");
        r.body = serde_json::to_vec(body).unwrap();
        r
    }
    pub fn form(uri: &str, pairs: &[(&str, &str)]) -> Req {
        let mut r = Req::new(Method::POST, uri).header("content-type", "application/x-www-form-urlencoded");
        r.body = serde_urlencoded::to_string(pairs).unwrap().into_bytes();
        r
    }
    pub fn header(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn body(mut self, content_type: &str, body: Vec<u8>) -> Req {
        self.headers.push(("content-type".into(), content_type.into()));
        self.body = body;
        self
    }
    /// As `member`'s API client (bearer token).
    pub fn by(self, member: &Member) -> Req {
        let token = format!("Bearer {}", member.token);
        self.header("authorization", &token)
    }
    /// As `member`'s browser: session cookie (and the CSRF token, for forms, in the body).
    pub fn in_browser_of(self, member: &Member) -> Req {
        let cookie = format!("rapporteur_session={}", member.session);
        self.header("cookie", &cookie)
    }
    /// From this network address.
    pub fn from(mut self, address: IpAddr) -> Req {
        self.from = address;
        self
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn send_to(router: &Router, r: Req) -> Reply {
    let mut request = Request::builder().method(r.method).uri(&r.uri);
    for (name, value) in &r.headers {
        request = request.header(name, value);
    }
    let mut request = request.body(Body::from(r.body)).unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::new(r.from, 40_000)));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 100_000_000).await.unwrap();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// Runs `requests` at once, `writers` at a time, and returns every reply in the order asked.
pub async fn at_once(router: &Router, requests: Vec<Req>, writers: usize) -> Vec<Reply> {
    let gate = Arc::new(tokio::sync::Semaphore::new(writers));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|r| {
            let (router, gate) = (router.clone(), gate.clone());
            tokio::spawn(async move {
                let _turn = gate.acquire().await.unwrap();
                send_to(&router, r).await
            })
        })
        .collect();
    let mut replies = Vec::with_capacity(tasks.len());
    for t in tasks {
        replies.push(t.await.unwrap());
    }
    replies
}

/// Statuses and how often each came, for the figures and for messages.
pub fn tally(replies: &[Reply]) -> std::collections::BTreeMap<u16, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for r in replies {
        *counts.entry(r.status.as_u16()).or_default() += 1;
    }
    counts
}

/// Fails with every server error's body when any reply is a 5xx.
pub fn no_server_errors(what: &str, backend: &str, replies: &[Reply]) {
    let errors: Vec<&Reply> = replies.iter().filter(|r| r.status.is_server_error()).collect();
    assert!(
        errors.is_empty(),
        "{what} on {backend}: {} of {} answered 5xx ({:?}); first: {}",
        errors.len(),
        replies.len(),
        tally(replies),
        errors[0].body
    );
}

/// An address of the documentation range for the `n`th client.
pub fn client(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(192, 0, 2, n))
}
