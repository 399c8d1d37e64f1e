//! How good a linkage is, measured against the truth (of synthetic data, [`crate::synth`], or of a
//! clerically reviewed sample).
//!
//! Two records "placed together" form a pair; a linkage is judged by its pairs:
//! - a **true positive** is a pair the linkage found that the truth holds too;
//! - a **false positive** is a pair found that the truth does not hold (two persons merged);
//! - a **false negative** is a pair the truth holds that was not found (one person split);
//! - **precision** = TP / (TP + FP), the share of found pairs that are right;
//! - **recall** = TP / (TP + FN), the share of true pairs that were found;
//! - **F1** = 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall.
//!
//! Each is 0 when its denominator is 0 (nothing found, or nothing to find), so that an empty linkage never
//! looks perfect. For a clustering, the count of persons matters as much as the pairs: its relative error
//! is what a count of victims inherits.
//!
//! Pair counts of a clustering come from its contingency table with the truth (Rand, 1971; Hubert and
//! Arabie, 1985), in O(n log n): with n_ij records in found cluster j and true cluster i, a_i records in
//! true cluster i and b_j in found cluster j, TP = Σ C(n_ij, 2), TP + FP = Σ C(b_j, 2) and
//! TP + FN = Σ C(a_i, 2). No pair is ever listed, so millions of records take a second.

use rayon::prelude::*;

/// Pairs found against pairs true.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairScores {
    /// Pairs found and true.
    pub true_positives: u64,
    /// Pairs found but not true.
    pub false_positives: u64,
    /// Pairs true but not found.
    pub false_negatives: u64,
}

impl PairScores {
    /// TP / (TP + FP): the share of found pairs that are true; 0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// TP / (TP + FN): the share of true pairs that were found; 0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when both are undefined.
    pub fn f1(&self) -> f64 {
        let tp = 2 * self.true_positives;
        ratio(tp, tp + self.false_positives + self.false_negatives)
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores the pairs a linkage found against the true pairs.
///
/// A pair is taken as written: `(a, b)` and `(b, a)` are different pairs, as they are when `a` numbers a
/// record of one source and `b` one of another (matching two files); pairs within one set of records should
/// be written smaller number first in both lists. A pair listed twice counts once.
pub fn score_pairs(found: &[(u32, u32)], truth: &[(u32, u32)]) -> PairScores {
    let found = sorted_distinct(found);
    let truth = sorted_distinct(truth);
    let (mut i, mut j, mut both) = (0, 0, 0u64);
    while i < found.len() && j < truth.len() {
        match found[i].cmp(&truth[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    PairScores {
        true_positives: both,
        false_positives: found.len() as u64 - both,
        false_negatives: truth.len() as u64 - both,
    }
}

fn sorted_distinct<T: Copy + Ord + Send>(items: &[T]) -> Vec<T> {
    let mut items = items.to_vec();
    items.par_sort_unstable();
    items.dedup();
    items
}

/// A clustering of records into persons against the true one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClusterScores {
    /// Distinct persons among the records (persons no record shows are not counted).
    pub persons_true: usize,
    /// Clusters the linkage made.
    pub persons_found: usize,
    /// Over pairs of records placed in one cluster.
    pub pair_scores: PairScores,
}

impl ClusterScores {
    /// (found − true) / true: the relative error of the count of persons, negative when persons were merged,
    /// positive when split; 0 when there are no records.
    pub fn count_error(&self) -> f64 {
        if self.persons_true == 0 {
            0.0
        } else {
            (self.persons_found as f64 - self.persons_true as f64) / self.persons_true as f64
        }
    }
}

/// Scores a clustering: `found[i]` and `truth[i]` are the cluster and the true person of record `i` (the
/// records of all sources one after the other); labels are any numbers, only equality counts.
///
/// # Panics
/// When the two slices differ in length: they must describe the same records.
pub fn score_clusters(found: &[u32], truth: &[u32]) -> ClusterScores {
    assert_eq!(found.len(), truth.len(), "a found and a true cluster for each record");
    let mut joint: Vec<(u32, u32)> = truth.iter().copied().zip(found.iter().copied()).collect();
    joint.par_sort_unstable();
    let mut found_sorted = found.to_vec();
    found_sorted.par_sort_unstable();
    let true_positives: u64 = runs(&joint).map(pairs).sum();
    let (persons_true, true_pairs) = runs(&joint.iter().map(|&(t, _)| t).collect::<Vec<_>>())
        .fold((0, 0u64), |(count, sum), size| (count + 1, sum + pairs(size)));
    let (persons_found, found_pairs) =
        runs(&found_sorted).fold((0, 0u64), |(count, sum), size| (count + 1, sum + pairs(size)));
    ClusterScores {
        persons_true,
        persons_found,
        pair_scores: PairScores {
            true_positives,
            false_positives: found_pairs - true_positives,
            false_negatives: true_pairs - true_positives,
        },
    }
}

/// The lengths of the runs of equal items of a sorted slice.
fn runs<T: PartialEq>(sorted: &[T]) -> impl Iterator<Item = u64> + '_ {
    sorted.chunk_by(|a, b| a == b).map(|run| run.len() as u64)
}

/// C(n, 2): the pairs among n records.
fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;

    /// Every pair (i < j) of records placed together, the slow way.
    fn pairs_of(labels: &[u32]) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for i in 0..labels.len() {
            for j in i + 1..labels.len() {
                if labels[i] == labels[j] {
                    out.push((i as u32, j as u32));
                }
            }
        }
        out
    }

    fn labels() -> impl Strategy<Value = Vec<u32>> {
        prop::collection::vec(0u32..12, 0..80)
    }

    fn two_labellings() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
        (0usize..80).prop_flat_map(|n| (prop::collection::vec(0u32..12, n), prop::collection::vec(0u32..12, n)))
    }

