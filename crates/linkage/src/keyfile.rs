//! The key file: what a source hands over. clkhash's format, `{"clks": [base64, …]}`, with Rapporteur's
//! section beside the keys:
//!
//! ```json
//! {"clks": ["…", "…"],
//!  "rapporteur": {"format": "rapporteur-linkage-keys/1", "schema": "<SHA-256 of the schema>",
//!                 "secret_check": "<16 bytes, hex>", "bits": 1024, "records": 2, "standardised": false,
//!                 "attributes": {"sex": ["F", "M"], "age": ["Y_LT18", "Y_GE18"]}}}
//! ```
//!
//! A file clkhash wrote (keys only) is read too; it simply has no schema fingerprint and no attributes.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Write};

use base64::Engine as _;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::Deserialize;

use crate::keys::KeySet;

/// The format's name and version, written in every file.
pub const FORMAT: &str = "rapporteur-linkage-keys/1";

/// Keys and what travels with them.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFile {
    pub keys: KeySet,
    /// The schema's fingerprint (hex SHA-256), absent in files clkhash wrote.
    pub schema: Option<String>,
    /// A check value of the secret (see [`crate::encode::Encoder::secret_check`]): files made with different
    /// secrets never match, and this says so before anyone wonders why.
    pub secret_check: Option<String>,
    pub standardised: bool,
    pub attributes: Attributes,
}

/// Non-identifying attributes per record, one column each, values interned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub columns: Vec<AttributeColumn>,
}

/// One attribute: its distinct values and each record's value as an index into them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeColumn {
    pub name: String,
    pub values: Vec<String>,
    pub codes: Vec<u32>,
}

impl AttributeColumn {
    /// An attribute column from each record's value.
    pub fn from_values<'a>(name: &str, values: impl IntoIterator<Item = &'a str>) -> AttributeColumn {
        let mut index: BTreeMap<&str, u32> = BTreeMap::new();
        let mut distinct = Vec::new();
        let mut codes = Vec::new();
        for value in values {
            let code = *index.entry(value).or_insert_with(|| {
                distinct.push(value.to_owned());
                (distinct.len() - 1) as u32
            });
            codes.push(code);
        }
        AttributeColumn { name: name.to_owned(), values: distinct, codes }
    }

    /// The value of record `index`.
    pub fn value(&self, index: usize) -> &str {
        &self.values[self.codes[index] as usize]
    }
}

/// What is wrong with a key file, and where in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyFileError {
    #[error("line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("{0}")]
    Content(String),
}

impl KeyFile {
    /// Keys without attributes or fingerprint, as clkhash would write them.
    pub fn bare(keys: KeySet) -> KeyFile {
        KeyFile { keys, schema: None, secret_check: None, standardised: false, attributes: Attributes::default() }
    }

    /// Writes the file; keys are streamed, one line each, so a million keys need no second copy in memory.
    pub fn write(&self, mut out: impl Write) -> std::io::Result<()> {
        let engine = base64::engine::general_purpose::STANDARD;
        out.write_all(b"{\"clks\": [")?;
        let mut encoded = String::new();
        for i in 0..self.keys.len() {
            encoded.clear();
            engine.encode_string(self.keys.bytes(i), &mut encoded);
            out.write_all(if i == 0 { b"\n\"" } else { b",\n\"" })?;
            out.write_all(encoded.as_bytes())?;
            out.write_all(b"\"")?;
        }
        out.write_all(b"\n],\n\"rapporteur\": ")?;
        let attributes: serde_json::Map<String, serde_json::Value> = self
            .attributes
            .columns
            .iter()
            .map(|c| {
                let values = (0..c.codes.len()).map(|i| serde_json::Value::from(c.value(i))).collect();
                (c.name.clone(), serde_json::Value::Array(values))
            })
            .collect();
        let section = serde_json::json!({
            "format": FORMAT,
            "schema": self.schema,
            "secret_check": self.secret_check,
            "bits": self.keys.bits(),
            "records": self.keys.len(),
            "standardised": self.standardised,
            "attributes": attributes,
        });
        serde_json::to_writer(&mut out, &section)?;
        out.write_all(b"}\n")
    }

