//! What goes in is checked, and what comes out is escaped for where it goes: calendar files, download
//! names, addresses in paths; every list and text has a size, stated in the OpenAPI document.

use crate::{Req, Site, AFTER_ALL};
use axum::http::{Method, StatusCode};
use rapporteur_core::accounts::{Email, Password, Role};
use rapporteur_core::editing::ContentKind;
use rapporteur_core::Slug;
use rapporteur_store::{AccountRepository, Actor, ContentEditing, EditableItem};
use serde_json::json;

#[tokio::test]
async fn control_characters_are_refused_and_calendars_escape_what_they_must() {
    let site = Site::sqlite(AFTER_ALL).await;
    let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
    let slug = "amif-2018-support-to-victims";
    let mut call = site.send(Req::get(&format!("/api/v1/calls/{slug}")).by(&editor)).await.json();
    call["title"] = json!("Support to victims\r\nATTENDEE:mailto:everyone@evil.example");
    let refused = site.send(Req::json(Method::PUT, &format!("/api/v1/calls/{slug}"), &call).by(&editor)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["errors"][0]["field"], "title", "{}", refused.body);

    // A title stored before the rule (or by another program) still cannot add lines to the calendar file.
    let EditableItem::Call(mut stored) =
        site.store.find_item_for_editing(ContentKind::Call, &Slug::parse(slug).unwrap()).await.unwrap().unwrap()
    else {
        panic!("a call")
    };
    stored.title = "Support; to, victims\r\nATTENDEE:mailto:everyone@evil.example\rX-INJECTED:1".into();
    site.store.update_item(&Actor::Cli, &EditableItem::Call(stored)).await.unwrap();
    site.state.freshness.catch_up().await.unwrap();
    let ics = site.send(Req::get(&format!("/calls/{slug}/calendar.ics"))).await;
    assert_eq!(ics.status, StatusCode::OK);
    for line in ics.body.split("\r\n") {
        assert!(!line.contains('\r') && !line.contains('\n'), "a bare line break inside a line: {line:?}");
        assert!(!line.starts_with("ATTENDEE") && !line.starts_with("X-INJECTED"), "an injected property: {line:?}");
        assert!(line.len() <= 75 || line.starts_with(' '), "lines are folded at 75 octets: {line:?}");
    }
    assert!(ics.body.contains("Support\\; to\\, victims"), "TEXT escaped: {}", ics.body);
    site.finish().await;
}

