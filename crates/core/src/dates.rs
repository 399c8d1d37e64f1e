//! Dates as sources write them: day-first numeric dates, ranges, and dates known only to the month or year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The text is not a date of a known form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the date {text:?}: {reason}")]
pub struct DateParseError {
    pub text: String,
    pub reason: &'static str,
}

fn date_err(text: &str, reason: &'static str) -> DateParseError {
    DateParseError { text: text.to_owned(), reason }
}

/// Reads the moment of an `as_of` question ("the figures as published on …"): a day (`2024-03-01`, meaning
/// its end, so that what was published that day is included) or an RFC 3339 instant.
pub fn parse_as_of(text: &str) -> Result<chrono::DateTime<chrono::Utc>, DateParseError> {
    let t = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        let end = day.and_hms_milli_opt(23, 59, 59, 999).ok_or_else(|| date_err(t, "not a day"))?;
        return Ok(end.and_utc());
    }
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|at| at.with_timezone(&chrono::Utc))
        .map_err(|_| date_err(t, "expected a day such as 2024-03-01 or an instant such as 2024-03-01T12:00:00Z"))
}

/// Reads a day-first date: `1/3/12` (two-digit years are 20xx) or `01/04/2006`.
pub fn parse_day_first(text: &str) -> Result<NaiveDate, DateParseError> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    let [d, m, y] = parts[..] else {
        return Err(date_err(t, "expected day/month/year"));
    };
    let num = |s: &str| s.parse::<u32>().map_err(|_| date_err(t, "day, month and year must be numbers"));
    let (d, m, y) = (num(d)?, num(m)?, y);
    let year = match y.len() {
        2 => 2000 + num(y)? as i32,
        4 => num(y)? as i32,
        _ => return Err(date_err(t, "the year must have two or four digits")),
    };
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| date_err(t, "no such day"))
}

/// Reads a range as written: `1/3/12 – 28/2/17` or `01/04/2006 to 31/03/2008`.
pub fn parse_day_first_range(text: &str) -> Result<(NaiveDate, NaiveDate), DateParseError> {
    let t = text.trim();
    let (a, b) = [" to ", "–", "—", " - "]
        .iter()
        .find_map(|sep| t.split_once(sep))
        .ok_or_else(|| date_err(t, "expected two dates joined by \"to\" or a dash"))?;
    let (start, end) = (parse_day_first(a)?, parse_day_first(b)?);
    if end < start {
        return Err(date_err(t, "the range ends before it starts"));
    }
    Ok((start, end))
}

/// Reads a duration in months as written: `60 months`.
pub fn parse_months(text: &str) -> Result<u32, DateParseError> {
    let t = text.trim();
    let n = t
        .strip_suffix("months")
        .or_else(|| t.strip_suffix("month"))
        .ok_or_else(|| date_err(t, "expected a number of months"))?;
    n.trim().parse().map_err(|_| date_err(t, "expected a number of months"))
}

/// Whole months from start to the day after end (a project of 1/2/2017–31/1/2022 runs 60 months).
pub fn months_between(start: NaiveDate, end: NaiveDate) -> u32 {
    let after = end.succ_opt().unwrap_or(end);
    let months = (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32;
    months.max(0) as u32
}

/// A date known to the day, the month or only the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl PartialDate {
    /// Reads `2018`, `2017-12` or `2018-06-13`.
    pub fn parse(text: &str) -> Result<Self, DateParseError> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let num = |s: &str| s.parse::<u32>().map_err(|_| date_err(t, "expected YYYY, YYYY-MM or YYYY-MM-DD"));
        match parts[..] {
            [y] if y.len() == 4 => Ok(PartialDate::Year(num(y)? as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let m = num(m)?;
                if !(1..=12).contains(&m) {
                    return Err(date_err(t, "no such month"));
                }
                Ok(PartialDate::Month(num(y)? as i32, m))
            }
            [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
                .map(PartialDate::Day)
                .ok_or_else(|| date_err(t, "no such day")),
            _ => Err(date_err(t, "expected YYYY, YYYY-MM or YYYY-MM-DD")),
        }
    }

    /// The first day the date may stand for, for sorting and feeds.
    pub fn first_day(self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            PartialDate::Day(d) => Some(d),
        }
        .unwrap_or_default()
    }

    pub fn year(self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// In English, as precise as known: "13 June 2018", "December 2017", "2011".
    pub fn to_display_string(self) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(..) => self.first_day().format("%B %Y").to_string(),
            PartialDate::Day(d) => d.format("%-d %B %Y").to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl TryFrom<String> for PartialDate {
    type Error = DateParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PartialDate::parse(&value)
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

/// The day it is in Brussels at `now`: the day the Commission's pages, its deadlines and the network's due
/// dates count by.
pub fn today_in_brussels(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Brussels).date_naive()
}

/// The instant the next day begins in Brussels after `now`: when a project's status may change.
pub fn next_brussels_midnight(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let tomorrow = today_in_brussels(now).succ_opt().unwrap_or(NaiveDate::MAX);
    let midnight = tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Midnight is never skipped nor repeated by Brussels' clock changes (they happen at 02:00 and 03:00).
    chrono_tz::Europe::Brussels
        .from_local_datetime(&midnight)
        .earliest()
        .map_or(now + chrono::Duration::hours(1), |t| t.with_timezone(&chrono::Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_is_the_end_of_the_day_or_an_instant() {
        assert_eq!(parse_as_of("2024-03-01").unwrap().to_rfc3339(), "2024-03-01T23:59:59.999+00:00");
        assert_eq!(parse_as_of("2024-03-01T12:00:00+01:00").unwrap().to_rfc3339(), "2024-03-01T11:00:00+00:00");
        assert!(parse_as_of("yesterday").is_err());
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_seed_pages_three_styles() {
        assert_eq!(parse_day_first_range("1/3/12 – 28/2/17").unwrap(), (ymd(2012, 3, 1), ymd(2017, 2, 28)));
        assert_eq!(parse_day_first_range("01/04/2006 to 31/03/2008").unwrap(), (ymd(2006, 4, 1), ymd(2008, 3, 31)));
        assert_eq!(parse_day_first("01/02/2017").unwrap(), ymd(2017, 2, 1));
        assert_eq!(parse_months("60 months").unwrap(), 60);
        assert_eq!(months_between(ymd(2017, 2, 1), ymd(2022, 1, 31)), 60);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse_day_first("31/02/2017").is_err());
        assert!(parse_day_first("2017-02-01").is_err());
        assert!(parse_day_first_range("28/2/17 – 1/3/12").is_err());
        assert!(parse_months("sixty").is_err());
    }

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2017-12").unwrap().to_display_string(), "December 2017");
        assert_eq!(PartialDate::parse("2018-06-13").unwrap().to_display_string(), "13 June 2018");
        assert_eq!(PartialDate::parse("2011").unwrap().to_string(), "2011");
        assert!(PartialDate::parse("2017-13").is_err());
        assert!(PartialDate::parse("June 2018").is_err());
    }
}
