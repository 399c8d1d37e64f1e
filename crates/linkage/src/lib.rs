//! Counting each victim once without pooling names: privacy-preserving record linkage with Bloom-filter
//! linkage keys (CLKs).
//!
//! Each organisation encodes its records into keys under a secret the server never sees ([`encode`]), byte
//! for byte as clkhash 0.18 does with the same linkage schema ([`schema`]), so organisations can mix tools.
//! The keys travel in a key file ([`keyfile`]) with the schema's fingerprint and the non-identifying
//! attributes the schema names. Whoever holds the keys compares them by Sørensen–Dice similarity
//! ([`similarity`]), compares only likely pairs ([`blocking`], on the keys themselves), solves one-to-one
//! matches as anonlink does ([`matching`]), and clusters the records of any number of sources into persons,
//! whose capture histories feed multiple systems estimation ([`cluster`]).
//!
//! The crate does no I/O of its own beyond the readers and writers it is handed.

pub mod blocking;
pub mod cluster;
pub mod encode;
pub mod evaluate;
pub mod keyfile;
pub mod keys;
pub mod matching;
pub mod records;
pub mod schema;
pub mod similarity;
pub mod standardise;
pub mod synth;

pub use encode::{Encoder, Scratch, ValueError};
pub use keyfile::{KeyFile, KeyFileError};
pub use keys::KeySet;
pub use schema::{Schema, SchemaError};
pub use similarity::{dice, Threshold};
