//! Reading SDMX-CSV (Eurostat's header) and plain CSV into a [`Dataset`], with every problem of the file
//! reported in one pass, placed by line and column.
//!
//! Columns are found by name, in any order and case: `DATAFLOW` (or `dataflow`), `LAST UPDATE`, `freq`, the
//! dataflow's dimensions (`sex`, `age` …), `geo`, `TIME_PERIOD` (or `time`, `year`), `OBS_VALUE` (or
//! `value`), `OBS_FLAG` (or `flag`), `CONF_STATUS` (or `conf`), `OBS_COMMENT` (or `note`), `TABLE`, and the
//! `*_label` columns Rapporteur's own CSV export writes (ignored). A dimension left out, or left empty on a
//! row, is at its total: a submission holds the tables a country has, not a full cross-classification.

use crate::codes::{Confidentiality, Dataflow, Dimension, Flags, Geo};
use crate::dataset::{Cell, CellMap, Dataset, Observation, Table, TableId, Value};
use crate::problem::{self, Place, Problem};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Read;

/// At most this many problems are kept; the rest are counted in a last problem, so that a file of a million
/// bad rows still answers quickly and in bounded memory.
pub const MAX_PROBLEMS: usize = 1000;

/// The largest count taken as plausible: more than everyone in the EU is a typing error.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Years a reference period may have.
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The dataflow of rows that do not name one. Without it, a file with a `leg_stat` column is `THB_PERS`,
    /// any other `THB_VICT`.
    pub dataflow: Option<Dataflow>,
    /// Whether rows for `EU27_2020` are taken (reading Rapporteur's own exports); submissions are national.
    pub allow_aggregate: bool,
}

/// Where an observation came from in the file, for placing later problems (additivity, consistency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub line: u64,
    /// Index into [`Parsed::table_names`]: the `TABLE` column's value (0 when the file has none).
    pub table: u16,
}

/// A file read: the observations that were well formed, where each came from, and every problem found.
#[derive(Debug, Default)]
pub struct Parsed {
    pub dataset: Dataset,
    pub origins: HashMap<TableId, CellMap<Origin>>,
    pub table_names: Vec<String>,
    /// The 1-based column of `OBS_VALUE`, for placing problems of values.
    pub value_column: u32,
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    pub problems_not_kept: u64,
    /// Data rows read (blank lines excluded).
    pub rows: u64,
}

impl Parsed {
    /// Whether any error was found (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.problems_not_kept > 0 || self.problems.iter().any(Problem::is_error)
    }

    /// Where an observation came from.
    pub fn place_of(&self, table: TableId, cell: Cell) -> Place {
        match self.origins.get(&table).and_then(|cells| cells.get(&cell)) {
            Some(origin) => Place::cell(origin.line, self.value_column, "OBS_VALUE"),
            None => Place::field(format!("{table} {}", cell.describe(table.dataflow))),
        }
    }

    fn report(&mut self, problem: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.problems_not_kept += 1;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Dataflow,
    LastUpdate,
    Freq,
    Dimension(Dimension),
    Geo,
    Time,
    Value,
    Flag,
    Conf,
    Comment,
    TableName,
    Label,
}

impl Column {
    fn from_header(name: &str) -> Option<Column> {
        let name = name.trim();
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "dataflow" => Column::Dataflow,
            "last update" | "last_update" => Column::LastUpdate,
            "freq" => Column::Freq,
            "geo" => Column::Geo,
            "time_period" | "time" | "year" => Column::Time,
            "obs_value" | "value" => Column::Value,
            "obs_flag" | "flag" | "flags" => Column::Flag,
            "conf_status" | "conf" => Column::Conf,
            "obs_comment" | "note" | "comment" => Column::Comment,
            "table" => Column::TableName,
            other if other.ends_with("_label") => Column::Label,
            other => Column::Dimension(Dimension::parse(other)?),
        })
    }
}

const KNOWN_COLUMNS: &str = "DATAFLOW, LAST UPDATE, freq, leg_stat, sex, age, citizen, exploit, status, reg_org, geo, \
TIME_PERIOD, OBS_VALUE, OBS_FLAG, CONF_STATUS, OBS_COMMENT or TABLE";

