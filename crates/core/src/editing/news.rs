//! A news item as a document.

use super::{ContentKind, Editable, References};
use crate::content::NewsItem;
use crate::problems::{paragraphs, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A news item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsDocument {
    pub slug: String,
    pub title: String,
    /// YYYY-MM-DD, or YYYY-MM where only the month is known.
    pub date: String,
    #[serde(default)]
    pub body: Vec<String>,
    /// Slugs of the instruments the item refers to.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Slugs of the agencies the item names.
    #[serde(default)]
    pub agencies: Vec<String>,
    /// False for drafts and withdrawn items (seen only by editors). Given on creation to publish at once;
    /// afterwards it changes only by publishing or withdrawing.
    pub published: Option<bool>,
}

impl Editable for NewsItem {
    const KIND: ContentKind = ContentKind::News;
    type Document = NewsDocument;
    const SERVER_FIELDS: &'static [&'static str] = &["published"];

    fn to_document(&self, _: DateTime<Utc>) -> NewsDocument {
        let n = self.clone();
        NewsDocument {
            slug: n.slug.to_string(),
            title: n.title,
            date: n.date.to_string(),
            body: n.body,
            instruments: n.instruments.iter().map(|s| s.to_string()).collect(),
            agencies: n.agencies.iter().map(|s| s.to_string()).collect(),
            published: Some(n.published),
        }
    }

    fn from_document(d: NewsDocument, refs: &References) -> Result<NewsItem, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let slug = check.slug(&d.slug);
        let title = check.title(&d.title);
        let date = check.date("date", &d.date);
        let body = paragraphs(d.body);
        if body.is_empty() {
            check.bad("body", "a news item needs at least one paragraph");
        }
        let instruments = check.known_slugs("instruments", "instrument", &d.instruments, &refs.instruments);
        let agencies = check.known_slugs("agencies", "agency", &d.agencies, &refs.agencies);
        let item = slug.zip(date).map(|(slug, date)| NewsItem {
            slug,
            title,
            date,
            body,
            instruments,
            agencies,
            published: d.published.unwrap_or(false),
        });
        check.finish(item)
    }

    fn keep_server_fields(&mut self, current: &NewsItem) {
        self.published = current.published;
    }

    super::item_accessors!();
}
