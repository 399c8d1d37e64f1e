//! The workspace of the statistics: a Member State's rapporteur enters or uploads figures, sees every problem
//! at its place, combines the sources' slices and signs off; a source contributes its organisation's slice;
//! the EU ATC office validates or returns with a comment.

use super::api::{may_take, take_step, UPLOAD_LIMIT_BYTES};
use super::submissions::{check_file, check_form, draft_problems, field_name, form_cells, save, Checked};
use super::{submission_key, submission_path, Access};
use crate::figures::member_state_of;
use crate::http::auth::AnyAccount;
use crate::http::body::{read_upload, Upload};
use crate::http::{Acts, ApiRouter, AppError, Params, Path, Signed, Submitted};
use crate::state::AppState;
use crate::ui::charts::format_number;
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{html, Markup};
use rapporteur_core::accounts::Role;
use rapporteur_stats::workflow::{Action, SubmissionState};
use rapporteur_stats::{Cell, Dataflow, Geo, Observation, Problem, Table, TableId, Value};
use rapporteur_store::{Account, DraftPart};
use std::collections::BTreeMap;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/statistics", get(list_submissions))
        .route("/workspace/statistics/open", get(open_submission))
        .route("/workspace/statistics/{dataflow}/{geo}/{year}", get(show_submission))
        .route(
            "/workspace/statistics/{dataflow}/{geo}/{year}/upload",
            post(upload_file).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route("/workspace/statistics/{dataflow}/{geo}/{year}/figures", post(save_figures))
        .route("/workspace/statistics/{dataflow}/{geo}/{year}/step", post(take_step_form))
}

/// The Member State an account works for, if it is scoped to one.
fn own_geo(role: &Role) -> Option<Geo> {
    match role {
        Role::Rapporteur { member_state } | Role::Source { member_state, .. } => {
            Some(crate::figures::geo_of(*member_state))
        }
        _ => None,
    }
}

fn state_label(state: SubmissionState) -> Markup {
    html! { span.badge { (state.code()) } }
}

async fn list_submissions(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    params: Params,
) -> Result<Markup, AppError> {
    let role = &caller.account.role;
    let geo = own_geo(role);
    let office = matches!(role, Role::Admin | Role::Editor);
    if geo.is_none() && !office {
        return Err(AppError::Forbidden);
    }
    let paging = params.paging(50)?;
    let submissions = state.repo.list_submissions(geo, paging).await?;
    let pages = paging.page_count(submissions.total);
    let title = cat.t("stats-workspace-title");
    let meta = PageMeta::new(cat, Section::Statistics, title.clone()).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (cat.t("stats-workspace-intro")) }
            @if let Some(geo) = geo {
                h2 { (cat.t("stats-open-heading")) }
                form.form.form--inline method="get" action="/workspace/statistics/open" {
                    input type="hidden" name="geo" value=(geo.code());
                    label for="dataflow" { (cat.t("stats-dataflow")) }
                    select #dataflow name="dataflow" {
                        @for d in Dataflow::ALL { option value=(d.id()) { (d.id()) " – " (d.label()) } }
                    }
                    label for="year" { (cat.t("stats-year")) }
                    input #year type="number" name="year" min="1990" max="2100" required value=(state.clock.now().format("%Y").to_string().parse::<u16>().unwrap_or(2025) - 1);
                    button.button type="submit" { (cat.t("stats-open")) }
                }
            }
            @if submissions.items.is_empty() {
                p { (cat.t("stats-workspace-none")) }
            } @else {
                div.table-scroll { table.data-table {
                    thead { tr {
                        th scope="col" { (cat.t("stats-col-dataflow")) }
                        th scope="col" { (cat.t("stats-col-country")) }
                        th scope="col" { (cat.t("stats-col-year")) }
                        th scope="col" { (cat.t("stats-col-state")) }
                        th scope="col" { (cat.t("stats-col-version")) }
                        th scope="col" { (cat.t("stats-col-updated")) }
                    } }
                    tbody { @for s in &submissions.items {
                        tr {
                            td { a href=(submission_path(s.key)) { (s.key.dataflow.id()) } }
                            td { (s.key.geo.name()) @if s.synthetic { " " (crate::ui::layout::synthetic_badge(cat)) } }
                            td { (s.key.year) }
                            td { (state_label(s.state)) }
                            td { (s.versions) }
                            td { (crate::ui::time::brussels_time_of(&s.updated_at)) " · " (s.updated_by) }
                        }
                    } }
                } }
                (crate::ui::layout::pagination(cat, "/workspace/statistics", &[], paging.page(), pages))
            }
        },
    ))
}

