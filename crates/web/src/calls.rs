//! Funding calls: open ones first with a countdown, one page and one calendar file per call, API.

use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{self, page, PageMeta, Section};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike};
use maud::{html, Markup};
use rapporteur_core::{Call, CallKind, CallStatus, Instrument, Slug};
use serde::Serialize;
use utoipa::ToSchema;

/// Open calls first, soonest deadline first; then closed calls, latest deadline first.
pub fn order_calls(mut calls: Vec<Call>, now: DateTime<Utc>) -> Vec<Call> {
    calls.sort_by(|a, b| {
        let (sa, sb) = (a.deadline.status_at(now), b.deadline.status_at(now));
        match (sa, sb) {
            (CallStatus::Open, CallStatus::Closed) => std::cmp::Ordering::Less,
            (CallStatus::Closed, CallStatus::Open) => std::cmp::Ordering::Greater,
            (CallStatus::Open, CallStatus::Open) => a.deadline.instant().cmp(&b.deadline.instant()),
            (CallStatus::Closed, CallStatus::Closed) => b.deadline.instant().cmp(&a.deadline.instant()),
        }
    });
    calls
}

async fn load_call(state: &AppState, slug: &str) -> Result<Call, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    state.repo.find_call_by_slug(&slug).await?.ok_or(AppError::NotFound)
}

/// The deadline for people: "31 January 2018, 17:00 (Brussels time)" or "25 April 2018 (end of day, Brussels time)".
pub fn deadline_text(cat: &Catalogue, deadline: &rapporteur_core::Deadline) -> String {
    let local = deadline.brussels();
    let date = local.format("%-d %B %Y").to_string();
    if deadline.time_given() {
        let time = local.format("%H:%M").to_string();
        cat.t_args("deadline-at", &[("date", date.into()), ("time", time.into())])
    } else {
        cat.t_args("deadline-end-of-day", &[("date", date.into())])
    }
}

pub(crate) fn kind_label(cat: &Catalogue, kind: CallKind) -> String {
    cat.t(match kind {
        CallKind::CallForProposals => "call-kind-proposals",
        CallKind::ExpressionOfInterest => "call-kind-interest",
    })
}

fn status_and_countdown(cat: &Catalogue, call: &Call, now: DateTime<Utc>) -> Markup {
    let status = call.deadline.status_at(now);
    html! {
        @match status {
            CallStatus::Open => {
                strong.badge.badge--open { (cat.t("call-status-open")) }
                @if let Some((days, hours)) = call.deadline.remaining(now) {
                    " " span.countdown { (cat.t_args("call-closes-in", &[("days", days.into()), ("hours", hours.into())])) }
                }
            }
            CallStatus::Closed => { strong.badge.badge--closed { (cat.t("call-status-closed")) } }
        }
    }
}

