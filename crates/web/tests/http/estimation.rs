//! Estimating the hidden figure through HTTP: who may estimate, read and publish (refusals audit nothing); a
//! faulty table refused at its line with nothing stored; an estimate from an uploaded reference table and
//! from a linkage run's capture histories, each the mse crate's own result on the same table and settings;
//! publication, shown on the public pages and in the API with what reproduces it, superseded by a newer one;
//! nothing unpublished public.

use crate::{encode, Got, Person, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::Duration;
use rapporteur_core::accounts::{Email, Role};
use rapporteur_core::{MemberState, Paging, Slug};
use rapporteur_mse::{analyse, Analysis, BootstrapSettings, CaptureTable, Method as MseMethod, Settings};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, EstimateId, EstimateSource, EstimationRepository, LinkageRepository,
    LinkageRun,
};
use rapporteur_web::ui::charts::format_number;
use serde_json::Value;
use std::collections::HashMap;
use tower::ServiceExt;

/// Ball, Shin and Yang's (2018) Korean table: three lists.
const KOREA: &str = include_str!("../../../mse/tests/data/Korea.csv");
/// Farrell et al.'s (2019) Western site: five lists.
const WESTERN: &str = include_str!("../../../mse/tests/data/Western.csv");

const PEOPLE: [&str; 6] = ["admin", "editor", "rapporteur", "rapporteur-fr", "police", "agency"];
const FORM: &str = "/workspace/estimation/DE/2023";

fn role_of(name: &str) -> Role {
    let de = MemberState::parse("DE").unwrap();
    let slug = |s: &str| Slug::parse(s).unwrap();
    match name {
        "admin" => Role::Admin,
        "editor" => Role::Editor,
        "rapporteur" => Role::Rapporteur { member_state: de },
        "rapporteur-fr" => Role::Rapporteur { member_state: MemberState::parse("FR").unwrap() },
        "police" => Role::Source { member_state: de, organisation: slug("bka") },
        "agency" => Role::Agency { agency: slug("europol") },
        other => panic!("no account {other}"),
    }
}

/// A result a linkage run's page can show: three sources, counts only.
const RUN_RESULT: &str = r#"{"persons":123,"records":130,"links":7,"comparisons":900,"threshold":0.75,
    "merge_fraction":0.5,"blocking":{"method":"all-pairs"},"sources":[],"overlaps":[],"histories":[],
    "breakdowns":[]}"#;

struct Lab {
    app: TestApp,
    people: HashMap<&'static str, Person>,
}

impl Lab {
    async fn new() -> Lab {
        let app = TestApp::at(AFTER_ALL_DEADLINES).await;
        let people = Person::sign_up(&app, &PEOPLE, role_of, 30).await;
        Lab { app, people }
    }

    /// A finished linkage run of Germany's `year` whose capture histories are `histories`.
    async fn finished_run(&self, year: u16, histories: &str) -> LinkageRun {
        let store = &self.app.store;
        let actor = Actor::Account(Email::parse("rapporteur@example.eu").unwrap());
        let run = store.create_linkage_run(&actor, MemberState::parse("DE").unwrap(), year, 0.75, "{}").await.unwrap();
        store.claim_linkage_run().await.unwrap().expect("the run just queued");
        store.finish_linkage_run(run.id, RUN_RESULT, histories, "[]").await.unwrap()
    }

