//! The estimation API: the published estimates of a Member State, each with everything that reproduces it
//! (the input table, the method, the settings and seed, the software version) and the full analysis. Nothing
//! unpublished is ever answered here.

use super::geo_code;
use crate::estimates::{model_words, read_analysis, read_settings};
use crate::figures::member_state_of;
use crate::http::{ApiRouter, AppError, Params, Path};
use crate::state::AppState;
use crate::ui::i18n::{Catalogues, DEFAULT_LANG};
use axum::extract::State;
use axum::Json;
use rapporteur_mse::Method;
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::Geo;
use rapporteur_store::{EstimateRecord, EstimateSource};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new().routes(routes!(list_published_estimates_api))
}

/// The published estimates of a Member State, newest publication first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedEstimateList {
    pub items: Vec<PublishedEstimate>,
    pub total: u64,
}

/// A published estimate of the number of victims, including those no list found, and what reproduces it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedEstimate {
    pub id: i64,
    /// The Member State (Eurostat's code).
    pub geo: String,
    pub year: u16,
    /// Whether pages show it: false once a newer estimate of the same Member State and year was published.
    pub current: bool,
    pub published_at: String,
    /// When the estimation was run.
    pub estimated_at: String,
    /// The Rapporteur version that made it.
    pub software_version: String,
    /// Persons found by at least one list.
    pub observed: u64,
    /// The estimated number of persons, found or not.
    pub total: f64,
    pub interval: EstimateInterval,
    /// How the model was chosen: stepwise, bic, downhill or main.
    pub method: String,
    /// The stepwise rule's p-value threshold (stepwise only).
    pub threshold: Option<f64>,
    /// Bootstrap resamples; 0 when no bootstrap was run.
    pub resamples: usize,
    /// The seed of the bootstrap's random streams (with a bootstrap only).
    pub seed: Option<u64>,
    /// The chosen model's interactions (`A:B`); empty when the lists are taken as independent.
    pub model: Vec<String>,
    /// What the estimate assumes and how the model was chosen, in words.
    pub assumptions: String,
    /// When not to trust it, in words.
    pub warnings: Vec<String>,
    /// The result in a sentence.
    pub summary: String,
    pub input: EstimateInput,
    /// The settings as the analysis was given them (`analyse(table, settings)` gives the result again).
    #[schema(value_type = Object)]
    pub settings: serde_json::Value,
    /// The whole analysis: every model set beside the chosen one, the profile-likelihood and bootstrap
    /// intervals, the fitted values (a failed bootstrap resample is `null`).
    #[schema(value_type = Object)]
    pub result: serde_json::Value,
}

/// The reported 95% interval.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateInterval {
    pub low: f64,
    pub high: f64,
    /// bca (the bootstrap's, repeating the model choice in every resample) or conditional (on the chosen model).
    pub kind: String,
}

/// The capture-history table the estimate was made from.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateInput {
    /// linkage_run or upload.
    pub kind: String,
    /// The linkage run whose capture histories it is.
    pub linkage_run: Option<i64>,
    /// The file's name.
    pub name: String,
    /// The table: one 0/1 column per list, then `count`.
    #[schema(max_length = 4194304)]
    pub csv: String,
}

impl PublishedEstimate {
    fn of(estimate: EstimateRecord) -> Result<PublishedEstimate, AppError> {
        let cat = Catalogues::get(DEFAULT_LANG);
        let analysis = read_analysis(&estimate.result)?;
        let settings = read_settings(&estimate.settings)?;
        let publication = estimate.publication.ok_or(AppError::NotFound)?;
        let ((low, high), kind) = analysis.interval();
        let unreadable = |e: serde_json::Error| AppError::internal("an estimate's stored JSON", e);
        Ok(PublishedEstimate {
            id: estimate.id.0,
            geo: geo_code(estimate.member_state).to_owned(),
            year: estimate.year,
            current: !publication.superseded,
            published_at: publication.published_at.to_rfc3339(),
            estimated_at: estimate.created_at.to_rfc3339(),
            software_version: estimate.software_version,
            observed: analysis.estimate.observed,
            total: analysis.estimate.total,
            interval: EstimateInterval { low, high, kind: kind.to_owned() },
            method: settings.method.name().to_owned(),
            threshold: match settings.method {
                Method::Stepwise { threshold } => Some(threshold),
                _ => None,
            },
            resamples: settings.bootstrap.map_or(0, |b| b.resamples),
            seed: settings.bootstrap.map(|b| b.seed),
            model: analysis.terms.clone(),
            assumptions: format!("{} {}", analysis.assumptions(), model_words(cat, &analysis)),
            warnings: analysis.warnings.iter().map(ToString::to_string).collect(),
            summary: analysis.summary(),
            input: EstimateInput {
                kind: estimate.source.code().to_owned(),
                linkage_run: match estimate.source {
                    EstimateSource::LinkageRun(run) => Some(run.0),
                    EstimateSource::Upload => None,
                },
                name: estimate.input_name,
                csv: estimate.input_csv,
            },
            settings: serde_json::from_str(&estimate.settings).map_err(unreadable)?,
            result: serde_json::from_str(&estimate.result).map_err(unreadable)?,
        })
    }
}

/// A Member State's published estimates of the number of victims including those no list found (multiple
/// systems estimation), newest publication first; `year` keeps one reference year. Each carries its input
/// table, method, settings, seed and software version, so that anyone can make it again.
#[utoipa::path(get, path = "/api/v1/estimates/{geo}", tag = "estimation",
    params(
        ("geo" = String, Path, description = "A Member State (Eurostat's code, EL for Greece)"),
        ("year" = Option<u16>, Query, description = "One reference year"),
    ),
    responses(
        (status = 200, body = PublishedEstimateList),
        (status = 400, body = crate::http::error::ErrorBody),
        (status = 404, body = crate::http::error::ErrorBody),
    ))]
async fn list_published_estimates_api(
    State(state): State<AppState>,
    Path(geo): Path<String>,
    params: Params,
) -> Result<Json<PublishedEstimateList>, AppError> {
    let ms = Geo::parse(geo.as_bytes()).and_then(member_state_of).ok_or(AppError::NotFound)?;
    let year = params.int("year", i64::from(*YEARS.start()), i64::from(*YEARS.end()))?.map(|y| y as u16);
    let items = state
        .repo
        .published_estimates(ms, year)
        .await?
        .into_iter()
        .map(PublishedEstimate::of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(PublishedEstimateList { total: items.len() as u64, items }))
}
