//! Funding calls: deadlines in Brussels time and the status they give against a clock.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
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

/// A clock that stands still until it is moved on: for tests that step through time.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn at(now: DateTime<Utc>) -> Self {
        ManualClock(std::sync::Mutex::new(now))
    }

    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A call's deadline, as precisely as the call states it: a day, a time of day whose zone the call does not
/// name (the Commission's calls mean Brussels time, which is then assumed, and said to be), or a time with
/// its offset. Serialised in its storage form, which is also the API's and the pages' `datetime`:
/// `2019-01-31`, `2018-01-31T17:00` or `2018-01-31T17:00:00+01:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Deadline(Stated);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    /// A day only: applications are taken until the end of that day (in Brussels).
    Day(NaiveDate),
    /// A time of day without a zone; Brussels time is assumed.
    LocalTime(NaiveDateTime),
    /// A time with the offset the call states.
    Zoned(DateTime<FixedOffset>),
}

/// How much of a deadline the call states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlinePrecision {
    /// A day, no time.
    Day,
    /// A time of day, without a time zone: Brussels time is assumed.
    TimeZoneAssumed,
    /// A time of day with its offset.
    Time,
}

/// The deadline is not of a form this reads, or not a real time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot read the deadline {0:?}: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM (Brussels time assumed) or \
     YYYY-MM-DDTHH:MM+01:00"
)]
pub struct DeadlineParseError(pub String);

impl Deadline {
    /// Reads `2019-01-31` (a day), `2018-01-31T17:00` (also with a space for the `T`; no zone given, so
    /// Brussels time is assumed) or `2018-01-31T17:00+01:00` (with seconds or `Z` too: the zone is stated).
    pub fn parse(text: &str) -> Result<Self, DeadlineParseError> {
        let err = || DeadlineParseError(text.to_owned());
        let t = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(Deadline(Stated::Day(day)));
        }
        // People type a space where ISO 8601 has a "T"; both mean the same time.
        let iso = t.replacen(' ', "T", 1);
        for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"] {
            if let Ok(local) = NaiveDateTime::parse_from_str(&iso, format) {
                // An hour skipped by the change to summer time has no instant.
                return Brussels
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|_| Deadline(Stated::LocalTime(local)))
                    .ok_or_else(err);
            }
        }
        for format in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
            if let Ok(at) = DateTime::parse_from_str(&iso.replace('Z', "+00:00"), format) {
                return Ok(Deadline(Stated::Zoned(at)));
            }
        }
        Err(err())
    }

    /// The instant the call closes: the stated time, or the end of the stated day in Brussels.
    pub fn instant(&self) -> DateTime<Utc> {
        match self.0 {
            Stated::Day(day) => brussels(day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"))),
            Stated::LocalTime(local) => brussels(local),
            Stated::Zoned(at) => at.with_timezone(&Utc),
        }
    }

    pub fn precision(&self) -> DeadlinePrecision {
        match self.0 {
            Stated::Day(_) => DeadlinePrecision::Day,
            Stated::LocalTime(_) => DeadlinePrecision::TimeZoneAssumed,
            Stated::Zoned(_) => DeadlinePrecision::Time,
        }
    }

    /// Whether the call gives a time of day (otherwise the whole day counts).
    pub fn time_given(&self) -> bool {
        self.precision() != DeadlinePrecision::Day
    }

    /// The day of the deadline, as the call states it.
    pub fn date(&self) -> NaiveDate {
        match self.0 {
            Stated::Day(day) => day,
            Stated::LocalTime(local) => local.date(),
            Stated::Zoned(at) => at.date_naive(),
        }
    }

    /// The time of day as the call states it, with the stated offset where there is one.
    pub fn time(&self) -> Option<(NaiveTime, Option<FixedOffset>)> {
        match self.0 {
            Stated::Day(_) => None,
            Stated::LocalTime(local) => Some((local.time(), None)),
            Stated::Zoned(at) => Some((at.time(), Some(*at.offset()))),
        }
    }

    /// The time of day the call closes, on Brussels clocks (the stated time moved to Brussels when the call
    /// gives another offset); `None` for a day, which closes at its end.
    pub fn closing_time_in_brussels(&self) -> Option<NaiveDateTime> {
        self.time_given().then(|| self.instant().with_timezone(&Brussels).naive_local())
    }

    /// The form used in the bundle, in storage, in the API and in HTML's `datetime`: no more precise than
    /// the call.
    pub fn to_storage_string(&self) -> String {
        match self.0 {
            Stated::Day(day) => day.format("%Y-%m-%d").to_string(),
            Stated::LocalTime(local) => local.format("%Y-%m-%dT%H:%M").to_string(),
            Stated::Zoned(at) => at.to_rfc3339(),
        }
    }

    /// The open/closed status at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> CallStatus {
        if now <= self.instant() {
            CallStatus::Open
        } else {
            CallStatus::Closed
        }
    }

    /// Whole days and hours left at `now`, or `None` when the deadline has passed.
    pub fn remaining(&self, now: DateTime<Utc>) -> Option<(i64, i64)> {
        let left = self.instant() - now;
        (left.num_seconds() >= 0).then(|| (left.num_days(), left.num_hours() % 24))
    }

    /// The instant until which [`Self::status_at`] and [`Self::remaining`] keep the answers they give at
    /// `now` (they may change right after it), or `None` once the call has closed for good: what a page
    /// showing them may be kept until.
    pub fn next_change(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let left = self.instant() - now;
        if left < chrono::Duration::zero() {
            return None;
        }
        // `remaining` counts whole hours, so it changes when the time left drops below a whole hour.
        let hour = chrono::Duration::hours(1).num_nanoseconds().expect("an hour fits");
        let past_the_hour = left.num_nanoseconds().map(|n| n % hour).unwrap_or(0);
        Some(now + chrono::Duration::nanoseconds(past_the_hour))
    }
}

