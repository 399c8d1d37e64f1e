//! The public statistics pages: the EU's figures built from the published national ones beside the official
//! series, and each Member State's.

use super::as_of_param;
use crate::figures::{
    any_synthetic, breakdown_charts, editions_table, geo_of, load, member_state_of, totals_by_year, victim_years,
};
use crate::http::{ApiRouter, AppError, Params, Path};
use crate::state::AppState;
use crate::ui::charts::{eu_map, format_number, trend_chart, EuMap, MapValue, Series, TrendChart};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use rapporteur_core::MemberState;
use rapporteur_stats::aggregate::{aggregate_all, EuAggregate};
use rapporteur_stats::official::{official_figures, yearly_series};
use rapporteur_stats::{Cell, Dataflow, Dataset, Dimension, Geo, Table, TableId};

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/statistics", get(show_eu_statistics))
        .route("/statistics/{geo}", get(show_national_statistics))
}

/// The year a page shows in detail: the one asked for, or the latest with figures.
fn chosen_year(params: &Params, years: &[u16]) -> Result<Option<u16>, AppError> {
    let asked = params.int("year", 1990, 2100)?.map(|y| y as u16);
    Ok(asked.or_else(|| years.last().copied()))
}

fn download_links(cat: &Catalogue, geo: Option<Geo>, as_of: Option<&str>) -> Markup {
    let query = |dataflow: Dataflow, format: &str| {
        let mut q = format!("/api/v1/stats/{}?format={format}", dataflow.id());
        if let Some(g) = geo {
            q.push_str(&format!("&geo={}", g.code()));
        }
        if let Some(a) = as_of {
            q.push_str(&format!("&as_of={a}"));
        }
        q
    };
    html! {
        h2 #downloads { (cat.t("stats-downloads")) }
        p { (cat.t("stats-download-text")) }
        @for dataflow in Dataflow::ALL {
            p {
                strong { (dataflow.label()) " (" (dataflow.id()) "): " }
                a href=(query(dataflow, "sdmx-csv")) { "SDMX-CSV" } " · "
                a href=(query(dataflow, "json-stat")) { "JSON-stat" } " · "
                a href=(query(dataflow, "csv")) { "CSV" } " · "
                a href=(query(dataflow, "xlsx")) { "Excel" }
            }
        }
    }
}

fn year_form(cat: &Catalogue, action: &str, years: &[u16], chosen: Option<u16>, as_of: Option<&str>) -> Markup {
    html! {
        form.form.form--inline method="get" action=(action) {
            label for="year" { (cat.t("stats-year")) }
            select #year name="year" {
                @for y in years.iter().rev() {
                    option value=(y) selected[Some(*y) == chosen] { (y) }
                }
            }
            label for="as_of" { (cat.t("stats-as-of")) }
            input #as_of type="date" name="as_of" value=(as_of.unwrap_or_default());
            button.button type="submit" { (cat.t("stats-show")) }
        }
    }
}

/// The number of persons by legal status in one table of `THB_PERS`.
fn persons_rows(table: Option<&Table>) -> Vec<(&'static str, Option<u64>)> {
    let dataflow = Dataflow::Persons;
    (0..Dimension::LegStat.len())
        .map(|code| {
            let cell = Cell::all_totals(dataflow).with(dataflow, 0, code);
            (Dimension::LegStat.code(code).label, table.and_then(|t| t.get(cell)).and_then(|o| o.public_count()))
        })
        .collect()
}

fn persons_table(cat: &Catalogue, table: Option<&Table>, year: u16) -> Markup {
    html! {
        h2 { (cat.t("stats-persons-heading")) ", " (year) }
        table.data-table {
            tbody {
                @for (label, value) in persons_rows(table) {
                    tr { th scope="row" { (label) } td.number { (value.map_or(":".to_owned(), |v| format_number(v as f64))) } }
                }
            }
        }
    }
}

