//! For the tests of this crate and of crates built on it: a PostgreSQL database of their own, created on the
//! server `RAPPORTEUR_TEST_POSTGRES_URL` names and dropped at the end.

use crate::StoreError;
use sqlx::{Connection, Executor};

/// The variable naming the PostgreSQL server tests may create databases on
/// (`postgres://postgres@127.0.0.1:5432/postgres`).
pub const POSTGRES_URL_VARIABLE: &str = "RAPPORTEUR_TEST_POSTGRES_URL";

/// A database created for one test, on the server [`POSTGRES_URL_VARIABLE`] names.
#[derive(Debug)]
pub struct ThrowAwayDatabase {
    admin_url: String,
    name: String,
    /// Where the test's store connects.
    pub url: String,
}

impl ThrowAwayDatabase {
    /// A new, empty database; `None` (with the reason printed) when no server is named, unless `CI` is set:
    /// then the missing server fails the test, so that a run without PostgreSQL never passes as a whole.
    pub async fn create(purpose: &str) -> Option<ThrowAwayDatabase> {
        let admin_url = match std::env::var(POSTGRES_URL_VARIABLE) {
            Ok(url) if !url.is_empty() => url,
            _ if std::env::var_os("CI").is_some() => {
                panic!("CI is set but {POSTGRES_URL_VARIABLE} is not: {purpose} must run on PostgreSQL in CI")
            }
            _ => {
                eprintln!("skipping PostgreSQL for {purpose}: set {POSTGRES_URL_VARIABLE} to run it");
                return None;
            }
        };
        sqlx::any::install_default_drivers();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let name = format!("rapporteur_test_{}_{}", std::process::id(), nanos % 1_000_000_000_000);
        run(&admin_url, &format!("CREATE DATABASE {name}")).await.expect("create the test database");
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        Some(ThrowAwayDatabase { admin_url, name, url })
    }

    /// Drops the database, closing whatever is still connected (async drop does not exist: call it at the
    /// end of the test).
    pub async fn drop_database(&self) {
        run(&self.admin_url, &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
            .await
            .expect("drop the test database");
    }
}

async fn run(url: &str, sql: &str) -> Result<(), StoreError> {
    let mut admin = sqlx::AnyConnection::connect(url).await.map_err(StoreError::Database)?;
    admin.execute(sql).await.map_err(StoreError::Database)?;
    admin.close().await.map_err(StoreError::Database)
}
