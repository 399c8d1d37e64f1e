//! The checks that need more than one figure: breakdowns that must add up to their total, and jumps from one
//! year to the next. Field-by-field checks happen while reading ([`crate::parse`]).

use crate::codes::Dimension;
use crate::dataset::{Cell, Dataset, Table, TableId, Value};
use crate::parse::Parsed;
use crate::problem::{self, Place, Problem};

/// What counts as a jump worth a second look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidationOptions {
    /// A figure that grows or shrinks by more than this factor from one year to the next is flagged.
    pub year_on_year_factor: f64,
    /// Figures below this in both years are not compared: 2 → 7 is noise, not news.
    pub year_on_year_minimum: u64,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions { year_on_year_factor: 3.0, year_on_year_minimum: 20 }
    }
}

/// Every problem of a file read: what reading found, then the additivity and consistency checks of each table
/// and the year-on-year comparison between the years the file holds. Sorted by place.
pub fn validate_parsed(parsed: &Parsed, options: &ValidationOptions) -> Vec<Problem> {
    let mut problems = parsed.problems.clone();
    let locate = |table: TableId, cell: Cell| parsed.place_of(table, cell);
    for table in parsed.dataset.tables() {
        problems.extend(check_additivity(table, &locate));
        let previous = TableId { year: table.id.year.wrapping_sub(1), ..table.id };
        if let Some(previous) = parsed.dataset.table(previous) {
            problems.extend(check_year_on_year(table, previous, options, &locate));
        }
    }
    problem::sort(&mut problems);
    problems
}

/// The checks of figures assembled elsewhere (a form, the sources' slices combined, the store), against the
/// previous year's published figures where given.
pub fn validate_dataset(
    dataset: &Dataset,
    previous: Option<&Dataset>,
    options: &ValidationOptions,
    locate: &dyn Fn(TableId, Cell) -> Place,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for table in dataset.tables() {
        problems.extend(check_additivity(table, locate));
        let previous_id = TableId { year: table.id.year.wrapping_sub(1), ..table.id };
        let previous_table = previous.and_then(|p| p.table(previous_id)).or_else(|| dataset.table(previous_id));
        if let Some(previous_table) = previous_table {
            problems.extend(check_year_on_year(table, previous_table, options, locate));
        }
    }
    problem::sort(&mut problems);
    problems
}

/// A place for a figure that came from no file: its table and key.
pub fn describe_place(table: TableId, cell: Cell) -> Place {
    Place::field(format!("{table} {}", cell.describe(table.dataflow)))
}

struct PartsSum {
    sum: u64,
    parts: u8,
    any_unavailable: bool,
}

/// Where all parts of a breakdown are given, they add up to its total (F + M + UNK = T); where only some are,
/// they add up to no more than it.
pub fn check_additivity(table: &Table, locate: &dyn Fn(TableId, Cell) -> Place) -> Vec<Problem> {
    let dataflow = table.dataflow();
    let dimensions = dataflow.dimensions();
    let cell_count = dataflow.cell_count() as usize;
    let mut problems = Vec::new();
    // Dense sums of the parts, one array per dimension that has a total, keyed by the total they belong to:
    // dense because a table has at most 23,760 cells, and indexing beats hashing by a wide margin at a
    // million observations. One pass over the cells fills every dimension's sums: each cell's codes are
    // unpacked once, and its total's key is its own key moved along that dimension's stride.
    let checked: Vec<(usize, Dimension, u8, u32)> = dimensions
        .iter()
        .enumerate()
        .filter_map(|(position, dimension)| {
            let stride: u32 = dimensions[position + 1..].iter().map(|d| u32::from(d.len())).product();
            dimension.total().map(|total| (position, *dimension, total, stride))
        })
        .collect();
    let mut sums: Vec<Vec<Option<PartsSum>>> =
        checked.iter().map(|_| std::iter::repeat_with(|| None).take(cell_count).collect()).collect();
    for (cell, observation) in table.iter() {
        let codes = cell.codes(dataflow);
        let index = cell.index();
        for ((position, _, total, stride), sums) in checked.iter().zip(sums.iter_mut()) {
            let code = codes[*position];
            if code == *total {
                continue;
            }
            let key = (index - u32::from(code) * stride + u32::from(*total) * stride) as usize;
            let entry = sums[key].get_or_insert(PartsSum { sum: 0, parts: 0, any_unavailable: false });
            entry.parts += 1;
            match observation.value {
                Value::Count(n) => entry.sum += n,
                Value::NotAvailable => entry.any_unavailable = true,
            }
        }
    }
    for ((position, dimension, _, _), sums) in checked.iter().zip(&sums) {
        let (position, dimension) = (*position, *dimension);
        let all_parts = dimension.len() - 1;
        for (index, entry) in sums.iter().enumerate() {
            let Some(entry) = entry else { continue };
            let Some(total_cell) = Cell::from_index(dataflow, index as u32) else { continue };
            let Some(Value::Count(total_value)) = table.get(total_cell).map(|o| o.value) else { continue };
            let complete = entry.parts == all_parts && !entry.any_unavailable;
            if complete && entry.sum != total_value {
                problems.push(Problem::error(
                    locate(table.id, total_cell),
                    format!(
                        "the breakdown by {dimension} does not add up: {} = {}, but the total is {total_value} \
                         ({})",
                        parts_formula(table, position),
                        entry.sum,
                        total_cell.describe(dataflow)
                    ),
                ));
            } else if entry.sum > total_value {
                problems.push(Problem::error(
                    locate(table.id, total_cell),
                    format!(
                        "the parts of the breakdown by {dimension} add up to {}, more than the total {total_value} \
                         ({})",
                        entry.sum,
                        total_cell.describe(dataflow)
                    ),
                ));
            }
        }
    }
    problems
}

