//! Funding calls: deadlines in Brussels time and the status they give against a clock.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::{Europe::Brussels, Tz};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where the time comes from, so that tests can set it.
pub trait Clock: Send + Sync + fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A call's deadline, in Brussels local time. When the call gives only a day, the whole day counts.
/// Serialised in its storage form (`2019-01-31` or `2018-01-31T17:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Deadline {
    at: DateTime<Tz>,
    time_given: bool,
}

/// The deadline is not of the form `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, or not a real Brussels time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the deadline {0:?}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, Brussels time")]
pub struct DeadlineParseError(pub String);

impl Deadline {
    /// Reads `2019-01-31` (until the end of that day) or `2018-01-31T17:00` (also with a space for the `T`),
    /// both Brussels time.
    pub fn parse(text: &str) -> Result<Self, DeadlineParseError> {
        let err = || DeadlineParseError(text.to_owned());
        let t = text.trim();
        let (local, time_given) = if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            (day.and_time(NaiveTime::from_hms_opt(23, 59, 59).ok_or_else(err)?), false)
        } else {
            // People type a space where ISO 8601 has a "T"; both mean the same time.
            let at = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
                .map_err(|_| err())?;
            (at, true)
        };
        Self::from_local(local, time_given).ok_or_else(err)
    }

    fn from_local(local: NaiveDateTime, time_given: bool) -> Option<Self> {
        // An hour skipped by the change to summer time has no instant; an hour repeated takes the first.
        let at = Brussels.from_local_datetime(&local).earliest()?;
        Some(Deadline { at, time_given })
    }

    /// The instant the call closes.
    pub fn instant(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// RFC 3339 with Brussels' offset: `2018-01-31T17:00:00+01:00`.
    pub fn to_rfc3339(&self) -> String {
        self.at.to_rfc3339()
    }

    /// The form used in the bundle and in storage.
    pub fn to_storage_string(&self) -> String {
        if self.time_given {
            self.at.format("%Y-%m-%dT%H:%M").to_string()
        } else {
            self.at.format("%Y-%m-%d").to_string()
        }
    }

    pub fn time_given(&self) -> bool {
        self.time_given
    }

    /// The open/closed status at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> CallStatus {
        if now <= self.instant() {
            CallStatus::Open
        } else {
            CallStatus::Closed
        }
    }

    /// The deadline in Brussels local time.
    pub fn brussels(&self) -> DateTime<Tz> {
        self.at
    }

    /// Whole days and hours left at `now`, or `None` when the deadline has passed.
    pub fn remaining(&self, now: DateTime<Utc>) -> Option<(i64, i64)> {
        let left = self.instant() - now;
        (left.num_seconds() >= 0).then(|| (left.num_days(), left.num_hours() % 24))
    }
}

impl TryFrom<String> for Deadline {
    type Error = DeadlineParseError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Deadline::parse(&text)
    }
}

impl From<Deadline> for String {
    fn from(d: Deadline) -> String {
        d.to_storage_string()
    }
}

/// Whether a call still takes applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallStatus {
    Open,
    Closed,
}

impl CallStatus {
    pub fn code(self) -> &'static str {
        match self {
            CallStatus::Open => "open",
            CallStatus::Closed => "closed",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "open" => Some(CallStatus::Open),
            "closed" => Some(CallStatus::Closed),
            _ => None,
        }
    }
}

/// The kind of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    CallForProposals,
    ExpressionOfInterest,
}

