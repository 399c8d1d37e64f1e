//! Monitoring the commitments of the 2018 Joint Statement and the actions of the 2017 Communication:
//! the dashboard, progress recorded by their owners, and the printable progress report.

use crate::http::{Acting, Acts, AnyAccount, ApiRouter, AppError, Editor, Json, Params, Path, Signed, Submitted};
use crate::state::AppState;
use crate::ui::form::{error_summary, Form};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::commitments::{
    is_overdue, today_in_brussels, CommitmentDocument, NewProgress, ProgressDocument, OTHER_OWNERS,
};
use rapporteur_core::{Commitment, CommitmentStatus, FieldProblem, Slug};
use rapporteur_store::{Account, CommitmentState, StoreError};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/commitments", get(show_commitments).post(create_commitment_form))
        .route("/workspace/commitments/report", get(show_report))
        .route("/workspace/commitments/report.odt", get(download_report_odt))
        .route("/workspace/commitments/{slug}/progress", post(record_progress_form))
        .routes(routes!(list_commitments_api, create_commitment_api))
        .routes(routes!(record_progress_api))
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
    responses((status = 200, body = [CommitmentResource]), (status = 401, body = crate::http::error::ErrorBody)))]
async fn list_commitments_api(
    State(state): State<AppState>,
    _: Signed<AnyAccount>,
) -> Result<axum::Json<Vec<CommitmentResource>>, AppError> {
    Ok(axum::Json(state.repo.list_commitments().await?.into_iter().map(Into::into).collect()))
}

/// Checks a commitment against the instruments and agencies that exist.
async fn check_commitment(
    state: &AppState,
    document: CommitmentDocument,
) -> Result<Result<Commitment, Vec<FieldProblem>>, AppError> {
    let instruments: Vec<Slug> = state.repo.list_instruments().await?.into_iter().map(|i| i.slug).collect();
    let agencies: Vec<Slug> = state.repo.list_agencies().await?.into_iter().map(|a| a.slug).collect();
    Ok(document.check(&instruments, &agencies))
}

