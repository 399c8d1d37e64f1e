//! Issue 12: the portal as its users expect it (portal_calls): a closed call takes no application, the form
//! offers only the Member States the call names, applying is the main action, the form says what is kept,
//! the deadline is shown without the source's wording, and one calendar file holds every deadline.

use crate::editing::audit_total;
use crate::{encode, send, TestApp, AFTER_ALL_DEADLINES};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use rapporteur_core::{Bundle, Call, CallKind, Deadline, Paging, Slug};
use rapporteur_store::{Actor, ApplicationFilter, ContentEditing, EditableItem, PlatformRepository};
use std::collections::HashMap;
use tower::ServiceExt;

const CSP: &str = "/calls/csp-2018-expression-of-interest";
/// Five days before the Civil Society Platform's call of 2018 closed (25 April 2018).
const CSP_OPEN: &str = "2018-04-20T10:00:00Z";

fn bundled_csp() -> Call {
    let bundle = Bundle::embedded().unwrap();
    bundle.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap().clone()
}

async fn stored_applications(app: &TestApp) -> u64 {
    app.store.list_applications(&ApplicationFilter::default(), Paging::first(1)).await.unwrap().total
}

/// The values of the `<option>`s of the Member State choice, the empty prompt left out.
fn offered_seats(page: &str) -> Vec<String> {
    let select = page.split("name=\"member_state\"").nth(1).expect("a Member State choice");
    let select = select.split("</select>").next().unwrap();
    select
        .split("<option value=\"")
        .skip(1)
        .map(|o| o.split('"').next().unwrap().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn application_fields(csrf: &str, seat: &str) -> String {
    encode(&[
        ("csrf", csrf),
        ("organisation_name", "Tallinn Anti-Trafficking NGO"),
        ("member_state", seat),
        ("contact_email", "info@ngo.ee"),
        ("motivation", "We support victims of trafficking in Estonia."),
    ])
}

#[tokio::test]
async fn a_closed_call_offers_no_form_and_keeps_nothing_posted_to_it() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok(CSP).await.body;
    assert!(!page.contains("/apply\""), "no way to apply: {page}");
    assert!(!page.contains("Apply as an organisation"));
    assert!(page.contains("This call closed at the end of 25 April 2018 (Brussels time)"), "{page}");

    let apply = send(&app, "GET", &format!("{CSP}/apply"), &[], None).await;
    assert_eq!(apply.status, StatusCode::OK);
    assert!(!apply.body.contains("name=\"organisation_name\""), "no form: {}", apply.body);
    assert!(apply.body.contains("<h1>Applications closed</h1>"), "{}", apply.body);
    assert!(apply.body.contains("This call closed at the end of 25 April 2018 (Brussels time)"));
    assert!(apply.body.contains(&format!("href=\"{CSP}\"")), "a way back to the call");
    assert_eq!(apply.cookie("rapporteur_csrf"), None, "no form, so no token for one");

    // A form kept from before the deadline, or made up, is refused with the reason; nothing is kept.
    let audited = audit_total(&app).await;
    let token = "a".repeat(64);
    let jars: [&[(&str, &str)]; 2] = [&[("rapporteur_csrf", token.as_str())], &[]];
    for jar in jars {
        let posted = send(&app, "POST", &format!("{CSP}/apply"), jar, Some(&application_fields(&token, "EE"))).await;
        assert_eq!(posted.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(posted.body.contains("This call closed at the end of 25 April 2018"), "{}", posted.body);
        assert!(!posted.body.contains("name=\"organisation_name\""), "no form comes back");
    }
    let api = app
        .router
        .clone()
        .oneshot(
            Request::post("/api/v1/calls/csp-2018-expression-of-interest/applications")
                .header("content-type", "application/json")
                .body(Body::from(r#"{"organisation_name":"","member_state":"EE","contact_email":"","motivation":""}"#))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::UNPROCESSABLE_ENTITY, "lateness is said before the fields");
    let body = axum::body::to_bytes(api.into_body(), 100_000).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("25 April 2018, has passed"));
    assert_eq!(stored_applications(&app).await, 0, "nothing stored");
    assert_eq!(audit_total(&app).await, audited, "nothing audited");
}

#[tokio::test]
async fn a_call_that_closes_at_a_time_says_when_in_brussels_time() {
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let mut csp = bundled_csp();
        csp.slug = Slug::parse("csp-lisbon").unwrap();
        // 17:00 in Lisbon in summer is 18:00 in Brussels.
        csp.deadline = Deadline::parse("2024-07-31T17:00+01:00").unwrap();
        csp.published = true;
        store.create_item(&Actor::Cli, &EditableItem::Call(csp)).await.unwrap();
    })
    .await;
    let apply = app.get_ok("/calls/csp-lisbon/apply").await.body;
    assert!(apply.contains("This call closed on 31 July 2024 at 18:00 (Brussels time)"), "{apply}");
}

#[tokio::test]
async fn the_form_offers_only_the_member_states_the_call_names() {
    let app = TestApp::with(CSP_OPEN, |store| async move {
        let mut open_to_all = bundled_csp();
        open_to_all.slug = Slug::parse("csp-open-to-all").unwrap();
        open_to_all.eligible_member_states = Vec::new();
        open_to_all.published = true;
        store.create_item(&Actor::Cli, &EditableItem::Call(open_to_all)).await.unwrap();
    })
    .await;
    let form = send(&app, "GET", &format!("{CSP}/apply"), &[], None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(offered_seats(&form.body), ["DK", "EE", "MT"]);
    assert!(!form.body.contains(">Germany<"), "{}", form.body);
    let all = app.get_ok("/calls/csp-open-to-all/apply").await.body;
    assert_eq!(offered_seats(&all).len(), 27, "a call that names no Member State is open to all");

    // The form still holds to the rule when a seat it does not offer is sent.
    let (cookie, csrf) = (form.cookie_value("rapporteur_csrf").unwrap(), form.hidden_csrf());
    let cookies = [("rapporteur_csrf", cookie.as_str())];
    let forged = send(&app, "POST", &format!("{CSP}/apply"), &cookies, Some(&application_fields(&csrf, "DE"))).await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(forged.body.contains("Germany are not eligible"), "{}", forged.body);
    assert_eq!(stored_applications(&app).await, 0);
    let sent = send(&app, "POST", &format!("{CSP}/apply"), &cookies, Some(&application_fields(&csrf, "EE"))).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    assert_eq!(stored_applications(&app).await, 1);
}

#[tokio::test]
async fn applying_is_the_main_action_and_the_calendar_file_the_second() {
    let app = TestApp::at(CSP_OPEN).await;
    let page = app.get_ok(CSP).await.body;
    let apply = format!("<a class=\"button\" href=\"{CSP}/apply\">Apply as an organisation</a>");
    let calendar = format!("<a class=\"button button--secondary\" href=\"{CSP}/calendar.ics\">");
    let (at_apply, at_calendar) = (page.find(&apply), page.find(&calendar));
    assert!(at_apply.is_some() && at_calendar.is_some(), "{page}");
    assert!(at_apply < at_calendar, "the main action first");
    assert!(page.contains("badge--open") && page.contains("Closes in 5 days"), "the status, then the time left");
    // Calls for proposals are applied to elsewhere: their calendar file is still a secondary action.
    let amif = app.get_ok("/calls/amif-2018-support-to-victims").await.body;
    assert!(!amif.contains("/apply\""));
    assert!(
        amif.contains("class=\"button button--secondary\" href=\"/calls/amif-2018-support-to-victims/calendar.ics\"")
    );
}

#[tokio::test]
async fn the_form_says_what_is_kept_why_and_how_long() {
    let app = TestApp::at(CSP_OPEN).await;
    let form = app.get_ok(&format!("{CSP}/apply")).await.body;
    let notice =
        form.split("class=\"apply-privacy\"").nth(1).expect("a privacy notice").split("</aside>").next().unwrap();
    for said in ["What is kept", "contact e-mail address", "Why:", "How long:", "audit log", "href=\"/privacy\""] {
        assert!(notice.contains(said), "{said} in {notice}");
    }
    let at_email = form.find("name=\"contact_email\"").unwrap();
    let at_notice = form.find("class=\"apply-privacy\"").unwrap();
    let at_submit = form.find("Send the application").unwrap();
    assert!(at_email < at_notice && at_notice < at_submit, "the notice is at the form, before it is sent");
}

#[tokio::test]
async fn deadlines_are_shown_without_the_source_wording() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let isf = app.get_ok("/calls/isf-police-2017-organised-crime-thb").await.body;
    assert!(isf.contains("31 January 2018, 17:00 (Brussels time assumed: the call names no time zone)"), "{isf}");
    for page in [isf, app.get_ok(CSP).await.body, app.get_ok("/calls").await.body] {
        assert!(!page.contains("as written in the source"), "{page}");
        assert!(!page.contains("h 17:00"), "the source's own writing of the deadline");
    }
    let ics = app.get_ok("/calls/isf-police-2017-organised-crime-thb/calendar.ics").await.body;
    assert!(!ics.contains("h 17:00") && !ics.contains("As written"), "{ics}");
}

/// A calendar file read as RFC 5545 says: lines end in CRLF, folded lines are joined, every content line
/// is `NAME[;PARAM…]:VALUE`, components nest. Returns the calendar's own properties and each event's.
type Properties = HashMap<String, (String, String)>;
fn read_calendar(text: &str) -> (Properties, Vec<Properties>) {
    assert!(text.ends_with("\r\n"), "content lines end in CRLF");
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare line feed");
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let (mut calendar, mut events, mut open) = (Properties::new(), Vec::new(), Vec::<String>::new());
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (head, value) = line.split_once(':').unwrap_or_else(|| panic!("not a content line: {line:?}"));
        let (name, params) = head.split_once(';').unwrap_or((head, ""));
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'), "name {name:?}");
        match name {
            "BEGIN" => {
                if value == "VEVENT" {
                    events.push(Properties::new());
                }
                open.push(value.to_owned());
            }
            "END" => assert_eq!(open.pop().as_deref(), Some(value), "components nest"),
            _ => {
                let into = if open.last().map(String::as_str) == Some("VEVENT") {
                    events.last_mut().unwrap()
                } else {
                    assert_eq!(open, ["VCALENDAR"], "{line}");
                    &mut calendar
                };
                into.insert(name.to_owned(), (params.to_owned(), value.to_owned()));
            }
        }
    }
    assert!(open.is_empty(), "every component ends");
    (calendar, events)
}

/// A TEXT value unescaped; panics on a bare `,` or `;`, which would split the value.
fn text_value(escaped: &str) -> String {
    let mut out = String::new();
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(e @ ('\\' | ';' | ',')) => out.push(e),
                other => panic!("bad escape \\{other:?} in {escaped:?}"),
            },
            ',' | ';' => panic!("unescaped {c:?} in {escaped:?}"),
            c => out.push(c),
        }
    }
    out
}

