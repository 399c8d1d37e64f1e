//! API documents of records the store keeps, answered by more than one area.

use rapporteur_store::Application;
use serde::Serialize;
use utoipa::ToSchema;

/// An application, as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResource {
    pub id: i64,
    pub call: String,
    pub organisation_name: String,
    pub organisation: String,
    pub member_state: String,
    /// submitted, accepted or rejected
    pub status: String,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    /// Who decided (the editor's e-mail address).
    pub decided_by: Option<String>,
}

impl From<Application> for ApplicationResource {
    fn from(a: Application) -> Self {
        ApplicationResource {
            id: a.id,
            call: a.call,
            organisation_name: a.organisation_name,
            organisation: a.organisation,
            member_state: a.member_state,
            status: a.status.code().to_owned(),
            submitted_at: a.submitted_at,
            decided_at: a.decided_at,
            decided_by: a.decided_by,
        }
    }
}
