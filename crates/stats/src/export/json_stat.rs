//! JSON-stat 2.0, one dataset, in the shape of Eurostat's dissemination API.

use super::{observations, synthetic_summary, Shown};
use crate::codes::{Confidentiality, Dataflow, Flags, Geo};
use crate::dataset::Table;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The tables of `dataflow` as one JSON-stat 2.0 dataset.
///
/// - `id` is `["freq", <the dataflow's dimensions>, "geo", "time"]` and `size` their category counts; each
///   dimension lists only the codes that occur, in code-list order (`geo` in [`Geo`] order, `time` ascending),
///   with `index` and `label` objects keyed by code.
/// - `value` and `status` are sparse objects keyed by the row-major index, as Eurostat writes them. Every
///   observation has a `value` key: its count, or `null` when withheld or not available. `status` holds, where
///   there are any, the observation's flag letters followed by its confidentiality code (`p`, `C`, `eC`); a
///   `null` with no `C`, `N` or `P` is not available. `extension.status.label` names every letter and code.
/// - When some table is synthetic, `note` says so and names those tables (`every table` when all are);
///   `extension.synthetic` is then true, and `extension.synthetic_tables` lists every one as `{"geo", "time"}`.
///
/// Tables of another dataflow are left out, so the whole of a [`crate::Dataset`] can be handed in; of a table
/// given twice the first counts. `updated` is written as given: ISO 8601, such as
/// [`super::Timestamp::iso8601`].
pub fn json_stat(tables: &[&Table], dataflow: Dataflow, updated: &str) -> Value {
    let mut tables: Vec<&Table> = tables.iter().copied().filter(|t| t.dataflow() == dataflow).collect();
    tables.sort_by_key(|t| t.id);
    // A stable sort keeps the first of equal ids first, and dedup keeps the first of a run.
    tables.dedup_by_key(|t| t.id);

    let dims = dataflow.dimensions();
    // Which codes occur, per dimension, by code index.
    let mut occurs: Vec<Vec<bool>> = dims.iter().map(|d| vec![false; usize::from(d.len())]).collect();
    let geos: BTreeSet<Geo> = tables.iter().map(|t| t.id.geo).collect();
    let years: BTreeSet<u16> = tables.iter().map(|t| t.id.year).collect();
    for (_, cell, _) in observations(&tables) {
        let codes = cell.codes(dataflow);
        for (position, seen) in occurs.iter_mut().enumerate() {
            seen[usize::from(codes[position])] = true;
        }
    }
    // The position of each occurring code among the occurring ones: the category index.
    let positions: Vec<Vec<Option<u64>>> = occurs
        .iter()
        .map(|seen| {
            let mut next = 0u64;
            seen.iter()
                .map(|&s| {
                    s.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        })
        .collect();
    let geo_list: Vec<Geo> = geos.iter().copied().collect();
    let year_list: Vec<u16> = years.iter().copied().collect();

    let mut size: Vec<u64> = vec![1];
    size.extend(occurs.iter().map(|seen| seen.iter().filter(|s| **s).count() as u64));
    size.push(geo_list.len() as u64);
    size.push(year_list.len() as u64);

    let mut values = Map::new();
    let mut statuses = Map::new();
    for (table, cell, observation) in observations(&tables) {
        let codes = cell.codes(dataflow);
        // Row-major over [freq, dims…, geo, time]; freq has the one category `A`, at 0.
        let mut index = 0u64;
        for (position, dim_positions) in positions.iter().enumerate() {
            let code = dim_positions[usize::from(codes[position])].unwrap_or_default();
            index = index * size[position + 1] + code;
        }
        let geo = geo_list.binary_search(&table.id.geo).unwrap_or_default() as u64;
        let year = year_list.binary_search(&table.id.year).unwrap_or_default() as u64;
        index = (index * size[dims.len() + 1] + geo) * size[dims.len() + 2] + year;

        let (value, conf) = match Shown::of(&observation) {
            Shown::Count(n) => (json!(n), ""),
            Shown::NotAvailable => (Value::Null, ""),
            Shown::Withheld(conf) => (Value::Null, conf.code()),
        };
        values.insert(index.to_string(), value);
        let status = format!("{}{conf}", observation.flags);
        if !status.is_empty() {
            statuses.insert(index.to_string(), Value::String(status));
        }
    }

    let mut id = vec!["freq"];
    id.extend(dims.iter().map(|d| d.id()));
    id.extend(["geo", "time"]);

    let mut dimension = Map::new();
    dimension.insert("freq".into(), category("Time frequency", [("A", "Annual")]));
    for (dim, seen) in dims.iter().zip(&occurs) {
        let codes = dim.codes().iter().zip(seen).filter(|(_, s)| **s).map(|(c, _)| (c.id, c.label));
        dimension.insert(dim.id().into(), category(dim.label(), codes));
    }
    dimension.insert(
        "geo".into(),
        category("Geopolitical entity (reporting)", geo_list.iter().map(|g| (g.code(), g.name()))),
    );
    let year_ids: Vec<String> = year_list.iter().map(u16::to_string).collect();
    dimension.insert("time".into(), category("Time", year_ids.iter().map(|y| (y.as_str(), y.as_str()))));

    let mut labels = Map::new();
    for (letter, label) in Flags::all_letters() {
        labels.insert(letter.to_string(), json!(label));
    }
    for conf in [Confidentiality::Confidential, Confidentiality::NotForPublication, Confidentiality::Secret] {
        labels.insert(conf.code().into(), json!(conf.label()));
    }

    let synthetic: Vec<&Table> = tables.iter().copied().filter(|t| t.synthetic).collect();
    let mut extension = json!({
        "agencyId": "RAPPORTEUR",
        "datasetId": dataflow.id(),
        "lang": "EN",
        "synthetic": !synthetic.is_empty(),
        "status": { "label": labels },
    });
    let mut dataset = json!({
        "version": "2.0",
        "class": "dataset",
        "label": dataflow.label(),
        "source": "Rapporteur",
        "updated": updated,
        "id": id,
        "size": size,
        "role": { "time": ["time"], "geo": ["geo"] },
        "dimension": dimension,
        "value": values,
        "status": statuses,
    });
    if let Some(summary) = synthetic_summary(&tables, false) {
        dataset["note"] = json!([summary]);
        extension["synthetic_tables"] =
            synthetic.iter().map(|t| json!({ "geo": t.id.geo.code(), "time": t.id.year.to_string() })).collect();
    }
    dataset["extension"] = extension;
    dataset
}

/// A dimension object: its label, and its categories' `index` (code → position) and `label` (code → label).
fn category<'a>(label: &str, codes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Value {
    let mut index = Map::new();
    let mut labels = Map::new();
    for (position, (code, name)) in codes.into_iter().enumerate() {
        index.insert(code.into(), json!(position));
        labels.insert(code.into(), json!(name));
    }
    json!({ "label": label, "category": { "index": index, "label": labels } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Cell, Observation, TableId};

    #[test]
    fn export_json_stat_indexes_row_major_over_occurring_codes() {
        let dataflow = Dataflow::Persons;
        let at = Geo::parse(b"AT").expect("AT");
        let be = Geo::parse(b"BE").expect("BE");
        let mut first = Table::new(TableId { dataflow, geo: be, year: 2024 });
        let mut second = Table::new(TableId { dataflow, geo: at, year: 2023 });
        // leg_stat CONV, sex F and T; everything else at its total.
        let conv_f = Cell::from_codes(dataflow, &[2, 0, 3, 4, 10]);
        let conv_t = Cell::from_codes(dataflow, &[2, 3, 3, 4, 10]);
        first.insert(conv_f, Observation { flags: Flags::NONE.with(b'p'), ..Observation::count(3) });
        second.insert(conv_t, Observation { conf: Confidentiality::Confidential, ..Observation::count(31_337) });
        let other = Table::new(TableId { dataflow: Dataflow::Victims, geo: at, year: 2023 });
        let data = json_stat(&[&first, &second, &other], dataflow, "2025-03-07T09:05:01Z");

        assert_eq!(data["id"], json!(["freq", "leg_stat", "sex", "age", "citizen", "exploit", "geo", "time"]));
        // freq, leg_stat, sex, age, citizen, exploit, geo, time
        assert_eq!(data["size"], json!([1, 1, 2, 1, 1, 1, 2, 2]));
        assert_eq!(data["dimension"]["sex"]["category"]["index"], json!({"F": 0, "T": 1}));
        assert_eq!(data["dimension"]["geo"]["category"]["index"], json!({"AT": 0, "BE": 1}));
        // BE (1) 2024 (1), sex F (0): 0*4 + 1*2 + 1 = 3; AT (0) 2023 (0), sex T (1): 1*4 = 4.
        assert_eq!(data["value"], json!({"3": 3, "4": null}));
        assert_eq!(data["status"], json!({"3": "p", "4": "C"}));
        assert_eq!(data["extension"]["status"]["label"]["C"], json!("confidential statistical information"));
        assert_eq!(data["extension"]["synthetic"], json!(false));
        assert!(data.get("note").is_none());
        assert!(!data.to_string().contains("31337"));
    }
}
