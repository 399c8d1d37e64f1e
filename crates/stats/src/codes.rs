//! The SDMX code lists of the two dataflows, aligned with Eurostat's THB tables (`crim_thb_*`) and the
//! indicators of Directive (EU) 2024/1712. `docs/statistics.md` maps every code to Eurostat's.

use std::fmt;

/// One code of a code list: its SDMX id, its English label, and the Eurostat code or group it maps to.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeEntry {
    pub id: &'static str,
    pub label: &'static str,
    /// Eurostat's code for the same category, or the wider Eurostat category it is published under.
    pub eurostat: &'static str,
}

const fn code(id: &'static str, label: &'static str, eurostat: &'static str) -> CodeEntry {
    CodeEntry { id, label, eurostat }
}

/// A breakdown dimension of a dataflow (`geo` and `TIME_PERIOD` are the table's coordinates, not dimensions
/// here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    LegStat,
    Sex,
    Age,
    Citizen,
    Exploit,
    Status,
    RegOrg,
}

static LEG_STAT: [CodeEntry; 3] = [
    code("SUSP", "Suspected persons", "suspected persons"),
    code("PROS", "Prosecuted persons", "prosecuted persons"),
    code("CONV", "Convicted persons", "convicted persons"),
];
static SEX: [CodeEntry; 4] =
    [code("F", "Females", "F"), code("M", "Males", "M"), code("UNK", "Unknown", "UNK"), code("T", "Total", "T")];
