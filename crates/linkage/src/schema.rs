//! The linkage schema: clkhash's schema v3, read as clkhash 0.18 reads it, plus Rapporteur's own section.
//!
//! A schema says, for every column of the sources' CSV files, whether and how it goes into the linkage key:
//! the value's format, how it is cut into tokens, how many bits the tokens set and with which hash. clkhash
//! allows other top-level members, so Rapporteur's section (`"rapporteur"`: the optional standardisation
//! and the non-identifying attributes carried beside the keys) lives in the same file, and the same file
//! works in both tools.
//!
//! Every problem is named by its place in the JSON (`features[3].hashing.strategy`), never a panic.

use std::collections::BTreeSet;
use std::fmt;

use base64::Engine as _;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Rapporteur's schema for registered victims: names and birth date in the key, standardised across scripts;
/// year, sex, age group, form of exploitation and citizenship group beside it as attributes.
pub const VICTIMS: &str = include_str!("../schemas/victims.json");

/// What is wrong with a schema, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct SchemaError {
    /// The JSON path of the faulty member, such as `features[3].hashing.strategy`.
    pub place: String,
    pub message: String,
}

fn problem(place: impl Into<String>, message: impl Into<String>) -> SchemaError {
    SchemaError { place: place.into(), message: message.into() }
}

/// A parsed linkage schema: once it exists, every record can be encoded with it.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The key's length in bits after folding (clkhash's `l`).
    pub bits: usize,
    /// How many times the filter is folded in half by XOR (clkhash's `xor_folds`).
    pub xor_folds: u32,
    pub kdf: Kdf,
    pub features: Vec<Feature>,
    /// Whether values of text features are standardised before encoding (Rapporteur's own step).
    pub standardise: bool,
    /// The columns carried beside the keys as non-identifying attributes, in the schema's order.
    pub attributes: Vec<String>,
    /// The probability with which each bit of a key is flipped (BLIP, a defence against frequency
    /// attacks; see `encode`), or 0.
    pub blip: f64,
    fingerprint: [u8; 32],
}

/// The key derivation: HKDF (RFC 5869) over the shared secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kdf {
    pub hash: KdfHash,
    pub salt: Option<Vec<u8>>,
    pub info: Option<Vec<u8>>,
    /// Bytes per derived key (clkhash's `keySize`, 64 by default).
    pub key_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfHash {
    Sha256,
    Sha512,
}

/// One column of the input.
#[derive(Debug, Clone)]
pub struct Feature {
    pub identifier: String,
    /// `None` for a column clkhash ignores (it is read, never hashed).
    pub hashing: Option<Hashing>,
}

/// How a hashed column becomes bits.
#[derive(Debug, Clone)]
pub struct Hashing {
    pub format: Format,
    pub comparison: Comparison,
    pub strategy: Strategy,
    pub hash: HashKind,
    pub missing: Option<MissingValue>,
    /// How tokens become bytes before hashing (only string features may choose; others are UTF-8).
    pub encoding: TextEncoding,
}

/// The format a value must have; clkhash refuses a record whose value does not fit.
#[derive(Debug, Clone)]
pub enum Format {
    String(StringRule),
    Integer {
        minimum: Option<i64>,
        maximum: Option<i64>,
    },
    /// A date in the given `strftime` format; encoded as `%Y%m%d`.
    Date {
        format: String,
    },
    Enum {
        values: BTreeSet<String>,
    },
}

#[derive(Debug, Clone)]
pub enum StringRule {
    /// The whole value must match (Python's `re.fullmatch`).
    Pattern(regex::Regex),
    Plain {
        case: Case,
        min_length: Option<usize>,
        max_length: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Upper,
    Mixed,
}

/// How a value is cut into tokens.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    /// Every n characters, padded with n−1 spaces on both sides; positional tokens carry their place.
    Ngram { n: usize, positional: bool },
    /// The whole value is one token.
    Exact,
    /// Neighbouring values on a grid, so that close numbers share tokens (Vatsalan and Christen, 2015).
    Numeric { distance_interval: i128, resolution: i64, fractional_precision: u32 },
}