    async fn request(&self, request: Request<Body>) -> Got {
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 50_000_000).await.unwrap().to_vec();
        Got { status, headers, bytes }
    }

    fn person(&self, name: &str) -> &Person {
        self.people.get(name).unwrap_or_else(|| panic!("no account {name}"))
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

    async fn api(&self, uri: &str) -> Value {
        let got = self.request(Request::builder().method(Method::GET).uri(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(got.status, StatusCode::OK, "GET {uri}: {}", got.text());
        got.json()
    }

    /// A urlencoded form from `who`'s browser, with the session's CSRF token ("anonymous": neither).
    async fn form(&self, who: &str, uri: &str, fields: &[(&str, &str)]) -> Got {
        let mut pairs = fields.to_vec();
        let mut request = Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
        if who != "anonymous" {
            let person = self.person(who);
            pairs.push(("csrf", &person.csrf));
            request = request.header("cookie", format!("rapporteur_session={}", person.session));
        }
        self.request(request.body(Body::from(encode(&pairs))).unwrap()).await
    }

    /// The estimation form (multipart): its fields, the CSRF token of `who`'s session and the file, if any.
    async fn estimation_form(&self, who: &str, uri: &str, fields: &[(&str, &str)], file: Option<&[u8]>) -> Got {
        let boundary = "estimationboundary";
        let mut body = Vec::new();
        let mut field = |name: &str, value: &str| {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            )
        };
        let mut request =
            Request::post(uri).header("content-type", format!("multipart/form-data; boundary={boundary}"));
        if who != "anonymous" {
            let person = self.person(who);
            field("csrf", &person.csrf);
            request = request.header("cookie", format!("rapporteur_session={}", person.session));
        }
        for (name, value) in fields {
            field(name, value);
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n\
                 Content-Type: text/csv\r\n\r\n",
                if file.is_some() { "C:\\\\data\\\\histories.csv" } else { "" }
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.unwrap_or_default());
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.request(request.body(Body::from(body)).unwrap()).await
    }

    /// Uploads `csv` as the rapporteur and returns the new estimate's id.
    async fn estimate_upload(&self, csv: &str, fields: &[(&str, &str)]) -> EstimateId {
        let mut all = vec![("input", "upload")];
        all.extend_from_slice(fields);
        let got = self.estimation_form("rapporteur", FORM, &all, Some(csv.as_bytes())).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.text());
        id_of(got.location())
    }

    async fn audited(&self) -> u64 {
        let filter = AuditFilter { object_kind: Some("estimate".into()), ..Default::default() };
        self.app.store.list_audit(&filter, Paging::first(100)).await.unwrap().total
    }
}

fn id_of(location: &str) -> EstimateId {
    let id = location.strip_prefix("/workspace/estimation/estimates/").unwrap_or_else(|| panic!("{location}"));
    EstimateId(id.parse().unwrap())
}

fn library(csv: &str, settings: Settings) -> Analysis {
    analyse(&CaptureTable::read_csv(csv.as_bytes()).unwrap(), settings, &|| {}).unwrap()
}

fn stepwise(bootstrap: Option<BootstrapSettings>) -> Settings {
    Settings { bootstrap, ..Settings::new(MseMethod::Stepwise { threshold: 0.02 }) }
}

