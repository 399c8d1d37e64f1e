//! Who is calling: an API token (`Authorization: Bearer …`) or a browser session, resolved to an account
//! on the server for every route that needs one.

use crate::error::{ApiError, AppError};
use crate::session::{cookie, same_secret, SESSION_COOKIE};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use rapporteur_store::Account;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    Token,
    /// A browser session: its cookie secret and the CSRF token its forms must carry.
    Session {
        secret: String,
        csrf_token: String,
    },
}

/// The signed-in account, or none for the anonymous public.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Option<Account>,
    pub credential: Option<Credential>,
}

impl Caller {
    /// The account, or 401.
    pub fn required(self) -> Result<Account, AppError> {
        self.account.ok_or(AppError::Unauthenticated)
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

    /// The account of a signed-in browser session and the CSRF token its forms must carry; `None` for the
    /// public and for API tokens (which send no forms).
    pub fn browser_session(&self) -> Option<(Account, String)> {
        match (&self.account, &self.credential) {
            (Some(account), Some(Credential::Session { csrf_token, .. })) => {
                Some((account.clone(), csrf_token.clone()))
            }
            _ => None,
        }
    }

    /// The account behind a request that changes something: signed in (else 401) and, for a browser
    /// session, carrying the session's CSRF token (else 403).
    pub fn writer(&self, csrf: Option<&str>) -> Result<Account, AppError> {
        let account = self.account.clone().ok_or(AppError::Unauthenticated)?;
        self.check_csrf(csrf)?;
        Ok(account)
    }

    /// Checks the CSRF token a form sent. Token callers send no cookie, so they need none.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        match &self.credential {
            Some(Credential::Session { csrf_token, .. }) if sent.is_some_and(|s| same_secret(s, csrf_token)) => Ok(()),
            Some(Credential::Token) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }
}

/// The CSRF token an API client using a browser session sends in `X-CSRF-Token`.
pub fn csrf_header(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get("x-csrf-token").and_then(|v| v.to_str().ok())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let token = header
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(AppError::Unauthenticated)?;
            // A token that is wrong, revoked or of a disabled account is refused outright rather than treated
            // as anonymous, so that a client learns its credentials stopped working.
            return match state.repo.account_for_token(token).await? {
                Some(account) => Ok(Caller { account: Some(account), credential: Some(Credential::Token) }),
                None => Err(AppError::Unauthenticated.into()),
            };
        }
        if let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) {
            if let Some(session) = state.repo.find_session(secret, state.clock.now()).await? {
                return Ok(Caller {
                    account: Some(session.account),
                    credential: Some(Credential::Session { secret: secret.to_owned(), csrf_token: session.csrf_token }),
                });
            }
        }
        Ok(Caller { account: None, credential: None })
    }
}
