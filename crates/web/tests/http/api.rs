use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::http::StatusCode;

#[tokio::test]
async fn projects_resource() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/api/v1/projects?per_page=100").await.json();
    assert_eq!(list["total"], 6);
    assert_eq!(list["items"].as_array().unwrap().len(), 6);
    let p = app.get_ok("/api/v1/projects/anticorrp").await.json();
    assert_eq!(p["acronym"], "ANTICORRP");
    assert_eq!(p["reference"], "FP7 290529");
    assert_eq!(p["programme"], "FP7");
    assert_eq!(p["grant_number"], 290529);
    assert_eq!(p["budget_eur"], "7999182.00");
    assert_eq!(p["start_date"], "2012-03-01");
    assert_eq!(p["end_date"], "2017-02-28");
    assert_eq!(p["coordinator"]["country"], "SE");
    assert_eq!(p["partners"].as_array().unwrap().len(), 20);
    assert_eq!(p["partners"][10]["name"], "Center for the Study of Democracy");
    assert_eq!(p["partners"][10]["country"], "BG");
    assert_eq!(p["partners"][18]["country"], "XK");
    assert_eq!(p["synthetic"], false);
    let glomig = app.get_ok("/api/v1/projects/glomig").await.json();
    assert!(glomig["coordinator"]["name"].is_null());
    assert_eq!(glomig["coordinator"]["country"], "TR");
    let swab = app.get_ok("/api/v1/projects/swab").await.json();
    assert_eq!(
        (swab["programme"].as_str(), swab["erc_grant"].as_str(), swab["call"].as_str()),
        (Some("ERC"), Some("StG"), Some("ERC-2012-StG"))
    );
    assert_eq!(swab["budget_eur"], "935100.00");
}

#[tokio::test]
async fn projects_filters_match_the_pages() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let fp = app.get_ok("/api/v1/projects?programme=fp6").await.json();
    assert_eq!(fp["total"], 1);
    assert_eq!(fp["items"][0]["slug"], "glomig");
    let q = app.get_ok("/api/v1/projects?q=borderlands").await.json();
    assert_eq!(q["items"][0]["slug"], "euborder-care");
    let budget = app.get_ok("/api/v1/projects?budget_min=1000000&sort=budget").await.json();
    let budgets: Vec<&str> =
        budget["items"].as_array().unwrap().iter().map(|p| p["budget_eur"].as_str().unwrap()).collect();
    assert_eq!(budgets, ["1432500.00", "1498463.00", "1992809.00", "7999182.00"]);
    let page = app.get_ok("/api/v1/projects?page=2&per_page=5").await.json();
    assert_eq!((page["total"].as_u64(), page["items"].as_array().unwrap().len()), (Some(6), 1));
}

