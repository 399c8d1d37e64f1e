//! Facts as the source states them: deadlines no more precise than the page, names found in every form,
//! and what the archived page says (its lost links replaced by the projects' records).

use crate::{TestApp, AFTER_ALL_DEADLINES};

#[tokio::test]
async fn deadlines_are_as_precise_as_the_page() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    // "with deadline 31 January 2019": a day, and nothing more.
    let amif = app.get_ok("/calls/amif-2018-support-to-victims").await.body;
    assert!(amif.contains("<time datetime=\"2019-01-31\">31 January 2019</time>"), "{amif}");
    assert!(!amif.contains("end of day") && !amif.contains("23:59"));
    // "Deadline: 31 January 2018, h 17:00": a time whose zone is not stated says so.
    let isf = app.get_ok("/calls/isf-police-2017-organised-crime-thb").await.body;
    assert!(isf.contains("31 January 2018, 17:00 (Brussels time assumed: the call names no time zone)"), "{isf}");
    // The calendar file and the API keep the same precision.
    let day = app.get_ok("/calls/csp-2018-expression-of-interest/calendar.ics").await.body;
    assert!(day.contains("DTSTART;VALUE=DATE:20180425"), "a whole-day event: {day}");
    let time = app.get_ok("/calls/isf-police-2017-organised-crime-thb/calendar.ics").await.body;
    assert!(time.contains("DTSTART:20180131T160000Z") && time.contains("Brussels time assumed"), "{time}");
    let api = app.get_ok("/api/v1/calls/amif-2018-support-to-victims").await.json();
    assert_eq!((api["deadline"].as_str(), api["deadline_precision"].as_str()), (Some("2019-01-31"), Some("day")));
}

#[tokio::test]
async fn names_are_found_in_every_form_they_take() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let slugs = |q: &'static str| {
        let app = &app;
        async move {
            let found = app.get_ok(&format!("/api/v1/search?q={q}&kind=project")).await.json();
            found["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["slug"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // The page writes "Turkey"; the code list calls it Türkiye; both find both projects involving it.
    for q in ["Turkey", "T%C3%BCrkiye", "turkiye"] {
        let found = slugs(q).await;
        assert!(found.contains(&"anticorrp".to_owned()) && found.contains(&"glomig".to_owned()), "{q}: {found:?}");
    }
    // The Kosovar Stability Initiative is ANTICORRP's partner in Kosovo.
    assert!(slugs("Kosovo").await.contains(&"anticorrp".to_owned()));
}

#[tokio::test]
async fn the_legislation_part_says_what_the_page_says() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/legislation").await.body;
    assert!(list.contains(
        "International legislation provides for various instruments on addressing trafficking in human beings."
    ));
    assert!(list.contains(
        "Further relevant EU and international instruments, as well as case law, are available in the dedicated sections."
    ));
    let conclusions = app.get_ok("/legislation/council-conclusions-2009").await.body;
    assert!(conclusions.contains("<h1>Council Conclusions of June 2009</h1>"), "{conclusions}");
    assert!(conclusions.contains("was established following the Council Conclusions in June 2009"));
    assert!(!list.contains("establishing the EU Network") && !conclusions.contains("establishing the EU Network"));
}

#[tokio::test]
async fn people_are_named_for_the_time_the_page_speaks_of() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let network = app.get_ok("/network").await.body;
    assert!(
        network.contains(
            "<strong>Myria Vassiliadou</strong>, EU Anti-Trafficking Coordinator (<time datetime=\"2018-06-13\">13 June 2018</time>)"
        ),
        "{network}"
    );
    assert!(network.contains(
        "Alice Bellagamba</strong>, Principal investigator (PI), SWAB (<time datetime=\"2013\">2013</time>)"
    ));
}

#[tokio::test]
async fn headings_whose_links_were_lost_give_way_to_the_projects_records() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let anticorrp = app.get_ok("/projects/anticorrp").await.body;
    assert!(anticorrp
        .contains("<h2>Further information</h2><ul><li><a href=\"https://cordis.europa.eu/project/id/290529\">"));
    assert!(!anticorrp.contains("links-lost"), "an empty heading of the archive is nothing to show the public");
    assert!(
        !anticorrp.contains("The source lists none"),
        "the page had a heading, not a statement that there are none"
    );
    let on_the_move = app.get_ok("/projects/on-the-move").await.body;
    assert!(on_the_move.contains("No publications to date") && on_the_move.contains("<h2>Further information</h2>"));
}
