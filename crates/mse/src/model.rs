//! The Poisson log-linear model of a capture-history table, fitted by iteratively reweighted least squares.
//!
//! Every non-empty pattern ω is a cell, zero counts included: log μ_ω = intercept + the main effects of the
//! lists in ω + the chosen interactions contained in ω. The intercept is the log of the expected number of
//! persons no list saw. A chosen interaction whose lists were never seen together has its parameter at minus
//! infinity: the parameter and every cell containing those lists are dropped (as SparseMSE does).

use std::cmp::Ordering;

use nalgebra::{DMatrix, DVector};

use crate::histories::{CaptureTable, MAX_LISTS};
use crate::poisson::ln_factorial;

/// An interaction among two or more lists: the set of their indices, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Term(u32);

impl Term {
    /// The interaction of these lists; `None` unless they are at least two distinct indices below
    /// [`MAX_LISTS`].
    pub fn new(lists: &[usize]) -> Option<Term> {
        let mut bits = 0u32;
        for &i in lists {
            if i >= MAX_LISTS || bits & (1 << i) != 0 {
                return None;
            }
            bits |= 1 << i;
        }
        Term::from_bits(bits)
    }

    /// The interaction of lists `i` and `j` (`None` when they are the same list).
    pub fn pair(i: usize, j: usize) -> Option<Term> {
        Term::new(&[i, j])
    }

    /// The interaction of the lists whose bits are set (`None` for fewer than two).
    pub fn from_bits(bits: u32) -> Option<Term> {
        (bits.count_ones() >= 2 && bits < 1 << MAX_LISTS).then_some(Term(bits))
    }

    pub fn bits(self) -> u32 {
        self.0
    }

    /// How many lists interact: 2 for a pair.
    pub fn order(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The lists' indices, ascending.
    pub fn lists(self) -> impl Iterator<Item = usize> {
        (0..MAX_LISTS).filter(move |i| self.0 & (1 << i) != 0)
    }

    /// Whether a person with capture pattern `pattern` was seen by every list of the term.
    pub fn covers(self, pattern: usize) -> bool {
        pattern as u32 & self.0 == self.0
    }

    /// The term as `A:B` (or `A:B:C`) with the table's list names.
    pub fn name(self, lists: &[String]) -> String {
        self.lists().map(|i| lists.get(i).map_or("?", String::as_str)).collect::<Vec<_>>().join(":")
    }
}

/// Pairs before triples; within an order, as the lists' indices read (A:B, A:C, B:C).
impl Ord for Term {
    fn cmp(&self, other: &Term) -> Ordering {
        self.order().cmp(&other.order()).then_with(|| self.lists().cmp(other.lists()))
    }
}

impl PartialOrd for Term {
    fn partial_cmp(&self, other: &Term) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The dependence structure: main effects of every list, plus these interactions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Model {
    terms: Vec<Term>,
}

impl Model {
    /// Main effects only: the lists are taken as independent.
    pub fn main_effects() -> Model {
        Model::default()
    }

    /// Main effects and these interactions (in any order, repeats ignored).
    pub fn with_terms(terms: impl IntoIterator<Item = Term>) -> Model {
        let mut terms: Vec<Term> = terms.into_iter().collect();
        terms.sort_unstable();
        terms.dedup();
        Model { terms }
    }

    /// The interactions, pairs first.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// This model with one more interaction.
    pub fn and(&self, term: Term) -> Model {
        Model::with_terms(self.terms.iter().copied().chain([term]))
    }

    /// The interactions named as `A:B` with the table's list names.
    pub fn names(&self, table: &CaptureTable) -> Vec<String> {
        self.terms.iter().map(|t| t.name(&table.lists)).collect()
    }

    /// Whether every interaction's lower-order interactions are in the model too (a hierarchical model).
    pub fn is_hierarchical(&self) -> bool {
        self.terms.iter().filter(|t| t.order() > 2).all(|t| {
            t.lists().all(|i| Term::from_bits(t.bits() & !(1 << i)).is_some_and(|lower| self.terms.contains(&lower)))
        })
    }

