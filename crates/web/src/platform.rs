//! The Civil Society Platform: the public application form of a call for expression of interest, the
//! editors' review, and the geographical balance of members; the same in the API.

use crate::auth::{csrf_header, Caller};
use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::session::{append_cookie, cookie, same_secret, set_cookie, CSRF_COOKIE};
use crate::workspace::Refusal;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::accounts::{Email, Role};
use rapporteur_core::{ApplicationRefusal, Call, CallKind, MemberState, Slug};
use rapporteur_store::{Account, Actor, Application, NewApplication};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

async fn load_eoi_call(state: &AppState, slug: &str) -> Result<Call, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    let call = state.repo.find_call_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    if call.kind == CallKind::ExpressionOfInterest {
        Ok(call)
    } else {
        Err(AppError::NotFound)
    }
}

/// One field's problem.
struct FieldProblem {
    field: &'static str,
    detail: String,
}

/// Reads and checks the form's fields (not yet eligibility or the deadline).
fn read_application(call: &Call, form: &Params, cat: &Catalogue) -> Result<NewApplication, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let name = form.get("organisation_name").unwrap_or_default().to_owned();
    if name.is_empty() || name.chars().count() > 300 {
        problems.push(FieldProblem { field: "organisation_name", detail: cat.t("apply-error-name") });
    }
    let organisation = Slug::from_title(&name);
    let seat = form.get("member_state").and_then(|m| MemberState::parse(m).ok());
    if seat.is_none() {
        problems.push(FieldProblem { field: "member_state", detail: cat.t("apply-error-seat") });
    }
    let email = form.get("contact_email").and_then(|e| Email::parse(e).ok());
    if email.is_none() {
        problems.push(FieldProblem { field: "contact_email", detail: cat.t("apply-error-email") });
    }
    let motivation = form.get("motivation").unwrap_or_default().to_owned();
    if motivation.is_empty() || motivation.chars().count() > 5_000 {
        problems.push(FieldProblem { field: "motivation", detail: cat.t("apply-error-motivation") });
    }
    match (organisation, seat, email) {
        (Some(organisation), Some(member_state), Some(contact_email)) if problems.is_empty() => Ok(NewApplication {
            call: call.slug.clone(),
            organisation_name: name,
            organisation,
            member_state,
            contact_email,
            motivation,
        }),
        _ => Err(problems),
    }
}

fn refusal_text(cat: &Catalogue, call: &Call, refusal: &ApplicationRefusal) -> String {
    match refusal {
        ApplicationRefusal::Late => {
            cat.t_args("apply-refused-late", &[("deadline", crate::calls::deadline_text(cat, &call.deadline).into())])
        }
        ApplicationRefusal::Ineligible { seat } => {
            let eligible = call.eligible_member_states.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ");
            cat.t_args("apply-refused-ineligible", &[("seat", seat.name().into()), ("eligible", eligible.into())])
        }
        ApplicationRefusal::NotOpenToApplications => cat.t("apply-refused-not-open"),
    }
}

fn apply_page(
    cat: &Catalogue,
    call: &Call,
    csrf: &str,
    values: &Params,
    problems: &[FieldProblem],
    now: chrono::DateTime<chrono::Utc>,
) -> Markup {
    let title = cat.t("apply-title");
    let meta = PageMeta::new(cat, Section::Calls, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("calls-title"), "/calls")
        .trail(call.title.clone(), format!("/calls/{}", call.slug));
    let v = |k: &str| values.get(k).unwrap_or_default().to_owned();
    let problem = |f: &str| problems.iter().find(|p| p.field == f).map(|p| p.detail.clone());
    page(
        meta,
        html! {
            h1 { (title) }
            p.lead { (call.title) }
            p { (cat.t("call-deadline")) ": " (crate::calls::deadline_text(cat, &call.deadline)) }
            @if call.deadline.status_at(now) == rapporteur_core::CallStatus::Closed {
                div.notice role="status" { p { (cat.t("apply-closed-note")) } }
            }
            @if !call.eligible_member_states.is_empty() {
                p { (cat.t("call-eligible")) ": " (call.eligible_member_states.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")) }
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
                    select #a-member_state name="member_state" required {
                        option value="" { (cat.t("apply-choose")) }
                        @for m in MemberState::all() { option value=(m.iso()) selected[v("member_state") == m.iso()] { (m.name()) } }
                    }
                }
                div.field {
                    label for="a-motivation" { (cat.t("apply-motivation")) }
                    @if let Some(p) = problem("motivation") { p.field-error id="a-motivation-error" { (p) } }
                    textarea #a-motivation name="motivation" rows="8" required { (v("motivation")) }
                }
                div.actions { button type="submit" { (cat.t("apply-submit")) } }
            }
        },
    )
}

