//! A funding call or call for expression of interest as a document.

use super::{ContentKind, Editable, References};
use crate::calls::{CallKind, Deadline, DeadlinePrecision};
use crate::content::Call;
use crate::country::MemberState;
use crate::problems::{paragraphs, trimmed, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// The values of a call document's `deadline_precision`.
pub const DEADLINE_PRECISIONS: [&str; 3] = ["day", "time_zone_assumed", "time"];

/// A call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallDocument {
    pub slug: String,
    /// call_for_proposals or expression_of_interest (a call of the Civil Society Platform)
    pub kind: String,
    pub fund: Option<String>,
    pub title: String,
    pub topic: Option<String>,
    pub work_programme: Option<String>,
    /// As precisely as the call states it: a day ("2019-01-31"), a time without a zone ("2018-01-31T17:00",
    /// Brussels time assumed) or a time with its offset ("2018-01-31T17:00:00+01:00").
    pub deadline: String,
    /// Set by the server: day, time_zone_assumed or time.
    pub deadline_precision: Option<String>,
    /// Set by the server: the instant the portal stops taking applications (RFC 3339, UTC); for a day, the
    /// end of that day in Brussels.
    pub closes_at: Option<String>,
    /// The deadline as the call text writes it; the deadline as sent where left out.
    pub deadline_as_written: Option<String>,
    /// Set by the server: open or closed, at the time of the request.
    pub status: Option<String>,
    #[serde(default)]
    pub summary: Vec<String>,
    /// ISO codes of the Member States where applicants must have their legal seat; empty for no restriction.
    #[serde(default)]
    pub eligible_member_states: Vec<String>,
    /// Corrections published after the call opened, oldest first.
    #[serde(default)]
    pub errata: Vec<String>,
    /// Slugs of the instruments the call refers to.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// False for drafts and withdrawn calls (seen only by editors). Given on creation to publish at once;
    /// afterwards it changes only by publishing or withdrawing.
    pub published: Option<bool>,
}

impl DeadlinePrecision {
    pub fn code(self) -> &'static str {
        match self {
            DeadlinePrecision::Day => DEADLINE_PRECISIONS[0],
            DeadlinePrecision::TimeZoneAssumed => DEADLINE_PRECISIONS[1],
            DeadlinePrecision::Time => DEADLINE_PRECISIONS[2],
        }
    }
}

/// What a call's deadline says "as written" when the editor gives nothing else: the deadline as typed.
pub(crate) fn default_as_written(deadline: &str) -> String {
    deadline.trim().replacen('T', " ", 1)
}

impl Editable for Call {
    const KIND: ContentKind = ContentKind::Call;
    type Document = CallDocument;
    const SERVER_FIELDS: &'static [&'static str] = &["deadline_precision", "closes_at", "status", "published"];

    fn to_document(&self, now: DateTime<Utc>) -> CallDocument {
        let c = self.clone();
        CallDocument {
            slug: c.slug.to_string(),
            kind: c.kind.code().to_owned(),
            fund: c.fund,
            title: c.title,
            topic: c.topic,
            work_programme: c.work_programme,
            deadline: c.deadline.to_storage_string(),
            deadline_precision: Some(c.deadline.precision().code().to_owned()),
            closes_at: Some(c.deadline.instant().to_rfc3339_opts(SecondsFormat::Secs, true)),
            deadline_as_written: Some(c.deadline_as_written),
            status: Some(c.deadline.status_at(now).code().to_owned()),
            summary: c.summary,
            eligible_member_states: c.eligible_member_states.iter().map(|m| m.iso().to_owned()).collect(),
            errata: c.errata,
            instruments: c.instruments.iter().map(|s| s.to_string()).collect(),
            published: Some(c.published),
        }
    }

    fn from_document(d: CallDocument, refs: &References) -> Result<Call, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let slug = check.slug(&d.slug);
        let title = check.title(&d.title);
        let kind = CallKind::parse(d.kind.trim());
        if kind.is_none() {
            check.bad("kind", "the kind must be call_for_proposals or expression_of_interest");
        }
        let deadline = check.ok("deadline", Deadline::parse(&d.deadline));
        let mut eligible = Vec::new();
        for (i, code) in d.eligible_member_states.iter().enumerate() {
            match MemberState::parse(code.trim()) {
                Ok(m) if !eligible.contains(&m) => eligible.push(m),
                Ok(_) => {}
                Err(e) => check.bad(format!("eligible_member_states[{i}]"), e.to_string()),
            }
        }
        let instruments = check.known_slugs("instruments", "instrument", &d.instruments, &refs.instruments);
        let call = slug.zip(kind).zip(deadline).map(|((slug, kind), deadline)| Call {
            slug,
            kind,
            fund: trimmed(d.fund),
            title,
            topic: trimmed(d.topic),
            work_programme: trimmed(d.work_programme),
            deadline_as_written: trimmed(d.deadline_as_written).unwrap_or_else(|| default_as_written(&d.deadline)),
            deadline,
            summary: paragraphs(d.summary),
            eligible_member_states: eligible,
            errata: paragraphs(d.errata),
            instruments,
            published: d.published.unwrap_or(false),
        });
        check.finish(call)
    }

    fn keep_server_fields(&mut self, current: &Call) {
        self.published = current.published;
    }

    super::item_accessors!();
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::*;
    use crate::content::Bundle;

    fn refs() -> References {
        Bundle::embedded().unwrap().references()
    }

    #[test]
    fn every_call_survives_its_own_document() {
        let now = Utc::now();
        for c in Bundle::embedded().unwrap().calls {
            let document = c.to_document(now);
            let sent = serde_json::to_value(&document).unwrap();
            assert_eq!(check::<Call>(document, &sent, Some(&c), &refs(), now).unwrap(), c);
        }
    }

    #[test]
    fn a_bad_call_names_every_field() {
        let d = CallDocument {
            slug: "Not A Slug".into(),
            kind: "lottery".into(),
            title: " ".into(),
            deadline: "31/01/2027".into(),
            eligible_member_states: vec!["MT".into(), "XK".into()],
            instruments: vec!["no-such-instrument".into()],
            ..Default::default()
        };
        let problems = Call::from_document(d, &refs()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "title", "kind", "deadline", "eligible_member_states[1]", "instruments[0]"]);
    }
}
