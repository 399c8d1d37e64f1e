use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::http::StatusCode;
use rapporteur_store::{synthetic_project, ContentRepository};

#[tokio::test]
async fn every_page_answers_with_the_layout() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let urls = app.sitemap_urls().await;
    assert!(urls.len() > 50, "{} urls", urls.len());
    for url in urls {
        let path = url.strip_prefix("https://portal.test").expect("absolute URLs on the public address");
        let page = app.get_ok(path).await;
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert!(page.body.contains("<html lang=\"en\">"), "{path}");
        assert!(page.body.contains("<main") && page.body.contains("id=\"main\""), "{path}");
        assert_eq!(page.body.matches("<h1").count(), 1, "{path} has one h1");
        assert!(!page.body.contains("<script"), "{path} works without script");
    }
}

#[tokio::test]
async fn anticorrp_page_shows_every_field() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/projects/anticorrp").await.body;
    for expected in [
        "ANTICORRP: Anticorruption Policies Revisited",
        "FP7 290529",
        "The Quality of Government Institute (University of Gothenburg)",
        "Sweden",
        "€7,999,182",
        "1 March 2012",
        "28 February 2017",
        "60 months",
        "20 partners",
        "Center for the Study of Democracy",
        "Kosovo (XK)",
        "The University of Nottingham",
        "Work Package 9",
    ] {
        assert!(page.contains(expected), "missing {expected:?}");
    }
    let partners = page.split("<table class=\"data-table\">").nth(1).unwrap().split("</table>").next().unwrap();
    assert_eq!(partners.matches("<tr>").count(), 21, "header row and 20 partners");
    assert!(!page.contains("7.999.182€"), "the amount read from it stands for the budget as the source writes it");
}

#[tokio::test]
async fn glomig_shows_what_is_known() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/projects/glomig").await.body;
    assert!(page.contains("Inonu Bulvari"));
    assert!(page.contains("Türkiye"));
    assert!(
        page.contains("<dt>Coordinator</dt><dd>Inonu Bulvari<br>Türkiye</dd>"),
        "the coordinator's name is unknown: the address and country are all there is, unannounced"
    );
    assert!(page.contains("€250,000"));
    assert!(page.contains("<time datetime=\"2006-04-01\">1 April 2006</time>"));
}

#[tokio::test]
async fn project_list_filters_sorts_and_pages() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let erc = app.get_ok("/projects?programme=ERC&sort=-budget").await.body;
    assert!(erc.contains("4 results"));
    let first = erc.find("Digital Crossings").unwrap();
    let last = erc.find("SWAB").unwrap();
    assert!(first < last, "largest budget first");
    let bg = app.get_ok("/projects?country=BG").await.body;
    assert!(bg.contains("1 result") && bg.contains("ANTICORRP"));
    let years = app.get_ok("/projects?from=2019&to=2030").await.body;
    assert!(years.contains("3 results"), "projects running in 2019 or later");
    let paged = app.get_ok("/projects?per_page=2&page=2").await.body;
    assert!(paged.contains("Page 2 of 3"));
    assert!(paged.contains("rel=\"prev\"") && paged.contains("rel=\"next\""));
    assert!(paged.contains("per_page=2"), "links keep the other parameters");
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for (uri, parameter) in [
        ("/projects?page=-1", "page"),
        ("/projects?per_page=100000", "per_page"),
        ("/projects?from=abc", "from"),
        ("/projects?to=1800", "to"),
        ("/projects?from=2010&to=2000", "to"),
        ("/projects?budget_min=lots", "budget_min"),
        ("/projects?programme=FP9", "programme"),
        ("/projects?country=Atlantis", "country"),
        ("/projects?sort=random", "sort"),
        ("/news?page=0", "page"),
        ("/search?q=x&kind=everything", "kind"),
    ] {
        let a = app.get(uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(a.content_type.starts_with("text/html"), "{uri}");
        assert!(a.body.contains(parameter), "{uri} names {parameter}: {}", a.body);
    }
}

#[tokio::test]
async fn unknown_addresses_are_a_helpful_404() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for uri in [
        "/no-such-page",
        "/projects/no-such-project",
        "/projects/UPPER",
        "/calls/x",
        "/news/x",
        "/legislation/x",
        "/member-states/gb",
        "/member-states/xx",
    ] {
        let a = app.get(uri).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(a.body.contains("Page not found") && a.body.contains("action=\"/search\""), "{uri}");
    }
}

#[tokio::test]
async fn calls_open_first_with_a_countdown() {
    // 20 January 2018: the ISF call (31 January) and the AMIF integration call (1 March) are open.
    let app = TestApp::at("2018-01-20T12:00:00Z").await;
    let page = app.get_ok("/calls").await.body;
    let isf = page.find("Internal Security Fund").unwrap();
    let amif_integration = page.find("Integration of Third-Country Nationals").unwrap();
    let amif_2018 = page.find("Support to victims").unwrap();
    assert!(isf < amif_integration, "open calls by nearest deadline");
    assert!(page.matches("badge--open").count() >= 3);
    assert!(page.contains("Closes in 11 days and 4 hours"), "ISF closes 31 January 17:00 Brussels = 16:00 UTC");
    let _ = amif_2018;
    let later = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = later.get_ok("/calls").await.body;
    assert!(!page.contains("badge--open"));
    assert_eq!(page.matches("badge--closed").count(), 4);
}

#[tokio::test]
async fn civil_society_call_lists_eligibility_and_errata() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/calls/csp-2018-expression-of-interest").await.body;
    for expected in [
        "Denmark",
        "Estonia",
        "Malta",
        "25 April 2018",
        "Errata corrige",
        "/calls/csp-2018-expression-of-interest/calendar.ics",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
    let dk = app.get_ok("/member-states/dk").await.body;
    assert!(dk.contains("csp-2018-expression-of-interest"));
}

