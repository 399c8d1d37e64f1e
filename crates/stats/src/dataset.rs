//! Observations keyed by dataflow, Member State, year and a cell of the cross-classification.

use crate::codes::{Confidentiality, Dataflow, Dimension, Flags, Geo};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// One cell of a dataflow's cross-classification: the codes of its dimensions packed in mixed radix, so that
/// a key is a `u32` and every Member State and year has at most [`Dataflow::cell_count`] cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell(u32);

/// The most dimensions a dataflow has.
pub const MAX_DIMENSIONS: usize = 6;

impl Cell {
    /// The cell whose every dimension is at its total (legal status, which has none, at its first code).
    pub fn all_totals(dataflow: Dataflow) -> Cell {
        let codes: Vec<u8> = dataflow.dimensions().iter().map(|d| d.total().unwrap_or(0)).collect();
        Cell::from_codes(dataflow, &codes)
    }

    /// Packs one code index per dimension of `dataflow`, in its order. Panics on a code out of range, which
    /// only a programming error can produce: parsers look codes up in the code lists.
    pub fn from_codes(dataflow: Dataflow, codes: &[u8]) -> Cell {
        let dims = dataflow.dimensions();
        assert_eq!(codes.len(), dims.len(), "one code per dimension of {dataflow}");
        let mut index = 0u32;
        for (dim, &code) in dims.iter().zip(codes) {
            assert!(code < dim.len(), "code {code} out of range for {dim}");
            index = index * u32::from(dim.len()) + u32::from(code);
        }
        Cell(index)
    }

    /// Unpacks the codes, one per dimension of `dataflow`.
    pub fn codes(self, dataflow: Dataflow) -> [u8; MAX_DIMENSIONS] {
        let dims = dataflow.dimensions();
        let mut codes = [0u8; MAX_DIMENSIONS];
        let mut rest = self.0;
        for (position, dim) in dims.iter().enumerate().rev() {
            let radix = u32::from(dim.len());
            codes[position] = (rest % radix) as u8;
            rest /= radix;
        }
        codes
    }

    /// The code of the dimension at `position` in the dataflow's order.
    pub fn code(self, dataflow: Dataflow, position: usize) -> u8 {
        self.codes(dataflow)[position]
    }

    /// The same cell with one dimension set to another code.
    pub fn with(self, dataflow: Dataflow, position: usize, code: u8) -> Cell {
        let mut codes = self.codes(dataflow);
        codes[position] = code;
        Cell::from_codes(dataflow, &codes[..dataflow.dimensions().len()])
    }

    /// The packed index, for dense arrays of a table's cells.
    pub fn index(self) -> u32 {
        self.0
    }

    /// Rebuilds a cell from [`Cell::index`]; `None` when out of range for the dataflow.
    pub fn from_index(dataflow: Dataflow, index: u32) -> Option<Cell> {
        (index < dataflow.cell_count()).then_some(Cell(index))
    }

    /// `sex=F, age=TOTAL, …`: the cell for messages.
    pub fn describe(self, dataflow: Dataflow) -> String {
        let codes = self.codes(dataflow);
        dataflow
            .dimensions()
            .iter()
            .zip(codes)
            .map(|(d, c)| format!("{}={}", d.id(), d.code(c).id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The dimensions that are broken down in this cell (not at their total).
    pub fn breakdown(self, dataflow: Dataflow) -> Vec<Dimension> {
        let codes = self.codes(dataflow);
        dataflow.dimensions().iter().zip(codes).filter(|(d, c)| d.total() != Some(*c)).map(|(d, _)| *d).collect()
    }
}

/// The hasher of maps keyed by [`Cell`]: one multiplication, then a rotation (as `rustc-hash` does). A cell
/// is a small integer from the code lists, at most 23,760 of them a table, so SipHash's defence against
/// chosen keys buys nothing here, while hashing was a tenth of reading a file of a million figures. The
/// rotation brings the product's well-mixed high bits down to the low bits that pick a bucket, so cells a
/// power of two apart do not share one.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellHasher(u64);

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// A map keyed by [`Cell`], with [`CellHasher`].
pub type CellMap<V> = HashMap<Cell, V, BuildHasherDefault<CellHasher>>;

/// A figure: a count, or not available (`:`). `0` is a real zero: known to be none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    Count(u64),
    NotAvailable,
}

impl Value {
    pub fn count(self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(n),
            Value::NotAvailable => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::NotAvailable => f.write_str(":"),
        }
    }
}

/// A value with its observation flags and confidentiality status, which travel with it everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Observation {
    pub value: Value,
    pub flags: Flags,
    pub conf: Confidentiality,
}

impl Observation {
    pub fn count(n: u64) -> Observation {
        Observation { value: Value::Count(n), flags: Flags::NONE, conf: Confidentiality::Free }
    }

    pub fn not_available() -> Observation {
        Observation { value: Value::NotAvailable, flags: Flags::NONE, conf: Confidentiality::Free }
    }

    /// The value the public may see: `None` when confidential or not available.
    pub fn public_count(&self) -> Option<u64> {
        if self.conf.is_public() {
            self.value.count()
        } else {
            None
        }
    }
}

