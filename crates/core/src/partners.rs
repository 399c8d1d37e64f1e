//! Partner lines of a project page: `Name, Country (ACRONYM)`, sometimes two run together on one line.

use crate::country::Country;
use serde::{Deserialize, Serialize};

/// A partner of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    pub acronym: Option<String>,
    pub country: Option<Country>,
}

/// The line does not read as partners.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the partner line {line:?}: {reason}")]
pub struct PartnerParseError {
    pub line: String,
    pub reason: String,
}

/// Reads one line of a partner list into one or more partners.
///
/// A partner ends at a parenthesised acronym that follows `, <country>`. Where a page has lost the line
/// break between two partners ("… Germany (GIGA)Center for the Study of Democracy, Bulgaria (CSD)"), the
/// text after that acronym starts the next partner.
pub fn parse_partner_line(line: &str) -> Result<Vec<Partner>, PartnerParseError> {
    let err = |reason: String| PartnerParseError { line: line.to_owned(), reason };
    let mut partners = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let mut search_from = 0;
        let (partner, consumed) = loop {
            let open = rest[search_from..]
                .find('(')
                .map(|i| i + search_from)
                .ok_or_else(|| err(format!("no \"(ACRONYM)\" after {rest:?}")))?;
            let close = rest[open..].find(')').map(|i| i + open).ok_or_else(|| err("unclosed parenthesis".into()))?;
            let head = rest[..open].trim_end();
            if let Some((name, country)) = head.rsplit_once(',') {
                if let Ok(country) = Country::from_name(country) {
                    let acronym = rest[open + 1..close].trim();
                    if acronym.is_empty() || acronym.contains(' ') {
                        return Err(err(format!("{acronym:?} is not an acronym")));
                    }
                    break (
                        Partner {
                            name: name.trim().to_owned(),
                            acronym: Some(acronym.to_owned()),
                            country: Some(country),
                        },
                        close + 1,
                    );
                }
            }
            // A parenthesis inside the name itself: look further.
            search_from = close + 1;
        };
        if partner.name.is_empty() {
            return Err(err("a partner has no name".into()));
        }
        partners.push(partner);
        rest = rest[consumed..].trim_start();
    }
    if partners.is_empty() {
        return Err(err("the line is empty".into()));
    }
    Ok(partners)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_partner() {
        let p = parse_partner_line("Kosovar Stability Initiative, Kosovo (IKS)").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Kosovar Stability Initiative");
        assert_eq!(p[0].acronym.as_deref(), Some("IKS"));
        assert_eq!(p[0].country.unwrap().iso(), "XK");
        let p = parse_partner_line("University College London, UK (UCL)").unwrap();
        assert_eq!(p[0].country.unwrap().iso(), "GB");
    }

    #[test]
    fn two_partners_run_together() {
        let p = parse_partner_line(
            "GIGA German Institute of Global and Area Studies, Germany (GIGA)Center for the Study of Democracy, Bulgaria (CSD)",
        )
        .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "GIGA German Institute of Global and Area Studies");
        assert_eq!(p[0].country.unwrap().iso(), "DE");
        assert_eq!(p[1].name, "Center for the Study of Democracy");
        assert_eq!(p[1].acronym.as_deref(), Some("CSD"));
        assert_eq!(p[1].country.unwrap().iso(), "BG");
    }

    #[test]
    fn parenthesis_in_a_name() {
        let p = parse_partner_line("Institute (Old Name), Sweden (INS)").unwrap();
        assert_eq!(p[0].name, "Institute (Old Name)");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_partner_line("Somewhere, Atlantis (ATL)").unwrap_err();
        assert!(e.to_string().contains("Atlantis"));
        assert!(parse_partner_line("No acronym, Germany").is_err());
    }
}