/// Enter a commitment or action (editors): the instrument that states it, its owners and due date.
#[utoipa::path(post, path = "/api/v1/commitments", tag = "commitments", security(("bearer" = [])),
    request_body = CommitmentDocument,
    responses((status = 201, body = CommitmentResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn create_commitment_api(
    State(state): State<AppState>,
    editor: Acting<Editor>,
    Json { value, .. }: Json<CommitmentDocument>,
) -> Result<(StatusCode, axum::Json<CommitmentResource>), AppError> {
    let commitment = check_commitment(&state, value).await?.map_err(AppError::invalid)?;
    let created = state.repo.create_commitment(&editor.account.actor(), &commitment).await?;
    Ok((StatusCode::CREATED, axum::Json(created.into())))
}

/// The commitment progress is recorded on, if the account may record progress on it.
async fn recordable(state: &AppState, account: &Account, slug: &Slug) -> Result<Commitment, AppError> {
    let current = state.repo.find_commitment(slug).await?.ok_or(AppError::NotFound)?;
    if account.role.may(Permission::RecordProgress(&current.commitment)) {
        Ok(current.commitment)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn record(
    state: &AppState,
    account: &Account,
    slug: &Slug,
    progress: NewProgress,
) -> Result<CommitmentState, AppError> {
    let NewProgress { date, text, evidence, status } = progress;
    Ok(state.repo.record_progress(&account.actor(), slug, date, &text, evidence.as_deref(), status).await?)
}

/// Record progress on a commitment (editors, admins, and the agencies that own it).
#[utoipa::path(post, path = "/api/v1/commitments/{slug}/progress", tag = "commitments", security(("bearer" = [])),
    params(("slug" = String, Path)), request_body = ProgressDocument,
    responses((status = 201, body = CommitmentResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn record_progress_api(
    State(state): State<AppState>,
    me: Acting<AnyAccount>,
    Path(slug): Path<Slug>,
    Json { value, .. }: Json<ProgressDocument>,
) -> Result<(StatusCode, axum::Json<CommitmentResource>), AppError> {
    recordable(&state, &me.account, &slug).await?;
    let progress = value.check().map_err(AppError::invalid)?;
    Ok((StatusCode::CREATED, axum::Json(record(&state, &me.account, &slug, progress).await?.into())))
}

fn owner_label(cat: &Catalogue, owner: &str) -> String {
    match owner {
        "commission" => cat.t("owner-commission"),
        "member-states" => cat.t("owner-member-states"),
        agency => agency.to_uppercase(),
    }
}

/// One row of the dashboard: commitments counted by status (none recorded, then [`CommitmentStatus::ALL`]),
/// and how many of them are overdue.
struct Tally {
    key: String,
    by_status: [usize; 5],
    overdue: usize,
}

/// Counts of commitments by a key and status, and the overdue ones, for the dashboard.
fn tally<'a>(
    states: &'a [CommitmentState],
    today: NaiveDate,
    keys: impl Fn(&'a CommitmentState) -> Vec<String>,
) -> Vec<Tally> {
    let mut rows: Vec<Tally> = Vec::new();
    for s in states {
        let column = match s.status {
            None => 0,
            Some(CommitmentStatus::NotStarted) => 1,
            Some(CommitmentStatus::InProgress) => 2,
            Some(CommitmentStatus::Done) => 3,
            Some(CommitmentStatus::Dropped) => 4,
        };
        let overdue = usize::from(is_overdue(&s.commitment, s.status, today));
        for key in keys(s) {
            let at = match rows.iter().position(|r| r.key == key) {
                Some(at) => at,
                None => {
                    rows.push(Tally { key, by_status: [0; 5], overdue: 0 });
                    rows.len() - 1
                }
            };
            rows[at].by_status[column] += 1;
            rows[at].overdue += overdue;
        }
    }
    rows
}

/// A dashboard table. On a narrow screen each row stands as a card with the column names beside its
/// numbers (the stylesheet's `.data-table--stack`, from the cells' `data-label`), so that the table never
/// scrolls sideways; it stays a table for assistive technology.
fn tally_table(cat: &Catalogue, caption: String, first_column: String, rows: &[Tally]) -> Markup {
    let statuses: Vec<String> = std::iter::once(status_label(cat, None))
        .chain(CommitmentStatus::ALL.map(|s| status_label(cat, Some(s))))
        .collect();
    let overdue = cat.t("commitment-overdue");
    html! {
        table.data-table.data-table--stack {
            caption { (caption) }
            thead { tr {
                th scope="col" { (first_column) }
                @for s in &statuses { th scope="col" { (s) } }
                th scope="col" { (overdue) }
            } }
            tbody { @for r in rows { tr {
                th scope="row" { (r.key) }
                @for (label, n) in statuses.iter().zip(r.by_status) { td data-label=(label) { (n) } }
                td data-label=(overdue) { @if r.overdue > 0 { strong.overdue { (r.overdue) } } @else { (r.overdue) } }
            } } }
        }
    }
}

async fn show_commitments(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Signed<AnyAccount>,
) -> Result<Markup, AppError> {
    let values = Params::default();
    commitments_page(&state, cat, &me.account, me.form_token(), &Form { values: &values, errors: &[] }).await
}

/// An editor enters a commitment from the dashboard's form.
async fn create_commitment_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Submitted<Editor>,
) -> Result<Response, AppError> {
    let form = &editor.form;
    let mut errors = Vec::new();
    let due = form.get("due").and_then(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| errors.push(FieldProblem::new("due", "the due date must be a date such as 2018-12-31")))
            .ok()
    });
    let document = CommitmentDocument {
        slug: form.get("slug").unwrap_or_default().to_owned(),
        instrument: form.get("instrument").unwrap_or_default().to_owned(),
        title: form.get("title").unwrap_or_default().to_owned(),
        priority: form.get("priority").map(str::to_owned),
        owners: form.get_all("owners").into_iter().map(str::to_owned).collect(),
        due,
    };
    match check_commitment(&state, document).await? {
        Ok(commitment) if errors.is_empty() => {
            match state.repo.create_commitment(&editor.account.actor(), &commitment).await {
                Ok(_) => {
                    return Ok(Redirect::to(&format!("/workspace/commitments#c-{}", commitment.slug)).into_response())
                }
                Err(StoreError::Conflict { .. }) => errors.push(FieldProblem::new(
                    "slug",
                    cat.t_args("edit-slug-taken", &[("slug", commitment.slug.as_str().into())]),
                )),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(_) => {}
        Err(more) => errors.extend(more),
    }
    let page =
        commitments_page(&state, cat, &editor.account, &editor.csrf, &Form { values: form, errors: &errors }).await?;
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
            (error_summary(cat, form.errors))
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
) -> Result<Markup, AppError> {
    let csrf = csrf.to_owned();
    let states = state.repo.list_commitments().await?;
    // Due dates are days in Brussels, where the office works.
    let today = today_in_brussels(state.clock.now());
    let by_owner =
        tally(&states, today, |s| s.commitment.owners.iter().map(|o| owner_label(cat, o.as_str())).collect());
    let by_priority = tally(&states, today, |s| {
        vec![s.commitment.priority.clone().unwrap_or_else(|| cat.t("commitment-no-priority"))]
    });
    let overdue_count = states.iter().filter(|s| is_overdue(&s.commitment, s.status, today)).count();
    let new_form = if account.role.may(Permission::EditContent) {
        let instruments: Vec<(String, String)> =
            state.repo.list_instruments().await?.into_iter().map(|i| (i.slug.to_string(), i.title)).collect();
        let mut owners: Vec<String> =
            state.repo.list_agencies().await?.into_iter().map(|a| a.slug.to_string()).collect();
        owners.extend(OTHER_OWNERS.map(String::from));
        let owners: Vec<(String, String)> = owners
            .into_iter()
            .map(|o| {
                let label = owner_label(cat, &o);
                (o, label)
            })
            .collect();
        Some(new_commitment_form(cat, &csrf, new, &instruments, &owners))
    } else {
        None
    };
    let meta =
        PageMeta::new(cat, Section::None, cat.t("commitments-title")).trail(cat.t("workspace-title"), "/workspace");
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
            p #overdue-count {
                @if overdue_count > 0 {
                    strong.badge.badge--overdue { (cat.t("commitment-overdue")) } " "
                }
                (cat.t_args("commitments-overdue-count", &[("count", overdue_count.into()), ("today", today.format("%-d %B %Y").to_string().into())]))
            }
            (tally_table(cat, cat.t("commitments-by-owner"), cat.t("commitments-col-owner"), &by_owner))
            (tally_table(cat, cat.t("commitments-by-priority"), cat.t("commitments-col-priority"), &by_priority))
            h2 { (cat.t("commitments-list")) }
            @if let Some(form) = new_form { (form) }
            @for s in &states {
                @let overdue = is_overdue(&s.commitment, s.status, today);
                article.card.commitment id={ "c-" (s.commitment.slug) } {
                    h3.card__title {
                        (s.commitment.title)
                        @if overdue { " " strong.badge.badge--overdue { (cat.t("commitment-overdue")) } }
                    }
                    dl.facts.facts--inline {
                        dt { (cat.t("platform-status")) } dd { (status_label(cat, s.status)) }
                        dt { (cat.t("commitment-owners")) } dd { (s.commitment.owners.iter().map(|o| owner_label(cat, o.as_str())).collect::<Vec<_>>().join(", ")) }
                        @if let Some(d) = s.commitment.due {
                            dt { (cat.t("commitment-due")) }
                            dd { time datetime=(d.to_string()) { (d.format("%-d %B %Y").to_string()) } @if overdue { " (" (cat.t("commitment-overdue-since")) ")" } }
                        }
                    }
                    @if !s.commitment.source_text.is_empty() { blockquote { (s.commitment.source_text) } }
                    @if !s.progress.is_empty() {
                        ul { @for p in &s.progress { li { (p.date.to_string()) " – " (p.text) " (" (p.author) ")" @if let Some(e) = &p.evidence { " – " (cat.t("commitment-evidence")) ": " (e) } } } }
                    }
                    @if account.role.may(Permission::RecordProgress(&s.commitment)) {
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

async fn record_progress_form(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
    me: Submitted<AnyAccount>,
) -> Result<Redirect, AppError> {
    recordable(&state, &me.account, &slug).await?;
    let form = &me.form;
    let document = ProgressDocument {
        date: form.get("date").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        text: form.get("text").unwrap_or_default().to_owned(),
        evidence: form.get("evidence").map(str::to_owned),
        status: form.get("status").map(str::to_owned),
    };
    let progress = document.check().map_err(AppError::invalid)?;
    record(&state, &me.account, &slug, progress).await?;
    Ok(Redirect::to(&format!("/workspace/commitments#c-{slug}")))
}

/// The progress report the Commission owes the Parliament and the Council, from the recorded progress:
/// printable (the stylesheet hides navigation when printed).
async fn show_report(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<AnyAccount>,
) -> Result<Markup, AppError> {
    let states = state.repo.list_commitments().await?;
    let instruments = state.repo.list_instruments().await?;
    let today = today_in_brussels(state.clock.now());
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
                                @if let Some(d) = s.commitment.due { " · " strong { (cat.t("commitment-due")) ": " } (d.format("%-d %B %Y").to_string()) }
                                @if is_overdue(&s.commitment, s.status, today) { " · " strong { (cat.t("commitment-overdue")) } } }
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
async fn download_report_odt(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<AnyAccount>,
) -> Result<Response, AppError> {
    use super::odt::{write_odt, Block};
    let states = state.repo.list_commitments().await?;
    let instruments = state.repo.list_instruments().await?;
    let today = today_in_brussels(state.clock.now());
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
            let overdue = if is_overdue(&s.commitment, s.status, today) {
                format!(" · {}", cat.t("commitment-overdue"))
            } else {
                String::new()
            };
            blocks.push(Block::Paragraph(format!(
                "{}: {}{overdue}",
                cat.t("platform-status"),
                status_label(cat, s.status)
            )));
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
    let bytes = write_odt(&title, &blocks).map_err(|e| AppError::internal("writing the report", e))?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/vnd.oasis.opendocument.text"),
            ),
            (axum::http::header::CONTENT_DISPOSITION, crate::http::download::attachment("progress-report.odt")),
        ],
        bytes,
    )
        .into_response())
}
