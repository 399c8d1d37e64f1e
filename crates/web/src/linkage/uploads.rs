//! A source's key file, checked before anything is stored: it must be a key file Rapporteur wrote (schema
//! fingerprint, secret check, attributes), of a sensible size, linkable with the other sources' uploads of the
//! same Member State and year, and its attributes must be codes and nothing else, so that nothing identifying
//! can be smuggled in beside the keys. Every check answers with a message a data manager can act on.

use super::Access;
use crate::http::error::Problem;
use crate::http::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use rapporteur_core::MemberState;
use rapporteur_linkage::keyfile::{check_compatible, AttributeColumn, Attributes, KeyFile, KeyFileError};
use rapporteur_linkage::KeySet;
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::Dimension;
use rapporteur_store::{Account, NewUpload, UploadSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shortest keys taken: below this, unrelated records look alike by chance.
pub(super) const MIN_KEY_BITS: usize = 64;
/// The longest keys taken: four times clkhash's usual 1,024 bits.
pub(super) const MAX_KEY_BITS: usize = 4096;

/// The attributes that may travel with the keys: the statistics' own dimensions, coded.
pub(super) const ATTRIBUTES: [&str; 5] = ["year", "sex", "age", "exploit", "citizen"];

/// The longest file name kept.
const MAX_FILE_NAME_CHARS: usize = 200;

/// What the store keeps beside the keys, as JSON: the key file's own section less what the upload's row
/// holds, `{"secret_check": "…", "standardised": true, "attributes": {"sex": ["F", …], …}}`, one value per
/// record in record order. The secret check comes first: the checks of later uploads read only it.
#[derive(Serialize)]
struct KeptSectionOut<'a> {
    secret_check: Option<&'a str>,
    standardised: bool,
    attributes: BTreeMap<&'a str, Vec<&'a str>>,
}

/// The kept section, read back.
#[derive(Deserialize)]
pub(super) struct KeptSection {
    pub secret_check: Option<String>,
    #[serde(default)]
    pub standardised: bool,
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<String>>,
}

impl KeptSection {
    /// The attributes as the linkage crate takes them.
    pub fn into_attributes(self) -> Attributes {
        Attributes {
            columns: self
                .attributes
                .iter()
                .map(|(name, values)| AttributeColumn::from_values(name, values.iter().map(String::as_str)))
                .collect(),
        }
    }
}

/// Only the secret check of a kept section (the attributes are skipped, not kept in memory).
#[derive(Deserialize)]
struct KeptCheck {
    secret_check: Option<String>,
}

/// The JSON the store keeps beside an upload's keys.
fn kept_section(file: &KeyFile) -> Result<String, serde_json::Error> {
    let attributes = file
        .attributes
        .columns
        .iter()
        .map(|c| (c.name.as_str(), (0..c.codes.len()).map(|i| c.value(i)).collect()))
        .collect();
    serde_json::to_string(&KeptSectionOut {
        secret_check: file.secret_check.as_deref(),
        standardised: file.standardised,
        attributes,
    })
}

/// Reads and checks a key file on its own; every problem at once, placed at `field` (the form's file or the
/// API's body), and at the line and column where the JSON stops making sense.
pub(super) fn check_file(bytes: &[u8], max_records: u64, field: &str) -> Result<KeyFile, Vec<Problem>> {
    let at = |detail: String| Problem::at_field(field, detail);
    let mut file = KeyFile::read(bytes).map_err(|e| {
        vec![match &e {
            KeyFileError::Json { line, column, .. } => Problem {
                detail: format!("this is not a key file: {e}"),
                field: Some(field.to_owned()),
                line: Some(*line),
                column: Some(*column),
                parameter: None,
            },
            KeyFileError::Content(_) => at(format!("this is not a usable key file: {e}")),
        }]
    })?;
    if file.schema.is_none() {
        return Err(vec![at(
            "the file holds keys only, without Rapporteur's section (the schema's fingerprint, the \
                            secret check and the attributes), as clkhash writes them: encode the records with \
                            `rapporteur link encode` and Rapporteur's victims schema, and upload the file it writes"
                .to_owned(),
        )]);
    }
    let mut problems = Vec::new();
    if file.secret_check.is_none() {
        problems.push(at("the file does not say which secret made its keys (no secret_check), so it cannot be \
                          checked against the other sources' files: encode the records with `rapporteur link encode`"
            .to_owned()));
    }
    let bits = file.keys.bits();
    if !(MIN_KEY_BITS..=MAX_KEY_BITS).contains(&bits) {
        problems.push(at(format!(
            "the keys have {bits} bits; Rapporteur takes keys of {MIN_KEY_BITS} to {MAX_KEY_BITS} bits (its schema \
             makes 1,024)"
        )));
    }
    let records = file.keys.len() as u64;
    if records > max_records {
        problems.push(at(format!(
            "the file holds {records} records; an upload holds at most {max_records}: split the year's records \
             or ask the office to raise the limit"
        )));
    }
    problems.extend(attribute_problems(&file.attributes, field));
    if !problems.is_empty() {
        return Err(problems);
    }
    file.schema = file.schema.map(|s| s.to_ascii_lowercase());
    Ok(file)
}