pub fn multipart(name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "reliability-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn download_names_keep_their_letters_and_their_extension() {
    let site = Site::sqlite(AFTER_ALL).await;
    let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
    let meeting = json!({ "slug": "nrem-2027-h1", "title": "NREM meeting", "date": "2027-03-10", "presidency": "MT" });
    assert!(site
        .send(Req::json(Method::PUT, "/api/v1/meetings/nrem-2027-h1", &meeting).by(&editor))
        .await
        .status
        .is_success());
    let pdf = b"%PDF-1.4\n%reliability\n".to_vec();
    let long = format!("{}.pdf", "Protokoll der Sitzung ".repeat(10));
    for name in ["Protokoll München – Sitzung.pdf", long.as_str()] {
        let (content_type, body) = multipart(name, &pdf);
        let sent = site
            .send(
                Req::new(Method::POST, "/api/v1/meetings/nrem-2027-h1/documents").body(&content_type, body).by(&editor),
            )
            .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{name}: {}", sent.body);
    }
    let page = site.send(Req::get("/workspace/meetings/nrem-2027-h1").in_browser_of(&editor)).await;
    let links: Vec<String> = page
        .body
        .split("/workspace/meetings/nrem-2027-h1/documents/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    assert_eq!(links.len(), 2, "{}", page.body);
    let mut dispositions = Vec::new();
    for id in &links {
        let file = site
            .send(Req::get(&format!("/workspace/meetings/nrem-2027-h1/documents/{id}")).in_browser_of(&editor))
            .await;
        assert_eq!(file.status, StatusCode::OK);
        let disposition = file.headers["content-disposition"].to_str().expect("header text is ASCII").to_owned();
        dispositions.push(disposition);
    }
    let munich = dispositions.iter().find(|d| d.contains("M%C3%BCnchen")).expect("the name in UTF-8");
    assert!(munich.contains("filename*=UTF-8''Protokoll%20M%C3%BCnchen%20%E2%80%93%20Sitzung.pdf"), "{munich}");
    assert!(munich.contains("filename=\"Protokoll M"), "an ASCII fallback: {munich}");
    let long = dispositions.iter().find(|d| !d.contains("M%C3%BCnchen")).unwrap();
    assert!(
        long.ends_with(".pdf\"") || long.contains(".pdf;") || long.ends_with(".pdf"),
        "the extension is kept: {long}"
    );
    site.finish().await;
}

#[tokio::test]
async fn an_address_with_path_characters_is_still_one_path_segment() {
    let site = Site::sqlite(AFTER_ALL).await;
    let admin = site.account("admin@ec.europa.eu", Role::Admin).await;
    let odd = Email::parse("office/shelter?x#y@shelter.mt").expect("an address the platform accepts");
    site.store
        .create_account(&Actor::Cli, &odd, &Role::Editor, &Password::new("a long enough password".into()).unwrap())
        .await
        .unwrap();
    let page = site.send(Req::get("/workspace/accounts").in_browser_of(&admin)).await;
    let encoded = "office%2Fshelter%3Fx%23y%40shelter.mt";
    assert!(page.body.contains(&format!("/workspace/accounts/{encoded}/disable")), "{}", page.body);
    let disabled = site
        .send(
            Req::form(
                &format!("/workspace/accounts/{encoded}/disable"),
                &[("csrf", admin.csrf.as_str()), ("confirm", "yes")],
            )
            .in_browser_of(&admin),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER, "{}", disabled.body);
    assert!(site.store.find_account_by_email(&odd).await.unwrap().unwrap().disabled);
    let api = site.send(Req::new(Method::POST, &format!("/api/v1/accounts/{encoded}/enable")).by(&admin)).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    site.finish().await;
}

#[tokio::test]
async fn every_list_and_text_has_a_size_the_openapi_document_states() {
    let site = Site::sqlite(AFTER_ALL).await;
    let editor = site.account("editor@ec.europa.eu", Role::Editor).await;
    let mut project = site.send(Req::get("/api/v1/projects/anticorrp").by(&editor)).await.json();
    let original = project.clone();
    project["objectives"] = json!(vec!["An objective."; 501]);
    let refused = site.send(Req::json(Method::PUT, "/api/v1/projects/anticorrp", &project).by(&editor)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["errors"][0]["field"], "objectives", "{}", refused.body);
    let mut project = original.clone();
    project["objectives"] = json!(["x".repeat(20_001)]);
    let refused = site.send(Req::json(Method::PUT, "/api/v1/projects/anticorrp", &project).by(&editor)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["errors"][0]["field"], "objectives[0]", "{}", refused.body);
    let mut project = original.clone();
    project["objectives"] = json!(["An objective\twith a tab,\nand a second line."]);
    let kept = site.send(Req::json(Method::PUT, "/api/v1/projects/anticorrp", &project).by(&editor)).await;
    assert_eq!(kept.status, StatusCode::OK, "line breaks stay where a paragraph allows them: {}", kept.body);

    let openapi: serde_json::Value = serde_json::from_str(&rapporteur_web::openapi_json()).unwrap();
    let schema = &openapi["components"]["schemas"]["ProjectDocument"]["properties"];
    assert_eq!(schema["objectives"]["maxItems"], 500, "{}", schema["objectives"]);
    assert_eq!(schema["objectives"]["items"]["maxLength"], 20_000, "{}", schema["objectives"]);
    assert_eq!(schema["title"]["maxLength"], 500, "{}", schema["title"]);
    site.finish().await;
}
