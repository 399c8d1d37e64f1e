//! `rapporteur link …`: encode records into linkage keys at a source, match two sources' keys, count the
//! distinct persons across any number of sources, and generate synthetic sources to try it on.
//!
//! Every output file is written beside its destination and renamed into place once complete, so a failed
//! run never leaves a partial file behind.

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rapporteur_linkage::blocking::{Blocking, LshParams};
use rapporteur_linkage::cluster::{breakdowns, link_sources, ClusterOptions};
use rapporteur_linkage::encode::secret_from_file_text;
use rapporteur_linkage::keyfile::check_compatible;
use rapporteur_linkage::matching::{greedy_solve, similar_pairs};
use rapporteur_linkage::records::encode_csv;
use rapporteur_linkage::synth::{generate, write_csv, SynthSpec};
use rapporteur_linkage::{Encoder, KeyFile, Schema, Threshold};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints a line of the summary; a closed standard output (`… | head -1`) ends nothing.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Subcommand)]
pub enum LinkCommand {
    /// Encode a source's records into linkage keys (run at the source, offline): clkhash-compatible keys
    /// with the schema's fingerprint and the non-identifying attributes beside them.
    Encode {
        /// The linkage schema (clkhash's schema v3, optionally with Rapporteur's section).
        #[arg(long, value_name = "SCHEMA.json")]
        schema: PathBuf,
        /// The secret shared among the sources (never given to the server): the file's text, less one
        /// trailing newline.
        #[arg(long, value_name = "KEY")]
        secret_file: PathBuf,
        /// The records: CSV with a header naming the schema's columns in order.
        #[arg(long, value_name = "records.csv")]
        input: PathBuf,
        #[arg(long, value_name = "clks.json")]
        output: PathBuf,
    },
    /// Match two sources' keys one-to-one (anonlink's greedy order) and write `row_a,row_b,similarity`.
    Match {
        a: PathBuf,
        b: PathBuf,
        #[command(flatten)]
        linking: LinkingArgs,
        #[arg(long, value_name = "pairs.csv")]
        output: PathBuf,
    },
    /// Link any number of sources into persons and write the capture-history table (one 0/1 column per
    /// source, named after its file, then `count`) that multiple systems estimation reads.
    Count {
        #[arg(required = true, num_args = 1..)]
        sources: Vec<PathBuf>,
        #[command(flatten)]
        linking: LinkingArgs,
        /// The share of cross pairs two groups of records need before they merge into one person.
        #[arg(long, default_value_t = 0.5)]
        merge_fraction: f64,
        #[arg(long, value_name = "histories.csv")]
        output: PathBuf,
    },
    /// Write synthetic sources of victim records with known truth (labelled synthetic), one CSV per
    /// source, the truth, and the schema they fit.
    Synth {
        #[arg(long, default_value_t = 1000)]
        persons: usize,
        #[arg(long, default_value_t = 4)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The directory to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct LinkingArgs {
    /// Pairs at or above this Dice similarity are links.
    #[arg(long, default_value_t = 0.8)]
    threshold: f64,
    /// auto compares all pairs up to 50 million of them and blocks with LSH beyond.
    #[arg(long, value_enum, default_value_t = BlockingChoice::Auto)]
    blocking: BlockingChoice,
    /// LSH: number of tables.
    #[arg(long, default_value_t = LshParams::default().tables)]
    lsh_tables: u32,
    /// LSH: bit positions per table.
    #[arg(long, default_value_t = LshParams::default().bits_per_table)]
    lsh_bits: u32,
}

#[derive(Clone, Copy, ValueEnum)]
enum BlockingChoice {
    Auto,
    All,
    Lsh,
}

impl LinkingArgs {
    fn threshold(&self) -> anyhow::Result<Threshold> {
        Ok(Threshold::new(self.threshold)?)
    }

