//! Model choice by BIC over every hierarchical model (Chan, Silverman and Vincent 2024; Silverman's
//! MultipleSystemsEstimation): interactions up to order 3 for at most five lists, pairs only for six.
//!
//! A model whose maximum-likelihood estimate does not exist or is not identifiable is skipped. BIC =
//! k · ln(observed) − 2 · log-likelihood, where an interaction held at minus infinity still counts in k.

use rayon::prelude::*;

use crate::existence::{check_fitted, Existence};
use crate::histories::CaptureTable;
use crate::model::{fit, Estimate, Model, Term};

/// The most lists the search takes: six lists have 2^15 pair models; seven would have 2^21.
pub const MAX_LISTS: usize = 6;

/// The highest interaction order searched by default, as MultipleSystemsEstimation: 1 (main effects only)
/// for two lists, 2 for three, 3 for four or five, 2 for six.
pub fn max_order(lists: usize) -> usize {
    match lists {
        0..=2 => 1,
        3 => 2,
        4 | 5 => 3,
        _ => 2,
    }
}

/// How many of the best models (by BIC on the data) a bootstrap resample chooses among: 20 for four
/// lists, 100 for five or six, every model for three.
pub fn bootstrap_candidates(lists: usize) -> usize {
    match lists {
        0..=3 => usize::MAX,
        4 => 20,
        _ => 100,
    }
}

/// Why the search cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BicError {
    #[error("BIC over all models takes at most {MAX_LISTS} lists, not {0}: merge lists or use the stepwise rule")]
    TooManyLists(usize),
    #[error("no model of the search could be fitted to this table")]
    NoModel,
    #[error("the search goes up to interactions of 1 to 3 lists, fewer than the lists (2 for six lists), not {0}")]
    MaxOrder(usize),
}

/// Every hierarchical model on `lists` lists with interactions up to `max_order` (1 to 3): the main-effects
/// model first, then by the pairs chosen.
pub fn hierarchical_models(lists: usize, max_order: usize) -> Vec<Model> {
    if max_order < 2 {
        return vec![Model::main_effects()];
    }
    let pairs: Vec<Term> = (0..lists).flat_map(|i| (i + 1..lists).filter_map(move |j| Term::pair(i, j))).collect();
    let triples: Vec<(Term, [usize; 3])> = if max_order >= 3 {
        let mut triples = Vec::new();
        for i in 0..lists {
            for j in i + 1..lists {
                for k in j + 1..lists {
                    let index = |a, b| pairs.iter().position(|&p| Term::pair(a, b) == Some(p)).unwrap_or(usize::MAX);
                    if let Some(term) = Term::new(&[i, j, k]) {
                        triples.push((term, [index(i, j), index(i, k), index(j, k)]));
                    }
                }
            }
        }
        triples
    } else {
        Vec::new()
    };
    let mut models = Vec::new();
    for mask in 0u64..1 << pairs.len() {
        let chosen = |k: usize| k < 64 && mask & (1 << k) != 0;
        let with_pairs: Vec<Term> = (0..pairs.len()).filter(|&k| chosen(k)).map(|k| pairs[k]).collect();
        let allowed: Vec<Term> =
            triples.iter().filter(|(_, needs)| needs.iter().all(|&k| chosen(k))).map(|&(t, _)| t).collect();
        for triple_mask in 0u64..1 << allowed.len() {
            let triples = (0..allowed.len()).filter(|&k| triple_mask & (1 << k) != 0).map(|k| allowed[k]);
            models.push(Model::with_terms(with_pairs.iter().copied().chain(triples)));
        }
    }
    models
}

/// A model of the search with its fit.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ranked {
    pub model: Model,
    pub estimate: Estimate,
    pub bic: f64,
}

/// The models that can be fitted to `table`, best BIC first (ties: the earlier model in `models`).
pub fn rank(table: &CaptureTable, models: &[Model]) -> Vec<Ranked> {
    let mut ranked: Vec<(usize, Ranked)> = models
        .par_iter()
        .enumerate()
        .filter_map(|(k, model)| fit_checked(table, model).map(|estimate| (k, estimate)))
        .map(|(k, estimate)| (k, Ranked { model: models[k].clone(), bic: estimate.bic(), estimate }))
        .collect();
    ranked.sort_by(|(ka, a), (kb, b)| a.bic.total_cmp(&b.bic).then(ka.cmp(kb)));
    ranked.into_iter().map(|(_, r)| r).collect()
}

/// The fit of `model`, when its maximum-likelihood estimate exists and is identifiable.
pub(crate) fn fit_checked(table: &CaptureTable, model: &Model) -> Option<Estimate> {
    let estimate = fit(table, model).ok()?;
    (check_fitted(table, model, &estimate) == Existence::Exists).then_some(estimate)
}