async fn open_submission(caller: Signed<AnyAccount>, params: Params) -> Result<Redirect, AppError> {
    let dataflow = params.choice("dataflow", Dataflow::parse, "THB_VICT, THB_PERS")?.unwrap_or(Dataflow::Victims);
    let year = params.int("year", 1990, 2100)?.ok_or_else(|| AppError::bad("year", "give a reference year"))?;
    let geo = own_geo(&caller.account.role)
        .or_else(|| params.get("geo").and_then(|g| Geo::parse(g.as_bytes())))
        .ok_or_else(|| AppError::bad("geo", "give a Member State"))?;
    let key = TableId { dataflow, geo, year: year as u16 };
    Access::of(&caller.account.role, geo).ok_or(AppError::Forbidden)?;
    Ok(Redirect::to(&submission_path(key)))
}

fn access_of(account: &Account, key: TableId) -> Result<Access, AppError> {
    Access::of(&account.role, key.geo).ok_or(AppError::Forbidden)
}

/// What a page shows after a form: what was saved, or what is wrong; `file` is the name of the file uploaded,
/// when the problems are placed in one.
enum Outcome<'a> {
    None,
    Saved { figures: u64, warnings: Vec<Problem>, file: Option<&'a str> },
    Refused { problems: Vec<Problem>, file: Option<&'a str> },
}

/// The problems, each at its place: `FILE:LINE:COLUMN: …` when they are placed in an uploaded file, as the
/// command line prints them, so that the rapporteur sees which file the lines are of.
fn problems_list(cat: &Catalogue, problems: &[Problem], error: bool, file: Option<&str>) -> Markup {
    html! {
        @if !problems.is_empty() {
            div.notice.(if error { "notice--error" } else { "notice--warning" }) role=[error.then_some("alert")] {
                h2 { (cat.t("stats-problems-heading")) " (" (problems.len()) ")" }
                ol.problems { @for p in problems { li { code {
                    @match file { Some(file) => { (p.display_in(file)) } None => { (p) } }
                } } } }
            }
        }
    }
}

/// The name of an uploaded file as the problems name it: its last path component (some browsers send the
/// whole path), or none when the upload gives no name.
fn upload_name(file_name: Option<&str>) -> Option<String> {
    file_name.and_then(|n| n.rsplit(['/', '\\']).next()).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned)
}

fn observation_text(o: &Observation) -> String {
    let mut text = match o.value {
        Value::Count(n) => format_number(n as f64),
        Value::NotAvailable => ":".to_owned(),
    };
    if !o.flags.is_empty() {
        text.push_str(&format!(" {}", o.flags));
    }
    if !o.conf.is_public() {
        text.push_str(&format!(" ({})", o.conf.code()));
    }
    text
}

fn draft_table(cat: &Catalogue, table: &Table) -> Markup {
    let dataflow = table.dataflow();
    html! {
        @if table.is_empty() {
            p { (cat.t("stats-draft-empty")) }
        } @else {
            div.table-scroll { table.data-table {
                thead { tr {
                    @for d in dataflow.dimensions() { th scope="col" { (d.label()) } }
                    th scope="col" { (cat.t("stats-col-value")) }
                } }
                tbody { @for (cell, o) in table.sorted() {
                    @let codes = cell.codes(dataflow);
                    tr {
                        @for (d, c) in dataflow.dimensions().iter().zip(codes) { td { (d.code(c).id) } }
                        td.number { (observation_text(&o)) }
                    }
                } }
            } }
        }
    }
}

/// The sources' slices side by side: one row per figure, one column per source, and what the draft holds.
fn sources_table(cat: &Catalogue, slices: &[(String, Table)], own: &Table) -> Markup {
    let mut cells: BTreeMap<Cell, ()> = BTreeMap::new();
    for (_, slice) in slices {
        for (cell, _) in slice.iter() {
            cells.insert(cell, ());
        }
    }
    let dataflow = own.dataflow();
    html! {
        div.table-scroll { table.data-table {
            caption { (cat.t("stats-sources-heading")) }
            thead { tr {
                th scope="col" { "Key" }
                @for (source, _) in slices { th scope="col" { (source) } }
                th scope="col" { (cat.t("stats-draft-heading")) }
            } }
            tbody { @for cell in cells.keys() {
                tr {
                    th scope="row" { (cell.describe(dataflow)) }
                    @for (_, slice) in slices { td.number { (slice.get(*cell).map(observation_text).unwrap_or_default()) } }
                    td.number { (own.get(*cell).map(observation_text).unwrap_or_default()) }
                }
            } }
        } }
    }
}

