//! Multiple systems estimation: how many victims no list has found, from how the lists overlap.
//!
//! The input is a capture-history table ([`histories`]): one 0/1 column per list, then the number of persons
//! with that pattern. A Poisson log-linear model ([`model`]) with main effects and chosen interactions is
//! fitted by IRLS to every non-empty pattern, the all-zero cell excluded; its intercept is the log of the
//! number of persons seen by no list.
//!
//! The model is chosen by SparseMSE's [`stepwise`] rule or by [`bic`] over every hierarchical model, after
//! [`existence`] checks by linear programming that its estimate exists and is identifiable. Intervals: the
//! conditional one (in [`model`]), the [`profile`] likelihood's, and the BCa [`bootstrap`] that repeats
//! the model choice in every resample. [`analysis`] puts these together as a rapporteur asks for them, and
//! [`simulate`] measures bias and coverage on populations of known size.

pub mod analysis;
pub mod bic;
pub mod bootstrap;
pub mod existence;
pub mod histories;
pub mod model;
pub mod poisson;
pub mod profile;
pub mod simulate;
pub mod stepwise;

pub use analysis::{analyse, Analysis, AnalysisError, Method, Settings, Warning};
pub use bootstrap::BootstrapSettings;
pub use histories::{CaptureTable, TableError};
pub use model::{fit, Estimate, FitError, Model, Term};
