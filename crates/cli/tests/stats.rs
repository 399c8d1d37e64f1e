//! `rapporteur stats …` as a rapporteur runs it: exit codes, problems as FILE:LINE:COLUMN, imports that are
//! whole or nothing, synthetic files that validate and import as they are.

use std::path::Path;
use std::process::{Command, Output};

fn rapporteur(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).env("RUST_LOG", "warn").output().expect("the binary runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn validate_lists_every_problem_at_its_place_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("at-2022.csv");
    std::fs::write(&bad, "geo,year,sex,value\nAT,2022,F,3\nAT,2022,Q,-1\nAT,2022,T,9\n").unwrap();
    let out = rapporteur(&["stats", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let shown = text(&out);
    let name = bad.display().to_string();
    assert!(shown.contains(&format!("{name}:3:3: error: unknown sex code \"Q\"")), "{shown}");
    assert!(shown.contains(&format!("{name}:3:4: error: \"-1\" is negative")), "{shown}");

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,6\nAT,2022,UNK,0\nAT,2022,T,9\n").unwrap();
    let out = rapporteur(&["stats", "validate", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_bad_file_imports_nothing_and_synthetic_files_import_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let synth = dir.path().join("synth");
    let out = rapporteur(&["stats", "synth", "--seed", "3", "--years", "2021-2022", "--out", synth.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let mut files: Vec<String> =
        std::fs::read_dir(&synth).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    files.sort();
    assert_eq!(files.len(), 54);

    // One bad file among good ones: nothing is imported.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "geo,year,value\nAT,2019,x\n").unwrap();
    let mut args = vec!["stats", "import", "--data-dir", data, "--publish", bad.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let out = rapporteur(&args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("nothing was imported"));
    let export = rapporteur(&["stats", "export", "--data-dir", data, "--format", "csv"]);
    assert!(export.status.success(), "{}", text(&export));
    assert_eq!(String::from_utf8_lossy(&export.stdout).lines().count(), 1, "only the header: nothing published");

    let mut args = vec!["stats", "import", "--data-dir", data, "--publish"];
    args.extend(files.iter().map(String::as_str));
    let out = rapporteur(&args);
    assert!(out.status.success(), "{}", text(&out));
    let export = rapporteur(&["stats", "export", "--data-dir", data, "--format", "sdmx-csv", "--geo", "EU27_2020"]);
    let csv = String::from_utf8_lossy(&export.stdout).into_owned();
    assert!(csv.starts_with("DATAFLOW,LAST UPDATE,freq,sex,age,citizen,exploit,status,reg_org,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS"));
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",EU27_2020,") && l.contains("synthetic")),
        "every EU row labelled synthetic"
    );
    // Exported as published on a day before anything was: nothing.
    let out_file = dir.path().join("old.json");
    let old = rapporteur(&[
        "stats",
        "export",
        "--data-dir",
        data,
        "--format",
        "json-stat",
        "--as-of",
        "2000-01-01",
        "--output",
        out_file.to_str().unwrap(),
    ]);
    assert!(old.status.success(), "{}", text(&old));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(Path::new(&out_file)).unwrap()).unwrap();
    assert_eq!(json["value"], serde_json::json!({}), "{json}");
}
