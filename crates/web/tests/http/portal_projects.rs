//! Issue 12: the portal as its users expect it (portal_projects): projects as a researcher reads them.

use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::http::StatusCode;
use rapporteur_store::{synthetic_project, ContentRepository};

/// The cards of a list page, in order: each from its `<article` to its `</article>`.
fn cards(page: &str) -> Vec<&str> {
    page.split("<article class=\"card project-card\">").skip(1).map(|c| c.split("</article>").next().unwrap()).collect()
}

fn card_of<'a>(page: &'a str, name: &str) -> &'a str {
    cards(page).into_iter().find(|c| c.contains(name)).unwrap_or_else(|| panic!("no card of {name}"))
}

/// The app with `n` synthetic projects besides the bundled ones.
async fn with_synthetic(now: &str, n: u64) -> TestApp {
    TestApp::with(now, |store| async move {
        store.insert_projects(&(1..=n).map(synthetic_project).collect::<Vec<_>>()).await.unwrap();
    })
    .await
}

#[tokio::test]
async fn cards_show_status_from_the_clock_in_brussels() {
    // 23:30 UTC on 31 January 2017 is already 1 February in Brussels (UTC+1): the day On the Move starts.
    let app = TestApp::at("2017-01-31T22:30:00Z").await;
    let before = app.get_ok("/projects?per_page=100").await.body;
    assert!(card_of(&before, "On the Move").contains("Not started"), "22:30 UTC is 23:30 in Brussels");
    assert!(card_of(&before, "ANTICORRP").contains("Running"));
    app.clock.advance(chrono::Duration::hours(1));
    let after = app.get_ok("/projects?per_page=100").await.body;
    assert!(card_of(&after, "On the Move").contains("Running"), "midnight in Brussels: the page is not kept past it");
    // ANTICORRP ended on 28 February 2017.
    app.clock.advance(chrono::Duration::days(30));
    let later = app.get_ok("/projects?per_page=100").await.body;
    assert!(card_of(&later, "ANTICORRP").contains("Closed"));
    assert!(card_of(&later, "GLOMIG").contains("Closed"));
    let page = app.get_ok("/projects/on-the-move").await.body;
    assert!(page.contains("Status: <strong class=\"badge badge--status badge--running\">Running</strong>"), "{page}");
}

#[tokio::test]
async fn cards_name_the_principal_investigator_and_the_host() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/projects?per_page=100").await.body;
    let digital = card_of(&list, "Digital Crossings");
    assert!(digital.contains("<dt>Principal investigator</dt><dd>Sandra Ponzanesi</dd>"), "{digital}");
    assert!(digital.contains("<dt>Host institution</dt><dd>Utrecht University</dd>"), "{digital}");
    let anticorrp = card_of(&list, "ANTICORRP");
    assert!(
        anticorrp.contains(
            "<dt>Coordinator</dt><dd>The Quality of Government Institute (University of Gothenburg), Sweden</dd>"
        ),
        "{anticorrp}"
    );
    assert!(!anticorrp.contains("Principal investigator"), "no PI is given: the card leaves it out");
    let glomig = card_of(&list, "GLOMIG");
    assert!(glomig.contains("<dt>Coordinator</dt><dd>Türkiye</dd>"), "only the country is known: {glomig}");
}

#[tokio::test]
async fn the_list_is_sorted_by_the_name_its_cards_begin_with() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/projects").await.body;
    let names: Vec<String> = cards(&list)
        .iter()
        .map(|c| {
            let link = c.split("<a href=\"/projects/").nth(1).unwrap();
            link.split('>').nth(1).unwrap().split([':', '<']).next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["ANTICORRP", "Digital Crossings in Europe", "EUBorderCare", "GLOMIG", "On the Move", "SWAB"],
        "by acronym, else title"
    );
    assert!(list.contains("<option value=\"title\" selected>Name (A–Z)</option>"), "the label says what it sorts by");
    for label in ["Start date (oldest first)", "Start date (newest first)", "Budget (largest first)"] {
        assert!(list.contains(label), "{label}");
    }
    assert!(!list.contains("Best match first"), "no best match without words to match");
    assert!(app.get_ok("/projects?q=trafficking").await.body.contains("Best match first"));
    let newest = app.get_ok("/projects?sort=-start").await.body;
    assert!(newest.find("On the Move").unwrap() < newest.find("ANTICORRP").unwrap());
    assert!(newest.contains("<option value=\"-start\" selected>Start date (newest first)</option>"));
}

