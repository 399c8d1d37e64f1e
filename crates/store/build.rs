// `sqlx::migrate!` embeds the migration files at compile time; this makes a new or changed file rebuild
// the crate (cargo does not track files a macro reads).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
