//! Amounts in euro, exact to the cent.

use std::fmt;

/// An amount in euro, held in whole cents so that budgets stay exact. Serialised as the API's decimal
/// string ("7999182.00"), never as a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Eur(i64);

impl TryFrom<String> for Eur {
    type Error = EurParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Eur::parse_decimal(&value)
    }
}

impl From<Eur> for String {
    fn from(e: Eur) -> String {
        e.to_decimal_string()
    }
}

/// The text is not an amount in euro.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {text:?} as an amount in euro: {reason}")]
pub struct EurParseError {
    pub text: String,
    pub reason: &'static str,
}

impl Eur {
    pub const fn from_cents(cents: i64) -> Self {
        Eur(cents)
    }
    pub const fn from_euros(euros: i64) -> Self {
        Eur(euros * 100)
    }
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Reads an amount as the seed page writes them: `7.999.182€`, `250,000 €`, `€ 1,432,500.00`,
    /// `935,100 €`. A separator followed by exactly two final digits is the decimal mark; separators
    /// followed by groups of three are thousands separators, whichever of `.` and `,` the writer used.
    pub fn parse_written(text: &str) -> Result<Self, EurParseError> {
        let err = |reason| EurParseError { text: text.to_owned(), reason };
        let body: String = text.chars().filter(|c| !matches!(c, '€' | ' ' | '\u{a0}')).collect();
        let body = body.strip_suffix("EUR").or_else(|| body.strip_prefix("EUR")).unwrap_or(&body).to_owned();
        if body.is_empty() {
            return Err(err("no digits"));
        }
        if !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            return Err(err("only digits, '.', ',' and '€' may appear"));
        }
        // Split off a decimal part: the last separator when exactly two digits follow it.
        let (int_part, cents) = match body.rfind(['.', ',']) {
            Some(pos) if body.len() - pos - 1 == 2 => {
                let cents: i64 = body[pos + 1..].parse().map_err(|_| err("bad cents"))?;
                (&body[..pos], cents)
            }
            _ => (body.as_str(), 0),
        };
        let groups: Vec<&str> = int_part.split(['.', ',']).collect();
        if groups.iter().skip(1).any(|g| g.len() != 3)
            || groups[0].is_empty()
            || groups[0].len() > 3 && groups.len() > 1
        {
            return Err(err("thousands separators must separate groups of three digits"));
        }
        let euros: i64 = groups.concat().parse().map_err(|_| err("too large"))?;
        euros.checked_mul(100).and_then(|c| c.checked_add(cents)).map(Eur).ok_or_else(|| err("too large"))
    }

    /// Reads a plain decimal such as `7999182.00` or `250000` (the API's form).
    pub fn parse_decimal(text: &str) -> Result<Self, EurParseError> {
        let err = |reason| EurParseError { text: text.to_owned(), reason };
        let (int, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err("expected a decimal number of euros such as 250000 or 7999182.00"));
        }
        let euros: i64 = int.parse().map_err(|_| err("too large"))?;
        let cents: i64 =
            if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| err("bad cents"))? };
        euros.checked_mul(100).and_then(|c| c.checked_add(cents)).map(Eur).ok_or_else(|| err("too large"))
    }

    /// The API's decimal string, always with two decimals: `7999182.00`.
    pub fn to_decimal_string(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// For people, in English: `€7,999,182` (cents shown only when there are some).
    pub fn to_display_string(self) -> String {
        let euros = (self.0 / 100).to_string();
        let mut grouped = String::new();
        for (i, ch) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        match self.0 % 100 {
            0 => format!("€{grouped}"),
            c => format!("€{grouped}.{c:02}"),
        }
    }
}

impl fmt::Display for Eur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_display_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_pages_styles() {
        let cases = [
            ("7.999.182€", 7_999_182_00),
            ("250,000 €", 250_000_00),
            ("€ 1,432,500.00", 1_432_500_00),
            ("€ 1,992,809.00", 1_992_809_00),
            ("935,100 €", 935_100_00),
            ("1.234,56 €", 1_234_56),
            ("500", 500_00),
        ];
        for (text, cents) in cases {
            assert_eq!(Eur::parse_written(text).unwrap().cents(), cents, "{text}");
        }
    }

    #[test]
    fn rejects_nonsense() {
        for text in ["", "€", "12,34,5", "abc", "1.2.3", "1234.567,00"] {
            assert!(Eur::parse_written(text).is_err(), "{text}");
        }
    }

    #[test]
    fn decimal_round_trip() {
        let e = Eur::parse_written("7.999.182€").unwrap();
        assert_eq!(e.to_decimal_string(), "7999182.00");
        assert_eq!(Eur::parse_decimal("7999182.00").unwrap(), e);
        assert_eq!(Eur::parse_decimal("0.5").unwrap().cents(), 50);
        assert!(Eur::parse_decimal("-1").is_err());
        assert!(Eur::parse_decimal("1e6").is_err());
        assert_eq!(e.to_display_string(), "€7,999,182");
        assert_eq!(Eur::from_cents(123_456).to_display_string(), "€1,234.56");
    }
}
