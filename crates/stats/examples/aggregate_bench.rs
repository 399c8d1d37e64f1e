//! How long building every EU aggregate and every export takes for 27 Member States × 17 years (2008-2024) of
//! synthetic figures at the detail countries report (`Detail::Tables`).
//!
//! Run with `cargo run --release -p rapporteur-stats --example aggregate_bench [ROUNDS]` (default 21 rounds
//! after one warm-up). Prints, for each step, the median and the fastest and slowest round in milliseconds,
//! then the whole (every aggregate of both dataflows, then each dataflow's national tables with its EU
//! tables in each of the four formats). It asserts nothing: timings belong in docs/benchmarks.md, not in
//! tests.

use rapporteur_stats::aggregate::aggregate_all;
use rapporteur_stats::export::{Format, Timestamp};
use rapporteur_stats::output::{render, with_eu_aggregates};
use rapporteur_stats::synth::{generate, Detail};
use rapporteur_stats::{Dataflow, Dataset};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(21);
    let at = Timestamp { year: 2026, month: 11, day: 29, hour: 12, minute: 0, second: 0 };
    let (national, generated) = time(|| generate(1, 2008..=2024, Detail::Tables));
    let count = |d: Dataflow| national.tables().filter(|t| t.id.dataflow == d).count();
    let observations =
        |d: Dataflow| -> usize { national.tables().filter(|t| t.id.dataflow == d).map(|t| t.len()).sum() };
    println!(
        "synthetic national figures, 2008-2024: {} tables of THB_VICT ({} figures), {} of THB_PERS ({} figures); \
         generated in {:.1} ms",
        count(Dataflow::Victims),
        observations(Dataflow::Victims),
        count(Dataflow::Persons),
        observations(Dataflow::Persons),
        generated.as_secs_f64() * 1e3
    );

    // Steps in order: aggregate_all over both dataflows, then per dataflow the national tables with their EU
    // tables (with_eu_aggregates, which aggregates again as the pages and the API do) and each format.
    let mut steps: Vec<(String, Vec<Duration>)> = vec![("aggregate_all (both dataflows)".into(), Vec::new())];
    for dataflow in Dataflow::ALL {
        steps.push((format!("{} with_eu_aggregates", dataflow.id()), Vec::new()));
        for format in Format::ALL {
            steps.push((format!("{} render {}", dataflow.id(), format.name()), Vec::new()));
        }
    }
    let mut totals = Vec::new();
    let mut sizes: Vec<usize> = vec![0; steps.len()];
    for round in 0..=rounds {
        let mut taken = Vec::with_capacity(steps.len());
        let (aggregates, t) = time(|| aggregate_all(black_box(&national)));
        black_box(&aggregates);
        taken.push(t);
        let mut index = 1;
        for dataflow in Dataflow::ALL {
            let (with_eu, t): (Dataset, _) = time(|| with_eu_aggregates(black_box(&national), dataflow, None));
            taken.push(t);
            index += 1;
            for format in Format::ALL {
                let (bytes, t) = time(|| render(format, &with_eu, dataflow, &at).expect("renders"));
                sizes[index] = bytes.len();
                black_box(bytes);
                taken.push(t);
                index += 1;
            }
        }
        if round == 0 {
            continue; // the warm-up
        }
        totals.push(taken.iter().sum::<Duration>());
        for (step, t) in steps.iter_mut().zip(taken) {
            step.1.push(t);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let summary = |times: &mut Vec<Duration>| {
        times.sort_unstable();
        (ms(times[times.len() / 2]), ms(times[0]), ms(times[times.len() - 1]))
    };
    println!("{rounds} rounds after one warm-up; milliseconds: median (fastest–slowest)");
    for (index, (name, times)) in steps.iter_mut().enumerate() {
        let (median, min, max) = summary(times);
        let size = if sizes[index] > 0 { format!("  [{} kB]", sizes[index] / 1024) } else { String::new() };
        println!("  {name:<36} {median:>8.1} ({min:.1}–{max:.1}){size}");
    }
    let (median, min, max) = summary(&mut totals);
    println!("  {:<36} {median:>8.1} ({min:.1}–{max:.1})", "all of the above");
}