fn figures_form(
    cat: &Catalogue,
    key: TableId,
    access: &Access,
    csrf: &str,
    current: &Table,
    sent: Option<&Params>,
) -> Markup {
    let dataflow = key.dataflow;
    let cells = form_cells(dataflow, access);
    let value = |cell: Cell| -> String {
        let name = field_name(dataflow, cell);
        match sent {
            Some(form) => form.get(&name).unwrap_or_default().to_owned(),
            None => current.get(cell).map(|o| o.value.to_string()).unwrap_or_default(),
        }
    };
    html! {
        h2 #figures { (cat.t("stats-form-heading")) }
        p { (cat.t("stats-form-text")) }
        form.form.form--wide method="post" action={ (submission_path(key)) "/figures" } {
            input type="hidden" name="csrf" value=(csrf);
            div.figure-grid {
                @for cell in &cells {
                    @let name = field_name(dataflow, *cell);
                    @let breakdown = cell.breakdown(dataflow);
                    @let label = if breakdown.is_empty() { "Total".to_owned() } else {
                        let codes = cell.codes(dataflow);
                        dataflow.dimensions().iter().zip(codes).filter(|(d, _)| breakdown.contains(d)).map(|(d, c)| format!("{}: {}", d.label(), d.code(c).label)).collect::<Vec<_>>().join(", ")
                    };
                    div.field {
                        label for=(name) { (label) }
                        input id=(name) name=(name) type="text" inputmode="numeric" size="8" value=(value(*cell));
                    }
                }
            }
            div.actions { button.button type="submit" { (cat.t("stats-save-figures")) } }
        }
    }
}

async fn submission_page(
    state: &AppState,
    cat: &Catalogue,
    account: &Account,
    csrf: &str,
    key: TableId,
    outcome: Outcome<'_>,
    sent: Option<&Params>,
) -> Result<Markup, AppError> {
    let access = access_of(account, key)?;
    let ms = member_state_of(key.geo).ok_or(AppError::NotFound)?;
    let submission = state.repo.find_submission(key).await?;
    let submission_state = submission.as_ref().map_or(SubmissionState::Draft, |s| s.state);
    let own_part = access.part().unwrap_or(DraftPart::Own);
    let draft = state.repo.draft(key, &own_part).await?;
    let title = cat.t_args(
        "stats-submission-title",
        &[("dataflow", key.dataflow.id().into()), ("name", ms.name().into()), ("year", key.year.into())],
    );
    let meta = PageMeta::new(cat, Section::Statistics, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("stats-workspace-title"), "/workspace/statistics");
    let mut slices = Vec::new();
    if !matches!(access, Access::Source(_)) {
        for (source, _) in state.repo.list_draft_sources(key).await? {
            let slice = state.repo.draft(key, &DraftPart::Source(source.clone())).await?;
            slices.push((source, slice));
        }
    }
    let history = match access {
        Access::Source(_) => Vec::new(),
        _ => state.repo.list_submission_events(key).await?,
    };
    let publications = match access {
        Access::Source(_) => Vec::new(),
        _ => state.repo.list_publications(key).await?,
    };
    let path = submission_path(key);
    let pending = draft_problems(&draft);
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (key.dataflow.label()) }
            p { (cat.t("stats-col-state")) ": " (state_label(submission_state)) " " (submission_state.next_step()) }
            @if submission.as_ref().is_some_and(|s| s.synthetic) { p { (crate::ui::layout::synthetic_badge(cat)) } }
            @match &outcome {
                Outcome::Saved { figures, warnings, file } => {
                    div.notice.notice--success role="status" { p { (cat.t_args("stats-saved", &[("count", (*figures).into())])) } }
                    (problems_list(cat, warnings, false, *file))
                }
                Outcome::Refused { problems, file } => { (problems_list(cat, problems, true, *file)) }
                Outcome::None => {}
            }
            @if access.part().is_some() {
                h2 #upload { (cat.t("stats-upload-heading")) }
                p { (cat.t("stats-upload-text")) }
                form.form method="post" enctype="multipart/form-data" action={ (path) "/upload" } {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="file" { (cat.t("stats-upload-file")) }
                    input #file type="file" name="file" accept=".csv,text/csv" required;
                    div.actions { button.button type="submit" { (cat.t("stats-upload")) } }
                }
                (figures_form(cat, key, &access, csrf, &draft, sent))
            }
            h2 #draft { @if matches!(access, Access::Source(_)) { (cat.t("stats-your-slice")) } @else { (cat.t("stats-draft-heading")) } }
            @if !matches!(access, Access::Source(_)) && !pending.is_empty() { (problems_list(cat, &pending, true, None)) }
            (draft_table(cat, &draft))
            @if !slices.is_empty() {
                h2 #sources { (cat.t("stats-sources-heading")) }
                p { (cat.t("stats-sources-text")) }
                (sources_table(cat, &slices, &draft))
                @if access == Access::Rapporteur {
                    form method="post" action={ (path) "/step" } {
                        input type="hidden" name="csrf" value=(csrf);
                        button.button type="submit" name="action" value="combine" { (cat.t("stats-combine")) }
                    }
                }
            }
            @let steps: Vec<Action> = [Action::Submit, Action::Validate, Action::Return, Action::Publish].into_iter()
                .filter(|a| may_take(&access, *a) && rapporteur_stats::workflow::next_state(submission_state, *a).is_ok()).collect();
            @if !steps.is_empty() && submission.is_some() {
                h2 #steps { (cat.t("stats-steps-heading")) }
                form.form method="post" action={ (path) "/step" } {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="comment" { (cat.t("stats-comment")) }
                    textarea #comment name="comment" rows="3" {}
                    div.actions {
                        @for a in &steps {
                            button.button.(if *a == Action::Return { "button--secondary" } else { "button--primary" }) type="submit" name="action" value=(a.code()) { (cat.t(&format!("stats-action-{}", a.code()))) }
                        }
                    }
                }
            }
            @if !publications.is_empty() {
                h2 #versions { (cat.t("stats-versions-heading")) }
                (crate::figures::editions_table(cat, &publications))
            }
            @if !history.is_empty() {
                h2 #history { (cat.t("stats-history-heading")) }
                div.table-scroll { table.data-table {
                    thead { tr {
                        th scope="col" { (cat.t("stats-col-when")) }
                        th scope="col" { (cat.t("stats-col-who")) }
                        th scope="col" { (cat.t("stats-col-action")) }
                        th scope="col" { (cat.t("stats-col-state")) }
                        th scope="col" { (cat.t("stats-col-comment")) }
                    } }
                    tbody { @for e in history.iter().rev() {
                        tr { td { (crate::ui::time::brussels_time_of(&e.at)) } td { (e.actor) } td { (e.action) } td { (e.state.code()) } td { (e.comment) } }
                    } }
                } }
            }
        },
    ))
}