#[tokio::test]
async fn filter_options_have_projects_and_say_how_many() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/projects").await.body;
    let country = list.split("id=\"f-country\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(country.contains(">Sweden (1)</option>"), "{country}");
    assert!(country.contains(">Bulgaria (1)</option>"), "{country}");
    assert!(!country.contains("Malta"), "no project in Malta: no option: {country}");
    let options = country.matches("<option").count();
    assert!(options < 35, "only countries with projects: {options}");
    let programme = list.split("id=\"f-programme\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(programme.contains("European Research Council (ERC) (4)"), "{programme}");
    assert!(programme.contains("Seventh Framework Programme (FP7) (1)"), "{programme}");
    assert!(!programme.contains("Synthetic") && !programme.contains("load-test"), "{programme}");
    // The counts follow the other filters: within ERC, no project is in Sweden.
    let erc = app.get_ok("/projects?programme=ERC").await.body;
    let erc_country = erc.split("id=\"f-country\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(!erc_country.contains("Sweden"), "{erc_country}");
    // A value chosen stays in its list, with its count.
    let se_erc = app.get_ok("/projects?programme=ERC&country=SE").await.body;
    assert!(se_erc.contains("<option value=\"SE\" selected>Sweden (0)</option>"), "{se_erc}");
    assert!(se_erc.contains("Filter and sort (2 active)"));
}

#[tokio::test]
async fn counts_come_from_the_index_with_synthetic_projects_too() {
    let app = with_synthetic(AFTER_ALL_DEADLINES, 300).await;
    let list = app.get_ok("/projects").await.body;
    let api = app.get_ok("/api/v1/projects?country=DE&per_page=1").await.json();
    let de = api["total"].as_u64().unwrap();
    assert!(de > 0);
    assert!(list.contains(&format!(">Germany ({de})</option>")), "the count is the list's own total");
    let programme = list.split("id=\"f-programme\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(!programme.contains("Synthetic"), "synthetic projects are not a programme to choose: {programme}");
    assert!(card_of(&list, "SYN").contains("badge--synthetic"), "synthetic projects keep their badge");
}

#[tokio::test]
async fn pages_are_numbered_with_the_current_one_marked() {
    let app = with_synthetic(AFTER_ALL_DEADLINES, 300).await;
    let page = app.get_ok("/projects?per_page=10&page=5&programme=SYNTHETIC").await.body;
    let nav = page.split("<nav class=\"pagination\"").nth(1).unwrap().split("</nav>").next().unwrap();
    assert!(nav.contains("Page 5 of 30"), "{nav}");
    assert!(nav.contains("rel=\"prev\"") && nav.contains("rel=\"next\""), "{nav}");
    assert!(
        nav.contains(
            "href=\"/projects?programme=SYNTHETIC&amp;per_page=10&amp;page=5\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>5</a>"
        ),
        "{nav}"
    );
    assert_eq!(nav.matches("aria-current").count(), 1);
    for n in [1, 4, 6, 30] {
        assert!(nav.contains(&format!("page={n}\"")), "page {n}: {nav}");
    }
    assert!(!nav.contains("page=15\""), "far pages are left out");
    assert_eq!(nav.matches('…').count(), 2, "{nav}");
}

#[tokio::test]
async fn a_page_past_the_last_is_404_or_a_400_naming_page() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get("/projects?page=9999").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"));
    assert_eq!(app.get("/projects/timeline?page=9999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/projects?page=2").await.status, StatusCode::NOT_FOUND, "6 projects are one page");
    app.get_ok("/projects?page=1&country=MT").await;
    let api = app.get("/api/v1/projects?page=9999").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    let body = api.json();
    assert_eq!(body["errors"][0]["parameter"], "page", "{body}");
    assert!(body["errors"][0]["detail"].as_str().unwrap().contains("9999"), "{body}");
    app.get_ok("/api/v1/projects?page=1&country=MT").await;
}

#[tokio::test]
async fn the_filtered_list_downloads_as_csv() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/projects?programme=ERC&sort=-budget").await.body;
    assert!(
        list.contains(
            "<a href=\"/projects.csv?programme=ERC&amp;sort=-budget\" download>Download these 4 projects (CSV)</a>"
        ),
        "{list}"
    );
    assert!(list.contains("<a href=\"/api/v1/projects?programme=ERC&amp;sort=-budget\">"), "JSON from the API");
    let csv = app.get_ok("/projects.csv?programme=ERC&sort=-budget").await;
    assert!(csv.content_type.starts_with("text/csv; charset=utf-8"), "{}", csv.content_type);
    let disposition = csv.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"projects-ERC-2025-01-01.csv\""), "{disposition}");
    let rows: Vec<&str> = csv.body.split("\r\n").collect();
    assert_eq!(rows.len(), 6, "a header, 4 projects and the end of the last line: {}", csv.body);
    assert!(rows[0].starts_with("name,acronym,title,programme,reference,grant_number,status,"), "{}", rows[0]);
    assert!(
        rows[1].starts_with("\"Digital Crossings in Europe: Gender, Diaspora and Belonging\",,"),
        "largest budget first, its name (a title with a comma) quoted: {}",
        rows[1]
    );
    assert!(rows[1].contains(",647737,closed,host_institution,Utrecht University,,Sandra Ponzanesi,1992809.00,"));
    assert!(rows[1].ends_with(",https://portal.test/projects/digital-crossings-in-europe"));
}

