//! Counting each victim once, on the web: source organisations upload linkage keys (never names), their
//! Member State's rapporteur runs the linkage over them as a background job, and the rapporteur and the EU ATC
//! office read the counts, overlaps and capture histories it gives, in pages and the API. The capability
//! itself lives in the `linkage` crate; the store keeps the uploads and the runs.
//!
//! Who does what (the rules are [`Permission`]'s, in `core`):
//! - a source uploads, replaces and lists its own organisation's keys for its own Member State, and sees
//!   nothing of any other source's;
//! - the Member State's rapporteur sees every source's upload summary (organisation, records, when), starts
//!   runs and reads them;
//! - the office reads the summaries and the runs of every Member State.

mod api;
mod results;
mod runner;
mod uploads;
mod workspace;

pub use runner::LinkageRunner;

use crate::http::{ApiRouter, AppError};
use crate::scope::{geo_code, own_member_state, scope};
use crate::state::AppState;
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::{MemberState, Slug};
use rapporteur_linkage::Threshold;
use rapporteur_store::{Actor, LinkageRun};
use results::RunSettings;

pub fn routes(settings: &LinkageSettings) -> ApiRouter {
    workspace::routes(settings.upload_limit_bytes).merge(api::routes(settings.upload_limit_bytes))
}

/// The limits of linkage uploads and runs (`[linkage]` in the settings file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkageSettings {
    /// The most records one upload may hold.
    pub max_records: u64,
    /// The largest upload body, in bytes.
    pub upload_limit_bytes: usize,
    /// How many times a run is started over after the server stopped during it, before it is failed.
    pub max_attempts: u32,
}

/// The default limit on records: twice the largest register a Member State is known to keep (some hundred
/// thousand records over all years), far above a year's registrations.
pub const DEFAULT_MAX_RECORDS: u64 = 2_000_000;

/// The default body limit: a million 1,024-bit keys are 176 bytes a line in base64 (176 MB), and their five
/// attributes some 50 bytes a record more; 256 MiB holds that with room for a multipart envelope.
pub const DEFAULT_UPLOAD_LIMIT_BYTES: usize = 256 * 1024 * 1024;

impl Default for LinkageSettings {
    fn default() -> LinkageSettings {
        LinkageSettings {
            max_records: DEFAULT_MAX_RECORDS,
            upload_limit_bytes: DEFAULT_UPLOAD_LIMIT_BYTES,
            max_attempts: 3,
        }
    }
}

/// The threshold a run uses unless the rapporteur chooses another: with Rapporteur's schema for victims, on
/// the synthetic sources, it balances missed and false links best (count error +7%, pair precision 0.85,
/// recall 0.87 on 10,000 persons in 6 sources; `docs/linkage.md` has the figures at each value).
pub const DEFAULT_THRESHOLD: f64 = 0.75;

/// The share of cross pairs two groups of records need before they merge into one person (as the command
/// line's `link count` does by default).
pub const MERGE_FRACTION: f64 = 0.5;

/// What an account may do with one Member State's linkage.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Access {
    /// A source organisation: its own uploads, nothing else.
    Source(Slug),
    /// The Member State's rapporteur: every upload's summary, the runs.
    Rapporteur,
    /// The EU ATC office: reads the summaries and the runs.
    Office,
}

impl Access {
    fn of(role: &Role, ms: MemberState) -> Option<Access> {
        if role.may(Permission::UploadLinkageKeys(ms)) {
            match role {
                Role::Source { organisation, .. } => Some(Access::Source(organisation.clone())),
                _ => None,
            }
        } else if role.may(Permission::RunLinkage(ms)) {
            Some(Access::Rapporteur)
        } else if role.may(Permission::ReadLinkageRuns(ms)) {
            Some(Access::Office)
        } else {
            None
        }
    }

    fn require(role: &Role, ms: MemberState) -> Result<Access, AppError> {
        Access::of(role, ms).ok_or(AppError::Forbidden)
    }
}

fn overview_path(ms: MemberState, year: u16) -> String {
    format!("/workspace/linkage?geo={}&year={year}", geo_code(ms))
}

fn run_path(run: &LinkageRun) -> String {
    format!("/workspace/linkage/runs/{}", run.id)
}

/// The one way a run is started, from the API or a form: the rapporteur of the Member State, with a valid
/// threshold, over the uploads of at least two sources, while no other run of that year is waiting or
/// working.
async fn start_run(
    state: &AppState,
    role: &Role,
    actor: &Actor,
    ms: MemberState,
    year: u16,
    threshold: Option<f64>,
) -> Result<LinkageRun, AppError> {
    if Access::require(role, ms)? != Access::Rapporteur {
        return Err(AppError::Forbidden);
    }
    let threshold = Threshold::new(threshold.unwrap_or(DEFAULT_THRESHOLD))
        .map_err(|e| AppError::field("threshold", e.to_string()))?;
    let uploads = state.repo.linkage_uploads(ms, year).await?;
    if uploads.len() < 2 {
        return Err(AppError::Refused(format!(
            "{} source(s) uploaded keys for {year}: a linkage needs the keys of at least two sources",
            uploads.len()
        )));
    }
    if let Some(busy) = state.repo.linkage_runs(ms, year).await?.into_iter().find(|r| !r.status.is_finished()) {
        return Err(AppError::Conflict(format!(
            "run {} of {year} is {} already: wait for it to finish before starting another",
            busy.id, busy.status
        )));
    }
    let settings = serde_json::to_string(&RunSettings { merge_fraction: MERGE_FRACTION })
        .map_err(|e| AppError::internal("linkage run settings", e))?;
    let run = state.repo.create_linkage_run(actor, ms, year, threshold.get(), &settings).await?;
    state.linkage_queue.notify_one();
    Ok(run)
}

/// A run, for an account that may read it (its Member State's rapporteur or the office).
async fn readable_run(state: &AppState, role: &Role, id: i64) -> Result<LinkageRun, AppError> {
    let run = state.repo.linkage_run(rapporteur_store::RunId(id)).await?.ok_or(AppError::NotFound)?;
    if !role.may(Permission::ReadLinkageRuns(run.member_state)) {
        return Err(AppError::Forbidden);
    }
    Ok(run)
}
