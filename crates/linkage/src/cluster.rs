//! Linking any number of sources into persons, and what multiple systems estimation needs from them: the
//! capture histories (which sources saw each person), the overlaps, and breakdowns by attribute.
//!
//! All records of all sources are compared with one another (within a source too: one organisation may
//! register a person twice). Clustering is greedy average linkage: pairs are taken by similarity,
//! highest first, and two groups of records merge when the pairs seen between them reach `merge_fraction`
//! of all their cross pairs. A single strong pair joins two single records; two large groups need many links
//! between them, so one chance resemblance cannot chain two persons' records together, as plain transitive
//! closure would.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use crate::blocking::Blocking;
use crate::keyfile::Attributes;
use crate::keys::KeySet;
use crate::matching::{similar_pairs, sort_for_solving, Pair, Progress};
use crate::similarity::Threshold;

/// How sources are linked.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    pub threshold: Threshold,
    pub blocking: Blocking,
    /// The share of cross pairs two groups need to merge, in (0, 1].
    pub merge_fraction: f64,
}

/// The persons found across sources.
#[derive(Debug, Clone)]
pub struct Linkage {
    pub sources: Vec<String>,
    /// Each source's number of records.
    pub records: Vec<usize>,
    /// The person of every record, sources one after another in the order given, persons numbered from 0.
    pub person: Vec<u32>,
    pub persons: usize,
    /// Pairs at or above the threshold.
    pub links: usize,
    pub comparisons: u64,
    pub histories: CaptureHistories,
}

/// How many persons were seen by each combination of sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureHistories {
    pub sources: Vec<String>,
    /// Bit `s` of a pattern is set when source `s` saw the person.
    pub counts: BTreeMap<u64, u64>,
}

/// The most sources one linkage takes (capture patterns are 64-bit masks; estimation uses far fewer).
pub const MAX_SOURCES: usize = 64;

/// Links the sources' keys (all of one length) into persons.
pub fn link_sources(names: &[String], keys: &[&KeySet], options: &ClusterOptions, progress: Progress<'_>) -> Linkage {
    assert_eq!(names.len(), keys.len(), "one name per source");
    assert!(!keys.is_empty() && keys.len() <= MAX_SOURCES, "1 to {MAX_SOURCES} sources");
    let mut all = KeySet::new(keys[0].bits());
    let mut source_of = Vec::new();
    for (s, k) in keys.iter().enumerate() {
        all.extend(k);
        source_of.extend(std::iter::repeat_n(s as u8, k.len()));
    }
    let found = similar_pairs(&all, None, options.threshold, &options.blocking, progress);
    let links = found.pairs.len();
    let person = cluster(all.len(), found.pairs, options.merge_fraction);
    let persons = person.iter().map(|&p| p as usize + 1).max().unwrap_or(0);
    let mut seen = vec![0u64; persons];
    for (record, &p) in person.iter().enumerate() {
        seen[p as usize] |= 1 << source_of[record];
    }
    let mut counts = BTreeMap::new();
    for pattern in seen {
        *counts.entry(pattern).or_insert(0) += 1;
    }
    Linkage {
        sources: names.to_vec(),
        records: keys.iter().map(|k| k.len()).collect(),
        person,
        persons,
        links,
        comparisons: found.comparisons,
        histories: CaptureHistories { sources: names.to_vec(), counts },
    }
}