async fn show_eu_statistics(
    State(state): State<AppState>,
    Lang(cat): Lang,
    params: Params,
) -> Result<Markup, AppError> {
    let as_of = as_of_param(&params)?;
    let as_of_text = params.get("as_of").filter(|v| !v.is_empty() && as_of.is_some());
    let published = load(&state, None, None, as_of).await?;
    let aggregates = aggregate_all(&published.dataset);
    let eu: Dataset = aggregates.iter().map(|a| a.table.clone()).collect();
    let official = yearly_series("registered_victims");
    let mut years = victim_years(&published.dataset);
    years.extend(official.iter().map(|(y, _)| *y));
    years.sort_unstable();
    years.dedup();
    let chosen = chosen_year(&params, &victim_years(&published.dataset))?;
    let synthetic = any_synthetic(&published.dataset);
    let title = cat.t("stats-title");
    let built = cat.t("stats-series-eu-built");
    let official_label = cat.t("stats-series-official");
    let official_values: Vec<Option<f64>> =
        years.iter().map(|y| official.iter().find(|(oy, _)| oy == y).map(|(_, f)| f.value)).collect();
    let meta = PageMeta::new(cat, Section::Statistics, title.clone())
        .trail(cat.t("nav-home"), "/")
        .description(cat.t("stats-intro"));
    let victims_aggregate =
        |year: u16| aggregates.iter().find(|a| a.table.id.dataflow == Dataflow::Victims && a.table.id.year == year);
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p.lead { (cat.t("stats-intro")) }
            @if synthetic { p.notice.notice--synthetic { (cat.t("stats-synthetic-warning")) } }
            @if published.publications.is_empty() { p { (cat.t("stats-none")) } }
            (year_form(cat, "/statistics", &victim_years(&published.dataset), chosen, as_of_text))
            (trend_chart(&TrendChart {
                id: "eu-trend",
                title: &cat.t_args("stats-trend-title", &[("place", "the EU".into())]),
                unit: &cat.t("stats-unit-persons"),
                years: years.clone(),
                series: vec![
                    Series { label: &built, values: totals_by_year(&eu, Geo::EU27_2020, &years) },
                    Series { label: &official_label, values: official_values },
                ],
                synthetic,
                note: Some(&cat.t("stats-registered-note")),
            }))
            @if let Some(year) = chosen {
                @let national: Vec<MapValue<'_>> = Geo::member_states().map(|geo| MapValue {
                    code: geo.code(),
                    name: geo.name(),
                    value: published.dataset.table(TableId { dataflow: Dataflow::Victims, geo, year }).and_then(Table::grand_total).and_then(|o| o.public_count()).map(|v| v as f64),
                    href: Some(format!("/statistics/{}", geo.code().to_lowercase())),
                }).collect();
                (eu_map(&EuMap {
                    id: "eu-map",
                    title: &cat.t_args("stats-map-title", &[("year", year.into())]),
                    unit: &cat.t("stats-unit-persons"),
                    values: national,
                    synthetic,
                    note: Some(&cat.t("stats-registered-note")),
                }))
                @if let Some(aggregate) = victims_aggregate(year) {
                    (breakdown_charts(cat, "eu", &aggregate.table))
                }
                @let persons = aggregates.iter().find(|a| a.table.id.dataflow == Dataflow::Persons && a.table.id.year == year);
                (persons_table(cat, persons.map(|a| &a.table), year))
            }
            (coverage_table(cat, &years, &aggregates, &official))
            (official_table(cat))
            (download_links(cat, None, as_of_text))
        },
    ))
}

fn coverage_table(
    cat: &Catalogue,
    years: &[u16],
    aggregates: &[EuAggregate],
    official: &[(u16, rapporteur_stats::official::OfficialFigure)],
) -> Markup {
    let total_cell = Cell::all_totals(Dataflow::Victims);
    html! {
        h2 #coverage { (cat.t("stats-coverage-heading")) }
        p { (cat.t("stats-coverage-text")) }
        div.table-scroll {
            table.data-table {
                thead { tr {
                    th scope="col" { (cat.t("stats-col-year")) }
                    th scope="col" { (cat.t("stats-col-total")) }
                    th scope="col" { (cat.t("stats-col-reporting")) }
                    th scope="col" { (cat.t("stats-col-missing")) }
                    th scope="col" { (cat.t("stats-col-official")) }
                } }
                tbody {
                    @for year in years.iter().rev() {
                        @let aggregate = aggregates.iter().find(|a| a.table.id.dataflow == Dataflow::Victims && a.table.id.year == *year);
                        @let official_figure = official.iter().find(|(y, _)| y == year).map(|(_, f)| f);
                        tr {
                            th scope="row" { (year) }
                            td.number {
                                @match aggregate.and_then(|a| a.table.get(total_cell)).and_then(|o| o.public_count()) {
                                    Some(v) => { (format_number(v as f64)) @if aggregate.is_some_and(|a| a.contributors(total_cell).len() < 27) { " d" } }
                                    None => { ":" }
                                }
                                @if aggregate.is_some_and(|a| a.table.synthetic) { " " strong.badge.badge--synthetic { (cat.t("synthetic-label")) } }
                            }
                            td.number { (aggregate.map_or(0, |a| a.contributors(total_cell).len())) " / 27" }
                            td { @match aggregate {
                                Some(a) => { (Geo::member_states().filter(|g| !a.contributors(total_cell).contains(g)).map(Geo::code).collect::<Vec<_>>().join(", ")) }
                                None => { "–" }
                            } }
                            td { @if let Some(f) = official_figure {
                                (format_number(f.value)) " (" a href=(f.source_address) { (f.source_document) } ")"
                            } @else { "–" } }
                        }
                    }
                }
            }
        }
    }
}

