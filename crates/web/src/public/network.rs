//! The network: NREMs, the EU ATC, the ten agencies, the Civil Society Platform; agencies in the API.

use crate::http::{ApiRouter, AppError, Path};
use crate::state::AppState;
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::{Agency, Body, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/network", get(show_network_page))
        .routes(routes!(list_agencies_api))
        .routes(routes!(show_agency_api))
}

/// The bodies the page gives a section of its own, in its order; any other body follows them.
const EU_ATC: &str = "eu-atc";
const NREM_NETWORK: &str = "nrem-network";
const AGENCIES_NETWORK: &str = "agencies-coordination-network";
const CIVIL_SOCIETY_PLATFORM: &str = "civil-society-platform";

/// The sentences of a text, each with its closing punctuation. A sentence ends at `.`, `!` or `?` (and any
/// closing quotation mark after it) followed by a space and a capital letter or an opening quotation mark,
/// which the source's prose always has; "e.g. in" does not end one.
fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i].1, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let starts_next = chars.get(j + 1).is_some_and(|&(_, c)| c.is_uppercase() || matches!(c, '"' | '“'));
            if chars.get(j).is_some_and(|&(_, c)| c == ' ') && starts_next {
                let next_at = chars[j + 1].0;
                found.push(text[start..next_at].trim());
                start = next_at;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found.push(text[start..].trim());
    found.retain(|s| !s.is_empty());
    found
}

/// Paragraphs without the sentences the page has already shown: the source describes the network's bodies
/// in sentences it repeats from one body to the next, which read as the same paragraph three times.
/// Paragraphs left with nothing new are dropped.
struct Unrepeated<'a> {
    shown: std::collections::HashSet<&'a str>,
}

impl<'a> Unrepeated<'a> {
    fn new() -> Self {
        Unrepeated { shown: std::collections::HashSet::new() }
    }

    fn paragraphs(&mut self, texts: &'a [String]) -> Vec<String> {
        texts
            .iter()
            .filter_map(|p| {
                let fresh: Vec<&str> = sentences(p).into_iter().filter(|s| self.shown.insert(s)).collect();
                (!fresh.is_empty()).then(|| fresh.join(" "))
            })
            .collect()
    }
}

fn body_heading(b: &Body) -> Markup {
    html! { (b.name) @if let Some(a) = &b.acronym { " (" (a) ")" } }
}

/// A body's own section: its name, when it was set up, what the page has not said yet, and `extra`.
fn body_section<'a>(cat: &Catalogue, unrepeated: &mut Unrepeated<'a>, b: Option<&'a Body>, extra: Markup) -> Markup {
    let Some(b) = b else { return html! {} };
    let text = unrepeated.paragraphs(&b.description);
    html! {
        section.network-section aria-labelledby={ "body-" (b.slug) "-heading" } id={ "body-" (b.slug) } {
            h2 #{ "body-" (b.slug) "-heading" } { (body_heading(b)) }
            @if let Some(e) = b.established { p.meta { (cat.t("network-established")) " " (e.to_display_string()) } }
            (layout::paragraphs(&text))
            (extra)
        }
    }
}