pub async fn list_calls_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<Markup, AppError> {
    let now = state.clock.now();
    let calls = order_calls(state.repo.list_calls().await?, now);
    let meta = PageMeta::new(cat, Section::Calls, cat.t("calls-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("calls-title")) }
            p.lead { (cat.t("calls-intro")) }
            ul.card-list {
                @for c in &calls {
                    li {
                        article.card {
                            h2.card__title { a href={ "/calls/" (c.slug) } { (c.title) } }
                            p { (status_and_countdown(cat, c, now)) }
                            dl.facts.facts--inline {
                                dt { (cat.t("call-kind")) } dd { (kind_label(cat, c.kind)) }
                                @if let Some(f) = &c.fund { dt { (cat.t("call-fund")) } dd { (f) } }
                                dt { (cat.t("call-deadline")) }
                                dd { time datetime=(c.deadline.to_rfc3339()) { (deadline_text(cat, &c.deadline)) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn show_call_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
) -> Result<Markup, AppError> {
    let c = load_call(&state, &slug).await?;
    let now = state.clock.now();
    let instruments = state.repo.list_instruments().await?;
    let meta = PageMeta::new(cat, Section::Calls, c.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("calls-title"), "/calls");
    Ok(page(
        meta,
        html! {
            h1 { (c.title) }
            (call_body(cat, &c, now, &instruments))
            p { a href={ "/api/v1/calls/" (c.slug) } { (cat.t("as-json")) } }
        },
    ))
}

/// Everything a call's page shows under its title (also the editors' preview).
pub(crate) fn call_body(cat: &Catalogue, c: &Call, now: DateTime<Utc>, instruments: &[Instrument]) -> Markup {
    html! {
        p { (status_and_countdown(cat, c, now)) }
        dl.facts {
            dt { (cat.t("call-kind")) } dd { (kind_label(cat, c.kind)) }
            @if let Some(f) = &c.fund { dt { (cat.t("call-fund")) } dd { (f) } }
            @if let Some(t) = &c.topic { dt { (cat.t("call-topic")) } dd { (t) } }
            @if let Some(w) = &c.work_programme { dt { (cat.t("call-work-programme")) } dd { (w) } }
            dt { (cat.t("call-deadline")) }
            dd {
                time datetime=(c.deadline.to_rfc3339()) { (deadline_text(cat, &c.deadline)) }
                " " span.as-written { "(" (cat.t("as-written")) ": " (c.deadline_as_written) ")" }
            }
            @if !c.eligible_member_states.is_empty() {
                dt { (cat.t("call-eligible")) }
                dd {
                    ul.inline-list {
                        @for m in &c.eligible_member_states { li { a href={ "/member-states/" (m.iso().to_lowercase()) } { (m.name()) } } }
                    }
                }
            }
        }
        p { a.button href={ "/calls/" (c.slug) "/calendar.ics" } { (cat.t("call-add-to-calendar")) } }
        @if c.kind == CallKind::ExpressionOfInterest {
            p { a href={ "/calls/" (c.slug) "/apply" } { (cat.t("call-apply")) } }
        }
        @if !c.summary.is_empty() { h2 { (cat.t("call-summary")) } (layout::paragraphs(&c.summary)) }
        @if !c.errata.is_empty() {
            h2 { (cat.t("call-errata")) }
            (layout::paragraphs(&c.errata))
        }
        @let named: Vec<_> = instruments.iter().filter(|i| c.instruments.contains(&i.slug)).collect();
        @if !named.is_empty() {
            h2 { (cat.t("call-instruments")) }
            ul { @for i in named { li { a href={ "/legislation/" (i.slug) } { (i.title) } } } }
        }
    }
}

/// The deadline as an iCalendar event, for people's own calendars.
pub async fn call_calendar(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let c = load_call(&state, &slug).await?;
    let url = format!("{}/calls/{}", state.public_url, c.slug);
    let host = state.public_url.split("://").nth(1).unwrap_or("rapporteur").split('/').next().unwrap_or("rapporteur");
    let deadline = c.deadline.instant();
    let event = icalendar::Event::new()
        .uid(&format!("call-{}@{host}", c.slug))
        .summary(&cat.t_args("calendar-summary", &[("title", c.title.as_str().into())]))
        .description(&cat.t_args(
            "calendar-description",
            &[
                ("deadline", deadline_text(cat, &c.deadline).into()),
                ("written", c.deadline_as_written.as_str().into()),
                ("url", url.as_str().into()),
            ],
        ))
        .url(&url)
        .timestamp(state.clock.now())
        .starts(deadline)
        .ends(deadline)
        .done();
    let calendar = Calendar::new().name(&c.title).push(event).done();
    let filename = format!("attachment; filename=\"{}.ics\"", c.slug);
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, filename)],
        calendar.to_string(),
    ))
}

/// A call in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallResource {
    pub slug: String,
    /// call_for_proposals or expression_of_interest
    pub kind: String,
    pub fund: Option<String>,
    pub title: String,
    pub topic: Option<String>,
    pub work_programme: Option<String>,
    /// RFC 3339 with Brussels' offset. Where the call gives only a day, the end of that day.
    pub deadline: String,
    /// Whether the source gives an hour (otherwise the whole day counts).
    pub deadline_time_given: bool,
    pub deadline_as_written: String,
    /// open or closed, at the time of the request.
    pub status: String,
    pub summary: Vec<String>,
    /// ISO codes of the Member States whose organisations may apply; empty when not restricted.
    pub eligible_member_states: Vec<String>,
    pub errata: Vec<String>,
    pub instruments: Vec<String>,
    /// False for editors' drafts and withdrawn calls (which only editors see).
    pub published: bool,
}

impl CallResource {
    pub(crate) fn new(c: Call, now: DateTime<Utc>) -> Self {
        CallResource {
            slug: c.slug.to_string(),
            kind: c.kind.code().to_owned(),
            fund: c.fund,
            title: c.title,
            topic: c.topic,
            work_programme: c.work_programme,
            deadline: c.deadline.to_rfc3339(),
            deadline_time_given: c.deadline.time_given(),
            deadline_as_written: c.deadline_as_written,
            status: c.deadline.status_at(now).code().to_owned(),
            summary: c.summary,
            eligible_member_states: c.eligible_member_states.iter().map(|m| m.iso().to_owned()).collect(),
            errata: c.errata,
            instruments: c.instruments.iter().map(|s| s.to_string()).collect(),
            published: c.published,
        }
    }
}

/// A call as the public sees it: without references to instruments that are drafts or withdrawn.
fn public_references(mut call: Call, published: &[Instrument]) -> Call {
    call.instruments.retain(|slug| published.iter().any(|i| &i.slug == slug));
    call
}

/// The calls.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallList {
    pub items: Vec<CallResource>,
    pub total: u64,
}

/// List calls: open first (soonest deadline first), then closed.
#[utoipa::path(get, path = "/api/v1/calls", tag = "calls",
    params(("status" = Option<String>, Query, description = "open or closed")),
    responses((status = 200, body = CallList), (status = 400, body = crate::error::ErrorBody)))]
pub async fn list_calls_api(
    State(state): State<AppState>,
    params: crate::params::Params,
) -> Result<Json<CallList>, ApiError> {
    let status = params.choice("status", CallStatus::parse, "open, closed")?;
    let now = state.clock.now();
    let published = state.repo.list_instruments().await?;
    let items: Vec<CallResource> = order_calls(state.repo.list_calls().await?, now)
        .into_iter()
        .filter(|c| status.is_none_or(|s| c.deadline.status_at(now) == s))
        .map(|c| CallResource::new(public_references(c, &published), now))
        .collect();
    Ok(Json(CallList { total: items.len() as u64, items }))
}

/// One call.
#[utoipa::path(get, path = "/api/v1/calls/{slug}", tag = "calls",
    params(("slug" = String, Path, description = "The call's slug")),
    responses((status = 200, body = CallResource), (status = 404, body = crate::error::ErrorBody)))]
pub async fn show_call_api(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<CallResource>, ApiError> {
    let published = state.repo.list_instruments().await?;
    Ok(Json(CallResource::new(public_references(load_call(&state, &slug).await?, &published), state.clock.now())))
}