impl CallKind {
    pub fn code(self) -> &'static str {
        match self {
            CallKind::CallForProposals => "call_for_proposals",
            CallKind::ExpressionOfInterest => "expression_of_interest",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "call_for_proposals" => Some(CallKind::CallForProposals),
            "expression_of_interest" => Some(CallKind::ExpressionOfInterest),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn brussels_winter_and_summer_time() {
        let d = Deadline::parse("2018-01-31T17:00").unwrap();
        assert_eq!(d.to_rfc3339(), "2018-01-31T17:00:00+01:00");
        assert_eq!(d.status_at(utc("2018-01-31T15:59:59Z")), CallStatus::Open);
        assert_eq!(d.status_at(utc("2018-01-31T16:00:01Z")), CallStatus::Closed);
        let d = Deadline::parse("2018-04-25").unwrap();
        assert_eq!(d.to_rfc3339(), "2018-04-25T23:59:59+02:00");
        assert_eq!(d.status_at(utc("2018-04-25T21:59:00Z")), CallStatus::Open);
        assert_eq!(d.status_at(utc("2018-04-25T22:00:00Z")), CallStatus::Closed);
        assert_eq!(d.to_storage_string(), "2018-04-25");
        assert_eq!(Deadline::parse("2018-01-31 17:00").unwrap(), Deadline::parse("2018-01-31T17:00").unwrap());
    }

    #[test]
    fn serialises_in_its_storage_form() {
        for text in ["2018-04-25", "2018-01-31T17:00"] {
            let d = Deadline::parse(text).unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("{text:?}"));
            assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), d);
        }
        assert!(serde_json::from_str::<Deadline>("\"31/01/2018\"").is_err());
    }

    #[test]
    fn countdown() {
        let d = Deadline::parse("2019-01-31").unwrap();
        assert_eq!(d.remaining(utc("2019-01-29T22:59:59Z")), Some((2, 0)));
        assert_eq!(d.remaining(utc("2019-02-01T00:00:00Z")), None);
    }

    #[test]
    fn rejects_bad_deadlines() {
        for t in ["31 January 2019", "2019-02-30", "2018-03-25T02:30", ""] {
            assert!(Deadline::parse(t).is_err(), "{t}");
        }
    }
}

/// Why an application to a call is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationRefusal {
    #[error("this call takes no applications through the portal")]
    NotOpenToApplications,
    #[error("the deadline has passed")]
    Late,
    #[error("organisations with their legal seat in {seat} are not eligible for this call")]
    Ineligible { seat: crate::country::MemberState },
}

impl crate::content::Call {
    /// Whether an organisation with its legal seat in `seat` may apply at `now`. Lateness is checked first:
    /// after the deadline nobody may apply, whatever their seat.
    pub fn check_application(
        &self,
        seat: crate::country::MemberState,
        now: DateTime<Utc>,
    ) -> Result<(), ApplicationRefusal> {
        if self.kind != CallKind::ExpressionOfInterest {
            return Err(ApplicationRefusal::NotOpenToApplications);
        }
        if self.deadline.status_at(now) == CallStatus::Closed {
            return Err(ApplicationRefusal::Late);
        }
        if !self.eligible_member_states.is_empty() && !self.eligible_member_states.contains(&seat) {
            return Err(ApplicationRefusal::Ineligible { seat });
        }
        Ok(())
    }
}

#[cfg(test)]
mod application_tests {
    use super::*;
    use crate::content::Bundle;
    use crate::country::MemberState;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_2018_civil_society_call() {
        let bundle = Bundle::embedded().unwrap();
        let csp = bundle.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap();
        let ms = |c| MemberState::parse(c).unwrap();
        let before = utc("2018-04-20T10:00:00Z");
        assert_eq!(csp.check_application(ms("MT"), before), Ok(()));
        assert_eq!(csp.check_application(ms("DE"), before), Err(ApplicationRefusal::Ineligible { seat: ms("DE") }));
        assert_eq!(csp.check_application(ms("MT"), utc("2018-04-25T22:00:01Z")), Err(ApplicationRefusal::Late));
        assert_eq!(csp.check_application(ms("DE"), utc("2026-01-01T00:00:00Z")), Err(ApplicationRefusal::Late));
        let amif = bundle.calls.iter().find(|c| c.kind == CallKind::CallForProposals).unwrap();
        assert_eq!(amif.check_application(ms("MT"), before), Err(ApplicationRefusal::NotOpenToApplications));
    }
}