/// Reads a whole CSV file. Never fails: what cannot be read becomes a problem with its place.
pub fn read_csv<R: Read>(input: R, options: &ReadOptions) -> Parsed {
    let mut parsed = Parsed::default();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut record = csv::ByteRecord::new();

    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            parsed.report(Problem::error(
                Place::line(1),
                "the file is empty: expected a header line such as DATAFLOW,LAST UPDATE,freq,sex,…,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS",
            ));
            return parsed;
        }
        Err(error) => {
            parsed.report(Problem::error(Place::line(1), format!("the header cannot be read: {error}")));
            return parsed;
        }
    }
    let Some(header) = read_header(&record, &mut parsed, options) else {
        return parsed;
    };

    // The tables in the order first seen, found by key; rows come table by table, so the last one found is
    // tried first.
    let mut tables: Vec<(Table, CellMap<Origin>)> = Vec::new();
    let mut table_positions: HashMap<TableId, usize> = HashMap::new();
    let mut last_table: Option<(TableId, usize)> = None;
    let mut table_names: HashMap<Vec<u8>, u16> = HashMap::new();
    parsed.table_names.push(String::new());
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                parsed.report(Problem::error(Place::line(line), format!("this line cannot be read: {error}")));
                if error.is_io_error() {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0].trim_ascii().is_empty() {
            continue;
        }
        parsed.rows += 1;
        if record.len() != header.columns.len() {
            parsed.report(Problem::error(
                Place::line(line),
                format!(
                    "this line has {} fields but the header has {}: check for a missing or extra comma, or a comma \
                     inside a number (write 1234, not 1,234)",
                    record.len(),
                    header.columns.len()
                ),
            ));
            continue;
        }
        let Some(row) = read_row(&record, line, &header, options, &mut parsed) else {
            continue;
        };
        let table_index = match header.table_name {
            Some(position) => {
                let name = record[position].trim_ascii();
                match table_names.get(name) {
                    Some(index) => *index,
                    None => {
                        let index = u16::try_from(parsed.table_names.len()).unwrap_or(u16::MAX);
                        table_names.insert(name.to_vec(), index);
                        parsed.table_names.push(String::from_utf8_lossy(name).into_owned());
                        index
                    }
                }
            }
            None => 0,
        };
        let position = match last_table {
            Some((id, position)) if id == row.table => position,
            _ => {
                let position = *table_positions.entry(row.table).or_insert_with(|| {
                    tables.push((Table::new(row.table), CellMap::default()));
                    tables.len() - 1
                });
                last_table = Some((row.table, position));
                position
            }
        };
        let (table, origins) = &mut tables[position];
        if row.synthetic {
            table.synthetic = true;
        }
        let origin = Origin { line, table: table_index };
        // One lookup of the key in the origins (not a look then an insert): hashing is a good part of reading.
        match origins.entry(row.cell) {
            Entry::Vacant(vacant) => {
                vacant.insert(origin);
                table.insert(row.cell, row.observation);
            }
            Entry::Occupied(first) => {
                let earlier = table.get(row.cell).copied();
                let message = duplicate_message(&row, first.get(), origin, earlier, &parsed.table_names);
                if let Some(message) = message {
                    parsed.report(Problem::error(Place::cell(line, header.value_column, "OBS_VALUE"), message));
                }
            }
        }
    }

    parsed.value_column = header.value_column;
    for (table, origins) in tables {
        parsed.origins.insert(table.id, origins);
        parsed.dataset.insert_table(table);
    }
    problem::sort(&mut parsed.problems);
    if parsed.problems_not_kept > 0 {
        let more = parsed.problems_not_kept;
        parsed.problems.push(Problem::error(
            Place::default(),
            format!("{more} more problems not listed: fix the ones above and read the file again"),
        ));
    }
    parsed
}

