//! Embeds every message catalogue under `locales/<lang>/main.ftl`, so that adding a language is adding a
//! file: no code names the languages.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<String> = std::fs::read_dir(&dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("main.ftl").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    let mut out = String::from(
        "/// Every shipped catalogue: (language tag, Fluent source).\npub static CATALOGUES: &[(&str, &str)] = &[\n",
    );
    for lang in &langs {
        let file = dir.join(lang).join("main.ftl");
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(out, "    ({lang:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(dest, out).unwrap();
}