/// How many bits each token sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    BitsPerToken(u32),
    /// Spread over the value's tokens: the first `B mod n` tokens set one more.
    BitsPerFeature(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    /// Keyed BLAKE2b, sliced into 16-bit indices (clkhash's default).
    Blake,
    /// HMAC-SHA1 + i·HMAC-MD5 (Schnell et al., 2011).
    Double { prevent_singularity: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingValue {
    pub sentinel: String,
    pub replace_with: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Ascii,
    /// Python's `utf-16`: a byte-order mark, then little-endian units (as on every machine clkhash runs on).
    Utf16,
    Utf32,
}

impl Strategy {
    /// The bits the `i`-th of `tokens` tokens sets.
    pub fn bits_for(self, i: usize, tokens: usize) -> u32 {
        match self {
            Strategy::BitsPerToken(k) => k,
            Strategy::BitsPerFeature(b) => {
                let n = tokens as u32;
                b / n + u32::from((i as u32) < b % n)
            }
        }
    }
}

impl TextEncoding {
    /// The bytes of `text` as clkhash hashes them, or `None` when the encoding cannot hold the text.
    pub fn encode_into(self, text: &str, out: &mut Vec<u8>) -> bool {
        out.clear();
        match self {
            TextEncoding::Utf8 => out.extend_from_slice(text.as_bytes()),
            TextEncoding::Ascii => {
                if !text.is_ascii() {
                    return false;
                }
                out.extend_from_slice(text.as_bytes());
            }
            TextEncoding::Utf16 => {
                out.extend_from_slice(&[0xff, 0xfe]);
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&unit.to_le_bytes());
                }
            }
            TextEncoding::Utf32 => {
                out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
                for c in text.chars() {
                    out.extend_from_slice(&(c as u32).to_le_bytes());
                }
            }
        }
        true
    }

    fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Ascii => "ascii",
            TextEncoding::Utf16 => "utf-16",
            TextEncoding::Utf32 => "utf-32",
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The largest key clkhash's schema allows (`l` up to 2^16 bits, as its 16-bit BLAKE indices can address).
const MAX_BITS: usize = 1 << 16;

impl Schema {
    /// Reads a schema from its JSON text.
    pub fn from_json(text: &str) -> Result<Schema, SchemaError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| problem(format!("line {}, column {}", e.line(), e.column()), format!("not JSON: {e}")))?;
        Schema::from_value(&value)
    }

    /// Reads a schema from parsed JSON.
    pub fn from_value(value: &Value) -> Result<Schema, SchemaError> {
        let root = object(value, "(schema)")?;
        match root.get("version") {
            Some(Value::Number(n)) if n.as_f64() == Some(3.0) => {}
            Some(other) => {
                return Err(problem(
                    "version",
                    format!("version {other} is not supported; write the schema as clkhash's version 3"),
                ))
            }
            None => return Err(problem("version", "a schema names its format version (3)")),
        }
        let config = object(required(root, "clkConfig", "")?, "clkConfig")?;
        let bits = integer(required(config, "l", "clkConfig")?, "clkConfig.l")?;
        if bits < 1 || bits as usize > MAX_BITS {
            return Err(problem("clkConfig.l", format!("{bits} bits: a key has between 1 and {MAX_BITS} bits")));
        }
        let xor_folds = match config.get("xor_folds") {
            None => 0,
            Some(v) => integer(v, "clkConfig.xor_folds")?,
        };
        if !(0..=16).contains(&xor_folds) || (bits as usize) << xor_folds > MAX_BITS * 2 {
            return Err(problem(
                "clkConfig.xor_folds",
                format!("{xor_folds} folds of a {bits}-bit key is out of range"),
            ));
        }
        let kdf = read_kdf(object(required(config, "kdf", "clkConfig")?, "clkConfig.kdf")?)?;
        let features_value = required(root, "features", "")?;
        let Value::Array(items) = features_value else {
            return Err(problem("features", "a list of features is expected"));
        };
        if items.is_empty() {
            return Err(problem("features", "a schema has at least one feature"));
        }
        let mut features = Vec::with_capacity(items.len());
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let feature = read_feature(item, &format!("features[{i}]"), bits as usize, xor_folds as u32)?;
            if !seen.insert(feature.identifier.clone()) {
                return Err(problem(
                    format!("features[{i}].identifier"),
                    format!("'{}' names two columns", feature.identifier),
                ));
            }
            features.push(feature);
        }
        if features.iter().all(|f| f.hashing.is_none()) {
            return Err(problem("features", "every feature is ignored: nothing would go into the key"));
        }
        let (standardise, attributes, blip) = read_extension(root.get("rapporteur"), &features)?;
        let fingerprint = fingerprint(root, standardise, blip);
        Ok(Schema {
            bits: bits as usize,
            xor_folds: xor_folds as u32,
            kdf,
            features,
            standardise,
            attributes,
            blip,
            fingerprint,
        })
    }

    /// The length of the filter before folding.
    pub fn unfolded_bits(&self) -> usize {
        self.bits << self.xor_folds
    }

    /// The key's length in bytes.
    pub fn key_bytes(&self) -> usize {
        self.bits.div_ceil(8)
    }

    /// SHA-256 over what decides the keys (the canonical `clkConfig` and `features`, and whether values are
    /// standardised), in hex: keys linked together must carry the same one.
    pub fn fingerprint_hex(&self) -> String {
        hex(&self.fingerprint)
    }

    /// The column names the input CSV must have, in order.
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.features.iter().map(|f| f.identifier.as_str())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical JSON of the members that decide the keys: serde_json's maps are sorted, so spacing and
/// member order do not change it; a changed description does, which is the safe side.
fn fingerprint(root: &Map<String, Value>, standardise: bool, blip: f64) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"rapporteur-linkage-schema-1\n");
    for member in ["clkConfig", "features"] {
        let canonical = serde_json::to_string(&root[member]).expect("JSON values serialise");
        hasher.update(canonical.as_bytes());
        hasher.update(b"\n");
    }
    hasher.update(if standardise { b"standardise\n" as &[u8] } else { b"as-is\n" });
    if blip > 0.0 {
        hasher.update(format!("blip {blip}\n").as_bytes());
    }
    hasher.finalize().into()
}