/// What one table covers: a dataflow, a reporting country (or the EU) and a reference year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId {
    pub dataflow: Dataflow,
    pub geo: Geo,
    pub year: u16,
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.dataflow, self.geo, self.year)
    }
}

/// The observations one country gives for one dataflow and year: a partial cross-classification, holding only
/// the cells it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub id: TableId,
    /// Generated figures (`rapporteur stats synth`), never real: every page and export that shows them says
    /// so, and an EU aggregate built from one is synthetic too.
    pub synthetic: bool,
    cells: CellMap<Observation>,
}

impl Table {
    pub fn new(id: TableId) -> Table {
        Table { id, synthetic: false, cells: CellMap::default() }
    }

    pub fn dataflow(&self) -> Dataflow {
        self.id.dataflow
    }

    /// Sets a cell, returning what it held.
    pub fn insert(&mut self, cell: Cell, observation: Observation) -> Option<Observation> {
        self.cells.insert(cell, observation)
    }

    pub fn get(&self, cell: Cell) -> Option<&Observation> {
        self.cells.get(&cell)
    }

    pub fn get_mut(&mut self, cell: Cell) -> Option<&mut Observation> {
        self.cells.get_mut(&cell)
    }

    pub fn remove(&mut self, cell: Cell) -> Option<Observation> {
        self.cells.remove(&cell)
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The cells in no particular order (fast).
    pub fn iter(&self) -> impl Iterator<Item = (Cell, &Observation)> + '_ {
        self.cells.iter().map(|(c, o)| (*c, o))
    }

    /// The cells in key order, for output that must not change between runs.
    pub fn sorted(&self) -> Vec<(Cell, Observation)> {
        let mut cells: Vec<(Cell, Observation)> = self.cells.iter().map(|(c, o)| (*c, *o)).collect();
        cells.sort_unstable_by_key(|(c, _)| *c);
        cells
    }

    /// The grand total (every dimension at its total), where given.
    pub fn grand_total(&self) -> Option<&Observation> {
        match self.dataflow() {
            Dataflow::Victims => self.get(Cell::all_totals(Dataflow::Victims)),
            // Persons have no total over legal status: see `Dimension::total`.
            Dataflow::Persons => None,
        }
    }

    /// The value of the cell that breaks down only `dimension` (every other dimension at its total; for
    /// persons, `leg_stat` as given).
    pub fn one_way(&self, fixed: &[(Dimension, u8)]) -> Option<&Observation> {
        let dataflow = self.dataflow();
        let codes: Vec<u8> = dataflow
            .dimensions()
            .iter()
            .map(|d| fixed.iter().find(|(f, _)| f == d).map(|(_, c)| *c).unwrap_or(d.total().unwrap_or(0)))
            .collect();
        self.get(Cell::from_codes(dataflow, &codes))
    }
}

/// Tables keyed by dataflow, country and year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    tables: BTreeMap<TableId, Table>,
}

impl Dataset {
    pub fn new() -> Dataset {
        Dataset::default()
    }

    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.get(&id)
    }

    /// The table for `id`, created empty when missing.
    pub fn table_mut(&mut self, id: TableId) -> &mut Table {
        self.tables.entry(id).or_insert_with(|| Table::new(id))
    }

    pub fn insert_table(&mut self, table: Table) {
        self.tables.insert(table.id, table);
    }

    pub fn remove_table(&mut self, id: TableId) -> Option<Table> {
        self.tables.remove(&id)
    }

    /// The tables in order of dataflow, country and year.
    pub fn tables(&self) -> impl Iterator<Item = &Table> + '_ {
        self.tables.values()
    }

    pub fn into_tables(self) -> impl Iterator<Item = Table> {
        self.tables.into_values()
    }

    /// Every observation in the dataset.
    pub fn observation_count(&self) -> usize {
        self.tables.values().map(Table::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The years any table covers, ascending.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.tables.keys().map(|id| id.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

impl FromIterator<Table> for Dataset {
    fn from_iter<I: IntoIterator<Item = Table>>(iter: I) -> Self {
        Dataset { tables: iter.into_iter().map(|t| (t.id, t)).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cells_round_trip(raw in prop::collection::vec(any::<u8>(), 6)) {
            for dataflow in Dataflow::ALL {
                let dims = dataflow.dimensions();
                let codes: Vec<u8> = dims.iter().zip(&raw).map(|(d, r)| r % d.len()).collect();
                let cell = Cell::from_codes(dataflow, &codes);
                prop_assert!(cell.index() < dataflow.cell_count());
                prop_assert_eq!(&cell.codes(dataflow)[..dims.len()], &codes[..]);
            }
        }
    }

    #[test]
    fn the_all_totals_cell_breaks_nothing_down() {
        let cell = Cell::all_totals(Dataflow::Victims);
        assert!(cell.breakdown(Dataflow::Victims).is_empty());
        assert_eq!(
            cell.describe(Dataflow::Victims),
            "sex=T, age=TOTAL, citizen=TOTAL, exploit=TOTAL, status=TOTAL, reg_org=TOTAL"
        );
    }
}
