//! The statistics API: published figures in every export format, as published on any date; submissions read,
//! uploaded and moved through the workflow with a token.

use super::submissions::{check_file, draft_problems, invalid, save};
use super::{as_of_param, submission_key, timestamp, Access};
use crate::http::auth::AnyAccount;
use crate::http::download::attachment;
use crate::http::error::Problem as HttpProblem;
use crate::http::{Acts, ApiRouter, AppError, Json, Params, Path, Signed};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use rapporteur_stats::export::Format;
use rapporteur_stats::output::{render, with_eu_aggregates};
use rapporteur_stats::workflow::Action;
use rapporteur_stats::{Dataflow, Dataset, Geo, Table};
use rapporteur_store::{DraftPart, Saved, Submission, SubmissionEvent};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// The largest file a submission takes through the API or a form: a full cross-classification of one year
/// is about 24,000 lines, some 2.5 MB.
pub(super) const UPLOAD_LIMIT_BYTES: usize = 16 * 1024 * 1024;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .routes(routes!(show_figures_api))
        .routes(routes!(show_submission_api))
        .routes(routes!(upload_submission_api).map(|r| r.layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES))))
        .routes(routes!(take_step_api))
}

/// Published figures of a dataflow with the EU aggregates built from them. `format`: `json-stat` (default),
/// `sdmx-csv`, `csv` or `xlsx`. `geo`: one Member State (Eurostat's code) or `EU27_2020`. `time`: a year or a
/// range (`2015-2020`). Any dimension (`sex=F`, `exploit=SEX` …) keeps only its code. `as_of`: the figures as
/// published on that day (its end, UTC) or at that instant. Withheld values are never sent: their value is
/// empty and their status `C`.
#[utoipa::path(get, path = "/api/v1/stats/{dataflow}", tag = "statistics",
    params(
        ("dataflow" = String, Path, description = "THB_VICT or THB_PERS"),
        ("format" = Option<String>, Query, description = "json-stat (default), sdmx-csv, csv or xlsx"),
        ("geo" = Option<String>, Query, description = "A Member State (Eurostat's code, EL for Greece) or EU27_2020"),
        ("time" = Option<String>, Query, description = "A year (2022) or a range (2015-2022)"),
        ("as_of" = Option<String>, Query, description = "The figures as published on this day (YYYY-MM-DD) or at this RFC 3339 instant"),
    ),
    responses(
        (status = 200, description = "The figures in the format asked for"),
        (status = 400, body = crate::http::error::ErrorBody),
        (status = 404, body = crate::http::error::ErrorBody),
    ))]
async fn show_figures_api(
    State(state): State<AppState>,
    Path(dataflow): Path<String>,
    params: Params,
) -> Result<impl IntoResponse, AppError> {
    let dataflow = Dataflow::parse(&dataflow).ok_or(AppError::NotFound)?;
    let format = params.choice("format", Format::parse, "json-stat, sdmx-csv, csv, xlsx")?.unwrap_or(Format::JsonStat);
    let geo = params.choice("geo", |g| Geo::parse(g.as_bytes()), "a Member State's Eurostat code or EU27_2020")?;
    let years = match params.get("time").map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => Some(parse_time(text).ok_or_else(|| {
            AppError::bad("time", format!("{text:?} is not a year (2022) or a range of years (2015-2022)"))
        })?),
    };
    let mut fixed: Vec<(usize, u8)> = Vec::new();
    for (position, dimension) in dataflow.dimensions().iter().enumerate() {
        if let Some(code) = params.get(dimension.id()) {
            let index = dimension.code_index(code.as_bytes()).ok_or_else(|| {
                AppError::bad(
                    dimension.id(),
                    format!("unknown {dimension} code {code:?}: expected {}", dimension.expected()),
                )
            })?;
            fixed.push((position, index));
        }
    }
    let as_of = as_of_param(&params)?;
    let published = crate::figures::load(&state, Some(dataflow), None, as_of).await?;
    let all = with_eu_aggregates(&published.dataset, dataflow, geo);
    let selected: Dataset = all
        .into_tables()
        .filter(|t| years.as_ref().is_none_or(|r| r.contains(&t.id.year)))
        .map(|t| keep_cells(t, &fixed))
        .collect();
    let bytes = render(format, &selected, dataflow, &timestamp(state.clock.now()))
        .map_err(|e| AppError::internal("statistics export", e))?;
    let name = format!(
        "{}{}.{}",
        dataflow.id(),
        geo.map(|g| format!("-{}", g.code())).unwrap_or_default(),
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(format.media_type())),
            (
                header::CONTENT_DISPOSITION,
                // JSON-stat is read by programs and shown by browsers; the files are saved.
                if format == Format::JsonStat { HeaderValue::from_static("inline") } else { attachment(&name) },
            ),
        ],
        bytes,
    ))
}

