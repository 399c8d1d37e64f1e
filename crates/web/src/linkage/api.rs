//! The linkage API: a source uploads its key file with a token and lists its own uploads; the rapporteur
//! lists every source's upload, starts runs and reads them; the office reads.

use super::results::RunResult;
use super::uploads::{file_name, save_upload};
use super::{geo_code, readable_run, scope, start_run, Access};
use crate::http::auth::AnyAccount;
use crate::http::body::bytes;
use crate::http::{Acting, ApiRouter, AppError, Json, Params, Path, Signed};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use rapporteur_store::{LinkageRun, UploadSummary};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

pub fn routes(upload_limit_bytes: usize) -> ApiRouter {
    ApiRouter::new()
        .routes(
            routes!(upload_keys_api, list_uploads_api).map(move |r| r.layer(DefaultBodyLimit::max(upload_limit_bytes))),
        )
        .routes(routes!(start_run_api, list_runs_api))
        .routes(routes!(show_run_api))
}

/// An upload as listed: never its keys or attributes.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadResource {
    pub id: i64,
    /// The Member State (Eurostat's code).
    pub geo: String,
    pub year: u16,
    pub organisation: String,
    pub file_name: String,
    /// The encoding schema's SHA-256, lower-case hex.
    pub schema_fingerprint: Option<String>,
    pub key_bits: u32,
    pub records: u64,
    pub uploaded_at: String,
}

impl From<UploadSummary> for UploadResource {
    fn from(u: UploadSummary) -> Self {
        UploadResource {
            id: u.id.0,
            geo: geo_code(u.member_state).to_owned(),
            year: u.year,
            organisation: u.organisation.to_string(),
            file_name: u.file_name,
            schema_fingerprint: u.schema_fingerprint,
            key_bits: u.key_bits,
            records: u.record_count,
            uploaded_at: u.uploaded_at.to_rfc3339(),
        }
    }
}

/// A linkage run and, once done, what it found.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunResource {
    pub id: i64,
    /// The Member State (Eurostat's code).
    pub geo: String,
    pub year: u16,
    /// queued, running, done or failed.
    pub status: String,
    /// What a running run is doing: loading, comparing or counting; `done` of `total` within it.
    pub phase: String,
    pub done: u64,
    pub total: u64,
    /// How many times a server has taken it (a server that stops during a run leaves it to the next).
    pub attempts: u32,
    pub threshold: f64,
    /// Why it failed.
    pub error: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Once done.
    pub result: Option<RunResult>,
    /// The capture histories as CSV (once done): the input of multiple systems estimation.
    pub histories_csv: Option<String>,
}

impl RunResource {
    pub(super) fn of(run: LinkageRun) -> Result<RunResource, AppError> {
        let result = run
            .result
            .as_deref()
            .map(serde_json::from_str::<RunResult>)
            .transpose()
            .map_err(|e| AppError::internal("reading a linkage result", e))?;
        Ok(RunResource {
            histories_csv: (run.histories.is_some())
                .then(|| format!("/workspace/linkage/runs/{}/histories.csv", run.id)),
            id: run.id.0,
            geo: geo_code(run.member_state).to_owned(),
            year: run.year,
            status: run.status.code().to_owned(),
            phase: run.phase,
            done: run.done,
            total: run.total,
            attempts: run.attempts,
            threshold: run.threshold,
            error: run.error,
            created_at: run.created_at.to_rfc3339(),
            started_at: run.started_at.map(|t| t.to_rfc3339()),
            finished_at: run.finished_at.map(|t| t.to_rfc3339()),
            result,
        })
    }
}

/// How to run the linkage.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Pairs of records at or above this Dice similarity are links; above 0 and at most 1, default 0.75.
    pub threshold: Option<f64>,
}

