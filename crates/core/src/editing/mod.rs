//! Content as editors and clients write it: one document per kind, read and written by the API, filled by
//! the workspace's forms and by the bundle, and checked here once, by the same rules for all of them.
//!
//! A document carries the fields a person writes and the fields the server sets (a project's programme,
//! which its reference decides; whether an item is published, which its own actions change; the wording a
//! source used). A client may send a document back as it read it: the server's fields are accepted when
//! they are what the server would set, and refused by name when they differ ([`check`]).

mod call;
mod instrument;
mod member_state;
mod news;
mod project;

pub use call::{CallDocument, DEADLINE_PRECISIONS};
pub use instrument::{ArticleDocument, InstrumentDocument};
pub use member_state::{
    MemberStateDocument, MemberStateWriting, NationalReport, NationalReportDocument, MAX_NATIONAL_REPORTS,
};
pub use news::NewsDocument;
pub use project::{LeadDocument, PartnerDocument, ProjectDocument};

use crate::problems::FieldProblem;
use crate::slug::Slug;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The accessors every kind has in the same way: its `slug`, `title` and `published` fields.
macro_rules! item_accessors {
    () => {
        fn slug(&self) -> &Slug {
            &self.slug
        }
        fn title(&self) -> &str {
            &self.title
        }
        fn is_published(&self) -> bool {
            self.published
        }
    };
}
use item_accessors;

/// The kinds of content editors write through the same machinery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContentKind {
    Project,
    Call,
    News,
    Instrument,
}

impl ContentKind {
    pub const ALL: [ContentKind; 4] =
        [ContentKind::Project, ContentKind::Call, ContentKind::News, ContentKind::Instrument];

    /// The name used in revisions, in the audit log and in messages.
    pub fn code(self) -> &'static str {
        match self {
            ContentKind::Project => "project",
            ContentKind::Call => "call",
            ContentKind::News => "news",
            ContentKind::Instrument => "instrument",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == text)
    }
}

/// What an item may refer to: every instrument and agency, drafts included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    pub instruments: Vec<Slug>,
    pub agencies: Vec<Slug>,
}

/// One kind of content as it is written: its document, its rules, and what the server keeps for itself.
pub trait Editable: Sized + Clone + PartialEq + Send + Sync + 'static {
    const KIND: ContentKind;
    /// The document as the API reads and writes it.
    type Document: Serialize + DeserializeOwned + Send + 'static;
    /// Paths of the document's fields that the server sets ("programme", "coordinator.as_written").
    const SERVER_FIELDS: &'static [&'static str];

    /// The document of an item; `now` decides what depends on the time (a call's status).
    fn to_document(&self, now: DateTime<Utc>) -> Self::Document;
    /// Checks every field a person writes and builds the item, or lists every problem. Fields the server
    /// derives are not read; `published` and a source's wording are taken as given, which counts on creation
    /// only (a change keeps the stored ones, [`Editable::keep_server_fields`]).
    fn from_document(document: Self::Document, refs: &References) -> Result<Self, Vec<FieldProblem>>;
    /// Takes over from the stored item what a change of content never changes: whether it is published,
    /// whether it is synthetic, the wording its source used.
    fn keep_server_fields(&mut self, current: &Self);

    fn slug(&self) -> &Slug;
    fn title(&self) -> &str;
    /// How lists and revisions name the item ("ACRONYM: Title" for projects).
    fn heading(&self) -> String {
        self.title().to_owned()
    }
    fn is_published(&self) -> bool;
}

/// Checks a document a client sent: its fields, then the server's fields it repeats. `sent` is the
/// document as sent (JSON), to see which server fields it gives; forms give none (`Value::Null`).
/// `current` is the stored item when this replaces one.
pub fn check<T: Editable>(
    document: T::Document,
    sent: &Value,
    current: Option<&T>,
    refs: &References,
    now: DateTime<Utc>,
) -> Result<T, Vec<FieldProblem>> {
    // Sizes and characters first: a form's text goes through the same limits as the API's documents.
    let sizes = crate::limits::check_document(&serde_json::to_value(&document).expect("a document serialises"));
    if !sizes.is_empty() {
        return Err(sizes);
    }
    let mut item = T::from_document(document, refs)?;
    if let Some(current) = current {
        item.keep_server_fields(current);
    }
    let result = serde_json::to_value(item.to_document(now)).expect("a document serialises");
    let changed = changed_server_fields(sent, &result, T::SERVER_FIELDS);
    if changed.is_empty() {
        Ok(item)
    } else {
        Err(changed)
    }
}

/// The server's fields that `sent` gives with another value than `result`, the document the server would
/// keep. A field left out or sent as null is taken as unchanged.
pub fn changed_server_fields(sent: &Value, result: &Value, paths: &[&str]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for path in paths {
        let Some(given) = lookup(sent, path).filter(|v| !v.is_null()) else { continue };
        let kept = lookup(result, path).unwrap_or(&Value::Null);
        if given != kept {
            let how = if *path == "published" {
                "it changes only by publishing or withdrawing".to_owned()
            } else {
                "it is set by the server".to_owned()
            };
            problems.push(FieldProblem::new(
                *path,
                format!(
                    "{path} is {kept} here and cannot be changed to {given}: {how}; send it unchanged or leave it out"
                ),
            ));
        }
    }
    problems
}

fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_fields_sent_unchanged_or_left_out_are_accepted() {
        let result = json!({"programme": "FP7", "coordinator": {"as_written": "X"}, "published": true});
        let paths = ["programme", "coordinator.as_written", "published"];
        assert!(changed_server_fields(&json!({}), &result, &paths).is_empty());
        assert!(changed_server_fields(&result, &result, &paths).is_empty());
        assert!(changed_server_fields(&json!({"programme": null}), &result, &paths).is_empty());
        let sent = json!({"programme": "ERC", "coordinator": {"as_written": "Y"}, "published": false});
        let problems = changed_server_fields(&sent, &result, &paths);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, paths);
        assert!(problems[2].detail.contains("publishing"), "{}", problems[2].detail);
    }
}
