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
    /// The database URL or data directory cannot be used.
    #[error("cannot use the database: {0}")]
    Config(String),
    /// A stored value no longer parses: the database was changed behind the store's back.
    #[error("stored {kind} {key:?} is corrupt: field {field}: {reason}")]
    Corrupt { kind: &'static str, key: String, field: &'static str, reason: String },
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
