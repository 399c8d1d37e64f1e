//! The biannual meetings of the EU Network of NREMs, co-chaired by the EU ATC and the Council Presidency.

use crate::country::MemberState;
use crate::problems::{paragraphs, Checker, FieldProblem};
use crate::slug::Slug;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub slug: Slug,
    pub title: String,
    pub date: NaiveDate,
    /// The Member State holding the Council Presidency, which co-chairs with the EU ATC.
    pub presidency: MemberState,
    /// Held jointly with the Civil Society Platform.
    pub joint_with_csp: bool,
    pub agenda: Vec<String>,
    pub minutes: Vec<String>,
}

impl Meeting {
    /// The semester of the Presidency: "2018 H1".
    pub fn semester(&self) -> String {
        format!("{} H{}", self.date.year(), if self.date.month() <= 6 { 1 } else { 2 })
    }
}

/// A meeting as the API reads and writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDocument {
    pub slug: String,
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Option<NaiveDate>,
    /// Set by the server from the date: "2018 H1".
    pub semester: Option<String>,
    /// ISO code of the Member State holding the Council Presidency.
    pub presidency: String,
    #[serde(default)]
    pub joint_with_csp: bool,
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub minutes: Vec<String>,
    /// Set by the server from the attendance recorded: ISO codes of the Member States present.
    pub present: Option<Vec<String>>,
}

impl MeetingDocument {
    /// The fields the server sets.
    pub const SERVER_FIELDS: &'static [&'static str] = &["semester", "present"];

    /// The document of a meeting and the Member States recorded as present.
    pub fn of(m: &Meeting, present: Vec<MemberState>) -> Self {
        MeetingDocument {
            slug: m.slug.to_string(),
            title: m.title.clone(),
            date: Some(m.date),
            semester: Some(m.semester()),
            presidency: m.presidency.iso().to_owned(),
            joint_with_csp: m.joint_with_csp,
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone(),
            present: Some(present.iter().map(|ms| ms.iso().to_owned()).collect()),
        }
    }

    /// Checks every field a person writes, or lists every problem.
    pub fn check(self) -> Result<Meeting, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let slug = check.slug(&self.slug);
        let title = check.title(&self.title);
        if self.date.is_none() {
            check.bad("date", "give the meeting's date, such as 2018-06-13");
        }
        let presidency = check.ok("presidency", MemberState::parse(&self.presidency));
        let meeting = slug.zip(self.date).zip(presidency).map(|((slug, date), presidency)| Meeting {
            slug,
            title,
            date,
            presidency,
            joint_with_csp: self.joint_with_csp,
            agenda: paragraphs(self.agenda),
            minutes: paragraphs(self.minutes),
        });
        check.finish(meeting)
    }
}
