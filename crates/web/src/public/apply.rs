//! Applying to a call for expression of interest of the Civil Society Platform, without an account: the
//! form, its answer, the same in the API, and the Platform's geographical balance.

use crate::http::limits::{ClientAddress, APPLICATIONS_PER_ADDRESS};
use crate::http::session::{append_cookie, cookie, same_secret, set_cookie, CSRF_COOKIE};
use crate::http::{ApiRouter, AppError, Form, Json, Params, Path};
use crate::resources::ApplicationResource;
use crate::state::AppState;
use crate::ui::content::{closed_text, deadline_text};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{html, Markup};
use rapporteur_core::platform::{ApplicationDocument, NewApplication};
use rapporteur_core::{ApplicationRefusal, Call, CallKind, FieldProblem, Slug};
use rapporteur_store::Application;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/calls/{slug}/apply", get(show_apply).post(submit_apply))
        .routes(routes!(submit_application_api))
        .routes(routes!(balance_api))
}

/// A published call for expression of interest, or 404.
async fn load_eoi_call(state: &AppState, slug: &Slug) -> Result<Call, AppError> {
    let call = crate::public::calls::load_call(state, slug).await?;
    if call.kind == CallKind::ExpressionOfInterest {
        Ok(call)
    } else {
        Err(AppError::NotFound)
    }
}

fn refusal_text(cat: &Catalogue, call: &Call, refusal: &ApplicationRefusal) -> String {
    match refusal {
        ApplicationRefusal::Late => {
            cat.t_args("apply-refused-late", &[("deadline", deadline_text(cat, &call.deadline).into())])
        }
        ApplicationRefusal::Ineligible { seat } => {
            let eligible = call.eligible_member_states.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ");
            cat.t_args("apply-refused-ineligible", &[("seat", seat.name().into()), ("eligible", eligible.into())])
        }
        ApplicationRefusal::NotOpenToApplications => cat.t("apply-refused-not-open"),
    }
}

/// The application as the form sends it.
fn document_of(form: &Params) -> ApplicationDocument {
    let text = |k: &str| form.get(k).unwrap_or_default().to_owned();
    ApplicationDocument {
        organisation_name: text("organisation_name"),
        member_state: text("member_state"),
        contact_email: text("contact_email"),
        motivation: text("motivation"),
    }
}

fn apply_meta<'a>(cat: &'a Catalogue, call: &Call, title: String) -> PageMeta<'a> {
    PageMeta::new(cat, Section::Calls, title)
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("calls-title"), "/calls")
        .trail(call.title.clone(), format!("/calls/{}", call.slug))
}

