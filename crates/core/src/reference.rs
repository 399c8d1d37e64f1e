//! Project references of the EU research programmes, as written and as parsed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The funding programme of a research project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Programme {
    /// Sixth Framework Programme (2002–2006).
    Fp6,
    /// Seventh Framework Programme (2007–2013).
    Fp7,
    /// European Research Council grants.
    Erc,
    /// Synthetic demo content only.
    Synthetic,
}

impl Programme {
    pub const ALL: [Programme; 3] = [Programme::Fp6, Programme::Fp7, Programme::Erc];

    pub fn code(self) -> &'static str {
        match self {
            Programme::Fp6 => "FP6",
            Programme::Fp7 => "FP7",
            Programme::Erc => "ERC",
            Programme::Synthetic => "SYNTHETIC",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Programme::Fp6, Programme::Fp7, Programme::Erc, Programme::Synthetic]
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl fmt::Display for Programme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The kind of an ERC grant, from the call identifier ("ERC-2016-StG").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErcGrant {
    /// Starting Grant.
    StG,
    /// Consolidator Grant.
    CoG,
    /// Advanced Grant.
    AdG,
    /// Synergy Grant.
    SyG,
    /// Proof of Concept.
    PoC,
}

impl ErcGrant {
    fn parse(text: &str) -> Option<Self> {
        Some(match text.to_ascii_lowercase().as_str() {
            "stg" => ErcGrant::StG,
            "cog" => ErcGrant::CoG,
            "adg" => ErcGrant::AdG,
            "syg" => ErcGrant::SyG,
            "poc" => ErcGrant::PoC,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            ErcGrant::StG => "Starting Grant",
            ErcGrant::CoG => "Consolidator Grant",
            ErcGrant::AdG => "Advanced Grant",
            ErcGrant::SyG => "Synergy Grant",
            ErcGrant::PoC => "Proof of Concept Grant",
        }
    }
}

/// A project reference: the text as written and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectReference {
    pub as_written: String,
    pub programme: Programme,
    /// The call identifier where the reference gives one ("ERC-2016-StG").
    pub call: Option<String>,
    pub erc_grant: Option<ErcGrant>,
    pub grant_number: u32,
}

/// The reference follows none of the known forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the project reference {0:?}: expected forms like \"FP7 290529\", \"28756 – FP6\" or \"ERC-2016-StG Grant #714222\"")]
pub struct ReferenceParseError(pub String);

impl ProjectReference {
    /// Reads the forms the seed page uses: `FP7 290529`, `28756 – FP6`, `ERC-2016-StG Grants #714222`,
    /// `ERC-2014-CoG Grants # 647737`, `ERC-2012-StG Grant #313737`.
    pub fn parse(text: &str) -> Result<Self, ReferenceParseError> {
        let err = || ReferenceParseError(text.to_owned());
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '#' | '–' | '—'))
            .filter(|w| !w.is_empty() && *w != "-")
            .collect();
        let number = |w: &str| w.parse::<u32>().ok();

        if let Some(call) = words.iter().find(|w| w.to_ascii_uppercase().starts_with("ERC-")) {
            let mut parts = call.split('-');
            let (_, year, kind) = (parts.next(), parts.next(), parts.next());
            let year_ok = year.is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
            let grant = kind.and_then(ErcGrant::parse);
            let grant_number = words.iter().rev().find_map(|w| number(w)).ok_or_else(err)?;
            if !year_ok || grant.is_none() || parts.next().is_some() {
                return Err(err());
            }
            return Ok(ProjectReference {
                as_written: text.to_owned(),
                programme: Programme::Erc,
                call: Some((*call).to_owned()),
                erc_grant: grant,
                grant_number,
            });
        }
        let programme =
            words.iter().find_map(|w| Programme::parse(w).filter(|p| *p != Programme::Erc)).ok_or_else(err)?;
        let numbers: Vec<u32> = words.iter().filter_map(|w| number(w)).collect();
        let [grant_number] = numbers[..] else { return Err(err()) };
        if words.len() != 2 {
            return Err(err());
        }
        Ok(ProjectReference { as_written: text.to_owned(), programme, call: None, erc_grant: None, grant_number })
    }

    /// The year of the call, for ERC references.
    pub fn call_year(&self) -> Option<i32> {
        self.call.as_deref()?.split('-').nth(1)?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_pages_forms() {
        let r = ProjectReference::parse("FP7 290529").unwrap();
        assert_eq!((r.programme, r.grant_number, r.call), (Programme::Fp7, 290529, None));
        let r = ProjectReference::parse("28756 – FP6").unwrap();
        assert_eq!((r.programme, r.grant_number), (Programme::Fp6, 28756));
        let r = ProjectReference::parse("ERC-2016-StG Grants #714222").unwrap();
        assert_eq!((r.programme, r.grant_number, r.erc_grant), (Programme::Erc, 714222, Some(ErcGrant::StG)));
        assert_eq!(r.call.as_deref(), Some("ERC-2016-StG"));
        assert_eq!(r.call_year(), Some(2016));
        let r = ProjectReference::parse("ERC-2014-CoG Grants # 647737").unwrap();
        assert_eq!((r.grant_number, r.erc_grant), (647737, Some(ErcGrant::CoG)));
        let r = ProjectReference::parse("ERC-2012-StG Grant #313737").unwrap();
        assert_eq!(r.grant_number, 313737);
        assert_eq!(r.as_written, "ERC-2012-StG Grant #313737");
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for text in ["", "FP7", "290529", "FP9 1", "ERC-20x6-StG #1", "ERC-2016-XYZ #1", "FP7 1 2"] {
            assert!(ProjectReference::parse(text).is_err(), "{text}");
        }
    }
}
