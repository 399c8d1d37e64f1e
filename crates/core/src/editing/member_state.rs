//! What is written on a Member State's page, as a document.

use crate::accounts::Email;
use crate::country::MemberState;
use crate::links::check_web_address;
use crate::problems::{paragraphs, trimmed, FieldProblem};
use serde::{Deserialize, Serialize};

/// A Member State: its codes and name, the projects and calls that concern it (all set by the server), and
/// what the EU ATC office or its rapporteur writes on its page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberStateDocument {
    /// ISO 3166-1 alpha-2.
    pub code: Option<String>,
    /// Eurostat's geo code (EL for Greece).
    pub eurostat_code: Option<String>,
    pub name: Option<String>,
    /// Projects whose lead or partners are in this Member State (the first 50, real ones first).
    pub projects: Option<Vec<String>>,
    /// Calls restricted to organisations of a list of Member States that includes this one.
    pub calls: Option<Vec<String>>,
    /// The NREM's name, as its page gives it; absent or empty when not known.
    pub nrem: Option<String>,
    /// The institution the NREM belongs to or is hosted by (a ministry, an independent office).
    #[serde(default)]
    pub nrem_institution: Option<String>,
    /// The NREM's web site: an http or https address.
    #[serde(default)]
    pub nrem_website: Option<String>,
    /// The NREM's contact e-mail address.
    #[serde(default)]
    pub nrem_email: Option<String>,
    /// The NREM's postal address, lines separated by line breaks.
    #[serde(default)]
    pub nrem_postal_address: Option<String>,
    /// The NREM's national reports, as listed on the page.
    #[serde(default)]
    pub national_reports: Vec<NationalReportDocument>,
    /// Paragraphs written by the EU ATC office or the Member State's rapporteur.
    #[serde(default)]
    pub summary: Vec<String>,
}

/// A national report on trafficking in human beings, as a Member State's page lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NationalReportDocument {
    pub title: String,
    /// The year it was published.
    pub year: Option<i32>,
    /// Where to read it: an http or https address.
    #[serde(default)]
    pub url: Option<String>,
}

/// A national report, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalReport {
    pub title: String,
    pub year: i32,
    pub url: Option<String>,
}

/// What a Member State's page says, checked: every field optional, so an empty page is a valid one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberStateWriting {
    pub nrem: Option<String>,
    pub nrem_institution: Option<String>,
    pub nrem_website: Option<String>,
    pub nrem_email: Option<String>,
    pub nrem_postal_address: Option<String>,
    pub national_reports: Vec<NationalReport>,
    pub summary: Vec<String>,
}

impl MemberStateWriting {
    /// Whether anything is written about the NREM (its name, institution, contact or reports).
    pub fn names_the_nrem(&self) -> bool {
        self.nrem.is_some()
            || self.nrem_institution.is_some()
            || self.nrem_website.is_some()
            || self.nrem_email.is_some()
            || self.nrem_postal_address.is_some()
            || !self.national_reports.is_empty()
    }

    /// Whether the page has been filled in at all.
    pub fn is_filled_in(&self) -> bool {
        self.names_the_nrem() || !self.summary.is_empty()
    }
}

/// The first year a national report may carry: national rapporteurs predate the EU Network (the oldest were
/// appointed in the late 1990s).
pub const FIRST_REPORT_YEAR: i32 = 1990;
/// How many national reports a page lists at most.
pub const MAX_NATIONAL_REPORTS: usize = 50;
const MAX_LINE_CHARS: usize = 300;
const MAX_ADDRESS_CHARS: usize = 1_000;

pub const MAX_NREM_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 20_000;

impl MemberStateDocument {
    /// How many projects a Member State's document and page name (real ones first).
    pub const PROJECTS: usize = 50;

