//! What can go wrong in the store.

/// A store failure, named by what the caller can do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The object the caller named does not exist.
    #[error("{kind} {key:?} not found")]
    NotFound { kind: &'static str, key: String },
    /// Writing would break a uniqueness rule.
    #[error("{kind} {key:?} already exists")]
    Conflict { kind: &'static str, key: String },
    /// The object has left the state the change starts from (an application decided meanwhile): the change
    /// is refused, never applied twice.
    #[error("{kind} {key} is already {state}")]
    AlreadyChanged { kind: &'static str, key: String, state: String },
    /// The database URL or data directory cannot be used.
    #[error("cannot use the database: {0}")]
    Config(String),
    /// A stored value no longer parses: the database was changed behind the store's back.
    #[error("stored {kind} {key:?} is corrupt: field {field}: {reason}")]
    Corrupt { kind: &'static str, key: String, field: &'static str, reason: String },
    /// The database refused a value as data (PostgreSQL's class 22: a NUL character in text, a number out of
    /// range …): the input is at fault, not the server.
    #[error("the database refused a value: {0}")]
    Rejected(String),
    /// The change is refused because of what the object holds (figures that do not add up, nothing to
    /// publish): the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.code().is_some_and(|c| c.starts_with("22")) => {
                StoreError::Rejected(db.message().to_owned())
            }
            _ => StoreError::Database(e),
        }
    }
}
