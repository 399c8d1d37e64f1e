//! Estimates against the reference values of `tests/data/README.md`: published figures and those of the
//! R implementations (SparseMSE 2.0.1, MultipleSystemsEstimation 1.2.0, Rcapture 1.4-4) on this data.

use rapporteur_mse::bic::{downhill, downhill_order, search};
use rapporteur_mse::bootstrap::{bca, Bootstrap, BootstrapSettings};
use rapporteur_mse::profile::profile;
use rapporteur_mse::stepwise::stepwise;
use rapporteur_mse::{analyse, fit, CaptureTable, Method, Model, Settings};
use statrs::distribution::{ContinuousCDF, Normal};

fn table(name: &str) -> CaptureTable {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    CaptureTable::read_csv(std::fs::File::open(path).unwrap()).unwrap()
}

fn close(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= tolerance
}

fn sorted(mut terms: Vec<String>) -> Vec<String> {
    terms.sort();
    terms
}

#[test]
fn main_effects_as_sparsemse() {
    let uk = fit(&table("UKdat.csv"), &Model::main_effects()).unwrap();
    assert_eq!(uk.observed, 2744);
    assert!(close(uk.total, 12_214.0, 0.5), "{uk:?}");
    assert!(
        close(uk.conditional_interval.0, 10_989.0, 0.5) && close(uk.conditional_interval.1, 13_621.0, 0.5),
        "{uk:?}"
    );
    let no = fit(&table("NewOrl_185.csv"), &Model::main_effects()).unwrap();
    assert!(close(no.total, 997.0, 0.5), "{no:?}");
}

#[test]
fn stepwise_as_sparsemse() {
    for (name, total, terms, interval) in [
        ("UKdat_5.csv", 11_313.0, None, Some((9_884.0, 13_027.0))),
        (
            "UKdat.csv",
            11_418.0,
            Some(vec!["LA:NG", "LA:PF", "NG:GO", "NG:GP", "PF:GP", "PF:NCA", "GO:GP"]),
            Some((9_977.0, 13_146.0)),
        ),
        ("Western.csv", 2_483.4, Some(vec!["A:E"]), None),
        ("NewOrl_185.csv", 1_183.7, Some(vec!["D:E"]), None),
        ("NewOrl_5_185.csv", 1_034.2, Some(vec![]), None),
        ("NewOrl.csv", 1_110.5, None, None),
        ("Ned.csv", 111_139.0, None, Some((92_440.0, 133_991.0))),
        ("Kosovo.csv", 14_342.0, None, None),
        ("Korea.csv", 268.8, Some(vec!["b:c"]), None),
    ] {
        let t = table(name);
        let (model, estimate) = stepwise(&t, 0.02).unwrap();
        assert!(close(estimate.total, total, 0.5), "{name}: {} against {total}", estimate.total);
        if let Some(terms) = terms {
            assert_eq!(sorted(model.names(&t)), sorted(terms.into_iter().map(String::from).collect()), "{name}");
        }
        if let Some((low, high)) = interval {
            let (l, h) = estimate.conditional_interval;
            assert!(close(l, low, 0.5) && close(h, high, 0.5), "{name}: ({l}, {h}) against ({low}, {high})");
        }
    }
}

