//! Encoding a record into its linkage key (a CLK: cryptographic long-term key), byte for byte as clkhash 0.18
//! does it.
//!
//! Each hashed column's value is formatted (integers canonical, dates `%Y%m%d`, a missing-value sentinel
//! replaced), cut into tokens, and every token sets a few bits chosen by a keyed hash; the key is the OR of
//! all columns' bits, folded by XOR as the schema asks. Keys come from HKDF over the shared secret, one pair
//! per column.
//!
//! Two things make it fast without changing a bit: a token's bit positions are cached per column (names
//! repeat their n-grams endlessly, so most tokens are seen before), and keyed BLAKE2b starts from a state
//! that has already absorbed the key block, so each token costs one compression instead of two.

use std::collections::HashMap;

use blake2::digest::core_api::{Block, BlockSizeUser, Buffer, UpdateCore, VariableOutputCore};
use blake2::digest::typenum::Unsigned as _;
use blake2::digest::{Mac, Output};
use blake2::Blake2bVarCore;
use hmac::Hmac;
use md5::Md5;
use sha1::Sha1;

use crate::schema::{Case, Comparison, Format, HashKind, Hashing, KdfHash, Schema, StringRule};
use crate::standardise::standardise;

/// A record that cannot be encoded: which column, and why, in words a data manager can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column '{column}': {message}")]
pub struct ValueError {
    pub column: String,
    pub message: String,
}

/// Why an encoder cannot be made from a schema and a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the schema asks for {requested} bytes of keys; HKDF gives at most {limit}")]
    TooLong { requested: usize, limit: usize },
    #[error("the secret is empty")]
    EmptySecret,
}

/// Encodes records with one schema and one secret. Immutable and shareable between threads; each thread
/// brings its own [`Scratch`].
pub struct Encoder {
    schema: Schema,
    columns: Vec<Option<ColumnHasher>>,
    secret_check: String,
    /// HMAC key that seeds each key's bit flips when the schema asks for BLIP.
    blip_key: Vec<u8>,
}

/// A column's keyed hash, ready to use.
enum ColumnHasher {
    /// BLAKE2b keyed with the column's first key: one prepared state per 32 indices (salt "0", "1", …).
    Blake {
        key: Vec<u8>,
        prepared: Vec<Blake2bVarCore>,
    },
    Double {
        sha1: Box<Hmac<Sha1>>,
        md5: Box<Hmac<Md5>>,
        prevent_singularity: bool,
    },
}

/// A thread's working memory: the token cache and buffers, reused from record to record.
#[derive(Default)]
pub struct Scratch {
    /// Per column: token bytes → the bit positions of its first `k` hashes (a prefix serves smaller `k`).
    cache: Vec<HashMap<Vec<u8>, Vec<u32>>>,
    filter: Vec<u64>,
    token: String,
    bytes: Vec<u8>,
    chars: Vec<char>,
}

/// Entries kept per column before the cache starts afresh: bounded memory whatever the input.
const CACHE_LIMIT: usize = 1 << 16;

impl Encoder {
    /// Derives the columns' keys from the secret (its UTF-8 bytes, as clkhash takes a text secret).
    pub fn new(schema: Schema, secret: &[u8]) -> Result<Encoder, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        let keys = derive_keys(&schema, secret)?;
        let columns = schema
            .features
            .iter()
            .enumerate()
            .map(|(i, feature)| {
                let hashing = feature.hashing.as_ref()?;
                let (first, second) = (&keys[2 * i], &keys[2 * i + 1]);
                Some(match hashing.hash {
                    HashKind::Blake => ColumnHasher::Blake { key: first.clone(), prepared: Vec::new() },
                    HashKind::Double { prevent_singularity } => ColumnHasher::Double {
                        sha1: Box::new(<Hmac<Sha1> as Mac>::new_from_slice(first).expect("HMAC takes any key")),
                        md5: Box::new(<Hmac<Md5> as Mac>::new_from_slice(second).expect("HMAC takes any key")),
                        prevent_singularity,
                    },
                })
            })
            .collect::<Vec<_>>();
        let secret_check = secret_check(secret);
        let blip_key = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
            .expect("HMAC takes any key")
            .chain_update(b"rapporteur-linkage blip/1")
            .finalize()
            .into_bytes()
            .to_vec();
        let mut encoder = Encoder { schema, columns, secret_check, blip_key };
        encoder.prepare_blake();
        Ok(encoder)
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// A check value of the secret, written in key files so that files made with different secrets are told
    /// apart before linking (their keys would simply never match). It is HMAC-SHA256 of a fixed text under
    /// the secret, cut to 16 bytes: it tells nothing about the secret that the keys themselves do not
    /// (both allow testing a guessed secret; a long random secret defeats both).
    pub fn secret_check(&self) -> &str {
        &self.secret_check
    }