fn parse_time(text: &str) -> Option<std::ops::RangeInclusive<u16>> {
    let year = |t: &str| t.trim().parse::<u16>().ok();
    match text.split_once('-') {
        Some((a, b)) => Some(year(a)?..=year(b)?),
        None => year(text).map(|y| y..=y),
    }
}

fn keep_cells(table: Table, fixed: &[(usize, u8)]) -> Table {
    if fixed.is_empty() {
        return table;
    }
    let dataflow = table.dataflow();
    let mut kept = Table::new(table.id);
    kept.synthetic = table.synthetic;
    for (cell, observation) in table.iter() {
        if fixed.iter().all(|(position, code)| cell.code(dataflow, *position) == *code) {
            kept.insert(cell, *observation);
        }
    }
    kept
}

/// A submission as its rapporteur, a source or the EU ATC office sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionResource {
    pub dataflow: String,
    pub geo: String,
    pub year: u16,
    /// draft, submitted, validated or published.
    pub state: String,
    pub next_step: String,
    /// How many times it has been published.
    pub versions: i64,
    pub synthetic: bool,
    pub updated_at: String,
    pub updated_by: String,
    /// Figures in the caller's part of the draft (the rapporteur's own, or the source's slice).
    pub figures: u64,
    /// What submitting the draft would refuse, each at its place.
    pub problems: Vec<HttpProblem>,
    pub history: Vec<SubmissionEventResource>,
}

/// One step of a submission's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionEventResource {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub state: String,
    pub comment: String,
}

impl From<SubmissionEvent> for SubmissionEventResource {
    fn from(e: SubmissionEvent) -> Self {
        SubmissionEventResource {
            at: e.at,
            actor: e.actor,
            action: e.action,
            state: e.state.code().to_owned(),
            comment: e.comment,
        }
    }
}

/// What an upload saved.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadResult {
    pub state: String,
    pub figures: u64,
    /// Year-on-year jumps and other things worth a second look; they do not stop the upload.
    pub warnings: Vec<HttpProblem>,
}

fn caller_access(account: &rapporteur_store::Account, geo: Geo) -> Result<Access, AppError> {
    Access::of(&account.role, geo).ok_or(AppError::Forbidden)
}

async fn resource(
    state: &AppState,
    access: &Access,
    key: rapporteur_stats::TableId,
    submission: Option<Submission>,
) -> Result<SubmissionResource, AppError> {
    let part = access.part().unwrap_or(DraftPart::Own);
    let draft = state.repo.draft(key, &part).await?;
    let own = if part == DraftPart::Own { draft.clone() } else { Table::new(key) };
    // A source sees its own slice and the workflow's state, never the rapporteur's figures or the history's
    // comments about them.
    let history = match access {
        Access::Source(_) => Vec::new(),
        _ => state.repo.list_submission_events(key).await?.into_iter().map(Into::into).collect(),
    };
    let submission_state = submission.as_ref().map_or(rapporteur_stats::workflow::SubmissionState::Draft, |s| s.state);
    Ok(SubmissionResource {
        dataflow: key.dataflow.id().to_owned(),
        geo: key.geo.code().to_owned(),
        year: key.year,
        state: submission_state.code().to_owned(),
        next_step: submission_state.next_step().to_owned(),
        versions: submission.as_ref().map_or(0, |s| s.versions),
        synthetic: submission.as_ref().is_some_and(|s| s.synthetic),
        updated_at: submission.as_ref().map(|s| s.updated_at.clone()).unwrap_or_default(),
        updated_by: submission.as_ref().map(|s| s.updated_by.clone()).unwrap_or_default(),
        figures: draft.len() as u64,
        problems: draft_problems(&own).into_iter().map(HttpProblem::from).collect(),
        history,
    })
}