/// The message for a key given twice, or `None` when two tables of the file state the same figure alike
/// (a total repeated in the table by sex and the table by age).
fn duplicate_message(
    row: &Row,
    first: &Origin,
    here: Origin,
    earlier: Option<Observation>,
    table_names: &[String],
) -> Option<String> {
    let key = row.cell.describe(row.table.dataflow);
    if first.table == here.table {
        return Some(format!(
            "duplicate key: {} {} {key} is already given on line {}",
            row.table.geo, row.table.year, first.line
        ));
    }
    let earlier = earlier?;
    if earlier.value == row.observation.value {
        return None;
    }
    Some(format!(
        "the same figure differs between two tables: {key} is {} here (table {}) but {} on line {} (table {})",
        row.observation.value,
        table_names[usize::from(here.table)],
        earlier.value,
        first.line,
        table_names[usize::from(first.table)],
    ))
}

struct Header {
    columns: Vec<Column>,
    value_column: u32,
    table_name: Option<usize>,
    /// The dataflow rows take when the file has no `DATAFLOW` column.
    default_dataflow: Dataflow,
    has_dataflow_column: bool,
    /// Where each dimension's column is, if the file has one.
    dimension_columns: [Option<usize>; 7],
}

fn dimension_slot(dimension: Dimension) -> usize {
    Dimension::ALL.iter().position(|d| *d == dimension).unwrap_or(0)
}

fn read_header(record: &csv::ByteRecord, parsed: &mut Parsed, options: &ReadOptions) -> Option<Header> {
    let mut columns = Vec::with_capacity(record.len());
    let mut fatal = false;
    for (index, field) in record.iter().enumerate() {
        let column_number = index as u32 + 1;
        let name = String::from_utf8_lossy(field);
        let name = name.trim_start_matches('\u{feff}');
        match Column::from_header(name) {
            Some(column) => {
                if column != Column::Label && columns.contains(&column) {
                    parsed.report(Problem::error(
                        Place::cell(1, column_number, name),
                        format!("the column {name:?} appears twice"),
                    ));
                    fatal = true;
                }
                columns.push(column);
            }
            None => {
                parsed.report(Problem::error(
                    Place::cell(1, column_number, name),
                    format!("unknown column {name:?}: expected {KNOWN_COLUMNS}"),
                ));
                fatal = true;
                columns.push(Column::Label);
            }
        }
    }
    for (required, name) in [(Column::Geo, "geo"), (Column::Time, "TIME_PERIOD"), (Column::Value, "OBS_VALUE")] {
        if !columns.contains(&required) {
            parsed.report(Problem::error(Place::line(1), format!("the header has no {name} column")));
            fatal = true;
        }
    }
    let mut dimension_columns = [None; 7];
    for (position, column) in columns.iter().enumerate() {
        if let Column::Dimension(d) = column {
            dimension_columns[dimension_slot(*d)] = Some(position);
        }
    }
    let has_dataflow_column = columns.contains(&Column::Dataflow);
    let default_dataflow =
        options.dataflow.unwrap_or(if dimension_columns[dimension_slot(Dimension::LegStat)].is_some() {
            Dataflow::Persons
        } else {
            Dataflow::Victims
        });
    if !has_dataflow_column
        && default_dataflow == Dataflow::Persons
        && dimension_columns[dimension_slot(Dimension::LegStat)].is_none()
    {
        parsed.report(Problem::error(
            Place::line(1),
            "THB_PERS needs a leg_stat column (SUSP, PROS or CONV): the three are not parts of one total",
        ));
        fatal = true;
    }
    if fatal {
        return None;
    }
    let value_column = columns.iter().position(|c| *c == Column::Value).map_or(0, |p| p as u32 + 1);
    let table_name = columns.iter().position(|c| *c == Column::TableName);
    Some(Header { columns, value_column, table_name, default_dataflow, has_dataflow_column, dimension_columns })
}

struct Row {
    table: TableId,
    cell: Cell,
    observation: Observation,
    synthetic: bool,
}