    fn blocking(&self, pairs: u64) -> anyhow::Result<Blocking> {
        if !(1..=32).contains(&self.lsh_bits) || self.lsh_tables == 0 {
            bail!("--lsh-bits takes 1 to 32 and --lsh-tables at least 1");
        }
        let lsh =
            Blocking::Lsh(LshParams { tables: self.lsh_tables, bits_per_table: self.lsh_bits, ..LshParams::default() });
        Ok(match self.blocking {
            BlockingChoice::All => Blocking::AllPairs,
            BlockingChoice::Lsh => lsh,
            BlockingChoice::Auto if pairs <= rapporteur_linkage::blocking::ALL_PAIRS_LIMIT => Blocking::AllPairs,
            BlockingChoice::Auto => lsh,
        })
    }
}

pub fn run(command: LinkCommand) -> anyhow::Result<ExitCode> {
    match command {
        LinkCommand::Encode { schema, secret_file, input, output } => encode(&schema, &secret_file, &input, &output),
        LinkCommand::Match { a, b, linking, output } => match_two(&a, &b, &linking, &output),
        LinkCommand::Count { sources, linking, merge_fraction, output } => {
            count(&sources, &linking, merge_fraction, &output)
        }
        LinkCommand::Synth { persons, sources, seed, out } => synth(persons, sources, seed, &out),
    }
}

fn bar(len: u64, message: &str) -> ProgressBar {
    let bar = ProgressBar::new(len).with_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({per_sec}, {eta} left)").expect("a valid template"),
    );
    bar.set_message(message.to_owned());
    bar
}

/// Writes `path` through a temporary file in its directory, renamed into place only when `write` succeeds.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let mut out = BufWriter::new(temporary.as_file());
        write(&mut out)?;
        out.flush().with_context(|| format!("writing {}", path.display()))?;
    }
    temporary.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn read_schema(path: &Path) -> anyhow::Result<Schema> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the schema {}", path.display()))?;
    Schema::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn read_secret(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the secret file {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: the secret file is not UTF-8 text", path.display()))?;
    let secret = secret_from_file_text(&text);
    if secret.is_empty() {
        bail!("{}: the secret file is empty", path.display());
    }
    Ok(secret.to_vec())
}

fn count_lines(path: &Path) -> anyhow::Result<u64> {
    let mut reader = BufReader::new(File::open(path).with_context(|| format!("cannot read {}", path.display()))?);
    let mut lines = 0;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(lines);
        }
        lines += buffer.iter().filter(|&&b| b == b'\n').count() as u64;
        let used = buffer.len();
        reader.consume(used);
    }
}

