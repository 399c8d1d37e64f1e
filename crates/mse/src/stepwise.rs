//! SparseMSE's stepwise rule (Chan, Silverman and Vincent 2021): from main effects, add the pair whose
//! observed overlap the current model explains worst, while its one-sided Poisson p-value is below the
//! threshold (0.02 by default).

use crate::existence::{check, Existence};
use crate::histories::CaptureTable;
use crate::model::{fit, Estimate, FitError, Model, Term};
use crate::poisson::tails;

/// SparseMSE's default threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.02;

/// The model the rule chooses, and its fit.
pub fn stepwise(table: &CaptureTable, threshold: f64) -> Result<(Model, Estimate), FitError> {
    let t = table.list_count();
    let mut model = Model::main_effects();
    let mut estimate = fit(table, &model)?;
    loop {
        let mut best: Option<(Term, f64)> = None;
        for i in 0..t {
            for j in i + 1..t {
                let Some(pair) = Term::pair(i, j) else { continue };
                if model.terms().contains(&pair) {
                    continue;
                }
                let (mut expected, mut observed) = (0.0, 0u64);
                for p in 1..1usize << t {
                    if pair.covers(p) {
                        expected += estimate.fitted[p];
                        observed += table.counts[p];
                    }
                }
                let (le, ge) = tails(expected, observed);
                let mut p = le.min(ge);
                // Only a pair that could be chosen needs the existence check: a model without an
                // (identifiable) maximum-likelihood estimate is never entered.
                if p < threshold
                    && best.is_none_or(|(_, q)| p < q)
                    && check(table, &model.and(pair)) != Existence::Exists
                {
                    p = 1.0;
                }
                if best.is_none_or(|(_, q)| p < q) {
                    best = Some((pair, p));
                }
            }
        }
        match best {
            Some((pair, p)) if p < threshold => {
                model = model.and(pair);
                estimate = fit(table, &model)?;
            }
            _ => return Ok((model, estimate)),
        }
    }
}
