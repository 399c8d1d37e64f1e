//! Statistics through HTTP: who may read and write a submission (pages and API), files and forms refused
//! with every problem at its place, the workflow to publication, disclosure control in every public output,
//! revisions read back as published on a date, the sources' slices, synthetic figures and bad parameters.

use crate::editing::audit_total;
use crate::{encode, Got, Person, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::Duration;
use rapporteur_core::accounts::Role;
use rapporteur_core::{MemberState, Slug};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Read;
use tower::ServiceExt;

const SUBMISSION: &str = "/api/v1/stats/submissions/THB_VICT/DE/2023";
const PAGE: &str = "/workspace/statistics/THB_VICT/DE/2023";

/// The rapporteur's own figures: totals by sex and by age. `M` = 3 is a small count.
const GOOD: &str = "geo,TIME_PERIOD,sex,age,OBS_VALUE\n\
                    DE,2023,T,TOTAL,1234\n\
                    DE,2023,F,TOTAL,901\n\
                    DE,2023,M,TOTAL,3\n\
                    DE,2023,UNK,TOTAL,330\n\
                    DE,2023,T,Y_LT18,234\n\
                    DE,2023,T,Y_GE18,990\n\
                    DE,2023,T,UNK,10\n";

/// The same year revised: 79 more women, 79 more minors.
const REVISED: &str = "geo,TIME_PERIOD,sex,age,OBS_VALUE\n\
                       DE,2023,T,TOTAL,1313\n\
                       DE,2023,F,TOTAL,980\n\
                       DE,2023,M,TOTAL,3\n\
                       DE,2023,UNK,TOTAL,330\n\
                       DE,2023,T,Y_LT18,313\n\
                       DE,2023,T,Y_GE18,990\n\
                       DE,2023,T,UNK,10\n";

/// One problem of each kind: the ages add up to 1229 (line 2), a negative (4), an unknown code (5), a
/// fraction (6) and a key given twice (7).
const BAD: &str = "geo,TIME_PERIOD,sex,age,OBS_VALUE\n\
                   DE,2023,T,TOTAL,1234\n\
                   DE,2023,F,TOTAL,901\n\
                   DE,2023,M,TOTAL,-3\n\
                   DE,2023,Q,TOTAL,7\n\
                   DE,2023,UNK,TOTAL,33.5\n\
                   DE,2023,F,TOTAL,901\n\
                   DE,2023,T,Y_LT18,234\n\
                   DE,2023,T,Y_GE18,990\n\
                   DE,2023,T,UNK,5\n";

/// The police's slice (registering organisation POL) and an NGO's (NGO).
const POLICE: &str = "geo,TIME_PERIOD,sex,reg_org,OBS_VALUE\n\
                      DE,2023,T,POL,611\n\
                      DE,2023,F,POL,409\n\
                      DE,2023,M,POL,2\n\
                      DE,2023,UNK,POL,200\n";
const NGO: &str = "geo,TIME_PERIOD,sex,reg_org,OBS_VALUE\n\
                   DE,2023,T,NGO,277\n\
                   DE,2023,F,NGO,200\n\
                   DE,2023,M,NGO,1\n\
                   DE,2023,UNK,NGO,76\n";

/// Figures made up for a demonstration, labelled so in `OBS_COMMENT`.
const SYNTHETIC: &str = "geo,TIME_PERIOD,sex,OBS_VALUE,OBS_COMMENT\n\
                         DE,2023,T,1234,synthetic: generated for a demonstration\n\
                         DE,2023,F,901,synthetic: generated for a demonstration\n\
                         DE,2023,M,3,synthetic: generated for a demonstration\n\
                         DE,2023,UNK,330,synthetic: generated for a demonstration\n";

/// The form field of a cell of `THB_VICT` by sex, every other dimension at its total.
fn by_sex_field(sex: &str) -> String {
    format!("v.{sex}.TOTAL.TOTAL.TOTAL.TOTAL.TOTAL")
}

/// The accounts of the tests: the office, Germany's rapporteur and two of its sources (police and an NGO),
/// France's rapporteur, an agency and a civil-society organisation.
const PEOPLE: [&str; 8] = ["admin", "editor", "rapporteur", "rapporteur-fr", "police", "ngo", "agency", "cso"];

/// Every caller of the role matrix; "anonymous" is the public.
const CALLERS: [&str; 9] =
    ["anonymous", "admin", "editor", "rapporteur", "rapporteur-fr", "police", "ngo", "agency", "cso"];

fn role_of(name: &str) -> Role {
    let de = MemberState::parse("DE").unwrap();
    let slug = |s: &str| Slug::parse(s).unwrap();
    match name {
        "admin" => Role::Admin,
        "editor" => Role::Editor,
        "rapporteur" => Role::Rapporteur { member_state: de },
        "rapporteur-fr" => Role::Rapporteur { member_state: MemberState::parse("FR").unwrap() },
        "police" => Role::Source { member_state: de, organisation: slug("bka") },
        "ngo" => Role::Source { member_state: de, organisation: slug("kok-ev") },
        "agency" => Role::Agency { agency: slug("europol") },
        "cso" => Role::Cso { organisation: slug("la-strada") },
        other => panic!("no account {other}"),
    }
}

impl Got {
    fn content_type(&self) -> &str {
        self.headers.get("content-type").map_or("", |v| v.to_str().unwrap())
    }
    fn redirected_to_sign_in(&self) -> bool {
        // A page asked for with GET is returned to after signing in; a form is not.
        self.status.is_redirection()
            && (self.location() == "/sign-in" || self.location().starts_with("/sign-in?next=/"))
    }
    /// The problems of an error document, as (line, column).
    fn places(&self) -> Vec<(u64, u64)> {
        self.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["line"].as_u64().unwrap_or(0), e["column"].as_u64().unwrap_or(0)))
            .collect()
    }
    /// The parameter the first problem of an error document names.
    fn parameter(&self) -> String {
        self.json()["errors"][0]["parameter"].as_str().unwrap_or_default().to_owned()
    }
}