/// Greedy average-linkage clustering of `n` records by their similar pairs; returns each record's group,
/// numbered from 0 in the order of the records.
pub fn cluster(n: usize, mut pairs: Vec<Pair>, merge_fraction: f64) -> Vec<u32> {
    sort_for_solving(&mut pairs);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![1u64; n];
    // Links seen so far between two groups, kept at both groups' roots.
    let mut between: HashMap<u32, HashMap<u32, u64>> = HashMap::new();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for pair in pairs {
        let (ra, rb) = (root(&mut parent, pair.a), root(&mut parent, pair.b));
        if ra == rb {
            continue;
        }
        let seen = {
            let entry = between.entry(ra).or_default().entry(rb).or_insert(0);
            *entry += 1;
            *entry
        };
        *between.entry(rb).or_default().entry(ra).or_insert(0) += 1;
        if (seen as f64) < merge_fraction * (size[ra as usize] * size[rb as usize]) as f64 {
            continue;
        }
        let (big, small) = if size[ra as usize] >= size[rb as usize] { (ra, rb) } else { (rb, ra) };
        parent[small as usize] = big;
        size[big as usize] += size[small as usize];
        let small_links = between.remove(&small).unwrap_or_default();
        for (other, count) in small_links {
            if other == big {
                continue;
            }
            if let Some(theirs) = between.get_mut(&other) {
                theirs.remove(&small);
                *theirs.entry(big).or_insert(0) += count;
            }
            *between.entry(big).or_default().entry(other).or_insert(0) += count;
        }
        if let Some(mine) = between.get_mut(&big) {
            mine.remove(&small);
        }
    }
    let mut number: HashMap<u32, u32> = HashMap::new();
    (0..n as u32)
        .map(|x| {
            let r = root(&mut parent, x);
            let next = number.len() as u32;
            *number.entry(r).or_insert(next)
        })
        .collect()
}

impl CaptureHistories {
    /// The number of distinct persons.
    pub fn persons(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Persons seen by source `s`.
    pub fn seen_by(&self, s: usize) -> u64 {
        self.counts.iter().filter(|(p, _)| *p >> s & 1 == 1).map(|(_, c)| c).sum()
    }

    /// Persons seen by both sources `s` and `t`.
    pub fn overlap(&self, s: usize, t: usize) -> u64 {
        self.counts.iter().filter(|(p, _)| *p >> s & 1 == 1 && *p >> t & 1 == 1).map(|(_, c)| c).sum()
    }

    /// Writes the table multiple systems estimation reads: one 0/1 column per source, then `count`, one row
    /// per observed pattern (patterns seen by the first source first).
    pub fn write_csv(&self, mut out: impl Write) -> std::io::Result<()> {
        let header: Vec<String> = self.sources.iter().map(|s| csv_field(s)).collect();
        writeln!(out, "{},count", header.join(","))?;
        let mut rows: Vec<(&u64, &u64)> = self.counts.iter().collect();
        let bits = |p: u64| (0..self.sources.len()).map(move |s| p >> s & 1).collect::<Vec<_>>();
        rows.sort_by_key(|row| std::cmp::Reverse(bits(*row.0)));
        for (pattern, count) in rows {
            let cells: Vec<String> = bits(*pattern).iter().map(u64::to_string).collect();
            writeln!(out, "{},{count}", cells.join(","))?;
        }
        Ok(())
    }
}

fn csv_field(name: &str) -> String {
    if name.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_owned()
    }
}

/// Persons by the values of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub attribute: String,
    /// Value → persons, the value being what the person's records say (see [`person_attributes`]).
    pub persons: BTreeMap<String, u64>,
}

/// Whether a value says nothing.
fn unknown(value: &str) -> bool {
    value.is_empty() || value.eq_ignore_ascii_case("UNK") || value == ":"
}

