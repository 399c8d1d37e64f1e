//! Record linkage through HTTP: who may upload, list, run and read (pages and API); every check of an
//! upload answered with a 422 that says what to do; the whole flow from synthetic records to the capture
//! histories, with the count the linkage crate gives on the same keys; no name in the database or the logs;
//! and runs a stopped server left behind, recovered at the next start.

use crate::{encode, Got, Person, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use rapporteur_core::accounts::Role;
use rapporteur_core::{MemberState, Slug};
use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::cluster::{link_sources, ClusterOptions};
use rapporteur_linkage::records::encode_csv;
use rapporteur_linkage::synth::{generate, write_csv, SynthSource, SynthSpec};
use rapporteur_linkage::{schema, Encoder, KeyFile, KeySet, Schema, Threshold};
use rapporteur_store::{LinkageRepository, RunStatus, StoreLocation};
use rapporteur_web::{AppState, LinkageRunner, LinkageSettings};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};
use tower::ServiceExt;

const UPLOADS: &str = "/api/v1/linkage/DE/2023/uploads";
const RUNS: &str = "/api/v1/linkage/DE/2023/runs";
const SECRET: &[u8] = b"the secret the German sources share";

/// The accounts: the office, Germany's rapporteur and three of its sources (police, an NGO, customs' labour
/// inspection), France's rapporteur and one French source, and an agency.
const PEOPLE: [&str; 9] =
    ["admin", "editor", "rapporteur", "rapporteur-fr", "police", "ngo", "labour", "police-fr", "agency"];

/// The sources of the synthetic data, in the order [`generate`] gives them, and their organisations
/// (alphabetical in the same order, as the store lists uploads).
const SOURCES: [(&str, &str); 3] = [("police", "bka"), ("ngo", "kok-ev"), ("labour", "zoll")];

fn role_of(name: &str) -> Role {
    let de = MemberState::parse("DE").unwrap();
    let fr = MemberState::parse("FR").unwrap();
    let slug = |s: &str| Slug::parse(s).unwrap();
    match name {
        "admin" => Role::Admin,
        "editor" => Role::Editor,
        "rapporteur" => Role::Rapporteur { member_state: de },
        "rapporteur-fr" => Role::Rapporteur { member_state: fr },
        "police" => Role::Source { member_state: de, organisation: slug("bka") },
        "ngo" => Role::Source { member_state: de, organisation: slug("kok-ev") },
        "labour" => Role::Source { member_state: de, organisation: slug("zoll") },
        "police-fr" => Role::Source { member_state: fr, organisation: slug("police-nationale") },
        "agency" => Role::Agency { agency: slug("europol") },
        other => panic!("no account {other}"),
    }
}