    /// Reads a file, checking that every key has one length, that the counts agree and that each attribute
    /// has one value per key.
    pub fn read(input: impl Read) -> Result<KeyFile, KeyFileError> {
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, input));
        let raw = RawFile::deserialize(&mut de).map_err(json_error)?;
        de.end().map_err(json_error)?;
        let keys =
            raw.clks.0.ok_or_else(|| KeyFileError::Content("the file holds no keys (\"clks\" is empty)".into()))?;
        let Some(section) = raw.rapporteur else { return Ok(KeyFile::bare(keys)) };
        if let Some(format) = &section.format {
            if format != FORMAT {
                return Err(KeyFileError::Content(format!("format '{format}' is not {FORMAT}")));
            }
        }
        let mut keys = keys;
        if let Some(bits) = section.bits {
            if bits == 0 || bits.div_ceil(8) * 8 != keys.bits() {
                return Err(KeyFileError::Content(format!(
                    "the file says its keys have {bits} bits, but they have {} bytes",
                    keys.bits() / 8
                )));
            }
            if bits != keys.bits() {
                let mut trimmed = KeySet::new(bits);
                for i in 0..keys.len() {
                    trimmed.push_bytes(&keys.bytes(i));
                }
                keys = trimmed;
            }
        }
        if let Some(records) = section.records {
            if records != keys.len() {
                return Err(KeyFileError::Content(format!(
                    "the file says it holds {records} records, but it holds {} keys",
                    keys.len()
                )));
            }
        }
        if let Some(schema) = &section.schema {
            if schema.len() != 64 || !schema.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(KeyFileError::Content(format!("'{schema}' is not a schema fingerprint (64 hex digits)")));
            }
        }
        let mut columns = Vec::new();
        for (name, values) in section.attributes {
            if values.len() != keys.len() {
                return Err(KeyFileError::Content(format!(
                    "attribute '{name}' has {} values for {} keys",
                    values.len(),
                    keys.len()
                )));
            }
            columns.push(AttributeColumn::from_values(&name, values.iter().map(String::as_str)));
        }
        Ok(KeyFile {
            keys,
            schema: section.schema,
            secret_check: section.secret_check,
            standardised: section.standardised.unwrap_or(false),
            attributes: Attributes { columns },
        })
    }
}

/// Files whose keys cannot be linked together, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{first} and {second} {reason}")]
pub struct Incompatible {
    pub first: String,
    pub second: String,
    pub reason: String,
}

/// Checks that named key files can be linked together: one key length, one schema and one secret where the
/// files say which (a file clkhash wrote says neither, and is taken on trust).
pub fn check_compatible(files: &[(&str, &KeyFile)]) -> Result<(), Incompatible> {
    let Some(((first_name, first), rest)) = files.split_first() else { return Ok(()) };
    for (name, file) in rest {
        let differ = |reason: String| Incompatible { first: first_name.to_string(), second: name.to_string(), reason };
        if file.keys.bits() != first.keys.bits() {
            return Err(differ(format!(
                "hold keys of different lengths ({} and {} bits): they were made with different schemas",
                first.keys.bits(),
                file.keys.bits()
            )));
        }
        if let (Some(a), Some(b)) = (&first.schema, &file.schema) {
            if a != b {
                return Err(differ(format!(
                    "were encoded with different schemas (fingerprints {}… and {}…); encode both with the same schema file",
                    &a[..12.min(a.len())],
                    &b[..12.min(b.len())]
                )));
            }
        }
        if let (Some(a), Some(b)) = (&first.secret_check, &file.secret_check) {
            if a != b {
                return Err(differ(
                    "were encoded with different secrets, so no record of one could ever match one of the other; \
                     encode both with the secret the sources share"
                        .to_owned(),
                ));
            }
        }
    }
    Ok(())
}

fn json_error(e: serde_json::Error) -> KeyFileError {
    KeyFileError::Json { line: e.line(), column: e.column(), message: strip_position(&e.to_string()) }
}

