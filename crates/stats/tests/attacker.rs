//! The attacker: realistic tables, as a Member State reports them (one-way breakdowns by every dimension and
//! the sex × age and sex × exploitation cross-tables, every margin given; one with sex × age × exploitation
//! too), are protected, and then attacked twice over what is published. By linear programming
//! ([`attacker_intervals`]), which must find every suppressed count in an interval at least as wide as the
//! rules ask and containing the true count; and by an independent interval propagation over the same
//! relations, written here from scratch, whose intervals are necessarily at least as wide as the linear
//! programme's: a linear programme that reported an interval wider than this simpler attacker's would be
//! wrong.

use rapporteur_stats::disclosure::{attacker_intervals, protect, relations, DisclosureRules, Protected};
use rapporteur_stats::{Cell, Confidentiality, Dataflow, Dimension, Geo, Observation, Table, TableId, Value};
use std::collections::HashMap;

/// A small deterministic generator (xorshift64*), so that the tables are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// An index drawn with the given weights.
    fn pick(&mut self, weights: &[u32]) -> u8 {
        let sum: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut draw = self.next() % sum;
        for (i, w) in weights.iter().enumerate() {
            if draw < u64::from(*w) {
                return i as u8;
            }
            draw -= u64::from(*w);
        }
        (weights.len() - 1) as u8
    }
}

/// The weights of the non-total codes of a dimension, skewed so that some codes are rare: those make the
/// small counts disclosure control is about.
fn weights(dimension: Dimension, sex: u8) -> &'static [u32] {
    match dimension {
        Dimension::Sex => &[68, 30, 2],
        Dimension::Age => &[22, 73, 5],
        Dimension::Citizen => &[35, 25, 36, 4],
        // Women more often trafficked for sexual exploitation, men for labour.
        Dimension::Exploit if sex == 0 => &[70, 10, 4, 3, 0, 6, 1, 1, 3, 2],
        Dimension::Exploit => &[12, 55, 12, 7, 1, 1, 0, 0, 8, 4],
        Dimension::Status => &[58, 42],
        Dimension::RegOrg => &[55, 6, 2, 16, 6, 9, 4, 2],
        Dimension::LegStat => &[50, 30, 20],
    }
}

/// A person's codes, one per dimension of the dataflow (never a total).
fn person(dataflow: Dataflow, rng: &mut Rng, leg_stat: u8) -> Vec<u8> {
    let sex = rng.pick(weights(Dimension::Sex, 0));
    dataflow
        .dimensions()
        .iter()
        .map(|&d| match d {
            Dimension::LegStat => leg_stat,
            Dimension::Sex => sex,
            d => rng.pick(weights(d, sex)),
        })
        .collect()
}

/// Tabulates `people` into the cells that break down at most the dimensions of one of `breakdowns` (legal
/// status always broken down, having no total), every margin included, zeros too.
fn tabulate(id: TableId, people: &[Vec<u8>], breakdowns: &[&[Dimension]]) -> Table {
    let dataflow = id.dataflow;
    let dims = dataflow.dimensions();
    let mut counts: HashMap<Cell, u64> = HashMap::new();
    for breakdown in breakdowns {
        let shown: Vec<bool> = dims.iter().map(|d| *d == Dimension::LegStat || breakdown.contains(d)).collect();
        // Every combination of codes, totals included, of the dimensions shown; the others at their total.
        let mut codes: Vec<u8> =
            dims.iter().zip(&shown).map(|(d, shown)| if *shown { 0 } else { d.total().unwrap_or(0) }).collect();
        'combinations: loop {
            let cell = Cell::from_codes(dataflow, &codes);
            let n = people
                .iter()
                .filter(|p| dims.iter().enumerate().all(|(i, d)| d.total() == Some(codes[i]) || codes[i] == p[i]))
                .count() as u64;
            counts.insert(cell, n);
            let mut position = 0;
            loop {
                if position == dims.len() {
                    break 'combinations;
                }
                if shown[position] && codes[position] + 1 < dims[position].len() {
                    codes[position] += 1;
                    break;
                }
                if shown[position] {
                    codes[position] = 0;
                }
                position += 1;
            }
        }
    }
    let mut table = Table::new(id);
    for (cell, n) in counts {
        table.insert(cell, Observation::count(n));
    }
    table
}