async fn show_network_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let bodies = state.repo.list_bodies().await?;
    let agencies = state.repo.list_agencies().await?;
    let people = state.repo.list_people().await?;
    let body = |slug: &str| bodies.iter().find(|b| b.slug.as_str() == slug);
    let mut unrepeated = Unrepeated::new();
    let eu_atc = body_section(cat, &mut unrepeated, body(EU_ATC), html! {});
    let nrems = body_section(
        cat,
        &mut unrepeated,
        body(NREM_NETWORK),
        html! { p { a href="/member-states" { (cat.t("network-nrems-link")) } } },
    );
    let coordination = body(AGENCIES_NETWORK).map(|b| (b, unrepeated.paragraphs(&b.description)));
    let platform = body_section(
        cat,
        &mut unrepeated,
        body(CIVIL_SOCIETY_PLATFORM),
        html! { p { a href="/calls" { (cat.t("network-platform-calls")) } } },
    );
    let others: Vec<Markup> = bodies
        .iter()
        .filter(|b| ![EU_ATC, NREM_NETWORK, AGENCIES_NETWORK, CIVIL_SOCIETY_PLATFORM].contains(&b.slug.as_str()))
        .map(|b| body_section(cat, &mut unrepeated, Some(b), html! {}))
        .collect();
    let meta = PageMeta::new(cat, Section::Network, cat.t("network-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("network-title")) }
            p.lead { (cat.t("network-intro")) }
            nav.page-contents aria-labelledby="network-contents" {
                h2 #network-contents { (cat.t("network-contents")) }
                ul {
                    @if let Some(b) = body(EU_ATC) { li { a href={ "#body-" (b.slug) } { (b.name) } } }
                    @if let Some(b) = body(NREM_NETWORK) { li { a href={ "#body-" (b.slug) } { (b.name) } } }
                    li { a href="#agencies" { (cat.t("network-agencies")) } }
                    @if let Some(b) = body(CIVIL_SOCIETY_PLATFORM) { li { a href={ "#body-" (b.slug) } { (b.name) } } }
                    li { a href="#research" { (cat.t("network-research")) } }
                    li { a href="#people" { (cat.t("network-people")) } }
                }
            }
            (eu_atc)
            (nrems)
            section.network-section aria-labelledby="agencies" {
                h2 #agencies { (cat.t("network-agencies")) }
                p {
                    (cat.t("network-agencies-intro")) " "
                    a href="/legislation/joint-statement-2018" { (cat.t("network-joint-statement-link")) }
                }
                ul.agency-list {
                    @for a in &agencies {
                        li #{ "agency-" (a.slug) } {
                            strong { (a.acronym) } ": " (a.name)
                            @if let Some(n) = &a.now_known_as { " " span.meta { "(" (cat.t_args("agency-now-known", &[("acronym", n.as_str().into())])) ")" } }
                            @if let Some(w) = &a.website { br; a.break-anywhere href=(w) { (w) } }
                        }
                    }
                }
                @if let Some((b, text)) = &coordination {
                    // All the source says of it is said above already (the EU ATC's section): a sentence names it.
                    @if text.is_empty() {
                        p #{ "body-" (b.slug) } { (cat.t_args("network-coordination", &[("name", b.name.as_str().into())])) }
                    } @else {
                        h3 #{ "body-" (b.slug) } { (body_heading(b)) }
                        (layout::paragraphs(text))
                    }
                }
            }
            (platform)
            section.network-section aria-labelledby="research" {
                h2 #research { (cat.t("network-research")) }
                p { (cat.t("network-research-text")) " " a href="/projects" { (cat.t("network-research-link")) } }
            }
            @for o in &others { (o) }
            section.network-section aria-labelledby="people" {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_full_stops_before_capitals() {
        assert_eq!(
            sentences("The EU ATC chairs. It meets twice a year, e.g. in June. \"Quote.\" Article 19."),
            ["The EU ATC chairs.", "It meets twice a year, e.g. in June.", "\"Quote.\"", "Article 19."]
        );
    }

    #[test]
    fn repeated_sentences_are_shown_once() {
        let first = vec!["One. Two.".to_owned()];
        let second = vec!["Two. Three.".to_owned(), "One.".to_owned()];
        let mut u = Unrepeated::new();
        assert_eq!(u.paragraphs(&first), ["One. Two."]);
        assert_eq!(u.paragraphs(&second), ["Three."]);
    }
}

/// An EU agency in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyResource {
    pub slug: String,
    pub acronym: String,
    pub name: String,
    /// The acronym the agency carries today, where it has changed.
    pub now_known_as: Option<String>,
    /// The agency's official web site.
    pub website: Option<String>,
}

impl From<Agency> for AgencyResource {
    fn from(a: Agency) -> Self {
        AgencyResource {
            slug: a.slug.to_string(),
            acronym: a.acronym,
            name: a.name,
            now_known_as: a.now_known_as,
            website: a.website,
        }
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