#[tokio::test]
async fn csv_cells_cannot_become_formulas() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let mut p = synthetic_project(1);
        p.acronym = Some("=HYPERLINK(\"http://evil.test\")".into());
        p.title = "+SUM(1, 2) \"quoted\"".into();
        p.principal_investigator = Some("@me".into());
        store.insert_projects(&[p]).await.unwrap();
    })
    .await;
    let csv = app.get_ok("/projects.csv?programme=SYNTHETIC").await.body;
    let row = csv.split("\r\n").nth(1).unwrap();
    assert!(row.starts_with("\"'=HYPERLINK(\"\"http://evil.test\"\")\",\"'=HYPERLINK("), "{row}");
    assert!(row.contains(",\"'+SUM(1, 2) \"\"quoted\"\"\","), "{row}");
    assert!(row.contains(",'@me,"), "{row}");
}

#[tokio::test]
async fn grant_numbers_link_to_cordis_and_erc_to_its_home() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let anticorrp = app.get_ok("/projects/anticorrp").await.body;
    assert!(anticorrp.contains("<a class=\"project-cordis\" href=\"https://cordis.europa.eu/project/id/290529\">"));
    assert!(!anticorrp.contains("erc.europa.eu"), "not an ERC grant");
    let glomig = app.get_ok("/projects/glomig").await.body;
    assert!(glomig.contains("href=\"https://cordis.europa.eu/project/id/28756\""));
    let swab = app.get_ok("/projects/swab").await.body;
    assert!(swab.contains("href=\"https://cordis.europa.eu/project/id/313737\""));
    assert!(swab.contains("<a href=\"https://erc.europa.eu/\">European Research Council (ERC)</a>"));
    let synthetic = with_synthetic(AFTER_ALL_DEADLINES, 1).await;
    let page = synthetic.get_ok("/projects/synthetic-1").await.body;
    assert!(!page.contains("cordis.europa.eu"), "a synthetic project has no record anywhere");
}

#[tokio::test]
async fn public_pages_keep_the_teams_wording_to_themselves() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let mut pages = vec!["/".to_owned(), "/projects".to_owned(), "/projects/timeline".to_owned()];
    for slug in ["anticorrp", "glomig", "on-the-move", "digital-crossings-in-europe", "euborder-care", "swab"] {
        pages.push(format!("/projects/{slug}"));
    }
    for path in pages {
        let body = app.get_ok(&path).await.body;
        for wording in [
            "not stated in the source",
            "as written in the source",
            "archived in the project",
            "load-test data",
            "The archived page",
            "The source lists none",
        ] {
            assert!(!body.contains(wording), "{path} says {wording:?}");
        }
    }
    let glomig = app.get_ok("/projects/glomig").await.body;
    assert!(glomig.contains("€250,000") && !glomig.contains("250,000 €"), "the amount, not the source's writing");
    assert!(glomig.contains("1 April 2006") && !glomig.contains("01/04/2006 to 31/03/2008"));
}