    /// The fields the server sets.
    pub const SERVER_FIELDS: &'static [&'static str] = &["code", "eurostat_code", "name", "projects", "calls"];

    /// The server's part of a Member State's document.
    pub fn of(ms: MemberState, projects: Vec<String>, calls: Vec<String>) -> Self {
        MemberStateDocument {
            code: Some(ms.iso().to_owned()),
            eurostat_code: Some(ms.country().eurostat().to_owned()),
            name: Some(ms.name().to_owned()),
            projects: Some(projects),
            calls: Some(calls),
            ..Default::default()
        }
    }

    /// Fills in what is written on the page.
    pub fn with_writing(mut self, w: &MemberStateWriting) -> Self {
        self.nrem.clone_from(&w.nrem);
        self.nrem_institution.clone_from(&w.nrem_institution);
        self.nrem_website.clone_from(&w.nrem_website);
        self.nrem_email.clone_from(&w.nrem_email);
        self.nrem_postal_address.clone_from(&w.nrem_postal_address);
        self.national_reports = w
            .national_reports
            .iter()
            .map(|r| NationalReportDocument { title: r.title.clone(), year: Some(r.year), url: r.url.clone() })
            .collect();
        self.summary.clone_from(&w.summary);
        self
    }

    /// Checks what is written, trimmed, or every problem, each at its field. `this_year` bounds the year
    /// of a report: none is published in the future.
    pub fn check_page(self, this_year: i32) -> Result<MemberStateWriting, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let one_line = |field: &str, text: Option<String>, max: usize, problems: &mut Vec<FieldProblem>| {
            let text = trimmed(text);
            if let Some(t) = &text {
                if t.chars().count() > max {
                    problems.push(FieldProblem::new(field, format!("the text must have at most {max} characters")));
                } else if let Some(problem) = crate::limits::characters_problem(t, false) {
                    problems.push(FieldProblem::new(field, format!("the text {problem}")));
                }
            }
            text
        };
        let nrem = one_line("nrem", self.nrem, MAX_NREM_CHARS, &mut problems);
        let nrem_institution = one_line("nrem_institution", self.nrem_institution, MAX_LINE_CHARS, &mut problems);
        let web_address = |field: &str, text: Option<String>, problems: &mut Vec<FieldProblem>| {
            trimmed(text)
                .and_then(|t| check_web_address(&t).map_err(|e| problems.push(FieldProblem::new(field, e))).ok())
        };
        let nrem_website = web_address("nrem_website", self.nrem_website, &mut problems);
        let nrem_email = trimmed(self.nrem_email).and_then(|t| match Email::parse(&t) {
            Ok(e) => Some(e.as_str().to_owned()),
            Err(_) => {
                problems.push(FieldProblem::new(
                    "nrem_email",
                    format!("{t:?} is not an e-mail address such as rapporteur@example.org"),
                ));
                None
            }
        });
        let nrem_postal_address = trimmed(self.nrem_postal_address.map(|a| a.replace("\r\n", "\n")));
        if let Some(a) = &nrem_postal_address {
            if a.chars().count() > MAX_ADDRESS_CHARS {
                problems.push(FieldProblem::new(
                    "nrem_postal_address",
                    format!("the address must have at most {MAX_ADDRESS_CHARS} characters"),
                ));
            } else if let Some(problem) = crate::limits::characters_problem(a, true) {
                problems.push(FieldProblem::new("nrem_postal_address", format!("the text {problem}")));
            }
        }
        if self.national_reports.len() > MAX_NATIONAL_REPORTS {
            problems.push(FieldProblem::new(
                "national_reports",
                format!("a page lists at most {MAX_NATIONAL_REPORTS} national reports"),
            ));
        }
        let mut national_reports = Vec::new();
        for (i, r) in self.national_reports.into_iter().enumerate() {
            let title_field = format!("national_reports[{i}].title");
            let title = one_line(&title_field, Some(r.title), MAX_LINE_CHARS, &mut problems);
            let url = web_address(&format!("national_reports[{i}].url"), r.url, &mut problems);
            if title.is_none() && r.year.is_none() && url.is_none() {
                // A row of the form left empty.
                continue;
            }
            if title.is_none() {
                problems.push(FieldProblem::new(title_field, "a national report needs its title"));
            }
            let year_field = format!("national_reports[{i}].year");
            match r.year {
                None => problems.push(FieldProblem::new(year_field, "a national report needs its year")),
                Some(y) if !(FIRST_REPORT_YEAR..=this_year).contains(&y) => problems.push(FieldProblem::new(
                    year_field,
                    format!("the year must be from {FIRST_REPORT_YEAR} to {this_year}"),
                )),
                Some(_) => {}
            }
            if let (Some(title), Some(year)) = (title, r.year) {
                national_reports.push(NationalReport { title, year, url });
            }
        }
        let summary = paragraphs(self.summary);
        if summary.iter().map(|p| p.chars().count()).sum::<usize>() > MAX_SUMMARY_CHARS {
            problems.push(FieldProblem::new("summary", "the summary must have at most 20,000 characters"));
        }
        if problems.is_empty() {
            Ok(MemberStateWriting {
                nrem,
                nrem_institution,
                nrem_website,
                nrem_email,
                nrem_postal_address,
                national_reports,
                summary,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(title: &str, year: Option<i32>, url: Option<&str>) -> NationalReportDocument {
        NationalReportDocument { title: title.into(), year, url: url.map(str::to_owned) }
    }

    #[test]
    fn every_field_is_checked_at_its_name() {
        let sent = MemberStateDocument {
            nrem: Some(" Federal rapporteur ".into()),
            nrem_website: Some("www.example.org".into()),
            nrem_email: Some("not an address".into()),
            national_reports: vec![
                report("First report", Some(2015), Some("https://example.org/r.pdf")),
                report("", None, None),
                report("Future report", Some(2999), None),
                report("", Some(2016), None),
            ],
            ..Default::default()
        };
        let problems = sent.check_page(2026).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["nrem_website", "nrem_email", "national_reports[2].year", "national_reports[3].title"],
            "{problems:?}"
        );
    }

    #[test]
    fn a_clean_page_is_trimmed_and_empty_rows_dropped() {
        let sent = MemberStateDocument {
            nrem: Some(" Federal rapporteur ".into()),
            nrem_email: Some("Rapporteur@Example.org".into()),
            nrem_postal_address: Some("Street 1\r\n10115 Berlin".into()),
            national_reports: vec![report("", None, Some(" ")), report(" Report ", Some(2015), None)],
            ..Default::default()
        };
        let w = sent.check_page(2026).unwrap();
        assert_eq!(w.nrem.as_deref(), Some("Federal rapporteur"));
        assert_eq!(w.nrem_email.as_deref(), Some("rapporteur@example.org"));
        assert_eq!(w.nrem_postal_address.as_deref(), Some("Street 1\n10115 Berlin"));
        assert_eq!(w.national_reports, [NationalReport { title: "Report".into(), year: 2015, url: None }]);
        assert!(w.is_filled_in() && w.names_the_nrem());
        assert!(!MemberStateWriting::default().is_filled_in());
    }
}