    /// Prepares, per BLAKE column, the states after the key block for as many salts as its largest `k` needs.
    fn prepare_blake(&mut self) {
        for (feature, column) in self.schema.features.iter().zip(&mut self.columns) {
            let (Some(hashing), Some(ColumnHasher::Blake { key, prepared })) = (&feature.hashing, column) else {
                continue;
            };
            let most_bits = match hashing.strategy {
                crate::schema::Strategy::BitsPerToken(k) | crate::schema::Strategy::BitsPerFeature(k) => k,
            };
            let macs = most_bits.div_ceil(32) as usize;
            let mut key_block = Block::<Blake2bVarCore>::default();
            key_block[..key.len()].copy_from_slice(key);
            *prepared = (0..macs)
                .map(|j| {
                    let mut core = Blake2bVarCore::new_with_params(j.to_string().as_bytes(), &[], key.len(), 64);
                    core.update_blocks(std::slice::from_ref(&key_block));
                    core
                })
                .collect();
        }
    }

    /// Encodes one record (its values in the schema's column order) into `key` (the schema's key bytes).
    pub fn encode_into(&self, record: &[&str], scratch: &mut Scratch, key: &mut Vec<u8>) -> Result<(), ValueError> {
        let schema = &self.schema;
        let unfolded = schema.unfolded_bits();
        let words = unfolded.div_ceil(64);
        scratch.filter.clear();
        scratch.filter.resize(words, 0);
        if scratch.cache.len() < self.columns.len() {
            scratch.cache.resize_with(self.columns.len(), HashMap::default);
        }
        let mut standardised = String::new();
        for (index, ((feature, column), value)) in schema.features.iter().zip(&self.columns).zip(record).enumerate() {
            let (Some(hashing), Some(column)) = (&feature.hashing, column) else { continue };
            let value = if schema.standardise && matches!(hashing.format, Format::String(_)) {
                standardised.clear();
                standardise(value, &mut standardised);
                standardised.as_str()
            } else {
                value
            };
            let formatted = format_value(hashing, value)
                .map_err(|message| ValueError { column: feature.identifier.clone(), message })?;
            let Scratch { cache, filter, token, bytes, chars } = scratch;
            let cache = &mut cache[index];
            let mut emit = |token: &str, k: u32, filter: &mut Vec<u64>| -> Result<(), ValueError> {
                if !hashing.encoding.encode_into(token, bytes) {
                    return Err(ValueError {
                        column: feature.identifier.clone(),
                        message: format!("'{token}' cannot be written in {}", hashing.encoding),
                    });
                }
                let positions = match cache.get(bytes.as_slice()) {
                    Some(p) if p.len() >= k as usize => p,
                    _ => {
                        if cache.len() >= CACHE_LIMIT {
                            cache.clear();
                        }
                        let computed = column.positions(bytes, k, unfolded as u64);
                        cache.insert(bytes.clone(), computed);
                        &cache[bytes.as_slice()]
                    }
                };
                for &p in &positions[..k as usize] {
                    filter[p as usize / 64] |= 1u64 << (63 - p % 64);
                }
                Ok(())
            };
            tokenize(&hashing.comparison, &formatted, chars, token, |token, i, n| {
                emit(token, hashing.strategy.bits_for(i, n), filter)
            })
            .map_err(|message| match message {
                TokenError::Value(message) => ValueError { column: feature.identifier.clone(), message },
                TokenError::Emit(e) => e,
            })?;
        }
        fold_into(&scratch.filter, unfolded, schema.xor_folds, schema.bits, key);
        if schema.blip > 0.0 {
            self.flip_bits(key);
        }
        Ok(())
    }

    /// BLIP (Schnell and Borgs, 2016): every bit of the key is flipped with probability `blip`, so that no
    /// bit position reliably carries one frequent n-gram and frequency attacks lose their footing. The flips
    /// are drawn from a generator seeded by HMAC-SHA256 of the unflipped key under a key derived from the
    /// secret: the same record flips the same bits at every source (two identical records still match
    /// exactly), while without the secret the flips cannot be predicted or undone.
    fn flip_bits(&self, key: &mut [u8]) {
        let seed = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.blip_key)
            .expect("HMAC takes any key")
            .chain_update(&*key)
            .finalize()
            .into_bytes();
        let mut state = u64::from_le_bytes(seed[..8].try_into().expect("32 bytes"));
        // A bit flips when a 53-bit uniform draw falls below the probability.
        let limit = (self.schema.blip * (1u64 << 53) as f64) as u64;
        for p in 0..self.schema.bits {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            if z >> 11 < limit {
                key[p / 8] ^= 0x80 >> (p % 8);
            }
        }
    }
}

