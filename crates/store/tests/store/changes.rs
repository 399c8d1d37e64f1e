//! The change log: every write to the public content, from any connection, is read once by each reader,
//! in an order that never skips a change committed late.

use crate::{finish, postgres, sqlite_store};
use rapporteur_core::accounts::Email;
use rapporteur_core::editing::ContentKind;
use rapporteur_core::{Bundle, Slug};
use rapporteur_store::{
    synthetic_project, Actor, Change, ChangeBatch, ChangeCursor, ChangeLog, ContentEditing, ContentRepository,
    SqlStore, StoreLocation,
};
use sqlx::{Connection, Executor};

/// Whether `changes` name the item `kind` `key`.
fn names(changes: &[Change], kind: &str, key: &str) -> bool {
    changes.iter().any(|c| c.kind == kind && c.key == key)
}

/// Reads the log from `cursor` until a read finds something (or says there is too much). On PostgreSQL a
/// change is read once every transaction older than it has ended, whichever database of the server it
/// writes to, so another test's transaction may hold it back for a moment.
async fn next_batch(store: &SqlStore, cursor: ChangeCursor, limit: u32) -> ChangeBatch {
    for _ in 0..100 {
        let batch = store.changes_since(cursor, limit).await.unwrap();
        if !batch.complete || !batch.changes.is_empty() {
            return batch;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("nothing settled after {cursor:?}")
}

/// Reads the log from `cursor`, batch after batch, until every project in `keys` has been read: each write
/// is its own transaction, and on PostgreSQL a later one may settle a moment after an earlier one.
async fn read_until(store: &SqlStore, mut cursor: ChangeCursor, keys: &[&str]) -> (Vec<Change>, ChangeCursor) {
    let mut read = Vec::new();
    while !keys.iter().all(|key| names(&read, "project", key)) {
        let batch = next_batch(store, cursor, 100).await;
        assert!(batch.complete, "{batch:?}");
        read.extend(batch.changes);
        cursor = batch.next;
    }
    (read, cursor)
}

async fn story(store: &SqlStore) {
    let start = store.change_cursor().await.unwrap();
    store.seed_bundle(&Bundle::embedded().unwrap()).await.unwrap();
    let seeded = next_batch(store, start, 100_000).await;
    assert!(seeded.complete);
    assert!(names(&seeded.changes, "project", "anticorrp"));
    assert!(names(&seeded.changes, "instrument", "directive-2011-36-eu"));

    // Bulk loads, edits and publication each leave their items' traces; a reader reads each once.
    let cursor = seeded.next;
    store.insert_projects(&[synthetic_project(1), synthetic_project(2)]).await.unwrap();
    let editor = Actor::Account(Email::parse("editor@example.eu").unwrap());
    let slug = Slug::parse("glomig").unwrap();
    store.set_item_published(&editor, ContentKind::Project, &slug, false).await.unwrap();
    let (read, next) = read_until(store, cursor, &["synthetic-1", "synthetic-2", "glomig"]).await;
    for key in ["synthetic-1", "synthetic-2", "glomig"] {
        assert_eq!(read.iter().filter(|c| c.kind == "project" && c.key == key).count(), 1, "{key}: {read:?}");
    }
    let again = store.changes_since(next, 100).await.unwrap();
    assert!(again.complete && again.changes.is_empty(), "{again:?}");

    // More than a reader wants: it is told to reload everything, and where to go on from.
    store.insert_projects(&(3..=12).map(synthetic_project).collect::<Vec<_>>()).await.unwrap();
    let many = next_batch(store, again.next, 5).await;
    assert!(!many.complete && many.changes.is_empty());
    assert!(store.changes_since(many.next, 5).await.unwrap().changes.is_empty());
    assert_eq!(store.prune_changes().await.unwrap(), 0, "nothing is a day old");
}

#[tokio::test]
async fn sqlite_change_log() {
    let (_dir, store) = sqlite_store().await;
    story(&store).await;
}

#[tokio::test]
async fn postgres_change_log() {
    let Some(db) = postgres().await else { return };
    let store = SqlStore::open(&StoreLocation::Url(db.url.clone()), crate::clock()).await.expect("open PostgreSQL");
    story(&store).await;

    // A transaction that took its id first but commits last is not passed over.
    let cursor = store.change_cursor().await.unwrap();
    let mut slow = sqlx::AnyConnection::connect(&db.url).await.unwrap();
    slow.execute("BEGIN").await.unwrap();
    slow.execute("UPDATE news SET title = title || ' ' WHERE slug = (SELECT MIN(slug) FROM news)").await.unwrap();
    store.insert_projects(&[synthetic_project(100)]).await.unwrap();
    let early = store.changes_since(cursor, 100).await.unwrap();
    assert!(early.changes.is_empty(), "a later commit waits for the older transaction: {early:?}");
    assert!(names(&early.ahead, "project", "synthetic-100"), "but is there to apply ahead: {early:?}");
    slow.execute("COMMIT").await.unwrap();
    let late = next_batch(&store, early.next, 100).await;
    assert!(names(&late.changes, "project", "synthetic-100"), "{late:?}");
    assert!(late.changes.iter().any(|c| c.kind == "news"), "{late:?}");
    slow.close().await.unwrap();
    finish(db, store).await;
}
