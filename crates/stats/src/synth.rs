//! Plausible, generated national submissions for trying Rapporteur: never real, and labelled synthetic in
//! every table they make (`Table::synthetic`), which every page and export carries on.
//!
//! Figures are drawn person by person: each synthetic victim gets a sex, age, citizenship, form of
//! exploitation, status and registering organisation, and the tables are the marginals of those draws, so
//! every breakdown adds up to its total by construction. Proportions follow the rough shape of Eurostat's
//! published EU shares (about two thirds women and girls, a fifth children, half sexual exploitation);
//! levels follow population with a random walk over the years.

use crate::codes::{Dataflow, Dimension, Geo};
use crate::dataset::{Cell, Dataset, Observation, Table, TableId, MAX_DIMENSIONS};
use std::ops::RangeInclusive;

/// How much of the cross-classification to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The tables countries typically have: the total, each one-way breakdown, and sex by age and sex by
    /// form of exploitation (about 60 cells a year for victims).
    Tables,
    /// Every cell of the full cross-classification (23,760 a year for victims): for load and speed tests.
    Full,
}

/// A small, seeded generator (SplitMix64). Written here rather than taken from `rand` because the files must
/// stay the same for the same seed across versions, which `rand`'s `StdRng` does not promise.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An index drawn with the given weights.
    fn pick(&mut self, weights: &[f64]) -> u8 {
        let total: f64 = weights.iter().sum();
        let mut target = self.next_f64() * total;
        for (index, weight) in weights.iter().enumerate() {
            if target < *weight {
                return index as u8;
            }
            target -= weight;
        }
        (weights.len() - 1) as u8
    }
}

/// Population in millions (Eurostat, 1 January 2023, rounded), in the order of [`Geo::member_states`].
const POPULATION: [f64; 27] = [
    9.1, 11.7, 6.4, 3.9, 0.9, 10.8, 5.9, 1.4, 5.6, 68.2, 84.4, 10.4, 9.6, 5.3, 58.9, 1.9, 2.9, 0.7, 0.5, 17.8, 36.8,
    10.5, 19.1, 5.4, 2.1, 48.1, 10.5,
];

/// Weights of each dimension's codes (the total excluded), in code-list order.
fn weights(dimension: Dimension) -> &'static [f64] {
    match dimension {
        Dimension::LegStat => &[1.0, 1.0, 1.0],
        Dimension::Sex => &[65.0, 33.0, 2.0],
        Dimension::Age => &[20.0, 75.0, 5.0],
        Dimension::Citizen => &[40.0, 20.0, 35.0, 5.0],
        Dimension::Exploit => &[50.0, 30.0, 6.0, 3.0, 0.3, 1.0, 0.2, 0.2, 5.0, 4.3],
        Dimension::Status => &[60.0, 40.0],
        Dimension::RegOrg => &[50.0, 8.0, 2.0, 20.0, 6.0, 5.0, 5.0, 4.0],
    }
}

/// The cells a country typically reports: the total, each one-way breakdown, sex × age and sex × exploitation.
fn typical(dataflow: Dataflow, cell: Cell) -> bool {
    let broken = cell.breakdown(dataflow);
    let without_legal_status: Vec<Dimension> = broken.into_iter().filter(|d| *d != Dimension::LegStat).collect();
    matches!(
        without_legal_status.as_slice(),
        [] | [_] | [Dimension::Sex, Dimension::Age] | [Dimension::Sex, Dimension::Exploit]
    )
}

/// Synthetic submissions for the 27 Member States over `years`. About one country-year in twenty is left out,
/// as happens with late reporting, so that coverage has something to say.
pub fn generate(seed: u64, years: RangeInclusive<u16>, detail: Detail) -> Dataset {
    let mut rng = SplitMix64::new(seed);
    let mut dataset = Dataset::new();
    for geo in Geo::member_states() {
        // Registered victims per million inhabitants: between 2 and 40, as national rates differ widely.
        let mut rate = 2.0 + rng.next_f64() * 38.0;
        for year in years.clone() {
            rate *= 0.85 + rng.next_f64() * 0.35;
            rate = rate.clamp(1.0, 60.0);
            if rng.next_f64() < 0.05 {
                continue;
            }
            let victims = (rate * POPULATION[geo.index()]).round() as u64;
            let table = draw_table(&mut rng, TableId { dataflow: Dataflow::Victims, geo, year }, victims, detail);
            dataset.insert_table(table);
            let persons = (victims as f64 * (0.6 + rng.next_f64() * 0.6)).round() as u64;
            let table = draw_table(&mut rng, TableId { dataflow: Dataflow::Persons, geo, year }, persons, detail);
            dataset.insert_table(table);
        }
    }
    dataset
}

