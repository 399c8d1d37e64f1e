//! Finding the pairs of records whose keys reach a similarity threshold, and solving two sources' pairs
//! one-to-one as anonlink's greedy solver does.
//!
//! Only pairs at or above the threshold are ever held, so memory grows with the matches, not with the
//! comparisons: a million by a million records compare some 10^10 pairs and keep about a million.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::blocking::{for_each_block, Blocking, LshParams};
use crate::keys::KeySet;
use crate::similarity::{common_bits, dice_from_counts, CommonBound, Threshold};

/// A pair of records (rows counted from 0) and their keys' Dice similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub similarity: f64,
}

/// The pairs found, and how much work finding them took.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Pairs at or above the threshold, sorted by `(a, b)`, each once.
    pub pairs: Vec<Pair>,
    /// Similarities computed (a pair that shares blocks in several tables is computed in each).
    pub comparisons: u64,
}

/// Reports progress: `(steps done, steps in all)`.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Rows of the left side per parallel task when comparing all pairs.
const ROWS_PER_TASK: usize = 64;

/// Every pair of a record of `left` and one of `right` (or, with `right` = `None`, two records of `left`,
/// `a < b`) whose similarity is at least `threshold`.
pub fn similar_pairs(
    left: &KeySet,
    right: Option<&KeySet>,
    threshold: Threshold,
    blocking: &Blocking,
    progress: Progress<'_>,
) -> Found {
    if let Some(right) = right {
        assert_eq!(left.bits(), right.bits(), "keys compared have one length");
    }
    match blocking {
        Blocking::AllPairs => all_pairs(left, right, threshold, progress),
        Blocking::Lsh(params) => blocked_pairs(left, right, threshold, params, progress),
    }
}

#[inline]
fn compare(left: &KeySet, a: usize, right: &KeySet, b: usize, bound: &CommonBound) -> Option<f64> {
    let (ca, cb) = (left.count(a), right.count(b));
    let needed = bound.needed(ca, cb);
    if ca.min(cb) < needed {
        return None;
    }
    let common = common_bits(left.words(a), right.words(b));
    (common >= needed).then(|| dice_from_counts(common, ca, cb))
}

/// Keys of the other side scanned per pass of a task's rows: 2,048 keys of 1,024 bits are 256 KiB, which
/// stay in the core's cache while each of the task's rows is compared with them.
const TILE: usize = 2048;

/// Compares key `a` (words `wa`, count `ca`) with keys `from..to` of `other`, calling `emit(b, common)`:
/// with the CPU's POPCNT instruction where it has one (every x86-64 processor since 2008), portably otherwise.
#[inline]
fn scan(
    wa: &[u64],
    ca: u32,
    other: &KeySet,
    from: usize,
    to: usize,
    bound: &CommonBound,
    emit: impl FnMut(usize, u32),
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        #[allow(unsafe_code)]
        // SAFETY: `scan_popcnt` only needs the POPCNT instruction, which the CPU was just found to have.
        unsafe {
            return scan_popcnt(wa, ca, other, from, to, bound, emit);
        }
    }
    scan_portable(wa, ca, other, from, to, bound, emit)
}

/// [`scan_portable`] compiled with POPCNT: `count_ones` becomes one instruction instead of a dozen.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn scan_popcnt(
    wa: &[u64],
    ca: u32,
    other: &KeySet,
    from: usize,
    to: usize,
    bound: &CommonBound,
    emit: impl FnMut(usize, u32),
) {
    scan_portable(wa, ca, other, from, to, bound, emit)
}

#[inline(always)]
fn scan_portable(
    wa: &[u64],
    ca: u32,
    other: &KeySet,
    from: usize,
    to: usize,
    bound: &CommonBound,
    mut emit: impl FnMut(usize, u32),
) {
    let words = other.words_per_key();
    let data = &other.data()[from * words..to * words];
    let counts = &other.counts()[from..to];
    if let Ok(wa) = <&[u64; 16]>::try_from(wa) {
        // The usual 1,024-bit key: fixed-size arrays let the compiler unroll and drop the bounds checks.
        for (j, (wb, &cb)) in data.chunks_exact(16).zip(counts).enumerate() {
            let needed = bound.needed(ca, cb);
            if ca.min(cb) < needed {
                continue;
            }
            let wb: &[u64; 16] = wb.try_into().expect("chunks of 16");
            let mut common = 0;
            for k in 0..16 {
                common += (wa[k] & wb[k]).count_ones();
            }
            if common >= needed {
                emit(from + j, common);
            }
        }
        return;
    }
    for (j, (wb, &cb)) in data.chunks_exact(words).zip(counts).enumerate() {
        let needed = bound.needed(ca, cb);
        if ca.min(cb) < needed {
            continue;
        }
        let common = common_bits(wa, wb);
        if common >= needed {
            emit(from + j, common);
        }
    }
}

fn all_pairs(left: &KeySet, right: Option<&KeySet>, threshold: Threshold, progress: Progress<'_>) -> Found {
    let other = right.unwrap_or(left);
    let bound = CommonBound::new(threshold, left.bits());
    let tasks = left.len().div_ceil(ROWS_PER_TASK) as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let chunks: Vec<(Vec<Pair>, u64)> = (0..left.len())
        .into_par_iter()
        .step_by(ROWS_PER_TASK)
        .map(|start| {
            let rows = start..(start + ROWS_PER_TASK).min(left.len());
            let mut pairs = Vec::new();
            let mut comparisons = 0;
            for tile in (0..other.len()).step_by(TILE) {
                let tile_end = (tile + TILE).min(other.len());
                for a in rows.clone() {
                    // Within one source, each pair once: b after a.
                    let from = if right.is_some() { tile } else { tile.max(a + 1) };
                    if from >= tile_end {
                        continue;
                    }
                    comparisons += (tile_end - from) as u64;
                    let ca = left.count(a);
                    scan(left.words(a), ca, other, from, tile_end, &bound, |b, common| {
                        pairs.push(Pair {
                            a: a as u32,
                            b: b as u32,
                            similarity: dice_from_counts(common, ca, other.count(b)),
                        });
                    });
                }
            }
            pairs.sort_unstable_by_key(|p| (p.a, p.b));
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if finished.is_multiple_of(64) || finished == tasks {
                progress(finished, tasks);
            }
            (pairs, comparisons)
        })
        .collect();
    let comparisons = chunks.iter().map(|c| c.1).sum();
    Found { pairs: chunks.into_iter().flat_map(|c| c.0).collect(), comparisons }
}