#[tokio::test]
async fn the_timeline_draws_the_filtered_projects() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/projects?programme=ERC").await.body;
    assert!(list.contains("<a href=\"/projects/timeline?programme=ERC\">See these projects on a timeline</a>"));
    let timeline = app.get_ok("/projects/timeline?programme=ERC").await.body;
    assert!(timeline.contains("role=\"img\" aria-label=\"Timeline of 4 projects, from 2013 to 2022\""), "{timeline}");
    assert_eq!(timeline.matches("<rect class=\"gantt__bar").count(), 4 + 3, "a bar a project, and the legend's");
    let table = timeline.split("<table").nth(1).unwrap().split("</table>").next().unwrap();
    let first = table.find("SWAB").unwrap();
    assert!(first < table.find("EUBorderCare").unwrap(), "by start: SWAB (2013) before EUBorderCare (2015)");
    assert!(table.contains("<time datetime=\"2013-05-01\">1 May 2013</time>"), "{table}");
    assert!(!timeline.contains("ANTICORRP"), "the filter holds");
    assert!(timeline.contains("<a href=\"/projects?programme=ERC\">See these projects as a list</a>"));
}

#[tokio::test]
async fn the_timeline_lists_projects_without_dates_beneath() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let mut p = synthetic_project(7);
        p.start_date = None;
        p.end_date = None;
        p.duration_months = None;
        store.insert_projects(&[p]).await.unwrap();
    })
    .await;
    let timeline = app.get_ok("/projects/timeline").await.body;
    let beneath = timeline.split("<h2>Projects without dates</h2>").nth(1).expect("a list of projects without dates");
    assert!(beneath.contains("<a href=\"/projects/synthetic-7\">SYN7</a>"), "{beneath}");
    assert!(beneath.contains("Dates not given"));
    let list = app.get_ok("/projects?programme=SYNTHETIC").await.body;
    assert!(card_of(&list, "SYN7").contains("Dates not given"));
}

#[tokio::test]
async fn a_projects_partners_are_on_a_map_with_a_table_beneath() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let anticorrp = app.get_ok("/projects/anticorrp").await.body;
    let figure = anticorrp
        .split("<figure class=\"country-map\" id=\"project-map\">")
        .nth(1)
        .expect("a map")
        .split("</figure>")
        .next()
        .unwrap();
    assert!(figure.contains("role=\"img\" aria-labelledby=\"project-map-title\""), "{figure}");
    let caption = figure.split("<title id=\"project-map-title\">").nth(1).unwrap().split("</title>").next().unwrap();
    assert!(caption.starts_with("The countries of ANTICORRP: ") && caption.ends_with(" countries"), "{caption}");
    let table = figure.split("<table").nth(1).unwrap();
    assert!(table.contains("<a href=\"/member-states/se\">Sweden</a></th><td>Coordinator; 1 partner</td>"), "{table}");
    assert!(table.contains("<a href=\"/member-states/bg\">Bulgaria</a></th><td>1 partner</td>"), "{table}");
    assert!(table.contains("<th scope=\"row\">Kosovo</th>"), "no Member State page to link to: {table}");
    let glomig = app.get_ok("/projects/glomig").await.body;
    assert!(glomig.contains("The countries of GLOMIG: one country"));
    let swab = app.get_ok("/projects/swab").await.body;
    assert!(!swab.contains("project-map"), "no country is known: no map");
}

#[tokio::test]
async fn a_large_export_is_capped_and_says_so() {
    // 10,006 projects: more than one file holds.
    let app = with_synthetic(AFTER_ALL_DEADLINES, 10_000).await;
    let list = app.get_ok("/projects").await.body;
    assert!(list.contains("Download the first 10,000 of these 10,006 projects (CSV"), "the link says what it gives");
    let csv = app.get_ok("/projects.csv").await.body;
    assert_eq!(csv.matches("\r\n").count(), 10_001, "a header and 10,000 projects");
}

#[tokio::test]
async fn a_project_without_an_end_date_runs_to_its_start_plus_duration_in_the_year_filters() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let mut p = synthetic_project(1);
        p.start_date = chrono::NaiveDate::from_ymd_opt(2020, 3, 1);
        p.end_date = None;
        p.duration_months = Some(60);
        store.insert_projects(&[p]).await.unwrap();
    })
    .await;
    let slug = synthetic_project(1).slug.to_string();
    let listed = |body: &str| body.contains(&format!("/projects/{slug}\""));
    // Its last day is 29 February 2025: it ran in 2024 and 2025, not in 2026.
    assert!(listed(&app.get_ok("/projects?programme=SYNTHETIC&from=2024&to=2024").await.body));
    assert!(listed(&app.get_ok("/projects?programme=SYNTHETIC&from=2025").await.body));
    assert!(!listed(&app.get_ok("/projects?programme=SYNTHETIC&from=2026").await.body));
}
