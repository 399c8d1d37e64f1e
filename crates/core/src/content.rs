//! The portal's content types, and the bundled content read from `content/bundled.toml`.

use crate::bundle::{RawBundle, RawProject};
use crate::calls::{CallKind, Deadline};
use crate::country::{Country, MemberState};
use crate::dates::{parse_day_first, parse_day_first_range, parse_months, PartialDate};
use crate::editing::{
    CallDocument, Editable, InstrumentDocument, LeadDocument, NewsDocument, PartnerDocument, ProjectDocument,
    References,
};
use crate::money::Eur;
use crate::partners::{parse_partner_line, Partner};
use crate::problems::FieldProblem;
use crate::reference::ProjectReference;
use crate::slug::Slug;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The bundled file, compiled in so that a fresh start needs nothing else.
pub const BUNDLED_TOML: &str = include_str!("../content/bundled.toml");

/// Whether the lead institution coordinates the project or hosts an ERC grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadRole {
    Coordinator,
    HostInstitution,
}

impl LeadRole {
    pub fn code(self) -> &'static str {
        match self {
            LeadRole::Coordinator => "coordinator",
            LeadRole::HostInstitution => "host_institution",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "coordinator" => Some(LeadRole::Coordinator),
            "host_institution" => Some(LeadRole::HostInstitution),
            _ => None,
        }
    }
}

/// The coordinator or host institution; every part the source does not give is `None` (unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub role: LeadRole,
    pub as_written: String,
    pub name: Option<String>,
    pub address: Option<String>,
    pub country: Option<Country>,
}

/// A funded project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub slug: Slug,
    pub acronym: Option<String>,
    pub title: String,
    pub reference: ProjectReference,
    pub lead: Lead,
    pub principal_investigator: Option<String>,
    pub budget: Option<Eur>,
    pub budget_as_written: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub duration_months: Option<u32>,
    /// The dates exactly as the page writes them.
    pub timeframe_as_written: Option<String>,
    pub partners: Vec<Partner>,
    pub partners_note: Option<String>,
    pub objectives: Vec<String>,
    pub mid_term_summary: Vec<String>,
    pub trafficking_link: Vec<String>,
    pub publications: Option<String>,
    /// Headings the source keeps with nothing under them ("Further information"): its links were lost.
    #[serde(default)]
    pub links_lost: Vec<String>,
    /// Generated for load tests; shown as synthetic wherever it appears.
    pub synthetic: bool,
    /// Shown to the public; editors' drafts and withdrawn projects are not.
    pub published: bool,
}

impl Project {
    /// The acronym, or the title where there is none.
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.title)
    }

    /// Where the project stands on `today` (a day in Brussels, see [`today_in_brussels`](crate::dates::today_in_brussels)), from its dates.
    pub fn status_on(&self, today: NaiveDate) -> ProjectStatus {
        match (self.start_date, self.last_day()) {
            (Some(start), _) if today < start => ProjectStatus::NotStarted,
            (_, Some(end)) if today > end => ProjectStatus::Closed,
            (Some(_), Some(_)) => ProjectStatus::Running,
            (Some(_), None) => ProjectStatus::StartedEndNotGiven,
            (None, _) => ProjectStatus::DatesNotGiven,
        }
    }

    /// The project's last day: its end date, or where the source gives none, the day before its start plus its
    /// duration. Status, the year filters and the Gantt view all count by it.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end_date.or_else(|| {
            let months = self.duration_months?;
            self.start_date?.checked_add_months(chrono::Months::new(months))?.pred_opt()
        })
    }

    /// Every country the project involves: its lead's and its partners'.
    pub fn countries(&self) -> Vec<Country> {
        let mut all: Vec<Country> =
            self.lead.country.into_iter().chain(self.partners.iter().filter_map(|p| p.country)).collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Where a project stands against a day, from its start and end dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectStatus {
    NotStarted,
    Running,
    Closed,
    /// It has started, and no end date or duration is given to say whether it is over.
    StartedEndNotGiven,
    /// No start date is given (and no end date that has passed).
    DatesNotGiven,
}

impl ProjectStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::NotStarted => "not_started",
            ProjectStatus::Running => "running",
            ProjectStatus::Closed => "closed",
            ProjectStatus::StartedEndNotGiven => "started_end_not_given",
            ProjectStatus::DatesNotGiven => "dates_not_given",
        }
    }
}

