//! Limits on guessing and flooding: how many tries a network address, an account, or both may make in a
//! window. Hits are counted in the store ([`RateLimits`]), before the work they limit, each in one statement
//! that also reads the count back: so they hold for requests arriving at once and across servers on one
//! store, and a hit is never checked against a count it is not part of.
//!
//! Sign-in follows OWASP's advice against guessing without handing attackers a way to lock people out:
//! - per network address, a hard limit on tries ([`SIGN_IN_PER_ADDRESS`]);
//! - per account and address, a hard limit on failed tries ([`SIGN_IN_PER_ACCOUNT_AND_ADDRESS`]): an
//!   attacker's address is stopped, the owner's is not;
//! - per account from anywhere, never a lock: past [`SIGN_IN_PER_ACCOUNT`] failed tries in the window each
//!   try waits a moment longer before it is checked ([`slowdown`]), so guessing from many addresses slows to
//!   a crawl while the owner still signs in.
//!
//! Anonymous writes (applications) are limited per address ([`APPLICATIONS_PER_ADDRESS`]). A refused
//! request is answered 429 with `Retry-After`.

use crate::http::error::AppError;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use rapporteur_store::{RateLimits, StoreError};
use std::net::SocketAddr;

/// How many hits a subject may make in a window.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Names the limit in the store's keys.
    pub name: &'static str,
    pub hits: u64,
    pub window_minutes: i64,
}

/// Sign-in tries from one network address, whatever the account.
pub const SIGN_IN_PER_ADDRESS: Limit = Limit { name: "sign-in-address", hits: 20, window_minutes: 15 };
/// Failed sign-in tries on one account from one network address.
pub const SIGN_IN_PER_ACCOUNT_AND_ADDRESS: Limit =
    Limit { name: "sign-in-account-address", hits: 5, window_minutes: 15 };
/// Failed sign-in tries on one account from anywhere, past which each try is slowed down (never refused).
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit { name: "sign-in-account", hits: 10, window_minutes: 15 };
/// The longest a sign-in try is slowed down.
pub const MAX_SLOWDOWN_SECONDS: u64 = 10;
/// Applications (anonymous) from one network address.
pub const APPLICATIONS_PER_ADDRESS: Limit = Limit { name: "applications-address", hits: 10, window_minutes: 60 };

impl Limit {
    fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }

    fn window(&self) -> Duration {
        Duration::minutes(self.window_minutes)
    }

    /// Counts a hit by `subject` at `now`: refused (429, with the seconds until the window ends) past the
    /// limit.
    pub async fn hit(&self, store: &dyn RateLimits, subject: &str, now: DateTime<Utc>) -> Result<(), AppError> {
        let hits = store.hit(&self.key(subject), self.window()).await?;
        if hits.count <= self.hits {
            return Ok(());
        }
        let now = now.min(hits.window_ends);
        Err(AppError::TooManyRequests {
            retry_after: (hits.window_ends - now).num_seconds().max(1) as u64,
            minutes: self.window_minutes,
        })
    }

    /// Takes back the hit just counted (the try turned out not to count against the limit).
    pub async fn take_back(&self, store: &dyn RateLimits, subject: &str) -> Result<(), StoreError> {
        store.take_back(&self.key(subject)).await
    }

    /// Forgets every hit by `subject` (the owner signed in).
    pub async fn forget(&self, store: &dyn RateLimits, subject: &str) -> Result<(), StoreError> {
        store.forget_hits(&self.key(subject)).await
    }

    /// Counts a hit and returns how many there are in the window, without refusing.
    pub async fn count(&self, store: &dyn RateLimits, subject: &str) -> Result<u64, StoreError> {
        Ok(store.hit(&self.key(subject), self.window()).await?.count)
    }
}

/// How long the `count`th sign-in try on one account waits before it is checked: nothing up to
/// [`SIGN_IN_PER_ACCOUNT`], then a second more for each further try, at most [`MAX_SLOWDOWN_SECONDS`].
pub fn slowdown(count: u64) -> std::time::Duration {
    std::time::Duration::from_secs(count.saturating_sub(SIGN_IN_PER_ACCOUNT.hits).min(MAX_SLOWDOWN_SECONDS))
}

/// The client's network address.
///
/// The peer address, not `X-Forwarded-For`: a header anyone can set would let a guesser pick a fresh
/// address for every try. Behind a reverse proxy every client shares the proxy's address, and so its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip().to_string());
        Ok(ClientAddress(address.unwrap_or_else(|| "unknown".to_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slowdown_grows_and_stops() {
        assert_eq!(slowdown(1), std::time::Duration::ZERO);
        assert_eq!(slowdown(SIGN_IN_PER_ACCOUNT.hits), std::time::Duration::ZERO);
        assert_eq!(slowdown(SIGN_IN_PER_ACCOUNT.hits + 3), std::time::Duration::from_secs(3));
        assert_eq!(slowdown(1_000), std::time::Duration::from_secs(MAX_SLOWDOWN_SECONDS));
    }
}