#[tokio::test]
async fn calendar_file_per_call() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let ics = app.get_ok("/calls/isf-police-2017-organised-crime-thb/calendar.ics").await;
    assert!(ics.content_type.starts_with("text/calendar"));
    assert!(ics.body.contains("BEGIN:VEVENT"));
    assert!(ics.body.contains("DTSTART:20180131T160000Z"), "17:00 Brussels in winter is 16:00 UTC");
    assert!(ics.body.contains("https://portal.test/calls/isf-police-2017-organised-crime-thb"));
}

#[tokio::test]
async fn atom_feed_of_news() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let feed = app.get_ok("/news/feed.atom").await;
    assert!(feed.content_type.starts_with("application/atom+xml"));
    let parsed: atom_syndication::Feed = feed.body.parse().expect("a valid Atom feed");
    assert_eq!(parsed.entries().len(), 3);
    assert_eq!(parsed.entries()[0].id(), "https://portal.test/news/joint-statement-2018-signed");
}

#[tokio::test]
async fn search_page_stems_folds_and_highlights() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok("/search?q=trafficked").await.body;
    assert!(page.contains("<mark>trafficking</mark>") || page.contains("<mark>Trafficking</mark>"));
    let page = app.get_ok("/search?q=İnönü").await.body;
    assert!(page.contains("/projects/glomig"));
    let page = app.get_ok("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await.body;
    assert!(!page.contains("<script>"), "the query is escaped");
}

#[tokio::test]
async fn synthetic_projects_are_labelled() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        store.insert_projects(&[synthetic_project(1), synthetic_project(2)]).await.unwrap();
    })
    .await;
    let list = app.get_ok("/projects?programme=SYNTHETIC").await.body;
    assert_eq!(list.matches("badge--synthetic").count(), 2);
    let page = app.get_ok("/projects/synthetic-1").await.body;
    assert!(page.contains("generated for load tests"));
    let home = app.get_ok("/").await.body;
    assert!(home.contains("6 EU-funded projects") && home.contains("2 synthetic projects"));
    let search = app.get_ok("/search?q=synthetic").await.body;
    assert!(search.contains("badge--synthetic"));
    let sitemap = app.sitemap_urls().await;
    assert!(sitemap.iter().any(|u| u.ends_with("/projects/anticorrp")), "real projects are offered to crawlers");
    assert!(!sitemap.iter().any(|u| u.contains("synthetic-1")), "synthetic pages are not offered to crawlers");
    assert_eq!(app.store.project_facets().await.unwrap().synthetic_projects, 2);
}

#[tokio::test]
async fn security_headers_robots_health_and_assets() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    for uri in ["/", "/api/v1/projects", "/no-such-page"] {
        let a = app.get(uri).await;
        let csp = a.headers.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{uri}");
        assert_eq!(a.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert!(a.headers.get("referrer-policy").is_some());
    }
    let robots = app.get_ok("/robots.txt").await.body;
    assert!(robots.contains("Sitemap: https://portal.test/sitemap.xml"));
    assert_eq!(app.get_ok("/healthz").await.body, "ok");
    let css = app.get_ok(rapporteur_web::ui::assets::STYLESHEET_PATH).await;
    assert!(css.content_type.starts_with("text/css"));
}

#[test]
fn every_message_the_code_uses_is_in_the_english_catalogue() {
    let en = rapporteur_web::ui::i18n::Catalogues::get("en");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![src];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 30, "the source files are found");
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        // Every `t("id")` / `t_args("id"` call whose `t` is a whole word (not `get(`, `text(` …).
        for (at, _) in text.match_indices("t(\"").chain(text.match_indices("t_args(\"")) {
            let before = text[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' {
                continue;
            }
            let start = at + text[at..].find('"').unwrap() + 1;
            let id: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            if !id.is_empty() && id != "no-such-message-id" && !en.has(&id) {
                missing.push(id);
            }
        }
    }
    assert!(missing.is_empty(), "missing messages: {missing:?}");
}

#[tokio::test]
async fn odd_input_never_gives_a_500() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let long = "x".repeat(5_000);
    let odd = [
        "/projects?page=99999999999999999999".to_owned(),
        "/projects?page=1000000".to_owned(),
        "/projects?q=%FF%FE".to_owned(),
        "/projects?q=%ZZ".to_owned(),
        "/projects?q=%25%5F%5C".to_owned(),
        format!("/projects?q={long}"),
        "/projects?country=&programme=&from=&to=".to_owned(),
        "/projects?budget_min=1.234&budget_max=99999999999999999999".to_owned(),
        "/projects/%00".to_owned(),
        format!("/projects/{long}"),
        "/search?q=%22%22%22".to_owned(),
        "/search?q=title:(a%20OR".to_owned(),
        "/search?q=*&page=100000".to_owned(),
        "/api/v1/search?q=-&per_page=100".to_owned(),
        "/api/v1/projects?sort=&page=".to_owned(),
        "/member-states/".to_owned(),
        "/member-states/%C3%A9".to_owned(),
        "/calls/..%2F..%2Fetc%2Fpasswd/calendar.ics".to_owned(),
        "/news?per_page=100&page=1000000".to_owned(),
    ];
    for uri in odd {
        let a = app.get(&uri).await;
        assert!(a.status.as_u16() < 500, "{uri} gave {}", a.status);
        assert!(matches!(a.status.as_u16(), 200 | 400 | 404), "{uri} gave {}", a.status);
    }
}