#[test]
fn bic_over_every_hierarchical_model_as_multiple_systems_estimation() {
    for (name, total, terms) in [
        // Chan, Silverman and Vincent (2024): Kosovo [123, 14, 34], Korea [12, 23], NewOrl_5 main effects.
        ("Kosovo.csv", 10_357.0, vec!["EXH:ABA", "EXH:OSCE", "EXH:HRW", "ABA:OSCE", "OSCE:HRW", "EXH:ABA:OSCE"]),
        ("Korea.csv", 157.2, vec!["b:c", "c:d"]),
        ("NewOrl_5.csv", 981.4, vec![]),
        // Six lists: pairs only; the 2024 paper's 12,350.
        ("UKdat.csv", 12_350.0, vec!["LA:NG", "LA:PF", "NG:GP", "PF:GP", "PF:NCA", "GO:GP"]),
        // Five lists up to order 3: MultipleSystemsEstimation's own answer, [123, 25, 34] (the paper's
        // 12,262 is the downhill search's, below).
        ("UKdat_5.csv", 25_311.3, vec!["LA:NG", "LA:PFNCA", "NG:PFNCA", "NG:GP", "PFNCA:GO", "LA:NG:PFNCA"]),
    ] {
        let t = table(name);
        let best = &search(&t, None).unwrap()[0];
        let digits = if total < 1000.0 { 0.05 } else { 0.5 };
        assert!(close(best.estimate.total, total, digits), "{name}: {} against {total}", best.estimate.total);
        assert_eq!(sorted(best.model.names(&t)), sorted(terms.into_iter().map(String::from).collect()), "{name}");
    }
}

#[test]
fn downhill_search_as_the_2024_paper() {
    let t = table("UKdat_5.csv");
    let (model, estimate) = downhill(&t, downhill_order(5)).unwrap();
    assert!(close(estimate.total, 12_262.0, 0.5), "{}", estimate.total);
    assert_eq!(
        sorted(model.names(&t)),
        sorted(["LA:NG", "LA:PFNCA", "NG:GP", "PFNCA:GP", "GO:GP"].map(String::from).to_vec())
    );
    let (_, estimate) = downhill(&table("UKdat.csv"), downhill_order(6)).unwrap();
    assert!(close(estimate.total, 12_350.0, 0.5), "{}", estimate.total);
}

#[test]
fn profile_likelihood_as_silverman_2014() {
    let t = table("UKdat_5.csv");
    let (model, _) = stepwise(&t, 0.02).unwrap();
    let p = profile(&t, &model).unwrap();
    let within = |got: f64, want: f64| (got - want).abs() <= 0.001 * want;
    assert!(within(p.total, 11_304.0) && within(p.low, 9_889.0) && within(p.high.unwrap(), 13_063.0), "{p:?}");
}

/// Runs the BCa bootstrap of `method` on `name` with `seeds` seeds of 1,000 resamples.
fn bootstraps(name: &str, method: Method, seeds: u64) -> Vec<Bootstrap> {
    let t = table(name);
    (1..=seeds)
        .map(|seed| {
            let settings =
                Settings { bootstrap: Some(BootstrapSettings { resamples: 1000, seed }), ..Settings::new(method) };
            analyse(&t, settings, &|| {}).unwrap().bootstrap.unwrap()
        })
        .collect()
}

/// The reference's BCa interval lies within the Monte-Carlo error of ours: each end within three standard
/// deviations of a difference between two independent runs (ours measured over the seeds), and the
/// jackknife's acceleration, which draws nothing at random, equal to the peer's as printed (where printed).
fn assert_bca_as_reference(name: &str, method: Method, want: (f64, f64), acceleration: Option<f64>) {
    let runs = bootstraps(name, method, 4);
    assert_ends_within_error(name, &runs, want);
    if let Some(acceleration) = acceleration {
        assert!(
            (runs[0].acceleration - acceleration).abs() < 5e-6,
            "{name}: {} against {acceleration}",
            runs[0].acceleration
        );
    }
}