/// What the matrix sends.
enum Call {
    Page(String),
    Form(String, Vec<(String, String)>),
    Upload(String, &'static str),
    ApiGet(String),
    ApiPut(String, &'static str),
    ApiStep(&'static str, &'static str),
}

impl Call {
    fn is_api(&self) -> bool {
        matches!(self, Call::ApiGet(_) | Call::ApiPut(..) | Call::ApiStep(..))
    }
    fn describe(&self) -> String {
        match self {
            Call::Page(uri) => format!("GET {uri}"),
            Call::Form(uri, fields) => format!("POST {uri} {fields:?}"),
            Call::Upload(uri, _) => format!("POST (file) {uri}"),
            Call::ApiGet(uri) => format!("GET {uri}"),
            Call::ApiPut(uri, _) => format!("PUT {uri}"),
            Call::ApiStep(action, _) => format!("POST {SUBMISSION}/steps {action}"),
        }
    }
}

/// The app with every account of [`PEOPLE`].
struct Lab {
    app: TestApp,
    people: HashMap<&'static str, Person>,
}

impl Lab {
    async fn new() -> Lab {
        let app = TestApp::at(AFTER_ALL_DEADLINES).await;
        let people = Person::sign_up(&app, &PEOPLE, role_of, 3650).await;
        Lab { app, people }
    }

    fn person(&self, name: &str) -> &Person {
        self.people.get(name).unwrap_or_else(|| panic!("no account {name}"))
    }

    async fn request(&self, request: Request<Body>) -> Got {
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 50_000_000).await.unwrap().to_vec();
        Got { status, headers, bytes }
    }

    /// An API call with `who`'s token (none for "anonymous" or `None`).
    async fn api(&self, who: Option<&str>, method: Method, uri: &str, body: Option<(&str, String)>) -> Got {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(person) = who.filter(|w| *w != "anonymous") {
            request = request.header("authorization", format!("Bearer {}", self.person(person).token));
        }
        let body = match body {
            Some((content_type, body)) => {
                request = request.header("content-type", content_type);
                Body::from(body)
            }
            None => Body::empty(),
        };
        self.request(request.body(body).unwrap()).await
    }

    async fn put_csv(&self, who: &str, uri: &str, csv: &str) -> Got {
        self.api(Some(who), Method::PUT, uri, Some(("text/csv", csv.to_owned()))).await
    }

    async fn step(&self, who: &str, action: &str, comment: &str) -> Got {
        let body = json!({ "action": action, "comment": comment }).to_string();
        self.api(Some(who), Method::POST, &format!("{SUBMISSION}/steps"), Some(("application/json", body))).await
    }

    /// A step that must succeed, as the API answers it.
    async fn step_ok(&self, who: &str, action: &str, comment: &str) -> Value {
        let got = self.step(who, action, comment).await;
        assert_eq!(got.status, StatusCode::OK, "{who} {action}: {}", got.text());
        got.json()
    }

    /// The submission as `who` reads it through the API.
    async fn submission(&self, who: &str) -> Value {
        let got = self.api(Some(who), Method::GET, SUBMISSION, None).await;
        assert_eq!(got.status, StatusCode::OK, "{who} GET {SUBMISSION}: {}", got.text());
        got.json()
    }

    /// A page as `who` sees it in a browser (the public for "anonymous" or `None`).
    async fn page(&self, who: Option<&str>, uri: &str) -> Got {
        let mut request = Request::get(uri);
        if let Some(person) = who.filter(|w| *w != "anonymous") {
            request = request.header("cookie", format!("rapporteur_session={}", self.person(person).session));
        }
        self.request(request.body(Body::empty()).unwrap()).await
    }

    async fn page_ok(&self, who: Option<&str>, uri: &str) -> String {
        let got = self.page(who, uri).await;
        assert_eq!(got.status, StatusCode::OK, "{who:?} GET {uri}: {}", got.text());
        got.text()
    }

    /// A form posted from `who`'s browser, with the session's CSRF token when `csrf`.
    async fn form(&self, who: Option<&str>, uri: &str, fields: &[(String, String)], csrf: bool) -> Got {
        let mut pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut request = Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
        if let Some(person) = who.filter(|w| *w != "anonymous").map(|w| self.person(w)) {
            request = request.header("cookie", format!("rapporteur_session={}", person.session));
            if csrf {
                pairs.push(("csrf", person.csrf.as_str()));
            }
        }
        self.request(request.body(Body::from(encode(&pairs))).unwrap()).await
    }

    /// A file uploaded with the workspace's form (multipart, with the CSRF token).
    async fn upload(&self, who: Option<&str>, uri: &str, file_name: &str, csv: &str) -> Got {
        let boundary = "statisticsboundary";
        let person = who.filter(|w| *w != "anonymous").map(|w| self.person(w));
        let csrf = person.map(|p| p.csrf.clone()).unwrap_or_default();
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
        );
        let mut request =
            Request::post(uri).header("content-type", format!("multipart/form-data; boundary={boundary}"));
        if let Some(p) = person {
            request = request.header("cookie", format!("rapporteur_session={}", p.session));
        }
        self.request(request.body(Body::from(body)).unwrap()).await
    }

