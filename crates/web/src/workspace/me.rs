//! The caller's own account in the API.

use crate::http::{AnyAccount, ApiRouter, AppError, Signed};
use axum::Json;
use rapporteur_store::Account;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new().routes(routes!(show_me_api))
}

/// An account as the API shows it (never its password or tokens).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountResource {
    pub email: String,
    /// admin, editor, rapporteur, source, agency or cso
    pub role: String,
    /// The Member State of a rapporteur or source (ISO code).
    pub member_state: Option<String>,
    /// The organisation of a source or civil-society account.
    pub organisation: Option<String>,
    /// The agency of an agency account.
    pub agency: Option<String>,
    pub disabled: bool,
}

impl From<Account> for AccountResource {
    fn from(a: Account) -> Self {
        let scope = a.role.scope();
        AccountResource {
            email: a.email.to_string(),
            role: a.role.name().code().to_owned(),
            member_state: scope.member_state.map(|m| m.iso().to_owned()),
            organisation: scope.organisation.map(|s| s.to_string()),
            agency: scope.agency.map(|s| s.to_string()),
            disabled: a.disabled,
        }
    }
}

/// The caller's account, role and scope.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = AccountResource), (status = 401, body = crate::http::error::ErrorBody)))]
async fn show_me_api(me: Signed<AnyAccount>) -> Result<Json<AccountResource>, AppError> {
    Ok(Json(me.account.into()))
}
