//! A legal or policy instrument, report or study as a document.

use super::{ContentKind, Editable, References};
use crate::content::{Article, Instrument, InstrumentKind};
use crate::problems::{paragraphs, trimmed, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An instrument.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstrumentDocument {
    pub slug: String,
    /// directive, council_conclusions, strategy, communication, joint_statement, report, study, work_programme
    pub kind: String,
    pub title: String,
    /// The official reference, e.g. "Directive 2011/36/EU" or "COM(2017) 728 final".
    pub reference: Option<String>,
    /// EUR-Lex's CELEX number, e.g. "32011L0036" for Directive 2011/36/EU; the page links to EUR-Lex with it.
    #[serde(default)]
    pub celex: Option<String>,
    /// As precise as known: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: Option<String>,
    #[serde(default)]
    pub summary: Vec<String>,
    /// The articles the portal cites.
    #[serde(default)]
    pub articles: Vec<ArticleDocument>,
    /// False for drafts and withdrawn instruments (seen only by editors). Given on creation to publish at
    /// once; afterwards it changes only by publishing or withdrawing.
    pub published: Option<bool>,
}

/// An article of an instrument.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleDocument {
    /// "2", "11(4)"
    pub number: String,
    pub subject: String,
}

impl Editable for Instrument {
    const KIND: ContentKind = ContentKind::Instrument;
    type Document = InstrumentDocument;
    const SERVER_FIELDS: &'static [&'static str] = &["published"];

    fn to_document(&self, _: DateTime<Utc>) -> InstrumentDocument {
        let i = self.clone();
        InstrumentDocument {
            slug: i.slug.to_string(),
            kind: i.kind.code().to_owned(),
            title: i.title,
            reference: i.reference,
            celex: i.celex.map(String::from),
            date: i.date.map(|d| d.to_string()),
            summary: i.summary,
            articles: i
                .articles
                .into_iter()
                .map(|a| ArticleDocument { number: a.number, subject: a.subject })
                .collect(),
            published: Some(i.published),
        }
    }

    fn from_document(d: InstrumentDocument, _: &References) -> Result<Instrument, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let slug = check.slug(&d.slug);
        let title = check.title(&d.title);
        let kind = InstrumentKind::parse(d.kind.trim());
        if kind.is_none() {
            let codes: Vec<&str> = InstrumentKind::ALL.iter().map(|k| k.code()).collect();
            check.bad("kind", format!("the kind must be one of {}", codes.join(", ")));
        }
        let date = trimmed(d.date).and_then(|date| check.date("date", &date));
        let celex = trimmed(d.celex).and_then(|c| check.ok("celex", crate::links::Celex::parse(&c)));
        let mut articles = Vec::new();
        for (i, a) in d.articles.into_iter().enumerate() {
            let (number, subject) = (a.number.trim().to_owned(), a.subject.trim().to_owned());
            if number.is_empty() {
                check.bad(format!("articles[{i}].number"), "an article needs its number");
            }
            if subject.is_empty() {
                check.bad(
                    format!("articles[{i}].subject"),
                    "an article needs its subject, after the number and a colon",
                );
            }
            articles.push(Article { number, subject });
        }
        let instrument = slug.zip(kind).map(|(slug, kind)| Instrument {
            slug,
            kind,
            title,
            reference: trimmed(d.reference),
            celex,
            date,
            summary: paragraphs(d.summary),
            articles,
            published: d.published.unwrap_or(false),
        });
        check.finish(instrument)
    }

    fn keep_server_fields(&mut self, current: &Instrument) {
        self.published = current.published;
    }

    super::item_accessors!();
}
