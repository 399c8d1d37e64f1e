//! Whether a model's maximum-likelihood estimate exists and is identifiable (Fienberg and Rinaldo 2012, as
//! SparseMSE checks it).
//!
//! With design A (kept cells × parameters) and t = Aᵀn, the MLE exists exactly when some strictly positive
//! table has the same sufficient statistics: the linear programme max s subject to Aᵀy = t, y − s ≥ 0,
//! y ≥ 0 has an optimum s* > 0. A design of lower rank than its columns is not identifiable.

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};
use nalgebra::DMatrix;

use crate::histories::CaptureTable;
use crate::model::{design, Design, Estimate, Model};

/// What the check finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existence {
    Exists,
    /// Two parameter combinations give the same means: the data cannot tell them apart.
    NotIdentifiable,
    /// The likelihood keeps rising towards a boundary: some fitted mean would be zero.
    MleDoesNotExist,
}

/// A fitted mean this far below one person in a cell with no one in it shows the fit drifting to a
/// boundary (the deviance stops changing long before a mean reaches 0), not settling at an interior maximum.
const DRIFTING: f64 = 1e-6;

/// Checks `model` on `table`, given its fit: a fit that settled with every kept cell's mean clearly above
/// zero is the interior maximum whose existence the programme would show, so only a doubtful fit pays for
/// the linear programme. The design's rank is always checked.
pub fn check_fitted(table: &CaptureTable, model: &Model, estimate: &Estimate) -> Existence {
    let d = design(table, model, false);
    // On every non-empty cell, the indicators of "seen by all lists of S" are independent unless S runs over
    // every subset, the all-list interaction included (Möbius inversion gives their one relation). So only a
    // model with dropped cells or the all-list term needs its rank computed.
    let all_lists = (1u32 << table.list_count()) - 1;
    let surely_identifiable =
        estimate.infinite_terms.is_empty() && model.terms().iter().all(|term| term.bits() != all_lists);
    if !surely_identifiable && !identifiable(&d) {
        return Existence::NotIdentifiable;
    }
    if d.cells.iter().all(|&p| estimate.fitted[p] > DRIFTING) {
        return Existence::Exists;
    }
    check(table, model)
}

/// Whether the design has full column rank, from the Cholesky factor of XᵀX: the design is 0/1, so XᵀX
/// holds small whole numbers and a dependent column shows as a pivot at round-off level (or a failed
/// factorisation), at a fraction of an SVD's cost.
fn identifiable(d: &Design) -> bool {
    if d.cells.len() < d.columns {
        return false;
    }
    let mut gram = DMatrix::<f64>::zeros(d.columns, d.columns);
    for active in &d.active {
        for &a in active {
            for &b in active {
                gram[(a, b)] += 1.0;
            }
        }
    }
    match gram.cholesky() {
        None => false,
        Some(factor) => {
            let diagonal = factor.l_dirty().diagonal();
            let largest = diagonal.iter().fold(0.0f64, |m, v| m.max(v * v));
            diagonal.iter().all(|v| v * v > 1e-9 * largest)
        }
    }
}

/// Checks `model` on `table`.
///
/// Rather than the programme over every cell, this solves its dual over the empty cells only (Stiemke's
/// alternative): the estimate fails to exist exactly when some change c of the parameters leaves every
/// non-empty cell's mean alone (X₊c = 0) and lowers some empty cell's (X₀c ≤ 0, not all 0), for then the
/// likelihood rises for ever along c. With N a basis of the null space of X₊, that asks whether
/// max Σ (X₀N u) subject to 0 ≤ X₀N u ≤ 1 is positive: a programme in dim N variables (often none) and
/// one constraint per empty cell. The test module checks it against the primal programme on thousands of
/// models.
pub fn check(table: &CaptureTable, model: &Model) -> Existence {
    let d = design(table, model, false);
    if !identifiable(&d) {
        return Existence::NotIdentifiable;
    }
    let x = d.dense();
    let columns = x.ncols();
    let (positive, empty): (Vec<usize>, Vec<usize>) = (0..d.cells.len()).partition(|&r| table.counts[d.cells[r]] > 0);
    if empty.is_empty() {
        return Existence::Exists;
    }
    let x_positive = x.select_rows(&positive);
    let gram = x_positive.transpose() * &x_positive;
    let eigen = gram.symmetric_eigen();
    let scale = eigen.eigenvalues.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    let null: Vec<usize> = (0..columns).filter(|&k| eigen.eigenvalues[k].abs() <= NULL * scale).collect();
    if null.is_empty() {
        return Existence::Exists;
    }
    let basis = eigen.eigenvectors.select_columns(&null);
    let directions = x.select_rows(&empty) * basis;
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let objective: Vec<f64> = (0..null.len()).map(|k| directions.column(k).sum()).collect();
    let u: Vec<_> = objective.iter().map(|&c| problem.add_var(c, (f64::NEG_INFINITY, f64::INFINITY))).collect();
    for row in directions.row_iter() {
        let lhs: Vec<_> = u.iter().zip(row.iter()).map(|(&var, &a)| (var, a)).collect();
        problem.add_constraint(lhs.as_slice(), ComparisonOp::Ge, 0.0);
        problem.add_constraint(lhs.as_slice(), ComparisonOp::Le, 1.0);
    }
    match problem.solve() {
        Ok(SolveOutcome::Solution(solution)) if solution.objective() > DIRECTION => Existence::MleDoesNotExist,
        Ok(SolveOutcome::Solution(_)) => Existence::Exists,
        // The feasible set holds u = 0 and is bounded in the objective, so the solver cannot fail here;
        // if it did, the estimate would be the safe thing to doubt.
        _ => Existence::MleDoesNotExist,
    }
}