    async fn send(&self, who: &str, call: &Call) -> Got {
        let who = Some(who);
        match call {
            Call::Page(uri) => self.page(who, uri).await,
            Call::Form(uri, fields) => self.form(who, uri, fields, true).await,
            Call::Upload(uri, csv) => self.upload(who, uri, "figures.csv", csv).await,
            Call::ApiGet(uri) => self.api(who, Method::GET, uri, None).await,
            Call::ApiPut(uri, csv) => self.api(who, Method::PUT, uri, Some(("text/csv", (*csv).to_owned()))).await,
            Call::ApiStep(action, comment) => {
                let body = json!({ "action": action, "comment": comment }).to_string();
                self.api(who, Method::POST, &format!("{SUBMISSION}/steps"), Some(("application/json", body))).await
            }
        }
    }

    /// Uploads `csv` as the rapporteur and takes it through the workflow to publication.
    async fn publish(&self, csv: &str) {
        let got = self.put_csv("rapporteur", SUBMISSION, csv).await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.text());
        self.step_ok("rapporteur", "submit", "").await;
        self.step_ok("editor", "validate", "").await;
        let published = self.step_ok("rapporteur", "publish", "").await;
        assert_eq!(published["state"], "published");
    }

    /// Germany's published grand total of 2023 through the API, with `query` added.
    async fn published_total(&self, query: &str) -> Value {
        let uri = format!(
            "/api/v1/stats/THB_VICT?format=json-stat&geo=DE&time=2023&sex=T&age=TOTAL&citizen=TOTAL&exploit=TOTAL\
             &status=TOTAL&reg_org=TOTAL{query}"
        );
        let got = self.api(None, Method::GET, &uri, None).await;
        assert_eq!(got.status, StatusCode::OK, "{uri}: {}", got.text());
        let values = got.json()["value"].as_object().unwrap().clone();
        assert!(values.len() <= 1, "one figure at most: {values:?}");
        values.values().next().cloned().unwrap_or(Value::Null)
    }
}

/// The rows of a CSV text (quoted fields may hold commas; no field holds a line break).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut fields = vec![String::new()];
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(String::new()),
                    c => fields.last_mut().unwrap().push(c),
                }
            }
            fields
        })
        .collect()
}

/// The column `name` of every data row of a CSV text.
fn csv_column(text: &str, name: &str) -> Vec<String> {
    let rows = csv_rows(text);
    let position = rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]));
    rows[1..].iter().map(|r| r[position].clone()).collect()
}

/// A part of an XLSX workbook, as text.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip archive");
    let mut text = String::new();
    archive.by_name(name).expect("a part of the workbook").read_to_string(&mut text).unwrap();
    text
}

/// The numbers of a worksheet: the values of its cells that are not shared strings (`t="s"`).
fn xlsx_numbers(sheet: &str) -> Vec<u64> {
    sheet
        .split("<c ")
        .skip(1)
        .filter_map(|cell| {
            let (attributes, rest) = cell.split_once('>')?;
            if attributes.contains("t=\"") {
                return None;
            }
            let value = rest.split_once("<v>")?.1.split_once("</v>")?.0;
            value.parse::<u64>().ok()
        })
        .collect()
}

/// No published output may hold a count from 1 to 4: they are withheld.
fn assert_no_small_count(what: &str, values: impl IntoIterator<Item = u64>) {
    for value in values {
        assert!(!(1..=4).contains(&value), "{what} shows the small count {value}");
    }
}

/// The public exports of `THB_VICT` in every format: (format, answer).
async fn every_export(lab: &Lab, query: &str) -> Vec<(&'static str, Got)> {
    let mut out = Vec::new();
    for (format, content_type) in [
        ("json-stat", "application/json"),
        ("sdmx-csv", "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"),
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
        let uri = format!("/api/v1/stats/THB_VICT?format={format}{query}");
        let got = lab.api(None, Method::GET, &uri, None).await;
        assert_eq!(got.status, StatusCode::OK, "{uri}: {}", got.text());
        assert_eq!(got.content_type(), content_type, "{uri}");
        out.push((format, got));
    }
    out
}

/// Checks every public export and page of Germany's figures for small counts.
async fn assert_nothing_small_is_public(lab: &Lab) {
    for (format, got) in every_export(lab, "").await {
        let text = got.text();
        match format {
            "json-stat" => {
                let doc = got.json();
                assert_no_small_count(format, doc["value"].as_object().unwrap().values().filter_map(Value::as_u64));
            }
            "sdmx-csv" => {
                let values = csv_column(&text, "OBS_VALUE").iter().filter_map(|v| v.parse().ok()).collect::<Vec<_>>();
                assert!(!values.is_empty());
                assert_no_small_count(format, values);
            }
            "csv" => {
                let values = csv_column(&text, "value").iter().filter_map(|v| v.parse().ok()).collect::<Vec<_>>();
                assert!(!values.is_empty());
                assert_no_small_count(format, values);
            }
            _ => {
                let numbers = xlsx_numbers(&xlsx_part(&got.bytes, "xl/worksheets/sheet1.xml"));
                assert!(numbers.contains(&2023), "the years are numbers: {numbers:?}");
                assert_no_small_count(format, numbers);
            }
        }
    }
    // The men's figure, asked for alone, is withheld with status C in every format.
    let males = "&geo=DE&sex=M&age=TOTAL&citizen=TOTAL&exploit=TOTAL&status=TOTAL&reg_org=TOTAL";
    for (format, got) in every_export(lab, males).await {
        match format {
            "json-stat" => {
                let doc = got.json();
                let values: Vec<&Value> = doc["value"].as_object().unwrap().values().collect();
                assert_eq!(values, [&Value::Null], "{doc}");
                let statuses: Vec<&Value> = doc["status"].as_object().unwrap().values().collect();
                assert_eq!(statuses, [&json!("C")], "{doc}");
            }
            "sdmx-csv" => {
                let text = got.text();
                assert_eq!(csv_column(&text, "OBS_VALUE"), [""], "{text}");
                assert_eq!(csv_column(&text, "CONF_STATUS"), ["C"], "{text}");
            }
            "csv" => {
                let text = got.text();
                assert_eq!(csv_column(&text, "value"), [""], "{text}");
                assert_eq!(csv_column(&text, "conf_status"), ["C"], "{text}");
            }
            _ => {
                let sheet = xlsx_part(&got.bytes, "xl/worksheets/sheet1.xml");
                assert_eq!(xlsx_numbers(&sheet), [2023], "only the year is a number: {sheet}");
            }
        }
    }
    for uri in ["/statistics/de", "/statistics", "/member-states/de"] {
        let page = lab.page_ok(None, uri).await;
        assert!(!page.contains("Males: 3"), "{uri} draws the withheld figure");
        for row in page.split("<th scope=\"row\">Males</th>").skip(1) {
            let row = row.split("</tr>").next().unwrap();
            assert!(row.contains("not available") && !row.contains(">3<"), "{uri}: Males {row}");
        }
    }
}