/// A funding call or call for expression of interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub slug: Slug,
    pub kind: CallKind,
    pub fund: Option<String>,
    pub title: String,
    pub topic: Option<String>,
    pub work_programme: Option<String>,
    pub deadline: Deadline,
    pub deadline_as_written: String,
    pub summary: Vec<String>,
    pub eligible_member_states: Vec<MemberState>,
    pub errata: Vec<String>,
    pub instruments: Vec<Slug>,
    /// Shown to the public; editors' drafts and withdrawn calls are not.
    pub published: bool,
}

/// A news item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsItem {
    pub slug: Slug,
    pub title: String,
    pub date: PartialDate,
    pub body: Vec<String>,
    pub instruments: Vec<Slug>,
    pub agencies: Vec<Slug>,
    /// Shown to the public; editors' drafts and withdrawn items are not.
    pub published: bool,
}

/// An EU agency of the Joint Statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub slug: Slug,
    pub acronym: String,
    pub name: String,
    pub now_known_as: Option<String>,
    /// The agency's official web site.
    pub website: Option<String>,
}

/// The kind of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    Directive,
    CouncilConclusions,
    Strategy,
    Communication,
    JointStatement,
    Report,
    Study,
    WorkProgramme,
}

impl InstrumentKind {
    pub const ALL: [InstrumentKind; 8] = [
        InstrumentKind::Directive,
        InstrumentKind::CouncilConclusions,
        InstrumentKind::Strategy,
        InstrumentKind::Communication,
        InstrumentKind::JointStatement,
        InstrumentKind::Report,
        InstrumentKind::Study,
        InstrumentKind::WorkProgramme,
    ];
    pub fn code(self) -> &'static str {
        match self {
            InstrumentKind::Directive => "directive",
            InstrumentKind::CouncilConclusions => "council_conclusions",
            InstrumentKind::Strategy => "strategy",
            InstrumentKind::Communication => "communication",
            InstrumentKind::JointStatement => "joint_statement",
            InstrumentKind::Report => "report",
            InstrumentKind::Study => "study",
            InstrumentKind::WorkProgramme => "work_programme",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == text)
    }
}

/// An article of an instrument that the content cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub number: String,
    pub subject: String,
}

/// A legal or policy instrument, report, study or work programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    pub slug: Slug,
    pub kind: InstrumentKind,
    pub title: String,
    pub reference: Option<String>,
    /// EUR-Lex's number for the act, where it has one and it is known for certain.
    pub celex: Option<crate::links::Celex>,
    pub date: Option<PartialDate>,
    pub summary: Vec<String>,
    pub articles: Vec<Article>,
    /// Shown to the public; editors' drafts and withdrawn instruments are not.
    pub published: bool,
}

/// A body of the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub slug: Slug,
    pub name: String,
    pub acronym: Option<String>,
    pub description: Vec<String>,
    pub established: Option<PartialDate>,
}

/// An institution named by the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    pub slug: Slug,
    pub name: String,
    pub acronym: Option<String>,
    pub country: Option<Country>,
    pub kind: String,
}

/// A person named by the content, with the role it gives them at the time it speaks of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: String,
    /// When the source speaks of them in that role.
    pub as_of: Option<PartialDate>,
}

/// A commitment or action to monitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub slug: Slug,
    pub instrument: Slug,
    pub title: String,
    pub priority: Option<String>,
    /// Agency slugs, or `commission`, `member-states`.
    pub owners: Vec<Slug>,
    pub due: Option<NaiveDate>,
    /// The words of the source that state it (empty for commitments editors enter).
    pub source_text: String,
}

