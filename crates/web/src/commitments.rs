//! Monitoring the commitments of the 2018 Joint Statement and the actions of the 2017 Communication:
//! the dashboard, progress recorded by their owners, and the printable progress report.

use crate::auth::{csrf_header, Caller};
use crate::editable::Checker;
use crate::error::{ApiError, AppError};
use crate::form::{FieldError, Form};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::project_editing::EditError;
use crate::workspace::Refusal;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::accounts::Role;
use rapporteur_core::{Commitment, CommitmentStatus, Slug};
use rapporteur_store::{Account, Actor, CommitmentState};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Editors and admins record progress on any commitment; an agency on those it owns.
pub fn may_record(role: &Role, commitment: &Commitment) -> bool {
    match role {
        Role::Agency { agency } => commitment.owners.contains(agency),
        other => other.may_edit_content(),
    }
}

fn status_label(cat: &Catalogue, status: Option<CommitmentStatus>) -> String {
    match status {
        Some(s) => cat.t(&format!("commitment-status-{}", s.code().replace('_', "-"))),
        None => cat.t("commitment-status-none"),
    }
}

/// A commitment in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentResource {
    pub slug: String,
    pub instrument: String,
    pub title: String,
    pub priority: Option<String>,
    /// Agency slugs, or commission, member-states.
    pub owners: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<NaiveDate>,
    /// not_started, in_progress, done or dropped; null until someone records one.
    pub status: Option<String>,
    pub source_text: String,
    pub progress: Vec<ProgressResource>,
}

/// A progress entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressResource {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub text: String,
    pub evidence: Option<String>,
    pub status: Option<String>,
    pub author: String,
}

impl From<CommitmentState> for CommitmentResource {
    fn from(s: CommitmentState) -> Self {
        CommitmentResource {
            slug: s.commitment.slug.to_string(),
            instrument: s.commitment.instrument.to_string(),
            title: s.commitment.title,
            priority: s.commitment.priority,
            owners: s.commitment.owners.iter().map(|o| o.to_string()).collect(),
            due: s.commitment.due,
            status: s.status.map(|x| x.code().to_owned()),
            source_text: s.commitment.source_text,
            progress: s
                .progress
                .into_iter()
                .map(|p| ProgressResource {
                    date: p.date,
                    text: p.text,
                    evidence: p.evidence,
                    status: p.status.map(|x| x.code().to_owned()),
                    author: p.author,
                })
                .collect(),
        }
    }
}

/// The commitments and actions with their progress (signed-in accounts).
#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments", security(("bearer" = [])),
    responses((status = 200, body = [CommitmentResource]), (status = 401)))]
pub async fn list_commitments_api(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<CommitmentResource>>, ApiError> {
    caller.required()?;
    Ok(Json(state.repo.list_commitments().await?.into_iter().map(Into::into).collect()))
}

/// A commitment or action an editor enters: only what a text of the network states, so nothing is invented.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentInput {
    pub slug: String,
    /// The slug of the instrument that states it (e.g. joint-statement-2018).
    pub instrument: String,
    pub title: String,
    /// The Communication's priority it belongs to, if any.
    pub priority: Option<String>,
    /// Agency slugs, or commission, member-states.
    pub owners: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<NaiveDate>,
}

/// Who may own a commitment: the agencies, the Commission, the Member States.
async fn possible_owners(state: &AppState) -> Result<Vec<Slug>, AppError> {
    let mut owners: Vec<Slug> = state.repo.list_agencies().await?.into_iter().map(|a| a.slug).collect();
    owners.extend(["commission", "member-states"].map(|o| Slug::parse(o).expect("a valid slug")));
    Ok(owners)
}

/// Checks every field of a commitment to enter, or lists every problem.
fn check_commitment(
    input: CommitmentInput,
    instruments: &[Slug],
    owners: &[Slug],
) -> Result<Commitment, Vec<FieldError>> {
    let mut check = Checker::default();
    let slug = check.slug(&input.slug);
    let instrument = check.known_slug("instrument", "instrument", &input.instrument, instruments.iter());
    let title = check.title(&input.title);
    let chosen = check.known_slugs(
        "owners",
        "agency of the Joint Statement, commission or member-states",
        &input.owners,
        owners.iter(),
    );
    if input.owners.is_empty() {
        check.bad("owners", "name at least one owner");
    }
    let commitment = slug.zip(instrument).map(|(slug, instrument)| Commitment {
        slug,
        instrument,
        title,
        priority: input.priority.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()),
        owners: chosen,
        due: input.due,
        source_text: String::new(),
    });
    check.finish(commitment)
}

