//! The store's story: every repository method, on SQLite always and on PostgreSQL when one is given.
//!
//! PostgreSQL: set `RAPPORTEUR_TEST_POSTGRES_URL` to a server URL whose user may create databases
//! (`postgres://postgres@127.0.0.1:5432/postgres`). Each run creates its own database and drops it.
//! Under CI (`CI` set) a missing URL fails the run instead of skipping.

mod accounts;
mod changes;
mod content_editing;
mod editing;
mod estimation;
mod linkage;
mod platform;
mod statistics;
mod story;

use rapporteur_core::{Clock, SystemClock};
use rapporteur_store::{SqlStore, StoreLocation};
use std::sync::Arc;

/// The clock the stores of these stories record times with.
pub fn clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}
pub use rapporteur_store::testing::ThrowAwayDatabase;

/// A PostgreSQL database of the story's own, or `None` (skipped with a reason) without a server.
pub async fn postgres() -> Option<ThrowAwayDatabase> {
    ThrowAwayDatabase::create("the store story").await
}

/// Closes the story's store and drops its database.
pub async fn finish(db: ThrowAwayDatabase, store: SqlStore) {
    store.close().await;
    db.drop_database().await;
}

pub async fn sqlite_store() -> (tempfile::TempDir, SqlStore) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store =
        SqlStore::open(&StoreLocation::DataDir(dir.path().to_owned()), crate::clock()).await.expect("open SQLite");
    (dir, store)
}
