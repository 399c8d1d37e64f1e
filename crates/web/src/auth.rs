//! Who is calling: an API token (`Authorization: Bearer …`) resolved to an account, checked on the server
//! for every route that needs one.

use crate::error::{ApiError, AppError};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use rapporteur_store::Account;

/// The signed-in account, or none for the anonymous public.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Account>);

impl Caller {
    /// The account, or 401.
    pub fn required(self) -> Result<Account, AppError> {
        self.0.ok_or(AppError::Unauthenticated)
    }

    /// An admin's account, or 401 (anonymous) / 403 (signed in without the right).
    pub fn admin(self) -> Result<Account, AppError> {
        let account = self.required()?;
        if account.role.is_admin() {
            Ok(account)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else { return Ok(Caller(None)) };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        // A token that is wrong, revoked or of a disabled account is refused outright rather than treated
        // as anonymous, so that a client learns its credentials stopped working.
        match state.accounts.account_for_token(token).await? {
            Some(account) => Ok(Caller(Some(account))),
            None => Err(AppError::Unauthenticated.into()),
        }
    }
}
