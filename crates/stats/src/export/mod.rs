//! The public exports of a dataset: Eurostat-style SDMX-CSV 1.0 (with an SDMX-ML 2.1 structure message to
//! read it by), JSON-stat 2.0, plain CSV and XLSX for spreadsheets.
//!
//! Every export is a public output, so the same rules hold in all four:
//! - a value whose confidentiality is not [`Confidentiality::Free`] is never written: the value is left empty
//!   (JSON-stat `null`) and the confidentiality code (`C`, `N`, `P`) goes with it;
//! - a value that is not available is empty in SDMX-CSV, `:` in plain CSV and XLSX, `null` in JSON-stat;
//! - the output does not depend on the order the tables are handed in: tables go in [`Dataset`] order
//!   (dataflow, country, year), cells in [`Cell`] order, and a table given twice is refused (JSON-stat, which
//!   cannot fail, keeps the first);
//! - a table with [`Table::synthetic`] set is labelled as generated in every format ([`SYNTHETIC_NOTE`]).
//!
//! [`Dataset`]: crate::Dataset

mod csv;
mod json_stat;
mod sdmx_csv;
mod xlsx;

pub use self::csv::write_csv;
pub use self::json_stat::json_stat;
pub use self::sdmx_csv::{sdmx_structure_xml, write_sdmx_csv};
pub use self::xlsx::xlsx;

use crate::codes::{Confidentiality, Dataflow, Dimension};
use crate::dataset::{Cell, Observation, Table, TableId, Value};
use std::collections::HashSet;
use std::fmt;

/// The label every export puts on the figures of a synthetic table.
pub const SYNTHETIC_NOTE: &str = "synthetic: generated, not real data";

/// What can stop an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// SDMX-CSV holds one dataflow: its columns are that dataflow's dimensions.
    #[error("one SDMX-CSV file holds one dataflow, but the tables given are of {first} and {other}")]
    MixedDataflows {
        /// The dataflow of the first table, in dataset order.
        first: Dataflow,
        /// Another dataflow among the tables.
        other: Dataflow,
    },
    /// SDMX-CSV's columns come from the tables' dataflow, which no table names.
    #[error("no table to export: an SDMX-CSV file needs a dataflow for its columns")]
    NoTables,
    /// The same table twice would give every key twice.
    #[error("the table {0} is given twice")]
    DuplicateTable(TableId),
    /// The XLSX writer failed (an invalid date, or a sheet beyond Excel's limits).
    #[error("writing the XLSX workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The writer an export was handed failed.
    #[error("writing the export: {0}")]
    Io(std::io::Error),
}

/// The CSV writers report refused input as an [`std::io::ErrorKind::InvalidInput`] error wrapping the
/// [`ExportError`], so that their signature stays `io::Result`.
impl From<ExportError> for std::io::Error {
    fn from(error: ExportError) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, error)
    }
}

/// Unwraps the [`ExportError`] that a CSV writer wrapped, so that `?` gives back the cause itself; any other
/// I/O error becomes [`ExportError::Io`].
impl From<std::io::Error> for ExportError {
    fn from(error: std::io::Error) -> ExportError {
        if !error.get_ref().is_some_and(|inner| inner.is::<ExportError>()) {
            return ExportError::Io(error);
        }
        let kind = error.kind();
        match error.into_inner().map(|inner| inner.downcast::<ExportError>()) {
            Some(Ok(export)) => *export,
            // Not reached: the check above saw an ExportError inside.
            Some(Err(other)) => ExportError::Io(std::io::Error::new(kind, other)),
            None => ExportError::Io(std::io::Error::from(kind)),
        }
    }
}

/// An export format, as named in a request (`?format=sdmx-csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// SDMX-CSV 1.0 with Eurostat's columns (`DATAFLOW`, `LAST UPDATE`, `freq` …).
    SdmxCsv,
    /// JSON-stat 2.0, one dataset, `value` and `status` sparse as Eurostat writes them.
    JsonStat,
    /// Plain CSV with codes and labels, for spreadsheets.
    Csv,
    /// An Excel workbook of one sheet, with the plain CSV's columns.
    Xlsx,
}

impl Format {
    /// Every format, in the order a page offers them.
    pub const ALL: [Format; 4] = [Format::SdmxCsv, Format::JsonStat, Format::Csv, Format::Xlsx];