/// Each end of the reference within the Monte-Carlo error of `runs` (see [`assert_bca_as_reference`]).
fn assert_ends_within_error(name: &str, runs: &[Bootstrap], want: (f64, f64)) {
    let normal = Normal::standard();
    let mut checked = 0;
    for (end, want) in [(0, want.0), (1, want.1)] {
        // An end whose adjusted level falls below the second order statistic is the smallest (or largest)
        // of the 1,000 replicates: the tail's extreme, with no Monte-Carlo error to speak of. It is shown,
        // not held to the reference (docs/estimation.md says how far it lies).
        let (z0, a) = (runs[0].bias_correction, runs[0].acceleration);
        let z = normal.inverse_cdf(if end == 0 { 0.025 } else { 0.975 });
        let level = normal.cdf(z0 + (z0 + z) / (1.0 - a * (z0 + z)));
        let position = level * (1000.0 + 1.0 / 3.0) + 1.0 / 3.0;
        if !(2.0..=999.0).contains(&position) {
            eprintln!(
                "{name} end {end}: the extreme replicate ({:?}) against {want}",
                runs.iter().map(|b| if end == 0 { b.interval.0 } else { b.interval.1 }).collect::<Vec<_>>()
            );
            continue;
        }
        checked += 1;
        let ends: Vec<f64> = runs.iter().map(|b| if end == 0 { b.interval.0 } else { b.interval.1 }).collect();
        let mean = ends.iter().sum::<f64>() / ends.len() as f64;
        let sd = (ends.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (ends.len() - 1) as f64).sqrt();
        // Four seeds estimate the spread roughly: never count it below 1% of the end.
        let spread = sd.max(0.01 * mean) * std::f64::consts::SQRT_2;
        assert!((mean - want).abs() <= 3.0 * spread, "{name} end {end}: {ends:?} against {want}");
    }
    assert!(checked > 0, "{name}: neither end of the interval could be compared");
}

#[test]
fn bca_intervals_as_sparsemse_within_monte_carlo_error() {
    let stepwise = Method::Stepwise { threshold: 0.02 };
    assert_bca_as_reference("Western.csv", stepwise, (1_293.0, 3_670.0), Some(-0.09501));
    assert_bca_as_reference("NewOrl_5_185.csv", stepwise, (589.0, 1_703.0), Some(-0.05516));
    assert_bca_as_reference("UKdat.csv", stepwise, (9_267.0, 14_307.0), Some(-0.01287));
}

#[test]
fn bca_intervals_with_bic_choice_as_the_2024_paper() {
    assert_bca_as_reference("UKdat_5.csv", Method::Downhill, (9_330.0, 32_115.0), Some(-0.01178));
    assert_bca_as_reference("Korea.csv", Method::Bic, (128.0, 349.0), Some(-0.00878));
    assert_bca_as_reference("Kosovo.csv", Method::Bic, (6_947.0, 18_010.0), None);
}

#[test]
fn bic_of_pairs_only_with_its_bootstrap_as_the_2024_paper() {
    // Kosovo with interactions of two lists at most: every pair but ABA:HRW, as the stepwise rule, 14,342;
    // the 2024 paper's bootstrap over the 20 best models gives 12,451–16,273.
    let t = table("Kosovo.csv");
    let best = &search(&t, Some(2)).unwrap()[0];
    assert!(close(best.estimate.total, 14_342.0, 0.5), "{}", best.estimate.total);
    let settings = Settings { max_order: Some(2), ..Settings::new(Method::Bic) };
    let runs: Vec<Bootstrap> = (1..=4)
        .map(|seed| {
            let settings = Settings { bootstrap: Some(BootstrapSettings { resamples: 1000, seed }), ..settings };
            analyse(&t, settings, &|| {}).unwrap().bootstrap.unwrap()
        })
        .collect();
    assert_ends_within_error("Kosovo.csv", &runs, (12_451.0, 16_273.0));
    assert!(matches!(search(&t, Some(3 + 1)), Err(rapporteur_mse::bic::BicError::MaxOrder(4))));
}

#[test]
fn the_bootstrap_is_the_same_on_any_number_of_threads() {
    let t = table("Western.csv");
    let estimator = |t: &CaptureTable| stepwise(t, 0.02).ok().map(|(_, e)| e.total);
    let settings = BootstrapSettings { resamples: 200, seed: 9 };
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| bca(&t, 2_483.4, estimator, settings, &|| {}).unwrap())
    };
    assert_eq!(run(1), run(3));
}
