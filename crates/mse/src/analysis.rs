//! One estimation as a rapporteur asks for it: choose the model, fit it, give its intervals, set it beside
//! the competing models, and say in words what it assumes and when not to trust it.

use std::fmt;

use crate::bic::{self, BicError, Ranked};
use crate::bootstrap::{bca, Bootstrap, BootstrapError, BootstrapSettings};
use crate::existence::{check, Existence};
use crate::histories::CaptureTable;
use crate::model::{fit, Estimate, FitError, Model};
use crate::profile::{profile, Profile};
use crate::stepwise::stepwise;

/// How the model is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case", tag = "name"))]
pub enum Method {
    /// SparseMSE's rule: add the worst-explained pair while its p-value is below the threshold.
    Stepwise { threshold: f64 },
    /// The best BIC over every hierarchical model.
    Bic,
    /// Silverman's downhill search by BIC from main effects (fast, but may stop at a local minimum).
    Downhill,
    /// Main effects only: the lists taken as independent.
    Main,
}

impl Method {
    pub fn name(&self) -> &'static str {
        match self {
            Method::Stepwise { .. } => "stepwise",
            Method::Bic => "bic",
            Method::Downhill => "downhill",
            Method::Main => "main",
        }
    }

    /// What the method does, in a sentence.
    pub fn describe(&self) -> String {
        match self {
            Method::Stepwise { threshold } => format!(
                "the stepwise rule of Chan, Silverman and Vincent (2021): starting from independent lists, the \
                 pair of lists whose overlap is worst explained is allowed to depend while its p-value is below \
                 {threshold}"
            ),
            Method::Bic => "the hierarchical model with the best BIC among all of them (by default interactions of \
                            up to three lists for four or five lists, pairs for three or six)"
                .to_owned(),
            Method::Downhill => "the downhill search of Chan, Silverman and Vincent (2024): from independent lists, \
                                 one interaction added or removed at a time while the BIC falls"
                .to_owned(),
            Method::Main => {
                "main effects only: each list is assumed to find victims independently of the others".to_owned()
            }
        }
    }
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settings {
    pub method: Method,
    /// The BCa bootstrap, repeating the model choice in every resample; `None` to skip it.
    pub bootstrap: Option<BootstrapSettings>,
    /// The highest order of interaction the BIC and downhill searches may choose; `None` for their
    /// defaults (BIC: as [`bic::max_order`]; downhill: one less than the lists).
    #[cfg_attr(feature = "serde", serde(default))]
    pub max_order: Option<usize>,
}

impl Settings {
    /// `method` with its defaults: no bootstrap, the default maximum order.
    pub fn new(method: Method) -> Settings {
        Settings { method, bootstrap: None, max_order: None }
    }
}

/// One of the models set side by side.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Competitor {
    /// Which rule picked it: `main`, `stepwise`, `bic` (the best BIC) or `bic 2`, `bic 3` … (the runners-up).
    pub label: String,
    pub terms: Vec<String>,
    pub total: f64,
    pub conditional_interval: (f64, f64),
    pub bic: f64,
    /// The model the analysis reports.
    pub chosen: bool,
}

/// What a rapporteur should know before trusting the figure.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case", tag = "kind"))]
pub enum Warning {
    /// Lists that never recorded the same person: their interaction is held at minus infinity.
    NeverTogether { lists: Vec<String> },
    /// A list that saw very few persons.
    SmallList { list: String, persons: u64 },
    /// The chosen model's maximum-likelihood estimate does not exist or is not identifiable.
    NoEstimate { reason: String },
    /// The profile-likelihood interval has no upper end within a thousand times the observed count.
    OpenEnded,
    /// The interval's upper end is more than three times its lower end.
    WideInterval { low: f64, high: f64 },
    /// Resamples to which no model could be fitted.
    BootstrapFailures { failed: usize, resamples: usize },
}

/// A list this small makes estimates that rest on its overlaps fragile.
const SMALL_LIST: u64 = 10;

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::NeverTogether { lists } => write!(
                f,
                "lists {} never recorded the same person: the model takes it that no one can be on all of them, \
                 which may be true or may be chance",
                lists.join(" and ")
            ),
            Warning::SmallList { list, persons } => write!(
                f,
                "list {list} recorded only {persons} persons: estimates that rest on its overlaps are fragile"
            ),
            Warning::NoEstimate { reason } => {
                write!(f, "the model's estimate cannot be trusted: {reason}")
            }
            Warning::OpenEnded => write!(
                f,
                "the profile-likelihood interval has no upper end: the data put no upper bound on the number of \
                 victims under this model"
            ),
            Warning::WideInterval { low, high } => write!(
                f,
                "the interval is very wide ({low:.0} to {high:.0}): the data say little about the victims no \
                 list found"
            ),
            Warning::BootstrapFailures { failed, resamples } => write!(
                f,
                "no model could be fitted to {failed} of {resamples} bootstrap resamples; the interval rests on \
                 the others"
            ),
        }
    }
}