async fn check_commitment_with(state: &AppState, input: CommitmentInput) -> Result<Commitment, EditError> {
    let instruments: Vec<Slug> = state.repo.list_instruments().await?.into_iter().map(|i| i.slug).collect();
    let owners = possible_owners(state).await?;
    check_commitment(input, &instruments, &owners).map_err(EditError::Invalid)
}

/// Enter a commitment or action (editors): the instrument that states it, its owners and due date.
#[utoipa::path(post, path = "/api/v1/commitments", tag = "commitments", security(("bearer" = [])),
    request_body = CommitmentInput,
    responses((status = 201, body = CommitmentResource), (status = 401), (status = 403), (status = 409), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn create_commitment_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<CommitmentResource>), EditError> {
    let account = crate::project_editing::editor(caller, &headers)?;
    let input: CommitmentInput = crate::project_editing::json_input(&body)?;
    let commitment = check_commitment_with(&state, input).await?;
    let created = state.repo.create_commitment(&Actor::Account(account.email.clone()), &commitment).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Progress to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressInput {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub text: String,
    /// A link or reference to the evidence.
    pub evidence: Option<String>,
    /// not_started, in_progress, done or dropped (leave out to keep the status).
    pub status: Option<String>,
}

fn check_progress(
    text: &str,
    evidence: Option<&str>,
    status: Option<&str>,
) -> Result<Option<CommitmentStatus>, AppError> {
    if text.trim().is_empty() || text.chars().count() > 5_000 {
        return Err(AppError::bad("text", "text must have from 1 to 5000 characters"));
    }
    if evidence.is_some_and(|e| e.chars().count() > 1_000) {
        return Err(AppError::bad("evidence", "evidence must be at most 1000 characters"));
    }
    status
        .filter(|s| !s.is_empty())
        .map(|s| {
            CommitmentStatus::parse(s)
                .ok_or_else(|| AppError::bad("status", "status must be not_started, in_progress, done or dropped"))
        })
        .transpose()
}

async fn recorder(
    state: &AppState,
    caller: Caller,
    csrf: Option<&str>,
    slug: &str,
) -> Result<(Account, Slug), AppError> {
    let account = caller.writer(csrf)?;
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    let current = state.repo.find_commitment(&slug).await?.ok_or(AppError::NotFound)?;
    if !may_record(&account.role, &current.commitment) {
        return Err(AppError::Forbidden);
    }
    Ok((account, slug))
}

/// Record progress on a commitment (editors, admins, and the agencies that own it).
#[utoipa::path(post, path = "/api/v1/commitments/{slug}/progress", tag = "commitments", security(("bearer" = [])),
    params(("slug" = String, Path)), request_body = ProgressInput,
    responses((status = 201, body = CommitmentResource), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn record_progress_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<CommitmentResource>), ApiError> {
    let (account, slug) = recorder(&state, caller, csrf_header(&headers), &slug).await?;
    let input: ProgressInput = crate::params::json_body(&body)?;
    let status = check_progress(&input.text, input.evidence.as_deref(), input.status.as_deref())?;
    let after = state
        .repo
        .record_progress(
            &Actor::Account(account.email.clone()),
            &slug,
            input.date,
            input.text.trim(),
            input.evidence.as_deref(),
            status,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(after.into())))
}

fn owner_label(cat: &Catalogue, owner: &str) -> String {
    match owner {
        "commission" => cat.t("owner-commission"),
        "member-states" => cat.t("owner-member-states"),
        agency => agency.to_uppercase(),
    }
}