/// A submission's state, the caller's figures count and what would stop it being submitted (its Member
/// State's rapporteur and sources, and the EU ATC office).
#[utoipa::path(get, path = "/api/v1/stats/submissions/{dataflow}/{geo}/{year}", tag = "statistics", security(("bearer" = [])),
    params(("dataflow" = String, Path), ("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    responses((status = 200, body = SubmissionResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_submission_api(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
) -> Result<axum::Json<SubmissionResource>, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let access = caller_access(&caller.account, key.geo)?;
    let submission = state.repo.find_submission(key).await?;
    Ok(axum::Json(resource(&state, &access, key, submission).await?))
}

/// Replace the caller's part of a draft with a file (SDMX-CSV or CSV, `text/csv` body): the rapporteur's own
/// figures, or a source's slice by registering organisation. Every problem comes back at once with its line
/// and column, and nothing is saved while there is an error.
#[utoipa::path(put, path = "/api/v1/stats/submissions/{dataflow}/{geo}/{year}", tag = "statistics", security(("bearer" = [])),
    params(("dataflow" = String, Path), ("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = UploadResult), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 413, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn upload_submission_api(
    State(state): State<AppState>,
    writer: crate::http::Acting<AnyAccount>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
    body: Bytes,
) -> Result<axum::Json<UploadResult>, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let access = caller_access(&writer.account, key.geo)?;
    if access.part().is_none() {
        return Err(AppError::Forbidden);
    }
    let checked = check_file(&state, key, &access, &body).await?.map_err(invalid)?;
    let Saved { submission, observations, .. } = save(&state, &writer.account.actor(), &access, &checked).await?;
    Ok(axum::Json(UploadResult {
        state: submission.state.code().to_owned(),
        figures: observations,
        warnings: checked.warnings.into_iter().map(HttpProblem::from).collect(),
    }))
}

/// A step of the workflow.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StepRequest {
    /// submit, validate, return, publish or combine (adds the sources' slices into the draft).
    pub action: String,
    #[serde(default)]
    pub comment: String,
}

/// Which steps an access may take.
pub(super) fn may_take(access: &Access, action: Action) -> bool {
    match action {
        Action::Submit | Action::Publish | Action::Edit => *access == Access::Rapporteur,
        Action::Validate | Action::Return => *access == Access::Office,
    }
}

/// Take a step: the rapporteur submits, signs off (publishes) or combines the sources' slices; the EU ATC
/// office validates or returns with a comment.
#[utoipa::path(post, path = "/api/v1/stats/submissions/{dataflow}/{geo}/{year}/steps", tag = "statistics", security(("bearer" = [])),
    params(("dataflow" = String, Path), ("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    request_body = StepRequest,
    responses((status = 200, body = SubmissionResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn take_step_api(
    State(state): State<AppState>,
    writer: crate::http::Acting<AnyAccount>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
    Json { value, .. }: Json<StepRequest>,
) -> Result<axum::Json<SubmissionResource>, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let access = caller_access(&writer.account, key.geo)?;
    let saved = take_step(&state, &writer.account.actor(), &access, key, &value.action, &value.comment).await?;
    Ok(axum::Json(resource(&state, &access, key, Some(saved.submission)).await?))
}

/// The one way a step is taken, from the API or a form.
pub(super) async fn take_step(
    state: &AppState,
    actor: &rapporteur_store::Actor,
    access: &Access,
    key: rapporteur_stats::TableId,
    action: &str,
    comment: &str,
) -> Result<Saved, AppError> {
    let comment = comment.trim();
    if comment.chars().count() > rapporteur_core::limits::MAX_TEXT_CHARS {
        return Err(AppError::bad("comment", "the comment is too long"));
    }
    if action == "combine" {
        if *access != Access::Rapporteur {
            return Err(AppError::Forbidden);
        }
        return Ok(state.repo.combine_sources(actor, key).await?);
    }
    let action = Action::parse(action)
        .filter(|a| *a != Action::Edit)
        .ok_or_else(|| AppError::bad("action", "expected submit, validate, return, publish or combine"))?;
    if !may_take(access, action) {
        return Err(AppError::Forbidden);
    }
    if action.needs_comment() && comment.is_empty() {
        return Err(AppError::bad("comment", "say what to fix: returning figures needs a comment"));
    }
    Ok(state.repo.take_step(actor, key, action, comment, &state.statistics.rules(key.dataflow)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ranges() {
        assert_eq!(parse_time("2022"), Some(2022..=2022));
        assert_eq!(parse_time("2015-2020"), Some(2015..=2020));
        assert_eq!(parse_time("x"), None);
    }
}