    /// The highest interaction order (1 for main effects only).
    pub fn order(&self) -> usize {
        self.terms.iter().map(|t| t.order()).max().unwrap_or(1)
    }
}

/// A fitted model's estimate of the whole population.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Estimate {
    pub observed: u64,
    /// Persons seen by no list, as the model expects them: exp(intercept).
    pub unobserved: f64,
    /// observed + unobserved.
    pub total: f64,
    /// The 95% interval conditional on the model: observed + exp(intercept ± 1.96 · its standard error).
    pub conditional_interval: (f64, f64),
    /// The interactions whose lists were never seen together, held at minus infinity.
    pub infinite_terms: Vec<Term>,
    /// The Poisson log-likelihood of the observed cells at the fit.
    pub log_likelihood: f64,
    /// Parameters estimated, intercept included (an interaction at minus infinity counts as one).
    pub parameters: usize,
    /// Fitted means per pattern (0 for the dropped cells and the unobserved one).
    pub fitted: Vec<f64>,
}

impl Estimate {
    /// BIC = k · ln(observed) − 2 · log-likelihood.
    pub fn bic(&self) -> f64 {
        self.parameters as f64 * (self.observed as f64).ln() - 2.0 * self.log_likelihood
    }
}

/// Why a model cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("the model is not identifiable from this table (its design has dependent columns)")]
    NotIdentifiable,
    #[error("the fit did not settle after {0} iterations: the maximum-likelihood estimate may not exist")]
    NoConvergence(usize),
    #[error("the interaction {0:?} names a list the table does not have")]
    BadTerm(Term),
}

/// The 97.5% quantile of the standard normal distribution.
pub(crate) const Z975: f64 = 1.959_963_984_540_054;
/// The relative change of deviance at which the fit has settled: tighter than R's `glm` (1e-8), so that a
/// fit drifting towards a boundary has carried its empty cells' means far below the existence check's
/// doubt (see `existence::check_fitted`) by the time it stops.
const TOLERANCE: f64 = 1e-12;
const MAX_ITERATIONS: usize = 100;

/// How many persons were seen by every list of `term`.
pub fn overlap(table: &CaptureTable, term: Term) -> u64 {
    table.counts.iter().enumerate().filter(|&(p, _)| term.covers(p)).map(|(_, c)| c).sum()
}

/// The cells a model keeps and its design: for each cell the columns that are 1 (intercept, main effects,
/// finite interactions).
#[derive(Debug, Clone)]
pub(crate) struct Design {
    pub cells: Vec<usize>,
    pub columns: usize,
    /// Per cell, the indices of its columns that are 1, ascending (the intercept, column 0, always).
    pub active: Vec<Vec<usize>>,
    pub infinite: Vec<Term>,
}

impl Design {
    pub fn dense(&self) -> DMatrix<f64> {
        let mut x = DMatrix::zeros(self.cells.len(), self.columns);
        for (row, active) in self.active.iter().enumerate() {
            for &c in active {
                x[(row, c)] = 1.0;
            }
        }
        x
    }
}

/// The design of `model` on `table`; with `with_unobserved`, the all-zero cell (intercept only) comes first.
pub(crate) fn design(table: &CaptureTable, model: &Model, with_unobserved: bool) -> Design {
    let t = table.list_count();
    let (infinite, finite): (Vec<Term>, Vec<Term>) = model.terms.iter().partition(|&&term| overlap(table, term) == 0);
    let first = if with_unobserved { 0 } else { 1 };
    let cells: Vec<usize> = (first..1usize << t).filter(|&p| !infinite.iter().any(|term| term.covers(p))).collect();
    let active = cells
        .iter()
        .map(|&p| {
            let mains = (0..t).filter(|i| p & (1 << i) != 0).map(|i| 1 + i);
            let interactions = finite.iter().enumerate().filter(|(_, term)| term.covers(p)).map(|(k, _)| 1 + t + k);
            std::iter::once(0).chain(mains).chain(interactions).collect()
        })
        .collect();
    Design { cells, columns: 1 + t + finite.len(), active, infinite }
}

/// A Poisson regression's result on a design.
pub(crate) struct Fitted {
    pub beta: DVector<f64>,
    pub mu: Vec<f64>,
    /// The variance of the intercept's estimate (the inverse information's first element).
    pub intercept_variance: f64,
}