/// A Brussels local time as an instant (an hour repeated by the change to winter time takes the first).
fn brussels(local: NaiveDateTime) -> DateTime<Utc> {
    Brussels
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| Brussels.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .expect("a local time an hour later exists")
        .with_timezone(&Utc)
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

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_storage_string())
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
        assert_eq!(d.precision(), DeadlinePrecision::TimeZoneAssumed);
        assert_eq!(d.instant(), utc("2018-01-31T16:00:00Z"));
        assert_eq!(d.status_at(utc("2018-01-31T15:59:59Z")), CallStatus::Open);
        assert_eq!(d.status_at(utc("2018-01-31T16:00:01Z")), CallStatus::Closed);
        let d = Deadline::parse("2018-04-25").unwrap();
        assert_eq!(d.precision(), DeadlinePrecision::Day);
        assert_eq!(d.instant(), utc("2018-04-25T21:59:59Z"));
        assert_eq!(d.status_at(utc("2018-04-25T21:59:00Z")), CallStatus::Open);
        assert_eq!(d.status_at(utc("2018-04-25T22:00:00Z")), CallStatus::Closed);
        assert_eq!(d.to_storage_string(), "2018-04-25");
        assert_eq!(Deadline::parse("2018-01-31 17:00").unwrap(), Deadline::parse("2018-01-31T17:00").unwrap());
    }

    #[test]
    fn a_stated_zone_is_kept() {
        let d = Deadline::parse("2018-01-31T17:00+02:00").unwrap();
        assert_eq!(d.precision(), DeadlinePrecision::Time);
        assert_eq!(d.instant(), utc("2018-01-31T15:00:00Z"));
        assert_eq!(d.to_storage_string(), "2018-01-31T17:00:00+02:00");
        assert_eq!(Deadline::parse(&d.to_storage_string()).unwrap(), d);
        assert_eq!(Deadline::parse("2018-01-31T16:00:00Z").unwrap().instant(), utc("2018-01-31T16:00:00Z"));
    }

    #[test]
    fn serialises_in_its_storage_form() {
        for text in ["2018-04-25", "2018-01-31T17:00", "2018-01-31T17:00:00+01:00"] {
            let d = Deadline::parse(text).unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("{text:?}"));
            assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), d);
        }
        assert!(serde_json::from_str::<Deadline>("\"31/01/2018\"").is_err());
    }

    #[test]
    fn the_next_change_of_a_countdown() {
        let d = Deadline::parse("2019-01-31").unwrap(); // closes 2019-01-31T22:59:59Z
        let now = utc("2019-01-29T22:30:00Z");
        let next = d.next_change(now).unwrap();
        assert_eq!(next, utc("2019-01-29T22:59:59Z"));
        assert_eq!(d.remaining(next), d.remaining(now));
        assert_ne!(d.remaining(next + chrono::Duration::seconds(1)), d.remaining(now));
        let last = utc("2019-01-31T22:59:30Z");
        let next = d.next_change(last).unwrap();
        assert_eq!(next, d.instant());
        assert_eq!(d.status_at(next), CallStatus::Open);
        assert_eq!(d.status_at(next + chrono::Duration::seconds(1)), CallStatus::Closed);
        assert_eq!(d.next_change(utc("2019-02-01T00:00:00Z")), None);
    }

    #[test]
    fn countdown() {
        let d = Deadline::parse("2019-01-31").unwrap();
        assert_eq!(d.remaining(utc("2019-01-29T22:59:59Z")), Some((2, 0)));
        assert_eq!(d.remaining(utc("2019-02-01T00:00:00Z")), None);
    }

    #[test]
    fn rejects_bad_deadlines() {
        for t in ["31 January 2019", "2019-02-30", "2018-03-25T02:30", "2018-01-31T25:00+01:00", ""] {
            assert!(Deadline::parse(t).is_err(), "{t}");
        }
    }
}

