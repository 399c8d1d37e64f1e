//! The estimation story: estimates kept whole with their input, settings and version, from a finished linkage
//! run of their own Member State and year or from an upload; published once each, a newer publication
//! superseding an older one that stays readable; every change audited and noted for the pages; nothing
//! changed or deleted afterwards.

use crate::{finish, postgres};
use chrono::{Duration, TimeZone, Utc};
use rapporteur_core::accounts::Email;
use rapporteur_core::calls::ManualClock;
use rapporteur_core::{Clock, MemberState, Paging};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, ChangeLog, EstimateId, EstimateSource, EstimationRepository,
    LinkageRepository, NewEstimate, RunId, SqlStore, StoreError, StoreLocation,
};
use std::sync::Arc;

const HISTORIES: &str = "bka,kok-ev,count\n1,0,40\n0,1,30\n1,1,10\n";

async fn story(store: &SqlStore, clock: &ManualClock) {
    let at = MemberState::parse("AT").unwrap();
    let rapporteur = Actor::Account(Email::parse("nrem@bmi.gv.at").unwrap());
    let start = store.change_cursor().await.unwrap();

    // A finished run of 2024, and one still queued.
    let run = store.create_linkage_run(&rapporteur, at, 2024, 0.75, "{}").await.unwrap();
    store.claim_linkage_run().await.unwrap().expect("the run");
    store.finish_linkage_run(run.id, "{}", HISTORIES, "[]").await.unwrap();
    let queued = store.create_linkage_run(&rapporteur, at, 2024, 0.8, "{}").await.unwrap();

    let settings = r#"{"method":{"name":"stepwise","threshold":0.02},"bootstrap":{"resamples":1000,"seed":7}}"#;
    let from_run = NewEstimate {
        member_state: at,
        year: 2024,
        input_csv: HISTORIES,
        source: EstimateSource::LinkageRun(run.id),
        input_name: "linkage-AT-2024-run-1-histories.csv",
        settings,
        software_version: "0.1.0",
        result: r#"{"estimate":{"total":95.5}}"#,
    };
    assert!(store.estimates(at, 2024).await.unwrap().is_empty());
    let first = store.save_estimate(&rapporteur, &from_run).await.unwrap();
    assert_eq!((first.member_state, first.year, first.source), (at, 2024, EstimateSource::LinkageRun(run.id)));
    assert_eq!((first.input_csv.as_str(), first.settings.as_str()), (HISTORIES, settings));
    assert_eq!((first.software_version.as_str(), first.created_by.as_str()), ("0.1.0", "nrem@bmi.gv.at"));
    assert_eq!((first.created_at, first.publication.clone()), (clock.now(), None));
    assert_eq!(store.estimate(first.id).await.unwrap().as_ref(), Some(&first));
    assert_eq!(store.estimate(EstimateId(first.id.0 + 100)).await.unwrap(), None);

    // A run must be a finished one of the same Member State and year; settings and results must be JSON.
    for (wrong, why) in [
        (NewEstimate { source: EstimateSource::LinkageRun(queued.id), ..from_run }, "queued"),
        (NewEstimate { year: 2023, ..from_run }, "of another year"),
        (NewEstimate { member_state: MemberState::parse("BE").unwrap(), ..from_run }, "of another Member State"),
        (NewEstimate { settings: "{", ..from_run }, "settings"),
        (NewEstimate { result: "", ..from_run }, "result"),
        (NewEstimate { input_csv: " \n", ..from_run }, "empty input"),
    ] {
        let e = store.save_estimate(&rapporteur, &wrong).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(_)), "{why}: {e:?}");
    }
    let missing = NewEstimate { source: EstimateSource::LinkageRun(RunId(999)), ..from_run };
    assert!(matches!(store.save_estimate(&rapporteur, &missing).await, Err(StoreError::NotFound { .. })));

    clock.advance(Duration::minutes(5));
    let uploaded = NewEstimate {
        source: EstimateSource::Upload,
        input_name: "histories.csv",
        result: r#"{"estimate":{"total":101.0}}"#,
        ..from_run
    };
    let second = store.save_estimate(&rapporteur, &uploaded).await.unwrap();
    assert_eq!((second.source, second.input_name.as_str()), (EstimateSource::Upload, "histories.csv"));
    let listed: Vec<EstimateId> = store.estimates(at, 2024).await.unwrap().iter().map(|e| e.id).collect();
    assert_eq!(listed, [second.id, first.id]);
    assert!(store.estimates(at, 2023).await.unwrap().is_empty());

    // Publishing: once each; the newer publication supersedes the older, which stays readable.
    assert!(store.published_estimates(at, None).await.unwrap().is_empty());
    clock.advance(Duration::minutes(5));
    let published = store.publish_estimate(&rapporteur, first.id).await.unwrap();
    let publication = published.publication.clone().expect("published");
    assert_eq!((publication.published_by.as_str(), publication.published_at), ("nrem@bmi.gv.at", clock.now()));
    assert!(!publication.superseded);
    assert!(matches!(store.publish_estimate(&rapporteur, first.id).await, Err(StoreError::AlreadyChanged { .. })));
    assert!(matches!(store.publish_estimate(&rapporteur, EstimateId(999)).await, Err(StoreError::NotFound { .. })));
    clock.advance(Duration::minutes(5));
    store.publish_estimate(&rapporteur, second.id).await.unwrap();
    let shown = store.published_estimates(at, None).await.unwrap();
    let states: Vec<(EstimateId, bool)> =
        shown.iter().map(|e| (e.id, e.publication.as_ref().unwrap().superseded)).collect();
    assert_eq!(states, [(second.id, false), (first.id, true)]);
    assert_eq!(store.published_estimates(at, Some(2024)).await.unwrap().len(), 2);
    assert!(store.published_estimates(at, Some(2023)).await.unwrap().is_empty());
    assert!(store.published_estimates(MemberState::parse("BE").unwrap(), None).await.unwrap().is_empty());
    assert!(store.estimate(first.id).await.unwrap().unwrap().publication.unwrap().superseded);

    // The pages hear of each publication.
    let batch = store.changes_since(start, 100).await.unwrap();
    let noted = batch.changes.iter().chain(&batch.ahead).filter(|c| c.kind == "estimate" && c.key == "AT").count();
    assert_eq!(noted, 2, "{batch:?}");

    // Audited: two estimates made, two published (the second naming the one it supersedes).
    let audit = store
        .list_audit(&AuditFilter { object_kind: Some("estimate".into()), ..Default::default() }, Paging::first(100))
        .await
        .unwrap();
    let mut actions: Vec<(String, String)> =
        audit.items.iter().map(|e| (e.action.clone(), e.object_key.clone())).collect();
    actions.sort_unstable();
    let (a, b) = (first.id.to_string(), second.id.to_string());
    assert_eq!(
        actions,
        [("create".into(), a.clone()), ("create".into(), b.clone()), ("publish".into(), a), ("publish".into(), b)]
    );
    let created = audit.items.iter().find(|e| e.action == "create" && e.object_key == first.id.to_string()).unwrap();
    assert_eq!(created.after.as_ref().unwrap()["settings"]["bootstrap"]["seed"], 7);
    assert_eq!(created.after.as_ref().unwrap()["input"]["linkage_run"], run.id.0);
    let superseding = audit.items.iter().find(|e| e.action == "publish" && e.object_key == second.id.to_string());
    assert_eq!(superseding.unwrap().after.as_ref().unwrap()["supersedes_estimate"], first.id.0);

    // Kept as they were made.
    for sql in [
        "UPDATE estimates SET result = '{}'",
        "DELETE FROM estimates",
        "UPDATE estimate_publications SET published_by = 'someone'",
        "DELETE FROM estimate_publications",
    ] {
        assert!(sqlx::query(sql).execute(store.pool()).await.is_err(), "{sql} must be refused");
    }
    assert_eq!(store.estimates(at, 2024).await.unwrap().len(), 2);
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()))
}

#[tokio::test]
async fn sqlite_estimation_story() {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::DataDir(dir.path().to_owned()), clock.clone()).await.unwrap();
    story(&store, &clock).await;
}

#[tokio::test]
async fn postgres_estimation_story() {
    let Some(db) = postgres().await else { return };
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), clock.clone()).await.expect("open PostgreSQL");
    story(&store, &clock).await;
    finish(db, store).await;
}
