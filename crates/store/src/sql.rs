//! Connecting to SQLite or PostgreSQL, and migrating.

use crate::StoreError;
use chrono::{DateTime, SecondsFormat, Utc};
use rapporteur_core::Clock;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// How long a writer on SQLite waits for the write lock before giving up with "database is locked".
pub const BUSY_TIMEOUT_MS: u64 = 30_000;

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the store lives: a data directory (SQLite) or a PostgreSQL URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    DataDir(PathBuf),
    Url(String),
}

impl StoreLocation {
    /// The SQLite file inside a data directory.
    pub fn sqlite_file(dir: &Path) -> PathBuf {
        dir.join("rapporteur.sqlite3")
    }

    fn url(&self) -> Result<(Backend, String), StoreError> {
        match self {
            StoreLocation::DataDir(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Config(format!("cannot create the data directory {}: {e}", dir.display()))
                })?;
                let file = Self::sqlite_file(dir);
                Ok((Backend::Sqlite, format!("sqlite://{}?mode=rwc", file.display())))
            }
            StoreLocation::Url(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok((Backend::Postgres, url.clone()))
            }
            StoreLocation::Url(url) if url.starts_with("sqlite:") => Ok((Backend::Sqlite, url.clone())),
            StoreLocation::Url(_) => {
                Err(StoreError::Config("the database URL must start with postgres://, postgresql:// or sqlite:".into()))
            }
        }
    }

    /// The location for people and logs: never a password.
    pub fn redacted(&self) -> String {
        match self {
            StoreLocation::DataDir(dir) => format!("SQLite in {}", Self::sqlite_file(dir).display()),
            StoreLocation::Url(url) => redact_url(url),
        }
    }
}

fn redact_url(url: &str) -> String {
    // postgres://user:secret@host/db -> postgres://user:***@host/db
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The store: a pool on one backend, and the clock that dates its changes.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    backend: Backend,
    clock: Arc<dyn Clock>,
}

impl SqlStore {
    /// Opens the store (creating the SQLite file if needed). Does not migrate. Every time the store records
    /// (audit entries, sessions, applications) comes from `clock`.
    pub async fn connect(location: &StoreLocation, clock: Arc<dyn Clock>) -> Result<Self, StoreError> {
        install_default_drivers();
        let (backend, url) = location.url()?;
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10));
        let options = match backend {
            // WAL lets readers run beside one writer, also across processes sharing the file; the busy
            // timeout makes a second server wait for the lock instead of failing.
            Backend::Sqlite => options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(format!("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;").as_str())
                        .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options,
        };
        let pool = options.connect(&url).await?;
        Ok(SqlStore { pool, backend, clock })
    }

    /// Opens and migrates: what `serve` does at start.
    pub async fn open(location: &StoreLocation, clock: Arc<dyn Clock>) -> Result<Self, StoreError> {
        let store = Self::connect(location, clock).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// The time of a change, from the store's clock.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// [`Self::now`] as stored: RFC 3339, UTC, milliseconds.
    pub(crate) fn now_text(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// A transaction that will write. Every change goes through one, so that what it reads to decide is what
    /// it writes over:
    /// - on SQLite it takes the write lock at once (`BEGIN IMMEDIATE`). A transaction that read first and
    ///   wrote later would fail half-way with `SQLITE_BUSY` when another connection wrote meanwhile, which no
    ///   busy timeout covers; taking the lock first makes writers wait their turn instead (for up to
    ///   [`BUSY_TIMEOUT_MS`], beside readers, which WAL never blocks);
    /// - on PostgreSQL the rows a change decides on are read with [`Self::for_update`], and state changes
    ///   are conditional on the state they leave.
    pub(crate) async fn begin_writing(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Makes changes of one object (`kind`, `key`) run one after the other, so that none decides from a state
    /// another is replacing: on PostgreSQL a lock on the object's name, held until the transaction ends,
    /// whether or not the object's row exists yet (two first saves of a page wait for each other too); a
    /// change that comes second then reads what the first wrote. SQLite's writing transaction holds the whole
    /// database already.
    pub(crate) async fn lock_object(
        &self,
        conn: &mut sqlx::AnyConnection,
        kind: &str,
        key: &str,
    ) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            // Selected through a subquery: the lock function returns `void`, which the Any driver cannot read.
            sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l")
                .bind(format!("{kind}:{key}"))
                .fetch_one(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// The pool itself, for maintenance checks (integrity, backups) that are no repository concern.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // Two processes starting on one SQLite file may race to apply the same migration: the loser's
        // transaction fails and rolls back, and on a second look it finds the migration applied.
        let mut attempt = 0;
        loop {
            match migrator.run(&self.pool).await {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 5 => {
                    attempt += 1;
                    tracing::warn!(error = %e, attempt, "migration attempt failed; retrying");
                    tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("postgres://h/db"), "postgres://h/db");
    }
}
