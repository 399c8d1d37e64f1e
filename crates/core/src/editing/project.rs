//! A funded project as a document.

use super::{ContentKind, Editable, References};
use crate::content::{Lead, LeadRole, Project};
use crate::country::Country;
use crate::dates::months_between;
use crate::money::Eur;
use crate::partners::Partner;
use crate::problems::{paragraphs, trimmed, Checker, FieldProblem};
use crate::reference::ProjectReference;
use crate::slug::Slug;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A project. Dates are ISO 8601, the budget a decimal string in euro; unknown values are null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDocument {
    pub slug: String,
    pub acronym: Option<String>,
    pub title: String,
    /// As the source writes it: "FP7 290529", "28756 – FP6", "ERC-2016-StG Grant #714222".
    pub reference: String,
    /// Set by the server from the reference: FP6, FP7, ERC (or SYNTHETIC for generated load-test data).
    pub programme: Option<String>,
    /// Set by the server from the reference: the call of an ERC grant ("ERC-2016-StG").
    pub call: Option<String>,
    /// Set by the server from the reference: StG, CoG … for ERC grants.
    pub erc_grant: Option<String>,
    /// Set by the server from the reference.
    pub grant_number: Option<u32>,
    pub coordinator: LeadDocument,
    pub principal_investigator: Option<String>,
    /// "7999182.00"
    pub budget_eur: Option<String>,
    /// The budget as the source writes it; kept by the server once the project exists.
    pub budget_as_written: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start_date: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub end_date: Option<NaiveDate>,
    /// Whole months; when left out, counted from the dates.
    pub duration_months: Option<u32>,
    /// The dates as the source writes them; kept by the server once the project exists.
    pub timeframe_as_written: Option<String>,
    #[serde(default)]
    pub partners: Vec<PartnerDocument>,
    pub partners_note: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub mid_term_summary: Vec<String>,
    #[serde(default)]
    pub trafficking_link: Vec<String>,
    pub publications: Option<String>,
    /// Headings the source keeps with nothing under them, whose links were lost; kept by the server once the
    /// project exists.
    #[serde(default)]
    pub links_lost: Vec<String>,
    /// Set by the server: true for generated load-test data, which describes no real project.
    pub synthetic: Option<bool>,
    /// False for drafts and withdrawn projects (seen only by editors). Given on creation to publish at once;
    /// afterwards it changes only by publishing or withdrawing.
    pub published: Option<bool>,
}

/// The coordinator or host institution; unknown parts are null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadDocument {
    /// coordinator or host_institution
    pub role: String,
    pub name: Option<String>,
    pub address: Option<String>,
    /// ISO 3166-1 alpha-2 (XK for Kosovo).
    pub country: Option<String>,
    /// The lead as the source writes it; made from the parts when left out, and kept by the server once the
    /// project exists.
    pub as_written: Option<String>,
}

/// A partner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerDocument {
    pub name: String,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2 (XK for Kosovo).
    pub country: Option<String>,
}

impl From<&Partner> for PartnerDocument {
    fn from(p: &Partner) -> Self {
        PartnerDocument {
            name: p.name.clone(),
            acronym: p.acronym.clone(),
            country: p.country.map(|c| c.iso().to_owned()),
        }
    }
}

fn country(check: &mut Checker, field: &str, code: Option<String>) -> Option<Country> {
    trimmed(code).and_then(|c| check.ok(field, Country::parse_code(&c)))
}

/// Pages of the site under /projects/ whose address a project's slug would shadow.
pub const RESERVED_SLUGS: &[&str] = &["timeline"];