#[tokio::test]
async fn every_statistics_route_refuses_whom_it_must_and_writes_nothing_when_it_does() {
    let lab = Lab::new().await;
    // A submitted draft, for the steps to act on.
    assert_eq!(lab.put_csv("rapporteur", SUBMISSION, GOOD).await.status, StatusCode::OK);
    lab.step_ok("rapporteur", "submit", "").await;

    const READERS: &[&str] = &["admin", "editor", "rapporteur", "police", "ngo"];
    const WRITERS: &[&str] = &["rapporteur", "police", "ngo"];
    const RAPPORTEUR: &[&str] = &["rapporteur"];
    const OFFICE: &[&str] = &["admin", "editor"];
    const LIST: &[&str] = &["admin", "editor", "rapporteur", "rapporteur-fr", "police", "ngo"];
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let mut routes: Vec<(Call, &[&str])> = vec![
        (Call::Page(PAGE.into()), READERS),
        (Call::ApiGet(SUBMISSION.into()), READERS),
        (Call::Page("/workspace/statistics".into()), LIST),
        (Call::ApiPut(SUBMISSION.into(), GOOD), WRITERS),
        (Call::Upload(format!("{PAGE}/upload"), GOOD), WRITERS),
        (Call::Form(format!("{PAGE}/figures"), owned(&[(by_sex_field("T").as_str(), "1234")])), WRITERS),
    ];
    for (action, comment, allowed) in [
        ("submit", "", RAPPORTEUR),
        ("publish", "", RAPPORTEUR),
        ("combine", "", RAPPORTEUR),
        ("validate", "", OFFICE),
        ("return", "Check the figure for men.", OFFICE),
    ] {
        routes.push((Call::ApiStep(action, comment), allowed));
        routes.push((Call::Form(format!("{PAGE}/step"), owned(&[("action", action), ("comment", comment)])), allowed));
    }

    let start = audit_total(&lab.app).await;
    for (call, allowed) in &routes {
        for caller in CALLERS {
            let what = format!("{caller} {}", call.describe());
            let before = audit_total(&lab.app).await;
            if allowed.contains(&caller) {
                // Reads are answered here; writes are taken in order below, where the workflow allows them.
                if matches!(call, Call::Page(_) | Call::ApiGet(_)) {
                    let got = lab.send(caller, call).await;
                    assert_eq!(got.status, StatusCode::OK, "{what}: {}", got.text());
                }
                continue;
            }
            let got = lab.send(caller, call).await;
            match (caller, call.is_api()) {
                ("anonymous", true) => assert_eq!(got.status, StatusCode::UNAUTHORIZED, "{what}"),
                ("anonymous", false) => assert!(got.redirected_to_sign_in(), "{what}: {}", got.status),
                _ => assert_eq!(got.status, StatusCode::FORBIDDEN, "{what}: {}", got.text()),
            }
            assert_eq!(audit_total(&lab.app).await, before, "{what} wrote nothing");
        }
    }
    assert_eq!(audit_total(&lab.app).await, start);
    assert_eq!(lab.submission("rapporteur").await["state"], "submitted", "no refused step moved it");
    assert_eq!(lab.submission("editor").await["figures"], 7, "the rapporteur's figures, untouched");

    // Opening a submission: each account is sent to what it may see; France's rapporteur to France's.
    let open = "/workspace/statistics/open?dataflow=THB_VICT&geo=DE&year=2023";
    for caller in CALLERS {
        let got = lab.page(Some(caller), open).await;
        match caller {
            "anonymous" => assert!(got.redirected_to_sign_in(), "{caller}"),
            "agency" | "cso" => assert_eq!(got.status, StatusCode::FORBIDDEN, "{caller}"),
            "rapporteur-fr" => assert_eq!(got.location(), "/workspace/statistics/THB_VICT/FR/2023"),
            _ => assert_eq!((got.status, got.location()), (StatusCode::SEE_OTHER, PAGE), "{caller}"),
        }
    }
    // France's rapporteur lists France's submissions only.
    let listed = lab.page_ok(Some("rapporteur-fr"), "/workspace/statistics").await;
    assert!(!listed.contains(PAGE), "another Member State's submission is not listed");
    assert!(lab.page_ok(Some("editor"), "/workspace/statistics").await.contains(PAGE));

    // The office returns only with a comment, in the API and the form alike.
    let before = audit_total(&lab.app).await;
    let got = lab.step("editor", "return", "  ").await;
    assert_eq!((got.status, got.parameter()), (StatusCode::BAD_REQUEST, "comment".into()), "{}", got.text());
    let got = lab.form(Some("editor"), &format!("{PAGE}/step"), &owned(&[("action", "return")]), true).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.text());
    assert_eq!(audit_total(&lab.app).await, before);
    let got = lab
        .form(
            Some("editor"),
            &format!("{PAGE}/step"),
            &owned(&[("action", "return"), ("comment", "Check the figure for men.")]),
            true,
        )
        .await;
    assert_eq!((got.status, got.location()), (StatusCode::SEE_OTHER, PAGE));
    assert_eq!(lab.submission("editor").await["state"], "draft");
    assert!(lab.page_ok(Some("rapporteur"), PAGE).await.contains("Check the figure for men."));
    let got = lab.form(Some("rapporteur"), &format!("{PAGE}/step"), &owned(&[("action", "submit")]), true).await;
    assert_eq!((got.status, got.location()), (StatusCode::SEE_OTHER, PAGE), "{}", got.text());

    // A source writes its registering organisation's slice only: never the totals over every organisation.
    let before = audit_total(&lab.app).await;
    let got = lab.put_csv("police", SUBMISSION, GOOD).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.text());
    assert!(got.text().contains("set reg_org to your organisation"), "{}", got.text());
    assert_eq!(got.places().len(), 7, "each line stating a total over every organisation: {}", got.text());
    assert_eq!(audit_total(&lab.app).await, before);
    let got = lab.put_csv("police", SUBMISSION, POLICE).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());
    assert_eq!(got.json()["figures"], 4);
    let got = lab.upload(Some("ngo"), &format!("{PAGE}/upload"), "ngo.csv", NGO).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());
    assert!(got.text().contains("Saved 4 figures."));
    assert!(audit_total(&lab.app).await > before, "the slices are audited");
    // A slice is not the submission: the office's work on the rapporteur's figures stands.
    assert_eq!(lab.submission("rapporteur").await["state"], "submitted", "a source took no step");
    assert_eq!(lab.submission("rapporteur").await["figures"], 7, "the rapporteur's figures, untouched");

    // Each source reads its own slice and nothing else: no other slice, no figure of the rapporteur, no history.
    for (source, own, other, other_figure) in [("police", "POL", "NGO", "277"), ("ngo", "NGO", "POL", "611")] {
        let resource = lab.submission(source).await;
        assert_eq!(resource["figures"], 4, "{source}: {resource}");
        assert_eq!(resource["history"], json!([]), "{source}");
        let page = lab.page_ok(Some(source), PAGE).await;
        assert!(page.contains(&format!("<td>{own}</td>")), "{source} sees its slice");
        assert!(!page.contains(&format!("<td>{other}</td>")), "{source} sees another source's slice");
        assert!(!page.contains(&format!(">{other_figure}<")), "{source} sees another source's figure");
        assert!(!page.contains(">1,234<") && !page.contains("\"1234\""), "{source} sees the rapporteur's figures");
        assert!(!page.contains("Check the figure"), "{source} sees the history");
        let step = lab.step(source, "submit", "").await;
        assert_eq!(step.status, StatusCode::FORBIDDEN);
    }
    // The rapporteur sees both slices beside the draft; the office reads them too.
    for reader in ["rapporteur", "editor"] {
        let page = lab.page_ok(Some(reader), PAGE).await;
        assert!(page.contains("Contributions of the sources"), "{reader}");
        assert!(page.contains(">bka<") && page.contains(">kok-ev<"), "{reader}: both sources");
    }

    // The office validates, the rapporteur signs off.
    lab.step_ok("admin", "validate", "").await;
    let published = lab.step_ok("rapporteur", "publish", "").await;
    assert_eq!((published["state"].as_str(), published["versions"].as_i64()), (Some("published"), Some(1)));
}