/// Everything the seed page states, parsed.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub source: String,
    pub projects: Vec<Project>,
    pub calls: Vec<Call>,
    pub news: Vec<NewsItem>,
    pub agencies: Vec<Agency>,
    pub instruments: Vec<Instrument>,
    pub bodies: Vec<Body>,
    pub institutions: Vec<Institution>,
    pub people: Vec<Person>,
    pub commitments: Vec<Commitment>,
    /// The source's own words introducing sections of the portal, by section name ("legislation").
    pub sections: Vec<(String, Vec<String>)>,
}

/// A bundle entry that cannot be read, named by its item and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bundled content, {item}, field `{field}`: {reason}")]
pub struct ContentError {
    pub item: String,
    pub field: String,
    pub reason: String,
}

impl Bundle {
    /// What the bundle's items may refer to: its instruments and agencies.
    pub fn references(&self) -> References {
        References {
            instruments: self.instruments.iter().map(|i| i.slug.clone()).collect(),
            agencies: self.agencies.iter().map(|a| a.slug.clone()).collect(),
        }
    }

    /// The bundle compiled into the binary.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::from_toml(BUNDLED_TOML)
    }

    /// Reads and parses a bundle file.
    pub fn from_toml(text: &str) -> Result<Self, ContentError> {
        let raw: RawBundle = toml::from_str(text).map_err(|e| ContentError {
            item: "file".into(),
            field: "toml".into(),
            reason: e.to_string(),
        })?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawBundle) -> Result<Self, ContentError> {
        // Items refer to instruments and agencies of the bundle; the documents' own rules check each link.
        let refs = References {
            instruments: raw
                .instrument
                .iter()
                .map(|i| slug(&format!("instrument {}", i.slug), &i.slug))
                .collect::<Result<_, _>>()?,
            agencies: raw
                .agency
                .iter()
                .map(|a| slug(&format!("agency {}", a.slug), &a.slug))
                .collect::<Result<_, _>>()?,
        };
        let projects = raw
            .project
            .iter()
            .map(|p| checked(&format!("project {}", p.slug), project_document(p)?, &refs))
            .collect::<Result<_, _>>()?;
        let calls = raw
            .call
            .iter()
            .map(|c| checked(&format!("call {}", c.slug), CallDocument { published: Some(true), ..c.clone() }, &refs))
            .collect::<Result<_, _>>()?;
        let news = raw
            .news
            .iter()
            .map(|n| checked(&format!("news {}", n.slug), NewsDocument { published: Some(true), ..n.clone() }, &refs))
            .collect::<Result<_, _>>()?;
        let agencies = raw
            .agency
            .into_iter()
            .map(|a| {
                let item = format!("agency {}", a.slug);
                Ok(Agency {
                    slug: slug(&item, &a.slug)?,
                    acronym: a.acronym,
                    name: a.name,
                    now_known_as: a.now_known_as,
                    website: a
                        .website
                        .map(|w| crate::links::check_web_address(&w))
                        .transpose()
                        .map_err(|reason| ContentError { item: item.clone(), field: "website".into(), reason })?,
                })
            })
            .collect::<Result<_, ContentError>>()?;
        let instruments = raw
            .instrument
            .iter()
            .map(|i| {
                checked(
                    &format!("instrument {}", i.slug),
                    InstrumentDocument { published: Some(true), ..i.clone() },
                    &refs,
                )
            })
            .collect::<Result<_, ContentError>>()?;
        let bodies = raw
            .body
            .into_iter()
            .map(|b| {
                let item = format!("body {}", b.slug);
                Ok(Body {
                    slug: slug(&item, &b.slug)?,
                    established: b
                        .established
                        .as_deref()
                        .map(PartialDate::parse)
                        .transpose()
                        .map_err(|e| bad(&item, "established", e))?,
                    name: b.name,
                    acronym: b.acronym,
                    description: b.description,
                })
            })
            .collect::<Result<_, ContentError>>()?;
        let institutions = raw
            .institution
            .into_iter()
            .map(|i| {
                let item = format!("institution {}", i.slug);
                Ok(Institution {
                    slug: slug(&item, &i.slug)?,
                    country: country(&item, "country", i.country.as_deref())?,
                    name: i.name,
                    acronym: i.acronym,
                    kind: i.kind,
                })
            })
            .collect::<Result<_, ContentError>>()?;
        let people = raw
            .person
            .into_iter()
            .map(|p| {
                let item = format!("person {}", p.name);
                Ok(Person {
                    as_of: Some(PartialDate::parse(&p.as_of).map_err(|e| bad(&item, "as_of", e))?),
                    name: p.name,
                    role: p.role,
                })
            })
            .collect::<Result<_, ContentError>>()?;
        let sections = raw.section.into_iter().map(|s| (s.name, s.paragraphs)).collect();
        let commitments = raw
            .commitment
            .into_iter()
            .map(|c| {
                let item = format!("commitment {}", c.slug);
                Ok(Commitment {
                    slug: slug(&item, &c.slug)?,
                    instrument: slug(&item, &c.instrument)?,
                    owners: slugs(&item, &c.owners)?,
                    due: c
                        .due
                        .as_deref()
                        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| bad(&item, "due", e)))
                        .transpose()?,
                    title: c.title,
                    priority: c.priority,
                    source_text: c.source_text,
                })
            })
            .collect::<Result<_, ContentError>>()?;
        let bundle = Bundle {
            source: raw.source,
            projects,
            calls,
            news,
            agencies,
            instruments,
            bodies,
            institutions,
            people,
            commitments,
            sections,
        };
        bundle.check_links()?;
        Ok(bundle)
    }

    /// Every instrument and owner a commitment points at exists.
    fn check_links(&self) -> Result<(), ContentError> {
        let known = |s: &Slug| self.instruments.iter().any(|i| &i.slug == s);
        for c in &self.commitments {
            if !known(&c.instrument) {
                return Err(bad(
                    &format!("commitment {}", c.slug),
                    "instrument",
                    format!("no instrument {}", c.instrument),
                ));
            }
            let owner_ok = |o: &Slug| {
                matches!(o.as_str(), "commission" | "member-states") || self.agencies.iter().any(|a| &a.slug == o)
            };
            if let Some(o) = c.owners.iter().find(|o| !owner_ok(o)) {
                return Err(bad(&format!("commitment {}", c.slug), "owners", format!("no agency {o}")));
            }
        }
        Ok(())
    }
}

