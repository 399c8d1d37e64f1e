//! FEBRL4 (5,000 + 5,000 records, the true pairs known): accuracy per threshold against the figures
//! clkhash + anonlink reach on the same keys, and the blocking's completeness and reduction.

use std::collections::HashSet;
use std::fs::File;

use rapporteur_linkage::blocking::{candidate_pairs, Blocking, LshParams};
use rapporteur_linkage::matching::{greedy_solve, similar_pairs};
use rapporteur_linkage::{KeyFile, KeySet, Threshold};

use crate::data;

fn keys(name: &str) -> KeySet {
    KeyFile::read(File::open(data(name)).unwrap()).unwrap().keys
}

fn truth() -> HashSet<(u32, u32)> {
    std::fs::read_to_string(data("febrl4_true_matches.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let mut fields = line.split(',');
            (fields.next().unwrap().parse().unwrap(), fields.next().unwrap().parse().unwrap())
        })
        .collect()
}

/// Precision, recall and F1 of greedy matching at a threshold.
fn scores(a: &KeySet, b: &KeySet, threshold: f64, blocking: &Blocking) -> (f64, f64, f64) {
    let truth = truth();
    let found = similar_pairs(a, Some(b), Threshold::new(threshold).unwrap(), blocking, &|_, _| {});
    let solved = greedy_solve(found.pairs);
    let correct = solved.iter().filter(|p| truth.contains(&(p.a, p.b))).count() as f64;
    let precision = correct / solved.len() as f64;
    let recall = correct / truth.len() as f64;
    (precision, recall, 2.0 * precision * recall / (precision + recall))
}

/// clkhash 0.18.3 + anonlink 0.15.3 on these keys (tests/data/README.md): (schema, threshold, F1).
const PEER_F1: [(&str, f64, f64); 6] = [
    ("docs", 0.75, 0.9993),
    ("docs", 0.80, 0.9962),
    ("docs", 0.90, 0.8951),
    ("blake", 0.75, 0.9994),
    ("blake", 0.80, 0.9967),
    ("blake", 0.90, 0.8943),
];

#[test]
fn at_least_as_accurate_as_anonlink_comparing_all_pairs() {
    for (schema, threshold, peer) in PEER_F1 {
        let (a, b) = (keys(&format!("febrl4_a_clks_{schema}.json")), keys(&format!("febrl4_b_clks_{schema}.json")));
        let (precision, recall, f1) = scores(&a, &b, threshold, &Blocking::AllPairs);
        eprintln!("{schema} {threshold}: precision {precision:.4} recall {recall:.4} F1 {f1:.4} (anonlink {peer})");
        assert!(f1 >= peer - 5e-5, "{schema} at {threshold}: F1 {f1:.4} below anonlink's {peer}");
    }
}

#[test]
fn blocking_keeps_the_true_pairs_and_compares_few() {
    let truth = truth();
    for schema in ["docs", "blake"] {
        let (a, b) = (keys(&format!("febrl4_a_clks_{schema}.json")), keys(&format!("febrl4_b_clks_{schema}.json")));
        let params = LshParams::default();
        let candidates = candidate_pairs(&a, Some(&b), &params);
        let kept = candidates.iter().filter(|p| truth.contains(p)).count() as f64 / truth.len() as f64;
        let compared = candidates.len() as f64 / (a.len() * b.len()) as f64;
        eprintln!("{schema}: pair completeness {kept:.4}, {:.2}% of pairs compared", 100.0 * compared);
        assert!(kept >= 0.99, "{schema}: completeness {kept}");
        assert!(compared < 0.05, "{schema}: compared {compared}");
        // Matching through the blocks loses almost nothing at the usual threshold.
        let (_, _, f1) = scores(&a, &b, 0.8, &Blocking::Lsh(params));
        let (_, _, exact) = scores(&a, &b, 0.8, &Blocking::AllPairs);
        eprintln!("{schema}: F1 at 0.8 with blocking {f1:.4}, without {exact:.4}");
        assert!(f1 >= exact - 0.002, "{schema}: blocking costs F1 {exact} → {f1}");
    }
}