#[tokio::test]
async fn a_bad_file_is_refused_with_every_problem_and_a_good_one_goes_through_to_publication() {
    let lab = Lab::new().await;
    let start = audit_total(&lab.app).await;

    // Every problem at once, each at its line and column; nothing is saved.
    let got = lab.put_csv("rapporteur", SUBMISSION, BAD).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.text());
    assert_eq!(got.places(), [(2, 5), (4, 5), (5, 3), (6, 5), (7, 5)], "{}", got.text());
    let details: Vec<String> =
        got.json()["errors"].as_array().unwrap().iter().map(|e| e["detail"].as_str().unwrap().to_owned()).collect();
    for (detail, expected) in details.iter().zip([
        "the breakdown by age does not add up: Y_LT18 + Y_GE18 + UNK = 1229, but the total is 1234",
        "\"-3\" is negative",
        "unknown sex code \"Q\"",
        "\"33.5\" is not a whole number",
        "duplicate key",
    ]) {
        assert!(detail.contains(expected), "{detail:?} should say {expected:?}");
    }
    assert_eq!(audit_total(&lab.app).await, start, "nothing was written");
    let resource = lab.submission("rapporteur").await;
    assert_eq!((resource["figures"].as_u64(), resource["state"].as_str()), (Some(0), Some("draft")));

    // The same file through the workspace's form: the page lists the problems as FILE:LINE:COLUMN.
    let got = lab.upload(Some("rapporteur"), &format!("{PAGE}/upload"), "bad.csv", BAD).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = got.text();
    for expected in [
        "bad.csv:2:5: error: the breakdown by age does not add up",
        "bad.csv:4:5: error: &quot;-3&quot; is negative",
        "bad.csv:5:3: error: unknown sex code &quot;Q&quot;",
        "bad.csv:6:5: error: &quot;33.5&quot; is not a whole number",
        "bad.csv:7:5: error: duplicate key",
    ] {
        assert!(page.contains(expected), "the page lists {expected:?}");
    }
    assert!(page.contains("Problems found (5)"));
    assert_eq!(audit_total(&lab.app).await, start, "nothing was written");
    assert_eq!(lab.submission("rapporteur").await["figures"], 0);

    // The public pages before anything is published (kept in the page cache from now on).
    assert!(lab.page_ok(None, "/statistics/de").await.contains("has not published figures"));
    assert!(lab.page_ok(None, "/statistics").await.contains("No figures have been published yet."));

    // A good file, submitted, returned with a comment, submitted again, validated and signed off.
    let got = lab.put_csv("rapporteur", SUBMISSION, GOOD).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());
    assert_eq!(got.json(), json!({ "state": "draft", "figures": 7, "warnings": [] }));
    assert_eq!(lab.step_ok("rapporteur", "submit", "").await["state"], "submitted");
    let before = audit_total(&lab.app).await;
    let refused = lab.step("editor", "return", "").await;
    assert_eq!((refused.status, refused.parameter()), (StatusCode::BAD_REQUEST, "comment".into()));
    assert_eq!(audit_total(&lab.app).await, before);
    let returned = lab.step_ok("editor", "return", "The figure for men looks low: check it.").await;
    assert_eq!(returned["state"], "draft");
    assert_eq!(
        returned["history"].as_array().unwrap().last().unwrap()["comment"],
        "The figure for men looks low: check it."
    );
    assert_eq!(lab.step_ok("rapporteur", "submit", "Checked: it is right.").await["state"], "submitted");
    assert_eq!(lab.step_ok("editor", "validate", "").await["state"], "validated");
    let published = lab.step_ok("rapporteur", "publish", "").await;
    assert_eq!((published["state"].as_str(), published["versions"].as_i64()), (Some("published"), Some(1)));
    let actions: Vec<&str> =
        published["history"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["edit", "submit", "return", "submit", "validate", "publish"]);

    // The public sees the figure on the pages and in every export, and never the small count.
    assert!(lab.page_ok(None, "/statistics/de").await.contains("1,234"));
    assert!(lab.page_ok(None, "/statistics").await.contains("1,234"));
    assert_eq!(lab.published_total("").await, json!(1234));
    assert_nothing_small_is_public(&lab).await;

    // The rapporteur's draft still holds the small count.
    let draft = lab.page_ok(Some("rapporteur"), PAGE).await;
    assert!(
        draft.contains(
            "<td>M</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td class=\"number\">3</td>"
        ),
        "the draft shows M = 3"
    );
}

