//! What a run keeps and shows: its settings, and its result as JSON (the store keeps it opaque): counts,
//! per-source figures, overlaps, capture histories and breakdowns, all counts of persons and never a key.

use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::cluster::{Breakdown, Linkage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A run's settings besides its threshold, as the store keeps them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct RunSettings {
    pub merge_fraction: f64,
}

/// What a finished run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RunResult {
    /// Distinct persons across all sources.
    pub persons: u64,
    /// Records in all sources.
    pub records: u64,
    /// Pairs of records at or above the threshold.
    pub links: u64,
    /// Similarities computed.
    pub comparisons: u64,
    pub threshold: f64,
    /// The share of cross pairs two groups of records needed to merge.
    pub merge_fraction: f64,
    pub blocking: BlockingUsed,
    /// The sources in the order of the capture histories' columns.
    pub sources: Vec<SourceResult>,
    /// Persons seen by both sources, for every pair of sources.
    pub overlaps: Vec<Overlap>,
    /// Persons by the sources that saw them (the table multiple systems estimation reads).
    pub histories: Vec<CaptureHistory>,
    /// Persons by each attribute all sources gave, one value per person (see the linkage crate).
    pub breakdowns: Vec<BreakdownResult>,
}

/// How candidate pairs were chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BlockingUsed {
    /// `all-pairs` or `lsh` (Hamming locality-sensitive hashing on the keys).
    pub method: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tables: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bits_per_table: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub seed: Option<u64>,
}

impl From<Blocking> for BlockingUsed {
    fn from(blocking: Blocking) -> BlockingUsed {
        match blocking {
            Blocking::AllPairs => {
                BlockingUsed { method: "all-pairs".into(), tables: None, bits_per_table: None, seed: None }
            }
            Blocking::Lsh(p) => BlockingUsed {
                method: "lsh".into(),
                tables: Some(p.tables),
                bits_per_table: Some(p.bits_per_table),
                seed: Some(p.seed),
            },
        }
    }
}

/// One source's upload as the run read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SourceResult {
    pub upload_id: i64,
    pub organisation: String,
    pub records: u64,
    /// Distinct persons among its records.
    pub persons: u64,
}

/// Persons seen by two sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Overlap {
    pub first: String,
    pub second: String,
    pub persons: u64,
}

/// Persons seen by exactly the sources marked 1 (in the order of `sources`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaptureHistory {
    pub pattern: Vec<u8>,
    pub persons: u64,
}

/// Persons by the values of one attribute; the empty value is "not known".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BreakdownResult {
    pub attribute: String,
    pub persons: BTreeMap<String, u64>,
}

/// An upload a run read, as the store keeps the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct UploadUsed {
    pub id: i64,
    pub organisation: String,
}

impl RunResult {
    /// The result of a linkage of `uploads` (in the order linked).
    pub fn of(
        linkage: &Linkage,
        uploads: &[UploadUsed],
        breakdowns: Vec<Breakdown>,
        threshold: f64,
        merge_fraction: f64,
        blocking: Blocking,
    ) -> RunResult {
        let h = &linkage.histories;
        let n = uploads.len();
        let sources = uploads
            .iter()
            .enumerate()
            .map(|(s, u)| SourceResult {
                upload_id: u.id,
                organisation: u.organisation.clone(),
                records: linkage.records.get(s).copied().unwrap_or(0) as u64,
                persons: h.seen_by(s),
            })
            .collect();
        let mut overlaps = Vec::new();
        for s in 0..n {
            for t in s + 1..n {
                overlaps.push(Overlap {
                    first: uploads[s].organisation.clone(),
                    second: uploads[t].organisation.clone(),
                    persons: h.overlap(s, t),
                });
            }
        }
        // The order of the CSV: patterns seen by the first source first.
        let bits = |p: u64| (0..n).map(|s| (p >> s & 1) as u8).collect::<Vec<u8>>();
        let mut histories: Vec<CaptureHistory> =
            h.counts.iter().map(|(p, c)| CaptureHistory { pattern: bits(*p), persons: *c }).collect();
        histories.sort_by(|x, y| y.pattern.cmp(&x.pattern));
        RunResult {
            persons: linkage.persons as u64,
            records: linkage.records.iter().sum::<usize>() as u64,
            links: linkage.links as u64,
            comparisons: linkage.comparisons,
            threshold,
            merge_fraction,
            blocking: blocking.into(),
            sources,
            overlaps,
            histories,
            breakdowns: breakdowns
                .into_iter()
                .map(|b| BreakdownResult { attribute: b.attribute, persons: b.persons })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapporteur_linkage::cluster::CaptureHistories;

    #[test]
    fn a_result_counts_sources_pairs_and_histories() {
        let mut counts = BTreeMap::new();
        counts.insert(0b01, 5);
        counts.insert(0b11, 2);
        counts.insert(0b10, 3);
        let linkage = Linkage {
            sources: vec!["bka".into(), "kok".into()],
            records: vec![8, 6],
            person: Vec::new(),
            persons: 10,
            links: 4,
            comparisons: 91,
            histories: CaptureHistories { sources: vec!["bka".into(), "kok".into()], counts },
        };
        let uploads =
            [UploadUsed { id: 7, organisation: "bka".into() }, UploadUsed { id: 9, organisation: "kok".into() }];
        let result = RunResult::of(&linkage, &uploads, Vec::new(), 0.8, 0.5, Blocking::AllPairs);
        assert_eq!((result.persons, result.records), (10, 14));
        assert_eq!(
            result.sources[0],
            SourceResult { upload_id: 7, organisation: "bka".into(), records: 8, persons: 7 }
        );
        assert_eq!(result.overlaps, [Overlap { first: "bka".into(), second: "kok".into(), persons: 2 }]);
        let patterns: Vec<(Vec<u8>, u64)> = result.histories.iter().map(|h| (h.pattern.clone(), h.persons)).collect();
        assert_eq!(patterns, [(vec![1, 1], 2), (vec![1, 0], 5), (vec![0, 1], 3)], "as the CSV orders them");
        let text = serde_json::to_string(&result).unwrap();
        assert_eq!(serde_json::from_str::<RunResult>(&text).unwrap(), result);
    }
}
