//! Issue 12: the portal as its users expect it (portal_places): Member States' pages a National Rapporteur
//! fills in and a visitor reads, the map and grid of the 27, a network page without repetition, the Joint
//! Statement's signatories, links to EUR-Lex, the policy timeline, and search that finds all of them.

use crate::editing::call;
use crate::{encode, send, Person, TestApp, AFTER_ALL_DEADLINES};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::Role;
use rapporteur_core::{MemberState, Slug};
use serde_json::{json, Value};

async fn people(app: &TestApp) -> std::collections::HashMap<&'static str, Person> {
    Person::sign_up(
        app,
        &["rapporteur", "editor", "agency"],
        |name| match name {
            "rapporteur" => Role::Rapporteur { member_state: MemberState::parse("DE").unwrap() },
            "editor" => Role::Editor,
            _ => Role::Agency { agency: Slug::parse("europol").unwrap() },
        },
        1,
    )
    .await
}

async fn post_edit(app: &TestApp, who: &Person, code: &str, fields: &[(&str, &str)]) -> crate::Reply {
    let mut pairs = fields.to_vec();
    pairs.push(("csrf", who.csrf.as_str()));
    send(
        app,
        "POST",
        &format!("/workspace/member-states/{code}/edit"),
        &[("rapporteur_session", who.session.as_str())],
        Some(&encode(&pairs)),
    )
    .await
}

const FILLED: [(&str, &str); 9] = [
    ("nrem", "Federal Rapporteur (test)"),
    ("nrem_institution", "Federal Ministry (test)"),
    ("nrem_website", "https://rapporteur.example.org/"),
    ("nrem_email", "contact@rapporteur.example.org"),
    ("nrem_postal_address", "Street 1\r\n10115 Berlin"),
    ("national_reports[0].title", "First national report (test)"),
    ("national_reports[0].year", "2019"),
    ("national_reports[0].url", "https://rapporteur.example.org/report-2019.pdf"),
    ("summary", "What the rapporteur writes."),
];

#[tokio::test]
async fn an_unwritten_member_state_page_says_who_fills_it_in() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/member-states/de").await.body;
    assert!(page.contains("Nothing has been written here yet about the National Rapporteur"), "{page}");
    assert!(page.contains("Germany's rapporteur fills in this page, signed in to Rapporteur's workspace"));
    assert!(page.contains("href=\"/statistics\""), "the empty state points to the statistics");
    assert!(page.contains("Not yet filled in"));
    // No invented facts: no NREM name, contact or reports for any Member State.
    assert!(!page.contains("mailto:") && !page.contains("National reports</h3>"));
    let api = app.get_ok("/api/v1/member-states/DE").await.json();
    assert_eq!(api["nrem"], Value::Null);
    assert_eq!(api["national_reports"], json!([]));
}