impl Got {
    fn detail(&self) -> String {
        self.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["detail"].as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// The app with every account of [`PEOPLE`], its router built with `settings`.
struct Lab {
    app: TestApp,
    state: AppState,
    router: Router,
    people: HashMap<&'static str, Person>,
}

impl Lab {
    async fn new(settings: LinkageSettings) -> Lab {
        let app = TestApp::at(AFTER_ALL_DEADLINES).await;
        let people = Person::sign_up(&app, &PEOPLE, role_of, 30).await;
        // The app's own router has the default limits; this one shares its state (and its runner's bell).
        let state = app.state.clone().with_linkage(settings);
        let router = rapporteur_web::router(state.clone());
        Lab { app, state, router, people }
    }

    async fn default() -> Lab {
        Lab::new(LinkageSettings::default()).await
    }

    fn person(&self, name: &str) -> &Person {
        self.people.get(name).unwrap_or_else(|| panic!("no account {name}"))
    }

    async fn request(&self, request: Request<Body>) -> Got {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 50_000_000).await.unwrap().to_vec();
        Got { status, headers, bytes }
    }

    /// An API call with `who`'s token ("anonymous": none).
    async fn api(&self, who: &str, method: Method, uri: &str, body: Option<Vec<u8>>) -> Got {
        let mut request = Request::builder().method(method).uri(uri);
        if who != "anonymous" {
            request = request.header("authorization", format!("Bearer {}", self.person(who).token));
        }
        let body = match body {
            Some(bytes) => {
                request = request.header("content-type", "application/json");
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        self.request(request.body(body).unwrap()).await
    }

    async fn upload(&self, who: &str, uri: &str, file: &[u8]) -> Got {
        self.api(who, Method::POST, uri, Some(file.to_vec())).await
    }

    async fn upload_ok(&self, who: &str, file: &[u8]) -> Value {
        let got = self.upload(who, UPLOADS, file).await;
        assert_eq!(got.status, StatusCode::OK, "{who}: {}", got.text());
        got.json()
    }

    async fn start_run(&self, who: &str, body: Value) -> Got {
        self.api(who, Method::POST, RUNS, Some(body.to_string().into_bytes())).await
    }

    /// A page in `who`'s browser ("anonymous": none).
    async fn page(&self, who: &str, uri: &str) -> Got {
        let mut request = Request::get(uri);
        if who != "anonymous" {
            request = request.header("cookie", format!("rapporteur_session={}", self.person(who).session));
        }
        self.request(request.body(Body::empty()).unwrap()).await
    }

    async fn page_ok(&self, who: &str, uri: &str) -> String {
        let got = self.page(who, uri).await;
        assert_eq!(got.status, StatusCode::OK, "{who} GET {uri}: {}", got.text());
        got.text()
    }

    /// A urlencoded form from `who`'s browser, with the session's CSRF token.
    async fn form(&self, who: &str, uri: &str, fields: &[(&str, &str)]) -> Got {
        let person = self.person(who);
        let mut pairs = fields.to_vec();
        pairs.push(("csrf", &person.csrf));
        let request = Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("rapporteur_session={}", person.session));
        self.request(request.body(Body::from(encode(&pairs))).unwrap()).await
    }

    /// The workspace's upload form (multipart with the CSRF token and the year).
    async fn upload_form(&self, who: &str, year: &str, file: &[u8]) -> Got {
        let boundary = "linkageboundary";
        let person = self.person(who);
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n{year}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\keys\\\\police-2023.json\"\r\n\
             Content-Type: application/json\r\n\r\n",
            person.csrf
        )
        .into_bytes();
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post("/workspace/linkage/uploads")
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("cookie", format!("rapporteur_session={}", person.session));
        self.request(request.body(Body::from(body)).unwrap()).await
    }

    /// Polls a run through the API until it ends.
    async fn wait_for(&self, id: i64) -> Value {
        let uri = format!("/api/v1/linkage/runs/{id}");
        for _ in 0..1200 {
            let got = self.api("rapporteur", Method::GET, &uri, None).await;
            assert_eq!(got.status, StatusCode::OK, "{}", got.text());
            let run = got.json();
            if run["status"] == "done" || run["status"] == "failed" {
                return run;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("run {id} did not end within a minute");
    }
}

/// Synthetic sources with their key files.
struct Data {
    sources: Vec<SynthSource>,
    files: Vec<KeyFile>,
}

impl Data {
    fn json(&self, source: usize) -> Vec<u8> {
        to_json(&self.files[source])
    }
}

fn to_json(file: &KeyFile) -> Vec<u8> {
    let mut out = Vec::new();
    file.write(&mut out).unwrap();
    out
}

fn encode_source(source: &SynthSource, secret: &[u8]) -> KeyFile {
    let encoder = Encoder::new(Schema::from_json(schema::VICTIMS).unwrap(), secret).unwrap();
    let mut csv = Vec::new();
    write_csv(source, &mut csv).unwrap();
    encode_csv(&encoder, csv.as_slice(), |_| {}).unwrap()
}

/// Three German sources of 300 synthetic victims, encoded with [`SECRET`] (made once for all tests).
fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let sources = generate(&SynthSpec::new(2023, 300, 3)).unwrap();
        let files = sources.iter().map(|s| encode_source(s, SECRET)).collect();
        Data { sources, files }
    })
}

/// Everything the server logs from the moment [`capture_logs`] is first called, in every test of this binary.
static LOGS: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends the logs of the whole test binary into [`LOGS`], more of them than a server writes (its own crates
/// to the finest level).
fn capture_logs() {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "info,rapporteur_web=trace,rapporteur_store=trace,rapporteur_linkage=trace",
            ))
            .with_ansi(false)
            .with_writer(|| Capture)
            .finish();
        tracing::subscriber::set_global_default(subscriber).is_ok()
    });
    assert!(installed, "another test set the binary's log subscriber first");
}

