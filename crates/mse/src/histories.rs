//! The capture-history table: one 0/1 column per list, then `count`, one row per observed pattern.

use std::io::Read;

/// The most lists a table may have (the model has a cell per non-empty pattern: 2^t − 1).
pub const MAX_LISTS: usize = 16;

/// Persons counted per capture pattern; bit `i` of a pattern is set when list `i` saw them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureTable {
    pub lists: Vec<String>,
    /// Count per pattern, indexed by the pattern (index 0, the unobserved cell, is always 0).
    pub counts: Vec<u64>,
}

/// What is wrong with a table, and where: line (the header is line 1) and, when one field is at fault, its
/// column (the first is 1). Shown as `LINE:COLUMN: message`, to follow a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub line: u64,
    pub column: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "{}:{column}: {}", self.line, self.message),
            None => write!(f, "{}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for TableError {}

fn at(line: u64, message: impl Into<String>) -> TableError {
    TableError { line, column: None, message: message.into() }
}

fn at_column(line: u64, column: usize, message: impl Into<String>) -> TableError {
    TableError { line, column: Some(column as u64 + 1), message: message.into() }
}

impl CaptureTable {
    /// Reads a table. Each pattern comes once; the all-zero pattern, if given, counts 0.
    pub fn read_csv(input: impl Read) -> Result<CaptureTable, TableError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
        let mut rows = reader.records();
        let header = match rows.next() {
            None => return Err(at(1, "the file is empty: a header with one column per list, then count, is expected")),
            Some(row) => row.map_err(|e| at(e.position().map_or(1, |p| p.line()), e.to_string()))?,
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        if names.last().map(String::as_str) != Some("count") {
            return Err(at_column(1, names.len().saturating_sub(1), "the last column is `count`"));
        }
        let lists = names[..names.len() - 1].to_vec();
        if lists.len() < 2 || lists.len() > MAX_LISTS {
            return Err(at(
                1,
                format!("estimation takes 2 to {MAX_LISTS} lists (0/1 columns before count), not {}", lists.len()),
            ));
        }
        if let Some(name) =
            lists.iter().enumerate().find(|(i, n)| n.is_empty() || lists[..*i].contains(n)).map(|(_, n)| n)
        {
            let column = lists.iter().position(|n| n == name).unwrap_or(0);
            return Err(at_column(1, column, format!("list name '{name}' is empty or repeated")));
        }
        let mut counts = vec![0u64; 1 << lists.len()];
        // The line each pattern was read on (0: not yet).
        let mut seen = vec![0u64; 1 << lists.len()];
        let mut total = 0u64;
        for row in rows {
            let row = row.map_err(|e| at(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = row.position().map_or(0, |p| p.line());
            if row.len() != names.len() {
                return Err(at(line, format!("{} values where the header has {} columns", row.len(), names.len())));
            }
            let mut pattern = 0usize;
            for (i, value) in row.iter().take(lists.len()).enumerate() {
                match value.trim() {
                    "1" => pattern |= 1 << i,
                    "0" => {}
                    other => return Err(at_column(line, i, format!("list {}: '{other}' is not 0 or 1", lists[i]))),
                }
            }
            let count_column = lists.len();
            let count: u64 = row[count_column].trim().parse().map_err(|_| {
                at_column(
                    line,
                    count_column,
                    format!("count '{}' is not a whole number of persons", row[count_column].trim()),
                )
            })?;
            if seen[pattern] != 0 {
                return Err(at(line, format!("this pattern was given before, on line {}", seen[pattern])));
            }
            seen[pattern] = line;
            if pattern == 0 {
                if count != 0 {
                    return Err(at_column(
                        line,
                        count_column,
                        "persons seen by no list cannot be counted: that is what is estimated",
                    ));
                }
                continue;
            }
            counts[pattern] = count;
            total =
                total.checked_add(count).ok_or_else(|| at_column(line, count_column, "the counts are too large"))?;
        }
        if counts.iter().all(|&c| c == 0) {
            return Err(at(1, "no person is counted"));
        }
        Ok(CaptureTable { lists, counts })
    }

    /// Persons seen by at least one list.
    pub fn observed(&self) -> u64 {
        self.counts.iter().sum()
    }

    pub fn list_count(&self) -> usize {
        self.lists.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_a_table_and_places_problems() {
        let table = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,1,3\n1,1,2\n"[..]).unwrap();
        assert_eq!((table.observed(), table.counts[3]), (10, 2));
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,2,3\n"[..]).unwrap_err();
        assert_eq!(err.line, 3);
        let err = CaptureTable::read_csv(&b"A,B,count\n0,0,4\n"[..]).unwrap_err();
        assert!(err.message.contains("no list"), "{err}");
        assert!(CaptureTable::read_csv(&b""[..]).is_err());
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,1,-3\n"[..]).unwrap_err();
        assert_eq!((err.line, err.column), (3, Some(3)));
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,1,2.5\n"[..]).unwrap_err();
        assert_eq!((err.line, err.column), (3, Some(3)));
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n1,0,2\n"[..]).unwrap_err();
        assert_eq!(err.to_string(), "3: this pattern was given before, on line 2");
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,0,2\n"[..]).unwrap_err();
        assert_eq!((err.line, err.column), (3, Some(3)));
        let err = CaptureTable::read_csv(&b"A,B,n\n1,0,5\n"[..]).unwrap_err();
        assert_eq!((err.line, err.column), (1, Some(3)));
        let err = CaptureTable::read_csv(&b"A,count\n1,5\n"[..]).unwrap_err();
        assert!(err.message.contains("not 1"), "{err}");
        let err = CaptureTable::read_csv(&b"A,B,count\n1,0,5\n0,2,3\n"[..]).unwrap_err();
        assert_eq!(err.to_string(), "3:2: list B: '2' is not 0 or 1");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_bytes_read_or_name_a_line(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Err(e) = CaptureTable::read_csv(bytes.as_slice()) {
                prop_assert!(!e.message.is_empty());
            }
        }

        #[test]
        fn mutated_tables_read_or_name_a_line(cut in 0usize..60, byte in any::<u8>(), at in 0usize..60) {
            let mut text = b"A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n".to_vec();
            let i = at % text.len();
            text[i] = byte;
            text.truncate(cut.max(1) + 20);
            if let Err(e) = CaptureTable::read_csv(text.as_slice()) {
                prop_assert!(e.line <= 6, "{e:?}");
            }
        }
    }
}