/// The statistics dimension an attribute is coded in, for those that are.
fn dimension(name: &str) -> Option<Dimension> {
    match name {
        "sex" => Some(Dimension::Sex),
        "age" => Some(Dimension::Age),
        "exploit" => Some(Dimension::Exploit),
        "citizen" => Some(Dimension::Citizen),
        _ => None,
    }
}

/// The codes a record may give for a dimension: its code list less the total (a record is of one category).
fn codes(dimension: Dimension) -> impl Iterator<Item = &'static str> {
    let total = dimension.total().map(usize::from);
    dimension.codes().iter().enumerate().filter(move |(i, _)| Some(*i) != total).map(|(_, c)| c.id)
}

/// Whether a record may give `value` for attribute `name` (empty means unknown, always allowed).
fn admits(name: &str, value: &str) -> bool {
    if value.is_empty() {
        return true;
    }
    match dimension(name) {
        Some(d) => codes(d).any(|c| c == value),
        None => {
            name == "year"
                && value.len() == 4
                && value.bytes().all(|b| b.is_ascii_digit())
                && value.parse::<u16>().is_ok_and(|y| YEARS.contains(&y))
        }
    }
}

/// What an attribute's values may be, in words.
fn expected(name: &str) -> String {
    match dimension(name) {
        Some(d) => format!("{} or empty", codes(d).collect::<Vec<_>>().join(", ")),
        None => format!("a year from {} to {} or empty", YEARS.start(), YEARS.end()),
    }
}

/// Attributes that may not travel, and values outside their code lists. The values at fault are not
/// repeated: if they are not codes, they may be what must not leave the source.
fn attribute_problems(attributes: &Attributes, field: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for column in &attributes.columns {
        if !ATTRIBUTES.contains(&column.name.as_str()) {
            let name: String = column.name.chars().take(40).collect();
            problems.push(Problem::at_field(
                field,
                format!(
                    "the attribute {name:?} may not travel with the keys: only {} and {} may, so that nothing \
                     identifying leaves the source",
                    ATTRIBUTES[..ATTRIBUTES.len() - 1].join(", "),
                    ATTRIBUTES[ATTRIBUTES.len() - 1]
                ),
            ));
            continue;
        }
        let bad: Vec<bool> = column.values.iter().map(|v| !admits(&column.name, v)).collect();
        let count = bad.iter().filter(|b| **b).count();
        if count == 0 {
            continue;
        }
        let first = column.codes.iter().position(|&c| bad[c as usize]).unwrap_or(0) + 1;
        problems.push(Problem::at_field(
            field,
            format!(
                "attribute {}: {count} distinct value(s) are not codes ({}), the first at record {first} \
                 (counting from 1)",
                column.name,
                expected(&column.name)
            ),
        ));
    }
    problems
}

/// A file's name as kept: its last path component, printable, short; `default` when none is given.
pub(super) fn file_name(given: Option<&str>, default: &str) -> String {
    let name: String = given
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let name = name.trim();
    if name.is_empty() {
        default.to_owned()
    } else {
        name.to_owned()
    }
}

/// Checks a key file and stores it as the caller's organisation's upload for a Member State and year,
/// replacing its previous one. `Ok(Err(problems))` when the file is refused; `Err` when the caller may not
/// upload or the server fails.
pub(super) async fn save_upload(
    state: &AppState,
    account: &Account,
    ms: MemberState,
    year: u16,
    file_name: &str,
    bytes: Bytes,
    field: &'static str,
) -> Result<Result<UploadSummary, Vec<Problem>>, AppError> {
    let Access::Source(organisation) = Access::require(&account.role, ms)? else {
        return Err(AppError::Forbidden);
    };
    let max_records = state.linkage.max_records;
    // Reading a key file of a million keys takes a second or two: off the request threads.
    let checked = tokio::task::spawn_blocking(move || check_file(&bytes, max_records, field))
        .await
        .map_err(|e| AppError::internal("reading a key file", e))?;
    let file = match checked {
        Ok(file) => file,
        Err(problems) => return Ok(Err(problems)),
    };
    if let Err(problem) = check_against_others(state, ms, year, &organisation, &file, field).await? {
        return Ok(Err(vec![problem]));
    }
    let (file, keys, attributes) = tokio::task::spawn_blocking(move || {
        let mut keys = Vec::with_capacity(file.keys.len() * file.keys.bits().div_ceil(8));
        for i in 0..file.keys.len() {
            keys.extend_from_slice(&file.keys.bytes(i));
        }
        kept_section(&file).map(|attributes| (file, keys, attributes))
    })
    .await
    .map_err(|e| AppError::internal("preparing linkage keys", e))?
    .map_err(|e| AppError::internal("writing linkage attributes", e))?;
    let upload = NewUpload {
        member_state: ms,
        year,
        organisation: &organisation,
        file_name,
        schema_fingerprint: file.schema.as_deref(),
        key_bits: file.keys.bits() as u32,
        record_count: file.keys.len() as u64,
        attributes: &attributes,
        keys: &keys,
    };
    let saved = state.repo.save_linkage_upload(&crate::http::Acts::actor(account), &upload).await?;
    tracing::info!(
        upload = %saved.id,
        member_state = ms.iso(),
        year,
        organisation = %organisation,
        records = saved.record_count,
        "linkage keys uploaded"
    );
    Ok(Ok(saved))
}

