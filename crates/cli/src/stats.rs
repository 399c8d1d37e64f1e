//! `rapporteur stats …`: validate, import, export and generate national THB statistics.

use anyhow::{bail, Context};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use rapporteur_core::dates::parse_as_of;
use rapporteur_core::{Clock, SystemClock};
use rapporteur_stats::export::{Format, Timestamp};
use rapporteur_stats::output::{render, with_eu_aggregates};
use rapporteur_stats::synth::{generate, Detail};
use rapporteur_stats::validate::check_year_on_year;
use rapporteur_stats::{
    read_csv, validate_parsed, Dataflow, Geo, Parsed, Policy, Problem, ReadOptions, Table, TableId,
};
use rapporteur_store::{Actor, DraftPart, PublishedQuery, SqlStore, StatisticsRepository};
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum StatsCommand {
    /// Check a file (SDMX-CSV or CSV) and list every problem as FILE:LINE:COLUMN: message; exits 1 when there
    /// is an error (warnings alone exit 0).
    Validate {
        file: PathBuf,
        /// The dataflow of rows that name none (THB_VICT or THB_PERS); by default read from the columns.
        #[arg(long)]
        dataflow: Option<String>,
    },
    /// Load files as the system account (audited), as drafts, or published at once with --publish, all in
    /// one transaction: nothing is loaded when any file has an error.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        dataflow: Option<String>,
        /// Publish the figures at once (disclosure control applied), each as a new version.
        #[arg(long)]
        publish: bool,
        /// The comment recorded with the import.
        #[arg(long, default_value = "imported from the command line")]
        comment: String,
    },
    /// Write the published figures, with the EU aggregates built from them.
    Export {
        #[arg(long, default_value = "THB_VICT")]
        dataflow: String,
        /// sdmx-csv, json-stat, csv or xlsx.
        #[arg(long, default_value = "sdmx-csv")]
        format: String,
        /// The figures as published on this day (its end, UTC) or at this RFC 3339 instant.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// One Member State (Eurostat's code, EL for Greece), or EU27_2020 for the aggregates only.
        #[arg(long)]
        geo: Option<String>,
        /// Standard output by default.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write synthetic national submissions for the 27 Member States (labelled synthetic in every file).
    Synth {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A year or a range, such as 2008-2024.
        #[arg(long, default_value = "2008-2024")]
        years: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// tables (what countries typically report) or full (every cell: for load tests).
        #[arg(long, default_value = "tables")]
        detail: String,
    },
}

impl StatsCommand {
    /// Whether the command works on the store (the others read and write files only).
    pub fn needs_store(&self) -> bool {
        matches!(self, StatsCommand::Import { .. } | StatsCommand::Export { .. })
    }
}

fn dataflow_arg(text: Option<&str>) -> anyhow::Result<Option<Dataflow>> {
    text.map(|t| Dataflow::parse(t).with_context(|| format!("unknown dataflow {t:?}: expected THB_VICT or THB_PERS")))
        .transpose()
}

/// Reads a file with a progress bar on standard error (shown on a terminal only).
fn read_file(path: &Path, dataflow: Option<Dataflow>) -> anyhow::Result<Parsed> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template("reading {msg} {bar:40} {bytes}/{total_bytes} ({eta} left)")
            .expect("a valid template"),
    );
    bar.set_message(path.display().to_string());
    let reader = bar.wrap_read(BufReader::with_capacity(1 << 16, file));
    let parsed = read_csv(reader, &ReadOptions { dataflow, allow_aggregate: false });
    bar.finish_and_clear();
    Ok(parsed)
}

fn print_problems(path: &Path, problems: &[Problem]) {
    let name = path.display().to_string();
    let mut out = std::io::stdout().lock();
    for problem in problems {
        let _ = writeln!(out, "{}", problem.display_in(&name));
    }
}

fn summary(problems: &[Problem]) -> (usize, usize) {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    (errors, problems.len() - errors)
}