#[tokio::test]
async fn bad_input_is_json_400_or_404() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for (uri, parameter) in [
        ("/api/v1/projects?page=-1", "page"),
        ("/api/v1/projects?per_page=100000", "per_page"),
        ("/api/v1/projects?from=abc", "from"),
        ("/api/v1/calls?status=maybe", "status"),
        ("/api/v1/search", "q"),
        ("/api/v1/news?per_page=0", "per_page"),
    ] {
        let a = app.get(uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        let body = a.json();
        assert_eq!(body["errors"][0]["parameter"], parameter, "{uri}");
        assert!(body["errors"][0]["detail"].as_str().unwrap().contains(parameter), "{uri}");
    }
    for uri in [
        "/api/v1/projects/nope",
        "/api/v1/calls/nope",
        "/api/v1/news/nope",
        "/api/v1/agencies/nope",
        "/api/v1/instruments/nope",
        "/api/v1/member-states/gb",
        "/api/v1/nothing-here",
    ] {
        let a = app.get(uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(a.json()["errors"][0]["detail"].is_string(), "{uri}");
    }
}

#[tokio::test]
async fn calls_resource_with_status_from_the_clock() {
    let app = TestApp::at("2018-02-15T12:00:00Z").await;
    let calls = app.get_ok("/api/v1/calls").await.json();
    assert_eq!(calls["total"], 4);
    assert_eq!(calls["items"][0]["slug"], "amif-integration-of-victims-thb", "the open call first");
    assert_eq!(calls["items"][0]["status"], "open");
    // "Deadline 01 March 2018, h 17:00": a time, no zone stated, so Brussels time is assumed (and said).
    assert_eq!(calls["items"][0]["deadline"], "2018-03-01T17:00");
    assert_eq!(calls["items"][0]["deadline_precision"], "time_zone_assumed");
    assert_eq!(calls["items"][0]["closes_at"], "2018-03-01T16:00:00Z");
    let open = app.get_ok("/api/v1/calls?status=open").await.json();
    let open_slugs: Vec<&str> = open["items"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert_eq!(
        open_slugs,
        ["amif-integration-of-victims-thb", "csp-2018-expression-of-interest", "amif-2018-support-to-victims"]
    );
    let csp = app.get_ok("/api/v1/calls/csp-2018-expression-of-interest").await.json();
    assert_eq!(csp["eligible_member_states"], serde_json::json!(["DK", "EE", "MT"]));
    // "25 April 2018": a day, as precise as the call; applications are taken until the end of that day.
    assert_eq!(csp["deadline"], "2018-04-25");
    assert_eq!(csp["deadline_precision"], "day");
    assert_eq!(csp["closes_at"], "2018-04-25T21:59:59Z");
}

#[tokio::test]
async fn other_resources() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let news = app.get_ok("/api/v1/news").await.json();
    assert_eq!(news["total"], 3);
    assert_eq!(news["items"][0]["date"], "2018-06-13");
    assert_eq!(app.get_ok("/api/v1/news/communication-2017-stepping-up-action").await.json()["date"], "2017-12");
    let agencies = app.get_ok("/api/v1/agencies").await.json();
    assert_eq!(agencies["total"], 10);
    assert_eq!(app.get_ok("/api/v1/agencies/emcdda").await.json()["now_known_as"], "EUDA");
    let states = app.get_ok("/api/v1/member-states").await.json();
    assert_eq!(states["total"], 27);
    let gr = app.get_ok("/api/v1/member-states/GR").await.json();
    assert_eq!(gr["eurostat_code"], "EL");
    assert_eq!(gr["projects"], serde_json::json!(["anticorrp"]));
    let instruments = app.get_ok("/api/v1/instruments").await.json();
    assert!(instruments["total"].as_u64().unwrap() >= 6);
    let directive = app.get_ok("/api/v1/instruments/directive-2011-36-eu").await.json();
    assert_eq!(directive["reference"], "Directive 2011/36/EU");
}

#[tokio::test]
async fn search_resource() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let r = app.get_ok("/api/v1/search?q=inonu").await.json();
    assert_eq!(r["items"][0]["slug"], "glomig");
    assert_eq!(r["items"][0]["url"], "/projects/glomig");
    let r = app.get_ok("/api/v1/search?q=trafficked&kind=news").await.json();
    assert!(r["total"].as_u64().unwrap() >= 1);
    assert!(r["items"].as_array().unwrap().iter().all(|h| h["kind"] == "news"));
    let r = app.get_ok("/api/v1/search?q=joint%20statement").await.json();
    let first_title = r["items"][0]["title"].as_str().unwrap().to_lowercase();
    assert!(first_title.contains("joint statement"), "a title hit ranks first: {first_title}");
}

#[tokio::test]
async fn openapi_document_is_served_and_stable() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let served = app.get_ok("/api/v1/openapi.json").await;
    assert_eq!(served.body, rapporteur_web::openapi_json());
    let doc = served.json();
    for path in [
        "/api/v1/projects",
        "/api/v1/projects/{slug}",
        "/api/v1/calls",
        "/api/v1/news",
        "/api/v1/agencies",
        "/api/v1/member-states",
        "/api/v1/instruments",
        "/api/v1/search",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    insta::assert_snapshot!("openapi", served.body);
}

