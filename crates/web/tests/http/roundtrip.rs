//! A client that reads a resource with GET, changes one field and sends the same document back with PUT
//! succeeds, for every kind it can write; the fields the server sets are accepted when unchanged and refused
//! by name when changed.

use crate::editing::{call, tokens};
use crate::{TestApp, AFTER_ALL_DEADLINES};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// GETs `uri`, sets `field` to `value`, PUTs the document back; returns the answer.
async fn round_trip(app: &TestApp, token: &str, uri: &str, field: &str, value: Value) -> (StatusCode, Value) {
    let (status, mut document) = call(app, Method::GET, uri, Some(token), None).await;
    assert_eq!(status, StatusCode::OK, "GET {uri}: {document}");
    document[field] = value;
    call(app, Method::PUT, uri, Some(token), Some(&document)).await
}

fn refused_fields(body: &Value) -> Vec<&str> {
    body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect()
}

#[tokio::test]
async fn every_editable_kind_takes_back_what_it_gave() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    let (_, meeting) = call(
        &app,
        Method::PUT,
        "/api/v1/meetings/nrem-2018-06",
        Some(&editor),
        Some(&json!({ "slug": "nrem-2018-06", "title": "Meeting of the EU Network of NREMs", "date": "2018-06-13", "presidency": "BG" })),
    )
    .await;
    assert_eq!(meeting, Value::Null, "204, no body");
    for (uri, field, value) in [
        ("/api/v1/projects/anticorrp", "title", json!("Anticorruption Policies Revisited (edited)")),
        ("/api/v1/projects/glomig", "budget_eur", json!("260000.00")),
        ("/api/v1/calls/isf-police-2017-organised-crime-thb", "topic", json!("Trafficking in human beings")),
        ("/api/v1/calls/csp-2018-expression-of-interest", "errata", json!(["A second erratum."])),
        ("/api/v1/news/joint-statement-2018-signed", "title", json!("Ten EU agencies sign a Joint Statement")),
        ("/api/v1/instruments/directive-2011-36-eu", "summary", json!(["The Anti-trafficking Directive."])),
        ("/api/v1/member-states/DE", "nrem", json!("Bundeskriminalamt")),
        ("/api/v1/meetings/nrem-2018-06", "agenda", json!(["The Joint Statement."])),
    ] {
        let (status, answer) = round_trip(&app, &editor, uri, field, value.clone()).await;
        assert!(status.is_success(), "PUT {uri} with {field} changed: {status} {answer}");
        let (_, after) = call(&app, Method::GET, uri, Some(&editor), None).await;
        assert_eq!(after[field], value, "{uri}: {field} changed");
    }
}

#[tokio::test]
async fn fields_the_server_sets_are_refused_by_name_when_changed() {
    let app = TestApp::at(AFTER_ALL_DEADLINES).await;
    let all = tokens(&app).await;
    let editor = all.iter().find(|(n, _)| *n == "editor").unwrap().1.clone().unwrap();
    for (uri, field, value) in [
        ("/api/v1/projects/anticorrp", "programme", json!("ERC")),
        ("/api/v1/projects/anticorrp", "grant_number", json!(1)),
        ("/api/v1/projects/anticorrp", "budget_as_written", json!("a billion euro")),
        ("/api/v1/projects/anticorrp", "published", json!(false)),
        ("/api/v1/calls/isf-police-2017-organised-crime-thb", "status", json!("open")),
        ("/api/v1/calls/isf-police-2017-organised-crime-thb", "closes_at", json!("2030-01-01T00:00:00Z")),
        ("/api/v1/news/joint-statement-2018-signed", "published", json!(false)),
        ("/api/v1/member-states/DE", "eurostat_code", json!("XX")),
        ("/api/v1/member-states/DE", "projects", json!([])),
    ] {
        let before = crate::editing::audit_total(&app).await;
        let (status, answer) = round_trip(&app, &editor, uri, field, value).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri} {field}: {answer}");
        assert_eq!(refused_fields(&answer), [field], "{uri}: {answer}");
        assert_eq!(crate::editing::audit_total(&app).await, before, "{uri} {field}: nothing written");
    }
    // The project's as-written lead survives a change of its name; its programme follows its reference.
    let (_, mut anticorrp) = call(&app, Method::GET, "/api/v1/projects/anticorrp", Some(&editor), None).await;
    let written = anticorrp["coordinator"]["as_written"].clone();
    anticorrp["coordinator"]["name"] = json!("University of Gothenburg");
    anticorrp["reference"] = json!("ERC-2020-StG Grant #290529");
    for derived in ["programme", "call", "erc_grant", "grant_number"] {
        anticorrp[derived] = Value::Null;
    }
    let (status, updated) =
        call(&app, Method::PUT, "/api/v1/projects/anticorrp", Some(&editor), Some(&anticorrp)).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["coordinator"]["as_written"], written);
    assert_eq!((updated["programme"].as_str(), updated["erc_grant"].as_str()), (Some("ERC"), Some("StG")));
}