/// A bundled item through the same rules as an editor's: its document checked, published.
fn checked<T: Editable>(item: &str, document: T::Document, refs: &References) -> Result<T, ContentError> {
    T::from_document(document, refs).map_err(|problems| {
        let FieldProblem { field, detail } = problems.into_iter().next().expect("a refusal names a problem");
        ContentError { item: item.to_owned(), field, reason: detail }
    })
}

fn bad(item: &str, field: &str, reason: impl ToString) -> ContentError {
    ContentError { item: item.to_owned(), field: field.to_owned(), reason: reason.to_string() }
}

fn slug(item: &str, text: &str) -> Result<Slug, ContentError> {
    Slug::parse(text).map_err(|e| bad(item, "slug", e))
}

fn slugs(item: &str, texts: &[String]) -> Result<Vec<Slug>, ContentError> {
    texts.iter().map(|t| slug(item, t)).collect()
}

fn country(item: &str, field: &str, name: Option<&str>) -> Result<Option<Country>, ContentError> {
    name.map(Country::from_name).transpose().map_err(|e| bad(item, field, e))
}

/// A country as the page names it, as the ISO code a document holds.
fn country_code(item: &str, field: &str, name: Option<&str>) -> Result<Option<String>, ContentError> {
    Ok(country(item, field, name)?.map(|c| c.iso().to_owned()))
}