/// Every hierarchical model with interactions of up to `order` lists (by default [`max_order`]), ranked by
/// BIC (the best first).
pub fn search(table: &CaptureTable, order: Option<usize>) -> Result<Vec<Ranked>, BicError> {
    let lists = table.list_count();
    if lists > MAX_LISTS {
        return Err(BicError::TooManyLists(lists));
    }
    let order = order.unwrap_or(max_order(lists));
    let highest = if lists == MAX_LISTS { 2 } else { 3.min(lists - 1) };
    if !(1..=highest).contains(&order) {
        return Err(BicError::MaxOrder(order));
    }
    let ranked = rank(table, &hierarchical_models(lists, order));
    if ranked.is_empty() {
        return Err(BicError::NoModel);
    }
    Ok(ranked)
}

/// The best of `candidates` by BIC on `table` (as a bootstrap resample chooses), with its fit.
pub fn best_of(table: &CaptureTable, candidates: &[Model]) -> Option<(Model, Estimate)> {
    candidates
        .iter()
        .filter_map(|model| fit_checked(table, model).map(|estimate| (model, estimate)))
        .min_by(|a, b| a.1.bic().total_cmp(&b.1.bic()))
        .map(|(model, estimate)| (model.clone(), estimate))
}

/// How many moves the downhill search makes at most (as MultipleSystemsEstimation).
const DOWNHILL_MOVES: usize = 20;

/// The highest interaction order the downhill search may reach: every order but the saturated one.
pub fn downhill_order(lists: usize) -> usize {
    lists.saturating_sub(1).max(2)
}

/// Silverman's downhill search (Chan, Silverman and Vincent 2024, §5.2): from main effects, move to the
/// neighbour with the lowest BIC while it lowers the BIC. A neighbour adds one interaction whose
/// lower-order interactions are all in the model (up to `max_order` lists), or removes one interaction that
/// no other contains; models already visited, and those whose estimate does not exist, are not entered.
/// It looks at a few dozen models where the full search looks at thousands, and may stop at a local minimum.
pub fn downhill(table: &CaptureTable, max_order: usize) -> Result<(Model, Estimate), BicError> {
    let t = table.list_count();
    let mut model = Model::main_effects();
    let mut estimate = fit_checked(table, &model).ok_or(BicError::NoModel)?;
    let mut visited = std::collections::HashSet::from([model.clone()]);
    for _ in 0..DOWNHILL_MOVES {
        let neighbours: Vec<Model> =
            neighbours(&model, t, max_order).into_iter().filter(|m| !visited.contains(m)).collect();
        visited.extend(neighbours.iter().cloned());
        let best = neighbours
            .par_iter()
            .filter_map(|m| fit_checked(table, m).map(|e| (m, e)))
            .collect::<Vec<_>>()
            .into_iter()
            .min_by(|a, b| a.1.bic().total_cmp(&b.1.bic()));
        match best {
            Some((next, next_estimate)) if next_estimate.bic() < estimate.bic() => {
                model = next.clone();
                estimate = next_estimate;
            }
            _ => break,
        }
    }
    Ok((model, estimate))
}

/// The models one step from `model`: one interaction added (its lower orders all present) or one removed
/// (no other containing it), in the order of the interactions.
fn neighbours(model: &Model, lists: usize, max_order: usize) -> Vec<Model> {
    let terms = model.terms();
    let mut next = Vec::new();
    for bits in 1u32..1 << lists {
        let Some(term) = Term::from_bits(bits) else { continue };
        if term.order() > max_order || terms.contains(&term) {
            continue;
        }
        let lower_present = term.order() == 2
            || term.lists().all(|i| Term::from_bits(bits & !(1 << i)).is_some_and(|lower| terms.contains(&lower)));
        if lower_present {
            next.push(term);
        }
    }
    next.sort_unstable();
    let mut models: Vec<Model> = next.into_iter().map(|term| model.and(term)).collect();
    for &term in terms {
        if !terms.iter().any(|&other| other != term && other.bits() & term.bits() == term.bits()) {
            models.push(Model::with_terms(terms.iter().copied().filter(|&other| other != term)));
        }
    }
    models
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_hierarchical_models() {
        assert_eq!(hierarchical_models(3, 3).len(), 9);
        assert_eq!(hierarchical_models(4, 3).len(), 113);
        assert_eq!(hierarchical_models(5, 3).len(), 6212);
        assert_eq!(hierarchical_models(5, 2).len(), 1024);
        assert!(hierarchical_models(5, 3).iter().all(Model::is_hierarchical));
        assert_eq!(hierarchical_models(4, 3)[0], Model::main_effects());
    }
}