impl ColumnHasher {
    /// The first `k` bit positions of a token in a filter of `l` bits.
    fn positions(&self, token: &[u8], k: u32, l: u64) -> Vec<u32> {
        let k = k as usize;
        let mut out = Vec::with_capacity(k);
        match self {
            ColumnHasher::Blake { key, prepared } => {
                let mut j = 0;
                while out.len() < k {
                    let digest = blake_digest(key, prepared.get(j), j, token);
                    for pair in digest.chunks_exact(2) {
                        if out.len() == k {
                            break;
                        }
                        out.push((u64::from(u16::from_le_bytes([pair[0], pair[1]])) % l) as u32);
                    }
                    j += 1;
                }
            }
            ColumnHasher::Double { sha1, md5, prevent_singularity } => {
                let h1 = big_endian_mod(&sha1.as_ref().clone().chain_update(token).finalize().into_bytes(), l);
                let mut h2 = big_endian_mod(&md5.as_ref().clone().chain_update(token).finalize().into_bytes(), l);
                if *prevent_singularity {
                    let mut i = 0u32;
                    let mut utf8 = [0u8; 4];
                    while h2 == 0 {
                        // Python's chr(i).encode(): UTF-8 of the code point i (surrogates cannot occur before
                        // an MD5 output ends up non-zero, 2^-128 per try).
                        let suffix = char::from_u32(i).unwrap_or('\u{fffd}').encode_utf8(&mut utf8);
                        let digest =
                            md5.as_ref().clone().chain_update(token).chain_update(suffix.as_bytes()).finalize();
                        h2 = big_endian_mod(&digest.into_bytes(), l);
                        i += 1;
                    }
                }
                for i in 0..k as u64 {
                    out.push(((h1 + i * h2) % l) as u32);
                }
            }
        }
        out
    }
}

/// Keyed BLAKE2b-512 of `token` with salt `j` (its ASCII digits), from the prepared state where there is one.
fn blake_digest(key: &[u8], prepared: Option<&Blake2bVarCore>, j: usize, token: &[u8]) -> Output<Blake2bVarCore> {
    let mut core = match prepared {
        // An empty message makes the key block the last block, which a prepared state has already passed.
        Some(core) if !token.is_empty() => core.clone(),
        _ => {
            let mut mac = blake2::Blake2bMac512::new_with_salt_and_personal(key, j.to_string().as_bytes(), &[])
                .expect("keys of at most 64 bytes, salts of at most 16");
            mac.update(token);
            let bytes = mac.finalize().into_bytes();
            let mut out = Output::<Blake2bVarCore>::default();
            out.copy_from_slice(&bytes);
            return out;
        }
    };
    let mut buffer = Buffer::<Blake2bVarCore>::default();
    buffer.digest_blocks(token, |blocks| core.update_blocks(blocks));
    let mut out = Output::<Blake2bVarCore>::default();
    core.finalize_variable_core(&mut buffer, &mut out);
    out
}

// The prepared states absorb the key as one whole block; a version of the crate with another block size would
// fail the byte-for-byte tests, and this keeps the assumption in sight.
const _: () = assert!(<Blake2bVarCore as BlockSizeUser>::BlockSize::USIZE == 128);

/// A digest read as a big-endian integer, modulo `l`.
fn big_endian_mod(bytes: &[u8], l: u64) -> u64 {
    bytes.iter().fold(0u64, |r, &b| (r * 256 + u64::from(b)) % l)
}

