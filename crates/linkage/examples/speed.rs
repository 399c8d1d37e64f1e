//! Speed of the library's two hot paths, on one thread, for docs/benchmarks.md:
//! - `encode SCHEMA CSV`: records encoded per second (FEBRL4's files; the secret is `secret`);
//! - `dice A.json B.json REPEAT`: Dice comparisons per second over all pairs of the keys, each side
//!   repeated REPEAT times (20,000 × 20,000 with FEBRL4's 5,000 and REPEAT 4), threshold 0.8.
//!
//! Run with `RAYON_NUM_THREADS=1 cargo run --release -p rapporteur-linkage --example speed -- …`.

use std::fs::File;
use std::time::Instant;

use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::matching::similar_pairs;
use rapporteur_linkage::{Encoder, KeyFile, KeySet, Schema, Scratch, Threshold};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args[0].as_str() {
        "encode" => {
            let schema = Schema::from_json(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
            let encoder = Encoder::new(schema, b"secret").unwrap();
            let mut reader = csv::Reader::from_path(&args[2]).unwrap();
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            let mut scratch = Scratch::default();
            let mut key = Vec::new();
            let start = Instant::now();
            let mut done = 0u64;
            while start.elapsed().as_secs_f64() < 2.0 || done == 0 {
                // A fresh scratch each pass: the token cache starts cold, as in one run over the file.
                scratch = Scratch::default();
                for row in &rows {
                    let values: Vec<&str> = row.iter().collect();
                    encoder.encode_into(&values, &mut scratch, &mut key).unwrap();
                }
                done += rows.len() as u64;
            }
            let seconds = start.elapsed().as_secs_f64();
            drop(scratch);
            println!(
                "{{\"records\": {done}, \"seconds\": {seconds:.3}, \"records_per_second\": {:.0}}}",
                done as f64 / seconds
            );
        }
        "dice" => {
            let read = |p: &str| KeyFile::read(File::open(p).unwrap()).unwrap().keys;
            let repeat: usize = args[3].parse().unwrap();
            let grow = |k: KeySet| {
                let mut all = KeySet::new(k.bits());
                for _ in 0..repeat {
                    all.extend(&k);
                }
                all
            };
            let (a, b) = (grow(read(&args[1])), grow(read(&args[2])));
            let start = Instant::now();
            let found = similar_pairs(&a, Some(&b), Threshold::new(0.8).unwrap(), &Blocking::AllPairs, &|_, _| {});
            let seconds = start.elapsed().as_secs_f64();
            println!(
                "{{\"comparisons\": {}, \"candidates\": {}, \"seconds\": {seconds:.3}, \"comparisons_per_second\": {:.0}}}",
                found.comparisons,
                found.pairs.len(),
                found.comparisons as f64 / seconds
            );
        }
        other => panic!("unknown mode {other}"),
    }
}
