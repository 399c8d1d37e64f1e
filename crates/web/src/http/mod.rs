//! The edge every request goes through: who is calling and what they may do ([`auth`]), errors mapped once
//! ([`error`]), bodies, paths and query parameters read into valid values, sessions, the page cache and the
//! OpenAPI router.

pub mod auth;
pub mod body;
pub mod cache;
pub mod download;
pub mod error;
pub mod limits;
pub mod openapi;
pub mod params;
pub mod path;
pub mod session;

pub use auth::{
    Acting, Acts, Admin, AnyAccount, Caller, Editor, ForMemberState, MeetingContributor, Signed, Submitted,
};
pub use body::{Form, Json};
pub use error::AppError;
pub use openapi::ApiRouter;
pub use params::Params;
pub use path::Path;

use crate::state::AppState;
use axum::handler::Handler;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every response: no script at all, styles only from the site itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The edge around the areas' routes, the same for every request, from the outside in: pages served from
/// memory ([`cache`]), before any routing; security headers; errors given their form
/// ([`error::render_errors`]); the signed-in caller of a workspace page noted for its menu
/// ([`auth::offer_workspace_menu`]); the change log read after changes ([`crate::freshness`]); the routes, their
/// OpenAPI document and the 404.
pub fn edge<H, T>(routes: Router<AppState>, api: utoipa::openapi::OpenApi, not_found: H, state: AppState) -> Router
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let document = api.to_pretty_json().expect("the OpenAPI document serialises");
    let serve_document = move || {
        let document = document.clone();
        async move { ([(header::CONTENT_TYPE, "application/json")], document).into_response() }
    };
    let routed = routes
        .route("/api/v1/openapi.json", get(serve_document))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.freshness.clone(), crate::freshness::catch_up_after_changes))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::offer_workspace_menu))
        .layer(axum::middleware::from_fn(error::render_errors))
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
        .with_state(state.clone());
    Router::new().fallback_service(cache::ServeFromMemory::new(routed, state.pages.clone(), state.clock.clone()))
}
