//! Plain CSV for spreadsheets: codes with their labels, one observation a row.

use super::{code_of, observations, ordered, plain_header, union_dimensions, Shown, SYNTHETIC_NOTE};
use crate::dataset::Table;
use std::io::{self, Write};

/// Writes the tables as plain CSV with the header
/// `dataflow,geo,geo_label,year,<dim>,<dim>_label …,value,flag,conf_status`, and `note` when some table is
/// synthetic (its rows say [`SYNTHETIC_NOTE`], the others are empty).
///
/// The tables may be of both dataflows: the dimension columns are those of every dataflow present (the first
/// dataflow's in key order, then the next one's new ones), empty where a row's dataflow lacks the dimension.
/// `value` is the count, `:` when not available, and empty when withheld, with `conf_status` saying why.
/// A table given twice is refused with [`io::ErrorKind::InvalidInput`] before anything is written.
pub fn write_csv<W: Write>(out: W, tables: &[&Table]) -> io::Result<()> {
    let tables = ordered(tables)?;
    let dimensions = union_dimensions(&tables);
    let with_note = tables.iter().any(|t| t.synthetic);

    let mut writer = ::csv::WriterBuilder::new().from_writer(out);
    let header = plain_header(&dimensions, with_note);
    writer.write_record(&header)?;
    for (table, cell, observation) in observations(&tables) {
        let year = table.id.year.to_string();
        let (value, conf) = match Shown::of(&observation) {
            Shown::Count(n) => (n.to_string(), ""),
            Shown::NotAvailable => (":".to_string(), ""),
            Shown::Withheld(conf) => (String::new(), conf.code()),
        };
        let flags = observation.flags.to_string();
        let mut record: Vec<&str> = Vec::with_capacity(header.len());
        record.extend([table.dataflow().id(), table.id.geo.code(), table.id.geo.name(), year.as_str()]);
        for dim in &dimensions {
            let (code, label) = code_of(table, cell, *dim).unwrap_or(("", ""));
            record.extend([code, label]);
        }
        record.extend([value.as_str(), flags.as_str(), conf]);
        if with_note {
            record.push(if table.synthetic { SYNTHETIC_NOTE } else { "" });
        }
        writer.write_record(&record)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{Confidentiality, Dataflow, Geo};
    use crate::dataset::{Cell, Observation, TableId};

    #[test]
    fn export_csv_holds_both_dataflows_with_labels() {
        let at = Geo::parse(b"AT").expect("AT");
        let mut persons = Table::new(TableId { dataflow: Dataflow::Persons, geo: at, year: 2023 });
        persons.insert(Cell::from_codes(Dataflow::Persons, &[1, 3, 3, 4, 10]), Observation::not_available());
        let mut victims = Table::new(TableId { dataflow: Dataflow::Victims, geo: at, year: 2023 });
        let total = Cell::all_totals(Dataflow::Victims);
        victims.insert(total, Observation { conf: Confidentiality::NotForPublication, ..Observation::count(55_555) });
        let mut out = Vec::new();
        write_csv(&mut out, &[&persons, &victims]).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "dataflow,geo,geo_label,year,sex,sex_label,age,age_label,citizen,citizen_label,exploit,exploit_label,\
             status,status_label,reg_org,reg_org_label,leg_stat,leg_stat_label,value,flag,conf_status"
        );
        assert!(lines[1].starts_with("THB_VICT,AT,Austria,2023,T,Total,TOTAL,Total,"), "{}", lines[1]);
        assert!(lines[1].ends_with(",TOTAL,All registering organisations,,,,,N"), "{}", lines[1]);
        assert!(lines[2].ends_with(",,,,,PROS,Prosecuted persons,:,,"), "{}", lines[2]);
        assert!(!text.contains("55555"));
    }
}
