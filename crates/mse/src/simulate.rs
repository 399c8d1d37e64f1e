//! Populations of known size, drawn again and again, to measure what the estimators do: their bias and
//! how often their 95% intervals hold the true size.
//!
//! Each person of the population is found by list j with probability p_j, changed by two things the
//! methods must cope with: heterogeneity (some persons are easier to find by every list: on the logit scale
//! a person's p_j moves by σ·z, z standard normal, the same z for all lists) and list dependence (a person
//! found by list i is `factor` times as likely to be found by list j, as when one organisation refers
//! victims to another). Replication r draws from its own ChaCha8 stream, so reports are the same on any
//! number of cores.

use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::analysis::{choose, Method};
use crate::histories::{CaptureTable, MAX_LISTS};
use crate::profile::profile;

/// An earlier list (`from` < `to`) making a later one more (factor > 1) or less (factor < 1) likely to find
/// the same person.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Dependence {
    pub from: usize,
    pub to: usize,
    pub factor: f64,
}

/// A population and the lists that search it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Scenario {
    pub population: u64,
    /// Each list's chance of finding a typical person.
    pub capture: Vec<f64>,
    /// σ of the persons' shared catchability on the logit scale (0: everyone alike).
    pub heterogeneity: f64,
    pub dependence: Vec<Dependence>,
}

/// Why a scenario cannot be simulated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error("a scenario has 2 to {MAX_LISTS} lists, not {0}")]
    Lists(usize),
    #[error("list {0}'s capture probability must lie strictly between 0 and 1")]
    Capture(usize),
    #[error("dependence {from}→{to}: an earlier list on a later one (lists are numbered 1 to {lists}), with a positive factor")]
    Dependence { from: usize, to: usize, lists: usize },
    #[error("heterogeneity is a standard deviation: 0 or more, not {0}")]
    Heterogeneity(f64),
    #[error("the population must hold at least one person")]
    Population,
    #[error("at least one replication is needed")]
    Replications,
}

impl Scenario {
    pub fn check(&self) -> Result<(), ScenarioError> {
        let lists = self.capture.len();
        if !(2..=MAX_LISTS).contains(&lists) {
            return Err(ScenarioError::Lists(lists));
        }
        if let Some(j) = self.capture.iter().position(|&p| !(p > 0.0 && p < 1.0)) {
            return Err(ScenarioError::Capture(j + 1));
        }
        for d in &self.dependence {
            if d.to >= lists || d.from >= d.to || !(d.factor > 0.0 && d.factor.is_finite()) {
                return Err(ScenarioError::Dependence { from: d.from + 1, to: d.to + 1, lists });
            }
        }
        if !(self.heterogeneity >= 0.0 && self.heterogeneity.is_finite()) {
            return Err(ScenarioError::Heterogeneity(self.heterogeneity));
        }
        if self.population == 0 {
            return Err(ScenarioError::Population);
        }
        Ok(())
    }

    /// One draw of the capture-history table.
    pub fn draw(&self, rng: &mut impl Rng) -> CaptureTable {
        let lists = self.capture.len();
        let logits: Vec<f64> = self.capture.iter().map(|p| (p / (1.0 - p)).ln()).collect();
        let normal = Normal::standard();
        let mut counts = vec![0u64; 1 << lists];
        for _ in 0..self.population {
            let shift = if self.heterogeneity > 0.0 {
                self.heterogeneity * normal.inverse_cdf(rng.gen_range(f64::EPSILON..1.0))
            } else {
                0.0
            };
            let mut pattern = 0usize;
            // Lists in order, so that a dependence on an earlier list sees whether it found the person.
            for (j, logit) in logits.iter().enumerate() {
                let mut p = 1.0 / (1.0 + (-(logit + shift)).exp());
                for d in self.dependence.iter().filter(|d| d.to == j && d.from < j && pattern & (1 << d.from) != 0) {
                    p = (p * d.factor).min(0.99);
                }
                if rng.gen::<f64>() < p {
                    pattern |= 1 << j;
                }
            }
            counts[pattern] += 1;
        }
        counts[0] = 0;
        CaptureTable { lists: (1..=lists).map(|j| format!("L{j}")).collect(), counts }
    }
}

/// What the replications showed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    pub population: u64,
    pub method: Method,
    pub replications: usize,
    /// Replications with no estimate (nothing found, or no model could be fitted).
    pub failed: usize,
    pub mean_observed: f64,
    pub mean_estimate: f64,
    pub median_estimate: f64,
    /// (mean estimate − N) / N.
    pub relative_bias: f64,
    /// Root mean squared error relative to N.
    pub relative_rmse: f64,
    /// Share of the conditional intervals that hold N.
    pub conditional_coverage: f64,
    /// Share of the profile-likelihood intervals that hold N (an open-ended one holds it if above the low end).
    pub profile_coverage: f64,
    pub mean_conditional_width: f64,
}

