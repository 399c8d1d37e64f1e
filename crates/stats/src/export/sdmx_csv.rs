//! SDMX-CSV 1.0 as Eurostat writes it, and the SDMX-ML 2.1 structure message that describes its columns.

use super::{observations, ordered, ExportError, Shown, SYNTHETIC_NOTE};
use crate::codes::{Confidentiality, Dataflow, Flags, Geo};
use crate::dataset::Table;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The agency of the dataflows and of every artefact of the structure message.
const AGENCY: &str = "RAPPORTEUR";
/// The version of every artefact: the one [`Dataflow::reference`] names.
const VERSION: &str = "1.0";
/// The structure message's `Prepared` date. It is the structure's own date, not the time of writing, so that
/// the message is the same on every call and can be cached and compared: 27 January 2025, when the flags and
/// confidentiality codes it lists took effect at Eurostat.
const PREPARED: &str = "2025-01-27T00:00:00Z";

/// Writes the tables as SDMX-CSV 1.0 with Eurostat's header:
/// `DATAFLOW,LAST UPDATE,freq,<the dataflow's dimensions>,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS`, and
/// `OBS_COMMENT` after them when some table is synthetic (its rows say [`SYNTHETIC_NOTE`], the others are
/// empty).
///
/// `last_update` is written as given in every row; Eurostat's form is `DD/MM/YY HH:MM:SS`
/// ([`super::last_update`], [`super::Timestamp::last_update`]). `freq` is `A`. A value that is withheld or not
/// available leaves `OBS_VALUE` empty; `CONF_STATUS` then says why.
///
/// The tables must be of one dataflow, since the columns are its dimensions; the caller groups them by
/// dataflow. An error of kind [`io::ErrorKind::InvalidInput`] (wrapping an [`ExportError`]) comes, before
/// anything is written, for mixed dataflows, no tables at all, or a table given twice.
pub fn write_sdmx_csv<W: Write>(out: W, tables: &[&Table], last_update: &str) -> io::Result<()> {
    let tables = ordered(tables)?;
    let dataflow = match tables.first() {
        Some(first) => first.dataflow(),
        None => return Err(ExportError::NoTables.into()),
    };
    if let Some(other) = tables.iter().map(|t| t.dataflow()).find(|d| *d != dataflow) {
        return Err(ExportError::MixedDataflows { first: dataflow, other }.into());
    }
    let with_comment = tables.iter().any(|t| t.synthetic);
    let reference = dataflow.reference();

    let mut writer = ::csv::WriterBuilder::new().from_writer(out);
    let mut header = vec!["DATAFLOW", "LAST UPDATE", "freq"];
    header.extend(dataflow.dimensions().iter().map(|d| d.id()));
    header.extend(["geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]);
    if with_comment {
        header.push("OBS_COMMENT");
    }
    writer.write_record(&header)?;

    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for (table, cell, observation) in observations(&tables) {
        record.clear();
        record.extend([reference.clone(), last_update.to_string(), "A".to_string()]);
        let codes = cell.codes(dataflow);
        record.extend(dataflow.dimensions().iter().zip(codes).map(|(d, c)| d.code(c).id.to_string()));
        record.extend([table.id.geo.code().to_string(), table.id.year.to_string()]);
        let (value, conf) = match Shown::of(&observation) {
            Shown::Count(n) => (n.to_string(), ""),
            Shown::NotAvailable => (String::new(), ""),
            Shown::Withheld(conf) => (String::new(), conf.code()),
        };
        record.extend([value, observation.flags.to_string(), conf.to_string()]);
        if with_comment {
            record.push(if table.synthetic { SYNTHETIC_NOTE.to_string() } else { String::new() });
        }
        writer.write_record(&record)?;
    }
    writer.flush()
}

/// An SDMX-ML 2.1 structure message for `dataflow`: its codelists (`CL_FREQ`, `CL_GEO`, one per dimension,
/// `CL_CONF_STATUS`), a concept scheme (`CS_THB`), the data structure definition `DSD_<id>` (dimensions `freq`,
/// the dataflow's dimensions, `geo` and the time dimension `TIME_PERIOD`; the measure `OBS_VALUE`; the
/// attributes `OBS_FLAG`, `CONF_STATUS` and `OBS_COMMENT`) and the dataflow itself, all of agency
/// `RAPPORTEUR`, version 1.0, as [`Dataflow::reference`] names them.
///
/// SDMX tools read the SDMX-CSV of [`write_sdmx_csv`] with it; the message does not change between calls.
pub fn sdmx_structure_xml(dataflow: Dataflow) -> String {
    let mut xml = String::with_capacity(32 * 1024);
    let id = dataflow.id();
    let dsd = format!("DSD_{id}");
    // Writing to a String cannot fail, so the results of `write!` are discarded below.
    let _ = write!(
        xml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
  <mes:Header>
    <mes:ID>{id}_STRUCTURE</mes:ID>
    <mes:Test>false</mes:Test>
    <mes:Prepared>{PREPARED}</mes:Prepared>
    <mes:Sender id="{AGENCY}"/>
  </mes:Header>
  <mes:Structures>
    <str:Dataflows>
      <str:Dataflow id="{id}" agencyID="{AGENCY}" version="{VERSION}" isFinal="true">
        <com:Name xml:lang="en">{label}</com:Name>
        <str:Structure><Ref id="{dsd}" agencyID="{AGENCY}" version="{VERSION}" package="datastructure" class="DataStructure"/></str:Structure>
      </str:Dataflow>
    </str:Dataflows>
    <str:Codelists>
"#,
        label = escape(dataflow.label()),
    );

    codelist(&mut xml, "CL_FREQ", "Frequency", [("A", "Annual")]);
    for dim in dataflow.dimensions() {
        let name = format!("CL_{}", dim.id().to_ascii_uppercase());
        codelist(&mut xml, &name, dim.label(), dim.codes().iter().map(|c| (c.id, c.label)));
    }
    let geo = Geo::member_states().chain([Geo::EU27_2020]);
    codelist(&mut xml, "CL_GEO", "Geopolitical entity (reporting)", geo.map(|g| (g.code(), g.name())));
    let withheld = [Confidentiality::Confidential, Confidentiality::NotForPublication, Confidentiality::Secret];
    codelist(&mut xml, "CL_CONF_STATUS", "Confidentiality status", withheld.map(|c| (c.code(), c.label())));
    xml.push_str("    </str:Codelists>\n    <str:Concepts>\n");
    let _ = writeln!(
        xml,
        r#"      <str:ConceptScheme id="CS_THB" agencyID="{AGENCY}" version="{VERSION}" isFinal="true">
        <com:Name xml:lang="en">Concepts of the trafficking in human beings statistics</com:Name>"#
    );
    let flags: Vec<String> = Flags::all_letters().map(|(l, label)| format!("{l} ({label})")).collect();
    let flag_description = format!("Observation status: one or more of {}", flags.join(", "));
    let mut concepts: Vec<(&str, &str, Option<&str>)> = vec![("freq", "Time frequency", None)];
    concepts.extend(dataflow.dimensions().iter().map(|d| (d.id(), d.label(), None)));
    concepts.extend([
        ("geo", "Geopolitical entity (reporting)", None),
        ("TIME_PERIOD", "Time", None),
        ("OBS_VALUE", "Observation value", None),
        ("OBS_FLAG", "Observation status (flag)", Some(flag_description.as_str())),
        ("CONF_STATUS", "Confidentiality status (flag)", None),
        ("OBS_COMMENT", "Comment", Some(SYNTHETIC_NOTE)),
    ]);
    for (concept, name, description) in concepts {
        let _ =
            write!(xml, r#"        <str:Concept id="{concept}"><com:Name xml:lang="en">{}</com:Name>"#, escape(name));
        if let Some(description) = description {
            let _ = write!(xml, r#"<com:Description xml:lang="en">{}</com:Description>"#, escape(description));
        }
        xml.push_str("</str:Concept>\n");
    }
    let _ = write!(
        xml,
        r#"      </str:ConceptScheme>
    </str:Concepts>
    <str:DataStructures>
      <str:DataStructure id="{dsd}" agencyID="{AGENCY}" version="{VERSION}" isFinal="true">
        <com:Name xml:lang="en">{label}</com:Name>
        <str:DataStructureComponents>
          <str:DimensionList id="DimensionDescriptor">
"#,
        label = escape(dataflow.label()),
    );
    let mut dimensions: Vec<(&str, String)> = vec![("freq", "CL_FREQ".to_string())];
    dimensions.extend(dataflow.dimensions().iter().map(|d| (d.id(), format!("CL_{}", d.id().to_ascii_uppercase()))));
    dimensions.push(("geo", "CL_GEO".to_string()));
    for (position, (dimension, list)) in dimensions.iter().enumerate() {
        let _ = writeln!(
            xml,
            r#"            <str:Dimension id="{dimension}" position="{}">{}{}</str:Dimension>"#,
            position + 1,
            concept_ref(dimension),
            enumeration(list),
        );
    }
    let _ = write!(
        xml,
        r#"            <str:TimeDimension id="TIME_PERIOD" position="{}">{}<str:LocalRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:LocalRepresentation></str:TimeDimension>
          </str:DimensionList>
          <str:AttributeList id="AttributeDescriptor">
"#,
        dimensions.len() + 1,
        concept_ref("TIME_PERIOD"),
    );
    let text = r#"<str:LocalRepresentation><str:TextFormat textType="String"/></str:LocalRepresentation>"#;
    let attributes = [
        ("OBS_FLAG", text.to_string()),
        ("CONF_STATUS", enumeration("CL_CONF_STATUS")),
        ("OBS_COMMENT", text.to_string()),
    ];
    for (attribute, representation) in attributes {
        let _ = writeln!(
            xml,
            r#"            <str:Attribute id="{attribute}" assignmentStatus="Conditional">{}{representation}<str:AttributeRelationship><str:PrimaryMeasure><Ref id="OBS_VALUE"/></str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>"#,
            concept_ref(attribute),
        );
    }
    let _ = write!(
        xml,
        r#"          </str:AttributeList>
          <str:MeasureList id="MeasureDescriptor">
            <str:PrimaryMeasure id="OBS_VALUE">{}<str:LocalRepresentation><str:TextFormat textType="Integer"/></str:LocalRepresentation></str:PrimaryMeasure>
          </str:MeasureList>
        </str:DataStructureComponents>
      </str:DataStructure>
    </str:DataStructures>
  </mes:Structures>
</mes:Structure>
"#,
        concept_ref("OBS_VALUE"),
    );
    xml
}

/// Appends a codelist of `codes` (id, English name).
fn codelist<'a>(xml: &mut String, id: &str, name: &str, codes: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let _ = writeln!(
        xml,
        r#"      <str:Codelist id="{id}" agencyID="{AGENCY}" version="{VERSION}" isFinal="true">
        <com:Name xml:lang="en">{}</com:Name>"#,
        escape(name)
    );
    for (code, label) in codes {
        let _ = writeln!(
            xml,
            r#"        <str:Code id="{code}"><com:Name xml:lang="en">{}</com:Name></str:Code>"#,
            escape(label)
        );
    }
    xml.push_str("      </str:Codelist>\n");
}

/// The `ConceptIdentity` of a component: its concept in `CS_THB`, which has the component's id.
fn concept_ref(concept: &str) -> String {
    format!(
        r#"<str:ConceptIdentity><Ref id="{concept}" maintainableParentID="CS_THB" maintainableParentVersion="{VERSION}" agencyID="{AGENCY}" package="conceptscheme" class="Concept"/></str:ConceptIdentity>"#
    )
}

/// A `LocalRepresentation` by the codelist `list`.
fn enumeration(list: &str) -> String {
    format!(
        r#"<str:LocalRepresentation><str:Enumeration><Ref id="{list}" agencyID="{AGENCY}" version="{VERSION}" package="codelist" class="Codelist"/></str:Enumeration></str:LocalRepresentation>"#
    )
}

/// Escapes text for XML content and attributes.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Cell, Observation, TableId};

    fn table(dataflow: Dataflow, geo: &[u8], year: u16) -> Table {
        let geo = Geo::parse(geo).expect("a Member State");
        Table::new(TableId { dataflow, geo, year })
    }

    fn written(tables: &[&Table]) -> String {
        let mut out = Vec::new();
        write_sdmx_csv(&mut out, tables, "07/03/25 09:05:01").expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn export_sdmx_csv_header_and_rows_in_key_order() {
        let mut be = table(Dataflow::Persons, b"BE", 2023);
        let convicted = Cell::from_codes(Dataflow::Persons, &[2, 3, 3, 4, 10]);
        let suspected = Cell::from_codes(Dataflow::Persons, &[0, 3, 3, 4, 10]);
        be.insert(convicted, Observation::count(4));
        be.insert(suspected, Observation { flags: Flags::NONE.with(b'p'), ..Observation::count(12) });
        let at = table(Dataflow::Persons, b"AT", 2024);
        let text = written(&[&be, &at]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "DATAFLOW,LAST UPDATE,freq,leg_stat,sex,age,citizen,exploit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS"
        );
        assert_eq!(lines[1], "RAPPORTEUR:THB_PERS(1.0),07/03/25 09:05:01,A,SUSP,T,TOTAL,TOTAL,TOTAL,BE,2023,12,p,");
        assert_eq!(lines[2], "RAPPORTEUR:THB_PERS(1.0),07/03/25 09:05:01,A,CONV,T,TOTAL,TOTAL,TOTAL,BE,2023,4,,");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn export_sdmx_csv_withholds_and_labels_synthetic_tables() {
        let mut at = table(Dataflow::Victims, b"AT", 2023);
        let total = Cell::all_totals(Dataflow::Victims);
        at.insert(total, Observation { conf: Confidentiality::Confidential, ..Observation::count(987_654) });
        at.insert(total.with(Dataflow::Victims, 0, 0), Observation::not_available());
        at.synthetic = true;
        let text = written(&[&at]);
        assert!(!text.contains("987654"), "{text}");
        assert!(text.lines().next().is_some_and(|h| h.ends_with(",CONF_STATUS,OBS_COMMENT")));
        // The note has a comma, so CSV quotes it.
        assert!(text.contains(",AT,2023,,,C,\"synthetic: generated, not real data\"\n"), "{text}");
        assert!(text.contains(",AT,2023,,,,\"synthetic: generated, not real data\"\n"), "{text}");
    }

    #[test]
    fn export_sdmx_csv_refuses_mixed_empty_and_repeated_input() {
        let victims = table(Dataflow::Victims, b"AT", 2023);
        let persons = table(Dataflow::Persons, b"AT", 2023);
        for tables in [vec![&victims, &persons], vec![], vec![&victims, &victims]] {
            let mut out = Vec::new();
            let error = write_sdmx_csv(&mut out, &tables, "").expect_err("refused");
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
            assert!(out.is_empty());
        }
    }

    #[test]
    fn export_sdmx_structure_names_every_component_once() {
        for dataflow in Dataflow::ALL {
            let xml = sdmx_structure_xml(dataflow);
            assert!(
                xml.contains(&format!(r#"<str:Dataflow id="{}" agencyID="RAPPORTEUR" version="1.0""#, dataflow.id()))
            );
            for dim in dataflow.dimensions() {
                assert_eq!(xml.matches(&format!(r#"<str:Dimension id="{}""#, dim.id())).count(), 1, "{dim}");
            }
            assert!(xml.contains(r#"<str:TimeDimension id="TIME_PERIOD""#));
            assert_eq!(xml, sdmx_structure_xml(dataflow), "the same on every call");
        }
    }
}
