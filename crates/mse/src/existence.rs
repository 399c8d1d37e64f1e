//! Whether a model's maximum-likelihood estimate exists and is identifiable (Fienberg and Rinaldo 2012, as
//! SparseMSE checks it).
//!
//! With design A (kept cells × parameters) and t = Aᵀn, the MLE exists exactly when some strictly positive
//! table has the same sufficient statistics: the linear programme max s subject to Aᵀy = t, y − s ≥ 0,
//! y ≥ 0 has an optimum s* > 0. A design of lower rank than its columns is not identifiable.

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};

use crate::histories::CaptureTable;
use crate::model::{design, Model};

/// What the check finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existence {
    Exists,
    /// Two parameter combinations give the same means: the data cannot tell them apart.
    NotIdentifiable,
    /// The likelihood keeps rising towards a boundary: some fitted mean would be zero.
    MleDoesNotExist,
}

/// How far above zero s* must be to count as positive: the solver's round-off is about 1e-9 of the counts.
const POSITIVE: f64 = 1e-7;

/// Checks `model` on `table`.
pub fn check(table: &CaptureTable, model: &Model) -> Existence {
    let d = design(table, model);
    let (rows, columns) = d.x.shape();
    if rows < columns || d.x.clone().svd(false, false).rank(1e-9) < columns {
        return Existence::NotIdentifiable;
    }
    let n: Vec<f64> = d.cells.iter().map(|&p| table.counts[p] as f64).collect();
    let total: f64 = n.iter().sum();
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let y: Vec<_> = (0..rows).map(|_| problem.add_var(0.0, (0.0, f64::INFINITY))).collect();
    let s = problem.add_var(1.0, (0.0, total.max(1.0)));
    for c in 0..columns {
        let lhs: Vec<_> = (0..rows).filter(|&r| d.x[(r, c)] != 0.0).map(|r| (y[r], d.x[(r, c)])).collect();
        let rhs: f64 = (0..rows).map(|r| d.x[(r, c)] * n[r]).sum();
        problem.add_constraint(lhs.as_slice(), ComparisonOp::Eq, rhs);
    }
    for &yk in &y {
        problem.add_constraint([(yk, 1.0), (s, -1.0)], ComparisonOp::Ge, 0.0);
    }
    match problem.solve() {
        Ok(SolveOutcome::Solution(solution)) if solution.var_value(s) > POSITIVE * total.max(1.0) => Existence::Exists,
        _ => Existence::MleDoesNotExist,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pathological_example_of_chan_silverman_and_vincent() {
        let table = CaptureTable::read_csv(&b"A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n"[..]).unwrap();
        let model = |pairs: &[(usize, usize)]| Model { pairs: pairs.to_vec() };
        assert_eq!(check(&table, &model(&[(0, 1), (0, 2), (1, 2)])), Existence::NotIdentifiable);
        assert_eq!(check(&table, &model(&[(0, 1)])), Existence::MleDoesNotExist);
        assert_eq!(check(&table, &model(&[(0, 2), (1, 2)])), Existence::Exists);
    }
}