static AGE: [CodeEntry; 4] = [
    code("Y_LT18", "Less than 18 years", "Y_LT18"),
    code("Y_GE18", "18 years or over", "Y_GE18"),
    code("UNK", "Unknown", "UNK"),
    code("TOTAL", "Total", "TOTAL"),
];
static CITIZEN: [CodeEntry; 5] = [
    code("NAT", "Reporting country", "NAT"),
    code("EU27_2020_FOR", "Other EU Member State", "EU27_2020_FOR"),
    code("NEU27_2020_FOR", "Non-EU country", "NEU27_2020_FOR"),
    code("UNK", "Unknown", "UNK"),
    code("TOTAL", "Total", "TOTAL"),
];
static EXPLOIT: [CodeEntry; 11] = [
    code("SEX", "Sexual exploitation", "sexual exploitation"),
    code("LAB", "Labour exploitation", "labour exploitation"),
    code("CRIM", "Exploitation of criminal activities", "other forms of exploitation"),
    code("BEG", "Forced begging", "other forms of exploitation"),
    code("ORG", "Removal of organs", "other forms of exploitation"),
    code("MAR", "Forced marriage", "other forms of exploitation"),
    code("ADOP", "Illegal adoption", "other forms of exploitation"),
    code("SURR", "Surrogacy", "other forms of exploitation"),
    code("OTH", "Other forms of exploitation", "other forms of exploitation"),
    code("UNK", "Unknown", "UNK"),
    code("TOTAL", "Total", "TOTAL"),
];
static STATUS: [CodeEntry; 3] = [
    code("IDENT", "Identified victims", "identified victims"),
    code("PRES", "Presumed victims", "presumed victims"),
    code("TOTAL", "Registered victims (identified and presumed)", "registered victims"),
];
static REG_ORG: [CodeEntry; 9] = [
    code("POL", "Police", "police"),
    code("PROS", "Prosecution", "prosecution"),
    code("COURT", "Courts", "courts"),
    code("NGO", "Non-governmental organisations", "NGOs"),
    code("LAB_INSP", "Labour inspection", "labour inspectorates"),
    code("IMM_ASY", "Immigration and asylum authorities", "immigration/asylum authorities"),
    code("SOC_SERV", "Social services", "social services"),
    code("OTH", "Other organisations", "other"),
    code("TOTAL", "All registering organisations", "total"),
];

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::LegStat,
        Dimension::Sex,
        Dimension::Age,
        Dimension::Citizen,
        Dimension::Exploit,
        Dimension::Status,
        Dimension::RegOrg,
    ];

    /// The dimension's SDMX id, as it heads a column (`sex`, `reg_org` …).
    pub fn id(self) -> &'static str {
        match self {
            Dimension::LegStat => "leg_stat",
            Dimension::Sex => "sex",
            Dimension::Age => "age",
            Dimension::Citizen => "citizen",
            Dimension::Exploit => "exploit",
            Dimension::Status => "status",
            Dimension::RegOrg => "reg_org",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dimension::LegStat => "Legal status",
            Dimension::Sex => "Sex",
            Dimension::Age => "Age",
            Dimension::Citizen => "Citizenship",
            Dimension::Exploit => "Form of exploitation",
            Dimension::Status => "Victim status",
            Dimension::RegOrg => "Registering organisation",
        }
    }

    pub fn parse(id: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The code list, the total (where there is one) last.
    pub fn codes(self) -> &'static [CodeEntry] {
        match self {
            Dimension::LegStat => &LEG_STAT,
            Dimension::Sex => &SEX,
            Dimension::Age => &AGE,
            Dimension::Citizen => &CITIZEN,
            Dimension::Exploit => &EXPLOIT,
            Dimension::Status => &STATUS,
            Dimension::RegOrg => &REG_ORG,
        }
    }

    /// The index of the total code. Legal status has none: a person can be suspected, then prosecuted, then
    /// convicted, so the three are not parts of a whole.
    pub fn total(self) -> Option<u8> {
        match self {
            Dimension::LegStat => None,
            d => Some((d.codes().len() - 1) as u8),
        }
    }

    /// The number of codes, the total included.
    #[expect(clippy::len_without_is_empty, reason = "a code list is never empty")]
    pub fn len(self) -> u8 {
        self.codes().len() as u8
    }

    /// Finds a code by its id; exact match first (the hot path), then ignoring ASCII case.
    pub fn code_index(self, id: &[u8]) -> Option<u8> {
        let codes = self.codes();
        codes
            .iter()
            .position(|c| c.id.as_bytes() == id)
            .or_else(|| codes.iter().position(|c| c.id.as_bytes().eq_ignore_ascii_case(id)))
            .map(|i| i as u8)
    }

    pub fn code(self, index: u8) -> &'static CodeEntry {
        &self.codes()[usize::from(index)]
    }

    /// The codes a rapporteur may choose from, for messages: `F, M, UNK or T`.
    pub fn expected(self) -> String {
        let ids: Vec<&str> = self.codes().iter().map(|c| c.id).collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => ids.join(""),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The two dataflows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dataflow {
    /// `THB_VICT`: registered victims.
    Victims,
    /// `THB_PERS`: suspected, prosecuted and convicted persons.
    Persons,
}

impl Dataflow {
    pub const ALL: [Dataflow; 2] = [Dataflow::Victims, Dataflow::Persons];

    pub fn id(self) -> &'static str {
        match self {
            Dataflow::Victims => "THB_VICT",
            Dataflow::Persons => "THB_PERS",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dataflow::Victims => "Registered victims of trafficking in human beings",
            Dataflow::Persons => "Persons suspected, prosecuted and convicted of trafficking in human beings",
        }
    }

    /// Reads `THB_VICT`, or an SDMX reference to it such as `ESTAT:THB_VICT(1.0)`.
    pub fn parse(text: &str) -> Option<Dataflow> {
        let text = text.trim();
        let after_agency = text.rsplit_once(':').map_or(text, |(_, id)| id);
        let id = after_agency.split_once('(').map_or(after_agency, |(id, _)| id);
        Dataflow::ALL.into_iter().find(|d| d.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The dataflow's breakdown dimensions, in the order of its key and of the SDMX-CSV columns.
    pub fn dimensions(self) -> &'static [Dimension] {
        match self {
            Dataflow::Victims => &[
                Dimension::Sex,
                Dimension::Age,
                Dimension::Citizen,
                Dimension::Exploit,
                Dimension::Status,
                Dimension::RegOrg,
            ],
            Dataflow::Persons => {
                &[Dimension::LegStat, Dimension::Sex, Dimension::Age, Dimension::Citizen, Dimension::Exploit]
            }
        }
    }

    /// The number of distinct cells (keys) one Member State and year can have.
    pub fn cell_count(self) -> u32 {
        self.dimensions().iter().map(|d| u32::from(d.len())).product()
    }

    /// The SDMX reference written in the `DATAFLOW` column.
    pub fn reference(self) -> String {
        format!("RAPPORTEUR:{}(1.0)", self.id())
    }
}

impl fmt::Display for Dataflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A reporting country (a Member State, by Eurostat's code) or the EU aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Geo(u8);

static GEO: [(&str, &str); 28] = [
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("BG", "Bulgaria"),
    ("HR", "Croatia"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("EL", "Greece"),
    ("HU", "Hungary"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("MT", "Malta"),
    ("NL", "Netherlands"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RO", "Romania"),
    ("SK", "Slovakia"),
    ("SI", "Slovenia"),
    ("ES", "Spain"),
    ("SE", "Sweden"),
    ("EU27_2020", "European Union (27 countries, from 2020)"),
];

impl Geo {
    /// The EU-27 aggregate, `EU27_2020`.
    pub const EU27_2020: Geo = Geo(27);

    /// The 27 Member States, in the order of Eurostat's tables' English names.
    pub fn member_states() -> impl Iterator<Item = Geo> {
        (0..27).map(Geo)
    }

    /// Reads Eurostat's code (`EL` for Greece; `GR` is taken too, as ISO writes it).
    pub fn parse(code: &[u8]) -> Option<Geo> {
        let code = if code.eq_ignore_ascii_case(b"GR") { b"EL".as_slice() } else { code };
        GEO.iter().position(|(id, _)| id.as_bytes().eq_ignore_ascii_case(code)).map(|i| Geo(i as u8))
    }

    pub fn code(self) -> &'static str {
        GEO[usize::from(self.0)].0
    }

    pub fn name(self) -> &'static str {
        GEO[usize::from(self.0)].1
    }

    pub fn is_member_state(self) -> bool {
        self != Geo::EU27_2020
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl fmt::Display for Geo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Observation status flags, as Eurostat uses them since 27 January 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u16);

const FLAG_LETTERS: &[(u8, &str)] = &[
    (b'b', "break in time series"),
    (b'd', "definition differs"),
    (b'e', "estimated"),
    (b'f', "forecast"),
    (b'i', "imputed"),
    (b'm', "missing, cannot exist"),
    (b'n', "not significant"),
    (b'p', "provisional"),
    (b'u', "low reliability"),
];

impl Flags {
    pub const NONE: Flags = Flags(0);

    /// Reads the letters of an `OBS_FLAG` cell (`p`, `bp` …); returns the first letter that is no flag.
    pub fn parse(text: &[u8]) -> Result<Flags, char> {
        let mut flags = 0u16;
        for &byte in text {
            if byte == b' ' {
                continue;
            }
            let bit = FLAG_LETTERS.iter().position(|(l, _)| *l == byte.to_ascii_lowercase()).ok_or(char::from(byte))?;
            flags |= 1 << bit;
        }
        Ok(Flags(flags))
    }

    pub fn with(self, letter: u8) -> Flags {
        match FLAG_LETTERS.iter().position(|(l, _)| *l == letter) {
            Some(bit) => Flags(self.0 | 1 << bit),
            None => self,
        }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, letter: u8) -> bool {
        FLAG_LETTERS.iter().position(|(l, _)| *l == letter).is_some_and(|bit| self.0 & (1 << bit) != 0)
    }

    pub fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// The letters and their meanings, in the order of the code list.
    pub fn letters(self) -> impl Iterator<Item = (char, &'static str)> {
        FLAG_LETTERS
            .iter()
            .enumerate()
            .filter(move |(bit, _)| self.0 & (1 << bit) != 0)
            .map(|(_, (l, label))| (char::from(*l), *label))
    }

    /// Every flag there is, for documentation and JSON-stat's labels.
    pub fn all_letters() -> impl Iterator<Item = (char, &'static str)> {
        FLAG_LETTERS.iter().map(|(l, label)| (char::from(*l), *label))
    }

    pub fn expected() -> String {
        FLAG_LETTERS.iter().map(|(l, _)| char::from(*l).to_string()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (letter, _) in self.letters() {
            write!(f, "{letter}")?;
        }
        Ok(())
    }
}

/// Confidentiality status of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Confidentiality {
    /// Free for publication.
    #[default]
    Free,
    /// `C`: confidential statistical information (suppressed by disclosure control).
    Confidential,
    /// `N`: not for publication, restricted for internal use only.
    NotForPublication,
    /// `P`: not disseminated for non-statistical secrecy.
    Secret,
}

impl Confidentiality {
    pub fn parse(text: &[u8]) -> Option<Confidentiality> {
        match text.trim_ascii() {
            b"" | b"F" | b"f" => Some(Confidentiality::Free),
            b"C" | b"c" => Some(Confidentiality::Confidential),
            b"N" | b"n" => Some(Confidentiality::NotForPublication),
            b"P" | b"p" => Some(Confidentiality::Secret),
            _ => None,
        }
    }

    /// The code written in `CONF_STATUS`; empty when free.
    pub fn code(self) -> &'static str {
        match self {
            Confidentiality::Free => "",
            Confidentiality::Confidential => "C",
            Confidentiality::NotForPublication => "N",
            Confidentiality::Secret => "P",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Confidentiality::Free => "free for publication",
            Confidentiality::Confidential => "confidential statistical information",
            Confidentiality::NotForPublication => "not for publication",
            Confidentiality::Secret => "non-statistical secrecy",
        }
    }

    /// Whether the value may be shown to the public.
    pub fn is_public(self) -> bool {
        self == Confidentiality::Free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_total_is_last_and_codes_are_unique() {
        for d in Dimension::ALL {
            let ids: std::collections::HashSet<_> = d.codes().iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), d.codes().len(), "{d}");
            if let Some(t) = d.total() {
                assert!(matches!(d.code(t).id, "T" | "TOTAL"), "{d}");
            }
        }
    }

    #[test]
    fn cell_counts_fit_a_u32_key() {
        assert_eq!(Dataflow::Victims.cell_count(), 4 * 4 * 5 * 11 * 3 * 9);
        assert_eq!(Dataflow::Persons.cell_count(), 3 * 4 * 4 * 5 * 11);
    }

    #[test]
    fn dataflow_references_and_geo_codes() {
        assert_eq!(Dataflow::parse("ESTAT:THB_VICT(1.0)"), Some(Dataflow::Victims));
        assert_eq!(Dataflow::parse("thb_pers"), Some(Dataflow::Persons));
        assert_eq!(Geo::parse(b"EL").map(Geo::name), Some("Greece"));
        assert_eq!(Geo::parse(b"GR"), Geo::parse(b"EL"));
        assert_eq!(Geo::member_states().count(), 27);
        assert_eq!(Flags::parse(b"bp").map(|f| f.to_string()), Ok("bp".to_string()));
        assert_eq!(Flags::parse(b"x"), Err('x'));
    }
}
