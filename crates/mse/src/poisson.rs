//! The Poisson distribution's tails, for the stepwise rule's p-values.

/// ln(n!) by Lanczos' approximation of the gamma function (g = 7, nine terms: 15 significant digits).
pub fn ln_factorial(n: u64) -> f64 {
    ln_gamma(n as f64 + 1.0)
}

pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let t = x + G + 0.5;
    let series = C[0] + (1..9).map(|i| C[i] / (x + i as f64)).sum::<f64>();
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

/// P(X ≤ n) and P(X ≥ n) for X ~ Poisson(λ), summed from the term at n outwards.
pub fn tails(lambda: f64, n: u64) -> (f64, f64) {
    if lambda <= 0.0 {
        return (1.0, if n == 0 { 1.0 } else { 0.0 });
    }
    let at_n = (n as f64 * lambda.ln() - lambda - ln_factorial(n)).exp();
    let mut below = 0.0;
    let mut term = at_n;
    let mut k = n;
    while k > 0 {
        term *= k as f64 / lambda;
        below += term;
        k -= 1;
        if term < below * 1e-17 {
            break;
        }
    }
    let mut above = 0.0;
    let mut term = at_n;
    let mut k = n;
    loop {
        k += 1;
        term *= lambda / k as f64;
        above += term;
        if term < above * 1e-17 || term == 0.0 {
            break;
        }
    }
    ((below + at_n).min(1.0), (above + at_n).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert!((ln_factorial(10) - 3_628_800f64.ln()).abs() < 1e-10);
        let (le, ge) = tails(2.0, 0);
        assert!((le - (-2.0f64).exp()).abs() < 1e-15 && (ge - 1.0).abs() < 1e-12);
        // P(X ≤ 3) for λ = 5 is 0.2650259152973616.
        assert!((tails(5.0, 3).0 - 0.265_025_915_297_361_6).abs() < 1e-12);
        let (le, ge) = tails(1000.0, 1000);
        assert!((le + ge - 1.0 - (1000.0 * 1000f64.ln() - 1000.0 - ln_factorial(1000)).exp()).abs() < 1e-9);
    }
}
