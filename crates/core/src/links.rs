//! Addresses the portal links out to: web addresses someone typed, and EUR-Lex's CELEX numbers.

use serde::{Deserialize, Serialize};

/// The longest web address a field takes (browsers and servers handle far longer ones; a person does not
/// type them).
pub const MAX_WEB_ADDRESS_CHARS: usize = 2_000;

/// Checks a web address someone typed: `http://` or `https://`, a host with a dot, no spaces. Returns the
/// trimmed address, or a sentence saying what is wrong. Only those two schemes: the address becomes a link
/// on a public page, where `javascript:` or `data:` would run or show what the writer chose.
pub fn check_web_address(text: &str) -> Result<String, String> {
    let t = text.trim();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| t.get(..scheme.len()).filter(|s| s.eq_ignore_ascii_case(scheme)).map(|_| &t[scheme.len()..]))
        .ok_or_else(|| format!("{t:?} is not a web address: it must start with https:// or http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host_name = host_name.split(':').next().unwrap_or_default();
    if host_name.is_empty()
        || !host_name.contains('.')
        || host_name.starts_with('.')
        || host_name.ends_with('.')
        || host.contains('@')
    {
        return Err(format!("{t:?} is not a web address: it needs a host name such as www.example.org"));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\')) {
        return Err(format!("{t:?} is not a web address: it holds a space or a character addresses cannot hold"));
    }
    if t.chars().count() > MAX_WEB_ADDRESS_CHARS {
        return Err(format!("the web address must have at most {MAX_WEB_ADDRESS_CHARS} characters"));
    }
    Ok(t.to_owned())
}

/// A CELEX number, EUR-Lex's identifier of an EU act: sector digit, year, a letter or two for the type,
/// a number (`32011L0036` for Directive 2011/36/EU).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Celex(String);

/// A text that is not a CELEX number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a CELEX number such as 32011L0036 (sector digit, year, type letters, number)")]
pub struct InvalidCelex(pub String);

impl Celex {
    /// Reads the form EUR-Lex writes: a sector (1 to 9, or E for EFTA documents), four digits of year, one
    /// or two capital letters of type, and the act's number (up to four digits, sometimes with a suffix
    /// such as `(01)` or `R(01)`; those forms are rare here and refused rather than guessed).
    pub fn parse(text: &str) -> Result<Self, InvalidCelex> {
        let t = text.trim();
        let bad = || InvalidCelex(t.to_owned());
        let mut chars = t.chars();
        let sector = chars.next().ok_or_else(bad)?;
        if !(sector.is_ascii_digit() && sector != '0' || sector == 'E') {
            return Err(bad());
        }
        let rest = &t[1..];
        let (year, rest) = rest.split_at_checked(4).ok_or_else(bad)?;
        let year_ok = year.chars().all(|c| c.is_ascii_digit()) && (year.starts_with("19") || year.starts_with("20"));
        let letters = rest.chars().take_while(|c| c.is_ascii_uppercase()).count();
        let number = &rest[letters..];
        if !year_ok
            || !(1..=2).contains(&letters)
            || number.is_empty()
            || number.len() > 4
            || !number.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        Ok(Celex(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The act's page on EUR-Lex, in English.
    pub fn eur_lex_url(&self) -> String {
        format!("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}", self.0)
    }
}

impl std::fmt::Display for Celex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Celex {
    type Error = InvalidCelex;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Celex::parse(&s)
    }
}

impl From<Celex> for String {
    fn from(c: Celex) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn celex_numbers_of_the_acts_the_portal_cites() {
        for ok in ["32011L0036", "32012L0029", "32004L0081", "32009L0052", "32024L1712", "52017DC0728"] {
            let c = Celex::parse(ok).unwrap();
            assert_eq!(c.as_str(), ok);
        }
        assert_eq!(
            Celex::parse(" 32011L0036 ").unwrap().eur_lex_url(),
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036"
        );
        for bad in [
            "",
            "2011/36/EU",
            "32011l0036",
            "02011L0036",
            "32011L",
            "3201L0036",
            "32011LLL0036",
            "32011L00366",
            "32011L0036&x=1",
        ] {
            assert!(Celex::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_addresses_are_http_with_a_host() {
        assert_eq!(check_web_address(" https://www.europol.europa.eu/ ").unwrap(), "https://www.europol.europa.eu/");
        assert!(check_web_address("HTTP://example.org/a?b=c#d").is_ok());
        for bad in [
            "www.example.org",
            "javascript:alert(1)",
            "https://",
            "https://localhost/",
            "https://exa mple.org",
            "https://user@evil.example@x.org",
            "ftp://example.org",
            "https://example.org/\"onmouseover",
        ] {
            assert!(check_web_address(bad).is_err(), "{bad}");
        }
    }
}