fn logs() -> Vec<u8> {
    LOGS.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Every byte the store holds on disk: the SQLite file and its write-ahead log.
fn database_bytes(location: &StoreLocation) -> Vec<u8> {
    let StoreLocation::DataDir(dir) = location else { panic!("the tests' store is SQLite") };
    let file = StoreLocation::sqlite_file(dir);
    let mut bytes = std::fs::read(&file).unwrap();
    let mut wal = file.clone().into_os_string();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend(more);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The `names` (of 4 bytes or more) found anywhere in `haystack`: one pass over it, looking each 4-byte
/// window up by the names' first four bytes (the tests are not optimised, and the database is megabytes).
fn found_in<'a>(haystack: &[u8], names: &BTreeSet<&'a str>) -> BTreeSet<&'a str> {
    let mut by_start: HashMap<&[u8], Vec<&'a str>> = HashMap::new();
    for name in names {
        by_start.entry(&name.as_bytes()[..4]).or_default().push(name);
    }
    let mut found = BTreeSet::new();
    for (at, window) in haystack.windows(4).enumerate() {
        if let Some(candidates) = by_start.get(window) {
            found.extend(candidates.iter().filter(|n| haystack[at..].starts_with(n.as_bytes())));
        }
    }
    found
}

#[tokio::test]
async fn sources_upload_their_own_rapporteurs_run_and_nobody_else_does() {
    let lab = Lab::default().await;
    let data = data();
    let police = data.json(0);

    // Anonymous: the API says 401, the pages send to sign in.
    assert_eq!(lab.upload("anonymous", UPLOADS, &police).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(lab.api("anonymous", Method::GET, UPLOADS, None).await.status, StatusCode::UNAUTHORIZED);
    let page = lab.page("anonymous", "/workspace/linkage").await;
    assert!(page.status.is_redirection() && page.location() == "/sign-in?next=/workspace/linkage", "{}", page.status);

    // A source uploads for its own Member State only; nobody else uploads at all.
    let got = lab.upload("police", "/api/v1/linkage/FR/2023/uploads", &police).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "{}", got.text());
    for who in ["rapporteur", "editor", "agency", "police-fr"] {
        assert_eq!(lab.upload(who, UPLOADS, &police).await.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(lab.upload("police", "/api/v1/linkage/XX/2023/uploads", &police).await.status, StatusCode::NOT_FOUND);
    assert_eq!(lab.upload("police", "/api/v1/linkage/DE/1800/uploads", &police).await.status, StatusCode::NOT_FOUND);
    let saved = lab.upload_ok("police", &police).await;
    assert_eq!(
        (saved["organisation"].as_str(), saved["records"].as_u64()),
        (Some("bka"), Some(data.files[0].keys.len() as u64))
    );
    assert_eq!(saved["geo"], "DE");
    lab.upload_ok("ngo", &data.json(1)).await;

    // A source lists its own uploads only; the rapporteur and the office every source's.
    for (who, expected) in [
        ("police", vec!["bka"]),
        ("ngo", vec!["kok-ev"]),
        ("rapporteur", vec!["bka", "kok-ev"]),
        ("editor", vec!["bka", "kok-ev"]),
    ] {
        let got = lab.api(who, Method::GET, UPLOADS, None).await;
        assert_eq!(got.status, StatusCode::OK, "{who}: {}", got.text());
        let listed: Vec<String> =
            got.json().as_array().unwrap().iter().map(|u| u["organisation"].as_str().unwrap().to_owned()).collect();
        assert_eq!(listed, expected, "{who}");
    }
    for who in ["rapporteur-fr", "police-fr", "agency"] {
        assert_eq!(lab.api(who, Method::GET, UPLOADS, None).await.status, StatusCode::FORBIDDEN, "{who}");
    }

    // The pages say the same: a source sees its file and the form, never the other source.
    let own = lab.page_ok("police", "/workspace/linkage").await;
    assert!(own.contains("enctype=\"multipart/form-data\"") && own.contains("name=\"year\""), "{own}");
    assert!(!own.contains("kok-ev"), "a source never sees another source's upload");
    let overview = lab.page_ok("rapporteur", "/workspace/linkage?year=2023").await;
    assert!(
        overview.contains("bka") && overview.contains("kok-ev") && overview.contains("name=\"threshold\""),
        "{overview}"
    );
    let office = lab.page_ok("editor", "/workspace/linkage?geo=DE&year=2023").await;
    assert!(office.contains("kok-ev") && !office.contains("name=\"threshold\""), "the office reads, it does not run");
    assert_eq!(lab.page("agency", "/workspace/linkage").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        lab.page("rapporteur-fr", "/workspace/linkage?geo=DE&year=2023").await.status,
        StatusCode::OK,
        "its own Member State's page"
    );
    let account = lab.page_ok("rapporteur", "/account").await;
    assert!(account.contains("href=\"/workspace/linkage\""), "the workspace links the area");

    // Only Germany's rapporteur starts a run, through the API or the form.
    for who in ["police", "ngo", "editor", "rapporteur-fr", "agency"] {
        assert_eq!(lab.start_run(who, json!({})).await.status, StatusCode::FORBIDDEN, "{who}");
        let got = lab.form(who, "/workspace/linkage/DE/2023/runs", &[("threshold", "0.8")]).await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{who}");
    }
    let started = lab.form("rapporteur", "/workspace/linkage/DE/2023/runs", &[("threshold", "0.85")]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let run_page = started.location().to_owned();
    assert!(run_page.starts_with("/workspace/linkage/runs/"), "{run_page}");
    let id: i64 = run_page.rsplit('/').next().unwrap().parse().unwrap();
    // No runner in this test: the run waits, and its page says so; it never reloads itself on a timer (WCAG
    // 2.2.1), the reader checks again.
    let waiting = lab.page_ok("rapporteur", &run_page).await;
    assert!(
        !waiting.contains("http-equiv=\"refresh\"")
            && waiting.contains("<progress")
            && waiting.contains(&format!("href=\"{run_page}\">Check progress")),
        "{waiting}"
    );
    assert!(waiting.contains("<label for=\"run-progress\">"), "the progress bar has a name");
    let again = lab.start_run("rapporteur", json!({"threshold": 0.8})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "one run of a year at a time: {}", again.text());

    // The run is read by its rapporteur and the office only.
    let uri = format!("/api/v1/linkage/runs/{id}");
    for who in ["rapporteur", "editor", "admin"] {
        let got = lab.api(who, Method::GET, &uri, None).await;
        assert_eq!(got.status, StatusCode::OK, "{who}: {}", got.text());
        assert_eq!((got.json()["status"].as_str(), got.json()["threshold"].as_f64()), (Some("queued"), Some(0.85)));
        assert_eq!(lab.page(who, &run_page).await.status, StatusCode::OK, "{who}");
    }
    for who in ["police", "ngo", "rapporteur-fr", "agency"] {
        assert_eq!(lab.api(who, Method::GET, &uri, None).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(lab.page(who, &run_page).await.status, StatusCode::FORBIDDEN, "{who}");
        let csv = lab.page(who, &format!("{run_page}/histories.csv")).await;
        assert_eq!(csv.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(lab.api("anonymous", Method::GET, &uri, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(lab.page("anonymous", &run_page).await.location(), format!("/sign-in?next={run_page}"));
    assert_eq!(
        lab.api("rapporteur", Method::GET, "/api/v1/linkage/runs/999", None).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = lab.api("rapporteur", Method::GET, RUNS, None).await;
    assert_eq!(listed.json().as_array().unwrap().len(), 1);
    assert_eq!(lab.api("police", Method::GET, RUNS, None).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_upload_check_answers_what_to_do() {
    let settings = LinkageSettings { max_records: 200, ..LinkageSettings::default() };
    let lab = Lab::new(settings).await;
    let data = data();
    // A source's file cut to (or repeated up to) `records` records.
    let small = |source: usize, records: usize| {
        let file = &data.files[source];
        let n = file.keys.len();
        let mut keys = KeySet::new(file.keys.bits());
        for i in 0..records {
            keys.push_bytes(&file.keys.bytes(i % n));
        }
        let mut out = file.clone();
        out.keys = keys;
        for column in &mut out.attributes.columns {
            column.codes = (0..records).map(|i| column.codes[i % n]).collect();
        }
        out
    };
    assert!(data.files.iter().all(|f| f.keys.len() <= 200), "every source's whole file is within the limit");
    let refused = |got: Got, expected: &str| {
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{expected}: {}", got.text());
        let detail = got.detail();
        assert!(detail.contains(expected), "{expected:?} not in {detail:?}");
        got
    };

    // Not JSON: the line and column where it stops.
    let got =
        refused(lab.upload("police", UPLOADS, b"{\"clks\": [\n  \"AAAA\"\n  \"BBBB\"]}").await, "line 3, column 3");
    assert_eq!(
        (got.json()["errors"][0]["line"].as_u64(), got.json()["errors"][0]["column"].as_u64()),
        (Some(3), Some(3))
    );
    refused(lab.upload("police", UPLOADS, b"").await, "line 1");
    // A bare clkhash file: keys only.
    let bare = to_json(&KeyFile::bare(small(0, 10).keys));
    refused(lab.upload("police", UPLOADS, &bare).await, "rapporteur link encode");
    // Too many records for the installation's limit.
    refused(lab.upload("police", UPLOADS, &to_json(&small(0, 201))).await, "at most 200");
    // Keys too short.
    let mut short = KeyFile::bare(KeySet::new(32));
    short.keys.push_bytes(&[1, 2, 3, 4]);
    short.schema = Some("ab".repeat(32));
    short.secret_check = Some("00".into());
    refused(lab.upload("police", UPLOADS, &to_json(&short)).await, "32 bits");
    // Attributes: a value outside its code list, or an attribute that may not travel, never repeated back.
    let mut odd = small(0, 20);
    let sex = odd.attributes.columns.iter_mut().find(|c| c.name == "sex").unwrap();
    sex.values[0] = "Maria Schmidt".into();
    let got = refused(lab.upload("police", UPLOADS, &to_json(&odd)).await, "attribute sex");
    assert!(!got.text().contains("Maria"), "a value that is not a code is not repeated");
    let mut extra = small(0, 20);
    extra
        .attributes
        .columns
        .push(rapporteur_linkage::keyfile::AttributeColumn::from_values("given_name", (0..20).map(|_| "Anna")));
    refused(lab.upload("police", UPLOADS, &to_json(&extra)).await, "may not travel");
    assert!(
        lab.app.store.linkage_uploads(MemberState::parse("DE").unwrap(), 2023).await.unwrap().is_empty(),
        "nothing saved"
    );

    // Checked against the other sources' uploads: the same schema, the same secret.
    lab.upload_ok("police", &to_json(&small(0, 50))).await;
    let mut other_schema = small(1, 50);
    other_schema.schema = Some("cd".repeat(32));
    refused(lab.upload("ngo", UPLOADS, &to_json(&other_schema)).await, "different schemas");
    let other_secret = encode_source(&data.sources[1], b"not the shared secret");
    refused(lab.upload("ngo", UPLOADS, &to_json(&other_secret)).await, "different secrets");
    // A source replacing its own upload is compared with the others only: alone, it may change its secret.
    let replaced = lab.upload_ok("police", &to_json(&encode_source(&data.sources[0], b"not the shared secret"))).await;
    assert_eq!(replaced["records"].as_u64(), Some(data.files[0].keys.len() as u64));
    refused(lab.upload("ngo", UPLOADS, &data.json(1)).await, "different secrets");
    lab.upload_ok("ngo", &to_json(&other_secret)).await;

    // A run needs two sources' uploads: a year with one is refused in words.
    let lonely = lab.upload("labour", "/api/v1/linkage/DE/2022/uploads", &to_json(&small(2, 20))).await;
    assert_eq!(lonely.status, StatusCode::OK, "{}", lonely.text());
    let got = lab.api("rapporteur", Method::POST, "/api/v1/linkage/DE/2022/runs", None).await;
    refused(got, "at least two sources");
    let got = lab.start_run("rapporteur", json!({"threshold": 1.5})).await;
    refused(got, "threshold");

    // The browser's form: a refused file is shown with its problems, a good one is saved.
    let page = lab.upload_form("police", "2023", &bare).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.text());
    assert!(
        page.text().contains("rapporteur link encode") && page.text().contains("role=\"alert\""),
        "{}",
        page.text()
    );
    let page = lab.upload_form("police", "2024", &to_json(&small(0, 30))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert!(page.text().contains("Saved: 30 records for 2024"), "{}", page.text());
    assert!(page.text().contains("police-2023.json"), "the file's name without its folders");
    let page = lab.upload_form("rapporteur", "2024", &to_json(&small(0, 30))).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    // A body over the installation's limit is refused before it is read.
    let tight = rapporteur_web::router(
        lab.state.clone().with_linkage(LinkageSettings { upload_limit_bytes: 1_000, ..settings }),
    );
    let request = Request::post(UPLOADS)
        .header("authorization", format!("Bearer {}", lab.person("police").token))
        .body(Body::from(data.json(0)))
        .unwrap();
    assert_eq!(tight.oneshot(request).await.unwrap().status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// Uploads the three sources' key files with their tokens and starts a run as the rapporteur; returns the
/// run's id.
async fn upload_three_and_start(lab: &Lab) -> i64 {
    let data = data();
    for (i, (who, organisation)) in SOURCES.iter().enumerate() {
        let saved = lab.upload_ok(who, &data.json(i)).await;
        assert_eq!(saved["organisation"], *organisation);
    }
    let got = lab.start_run("rapporteur", json!({"threshold": 0.8})).await;
    assert_eq!(got.status, StatusCode::ACCEPTED, "{}", got.text());
    let run = got.json();
    assert_eq!(run["status"], "queued");
    run["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_run_counts_the_persons_the_linkage_finds_and_hands_the_histories_to_estimation() {
    let lab = Lab::default().await;
    let runner = LinkageRunner::start(lab.state.clone()).await.unwrap();
    let id = upload_three_and_start(&lab).await;
    let run = lab.wait_for(id).await;
    assert_eq!(run["status"], "done", "{run}");
    let result = &run["result"];

    // The same keys, linked here directly with what the run says it used.
    let data = data();
    let names: Vec<String> = SOURCES.iter().map(|(_, o)| o.to_string()).collect();
    let keys: Vec<&KeySet> = data.files.iter().map(|f| &f.keys).collect();
    let records: u64 = keys.iter().map(|k| k.len() as u64).sum();
    let blocking = Blocking::automatic(records * (records - 1) / 2);
    assert_eq!(result["blocking"]["method"], "all-pairs");
    assert_eq!(result["merge_fraction"], 0.5);
    let options = ClusterOptions { threshold: Threshold::new(0.8).unwrap(), blocking, merge_fraction: 0.5 };
    let linkage = link_sources(&names, &keys, &options, &|_, _| {});
    assert_eq!(result["persons"].as_u64(), Some(linkage.persons as u64), "{result}");
    assert_eq!(result["records"].as_u64(), Some(records));
    assert!(linkage.persons < records as usize, "the sources overlap");
    let sources = result["sources"].as_array().unwrap();
    for (s, source) in sources.iter().enumerate() {
        assert_eq!(source["organisation"], names[s].as_str());
        assert_eq!(source["records"].as_u64(), Some(keys[s].len() as u64));
        assert_eq!(source["persons"].as_u64(), Some(linkage.histories.seen_by(s)));
    }
    assert_eq!(result["overlaps"].as_array().unwrap().len(), 3, "every pair of three sources");
    assert_eq!(result["overlaps"][0]["persons"].as_u64(), Some(linkage.histories.overlap(0, 1)));
    let by_sex = result["breakdowns"].as_array().unwrap().iter().find(|b| b["attribute"] == "sex").expect("sex");
    let total: u64 = by_sex["persons"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total, linkage.persons as u64, "each person counted once by sex");

    // The capture histories, to hand to estimation: the crate's CSV, columns named after the organisations.
    let mut expected = Vec::new();
    linkage.histories.write_csv(&mut expected).unwrap();
    let csv_uri = run["histories_csv"].as_str().unwrap().to_owned();
    let csv = lab.api("rapporteur", Method::GET, &csv_uri, None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers["content-disposition"].to_str().unwrap().contains("linkage-DE-2023-run-"));
    assert_eq!(csv.text(), String::from_utf8(expected).unwrap());
    assert!(csv.text().starts_with("bka,kok-ev,zoll,count\n"));

    // The page shows it all, in tables with headers, and no longer refreshes itself.
    let page = lab.page_ok("rapporteur", &format!("/workspace/linkage/runs/{id}")).await;
    assert!(!page.contains("http-equiv=\"refresh\""));
    assert!(page.contains(&linkage.persons.to_string()) && page.contains("histories.csv"), "{page}");
    assert!(page.contains("<th scope=\"row\">bka</th>") && page.contains("<caption>"), "{page}");
    assert!(page.contains("Females"), "breakdowns by the code lists' labels");
    let overview = lab.page_ok("rapporteur", "/workspace/linkage?year=2023").await;
    assert!(overview.contains(&format!("/workspace/linkage/runs/{id}")));
    runner.stop().await;
}

#[tokio::test]
async fn no_name_reaches_the_database_or_the_logs() {
    capture_logs();
    let lab = Lab::default().await;
    let data = data();
    let names: BTreeSet<&str> = data
        .sources
        .iter()
        .flat_map(|s| s.records.iter().flat_map(|r| [r[1].as_str(), r[2].as_str()]))
        .filter(|n| n.chars().count() >= 4)
        .collect();
    assert!(names.len() > 100, "{} names", names.len());
    let mut records = Vec::new();
    for source in &data.sources {
        write_csv(source, &mut records).unwrap();
    }
    assert_eq!(found_in(&records, &names), names, "the search finds every name where it is");
    // What the portal held and said before (its own content may use a common name) does not count.
    let (before_db, before_logs) = (database_bytes(&lab.app.location()), logs());
    let mut known = found_in(&before_db, &names);
    known.extend(found_in(&before_logs, &names));

    assert!(known.len() * 10 < names.len(), "most names are not in the portal already: {known:?}");
    let runner = LinkageRunner::start(lab.state.clone()).await.unwrap();
    let id = upload_three_and_start(&lab).await;
    assert_eq!(lab.wait_for(id).await["status"], "done");
    lab.page_ok("rapporteur", &format!("/workspace/linkage/runs/{id}")).await;
    lab.page_ok("police", "/workspace/linkage").await;
    runner.stop().await;

    let logs = logs();
    assert!(contains(&logs, b"linkage run done"), "the logs are captured");
    let db = database_bytes(&lab.app.location());
    let mut found = found_in(&db, &names);
    found.extend(found_in(&logs, &names));
    let leaked: Vec<&str> = found.difference(&known).copied().collect();
    assert!(leaked.is_empty(), "names found in the database or the logs: {leaked:?}");
}

#[tokio::test]
async fn a_run_left_running_by_a_stopped_server_is_run_again_or_failed() {
    let lab = Lab::default().await;
    let store = lab.app.store.clone();
    // A server took the run and stopped: it is `running`, with no worker.
    let id = upload_three_and_start(&lab).await;
    let taken = store.claim_linkage_run().await.unwrap().unwrap();
    assert_eq!((taken.id.0, taken.status, taken.attempts), (id, RunStatus::Running, 1));

    // The next start queues it again, and the runner runs it to its end.
    let runner = LinkageRunner::start(lab.state.clone()).await.unwrap();
    let run = lab.wait_for(id).await;
    assert_eq!((run["status"].as_str(), run["attempts"].as_u64()), (Some("done"), Some(2)), "{run}");
    runner.stop().await;

    // Once a run has been taken as often as the installation allows, the next start fails it with the reason.
    let got = lab.start_run("rapporteur", json!({})).await;
    assert_eq!(got.status, StatusCode::ACCEPTED, "{}", got.text());
    let second = got.json()["id"].as_i64().unwrap();
    assert_eq!(store.claim_linkage_run().await.unwrap().unwrap().id.0, second);
    let strict = lab.state.clone().with_linkage(LinkageSettings { max_attempts: 1, ..LinkageSettings::default() });
    let runner = LinkageRunner::start(strict).await.unwrap();
    let run = lab.wait_for(second).await;
    assert_eq!(run["status"], "failed");
    assert!(run["error"].as_str().unwrap().contains("the server stopped during this run once"), "{run}");
    let page = lab.page_ok("rapporteur", &format!("/workspace/linkage/runs/{second}")).await;
    assert!(page.contains("the server stopped during this run once"), "the page gives the reason");
    runner.stop().await;
}