    #[test]
    fn a_worked_example() {
        // Truth: {0,1,2} {3,4} {5}; found: {0,1} {2,3,4} {5}.
        let truth = [7, 7, 7, 9, 9, 4];
        let found = [1, 1, 2, 2, 2, 3];
        let scores = score_clusters(&found, &truth);
        // True pairs 01 02 12 34; found 01 23 24 34: TP 01 34, FP 23 24, FN 02 12.
        assert_eq!(scores.pair_scores, PairScores { true_positives: 2, false_positives: 2, false_negatives: 2 });
        assert_eq!((scores.persons_true, scores.persons_found), (3, 3));
        assert_eq!(scores.pair_scores.precision(), 0.5);
        assert_eq!(scores.pair_scores.f1(), 0.5);
        assert_eq!(scores.count_error(), 0.0);
        let all_one = score_clusters(&[0; 6], &truth);
        assert_eq!(all_one.count_error(), -2.0 / 3.0);
        assert_eq!(all_one.pair_scores.recall(), 1.0);
        assert_eq!(all_one.pair_scores.precision(), 4.0 / 15.0);
    }

    #[test]
    fn undefined_scores_are_zero() {
        let none = PairScores::default();
        assert_eq!((none.precision(), none.recall(), none.f1()), (0.0, 0.0, 0.0));
        let empty = score_clusters(&[], &[]);
        assert_eq!(empty, ClusterScores::default());
        assert_eq!(empty.count_error(), 0.0);
        let pairs = score_pairs(&[(1, 2), (1, 2), (2, 1)], &[(2, 1)]);
        assert_eq!(pairs, PairScores { true_positives: 1, false_positives: 1, false_negatives: 0 });
    }

    #[test]
    #[should_panic(expected = "a found and a true cluster for each record")]
    fn refuses_labels_of_different_records() {
        score_clusters(&[1, 2], &[1]);
    }

