//! Reading a source's records (CSV, one column per schema feature, with clkhash's header) and encoding them,
//! in parallel, in chunks: memory stays bounded by the chunk whatever the file's size, and the first faulty
//! record stops the run with its line and column.

use std::io::Read;

use rayon::prelude::*;

use crate::encode::{Encoder, Scratch};
use crate::keyfile::{AttributeColumn, Attributes, KeyFile};
use crate::keys::KeySet;

/// A record that cannot be read or encoded, placed by line (the header is line 1) and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", place(*line, column.as_deref()))]
pub struct RecordError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

fn place(line: u64, column: Option<&str>) -> String {
    match column {
        Some(column) => format!("line {line}, column '{column}': "),
        None if line > 0 => format!("line {line}: "),
        None => String::new(),
    }
}

fn at(line: u64, message: impl Into<String>) -> RecordError {
    RecordError { line, column: None, message: message.into() }
}

/// Records encoded per parallel chunk.
const CHUNK: usize = 8192;

/// Encodes every record of a CSV file; `progress` hears how many records are done after each chunk.
pub fn encode_csv(
    encoder: &Encoder,
    input: impl Read,
    mut progress: impl FnMut(usize),
) -> Result<KeyFile, RecordError> {
    let schema = encoder.schema();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut rows = reader.records();
    let header = match rows.next() {
        None => return Err(at(0, "the file is empty: a header naming the schema's columns is expected")),
        Some(row) => row.map_err(|e| csv_error(&e))?,
    };
    let expected: Vec<&str> = schema.column_names().collect();
    let found: Vec<&str> = header.iter().map(|h| h.trim_start_matches('\u{feff}')).collect();
    if found != expected {
        return Err(at(1, format!("the header is '{}'; the schema expects '{}'", found.join(","), expected.join(","))));
    }
    let attribute_columns: Vec<usize> = schema
        .attributes
        .iter()
        .map(|a| expected.iter().position(|c| c == a).expect("the schema checked its attributes"))
        .collect();
    let mut keys = KeySet::new(schema.bits);
    let mut attribute_values: Vec<Vec<String>> = vec![Vec::new(); attribute_columns.len()];
    let mut chunk: Vec<(u64, csv::StringRecord)> = Vec::with_capacity(CHUNK);
    let mut done = 0;
    loop {
        chunk.clear();
        for row in rows.by_ref().take(CHUNK) {
            let row = row.map_err(|e| csv_error(&e))?;
            let line = row.position().map_or(0, |p| p.line());
            if row.len() != expected.len() {
                return Err(at(line, format!("{} values where the schema has {} columns", row.len(), expected.len())));
            }
            chunk.push((line, row));
        }
        if chunk.is_empty() {
            break;
        }
        let encoded: Vec<Result<Vec<u8>, RecordError>> = chunk
            .par_iter()
            .map_init(
                || (Scratch::default(), Vec::new()),
                |(scratch, values), (line, row)| {
                    values.clear();
                    values.extend(row.iter());
                    let mut key = Vec::new();
                    encoder.encode_into(values, scratch, &mut key).map_err(|e| RecordError {
                        line: *line,
                        column: Some(e.column),
                        message: e.message,
                    })?;
                    Ok(key)
                },
            )
            .collect();
        for (result, (_, row)) in encoded.into_iter().zip(&chunk) {
            keys.push_bytes(&result?);
            for (values, &column) in attribute_values.iter_mut().zip(&attribute_columns) {
                values.push(row[column].trim().to_owned());
            }
        }
        done += chunk.len();
        progress(done);
    }
    if keys.is_empty() {
        return Err(at(1, "the file has a header but no records"));
    }
    let columns = schema
        .attributes
        .iter()
        .zip(&attribute_values)
        .map(|(name, values)| AttributeColumn::from_values(name, values.iter().map(String::as_str)))
        .collect();
    Ok(KeyFile {
        keys,
        schema: Some(schema.fingerprint_hex()),
        secret_check: Some(encoder.secret_check().to_owned()),
        standardised: schema.standardise,
        attributes: Attributes { columns },
    })
}

fn csv_error(e: &csv::Error) -> RecordError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the line is not valid UTF-8".to_owned(),
        csv::ErrorKind::Io(io) => format!("cannot be read: {io}"),
        _ => e.to_string(),
    };
    at(line, message)
}
