//! The JSON API under `/api/v1`: one resource per content type.

use crate::error::{ApiError, AppError};
use crate::{
    accounts_admin, calls, commitments, content_editing, legislation, me, meetings, member_states, network, news,
    openapi, platform, project_editing, projects, search, AppState,
};
use axum::routing::get;
use axum::routing::post;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(projects::list_projects_api).post(project_editing::create_project_api))
        .route("/projects/{slug}", get(projects::show_project_api).put(project_editing::update_project_api))
        .route("/projects/{slug}/publish", post(project_editing::publish_project_api))
        .route("/projects/{slug}/unpublish", post(project_editing::unpublish_project_api))
        .route("/projects/{slug}/revisions", get(project_editing::list_project_revisions_api))
        .route("/calls", get(calls::list_calls_api).post(content_editing::create_call_api))
        .route("/calls/{slug}", get(calls::show_call_api).put(content_editing::update_call_api))
        .route("/calls/{slug}/publish", post(content_editing::publish_call_api))
        .route("/calls/{slug}/unpublish", post(content_editing::unpublish_call_api))
        .route("/calls/{slug}/revisions", get(content_editing::list_call_revisions_api))
        .route("/calls/{slug}/applications", post(platform::submit_application_api))
        .route("/civil-society/balance", get(platform::balance_api))
        .route("/civil-society/applications", get(platform::list_applications_api))
        .route("/civil-society/applications/{id}/accept", post(platform::accept_application_api))
        .route("/civil-society/applications/{id}/reject", post(platform::reject_application_api))
        .route("/news", get(news::list_news_api).post(content_editing::create_news_api))
        .route("/news/{slug}", get(news::show_news_api).put(content_editing::update_news_api))
        .route("/news/{slug}/publish", post(content_editing::publish_news_api))
        .route("/news/{slug}/unpublish", post(content_editing::unpublish_news_api))
        .route("/news/{slug}/revisions", get(content_editing::list_news_revisions_api))
        .route("/agencies", get(network::list_agencies_api))
        .route("/agencies/{slug}", get(network::show_agency_api))
        .route("/member-states", get(member_states::list_member_states_api))
        .route(
            "/member-states/{code}",
            get(member_states::show_member_state_api).put(member_states::update_member_state_api),
        )
        .route("/member-states/{code}/revisions", get(member_states::list_member_state_revisions_api))
        .route("/instruments", get(legislation::list_instruments_api).post(content_editing::create_instrument_api))
        .route("/instruments/{slug}", get(legislation::show_instrument_api).put(content_editing::update_instrument_api))
        .route("/instruments/{slug}/publish", post(content_editing::publish_instrument_api))
        .route("/instruments/{slug}/unpublish", post(content_editing::unpublish_instrument_api))
        .route("/instruments/{slug}/revisions", get(content_editing::list_instrument_revisions_api))
        .route("/search", get(search::search_api))
        .route("/commitments", get(commitments::list_commitments_api).post(commitments::create_commitment_api))
        .route("/commitments/{slug}/progress", post(commitments::record_progress_api))
        .route("/meetings", get(meetings::list_meetings_api))
        .route("/meetings/{slug}", axum::routing::put(meetings::save_meeting_api))
        .route("/meetings/{slug}/attendance/{code}", axum::routing::put(meetings::record_attendance_api))
        .route("/meetings/{slug}/documents", post(meetings::upload_document_api))
        .route("/me", get(me::show_me_api))
        .route("/me/tokens", post(accounts_admin::create_token_api).delete(accounts_admin::revoke_tokens_api))
        .route("/accounts", get(accounts_admin::list_accounts_api).post(accounts_admin::create_account_api))
        .route("/accounts/{email}/disable", post(accounts_admin::disable_account_api))
        .route("/accounts/{email}/enable", post(accounts_admin::enable_account_api))
        .route("/accounts/{email}/password", post(accounts_admin::reset_password_api))
        .route("/audit", get(me::list_audit_api))
        .route("/openapi.json", get(openapi::serve_openapi))
        .fallback(|| async { ApiError(AppError::NotFound) })
}