fn parts_formula(table: &Table, position: usize) -> String {
    let dimension = table.dataflow().dimensions()[position];
    let parts: Vec<&str> = (0..dimension.len())
        .filter(|code| Some(*code) != dimension.total())
        .map(|code| dimension.code(code).id)
        .collect();
    parts.join(" + ")
}

/// Figures that grow or shrink by more than the factor since the previous year: a warning, since real
/// changes happen (a new law, a large case), but so do typing errors.
pub fn check_year_on_year(
    table: &Table,
    previous: &Table,
    options: &ValidationOptions,
    locate: &dyn Fn(TableId, Cell) -> Place,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (cell, observation) in table.sorted() {
        let (Value::Count(now), Some(Value::Count(before))) = (observation.value, previous.get(cell).map(|o| o.value))
        else {
            continue;
        };
        if now.max(before) < options.year_on_year_minimum {
            continue;
        }
        let (low, high) = (now.min(before) as f64, now.max(before) as f64);
        if low == 0.0 || high / low > options.year_on_year_factor {
            let direction = if now > before { "up" } else { "down" };
            problems.push(Problem::warning(
                locate(table.id, cell),
                format!(
                    "{} to {now} from {before} in {}: more than {}× in one year; check the figure ({})",
                    direction,
                    previous.id.year,
                    options.year_on_year_factor,
                    cell.describe(table.dataflow())
                ),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{read_csv, ReadOptions};

    fn problems(text: &str) -> Vec<String> {
        let parsed = read_csv(text.as_bytes(), &ReadOptions::default());
        validate_parsed(&parsed, &ValidationOptions::default()).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_breakdown_that_does_not_add_up_is_placed_on_its_total() {
        let found = problems("geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,8\nAT,2022,UNK,0\nAT,2022,T,12\n");
        assert_eq!(
            found,
            vec!["5:4: error: the breakdown by sex does not add up: F + M + UNK = 11, but the total is 12 (sex=T, age=TOTAL, citizen=TOTAL, exploit=TOTAL, status=TOTAL, reg_org=TOTAL)"]
        );
        assert!(problems("geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,8\nAT,2022,UNK,1\nAT,2022,T,12\n").is_empty());
    }

    #[test]
    fn partial_breakdowns_and_unavailable_parts() {
        // Only F and M given: nothing to check unless they exceed the total.
        assert!(problems("geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,8\nAT,2022,T,12\n").is_empty());
        let found = problems("geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,10\nAT,2022,T,12\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("add up to 13, more than the total 12"), "{found:?}");
        assert!(problems("geo,year,sex,value\nAT,2022,F,3\nAT,2022,M,8\nAT,2022,UNK,:\nAT,2022,T,12\n").is_empty());
    }

    #[test]
    fn additivity_in_a_cross_table() {
        let found = problems(
            "geo,year,sex,age,value\n\
             AT,2022,F,Y_LT18,1\nAT,2022,F,Y_GE18,2\nAT,2022,F,UNK,0\nAT,2022,F,TOTAL,4\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("5:5: error: the breakdown by age does not add up: Y_LT18 + Y_GE18 + UNK = 3"));
    }

    #[test]
    fn year_on_year_jumps_are_warnings() {
        let found = problems("geo,year,value\nAT,2021,40\nAT,2022,400\nAT,2023,420\n");
        assert_eq!(found, vec!["3:3: warning: up to 400 from 40 in 2021: more than 3× in one year; check the figure (sex=T, age=TOTAL, citizen=TOTAL, exploit=TOTAL, status=TOTAL, reg_org=TOTAL)"]);
        assert!(problems("geo,year,value\nAT,2021,2\nAT,2022,9\n").is_empty());
    }
}
