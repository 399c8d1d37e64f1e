//! What BLIP (bit flipping against frequency attacks) costs in accuracy on FEBRL4: the blake schema with
//! `"rapporteur": {"blip": f}` for several f, F1 of greedy matching at several thresholds (all pairs).
//! `cargo run --release -p rapporteur-linkage --example hardening`

use std::collections::HashSet;
use std::path::PathBuf;

use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::matching::{greedy_solve, similar_pairs};
use rapporteur_linkage::records::encode_csv;
use rapporteur_linkage::{Encoder, Schema, Threshold};

fn main() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let truth: HashSet<(u32, u32)> = std::fs::read_to_string(data.join("febrl4_true_matches.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap().parse().unwrap(), f.next().unwrap().parse().unwrap())
        })
        .collect();
    let schema_text = std::fs::read_to_string(data.join("febrl4_schema_blake.json")).unwrap();
    for blip in [0.0, 0.01, 0.02, 0.05, 0.1] {
        let mut value: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
        value["rapporteur"] = serde_json::json!({ "blip": blip });
        let encoder = Encoder::new(Schema::from_value(&value).unwrap(), b"secret").unwrap();
        let keys = |side: &str| {
            let file = std::fs::File::open(data.join(format!("febrl4_{side}.csv"))).unwrap();
            encode_csv(&encoder, file, |_| {}).unwrap().keys
        };
        let (a, b) = (keys("a"), keys("b"));
        let mut line = format!("blip {blip:<5}");
        for threshold in [0.6, 0.65, 0.7, 0.75, 0.8] {
            let found =
                similar_pairs(&a, Some(&b), Threshold::new(threshold).unwrap(), &Blocking::AllPairs, &|_, _| {});
            let solved = greedy_solve(found.pairs);
            let correct = solved.iter().filter(|p| truth.contains(&(p.a, p.b))).count() as f64;
            let (precision, recall) = (correct / solved.len().max(1) as f64, correct / truth.len() as f64);
            let f1 = 2.0 * precision * recall / (precision + recall);
            line += &format!(" | t {threshold}: F1 {f1:.4}");
        }
        println!("{line}");
    }
}