/// An eigenvalue of X₊ᵀX₊ this small, relative to the largest, spans the null space (the design is 0/1
/// with a few dozen columns: its non-zero eigenvalues are far above round-off).
const NULL: f64 = 1e-10;
/// How far above zero the dual programme's optimum must be to show a direction of escape (its scale is one
/// per empty cell).
const DIRECTION: f64 = 1e-6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bic::hierarchical_models;
    use crate::model::Term;

    /// Fienberg and Rinaldo's programme as SparseMSE states it: max s subject to Aᵀy = Aᵀn, y − s ≥ 0, y ≥ 0.
    fn primal(table: &CaptureTable, model: &Model) -> Existence {
        let d = design(table, model, false);
        if !identifiable(&d) {
            return Existence::NotIdentifiable;
        }
        let x = d.dense();
        let (rows, columns) = x.shape();
        let n: Vec<f64> = d.cells.iter().map(|&p| table.counts[p] as f64).collect();
        let total: f64 = n.iter().sum();
        let mut problem = Problem::new(OptimizationDirection::Maximize);
        let y: Vec<_> = (0..rows).map(|_| problem.add_var(0.0, (0.0, f64::INFINITY))).collect();
        let s = problem.add_var(1.0, (0.0, total.max(1.0)));
        for c in 0..columns {
            let lhs: Vec<_> = (0..rows).filter(|&r| x[(r, c)] != 0.0).map(|r| (y[r], x[(r, c)])).collect();
            let rhs: f64 = (0..rows).map(|r| x[(r, c)] * n[r]).sum();
            problem.add_constraint(lhs.as_slice(), ComparisonOp::Eq, rhs);
        }
        for &yk in &y {
            problem.add_constraint([(yk, 1.0), (s, -1.0)], ComparisonOp::Ge, 0.0);
        }
        match problem.solve() {
            Ok(SolveOutcome::Solution(solution)) if solution.var_value(s) > 1e-7 * total.max(1.0) => Existence::Exists,
            _ => Existence::MleDoesNotExist,
        }
    }

    fn reference(name: &str) -> CaptureTable {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
        CaptureTable::read_csv(std::fs::File::open(path).unwrap()).unwrap()
    }

    #[test]
    fn the_dual_programme_agrees_with_the_primal_on_every_model() {
        for name in ["Western.csv", "NewOrl_5.csv", "Korea.csv", "Kosovo.csv", "Artificial_3.csv", "UKdat_4.csv"] {
            let table = reference(name);
            let models = hierarchical_models(table.list_count(), 3);
            let mut missing = 0;
            for model in &models {
                let (fast, slow) = (check(&table, model), primal(&table, model));
                assert_eq!(fast, slow, "{name}: {:?}", model.names(&table));
                missing += usize::from(fast == Existence::MleDoesNotExist);
            }
            eprintln!("{name}: {} models, {missing} without an estimate", models.len());
        }
    }

    #[test]
    fn the_pathological_example_of_chan_silverman_and_vincent() {
        let table = CaptureTable::read_csv(&b"A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n"[..]).unwrap();
        let model = |pairs: &[(usize, usize)]| Model::with_terms(pairs.iter().map(|&(i, j)| Term::pair(i, j).unwrap()));
        assert_eq!(check(&table, &model(&[(0, 1), (0, 2), (1, 2)])), Existence::NotIdentifiable);
        assert_eq!(check(&table, &model(&[(0, 1)])), Existence::MleDoesNotExist);
        assert_eq!(check(&table, &model(&[(0, 2), (1, 2)])), Existence::Exists);
    }
}
