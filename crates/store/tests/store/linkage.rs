//! The linkage story: uploads of linkage keys stored in chunks and read back byte for byte, replaced whole or
//! not at all, and runs queued, claimed by one process, finished, failed and recovered after a stop.

use crate::{finish, postgres};
use chrono::{TimeZone, Utc};
use rapporteur_core::accounts::Email;
use rapporteur_core::calls::ManualClock;
use rapporteur_core::{Clock, MemberState, Paging, Slug};
use rapporteur_store::{
    AccountRepository, Actor, AuditFilter, Backend, LinkageRepository, NewUpload, RunId, RunStatus, SqlStore,
    StoreError, StoreLocation, UploadId,
};
use sqlx::Executor;
use std::sync::Arc;

/// `n` keys of `bytes` bytes, different in every chunk (xorshift), so that chunks out of order would show.
fn keys(n: usize, bytes: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n * bytes)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

async fn chunks_of(store: &SqlStore, id: UploadId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM linkage_key_chunks WHERE upload_id = $1")
        .bind(id.0)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Makes the database refuse the fifth chunk of any upload: a save fails after its first statement of chunks.
async fn break_fifth_chunk(store: &SqlStore, broken: bool) {
    let statements: &[&str] = match (store.backend(), broken) {
        (Backend::Sqlite, true) => &["CREATE TRIGGER test_broken_disk BEFORE INSERT ON linkage_key_chunks \
             WHEN NEW.chunk = 4 BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"],
        (Backend::Sqlite, false) => &["DROP TRIGGER test_broken_disk"],
        (Backend::Postgres, true) => &[
            "CREATE FUNCTION test_broken_disk() RETURNS trigger AS $$ BEGIN IF NEW.chunk = 4 THEN \
             RAISE EXCEPTION 'the disk is full'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER test_broken_disk BEFORE INSERT ON linkage_key_chunks FOR EACH ROW \
             EXECUTE FUNCTION test_broken_disk()",
        ],
        (Backend::Postgres, false) => {
            &["DROP TRIGGER test_broken_disk ON linkage_key_chunks", "DROP FUNCTION test_broken_disk()"]
        }
    };
    for sql in statements {
        store.pool().execute(*sql).await.unwrap();
    }
}

async fn story(store: &SqlStore, clock: &ManualClock) {
    let at = MemberState::parse("AT").unwrap();
    let police = Actor::Account(Email::parse("linkage@polizei.gv.at").unwrap());
    let ngo = Actor::Account(Email::parse("data@lefoe.at").unwrap());
    let rapporteur = Actor::Account(Email::parse("nrem@bmi.gv.at").unwrap());
    let polizei = Slug::parse("polizei").unwrap();
    let lefoe = Slug::parse("lefoe").unwrap();
    assert!(store.linkage_uploads(at, 2024).await.unwrap().is_empty());
    assert!(store.linkage_upload_keys(UploadId(1)).await.unwrap().is_none());

    // 20,000 keys of 1,024 bits: three chunks, read back byte for byte.
    let first_keys = keys(20_000, 128, 1);
    let fingerprint = "AB".repeat(32);
    let attributes = r#"{"sex":{"values":["F","M"],"codes":[0,1]}}"#;
    let upload = NewUpload {
        member_state: at,
        year: 2024,
        organisation: &polizei,
        file_name: "polizei-2024.json",
        schema_fingerprint: Some(&fingerprint),
        key_bits: 1024,
        record_count: 20_000,
        attributes,
        keys: &first_keys,
    };
    let first = store.save_linkage_upload(&police, &upload).await.unwrap();
    assert_eq!((first.record_count, first.key_bits, first.key_bytes()), (20_000, 1024, 128));
    assert_eq!(first.schema_fingerprint.as_deref(), Some("ab".repeat(32).as_str()));
    assert_eq!((first.uploaded_by.as_str(), first.uploaded_at), ("linkage@polizei.gv.at", clock.now()));
    assert_eq!(chunks_of(store, first.id).await, 3);
    let (summary, read) = store.linkage_upload_keys(first.id).await.unwrap().expect("the upload");
    assert_eq!(summary, first);
    assert!(read == first_keys, "the keys come back as they went in ({} bytes read)", read.len());
    assert_eq!(store.linkage_upload_attributes(first.id).await.unwrap().as_deref(), Some(attributes));

    // Keys whose bits do not fill their last byte, from a file without a fingerprint; another year.
    let ngo_keys = keys(10, 125, 2);
    let bare = NewUpload {
        organisation: &lefoe,
        file_name: "clkhash.json",
        schema_fingerprint: None,
        key_bits: 1000,
        record_count: 10,
        attributes: "{}",
        keys: &ngo_keys,
        ..upload
    };
    let from_ngo = store.save_linkage_upload(&ngo, &bare).await.unwrap();
    assert_eq!((from_ngo.schema_fingerprint, chunks_of(store, from_ngo.id).await), (None, 1));
    assert_eq!(store.linkage_upload_keys(from_ngo.id).await.unwrap().unwrap().1, ngo_keys);
    let older_keys = keys(5, 128, 3);
    let older = NewUpload { year: 2023, record_count: 5, keys: &older_keys, ..upload };
    store.save_linkage_upload(&police, &older).await.unwrap();
    let listed: Vec<String> =
        store.linkage_uploads(at, 2024).await.unwrap().iter().map(|u| u.organisation.to_string()).collect();
    assert_eq!(listed, ["lefoe", "polizei"]);
    let years: Vec<u16> = store.linkage_uploads_of(at, &polizei).await.unwrap().iter().map(|u| u.year).collect();
    assert_eq!(years, [2024, 2023]);
    assert!(store.linkage_uploads(MemberState::parse("BE").unwrap(), 2024).await.unwrap().is_empty());

    // Refused before anything is written: keys that do not match their count, attributes that are not JSON.
    for wrong in [
        NewUpload { record_count: 19_999, ..upload },
        NewUpload { attributes: "{", ..upload },
        NewUpload { schema_fingerprint: Some("sha256"), ..upload },
    ] {
        let refused = store.save_linkage_upload(&police, &wrong).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    }

    // Saving again replaces the upload: a new id, the old keys gone.
    clock.advance(chrono::Duration::hours(1));
    let second_keys = keys(40_000, 128, 4);
    let replacement =
        NewUpload { record_count: 40_000, file_name: "polizei-2024-v2.json", keys: &second_keys, ..upload };
    let second = store.save_linkage_upload(&police, &replacement).await.unwrap();
    assert_ne!(second.id, first.id);
    assert!(store.linkage_upload_keys(first.id).await.unwrap().is_none());
    assert_eq!((chunks_of(store, first.id).await, chunks_of(store, second.id).await), (0, 5));
    assert!(store.linkage_upload_keys(second.id).await.unwrap().unwrap().1 == second_keys);
    assert_eq!(store.linkage_uploads(at, 2024).await.unwrap().len(), 2);

    // A replacement that fails midway (the fifth chunk refused, after four were written) leaves the
    // previous upload as it was.
    break_fifth_chunk(store, true).await;
    let third_keys = keys(40_000, 128, 5);
    let failing = NewUpload { file_name: "polizei-2024-v3.json", keys: &third_keys, ..replacement };
    let failed = store.save_linkage_upload(&police, &failing).await;
    assert!(failed.as_ref().is_err_and(|e| e.to_string().contains("the disk is full")), "{failed:?}");
    break_fifth_chunk(store, false).await;
    let (kept, kept_keys) = store.linkage_upload_keys(second.id).await.unwrap().expect("the previous upload");
    assert_eq!(kept, second);
    assert!(kept_keys == second_keys);
    let uploads_2024 = store.linkage_uploads(at, 2024).await.unwrap();
    assert_eq!(uploads_2024.iter().map(|u| u.id).collect::<Vec<_>>(), [from_ngo.id, second.id]);
    let chunks: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM linkage_key_chunks").fetch_one(store.pool()).await.unwrap();
    assert_eq!(chunks, 5 + 1 + 1, "no chunk of the failed save is left");

    // Deleting.
    assert!(store.delete_linkage_upload(&ngo, from_ngo.id).await.unwrap());
    assert!(!store.delete_linkage_upload(&ngo, from_ngo.id).await.unwrap());
    assert_eq!(chunks_of(store, from_ngo.id).await, 0);
    assert_eq!(store.linkage_uploads(at, 2024).await.unwrap(), std::slice::from_ref(&second));

    // Runs: queued, claimed oldest first by one process only, progressing, done.
    let refused = store.create_linkage_run(&rapporteur, at, 2024, 1.5, "{}").await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    let refused = store.create_linkage_run(&rapporteur, at, 2024, 0.8, "blocking").await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    let settings = r#"{"blocking":"year_of_birth"}"#;
    let run1 = store.create_linkage_run(&rapporteur, at, 2024, 0.8, settings).await.unwrap();
    assert_eq!(
        (run1.status, run1.attempts, run1.threshold, run1.settings.as_str()),
        (RunStatus::Queued, 0, 0.8, settings)
    );
    assert_eq!((run1.requested_by.as_str(), run1.started_at), ("nrem@bmi.gv.at", None));
    clock.advance(chrono::Duration::minutes(1));
    let run2 = store.create_linkage_run(&rapporteur, at, 2024, 0.85, "{}").await.unwrap();
    let claimed = store.claim_linkage_run().await.unwrap().expect("a queued run");
    assert_eq!((claimed.id, claimed.status, claimed.attempts), (run1.id, RunStatus::Running, 1));
    assert_eq!(claimed.started_at, Some(clock.now()));
    // Two processes asking at once for the one run left: one gets it.
    let (a, b) = tokio::join!(store.claim_linkage_run(), store.claim_linkage_run());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.iter().chain(b.iter()).map(|r| r.id).collect::<Vec<_>>(), [run2.id]);
    assert!(store.claim_linkage_run().await.unwrap().is_none());

    store.update_linkage_progress(run1.id, "comparing", 1_000, 40_000).await.unwrap();
    let progressing = store.linkage_run(run1.id).await.unwrap().unwrap();
    assert_eq!((progressing.phase.as_str(), progressing.done, progressing.total), ("comparing", 1_000, 40_000));
    let uploads_json = format!("[{}]", second.id);
    let done = store
        .finish_linkage_run(run1.id, r#"{"clusters":12}"#, "police,ngo,count\n1,0,7\n", &uploads_json)
        .await
        .unwrap();
    assert_eq!((done.status, done.result.as_deref()), (RunStatus::Done, Some(r#"{"clusters":12}"#)));
    assert_eq!(done.histories.as_deref(), Some("police,ngo,count\n1,0,7\n"));
    assert_eq!((done.upload_ids.as_deref(), done.finished_at), (Some(uploads_json.as_str()), Some(clock.now())));
    // A finished run takes no more progress; the worker is told so.
    assert!(matches!(
        store.update_linkage_progress(run1.id, "late", 1, 1).await,
        Err(StoreError::AlreadyChanged { .. })
    ));
    assert!(matches!(store.finish_linkage_run(run1.id, "{}", "", "[]").await, Err(StoreError::AlreadyChanged { .. })));
    assert!(matches!(store.update_linkage_progress(RunId(9_999), "x", 0, 0).await, Err(StoreError::NotFound { .. })));

    let failed = store.fail_linkage_run(run2.id, "the uploads have different schemas").await.unwrap();
    assert_eq!(
        (failed.status, failed.error.as_deref()),
        (RunStatus::Failed, Some("the uploads have different schemas"))
    );
    assert!(matches!(store.fail_linkage_run(run2.id, "again").await, Err(StoreError::AlreadyChanged { .. })));

    // A server stops during run 3, three times; during run 4 once. At start the server queues run 4 again and
    // gives run 3 up.
    let run3 = store.create_linkage_run(&rapporteur, at, 2024, 0.8, "{}").await.unwrap();
    for _ in 0..2 {
        assert_eq!(store.claim_linkage_run().await.unwrap().unwrap().id, run3.id);
        assert_eq!(store.recover_linkage_runs(3).await.unwrap(), (1, 0));
        assert_eq!(store.linkage_run(run3.id).await.unwrap().unwrap().status, RunStatus::Queued);
    }
    assert_eq!(store.claim_linkage_run().await.unwrap().unwrap().attempts, 3);
    let run4 = store.create_linkage_run(&rapporteur, at, 2024, 0.8, "{}").await.unwrap();
    assert_eq!(store.claim_linkage_run().await.unwrap().unwrap().id, run4.id);
    store.update_linkage_progress(run4.id, "blocking", 5, 10).await.unwrap();
    assert_eq!(store.recover_linkage_runs(3).await.unwrap(), (1, 1));
    let given_up = store.linkage_run(run3.id).await.unwrap().unwrap();
    assert_eq!(given_up.status, RunStatus::Failed);
    assert_eq!(
        given_up.error.as_deref(),
        Some("the server stopped during this run 3 times; start it again when the cause is fixed")
    );
    let requeued = store.linkage_run(run4.id).await.unwrap().unwrap();
    assert_eq!((requeued.status, requeued.attempts, requeued.done), (RunStatus::Queued, 1, 0));
    assert_eq!(store.recover_linkage_runs(3).await.unwrap(), (0, 0));
    // A queued run can be given up too (cancelled).
    assert_eq!(store.fail_linkage_run(run4.id, "cancelled").await.unwrap().status, RunStatus::Failed);
    let runs: Vec<RunId> = store.linkage_runs(at, 2024).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(runs, [run4.id, run3.id, run2.id, run1.id]);
    assert!(store.linkage_runs(at, 2023).await.unwrap().is_empty());

    // The audit log has every change of uploads with its counts, never a key, and every run asked for.
    let audit = |kind: &str| AuditFilter { object_kind: Some(kind.into()), ..Default::default() };
    let uploads = store.list_audit(&audit("linkage_upload"), Paging::first(100)).await.unwrap();
    let mut actions: Vec<(&str, &str)> =
        uploads.items.iter().map(|e| (e.action.as_str(), e.object_key.as_str())).collect();
    actions.sort_unstable();
    assert_eq!(
        actions,
        [
            ("delete", "AT/2024/lefoe"),
            ("replace", "AT/2024/polizei"),
            ("upload", "AT/2023/polizei"),
            ("upload", "AT/2024/lefoe"),
            ("upload", "AT/2024/polizei"),
        ]
    );
    let replaced = uploads.items.iter().find(|e| e.action == "replace").unwrap();
    assert_eq!(replaced.before.as_ref().unwrap()["record_count"], 20_000);
    assert_eq!(replaced.after.as_ref().unwrap()["record_count"], 40_000);
    assert_eq!(replaced.after.as_ref().unwrap()["chunks"], 5);
    assert!(uploads.items.iter().all(|e| e.after.as_ref().is_none_or(|a| a.get("keys").is_none())));
    assert_eq!(store.list_audit(&audit("linkage_run"), Paging::first(100)).await.unwrap().total, 4);

    // Uploads are replaced or deleted, never rewritten in place.
    for sql in ["UPDATE linkage_uploads SET file_name = 'x'", "UPDATE linkage_key_chunks SET chunk = chunk + 100"] {
        assert!(sqlx::query(sql).execute(store.pool()).await.is_err(), "{sql} must be refused");
    }
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()))
}

#[tokio::test]
async fn sqlite_linkage_story() {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::DataDir(dir.path().to_owned()), clock.clone()).await.unwrap();
    story(&store, &clock).await;
}

#[tokio::test]
async fn postgres_linkage_story() {
    let Some(db) = postgres().await else { return };
    let clock = clock();
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), clock.clone()).await.expect("open PostgreSQL");
    story(&store, &clock).await;
    finish(db, store).await;
}
