//! National THB statistics on the web: the public pages (EU and national figures, charts, the EU map,
//! downloads), the workspace where a Member State submits and the EU ATC office validates, and the API. The
//! capability itself lives in the `stats` crate; the store keeps submissions and published versions.

mod api;
mod public;
mod submissions;
mod workspace;

use crate::http::{ApiRouter, AppError, Params};
use chrono::{DateTime, Utc};
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::dates::parse_as_of;
use rapporteur_stats::export::Timestamp;
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::{Dataflow, Geo, TableId};
use rapporteur_store::DraftPart;

pub fn routes() -> ApiRouter {
    public::routes().merge(workspace::routes()).merge(api::routes())
}

/// The `as_of` parameter: the figures as published at the end of a day or at an instant.
fn as_of_param(params: &Params) -> Result<Option<DateTime<Utc>>, AppError> {
    params
        .get("as_of")
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_as_of(v).map_err(|e| AppError::bad("as_of", e.to_string())))
        .transpose()
}

/// A submission's key from its path; anything that names no submission is 404.
fn submission_key(dataflow: &str, geo: &str, year: u16) -> Result<TableId, AppError> {
    let dataflow = Dataflow::parse(dataflow).ok_or(AppError::NotFound)?;
    let geo = Geo::parse(geo.as_bytes()).filter(|g| g.is_member_state()).ok_or(AppError::NotFound)?;
    if !YEARS.contains(&year) {
        return Err(AppError::NotFound);
    }
    Ok(TableId { dataflow, geo, year })
}

/// The address of a submission's page.
fn submission_path(key: TableId) -> String {
    format!("/workspace/statistics/{}/{}/{}", key.dataflow.id(), key.geo.code(), key.year)
}

fn timestamp(at: DateTime<Utc>) -> Timestamp {
    Timestamp::from_unix_seconds(at.timestamp())
}

/// What an account may do with one Member State's submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Access {
    /// The Member State's rapporteur: its own draft, submitting, signing off; reads the sources' slices.
    Rapporteur,
    /// The EU ATC office: reads everything, validates or returns.
    Office,
    /// A source organisation: its own slice of the draft, nothing else.
    Source(String),
}

impl Access {
    fn of(role: &Role, geo: Geo) -> Option<Access> {
        let ms = crate::figures::member_state_of(geo)?;
        if role.may(Permission::SubmitStatistics(ms)) {
            Some(Access::Rapporteur)
        } else if role.may(Permission::ReviewStatistics) {
            Some(Access::Office)
        } else if role.may(Permission::ContributeStatistics(ms)) {
            match role {
                Role::Source { organisation, .. } => Some(Access::Source(organisation.to_string())),
                _ => None,
            }
        } else {
            None
        }
    }

    /// The part of the draft this account writes, if it writes one.
    fn part(&self) -> Option<DraftPart> {
        match self {
            Access::Rapporteur => Some(DraftPart::Own),
            Access::Office => None,
            Access::Source(organisation) => Some(DraftPart::Source(organisation.clone())),
        }
    }
}
