//! Instants as people read them: in Brussels time, the network office's, with the zone named (CET in
//! winter, CEST in summer). Machine formats (the API's JSON, CSV, the `datetime` attribute) keep UTC and
//! RFC 3339; only what a person reads is converted, and by this one function.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Brussels;
use maud::{html, Markup};

/// "29 November 2026, 18:36 CET".
pub fn brussels_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Brussels).format("%-d %B %Y, %H:%M %Z").to_string()
}

/// A `<time>` element: Brussels time for people, the UTC instant for machines.
pub fn brussels_time(at: DateTime<Utc>) -> Markup {
    html! { time datetime=(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)) { (brussels_text(at)) } }
}

/// The same for an instant the store keeps as RFC 3339 text; text that is not one is shown as it is.
pub fn brussels_time_of(rfc3339: &str) -> Markup {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(at) => brussels_time(at.with_timezone(&Utc)),
        Err(_) => html! { (rfc3339) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winter_and_summer_time_are_named() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(brussels_text(at("2026-01-15T09:05:00Z")), "15 January 2026, 10:05 CET");
        assert_eq!(brussels_text(at("2026-07-15T09:05:00Z")), "15 July 2026, 11:05 CEST");
        assert_eq!(brussels_text(at("2026-12-31T23:30:00Z")), "1 January 2027, 00:30 CET");
        let markup = brussels_time_of("2026-07-15T09:05:00Z").into_string();
        assert!(markup.contains("datetime=\"2026-07-15T09:05:00Z\"") && markup.contains("11:05 CEST"), "{markup}");
        assert_eq!(brussels_time_of("yesterday").into_string(), "yesterday");
    }
}
