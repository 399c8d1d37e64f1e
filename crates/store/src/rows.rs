//! Turning rows back into domain values; a value that no longer parses is reported as corrupt.

use crate::StoreError;
use chrono::NaiveDate;
use rapporteur_core::content::{Article, Lead, LeadRole};
use rapporteur_core::reference::{ErcGrant, ProjectReference};
use rapporteur_core::{
    Agency, Body, Call, CallKind, Country, Deadline, Eur, Institution, Instrument, InstrumentKind, MemberState,
    NewsItem, PartialDate, Partner, Person, Programme, Project, Slug,
};
use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::Row;

/// Reads the columns of one row, naming the object in every error.
pub(crate) struct RowReader<'r> {
    row: &'r AnyRow,
    kind: &'static str,
    key: String,
}

impl<'r> RowReader<'r> {
    pub(crate) fn new(row: &'r AnyRow, kind: &'static str) -> Self {
        let key = row.try_get::<String, _>("slug").unwrap_or_default();
        RowReader { row, kind, key }
    }

    fn corrupt(&self, field: &'static str, reason: impl ToString) -> StoreError {
        StoreError::Corrupt { kind: self.kind, key: self.key.clone(), field, reason: reason.to_string() }
    }

    pub(crate) fn text(&self, col: &'static str) -> Result<String, StoreError> {
        self.row.try_get::<String, _>(col).map_err(|e| self.corrupt(col, e))
    }
    pub(crate) fn opt_text(&self, col: &'static str) -> Result<Option<String>, StoreError> {
        self.row.try_get::<Option<String>, _>(col).map_err(|e| self.corrupt(col, e))
    }
    pub(crate) fn int(&self, col: &'static str) -> Result<i64, StoreError> {
        self.row.try_get::<i64, _>(col).map_err(|e| self.corrupt(col, e))
    }
    pub(crate) fn opt_int(&self, col: &'static str) -> Result<Option<i64>, StoreError> {
        self.row.try_get::<Option<i64>, _>(col).map_err(|e| self.corrupt(col, e))
    }
    pub(crate) fn slug(&self) -> Result<Slug, StoreError> {
        Slug::parse(&self.text("slug")?).map_err(|e| self.corrupt("slug", e))
    }
    pub(crate) fn json<T: DeserializeOwned>(&self, col: &'static str) -> Result<T, StoreError> {
        serde_json::from_str(&self.text(col)?).map_err(|e| self.corrupt(col, e))
    }
    pub(crate) fn opt_country(&self, col: &'static str) -> Result<Option<Country>, StoreError> {
        self.opt_text(col)?.map(|c| Country::parse_code(&c).map_err(|e| self.corrupt(col, e))).transpose()
    }
    pub(crate) fn opt_date(&self, col: &'static str) -> Result<Option<NaiveDate>, StoreError> {
        self.opt_text(col)?
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| self.corrupt(col, e)))
            .transpose()
    }
    pub(crate) fn opt_partial_date(&self, col: &'static str) -> Result<Option<PartialDate>, StoreError> {
        self.opt_text(col)?.map(|d| PartialDate::parse(&d).map_err(|e| self.corrupt(col, e))).transpose()
    }
}

pub(crate) fn erc_grant_code(g: ErcGrant) -> &'static str {
    match g {
        ErcGrant::StG => "StG",
        ErcGrant::CoG => "CoG",
        ErcGrant::AdG => "AdG",
        ErcGrant::SyG => "SyG",
        ErcGrant::PoC => "PoC",
    }
}

fn erc_grant_from_code(code: &str) -> Option<ErcGrant> {
    [ErcGrant::StG, ErcGrant::CoG, ErcGrant::AdG, ErcGrant::SyG, ErcGrant::PoC]
        .into_iter()
        .find(|g| erc_grant_code(*g) == code)
}

/// A partner as the aggregate in `partners_json` writes it.
#[derive(serde::Deserialize)]
struct PartnerJson {
    name: String,
    acronym: Option<String>,
    country: Option<String>,
}

