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
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("catalogues.rs"), out).unwrap();
    stylesheet_path(Path::new(&out_dir));
}

/// The stylesheet's address carries a hash of its content, so that browsers may keep it for a year and a
/// change is never served stale (nobody has to remember to bump a version).
fn stylesheet_path(out_dir: &Path) {
    let css = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/style.css");
    println!("cargo:rerun-if-changed={}", css.display());
    let bytes = std::fs::read(&css).expect("static/style.css exists");
    // FNV-1a, 64 bits: a fingerprint, not a defence; collisions only cost a stale cache.
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    let path = format!("/static/style-{:012x}.css", hash & 0xffff_ffff_ffff);
    std::fs::write(
        out_dir.join("stylesheet_path.rs"),
        format!("/// Where the stylesheet is served: its name changes with its content.\npub const STYLESHEET_PATH: &str = {path:?};\n"),
    )
    .unwrap();
}