#[tokio::test]
async fn one_calendar_file_holds_every_published_call_deadline() {
    const AWKWARD: &str = r"Call; with a comma, a semicolon and a back\slash";
    let app = TestApp::with(AFTER_ALL_DEADLINES, |store| async move {
        let mut awkward = bundled_csp();
        awkward.slug = Slug::parse("csp-awkward").unwrap();
        awkward.title = AWKWARD.into();
        awkward.deadline = Deadline::parse("2027-03-31T17:00").unwrap();
        awkward.published = true;
        store.create_item(&Actor::Cli, &EditableItem::Call(awkward.clone())).await.unwrap();
        let mut draft = awkward;
        draft.slug = Slug::parse("csp-draft").unwrap();
        draft.published = false;
        store.create_item(&Actor::Cli, &EditableItem::Call(draft)).await.unwrap();
    })
    .await;
    let all = app.get_ok("/calls/calendar.ics").await;
    assert!(all.content_type.starts_with("text/calendar"), "{}", all.content_type);
    let (calendar, events) = read_calendar(&all.body);
    assert_eq!(text_value(&calendar["NAME"].1), "Funding calls: deadlines");
    let published = app.get_ok("/api/v1/calls").await.json()["total"].as_u64().unwrap();
    assert_eq!(published, 5, "the four bundled calls and the awkward one; not the draft");
    assert_eq!(events.len() as u64, published, "one event per published call");
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| e["UID"].1.clone()).collect();
    assert_eq!(uids.len(), events.len(), "distinct UIDs");
    assert!(!all.body.contains("csp-draft"), "a draft is not shown");

    // Each event is the call's own file's event, precision and escaping alike.
    for slug in ["csp-awkward", "isf-police-2017-organised-crime-thb", "csp-2018-expression-of-interest"] {
        let (_, own) = read_calendar(&app.get_ok(&format!("/calls/{slug}/calendar.ics")).await.body);
        let uid = &own[0]["UID"].1;
        let shared = events.iter().find(|e| &e["UID"].1 == uid).unwrap_or_else(|| panic!("{slug} in the feed"));
        for property in ["SUMMARY", "DTSTART", "DTEND", "DESCRIPTION", "URL"] {
            assert_eq!(shared.get(property), own[0].get(property), "{slug}: {property}");
        }
    }
    let event = |uid_start: &str| events.iter().find(|e| e["UID"].1.starts_with(uid_start)).unwrap();
    let awkward = event("call-csp-awkward@");
    assert_eq!(text_value(&awkward["SUMMARY"].1), format!("Deadline: {AWKWARD}"));
    assert_eq!(awkward["DTSTART"].1, "20270331T150000Z", "17:00 in Brussels summer time");
    let isf = event("call-isf-police-2017-organised-crime-thb@");
    assert_eq!(isf["DTSTART"].1, "20180131T160000Z");
    assert!(text_value(&isf["DESCRIPTION"].1).contains("Brussels time assumed"));
    let csp = event("call-csp-2018-expression-of-interest@");
    assert_eq!(csp["DTSTART"], ("VALUE=DATE".to_owned(), "20180425".to_owned()), "a day is a whole-day event");
}

