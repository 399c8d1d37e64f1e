//! API documents of records the store keeps, answered by more than one area.

use rapporteur_core::Paging;
use rapporteur_store::{Application, Page};
use serde::Serialize;
use utoipa::ToSchema;

/// One page of a list that can grow: the items, how many there are in all, and which page this is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Listed<T> {
    /// The API's form of a store's page, each item turned into its resource.
    pub fn of<S: Into<T>>(page: Page<S>, paging: Paging) -> Self {
        Listed {
            items: page.items.into_iter().map(Into::into).collect(),
            total: page.total,
            page: paging.page(),
            per_page: paging.per_page(),
        }
    }
}

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
