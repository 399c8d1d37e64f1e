//! Pair completeness and reduction of Hamming LSH settings on FEBRL4's keys (clkhash's, in tests/data).
//! `cargo run --release -p rapporteur-linkage --example tune_lsh -- TABLES BITS [TABLES BITS …]`

use std::collections::HashSet;
use std::fs::File;
use std::path::PathBuf;

use rapporteur_linkage::blocking::{candidate_pairs, LshParams};
use rapporteur_linkage::KeyFile;

fn main() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let read = |name: &str| KeyFile::read(File::open(data.join(name)).unwrap()).unwrap().keys;
    let truth: HashSet<(u32, u32)> = std::fs::read_to_string(data.join("febrl4_true_matches.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap().parse().unwrap(), f.next().unwrap().parse().unwrap())
        })
        .collect();
    let args: Vec<u32> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    for tag in ["blake", "docs"] {
        let a = read(&format!("febrl4_a_clks_{tag}.json"));
        let b = read(&format!("febrl4_b_clks_{tag}.json"));
        for setting in args.chunks(2) {
            let params = LshParams { tables: setting[0], bits_per_table: setting[1], ..LshParams::default() };
            let start = std::time::Instant::now();
            let pairs = candidate_pairs(&a, Some(&b), &params);
            let found = pairs.iter().filter(|p| truth.contains(p)).count();
            println!(
                "{tag} tables {} bits {}: completeness {:.4}, compared {:.4}% of pairs, {:.2} s",
                params.tables,
                params.bits_per_table,
                found as f64 / truth.len() as f64,
                100.0 * pairs.len() as f64 / (a.len() * b.len()) as f64,
                start.elapsed().as_secs_f64()
            );
        }
    }
}