fn object<'a>(value: &'a Value, place: &str) -> Result<&'a Map<String, Value>, SchemaError> {
    value.as_object().ok_or_else(|| problem(place, "an object is expected"))
}

fn required<'a>(map: &'a Map<String, Value>, key: &str, parent: &str) -> Result<&'a Value, SchemaError> {
    map.get(key).ok_or_else(|| problem(join(parent, key), "is missing"))
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

fn integer(value: &Value, place: &str) -> Result<i64, SchemaError> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
            .ok_or_else(|| problem(place, format!("{n} is not a whole number"))),
        other => Err(problem(place, format!("a whole number is expected, not {other}"))),
    }
}

fn text<'a>(value: &'a Value, place: &str) -> Result<&'a str, SchemaError> {
    value.as_str().ok_or_else(|| problem(place, "a string is expected"))
}

fn boolean(value: &Value, place: &str) -> Result<bool, SchemaError> {
    value.as_bool().ok_or_else(|| problem(place, "true or false is expected"))
}

fn base64_bytes(value: &Value, place: &str) -> Result<Vec<u8>, SchemaError> {
    let encoded = text(value, place)?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|e| problem(place, format!("not base64: {e}")))
}

fn read_kdf(kdf: &Map<String, Value>) -> Result<Kdf, SchemaError> {
    let kind = text(required(kdf, "type", "clkConfig.kdf")?, "clkConfig.kdf.type")?;
    if kind != "HKDF" {
        return Err(problem("clkConfig.kdf.type", format!("'{kind}' is not supported; use HKDF")));
    }
    let hash = match kdf.get("hash").map(|v| text(v, "clkConfig.kdf.hash")).transpose()? {
        None | Some("SHA256") => KdfHash::Sha256,
        Some("SHA512") => KdfHash::Sha512,
        Some(other) => return Err(problem("clkConfig.kdf.hash", format!("'{other}' is not SHA256 or SHA512"))),
    };
    let salt = kdf.get("salt").map(|v| base64_bytes(v, "clkConfig.kdf.salt")).transpose()?;
    let info = kdf.get("info").map(|v| base64_bytes(v, "clkConfig.kdf.info")).transpose()?;
    let key_size = match kdf.get("keySize") {
        None => 64,
        Some(v) => integer(v, "clkConfig.kdf.keySize")?,
    };
    // BLAKE2b takes keys of at most 64 bytes; HMAC takes any, but clkhash's schema allows 1..=64 too.
    if !(1..=64).contains(&key_size) {
        return Err(problem("clkConfig.kdf.keySize", format!("{key_size} bytes: a key has 1 to 64 bytes")));
    }
    Ok(Kdf { hash, salt, info, key_size: key_size as usize })
}