/// Counts of commitments by a key and status, for the dashboard.
fn tally<'a>(
    states: &'a [CommitmentState],
    keys: impl Fn(&'a CommitmentState) -> Vec<String>,
) -> Vec<(String, [usize; 5])> {
    let mut rows: Vec<(String, [usize; 5])> = Vec::new();
    for s in states {
        let column = match s.status {
            None => 0,
            Some(CommitmentStatus::NotStarted) => 1,
            Some(CommitmentStatus::InProgress) => 2,
            Some(CommitmentStatus::Done) => 3,
            Some(CommitmentStatus::Dropped) => 4,
        };
        for key in keys(s) {
            match rows.iter_mut().find(|(k, _)| *k == key) {
                Some((_, counts)) => counts[column] += 1,
                None => {
                    let mut counts = [0; 5];
                    counts[column] = 1;
                    rows.push((key, counts));
                }
            }
        }
    }
    rows
}

fn tally_table(cat: &Catalogue, caption: String, rows: &[(String, [usize; 5])]) -> Markup {
    html! {
        table.data-table {
            caption { (caption) }
            thead { tr {
                th scope="col" { "" }
                th scope="col" { (status_label(cat, None)) }
                @for s in CommitmentStatus::ALL { th scope="col" { (status_label(cat, Some(s))) } }
            } }
            tbody { @for (key, counts) in rows { tr { th scope="row" { (key) } @for n in counts { td { (n) } } } } }
        }
    }
}

pub async fn show_commitments(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
) -> Result<Markup, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let values = Params::default();
    commitments_page(&state, cat, &account, &csrf, &Form { values: &values, errors: &[] }).await
}

/// An editor enters a commitment from the dashboard's form.
pub async fn create_commitment_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let account = caller.writer(form.get("csrf"))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    let (_, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let mut errors = Vec::new();
    let due = form.get("due").and_then(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| errors.push(FieldError::new("due", "the due date must be a date such as 2018-12-31")))
            .ok()
    });
    let input = CommitmentInput {
        slug: form.get("slug").unwrap_or_default().to_owned(),
        instrument: form.get("instrument").unwrap_or_default().to_owned(),
        title: form.get("title").unwrap_or_default().to_owned(),
        priority: form.get("priority").map(str::to_owned),
        owners: form.get_all("owners").into_iter().map(str::to_owned).collect(),
        due,
    };
    let commitment = match check_commitment_with(&state, input).await {
        Ok(c) if errors.is_empty() => Some(c),
        Ok(_) => None,
        Err(EditError::Invalid(more)) => {
            errors.extend(more);
            None
        }
        Err(EditError::App(e)) => return Err(e.into()),
    };
    if let Some(commitment) = commitment {
        match state.repo.create_commitment(&Actor::Account(account.email.clone()), &commitment).await {
            Ok(_) => return Ok(Redirect::to(&format!("/workspace/commitments#c-{}", commitment.slug)).into_response()),
            Err(rapporteur_store::StoreError::Conflict { .. }) => errors.push(FieldError::new(
                "slug",
                cat.t_args("edit-slug-taken", &[("slug", commitment.slug.as_str().into())]),
            )),
            Err(e) => return Err(e.into()),
        }
    }
    let page = commitments_page(&state, cat, &account, &csrf, &Form { values: &form, errors: &errors }).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The form that enters a commitment (editors), filled again with what was sent when it has errors.
fn new_commitment_form(
    cat: &Catalogue,
    csrf: &str,
    form: &Form<'_>,
    instruments: &[(String, String)],
    owners: &[(String, String)],
) -> Markup {
    html! {
        details open[!form.errors.is_empty()] {
            summary { (cat.t("commitment-new")) }
            p { (cat.t("commitment-new-note")) }
            (crate::workspace_content::error_summary(cat, form.errors))
            form.form.form--wide method="post" action="/workspace/commitments" {
                input type="hidden" name="csrf" value=(csrf);
                (form.input("slug", &cat.t("edit-slug"), "text", Some(&cat.t("edit-slug-hint"))))
                (form.select("instrument", &cat.t("commitment-instrument"), instruments))
                (form.input("title", &cat.t("edit-title"), "text", None))
                (form.input("priority", &cat.t("commitment-priority"), "text", None))
                (form.checkboxes("owners", &cat.t("commitment-owners"), owners))
                (form.input("due", &cat.t("commitment-due"), "date", None))
                div.actions { button type="submit" { (cat.t("commitment-new-button")) } }
            }
        }
    }
}