/// The result of one estimation.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Analysis {
    pub lists: Vec<String>,
    pub settings: Settings,
    pub model: Model,
    /// The model's interactions by name (`LA:NG`).
    pub terms: Vec<String>,
    pub estimate: Estimate,
    pub profile: Option<Profile>,
    pub bootstrap: Option<Bootstrap>,
    /// Main effects, the stepwise choice and the best models by BIC, each with its estimate.
    pub competing: Vec<Competitor>,
    pub warnings: Vec<Warning>,
}

impl Analysis {
    /// The reported 95% interval and its kind: the BCa bootstrap's when it was run, else the conditional one.
    pub fn interval(&self) -> ((f64, f64), &'static str) {
        match &self.bootstrap {
            Some(b) => (b.interval, "bca"),
            None => (self.estimate.conditional_interval, "conditional"),
        }
    }

    /// The share of the estimated total that the lists found.
    pub fn observed_share(&self) -> f64 {
        self.estimate.observed as f64 / self.estimate.total
    }

    /// What the estimate assumes, in words.
    pub fn assumptions(&self) -> String {
        let structure = if self.terms.is_empty() {
            "the lists find victims independently of one another".to_owned()
        } else {
            format!("the lists depend on one another through {}", self.terms.join(", "))
        };
        format!(
            "A closed population (no one entered or left the population during the period), every person equally \
             likely to be found by a list given the lists that found them, and {structure}; the model was chosen \
             by {}.",
            self.settings.method.describe()
        )
    }

    /// The result in a sentence.
    pub fn summary(&self) -> String {
        let ((low, high), kind) = self.interval();
        let kind = if kind == "bca" { "bootstrap" } else { "conditional on the model" };
        format!(
            "{} persons were found by at least one list; the model estimates {:.0} in all (95% interval {:.0} to \
             {:.0}, {kind}), so about {:.0}% of the victims were found.",
            self.estimate.observed,
            self.estimate.total,
            low,
            high,
            100.0 * self.observed_share()
        )
    }
}

