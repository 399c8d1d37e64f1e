//! Monitoring commitments: what an editor enters from a text of the network, and the progress their owners
//! record.

use crate::content::{Commitment, CommitmentStatus};
pub use crate::dates::today_in_brussels;
use crate::problems::{trimmed, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::NaiveDate;
use serde::Deserialize;

/// A commitment or action an editor enters: only what a text of the network states, so nothing is invented.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentDocument {
    pub slug: String,
    /// The slug of the instrument that states it (e.g. joint-statement-2018).
    pub instrument: String,
    pub title: String,
    /// The Communication's priority it belongs to, if any.
    pub priority: Option<String>,
    /// Agency slugs, or commission, member-states.
    #[serde(default)]
    pub owners: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due: Option<NaiveDate>,
}

/// Who besides the agencies may own a commitment.
pub const OTHER_OWNERS: [&str; 2] = ["commission", "member-states"];

impl CommitmentDocument {
    /// Checks every field against the instruments and agencies that exist, or lists every problem.
    pub fn check(self, instruments: &[Slug], agencies: &[Slug]) -> Result<Commitment, Vec<FieldProblem>> {
        let mut owners: Vec<Slug> = agencies.to_vec();
        owners.extend(OTHER_OWNERS.map(|o| Slug::parse(o).expect("a valid slug")));
        let mut check = Checker::default();
        let slug = check.slug(&self.slug);
        let instrument = check.known_slug("instrument", "instrument", &self.instrument, instruments);
        let title = check.title(&self.title);
        let chosen = check.known_slugs(
            "owners",
            "agency of the Joint Statement, commission or member-states",
            &self.owners,
            &owners,
        );
        if self.owners.is_empty() {
            check.bad("owners", "name at least one owner");
        }
        let commitment = slug.zip(instrument).map(|(slug, instrument)| Commitment {
            slug,
            instrument,
            title,
            priority: trimmed(self.priority),
            owners: chosen,
            due: self.due,
            source_text: String::new(),
        });
        check.finish(commitment)
    }
}

/// Progress on a commitment, as its owner records it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressDocument {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Option<NaiveDate>,
    pub text: String,
    /// A link or reference to the evidence.
    pub evidence: Option<String>,
    /// not_started, in_progress, done or dropped (leave out to keep the status).
    pub status: Option<String>,
}

/// Progress whose fields are right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgress {
    pub date: NaiveDate,
    pub text: String,
    pub evidence: Option<String>,
    /// A new status, or none to keep it.
    pub status: Option<CommitmentStatus>,
}

pub const MAX_PROGRESS_CHARS: usize = 5_000;
pub const MAX_EVIDENCE_CHARS: usize = 1_000;

impl ProgressDocument {
    /// Checks every field, or lists every problem.
    pub fn check(self) -> Result<NewProgress, Vec<FieldProblem>> {
        let mut check = Checker::default();
        if self.date.is_none() {
            check.bad("date", "date must be a date such as 2018-12-31");
        }
        let text = self.text.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_PROGRESS_CHARS {
            check.bad("text", format!("text must have from 1 to {MAX_PROGRESS_CHARS} characters"));
        }
        let evidence = trimmed(self.evidence);
        if evidence.as_ref().is_some_and(|e| e.chars().count() > MAX_EVIDENCE_CHARS) {
            check.bad("evidence", format!("evidence must be at most {MAX_EVIDENCE_CHARS} characters"));
        }
        let status = match trimmed(self.status) {
            None => None,
            Some(s) => {
                let parsed = CommitmentStatus::parse(&s);
                if parsed.is_none() {
                    check.bad("status", "status must be not_started, in_progress, done or dropped");
                }
                parsed
            }
        };
        check.finish(self.date.map(|date| NewProgress { date, text, evidence, status }))
    }
}

/// Whether a commitment is overdue on `today`: its due date has passed and it is neither done nor dropped
/// (a dropped commitment is closed, not late). A commitment is still on time on its due date.
pub fn is_overdue(commitment: &Commitment, status: Option<CommitmentStatus>, today: NaiveDate) -> bool {
    let open = !matches!(status, Some(CommitmentStatus::Done | CommitmentStatus::Dropped));
    open && commitment.due.is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn due(date: Option<&str>) -> Commitment {
        Commitment {
            slug: Slug::parse("c").unwrap(),
            instrument: Slug::parse("i").unwrap(),
            title: "t".into(),
            priority: None,
            owners: vec![],
            due: date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            source_text: String::new(),
        }
    }

    #[test]
    fn overdue_once_the_due_day_has_passed_in_brussels_and_until_done_or_dropped() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        // 23:30 UTC on 31 March is already 1 April in Brussels (summer time, UTC+2).
        let now = DateTime::parse_from_rfc3339("2026-03-31T23:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(today_in_brussels(now), day("2026-04-01"));
        let c = due(Some("2026-03-31"));
        assert!(is_overdue(&c, None, day("2026-04-01")));
        assert!(is_overdue(&c, Some(CommitmentStatus::InProgress), day("2026-04-01")));
        assert!(is_overdue(&c, Some(CommitmentStatus::NotStarted), day("2026-04-01")));
        assert!(!is_overdue(&c, Some(CommitmentStatus::Done), day("2026-04-01")));
        assert!(!is_overdue(&c, Some(CommitmentStatus::Dropped), day("2026-04-01")));
        assert!(!is_overdue(&c, None, day("2026-03-31")), "due today is not late yet");
        assert!(!is_overdue(&due(None), None, day("2099-01-01")), "no due date, never overdue");
    }
}