#[tokio::test]
async fn only_the_member_states_rapporteur_estimates_and_publishes() {
    let lab = Lab::new().await;
    let run = lab.finished_run(2023, KOREA).await;
    let from_run = format!("/workspace/estimation/runs/{}", run.id);
    for who in ["anonymous", "rapporteur-fr", "police", "editor", "admin", "agency"] {
        let got = lab.form(who, &from_run, &[]).await;
        let multipart = lab.estimation_form(who, FORM, &[("input", "upload")], Some(KOREA.as_bytes())).await;
        if who == "anonymous" {
            assert_eq!((got.status, got.location()), (StatusCode::SEE_OTHER, "/sign-in"), "{who}");
            assert_eq!((multipart.status, multipart.location()), (StatusCode::SEE_OTHER, "/sign-in"), "{who}");
        } else {
            assert_eq!(got.status, StatusCode::FORBIDDEN, "{who}: {}", got.text());
            assert_eq!(multipart.status, StatusCode::FORBIDDEN, "{who}: {}", multipart.text());
        }
    }
    // Without the CSRF token, even the rapporteur is refused.
    let person = lab.person("rapporteur");
    let no_token = Request::post(&from_run)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("rapporteur_session={}", person.session))
        .body(Body::empty())
        .unwrap();
    assert_eq!(lab.request(no_token).await.status, StatusCode::FORBIDDEN);
    assert_eq!(lab.audited().await, 0, "a refusal audits nothing");
    assert!(lab.app.store.estimates(MemberState::parse("DE").unwrap(), 2023).await.unwrap().is_empty());

    // The rapporteur estimates; the office reads; nobody else does; only the rapporteur publishes.
    let id = lab.estimate_upload(KOREA, &[("resamples", "0")]).await;
    let page = format!("/workspace/estimation/estimates/{id}");
    let rapporteurs = lab.page_ok("rapporteur", &page).await;
    assert!(rapporteurs.contains(&format!("action=\"{page}/publish\"")), "{rapporteurs}");
    let editors = lab.page_ok("editor", &page).await;
    assert!(!editors.contains("/publish\""), "the office reads, never publishes");
    assert_eq!(lab.page("anonymous", &page).await.location(), format!("/sign-in?next={page}"));
    for who in ["rapporteur-fr", "police", "agency"] {
        assert_eq!(lab.page(who, &page).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(lab.page(who, &format!("{page}/input.csv")).await.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(lab.page("police", "/workspace/estimation").await.status, StatusCode::FORBIDDEN);
    assert_eq!(lab.page("agency", "/workspace/estimation").await.status, StatusCode::FORBIDDEN);
    let office = lab.page_ok("editor", "/workspace/estimation?geo=DE&year=2023").await;
    assert!(office.contains(&format!("href=\"{page}\"")) && !office.contains("enctype=\"multipart/form-data\""));
    let before = lab.audited().await;
    for who in ["rapporteur-fr", "police", "editor", "admin", "agency"] {
        assert_eq!(lab.form(who, &format!("{page}/publish"), &[]).await.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(lab.audited().await, before, "a refused publication audits nothing");
    assert!(lab.api("/api/v1/estimates/DE").await["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_faulty_table_is_refused_at_its_line_and_nothing_is_stored() {
    let lab = Lab::new().await;
    let faulty = b"A,B,count\n1,0,5\n0,2,3\n";
    let got = lab.estimation_form("rapporteur", FORM, &[("input", "upload")], Some(faulty)).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = got.text();
    let problem = CaptureTable::read_csv(&faulty[..]).unwrap_err();
    assert_eq!(problem.line, 3);
    assert!(text.contains(&format!("file: line 3: {}", problem.message)), "{text}");
    assert!(text.contains("enctype=\"multipart/form-data\""), "the form again");
    for (fields, file, named) in [
        (vec![("input", "upload")], Some(&b"A,count\n1,4\n"[..]), "line 1"),
        (vec![("input", "upload")], Some(&b"A,B,count\n1,0,5\n\xff\xfe,1,3\n"[..]), "not UTF-8"),
        (vec![("input", "upload")], None, "choose a capture-history file"),
        (vec![("input", "run-999")], None, "not a finished linkage run"),
        (vec![("input", "upload"), ("resamples", "5")], Some(KOREA.as_bytes()), "resamples"),
        (vec![("input", "upload"), ("resamples", "100000")], Some(KOREA.as_bytes()), "2000"),
        (vec![("input", "upload"), ("threshold", "2")], Some(KOREA.as_bytes()), "threshold"),
        (vec![("input", "upload"), ("method", "lasso")], Some(KOREA.as_bytes()), "method"),
    ] {
        let got = lab.estimation_form("rapporteur", FORM, &fields, file).await;
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}: {}", got.text());
        assert!(got.text().contains(named), "{fields:?} names {named}: {}", got.text());
    }
    assert!(lab.app.store.estimates(MemberState::parse("DE").unwrap(), 2023).await.unwrap().is_empty());
    assert_eq!(lab.audited().await, 0);
    // Paths that name no Member State or year name nothing.
    let got = lab.estimation_form("rapporteur", "/workspace/estimation/XX/2023", &[], Some(KOREA.as_bytes())).await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_uploaded_table_is_estimated_as_the_library_does_then_published() {
    let lab = Lab::new().await;
    let de = MemberState::parse("DE").unwrap();
    // Without a bootstrap: the conditional interval.
    let plain = lab.estimate_upload(KOREA, &[("method", "stepwise"), ("threshold", "0.02"), ("resamples", "0")]).await;
    let expected = library(KOREA, stepwise(None));
    let stored = lab.app.store.estimate(plain).await.unwrap().unwrap();
    let analysis = rapporteur_web::estimates::read_analysis(&stored.result).unwrap();
    assert_eq!(analysis, expected);
    assert_eq!(
        (stored.input_csv.as_str(), stored.source, stored.input_name.as_str()),
        (KOREA, EstimateSource::Upload, "histories.csv")
    );
    assert_eq!(stored.software_version, env!("CARGO_PKG_VERSION"));
    let page = lab.page_ok("rapporteur", &format!("/workspace/estimation/estimates/{plain}")).await;
    let total = format_number(expected.estimate.total.round());
    let ((low, high), kind) = expected.interval();
    assert_eq!(kind, "conditional");
    for shown in [
        total.clone(),
        format_number(low.round()),
        format_number(high.round()),
        "conditional on the model".to_owned(),
        "role=\"img\"".to_owned(),
        "<title>Competing models".to_owned(),
        "chart__description".to_owned(),
        "<caption>Competing models".to_owned(),
        "What the estimate assumes".to_owned(),
        "Not published".to_owned(),
    ] {
        assert!(page.contains(&shown), "the page shows {shown}: {page}");
    }
    for competitor in &expected.competing {
        assert!(page.contains(&format!("<th scope=\"row\">{}", competitor.label)), "{}", competitor.label);
    }
    for warning in &expected.warnings {
        let words = warning.to_string().replace('\'', "&#39;");
        assert!(page.contains(&words) || page.contains(&warning.to_string()), "warning {warning}");
    }

    // With the bootstrap, seeded: the same BCa interval as the library's.
    let boot = BootstrapSettings { resamples: 200, seed: 7 };
    let seeded = lab.estimate_upload(KOREA, &[("resamples", "200"), ("seed", "7")]).await;
    let expected_boot = library(KOREA, stepwise(Some(boot)));
    let stored_boot = lab.app.store.estimate(seeded).await.unwrap().unwrap();
    let analysis_boot = rapporteur_web::estimates::read_analysis(&stored_boot.result).unwrap();
    assert_eq!(
        (analysis_boot.interval(), analysis_boot.estimate.total),
        (expected_boot.interval(), expected_boot.estimate.total)
    );
    let settings: Settings = serde_json::from_str(&stored_boot.settings).unwrap();
    assert_eq!(settings, stepwise(Some(boot)), "the settings that reproduce it");

    // Nothing unpublished is public.
    assert!(!lab.page_ok("anonymous", "/statistics/de").await.contains("Estimated number of victims"));
    assert!(lab.api("/api/v1/estimates/DE").await["items"].as_array().unwrap().is_empty());

    // Published: on the statistics and Member State pages and in the API, with what reproduces it.
    let got = lab.form("rapporteur", &format!("/workspace/estimation/estimates/{seeded}/publish"), &[]).await;
    assert_eq!(
        (got.status, got.location()),
        (StatusCode::SEE_OTHER, format!("/workspace/estimation/estimates/{seeded}").as_str())
    );
    let again = lab.form("rapporteur", &format!("/workspace/estimation/estimates/{seeded}/publish"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "published once");
    let boot_total = format_number(expected_boot.estimate.total.round());
    for public in ["/statistics/de", "/member-states/de"] {
        let text = lab.page_ok("anonymous", public).await;
        assert!(text.contains("Estimated number of victims") && text.contains(&boot_total), "{public}: {text}");
        assert!(text.contains("bootstrap (BCa)") && text.contains(env!("CARGO_PKG_VERSION")), "{public}");
        assert!(text.contains("A closed population"), "{public}: the caveats in words");
    }
    let api = lab.api("/api/v1/estimates/DE").await;
    let item = &api["items"][0];
    assert_eq!(api["total"], 1);
    assert_eq!(
        (item["id"].as_i64(), item["year"].as_u64(), item["current"].as_bool()),
        (Some(seeded.0), Some(2023), Some(true))
    );
    assert_eq!((item["method"].as_str(), item["threshold"].as_f64()), (Some("stepwise"), Some(0.02)));
    assert_eq!((item["resamples"].as_u64(), item["seed"].as_u64()), (Some(200), Some(7)));
    assert_eq!(item["software_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!((item["input"]["kind"].as_str(), item["input"]["csv"].as_str()), (Some("upload"), Some(KOREA)));
    assert_eq!(item["total"].as_f64(), Some(expected_boot.estimate.total));
    assert_eq!(item["interval"]["kind"], "bca");
    assert_eq!(item["interval"]["low"].as_f64(), Some(expected_boot.interval().0 .0));
    let again: Settings = serde_json::from_value(item["settings"].clone()).unwrap();
    assert_eq!(
        library(item["input"]["csv"].as_str().unwrap(), again).estimate.total,
        expected_boot.estimate.total,
        "anyone can make it again"
    );

    // A newer publication of the year supersedes it on the pages; the older stays readable in the API.
    lab.app.clock.advance(Duration::minutes(10));
    let main = lab.estimate_upload(WESTERN, &[("method", "main"), ("resamples", "0")]).await;
    assert_eq!(
        lab.form("rapporteur", &format!("/workspace/estimation/estimates/{main}/publish"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let api = lab.api("/api/v1/estimates/DE?year=2023").await;
    let listed: Vec<(i64, bool)> = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_i64().unwrap(), i["current"].as_bool().unwrap()))
        .collect();
    assert_eq!(listed, [(main.0, true), (seeded.0, false)]);
    let western = library(WESTERN, Settings::new(MseMethod::Main));
    let text = lab.page_ok("anonymous", "/statistics/de").await;
    assert!(text.contains(&format_number(western.estimate.total.round())) && !text.contains(&boot_total), "{text}");
    assert!(lab
        .page_ok("rapporteur", &format!("/workspace/estimation/estimates/{seeded}"))
        .await
        .contains("superseded"));
    assert!(lab.api("/api/v1/estimates/DE?year=2022").await["items"].as_array().unwrap().is_empty());
    assert!(lab.api("/api/v1/estimates/FR").await["items"].as_array().unwrap().is_empty());
    let unknown = lab.request(Request::get("/api/v1/estimates/XX").body(Body::empty()).unwrap()).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad_year = lab.request(Request::get("/api/v1/estimates/DE?year=abc").body(Body::empty()).unwrap()).await;
    assert_eq!(bad_year.status, StatusCode::BAD_REQUEST);

    // Audited: three made, two published; the first estimate is still there, unpublished.
    assert_eq!(lab.audited().await, 5);
    assert!(lab.app.store.estimate(plain).await.unwrap().unwrap().publication.is_none());
    assert_eq!(lab.app.store.estimates(de, 2023).await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_linkage_run_is_estimated_from_its_page() {
    let lab = Lab::new().await;
    let run = lab.finished_run(2023, KOREA).await;
    let run_page = format!("/workspace/linkage/runs/{}", run.id);
    let action = format!("action=\"/workspace/estimation/runs/{}\"", run.id);
    assert!(lab.page_ok("rapporteur", &run_page).await.contains(&action));
    assert!(!lab.page_ok("editor", &run_page).await.contains(&action), "the office does not estimate");

    let got = lab.form("rapporteur", &format!("/workspace/estimation/runs/{}", run.id), &[]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.text());
    let id = id_of(got.location());
    let stored = lab.app.store.estimate(id).await.unwrap().unwrap();
    assert_eq!((stored.source, stored.input_csv.as_str()), (EstimateSource::LinkageRun(run.id), KOREA));
    assert_eq!((stored.member_state, stored.year), (run.member_state, run.year));
    let expected = library(KOREA, stepwise(Some(BootstrapSettings { resamples: 1000, seed: 1 })));
    let analysis = rapporteur_web::estimates::read_analysis(&stored.result).unwrap();
    assert_eq!((analysis.estimate.total, analysis.interval()), (expected.estimate.total, expected.interval()));
    let page = lab.page_ok("rapporteur", got.location()).await;
    assert!(page.contains(&format!("href=\"{run_page}\"")), "the input names its run");
    let input = lab.page("rapporteur", &format!("{}/input.csv", got.location())).await;
    assert_eq!((input.status, input.text()), (StatusCode::OK, KOREA.to_owned()));

    // The form lists the year's finished runs as inputs; a run still queued gives nothing to estimate.
    let overview = lab.page_ok("rapporteur", "/workspace/estimation?year=2023").await;
    assert!(overview.contains(&format!("value=\"run-{}\"", run.id)), "{overview}");
    let actor = Actor::Account(Email::parse("rapporteur@example.eu").unwrap());
    let queued = lab.app.store.create_linkage_run(&actor, run.member_state, 2023, 0.8, "{}").await.unwrap();
    let got = lab.form("rapporteur", &format!("/workspace/estimation/runs/{}", queued.id), &[]).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    let got = lab.estimation_form("rapporteur", FORM, &[("input", &format!("run-{}", queued.id))], None).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(lab.app.store.estimates(run.member_state, 2023).await.unwrap().len(), 1);
}