/// Calls in the order people read them: open ones first, soonest deadline first; then closed ones, latest
/// deadline first.
pub fn open_first(mut calls: Vec<crate::content::Call>, now: DateTime<Utc>) -> Vec<crate::content::Call> {
    calls.sort_by(|a, b| {
        let (sa, sb) = (a.deadline.status_at(now), b.deadline.status_at(now));
        match (sa, sb) {
            (CallStatus::Open, CallStatus::Closed) => std::cmp::Ordering::Less,
            (CallStatus::Closed, CallStatus::Open) => std::cmp::Ordering::Greater,
            (CallStatus::Open, CallStatus::Open) => a.deadline.instant().cmp(&b.deadline.instant()),
            (CallStatus::Closed, CallStatus::Closed) => b.deadline.instant().cmp(&a.deadline.instant()),
        }
    });
    calls
}

/// The instant until which what `calls` show of their status and countdown stays right (see
/// [`Deadline::next_change`]); `None` when none of them will change.
pub fn next_change<'c>(
    calls: impl IntoIterator<Item = &'c crate::content::Call>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    calls.into_iter().filter_map(|c| c.deadline.next_change(now)).min()
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
    /// Whether the call takes applications at `now` from anyone at all: a call for expression of interest
    /// before its deadline. What a form asks before it shows its fields, and an application before its seat.
    pub fn takes_applications_at(&self, now: DateTime<Utc>) -> Result<(), ApplicationRefusal> {
        if self.kind != CallKind::ExpressionOfInterest {
            return Err(ApplicationRefusal::NotOpenToApplications);
        }
        if self.deadline.status_at(now) == CallStatus::Closed {
            return Err(ApplicationRefusal::Late);
        }
        Ok(())
    }

    /// The Member States where an applicant's legal seat may be: those the call names, or all of them when
    /// it names none. The form offers these and no others; [`Self::check_application`] holds to the same.
    pub fn seats_that_may_apply(&self) -> Vec<crate::country::MemberState> {
        if self.eligible_member_states.is_empty() {
            crate::country::MemberState::all().collect()
        } else {
            self.eligible_member_states.clone()
        }
    }

    /// Whether an organisation with its legal seat in `seat` may apply at `now`. Lateness is checked first:
    /// after the deadline nobody may apply, whatever their seat.
    pub fn check_application(
        &self,
        seat: crate::country::MemberState,
        now: DateTime<Utc>,
    ) -> Result<(), ApplicationRefusal> {
        self.takes_applications_at(now)?;
        if !self.seats_that_may_apply().contains(&seat) {
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

    #[test]
    fn the_seats_offered_are_the_eligible_ones_or_all() {
        let bundle = Bundle::embedded().unwrap();
        let csp = bundle.calls.iter().find(|c| c.kind == CallKind::ExpressionOfInterest).unwrap();
        let codes: Vec<_> = csp.seats_that_may_apply().iter().map(|m| m.iso()).collect();
        assert_eq!(codes, ["DK", "EE", "MT"]);
        let open_to_all = crate::content::Call { eligible_member_states: Vec::new(), ..csp.clone() };
        assert_eq!(open_to_all.seats_that_may_apply().len(), 27);
        let before = utc("2018-04-20T10:00:00Z");
        assert_eq!(open_to_all.check_application(MemberState::parse("DE").unwrap(), before), Ok(()));
        assert_eq!(csp.takes_applications_at(before), Ok(()));
        assert_eq!(csp.takes_applications_at(utc("2018-04-25T22:00:01Z")), Err(ApplicationRefusal::Late));
    }

    #[test]
    fn the_closing_time_in_brussels() {
        let day = Deadline::parse("2018-04-25").unwrap();
        assert_eq!(day.closing_time_in_brussels(), None, "a day closes at its end; no time is stated");
        let assumed = Deadline::parse("2018-01-31T17:00").unwrap();
        assert_eq!(assumed.closing_time_in_brussels().unwrap().to_string(), "2018-01-31 17:00:00");
        let lisbon = Deadline::parse("2018-07-31T17:00+01:00").unwrap();
        assert_eq!(lisbon.closing_time_in_brussels().unwrap().to_string(), "2018-07-31 18:00:00");
    }
}