/// serde_json appends " at line L column C" to its messages; the error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[derive(Deserialize)]
struct RawFile {
    clks: Clks,
    rapporteur: Option<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    format: Option<String>,
    schema: Option<String>,
    secret_check: Option<String>,
    bits: Option<usize>,
    records: Option<usize>,
    standardised: Option<bool>,
    #[serde(default)]
    attributes: BTreeMap<String, Vec<String>>,
}

/// The keys, decoded from base64 straight into a [`KeySet`] as they are read.
struct Clks(Option<KeySet>);

impl<'de> Deserialize<'de> for Clks {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Clks, D::Error> {
        deserializer.deserialize_seq(ClksVisitor)
    }
}

struct ClksVisitor;

impl<'de> Visitor<'de> for ClksVisitor {
    type Value = Clks;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of base64 keys")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Clks, A::Error> {
        let mut keys: Option<KeySet> = None;
        let mut buffer = Vec::new();
        let mut index = 0usize;
        while seq.next_element_seed(KeySeed { keys: &mut keys, buffer: &mut buffer, index })?.is_some() {
            index += 1;
        }
        Ok(Clks(keys))
    }
}

struct KeySeed<'a> {
    keys: &'a mut Option<KeySet>,
    buffer: &'a mut Vec<u8>,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a base64 key")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        let index = self.index;
        self.buffer.clear();
        base64::engine::general_purpose::STANDARD
            .decode_vec(text, self.buffer)
            .map_err(|e| E::custom(format!("key {index} (counting from 0) is not base64: {e}")))?;
        if self.buffer.is_empty() {
            return Err(E::custom(format!("key {index} (counting from 0) is empty")));
        }
        let keys = self.keys.get_or_insert_with(|| KeySet::new(self.buffer.len() * 8));
        if self.buffer.len() * 8 != keys.bits() {
            return Err(E::custom(format!(
                "key {index} (counting from 0) has {} bytes, the first has {}: keys of one file have one length",
                self.buffer.len(),
                keys.bits() / 8
            )));
        }
        keys.push_bytes(self.buffer);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> KeyFile {
        let mut keys = KeySet::new(16);
        keys.push_bytes(&[0xab, 0xcd]);
        keys.push_bytes(&[0x01, 0x02]);
        KeyFile {
            keys,
            schema: Some("a".repeat(64)),
            secret_check: Some("0123".into()),
            standardised: true,
            attributes: Attributes { columns: vec![AttributeColumn::from_values("sex", ["F", "M"])] },
        }
    }

    #[test]
    fn round_trip() {
        let file = sample();
        let mut out = Vec::new();
        file.write(&mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.starts_with("{\"clks\": [\n\"q80=\""), "{text}");
        assert_eq!(KeyFile::read(out.as_slice()).unwrap(), file);
    }

    #[test]
    fn reads_clkhash_output() {
        let file = KeyFile::read(&b"{\"clks\": [\"q80=\", \"AQI=\"]}"[..]).unwrap();
        assert_eq!(file.keys.len(), 2);
        assert_eq!(file.schema, None);
    }

    #[test]
    fn names_the_faulty_key() {
        let err = KeyFile::read(&b"{\"clks\": [\"q80=\",\n \"AQIDBA==\"]}"[..]).unwrap_err();
        assert!(matches!(&err, KeyFileError::Json { line: 2, message, .. } if message.contains("key 1")), "{err}");
        let err = KeyFile::read(&b"{\"clks\": [\"q80=\", \"!!\"]}"[..]).unwrap_err();
        assert!(err.to_string().contains("not base64"), "{err}");
        let err = KeyFile::read(&b""[..]).unwrap_err();
        assert!(matches!(err, KeyFileError::Json { .. }));
        let err = KeyFile::read(&b"{\"clks\": []}"[..]).unwrap_err();
        assert!(err.to_string().contains("no keys"));
        let err = KeyFile::read(&br#"{"clks": ["q80="], "rapporteur": {"records": 3}}"#[..]).unwrap_err();
        assert!(err.to_string().contains("3 records"));
    }
}
