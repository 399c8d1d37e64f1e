//! The linkage crate against outside references: clkhash's keys byte for byte, FEBRL4's known matches.

mod clkhash;
mod febrl4;
mod hardening;
mod multisource;
mod parsers;

use std::path::PathBuf;

/// A file of `tests/data` (see its README for where each comes from).
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}
