//! The statistics story: drafts from the rapporteur and the sources, the workflow's steps, immutable
//! published versions read back as published on a date, and imports that are all there or not at all.

use crate::{finish, postgres};
use chrono::{TimeZone, Utc};
use rapporteur_core::accounts::Email;
use rapporteur_core::calls::ManualClock;
use rapporteur_core::{Clock, Paging};
use rapporteur_stats::disclosure::DisclosureRules;
use rapporteur_stats::workflow::{Action, SubmissionState};
use rapporteur_stats::{read_csv, Confidentiality, Dataflow, Geo, ReadOptions, Table, TableId, Value};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, DraftPart, PublishedQuery, SqlStore, StatisticsRepository, StoreError,
    StoreLocation,
};
use std::sync::Arc;

fn table(csv: &str) -> Table {
    let parsed = read_csv(csv.as_bytes(), &ReadOptions::default());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed.dataset.into_tables().next().expect("one table")
}

fn key() -> TableId {
    TableId { dataflow: Dataflow::Victims, geo: Geo::parse(b"AT").unwrap(), year: 2023 }
}

const BY_SEX: &str = "geo,year,sex,value\nAT,2023,F,3\nAT,2023,M,40\nAT,2023,UNK,2\nAT,2023,T,45\n";

async fn story(store: &SqlStore, clock: &ManualClock) {
    let rapporteur = Actor::Account(Email::parse("nrem@bmi.gv.at").unwrap());
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let police = Actor::Account(Email::parse("stats@polizei.gv.at").unwrap());
    let rules = DisclosureRules::default();
    assert!(store.find_submission(key()).await.unwrap().is_none());
    assert!(store.draft(key(), &DraftPart::Own).await.unwrap().is_empty());

    // A draft that does not add up cannot be submitted; the error says why.
    let wrong = table("geo,year,sex,value\nAT,2023,F,3\nAT,2023,M,40\nAT,2023,UNK,2\nAT,2023,T,46\n");
    let saved = store.save_drafts(&rapporteur, &DraftPart::Own, &[wrong], None).await.unwrap();
    assert_eq!((saved[0].submission.state, saved[0].observations), (SubmissionState::Draft, 4));
    match store.take_step(&rapporteur, key(), Action::Submit, "", &rules).await {
        Err(StoreError::Invalid(message)) => assert!(message.contains("does not add up"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(matches!(
        store.take_step(&rapporteur, key(), Action::Publish, "", &rules).await,
        Err(StoreError::AlreadyChanged { .. })
    ));

    // The police contribute their slice; the rapporteur combines it into the draft.
    let police_slice = table("geo,year,reg_org,value\nAT,2023,POL,30\n");
    store.save_drafts(&police, &DraftPart::Source("polizei".into()), &[police_slice], None).await.unwrap();
    assert_eq!(store.list_draft_sources(key()).await.unwrap(), vec![("polizei".to_owned(), 1)]);
    store.save_drafts(&rapporteur, &DraftPart::Own, &[table(BY_SEX)], None).await.unwrap();
    let combined = store.combine_sources(&rapporteur, key()).await.unwrap();
    assert_eq!(combined.observations, 5);
    assert_eq!(store.draft(key(), &DraftPart::Source("polizei".into())).await.unwrap().len(), 1);
    assert!(store.draft(key(), &DraftPart::Source("ngo".into())).await.unwrap().is_empty());

    // Submit, returned with a comment, submit again, validate, publish.
    store.take_step(&rapporteur, key(), Action::Submit, "", &rules).await.unwrap();
    let returned = store.take_step(&editor, key(), Action::Return, "Check the unknown sex.", &rules).await.unwrap();
    assert_eq!(returned.submission.state, SubmissionState::Draft);
    store.take_step(&rapporteur, key(), Action::Submit, "Checked.", &rules).await.unwrap();
    store.take_step(&editor, key(), Action::Validate, "", &rules).await.unwrap();
    let first = store.take_step(&rapporteur, key(), Action::Publish, "First edition.", &rules).await.unwrap();
    let v1 = first.publication.expect("a publication");
    assert_eq!((v1.version, v1.signed_off_by.as_str()), (1, "nrem@bmi.gv.at"));
    assert!(v1.suppressed >= 2, "F = 3 and UNK = 2 are below the threshold: {v1:?}");
    let v1_time = clock.now();

    let published = store.published(&PublishedQuery::default()).await.unwrap();
    let at = published.dataset.table(key()).expect("published");
    let female = at.iter().find(|(c, _)| c.describe(Dataflow::Victims).starts_with("sex=F,")).unwrap().1;
    // A suppressed value is not stored with the publication at all.
    assert_eq!((female.value, female.conf), (Value::NotAvailable, Confidentiality::Confidential));

    // A revision: a new version, the first still retrievable as published on its date.
    clock.advance(chrono::Duration::days(2));
    let revised = table("geo,year,sex,value\nAT,2023,F,13\nAT,2023,M,40\nAT,2023,UNK,12\nAT,2023,T,65\n");
    store.save_drafts(&rapporteur, &DraftPart::Own, &[revised], None).await.unwrap();
    for (who, action) in [(&rapporteur, Action::Submit), (&editor, Action::Validate), (&rapporteur, Action::Publish)] {
        store.take_step(who, key(), action, "Revised.", &rules).await.unwrap();
    }
    let latest = store.published(&PublishedQuery::default()).await.unwrap();
    let grand_total = |t: &Table| t.grand_total().map(|o| o.value);
    assert_eq!(grand_total(latest.dataset.table(key()).unwrap()), Some(Value::Count(65)));
    assert_eq!(latest.publications[0].version, 2);
    let then = store.published(&PublishedQuery { as_of: Some(v1_time), ..Default::default() }).await.unwrap();
    assert_eq!(grand_total(then.dataset.table(key()).unwrap()), Some(Value::Count(45)));
    let before_anything = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    assert!(store
        .published(&PublishedQuery { as_of: Some(before_anything), ..Default::default() })
        .await
        .unwrap()
        .dataset
        .is_empty());
    let versions: Vec<i64> = store.list_publications(key()).await.unwrap().iter().map(|p| p.version).collect();
    assert_eq!(versions, [2, 1]);

    let events = store.list_submission_events(key()).await.unwrap();
    let steps: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        steps,
        [
            "edit", "edit", "edit", "edit", "submit", "return", "submit", "validate", "publish", "edit", "submit",
            "validate", "publish"
        ]
    );
    assert_eq!(events[5].comment, "Check the unknown sex.");
    let listed = store.list_submissions(Some(Geo::parse(b"AT").unwrap()), Paging::first(10)).await.unwrap();
    assert_eq!((listed.total, listed.items[0].versions), (1, 2));
    assert_eq!(store.list_submissions(None, Paging::first(10)).await.unwrap().total, 1);
    let audit = store
        .list_audit(&AuditFilter { object_kind: Some("statistics".into()), ..Default::default() }, Paging::first(100))
        .await
        .unwrap();
    assert_eq!(audit.total, 13);

    // An import is whole or nothing: the second table cannot be published (empty), so the first is not saved.
    let mut other = table("geo,year,value\nBE,2023,120\n");
    other.synthetic = true;
    let empty = Table::new(TableId { year: 2022, ..other.id });
    let rules_for = |_: Dataflow| DisclosureRules::default();
    let failed =
        store.save_drafts(&Actor::Cli, &DraftPart::Own, &[other.clone(), empty], Some(("import", &rules_for))).await;
    assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
    assert!(store.find_submission(other.id).await.unwrap().is_none());
    let imported =
        store.save_drafts(&Actor::Cli, &DraftPart::Own, &[other.clone()], Some(("import", &rules_for))).await.unwrap();
    assert_eq!(imported[0].submission.state, SubmissionState::Published);
    assert!(imported[0].publication.as_ref().unwrap().synthetic);

    // Published versions and events cannot be changed behind the store's back.
    for sql in [
        "UPDATE stat_publications SET comment = 'x'",
        "DELETE FROM stat_published_observations",
        "UPDATE stat_published_observations SET value = 1",
        "DELETE FROM stat_events",
    ] {
        assert!(sqlx::query(sql).execute(store.pool()).await.is_err(), "{sql} must be refused");
    }
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()))
}

#[tokio::test]
async fn sqlite_statistics_story() {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::DataDir(dir.path().to_owned()), clock.clone()).await.unwrap();
    story(&store, &clock).await;
}

#[tokio::test]
async fn postgres_statistics_story() {
    let Some(db) = postgres().await else { return };
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), clock.clone()).await.expect("open PostgreSQL");
    story(&store, &clock).await;
    finish(db, store).await;
}
