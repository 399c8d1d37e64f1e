//! Funding calls: open ones first with a countdown, one page and one calendar file per call, and the same in
//! the API.

use crate::http::cache::fresh_until;
use crate::http::download::attachment;
use crate::http::{ApiRouter, AppError, Params, Path};
use crate::state::AppState;
use crate::ui::content::{call_body, call_kind_label, deadline_text, status_and_countdown};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use icalendar::{Calendar, Component, EventLike};
use maud::html;
use rapporteur_core::calls::{next_change, open_first};
use rapporteur_core::editing::{CallDocument, Editable};
use rapporteur_core::{Call, CallStatus, DeadlinePrecision, Instrument, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/calls", get(list_calls_page))
        .route("/calls/calendar.ics", get(all_calls_calendar))
        .route("/calls/{slug}", get(show_call_page))
        .route("/calls/{slug}/calendar.ics", get(call_calendar))
        .routes(routes!(list_calls_api))
        .routes(routes!(show_call_api))
}

/// Where every call's deadline is, in one calendar file.
const CALENDAR_OF_ALL_CALLS: &str = "/calls/calendar.ics";

/// A published call, or 404.
pub(crate) async fn load_call(state: &AppState, slug: &Slug) -> Result<Call, AppError> {
    state.repo.find_call_by_slug(slug).await?.ok_or(AppError::NotFound)
}

async fn list_calls_page(State(state): State<AppState>, Lang(cat): Lang) -> Result<impl IntoResponse, AppError> {
    let now = state.clock.now();
    let calls = open_first(state.repo.list_calls().await?, now);
    let mut meta = PageMeta::new(cat, Section::Calls, cat.t("calls-title")).trail(cat.t("nav-home"), "/");
    meta.alternate = Some(("alternate", "text/calendar", CALENDAR_OF_ALL_CALLS.into()));
    let body = page(
        meta,
        html! {
            h1 { (cat.t("calls-title")) }
            p.lead { (cat.t("calls-intro")) }
            p { a.button.button--secondary href=(CALENDAR_OF_ALL_CALLS) type="text/calendar" { (cat.t("calls-calendar")) } }
            ul.card-list {
                @for c in &calls {
                    li {
                        article.card {
                            h2.card__title { a href={ "/calls/" (c.slug) } { (c.title) } }
                            p { (status_and_countdown(cat, c, now)) }
                            dl.facts.facts--inline {
                                dt { (cat.t("call-kind")) } dd { (call_kind_label(cat, c.kind)) }
                                @if let Some(f) = &c.fund { dt { (cat.t("call-fund")) } dd { (f) } }
                                dt { (cat.t("call-deadline")) }
                                dd { time datetime=(c.deadline) { (deadline_text(cat, &c.deadline)) } }
                            }
                        }
                    }
                }
            }
        },
    );
    Ok((fresh_until(next_change(&calls, now)), body))
}

async fn show_call_page(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
) -> Result<impl IntoResponse, AppError> {
    let c = load_call(&state, &slug).await?;
    let now = state.clock.now();
    let instruments = state.repo.list_instruments().await?;
    let meta = PageMeta::new(cat, Section::Calls, c.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("calls-title"), "/calls");
    let body = page(
        meta,
        html! {
            h1 { (c.title) }
            (call_body(cat, &c, now, &instruments))
            p { a href={ "/api/v1/calls/" (c.slug) } { (cat.t("as-json")) } }
        },
    );
    Ok((fresh_until(next_change([&c], now)), body))
}

/// One call's deadline as an iCalendar file, for people's own calendars.
async fn call_calendar(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
) -> Result<impl IntoResponse, AppError> {
    let c = load_call(&state, &slug).await?;
    let event = deadline_event(cat, &state, &c);
    Ok(calendar_file(&c.title, &format!("{}.ics", c.slug), [event]))
}

/// Every published call's deadline in one iCalendar file, soonest-closing open calls first, each event the
/// same as in the call's own file (so a calendar that takes both keeps one of each, by its UID).
async fn all_calls_calendar(State(state): State<AppState>, Lang(cat): Lang) -> Result<impl IntoResponse, AppError> {
    let now = state.clock.now();
    let calls = open_first(state.repo.list_calls().await?, now);
    let events: Vec<_> = calls.iter().map(|c| deadline_event(cat, &state, c)).collect();
    Ok(calendar_file(&cat.t("calls-calendar-name"), "calls.ics", events))
}