fn show(field: &[u8]) -> String {
    let text = String::from_utf8_lossy(field);
    let mut shown: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// Reads one data row; reports each bad field and returns `None` if any was bad.
fn read_row(
    record: &csv::ByteRecord,
    line: u64,
    header: &Header,
    options: &ReadOptions,
    parsed: &mut Parsed,
) -> Option<Row> {
    let mut ok = true;
    let place = |position: usize, name: &str| Place::cell(line, position as u32 + 1, name);

    let dataflow = if header.has_dataflow_column {
        let position = header.columns.iter().position(|c| *c == Column::Dataflow).unwrap_or(0);
        let field = record[position].trim_ascii();
        match std::str::from_utf8(field).ok().and_then(Dataflow::parse) {
            Some(d) => d,
            None if field.is_empty() => header.default_dataflow,
            None => {
                parsed.report(Problem::error(
                    place(position, "DATAFLOW"),
                    format!("unknown dataflow {}: expected THB_VICT or THB_PERS", show(field)),
                ));
                return None;
            }
        }
    } else {
        header.default_dataflow
    };

    let mut geo = None;
    let mut year = None;
    let mut value = None;
    let mut flags = Flags::NONE;
    let mut conf = Confidentiality::Free;
    let mut synthetic = false;
    for (position, column) in header.columns.iter().enumerate() {
        let field = record[position].trim_ascii();
        match column {
            Column::Geo => match Geo::parse(field) {
                Some(g) if g.is_member_state() || options.allow_aggregate => geo = Some(g),
                Some(_) => {
                    parsed.report(Problem::error(
                        place(position, "geo"),
                        "EU27_2020 is built by Rapporteur from the national figures: a submission gives one Member State",
                    ));
                    ok = false;
                }
                None => {
                    parsed.report(Problem::error(
                        place(position, "geo"),
                        format!(
                            "unknown country code {}: expected Eurostat's code of a Member State (AT, BE, … EL for \
                             Greece, … SE)",
                            show(field)
                        ),
                    ));
                    ok = false;
                }
            },
            Column::Time => match std::str::from_utf8(field).ok().and_then(|t| t.parse::<u16>().ok()) {
                Some(y) if YEARS.contains(&y) => year = Some(y),
                _ => {
                    parsed.report(Problem::error(
                        place(position, "TIME_PERIOD"),
                        format!(
                            "{} is not a reference year: expected a year from {} to {} such as 2023",
                            show(field),
                            YEARS.start(),
                            YEARS.end()
                        ),
                    ));
                    ok = false;
                }
            },
            Column::Value => match read_count(field) {
                Ok(v) => value = Some(v),
                Err(message) => {
                    parsed.report(Problem::error(place(position, "OBS_VALUE"), message));
                    ok = false;
                }
            },
            Column::Flag => match Flags::parse(field) {
                Ok(f) => flags = f,
                Err(letter) => {
                    parsed.report(Problem::error(
                        place(position, "OBS_FLAG"),
                        format!("unknown observation flag {letter:?}: expected one or more of {}", Flags::expected()),
                    ));
                    ok = false;
                }
            },
            Column::Conf => match Confidentiality::parse(field) {
                Some(c) => conf = c,
                None => {
                    parsed.report(Problem::error(
                        place(position, "CONF_STATUS"),
                        format!(
                            "unknown confidentiality status {}: expected C, N, P or nothing (free for publication)",
                            show(field)
                        ),
                    ));
                    ok = false;
                }
            },
            Column::Freq => {
                if !(field.is_empty() || field.eq_ignore_ascii_case(b"A")) {
                    parsed.report(Problem::error(
                        place(position, "freq"),
                        format!("frequency {} is not annual: THB figures are annual (A)", show(field)),
                    ));
                    ok = false;
                }
            }
            Column::Comment => synthetic |= field.len() >= 9 && field[..9].eq_ignore_ascii_case(b"synthetic"),
            Column::Dimension(d) if !dataflow.dimensions().contains(d) && !field.is_empty() => {
                let is_total = d.total().is_some_and(|t| d.code_index(field) == Some(t));
                if !is_total {
                    parsed.report(Problem::error(
                        place(position, d.id()),
                        format!("{d} is not a dimension of {dataflow}: leave it empty on this line"),
                    ));
                    ok = false;
                }
            }
            Column::Dataflow | Column::LastUpdate | Column::TableName | Column::Label | Column::Dimension(_) => {}
        }
    }

    let mut codes = [0u8; crate::dataset::MAX_DIMENSIONS];
    for (slot, dimension) in dataflow.dimensions().iter().enumerate() {
        let column = header.dimension_columns[dimension_slot(*dimension)];
        let field = column.map_or(&b""[..], |position| record[position].trim_ascii());
        if field.is_empty() {
            match dimension.total() {
                Some(total) => codes[slot] = total,
                None => {
                    parsed.report(Problem::error(
                        column.map_or(Place::line(line), |p| place(p, dimension.id())),
                        format!("{dimension} is required for {dataflow}: expected {}", dimension.expected()),
                    ));
                    ok = false;
                }
            }
            continue;
        }
        match dimension.code_index(field) {
            Some(code) => codes[slot] = code,
            None => {
                parsed.report(Problem::error(
                    place(column.unwrap_or(0), dimension.id()),
                    format!("unknown {dimension} code {}: expected {}", show(field), dimension.expected()),
                ));
                ok = false;
            }
        }
    }

    if !ok {
        return None;
    }
    let (geo, year, value) = (geo?, year?, value?);
    let cell = Cell::from_codes(dataflow, &codes[..dataflow.dimensions().len()]);
    Some(Row {
        table: TableId { dataflow, geo, year },
        cell,
        observation: Observation { value, flags, conf },
        synthetic,
    })
}

/// Reads `OBS_VALUE`: a whole number of persons, `:` or nothing for not available.
pub fn read_count(field: &[u8]) -> Result<Value, String> {
    if field.is_empty() || field == b":" {
        return Ok(Value::NotAvailable);
    }
    if field.iter().all(u8::is_ascii_digit) {
        if field.len() > 10 {
            return Err(format!("{} is not a plausible count of persons (more than {MAX_COUNT})", show(field)));
        }
        let mut n = 0u64;
        for &digit in field {
            n = n * 10 + u64::from(digit - b'0');
        }
        if n > MAX_COUNT {
            return Err(format!("{n} is not a plausible count of persons (more than {MAX_COUNT})"));
        }
        return Ok(Value::Count(n));
    }
    if field.first() == Some(&b'-') && field.len() > 1 && field[1..].iter().all(u8::is_ascii_digit) {
        return Err(format!("{} is negative: a count of persons is 0 or more", show(field)));
    }
    Err(format!("{} is not a whole number: write a count such as 12, 0 for none, or : when not available", show(field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Parsed {
        read_csv(text.as_bytes(), &ReadOptions::default())
    }

    fn messages(parsed: &Parsed) -> Vec<String> {
        parsed.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_eurostat_sdmx_csv() {
        let parsed = read(
            "DATAFLOW,LAST UPDATE,freq,sex,age,citizen,exploit,status,reg_org,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n\
             ESTAT:THB_VICT(1.0),24/01/24 23:00:00,A,F,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,AT,2022,120,p,\n\
             ESTAT:THB_VICT(1.0),24/01/24 23:00:00,A,T,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,EL,2022,:,,\n",
        );
        assert_eq!(messages(&parsed), Vec::<String>::new());
        assert_eq!(parsed.dataset.observation_count(), 2);
        let greece = TableId { dataflow: Dataflow::Victims, geo: Geo::parse(b"EL").unwrap(), year: 2022 };
        let total = parsed.dataset.table(greece).and_then(|t| t.grand_total()).copied();
        assert_eq!(total, Some(Observation::not_available()));
    }

    #[test]
    fn a_dimension_left_out_is_its_total() {
        let parsed = read("geo,year,sex,value\nAT,2022,F,3\nAT,2022,,7\n");
        assert!(parsed.problems.is_empty(), "{:?}", messages(&parsed));
        let table = parsed.dataset.tables().next().unwrap();
        assert_eq!(table.grand_total().map(|o| o.value), Some(Value::Count(7)));
    }

    #[test]
    fn every_bad_field_is_placed_in_one_pass() {
        let parsed = read(
            "geo,year,sex,exploit,value,flag\n\
             XX,2022,F,SEX,3,\n\
             AT,20x2,Q,SEX,-4,\n\
             AT,2022,F,SEX,2.5,z\n\
             AT,2022,F,SEX,1,2\n\
             AT,2022,F\n",
        );
        assert_eq!(
            messages(&parsed),
            vec![
                "2:1: error: unknown country code \"XX\": expected Eurostat's code of a Member State (AT, BE, … EL for Greece, … SE)",
                "3:2: error: \"20x2\" is not a reference year: expected a year from 1990 to 2100 such as 2023",
                "3:3: error: unknown sex code \"Q\": expected F, M, UNK or T",
                "3:5: error: \"-4\" is negative: a count of persons is 0 or more",
                "4:5: error: \"2.5\" is not a whole number: write a count such as 12, 0 for none, or : when not available",
                "4:6: error: unknown observation flag 'z': expected one or more of b, d, e, f, i, m, n, p, u",
                "5:6: error: unknown observation flag '2': expected one or more of b, d, e, f, i, m, n, p, u",
                "6: error: this line has 3 fields but the header has 6: check for a missing or extra comma, or a comma inside a number (write 1234, not 1,234)",
            ]
        );
    }

    #[test]
    fn duplicates_and_differing_totals_between_tables() {
        let parsed = read("geo,year,sex,value\nAT,2022,F,3\nAT,2022,F,3\n");
        assert_eq!(messages(&parsed), vec!["3:4: error: duplicate key: AT 2022 sex=F, age=TOTAL, citizen=TOTAL, exploit=TOTAL, status=TOTAL, reg_org=TOTAL is already given on line 2"]);

        let parsed = read(
            "TABLE,geo,year,sex,age,value\nby sex,AT,2022,,,10\nby sex,AT,2022,F,,4\nby age,AT,2022,,,10\nby age,AT,2022,,Y_LT18,2\nby status,AT,2022,,,11\n",
        );
        assert_eq!(messages(&parsed).len(), 1, "{:?}", messages(&parsed));
        assert!(messages(&parsed)[0].starts_with("6:6: error: the same figure differs between two tables"));
        assert!(messages(&parsed)[0].contains("11 here (table by status) but 10 on line 2 (table by sex)"));
    }

    #[test]
    fn header_problems_stop_the_reading() {
        let parsed = read("geo,year,colour,value\nAT,2022,red,1\n");
        assert!(messages(&parsed)[0].starts_with("1:3: error: unknown column \"colour\""));
        assert_eq!(parsed.rows, 0);
        let parsed = read("");
        assert!(messages(&parsed)[0].starts_with("1: error: the file is empty"));
        let parsed = read("geo,sex\n");
        assert_eq!(messages(&parsed).len(), 2);
    }

    #[test]
    fn persons_need_a_legal_status_and_no_victim_dimensions() {
        let parsed =
            read("DATAFLOW,geo,year,leg_stat,status,value\nTHB_PERS,AT,2022,CONV,IDENT,4\nTHB_PERS,AT,2022,,,5\n");
        assert_eq!(
            messages(&parsed),
            vec![
                "2:5: error: status is not a dimension of THB_PERS: leave it empty on this line",
                "3:4: error: leg_stat is required for THB_PERS: expected SUSP, PROS or CONV",
            ]
        );
    }

    #[test]
    fn the_synthetic_label_travels_with_the_table() {
        let parsed = read("geo,year,value,OBS_COMMENT\nAT,2022,5,synthetic: generated\n");
        assert!(parsed.dataset.tables().all(|t| t.synthetic));
    }

    #[test]
    fn many_bad_rows_keep_a_bounded_list() {
        let mut text = String::from("geo,year,value\n");
        for _ in 0..5000 {
            text.push_str("AT,2022,x\n");
        }
        let parsed = read(&text);
        assert_eq!(parsed.problems.len(), MAX_PROBLEMS + 1);
        assert!(parsed.problems.last().unwrap().message.starts_with("4000 more problems"));
    }
}
