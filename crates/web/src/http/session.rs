//! Browser sessions: the cookie, the CSRF token of forms, and the caller they identify.
//!
//! The session cookie holds a random secret (the store keeps its hash); it is `HttpOnly`, `SameSite=Lax`,
//! and `Secure` when the public address is https. Every form carries a CSRF token: the session's own once
//! signed in; before that (the sign-in form) a random token that must match a cookie of the same value.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

pub const SESSION_COOKIE: &str = "rapporteur_session";
pub const CSRF_COOKIE: &str = "rapporteur_csrf";
/// How long a session lasts without signing in again.
pub const SESSION_HOURS: i64 = 12;

/// The value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value. Secrets are hex, so they need no quoting.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"))
        .expect("cookie names and hex values are valid header text")
}

/// A `Set-Cookie` that removes the cookie.
pub fn clear_cookie(name: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", 0, secure)
}

/// Adds a `Set-Cookie` header.
pub fn append_cookie(headers: &mut HeaderMap, value: HeaderValue) {
    headers.append(SET_COOKIE, value);
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Where a signed-in account goes when no (acceptable) page was asked for.
pub const AFTER_SIGN_IN: &str = "/workspace";

/// The page to return to after signing in, if it is one of this site's: a path that starts with a single
/// "/" (not "//" nor "/\", which browsers read as another site), of visible ASCII only (no control
/// characters, no spaces: a `Location` must be valid header text), and of a sensible length. Anything else
/// (an absolute URL with a scheme, a path of another host) is refused, so that the sign-in cannot be used to
/// send someone elsewhere.
pub fn same_site_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 2_000
        && next.bytes().all(|b| b.is_ascii_graphic());
    ok.then_some(next)
}

/// The sign-in page's address, with the page to return to when it is a same-site path.
pub fn sign_in_path(next: Option<&str>) -> String {
    match next.and_then(same_site_path) {
        Some(next) => format!("/sign-in?next={}", encode_next(next)),
        _ => "/sign-in".to_owned(),
    }
}

/// Percent-encodes a path for a query's value, keeping its slashes readable (`?next=/workspace/meetings`).
fn encode_next(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_returned_to() {
        assert_eq!(same_site_path("/workspace/meetings"), Some("/workspace/meetings"));
        assert_eq!(
            same_site_path("/workspace/audit?actor=a%40b.eu&from=2026-01-01"),
            Some("/workspace/audit?actor=a%40b.eu&from=2026-01-01")
        );
        for refused in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example/x",
            "",
            "/work space",
            "/a\nb",
            "/a\rLocation: x",
            "/caf\u{e9}",
            "\\\\evil.example",
        ] {
            assert_eq!(same_site_path(refused), None, "{refused:?}");
        }
        assert_eq!(sign_in_path(Some("/workspace/meetings")), "/sign-in?next=/workspace/meetings");
        assert_eq!(sign_in_path(Some("/workspace/audit?a=1&b=2")), "/sign-in?next=/workspace/audit%3Fa%3D1%26b%3D2");
        assert_eq!(sign_in_path(Some("//evil.example")), "/sign-in");
        assert_eq!(sign_in_path(None), "/sign-in");
    }

    #[test]
    fn reads_and_writes_cookies() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("a=1; rapporteur_session=abc; b="));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
        let c = set_cookie(SESSION_COOKIE, "abc", 60, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("abc", "ab"));
    }
}