    /// Reads `sdmx-csv`, `json-stat`, `csv` or `xlsx` (ASCII case ignored).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The name [`Format::parse`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Format::SdmxCsv => "sdmx-csv",
            Format::JsonStat => "json-stat",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The `Content-Type` to serve it with. SDMX-CSV has the SDMX REST media type, so that SDMX clients know
    /// the version; JSON-stat has no registered type of its own and is served as JSON, as Eurostat does.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::SdmxCsv => "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
            Format::JsonStat => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file name extension, without the dot. Both CSV kinds end in `csv`, so that spreadsheets open them.
    pub fn extension(self) -> &'static str {
        match self {
            Format::SdmxCsv | Format::Csv => "csv",
            Format::JsonStat => "json",
            Format::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A moment in UTC, for the exports' dates, so that the crate needs no date library: the caller fills it from
/// its clock (or a fixed moment, for files that must not change between runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// The year, four digits.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59.
    pub second: u8,
}

impl Timestamp {
    /// The moment `seconds` after 1970-01-01T00:00:00Z (the proleptic Gregorian calendar, as chrono and
    /// every clock give it), so that callers with a clock need no conversion of their own. Years past 9999
    /// are written as 9999.
    pub fn from_unix_seconds(seconds: i64) -> Timestamp {
        let days = seconds.div_euclid(86_400);
        let in_day = seconds.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil: eras of 400 years, March-based years so that leap days come last.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Timestamp {
            year: u16::try_from(year.clamp(0, 9999)).unwrap_or(9999),
            month: month as u8,
            day: day as u8,
            hour: (in_day / 3_600) as u8,
            minute: (in_day % 3_600 / 60) as u8,
            second: (in_day % 60) as u8,
        }
    }

    /// Eurostat's `LAST UPDATE` form, `DD/MM/YY HH:MM:SS`, for [`write_sdmx_csv`].
    pub fn last_update(&self) -> String {
        last_update(self.year, self.month, self.day, self.hour, self.minute, self.second)
    }

    /// ISO 8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`, for JSON-stat's `updated`.
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Formats Eurostat's `LAST UPDATE` column, `DD/MM/YY HH:MM:SS` (two-digit year, as Eurostat writes it).
pub fn last_update(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> String {
    format!("{day:02}/{month:02}/{:02} {hour:02}:{minute:02}:{second:02}", year % 100)
}

/// What the public may see of an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// A count free for publication.
    Count(u64),
    /// Not available (`:`), and free: there is nothing to hide.
    NotAvailable,
    /// Withheld: whatever the value, only the confidentiality code is written.
    Withheld(Confidentiality),
}

impl Shown {
    /// The one place that decides what is written: confidentiality first, so that no format can leak a value
    /// by checking availability before confidentiality.
    pub(crate) fn of(observation: &Observation) -> Shown {
        if !observation.conf.is_public() {
            return Shown::Withheld(observation.conf);
        }
        match observation.value {
            Value::Count(n) => Shown::Count(n),
            Value::NotAvailable => Shown::NotAvailable,
        }
    }
}

/// The tables in dataset order; [`ExportError::DuplicateTable`] when an id comes twice.
pub(crate) fn ordered<'a>(tables: &[&'a Table]) -> Result<Vec<&'a Table>, ExportError> {
    let mut sorted = tables.to_vec();
    sorted.sort_by_key(|t| t.id);
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0].id == pair[1].id) {
        return Err(ExportError::DuplicateTable(pair[0].id));
    }
    Ok(sorted)
}