/// The file against the other sources' current uploads of the same Member State and year (a source's own
/// previous upload is being replaced, so it does not count): one key length, one schema, one secret.
async fn check_against_others(
    state: &AppState,
    ms: MemberState,
    year: u16,
    organisation: &rapporteur_core::Slug,
    file: &KeyFile,
    field: &str,
) -> Result<Result<(), Problem>, AppError> {
    let mut others = Vec::new();
    for other in state.repo.linkage_uploads(ms, year).await? {
        if &other.organisation == organisation {
            continue;
        }
        let Some(kept) = state.repo.linkage_upload_attributes(other.id).await? else { continue };
        let check: KeptCheck =
            serde_json::from_str(&kept).map_err(|e| AppError::internal("reading a kept linkage section", e))?;
        let keys = KeySet::new((other.key_bits as usize).max(1));
        let mut stored = KeyFile::bare(keys);
        stored.schema = other.schema_fingerprint.clone();
        stored.secret_check = check.secret_check;
        others.push((format!("the upload of {}", other.organisation), stored));
    }
    let mut named: Vec<(&str, &KeyFile)> = vec![("this file", file)];
    named.extend(others.iter().map(|(name, f)| (name.as_str(), f)));
    Ok(check_compatible(&named).map_err(|e| Problem::at_field(field, e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(attributes: &[(&str, &[&str])], bits: usize, records: usize) -> Vec<u8> {
        let mut keys = KeySet::new(bits);
        for i in 0..records {
            let mut key = vec![0u8; bits.div_ceil(8)];
            key[0] = i as u8;
            keys.push_bytes(&key);
        }
        let file = KeyFile {
            keys,
            schema: Some("AB".repeat(32)),
            secret_check: Some("0011".into()),
            standardised: true,
            attributes: Attributes {
                columns: attributes.iter().map(|(n, v)| AttributeColumn::from_values(n, v.iter().copied())).collect(),
            },
        };
        let mut out = Vec::new();
        file.write(&mut out).unwrap();
        out
    }

    #[test]
    fn codes_pass_and_anything_else_is_refused_without_repeating_it() {
        let good = file_with(&[("sex", &["F", "UNK"]), ("year", &["2023", ""]), ("exploit", &["SEX", "UNK"])], 64, 2);
        let file = check_file(&good, 10, "body").unwrap();
        assert_eq!(file.schema.as_deref(), Some("ab".repeat(32).as_str()), "fingerprints kept in lower case");
        let smuggled = file_with(&[("sex", &["F", "Maria Muster"]), ("name", &["x", "y"])], 64, 2);
        let problems = check_file(&smuggled, 10, "body").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| !p.detail.contains("Maria")), "{problems:?}");
        assert!(problems[0].detail.contains("\"name\" may not travel"), "{problems:?}");
        assert!(problems[1].detail.contains("record 2"), "{problems:?}");
        for (name, value) in [("year", "1989"), ("year", "23"), ("age", "TOTAL"), ("sex", "T"), ("citizen", "DE")] {
            assert!(!admits(name, value), "{name}={value}");
        }
        for (name, value) in [("year", "2100"), ("age", "Y_LT18"), ("citizen", "NEU27_2020_FOR"), ("exploit", "ORG")] {
            assert!(admits(name, value), "{name}={value}");
        }
    }

    #[test]
    fn sizes_are_bounded() {
        let short = check_file(&file_with(&[], 32, 2), 10, "body").unwrap_err();
        assert!(short[0].detail.contains("32 bits"), "{short:?}");
        let many = check_file(&file_with(&[], 64, 3), 2, "body").unwrap_err();
        assert!(many[0].detail.contains("3 records"), "{many:?}");
        let bare = check_file(br#"{"clks": ["AAAAAAAAAAA="]}"#, 10, "body").unwrap_err();
        assert!(bare[0].detail.contains("rapporteur link encode"), "{bare:?}");
        let broken = check_file(b"{\"clks\": [\n\"AAAA\",\n", 10, "body").unwrap_err();
        assert_eq!(broken[0].line, Some(3), "{broken:?}");
    }

    #[test]
    fn the_kept_section_reads_back() {
        let file = KeyFile::read(file_with(&[("sex", &["F", "M"])], 64, 2).as_slice()).unwrap();
        let text = kept_section(&file).unwrap();
        assert!(text.starts_with(r#"{"secret_check":"0011""#), "{text}");
        let kept: KeptSection = serde_json::from_str(&text).unwrap();
        assert_eq!(kept.into_attributes(), file.attributes);
    }
}
