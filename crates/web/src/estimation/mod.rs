//! The hidden figure on the web: a Member State's rapporteur estimates how many victims no organisation found
//! (multiple systems estimation) from a finished linkage run's capture histories or from an uploaded
//! capture-history table, reads the estimate, its interval, the competing models, what it assumes and its
//! warnings, and publishes it beside the registered figures; the public reads the published estimates on the
//! Member State's pages and in the API. The capability itself lives in the `mse` crate; the store keeps every
//! estimate with what reproduces it (input, settings, seed, software version).
//!
//! Who does what (the rules are [`Permission`]'s, in `core`):
//! - the Member State's rapporteur runs estimations, reads them and publishes one;
//! - the EU ATC office reads the estimates of every Member State;
//! - the public reads the published ones only.
//!
//! An estimation is CPU work of up to some seconds (the bootstrap repeats the model choice in every
//! resample): it runs on a blocking thread, one at a time per server ([`AppState::estimation_slots`]), with
//! the resamples bounded by [`EstimationSettings::max_resamples`]; the request waits for it.

mod api;
mod workspace;

use crate::http::error::Problem;
use crate::http::{ApiRouter, AppError, Params};
use crate::scope::{geo_code, own_member_state, scope};
use crate::state::AppState;
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::MemberState;
use rapporteur_mse::{analyse, Analysis, BootstrapSettings, CaptureTable, Method, Settings};
use rapporteur_store::{Account, EstimateRecord, EstimateSource, NewEstimate};
use std::time::Duration;

pub fn routes() -> ApiRouter {
    workspace::routes().merge(api::routes())
}

/// The limits of estimation, given to the state with [`AppState::with_estimation`] (meant to come from an
/// `[estimation]` section of the settings file; the defaults until the command line reads one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EstimationSettings {
    /// The most bootstrap resamples an estimation may ask for: each costs a model choice.
    pub max_resamples: usize,
}

impl Default for EstimationSettings {
    /// 2,000 resamples: twice SparseMSE's 1,000, some 2 to 20 seconds of one server's cores.
    fn default() -> Self {
        EstimationSettings { max_resamples: 2_000 }
    }
}

/// The resamples a form starts with, as SparseMSE.
const DEFAULT_RESAMPLES: usize = 1_000;
/// Fewer resamples give no interval (the mse crate refuses them).
const MIN_RESAMPLES: usize = 10;
const DEFAULT_SEED: u64 = 1;
/// SparseMSE's stepwise threshold.
const DEFAULT_THRESHOLD: f64 = 0.02;

/// The largest capture-history file a form takes: 16 lists make 65,535 patterns of some 40 bytes.
pub(crate) const UPLOAD_LIMIT_BYTES: usize = 4 * 1024 * 1024;

/// How long a request waits for the estimation running before it, before it is refused.
const WAIT_FOR_SLOT: Duration = Duration::from_secs(60);

/// What an account may do with one Member State's estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// The Member State's rapporteur: estimates, reads, publishes.
    Rapporteur,
    /// The EU ATC office: reads.
    Office,
}

impl Access {
    fn of(role: &Role, ms: MemberState) -> Option<Access> {
        if role.may(Permission::RunEstimation(ms)) {
            Some(Access::Rapporteur)
        } else if role.may(Permission::ReadEstimates(ms)) {
            Some(Access::Office)
        } else {
            None
        }
    }

    fn require(role: &Role, ms: MemberState) -> Result<Access, AppError> {
        Access::of(role, ms).ok_or(AppError::Forbidden)
    }
}

fn estimate_path(estimate: &EstimateRecord) -> String {
    format!("/workspace/estimation/estimates/{}", estimate.id)
}

fn overview_path(ms: MemberState, year: u16) -> String {
    format!("/workspace/estimation?geo={}&year={year}", geo_code(ms))
}

/// An estimate, for an account that may read it (its Member State's rapporteur or the office).
async fn readable_estimate(state: &AppState, role: &Role, id: i64) -> Result<(EstimateRecord, Access), AppError> {
    let estimate = state.repo.estimate(rapporteur_store::EstimateId(id)).await?.ok_or(AppError::NotFound)?;
    let access = Access::require(role, estimate.member_state)?;
    Ok((estimate, access))
}

/// The settings of an estimation as a form or a client gives them, each checked; every problem is named.
fn settings_from(fields: &Params, max_resamples: usize) -> Result<Settings, Vec<Problem>> {
    let mut problems = Vec::new();
    let method = match fields.get("method").unwrap_or("stepwise") {
        "stepwise" => {
            let threshold = match fields.get("threshold") {
                None => Some(DEFAULT_THRESHOLD),
                Some(text) => match text.replace(',', ".").parse::<f64>() {
                    Ok(t) if t > 0.0 && t < 1.0 => Some(t),
                    _ => {
                        problems.push(Problem::at_field(
                            "threshold",
                            format!("give a number between 0 and 1 (such as {DEFAULT_THRESHOLD}), not {text:?}"),
                        ));
                        None
                    }
                },
            };
            threshold.map(|threshold| Method::Stepwise { threshold })
        }
        "bic" => Some(Method::Bic),
        "downhill" => Some(Method::Downhill),
        "main" => Some(Method::Main),
        other => {
            problems
                .push(Problem::at_field("method", format!("choose stepwise, bic, downhill or main, not {other:?}")));
            None
        }
    };
    let resamples = match fields.get("resamples") {
        None => Some(DEFAULT_RESAMPLES.min(max_resamples)),
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n == 0 || (MIN_RESAMPLES..=max_resamples).contains(&n) => Some(n),
            _ => {
                problems.push(Problem::at_field(
                    "resamples",
                    format!(
                        "give 0 (no bootstrap) or a whole number from {MIN_RESAMPLES} to {max_resamples}, not {text:?}"
                    ),
                ));
                None
            }
        },
    };
    let seed = match fields.get("seed") {
        None => Some(DEFAULT_SEED),
        Some(text) => match text.parse::<u64>() {
            Ok(seed) => Some(seed),
            Err(_) => {
                problems.push(Problem::at_field(
                    "seed",
                    format!("give a whole number from 0 to {}, not {text:?}", u64::MAX),
                ));
                None
            }
        },
    };
    match (method, resamples, seed) {
        (Some(method), Some(resamples), Some(seed)) if problems.is_empty() => Ok(Settings {
            method,
            bootstrap: (resamples > 0).then_some(BootstrapSettings { resamples, seed }),
            max_order: None,
        }),
        _ => Err(problems),
    }
}