fn read_feature(value: &Value, place: &str, bits: usize, folds: u32) -> Result<Feature, SchemaError> {
    let map = object(value, place)?;
    let identifier = text(required(map, "identifier", place)?, &join(place, "identifier"))?.to_owned();
    if map.get("ignored").map(|v| boolean(v, &join(place, "ignored"))).transpose()?.unwrap_or(false) {
        return Ok(Feature { identifier, hashing: None });
    }
    let format_place = join(place, "format");
    let format_map = object(required(map, "format", place)?, &format_place)?;
    let hashing_place = join(place, "hashing");
    let hashing_map = object(required(map, "hashing", place)?, &hashing_place)?;
    let kind = text(required(format_map, "type", &format_place)?, &join(&format_place, "type"))?;
    let mut encoding = TextEncoding::Utf8;
    let format = match kind {
        "string" => {
            if let Some(v) = format_map.get("encoding") {
                encoding = match text(v, &join(&format_place, "encoding"))? {
                    "utf-8" => TextEncoding::Utf8,
                    "ascii" => TextEncoding::Ascii,
                    "utf-16" => TextEncoding::Utf16,
                    "utf-32" => TextEncoding::Utf32,
                    other => {
                        return Err(problem(
                            join(&format_place, "encoding"),
                            format!("'{other}' is not one of utf-8, ascii, utf-16, utf-32"),
                        ))
                    }
                };
            }
            if let Some(pattern) = format_map.get("pattern") {
                let pattern = text(pattern, &join(&format_place, "pattern"))?;
                let anchored = format!("^(?:{pattern})$");
                let regex = regex::Regex::new(&anchored)
                    .map_err(|e| problem(join(&format_place, "pattern"), format!("not a regular expression: {e}")))?;
                Format::String(StringRule::Pattern(regex))
            } else {
                let case = match format_map.get("case").map(|v| text(v, &join(&format_place, "case"))).transpose()? {
                    None | Some("mixed") => Case::Mixed,
                    Some("lower") => Case::Lower,
                    Some("upper") => Case::Upper,
                    Some(other) => {
                        return Err(problem(
                            join(&format_place, "case"),
                            format!("'{other}' is not lower, upper or mixed"),
                        ))
                    }
                };
                let length = |key: &str| -> Result<Option<usize>, SchemaError> {
                    format_map
                        .get(key)
                        .map(|v| {
                            let n = integer(v, &join(&format_place, key))?;
                            usize::try_from(n).map_err(|_| problem(join(&format_place, key), "cannot be negative"))
                        })
                        .transpose()
                };
                let (min_length, max_length) = (length("minLength")?, length("maxLength")?);
                if max_length == Some(0) {
                    return Err(problem(join(&format_place, "maxLength"), "must be positive"));
                }
                Format::String(StringRule::Plain { case, min_length, max_length })
            }
        }
        "integer" => {
            let bound = |key: &str| format_map.get(key).map(|v| integer(v, &join(&format_place, key))).transpose();
            Format::Integer { minimum: bound("minimum")?, maximum: bound("maximum")? }
        }
        "date" => {
            let date_format = text(required(format_map, "format", &format_place)?, &join(&format_place, "format"))?;
            crate::encode::check_date_format(date_format).map_err(|m| problem(join(&format_place, "format"), m))?;
            Format::Date { format: date_format.to_owned() }
        }
        "enum" => {
            let Some(Value::Array(values)) = format_map.get("values") else {
                return Err(problem(join(&format_place, "values"), "an enum lists its values"));
            };
            let values = values
                .iter()
                .enumerate()
                .map(|(i, v)| text(v, &format!("{format_place}.values[{i}]")).map(str::to_owned))
                .collect::<Result<BTreeSet<_>, _>>()?;
            Format::Enum { values }
        }
        other => {
            return Err(problem(
                join(&format_place, "type"),
                format!("'{other}' is not one of string, integer, date, enum"),
            ))
        }
    };
    let comparison_place = join(&hashing_place, "comparison");
    let comparison_map = object(required(hashing_map, "comparison", &hashing_place)?, &comparison_place)?;
    let comparison = read_comparison(comparison_map, &comparison_place)?;
    let strategy_place = join(&hashing_place, "strategy");
    let strategy_map = object(required(hashing_map, "strategy", &hashing_place)?, &strategy_place)?;
    let strategy = if let Some(v) = strategy_map.get("bitsPerToken") {
        Strategy::BitsPerToken(positive_bits(v, &join(&strategy_place, "bitsPerToken"))?)
    } else if let Some(v) = strategy_map.get("bitsPerFeature") {
        Strategy::BitsPerFeature(positive_bits(v, &join(&strategy_place, "bitsPerFeature"))?)
    } else {
        return Err(problem(strategy_place, "names bitsPerToken or bitsPerFeature"));
    };
    let hash_place = join(&hashing_place, "hash");
    let hash = match hashing_map.get("hash") {
        None => HashKind::Blake,
        Some(v) => {
            let map = object(v, &hash_place)?;
            let singular = map.get("prevent_singularity");
            match text(required(map, "type", &hash_place)?, &join(&hash_place, "type"))? {
                "blakeHash" if singular.is_some() => {
                    return Err(problem(join(&hash_place, "prevent_singularity"), "applies to doubleHash only"))
                }
                "blakeHash" => HashKind::Blake,
                "doubleHash" => HashKind::Double {
                    prevent_singularity: singular
                        .map(|v| boolean(v, &join(&hash_place, "prevent_singularity")))
                        .transpose()?
                        .unwrap_or(false),
                },
                other => {
                    return Err(problem(join(&hash_place, "type"), format!("'{other}' is not blakeHash or doubleHash")))
                }
            }
        }
    };
    if hash == HashKind::Blake && !(bits << folds).is_power_of_two() {
        return Err(problem(
            hash_place,
            format!("blakeHash needs a filter whose length is a power of two, not {}", bits << folds),
        ));
    }
    let missing = match hashing_map.get("missingValue") {
        None => None,
        Some(v) => {
            let missing_place = join(&hashing_place, "missingValue");
            let map = object(v, &missing_place)?;
            let sentinel = text(required(map, "sentinel", &missing_place)?, &join(&missing_place, "sentinel"))?;
            let replace_with = match map.get("replaceWith") {
                None | Some(Value::Null) => sentinel,
                Some(v) => text(v, &join(&missing_place, "replaceWith"))?,
            };
            Some(MissingValue { sentinel: sentinel.to_owned(), replace_with: replace_with.to_owned() })
        }
    };
    Ok(Feature { identifier, hashing: Some(Hashing { format, comparison, strategy, hash, missing, encoding }) })
}

