//! The published THB figures as pages show them: loaded from the store (as published at a moment, when
//! asked), with the EU aggregates built from them, and drawn as charts. Shared by the statistics area and the
//! Member State pages, which show a country's series.

use crate::http::AppError;
use crate::state::AppState;
use crate::ui::charts::{bar_chart, trend_chart, BarChart, Series, TrendChart};
use crate::ui::Catalogue;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use rapporteur_core::MemberState;
use rapporteur_stats::aggregate::{breakdown, Part};
use rapporteur_stats::{Dataflow, Dataset, Dimension, Geo, Table, TableId};
use rapporteur_store::{Publication, Published, PublishedQuery};

/// Eurostat's code of a Member State (`EL` for Greece).
pub fn geo_of(ms: MemberState) -> Geo {
    Geo::parse(ms.country().eurostat().as_bytes()).expect("every Member State has a Eurostat code in the code list")
}

/// The Member State of a geo code, when it is one.
pub fn member_state_of(geo: Geo) -> Option<MemberState> {
    geo.is_member_state().then(|| MemberState::parse(geo.code()).ok()).flatten()
}

/// The published figures of a dataflow (and a country), as published at `as_of` or now.
pub async fn load(
    state: &AppState,
    dataflow: Option<Dataflow>,
    geo: Option<Geo>,
    as_of: Option<DateTime<Utc>>,
) -> Result<Published, AppError> {
    Ok(state.repo.published(&PublishedQuery { dataflow, geo, as_of }).await?)
}

/// The grand totals of registered victims of one country (or the EU table given) per year.
pub fn totals_by_year(dataset: &Dataset, geo: Geo, years: &[u16]) -> Vec<Option<f64>> {
    years
        .iter()
        .map(|year| {
            dataset
                .table(TableId { dataflow: Dataflow::Victims, geo, year: *year })
                .and_then(Table::grand_total)
                .and_then(|o| o.public_count())
                .map(|n| n as f64)
        })
        .collect()
}

/// The years of a dataset's victims tables, ascending.
pub fn victim_years(dataset: &Dataset) -> Vec<u16> {
    let mut years: Vec<u16> =
        dataset.tables().filter(|t| t.id.dataflow == Dataflow::Victims).map(|t| t.id.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Whether any victims table of the dataset is synthetic.
pub fn any_synthetic(dataset: &Dataset) -> bool {
    dataset.tables().any(|t| t.synthetic)
}

/// Bars of a one-way breakdown, labelled from the code list.
pub fn breakdown_bars(table: &Table, dimension: Dimension) -> Vec<(String, Option<f64>)> {
    breakdown(table, dimension, &[])
        .into_iter()
        .map(|Part { code, value }| (dimension.code(code).label.to_owned(), value.map(|v| v as f64)))
        .collect()
}

/// The breakdowns a page draws for one table: exploitation, sex, age, citizenship (those given).
pub fn breakdown_charts(cat: &Catalogue, id: &str, table: &Table) -> Markup {
    let dimensions = [Dimension::Exploit, Dimension::Sex, Dimension::Age, Dimension::Citizen];
    html! {
        @for dimension in dimensions {
            @let bars = breakdown_bars(table, dimension);
            @if bars.iter().any(|(_, v)| v.is_some()) {
                @let title = cat.t_args("stats-breakdown-title", &[("dimension", dimension.label().to_lowercase().into()), ("year", table.id.year.into())]);
                (bar_chart(&BarChart {
                    id: &format!("{id}-{}", dimension.id()),
                    title: &title,
                    unit: &cat.t("stats-unit-persons"),
                    bars,
                    synthetic: table.synthetic,
                    note: Some(&cat.t("stats-suppressed-note")),
                }))
            }
        }
    }
}

/// A country's section on its Member State page: the trend of registered victims, the latest year's
/// breakdown by form of exploitation, and the way to everything else.
pub fn member_state_section(cat: &Catalogue, ms: MemberState, published: &Published) -> Markup {
    let geo = geo_of(ms);
    let years = victim_years(&published.dataset);
    let link = format!("/statistics/{}", geo.code().to_lowercase());
    html! {
        section.figures aria-labelledby="ms-figures" {
            h2 #ms-figures { (cat.t("stats-ms-heading")) }
            @if years.is_empty() {
                p { (cat.t("stats-ms-none")) }
            } @else {
                @let title = cat.t_args("stats-trend-title", &[("place", ms.name().into())]);
                @let label = cat.t("stats-series-registered");
                (trend_chart(&TrendChart {
                    id: "ms-trend",
                    title: &title,
                    unit: &cat.t("stats-unit-persons"),
                    years: years.clone(),
                    series: vec![Series { label: &label, values: totals_by_year(&published.dataset, geo, &years) }],
                    synthetic: any_synthetic(&published.dataset),
                    note: Some(&cat.t("stats-registered-note")),
                }))
                @if let Some(latest) = years.last().and_then(|y| published.dataset.table(TableId { dataflow: Dataflow::Victims, geo, year: *y })) {
                    @let bars = breakdown_bars(latest, Dimension::Exploit);
                    @if bars.iter().any(|(_, v)| v.is_some()) {
                        @let title = cat.t_args("stats-breakdown-title", &[("dimension", Dimension::Exploit.label().to_lowercase().into()), ("year", latest.id.year.into())]);
                        (bar_chart(&BarChart { id: "ms-exploit", title: &title, unit: &cat.t("stats-unit-persons"), bars, synthetic: latest.synthetic, note: Some(&cat.t("stats-suppressed-note")) }))
                    }
                }
            }
            p { a href=(link) { (cat.t_args("stats-ms-more", &[("name", ms.name().into())])) } }
        }
    }
}

/// The editions table: every published version a page draws from, with its date and who signed it off.
pub fn editions_table(cat: &Catalogue, publications: &[Publication]) -> Markup {
    html! {
        table.data-table {
            caption { (cat.t("stats-editions-caption")) }
            thead { tr {
                th scope="col" { (cat.t("stats-col-table")) }
                th scope="col" { (cat.t("stats-col-version")) }
                th scope="col" { (cat.t("stats-col-published")) }
                th scope="col" { (cat.t("stats-col-signed")) }
                th scope="col" { (cat.t("stats-col-suppressed")) }
            } }
            tbody {
                @for p in publications {
                    tr {
                        td { (p.key) @if p.synthetic { " " strong.badge.badge--synthetic { (cat.t("synthetic-label")) } } }
                        td { (p.version) }
                        td { time datetime=(p.published_at) { (p.published_at.get(..10).unwrap_or(&p.published_at)) } }
                        td { (p.signed_off_by) }
                        td { (p.suppressed) " / " (p.observations) }
                    }
                }
            }
        }
    }
}