const VICTIM_BREAKDOWNS: &[&[Dimension]] = &[
    &[Dimension::Sex],
    &[Dimension::Age],
    &[Dimension::Citizen],
    &[Dimension::Exploit],
    &[Dimension::Status],
    &[Dimension::RegOrg],
    &[Dimension::Sex, Dimension::Age],
    &[Dimension::Sex, Dimension::Exploit],
];

const PERSON_BREAKDOWNS: &[&[Dimension]] = &[
    &[Dimension::Sex],
    &[Dimension::Age],
    &[Dimension::Citizen],
    &[Dimension::Exploit],
    &[Dimension::Sex, Dimension::Age],
];

/// Victims' tables from a handful of victims (nearly every count small) to a large country's.
fn victims_tables() -> Vec<Table> {
    let sizes = [4u64, 11, 23, 48, 97, 260, 1400];
    Geo::member_states()
        .zip(sizes)
        .enumerate()
        .map(|(i, (geo, size))| {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1));
            let people: Vec<Vec<u8>> = (0..size).map(|_| person(Dataflow::Victims, &mut rng, 0)).collect();
            tabulate(TableId { dataflow: Dataflow::Victims, geo, year: 2024 }, &people, VICTIM_BREAKDOWNS)
        })
        .collect()
}

/// A large country's sex × age × exploitation table (176 cells, every margin given), beside its one-way
/// breakdowns: many more relations per cell than the two-way tables.
fn three_way_table() -> Table {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let people: Vec<Vec<u8>> = (0..700).map(|_| person(Dataflow::Victims, &mut rng, 0)).collect();
    let mut breakdowns = VICTIM_BREAKDOWNS.to_vec();
    breakdowns.push(&[Dimension::Sex, Dimension::Age, Dimension::Exploit]);
    let geo = Geo::parse(b"FR").unwrap_or(Geo::EU27_2020);
    tabulate(TableId { dataflow: Dataflow::Victims, geo, year: 2023 }, &people, &breakdowns)
}

/// Persons' tables: each legal status its own slice (no total over it).
fn persons_tables() -> Vec<Table> {
    let sizes = [9u64, 70, 420];
    Geo::member_states()
        .skip(10)
        .zip(sizes)
        .enumerate()
        .map(|(i, (geo, size))| {
            let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ (i as u64 + 1));
            let mut people = Vec::new();
            for leg_stat in 0..3u8 {
                // Fewer prosecuted than suspected, fewer convicted than prosecuted.
                let n = size >> leg_stat;
                people.extend((0..n).map(|_| person(Dataflow::Persons, &mut rng, leg_stat)));
            }
            tabulate(TableId { dataflow: Dataflow::Persons, geo, year: 2023 }, &people, PERSON_BREAKDOWNS)
        })
        .collect()
}