fn positive_bits(value: &Value, place: &str) -> Result<u32, SchemaError> {
    let n = integer(value, place)?;
    // Bounded so that a schema cannot ask for billions of hashes per token.
    if !(1..=65_536).contains(&n) {
        return Err(problem(place, format!("{n}: between 1 and 65,536 bits")));
    }
    Ok(n as u32)
}

fn read_comparison(map: &Map<String, Value>, place: &str) -> Result<Comparison, SchemaError> {
    match text(required(map, "type", place)?, &join(place, "type"))? {
        "ngram" => {
            let n = integer(required(map, "n", place)?, &join(place, "n"))?;
            if !(0..=64).contains(&n) {
                return Err(problem(join(place, "n"), format!("{n}: n-grams have 0 to 64 characters")));
            }
            let positional =
                map.get("positional").map(|v| boolean(v, &join(place, "positional"))).transpose()?.unwrap_or(false);
            Ok(Comparison::Ngram { n: n as usize, positional })
        }
        "exact" => Ok(Comparison::Exact),
        "numeric" => {
            let distance = required(map, "thresholdDistance", place)?
                .as_f64()
                .ok_or_else(|| problem(join(place, "thresholdDistance"), "a number is expected"))?;
            if !(distance > 0.0 && distance.is_finite()) {
                return Err(problem(join(place, "thresholdDistance"), "must be positive"));
            }
            let resolution = integer(required(map, "resolution", place)?, &join(place, "resolution"))?;
            if !(1..=1024).contains(&resolution) {
                return Err(problem(join(place, "resolution"), format!("{resolution}: between 1 and 1,024")));
            }
            // clkhash 0.18 reads `fractional_precision` (not the camel case its JSON schema documents); both are
            // read here, the one clkhash reads first, so the keys agree.
            let precision = match map.get("fractional_precision").or_else(|| map.get("fractionalPrecision")) {
                None => 0,
                Some(v) => integer(v, &join(place, "fractional_precision"))?,
            };
            if !(0..=12).contains(&precision) {
                return Err(problem(join(place, "fractional_precision"), format!("{precision}: between 0 and 12")));
            }
            let scaled = (distance * 10f64.powi(precision as i32)).round_ties_even();
            if scaled < 1.0 {
                return Err(problem(
                    join(place, "thresholdDistance"),
                    "not enough fractional precision to encode the threshold distance",
                ));
            }
            Ok(Comparison::Numeric {
                distance_interval: scaled as i128,
                resolution,
                fractional_precision: precision as u32,
            })
        }
        other => Err(problem(join(place, "type"), format!("'{other}' is not ngram, exact or numeric"))),
    }
}

