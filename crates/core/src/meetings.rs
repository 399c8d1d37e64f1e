//! The biannual meetings of the EU Network of NREMs, co-chaired by the EU ATC and the Council Presidency.

use crate::country::MemberState;
use crate::problems::{paragraphs, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub slug: Slug,
    pub title: String,
    pub date: NaiveDate,
    /// The Member State holding the Council Presidency, which co-chairs with the EU ATC.
    pub presidency: MemberState,
    /// Held jointly with the Civil Society Platform.
    pub joint_with_csp: bool,
    pub agenda: Vec<String>,
    pub minutes: Vec<String>,
}

impl Meeting {
    /// The semester of the Presidency: "2018 H1".
    pub fn semester(&self) -> String {
        semester_of(self.date)
    }
}

/// The half-year a day falls in, as the Presidency's semester is named: "2018 H1".
pub fn semester_of(day: NaiveDate) -> String {
    format!("{} H{}", day.year(), if day.month() <= 6 { 1 } else { 2 })
}

/// A meeting as the API reads and writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDocument {
    pub slug: String,
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Option<NaiveDate>,
    /// Set by the server from the date: "2018 H1".
    pub semester: Option<String>,
    /// ISO code of the Member State holding the Council Presidency.
    pub presidency: String,
    #[serde(default)]
    pub joint_with_csp: bool,
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub minutes: Vec<String>,
    /// Set by the server from the attendance recorded: ISO codes of the Member States present.
    pub present: Option<Vec<String>>,
}

impl MeetingDocument {
    /// The fields the server sets.
    pub const SERVER_FIELDS: &'static [&'static str] = &["semester", "present"];

    /// The document of a meeting and the Member States recorded as present.
    pub fn of(m: &Meeting, present: Vec<MemberState>) -> Self {
        MeetingDocument {
            slug: m.slug.to_string(),
            title: m.title.clone(),
            date: Some(m.date),
            semester: Some(m.semester()),
            presidency: m.presidency.iso().to_owned(),
            joint_with_csp: m.joint_with_csp,
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone(),
            present: Some(present.iter().map(|ms| ms.iso().to_owned()).collect()),
        }
    }

    /// Checks every field a person writes, or lists every problem.
    pub fn check(self) -> Result<Meeting, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let slug = check.slug(&self.slug);
        let title = check.title(&self.title);
        if self.date.is_none() {
            check.bad("date", "give the meeting's date, such as 2018-06-13");
        }
        let presidency = check.ok("presidency", MemberState::parse(&self.presidency));
        let meeting = slug.zip(self.date).zip(presidency).map(|((slug, date), presidency)| Meeting {
            slug,
            title,
            date,
            presidency,
            joint_with_csp: self.joint_with_csp,
            agenda: paragraphs(self.agenda),
            minutes: paragraphs(self.minutes),
        });
        check.finish(meeting)
    }
}

/// The order in which the Member States hold the Presidency of the Council, half-year by half-year: the
/// first code of a year holds it from January to June, the second from July to December.
///
/// Sources: Council Decision 2009/908/EU (CELEX 32009D0908), which set the order from 2007 to 2020, and
/// Council Decision (EU) 2016/1316 (CELEX 32016D1316), which amended it after the United Kingdom gave up its
/// Presidency of the second half of 2017 (Estonia took it and every later Presidency moved up a half-year)
/// and set the order to 2030. Codes are ISO 3166 (Greece GR, as [`MemberState::parse`] reads it).
pub const PRESIDENCY_ROTA: &[(i32, [&str; 2])] = &[
    (2009, ["CZ", "SE"]),
    (2010, ["ES", "BE"]),
    (2011, ["HU", "PL"]),
    (2012, ["DK", "CY"]),
    (2013, ["IE", "LT"]),
    (2014, ["GR", "IT"]),
    (2015, ["LV", "LU"]),
    (2016, ["NL", "SK"]),
    (2017, ["MT", "EE"]),
    (2018, ["BG", "AT"]),
    (2019, ["RO", "FI"]),
    (2020, ["HR", "DE"]),
    (2021, ["PT", "SI"]),
    (2022, ["FR", "CZ"]),
    (2023, ["SE", "ES"]),
    (2024, ["BE", "HU"]),
    (2025, ["PL", "DK"]),
    (2026, ["CY", "IE"]),
    (2027, ["LT", "GR"]),
    (2028, ["IT", "LV"]),
    (2029, ["LU", "NL"]),
    (2030, ["SK", "MT"]),
];

/// The Member State holding the Presidency of the Council on `date`, from [`PRESIDENCY_ROTA`]; none outside
/// the years the rota covers (2009 to 2030), where the person entering a meeting must say.
pub fn presidency_on(date: NaiveDate) -> Option<MemberState> {
    let (_, pair) = PRESIDENCY_ROTA.iter().find(|(year, _)| *year == date.year())?;
    let code = pair[usize::from(date.month() > 6)];
    Some(MemberState::parse(code).expect("the rota names Member States"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(date: &str) -> Option<&'static str> {
        presidency_on(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()).map(|ms| ms.iso())
    }

    #[test]
    fn the_rota_gives_the_presidency_of_each_half_year() {
        assert_eq!(on("2025-03-10"), Some("PL"));
        assert_eq!(on("2025-06-30"), Some("PL"));
        assert_eq!(on("2025-07-01"), Some("DK"));
        assert_eq!(on("2026-09-15"), Some("IE"));
        assert_eq!(on("2017-11-20"), Some("EE"), "Estonia took the United Kingdom's half-year");
        assert_eq!(on("2018-06-13"), Some("BG"));
        assert_eq!(on("2014-02-01"), Some("GR"));
        assert_eq!(on("2030-12-31"), Some("MT"));
        assert_eq!(on("2008-12-31"), None);
        assert_eq!(on("2031-01-01"), None);
    }

    #[test]
    fn the_rota_covers_every_half_year_once_and_names_only_member_states() {
        let years: Vec<i32> = PRESIDENCY_ROTA.iter().map(|(y, _)| *y).collect();
        assert_eq!(years, (2009..=2030).collect::<Vec<_>>());
        for (year, pair) in PRESIDENCY_ROTA {
            for code in pair {
                assert!(MemberState::parse(code).is_ok(), "{year}: {code}");
            }
            assert_ne!(pair[0], pair[1], "{year}");
        }
        // No Member State holds it twice in a row, across the turn of a year too.
        let order: Vec<&str> = PRESIDENCY_ROTA.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        assert!(order.windows(2).all(|w| w[0] != w[1]));
    }
}
