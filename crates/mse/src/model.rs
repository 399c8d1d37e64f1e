//! The Poisson log-linear model of a capture-history table, fitted by iteratively reweighted least squares.
//!
//! Every non-empty pattern ω is a cell, zero counts included: log μ_ω = intercept + the main effects of the
//! lists in ω + the chosen two-list interactions contained in ω. The intercept is the log of the expected
//! number of persons no list saw. A chosen pair whose lists never overlap has its interaction at minus
//! infinity: its parameter and every cell containing both lists are dropped (as SparseMSE does).

use nalgebra::{DMatrix, DVector};

use crate::histories::CaptureTable;
use crate::poisson::ln_factorial;

/// Two lists, by index (`i < j`).
pub type Pair = (usize, usize);

/// The dependence structure: main effects of every list, plus these pairs (list indices, `i < j`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Model {
    pub pairs: Vec<(usize, usize)>,
}

impl Model {
    /// Main effects only: the lists are taken as independent.
    pub fn main_effects() -> Model {
        Model::default()
    }

    /// The pairs named as `A:B` with the table's list names.
    pub fn terms(&self, table: &CaptureTable) -> Vec<String> {
        self.pairs.iter().map(|&(i, j)| format!("{}:{}", table.lists[i], table.lists[j])).collect()
    }
}

/// A fitted model's estimate of the whole population.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub observed: u64,
    /// Persons seen by no list, as the model expects them: exp(intercept).
    pub unobserved: f64,
    /// observed + unobserved.
    pub total: f64,
    /// The 95% interval conditional on the model: observed + exp(intercept ± 1.96 · its standard error).
    pub conditional_interval: (f64, f64),
    /// The pairs whose lists never overlap, held at minus infinity.
    pub infinite_pairs: Vec<(usize, usize)>,
    pub log_likelihood: f64,
    /// Parameters estimated (an interaction at minus infinity counts as one).
    pub parameters: usize,
    /// Fitted means per pattern (0 for the dropped cells and the unobserved one).
    pub fitted: Vec<f64>,
}

/// Why a model cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("the model is not identifiable from this table (its design has dependent columns)")]
    NotIdentifiable,
    #[error("the fit did not settle after {0} iterations: the maximum-likelihood estimate may not exist")]
    NoConvergence(usize),
    #[error("pair ({0}, {1}) names a list the table does not have")]
    BadPair(usize, usize),
}

/// The 97.5% quantile of the standard normal distribution.
const Z975: f64 = 1.959_963_984_540_054;
const MAX_ITERATIONS: usize = 100;

/// Whether any person was seen by both lists `i` and `j`.
pub fn overlap(table: &CaptureTable, i: usize, j: usize) -> u64 {
    let both = (1 << i) | (1 << j);
    table.counts.iter().enumerate().filter(|(p, _)| p & both == both).map(|(_, c)| c).sum()
}

/// The cells a model keeps and its design matrix (intercept, main effects, finite pairs).
pub(crate) struct Design {
    pub cells: Vec<usize>,
    pub x: DMatrix<f64>,
    pub infinite: Vec<Pair>,
    pub finite: Vec<Pair>,
}

pub(crate) fn design(table: &CaptureTable, model: &Model) -> Design {
    let t = table.list_count();
    let (infinite, finite): (Vec<Pair>, Vec<Pair>) = model.pairs.iter().partition(|&&(i, j)| overlap(table, i, j) == 0);
    let cells: Vec<usize> =
        (1..1usize << t).filter(|&p| infinite.iter().all(|&(i, j)| p & (1 << i) == 0 || p & (1 << j) == 0)).collect();
    let columns = 1 + t + finite.len();
    let x = DMatrix::from_fn(cells.len(), columns, |row, column| {
        let p = cells[row];
        let on = match column {
            0 => true,
            c if c <= t => p & (1 << (c - 1)) != 0,
            c => {
                let (i, j) = finite[c - 1 - t];
                p & (1 << i) != 0 && p & (1 << j) != 0
            }
        };
        if on {
            1.0
        } else {
            0.0
        }
    });
    Design { cells, x, infinite, finite }
}

/// Fits `model` to `table`.
pub fn fit(table: &CaptureTable, model: &Model) -> Result<Estimate, FitError> {
    let t = table.list_count();
    for &(i, j) in &model.pairs {
        if i >= j || j >= t {
            return Err(FitError::BadPair(i, j));
        }
    }
    let Design { cells, x, infinite, finite } = design(table, model);
    let columns = x.ncols();
    let y = DVector::from_iterator(cells.len(), cells.iter().map(|&p| table.counts[p] as f64));
    let mut mu = y.map(|v| v + 0.1);
    let mut eta = mu.map(f64::ln);
    let mut deviance = f64::INFINITY;
    let mut information = DMatrix::zeros(columns, columns);
    let mut beta = DVector::zeros(columns);
    let mut settled = false;
    for _ in 0..MAX_ITERATIONS {
        let z = DVector::from_iterator(cells.len(), (0..cells.len()).map(|k| eta[k] + (y[k] - mu[k]) / mu[k]));
        let weighted = DMatrix::from_fn(cells.len(), columns, |r, c| x[(r, c)] * mu[r]);
        information = x.transpose() * &weighted;
        let rhs = weighted.transpose() * &z;
        let cholesky = information.clone().cholesky().ok_or(FitError::NotIdentifiable)?;
        beta = cholesky.solve(&rhs);
        eta = &x * &beta;
        mu = eta.map(f64::exp);
        let new_deviance: f64 = (0..cells.len())
            .map(|k| {
                let (obs, fit) = (y[k], mu[k]);
                2.0 * (if obs > 0.0 { obs * (obs / fit).ln() } else { 0.0 } - (obs - fit))
            })
            .sum();
        if (new_deviance - deviance).abs() / (new_deviance.abs() + 0.1) < 1e-12 {
            settled = true;
            break;
        }
        deviance = new_deviance;
    }
    if !settled || !beta.iter().all(|b| b.is_finite()) {
        return Err(FitError::NoConvergence(MAX_ITERATIONS));
    }
    let covariance = information.try_inverse().ok_or(FitError::NotIdentifiable)?;
    let se = covariance[(0, 0)].sqrt();
    let observed = table.observed();
    let unobserved = beta[0].exp();
    let log_likelihood = (0..cells.len()).map(|k| y[k] * mu[k].ln() - mu[k] - ln_factorial(y[k] as u64)).sum::<f64>();
    let mut fitted = vec![0.0; 1 << t];
    for (k, &p) in cells.iter().enumerate() {
        fitted[p] = mu[k];
    }
    Ok(Estimate {
        observed,
        unobserved,
        total: observed as f64 + unobserved,
        conditional_interval: (
            observed as f64 + (beta[0] - Z975 * se).exp(),
            observed as f64 + (beta[0] + Z975 * se).exp(),
        ),
        infinite_pairs: infinite,
        log_likelihood,
        parameters: columns + model.pairs.len() - finite.len(),
        fitted,
    })
}