pub async fn show_apply(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let call = load_eoi_call(&state, &slug).await?;
    let csrf = rapporteur_store::new_secret();
    let mut headers = HeaderMap::new();
    append_cookie(&mut headers, set_cookie(CSRF_COOKIE, &csrf, 3600, state.public_url.starts_with("https://")));
    Ok((headers, apply_page(cat, &call, &csrf, &Params::default(), &[], state.clock.now())).into_response())
}

pub async fn submit_apply(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let call = load_eoi_call(&state, &slug).await?;
    let form = Params::from_form(&body)?;
    let sent = form.get("csrf").unwrap_or_default();
    if sent.is_empty() || !same_secret(sent, cookie(&headers, CSRF_COOKIE).unwrap_or_default()) {
        return Err(AppError::Csrf);
    }
    let now = state.clock.now();
    let application = match read_application(&call, &form, cat) {
        Ok(a) => a,
        Err(problems) => {
            return Ok(
                (StatusCode::UNPROCESSABLE_ENTITY, apply_page(cat, &call, sent, &form, &problems, now)).into_response()
            )
        }
    };
    let outcome = match call.check_application(application.member_state, now) {
        Err(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, "apply-refused-title", refusal_text(cat, &call, &refusal)),
        Ok(()) => {
            let stored = state.repo.submit_application(&application).await?;
            (StatusCode::CREATED, "apply-received-title", cat.t_args("apply-received", &[("id", stored.id.into())]))
        }
    };
    let (status, title_id, text) = outcome;
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

/// The editors' review and the geographical balance.
pub async fn show_platform(State(state): State<AppState>, Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    let applications = state.repo.list_applications(None).await?;
    let members = state.repo.members_per_member_state().await?;
    let meta = PageMeta::new(cat, Section::Network, cat.t("platform-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("platform-title")) }
            h2 { (cat.t("platform-applications")) }
            @if applications.is_empty() { p { (cat.t("platform-no-applications")) } }
            @for a in &applications {
                article.card {
                    h3.card__title { (a.organisation_name) }
                    dl.facts.facts--inline {
                        dt { (cat.t("apply-seat")) } dd { (a.member_state) }
                        dt { (cat.t("apply-email")) } dd { (a.contact_email) }
                        dt { (cat.t("platform-status")) } dd { (cat.t(&format!("platform-status-{}", a.status.code()))) }
                    }
                    p { (a.motivation) }
                    @if a.status == rapporteur_store::ApplicationStatus::Submitted {
                        @for (action, label) in [("accept", "platform-accept"), ("reject", "platform-reject")] {
                            form.inline-form method="post" action={ "/workspace/platform/applications/" (a.id) "/" (action) } {
                                input type="hidden" name="csrf" value=(csrf);
                                button type="submit" { (cat.t(label)) " " span.visually-hidden { (a.organisation_name) } }
                            }
                        }
                    }
                }
            }
            h2 { (cat.t("platform-balance")) }
            (balance_table(cat, &members))
        },
    ))
}

fn balance_table(cat: &Catalogue, members: &[(MemberState, u64)]) -> Markup {
    html! {
        table.data-table {
            caption { (cat.t("platform-balance-caption")) }
            thead { tr { th scope="col" { (cat.t("platform-member-state")) } th scope="col" { (cat.t("platform-members")) } } }
            tbody {
                @for (m, n) in members {
                    tr { td { (m.name()) } td { @if *n == 0 { strong { (cat.t("platform-none")) } } @else { (n) } } }
                }
            }
        }
    }
}

async fn decide(state: AppState, caller: Caller, id: i64, body: Bytes, accept: bool) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let account = caller.writer(form.get("csrf"))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    state.repo.decide_application(&Actor::Account(account.email.clone()), id, accept).await?;
    Ok(Redirect::to("/workspace/platform"))
}

pub async fn accept_application(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    decide(state, caller, id, body, true).await
}

pub async fn reject_application(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    decide(state, caller, id, body, false).await
}

/// An application sent through the API.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationInput {
    pub organisation_name: String,
    /// ISO code of the Member State of the legal seat.
    pub member_state: String,
    pub contact_email: String,
    pub motivation: String,
}

/// The outcome of an application sent through the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResource {
    pub id: i64,
    pub call: String,
    pub organisation_name: String,
    pub organisation: String,
    pub member_state: String,
    /// submitted, accepted or rejected
    pub status: String,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    /// Who decided (the editor's e-mail address).
    pub decided_by: Option<String>,
}