/// Every observation of the tables, table by table and cell by cell, in the order the exports write them.
pub(crate) fn observations<'a, 's>(
    tables: &'s [&'a Table],
) -> impl Iterator<Item = (&'a Table, Cell, Observation)> + 's {
    tables.iter().flat_map(|table| table.sorted().into_iter().map(move |(cell, obs)| (*table, cell, obs)))
}

/// The breakdown dimensions of the plain CSV and XLSX columns: those of every dataflow among the tables, in
/// the key order of the first dataflow and then the ones the next adds, so that one file can hold both.
pub(crate) fn union_dimensions(tables: &[&Table]) -> Vec<Dimension> {
    let mut seen = HashSet::new();
    let mut dimensions = Vec::new();
    for table in tables {
        for dim in table.dataflow().dimensions() {
            if seen.insert(*dim) {
                dimensions.push(*dim);
            }
        }
    }
    dimensions
}

/// The plain CSV and XLSX header: `dataflow,geo,geo_label,year,<dim>,<dim>_label …,value,flag,conf_status`
/// and `note` when some table is synthetic.
pub(crate) fn plain_header(dimensions: &[Dimension], with_note: bool) -> Vec<String> {
    let mut header: Vec<String> = ["dataflow", "geo", "geo_label", "year"].map(String::from).into();
    for dim in dimensions {
        header.push(dim.id().to_string());
        header.push(format!("{}_label", dim.id()));
    }
    header.extend(["value", "flag", "conf_status"].map(String::from));
    if with_note {
        header.push("note".to_string());
    }
    header
}

/// The synthetic tables for a note: `None` without any, `every table` when all are, else the tables listed
/// (`BE 2024`, with the dataflow first when `with_dataflow`), the first [`NOTE_LISTS_AT_MOST`] and a count of
/// the rest, so that a note stays readable and within a spreadsheet cell's 32,767 characters.
pub(crate) fn synthetic_summary(tables: &[&Table], with_dataflow: bool) -> Option<String> {
    let synthetic: Vec<&Table> = tables.iter().copied().filter(|t| t.synthetic).collect();
    if synthetic.is_empty() {
        return None;
    }
    if synthetic.len() == tables.len() {
        return Some(format!("{SYNTHETIC_NOTE}: every table"));
    }
    let mut listed: Vec<String> = synthetic
        .iter()
        .take(NOTE_LISTS_AT_MOST)
        .map(|t| match with_dataflow {
            true => format!("{} {} {}", t.id.dataflow, t.id.geo, t.id.year),
            false => format!("{} {}", t.id.geo, t.id.year),
        })
        .collect();
    if synthetic.len() > NOTE_LISTS_AT_MOST {
        listed.push(format!("and {} more", synthetic.len() - NOTE_LISTS_AT_MOST));
    }
    Some(format!("{SYNTHETIC_NOTE}: {}", listed.join(", ")))
}

/// How many synthetic tables a note names before it counts the rest.
pub(crate) const NOTE_LISTS_AT_MOST: usize = 40;

/// The code and label of `dim` in `cell`, or `None` when the cell's dataflow lacks the dimension.
pub(crate) fn code_of(table: &Table, cell: Cell, dim: Dimension) -> Option<(&'static str, &'static str)> {
    let dataflow = table.dataflow();
    let position = dataflow.dimensions().iter().position(|d| *d == dim)?;
    let entry = dim.code(cell.code(dataflow, position));
    Some((entry.id, entry.label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{Flags, Geo};

    #[test]
    fn unix_seconds_become_calendar_moments() {
        let at = |s| {
            let t = Timestamp::from_unix_seconds(s);
            (t.year, t.month, t.day, t.hour, t.minute, t.second)
        };
        assert_eq!(at(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(at(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(at(1_709_251_199), (2024, 2, 29, 23, 59, 59));
        assert_eq!(at(1_796_000_000), (2026, 11, 30, 0, 53, 20)); // `date -u -d @1796000000`
        assert_eq!(at(-1), (1969, 12, 31, 23, 59, 59));
        assert_eq!(Timestamp::from_unix_seconds(1_796_000_000).last_update(), "30/11/26 00:53:20");
    }

    #[test]
    fn export_formats_parse_and_name_themselves() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
            assert!(!format.media_type().is_empty());
        }
        assert_eq!(Format::parse(" JSON-STAT "), Some(Format::JsonStat));
        assert_eq!(Format::parse("sdmx"), None);
        assert_eq!(Format::Xlsx.extension(), "xlsx");
    }

    #[test]
    fn export_dates_in_eurostat_and_iso_form() {
        assert_eq!(last_update(2025, 3, 7, 9, 5, 1), "07/03/25 09:05:01");
        let at = Timestamp { year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 58 };
        assert_eq!(at.last_update(), "31/12/25 23:59:58");
        assert_eq!(at.iso8601(), "2025-12-31T23:59:58Z");
    }

    #[test]
    fn export_withholds_confidential_values_before_anything_else() {
        let secret = Observation { value: Value::NotAvailable, flags: Flags::NONE, conf: Confidentiality::Secret };
        assert_eq!(Shown::of(&secret), Shown::Withheld(Confidentiality::Secret));
        let mut count = Observation::count(5);
        assert_eq!(Shown::of(&count), Shown::Count(5));
        count.conf = Confidentiality::Confidential;
        assert_eq!(Shown::of(&count), Shown::Withheld(Confidentiality::Confidential));
        assert_eq!(Shown::of(&Observation::not_available()), Shown::NotAvailable);
    }

    #[test]
    fn export_notes_name_synthetic_tables_briefly() {
        let tables: Vec<Table> = (2000..2050)
            .map(|year| {
                let mut table = Table::new(TableId { dataflow: Dataflow::Victims, geo: Geo::EU27_2020, year });
                table.synthetic = year != 2049;
                table
            })
            .collect();
        let refs: Vec<&Table> = tables.iter().collect();
        assert_eq!(synthetic_summary(&refs[49..], false), None);
        assert_eq!(
            synthetic_summary(&refs[..2], true).as_deref(),
            Some("synthetic: generated, not real data: every table")
        );
        let many = synthetic_summary(&refs, false).expect("a note");
        assert!(many.starts_with("synthetic: generated, not real data: EU27_2020 2000, EU27_2020 2001, "), "{many}");
        assert!(many.ends_with("EU27_2020 2039, and 9 more"), "{many}");
    }

    #[test]
    fn export_refuses_a_table_given_twice() {
        let at = Geo::parse(b"AT").expect("AT is a Member State");
        let table = Table::new(TableId { dataflow: Dataflow::Victims, geo: at, year: 2023 });
        assert!(matches!(ordered(&[&table, &table]), Err(ExportError::DuplicateTable(_))));
        // Through a CSV writer's io::Error and back, the cause is kept.
        let mut out = Vec::new();
        let error = ExportError::from(write_sdmx_csv(&mut out, &[&table, &table], "").expect_err("refused"));
        assert!(matches!(error, ExportError::DuplicateTable(_)), "{error}");
        let other = ExportError::from(std::io::Error::other("disk full"));
        assert!(matches!(other, ExportError::Io(_)), "{other}");
    }
}
