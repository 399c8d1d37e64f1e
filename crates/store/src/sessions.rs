//! Browser sessions and the record of failed sign-ins used to throttle guessing.

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

/// Sessions and sign-in throttling.
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
    /// Ends every session of an account (sign-out everywhere); returns how many.
    async fn delete_sessions_of(&self, account_id: i64) -> Result<u64, StoreError>;
    /// Records a failed sign-in for the address typed and the client's network address.
    async fn record_sign_in_failure(&self, email: &str, address: &str, now: DateTime<Utc>) -> Result<(), StoreError>;
    /// Failures since `since`: (for this e-mail address, from this network address).
    async fn count_sign_in_failures(
        &self,
        email: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<(u64, u64), StoreError>;
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
        let mut tx = self.pool.begin().await?;
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

    async fn delete_sessions_of(&self, account_id: i64) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    async fn record_sign_in_failure(&self, email: &str, address: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
            .bind(stamp(now - Duration::days(1)))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sign_in_failures (email, address, at) VALUES ($1, $2, $3)")
            .bind(email.trim().to_lowercase())
            .bind(address)
            .bind(stamp(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn count_sign_in_failures(
        &self,
        email: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<(u64, u64), StoreError> {
        let by_email: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE email = $1 AND at >= $2")
            .bind(email.trim().to_lowercase())
            .bind(stamp(since))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let by_address: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE address = $1 AND at >= $2")
            .bind(address)
            .bind(stamp(since))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((by_email as u64, by_address as u64))
    }
}
