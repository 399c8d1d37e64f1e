//! The portal's web edge: server-rendered pages, the JSON API under `/api/v1`, feeds and assets.
//!
//! Areas ([`public`], [`workspace`], and one per capability) each declare their routes, pages and API
//! together; they never import each other. What they share sits above them: the edge every request goes
//! through ([`http`]), the pages' pieces ([`ui`]), the published figures and estimates as several areas show
//! them ([`figures`], [`estimates`]), and the state that keeps pages and the search index in step with the
//! store ([`state`], [`freshness`], [`index`]).

pub mod estimates;
pub mod figures;
pub mod freshness;
pub mod http;
pub mod index;
pub mod resources;
mod scope;
pub mod state;
pub mod ui;

mod estimation;
mod linkage;
mod public;
mod statistics;
mod workspace;

pub use estimation::EstimationSettings;
pub use index::{build_search_index, IndexBuildError};
pub use linkage::{LinkageRunner, LinkageSettings};
pub use state::AppState;

use axum::Router;
use http::ApiRouter;

/// Every area's routes, with their OpenAPI description; the linkage's uploads take bodies up to its limit.
fn areas(linkage: &LinkageSettings) -> ApiRouter {
    http::openapi::root()
        .merge(public::routes())
        .merge(workspace::routes())
        .merge(statistics::routes())
        .merge(linkage::routes(linkage))
        .merge(estimation::routes())
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (routes, mut api) = areas(&state.linkage).split_for_parts();
    http::openapi::state_limits(&mut api);
    http::edge(routes, api, public::not_found, state)
}

/// The OpenAPI document as pretty JSON (stable, for the snapshot test and for people).
pub fn openapi_json() -> String {
    let mut api = areas(&LinkageSettings::default()).into_openapi();
    http::openapi::state_limits(&mut api);
    api.to_pretty_json().expect("the OpenAPI document serialises")
}