fn encode(schema: &Path, secret_file: &Path, input: &Path, output: &Path) -> anyhow::Result<ExitCode> {
    let schema_path = schema;
    let schema = read_schema(schema)?;
    let secret = read_secret(secret_file)?;
    let encoder = Encoder::new(schema, &secret).map_err(|e| anyhow::anyhow!("{}: {e}", schema_path.display()))?;
    let total = count_lines(input)?.saturating_sub(1);
    let progress = bar(total, "encoding");
    let file = File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
    let keys = encode_csv(&encoder, BufReader::new(file), |done| progress.set_position(done as u64));
    progress.finish_and_clear();
    let keys = keys.map_err(|e| anyhow::anyhow!("{}:{e}", input.display()))?;
    write_atomically(output, |out| Ok(keys.write(out)?))?;
    say!(
        "Encoded {} records into {}-bit keys (schema {}…){} → {}",
        keys.keys.len(),
        keys.keys.bits(),
        &encoder.schema().fingerprint_hex()[..12],
        match keys.attributes.columns.len() {
            0 => String::new(),
            n => format!(", with {n} attributes"),
        },
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn read_keys(path: &Path) -> anyhow::Result<KeyFile> {
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    KeyFile::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn match_two(a: &Path, b: &Path, linking: &LinkingArgs, output: &Path) -> anyhow::Result<ExitCode> {
    let threshold = linking.threshold()?;
    let (keys_a, keys_b) = (read_keys(a)?, read_keys(b)?);
    let (name_a, name_b) = (a.display().to_string(), b.display().to_string());
    check_compatible(&[(&name_a, &keys_a), (&name_b, &keys_b)])?;
    let blocking = linking.blocking(keys_a.keys.len() as u64 * keys_b.keys.len() as u64)?;
    let progress = bar(0, "comparing");
    let report = |done: u64, total: u64| {
        progress.set_length(total);
        progress.set_position(done);
    };
    let found = similar_pairs(&keys_a.keys, Some(&keys_b.keys), threshold, &blocking, &report);
    progress.finish_and_clear();
    let candidates = found.pairs.len();
    let solved = greedy_solve(found.pairs);
    write_atomically(output, |out| {
        writeln!(out, "row_a,row_b,similarity")?;
        for pair in &solved {
            writeln!(out, "{},{},{}", pair.a, pair.b, pair.similarity)?;
        }
        Ok(())
    })?;
    say!(
        "{} matched pairs ({candidates} candidates at {threshold} or more, {} comparisons, {}) → {}",
        solved.len(),
        found.comparisons,
        describe(&blocking),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn describe(blocking: &Blocking) -> String {
    match blocking {
        Blocking::AllPairs => "all pairs".to_owned(),
        Blocking::Lsh(p) => format!("LSH blocking, {} tables of {} bits", p.tables, p.bits_per_table),
    }
}

fn count(sources: &[PathBuf], linking: &LinkingArgs, merge_fraction: f64, output: &Path) -> anyhow::Result<ExitCode> {
    let threshold = linking.threshold()?;
    if !(merge_fraction > 0.0 && merge_fraction <= 1.0) {
        bail!("--merge-fraction lies above 0 and at most 1, not {merge_fraction}");
    }
    if sources.len() > rapporteur_linkage::cluster::MAX_SOURCES {
        bail!("at most {} sources are linked at once", rapporteur_linkage::cluster::MAX_SOURCES);
    }
    let mut names = Vec::new();
    let mut files = Vec::new();
    for path in sources {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if name.is_empty() {
            bail!("{}: a source is named after its file", path.display());
        }
        if names.contains(&name) {
            bail!("two sources are named '{name}': give each file its own name, it names the source's column");
        }
        names.push(name);
        files.push(read_keys(path)?);
    }
    let labelled: Vec<(&str, &KeyFile)> =
        sources.iter().zip(&files).map(|(p, f)| (p.to_str().unwrap_or("?"), f)).collect();
    check_compatible(&labelled)?;
    let records: u64 = files.iter().map(|f| f.keys.len() as u64).sum();
    let options = ClusterOptions {
        threshold,
        blocking: linking.blocking(records * records.saturating_sub(1) / 2)?,
        merge_fraction,
    };
    let progress = bar(0, "comparing");
    let report = |done: u64, total: u64| {
        progress.set_length(total);
        progress.set_position(done);
    };
    let keys: Vec<_> = files.iter().map(|f| &f.keys).collect();
    let linkage = link_sources(&names, &keys, &options, &report);
    progress.finish_and_clear();
    write_atomically(output, |out| Ok(linkage.histories.write_csv(out)?))?;
    say!(
        "{} distinct persons in {records} records of {} sources ({} links at {threshold} or more, {})",
        linkage.persons,
        names.len(),
        linkage.links,
        describe(&options.blocking)
    );
    for (s, name) in names.iter().enumerate() {
        say!("  {name}: {} records, {} persons", linkage.records[s], linkage.histories.seen_by(s));
    }
    for s in 0..names.len() {
        for t in s + 1..names.len() {
            say!("  {} and {}: {} persons in both", names[s], names[t], linkage.histories.overlap(s, t));
        }
    }
    let attributes: Vec<_> = files.iter().map(|f| &f.attributes).collect();
    for breakdown in breakdowns(&linkage, &attributes) {
        let parts: Vec<String> = breakdown
            .persons
            .iter()
            .map(|(value, n)| format!("{}: {n}", if value.is_empty() { "(none)" } else { value }))
            .collect();
        say!("  by {}: {}", breakdown.attribute, parts.join(", "));
    }
    say!("Capture histories → {}", output.display());
    Ok(ExitCode::SUCCESS)
}

fn synth(persons: usize, sources: usize, seed: u64, out: &Path) -> anyhow::Result<ExitCode> {
    let generated = generate(&SynthSpec { seed, persons, sources, errors: Default::default() })?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for source in &generated {
        write_atomically(&out.join(format!("{}.csv", source.name)), |w| Ok(write_csv(source, w)?))?;
    }
    write_atomically(&out.join("truth.csv"), |w| {
        writeln!(w, "source,record_id,person")?;
        for source in &generated {
            for (record, person) in source.records.iter().zip(&source.person) {
                writeln!(w, "{},{},{person}", source.name, record[0])?;
            }
        }
        Ok(())
    })?;
    write_atomically(&out.join("schema.json"), |w| Ok(w.write_all(rapporteur_linkage::schema::VICTIMS.as_bytes())?))?;
    let records: usize = generated.iter().map(|s| s.records.len()).sum();
    say!(
        "Wrote {records} SYNTHETIC records of {persons} persons in {} sources, truth.csv and schema.json → {}",
        generated.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