pub fn validate(file: &Path, dataflow: Option<&str>, policy: &Policy) -> anyhow::Result<ExitCode> {
    let parsed = read_file(file, dataflow_arg(dataflow)?)?;
    let problems = validate_parsed(&parsed, &policy.validation);
    print_problems(file, &problems);
    let (errors, warnings) = summary(&problems);
    eprintln!(
        "{}: {} rows, {} figures in {} tables; {errors} errors, {warnings} warnings",
        file.display(),
        parsed.rows,
        parsed.dataset.observation_count(),
        parsed.dataset.tables().count()
    );
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The commands that need no store.
pub fn run_offline(command: StatsCommand, policy: &Policy) -> anyhow::Result<ExitCode> {
    match command {
        StatsCommand::Validate { file, dataflow } => validate(&file, dataflow.as_deref(), policy),
        StatsCommand::Synth { seed, years, out, detail } => {
            synth(seed, &years, &out, &detail)?;
            Ok(ExitCode::SUCCESS)
        }
        StatsCommand::Import { .. } | StatsCommand::Export { .. } => bail!("this command works on the store"),
    }
}

pub async fn run(store: &SqlStore, command: StatsCommand, policy: &Policy) -> anyhow::Result<ExitCode> {
    match command {
        StatsCommand::Import { files, dataflow, publish, comment } => {
            import(store, &files, dataflow.as_deref(), publish, &comment, policy).await
        }
        StatsCommand::Export { dataflow, format, as_of, geo, output } => {
            export(store, &dataflow, &format, as_of.as_deref(), geo.as_deref(), output.as_deref()).await?;
            Ok(ExitCode::SUCCESS)
        }
        other => run_offline(other, policy),
    }
}

async fn import(
    store: &SqlStore,
    files: &[PathBuf],
    dataflow: Option<&str>,
    publish: bool,
    comment: &str,
    policy: &Policy,
) -> anyhow::Result<ExitCode> {
    let dataflow = dataflow_arg(dataflow)?;
    let published = store.published(&PublishedQuery::default()).await.context("reading the published figures")?;
    let mut tables: Vec<Table> = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        let parsed = read_file(file, dataflow)?;
        let mut problems = validate_parsed(&parsed, &policy.validation);
        // Year-on-year against what is already published, for the years the file does not hold itself (the
        // file's own checks ran above; only this comparison is new).
        let locate = |table, cell| parsed.place_of(table, cell);
        for table in parsed.dataset.tables() {
            let previous = TableId { year: table.id.year.saturating_sub(1), ..table.id };
            if parsed.dataset.table(previous).is_some() {
                continue;
            }
            if let Some(before) = published.dataset.table(previous) {
                problems.extend(check_year_on_year(table, before, &policy.validation, &locate));
            }
        }
        rapporteur_stats::problem::sort(&mut problems);
        print_problems(file, &problems);
        let (e, w) = summary(&problems);
        errors += e;
        warnings += w;
        for table in parsed.dataset.into_tables() {
            if tables.iter().any(|t| t.id == table.id) {
                eprintln!("{}: {} is also in an earlier file", file.display(), table.id);
                errors += 1;
            }
            tables.push(table);
        }
    }
    if errors > 0 {
        eprintln!("{errors} errors, {warnings} warnings; nothing was imported");
        return Ok(ExitCode::FAILURE);
    }
    let count: usize = tables.iter().map(Table::len).sum();
    let bar = ProgressBar::new_spinner().with_message(format!("writing {count} figures in {} tables", tables.len()));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let rules = |d: Dataflow| policy.rules(d);
    let saved = store
        .save_drafts(&Actor::Cli, &DraftPart::Own, &tables, publish.then_some((comment, &rules as _)))
        .await
        .context("importing")?;
    bar.finish_and_clear();
    let synthetic = tables.iter().filter(|t| t.synthetic).count();
    println!(
        "Imported {count} figures in {} tables{}{}; {warnings} warnings.",
        saved.len(),
        if publish { ", each published as a new version" } else { " as drafts" },
        if synthetic > 0 { format!(" ({synthetic} tables labelled synthetic)") } else { String::new() },
    );
    Ok(ExitCode::SUCCESS)
}

fn now_timestamp() -> Timestamp {
    Timestamp::from_unix_seconds(SystemClock.now().timestamp())
}

async fn export(
    store: &SqlStore,
    dataflow: &str,
    format: &str,
    as_of: Option<&str>,
    geo: Option<&str>,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let dataflow = dataflow_arg(Some(dataflow))?.expect("given");
    let format = Format::parse(format)
        .with_context(|| format!("unknown format {format:?}: expected sdmx-csv, json-stat, csv or xlsx"))?;
    let as_of = as_of.map(parse_as_of).transpose()?;
    let geo = geo
        .map(|g| {
            Geo::parse(g.as_bytes())
                .with_context(|| format!("unknown geo {g:?}: expected a code such as DE, EL or EU27_2020"))
        })
        .transpose()?;
    let published = store
        .published(&PublishedQuery { dataflow: Some(dataflow), geo: None, as_of })
        .await
        .context("reading the published figures")?;
    let dataset = with_eu_aggregates(&published.dataset, dataflow, geo);
    let bytes = render(format, &dataset, dataflow, &now_timestamp())?;
    match output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote {} tables to {}.", dataset.tables().count(), path.display());
        }
        None => std::io::stdout().lock().write_all(&bytes).context("writing to standard output")?,
    }
    Ok(())
}

fn parse_years(text: &str) -> anyhow::Result<std::ops::RangeInclusive<u16>> {
    let year = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|y| rapporteur_stats::parse::YEARS.contains(y))
            .with_context(|| format!("{t:?} is not a year from 1990 to 2100"))
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(text)?, year(text)?),
    };
    if first > last {
        bail!("the years {text:?} run backwards");
    }
    Ok(first..=last)
}

fn synth(seed: u64, years: &str, out: &Path, detail: &str) -> anyhow::Result<()> {
    let years = parse_years(years)?;
    let detail = match detail {
        "tables" => Detail::Tables,
        "full" => Detail::Full,
        other => bail!("unknown detail {other:?}: expected tables or full"),
    };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let dataset = generate(seed, years.clone(), detail);
    let at = now_timestamp();
    let bar = ProgressBar::new(27 * 2).with_style(
        ProgressStyle::with_template("writing synthetic files {bar:40} {pos}/{len}").expect("a valid template"),
    );
    let mut files = 0;
    for geo in Geo::member_states() {
        for dataflow in Dataflow::ALL {
            let tables: rapporteur_stats::Dataset =
                dataset.tables().filter(|t| t.id.geo == geo && t.id.dataflow == dataflow).cloned().collect();
            bar.inc(1);
            if tables.is_empty() {
                continue;
            }
            let path = out.join(format!("synthetic-{}-{}.csv", dataflow.id(), geo.code()));
            let bytes = render(Format::SdmxCsv, &tables, dataflow, &at)?;
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
            files += 1;
        }
    }
    bar.finish_and_clear();
    println!(
        "Wrote {files} synthetic files ({} figures, {}–{}) to {}; every figure is labelled synthetic.",
        dataset.observation_count(),
        years.start(),
        years.end(),
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_ranges() {
        assert_eq!(parse_years("2008-2024").unwrap(), 2008..=2024);
        assert_eq!(parse_years("2023").unwrap(), 2023..=2023);
        assert!(parse_years("2024-2008").is_err());
        assert!(parse_years("x").is_err());
    }
}