impl From<Application> for ApplicationResource {
    fn from(a: Application) -> Self {
        ApplicationResource {
            id: a.id,
            call: a.call,
            organisation_name: a.organisation_name,
            organisation: a.organisation,
            member_state: a.member_state,
            status: a.status.code().to_owned(),
            submitted_at: a.submitted_at,
            decided_at: a.decided_at,
            decided_by: a.decided_by,
        }
    }
}

/// Apply to a call for expression of interest (no account needed). Late or ineligible applications are
/// refused with the reason (422).
#[utoipa::path(post, path = "/api/v1/calls/{slug}/applications", tag = "calls",
    params(("slug" = String, Path)), request_body = ApplicationInput,
    responses((status = 201, body = ApplicationResource), (status = 404), (status = 422, body = crate::error::ErrorBody)))]
pub async fn submit_application_api(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<ApplicationResource>), ApiError> {
    let cat = crate::i18n::Catalogues::get(crate::i18n::DEFAULT_LANG);
    let call = load_eoi_call(&state, &slug).await?;
    let input: ApplicationInput = crate::params::json_body(&body)?;
    let form = Params::from_pairs(vec![
        ("organisation_name".into(), input.organisation_name),
        ("member_state".into(), input.member_state),
        ("contact_email".into(), input.contact_email),
        ("motivation".into(), input.motivation),
    ]);
    let application = read_application(&call, &form, cat).map_err(|problems| {
        AppError::Unprocessable(
            problems.iter().map(|p| format!("{}: {}", p.field, p.detail)).collect::<Vec<_>>().join("; "),
        )
    })?;
    call.check_application(application.member_state, state.clock.now())
        .map_err(|r| AppError::Unprocessable(refusal_text(cat, &call, &r)))?;
    let stored = state.repo.submit_application(&application).await?;
    Ok((StatusCode::CREATED, Json(stored.into())))
}

/// The applications a caller may read: every one for editors, a civil-society organisation's own for its
/// `cso` account (without the deciding editor's address); nobody else's.
pub(crate) async fn readable_applications(state: &AppState, account: &Account) -> Result<Vec<Application>, AppError> {
    let all = state.repo.list_applications(None).await?;
    match &account.role {
        // The organisation's slug comes from the name an applicant typed, which anyone can type again; the
        // account was created from the accepted application's contact address, so both must match.
        Role::Cso { organisation } => Ok(all
            .into_iter()
            .filter(|a| a.organisation == organisation.as_str() && a.contact_email == account.email.as_str())
            .map(|a| Application { decided_by: None, ..a })
            .collect()),
        role if role.may_edit_content() => Ok(all),
        _ => Err(AppError::Forbidden),
    }
}

/// Applications to the Civil Society Platform, newest first: every one for editors, its own for a `cso` account.
#[utoipa::path(get, path = "/api/v1/civil-society/applications", tag = "network", security(("bearer" = [])),
    responses((status = 200, body = [ApplicationResource]), (status = 401), (status = 403)))]
pub async fn list_applications_api(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ApplicationResource>>, ApiError> {
    let account = caller.required()?;
    Ok(Json(readable_applications(&state, &account).await?.into_iter().map(Into::into).collect()))
}

async fn decide_api(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    id: i64,
    accept: bool,
) -> Result<Json<ApplicationResource>, ApiError> {
    let account = caller.writer(csrf_header(&headers))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    Ok(Json(state.repo.decide_application(&Actor::Account(account.email.clone()), id, accept).await?.into()))
}

/// Accept an application (editors): the organisation becomes a member and gets a `cso` account.
#[utoipa::path(post, path = "/api/v1/civil-society/applications/{id}/accept", tag = "network", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = ApplicationResource), (status = 401), (status = 403), (status = 404), (status = 409)))]
pub async fn accept_application_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationResource>, ApiError> {
    decide_api(state, caller, headers, id, true).await
}

/// Reject an application (editors).
#[utoipa::path(post, path = "/api/v1/civil-society/applications/{id}/reject", tag = "network", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = ApplicationResource), (status = 401), (status = 403), (status = 404), (status = 409)))]
pub async fn reject_application_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationResource>, ApiError> {
    decide_api(state, caller, headers, id, false).await
}

/// Members of the Platform per Member State.
#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceEntry {
    pub member_state: String,
    pub members: u64,
}

/// The geographical balance of the Platform: accepted members per Member State, zero where there are none.
#[utoipa::path(get, path = "/api/v1/civil-society/balance", tag = "network", responses((status = 200, body = [BalanceEntry])))]
pub async fn balance_api(State(state): State<AppState>) -> Result<Json<Vec<BalanceEntry>>, ApiError> {
    Ok(Json(
        state
            .repo
            .members_per_member_state()
            .await?
            .into_iter()
            .map(|(m, n)| BalanceEntry { member_state: m.iso().to_owned(), members: n })
            .collect(),
    ))
}
