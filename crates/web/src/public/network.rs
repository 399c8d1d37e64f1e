//! The network: NREMs, the EU ATC, the ten agencies, the Civil Society Platform; agencies in the API.

use crate::http::{ApiRouter, AppError, Path};
use crate::state::AppState;
use crate::ui::{layout, page, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::{Agency, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/network", get(show_network_page))
        .routes(routes!(list_agencies_api))
        .routes(routes!(show_agency_api))
}

async fn show_network_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let bodies = state.repo.list_bodies().await?;
    let agencies = state.repo.list_agencies().await?;
    let people = state.repo.list_people().await?;
    let meta = PageMeta::new(cat, Section::Network, cat.t("network-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("network-title")) }
            p.lead { (cat.t("network-intro")) }
            @for b in &bodies {
                section aria-labelledby={ "body-" (b.slug) } {
                    h2 #{ "body-" (b.slug) } {
                        (b.name)
                        @if let Some(a) = &b.acronym { " (" (a) ")" }
                    }
                    @if let Some(e) = b.established { p.meta { (cat.t("network-established")) " " (e.to_display_string()) } }
                    (layout::paragraphs(&b.description))
                }
            }
            section aria-labelledby="agencies" {
                h2 #agencies { (cat.t("network-agencies")) }
                p { (cat.t("network-agencies-intro")) }
                table.data-table {
                    caption { (cat.t("network-agencies-caption")) }
                    thead { tr { th scope="col" { (cat.t("agency-acronym")) } th scope="col" { (cat.t("agency-name")) } th scope="col" { (cat.t("agency-now")) } } }
                    tbody {
                        @for a in &agencies {
                            tr #{ "agency-" (a.slug) } {
                                td { (a.acronym) }
                                td { (a.name) }
                                td { @match &a.now_known_as { Some(n) => (n), None => "—" } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="people" {
                h2 #people { (cat.t("network-people")) }
                p { (cat.t("network-people-intro")) }
                ul {
                    @for p in &people {
                        li {
                            strong { (p.name) } ", " (p.role)
                            @if let Some(d) = p.as_of { " (" time datetime=(d.to_string()) { (d.to_display_string()) } ")" }
                        }
                    }
                }
            }
        },
    ))
}

/// An EU agency in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyResource {
    pub slug: String,
    pub acronym: String,
    pub name: String,
    /// The acronym the agency carries today, where it has changed.
    pub now_known_as: Option<String>,
}

impl From<Agency> for AgencyResource {
    fn from(a: Agency) -> Self {
        AgencyResource { slug: a.slug.to_string(), acronym: a.acronym, name: a.name, now_known_as: a.now_known_as }
    }
}

/// The agencies.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyList {
    pub items: Vec<AgencyResource>,
    pub total: u64,
}

/// The ten agencies of the 2018 Joint Statement.
#[utoipa::path(get, path = "/api/v1/agencies", tag = "network", responses((status = 200, body = AgencyList)))]
async fn list_agencies_api(State(state): State<AppState>) -> Result<Json<AgencyList>, AppError> {
    let items: Vec<AgencyResource> = state.repo.list_agencies().await?.into_iter().map(Into::into).collect();
    Ok(Json(AgencyList { total: items.len() as u64, items }))
}

/// One agency.
#[utoipa::path(get, path = "/api/v1/agencies/{slug}", tag = "network",
    params(("slug" = String, Path, description = "The agency's slug")),
    responses((status = 200, body = AgencyResource), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_agency_api(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
) -> Result<Json<AgencyResource>, AppError> {
    Ok(Json(state.repo.find_agency_by_slug(&slug).await?.ok_or(AppError::NotFound)?.into()))
}