#[tokio::test]
async fn a_revision_is_a_new_edition_and_the_first_stays_readable_as_of_its_day() {
    let lab = Lab::new().await;
    lab.publish(GOOD).await;
    assert!(lab.page_ok(None, "/statistics/de").await.contains("1,234"));

    lab.app.clock.advance(Duration::days(40));
    // Changing the figures starts a revision; what was published stays published until the next edition.
    assert_eq!(lab.put_csv("rapporteur", SUBMISSION, REVISED).await.status, StatusCode::OK);
    assert_eq!(lab.submission("rapporteur").await["state"], "draft");
    assert_eq!(lab.published_total("").await, json!(1234), "the draft is not public");
    lab.step_ok("rapporteur", "submit", "Late registrations added.").await;
    lab.step_ok("editor", "validate", "").await;
    let published = lab.step_ok("rapporteur", "publish", "Second edition.").await;
    assert_eq!(published["versions"], 2);

    assert_eq!(lab.published_total("").await, json!(1313));
    assert_eq!(lab.published_total("&as_of=2025-01-01").await, json!(1234), "as published on the first day");
    assert_eq!(lab.published_total("&as_of=2025-01-01T12:00:00Z").await, json!(1234));
    assert_eq!(lab.published_total("&as_of=2025-02-10").await, json!(1313));
    assert_eq!(lab.published_total("&as_of=2024-12-31").await, Value::Null, "nothing was published then");

    // The national page lists both editions, newest first; as of the first day, the first only.
    let page = lab.page_ok(None, "/statistics/de").await;
    assert!(page.contains("1,313"), "the latest figure");
    let first = page.find(">2025-01-01</time>").expect("the first edition is listed");
    let second = page.find(">2025-02-10</time>").expect("the second edition is listed");
    assert!(second < first, "newest first");
    let then = lab.page_ok(None, "/statistics/de?as_of=2025-01-01").await;
    assert!(then.contains("1,234") && !then.contains("1,313"), "as published then");
    assert!(then.contains(">2025-01-01</time>") && !then.contains(">2025-02-10</time>"));
    // The workspace lists both editions too.
    let workspace = lab.page_ok(Some("rapporteur"), PAGE).await;
    assert!(workspace.contains(">2025-01-01</time>") && workspace.contains(">2025-02-10</time>"));
}

