//! The profile-likelihood interval of the population size (Cormack 1992; Rcapture; Silverman 2014).
//!
//! For a total N, the unobserved cell holds z = N − observed persons. The multinomial likelihood of the
//! whole table (the unobserved cell included) under the model, maximised over the model's parameters, is
//! ℓ(N) = ln N! − ln z! − Σ ln n_ω! + Σ n_ω ln(μ̂_ω / N), with μ̂ the Poisson fit to the complete table
//! (z taken as a count). The point is the N that maximises ℓ (close to, but not, the Poisson fit's
//! observed + exp(intercept)); the 95% interval is {N : ℓ(N) ≥ ℓ_max − χ²₁(0.95) / 2}.

use crate::histories::CaptureTable;
use crate::model::{design, fit, irls, Design, FitError, Model};
use crate::poisson::ln_gamma;

/// χ²₁(0.95) / 2.
const HALF_CHI2_95: f64 = 1.920_729_410_347_062;
/// How far above the observed count the search looks before it calls the interval open-ended.
const FURTHEST: f64 = 1000.0;

/// The profile-likelihood estimate and interval.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Profile {
    /// The total that maximises the profile likelihood.
    pub total: f64,
    pub low: f64,
    /// `None` when the likelihood does not fall far enough within a thousand times the observed count:
    /// the data put no upper bound on the number of victims.
    pub high: Option<f64>,
}

/// The profile log-likelihood (without the constant −Σ ln n_ω!) at z persons unobserved.
struct Likelihood {
    design: Design,
    /// The counts of the design's cells; the first, the unobserved cell, is set for each z.
    counts: Vec<f64>,
    observed: f64,
}

impl Likelihood {
    fn at(&self, z: f64) -> Result<f64, FitError> {
        let mut counts = self.counts.clone();
        counts[0] = z;
        let fitted = irls(&self.design, &counts)?;
        let n = self.observed + z;
        let sum: f64 = counts.iter().zip(&fitted.mu).filter(|(&y, _)| y > 0.0).map(|(&y, &mu)| y * (mu / n).ln()).sum();
        Ok(ln_gamma(n + 1.0) - ln_gamma(z + 1.0) + sum)
    }
}

/// The profile-likelihood point and 95% interval of the total under `model`.
pub fn profile(table: &CaptureTable, model: &Model) -> Result<Profile, FitError> {
    let poisson = fit(table, model)?;
    let design = design(table, model, true);
    let counts: Vec<f64> = design.cells.iter().map(|&p| table.counts[p] as f64).collect();
    let observed = table.observed() as f64;
    let likelihood = Likelihood { design, counts, observed };
    let furthest = FURTHEST * observed.max(poisson.unobserved);

    // The maximum: golden-section search on ln(1 + z), which keeps the steps even across magnitudes.
    const PHI: f64 = 0.618_033_988_749_894_9;
    let to_z = |u: f64| u.exp() - 1.0;
    let (mut a, mut b) = (0.0f64, (1.0 + furthest).ln());
    let mut c = b - PHI * (b - a);
    let mut d = a + PHI * (b - a);
    let (mut fc, mut fd) = (likelihood.at(to_z(c))?, likelihood.at(to_z(d))?);
    while b - a > 1e-12 * (1.0 + b) {
        if fc >= fd {
            (b, d, fd) = (d, c, fc);
            c = b - PHI * (b - a);
            fc = likelihood.at(to_z(c))?;
        } else {
            (a, c, fc) = (c, d, fd);
            d = a + PHI * (b - a);
            fd = likelihood.at(to_z(d))?;
        }
    }
    let z_max = to_z((a + b) / 2.0);
    let cutoff = likelihood.at(z_max)? - HALF_CHI2_95;

    // Where the likelihood crosses the cut-off, by bisection between a point above it and one below.
    let crossing = |mut inside: f64, mut outside: f64| -> Result<f64, FitError> {
        while (outside - inside).abs() > 1e-9 * (observed + inside) {
            let middle = (inside + outside) / 2.0;
            if likelihood.at(middle)? >= cutoff {
                inside = middle;
            } else {
                outside = middle;
            }
        }
        Ok((inside + outside) / 2.0)
    };
    let low = if likelihood.at(0.0)? >= cutoff { 0.0 } else { crossing(z_max, 0.0)? };
    let mut far = 2.0 * z_max + 1.0;
    let high = loop {
        if far > furthest {
            break None;
        }
        if likelihood.at(far)? < cutoff {
            break Some(crossing(z_max, far)?);
        }
        far *= 2.0;
    };
    Ok(Profile { total: observed + z_max, low: observed + low, high: high.map(|z| observed + z) })
}
