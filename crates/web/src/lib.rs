//! The portal's web edge: server-rendered pages, the JSON API under `/api/v1`, feeds and assets.

mod accounts_admin;
mod api;
mod assets;
mod auth;
mod calls;
mod commitments;
mod content_editing;
mod editable;
mod error;
mod form;
mod home;
pub mod i18n;
mod layout;
mod legislation;
mod me;
mod meetings;
mod member_states;
mod network;
mod news;
mod odt;
mod openapi;
mod pages;
mod params;
mod platform;
mod project_editing;
mod projects;
mod search;
mod session;
mod sign_in;
mod site;
mod workspace;
mod workspace_content;

pub use openapi::openapi_json;
pub use search::build_search_index;

use axum::http::{header, HeaderName, HeaderValue};
use axum::routing::get;
use axum::Router;
use rapporteur_core::Clock;
use rapporteur_search::SearchIndex;
use rapporteur_store::Store;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub repo: Arc<dyn Store>,
    pub search: Arc<SearchIndex>,
    pub clock: Arc<dyn Clock>,
    /// The site's address as the public sees it, for feeds, calendars and the sitemap (no trailing slash).
    pub public_url: Arc<str>,
}

impl AppState {
    pub fn new(repo: Arc<dyn Store>, search: Arc<SearchIndex>, clock: Arc<dyn Clock>, public_url: &str) -> Self {
        AppState { repo, search, clock, public_url: public_url.trim_end_matches('/').into() }
    }
}

/// The Content-Security-Policy of every response: no script at all, styles only from the site itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The whole application.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(home::show_home))
        .route("/projects", get(projects::list_projects_page))
        .route("/projects/{slug}", get(projects::show_project_page))
        .route("/calls", get(calls::list_calls_page))
        .route("/calls/{slug}", get(calls::show_call_page))
        .route("/calls/{slug}/calendar.ics", get(calls::call_calendar))
        .route("/news", get(news::list_news_page))
        .route("/news/feed.atom", get(news::news_feed))
        .route("/news/{slug}", get(news::show_news_page))
        .route("/network", get(network::show_network_page))
        .route("/member-states", get(member_states::list_member_states_page))
        .route("/member-states/{code}", get(member_states::show_member_state_page))
        .route("/legislation", get(legislation::list_instruments_page))
        .route("/legislation/{slug}", get(legislation::show_instrument_page))
        .route("/search", get(search::search_page))
        .route("/sign-in", get(sign_in::show_sign_in).post(sign_in::sign_in))
        .route("/sign-out", axum::routing::post(sign_in::sign_out))
        .route("/account", get(sign_in::show_account))
        .route("/workspace/projects", get(workspace::list_projects))
        .route("/workspace/projects/new", get(workspace::show_new_project).post(workspace::submit_new_project))
        .route(
            "/workspace/projects/{slug}/edit",
            get(workspace::show_edit_project).post(workspace::submit_edit_project),
        )
        .route("/workspace/projects/{slug}/publish", axum::routing::post(workspace::publish_project))
        .route("/workspace/projects/{slug}/unpublish", axum::routing::post(workspace::unpublish_project))
        .route("/workspace/projects/{slug}/revisions", get(workspace::show_project_revisions))
        .route("/workspace/audit", get(workspace::show_audit))
        .merge(workspace_content::all_routes())
        .route("/workspace/meetings", get(meetings::show_meetings).post(meetings::create_meeting_form))
        .route("/workspace/meetings/{slug}", get(meetings::show_meeting))
        .route("/workspace/meetings/{slug}/minutes", axum::routing::post(meetings::save_minutes_form))
        .route("/workspace/meetings/{slug}/attendance/{code}", axum::routing::post(meetings::record_attendance_form))
        .route("/workspace/meetings/{slug}/documents", axum::routing::post(meetings::upload_document_form))
        .route("/workspace/meetings/{slug}/documents/{id}", get(meetings::download_document))
        .route("/workspace/commitments", get(commitments::show_commitments).post(commitments::create_commitment_form))
        .route("/workspace/commitments/report", get(commitments::show_report))
        .route("/workspace/commitments/report.odt", get(commitments::download_report_odt))
        .route("/workspace/commitments/{slug}/progress", axum::routing::post(commitments::record_progress_form))
        .route("/workspace/accounts", get(accounts_admin::show_accounts).post(accounts_admin::create_account_form))
        .route("/workspace/accounts/{email}/disable", axum::routing::post(accounts_admin::disable_account_form))
        .route("/workspace/accounts/{email}/enable", axum::routing::post(accounts_admin::enable_account_form))
        .route("/workspace/accounts/{email}/password", axum::routing::post(accounts_admin::reset_password_form))
        .route("/account/tokens", axum::routing::post(accounts_admin::create_token_form))
        .route("/account/tokens/revoke", axum::routing::post(accounts_admin::revoke_tokens_form))
        .route(
            "/workspace/member-states/{code}/edit",
            get(member_states::show_edit_member_state).post(member_states::submit_edit_member_state),
        )
        .route("/workspace/member-states/{code}/revisions", get(member_states::show_member_state_revisions))
        .route("/calls/{slug}/apply", get(platform::show_apply).post(platform::submit_apply))
        .route("/workspace/platform", get(platform::show_platform))
        .route("/workspace/platform/applications/{id}/accept", axum::routing::post(platform::accept_application))
        .route("/workspace/platform/applications/{id}/reject", axum::routing::post(platform::reject_application))
        .route("/sitemap.xml", get(site::sitemap))
        .route("/robots.txt", get(site::robots))
        .route("/healthz", get(site::healthz))
        .route(assets::STYLESHEET_PATH, get(assets::stylesheet))
        .fallback(site::not_found);
    pages
        .nest("/api/v1", api::router())
        // Uploads up to the document limit, with room for the form's other fields.
        .layer(axum::extract::DefaultBodyLimit::max(meetings::MAX_DOCUMENT_BYTES + 64 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}
