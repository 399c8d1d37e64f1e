//! The bias-corrected and accelerated (BCa) bootstrap interval of an estimator that chooses its model
//! anew in every resample (Efron 1987; Chan, Silverman and Vincent 2021, as SparseMSE computes it).
//!
//! A resample draws `observed` persons with replacement from the observed persons (a multinomial draw over
//! the table's rows). The bias correction z₀ = Φ⁻¹(share of resample estimates below the estimate); the
//! acceleration comes from the jackknife that leaves out one person at a time, grouped by capture pattern
//! and weighted by its count. The interval's ends are the type-8 quantiles of the resample estimates at
//! Φ(z₀ + (z₀ + z_α) / (1 − a (z₀ + z_α))) for α = 0.025 and 0.975.
//!
//! Resample `b` draws from its own ChaCha8 stream (the seed, stream `b`), so the result is the same on any
//! number of threads.

use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::histories::CaptureTable;

/// How many resamples, and the seed that makes them reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BootstrapSettings {
    pub resamples: usize,
    pub seed: u64,
}

impl Default for BootstrapSettings {
    /// 1,000 resamples, as SparseMSE.
    fn default() -> Self {
        BootstrapSettings { resamples: 1000, seed: 1 }
    }
}

/// The bootstrap's interval and what it rests on.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Bootstrap {
    pub settings: BootstrapSettings,
    /// The BCa 95% interval.
    pub interval: (f64, f64),
    /// The plain percentile interval (2.5% and 97.5% quantiles of the resample estimates).
    pub percentile: (f64, f64),
    pub bias_correction: f64,
    pub acceleration: f64,
    /// Resamples for which no model could be fitted (left out of the quantiles).
    pub failed: usize,
    /// The resample estimates, in resample order (`None` for a failed one).
    pub estimates: Vec<Option<f64>>,
}

/// Why there is no interval.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BootstrapError {
    #[error("at least 10 resamples are needed, not {0}")]
    TooFewResamples(usize),
    #[error("no model could be fitted to {failed} of {resamples} resamples: too few remain for an interval")]
    TooManyFailures { failed: usize, resamples: usize },
}

/// One multinomial resample of the observed persons.
pub fn resample(table: &CaptureTable, rng: &mut impl Rng) -> CaptureTable {
    let patterns: Vec<usize> = (1..table.counts.len()).filter(|&p| table.counts[p] > 0).collect();
    let mut cumulative = Vec::with_capacity(patterns.len());
    let mut sum = 0u64;
    for &p in &patterns {
        sum += table.counts[p];
        cumulative.push(sum);
    }
    let mut counts = vec![0u64; table.counts.len()];
    for _ in 0..sum {
        let person = rng.gen_range(0..sum);
        let row = cumulative.partition_point(|&c| c <= person);
        counts[patterns[row]] += 1;
    }
    CaptureTable { lists: table.lists.clone(), counts }
}

/// The BCa interval of `estimator` (which chooses its model and returns the total, `None` when nothing can
/// be fitted), whose value on the data is `estimate`. `progress` is called once per finished resample, from
/// any thread.
pub fn bca(
    table: &CaptureTable,
    estimate: f64,
    estimator: impl Fn(&CaptureTable) -> Option<f64> + Sync,
    settings: BootstrapSettings,
    progress: &(dyn Fn() + Sync),
) -> Result<Bootstrap, BootstrapError> {
    if settings.resamples < 10 {
        return Err(BootstrapError::TooFewResamples(settings.resamples));
    }
    let estimates: Vec<Option<f64>> = (0..settings.resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
            rng.set_stream(b as u64);
            let value = estimator(&resample(table, &mut rng)).filter(|e| e.is_finite());
            progress();
            value
        })
        .collect();
    let mut sorted: Vec<f64> = estimates.iter().flatten().copied().collect();
    let failed = settings.resamples - sorted.len();
    if sorted.len() < 10 || failed * 2 > settings.resamples {
        return Err(BootstrapError::TooManyFailures { failed, resamples: settings.resamples });
    }
    sorted.sort_by(f64::total_cmp);

    let normal = Normal::standard();
    let below = sorted.iter().filter(|&&e| e < estimate).count() as f64;
    let bias_correction = normal.inverse_cdf(below / sorted.len() as f64);
    let acceleration = acceleration(table, &estimator);
    let end = |alpha: f64| {
        let z = normal.inverse_cdf(alpha);
        let adjusted =
            normal.cdf(bias_correction + (bias_correction + z) / (1.0 - acceleration * (bias_correction + z)));
        quantile8(&sorted, adjusted)
    };
    Ok(Bootstrap {
        settings,
        interval: (end(0.025), end(0.975)),
        percentile: (quantile8(&sorted, 0.025), quantile8(&sorted, 0.975)),
        bias_correction,
        acceleration,
        failed,
        estimates,
    })
}

/// The jackknife's acceleration: leave one person out at a time, grouped by pattern and weighted by count.
fn acceleration(table: &CaptureTable, estimator: &(impl Fn(&CaptureTable) -> Option<f64> + Sync)) -> f64 {
    let left_out: Vec<(f64, f64)> = (1..table.counts.len())
        .filter(|&p| table.counts[p] > 0)
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|p| {
            let mut fewer = table.clone();
            fewer.counts[p] -= 1;
            estimator(&fewer).map(|value| (table.counts[p] as f64, value))
        })
        .collect();
    let weight: f64 = left_out.iter().map(|(w, _)| w).sum();
    let mean = left_out.iter().map(|(w, v)| w * v).sum::<f64>() / weight;
    let (mut cubes, mut squares) = (0.0, 0.0);
    for (w, v) in &left_out {
        let d = mean - v;
        cubes += w * d * d * d;
        squares += w * d * d;
    }
    if squares > 0.0 {
        cubes / (6.0 * squares.powf(1.5))
    } else {
        0.0
    }
}

/// Hyndman and Fan's type-8 quantile (median-unbiased; R's `quantile(type = 8)`) of sorted values.
pub fn quantile8(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 || p.is_nan() {
        return f64::NAN;
    }
    let h = (n as f64 + 1.0 / 3.0) * p + 1.0 / 3.0;
    if h <= 1.0 {
        return sorted[0];
    }
    if h >= n as f64 {
        return sorted[n - 1];
    }
    let k = h.floor() as usize;
    sorted[k - 1] + (h - k as f64) * (sorted[k] - sorted[k - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_8_quantiles_as_r_computes_them() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0.1, 0.5, 0.9), type = 8) = 1, 4, 16 (clamped) and interior
        // values: quantile(1:10, 0.25, type = 8) = 2.916667.
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!((quantile8(&values, 0.25) - 2.916_666_666_666_667).abs() < 1e-12);
        assert_eq!(quantile8(&[1.0, 2.0, 4.0, 8.0, 16.0], 0.5), 4.0);
        assert_eq!(quantile8(&[1.0, 2.0], 0.001), 1.0);
        assert_eq!(quantile8(&[1.0, 2.0], 0.999), 2.0);
    }

    #[test]
    fn a_resample_keeps_the_observed_count_and_patterns() {
        let table = CaptureTable { lists: vec!["A".into(), "B".into()], counts: vec![0, 30, 20, 5] };
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let drawn = resample(&table, &mut rng);
        assert_eq!(drawn.observed(), 55);
        assert_eq!(drawn.counts[0], 0);
    }
}
