//! THB statistics as Eurostat and Directive (EU) 2024/1712 frame them: the code lists of the two dataflows
//! (`THB_VICT`, `THB_PERS`), reading SDMX-CSV and plain CSV with every problem placed by line and column,
//! validation (additivity, consistency, year-on-year), EU aggregation with coverage, disclosure control
//! (primary and secondary suppression, checked by linear programming) and the SDMX-CSV, JSON-stat, CSV and
//! XLSX exports.
//!
//! The crate does no I/O of its own beyond the readers and writers it is handed.

pub mod codes;
pub mod dataset;
pub mod disclosure;
pub mod export;

pub use codes::{CodeEntry, Confidentiality, Dataflow, Dimension, Flags, Geo};
pub use dataset::{Cell, Dataset, Observation, Table, TableId, Value};
pub mod parse;
pub mod problem;

pub use parse::{read_csv, Parsed, ReadOptions};
pub use problem::{Place, Problem, Severity};
pub mod validate;

pub use validate::{validate_dataset, validate_parsed, ValidationOptions};
pub mod aggregate;
pub mod official;
pub mod policy;
pub mod synth;
pub mod workflow;

pub use policy::Policy;
pub mod output;
