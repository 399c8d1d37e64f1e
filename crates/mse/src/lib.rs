//! Multiple systems estimation: how many victims no list has found, from how the lists overlap.
//!
//! The input is a capture-history table ([`histories`]): one 0/1 column per list, then the number of persons
//! with that pattern. A Poisson log-linear model ([`model`]) with main effects and chosen two-list interactions
//! is fitted by IRLS to every non-empty pattern, the all-zero cell excluded; its intercept is the log of the
//! number of persons seen by no list. [`stepwise`] chooses the interactions as SparseMSE's rule does.
//!
//! [`existence`] checks by linear programming that a model's estimate exists and is identifiable.
//!
//! This is the first part of the crate: BIC selection, profile and bootstrap intervals, and simulation come
//! next.

pub mod existence;
pub mod histories;
pub mod model;
pub mod poisson;
pub mod stepwise;

pub use histories::{CaptureTable, TableError};
pub use model::{fit, Estimate, FitError, Model};
