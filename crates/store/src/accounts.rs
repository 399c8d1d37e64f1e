//! Accounts, API tokens and the audit log. Every change writes its audit entry in its own transaction.

use crate::credentials::{dummy_hash, hash_password, new_token, secret_hash, verify_password};
use crate::queries::Page;
use crate::rows::RowReader;
use crate::{SqlStore, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use rapporteur_core::accounts::{Email, Password, Role, RoleName, ScopeFields};
use rapporteur_core::{MemberState, Paging, Slug};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// An account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: Email,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
}

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The `rapporteur` command on the server's machine.
    Cli,
    /// A signed-in account or API token.
    Account(Email),
    /// Someone of the public using a public form, named by the address they gave.
    Public(String),
}

impl Actor {
    pub(crate) fn as_text(&self) -> String {
        match self {
            Actor::Cli => "cli".to_owned(),
            Actor::Account(email) => email.to_string(),
            Actor::Public(who) => format!("public:{who}"),
        }
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_key: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Which audit entries to list; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub object_kind: Option<String>,
    pub object_key: Option<String>,
    /// Inclusive bounds, `YYYY-MM-DD`.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// Accounts and the audit log.
#[async_trait]
pub trait AccountRepository: Send + Sync + std::fmt::Debug {
    async fn count_accounts(&self) -> Result<u64, StoreError>;
    /// Creates an account; `Conflict` when the address has one.
    async fn create_account(
        &self,
        actor: &Actor,
        email: &Email,
        role: &Role,
        password: &Password,
    ) -> Result<Account, StoreError>;
    /// A page of the accounts, by address.
    async fn list_accounts(&self, paging: Paging) -> Result<Page<Account>, StoreError>;
    async fn find_account_by_email(&self, email: &Email) -> Result<Option<Account>, StoreError>;
    /// Disables or re-enables an account; disabling ends its access (sessions and tokens).
    async fn set_account_disabled(&self, actor: &Actor, email: &Email, disabled: bool) -> Result<Account, StoreError>;
    /// Sets a new password (an admin's reset) and ends the account's access (sessions and tokens): whoever
    /// held the old password, or a session or token made with it, is out.
    async fn set_password(&self, actor: &Actor, email: &Email, password: &Password) -> Result<(), StoreError>;
    /// Ends every session and revokes every token of the account ("sign out everywhere"); returns how many
    /// of each.
    async fn end_access(&self, actor: &Actor, email: &Email) -> Result<(u64, u64), StoreError>;
    /// The enabled account with this address and password, if any (constant work whether or not it exists).
    async fn check_password(&self, email: &Email, password: &str) -> Result<Option<Account>, StoreError>;
    /// Issues a new API token for the account; the token is returned once and stored hashed.
    async fn create_api_token(&self, actor: &Actor, email: &Email) -> Result<String, StoreError>;
    /// Revokes all of an account's tokens; returns how many.
    async fn revoke_api_tokens(&self, actor: &Actor, email: &Email) -> Result<u64, StoreError>;
    /// The enabled account a live token belongs to.
    async fn account_for_token(&self, token: &str) -> Result<Option<Account>, StoreError>;
    /// Audit entries, newest first.
    async fn list_audit(&self, filter: &AuditFilter, paging: Paging) -> Result<Page<AuditEntry>, StoreError>;
}

fn account_json(a: &Account) -> serde_json::Value {
    let scope = a.role.scope();
    serde_json::json!({
        "email": a.email.as_str(),
        "role": a.role.name().code(),
        "member_state": scope.member_state.map(|m| m.iso()),
        "organisation": scope.organisation.map(|s| s.to_string()),
        "agency": scope.agency.map(|s| s.to_string()),
        "disabled": a.disabled,
    })
}

/// Appends to the audit log on the change's own connection (so inside its transaction).
#[expect(clippy::too_many_arguments, reason = "one parameter per column of the entry")]
pub(crate) async fn audit(
    conn: &mut AnyConnection,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    object_kind: &str,
    object_key: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, object_kind, object_key, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(at.to_rfc3339_opts(SecondsFormat::Millis, true))
    .bind(actor.as_text())
    .bind(action)
    .bind(object_kind)
    .bind(object_key)
    .bind(before.map(|v| v.to_string()))
    .bind(after.map(|v| v.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An account from a row holding `ACCOUNT_COLUMNS`.
pub(crate) fn account(row: &AnyRow) -> Result<Account, StoreError> {
    let r = RowReader::new(row, "account");
    let email = r.text("email")?;
    let corrupt = |field: &'static str, reason: String| StoreError::Corrupt {
        kind: "account",
        key: email.clone(),
        field,
        reason,
    };
    let role_name = r.text("role")?;
    let name = RoleName::parse(&role_name).ok_or_else(|| corrupt("role", role_name.clone()))?;
    let member_state = r
        .opt_text("member_state")?
        .map(|m| MemberState::parse(&m).map_err(|e| corrupt("member_state", e.to_string())))
        .transpose()?;
    let slug = |field: &'static str, v: Option<String>| {
        v.map(|s| Slug::parse(&s).map_err(|e| corrupt(field, e.to_string()))).transpose()
    };
    let scope = ScopeFields {
        member_state,
        organisation: slug("organisation", r.opt_text("organisation")?)?,
        agency: slug("agency", r.opt_text("agency")?)?,
    };
    Ok(Account {
        id: r.int("id")?,
        email: Email::parse(&email).map_err(|e| corrupt("email", e.to_string()))?,
        role: Role::new(name, scope).map_err(|e| corrupt("role", e.to_string()))?,
        disabled: r.int("disabled")? != 0,
        created_at: r.text("created_at")?,
    })
}

const ACCOUNT_COLUMNS: &str = "id, email, role, member_state, organisation, agency, disabled, created_at";
/// The same columns of `accounts a`, in joins.
pub(crate) const ACCOUNT_COLUMNS_A: &str =
    "a.id, a.email, a.role, a.member_state, a.organisation, a.agency, a.disabled, a.created_at";

async fn find_on(conn: &mut AnyConnection, email: &Email) -> Result<Option<Account>, StoreError> {
    sqlx::query(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1"))
        .bind(email.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(account)
        .transpose()
}

async fn require_on(conn: &mut AnyConnection, email: &Email) -> Result<Account, StoreError> {
    find_on(conn, email).await?.ok_or_else(|| StoreError::NotFound { kind: "account", key: email.to_string() })
}

/// Ends an account's sessions and revokes its tokens, in the caller's transaction: the one way access ends
/// (password reset, disabling, signing out everywhere), so that none of them leaves a way in behind.
/// Returns how many sessions and tokens.
async fn end_access_on(conn: &mut AnyConnection, account_id: i64, now: &str) -> Result<(u64, u64), StoreError> {
    let sessions =
        sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(account_id).execute(&mut *conn).await?;
    let tokens = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok((sessions.rows_affected(), tokens.rows_affected()))
}

#[async_trait]
impl AccountRepository for SqlStore {
    async fn count_accounts(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM accounts").fetch_one(&self.pool).await?.try_get("n")?;
        Ok(n as u64)
    }

    async fn create_account(
        &self,
        actor: &Actor,
        email: &Email,
        role: &Role,
        password: &Password,
    ) -> Result<Account, StoreError> {
        // Hash before taking a connection: argon2 is deliberately slow.
        let hash = hash_password(password);
        let scope = role.scope();
        let mut tx = self.begin_writing().await?;
        sqlx::query(
            "INSERT INTO accounts (email, password_hash, role, member_state, organisation, agency, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
        )
        .bind(email.as_str())
        .bind(hash)
        .bind(role.name().code())
        .bind(scope.member_state.map(|m| m.iso().to_owned()))
        .bind(scope.organisation.map(|s| s.to_string()))
        .bind(scope.agency.map(|s| s.to_string()))
        .bind(self.now_text())
        .execute(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict { kind: "account", key: email.to_string() },
            _ => e.into(),
        })?;
        let created = require_on(&mut tx, email).await?;
        audit(&mut tx, self.now(), actor, "create", "account", email.as_str(), None, Some(account_json(&created)))
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn list_accounts(&self, paging: Paging) -> Result<Page<Account>, StoreError> {
        let total = self.count_accounts().await?;
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY email LIMIT {} OFFSET {}",
            paging.per_page(),
            paging.offset()
        );
        let items = sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(account).collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }

    async fn find_account_by_email(&self, email: &Email) -> Result<Option<Account>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        find_on(&mut conn, email).await
    }

    async fn set_account_disabled(&self, actor: &Actor, email: &Email, disabled: bool) -> Result<Account, StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "account", email.as_str()).await?;
        let before = require_on(&mut tx, email).await?;
        sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            end_access_on(&mut tx, before.id, &self.now_text()).await?;
        }
        let after = require_on(&mut tx, email).await?;
        let action = if disabled { "disable" } else { "enable" };
        audit(
            &mut tx,
            self.now(),
            actor,
            action,
            "account",
            email.as_str(),
            Some(account_json(&before)),
            Some(account_json(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_password(&self, actor: &Actor, email: &Email, password: &Password) -> Result<(), StoreError> {
        let hash = hash_password(password);
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "account", email.as_str()).await?;
        let target = require_on(&mut tx, email).await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(target.id)
            .execute(&mut *tx)
            .await?;
        let (sessions, tokens) = end_access_on(&mut tx, target.id, &self.now_text()).await?;
        // The log records that the password changed, never the password or its hash.
        let ended = serde_json::json!({ "sessions_ended": sessions, "tokens_revoked": tokens });
        audit(&mut tx, self.now(), actor, "reset_password", "account", email.as_str(), None, Some(ended)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn end_access(&self, actor: &Actor, email: &Email) -> Result<(u64, u64), StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "account", email.as_str()).await?;
        let target = require_on(&mut tx, email).await?;
        let (sessions, tokens) = end_access_on(&mut tx, target.id, &self.now_text()).await?;
        let ended = serde_json::json!({ "sessions_ended": sessions, "tokens_revoked": tokens });
        audit(&mut tx, self.now(), actor, "end_access", "account", email.as_str(), None, Some(ended)).await?;
        tx.commit().await?;
        Ok((sessions, tokens))
    }

    async fn check_password(&self, email: &Email, password: &str) -> Result<Option<Account>, StoreError> {
        let row = sqlx::query(&format!("SELECT {ACCOUNT_COLUMNS}, password_hash FROM accounts WHERE email = $1"))
            .bind(email.as_str())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            verify_password(dummy_hash(), password);
            return Ok(None);
        };
        let hash: String = row.try_get("password_hash")?;
        let found = account(&row)?;
        Ok((verify_password(&hash, password) && !found.disabled).then_some(found))
    }

    async fn create_api_token(&self, actor: &Actor, email: &Email) -> Result<String, StoreError> {
        let token = new_token();
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "account", email.as_str()).await?;
        let owner = require_on(&mut tx, email).await?;
        if owner.disabled {
            return Err(StoreError::Conflict { kind: "disabled account", key: email.to_string() });
        }
        sqlx::query("INSERT INTO api_tokens (account_id, token_hash, created_at) VALUES ($1, $2, $3)")
            .bind(owner.id)
            .bind(secret_hash(&token))
            .bind(self.now_text())
            .execute(&mut *tx)
            .await?;
        audit(&mut tx, self.now(), actor, "create_token", "account", email.as_str(), None, None).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn revoke_api_tokens(&self, actor: &Actor, email: &Email) -> Result<u64, StoreError> {
        let mut tx = self.begin_writing().await?;
        self.lock_object(&mut tx, "account", email.as_str()).await?;
        let owner = require_on(&mut tx, email).await?;
        let n = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL")
            .bind(self.now_text())
            .bind(owner.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        audit(
            &mut tx,
            self.now(),
            actor,
            "revoke_tokens",
            "account",
            email.as_str(),
            None,
            Some(serde_json::json!({ "revoked": n })),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn account_for_token(&self, token: &str) -> Result<Option<Account>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS_A} FROM accounts a JOIN api_tokens t ON t.account_id = a.id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled = 0"
        );
        sqlx::query(&sql).bind(secret_hash(token)).fetch_optional(&self.pool).await?.as_ref().map(account).transpose()
    }

    async fn list_audit(&self, filter: &AuditFilter, paging: Paging) -> Result<Page<AuditEntry>, StoreError> {
        let mut clauses = Vec::new();
        let mut args: Vec<String> = Vec::new();
        let mut push = |clause: &str, value: String| {
            args.push(value);
            clauses.push(clause.replace('?', &format!("${}", args.len())));
        };
        if let Some(a) = &filter.actor {
            push("actor = ?", a.clone());
        }
        if let Some(k) = &filter.object_kind {
            push("object_kind = ?", k.clone());
        }
        if let Some(k) = &filter.object_key {
            push("object_key = ?", k.clone());
        }
        if let Some(d) = filter.from {
            push("at >= ?", d.format("%Y-%m-%d").to_string());
        }
        if let Some(d) = filter.to {
            // `at` is RFC 3339 text, so everything on that day sorts below the next day.
            push("at < ?", d.succ_opt().unwrap_or(d).format("%Y-%m-%d").to_string());
        }
        let where_sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        let count_sql = format!("SELECT COUNT(*) FROM audit_log{where_sql}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for a in &args {
            count = count.bind(a.clone());
        }
        let total = count.fetch_one(&self.pool).await?;
        let sql = format!(
            "SELECT id, at, actor, action, object_kind, object_key, before_json, after_json FROM audit_log{where_sql} \
             ORDER BY id DESC LIMIT {} OFFSET {}",
            paging.per_page(),
            paging.offset()
        );
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a.clone());
        }
        let rows = q.fetch_all(&self.pool).await?;
        let items = rows
            .iter()
            .map(|row| {
                let r = RowReader::new(row, "audit entry");
                let json = |col: &'static str| -> Result<Option<serde_json::Value>, StoreError> {
                    r.opt_text(col)?
                        .map(|t| {
                            serde_json::from_str(&t).map_err(|e| StoreError::Corrupt {
                                kind: "audit entry",
                                key: String::new(),
                                field: col,
                                reason: e.to_string(),
                            })
                        })
                        .transpose()
                };
                Ok(AuditEntry {
                    id: r.int("id")?,
                    at: r.text("at")?,
                    actor: r.text("actor")?,
                    action: r.text("action")?,
                    object_kind: r.text("object_kind")?,
                    object_key: r.text("object_key")?,
                    before: json("before_json")?,
                    after: json("after_json")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Page { items, total: total as u64 })
    }
}
