//! A set of linkage keys of one length, packed for fast comparison.
//!
//! Keys are stored as 64-bit words in one contiguous vector (bit `j` of a key is bit `63 − j mod 64` of word
//! `j / 64`, the order of the key's bytes), each with its number of set bits kept beside it, so a Dice
//! comparison is a handful of AND and POPCNT instructions on memory read in order.

/// Keys of `bits` bits each, in record order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    bits: usize,
    words: usize,
    data: Vec<u64>,
    counts: Vec<u32>,
}

impl KeySet {
    /// An empty set of keys of `bits` bits.
    pub fn new(bits: usize) -> KeySet {
        assert!(bits > 0, "a key has at least one bit");
        KeySet { bits, words: bits.div_ceil(64), data: Vec::new(), counts: Vec::new() }
    }

    /// Appends a key given as bytes (clkhash's order: bit `j` is `byte[j/8] & (0x80 >> j%8)`). Bits past
    /// `bits` in the last byte are ignored.
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        assert_eq!(
            bytes.len(),
            self.bits.div_ceil(8),
            "a key of {} bits has {} bytes",
            self.bits,
            self.bits.div_ceil(8)
        );
        let start = self.data.len();
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.data.push(u64::from_be_bytes(word));
        }
        if !self.bits.is_multiple_of(64) {
            let last = self.data.len() - 1;
            self.data[last] &= !0u64 << (64 - self.bits % 64);
        }
        let count = self.data[start..].iter().map(|w| w.count_ones()).sum();
        self.counts.push(count);
    }

    /// The key at `index` as bytes, as clkhash writes it.
    pub fn bytes(&self, index: usize) -> Vec<u8> {
        let mut out: Vec<u8> = self.words(index).iter().flat_map(|w| w.to_be_bytes()).collect();
        out.truncate(self.bits.div_ceil(8));
        out
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The length of each key in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The words of the key at `index`.
    #[inline]
    pub fn words(&self, index: usize) -> &[u64] {
        &self.data[index * self.words..(index + 1) * self.words]
    }

    /// Every key's words, one key after another.
    #[inline]
    pub fn data(&self) -> &[u64] {
        &self.data
    }

    /// Every key's number of set bits.
    #[inline]
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// Words per key.
    #[inline]
    pub fn words_per_key(&self) -> usize {
        self.words
    }

    /// The number of set bits of the key at `index`.
    #[inline]
    pub fn count(&self, index: usize) -> u32 {
        self.counts[index]
    }

    /// Whether bit `position` of the key at `index` is set.
    #[inline]
    pub fn bit(&self, index: usize, position: usize) -> bool {
        self.data[index * self.words + position / 64] >> (63 - position % 64) & 1 == 1
    }

    /// Appends every key of `other` (of the same length).
    pub fn extend(&mut self, other: &KeySet) {
        assert_eq!(self.bits, other.bits, "keys of one set have one length");
        self.data.extend_from_slice(&other.data);
        self.counts.extend_from_slice(&other.counts);
    }

    /// Memory held, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.data.capacity() * 8 + self.counts.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::KeySet;

    #[test]
    fn bytes_round_trip_and_counts() {
        let mut keys = KeySet::new(20);
        keys.push_bytes(&[0xff, 0x01, 0xff]);
        assert_eq!(keys.bytes(0), [0xff, 0x01, 0xf0], "bits past the length are dropped");
        assert_eq!(keys.count(0), 8 + 1 + 4);
        assert!(keys.bit(0, 0) && keys.bit(0, 15) && !keys.bit(0, 14));
    }
}