/// Each person's value of every attribute the sources share. Where a person's records disagree, the value
/// most of them give wins (a value that says nothing, empty or `UNK`, only when none says more; a tie goes to
/// the smallest value); for `year` it is the earliest year of registration.
pub fn person_attributes(linkage: &Linkage, attributes: &[&Attributes]) -> Vec<(String, Vec<String>)> {
    let names: Vec<&str> = match attributes.first() {
        Some(first) => first
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .filter(|n| attributes.iter().all(|a| a.columns.iter().any(|c| c.name == *n)))
            .collect(),
        None => Vec::new(),
    };
    names
        .into_iter()
        .map(|name| {
            let mut votes: Vec<BTreeMap<&str, u32>> = vec![BTreeMap::new(); linkage.persons];
            let mut record = 0;
            for source in attributes {
                let column = source.columns.iter().find(|c| c.name == name).expect("filtered above");
                for i in 0..column.codes.len() {
                    *votes[linkage.person[record] as usize].entry(column.value(i)).or_insert(0) += 1;
                    record += 1;
                }
            }
            let values = votes
                .into_iter()
                .map(|v| {
                    let known = v.iter().filter(|(value, _)| !unknown(value));
                    let chosen = if name == "year" {
                        known.map(|(value, _)| *value).min()
                    } else {
                        known.max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))).map(|(value, _)| *value)
                    };
                    chosen.unwrap_or(if v.contains_key("UNK") { "UNK" } else { "" }).to_owned()
                })
                .collect();
            (name.to_owned(), values)
        })
        .collect()
}

/// Persons counted by each attribute's values.
pub fn breakdowns(linkage: &Linkage, attributes: &[&Attributes]) -> Vec<Breakdown> {
    person_attributes(linkage, attributes)
        .into_iter()
        .map(|(attribute, values)| {
            let mut persons = BTreeMap::new();
            for value in values {
                *persons.entry(value).or_insert(0) += 1;
            }
            Breakdown { attribute, persons }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyfile::AttributeColumn;

    fn pair(a: u32, b: u32, similarity: f64) -> Pair {
        Pair { a, b, similarity }
    }

    #[test]
    fn one_strong_pair_joins_records_but_a_single_link_does_not_chain_groups() {
        // 0-1 and 2-3 are persons; a single weaker link 1-2 must not join the two groups (1 of 4 pairs).
        let groups = cluster(5, vec![pair(0, 1, 0.95), pair(2, 3, 0.93), pair(1, 2, 0.85)], 0.5);
        assert_eq!(groups, [0, 0, 1, 1, 2]);
        // With the links of most cross pairs they merge.
        let merged = cluster(4, vec![pair(0, 1, 0.95), pair(2, 3, 0.93), pair(1, 2, 0.85), pair(0, 3, 0.84)], 0.5);
        assert_eq!(merged, [0, 0, 0, 0]);
    }

    #[test]
    fn capture_histories_written_as_estimation_reads_them() {
        let mut counts = BTreeMap::new();
        counts.insert(0b01, 5);
        counts.insert(0b11, 2);
        counts.insert(0b10, 3);
        let h = CaptureHistories { sources: vec!["police".into(), "ngo".into()], counts };
        let mut out = Vec::new();
        h.write_csv(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "police,ngo,count\n1,1,2\n1,0,5\n0,1,3\n");
        assert_eq!((h.persons(), h.seen_by(0), h.seen_by(1), h.overlap(0, 1)), (10, 7, 5, 2));
    }

    #[test]
    fn attributes_resolved_per_person() {
        let linkage = Linkage {
            sources: vec!["a".into(), "b".into()],
            records: vec![2, 2],
            person: vec![0, 1, 0, 1],
            persons: 2,
            links: 2,
            comparisons: 4,
            histories: CaptureHistories { sources: vec![], counts: BTreeMap::new() },
        };
        let a = Attributes {
            columns: vec![
                AttributeColumn::from_values("sex", ["F", "UNK"]),
                AttributeColumn::from_values("year", ["2022", "2021"]),
            ],
        };
        let b = Attributes {
            columns: vec![
                AttributeColumn::from_values("sex", ["UNK", "M"]),
                AttributeColumn::from_values("year", ["2020", "2023"]),
            ],
        };
        let resolved = person_attributes(&linkage, &[&a, &b]);
        assert_eq!(resolved[0], ("sex".to_owned(), vec!["F".to_owned(), "M".to_owned()]));
        assert_eq!(resolved[1], ("year".to_owned(), vec!["2020".to_owned(), "2021".to_owned()]));
    }
}
