//! `kill -9` during writes: the server process is killed while writers are sending changes, started again,
//! and every change it acknowledged must be there, audited; SQLite's file must pass its integrity check.
//! On SQLite always, on PostgreSQL when `RAPPORTEUR_TEST_POSTGRES_URL` is set (under CI it must be).
//! Bounded: a fixed number of kills, writers stop when the server dies.

use rapporteur_core::{MemberState, Paging, SystemClock};
use rapporteur_store::testing::ThrowAwayDatabase;
use rapporteur_store::{MemberStatePages, SqlStore, StoreLocation};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KILLS: usize = 5;
const WRITERS: usize = 4;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

/// Where the store is, as the command line takes it.
fn store_args(location: &StoreLocation) -> Vec<String> {
    match location {
        StoreLocation::DataDir(dir) => vec!["--data-dir".into(), dir.display().to_string()],
        StoreLocation::Url(url) => vec!["--database-url".into(), url.clone()],
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// An editor's API token, made with the command line as an operator would.
fn editor_token(location: &StoreLocation) -> String {
    let mut add = binary()
        .args(["user", "add", "--email", "editor@ec.europa.eu", "--role", "editor", "--password-stdin"])
        .args(store_args(location))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"a long enough password\n").unwrap();
    assert!(add.wait().unwrap().success(), "user add");
    let out =
        binary().args(["user", "token", "--email", "editor@ec.europa.eu"]).args(store_args(location)).output().unwrap();
    assert!(out.status.success(), "user token: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace().find(|w| w.starts_with(rapporteur_store::TOKEN_PREFIX)).expect("a token").to_owned()
}

fn serve(location: &StoreLocation, port: u16) -> Child {
    let mut child = binary()
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(store_args(location))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if request(port, "GET", "/healthz", None, "").map(|s| s == 200).unwrap_or(false) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("the server did not start within a minute");
}

/// One HTTP/1.1 request; the status, or `None` when the connection failed (the server is gone).
fn request(port: u16, method: &str, path: &str, token: Option<&str>, body: &str) -> Option<u16> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).ok()?;
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// Writers send numbered changes of one Member State page until the server dies; returns the numbers it
/// acknowledged.
fn write_until_killed(port: u16, token: &str, next: Arc<Mutex<u64>>, mut server: Child, after: Duration) -> Vec<u64> {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (token, next, acknowledged) = (token.to_owned(), next.clone(), acknowledged.clone());
            std::thread::spawn(move || loop {
                let n = {
                    let mut next = next.lock().unwrap();
                    *next += 1;
                    *next
                };
                let body = format!(r#"{{"summary": ["Write {n}."]}}"#);
                match request(port, "PUT", "/api/v1/member-states/DE", Some(&token), &body) {
                    Some(200) => acknowledged.lock().unwrap().push(n),
                    Some(status) => assert!(status < 500, "write {n} answered {status}"),
                    None => return,
                }
            })
        })
        .collect();
    std::thread::sleep(after);
    server.kill().expect("kill -9");
    server.wait().unwrap();
    for w in writers {
        w.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    acknowledged
}

async fn written(location: &StoreLocation) -> BTreeSet<u64> {
    let store = SqlStore::open(location, Arc::new(SystemClock)).await.unwrap();
    let de = MemberState::parse("DE").unwrap();
    let mut found = BTreeSet::new();
    let mut paging = Some(Paging::first(100));
    while let Some(page) = paging {
        let revisions = store.list_member_state_page_revisions(de, page).await.unwrap();
        for (_, revision) in &revisions.items {
            for paragraph in &revision.summary {
                if let Some(n) = paragraph.strip_prefix("Write ").and_then(|t| t.strip_suffix('.')) {
                    found.insert(n.parse().unwrap());
                }
            }
        }
        paging = page.next().filter(|next| next.offset() < revisions.total);
    }
    if let StoreLocation::DataDir(_) = location {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.pool()).await.unwrap();
        assert_eq!(check, "ok", "SQLite's integrity check after the kills");
    }
    store.close().await;
    found
}

fn kill_during_writes(backend: &str, location: &StoreLocation) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Migrated and seeded by a first start, then the editor.
    let port = free_port();
    let mut first = serve(location, port);
    first.kill().unwrap();
    first.wait().unwrap();
    let token = editor_token(location);
    let next = Arc::new(Mutex::new(0));
    let mut acknowledged = Vec::new();
    for kill in 0..KILLS {
        let port = free_port();
        let server = serve(location, port);
        let after = Duration::from_millis(150 + 170 * kill as u64);
        acknowledged.extend(write_until_killed(port, &token, next.clone(), server, after));
    }
    let found = runtime.block_on(written(location));
    let lost: Vec<u64> = acknowledged.iter().copied().filter(|n| !found.contains(n)).collect();
    assert!(lost.is_empty(), "{backend}: acknowledged but lost after kill -9: {lost:?}");
    assert!(!acknowledged.is_empty(), "{backend}: the writers got writes in before each kill");
    println!(
        "{backend}: {KILLS} kill -9 during writes by {WRITERS} writers: {} writes acknowledged, all {} present and audited after restart ({} sent)",
        acknowledged.len(),
        acknowledged.len(),
        *next.lock().unwrap()
    );
}

#[test]
fn kill_9_during_writes_loses_nothing_acknowledged_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kill_during_writes("SQLite", &StoreLocation::DataDir(dir.path().to_owned()));
}

#[test]
fn kill_9_during_writes_loses_nothing_acknowledged_on_postgres() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Some(db) = runtime.block_on(ThrowAwayDatabase::create("kill -9 during writes")) else { return };
    let location = StoreLocation::Url(db.url.clone());
    let outcome = std::panic::catch_unwind(|| kill_during_writes("PostgreSQL", &location));
    runtime.block_on(db.drop_database());
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
