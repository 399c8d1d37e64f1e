//! `rapporteur mse estimate` as an analyst runs it: the reference figures, JSON as documented, a faulty table
//! refused with its line.

use std::path::Path;
use std::process::{Command, Output};

fn rapporteur(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).env("RUST_LOG", "warn").output().expect("the binary runs")
}

fn reference(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../mse/tests/data").join(name).display().to_string()
}

#[test]
fn estimates_as_json_and_in_words() {
    let out = rapporteur(&["mse", "estimate", &reference("UKdat_5.csv"), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["observed"], 2744);
    assert_eq!(json["estimate"].as_f64().unwrap().round(), 11_313.0);
    assert_eq!(json["ci_method"], "conditional");
    assert_eq!(json["method"], "stepwise");
    assert_eq!(json["model"].as_array().unwrap().len(), 6);
    let ci = json["ci95"].as_array().unwrap();
    assert_eq!((ci[0].as_f64().unwrap().round(), ci[1].as_f64().unwrap().round()), (9_884.0, 13_027.0));

    let out = rapporteur(&["mse", "estimate", &reference("Ned.csv")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("closed population") && text.contains("never recorded the same person"), "{text}");
}

#[test]
fn a_faulty_table_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "A,B,count\n1,0,5\n1,1,x\n").unwrap();
    let out = rapporteur(&["mse", "estimate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&out.stderr);
    assert!(shown.contains("bad.csv:3:3: count 'x'"), "{shown}");
}

#[test]
fn bic_downhill_and_a_seeded_bootstrap() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = rapporteur(args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let korea = reference("Korea.csv");
    let bic = json(&["mse", "estimate", &korea, "--method", "bic", "--format", "json"]);
    assert_eq!((bic["estimate"].as_f64().unwrap() * 10.0).round(), 1572.0);
    assert_eq!(bic["model"], serde_json::json!(["b:c", "c:d"]));
    let uk = reference("UKdat_5.csv");
    let args =
        ["mse", "estimate", &uk, "--method", "downhill", "--bootstrap", "200", "--seed", "3", "--format", "json"];
    let first = json(&args);
    assert_eq!(first["estimate"].as_f64().unwrap().round(), 12_262.0);
    assert_eq!(first["ci_method"], "bca");
    assert_eq!(first["bootstrap"]["resamples"], 200);
    assert_eq!(first["ci95"], json(&args)["ci95"], "the same seed gives the same interval");
    assert!(first["profile"]["low"].as_f64().unwrap() > 2744.0);

    let out = rapporteur(&["mse", "estimate", &uk, "--bootstrap", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10"));
    let out = rapporteur(&["mse", "estimate", &reference("NewOrl_185.csv"), "--method", "bic"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 6 lists"));
}

#[test]
fn simulation_reports_bias_and_coverage() {
    let out = rapporteur(&[
        "mse",
        "simulate",
        "--population",
        "800",
        "--replications",
        "40",
        "--method",
        "main",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json["report"];
    assert_eq!(report["replications"], 40);
    assert!(report["relative_bias"].as_f64().unwrap().abs() < 0.05, "{report}");
    assert!(report["conditional_coverage"].as_f64().unwrap() > 0.75, "{report}");
    for bad in [&["--dependence", "2:1=3"][..], &["--capture", "0.5"], &["--dependence", "1-2"]] {
        let out = rapporteur(&[&["mse", "simulate"][..], bad].concat());
        assert_ne!(out.status.code(), Some(0), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}