/// The simpler attacker: intervals `[lo, hi]` for every suppressed count, from `[0, ∞)`, narrowed by each
/// relation in turn (a cell lies between the total less the most, and the total less the least, the other
/// parts can be) until nothing changes. Only relations whose values are all counts that add up count.
fn propagated_intervals(table: &Table) -> HashMap<Cell, (u64, Option<u64>)> {
    let known = |cell: Cell| table.get(cell).and_then(Observation::public_count);
    let mut bounds: HashMap<Cell, (u64, Option<u64>)> = table
        .iter()
        .filter(|(_, o)| !o.conf.is_public() && o.value.count().is_some())
        .map(|(c, _)| (c, (0, None)))
        .collect();
    let equations: Vec<_> = relations(table)
        .into_iter()
        .filter(|r| {
            let total = table.get(r.total).and_then(|o| o.value.count());
            let parts: Option<u64> = r.parts.iter().map(|p| table.get(*p).and_then(|o| o.value.count())).sum();
            total.is_some() && total == parts
        })
        .collect();
    let range = |bounds: &HashMap<Cell, (u64, Option<u64>)>, cell: Cell| match known(cell) {
        Some(n) => (n, Some(n)),
        None => bounds.get(&cell).copied().unwrap_or((0, None)),
    };
    for _ in 0..10_000 {
        let mut changed = false;
        for r in &equations {
            // total = Σ parts: bounds of the parts' sum.
            let (parts_lo, parts_hi) = r.parts.iter().fold((0u64, Some(0u64)), |(lo, hi), p| {
                let (plo, phi) = range(&bounds, *p);
                (lo + plo, hi.zip(phi).map(|(a, b)| a + b))
            });
            let (total_lo, total_hi) = range(&bounds, r.total);
            changed |= narrow(&mut bounds, r.total, parts_lo, parts_hi);
            for p in &r.parts {
                let (plo, phi) = range(&bounds, *p);
                // The other parts' sum lies in [parts_lo - plo, parts_hi - phi].
                let others_lo = parts_lo - plo;
                let others_hi = parts_hi.zip(phi).map(|(a, b)| a - b);
                let lo = others_hi.map_or(0, |oh| total_lo.saturating_sub(oh));
                let hi = total_hi.map(|th| th.saturating_sub(others_lo));
                changed |= narrow(&mut bounds, *p, lo, hi);
            }
        }
        if !changed {
            break;
        }
    }
    bounds
}

/// Narrows the bounds of `cell`, if it is suppressed, to `[lo, hi]`; whether they changed.
fn narrow(bounds: &mut HashMap<Cell, (u64, Option<u64>)>, cell: Cell, lo: u64, hi: Option<u64>) -> bool {
    let Some(b) = bounds.get_mut(&cell) else { return false };
    let new_hi = match (b.1, hi) {
        (Some(a), Some(h)) => Some(a.min(h)),
        (a, h) => a.or(h),
    };
    let new = (b.0.max(lo), new_hi);
    let changed = new != *b;
    *b = new;
    changed
}

/// Every way `protected` fails `rules`, one line each, naming the cell.
fn failures(original: &Table, protected: &Protected, rules: &DisclosureRules) -> Vec<String> {
    let table = &protected.table;
    let dataflow = table.dataflow();
    let name = |cell: Cell| format!("{} [{}]", table.id, cell.describe(dataflow));
    let mut failures = Vec::new();
    for (cell, before) in original.sorted() {
        let Some(after) = table.get(cell) else {
            failures.push(format!("{}: missing after protection", name(cell)));
            continue;
        };
        if after.value != before.value {
            failures.push(format!("{}: value changed from {} to {}", name(cell), before.value, after.value));
        }
        match before.value {
            Value::Count(0) if after.conf != Confidentiality::Free => {
                failures.push(format!("{}: a zero was suppressed", name(cell)))
            }
            Value::Count(n) if (1..rules.threshold).contains(&n) && after.conf.is_public() => {
                failures.push(format!("{}: the count {n} is published", name(cell)))
            }
            _ => {}
        }
    }
    let propagated = propagated_intervals(table);
    for (cell, min, max) in attacker_intervals(table) {
        let truth = table.get(cell).and_then(|o| o.value.count()).unwrap_or(0) as f64;
        let shown = match max {
            Some(max) => format!("[{min}, {max}]"),
            None => format!("[{min}, ∞)"),
        };
        if let Some(max) = max {
            if max - min < rules.protection as f64 {
                failures.push(format!(
                    "{}: the attacker narrows the count {truth} to {shown}, narrower than {}",
                    name(cell),
                    rules.protection
                ));
            }
        }
        if truth < min || max.is_some_and(|max| truth > max) {
            failures.push(format!("{}: the attacker's interval {shown} misses the count {truth}", name(cell)));
        }
        if let Some(&(lo, hi)) = propagated.get(&cell) {
            let wider_than_simple = min < lo as f64 || hi.is_some_and(|hi| max.is_none_or(|max| max > hi as f64));
            if wider_than_simple {
                failures.push(format!(
                    "{}: the linear programme's interval {shown} is wider than propagation's [{lo}, {hi:?}]",
                    name(cell)
                ));
            }
        }
    }
    failures
}