#[tokio::test]
async fn figures_entered_in_the_form_are_saved_and_a_bad_one_is_refused_by_its_field() {
    let lab = Lab::new().await;
    let uri = format!("{PAGE}/figures");
    let fields = |f: &str, m: &str| -> Vec<(String, String)> {
        vec![
            (by_sex_field("T"), "1234".into()),
            (by_sex_field("F"), f.into()),
            (by_sex_field("M"), m.into()),
            (by_sex_field("UNK"), "330".into()),
        ]
    };
    // The form offers the fields it reads.
    let page = lab.page_ok(Some("rapporteur"), PAGE).await;
    for sex in ["T", "F", "M", "UNK"] {
        assert!(page.contains(&format!("name=\"{}\"", by_sex_field(sex))), "a field for {sex}");
    }

    let got = lab.form(Some("rapporteur"), &uri, &fields(" 901 ", "3"), true).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());
    assert!(got.text().contains("Saved 4 figures."));
    assert_eq!(lab.submission("rapporteur").await["figures"], 4);

    let before = audit_total(&lab.app).await;
    let got = lab.form(Some("rapporteur"), &uri, &fields("901", "three"), true).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = got.text();
    assert!(
        page.contains("v.M.TOTAL.TOTAL.TOTAL.TOTAL.TOTAL: error: &quot;three&quot; is not a whole number"),
        "the problem names its field"
    );
    assert!(page.contains("value=\"three\""), "the form keeps what was sent");
    let got = lab.form(Some("rapporteur"), &uri, &fields("900", "3"), true).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.text().contains(
        "v.T.TOTAL.TOTAL.TOTAL.TOTAL.TOTAL (sex=T, age=TOTAL, citizen=TOTAL, exploit=TOTAL, status=TOTAL, \
         reg_org=TOTAL): error: the breakdown by sex does not add up"
    ));
    let got = lab.form(Some("rapporteur"), &uri, &fields("901", "3"), false).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "no CSRF token");
    assert_eq!(audit_total(&lab.app).await, before, "nothing was written");
    assert_eq!(lab.submission("rapporteur").await["figures"], 4);
    let draft = lab.page_ok(Some("rapporteur"), PAGE).await;
    assert!(draft.contains("<td class=\"number\">901</td>") && draft.contains("<td class=\"number\">1,234</td>"));
}

#[tokio::test]
async fn the_rapporteur_adds_the_sources_slices_into_the_draft() {
    let lab = Lab::new().await;
    assert_eq!(lab.put_csv("rapporteur", SUBMISSION, GOOD).await.status, StatusCode::OK);
    assert_eq!(lab.put_csv("police", SUBMISSION, POLICE).await.status, StatusCode::OK);
    let got = lab.upload(Some("ngo"), &format!("{PAGE}/upload"), "ngo.csv", NGO).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());

    let page = lab.page_ok(Some("rapporteur"), PAGE).await;
    assert!(page.contains("<th scope=\"col\">bka</th>") && page.contains("<th scope=\"col\">kok-ev</th>"));
    assert!(page.contains(">611<") && page.contains(">277<"), "both slices' figures");
    assert!(!page.contains("<td>POL</td>"), "not in the draft yet");

    let got = lab.form(Some("rapporteur"), &format!("{PAGE}/step"), &[("action".into(), "combine".into())], true).await;
    assert_eq!((got.status, got.location()), (StatusCode::SEE_OTHER, PAGE), "{}", got.text());
    let resource = lab.submission("rapporteur").await;
    assert_eq!(resource["figures"], 7 + 4 + 4, "{resource}");
    assert_eq!(resource["problems"], json!([]), "the sum adds up");
    let page = lab.page_ok(Some("rapporteur"), PAGE).await;
    for row in [
        "<td>T</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>POL</td><td class=\"number\">611</td>",
        "<td>T</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>NGO</td><td class=\"number\">277</td>",
        "<td>T</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td>TOTAL</td><td class=\"number\">1,234</td>",
    ] {
        assert!(page.contains(row), "the draft holds {row}");
    }
    // The combined draft goes through like any other.
    lab.step_ok("rapporteur", "submit", "").await;
    lab.step_ok("editor", "validate", "").await;
    lab.step_ok("rapporteur", "publish", "").await;
    assert_nothing_small_is_public(&lab).await;
}

#[tokio::test]
async fn synthetic_figures_are_labelled_on_every_page_and_in_every_export() {
    let lab = Lab::new().await;
    lab.publish(SYNTHETIC).await;
    assert_eq!(lab.submission("rapporteur").await["synthetic"], true);

    for uri in ["/statistics/de", "/statistics"] {
        let page = lab.page_ok(None, uri).await;
        assert!(page.contains("Some figures here are synthetic"), "{uri} warns");
        assert!(page.contains("(synthetic data)"), "{uri}: the charts say so");
    }
    assert!(lab.page_ok(None, "/member-states/de").await.contains("(synthetic data)"));
    let national = lab.page_ok(None, "/statistics/de").await;
    assert!(national.contains("badge--synthetic"), "the edition is marked");

    const NOTE: &str = "synthetic: generated, not real data";
    for (format, got) in every_export(&lab, "").await {
        let text = got.text();
        match format {
            "json-stat" => {
                let doc = got.json();
                assert_eq!(doc["extension"]["synthetic"], true);
                assert!(doc["note"][0].as_str().unwrap().starts_with(NOTE), "{doc}");
            }
            "sdmx-csv" => {
                let notes = csv_column(&text, "OBS_COMMENT");
                assert!(!notes.is_empty() && notes.iter().all(|n| n == NOTE), "{text}");
            }
            "csv" => {
                let notes = csv_column(&text, "note");
                assert!(!notes.is_empty() && notes.iter().all(|n| n == NOTE), "{text}");
            }
            _ => {
                assert!(xlsx_part(&got.bytes, "xl/sharedStrings.xml").contains(&format!("Note: {NOTE}")));
                assert!(xlsx_part(&got.bytes, "docProps/core.xml").contains(NOTE));
            }
        }
    }
    assert_nothing_small_is_public(&lab).await;
}

#[tokio::test]
async fn the_member_state_page_shows_the_figures_once_published() {
    let lab = Lab::new().await;
    let before = lab.page_ok(None, "/member-states/de").await;
    assert!(before.contains("id=\"ms-figures\""));
    assert!(before.contains("has not published figures"));
    assert!(!before.contains("ms-trend"));

    lab.publish(GOOD).await;
    let after = lab.page_ok(None, "/member-states/de").await;
    assert!(!after.contains("has not published figures"));
    assert!(after.contains("ms-trend") && after.contains("1,234"), "the trend of registered victims");
    assert!(after.contains("href=\"/statistics/de\""), "the way to the rest");
}

