//! `rapporteur mse …`: estimate how many victims no list has found, from a capture-history table (the
//! output of `rapporteur link count`, or a table kept elsewhere), and measure the method on simulated
//! populations.

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rapporteur_mse::{analyse, Analysis, BootstrapSettings, CaptureTable, Method, Settings};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum MseCommand {
    /// Estimate the whole population from a capture-history table (one 0/1 column per list, then count).
    Estimate {
        file: PathBuf,
        /// stepwise: SparseMSE's rule (pairs added while their p-value is below --pthresh); bic: the best BIC
        /// over every hierarchical model (up to six lists); downhill: Silverman's downhill search by BIC (any
        /// number of lists, may stop at a local minimum); main: main effects only (independent lists).
        #[arg(long, value_enum, default_value_t = MethodArg::Stepwise)]
        method: MethodArg,
        /// The stepwise rule's threshold.
        #[arg(long, default_value_t = rapporteur_mse::stepwise::DEFAULT_THRESHOLD)]
        pthresh: f64,
        /// BCa bootstrap resamples (each repeats the model choice); 0 for none. 1,000 is SparseMSE's default.
        #[arg(long, default_value_t = 0)]
        bootstrap: usize,
        /// The bootstrap's seed: the same seed gives the same interval on any number of cores.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MethodArg {
    Stepwise,
    Bic,
    Downhill,
    Main,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Output {
    Text,
    Json,
}

pub fn run(command: MseCommand) -> anyhow::Result<ExitCode> {
    match command {
        MseCommand::Estimate { file, method, pthresh, bootstrap, seed, format } => {
            estimate(file, method, pthresh, bootstrap, seed, format)
        }
    }
}

fn estimate(
    file: PathBuf,
    method: MethodArg,
    pthresh: f64,
    resamples: usize,
    seed: u64,
    format: Output,
) -> anyhow::Result<ExitCode> {
    if !(pthresh > 0.0 && pthresh < 1.0) {
        anyhow::bail!("--pthresh lies between 0 and 1, not {pthresh}");
    }
    if resamples != 0 && resamples < 10 {
        anyhow::bail!("--bootstrap takes at least 10 resamples (or 0 for none), not {resamples}");
    }
    let input = std::fs::File::open(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let table = CaptureTable::read_csv(input).map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
    let method = match method {
        MethodArg::Stepwise => Method::Stepwise { threshold: pthresh },
        MethodArg::Bic => Method::Bic,
        MethodArg::Downhill => Method::Downhill,
        MethodArg::Main => Method::Main,
    };
    let bootstrap = (resamples > 0).then_some(BootstrapSettings { resamples, seed });
    let bar = if resamples > 0 {
        ProgressBar::new(resamples as u64).with_style(
            ProgressStyle::with_template("bootstrap {bar:40} {pos}/{len} resamples ({per_sec}, {eta} left)")
                .expect("a valid template"),
        )
    } else {
        ProgressBar::hidden()
    };
    let analysis = analyse(&table, Settings { method, bootstrap }, &|| bar.inc(1))
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    bar.finish_and_clear();
    let mut out = std::io::stdout();
    let _ = match format {
        Output::Json => writeln!(out, "{:#}", json(&analysis)),
        Output::Text => write!(out, "{}", text(&analysis)),
    };
    Ok(ExitCode::SUCCESS)
}

/// The JSON document: the figures an analyst reads first, then everything the analysis found.
pub fn json(analysis: &Analysis) -> serde_json::Value {
    let ((low, high), ci_method) = analysis.interval();
    serde_json::json!({
        "observed": analysis.estimate.observed,
        "estimate": analysis.estimate.total,
        "ci95": [low, high],
        "ci_method": ci_method,
        "model": analysis.terms,
        "method": analysis.settings.method.name(),
        "warnings": analysis.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "lists": analysis.lists,
        "unobserved": analysis.estimate.unobserved,
        "observed_share": analysis.observed_share(),
        "conditional_interval": [analysis.estimate.conditional_interval.0, analysis.estimate.conditional_interval.1],
        "profile": analysis.profile,
        "bootstrap": analysis.bootstrap.as_ref().map(|b| serde_json::json!({
            "resamples": b.settings.resamples,
            "seed": b.settings.seed,
            "interval": [b.interval.0, b.interval.1],
            "percentile": [b.percentile.0, b.percentile.1],
            "bias_correction": b.bias_correction,
            "acceleration": b.acceleration,
            "failed": b.failed,
        })),
        "competing": analysis.competing,
        "assumptions": analysis.assumptions(),
        "summary": analysis.summary(),
        "software": concat!("rapporteur ", env!("CARGO_PKG_VERSION")),
    })
}

/// The result in words, as a rapporteur reads it.
pub fn text(analysis: &Analysis) -> String {
    let mut text = format!("{}\n{}\n", analysis.summary(), analysis.assumptions());
    if let Some(profile) = &analysis.profile {
        let high = profile.high.map_or("no upper end".to_owned(), |h| format!("{h:.0}"));
        text += &format!("Profile likelihood: {:.0} (95% interval {:.0} to {high}).\n", profile.total, profile.low);
    }
    text += "Competing models:\n";
    for c in &analysis.competing {
        let terms = if c.terms.is_empty() { "main effects".to_owned() } else { c.terms.join(", ") };
        text += &format!(
            "  {}{:<9} {:>10.0}  ({:.0} to {:.0})  BIC {:.1}  {terms}\n",
            if c.chosen { "*" } else { " " },
            c.label,
            c.total,
            c.conditional_interval.0,
            c.conditional_interval.1,
            c.bic
        );
    }
    for warning in &analysis.warnings {
        text += &format!("Warning: {warning}\n");
    }
    text
}