/// A call's deadline as an event: of the whole day when the call gives only a day, else at the deadline's
/// instant.
fn deadline_event(cat: &Catalogue, state: &AppState, c: &Call) -> icalendar::Event {
    let url = format!("{}/calls/{}", state.public_url, c.slug);
    let host = state.public_url.split("://").nth(1).unwrap_or("rapporteur").split('/').next().unwrap_or("rapporteur");
    let mut description = cat.t_args(
        "calendar-description",
        &[("deadline", deadline_text(cat, &c.deadline).into()), ("url", url.as_str().into())],
    );
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("call-{}@{host}", c.slug))
        .summary(&cat.t_args("calendar-summary", &[("title", one_line(&c.title).into())]))
        .url(&url)
        .timestamp(state.clock.now());
    if c.deadline.precision() == DeadlinePrecision::Day {
        description = format!("{description} {}", cat.t("calendar-day-note"));
        event.all_day(c.deadline.date());
    } else {
        event.starts(c.deadline.instant()).ends(c.deadline.instant());
    }
    event.description(&lines(&description)).done()
}

/// A calendar file named `name`, downloaded as `file_name`, holding `events`.
fn calendar_file(name: &str, file_name: &str, events: impl IntoIterator<Item = icalendar::Event>) -> impl IntoResponse {
    let name = one_line(name);
    let mut calendar = Calendar::new();
    // NAME is a TEXT property the calendar library writes as given, so its escaping is done here;
    // X-WR-CALNAME, the older name, it escapes itself.
    calendar.append_property(icalendar::Property::new("NAME", escaped_text(&name)));
    calendar.append_property(icalendar::Property::new("X-WR-CALNAME", &name));
    for event in events {
        calendar.push(event);
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
            (header::CONTENT_DISPOSITION, attachment(file_name)),
        ],
        calendar.done().to_string(),
    )
}

/// A text for a one-line calendar property: every control character, line breaks among them, becomes a
/// space, so that no value can end its line and start a property of its own. (Titles are refused with
/// control characters; this holds for what was stored before, or by other means.)
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A text for a calendar property that may run over lines: line breaks as `\n` (the library escapes them),
/// every other control character, and a carriage return (which it does not), as a space.
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n").chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// RFC 5545's TEXT escaping of a one-line text: backslash, semicolon and comma escaped.
fn escaped_text(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,")
}

/// A call as the public sees it: without references to instruments that are drafts or withdrawn.
fn public_references(mut call: Call, published: &[Instrument]) -> Call {
    call.instruments.retain(|slug| published.iter().any(|i| &i.slug == slug));
    call
}

/// The calls.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallList {
    pub items: Vec<CallDocument>,
    pub total: u64,
}

/// List calls: open first (soonest deadline first), then closed.
#[utoipa::path(get, path = "/api/v1/calls", tag = "calls",
    params(("status" = Option<String>, Query, description = "open or closed")),
    responses((status = 200, body = CallList), (status = 400, body = crate::http::error::ErrorBody)))]
async fn list_calls_api(State(state): State<AppState>, params: Params) -> Result<impl IntoResponse, AppError> {
    let status = params.choice("status", CallStatus::parse, "open, closed")?;
    let now = state.clock.now();
    let published = state.repo.list_instruments().await?;
    let calls: Vec<Call> = open_first(state.repo.list_calls().await?, now)
        .into_iter()
        .filter(|c| status.is_none_or(|s| c.deadline.status_at(now) == s))
        .collect();
    let fresh = fresh_until(next_change(&calls, now));
    let items: Vec<CallDocument> =
        calls.into_iter().map(|c| public_references(c, &published).to_document(now)).collect();
    Ok((fresh, Json(CallList { total: items.len() as u64, items })))
}

/// One call.
#[utoipa::path(get, path = "/api/v1/calls/{slug}", tag = "calls",
    params(("slug" = String, Path, description = "The call's slug")),
    responses((status = 200, body = CallDocument), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_call_api(State(state): State<AppState>, Path(slug): Path<Slug>) -> Result<impl IntoResponse, AppError> {
    let published = state.repo.list_instruments().await?;
    let now = state.clock.now();
    let call = public_references(load_call(&state, &slug).await?, &published);
    Ok((fresh_until(next_change([&call], now)), Json(call.to_document(now))))
}