/// Why an estimation failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Fit(#[from] FitError),
    #[error(transparent)]
    Bic(#[from] BicError),
    #[error(transparent)]
    Bootstrap(#[from] BootstrapError),
    #[error("the stepwise threshold lies between 0 and 1, not {0}")]
    Threshold(f64),
}

/// How many runners-up by BIC are set beside the chosen model.
const RUNNERS_UP: usize = 4;

/// Estimates the total from `table` as `settings` ask; `progress` is called once per bootstrap resample.
pub fn analyse(
    table: &CaptureTable,
    settings: Settings,
    progress: &(dyn Fn() + Sync),
) -> Result<Analysis, AnalysisError> {
    if let Method::Stepwise { threshold } = settings.method {
        if !(threshold > 0.0 && threshold < 1.0) {
            return Err(AnalysisError::Threshold(threshold));
        }
    }
    let main = fit(table, &Model::main_effects())?;
    let stepwise_threshold = match settings.method {
        Method::Stepwise { threshold } => threshold,
        _ => crate::stepwise::DEFAULT_THRESHOLD,
    };
    let stepped = stepwise(table, stepwise_threshold).ok();
    // The BIC search costs a second or more for six lists: run it when asked, and for the chart up to five.
    let ranked: Option<Vec<Ranked>> = match settings.method {
        Method::Bic => Some(bic::search(table, settings.max_order)?),
        _ if table.list_count() <= 5 => bic::search(table, None).ok(),
        _ => None,
    };
    let downhill_order = settings.max_order.unwrap_or(bic::downhill_order(table.list_count()));
    let downhilled = bic::downhill(table, downhill_order);
    let (model, estimate) = match settings.method {
        Method::Main => (Model::main_effects(), main.clone()),
        Method::Downhill => downhilled.clone()?,
        Method::Stepwise { threshold } => match stepped.clone() {
            Some(chosen) => chosen,
            None => stepwise(table, threshold)?,
        },
        Method::Bic => {
            let best = &ranked.as_ref().expect("searched above")[0];
            (best.model.clone(), best.estimate.clone())
        }
    };

    let mut competing = vec![competitor("main", &Model::main_effects(), &main, table)];
    if let Some((m, e)) = &stepped {
        competing.push(competitor("stepwise", m, e, table));
    }
    if let Ok((m, e)) = &downhilled {
        competing.push(competitor("downhill", m, e, table));
    }
    if let Some(ranked) = &ranked {
        for (k, r) in ranked.iter().take(1 + RUNNERS_UP).enumerate() {
            let label = if k == 0 { "bic".to_owned() } else { format!("bic {}", k + 1) };
            competing.push(competitor(&label, &r.model, &r.estimate, table));
        }
    }
    let chosen_label = settings.method.name();
    for c in &mut competing {
        c.chosen = c.label == chosen_label;
    }

    let profile = profile(table, &model).ok();
    let bootstrap = match settings.bootstrap {
        None => None,
        Some(bootstrap_settings) => Some(match settings.method {
            Method::Main => bca(
                table,
                estimate.total,
                |t| fit(t, &Model::main_effects()).ok().map(|e| e.total),
                bootstrap_settings,
                progress,
            )?,
            Method::Stepwise { threshold } => bca(
                table,
                estimate.total,
                |t| stepwise(t, threshold).ok().map(|(_, e)| e.total),
                bootstrap_settings,
                progress,
            )?,
            Method::Downhill => bca(
                table,
                estimate.total,
                |t| bic::downhill(t, downhill_order).ok().map(|(_, e)| e.total),
                bootstrap_settings,
                progress,
            )?,
            Method::Bic => {
                let ranked = ranked.as_ref().expect("searched above");
                let top = bic::bootstrap_candidates(table.list_count());
                let candidates: Vec<Model> = ranked.iter().take(top).map(|r| r.model.clone()).collect();
                bca(
                    table,
                    estimate.total,
                    |t| bic::best_of(t, &candidates).map(|(_, e)| e.total),
                    bootstrap_settings,
                    progress,
                )?
            }
        }),
    };

    let warnings = warnings(table, &model, &estimate, profile.as_ref(), bootstrap.as_ref());
    Ok(Analysis {
        lists: table.lists.clone(),
        settings,
        terms: model.names(table),
        model,
        estimate,
        profile,
        bootstrap,
        competing,
        warnings,
    })
}

/// The model `method` chooses on `table` (with the default maximum order), and its fit (no intervals beyond
/// the conditional one).
pub fn choose(table: &CaptureTable, method: Method) -> Result<(Model, Estimate), AnalysisError> {
    Ok(match method {
        Method::Main => (Model::main_effects(), fit(table, &Model::main_effects())?),
        Method::Stepwise { threshold } => stepwise(table, threshold)?,
        Method::Downhill => bic::downhill(table, bic::downhill_order(table.list_count()))?,
        Method::Bic => {
            let best = bic::search(table, None)?.swap_remove(0);
            (best.model, best.estimate)
        }
    })
}

fn competitor(label: &str, model: &Model, estimate: &Estimate, table: &CaptureTable) -> Competitor {
    Competitor {
        label: label.to_owned(),
        terms: model.names(table),
        total: estimate.total,
        conditional_interval: estimate.conditional_interval,
        bic: estimate.bic(),
        chosen: false,
    }
}

fn warnings(
    table: &CaptureTable,
    model: &Model,
    estimate: &Estimate,
    profile: Option<&Profile>,
    bootstrap: Option<&Bootstrap>,
) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = estimate
        .infinite_terms
        .iter()
        .map(|term| Warning::NeverTogether { lists: term.lists().map(|i| table.lists[i].clone()).collect() })
        .collect();
    for (i, list) in table.lists.iter().enumerate() {
        let persons: u64 = table.counts.iter().enumerate().filter(|(p, _)| p >> i & 1 == 1).map(|(_, c)| c).sum();
        if persons < SMALL_LIST {
            warnings.push(Warning::SmallList { list: list.clone(), persons });
        }
    }
    match check(table, model) {
        Existence::Exists => {}
        Existence::NotIdentifiable => warnings
            .push(Warning::NoEstimate { reason: "the data cannot tell some of its parameters apart".to_owned() }),
        Existence::MleDoesNotExist => warnings.push(Warning::NoEstimate {
            reason: "its maximum-likelihood estimate does not exist (some expected count would be zero)".to_owned(),
        }),
    }
    if profile.is_some_and(|p| p.high.is_none()) {
        warnings.push(Warning::OpenEnded);
    }
    let (low, high) = bootstrap.map_or(estimate.conditional_interval, |b| b.interval);
    if high > 3.0 * low.max(1.0) {
        warnings.push(Warning::WideInterval { low, high });
    }
    if let Some(b) = bootstrap.filter(|b| b.failed > 0) {
        warnings.push(Warning::BootstrapFailures { failed: b.failed, resamples: b.settings.resamples });
    }
    warnings
}