#[tokio::test]
async fn the_rapporteur_fills_in_the_page_in_the_workspace_and_the_public_and_api_read_it() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = people(&app).await;
    let rapporteur = &people["rapporteur"];
    let form = send(
        &app,
        "GET",
        "/workspace/member-states/de/edit",
        &[("rapporteur_session", rapporteur.session.as_str())],
        None,
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    for field in ["nrem_institution", "nrem_website", "nrem_email", "nrem_postal_address", "national_reports[1].year"] {
        assert!(form.body.contains(&format!("name=\"{field}\"")), "the form has {field}");
    }
    let mut preview = FILLED.to_vec();
    preview.push(("action", "preview"));
    let previewed = post_edit(&app, rapporteur, "de", &preview).await;
    assert_eq!(previewed.status, StatusCode::OK);
    assert!(previewed.body.contains("First national report (test)") && previewed.body.contains("preview-heading"));
    let mut save = FILLED.to_vec();
    save.push(("action", "save"));
    let saved = post_edit(&app, rapporteur, "de", &save).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let page = app.get_ok("/member-states/de").await.body;
    for shown in [
        "Federal Rapporteur (test)",
        "Federal Ministry (test)",
        "href=\"https://rapporteur.example.org/\"",
        "href=\"mailto:contact@rapporteur.example.org\"",
        "Street 1<br>10115 Berlin",
        "<a href=\"https://rapporteur.example.org/report-2019.pdf\">First national report (test)</a> (2019)",
        "What the rapporteur writes.",
        "Page filled in",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }
    assert!(!page.contains("Nothing has been written here yet"));

    let api = app.get_ok("/api/v1/member-states/DE").await.json();
    assert_eq!(api["nrem_institution"], "Federal Ministry (test)");
    assert_eq!(api["nrem_website"], "https://rapporteur.example.org/");
    assert_eq!(api["nrem_email"], "contact@rapporteur.example.org");
    assert_eq!(api["nrem_postal_address"], "Street 1\n10115 Berlin");
    assert_eq!(
        api["national_reports"],
        json!([{ "title": "First national report (test)", "year": 2019, "url": "https://rapporteur.example.org/report-2019.pdf" }])
    );

    // The document read is written back through the API, changed, and read again.
    let mut document = api.clone();
    document["national_reports"] = json!([{ "title": "Second report (test)", "year": 2021 }]);
    document["nrem_email"] = json!("other@rapporteur.example.org");
    let (status, written) =
        call(&app, Method::PUT, "/api/v1/member-states/DE", Some(&rapporteur.token), Some(&document)).await;
    assert_eq!(status, StatusCode::OK, "{written}");
    let again = app.get_ok("/api/v1/member-states/DE").await.json();
    assert_eq!(again["national_reports"], json!([{ "title": "Second report (test)", "year": 2021, "url": null }]));
    assert_eq!(again["nrem_email"], "other@rapporteur.example.org");
    assert!(app.get_ok("/member-states/de").await.body.contains("Second report (test) (2021)"));

    // The rapporteur of DE writes nothing of FR; an agency nothing at all.
    let refused = post_edit(&app, rapporteur, "fr", &save).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let (status, _) =
        call(&app, Method::PUT, "/api/v1/member-states/DE", Some(&people["agency"].token), Some(&document)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An editor writes any Member State's page.
    let by_editor = post_edit(&app, &people["editor"], "fr", &save).await;
    assert_eq!(by_editor.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn bad_input_is_refused_at_its_field() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = people(&app).await;
    let rapporteur = &people["rapporteur"];
    let bad = [
        ("nrem_website", "www.no-scheme.example.org"),
        ("nrem_email", "not an address"),
        ("national_reports[0].title", "A report"),
        ("national_reports[0].year", "1850"),
        ("national_reports[1].title", "Another"),
        ("national_reports[1].year", "next year"),
        ("national_reports[2].title", "Third"),
        ("national_reports[2].year", "2020"),
        ("national_reports[2].url", "javascript:alert(1)"),
        ("action", "save"),
    ];
    let refused = post_edit(&app, rapporteur, "de", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in [
        "f-nrem_website-error",
        "f-nrem_email-error",
        "f-national_reports[0].year-error",
        "f-national_reports[1].year-error",
        "f-national_reports[2].url-error",
    ] {
        assert!(refused.body.contains(id), "{id} in {}", refused.body);
    }
    assert!(refused.body.contains("the year must be from 1990 to 2025"));
    assert!(refused.body.contains("&quot;next year&quot; is not a year such as 2018"), "{}", refused.body);
    assert!(refused.body.contains("value=\"not an address\""), "what was sent is kept");
    assert!(app.get_ok("/member-states/de").await.body.contains("Nothing has been written here yet"), "nothing saved");

    let (status, answer) = call(
        &app,
        Method::PUT,
        "/api/v1/member-states/DE",
        Some(&rapporteur.token),
        Some(&json!({ "nrem_website": "ftp://example.org", "national_reports": [{ "title": "R", "year": 3000 }] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let fields: Vec<&str> = answer["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert!(fields.contains(&"nrem_website") && fields.contains(&"national_reports[0].year"), "{answer}");
}

#[tokio::test]
async fn the_member_states_list_has_a_map_with_its_text_alternative_and_a_grid() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = people(&app).await;
    let mut save = FILLED.to_vec();
    save.push(("action", "save"));
    assert_eq!(post_edit(&app, &people["rapporteur"], "de", &save).await.status, StatusCode::SEE_OTHER);
    let page = app.get_ok("/member-states").await.body;
    assert!(page.contains("role=\"img\" aria-labelledby=\"ms-map-title\""), "a map named as an image: {page}");
    assert!(page.contains("<title id=\"ms-map-title\">Member States whose page has been filled in</title>"));
    assert!(page.contains("The list below names each Member State"), "the caption points to the text alternative");
    assert!(page.contains("1 of the 27 Member States' pages have been filled in"), "{page}");
    // The grid: every Member State, with its NREM where known and whether its page is filled in.
    assert_eq!(page.matches("class=\"card ms-grid__item\"").count(), 27);
    assert!(page.contains("href=\"/member-states/de\">Germany</a>"));
    assert!(page.contains("Federal Rapporteur (test)"));
    assert_eq!(page.matches("class=\"badge badge--filled\"").count(), 1);
    assert_eq!(page.matches("class=\"badge badge--empty\"").count(), 26);
}

#[tokio::test]
async fn the_network_page_says_each_thing_once_and_links_the_agencies() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/network").await.body;
    // Sentences the source repeats from one body to the next appear once.
    for sentence in [
        "Part of the mandate of the EU Anti-Trafficking Coordinator is to foster cooperation and policy coherence.",
        "The EU ATC, on behalf of the European Commission, chairs the meetings with the incumbent EU Presidency.",
        "has worked to facilitate and strengthen the work of the EU Network of NREMs",
    ] {
        assert_eq!(page.matches(sentence).count(), 1, "{sentence}");
    }
    for heading in [
        "Office of the EU Anti-trafficking Coordinator",
        "EU Network of National Rapporteurs",
        "Research projects",
        "People and roles",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(!page.contains("People named in the content"));
    assert!(page.contains("href=\"/member-states\""), "the NREMs link to the Member States");
    for site in [
        "https://www.europol.europa.eu/",
        "https://www.eurojust.europa.eu/",
        "https://fra.europa.eu/",
        "https://www.frontex.europa.eu/",
        "https://eige.europa.eu/",
        "https://euaa.europa.eu/",
        "https://www.cepol.europa.eu/",
        "https://www.eulisa.europa.eu/",
        "https://www.eurofound.europa.eu/",
    ] {
        assert!(page.contains(&format!("href=\"{site}\"")), "{site}");
    }
    let europol = app.get_ok("/api/v1/agencies/europol").await.json();
    assert_eq!(europol["website"], "https://www.europol.europa.eu/");
}

#[tokio::test]
async fn the_joint_statement_lists_its_ten_signatories_and_links_its_news() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/legislation/joint-statement-2018").await.body;
    assert!(page.contains("Signed by 10 EU agencies"), "{page}");
    for agency in ["europol", "eurojust", "fra", "frontex", "eige", "easo", "cepol", "eu-lisa", "emcdda", "eurofound"] {
        assert!(page.contains(&format!("href=\"/network#agency-{agency}\"")), "{agency}");
    }
    assert!(page.contains("href=\"/news/joint-statement-2018-signed\""));
    // An instrument that is no joint statement names no signatories.
    assert!(!app.get_ok("/legislation/communication-2017").await.body.contains("Signed by"));
}

#[tokio::test]
async fn legislation_links_to_eur_lex_by_celex_number() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let url = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036";
    let escaped = url.replace('&', "&amp;");
    assert!(app.get_ok("/legislation/directive-2011-36-eu").await.body.contains(&escaped));
    assert!(app.get_ok("/legislation").await.body.contains(&escaped));
    let api = app.get_ok("/api/v1/instruments/directive-2011-36-eu").await.json();
    assert_eq!(api["celex"], "32011L0036");
    // Only where certain: the Council Conclusions have no CELEX number in the content.
    assert_eq!(app.get_ok("/api/v1/instruments/council-conclusions-2009").await.json()["celex"], Value::Null);
}

#[tokio::test]
async fn the_legislation_page_traces_the_policy_on_a_timeline() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/legislation").await.body;
    let at = page.find("id=\"policy-timeline-heading\"").expect("a timeline");
    let timeline = &page[at..];
    assert!(
        timeline.contains("role=\"img\"")
            && timeline.contains("aria-labelledby=\"policy-timeline-svg-title policy-timeline-svg-desc\"")
    );
    assert!(timeline.contains("Timeline of the EU's policy against trafficking in human beings, 2009 to 2018"));
    let list = &timeline[timeline.find("<ol class=\"policy-timeline__list\"").expect("the list beneath")..];
    let list = &list[..list.find("</ol>").unwrap()];
    let years: Vec<&str> = list.split("<time datetime=\"").skip(1).map(|t| &t[..4]).collect();
    let mut distinct = years.clone();
    distinct.dedup();
    assert_eq!(distinct, ["2009", "2011", "2012", "2013", "2016", "2017", "2018"], "{list}");
    for link in [
        "/legislation/council-conclusions-2009",
        "/legislation/directive-2011-36-eu",
        "/legislation/eu-strategy-2012-2016",
        "/network#body-civil-society-platform",
        "/legislation/progress-report-2016",
        "/legislation/communication-2017",
        "/legislation/joint-statement-2018",
    ] {
        assert!(list.contains(&format!("href=\"{link}\"")), "{link} in {list}");
    }
    assert!(!list.contains("amif-awp-2018"), "work programmes are funding, not policy steps");
}

async fn first_hit(app: &TestApp, q: &str) -> (String, Value) {
    let found = app.get_ok(&format!("/api/v1/search?q={}", q.replace(' ', "+"))).await.json();
    (found["items"][0]["url"].as_str().unwrap_or_default().to_owned(), found)
}

#[tokio::test]
async fn search_finds_the_network_the_agencies_and_the_member_states() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for (q, url) in [
        ("network", "/network"),
        ("National Rapporteurs", "/network"),
        ("Europol", "/network#agency-europol"),
        ("Fundamental Rights Agency", "/network#agency-fra"),
        ("EUAA", "/network#agency-easo"),
        ("Germany", "/member-states/de"),
        ("Greece", "/member-states/gr"),
    ] {
        let (first, found) = first_hit(&app, q).await;
        let urls: Vec<&str> = found["items"].as_array().unwrap().iter().filter_map(|h| h["url"].as_str()).collect();
        assert!(urls.contains(&url), "{q}: {url} among {urls:?}");
        if q != "network" && q != "National Rapporteurs" {
            assert_eq!(first, url, "{q} first: {found}");
        }
    }
    let page = app.get_ok("/search?q=Germany").await.body;
    assert!(page.contains("href=\"/member-states/de\""), "{page}");
    let kinds = app.get_ok("/api/v1/search?q=Europol&kind=agency").await.json();
    assert!(kinds["items"].as_array().unwrap().iter().all(|h| h["kind"] == "agency"));
}

#[tokio::test]
async fn search_follows_a_member_state_page_when_it_is_edited() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = people(&app).await;
    let nothing = app.get_ok("/api/v1/search?q=Bundesrapporteurin&kind=member_state").await.json();
    assert_eq!(nothing["total"], 0);
    let save = [("nrem", "Bundesrapporteurin"), ("action", "save")];
    assert_eq!(post_edit(&app, &people["rapporteur"], "de", &save).await.status, StatusCode::SEE_OTHER);
    let found = app.get_ok("/api/v1/search?q=Bundesrapporteurin").await.json();
    assert_eq!(found["items"][0]["url"], "/member-states/de", "{found}");
}

#[tokio::test]
async fn an_editor_sets_a_celex_number_and_a_malformed_one_is_refused_at_its_field() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let people = people(&app).await;
    let editor = &people["editor"];
    let uri = "/api/v1/instruments/council-conclusions-2009";
    let (_, mut document) = call(&app, Method::GET, uri, Some(&editor.token), None).await;
    document["celex"] = json!("2011/36/EU");
    let (status, answer) = call(&app, Method::PUT, uri, Some(&editor.token), Some(&document)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["errors"][0]["field"], "celex", "{answer}");
    // A well-formed number is kept and linked (a made-up one here: the test checks the mechanism, not a fact).
    document["celex"] = json!("32099L0001");
    let (status, answer) = call(&app, Method::PUT, uri, Some(&editor.token), Some(&document)).await;
    assert!(status.is_success(), "{status} {answer}");
    let page = app.get_ok("/legislation/council-conclusions-2009").await.body;
    assert!(page.contains("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32099L0001"), "{page}");
    // Through the workspace's form too, refused at the field.
    let form = [
        ("kind", "council_conclusions"),
        ("title", "Council Conclusions of June 2009"),
        ("celex", "not-celex"),
        ("action", "save"),
    ];
    let mut pairs = form.to_vec();
    pairs.push(("csrf", editor.csrf.as_str()));
    let refused = send(
        &app,
        "POST",
        "/workspace/instruments/council-conclusions-2009/edit",
        &[("rapporteur_session", editor.session.as_str())],
        Some(&encode(&pairs)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("f-celex-error"), "{}", refused.body);
}