impl Editable for Project {
    const KIND: ContentKind = ContentKind::Project;
    type Document = ProjectDocument;
    const SERVER_FIELDS: &'static [&'static str] = &[
        "programme",
        "call",
        "erc_grant",
        "grant_number",
        "coordinator.as_written",
        "budget_as_written",
        "timeframe_as_written",
        "links_lost",
        "synthetic",
        "published",
    ];

    fn to_document(&self, _: DateTime<Utc>) -> ProjectDocument {
        let p = self.clone();
        ProjectDocument {
            slug: p.slug.to_string(),
            acronym: p.acronym,
            title: p.title,
            programme: Some(p.reference.programme.code().to_owned()),
            call: p.reference.call,
            erc_grant: p.reference.erc_grant.map(|g| format!("{g:?}")),
            grant_number: Some(p.reference.grant_number),
            reference: p.reference.as_written,
            coordinator: LeadDocument {
                role: p.lead.role.code().to_owned(),
                name: p.lead.name,
                address: p.lead.address,
                country: p.lead.country.map(|c| c.iso().to_owned()),
                as_written: Some(p.lead.as_written),
            },
            principal_investigator: p.principal_investigator,
            budget_eur: p.budget.map(|b| b.to_decimal_string()),
            budget_as_written: p.budget_as_written,
            start_date: p.start_date,
            end_date: p.end_date,
            duration_months: p.duration_months,
            timeframe_as_written: p.timeframe_as_written,
            partners: p.partners.iter().map(PartnerDocument::from).collect(),
            partners_note: p.partners_note,
            objectives: p.objectives,
            mid_term_summary: p.mid_term_summary,
            trafficking_link: p.trafficking_link,
            publications: p.publications,
            links_lost: p.links_lost,
            synthetic: Some(p.synthetic),
            published: Some(p.published),
        }
    }

    fn from_document(d: ProjectDocument, _: &References) -> Result<Project, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let mut slug = check.slug(&d.slug);
        if slug.as_ref().is_some_and(|s| RESERVED_SLUGS.contains(&s.as_str())) {
            check.bad("slug", "this address is taken by a page of the site (/projects/timeline): choose another slug");
            slug = None;
        }
        let title = check.title(&d.title);
        let reference = check.ok("reference", ProjectReference::parse(d.reference.trim()));
        let role = LeadRole::parse(d.coordinator.role.trim());
        if role.is_none() {
            check.bad("coordinator.role", "the role must be coordinator or host_institution");
        }
        let lead_country = country(&mut check, "coordinator.country", d.coordinator.country);
        let budget = trimmed(d.budget_eur).and_then(|b| check.ok("budget_eur", Eur::parse_decimal(&b)));
        if let (Some(s), Some(e)) = (d.start_date, d.end_date) {
            if e < s {
                check.bad("end_date", "the end date is before the start date");
            }
        }
        let counted = d.start_date.zip(d.end_date).map(|(s, e)| months_between(s, e));
        if let (Some(given), Some(counted)) = (d.duration_months, counted) {
            if given != counted {
                check.bad("duration_months", format!("{given} months given, but the dates span {counted}"));
            }
        }
        let mut partners = Vec::new();
        for (i, p) in d.partners.into_iter().enumerate() {
            let name = p.name.trim().to_owned();
            if name.is_empty() {
                check.bad(format!("partners[{i}].name"), "a partner needs a name");
            }
            check.one_line(&format!("partners[{i}].name"), &name);
            check.one_line(&format!("partners[{i}].acronym"), p.acronym.as_deref().unwrap_or_default());
            let country = country(&mut check, &format!("partners[{i}].country"), p.country);
            partners.push(Partner { name, acronym: trimmed(p.acronym), country });
        }
        check.one_line("acronym", d.acronym.as_deref().unwrap_or_default());
        check.one_line("coordinator.name", d.coordinator.name.as_deref().unwrap_or_default());
        let name = trimmed(d.coordinator.name);
        let address = trimmed(d.coordinator.address);
        let as_written = trimmed(d.coordinator.as_written).unwrap_or_else(|| {
            [name.clone(), address.clone(), lead_country.map(|c| c.name().to_owned())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        let project = slug.zip(reference).zip(role).map(|((slug, reference), role)| Project {
            slug,
            acronym: trimmed(d.acronym),
            title,
            reference,
            lead: Lead { role, as_written, name, address, country: lead_country },
            principal_investigator: trimmed(d.principal_investigator),
            budget,
            budget_as_written: trimmed(d.budget_as_written),
            start_date: d.start_date,
            end_date: d.end_date,
            duration_months: d.duration_months.or(counted),
            timeframe_as_written: trimmed(d.timeframe_as_written),
            partners,
            partners_note: trimmed(d.partners_note),
            objectives: paragraphs(d.objectives),
            mid_term_summary: paragraphs(d.mid_term_summary),
            trafficking_link: paragraphs(d.trafficking_link),
            publications: trimmed(d.publications),
            links_lost: d.links_lost,
            synthetic: false,
            published: d.published.unwrap_or(false),
        });
        check.finish(project)
    }

    fn keep_server_fields(&mut self, current: &Project) {
        self.published = current.published;
        self.synthetic = current.synthetic;
        self.lead.as_written.clone_from(&current.lead.as_written);
        self.budget_as_written.clone_from(&current.budget_as_written);
        self.timeframe_as_written.clone_from(&current.timeframe_as_written);
        self.links_lost.clone_from(&current.links_lost);
    }

    super::item_accessors!();
    fn heading(&self) -> String {
        match &self.acronym {
            Some(a) => format!("{a}: {}", self.title),
            None => self.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::*;
    use crate::content::Bundle;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn every_project_survives_its_own_document() {
        for p in Bundle::embedded().unwrap().projects {
            let document = p.to_document(now());
            let sent = serde_json::to_value(&document).unwrap();
            let back: Project = check(document, &sent, Some(&p), &References::default(), now()).unwrap();
            assert_eq!(back, p);
        }
    }

    #[test]
    fn a_slug_may_not_shadow_a_page_of_the_site() {
        let mut d = Bundle::embedded().unwrap().projects[0].to_document(now());
        d.slug = "timeline".into();
        let problems = Project::from_document(d, &References::default()).unwrap_err();
        assert_eq!(problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(), ["slug"]);
        assert!(problems[0].detail.contains("/projects/timeline"), "{}", problems[0].detail);
    }

    #[test]
    fn a_bad_project_names_every_field() {
        let d = ProjectDocument {
            slug: "Bad Slug".into(),
            title: " ".into(),
            reference: "FP9".into(),
            coordinator: LeadDocument { role: "boss".into(), country: Some("Atlantis".into()), ..Default::default() },
            budget_eur: Some("lots".into()),
            start_date: NaiveDate::from_ymd_opt(2020, 1, 1),
            end_date: NaiveDate::from_ymd_opt(2019, 1, 1),
            partners: vec![PartnerDocument { name: " ".into(), acronym: None, country: Some("XX".into()) }],
            ..Default::default()
        };
        let problems = Project::from_document(d, &References::default()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "slug",
                "title",
                "reference",
                "coordinator.role",
                "coordinator.country",
                "budget_eur",
                "end_date",
                "partners[0].name",
                "partners[0].country"
            ]
        );
    }

    #[test]
    fn server_fields_are_refused_by_name_when_changed() {
        let p = Bundle::embedded().unwrap().projects.remove(0);
        let mut sent = serde_json::to_value(p.to_document(now())).unwrap();
        sent["programme"] = json!("ERC");
        sent["grant_number"] = json!(1);
        sent["budget_as_written"] = json!("a billion");
        sent["published"] = json!(false);
        let document: ProjectDocument = serde_json::from_value(sent.clone()).unwrap();
        let problems = check::<Project>(document, &sent, Some(&p), &References::default(), now()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["programme", "grant_number", "budget_as_written", "published"]);
    }
}