/// A project as the page writes it (budgets, dates and partners in the page's own forms), as a document.
fn project_document(p: &RawProject) -> Result<ProjectDocument, ContentError> {
    let item = format!("project {}", p.slug);
    let item = item.as_str();
    let budget = p.budget.as_deref().map(Eur::parse_written).transpose().map_err(|e| bad(item, "budget", e))?;
    let (start_date, end_date, timeframe_as_written) = match (&p.timeframe, &p.start, &p.end) {
        (Some(range), None, None) => {
            let (s, e) = parse_day_first_range(range).map_err(|e| bad(item, "timeframe", e))?;
            (Some(s), Some(e), Some(range.clone()))
        }
        (None, start, end) => {
            let start_date = start.as_deref().map(parse_day_first).transpose().map_err(|e| bad(item, "start", e))?;
            let end_date = end.as_deref().map(parse_day_first).transpose().map_err(|e| bad(item, "end", e))?;
            let written = match (start, end) {
                (Some(s), Some(e)) => Some(format!("{s} – {e}")),
                (Some(s), None) => Some(s.clone()),
                (None, Some(e)) => Some(e.clone()),
                (None, None) => None,
            };
            (start_date, end_date, written)
        }
        _ => return Err(bad(item, "timeframe", "give either timeframe or start/end, not both")),
    };
    let mut partners = Vec::new();
    for line in &p.partners {
        partners
            .extend(parse_partner_line(line).map_err(|e| bad(item, "partners", e))?.iter().map(PartnerDocument::from));
    }
    Ok(ProjectDocument {
        slug: p.slug.clone(),
        acronym: p.acronym.clone(),
        title: p.title.clone(),
        reference: p.reference.clone(),
        coordinator: LeadDocument {
            role: p.lead.role.clone(),
            name: p.lead.name.clone(),
            address: p.lead.address.clone(),
            country: country_code(item, "lead.country", p.lead.country.as_deref())?,
            as_written: Some(p.lead.as_written.clone()),
        },
        principal_investigator: p.principal_investigator.clone(),
        budget_eur: budget.map(|b| b.to_decimal_string()),
        budget_as_written: p.budget.clone(),
        start_date,
        end_date,
        duration_months: p.duration.as_deref().map(parse_months).transpose().map_err(|e| bad(item, "duration", e))?,
        timeframe_as_written,
        partners,
        partners_note: p.partners_note.clone(),
        objectives: p.objectives.clone(),
        mid_term_summary: p.mid_term_summary.clone(),
        trafficking_link: p.trafficking_link.clone(),
        publications: p.publications.clone(),
        links_lost: p.links_lost.clone(),
        published: Some(true),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::today_in_brussels;
    use crate::reference::Programme;

    fn bundle() -> Bundle {
        Bundle::embedded().expect("the bundled content parses")
    }

    #[test]
    fn a_projects_status_follows_its_dates_in_brussels() {
        let mut p = bundle().projects.into_iter().find(|p| p.slug.as_str() == "anticorrp").unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(p.status_on(day(2012, 2, 29)), ProjectStatus::NotStarted);
        assert_eq!(p.status_on(day(2012, 3, 1)), ProjectStatus::Running);
        assert_eq!(p.status_on(day(2017, 2, 28)), ProjectStatus::Running, "the last day still runs");
        assert_eq!(p.status_on(day(2017, 3, 1)), ProjectStatus::Closed);
        p.end_date = None;
        assert_eq!(p.status_on(day(2017, 3, 1)), ProjectStatus::Closed, "the end from the 60 months");
        p.duration_months = None;
        assert_eq!(p.status_on(day(2017, 3, 1)), ProjectStatus::StartedEndNotGiven);
        p.start_date = None;
        assert_eq!(p.status_on(day(2017, 3, 1)), ProjectStatus::DatesNotGiven);
        // 23:30 UTC on 28 February is already 1 March in Brussels.
        let late = chrono::DateTime::parse_from_rfc3339("2017-02-28T23:30:00Z").unwrap().to_utc();
        assert_eq!(today_in_brussels(late), day(2017, 3, 1));
    }

    #[test]
    fn six_projects_with_their_fields() {
        let b = bundle();
        assert_eq!(b.projects.len(), 6);
        let anticorrp = b.projects.iter().find(|p| p.slug.as_str() == "anticorrp").unwrap();
        assert_eq!(anticorrp.budget, Some(Eur::from_euros(7_999_182)));
        assert_eq!(anticorrp.reference.programme, Programme::Fp7);
        assert_eq!(anticorrp.reference.grant_number, 290529);
        assert_eq!(anticorrp.start_date, NaiveDate::from_ymd_opt(2012, 3, 1));
        assert_eq!(anticorrp.end_date, NaiveDate::from_ymd_opt(2017, 2, 28));
        assert_eq!(anticorrp.lead.country.map(|c| c.iso()), Some("SE"));
        assert_eq!(anticorrp.partners.len(), 20);
        assert_eq!(anticorrp.partners[0].acronym.as_deref(), Some("QOG"));
        assert_eq!(anticorrp.partners[19].acronym.as_deref(), Some("UNOTT"));
        let csd = anticorrp.partners.iter().find(|p| p.acronym.as_deref() == Some("CSD")).unwrap();
        assert_eq!(csd.country.map(|c| c.iso()), Some("BG"));
        let iks = anticorrp.partners.iter().find(|p| p.acronym.as_deref() == Some("IKS")).unwrap();
        assert_eq!(iks.country.map(|c| c.iso()), Some("XK"));
    }

    #[test]
    fn glomig_keeps_what_the_page_says_and_nothing_more() {
        let b = bundle();
        let glomig = b.projects.iter().find(|p| p.slug.as_str() == "glomig").unwrap();
        assert_eq!(glomig.lead.name, None);
        assert_eq!(glomig.lead.address.as_deref(), Some("Inonu Bulvari"));
        assert_eq!(glomig.lead.country.map(|c| c.iso()), Some("TR"));
        assert_eq!(glomig.reference.programme, Programme::Fp6);
        assert_eq!(glomig.budget, Some(Eur::from_euros(250_000)));
        assert_eq!(glomig.duration_months, Some(24));
    }

    #[test]
    fn erc_projects() {
        let b = bundle();
        let erc: Vec<_> = b.projects.iter().filter(|p| p.reference.programme == Programme::Erc).collect();
        assert_eq!(erc.len(), 4);
        for p in erc {
            assert_eq!(p.lead.role, LeadRole::HostInstitution, "{}", p.slug);
            assert_eq!(p.duration_months, Some(60), "{}", p.slug);
            assert!(p.partners.is_empty());
        }
    }

    #[test]
    fn calls_news_agencies() {
        let b = bundle();
        assert_eq!(b.calls.len(), 4);
        let csp = b.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap();
        let eligible: Vec<_> = csp.eligible_member_states.iter().map(|m| m.iso()).collect();
        assert_eq!(eligible, ["DK", "EE", "MT"]);
        assert!(!csp.errata.is_empty());
        let isf = b.calls.iter().find(|c| c.fund.as_deref() == Some("ISF-Police")).unwrap();
        let winter_brussels = chrono::DateTime::parse_from_rfc3339("2018-01-31T17:00:00+01:00").unwrap();
        assert_eq!(isf.deadline.instant(), winter_brussels);
        assert_eq!(b.news.len(), 3);
        assert_eq!(b.agencies.len(), 10);
        assert!(b.instruments.iter().any(|i| i.reference.as_deref() == Some("Directive 2011/36/EU")));
    }

    #[test]
    fn commitments_as_the_page_states_them() {
        let b = bundle();
        assert_eq!(b.commitments.len(), 7);
        let report = b.commitments.iter().find(|c| c.slug.as_str() == "com2017-progress-report").unwrap();
        assert_eq!(report.due, NaiveDate::from_ymd_opt(2018, 12, 31));
        let gender =
            b.commitments.iter().find(|c| c.slug.as_str() == "js2018-gender-specific-child-sensitive").unwrap();
        assert_eq!(gender.owners.len(), 10);
    }

    #[test]
    fn errors_name_item_and_field() {
        let text = BUNDLED_TOML.replacen("7.999.182€", "seven million", 1);
        let e = Bundle::from_toml(&text).unwrap_err();
        assert_eq!((e.item.as_str(), e.field.as_str()), ("project anticorrp", "budget"));
    }
}

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    NotStarted,
    InProgress,
    Done,
    Dropped,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 4] =
        [CommitmentStatus::NotStarted, CommitmentStatus::InProgress, CommitmentStatus::Done, CommitmentStatus::Dropped];

    pub fn code(self) -> &'static str {
        match self {
            CommitmentStatus::NotStarted => "not_started",
            CommitmentStatus::InProgress => "in_progress",
            CommitmentStatus::Done => "done",
            CommitmentStatus::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text)
    }
}
