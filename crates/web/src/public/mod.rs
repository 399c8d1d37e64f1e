//! What the public reads: the home page, projects, calls (and applying to the Civil Society Platform's),
//! news, the network, legislation, Member States, search, the site's own files and its own pages (legal notice,
//! privacy, accessibility, cookies, contact).

mod about;
mod apply;
mod calls;
mod home;
mod legislation;
pub(crate) mod member_states;
mod network;
mod news;
mod projects;
mod search;
mod site;

use crate::http::ApiRouter;
use axum::routing::get;

pub use site::not_found;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/", get(home::show_home))
        .merge(projects::routes())
        .merge(calls::routes())
        .merge(apply::routes())
        .merge(news::routes())
        .merge(network::routes())
        .merge(legislation::routes())
        .merge(member_states::routes())
        .merge(search::routes())
        .merge(site::routes())
        .merge(about::routes())
}
