//! The EU figures Eurostat and the Commission have published (bundled in `data/eu_reference_figures.csv`,
//! each with its source), shown beside Rapporteur's own aggregates as the official series.

/// One published figure and where it was published.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialFigure {
    /// `2022` or a period such as `2021-2022`.
    pub period: String,
    /// `registered_victims`, `share_women_pct` …
    pub indicator: String,
    pub value: f64,
    pub unit: String,
    pub source_document: String,
    pub source_address: String,
}

impl OfficialFigure {
    /// The single year the figure is for, when it is for one.
    pub fn year(&self) -> Option<u16> {
        self.period.parse().ok()
    }

    /// A label for the indicator, as a page shows it.
    pub fn indicator_label(&self) -> &str {
        match self.indicator.as_str() {
            "registered_victims" => "Registered victims",
            "suspected_persons" => "Suspected persons",
            "prosecuted_persons" => "Prosecuted persons",
            "convicted_persons" => "Convicted persons",
            "share_women_pct" => "Share of women and girls (%)",
            "share_children_pct" => "Share of children (%)",
            "share_eu_citizens_pct" => "Share of EU citizens (%)",
            "share_non_eu_citizens_pct" => "Share of non-EU citizens (%)",
            "share_sexual_exploitation_pct" => "Share of sexual exploitation (%)",
            "share_labour_exploitation_pct" => "Share of labour exploitation (%)",
            "victims_sexual_exploitation" => "Victims of sexual exploitation",
            "victims_labour_exploitation" => "Victims of labour exploitation",
            "victims_other_exploitation" => "Victims of other forms of exploitation",
            other => other,
        }
    }
}

const BUNDLED: &str = include_str!("../data/eu_reference_figures.csv");

/// The bundled official figures, in the file's order.
pub fn official_figures() -> Vec<OfficialFigure> {
    let mut reader = csv::Reader::from_reader(BUNDLED.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            Some(OfficialFigure {
                period: r.get(0)?.to_string(),
                indicator: r.get(1)?.to_string(),
                value: r.get(2)?.parse().ok()?,
                unit: r.get(3)?.to_string(),
                source_document: r.get(4)?.to_string(),
                source_address: r.get(5)?.to_string(),
            })
        })
        .collect()
}

/// The latest published single-year figure of an indicator per year (later rows are later editions).
pub fn yearly_series(indicator: &str) -> Vec<(u16, OfficialFigure)> {
    let mut series: Vec<(u16, OfficialFigure)> = Vec::new();
    for figure in official_figures().into_iter().filter(|f| f.indicator == indicator) {
        let Some(year) = figure.year() else { continue };
        series.retain(|(y, _)| *y != year);
        series.push((year, figure));
    }
    series.sort_by_key(|(y, _)| *y);
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_row_is_read_with_its_source() {
        let rows = BUNDLED.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        let figures = official_figures();
        assert_eq!(figures.len(), rows);
        assert!(figures.iter().all(|f| f.source_address.starts_with("https://") && !f.source_document.is_empty()));
        let victims = yearly_series("registered_victims");
        assert!(victims.iter().any(|(y, f)| *y == 2022 && f.value == 10093.0));
    }
}