async fn commitments_page(
    state: &AppState,
    cat: &'static Catalogue,
    account: &Account,
    csrf: &str,
    new: &Form<'_>,
) -> Result<Markup, Refusal> {
    let csrf = csrf.to_owned();
    let states = state.repo.list_commitments().await?;
    let by_owner = tally(&states, |s| s.commitment.owners.iter().map(|o| owner_label(cat, o.as_str())).collect());
    let by_priority =
        tally(&states, |s| vec![s.commitment.priority.clone().unwrap_or_else(|| cat.t("commitment-no-priority"))]);
    let new_form = if account.role.may_edit_content() {
        let instruments: Vec<(String, String)> =
            state.repo.list_instruments().await?.into_iter().map(|i| (i.slug.to_string(), i.title)).collect();
        let owners: Vec<(String, String)> =
            possible_owners(state).await?.into_iter().map(|o| (o.to_string(), owner_label(cat, o.as_str()))).collect();
        Some(new_commitment_form(cat, &csrf, new, &instruments, &owners))
    } else {
        None
    };
    let today = state.clock.now().date_naive();
    let meta = PageMeta::new(cat, Section::None, cat.t("commitments-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("commitments-title")) }
            p {
                a href="/workspace/commitments/report" { (cat.t("commitments-report-link")) }
                " · "
                a href="/workspace/commitments/report.odt" { (cat.t("commitments-report-odt")) }
            }
            h2 { (cat.t("commitments-dashboard")) }
            (tally_table(cat, cat.t("commitments-by-owner"), &by_owner))
            (tally_table(cat, cat.t("commitments-by-priority"), &by_priority))
            h2 { (cat.t("commitments-list")) }
            @if let Some(form) = new_form { (form) }
            @for s in &states {
                article.card id={ "c-" (s.commitment.slug) } {
                    h3.card__title { (s.commitment.title) }
                    dl.facts.facts--inline {
                        dt { (cat.t("platform-status")) } dd { (status_label(cat, s.status)) }
                        dt { (cat.t("commitment-owners")) } dd { (s.commitment.owners.iter().map(|o| owner_label(cat, o.as_str())).collect::<Vec<_>>().join(", ")) }
                        @if let Some(d) = s.commitment.due { dt { (cat.t("commitment-due")) } dd { (d.format("%-d %B %Y").to_string()) } }
                    }
                    @if !s.commitment.source_text.is_empty() { blockquote { (s.commitment.source_text) } }
                    @if !s.progress.is_empty() {
                        ul { @for p in &s.progress { li { (p.date.to_string()) " – " (p.text) " (" (p.author) ")" @if let Some(e) = &p.evidence { " – " (cat.t("commitment-evidence")) ": " (e) } } } }
                    }
                    @if may_record(&account.role, &s.commitment) {
                        details {
                            summary { (cat.t("commitment-record")) span.visually-hidden { ": " (s.commitment.title) } }
                            form.form method="post" action={ "/workspace/commitments/" (s.commitment.slug) "/progress" } {
                                input type="hidden" name="csrf" value=(csrf);
                                div.field { label for={ "d-" (s.commitment.slug) } { (cat.t("commitment-date")) } input id={ "d-" (s.commitment.slug) } type="date" name="date" value=(today.to_string()) required; }
                                div.field { label for={ "t-" (s.commitment.slug) } { (cat.t("commitment-text")) } textarea id={ "t-" (s.commitment.slug) } name="text" rows="3" required {} }
                                div.field { label for={ "e-" (s.commitment.slug) } { (cat.t("commitment-evidence")) } input id={ "e-" (s.commitment.slug) } type="text" name="evidence"; }
                                div.field {
                                    label for={ "s-" (s.commitment.slug) } { (cat.t("platform-status")) }
                                    select id={ "s-" (s.commitment.slug) } name="status" {
                                        option value="" { (cat.t("commitment-keep-status")) }
                                        @for st in CommitmentStatus::ALL { option value=(st.code()) { (status_label(cat, Some(st))) } }
                                    }
                                }
                                div.actions { button type="submit" { (cat.t("commitment-record")) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn record_progress_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let (account, slug) = recorder(&state, caller, form.get("csrf"), &slug).await?;
    let date = form
        .get("date")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| AppError::bad("date", "date must be a date such as 2018-12-31"))?;
    let text = form.get("text").unwrap_or_default();
    let status = check_progress(text, form.get("evidence"), form.get("status"))?;
    state
        .repo
        .record_progress(&Actor::Account(account.email.clone()), &slug, date, text, form.get("evidence"), status)
        .await?;
    Ok(Redirect::to(&format!("/workspace/commitments#c-{slug}")))
}

/// The progress report the Commission owes the Parliament and the Council, from the recorded progress:
/// printable (the stylesheet hides navigation when printed).
pub async fn show_report(State(state): State<AppState>, Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    caller.browser_session().ok_or(Refusal::SignIn)?;
    let states = state.repo.list_commitments().await?;
    let instruments = state.repo.list_instruments().await?;
    let today = state.clock.now().date_naive();
    let title = cat.t("report-title");
    let meta = PageMeta::new(cat, Section::None, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("commitments-title"), "/workspace/commitments");
    Ok(page(
        meta,
        html! {
            article.report {
                h1 { (title) }
                p.meta { (cat.t_args("report-generated", &[("date", today.format("%-d %B %Y").to_string().into())])) }
                p { (cat.t("report-intro")) }
                @for i in instruments.iter().filter(|i| states.iter().any(|s| s.commitment.instrument == i.slug)) {
                    section {
                        h2 { (i.title) }
                        @for s in states.iter().filter(|s| s.commitment.instrument == i.slug) {
                            h3 { (s.commitment.title) }
                            p { strong { (cat.t("platform-status")) ": " } (status_label(cat, s.status))
                                @if let Some(d) = s.commitment.due { " · " strong { (cat.t("commitment-due")) ": " } (d.format("%-d %B %Y").to_string()) } }
                            @if s.progress.is_empty() {
                                p { (cat.t("report-no-progress")) }
                            } @else {
                                ul { @for p in &s.progress { li { time datetime=(p.date.to_string()) { (p.date.format("%-d %B %Y").to_string()) } ": " (p.text) @if let Some(e) = &p.evidence { " (" (cat.t("commitment-evidence")) ": " (e) ")" } } } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The same report as an OpenDocument Text file, for editing in an office suite.
pub async fn download_report_odt(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
) -> Result<axum::response::Response, Refusal> {
    use crate::odt::{write_odt, Block};
    use axum::response::IntoResponse;
    caller.required()?;
    let states = state.repo.list_commitments().await?;
    let instruments = state.repo.list_instruments().await?;
    let today = state.clock.now().date_naive();
    let title = cat.t("report-title");
    let mut blocks = vec![
        Block::Heading(1, title.clone()),
        Block::Paragraph(cat.t_args("report-generated", &[("date", today.format("%-d %B %Y").to_string().into())])),
        Block::Paragraph(cat.t("report-intro")),
    ];
    for i in instruments.iter().filter(|i| states.iter().any(|s| s.commitment.instrument == i.slug)) {
        blocks.push(Block::Heading(2, i.title.clone()));
        for s in states.iter().filter(|s| s.commitment.instrument == i.slug) {
            blocks.push(Block::Heading(3, s.commitment.title.clone()));
            blocks.push(Block::Paragraph(format!("{}: {}", cat.t("platform-status"), status_label(cat, s.status))));
            if s.progress.is_empty() {
                blocks.push(Block::Paragraph(cat.t("report-no-progress")));
            }
            for p in &s.progress {
                let evidence = p
                    .evidence
                    .as_ref()
                    .map(|e| format!(" ({}: {e})", cat.t("commitment-evidence")))
                    .unwrap_or_default();
                blocks.push(Block::Paragraph(format!("{}: {}{evidence}", p.date.format("%-d %B %Y"), p.text)));
            }
        }
    }
    let bytes = write_odt(&title, &blocks).map_err(|e| AppError::Internal(format!("writing the report: {e}")))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/vnd.oasis.opendocument.text"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"progress-report.odt\""),
        ],
        bytes,
    )
        .into_response())
}
