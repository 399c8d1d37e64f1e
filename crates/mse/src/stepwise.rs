//! SparseMSE's stepwise rule (Chan, Silverman and Vincent 2021): from main effects, add the pair whose
//! observed overlap the current model explains worst, while its one-sided Poisson p-value is below the
//! threshold (0.02 by default).

use crate::existence::{check, Existence};
use crate::histories::CaptureTable;
use crate::model::{fit, Estimate, FitError, Model};
use crate::poisson::tails;

/// The model the rule chooses, and its fit.
pub fn stepwise(table: &CaptureTable, threshold: f64) -> Result<(Model, Estimate), FitError> {
    let t = table.list_count();
    let mut model = Model::main_effects();
    let mut estimate = fit(table, &model)?;
    loop {
        let mut best: Option<((usize, usize), f64)> = None;
        for i in 0..t {
            for j in i + 1..t {
                if model.pairs.contains(&(i, j)) {
                    continue;
                }
                let both = (1 << i) | (1 << j);
                let (mut expected, mut observed) = (0.0, 0u64);
                for p in 1..1usize << t {
                    if p & both == both {
                        expected += estimate.fitted[p];
                        observed += table.counts[p];
                    }
                }
                let (le, ge) = tails(expected, observed);
                let mut p = le.min(ge);
                let mut candidate = model.clone();
                candidate.pairs.push((i, j));
                candidate.pairs.sort_unstable();
                // A pair whose model has no (identifiable) maximum-likelihood estimate is never added.
                if check(table, &candidate) != Existence::Exists {
                    p = 1.0;
                }
                if best.is_none_or(|(_, q)| p < q) {
                    best = Some(((i, j), p));
                }
            }
        }
        match best {
            Some((pair, p)) if p < threshold => {
                model.pairs.push(pair);
                model.pairs.sort_unstable();
                estimate = fit(table, &model)?;
            }
            _ => return Ok((model, estimate)),
        }
    }
}