#[tokio::test]
async fn bad_parameters_are_refused_by_name_and_unknown_things_are_not_found() {
    let lab = Lab::new().await;
    // With nothing published, every format answers, empty.
    every_export(&lab, "").await;
    lab.publish(GOOD).await;

    for (query, parameter) in [
        ("format=pdf", "format"),
        ("geo=XX", "geo"),
        ("time=abc", "time"),
        ("time=2020-", "time"),
        ("as_of=yesterday", "as_of"),
        ("sex=Q", "sex"),
        ("exploit=CHESS", "exploit"),
    ] {
        let uri = format!("/api/v1/stats/THB_VICT?{query}");
        let got = lab.api(None, Method::GET, &uri, None).await;
        assert_eq!((got.status, got.parameter()), (StatusCode::BAD_REQUEST, parameter.to_owned()), "{uri}");
    }
    for uri in ["/statistics?as_of=yesterday", "/statistics/de?as_of=yesterday", "/statistics/de?year=abc"] {
        assert_eq!(lab.page(None, uri).await.status, StatusCode::BAD_REQUEST, "{uri}");
    }
    for uri in ["/api/v1/stats/THB_NOPE", "/api/v1/stats/THB_NOPE?format=csv"] {
        assert_eq!(lab.api(None, Method::GET, uri, None).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
    for uri in ["/statistics/xx", "/statistics/eu27_2020", "/statistics/uk"] {
        assert_eq!(lab.page(None, uri).await.status, StatusCode::NOT_FOUND, "{uri}");
    }

    // A submission path that names no submission: an unknown dataflow, no Member State, a year out of range.
    let before = audit_total(&lab.app).await;
    for path in [
        "THB_VICT/DE/1989",
        "THB_VICT/DE/2101",
        "THB_VICT/DE/65535",
        "THB_VICT/DE/99999",
        "THB_VICT/DE/last",
        "THB_NOPE/DE/2023",
        "THB_VICT/UK/2023",
        "THB_VICT/EU27_2020/2023",
    ] {
        let api = format!("/api/v1/stats/submissions/{path}");
        assert_eq!(lab.api(Some("rapporteur"), Method::GET, &api, None).await.status, StatusCode::NOT_FOUND, "{api}");
        assert_eq!(lab.put_csv("rapporteur", &api, GOOD).await.status, StatusCode::NOT_FOUND, "PUT {api}");
        let steps = format!("{api}/steps");
        let body = Some(("application/json", json!({ "action": "submit" }).to_string()));
        assert_eq!(lab.api(Some("rapporteur"), Method::POST, &steps, body).await.status, StatusCode::NOT_FOUND);
        let page = format!("/workspace/statistics/{path}");
        assert_eq!(lab.page(Some("rapporteur"), &page).await.status, StatusCode::NOT_FOUND, "{page}");
        let figures = format!("{page}/figures");
        let got = lab.form(Some("rapporteur"), &figures, &[(by_sex_field("T"), "1234".into())], true).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{figures}");
        let got = lab.upload(Some("rapporteur"), &format!("{page}/upload"), "figures.csv", GOOD).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{page}/upload");
    }
    assert_eq!(audit_total(&lab.app).await, before, "nothing was written");
    // An unknown step is named.
    let got = lab.step("rapporteur", "approve", "").await;
    assert_eq!((got.status, got.parameter()), (StatusCode::BAD_REQUEST, "action".into()));
    let got = lab.page(Some("editor"), "/workspace/statistics/open?dataflow=THB_VICT&geo=DE&year=1789").await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_form_keeps_uploaded_cross_tables_and_a_source_writes_one_organisation() {
    let lab = Lab::new().await;
    // An upload with a cross-classification (sex × age) the form does not show.
    let cross = "geo,TIME_PERIOD,sex,age,OBS_VALUE\n\
                 DE,2023,T,TOTAL,20\nDE,2023,F,TOTAL,12\nDE,2023,M,TOTAL,8\nDE,2023,UNK,TOTAL,0\n\
                 DE,2023,F,Y_LT18,5\nDE,2023,F,Y_GE18,7\nDE,2023,F,UNK,0\n";
    assert_eq!(lab.put_csv("rapporteur", SUBMISSION, cross).await.status, StatusCode::OK);
    assert_eq!(lab.submission("rapporteur").await["figures"], 7);
    // The form changes the one-way figures it shows, and leaves the cross-table alone.
    let fields = vec![
        (by_sex_field("T"), "21".into()),
        (by_sex_field("F"), "12".into()),
        (by_sex_field("M"), "9".into()),
        (by_sex_field("UNK"), "0".into()),
    ];
    let got = lab.form(Some("rapporteur"), &format!("{PAGE}/figures"), &fields, true).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());
    assert_eq!(lab.submission("rapporteur").await["figures"], 7, "the sex × age cells are still there");
    let page = lab.page_ok(Some("rapporteur"), PAGE).await;
    assert!(page.contains("<td>F</td><td>Y_LT18</td>"), "the cross-table survives the form");

    // A source's slice is one registering organisation's: a second code is refused at its line.
    let two = "geo,TIME_PERIOD,sex,reg_org,OBS_VALUE\nDE,2023,T,POL,10\nDE,2023,T,NGO,5\n";
    let got = lab.put_csv("police", SUBMISSION, two).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.text());
    assert!(got.text().contains("reg_org=NGO, earlier lines are reg_org=POL"), "{}", got.text());
}