#[tokio::test]
async fn the_list_from_the_search_index_agrees_with_the_store() {
    use rapporteur_core::editing::Editable;
    use rapporteur_core::{Country, Eur, Paging, Programme};
    use rapporteur_store::{synthetic_project, ContentRepository, ProjectFilter, ProjectSort};
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        store.insert_projects(&(1..=300).map(synthetic_project).collect::<Vec<_>>()).await.unwrap();
    })
    .await;
    let de = Country::parse_code("DE").unwrap();
    let cases = [
        ("", ProjectFilter::default()),
        ("?sort=-budget&per_page=50", ProjectFilter { sort: ProjectSort::BudgetDesc, ..Default::default() }),
        ("?sort=start&page=3", ProjectFilter { sort: ProjectSort::StartDate, ..Default::default() }),
        (
            "?sort=-start&country=DE",
            ProjectFilter { sort: ProjectSort::StartDateDesc, country: Some(de), ..Default::default() },
        ),
        (
            "?from=2010&to=2012&budget_min=1000000&sort=budget",
            ProjectFilter {
                year_from: Some(2010),
                year_to: Some(2012),
                budget_min: Some(Eur::from_euros(1_000_000)),
                sort: ProjectSort::Budget,
                ..Default::default()
            },
        ),
        ("?programme=ERC", ProjectFilter { programme: Some(Programme::Erc), ..Default::default() }),
    ];
    for (query, filter) in cases {
        let paging = match query {
            q if q.contains("per_page=50") => Paging::new(1, 50).unwrap(),
            q if q.contains("page=3") => Paging::new(3, 20).unwrap(),
            _ => Paging::default(),
        };
        let from_store = app.store.list_projects(&filter, paging).await.unwrap();
        let listed = app.get_ok(&format!("/api/v1/projects{query}")).await.json();
        assert_eq!(listed["total"], from_store.total, "{query}: the count");
        // Projects that tie on what the list sorts by may come in either order: compare what it sorts by.
        let key = |p: &serde_json::Value| -> String {
            match filter.sort {
                ProjectSort::StartDate | ProjectSort::StartDateDesc => p["start_date"].to_string(),
                ProjectSort::Budget | ProjectSort::BudgetDesc => p["budget_eur"].to_string(),
                _ => p["slug"].to_string(),
            }
        };
        let listed_keys: Vec<String> = listed["items"].as_array().unwrap().iter().map(key).collect();
        let expected: Vec<String> = from_store
            .items
            .iter()
            .map(|p| key(&serde_json::to_value(p.to_document(chrono::Utc::now())).unwrap()))
            .collect();
        assert_eq!(listed_keys, expected, "{query}: the page");
    }
    // Words are searched as words: stemmed, whatever their case; syntax is plain text.
    let slavery = app.get_ok("/api/v1/projects?q=SLAVERY").await.json();
    assert_eq!(slavery["items"][0]["slug"], "swab");
    assert_eq!(app.get_ok("/api/v1/projects?q=%25").await.json()["total"], 0, "% is a character, not a wildcard");
    let words = app.get_ok("/api/v1/projects?q=synthetic+baltic&sort=title").await.json();
    assert!(words["total"].as_u64().unwrap() > 0);
    let items = words["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|p| p["title"].as_str().unwrap()).collect();
    assert!(titles.iter().all(|t| t.contains("Baltic")), "{titles:?}");
    // "title" orders by the name a project is listed by: its acronym, else its title.
    let names: Vec<&str> = items.iter().map(|p| p["acronym"].as_str().or(p["title"].as_str()).unwrap()).collect();
    assert!(names.windows(2).all(|w| w[0].to_lowercase() <= w[1].to_lowercase()), "by name: {names:?}");
}