#[tokio::test]
async fn the_list_of_calls_links_the_calendar_of_every_deadline() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let list = app.get_ok("/calls").await.body;
    assert!(list.contains(r#"<link rel="alternate" type="text/calendar" href="/calls/calendar.ics">"#), "{list}");
    assert!(list.contains(r#"href="/calls/calendar.ics""#) && list.contains("All deadlines in one calendar file"));
    assert!(!app.sitemap_urls().await.iter().any(|u| u.ends_with(".ics")), "a file, not a page");
}

/// The rows of the table beneath a map: (country, what the row says besides it).
fn map_rows(page: &str, id: &str) -> Vec<(String, String)> {
    let figure = page.split(&format!("id=\"{id}\"")).nth(1).expect("the map").split("</figure>").next().unwrap();
    let body = figure.split("<tbody>").nth(1).expect("a table beneath").split("</tbody>").next().unwrap();
    let text = |html: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let country = text(row.split("</th>").next().unwrap());
            let note = row.split("<td>").nth(1).map(|td| text(td.split("</td>").next().unwrap())).unwrap_or_default();
            (country, note)
        })
        .collect()
}

#[tokio::test]
async fn a_call_page_maps_where_applicants_may_be_based() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let page = app.get_ok(CSP).await.body;
    let figure = page.split("id=\"call-eligible-map\"").nth(1).expect("a map").split("</figure>").next().unwrap();
    assert!(figure.contains(r#"role="img" aria-labelledby="call-eligible-map-title""#), "{figure}");
    assert!(figure.contains("<title id=\"call-eligible-map-title\">Member States where an applicant's legal seat may be: Denmark, Estonia, Malta</title>"), "{figure}");
    let rows: Vec<String> = map_rows(&page, "call-eligible-map").into_iter().map(|(c, _)| c).collect();
    assert_eq!(rows, ["Denmark", "Estonia", "Malta"], "the text alternative beneath");
    assert!(figure.contains(r#"<a href="/member-states/mt">Malta</a>"#));
    assert_eq!(figure.matches("country-map__tile--strong").count(), 3, "three tiles marked");
    // A call open to organisations from anywhere has nothing to map.
    let amif = app.get_ok("/calls/amif-2018-support-to-victims").await.body;
    assert!(!amif.contains("call-eligible-map"));
}

#[tokio::test]
async fn the_platform_balance_is_a_map_with_its_counts_beneath() {
    use rapporteur_core::accounts::Role;
    let app = TestApp::at(CSP_OPEN).await;
    let people = crate::Person::sign_up(&app, &["editor"], |_| Role::Editor, 1).await;
    let form = send(&app, "GET", &format!("{CSP}/apply"), &[], None).await;
    let (cookie, csrf) = (form.cookie_value("rapporteur_csrf").unwrap(), form.hidden_csrf());
    let sent = send(
        &app,
        "POST",
        &format!("{CSP}/apply"),
        &[("rapporteur_csrf", cookie.as_str())],
        Some(&application_fields(&csrf, "EE")),
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let id = app.store.list_applications(&ApplicationFilter::default(), Paging::first(1)).await.unwrap().items[0].id;
    app.store.decide_application(&Actor::Cli, id, true).await.unwrap();

    let editor = &people["editor"];
    let review =
        send(&app, "GET", "/workspace/platform", &[("rapporteur_session", editor.session.as_str())], None).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    let page = review.body;
    let figure = page.split("id=\"platform-balance-map\"").nth(1).expect("a map").split("</figure>").next().unwrap();
    assert!(figure.contains(r#"role="img" aria-labelledby="platform-balance-map-title""#), "{figure}");
    assert!(figure.contains("Member organisations of the Platform per Member State of their legal seat"));
    let rows = map_rows(&page, "platform-balance-map");
    assert_eq!(rows.len(), 27, "every Member State, gaps too");
    assert!(rows.contains(&("Estonia".to_owned(), "1".to_owned())), "{rows:?}");
    assert_eq!(rows.iter().filter(|(_, n)| n == "None").count(), 26);
    assert_eq!(figure.matches("country-map__tile--medium").count(), 1, "one Member State with one member");
    assert_eq!(figure.matches("country-map__tile--light").count(), 26, "the gaps, apart from the countries outside");
    assert!(figure.contains("1 member") && figure.contains("No member"), "the legend says what a shade means");
}
