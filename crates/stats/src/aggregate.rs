//! EU figures built from published national figures only, with the coverage stated and nothing imputed.

use crate::codes::{Dataflow, Dimension, Geo};
use crate::dataset::{Cell, CellMap, Dataset, Observation, Table, TableId, Value};

/// An EU table and what it covers.
#[derive(Debug, Clone)]
pub struct EuAggregate {
    /// The sums, with `geo` = `EU27_2020`. A cell is the sum of the Member States whose figure for it is
    /// published; it carries the flag `d` when fewer than all 27 are in it, and the flags of the figures
    /// summed.
    pub table: Table,
    /// Member States with published figures for the dataflow and year.
    pub reporting: Vec<Geo>,
    /// Member States without.
    pub not_reporting: Vec<Geo>,
    /// For each cell, the Member States whose published figure is in the sum.
    contributors: CellMap<Vec<Geo>>,
}

impl EuAggregate {
    /// The Member States in the sum of one cell.
    pub fn contributors(&self, cell: Cell) -> &[Geo] {
        self.contributors.get(&cell).map_or(&[], Vec::as_slice)
    }

    /// Member States that reported the year but whose figure for this cell is not published (not available
    /// or confidential): left out of the sum, not estimated.
    pub fn gaps(&self, cell: Cell) -> Vec<Geo> {
        let contributors = self.contributors(cell);
        self.reporting.iter().copied().filter(|g| !contributors.contains(g)).collect()
    }

    /// "12 of 27 Member States (…); missing: …": coverage in words.
    pub fn coverage_sentence(&self, cell: Cell) -> String {
        let contributors = self.contributors(cell);
        let mut sentence = format!("{} of 27 Member States", contributors.len());
        let missing: Vec<&str> = Geo::member_states().filter(|g| !contributors.contains(g)).map(Geo::code).collect();
        if !missing.is_empty() {
            sentence.push_str(&format!("; not included: {}", missing.join(", ")));
        }
        sentence
    }
}

/// The EU table of one dataflow and year from the published national tables in `published` (which holds only
/// what the public may see: values whose confidentiality is not free are left out).
pub fn aggregate_eu(published: &Dataset, dataflow: Dataflow, year: u16) -> EuAggregate {
    let id = TableId { dataflow, geo: Geo::EU27_2020, year };
    let mut table = Table::new(id);
    let mut contributors: CellMap<Vec<Geo>> = CellMap::default();
    let mut reporting = Vec::new();
    let mut not_reporting = Vec::new();
    for geo in Geo::member_states() {
        let Some(national) = published.table(TableId { dataflow, geo, year }) else {
            not_reporting.push(geo);
            continue;
        };
        reporting.push(geo);
        table.synthetic |= national.synthetic;
        for (cell, observation) in national.iter() {
            let Some(count) = observation.public_count() else { continue };
            let entry = table.get_mut(cell);
            match entry {
                Some(sum) => {
                    if let Value::Count(n) = sum.value {
                        sum.value = Value::Count(n + count);
                    }
                    sum.flags = sum.flags.union(observation.flags);
                }
                None => {
                    table.insert(cell, Observation { flags: observation.flags, ..Observation::count(count) });
                }
            }
            contributors.entry(cell).or_default().push(geo);
        }
    }
    for (cell, geos) in &contributors {
        if geos.len() < 27 {
            if let Some(observation) = table.get_mut(*cell) {
                observation.flags = observation.flags.with(b'd');
            }
        }
    }
    EuAggregate { table, reporting, not_reporting, contributors }
}

/// Every EU table the published national figures allow, by dataflow and year.
pub fn aggregate_all(published: &Dataset) -> Vec<EuAggregate> {
    let mut keys: Vec<(Dataflow, u16)> =
        published.tables().filter(|t| t.id.geo.is_member_state()).map(|t| (t.id.dataflow, t.id.year)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().map(|(dataflow, year)| aggregate_eu(published, dataflow, year)).collect()
}

/// One bar of a breakdown: a code and its public figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub code: u8,
    pub value: Option<u64>,
}

/// The breakdown of a table by one dimension, every other dimension at its total (for persons, `leg_stat` as
/// given in `fixed`): the parts in code-list order, the total excluded.
pub fn breakdown(table: &Table, dimension: Dimension, fixed: &[(Dimension, u8)]) -> Vec<Part> {
    let Some(total) = dimension.total() else {
        return Vec::new();
    };
    (0..dimension.len())
        .filter(|code| *code != total)
        .map(|code| {
            let mut key: Vec<(Dimension, u8)> = fixed.to_vec();
            key.push((dimension, code));
            Part { code, value: table.one_way(&key).and_then(Observation::public_count) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Confidentiality;

    fn national(geo: &[u8], total: u64, women: Option<u64>) -> Table {
        let geo = Geo::parse(geo).unwrap();
        let mut table = Table::new(TableId { dataflow: Dataflow::Victims, geo, year: 2022 });
        table.insert(Cell::all_totals(Dataflow::Victims), Observation::count(total));
        let women_cell = Cell::all_totals(Dataflow::Victims).with(Dataflow::Victims, 0, 0);
        match women {
            Some(n) => table.insert(women_cell, Observation::count(n)),
            None => {
                table.insert(women_cell, Observation { conf: Confidentiality::Confidential, ..Observation::count(3) })
            }
        };
        table
    }

    #[test]
    fn sums_published_figures_and_states_what_is_missing() {
        let published: Dataset = [national(b"AT", 100, Some(60)), national(b"EL", 50, None)].into_iter().collect();
        let eu = aggregate_eu(&published, Dataflow::Victims, 2022);
        let total = Cell::all_totals(Dataflow::Victims);
        assert_eq!(eu.table.get(total).map(|o| o.value), Some(Value::Count(150)));
        assert!(eu.table.get(total).unwrap().flags.contains(b'd'));
        assert_eq!(eu.reporting.len(), 2);
        assert_eq!(eu.not_reporting.len(), 25);
        let women = total.with(Dataflow::Victims, 0, 0);
        // Greece's confidential figure is left out, not estimated, and never revealed by the sum.
        assert_eq!(eu.table.get(women).map(|o| o.value), Some(Value::Count(60)));
        assert_eq!(eu.gaps(women), vec![Geo::parse(b"EL").unwrap()]);
        assert!(eu.coverage_sentence(women).starts_with("1 of 27 Member States; not included: BE, BG, HR"));
    }

    #[test]
    fn breakdowns_in_code_list_order() {
        let table = national(b"AT", 100, Some(60));
        let parts = breakdown(&table, Dimension::Sex, &[]);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].value, Some(60));
        assert_eq!(parts[1].value, None, "males not given");
    }
}
