//! The OpenAPI document of `/api/v1`, generated from the handlers' annotations.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Rapporteur API", description = "The EU anti-trafficking portal: its public content (projects, calls, news, agencies, Member States, instruments, search) and the network's workspace (editing with revisions, meetings, commitments, the Civil Society Platform, accounts and audit)."),
    paths(
        crate::projects::list_projects_api,
        crate::projects::show_project_api,
        crate::project_editing::create_project_api,
        crate::project_editing::update_project_api,
        crate::project_editing::publish_project_api,
        crate::project_editing::unpublish_project_api,
        crate::project_editing::list_project_revisions_api,
        crate::calls::list_calls_api,
        crate::calls::show_call_api,
        crate::content_editing::create_call_api,
        crate::content_editing::update_call_api,
        crate::content_editing::publish_call_api,
        crate::content_editing::unpublish_call_api,
        crate::content_editing::list_call_revisions_api,
        crate::platform::submit_application_api,
        crate::platform::balance_api,
        crate::platform::list_applications_api,
        crate::platform::accept_application_api,
        crate::platform::reject_application_api,
        crate::news::list_news_api,
        crate::news::show_news_api,
        crate::content_editing::create_news_api,
        crate::content_editing::update_news_api,
        crate::content_editing::publish_news_api,
        crate::content_editing::unpublish_news_api,
        crate::content_editing::list_news_revisions_api,
        crate::network::list_agencies_api,
        crate::network::show_agency_api,
        crate::member_states::list_member_states_api,
        crate::member_states::show_member_state_api,
        crate::member_states::update_member_state_api,
        crate::member_states::list_member_state_revisions_api,
        crate::legislation::list_instruments_api,
        crate::legislation::show_instrument_api,
        crate::content_editing::create_instrument_api,
        crate::content_editing::update_instrument_api,
        crate::content_editing::publish_instrument_api,
        crate::content_editing::unpublish_instrument_api,
        crate::content_editing::list_instrument_revisions_api,
        crate::search::search_api,
        crate::me::show_me_api,
        crate::meetings::list_meetings_api,
        crate::meetings::save_meeting_api,
        crate::meetings::record_attendance_api,
        crate::meetings::upload_document_api,
        crate::commitments::list_commitments_api,
        crate::commitments::create_commitment_api,
        crate::commitments::record_progress_api,
        crate::accounts_admin::create_token_api,
        crate::accounts_admin::revoke_tokens_api,
        crate::accounts_admin::list_accounts_api,
        crate::accounts_admin::create_account_api,
        crate::accounts_admin::disable_account_api,
        crate::accounts_admin::enable_account_api,
        crate::accounts_admin::reset_password_api,
        crate::me::list_audit_api,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "projects", description = "EU-funded research projects"),
        (name = "calls", description = "Funding calls and calls for expression of interest"),
        (name = "news"), (name = "network"), (name = "member-states"), (name = "legislation"), (name = "search"),
        (name = "meetings", description = "The biannual meetings of the EU Network of NREMs"),
        (name = "commitments", description = "Monitoring the 2018 Joint Statement and the 2017 Communication"),
        (name = "accounts", description = "The caller's account and the audit log; personal API tokens as Bearer"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme: personal API tokens from `rapporteur user token`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as pretty JSON (stable, for the snapshot test and for people).
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().expect("the OpenAPI document serialises")
}

pub async fn serve_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json())
}
