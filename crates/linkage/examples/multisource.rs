//! Distinct-person count error and cluster precision/recall on synthetic multi-source victim records, per
//! threshold. `cargo run --release -p rapporteur-linkage --example multisource -- PERSONS SOURCES SEED`

use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::cluster::{link_sources, ClusterOptions};
use rapporteur_linkage::evaluate::score_clusters;
use rapporteur_linkage::synth::{generate, SynthSpec};
use rapporteur_linkage::{Encoder, KeySet, Schema, Threshold};

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    let (persons, sources, seed) = (args[0] as usize, args[1] as usize, args[2]);
    let schema_text = std::env::var("SCHEMA")
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap_or(rapporteur_linkage::schema::VICTIMS.to_owned());
    let encoder = Encoder::new(Schema::from_json(&schema_text).unwrap(), b"synthetic secret").unwrap();
    let generated = generate(&SynthSpec::new(seed, persons, sources)).unwrap();
    let mut names = Vec::new();
    let mut keys = Vec::new();
    let mut truth = Vec::new();
    for source in &generated {
        names.push(source.name.clone());
        keys.push(source.keys(&encoder).unwrap());
        truth.extend(source.person.iter().copied());
    }
    let refs: Vec<&KeySet> = keys.iter().collect();
    for t in [0.65, 0.7, 0.75, 0.8, 0.85] {
        for fraction in [0.5, 1.0] {
            let options = ClusterOptions {
                threshold: Threshold::new(t).unwrap(),
                blocking: Blocking::automatic(truth.len() as u64 * truth.len() as u64 / 2),
                merge_fraction: fraction,
            };
            let linkage = link_sources(&names, &refs, &options, &|_, _| {});
            let s = score_clusters(&linkage.person, &truth);
            println!(
                "threshold {t} merge {fraction}: persons {} true {} error {:+.2}% pair precision {:.4} recall {:.4}",
                s.persons_found,
                s.persons_true,
                100.0 * s.count_error(),
                s.pair_scores.precision(),
                s.pair_scores.recall()
            );
        }
    }
}
