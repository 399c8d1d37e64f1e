//! One way to write published figures in any export format, for the command line, the pages and the API
//! alike.

use crate::aggregate::aggregate_all;
use crate::codes::{Dataflow, Geo};
use crate::dataset::{Dataset, Table};
use crate::export::{json_stat, write_csv, write_sdmx_csv, xlsx, ExportError, Format, Timestamp};

/// The national tables of a dataflow with the EU aggregates built from them, in dataset order; only the
/// country's (and no EU aggregate) when `geo` names a Member State.
pub fn with_eu_aggregates(published: &Dataset, dataflow: Dataflow, geo: Option<Geo>) -> Dataset {
    let national: Dataset =
        published.tables().filter(|t| t.id.dataflow == dataflow && t.id.geo.is_member_state()).cloned().collect();
    let mut out: Dataset = national.tables().filter(|t| geo.is_none_or(|g| t.id.geo == g)).cloned().collect();
    if geo.is_none_or(|g| g == Geo::EU27_2020) {
        if geo == Some(Geo::EU27_2020) {
            out = Dataset::new();
        }
        for eu in aggregate_all(&national) {
            out.insert_table(eu.table);
        }
    }
    out
}

/// Writes the tables of one dataflow in `format`.
pub fn render(format: Format, dataset: &Dataset, dataflow: Dataflow, at: &Timestamp) -> Result<Vec<u8>, ExportError> {
    let tables: Vec<&Table> = dataset.tables().filter(|t| t.id.dataflow == dataflow).collect();
    let mut out = Vec::new();
    match format {
        // With nothing published yet, the file is its header: the columns are known from the dataflow.
        Format::SdmxCsv if tables.is_empty() => {
            let mut header = vec!["DATAFLOW", "LAST UPDATE", "freq"];
            header.extend(dataflow.dimensions().iter().map(|d| d.id()));
            header.extend(["geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]);
            out.extend_from_slice(header.join(",").as_bytes());
            out.extend_from_slice(b"\n");
        }
        Format::SdmxCsv => write_sdmx_csv(&mut out, &tables, &at.last_update())?,
        Format::Csv => write_csv(&mut out, &tables)?,
        Format::JsonStat => {
            let value = json_stat(&tables, dataflow, &at.iso8601());
            serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::from)?;
        }
        Format::Xlsx => out = xlsx(&tables, dataflow.label(), at)?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{read_csv, ReadOptions};
    use crate::synth::{generate, Detail};

    #[test]
    fn an_empty_export_is_a_header_and_a_full_one_reads_back() {
        let at = Timestamp { year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5 };
        let empty = render(Format::SdmxCsv, &Dataset::new(), Dataflow::Victims, &at).unwrap();
        assert!(String::from_utf8(empty).unwrap().starts_with("DATAFLOW,LAST UPDATE,freq,sex,"));

        let national = generate(5, 2020..=2021, Detail::Tables);
        let with_eu = with_eu_aggregates(&national, Dataflow::Victims, None);
        assert!(with_eu.tables().any(|t| t.id.geo == Geo::EU27_2020));
        let bytes = render(Format::SdmxCsv, &with_eu, Dataflow::Victims, &at).unwrap();
        let read = read_csv(bytes.as_slice(), &ReadOptions { dataflow: None, allow_aggregate: true });
        assert!(read.problems.is_empty(), "{:?}", &read.problems[..read.problems.len().min(3)]);
        // What is read back is what was written (the synthetic label included).
        let victims: Dataset = with_eu.tables().filter(|t| t.id.dataflow == Dataflow::Victims).cloned().collect();
        assert_eq!(read.dataset, victims);
    }
}