#[test]
fn no_published_table_lets_the_attacker_narrow_a_suppressed_count() {
    let mut all_failures = Vec::new();
    let mut suppressed = 0;
    let mut cells = 0;
    for table in victims_tables().into_iter().chain([three_way_table()]).chain(persons_tables()) {
        assert!(relations(&table).len() > 10, "{}: the tabulation gives relations", table.id);
        for rules in [
            DisclosureRules::for_dataflow(table.dataflow()),
            DisclosureRules { threshold: 3, protection: 3 },
            DisclosureRules { threshold: 5, protection: 8 },
        ] {
            let protected = protect(&table, &rules);
            assert!(protected.primary.windows(2).all(|w| w[0] < w[1]), "{}: primary cells in cell order", table.id);
            suppressed += protected.primary.len() + protected.secondary.len();
            cells += table.len();
            all_failures.extend(failures(&table, &protected, &rules));
        }
    }
    assert!(all_failures.is_empty(), "{} failures:\n{}", all_failures.len(), all_failures.join("\n"));
    eprintln!("{suppressed} of {cells} cells suppressed over all tables and rules");
}

#[test]
fn the_attacker_finds_what_naive_suppression_leaves_open() {
    // Only the small counts hidden: the attacker must recover some of them (else this attack proves nothing).
    let rules = DisclosureRules::default();
    let mut exposed = 0;
    for table in victims_tables() {
        let mut naive = table.clone();
        for (cell, observation) in table.iter() {
            if observation.value.count().is_some_and(|n| (1..rules.threshold).contains(&n)) {
                if let Some(o) = naive.get_mut(cell) {
                    o.conf = Confidentiality::Confidential;
                }
            }
        }
        exposed += attacker_intervals(&naive)
            .into_iter()
            .filter(|(_, min, max)| max.is_some_and(|max| max - min < rules.protection as f64))
            .count();
    }
    assert!(exposed > 0, "primary suppression alone should leave cells the attacker narrows down");
}

#[test]
fn protection_is_deterministic() {
    let rules = DisclosureRules::default();
    for table in victims_tables().into_iter().take(4) {
        assert_eq!(protect(&table, &rules), protect(&table, &rules), "{}", table.id);
    }
}

/// Every table `rapporteur stats synth` makes, as `stats import --publish` would publish it: the attacker
/// learns no withheld value more closely than the threshold allows.
#[test]
fn the_attacker_learns_nothing_from_published_synthetic_submissions() {
    use rapporteur_stats::disclosure::{attacker_intervals, protect, DisclosureRules};
    use rapporteur_stats::synth::{generate, Detail};
    let rules = DisclosureRules::default();
    let mut checked = 0;
    for table in generate(11, 2020..=2022, Detail::Tables).tables() {
        let protected = protect(table, &rules);
        for (cell, low, high) in attacker_intervals(&protected.table) {
            let width = high.map_or(f64::INFINITY, |h| h - low);
            assert!(
                width >= rules.protection as f64,
                "{}: {} can be narrowed to [{low}, {high:?}]",
                table.id,
                cell.describe(table.id.dataflow)
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} withheld cells: the synthetic tables should have small counts");
}

/// A full cross-classification full of small counts is refused at once rather than left to run for minutes.
#[test]
fn a_table_with_too_many_small_counts_is_refused_quickly() {
    use rapporteur_stats::disclosure::{try_protect, DisclosureRules, MAX_SMALL_COUNTS};
    use rapporteur_stats::synth::{generate, Detail};
    let full = generate(2, 2023..=2023, Detail::Full);
    let austria = full
        .tables()
        .find(|t| t.id.geo.code() == "AT" && t.id.dataflow == rapporteur_stats::Dataflow::Victims)
        .expect("a full table for Austria");
    let refused = try_protect(austria, &DisclosureRules::default()).unwrap_err();
    assert!(refused.small > MAX_SMALL_COUNTS);
    assert!(refused.to_string().contains("full cross-classification"));
}
