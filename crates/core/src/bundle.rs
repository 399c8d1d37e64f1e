//! The bundled content: what the seed page states, as written, in `content/bundled.toml`.
//!
//! The file keeps the page's own wording for every field the page writes in a loose form (references,
//! budgets, dates, partner lines); [`crate::content`] parses those into domain types, so that the parsing
//! is tested code rather than hand-normalised data. Fields the page does not give are simply absent:
//! nothing is invented.

use crate::editing::{CallDocument, InstrumentDocument, NewsDocument};
use serde::Deserialize;

/// The whole bundle file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBundle {
    /// Where the content comes from, shown on the portal.
    pub source: String,
    /// The page's own words for the sections of the portal that present them ("legislation").
    #[serde(default)]
    pub section: Vec<RawSection>,
    pub project: Vec<RawProject>,
    /// Calls, news and instruments as the editors' documents have them (the page writes them plainly);
    /// every one of them is published.
    pub call: Vec<CallDocument>,
    pub news: Vec<NewsDocument>,
    pub agency: Vec<RawAgency>,
    pub instrument: Vec<InstrumentDocument>,
    pub body: Vec<RawBody>,
    pub institution: Vec<RawInstitution>,
    pub person: Vec<RawPerson>,
    #[serde(default)]
    pub commitment: Vec<RawCommitment>,
}

/// The page's words introducing one section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub name: String,
    pub paragraphs: Vec<String>,
}

/// A commitment or action the page states.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    pub slug: String,
    /// The instrument that makes the commitment.
    pub instrument: String,
    pub title: String,
    /// The priority of the Communication it belongs to, where there is one.
    pub priority: Option<String>,
    /// Agency slugs, or "commission", "member-states".
    pub owners: Vec<String>,
    /// "2018-12-31" where the page gives a deadline ("by the end of 2018").
    pub due: Option<String>,
    /// The page's words that state it.
    pub source_text: String,
}

/// A funded project as the page writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub slug: String,
    pub acronym: Option<String>,
    pub title: String,
    /// The reference exactly as written ("FP7 290529", "28756 – FP6", "ERC-2016-StG Grants #714222").
    pub reference: String,
    pub lead: RawLead,
    pub principal_investigator: Option<String>,
    /// The budget exactly as written ("7.999.182€", "€ 1,432,500.00").
    pub budget: Option<String>,
    /// A date range as written ("1/3/12 – 28/2/17", "01/04/2006 to 31/03/2008").
    pub timeframe: Option<String>,
    /// A start date as written, where the page gives start and end apart ("01/02/2017").
    pub start: Option<String>,
    pub end: Option<String>,
    /// The duration as written ("60 months").
    pub duration: Option<String>,
    /// Partner lines as written: "Name, Country (ACRONYM)"; one line may hold two partners.
    #[serde(default)]
    pub partners: Vec<String>,
    /// What the page writes instead of partners ("N/A").
    pub partners_note: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub mid_term_summary: Vec<String>,
    /// The paragraph(s) on the project's link to trafficking in human beings.
    #[serde(default)]
    pub trafficking_link: Vec<String>,
    /// The publication status as written ("No publications to date"); absent when the page is silent.
    pub publications: Option<String>,
    /// Headings the archived page keeps with nothing under them: their links were lost.
    #[serde(default)]
    pub links_lost: Vec<String>,
}

/// The coordinator or host institution of a project.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLead {
    /// "coordinator" or "host_institution".
    pub role: String,
    /// The lines of the page, as written, joined with "\n".
    pub as_written: String,
    pub name: Option<String>,
    pub address: Option<String>,
    /// Country name as the page writes it ("Sweden", "Turkey"); absent when the page does not say.
    pub country: Option<String>,
}

/// An EU agency signatory of the Joint Statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub slug: String,
    pub acronym: String,
    /// The name as the seed page writes it.
    pub name: String,
    /// The acronym the agency carries today, where it has changed (EASO is now EUAA).
    pub now_known_as: Option<String>,
    /// The agency's official web site (not on the seed page: added where certain, as of today's name).
    pub website: Option<String>,
}

/// A body of the network: NREMs, EU ATC, Civil Society Platform, agencies' coordination network.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBody {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub description: Vec<String>,
    /// "2013-05-31", "2009-06" …
    pub established: Option<String>,
}

/// An institution the page names (universities, institutes, EU institutions).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstitution {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    /// Country name as written, absent where the page does not say.
    pub country: Option<String>,
    /// eu_institution, research, ngo, government, international
    pub kind: String,
}

/// A person the page names, with the role it gives them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    pub role: String,
    /// When the page speaks of them in that role ("2018-06-13").
    pub as_of: String,
}