/// Upload the caller's organisation's key file for a Member State and reference year, replacing its previous
/// one (a source of that Member State). The body is the key file `rapporteur link encode` writes: the keys,
/// the schema's fingerprint, the secret check and the attributes year, sex, age, exploit and citizen, coded.
/// Every problem is answered at once (a JSON error at its line and column); nothing is stored while there is
/// one. `file_name` names the file in the lists.
#[utoipa::path(post, path = "/api/v1/linkage/{geo}/{year}/uploads", tag = "linkage", security(("bearer" = [])),
    params(("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path),
        ("file_name" = Option<String>, Query, description = "The file's name, for the lists (default keys.json)")),
    request_body(content = String, content_type = "application/json", description = "A key file"),
    responses((status = 200, body = UploadResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 413, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn upload_keys_api(
    State(state): State<AppState>,
    writer: Acting<AnyAccount>,
    Path((geo, year)): Path<(String, u16)>,
    params: Params,
    request: Request,
) -> Result<axum::Json<UploadResource>, AppError> {
    let (ms, year) = scope(&geo, year)?;
    // Refused before the body is read: nobody learns how files are checked before being allowed to send one.
    if !matches!(Access::require(&writer.account.role, ms)?, Access::Source(_)) {
        return Err(AppError::Forbidden);
    }
    let name = file_name(params.get("file_name"), "keys.json");
    let body = bytes(request, &state).await?;
    let saved =
        save_upload(&state, &writer.account, ms, year, &name, body, "body").await?.map_err(AppError::Invalid)?;
    Ok(axum::Json(saved.into()))
}

/// The uploads of a Member State and year: a source sees its own only; the rapporteur and the office see
/// every source's.
#[utoipa::path(get, path = "/api/v1/linkage/{geo}/{year}/uploads", tag = "linkage", security(("bearer" = [])),
    params(("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    responses((status = 200, body = Vec<UploadResource>), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn list_uploads_api(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path((geo, year)): Path<(String, u16)>,
) -> Result<axum::Json<Vec<UploadResource>>, AppError> {
    let (ms, year) = scope(&geo, year)?;
    let access = Access::require(&caller.account.role, ms)?;
    let uploads = state.repo.linkage_uploads(ms, year).await?;
    let visible = uploads
        .into_iter()
        .filter(|u| match &access {
            Access::Source(organisation) => &u.organisation == organisation,
            Access::Rapporteur | Access::Office => true,
        })
        .map(UploadResource::from)
        .collect();
    Ok(axum::Json(visible))
}

/// Start a linkage run over the current uploads of a Member State and year (its rapporteur): at least two
/// sources' uploads, no other run of the year waiting or working. The run is queued and done in the
/// background; follow it at its address. The body may be empty.
#[utoipa::path(post, path = "/api/v1/linkage/{geo}/{year}/runs", tag = "linkage", security(("bearer" = [])),
    params(("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    request_body(content = Option<RunRequest>, content_type = "application/json"),
    responses((status = 202, body = RunResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn start_run_api(
    State(state): State<AppState>,
    writer: Acting<AnyAccount>,
    Path((geo, year)): Path<(String, u16)>,
    request: Request,
) -> Result<(StatusCode, axum::Json<RunResource>), AppError> {
    let (ms, year) = scope(&geo, year)?;
    if Access::require(&writer.account.role, ms)? != Access::Rapporteur {
        return Err(AppError::Forbidden);
    }
    let body = bytes(request, &state).await?;
    let asked = if body.iter().all(u8::is_ascii_whitespace) {
        RunRequest::default()
    } else {
        Json::<RunRequest>::parse(&body)?.value
    };
    let actor = crate::http::Acts::actor(&writer.account);
    let run = start_run(&state, &writer.account.role, &actor, ms, year, asked.threshold).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(RunResource::of(run)?)))
}

/// The runs of a Member State and year, newest first (its rapporteur and the office).
#[utoipa::path(get, path = "/api/v1/linkage/{geo}/{year}/runs", tag = "linkage", security(("bearer" = [])),
    params(("geo" = String, Path, description = "Eurostat's code"), ("year" = u16, Path)),
    responses((status = 200, body = Vec<RunResource>), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn list_runs_api(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path((geo, year)): Path<(String, u16)>,
) -> Result<axum::Json<Vec<RunResource>>, AppError> {
    let (ms, year) = scope(&geo, year)?;
    if matches!(Access::require(&caller.account.role, ms)?, Access::Source(_)) {
        return Err(AppError::Forbidden);
    }
    let runs = state.repo.linkage_runs(ms, year).await?;
    Ok(axum::Json(runs.into_iter().map(RunResource::of).collect::<Result<_, _>>()?))
}

/// A run: its status and progress, and once done the distinct persons, the sources' figures, the overlaps,
/// the breakdowns and the capture histories (its Member State's rapporteur and the office).
#[utoipa::path(get, path = "/api/v1/linkage/runs/{id}", tag = "linkage", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = RunResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_run_api(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path(id): Path<i64>,
) -> Result<axum::Json<RunResource>, AppError> {
    let run = readable_run(&state, &caller.account.role, id).await?;
    Ok(axum::Json(RunResource::of(run)?))
}