/// The filter folded `folds` times (first half XOR second half), written as `bits` bits into `key`.
fn fold_into(filter: &[u64], unfolded: usize, folds: u32, bits: usize, key: &mut Vec<u8>) {
    key.clear();
    // Whole words while each half is a whole number of words (every usual length); bit by bit otherwise.
    if (unfolded >> folds).is_multiple_of(64) {
        let mut words = filter.to_vec();
        let mut length = unfolded / 64;
        for _ in 0..folds {
            length /= 2;
            for w in 0..length {
                words[w] ^= words[w + length];
            }
        }
        key.extend(words[..length].iter().flat_map(|w| w.to_be_bytes()));
        key.truncate(bits.div_ceil(8));
        return;
    }
    key.resize(bits.div_ceil(8), 0);
    let bit = |p: usize| filter[p / 64] >> (63 - p % 64) & 1 == 1;
    let mut current: Vec<bool> = (0..unfolded).map(bit).collect();
    let mut length = unfolded;
    for _ in 0..folds {
        length /= 2;
        current = (0..length).map(|p| current[p] ^ current[p + length]).collect();
    }
    for (p, &set) in current.iter().enumerate().take(bits) {
        if set {
            key[p / 8] |= 0x80 >> (p % 8);
        }
    }
}

enum TokenError {
    Value(String),
    Emit(ValueError),
}

/// Calls `emit(token, i, n)` for each of the value's `n` tokens, as clkhash's comparisons cut them.
fn tokenize(
    comparison: &Comparison,
    value: &str,
    chars: &mut Vec<char>,
    token: &mut String,
    mut emit: impl FnMut(&str, usize, usize) -> Result<(), ValueError>,
) -> Result<(), TokenError> {
    if value.is_empty() {
        return Ok(());
    }
    match comparison {
        Comparison::Ngram { n, positional } => {
            let n = *n;
            chars.clear();
            let pad = n.saturating_sub(1);
            chars.extend(std::iter::repeat_n(' ', pad));
            chars.extend(value.chars());
            chars.extend(std::iter::repeat_n(' ', pad));
            if chars.len() < n {
                return Ok(());
            }
            let count = chars.len() - n + 1;
            for i in 0..count {
                token.clear();
                if *positional {
                    use std::fmt::Write as _;
                    let _ = write!(token, "{} ", i + 1);
                }
                token.extend(&chars[i..i + n]);
                emit(token, i, count).map_err(TokenError::Emit)?;
            }
        }
        Comparison::Exact => emit(value, 0, 1).map_err(TokenError::Emit)?,
        Comparison::Numeric { distance_interval, resolution, fractional_precision } => {
            let scale = 10i128.pow(*fractional_precision);
            let number = match parse_python_int(value) {
                Some(v) => v.checked_mul(scale),
                None => {
                    let float: f64 = parse_python_float(value)
                        .ok_or_else(|| TokenError::Value(format!("'{value}' is not a number")))?;
                    if !float.is_finite() {
                        return Err(TokenError::Value(format!("'{value}' is not a finite number")));
                    }
                    let scaled = if *fractional_precision > 0 {
                        (float * 10f64.powi(*fractional_precision as i32)).round_ties_even()
                    } else {
                        float.trunc()
                    };
                    (scaled.abs() < 1e36).then_some(scaled as i128)
                }
            };
            let too_large = || TokenError::Value(format!("'{value}' is too large to encode"));
            let d = *distance_interval;
            let mut v = number.and_then(|v| v.checked_mul(2 * i128::from(*resolution))).ok_or_else(too_large)?;
            let residue = v.rem_euclid(d);
            if residue != 0 {
                v = if 2 * residue < d { v - residue } else { v + (d - residue) };
            }
            let count = (2 * resolution + 1) as usize;
            for (i, step) in (-resolution..=*resolution).enumerate() {
                let shifted = v.checked_add(i128::from(step) * d).ok_or_else(too_large)?;
                token.clear();
                use std::fmt::Write as _;
                let _ = write!(token, "{shifted}");
                emit(token, i, count).map_err(TokenError::Emit)?;
            }
        }
    }
    Ok(())
}

/// Python's `int(text, 10)`: surrounding whitespace, a sign, ASCII digits with single underscores between.
pub(crate) fn parse_python_int(text: &str) -> Option<i128> {
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.as_bytes().first()? {
        b'-' => (true, &trimmed[1..]),
        b'+' => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut value: i128 = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(10)?;
        if !c.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(i128::from(d))?;
    }
    Some(if negative { -value } else { value })
}

/// Python's `float(text)` for the forms data files hold (no underscores, no hexadecimal).
fn parse_python_float(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.contains('_') {
        return None;
    }
    trimmed.parse().ok()
}