/// The settings an estimation starts from a linkage run's page with.
fn default_settings(max_resamples: usize) -> Settings {
    Settings {
        method: Method::Stepwise { threshold: DEFAULT_THRESHOLD },
        bootstrap: Some(BootstrapSettings { resamples: DEFAULT_RESAMPLES.min(max_resamples), seed: DEFAULT_SEED })
            .filter(|b| b.resamples >= MIN_RESAMPLES),
        max_order: None,
    }
}

/// A capture-history table from CSV text, or the problem at its line.
fn read_table(csv: &str) -> Result<CaptureTable, Problem> {
    CaptureTable::read_csv(csv.as_bytes()).map_err(|e| Problem {
        detail: format!("line {}: {}", e.line, e.message),
        field: Some("file".into()),
        line: usize::try_from(e.line).ok(),
        ..Default::default()
    })
}

/// Runs the analysis on a blocking thread, one at a time on this server; the request waits its turn.
async fn run_analysis(state: &AppState, table: CaptureTable, settings: Settings) -> Result<Analysis, AppError> {
    let slot = tokio::time::timeout(WAIT_FOR_SLOT, state.estimation_slots.clone().acquire_owned())
        .await
        .map_err(|_| {
            AppError::Conflict(
                "the server is busy with other estimations; try again in a minute, or with fewer resamples".into(),
            )
        })?
        .map_err(|e| AppError::internal("the estimation slot", e))?;
    // The slot goes with the work: a request given up on still holds it until the analysis ends.
    let analysis = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        analyse(&table, settings, &|| {})
    })
    .await
    .map_err(|e| AppError::internal("the estimation task", e))?;
    analysis.map_err(|e| AppError::Refused(format!("no estimate can be made from this table: {e}")))
}

/// The one way an estimate is made, from a form or a linkage run's page: the rapporteur of the Member State,
/// with `table` read from `input` and the settings checked; the analysis is stored with what reproduces it.
async fn make_estimate(
    state: &AppState,
    account: &Account,
    ms: MemberState,
    year: u16,
    input: Input<'_>,
    table: CaptureTable,
    settings: Settings,
) -> Result<EstimateRecord, AppError> {
    use crate::http::Acts;
    if Access::require(&account.role, ms)? != Access::Rapporteur {
        return Err(AppError::Forbidden);
    }
    let analysis = run_analysis(state, table, settings).await?;
    let result = serde_json::to_string(&analysis).map_err(|e| AppError::internal("the analysis as JSON", e))?;
    let settings = serde_json::to_string(&settings).map_err(|e| AppError::internal("the settings as JSON", e))?;
    let saved = state
        .repo
        .save_estimate(
            &account.actor(),
            &NewEstimate {
                member_state: ms,
                year,
                input_csv: input.csv,
                source: input.source,
                input_name: input.name,
                settings: &settings,
                software_version: SOFTWARE_VERSION,
                result: &result,
            },
        )
        .await?;
    Ok(saved)
}

/// The version of the software every estimate records.
pub(crate) const SOFTWARE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// An estimation's input table and where it came from.
#[derive(Debug, Clone, Copy)]
struct Input<'a> {
    csv: &'a str,
    source: EstimateSource,
    name: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Params {
        Params::from_pairs(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let plain = settings_from(&fields(&[]), 2000).unwrap();
        assert_eq!(plain, default_settings(2000));
        assert_eq!(plain.bootstrap, Some(BootstrapSettings { resamples: 1000, seed: 1 }));
        let main = settings_from(&fields(&[("method", "main"), ("resamples", "0"), ("seed", "9")]), 2000).unwrap();
        assert_eq!((main.method, main.bootstrap), (Method::Main, None));
        let stepwise = settings_from(&fields(&[("threshold", "0,05"), ("resamples", "200")]), 2000).unwrap();
        assert_eq!(stepwise.method, Method::Stepwise { threshold: 0.05 });
        let problems = settings_from(
            &fields(&[("method", "stepwise"), ("threshold", "1.5"), ("resamples", "5"), ("seed", "-1")]),
            2000,
        )
        .unwrap_err();
        let named: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(named, ["threshold", "resamples", "seed"]);
        assert!(settings_from(&fields(&[("resamples", "2001")]), 2000).is_err(), "bounded by the setting");
        assert!(settings_from(&fields(&[("method", "lasso")]), 2000).is_err());
        assert_eq!(default_settings(5).bootstrap, None, "too few allowed resamples for an interval");
    }

    #[test]
    fn a_bad_table_is_placed_by_line() {
        let problem = read_table("A,B,count\n1,0,5\n0,2,3\n").unwrap_err();
        assert_eq!((problem.line, problem.field.as_deref()), (Some(3), Some("file")));
        assert!(problem.detail.starts_with("line 3: "), "{}", problem.detail);
    }
}
