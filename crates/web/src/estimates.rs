//! Estimates of the hidden figure as pages show them: an estimate's stored analysis and settings read back,
//! and the published estimates of a Member State beside its registered figures. Shared by the estimation
//! area, the statistics pages and the Member State pages.

use crate::figures::{geo_of, totals_by_year};
use crate::http::AppError;
use crate::state::AppState;
use crate::ui::charts::format_number;
use crate::ui::Catalogue;
use maud::{html, Markup};
use rapporteur_core::MemberState;
use rapporteur_mse::{Analysis, Method, Settings};
use rapporteur_store::{EstimateRecord, Published};

/// An estimate's stored analysis.
pub fn read_analysis(json: &str) -> Result<Analysis, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::internal("reading an estimate's result", e))
}

/// An estimate's stored settings.
pub fn read_settings(json: &str) -> Result<Settings, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::internal("reading an estimate's settings", e))
}

/// The method in a few words.
pub fn method_label(cat: &Catalogue, method: &Method) -> String {
    match method {
        Method::Stepwise { threshold } => {
            cat.t_args("estimates-method-stepwise", &[("threshold", (*threshold).into())])
        }
        Method::Bic => cat.t("estimates-method-bic"),
        Method::Downhill => cat.t("estimates-method-downhill"),
        Method::Main => cat.t("estimates-method-main"),
    }
}

/// The kind of the reported interval (`bca` or `conditional`, as [`Analysis::interval`] names it).
pub fn interval_kind_label(cat: &Catalogue, kind: &str) -> String {
    match kind {
        "bca" => cat.t("estimates-interval-bca"),
        _ => cat.t("estimates-interval-conditional"),
    }
}

/// "8,660 (95% interval 6,200 to 12,000)".
pub fn estimate_with_interval(analysis: &Analysis) -> String {
    let ((low, high), _) = analysis.interval();
    format!(
        "{} (95% interval {} to {})",
        format_number(analysis.estimate.total.round()),
        format_number(low.round()),
        format_number(high.round())
    )
}

/// A Member State's published estimates that pages show (the newest publication of each year), newest year
/// first, each with its analysis.
pub async fn current(state: &AppState, ms: MemberState) -> Result<Vec<(EstimateRecord, Analysis)>, AppError> {
    let mut shown: Vec<(EstimateRecord, Analysis)> = Vec::new();
    for estimate in state.repo.published_estimates(ms, None).await? {
        if estimate.publication.as_ref().is_some_and(|p| !p.superseded) {
            // A result the server cannot read back (written by a version whose analysis differs) leaves the
            // page without it rather than without the page.
            match read_analysis(&estimate.result) {
                Ok(analysis) => shown.push((estimate, analysis)),
                Err(e) => tracing::error!(estimate = %estimate.id, error = %e, "a published estimate does not read"),
            }
        }
    }
    shown.sort_by_key(|(estimate, _)| std::cmp::Reverse(estimate.year));
    Ok(shown)
}

/// The published estimates beside the registered figures of the same years, with the method, the interval,
/// the caveats in words, the date and the software version of each; `id` starts the section's ids.
pub fn public_section(
    cat: &Catalogue,
    id: &str,
    ms: MemberState,
    shown: &[(EstimateRecord, Analysis)],
    published: &Published,
) -> Markup {
    if shown.is_empty() {
        return html! {};
    }
    let geo = geo_of(ms);
    let heading = format!("{id}-estimates");
    let api = format!("/api/v1/estimates/{}", geo.code());
    html! {
        section.figures aria-labelledby=(heading) {
            h2 #(heading) { (cat.t("estimates-public-heading")) }
            p { (cat.t("estimates-public-intro")) }
            div.table-scroll { table.data-table {
                caption { (cat.t_args("estimates-public-caption", &[("name", ms.name().into())])) }
                thead { tr {
                    th scope="col" { (cat.t("estimates-col-year")) }
                    th scope="col" class="number" { (cat.t("estimates-col-registered")) }
                    th scope="col" class="number" { (cat.t("estimates-col-found")) }
                    th scope="col" class="number" { (cat.t("estimates-col-estimate")) }
                    th scope="col" { (cat.t("estimates-col-interval")) }
                    th scope="col" { (cat.t("estimates-col-published")) }
                } }
                tbody { @for (estimate, analysis) in shown {
                    @let registered = totals_by_year(&published.dataset, geo, &[estimate.year])[0];
                    @let ((low, high), kind) = analysis.interval();
                    tr {
                        th scope="row" { (estimate.year) }
                        td.number { (registered.map_or(":".to_owned(), format_number)) }
                        td.number { (format_number(analysis.estimate.observed as f64)) }
                        td.number { (format_number(analysis.estimate.total.round())) }
                        td { (format_number(low.round())) " – " (format_number(high.round())) " (" (interval_kind_label(cat, kind)) ")" }
                        td { @if let Some(p) = &estimate.publication { (p.published_at.format("%Y-%m-%d")) } }
                    }
                } }
            } }
            @for (estimate, analysis) in shown {
                @let (_, kind) = analysis.interval();
                h3 { (cat.t_args("estimates-public-year", &[("year", estimate.year.into())])) }
                p { (analysis.summary()) }
                dl {
                    dt { (cat.t("estimates-method")) } dd { (method_label(cat, &analysis.settings.method)) ": " (analysis.settings.method.describe()) }
                    dt { (cat.t("estimates-model")) } dd { (model_words(cat, analysis)) }
                    dt { (cat.t("estimates-col-interval")) } dd { (interval_kind_label(cat, kind)) }
                    dt { (cat.t("estimates-published-on")) } dd {
                        @if let Some(p) = &estimate.publication { time datetime=(p.published_at.to_rfc3339()) { (p.published_at.format("%Y-%m-%d")) } }
                    }
                    dt { (cat.t("estimates-version")) } dd { "Rapporteur " (estimate.software_version) }
                }
                h4 { (cat.t("estimates-caveats")) }
                ul {
                    li { (analysis.assumptions()) }
                    @for w in &analysis.warnings { li { (w) } }
                }
                p { a href={ (api) "?year=" (estimate.year) } { (cat.t("estimates-reproduce")) } }
            }
        }
    }
}

/// The chosen model's interactions in words, or that the lists were taken as independent.
pub fn model_words(cat: &Catalogue, analysis: &Analysis) -> String {
    if analysis.terms.is_empty() {
        cat.t("estimates-model-independent")
    } else {
        cat.t_args("estimates-model-terms", &[("terms", analysis.terms.join(", ").into())])
    }
}