    #[test]
    fn millions_of_records_in_one_pass() {
        let n = 3_000_000u32;
        let truth: Vec<u32> = (0..n).map(|i| i / 3).collect();
        let found: Vec<u32> = (0..n).map(|i| i / 2).collect();
        let scores = score_clusters(&found, &truth);
        assert_eq!(scores.persons_true, 1_000_000);
        assert_eq!(scores.persons_found, 1_500_000);
        // Of each 6 records, true pairs 01 02 12 34 35 45, found 01 23 45: TP 01 45, FP 23, FN 02 12 34 35.
        assert_eq!(
            scores.pair_scores,
            PairScores { true_positives: 1_000_000, false_positives: 500_000, false_negatives: 2_000_000 }
        );
    }

    proptest! {
        #[test]
        fn a_perfect_clustering_scores_one(truth in labels()) {
            let scores = score_clusters(&truth, &truth);
            prop_assert_eq!(scores.count_error(), 0.0);
            prop_assert_eq!(scores.pair_scores.false_positives + scores.pair_scores.false_negatives, 0);
            if scores.pair_scores.true_positives > 0 {
                let s = scores.pair_scores;
                prop_assert_eq!((s.precision(), s.recall(), s.f1()), (1.0, 1.0, 1.0));
            }
        }

        #[test]
        fn relabelling_changes_nothing((found, truth) in two_labellings(), a in any::<u32>(), b in any::<u32>()) {
            // x ↦ (2a+1)·x + b is a bijection of u32: the same clusters under other names.
            let relabel = |labels: &[u32]| -> Vec<u32> {
                labels.iter().map(|x| x.wrapping_mul(a | 1).wrapping_add(b)).collect()
            };
            let scores = score_clusters(&found, &truth);
            prop_assert_eq!(score_clusters(&relabel(&found), &truth), scores);
            prop_assert_eq!(score_clusters(&found, &relabel(&truth)), scores);
        }

        #[test]
        fn clusters_agree_with_listing_every_pair((found, truth) in two_labellings()) {
            let scores = score_clusters(&found, &truth);
            prop_assert_eq!(scores.pair_scores, score_pairs(&pairs_of(&found), &pairs_of(&truth)));
            prop_assert_eq!(scores.persons_true, truth.iter().collect::<BTreeSet<_>>().len());
            prop_assert_eq!(scores.persons_found, found.iter().collect::<BTreeSet<_>>().len());
        }

        #[test]
        fn scores_lie_between_zero_and_one((found, truth) in two_labellings()) {
            let s = score_clusters(&found, &truth).pair_scores;
            for score in [s.precision(), s.recall(), s.f1()] {
                prop_assert!((0.0..=1.0).contains(&score));
            }
            // F1 is the harmonic mean of precision and recall.
            let (p, r) = (s.precision(), s.recall());
            let harmonic = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
            prop_assert!((s.f1() - harmonic).abs() < 1e-12);
        }

        #[test]
        fn swapping_found_and_truth_swaps_precision_and_recall((found, truth) in two_labellings()) {
            let forward = score_clusters(&found, &truth);
            let backward = score_clusters(&truth, &found);
            prop_assert_eq!(forward.pair_scores.false_positives, backward.pair_scores.false_negatives);
            prop_assert_eq!(forward.pair_scores.precision(), backward.pair_scores.recall());
            prop_assert_eq!(forward.persons_found, backward.persons_true);
        }

        #[test]
        fn pair_scores_count_sets(
            found in prop::collection::vec((0u32..10, 0u32..10), 0..60),
            truth in prop::collection::vec((0u32..10, 0u32..10), 0..60),
        ) {
            let scores = score_pairs(&found, &truth);
            let f: BTreeSet<_> = found.iter().copied().collect();
            let t: BTreeSet<_> = truth.iter().copied().collect();
            let both = f.intersection(&t).count() as u64;
            prop_assert_eq!(scores, PairScores {
                true_positives: both,
                false_positives: f.len() as u64 - both,
                false_negatives: t.len() as u64 - both,
            });
            let mut reversed = found.clone();
            reversed.reverse();
            prop_assert_eq!(score_pairs(&reversed, &truth), scores);
        }
    }
}