/// Formats a value as clkhash's `format_value` does, after checking it as clkhash's validation does.
fn format_value(hashing: &Hashing, value: &str) -> Result<String, String> {
    if let Some(missing) = &hashing.missing {
        if value == missing.sentinel {
            return Ok(missing.replace_with.clone());
        }
    }
    match &hashing.format {
        Format::String(rule) => {
            match rule {
                StringRule::Pattern(regex) => {
                    if !regex.is_match(value) {
                        let pattern = regex.as_str();
                        let pattern = &pattern[4..pattern.len() - 2];
                        return Err(format!("'{value}' does not match the pattern '{pattern}'"));
                    }
                }
                StringRule::Plain { case, min_length, max_length } => {
                    let length = value.chars().count();
                    if min_length.is_some_and(|min| length < min) {
                        return Err(format!("'{value}' is shorter than {} characters", min_length.unwrap_or(0)));
                    }
                    if max_length.is_some_and(|max| length > max) {
                        return Err(format!("'{value}' is longer than {} characters", max_length.unwrap_or(0)));
                    }
                    match case {
                        Case::Upper if value.to_uppercase() != value => {
                            return Err(format!("'{value}' is not in upper case"))
                        }
                        Case::Lower if value.to_lowercase() != value => {
                            return Err(format!("'{value}' is not in lower case"))
                        }
                        _ => {}
                    }
                }
            }
            Ok(value.to_owned())
        }
        Format::Integer { minimum, maximum } => {
            let number = parse_python_int(value).ok_or_else(|| format!("'{value}' is not a whole number"))?;
            if minimum.is_some_and(|m| number < i128::from(m)) {
                return Err(format!("{number} is below the minimum {}", minimum.unwrap_or(0)));
            }
            if maximum.is_some_and(|m| number > i128::from(m)) {
                return Err(format!("{number} is above the maximum {}", maximum.unwrap_or(0)));
            }
            Ok(number.to_string())
        }
        Format::Date { format } => {
            let date =
                parse_date(value, format).ok_or_else(|| format!("'{value}' is not a date in the format '{format}'"))?;
            use chrono::Datelike as _;
            // Python's strftime("%Y") does not pad years before 1000 on Linux; neither does this.
            Ok(format!("{}{:02}{:02}", date.year(), date.month(), date.day()))
        }
        Format::Enum { values } => {
            if values.contains(value) {
                Ok(value.to_owned())
            } else {
                let listed: Vec<&str> = values.iter().map(String::as_str).collect();
                Err(format!("'{value}' is not one of {}", listed.join(", ")))
            }
        }
    }
}

fn parse_date(value: &str, format: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value, format)
        .ok()
        .or_else(|| chrono::NaiveDateTime::parse_from_str(value, format).ok().map(|t| t.date()))
}

/// Whether a date format is one `strftime` understands, so a schema with a broken one is refused up front.
pub(crate) fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!("'{format}' is not a strftime date format"));
    }
    Ok(())
}

/// The columns' keys: HKDF (SHA-256 or SHA-512) over the secret, two keys of `keySize` bytes per column, in
/// column order (ignored columns take their share too, as in clkhash).
fn derive_keys(schema: &Schema, secret: &[u8]) -> Result<Vec<Vec<u8>>, KeyError> {
    let size = schema.kdf.key_size;
    let count = schema.features.len() * 2;
    let mut okm = vec![0u8; count * size];
    let salt = schema.kdf.salt.as_deref();
    let info = schema.kdf.info.as_deref().unwrap_or(&[]);
    let expanded = match schema.kdf.hash {
        KdfHash::Sha256 => hkdf::Hkdf::<sha2::Sha256>::new(salt, secret).expand(info, &mut okm).map_err(|_| 32),
        KdfHash::Sha512 => hkdf::Hkdf::<sha2::Sha512>::new(salt, secret).expand(info, &mut okm).map_err(|_| 64),
    };
    expanded.map_err(|hash_len| KeyError::TooLong { requested: okm.len(), limit: 255 * hash_len })?;
    Ok(okm.chunks(size).map(<[u8]>::to_vec).collect())
}

fn secret_check(secret: &[u8]) -> String {
    let mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
        .expect("HMAC takes any key")
        .chain_update(b"rapporteur-linkage secret check/1")
        .finalize()
        .into_bytes();
    mac[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The key of the `feature`-th column (`which` 0 or 1), for checking against clkhash's derivation.
pub fn derived_key(schema: &Schema, secret: &[u8], feature: usize, which: usize) -> Result<Vec<u8>, KeyError> {
    Ok(derive_keys(schema, secret)?.swap_remove(2 * feature + which))
}

/// The secret in a key file: its text less one trailing newline (`\n` or `\r\n`, as editors add one), taken
/// byte for byte as clkhash takes a text secret (no normalisation).
pub fn secret_from_file_text(text: &str) -> &[u8] {
    let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(text);
    text.as_bytes()
}
