//! `rapporteur mse …`: estimate how many victims no list has found, from a capture-history table (the
//! output of `rapporteur link count`, or a table kept elsewhere), and measure the method on simulated
//! populations.

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rapporteur_mse::simulate::{simulate, Dependence, Report, Scenario};
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
        /// The highest order of interaction bic and downhill may choose (bic: 2 or 3; by default 3 for up to
        /// five lists, 2 for six; downhill: by default one less than the lists).
        #[arg(long)]
        max_order: Option<usize>,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
    /// Draw populations of known size many times, estimate each, and report bias and the coverage of the
    /// 95% intervals.
    Simulate {
        /// Persons in the population.
        #[arg(long, default_value_t = 1000)]
        population: u64,
        /// Each list's chance of finding a typical person, comma-separated (2 to 16 lists).
        #[arg(long, value_delimiter = ',', default_value = "0.3,0.2,0.25,0.15")]
        capture: Vec<f64>,
        /// Standard deviation of the persons' shared catchability on the logit scale (0: all alike).
        #[arg(long, default_value_t = 0.0)]
        heterogeneity: f64,
        /// A list making a later one more or less likely to find the same person, as FROM:TO=FACTOR with
        /// lists numbered from 1 (e.g. 1:2=3 triples list 2's chance for persons list 1 found). Repeatable.
        #[arg(long, value_parser = parse_dependence)]
        dependence: Vec<Dependence>,
        #[arg(long, value_enum, default_value_t = MethodArg::Stepwise)]
        method: MethodArg,
        #[arg(long, default_value_t = rapporteur_mse::stepwise::DEFAULT_THRESHOLD)]
        pthresh: f64,
        #[arg(long, default_value_t = 500)]
        replications: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
}

fn parse_dependence(text: &str) -> Result<Dependence, String> {
    let bad = || format!("'{text}' is not FROM:TO=FACTOR (e.g. 1:2=3)");
    let (lists, factor) = text.split_once('=').ok_or_else(bad)?;
    let (from, to) = lists.split_once(':').ok_or_else(bad)?;
    let number = |s: &str| s.trim().parse::<usize>().ok().filter(|&n| n >= 1).ok_or_else(bad);
    Ok(Dependence { from: number(from)? - 1, to: number(to)? - 1, factor: factor.trim().parse().map_err(|_| bad())? })
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
        MseCommand::Estimate { file, method, pthresh, bootstrap, seed, max_order, format } => {
            estimate(file, method, pthresh, bootstrap, seed, max_order, format)
        }
        MseCommand::Simulate {
            population,
            capture,
            heterogeneity,
            dependence,
            method,
            pthresh,
            replications,
            seed,
            format,
        } => {
            let scenario = Scenario { population, capture, heterogeneity, dependence };
            let method = method_of(method, pthresh)?;
            let bar = ProgressBar::new(replications as u64).with_style(
                ProgressStyle::with_template("simulating {bar:40} {pos}/{len} populations ({per_sec}, {eta} left)")
                    .expect("a valid template"),
            );
            let report = simulate(&scenario, method, replications, seed, &|| bar.inc(1))?;
            bar.finish_and_clear();
            let mut out = std::io::stdout();
            let _ = match format {
                Output::Json => writeln!(
                    out,
                    "{:#}",
                    serde_json::json!({ "scenario": scenario, "seed": seed, "method": method.name(), "report": report })
                ),
                Output::Text => write!(out, "{}", simulation_text(&scenario, &report)),
            };
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn method_of(method: MethodArg, pthresh: f64) -> anyhow::Result<Method> {
    if !(pthresh > 0.0 && pthresh < 1.0) {
        anyhow::bail!("--pthresh lies between 0 and 1, not {pthresh}");
    }
    Ok(match method {
        MethodArg::Stepwise => Method::Stepwise { threshold: pthresh },
        MethodArg::Bic => Method::Bic,
        MethodArg::Downhill => Method::Downhill,
        MethodArg::Main => Method::Main,
    })
}

fn simulation_text(scenario: &Scenario, report: &Report) -> String {
    format!(
        "{} replications of a population of {} ({} lists{}{}), estimated by {}:\n\
         found on average {:.0}; estimated on average {:.0} (median {:.0}): bias {:+.1}%, root mean squared error \
         {:.1}%\n95% intervals holding the true size: conditional {:.1}% (mean width {:.0}), profile likelihood \
         {:.1}%\n{} replications had no estimate.\n",
        report.replications,
        report.population,
        scenario.capture.len(),
        if scenario.heterogeneity > 0.0 {
            format!(", heterogeneity {}", scenario.heterogeneity)
        } else {
            String::new()
        },
        if scenario.dependence.is_empty() {
            String::new()
        } else {
            format!(", {} dependences", scenario.dependence.len())
        },
        report.method.name(),
        report.mean_observed,
        report.mean_estimate,
        report.median_estimate,
        100.0 * report.relative_bias,
        100.0 * report.relative_rmse,
        100.0 * report.conditional_coverage,
        report.mean_conditional_width,
        100.0 * report.profile_coverage,
        report.failed,
    )
}

fn estimate(
    file: PathBuf,
    method: MethodArg,
    pthresh: f64,
    resamples: usize,
    seed: u64,
    max_order: Option<usize>,
    format: Output,
) -> anyhow::Result<ExitCode> {
    let method = method_of(method, pthresh)?;
    if resamples != 0 && resamples < 10 {
        anyhow::bail!("--bootstrap takes at least 10 resamples (or 0 for none), not {resamples}");
    }
    let input = std::fs::File::open(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let table = CaptureTable::read_csv(input).map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
    let bootstrap = (resamples > 0).then_some(BootstrapSettings { resamples, seed });
    let bar = if resamples > 0 {
        ProgressBar::new(resamples as u64).with_style(
            ProgressStyle::with_template("bootstrap {bar:40} {pos}/{len} resamples ({per_sec}, {eta} left)")
                .expect("a valid template"),
        )
    } else {
        ProgressBar::hidden()
    };
    let analysis = analyse(&table, Settings { method, bootstrap, max_order }, &|| bar.inc(1))
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
        text += &format!(
            "Profile likelihood, given this model: {:.0} (95% interval {:.0} to {high}).\n",
            profile.total, profile.low
        );
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
