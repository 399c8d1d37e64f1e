//! An Excel workbook of one sheet, with the plain CSV's columns.

use super::{
    code_of, observations, ordered, plain_header, synthetic_summary, union_dimensions, ExportError, Shown, Timestamp,
    SYNTHETIC_NOTE,
};
use crate::dataset::Table;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// The tables as an XLSX workbook of one sheet, `data`: the title in the first row; when some table is
/// synthetic, a note row under it saying so and naming those tables (`every table` when all are); then the
/// bold header row of [`super::write_csv`] (`note` column included), frozen and filtered; then one row per
/// observation.
///
/// Years and counts are numbers; a value not available is the text `:`, one withheld is an empty cell with
/// `conf_status` saying why. `created` is the workbook's creation date in its properties, given rather than
/// read from the clock so that the same tables give the same bytes. Errors: a table given twice, or more rows
/// than a sheet holds (1,048,576).
pub fn xlsx(tables: &[&Table], title: &str, created: &Timestamp) -> Result<Vec<u8>, ExportError> {
    let tables = ordered(tables)?;
    let dimensions = union_dimensions(&tables);
    let summary = synthetic_summary(&tables, true);
    let with_note = summary.is_some();

    let mut workbook = Workbook::new();
    let date = ExcelDateTime::from_ymd(created.year, created.month, created.day)?.and_hms(
        u16::from(created.hour),
        created.minute,
        f64::from(created.second),
    )?;
    let mut properties = DocProperties::new().set_title(title).set_creation_datetime(&date);
    if with_note {
        properties = properties.set_comment(SYNTHETIC_NOTE);
    }
    workbook.set_properties(&properties);

    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_font_size(14);
    let sheet = workbook.add_worksheet();
    sheet.set_name("data")?;
    let mut row: u32 = 0;
    sheet.write_string_with_format(row, 0, title, &title_format)?;
    row += 1;
    if let Some(summary) = summary {
        sheet.write_string_with_format(row, 0, format!("Note: {summary}"), &bold)?;
        row += 1;
    }

    let header = plain_header(&dimensions, with_note);
    let header_row = row;
    for (col, name) in (0u16..).zip(&header) {
        sheet.write_string_with_format(row, col, name, &bold)?;
        let width = if name.ends_with("_label") || name == "note" { 34 } else { 11 };
        sheet.set_column_width(col, width)?;
    }
    row += 1;

    for (table, cell, observation) in observations(&tables) {
        let mut col: u16 = 0;
        sheet.write_string(row, col, table.dataflow().id())?;
        sheet.write_string(row, col + 1, table.id.geo.code())?;
        sheet.write_string(row, col + 2, table.id.geo.name())?;
        sheet.write_number(row, col + 3, table.id.year)?;
        col += 4;
        for dim in &dimensions {
            // A dimension the row's dataflow lacks stays blank, as in the plain CSV.
            if let Some((code, label)) = code_of(table, cell, *dim) {
                sheet.write_string(row, col, code)?;
                sheet.write_string(row, col + 1, label)?;
            }
            col += 2;
        }
        match Shown::of(&observation) {
            // Counts are far below 2^53, so the f64 Excel stores is exact.
            Shown::Count(n) => {
                sheet.write_number(row, col, n as f64)?;
            }
            Shown::NotAvailable => {
                sheet.write_string(row, col, ":")?;
            }
            Shown::Withheld(conf) => {
                sheet.write_string(row, col + 2, conf.code())?;
            }
        }
        if !observation.flags.is_empty() {
            sheet.write_string(row, col + 1, observation.flags.to_string())?;
        }
        if with_note && table.synthetic {
            sheet.write_string(row, col + 3, SYNTHETIC_NOTE)?;
        }
        row += 1;
    }

    let last_col = u16::try_from(header.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.autofilter(header_row, 0, row.saturating_sub(1).max(header_row), last_col)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{Dataflow, Geo};
    use crate::dataset::{Cell, Observation, TableId};

    #[test]
    fn export_xlsx_is_a_zip_and_the_same_for_the_same_input() {
        let at = Geo::parse(b"AT").expect("AT");
        let mut table = Table::new(TableId { dataflow: Dataflow::Victims, geo: at, year: 2023 });
        table.insert(Cell::all_totals(Dataflow::Victims), Observation::count(12));
        table.synthetic = true;
        let created = Timestamp { year: 2025, month: 3, day: 7, hour: 9, minute: 5, second: 1 };
        let bytes = xlsx(&[&table], "Registered victims", &created).expect("written");
        assert!(bytes.starts_with(b"PK"));
        assert_eq!(bytes, xlsx(&[&table], "Registered victims", &created).expect("written"));
        let bad = Timestamp { month: 13, ..created };
        assert!(matches!(xlsx(&[&table], "x", &bad), Err(ExportError::Xlsx(_))));
    }
}