/// Rapporteur's section: `{"standardise": true, "attributes": ["sex", "age", …], "blip": 0.02}`.
fn read_extension(value: Option<&Value>, features: &[Feature]) -> Result<(bool, Vec<String>, f64), SchemaError> {
    let Some(value) = value else { return Ok((false, Vec::new(), 0.0)) };
    let map = object(value, "rapporteur")?;
    for key in map.keys() {
        if !matches!(key.as_str(), "standardise" | "attributes" | "blip" | "description") {
            return Err(problem(
                format!("rapporteur.{key}"),
                "unknown member (Rapporteur reads standardise, attributes, blip, description)",
            ));
        }
    }
    let standardise =
        map.get("standardise").map(|v| boolean(v, "rapporteur.standardise")).transpose()?.unwrap_or(false);
    let mut attributes = Vec::new();
    if let Some(list) = map.get("attributes") {
        let Value::Array(items) = list else {
            return Err(problem("rapporteur.attributes", "a list of column names is expected"));
        };
        for (i, item) in items.iter().enumerate() {
            let place = format!("rapporteur.attributes[{i}]");
            let name = text(item, &place)?;
            match features.iter().find(|f| f.identifier == name) {
                None => return Err(problem(place, format!("'{name}' is not a column of the schema"))),
                Some(f) if f.hashing.is_some() => {
                    return Err(problem(
                        place,
                        format!(
                            "'{name}' goes into the key, so it identifies: an attribute travels in the clear and \
                             must be a column the key ignores"
                        ),
                    ))
                }
                Some(_) if attributes.iter().any(|a| a == name) => {
                    return Err(problem(place, format!("'{name}' is listed twice")))
                }
                Some(_) => attributes.push(name.to_owned()),
            }
        }
    }
    let blip = match map.get("blip") {
        None => 0.0,
        Some(v) => v
            .as_f64()
            .filter(|f| (0.0..0.5).contains(f))
            .ok_or_else(|| problem("rapporteur.blip", "a probability from 0 up to (not including) 0.5 is expected"))?,
    };
    Ok((standardise, attributes, blip))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: &str = include_str!("../tests/data/febrl4_schema_clkhash_docs.json");

    #[test]
    fn reads_clkhash_documentation_schema() {
        let schema = Schema::from_json(DOCS).unwrap();
        assert_eq!(schema.bits, 1024);
        assert_eq!(schema.features.len(), 11);
        assert!(schema.features[0].hashing.is_none());
        let given = schema.features[1].hashing.as_ref().unwrap();
        assert_eq!(given.strategy, Strategy::BitsPerFeature(200));
        assert_eq!(given.hash, HashKind::Double { prevent_singularity: false });
        assert_eq!(schema.kdf.salt.as_ref().unwrap().len(), 64);
    }

    #[test]
    fn places_problems_by_json_path() {
        let broken = DOCS.replace("\"bitsPerFeature\": 200", "\"bitsPerFeature\": -3");
        let err = Schema::from_json(&broken).unwrap_err();
        assert_eq!(err.place, "features[1].hashing.strategy.bitsPerFeature");
        let err = Schema::from_json("{\"version\": 2}").unwrap_err();
        assert_eq!(err.place, "version");
        let err = Schema::from_json("[1, 2").unwrap_err();
        assert!(err.place.starts_with("line 1"), "{err}");
    }

    #[test]
    fn bits_per_feature_spread_first_tokens_get_one_more() {
        let s = Strategy::BitsPerFeature(10);
        assert_eq!((0..3).map(|i| s.bits_for(i, 3)).collect::<Vec<_>>(), [4, 3, 3]);
    }

    #[test]
    fn attributes_must_be_columns_the_key_ignores() {
        let with = |attrs: &str| {
            let mut v: Value = serde_json::from_str(DOCS).unwrap();
            v["rapporteur"] = serde_json::from_str(attrs).unwrap();
            Schema::from_value(&v)
        };
        assert_eq!(with(r#"{"attributes": ["soc_sec_id"]}"#).unwrap().attributes, ["soc_sec_id"]);
        assert!(with(r#"{"attributes": ["surname"]}"#).unwrap_err().message.contains("identifies"));
        assert!(with(r#"{"attributes": ["nope"]}"#).is_err());
        let a = with(r#"{"standardise": true}"#).unwrap();
        let b = Schema::from_json(DOCS).unwrap();
        assert_ne!(a.fingerprint_hex(), b.fingerprint_hex(), "standardising changes the keys");
    }
}
