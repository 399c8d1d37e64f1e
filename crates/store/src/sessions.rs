//! Browser sessions.

use crate::accounts::{account, Account, ACCOUNT_COLUMNS_A};
use crate::credentials::{random_secret, secret_hash};
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sqlx::Row;

/// A new session: the secret goes in the cookie (the store keeps only its hash); the CSRF token goes in forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub secret: String,
    pub csrf_token: String,
}

/// A live session and its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: Account,
    pub csrf_token: String,
}

/// Browser sessions.
#[async_trait]
pub trait SessionRepository: Send + Sync + std::fmt::Debug {
    /// Starts a session for the account, lasting `ttl` from `now`.
    async fn create_session(
        &self,
        account_id: i64,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<NewSession, StoreError>;
    /// The live session with this secret whose account is enabled.
    async fn find_session(&self, secret: &str, now: DateTime<Utc>) -> Result<Option<Session>, StoreError>;
    /// Ends one session (sign-out).
    async fn delete_session(&self, secret: &str) -> Result<(), StoreError>;
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[async_trait]
impl SessionRepository for SqlStore {
    async fn create_session(
        &self,
        account_id: i64,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<NewSession, StoreError> {
        let session = NewSession { secret: random_secret(), csrf_token: random_secret() };
        let mut tx = self.begin_writing().await?;
        // Expired sessions are swept here rather than by a timer: sign-ins are rare and this keeps the table small.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(stamp(now)).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(secret_hash(&session.secret))
            .bind(account_id)
            .bind(session.csrf_token.as_str())
            .bind(stamp(now))
            .bind(stamp(now + ttl))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(session)
    }

    async fn find_session(&self, secret: &str, now: DateTime<Utc>) -> Result<Option<Session>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS_A}, s.csrf_token FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND a.disabled = 0"
        );
        let row = sqlx::query(&sql).bind(secret_hash(secret)).bind(stamp(now)).fetch_optional(&self.pool).await?;
        row.map(|row| Ok(Session { account: account(&row)?, csrf_token: row.try_get("csrf_token")? })).transpose()
    }

    async fn delete_session(&self, secret: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(secret_hash(secret)).execute(&self.pool).await?;
        Ok(())
    }
}
