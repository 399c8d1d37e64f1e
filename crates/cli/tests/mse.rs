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
    assert!(text.contains("closed population") && text.contains("never overlap"), "{text}");
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