fn blocked_pairs(
    left: &KeySet,
    right: Option<&KeySet>,
    threshold: Threshold,
    params: &LshParams,
    progress: Progress<'_>,
) -> Found {
    let other = right.unwrap_or(left);
    let bound = CommonBound::new(threshold, left.bits());
    let done = std::sync::atomic::AtomicU64::new(0);
    let tables = u64::from(params.tables);
    // Each worker keeps the pairs it found in a set, so a pair met in a hundred tables is held once per
    // worker; the sets are merged at the end.
    let (found, comparisons) = (0..params.tables)
        .into_par_iter()
        .fold(
            || (HashSet::<(u32, u32)>::new(), 0u64, Default::default()),
            |(mut found, mut comparisons, mut buffers), table| {
                for_each_block(left, right, params, table, &mut buffers, |l, r| {
                    for &a in l {
                        for &b in r {
                            if right.is_none() && a >= b {
                                continue;
                            }
                            comparisons += 1;
                            if compare(left, a as usize, other, b as usize, &bound).is_some() {
                                found.insert((a, b));
                            }
                        }
                    }
                });
                let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(finished, tables);
                (found, comparisons, buffers)
            },
        )
        .map(|(found, comparisons, _)| (found, comparisons))
        .reduce(
            || (HashSet::new(), 0),
            |(mut a, ca), (b, cb)| {
                if a.len() < b.len() {
                    return merge(b, a, ca + cb);
                }
                a.extend(b);
                (a, ca + cb)
            },
        );
    let mut keys: Vec<(u32, u32)> = found.into_iter().collect();
    keys.sort_unstable();
    let pairs = keys
        .into_iter()
        .map(|(a, b)| Pair {
            a,
            b,
            similarity: dice_from_counts(
                common_bits(left.words(a as usize), other.words(b as usize)),
                left.count(a as usize),
                other.count(b as usize),
            ),
        })
        .collect();
    Found { pairs, comparisons }
}

fn merge(mut into: HashSet<(u32, u32)>, from: HashSet<(u32, u32)>, comparisons: u64) -> (HashSet<(u32, u32)>, u64) {
    into.extend(from);
    (into, comparisons)
}

/// anonlink's order: similarity descending, then the row of the first source, then of the second.
pub fn sort_for_solving(pairs: &mut [Pair]) {
    pairs.sort_unstable_by(|x, y| y.similarity.total_cmp(&x.similarity).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
}

/// Greedy one-to-one solving: pairs in anonlink's order, each accepted when neither record is matched yet.
/// The result is sorted by the first source's row.
pub fn greedy_solve(mut pairs: Vec<Pair>) -> Vec<Pair> {
    sort_for_solving(&mut pairs);
    let mut used_a = HashSet::new();
    let mut used_b = HashSet::new();
    let mut accepted = Vec::new();
    for pair in pairs {
        if !used_a.contains(&pair.a) && !used_b.contains(&pair.b) {
            used_a.insert(pair.a);
            used_b.insert(pair.b);
            accepted.push(pair);
        }
    }
    accepted.sort_unstable_by_key(|p| p.a);
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(rows: &[u16]) -> KeySet {
        let mut set = KeySet::new(16);
        for r in rows {
            set.push_bytes(&r.to_be_bytes());
        }
        set
    }

    #[test]
    fn greedy_takes_the_best_pair_first_then_rows() {
        let pairs = vec![
            Pair { a: 0, b: 0, similarity: 0.9 },
            Pair { a: 0, b: 1, similarity: 0.95 },
            Pair { a: 1, b: 1, similarity: 0.95 },
            Pair { a: 1, b: 0, similarity: 0.85 },
        ];
        let solved = greedy_solve(pairs);
        assert_eq!(solved.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(), [(0, 1), (1, 0)]);
    }

    #[test]
    fn all_pairs_and_blocking_agree_on_close_keys() {
        let a = keys(&[0xff00, 0x0ff0, 0xf0f0, 0x1234]);
        let b = keys(&[0xff01, 0x0ff0, 0x0f0f]);
        let t = Threshold::new(0.8).unwrap();
        let exact = similar_pairs(&a, Some(&b), t, &Blocking::AllPairs, &|_, _| {});
        assert_eq!(exact.comparisons, 12);
        let found: Vec<(u32, u32)> = exact.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(found, [(0, 0), (1, 1)]);
        let lsh = Blocking::Lsh(LshParams { tables: 64, bits_per_table: 4, seed: 3 });
        let blocked = similar_pairs(&a, Some(&b), t, &lsh, &|_, _| {});
        assert_eq!(blocked.pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(), found);
        let own = similar_pairs(&a, None, Threshold::new(0.5).unwrap(), &Blocking::AllPairs, &|_, _| {});
        assert!(own.pairs.iter().all(|p| p.a < p.b));
        assert_eq!(own.comparisons, 6);
    }
}
