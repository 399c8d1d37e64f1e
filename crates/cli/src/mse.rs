//! `rapporteur mse …`: estimate how many victims no list has found, from a capture-history table (the
//! output of `rapporteur link count`, or a table kept elsewhere).

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use rapporteur_mse::stepwise::stepwise;
use rapporteur_mse::{fit, CaptureTable, Estimate, Model};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum MseCommand {
    /// Estimate the whole population from a capture-history table (one 0/1 column per list, then count).
    Estimate {
        file: PathBuf,
        /// stepwise: SparseMSE's rule (pairs added while their p-value is below --pthresh); main: main
        /// effects only (the lists taken as independent).
        #[arg(long, value_enum, default_value_t = Method::Stepwise)]
        method: Method,
        /// The stepwise rule's threshold.
        #[arg(long, default_value_t = 0.02)]
        pthresh: f64,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Method {
    Stepwise,
    Main,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Output {
    Text,
    Json,
}

pub fn run(command: MseCommand) -> anyhow::Result<ExitCode> {
    let MseCommand::Estimate { file, method, pthresh, format } = command;
    if !(pthresh > 0.0 && pthresh < 1.0) {
        anyhow::bail!("--pthresh lies between 0 and 1, not {pthresh}");
    }
    let input = std::fs::File::open(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let table = CaptureTable::read_csv(input).map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
    let (model, estimate) = match method {
        Method::Stepwise => stepwise(&table, pthresh),
        Method::Main => fit(&table, &Model::main_effects()).map(|e| (Model::main_effects(), e)),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let warnings = warnings(&table, &estimate);
    let terms = model.terms(&table);
    let method_name = match method {
        Method::Stepwise => "stepwise",
        Method::Main => "main",
    };
    let mut out = std::io::stdout();
    let (low, high) = estimate.conditional_interval;
    match format {
        Output::Json => {
            let json = serde_json::json!({
                "observed": estimate.observed,
                "estimate": estimate.total,
                "ci95": [low, high],
                "ci_method": "conditional",
                "model": terms,
                "method": method_name,
                "lists": table.lists,
                "unobserved": estimate.unobserved,
                "observed_share": estimate.observed as f64 / estimate.total,
                "warnings": warnings,
            });
            let _ = writeln!(out, "{json:#}");
        }
        Output::Text => {
            let _ = writeln!(
                out,
                "{} persons were registered; the model estimates {:.0} in all (95% interval {:.0} to {:.0}, \
                 conditional on the model), so about {:.0}% of the victims were found.",
                estimate.observed,
                estimate.total,
                low,
                high,
                100.0 * estimate.observed as f64 / estimate.total
            );
            let structure =
                if terms.is_empty() { "none: the lists are taken as independent".to_owned() } else { terms.join(", ") };
            let _ = writeln!(
                out,
                "Assumed: a closed population (no one entered or left during the period); dependence between \
                 lists: {structure} ({method_name})."
            );
            for warning in &warnings {
                let _ = writeln!(out, "Warning: {warning}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a rapporteur should know before trusting the figure.
fn warnings(table: &CaptureTable, estimate: &Estimate) -> Vec<String> {
    let mut warnings = Vec::new();
    for &(i, j) in &estimate.infinite_pairs {
        warnings.push(format!(
            "lists {} and {} never overlap: their interaction is held at minus infinity and the cells with both dropped",
            table.lists[i], table.lists[j]
        ));
    }
    for (i, name) in table.lists.iter().enumerate() {
        let seen: u64 = table.counts.iter().enumerate().filter(|(p, _)| p >> i & 1 == 1).map(|(_, c)| c).sum();
        if seen < 10 {
            warnings.push(format!("list {name} counts only {seen} persons: estimates that rest on it are fragile"));
        }
    }
    let (low, high) = estimate.conditional_interval;
    if high > 3.0 * low.max(1.0) {
        warnings.push("the interval is very wide: the data say little about the persons no list found".to_owned());
    }
    warnings
}
