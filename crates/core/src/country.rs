//! Countries (ISO 3166-1 alpha-2, with Kosovo as the user-assigned `XK`) and the 27 Member States.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A country code that is known to Rapporteur's code list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(&'static CountryEntry);

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-2 code (XK for Kosovo).
    pub iso: &'static str,
    /// Eurostat's geo code, which differs for Greece (EL).
    pub eurostat: &'static str,
    /// English short name.
    pub name: &'static str,
    /// Other names a source may write (the seed writes "UK").
    pub aliases: &'static [&'static str],
    pub member_state: bool,
}

macro_rules! countries {
    ($( $iso:literal $eurostat:literal $name:literal [$($alias:literal),*] $ms:literal ;)*) => {
        static COUNTRIES: &[CountryEntry] = &[
            $( CountryEntry { iso: $iso, eurostat: $eurostat, name: $name, aliases: &[$($alias),*], member_state: $ms }, )*
        ];
    };
}

// Member States of the EU-27 first, then the other countries the bundled content names.
countries! {
    "AT" "AT" "Austria" [] true;
    "BE" "BE" "Belgium" [] true;
    "BG" "BG" "Bulgaria" [] true;
    "HR" "HR" "Croatia" [] true;
    "CY" "CY" "Cyprus" [] true;
    "CZ" "CZ" "Czechia" ["Czech Republic"] true;
    "DK" "DK" "Denmark" [] true;
    "EE" "EE" "Estonia" [] true;
    "FI" "FI" "Finland" [] true;
    "FR" "FR" "France" [] true;
    "DE" "DE" "Germany" [] true;
    "GR" "EL" "Greece" [] true;
    "HU" "HU" "Hungary" [] true;
    "IE" "IE" "Ireland" [] true;
    "IT" "IT" "Italy" [] true;
    "LV" "LV" "Latvia" [] true;
    "LT" "LT" "Lithuania" [] true;
    "LU" "LU" "Luxembourg" [] true;
    "MT" "MT" "Malta" [] true;
    "NL" "NL" "Netherlands" ["The Netherlands"] true;
    "PL" "PL" "Poland" [] true;
    "PT" "PT" "Portugal" [] true;
    "RO" "RO" "Romania" [] true;
    "SK" "SK" "Slovakia" [] true;
    "SI" "SI" "Slovenia" [] true;
    "ES" "ES" "Spain" [] true;
    "SE" "SE" "Sweden" [] true;
    "GB" "UK" "United Kingdom" ["UK"] false;
    "CH" "CH" "Switzerland" [] false;
    "TR" "TR" "Türkiye" ["Turkey"] false;
    "XK" "XK" "Kosovo" [] false;
    "NO" "NO" "Norway" [] false;
    "IS" "IS" "Iceland" [] false;
    "RS" "RS" "Serbia" [] false;
    "RU" "RU" "Russia" [] false;
}

/// The input named no country of the code list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown country {0:?}: expected an ISO 3166-1 alpha-2 code such as DE, or an English name")]
pub struct UnknownCountry(pub String);

impl Country {
    /// Parses an ISO code (case-insensitive) or Eurostat code.
    pub fn parse_code(code: &str) -> Result<Self, UnknownCountry> {
        let code = code.trim();
        COUNTRIES
            .iter()
            .find(|c| c.iso.eq_ignore_ascii_case(code) || c.eurostat.eq_ignore_ascii_case(code))
            .map(Country)
            .ok_or_else(|| UnknownCountry(code.to_owned()))
    }

    /// Finds a country by the English name a source writes ("Sweden", "UK", "Turkey").
    pub fn from_name(name: &str) -> Result<Self, UnknownCountry> {
        let name = name.trim();
        COUNTRIES
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
            .map(Country)
            .ok_or_else(|| UnknownCountry(name.to_owned()))
    }

    pub fn iso(self) -> &'static str {
        self.0.iso
    }
    pub fn eurostat(self) -> &'static str {
        self.0.eurostat
    }
    pub fn name(self) -> &'static str {
        self.0.name
    }
    /// Other names sources use ("Turkey" for Türkiye, "UK").
    pub fn aliases(self) -> &'static [&'static str] {
        self.0.aliases
    }
    pub fn is_member_state(self) -> bool {
        self.0.member_state
    }
    /// Every country of the code list.
    pub fn all() -> impl Iterator<Item = Country> {
        COUNTRIES.iter().map(Country)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl TryFrom<String> for Country {
    type Error = UnknownCountry;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Country::parse_code(&value)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.iso().to_owned()
    }
}

/// One of the 27 Member States of the European Union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MemberState(Country);

/// The code is a country but not a Member State, or no country at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not one of the 27 EU Member States")]
pub struct NotAMemberState(pub String);

impl MemberState {
    /// Parses an ISO code of a Member State ("DE"; Eurostat's "EL" is accepted for Greece).
    pub fn parse(code: &str) -> Result<Self, NotAMemberState> {
        Country::parse_code(code)
            .ok()
            .filter(|c| c.is_member_state())
            .map(MemberState)
            .ok_or_else(|| NotAMemberState(code.trim().to_owned()))
    }
    pub fn country(self) -> Country {
        self.0
    }
    pub fn iso(self) -> &'static str {
        self.0.iso()
    }
    pub fn name(self) -> &'static str {
        self.0.name()
    }
    /// The 27 Member States in alphabetical order of their English names.
    pub fn all() -> impl Iterator<Item = MemberState> {
        Country::all().filter(|c| c.is_member_state()).map(MemberState)
    }
}

impl fmt::Display for MemberState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<String> for MemberState {
    type Error = NotAMemberState;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        MemberState::parse(&value)
    }
}

impl From<MemberState> for String {
    fn from(m: MemberState) -> String {
        m.iso().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_seven_member_states() {
        assert_eq!(MemberState::all().count(), 27);
    }

    #[test]
    fn names_and_codes() {
        assert_eq!(Country::from_name("UK").unwrap().iso(), "GB");
        assert_eq!(Country::from_name("Kosovo").unwrap().iso(), "XK");
        assert_eq!(Country::from_name("turkey").unwrap().iso(), "TR");
        assert_eq!(Country::parse_code("el").unwrap().iso(), "GR");
        assert!(MemberState::parse("GB").is_err());
        assert!(MemberState::parse("XX").is_err());
        assert_eq!(MemberState::parse(" de ").unwrap().name(), "Germany");
    }
}
