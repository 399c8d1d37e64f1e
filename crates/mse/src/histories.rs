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

/// What is wrong with a table, and where (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TableError {
    pub line: u64,
    pub message: String,
}

fn at(line: u64, message: impl Into<String>) -> TableError {
    TableError { line, message: message.into() }
}

impl CaptureTable {
    /// Reads a table; a pattern given twice is added up, the all-zero pattern must count 0.
    pub fn read_csv(input: impl Read) -> Result<CaptureTable, TableError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
        let mut rows = reader.records();
        let header = match rows.next() {
            None => return Err(at(1, "the file is empty: a header with one column per list, then count, is expected")),
            Some(row) => row.map_err(|e| at(e.position().map_or(1, |p| p.line()), e.to_string()))?,
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        if names.last().map(String::as_str) != Some("count") {
            return Err(at(1, "the last column is `count`"));
        }
        let lists = names[..names.len() - 1].to_vec();
        if lists.len() < 2 || lists.len() > MAX_LISTS {
            return Err(at(1, format!("{} lists: estimation takes 2 to {MAX_LISTS}", lists.len())));
        }
        if let Some(name) =
            lists.iter().enumerate().find(|(i, n)| n.is_empty() || lists[..*i].contains(n)).map(|(_, n)| n)
        {
            return Err(at(1, format!("list name '{name}' is empty or repeated")));
        }
        let mut counts = vec![0u64; 1 << lists.len()];
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
                    other => return Err(at(line, format!("column '{}': '{other}' is not 0 or 1", lists[i]))),
                }
            }
            let count: u64 = row[lists.len()].trim().parse().map_err(|_| {
                at(line, format!("count '{}' is not a whole number of persons", row[lists.len()].trim()))
            })?;
            if pattern == 0 {
                if count != 0 {
                    return Err(at(line, "persons seen by no list cannot be counted: that is what is estimated"));
                }
                continue;
            }
            counts[pattern] = counts[pattern].checked_add(count).ok_or_else(|| at(line, "the counts are too large"))?;
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