/// IRLS for a Poisson log-linear model. The information XᵀWX is summed cell by cell over each cell's active
/// columns: the design is 0/1 and sparse, and a few dozen columns at most.
pub(crate) fn irls(design: &Design, y: &[f64]) -> Result<Fitted, FitError> {
    let n = design.columns;
    let mut mu: Vec<f64> = y.iter().map(|v| v + 0.1).collect();
    let mut eta: Vec<f64> = mu.iter().map(|m| m.ln()).collect();
    let mut deviance = f64::INFINITY;
    let mut information = DMatrix::zeros(n, n);
    let mut rhs = DVector::zeros(n);
    for _ in 0..MAX_ITERATIONS {
        information.fill(0.0);
        rhs.fill(0.0);
        for (k, active) in design.active.iter().enumerate() {
            let w = mu[k];
            let wz = w * eta[k] + (y[k] - mu[k]);
            for (a, &ca) in active.iter().enumerate() {
                rhs[ca] += wz;
                for &cb in &active[..=a] {
                    information[(ca, cb)] += w;
                }
            }
        }
        let cholesky = information.clone().cholesky().ok_or(FitError::NotIdentifiable)?;
        let beta = cholesky.solve(&rhs);
        let mut new_deviance = 0.0;
        for (k, active) in design.active.iter().enumerate() {
            eta[k] = active.iter().map(|&c| beta[c]).sum();
            mu[k] = eta[k].exp();
            let (obs, fit) = (y[k], mu[k]);
            new_deviance += 2.0 * (if obs > 0.0 { obs * (obs / fit).ln() } else { 0.0 } - (obs - fit));
        }
        if !new_deviance.is_finite() || !beta.iter().all(|b| b.is_finite()) {
            break;
        }
        if (new_deviance - deviance).abs() / (new_deviance.abs() + 0.1) < TOLERANCE {
            let cholesky = information.cholesky().ok_or(FitError::NotIdentifiable)?;
            let mut e0 = DVector::zeros(n);
            e0[0] = 1.0;
            let intercept_variance = cholesky.solve(&e0)[0];
            return Ok(Fitted { beta, mu, intercept_variance });
        }
        deviance = new_deviance;
    }
    Err(FitError::NoConvergence(MAX_ITERATIONS))
}

fn check_terms(table: &CaptureTable, model: &Model) -> Result<(), FitError> {
    match model.terms.iter().find(|term| term.bits() >> table.list_count() != 0) {
        Some(&term) => Err(FitError::BadTerm(term)),
        None => Ok(()),
    }
}

/// Fits `model` to `table`.
pub fn fit(table: &CaptureTable, model: &Model) -> Result<Estimate, FitError> {
    check_terms(table, model)?;
    let design = design(table, model, false);
    let y: Vec<f64> = design.cells.iter().map(|&p| table.counts[p] as f64).collect();
    let Fitted { beta, mu, intercept_variance } = irls(&design, &y)?;
    let se = intercept_variance.sqrt();
    let observed = table.observed();
    let unobserved = beta[0].exp();
    let log_likelihood = y.iter().zip(&mu).map(|(&y, &m)| y * m.ln() - m - ln_factorial(y as u64)).sum::<f64>();
    let mut fitted = vec![0.0; 1 << table.list_count()];
    for (k, &p) in design.cells.iter().enumerate() {
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
        parameters: 1 + table.list_count() + model.terms.len(),
        infinite_terms: design.infinite,
        log_likelihood,
        fitted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_order_and_hierarchy() {
        let ab = Term::pair(0, 1).unwrap();
        let ac = Term::pair(0, 2).unwrap();
        let bc = Term::pair(1, 2).unwrap();
        let abc = Term::new(&[0, 1, 2]).unwrap();
        assert!(Term::pair(1, 1).is_none() && Term::new(&[3]).is_none() && Term::new(&[0, MAX_LISTS]).is_none());
        let model = Model::with_terms([abc, bc, ab, ac, ab]);
        assert_eq!(model.terms(), &[ab, ac, bc, abc]);
        assert!(model.is_hierarchical());
        assert!(!Model::with_terms([abc, ab]).is_hierarchical());
        assert_eq!(model.order(), 3);
        let lists = ["A", "B", "C"].map(String::from);
        assert_eq!(abc.name(&lists), "A:B:C");
    }
}
