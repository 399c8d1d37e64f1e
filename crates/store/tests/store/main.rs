//! The store's story: every repository method, on SQLite always and on PostgreSQL when one is given.
//!
//! PostgreSQL: set `RAPPORTEUR_TEST_POSTGRES_URL` to a server URL whose user may create databases
//! (`postgres://postgres@127.0.0.1:5432/postgres`). Each run creates its own database and drops it.
//! Under CI (`CI` set) a missing URL fails the run instead of skipping.

mod accounts;
mod changes;
mod content_editing;
mod editing;
mod platform;
mod story;

use rapporteur_core::{Clock, SystemClock};
use rapporteur_store::{SqlStore, StoreLocation};
use std::sync::Arc;

/// The clock the stores of these stories record times with.
pub fn clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}
use sqlx::{Connection, Executor};

/// A throw-away PostgreSQL database, dropped when the test ends.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    /// `None` (with a printed reason) when no server is configured and this is not CI.
    pub async fn create() -> Option<PgDatabase> {
        let admin_url = match std::env::var("RAPPORTEUR_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => url,
            _ if std::env::var_os("CI").is_some() => {
                panic!("CI is set but RAPPORTEUR_TEST_POSTGRES_URL is not: the PostgreSQL store tests must run in CI")
            }
            _ => {
                eprintln!("skipping the PostgreSQL story: set RAPPORTEUR_TEST_POSTGRES_URL to run it");
                return None;
            }
        };
        sqlx::any::install_default_drivers();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let name = format!("rapporteur_test_{}_{}", std::process::id(), nanos % 1_000_000_000);
        let mut admin = sqlx::AnyConnection::connect(&admin_url).await.expect("connect to the PostgreSQL server");
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create the test database");
        admin.close().await.ok();
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        Some(PgDatabase { admin_url, name, url })
    }

    /// Drops the database; call at the end of the test (async drop does not exist).
    pub async fn drop_database(self, store: SqlStore) {
        store.close().await;
        let mut admin = sqlx::AnyConnection::connect(&self.admin_url).await.expect("reconnect to the server");
        admin
            .execute(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name).as_str())
            .await
            .expect("drop the test database");
    }
}

pub async fn sqlite_store() -> (tempfile::TempDir, SqlStore) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store =
        SqlStore::open(&StoreLocation::DataDir(dir.path().to_owned()), crate::clock()).await.expect("open SQLite");
    (dir, store)
}
