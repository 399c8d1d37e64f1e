//! Sørensen–Dice similarity of two keys, `2·|a∧b| / (|a| + |b|)`, and the threshold pairs must reach.

use std::fmt;

use crate::keys::KeySet;

/// A similarity threshold in (0, 1]: once it exists, it is valid.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Threshold(f64);

/// A threshold outside (0, 1].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("a similarity threshold lies above 0 and at most 1, not {0}")]
pub struct ThresholdError(pub String);

impl Threshold {
    pub fn new(value: f64) -> Result<Threshold, ThresholdError> {
        if value > 0.0 && value <= 1.0 {
            Ok(Threshold(value))
        } else {
            Err(ThresholdError(value.to_string()))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// The smallest number of common bits that keys of `a` and `b` set bits need to reach the threshold:
    /// `2c ≥ t(a+b)`. Comparing counts as integers avoids a division per pair; the small tolerance keeps a
    /// pair exactly at the threshold (0.8 of a count that is a multiple of 5) on the accepted side.
    #[inline]
    pub fn min_common(self, a: u32, b: u32) -> u32 {
        let needed = self.0 * f64::from(a + b) / 2.0;
        (needed - 1e-9).ceil().max(0.0) as u32
    }

    /// Whether keys with `a` and `b` set bits can reach the threshold at all: they share at most `min(a, b)`.
    #[inline]
    pub fn counts_compatible(self, a: u32, b: u32) -> bool {
        a + b > 0 && a.min(b) >= self.min_common(a, b)
    }
}

/// A threshold's bound on common bits for every possible sum of two keys' counts, looked up instead of
/// computed: the comparison loop then does no floating-point work until a pair is found.
#[derive(Debug, Clone)]
pub struct CommonBound {
    needed: Vec<u32>,
}

impl CommonBound {
    /// The bounds for keys of `bits` bits.
    pub fn new(threshold: Threshold, bits: usize) -> CommonBound {
        let max = 2 * bits as u32;
        CommonBound { needed: (0..=max).map(|sum| threshold.min_common(sum, 0)).collect() }
    }

    /// The fewest common bits keys with `a` and `b` set bits need; more than either has when they cannot
    /// reach the threshold at all (and for two empty keys, whose Dice is 0).
    #[inline]
    pub fn needed(&self, a: u32, b: u32) -> u32 {
        let sum = a + b;
        if sum == 0 {
            return 1;
        }
        self.needed[sum as usize]
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The number of bits set in both keys.
#[inline]
pub fn common_bits(a: &[u64], b: &[u64]) -> u32 {
    // Sixteen words (1,024 bits, the usual key) in a fixed-size loop the compiler unrolls.
    if let (Ok(a), Ok(b)) = (<&[u64; 16]>::try_from(a), <&[u64; 16]>::try_from(b)) {
        let mut sum = 0;
        for i in 0..16 {
            sum += (a[i] & b[i]).count_ones();
        }
        return sum;
    }
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

/// Dice similarity from the common bits and the two counts (0 when both keys are empty).
#[inline]
pub fn dice_from_counts(common: u32, a: u32, b: u32) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        2.0 * f64::from(common) / f64::from(a + b)
    }
}

/// The Dice similarity of key `i` of `a` and key `j` of `b`.
#[inline]
pub fn dice(a: &KeySet, i: usize, b: &KeySet, j: usize) -> f64 {
    dice_from_counts(common_bits(a.words(i), b.words(j)), a.count(i), b.count(j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(bytes: &[Vec<u8>]) -> KeySet {
        let mut set = KeySet::new(bytes[0].len() * 8);
        for b in bytes {
            set.push_bytes(b);
        }
        set
    }

    #[test]
    fn dice_of_known_keys() {
        let set = keys(&[vec![0b1111_0000], vec![0b1100_1100], vec![0]]);
        assert_eq!(dice(&set, 0, &set, 1), 0.5);
        assert_eq!(dice(&set, 0, &set, 0), 1.0);
        assert_eq!(dice(&set, 2, &set, 2), 0.0, "two empty keys");
    }

    proptest! {
        #[test]
        fn min_common_agrees_with_the_division(a in 0u32..2048, b in 0u32..2048, c in 0u32..2048, t in 1u32..=100) {
            let threshold = Threshold::new(f64::from(t) / 100.0).unwrap();
            prop_assume!(c <= a.min(b));
            let by_division = dice_from_counts(c, a, b) >= threshold.get() - 1e-12;
            prop_assert_eq!(c >= threshold.min_common(a, b) && a + b > 0, by_division && a + b > 0);
        }

        #[test]
        fn dice_is_symmetric_and_bounded(x in proptest::collection::vec(any::<u8>(), 128), y in proptest::collection::vec(any::<u8>(), 128)) {
            let set = keys(&[x, y]);
            let d = dice(&set, 0, &set, 1);
            prop_assert_eq!(d, dice(&set, 1, &set, 0));
            prop_assert!((0.0..=1.0).contains(&d));
        }
    }
}