/// Draws `people` persons into the leaves of the cross-classification and writes the marginals `detail` asks
/// for. For persons, each legal status gets its own draw, shrinking from suspects to convictions.
fn draw_table(rng: &mut SplitMix64, id: TableId, people: u64, detail: Detail) -> Table {
    let dataflow = id.dataflow;
    let dimensions = dataflow.dimensions();
    let mut leaves = vec![0u64; dataflow.cell_count() as usize];
    let draws: Vec<(Option<u8>, u64)> = match dataflow {
        Dataflow::Victims => vec![(None, people)],
        Dataflow::Persons => vec![(Some(0), people), (Some(1), people * 3 / 5), (Some(2), people / 3)],
    };
    for (legal_status, count) in draws {
        for _ in 0..count {
            let mut codes = [0u8; MAX_DIMENSIONS];
            for (position, dimension) in dimensions.iter().enumerate() {
                codes[position] = match (dimension, legal_status) {
                    (Dimension::LegStat, Some(status)) => status,
                    _ => rng.pick(weights(*dimension)),
                };
            }
            leaves[Cell::from_codes(dataflow, &codes[..dimensions.len()]).index() as usize] += 1;
        }
    }
    // Every cell's value is the sum of the leaves below it: add each leaf into all 2^k cells that replace
    // some of its codes by the totals.
    let mut sums = vec![0u64; leaves.len()];
    let totalled: Vec<usize> = (0..dimensions.len()).filter(|p| dimensions[*p].total().is_some()).collect();
    for (index, count) in leaves.iter().enumerate() {
        if *count == 0 {
            continue;
        }
        let leaf = Cell::from_index(dataflow, index as u32).expect("index within the dataflow");
        for mask in 0u32..(1 << totalled.len()) {
            let mut cell = leaf;
            for (bit, position) in totalled.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    let total = dimensions[*position].total().expect("a totalled dimension");
                    cell = cell.with(dataflow, *position, total);
                }
            }
            sums[cell.index() as usize] += count;
        }
    }
    let mut table = Table::new(id);
    table.synthetic = true;
    let reg_org_position = dimensions.iter().position(|d| *d == Dimension::RegOrg);
    for (index, value) in sums.into_iter().enumerate() {
        let cell = Cell::from_index(dataflow, index as u32).expect("index within the dataflow");
        if detail == Detail::Tables && !typical(dataflow, cell) {
            continue;
        }
        // Registering organisations are an indicator since Directive (EU) 2024/1712: older years lack them.
        if let Some(position) = reg_org_position {
            if id.year < 2021 && Some(cell.code(dataflow, position)) != Dimension::RegOrg.total() {
                continue;
            }
        }
        table.insert(cell, Observation::count(value));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::check_additivity;
    use crate::validate::describe_place;

    #[test]
    fn the_same_seed_gives_the_same_figures_and_every_table_adds_up() {
        let a = generate(7, 2019..=2022, Detail::Tables);
        assert_eq!(a, generate(7, 2019..=2022, Detail::Tables));
        assert_ne!(a, generate(8, 2019..=2022, Detail::Tables));
        assert!(a.tables().count() > 150);
        for table in a.tables() {
            assert!(table.synthetic);
            assert!(check_additivity(table, &describe_place).is_empty(), "{}", table.id);
        }
    }

    #[test]
    fn full_detail_covers_every_cell() {
        let full = generate(1, 2023..=2023, Detail::Full);
        let table = full.tables().find(|t| t.id.dataflow == Dataflow::Victims).unwrap();
        assert_eq!(table.len() as u32, Dataflow::Victims.cell_count());
        assert!(check_additivity(table, &describe_place).is_empty());
    }
}