/// A project row, with its partners from the `partners_json` aggregate.
pub(crate) fn project(row: &AnyRow) -> Result<Project, StoreError> {
    let r = RowReader::new(row, "project");
    let programme = r.text("programme")?;
    let reference = ProjectReference {
        as_written: r.text("reference")?,
        programme: Programme::parse(&programme).ok_or_else(|| r.corrupt("programme", &programme))?,
        call: r.opt_text("call_id")?,
        erc_grant: r
            .opt_text("erc_grant")?
            .map(|g| erc_grant_from_code(&g).ok_or_else(|| r.corrupt("erc_grant", g)))
            .transpose()?,
        grant_number: u32::try_from(r.int("grant_number")?).map_err(|e| r.corrupt("grant_number", e))?,
    };
    let role = r.text("lead_role")?;
    let lead = Lead {
        role: LeadRole::parse(&role).ok_or_else(|| r.corrupt("lead_role", &role))?,
        as_written: r.text("lead_as_written")?,
        name: r.opt_text("lead_name")?,
        address: r.opt_text("lead_address")?,
        country: r.opt_country("lead_country")?,
    };
    let project = Project {
        slug: r.slug()?,
        acronym: r.opt_text("acronym")?,
        title: r.text("title")?,
        reference,
        lead,
        principal_investigator: r.opt_text("principal_investigator")?,
        budget: r.opt_int("budget_cents")?.map(Eur::from_cents),
        budget_as_written: r.opt_text("budget_as_written")?,
        start_date: r.opt_date("start_date")?,
        end_date: r.opt_date("end_date")?,
        duration_months: r.opt_int("duration_months")?.map(|m| m as u32),
        timeframe_as_written: r.opt_text("timeframe_as_written")?,
        partners: r
            .json::<Vec<PartnerJson>>("partners_json")?
            .into_iter()
            .map(|p| {
                let country = p
                    .country
                    .map(|c| Country::parse_code(&c).map_err(|e| r.corrupt("partners_json", e)))
                    .transpose()?;
                Ok(Partner { name: p.name, acronym: p.acronym, country })
            })
            .collect::<Result<_, StoreError>>()?,
        partners_note: r.opt_text("partners_note")?,
        objectives: r.json("objectives")?,
        mid_term_summary: r.json("mid_term_summary")?,
        trafficking_link: r.json("trafficking_link")?,
        publications: r.opt_text("publications")?,
        links_lost: r.json("links_lost")?,
        synthetic: r.int("synthetic")? != 0,
        published: r.int("published")? != 0,
    };
    Ok(project)
}

pub(crate) fn call(row: &AnyRow) -> Result<Call, StoreError> {
    let r = RowReader::new(row, "call");
    let kind = r.text("kind")?;
    let eligible: Vec<String> = r.json("eligible_member_states")?;
    let instruments: Vec<String> = r.json("instruments")?;
    Ok(Call {
        slug: r.slug()?,
        kind: CallKind::parse(&kind).ok_or_else(|| r.corrupt("kind", &kind))?,
        fund: r.opt_text("fund")?,
        title: r.text("title")?,
        topic: r.opt_text("topic")?,
        work_programme: r.opt_text("work_programme")?,
        deadline: Deadline::parse(&r.text("deadline")?).map_err(|e| r.corrupt("deadline", e))?,
        deadline_as_written: r.text("deadline_as_written")?,
        summary: r.json("summary")?,
        eligible_member_states: eligible
            .iter()
            .map(|m| MemberState::parse(m).map_err(|e| r.corrupt("eligible_member_states", e)))
            .collect::<Result<_, _>>()?,
        errata: r.json("errata")?,
        instruments: instruments
            .iter()
            .map(|s| Slug::parse(s).map_err(|e| r.corrupt("instruments", e)))
            .collect::<Result<_, _>>()?,
        published: r.int("published")? != 0,
    })
}

pub(crate) fn news(row: &AnyRow) -> Result<NewsItem, StoreError> {
    let r = RowReader::new(row, "news");
    Ok(NewsItem {
        slug: r.slug()?,
        title: r.text("title")?,
        date: r.opt_partial_date("date")?.ok_or_else(|| r.corrupt("date", "missing"))?,
        body: r.json("body")?,
        instruments: r.json("instruments")?,
        agencies: r.json("agencies")?,
        published: r.int("published")? != 0,
    })
}

pub(crate) fn agency(row: &AnyRow) -> Result<Agency, StoreError> {
    let r = RowReader::new(row, "agency");
    Ok(Agency {
        slug: r.slug()?,
        acronym: r.text("acronym")?,
        name: r.text("name")?,
        now_known_as: r.opt_text("now_known_as")?,
        website: r.opt_text("website")?,
    })
}

pub(crate) fn instrument(row: &AnyRow) -> Result<Instrument, StoreError> {
    let r = RowReader::new(row, "instrument");
    let kind = r.text("kind")?;
    let articles: Vec<Article> = r.json("articles")?;
    Ok(Instrument {
        slug: r.slug()?,
        kind: InstrumentKind::parse(&kind).ok_or_else(|| r.corrupt("kind", &kind))?,
        title: r.text("title")?,
        reference: r.opt_text("reference")?,
        celex: r
            .opt_text("celex")?
            .map(|c| rapporteur_core::Celex::parse(&c).map_err(|e| r.corrupt("celex", e)))
            .transpose()?,
        date: r.opt_partial_date("date")?,
        summary: r.json("summary")?,
        articles,
        published: r.int("published")? != 0,
    })
}

pub(crate) fn body(row: &AnyRow) -> Result<Body, StoreError> {
    let r = RowReader::new(row, "body");
    Ok(Body {
        slug: r.slug()?,
        name: r.text("name")?,
        acronym: r.opt_text("acronym")?,
        description: r.json("description")?,
        established: r.opt_partial_date("established")?,
    })
}

pub(crate) fn institution(row: &AnyRow) -> Result<Institution, StoreError> {
    let r = RowReader::new(row, "institution");
    Ok(Institution {
        slug: r.slug()?,
        name: r.text("name")?,
        acronym: r.opt_text("acronym")?,
        country: r.opt_country("country")?,
        kind: r.text("kind")?,
    })
}

pub(crate) fn person(row: &AnyRow) -> Result<Person, StoreError> {
    let r = RowReader { row, kind: "person", key: String::new() };
    Ok(Person { name: r.text("name")?, role: r.text("role")?, as_of: r.opt_partial_date("as_of")? })
}