fn official_table(cat: &Catalogue) -> Markup {
    html! {
        h2 #official { (cat.t("stats-official-heading")) }
        p { (cat.t("stats-official-text")) }
        div.table-scroll {
            table.data-table {
                thead { tr {
                    th scope="col" { (cat.t("stats-col-period")) }
                    th scope="col" { (cat.t("stats-col-indicator")) }
                    th scope="col" { (cat.t("stats-col-value")) }
                    th scope="col" { (cat.t("stats-col-source")) }
                } }
                tbody {
                    @for f in official_figures() {
                        tr {
                            td { (f.period) }
                            td { (f.indicator_label()) }
                            td.number { (format_number(f.value)) }
                            td { a href=(f.source_address) { (f.source_document) } }
                        }
                    }
                }
            }
        }
    }
}

async fn show_national_statistics(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(code): Path<String>,
    params: Params,
) -> Result<Markup, AppError> {
    let geo = Geo::parse(code.as_bytes()).and_then(member_state_of).ok_or(AppError::NotFound)?;
    show_national(state, cat, geo, params).await
}

async fn show_national(state: AppState, cat: &Catalogue, ms: MemberState, params: Params) -> Result<Markup, AppError> {
    let geo = geo_of(ms);
    let as_of: Option<DateTime<Utc>> = as_of_param(&params)?;
    let as_of_text = params.get("as_of").filter(|v| !v.is_empty() && as_of.is_some());
    let published = load(&state, None, Some(geo), as_of).await?;
    // Estimates are shown as published now: the figures as of a date have none beside them.
    let estimates = if as_of.is_none() { crate::estimates::current(&state, ms).await? } else { Vec::new() };
    // Every edition of each table shown, not only the one its figures come from: a revised table lists the
    // editions it replaced (newest first), so that a reader sees that and when the figures changed, and can
    // read an earlier one with `as_of`. Those up to the current version are the ones published by `as_of`.
    let mut editions = Vec::with_capacity(published.publications.len());
    for current in &published.publications {
        let all = state.repo.list_publications(current.key).await?;
        editions.extend(all.into_iter().filter(|p| p.version <= current.version));
    }
    let years = victim_years(&published.dataset);
    let chosen = chosen_year(&params, &years)?;
    let synthetic = any_synthetic(&published.dataset);
    let title = cat.t_args("stats-national-title", &[("name", ms.name().into())]);
    let label = cat.t("stats-series-registered");
    let meta = PageMeta::new(cat, Section::Statistics, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("nav-statistics"), "/statistics");
    let path = format!("/statistics/{}", geo.code().to_lowercase());
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p.lead { (cat.t("stats-intro")) }
            p { a href={ "/member-states/" (ms.iso().to_lowercase()) } { (ms.name()) } }
            @if synthetic { p.notice.notice--synthetic { (cat.t("stats-synthetic-warning")) } }
            @if years.is_empty() {
                p { (cat.t("stats-ms-none")) }
            } @else {
                (year_form(cat, &path, &years, chosen, as_of_text))
                (trend_chart(&TrendChart {
                    id: "national-trend",
                    title: &cat.t_args("stats-trend-title", &[("place", ms.name().into())]),
                    unit: &cat.t("stats-unit-persons"),
                    years: years.clone(),
                    series: vec![Series { label: &label, values: totals_by_year(&published.dataset, geo, &years) }],
                    synthetic,
                    note: Some(&cat.t("stats-registered-note")),
                }))
                @if let Some(year) = chosen {
                    @if let Some(table) = published.dataset.table(TableId { dataflow: Dataflow::Victims, geo, year }) {
                        (breakdown_charts(cat, "national", table))
                    }
                    (persons_table(cat, published.dataset.table(TableId { dataflow: Dataflow::Persons, geo, year }), year))
                }
                h2 { (cat.t("stats-versions-heading")) }
                (editions_table(cat, &editions))
            }
            (crate::estimates::public_section(cat, "national", ms, &estimates, &published))
            (download_links(cat, Some(geo), as_of_text))
        },
    ))
}