async fn show_submission(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
) -> Result<Markup, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    submission_page(&state, cat, &caller.account, caller.form_token(), key, Outcome::None, None).await
}

/// Reads the one file (its bytes and name) and the CSRF token of a multipart upload.
#[expect(clippy::too_many_arguments, reason = "the page needs the caller, the submission and what the form sent")]
async fn respond(
    state: &AppState,
    cat: &Catalogue,
    account: &Account,
    csrf: &str,
    key: TableId,
    access: &Access,
    checked: Result<Checked, Vec<Problem>>,
    sent: Option<&Params>,
    file: Option<&str>,
) -> Result<Response, AppError> {
    match checked {
        Ok(checked) => {
            let saved = save(state, &account.actor(), access, &checked).await?;
            let outcome = Outcome::Saved { figures: saved.observations, warnings: checked.warnings, file };
            Ok(submission_page(state, cat, account, csrf, key, outcome, None).await?.into_response())
        }
        Err(problems) => {
            let outcome = Outcome::Refused { problems, file };
            let page = submission_page(state, cat, account, csrf, key, outcome, sent).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn upload_file(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let Upload { file_name, bytes, csrf, .. } = read_upload(multipart, "16 MB").await?;
    let file_name = upload_name(file_name.as_deref());
    caller.caller.check_csrf(csrf.as_deref())?;
    let access = access_of(&caller.account, key)?;
    if access.part().is_none() {
        return Err(AppError::Forbidden);
    }
    let checked = check_file(&state, key, &access, &bytes).await?;
    respond(&state, cat, &caller.account, caller.form_token(), key, &access, checked, None, file_name.as_deref()).await
}

async fn save_figures(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
    writer: Submitted<AnyAccount>,
) -> Result<Response, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let access = access_of(&writer.account, key)?;
    if access.part().is_none() {
        return Err(AppError::Forbidden);
    }
    let checked = check_form(&state, key, &access, &writer.form).await?;
    respond(&state, cat, &writer.account, &writer.csrf, key, &access, checked, Some(&writer.form), None).await
}

async fn take_step_form(
    State(state): State<AppState>,
    Path((dataflow, geo, year)): Path<(String, String, u16)>,
    writer: Submitted<AnyAccount>,
) -> Result<Redirect, AppError> {
    let key = submission_key(&dataflow, &geo, year)?;
    let access = access_of(&writer.account, key)?;
    let action = writer.form.get("action").unwrap_or_default();
    take_step(&state, &writer.account.actor(), &access, key, action, writer.form.get("comment").unwrap_or_default())
        .await?;
    Ok(Redirect::to(&submission_path(key)))
}