struct Replication {
    observed: f64,
    estimate: f64,
    conditional: (f64, f64),
    profile: Option<(f64, f64)>,
}

/// Draws `replications` populations of `scenario` and estimates each with `method`; `progress` is called
/// once per replication, from any thread.
pub fn simulate(
    scenario: &Scenario,
    method: Method,
    replications: usize,
    seed: u64,
    progress: &(dyn Fn() + Sync),
) -> Result<Report, ScenarioError> {
    scenario.check()?;
    if replications == 0 {
        return Err(ScenarioError::Replications);
    }
    let results: Vec<Option<Replication>> = (0..replications)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(r as u64);
            let table = scenario.draw(&mut rng);
            let result = if table.observed() == 0 {
                None
            } else {
                choose(&table, method).ok().map(|(model, estimate)| Replication {
                    observed: table.observed() as f64,
                    estimate: estimate.total,
                    conditional: estimate.conditional_interval,
                    profile: profile(&table, &model).ok().map(|p| (p.low, p.high.unwrap_or(f64::INFINITY))),
                })
            };
            progress();
            result
        })
        .collect();
    let done: Vec<&Replication> = results.iter().flatten().collect();
    let n = scenario.population as f64;
    let count = done.len().max(1) as f64;
    let share = |hit: &dyn Fn(&Replication) -> bool| done.iter().filter(|r| hit(r)).count() as f64 / count;
    let mut estimates: Vec<f64> = done.iter().map(|r| r.estimate).collect();
    estimates.sort_by(f64::total_cmp);
    let mean_estimate = estimates.iter().sum::<f64>() / count;
    Ok(Report {
        population: scenario.population,
        method,
        replications,
        failed: replications - done.len(),
        mean_observed: done.iter().map(|r| r.observed).sum::<f64>() / count,
        mean_estimate,
        median_estimate: crate::bootstrap::quantile8(&estimates, 0.5),
        relative_bias: (mean_estimate - n) / n,
        relative_rmse: (done.iter().map(|r| (r.estimate - n).powi(2)).sum::<f64>() / count).sqrt() / n,
        conditional_coverage: share(&|r| r.conditional.0 <= n && n <= r.conditional.1),
        profile_coverage: share(&|r| r.profile.is_some_and(|(low, high)| low <= n && n <= high)),
        mean_conditional_width: done.iter().map(|r| r.conditional.1 - r.conditional.0).sum::<f64>() / count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn independent() -> Scenario {
        Scenario { population: 2000, capture: vec![0.3, 0.2, 0.25, 0.15], heterogeneity: 0.0, dependence: vec![] }
    }

    #[test]
    fn independent_lists_are_estimated_without_bias_and_covered() {
        let report = simulate(&independent(), Method::Main, 200, 7, &|| {}).unwrap();
        assert_eq!(report.failed, 0);
        assert!(report.relative_bias.abs() < 0.02, "{report:?}");
        // 95% intervals over 200 replications: a coverage below 0.88 would be 4 standard errors off.
        assert!(report.conditional_coverage > 0.88, "{report:?}");
        assert!(report.profile_coverage > 0.88, "{report:?}");
    }

    #[test]
    fn ignoring_a_positive_dependence_underestimates_and_the_stepwise_rule_finds_it() {
        let scenario = Scenario { dependence: vec![Dependence { from: 0, to: 1, factor: 3.0 }], ..independent() };
        let main = simulate(&scenario, Method::Main, 100, 3, &|| {}).unwrap();
        let stepwise = simulate(&scenario, Method::Stepwise { threshold: 0.02 }, 100, 3, &|| {}).unwrap();
        assert!(main.relative_bias < -0.1, "{main:?}");
        assert!(stepwise.relative_bias.abs() < main.relative_bias.abs() / 2.0, "{stepwise:?} against {main:?}");
    }

    #[test]
    fn the_same_seed_draws_the_same_tables_and_bad_scenarios_are_named() {
        let draw = |seed| independent().draw(&mut ChaCha8Rng::seed_from_u64(seed));
        assert_eq!(draw(5), draw(5));
        assert_ne!(draw(5), draw(6));
        let bad = Scenario { capture: vec![0.3, 1.0], ..independent() };
        assert_eq!(bad.check(), Err(ScenarioError::Capture(2)));
        let bad = Scenario { dependence: vec![Dependence { from: 0, to: 0, factor: 2.0 }], ..independent() };
        assert!(matches!(bad.check(), Err(ScenarioError::Dependence { .. })));
    }
}
