//! Estimates against the reference values of `tests/data/README.md` (published figures and SparseMSE's).

use rapporteur_mse::stepwise::stepwise;
use rapporteur_mse::{fit, CaptureTable, Model};

fn table(name: &str) -> CaptureTable {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    CaptureTable::read_csv(std::fs::File::open(path).unwrap()).unwrap()
}

fn close(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= tolerance
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
        ("NewOrl.csv", 1_110.5, None, None),
        ("Ned.csv", 111_139.0, None, Some((92_440.0, 133_991.0))),
        ("Kosovo.csv", 14_342.0, None, None),
        ("Korea.csv", 268.8, Some(vec!["b:c"]), None),
    ] {
        let t = table(name);
        let (model, estimate) = stepwise(&t, 0.02).unwrap();
        eprintln!("{name}: {} {:?} {:?}", estimate.total, model.terms(&t), estimate.conditional_interval);
        assert!(close(estimate.total, total, 0.5), "{name}: {} against {total}", estimate.total);
        if let Some(mut terms) = terms {
            let mut got = model.terms(&t);
            got.sort();
            terms.sort();
            assert_eq!(got, terms, "{name}");
        }
        if let Some((low, high)) = interval {
            let (l, h) = estimate.conditional_interval;
            assert!(close(l, low, 0.5) && close(h, high, 0.5), "{name}: ({l}, {h}) against ({low}, {high})");
        }
    }
}