/// What the apply page of a call that no longer takes applications says instead of its form.
fn closed_page(cat: &Catalogue, call: &Call) -> Markup {
    let title = cat.t("apply-closed-title");
    page(
        apply_meta(cat, call, title.clone()),
        html! {
            h1 { (title) }
            p.lead { (call.title) }
            div.notice role="status" { p #apply-outcome { (closed_text(cat, &call.deadline)) } }
            p { a href={ "/calls/" (call.slug) } { (cat.t("apply-back-to-call")) } }
        },
    )
}

/// What the portal keeps of an application, why and for how long, said where the address is asked for;
/// the privacy statement has the rest.
fn privacy_notice(cat: &Catalogue) -> Markup {
    html! {
        aside.apply-privacy aria-labelledby="apply-privacy-heading" {
            h2 #apply-privacy-heading { (cat.t("apply-privacy-heading")) }
            ul {
                li { (cat.t("apply-privacy-what")) }
                li { (cat.t("apply-privacy-why")) }
                li { (cat.t("apply-privacy-how-long")) }
            }
            p { a href="/privacy" { (cat.t("apply-privacy-link")) } }
        }
    }
}

fn apply_page(cat: &Catalogue, call: &Call, csrf: &str, values: &Params, problems: &[FieldProblem]) -> Markup {
    let title = cat.t("apply-title");
    let v = |k: &str| values.get(k).unwrap_or_default().to_owned();
    let problem = |f: &str| problems.iter().find(|p| p.field == f).map(|p| p.detail.clone());
    let seats = call.seats_that_may_apply();
    page(
        apply_meta(cat, call, title.clone()),
        html! {
            h1 { (title) }
            p.lead { (call.title) }
            p { (cat.t("call-deadline")) ": " (deadline_text(cat, &call.deadline)) }
            @if !call.eligible_member_states.is_empty() {
                p { (cat.t("call-eligible")) ": " (seats.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")) }
            }
            form.form.form--wide method="post" action={ "/calls/" (call.slug) "/apply" } {
                input type="hidden" name="csrf" value=(csrf);
                @for (name, label, kind) in [("organisation_name", "apply-organisation", "text"), ("contact_email", "apply-email", "email")] {
                    div.field {
                        label for={ "a-" (name) } { (cat.t(label)) }
                        @if let Some(p) = problem(name) { p.field-error id={ "a-" (name) "-error" } { (p) } }
                        input id={ "a-" (name) } type=(kind) name=(name) value=(v(name)) required
                            aria-invalid=[problem(name).map(|_| "true")] aria-describedby=[problem(name).map(|_| format!("a-{name}-error"))];
                    }
                }
                div.field {
                    label for="a-member_state" { (cat.t("apply-seat")) }
                    @if let Some(p) = problem("member_state") { p.field-error id="a-member_state-error" { (p) } }
                    select #a-member_state name="member_state" required
                        aria-invalid=[problem("member_state").map(|_| "true")] aria-describedby=[problem("member_state").map(|_| "a-member_state-error")] {
                        option value="" { (cat.t("apply-choose")) }
                        @for m in &seats { option value=(m.iso()) selected[v("member_state") == m.iso()] { (m.name()) } }
                    }
                }
                div.field {
                    label for="a-motivation" { (cat.t("apply-motivation")) }
                    @if let Some(p) = problem("motivation") { p.field-error id="a-motivation-error" { (p) } }
                    textarea #a-motivation name="motivation" rows="8" required
                        aria-invalid=[problem("motivation").map(|_| "true")] aria-describedby=[problem("motivation").map(|_| "a-motivation-error")] { (v("motivation")) }
                }
                (privacy_notice(cat))
                div.actions { button type="submit" { (cat.t("apply-submit")) } }
            }
        },
    )
}

/// The form, with a fresh CSRF token in a cookie and in the form (double submit: the visitor has no session).
async fn show_apply(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
) -> Result<Response, AppError> {
    let call = load_eoi_call(&state, &slug).await?;
    if call.takes_applications_at(state.clock.now()).is_err() {
        return Ok(closed_page(cat, &call).into_response());
    }
    let csrf = rapporteur_store::new_secret();
    let mut headers = HeaderMap::new();
    append_cookie(&mut headers, set_cookie(CSRF_COOKIE, &csrf, 3600, state.public_url.starts_with("https://")));
    Ok((headers, apply_page(cat, &call, &csrf, &Params::default(), &[])).into_response())
}

/// Checks an application against the call's rules and keeps it: the stored application, or why it is refused.
/// Applications need no account, so each address may send only so many ([`APPLICATIONS_PER_ADDRESS`]).
async fn apply(
    state: &AppState,
    cat: &Catalogue,
    call: &Call,
    application: NewApplication,
    ClientAddress(from): &ClientAddress,
) -> Result<Application, AppError> {
    let now = state.clock.now();
    call.check_application(application.member_state, now)
        .map_err(|refusal| AppError::Refused(refusal_text(cat, call, &refusal)))?;
    APPLICATIONS_PER_ADDRESS.hit(state.repo.as_ref(), from, now).await?;
    Ok(state.repo.submit_application(&application).await?)
}

async fn submit_apply(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
    from: ClientAddress,
    headers: HeaderMap,
    Form(form): Form,
) -> Result<Response, AppError> {
    let call = load_eoi_call(&state, &slug).await?;
    // A closed call is refused before anything else is read: there is no form to send, and nothing is kept.
    if call.takes_applications_at(state.clock.now()).is_err() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, closed_page(cat, &call)).into_response());
    }
    let sent = form.get("csrf").unwrap_or_default();
    if sent.is_empty() || !same_secret(sent, cookie(&headers, CSRF_COOKIE).unwrap_or_default()) {
        return Err(AppError::Csrf);
    }
    let application = match document_of(&form).check(&call) {
        Ok(a) => a,
        Err(problems) => {
            let page = apply_page(cat, &call, sent, &form, &problems);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let (status, title_id, text) = match apply(&state, cat, &call, application, &from).await {
        Ok(stored) => {
            (StatusCode::CREATED, "apply-received-title", cat.t_args("apply-received", &[("id", stored.id.into())]))
        }
        Err(AppError::Refused(reason)) => (StatusCode::UNPROCESSABLE_ENTITY, "apply-refused-title", reason),
        Err(other) => return Err(other),
    };
    let title = cat.t(title_id);
    let meta = PageMeta::new(cat, Section::Calls, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("calls-title"), "/calls");
    let body = page(
        meta,
        html! {
            h1 { (title) }
            div.notice.(if status.is_success() { "" } else { "notice--error" }) role="status" { p #apply-outcome { (text) } }
            p { a href={ "/calls/" (call.slug) } { (call.title) } }
        },
    );
    Ok((status, body).into_response())
}

/// Apply to a call for expression of interest (no account needed). Late or ineligible applications are
/// refused with the reason (422).
#[utoipa::path(post, path = "/api/v1/calls/{slug}/applications", tag = "calls",
    params(("slug" = String, Path)), request_body = ApplicationDocument,
    responses((status = 201, body = ApplicationResource), (status = 404), (status = 422, body = crate::http::error::ErrorBody),
        (status = 429, description = "Too many applications from this address; `Retry-After` says when to try again", body = crate::http::error::ErrorBody)))]
async fn submit_application_api(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
    from: ClientAddress,
    Json { value, .. }: Json<ApplicationDocument>,
) -> Result<(StatusCode, axum::Json<ApplicationResource>), AppError> {
    let cat = crate::ui::i18n::Catalogues::get(crate::ui::i18n::DEFAULT_LANG);
    let call = load_eoi_call(&state, &slug).await?;
    call.takes_applications_at(state.clock.now())
        .map_err(|refusal| AppError::Refused(refusal_text(cat, &call, &refusal)))?;
    let application = value.check(&call).map_err(AppError::invalid)?;
    let stored = apply(&state, cat, &call, application, &from).await?;
    Ok((StatusCode::CREATED, axum::Json(stored.into())))
}

/// Members of the Platform per Member State.
#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceEntry {
    pub member_state: String,
    pub members: u64,
}

/// The geographical balance of the Platform: accepted members per Member State, zero where there are none.
#[utoipa::path(get, path = "/api/v1/civil-society/balance", tag = "network", responses((status = 200, body = [BalanceEntry])))]
async fn balance_api(State(state): State<AppState>) -> Result<axum::Json<Vec<BalanceEntry>>, AppError> {
    Ok(axum::Json(
        state
            .repo
            .members_per_member_state()
            .await?
            .into_iter()
            .map(|(m, n)| BalanceEntry { member_state: m.iso().to_owned(), members: n })
            .collect(),
    ))
}
