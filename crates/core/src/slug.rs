//! URL slugs.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A lower-case, hyphenated identifier safe in a URL path: `anticorrp`, `on-the-move`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// The text is not a slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a slug: use 1 to 100 lower-case letters, digits and single hyphens")]
pub struct InvalidSlug(pub String);

impl Slug {
    pub fn parse(text: &str) -> Result<Self, InvalidSlug> {
        let ok = !text.is_empty()
            && text.len() <= 100
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if ok {
            Ok(Slug(text.to_owned()))
        } else {
            Err(InvalidSlug(text.to_owned()))
        }
    }

    /// Makes a slug from free text: "On the Move: …" becomes `on-the-move`.
    pub fn from_title(title: &str) -> Option<Self> {
        let mut out = String::new();
        for ch in title.chars() {
            if ch.is_ascii_alphanumeric() {
                out.push(ch.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            if out.len() >= 80 {
                break;
            }
        }
        Slug::parse(out.trim_end_matches('-')).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidSlug;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("on-the-move").is_ok());
        for bad in ["", "A", "a--b", "-a", "a-", "a b", "../etc"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Slug::from_title("On the Move: The impact").unwrap().as_str(), "on-the-move-the-impact");
    }
}
