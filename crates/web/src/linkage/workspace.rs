//! The linkage in the workspace: a source uploads its key file and sees its uploads; the rapporteur sees, per
//! reference year, every source's upload summary and the runs, and starts a run; a run's page follows it to
//! its end without JavaScript and shows what it found, with the capture histories to hand to estimation.

use super::results::{BreakdownResult, RunResult};
use super::runner::{PHASE_COMPARING, PHASE_COUNTING, PHASE_LOADING};
use super::uploads::{file_name, save_upload};
use super::{geo_code, overview_path, own_member_state, readable_run, run_path, scope, start_run, Access};
use crate::figures::member_state_of;
use crate::http::auth::AnyAccount;
use crate::http::body::{read_upload_with, Upload};
use crate::http::download::attachment;
use crate::http::error::Problem;
use crate::http::{Acts, ApiRouter, AppError, Params, Path, Signed, Submitted};
use crate::state::AppState;
use crate::ui::charts::format_number;
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Utc};
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::MemberState;
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::{Dimension, Geo};
use rapporteur_store::{Account, LinkageRun, RunStatus, UploadSummary};

pub fn routes(upload_limit_bytes: usize) -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/linkage", get(show_overview))
        .route("/workspace/linkage/uploads", post(upload_form).layer(DefaultBodyLimit::max(upload_limit_bytes)))
        .route("/workspace/linkage/{geo}/{year}/runs", post(start_run_form))
        .route("/workspace/linkage/runs/{id}", get(show_run))
        .route("/workspace/linkage/runs/{id}/histories.csv", get(download_histories))
}

/// What the overview shows after an upload.
enum Outcome {
    None,
    Saved(UploadSummary),
    Refused(Vec<Problem>),
}

fn when(at: &DateTime<Utc>) -> Markup {
    crate::ui::time::brussels_time(*at)
}

fn count(n: u64) -> String {
    format_number(n as f64)
}

fn status_label(cat: &Catalogue, status: RunStatus) -> Markup {
    html! { span.badge { (cat.t(&format!("linkage-status-{}", status.code()))) } }
}

/// The reference year a page starts on: last year, the latest a source can have complete.
fn default_year(state: &AppState) -> u16 {
    u16::try_from(state.clock.now().year() - 1).unwrap_or(*YEARS.end()).clamp(*YEARS.start(), *YEARS.end())
}

async fn show_overview(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    params: Params,
) -> Result<Markup, AppError> {
    overview_page(&state, cat, &caller.account, caller.form_token(), &params, Outcome::None).await
}

async fn overview_page(
    state: &AppState,
    cat: &Catalogue,
    account: &Account,
    csrf: &str,
    params: &Params,
    outcome: Outcome,
) -> Result<Markup, AppError> {
    let role = &account.role;
    let year = params
        .int("year", i64::from(*YEARS.start()), i64::from(*YEARS.end()))?
        .map_or_else(|| default_year(state), |y| y as u16);
    let chosen = params.choice(
        "geo",
        |g| Geo::parse(g.as_bytes()).and_then(member_state_of),
        "a Member State's Eurostat code",
    )?;
    let ms = own_member_state(role).or(chosen);
    let access = match ms {
        Some(ms) => Some(Access::require(role, ms)?),
        // The office chooses a Member State first; no other account without one has anything here.
        None if MemberState::all().any(|m| role.may(Permission::ReadLinkageRuns(m))) => None,
        None => return Err(AppError::Forbidden),
    };
    let title = cat.t("linkage-title");
    let meta = PageMeta::new(cat, Section::Statistics, title.clone()).trail(cat.t("nav-home"), "/");
    let body = match (ms, &access) {
        (Some(ms), Some(Access::Source(organisation))) => {
            let uploads = state.repo.linkage_uploads_of(ms, organisation).await?;
            source_section(cat, csrf, ms, year, &uploads)
        }
        (Some(ms), Some(access)) => {
            let uploads = state.repo.linkage_uploads(ms, year).await?;
            let runs = state.repo.linkage_runs(ms, year).await?;
            rapporteur_section(cat, csrf, access, ms, year, &uploads, &runs)
        }
        _ => crate::scope::chooser(cat, "/workspace/linkage", None, year, true),
    };
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (cat.t("linkage-intro")) }
            @match &outcome {
                Outcome::Saved(saved) => {
                    div.notice.notice--success role="status" { p {
                        (cat.t_args("linkage-saved", &[("records", count(saved.record_count).into()), ("year", saved.year.into())]))
                    } }
                }
                Outcome::Refused(problems) => {
                    div.notice.notice--error role="alert" {
                        h2 { (cat.t("linkage-problems-heading")) " (" (problems.len()) ")" }
                        ol.problems { @for p in problems { li { code {
                            @if let (Some(line), Some(column)) = (p.line, p.column) { (line) ":" (column) ": " }
                            (p.detail)
                        } } } }
                    }
                }
                Outcome::None => {}
            }
            (body)
        },
    ))
}

/// A source: its own uploads, every year, and the form to upload a year's file.
fn source_section(cat: &Catalogue, csrf: &str, ms: MemberState, year: u16, uploads: &[UploadSummary]) -> Markup {
    html! {
        h2 #uploads { (cat.t_args("linkage-own-uploads", &[("name", ms.name().into())])) }
        @if uploads.is_empty() {
            p { (cat.t("linkage-no-uploads")) }
        } @else {
            div.table-scroll { table.data-table {
                caption { (cat.t("linkage-own-uploads-caption")) }
                thead { tr {
                    th scope="col" { (cat.t("linkage-col-year")) }
                    th scope="col" { (cat.t("linkage-col-file")) }
                    th scope="col" class="number" { (cat.t("linkage-col-records")) }
                    th scope="col" class="number" { (cat.t("linkage-col-bits")) }
                    th scope="col" { (cat.t("linkage-col-uploaded")) }
                } }
                tbody { @for u in uploads {
                    tr {
                        th scope="row" { (u.year) }
                        td { (u.file_name) }
                        td.number { (count(u.record_count)) }
                        td.number { (u.key_bits) }
                        td { (when(&u.uploaded_at)) }
                    }
                } }
            } }
        }
        h2 #upload { (cat.t("linkage-upload-heading")) }
        p { (cat.t("linkage-upload-text")) }
        form.form method="post" enctype="multipart/form-data" action="/workspace/linkage/uploads" {
            input type="hidden" name="csrf" value=(csrf);
            label for="upload-year" { (cat.t("linkage-year")) }
            input #upload-year type="number" name="year" min=(YEARS.start()) max=(YEARS.end()) required value=(year);
            label for="file" { (cat.t("linkage-upload-file")) }
            input #file type="file" name="file" accept=".json,application/json" required;
            div.actions { button.button type="submit" { (cat.t("linkage-upload")) } }
        }
    }
}

/// The rapporteur and the office: a year's uploads and runs; the rapporteur starts runs.
fn rapporteur_section(
    cat: &Catalogue,
    csrf: &str,
    access: &Access,
    ms: MemberState,
    year: u16,
    uploads: &[UploadSummary],
    runs: &[LinkageRun],
) -> Markup {
    html! {
        (crate::scope::chooser(cat, "/workspace/linkage", Some(ms), year, *access == Access::Office))
        h2 #uploads { (cat.t_args("linkage-uploads-heading", &[("name", ms.name().into()), ("year", year.into())])) }
        @if uploads.is_empty() {
            p { (cat.t("linkage-no-uploads")) }
        } @else {
            div.table-scroll { table.data-table {
                caption { (cat.t("linkage-uploads-caption")) }
                thead { tr {
                    th scope="col" { (cat.t("linkage-col-organisation")) }
                    th scope="col" class="number" { (cat.t("linkage-col-records")) }
                    th scope="col" { (cat.t("linkage-col-uploaded")) }
                } }
                tbody { @for u in uploads {
                    tr {
                        th scope="row" { (u.organisation) }
                        td.number { (count(u.record_count)) }
                        td { (when(&u.uploaded_at)) }
                    }
                } }
            } }
        }
        h2 #runs { (cat.t("linkage-runs-heading")) }
        @if runs.is_empty() {
            p { (cat.t("linkage-no-runs")) }
        } @else {
            div.table-scroll { table.data-table {
                caption { (cat.t("linkage-runs-caption")) }
                thead { tr {
                    th scope="col" { (cat.t("linkage-col-run")) }
                    th scope="col" { (cat.t("linkage-col-created")) }
                    th scope="col" class="number" { (cat.t("linkage-col-threshold")) }
                    th scope="col" { (cat.t("linkage-col-status")) }
                    th scope="col" class="number" { (cat.t("linkage-col-persons")) }
                } }
                tbody { @for r in runs {
                    @let persons = r.result.as_deref().and_then(|j| serde_json::from_str::<RunResult>(j).ok()).map(|res| count(res.persons));
                    tr {
                        th scope="row" { a href=(run_path(r)) { (cat.t_args("linkage-run-name", &[("id", r.id.0.into())])) } }
                        td { (when(&r.created_at)) }
                        td.number { (r.threshold) }
                        td { (status_label(cat, r.status)) }
                        td.number { (persons.unwrap_or_default()) }
                    }
                } }
            } }
        }
        @if *access == Access::Rapporteur {
            h2 #start { (cat.t("linkage-start-heading")) }
            p { (cat.t("linkage-start-text")) }
            @if uploads.len() < 2 { p { (cat.t("linkage-start-needs-two")) } }
            form.form method="post" action={ "/workspace/linkage/" (geo_code(ms)) "/" (year) "/runs" } {
                input type="hidden" name="csrf" value=(csrf);
                label for="threshold" { (cat.t("linkage-threshold")) }
                input #threshold type="number" name="threshold" min="0.01" max="1" step="0.01" required value=(super::DEFAULT_THRESHOLD) aria-describedby="threshold-hint";
                p #threshold-hint { (cat.t("linkage-threshold-hint")) }
                div.actions { button.button type="submit" { (cat.t("linkage-start")) } }
            }
        }
    }
}

async fn upload_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let limit = format!("{} MB", state.linkage.upload_limit_bytes / 1_000_000);
    let Upload { file_name: sent_name, bytes, csrf, fields } = read_upload_with(multipart, &limit, &["year"]).await?;
    caller.caller.check_csrf(csrf.as_deref())?;
    let account = &caller.account;
    let ms = own_member_state(&account.role).ok_or(AppError::Forbidden)?;
    if !matches!(Access::require(&account.role, ms)?, Access::Source(_)) {
        return Err(AppError::Forbidden);
    }
    let year = fields
        .int("year", i64::from(*YEARS.start()), i64::from(*YEARS.end()))?
        .ok_or_else(|| AppError::field("year", "give the reference year of the records"))? as u16;
    let name = file_name(sent_name.as_deref(), "keys.json");
    let params = Params::from_pairs(vec![("year".to_owned(), year.to_string())]);
    match save_upload(&state, account, ms, year, &name, bytes, "file").await? {
        Ok(saved) => {
            let page = overview_page(&state, cat, account, caller.form_token(), &params, Outcome::Saved(saved)).await?;
            Ok(page.into_response())
        }
        Err(problems) => {
            let page =
                overview_page(&state, cat, account, caller.form_token(), &params, Outcome::Refused(problems)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn start_run_form(
    State(state): State<AppState>,
    Path((geo, year)): Path<(String, u16)>,
    writer: Submitted<AnyAccount>,
) -> Result<Redirect, AppError> {
    let (ms, year) = scope(&geo, year)?;
    let threshold = match writer.form.get("threshold").map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => Some(
            text.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| AppError::field("threshold", "give a number above 0 and at most 1, such as 0.75"))?,
        ),
    };
    let run = start_run(&state, &writer.account.role, &writer.account.actor(), ms, year, threshold).await?;
    Ok(Redirect::to(&run_path(&run)))
}

fn phase_label(cat: &Catalogue, phase: &str) -> String {
    match phase {
        PHASE_LOADING | PHASE_COMPARING | PHASE_COUNTING => cat.t(&format!("linkage-phase-{phase}")),
        _ => cat.t("linkage-phase-waiting"),
    }
}

/// An attribute's value as a reader knows it: the code list's label, "not known" for an empty value.
fn value_label(cat: &Catalogue, attribute: &str, value: &str) -> String {
    if value.is_empty() {
        return cat.t("linkage-value-unknown");
    }
    let dimension = match attribute {
        "sex" => Some(Dimension::Sex),
        "age" => Some(Dimension::Age),
        "exploit" => Some(Dimension::Exploit),
        "citizen" => Some(Dimension::Citizen),
        _ => None,
    };
    dimension
        .and_then(|d| d.code_index(value.as_bytes()).map(|i| d.code(i).label.to_owned()))
        .unwrap_or_else(|| value.to_owned())
}

fn attribute_label(cat: &Catalogue, attribute: &str) -> String {
    match attribute {
        "year" | "sex" | "age" | "exploit" | "citizen" => cat.t(&format!("linkage-attribute-{attribute}")),
        other => other.to_owned(),
    }
}

fn breakdown_table(cat: &Catalogue, breakdown: &BreakdownResult) -> Markup {
    let label = attribute_label(cat, &breakdown.attribute);
    html! {
        div.table-scroll { table.data-table {
            caption { (cat.t_args("linkage-breakdown-caption", &[("attribute", label.clone().into())])) }
            thead { tr {
                th scope="col" { (label) }
                th scope="col" class="number" { (cat.t("linkage-col-persons")) }
            } }
            tbody { @for (value, persons) in &breakdown.persons {
                tr {
                    th scope="row" { (value_label(cat, &breakdown.attribute, value)) }
                    td.number { (count(*persons)) }
                }
            } }
        } }
    }
}

fn result_section(cat: &Catalogue, run: &LinkageRun, result: &RunResult) -> Markup {
    let yes = cat.t("linkage-seen");
    let no = cat.t("linkage-not-seen");
    html! {
        h2 #persons { (cat.t("linkage-persons-heading")) }
        p.lead { strong { (count(result.persons)) } " " (cat.t_args("linkage-persons-text", &[("records", count(result.records).into()), ("sources", result.sources.len().into())])) }
        h2 #sources { (cat.t("linkage-sources-heading")) }
        div.table-scroll { table.data-table {
            caption { (cat.t("linkage-sources-caption")) }
            thead { tr {
                th scope="col" { (cat.t("linkage-col-organisation")) }
                th scope="col" class="number" { (cat.t("linkage-col-records")) }
                th scope="col" class="number" { (cat.t("linkage-col-persons")) }
            } }
            tbody { @for s in &result.sources {
                tr { th scope="row" { (s.organisation) } td.number { (count(s.records)) } td.number { (count(s.persons)) } }
            } }
        } }
        h2 #overlaps { (cat.t("linkage-overlaps-heading")) }
        div.table-scroll { table.data-table {
            caption { (cat.t("linkage-overlaps-caption")) }
            thead { tr {
                th scope="col" { (cat.t("linkage-col-first")) }
                th scope="col" { (cat.t("linkage-col-second")) }
                th scope="col" class="number" { (cat.t("linkage-col-both")) }
            } }
            tbody { @for o in &result.overlaps {
                tr { th scope="row" { (o.first) } td { (o.second) } td.number { (count(o.persons)) } }
            } }
        } }
        @if !result.breakdowns.is_empty() {
            h2 #breakdowns { (cat.t("linkage-breakdowns-heading")) }
            p { (cat.t("linkage-breakdowns-text")) }
            @for b in &result.breakdowns { (breakdown_table(cat, b)) }
        }
        h2 #histories { (cat.t("linkage-histories-heading")) }
        p { (cat.t("linkage-histories-text")) }
        div.table-scroll { table.data-table {
            caption { (cat.t("linkage-histories-caption")) }
            thead { tr {
                @for s in &result.sources { th scope="col" { (s.organisation) } }
                th scope="col" class="number" { (cat.t("linkage-col-persons")) }
            } }
            tbody { @for h in &result.histories {
                tr {
                    @for seen in &h.pattern { td { @if *seen == 1 { (yes) } @else { (no) } } }
                    td.number { (count(h.persons)) }
                }
            } }
        } }
        p { a.button href={ (run_path(run)) "/histories.csv" } download { (cat.t("linkage-histories-download")) } }
        h2 #method { (cat.t("linkage-method-heading")) }
        dl {
            dt { (cat.t("linkage-threshold")) } dd { (result.threshold) }
            dt { (cat.t("linkage-merge-fraction")) } dd { (result.merge_fraction) }
            dt { (cat.t("linkage-blocking")) } dd { (cat.t(&format!("linkage-blocking-{}", if result.blocking.method == "lsh" { "lsh" } else { "all-pairs" }))) }
            dt { (cat.t("linkage-links")) } dd { (count(result.links)) }
            dt { (cat.t("linkage-comparisons")) } dd { (count(result.comparisons)) }
        }
    }
}

async fn show_run(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    Path(id): Path<i64>,
) -> Result<Markup, AppError> {
    let run = readable_run(&state, &caller.account.role, id).await?;
    let result = run
        .result
        .as_deref()
        .map(serde_json::from_str::<RunResult>)
        .transpose()
        .map_err(|e| AppError::internal("reading a linkage result", e))?;
    let ms = run.member_state;
    let title = cat
        .t_args("linkage-run-title", &[("id", run.id.0.into()), ("name", ms.name().into()), ("year", run.year.into())]);
    // No timed refresh (WCAG 2.2.1 asks that a page not change under its reader on a timer): the reader
    // checks again when they choose.
    let meta = PageMeta::new(cat, Section::Statistics, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("linkage-title"), overview_path(ms, run.year));
    let phase = phase_label(cat, &run.phase);
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (cat.t("linkage-col-status")) ": " (status_label(cat, run.status)) }
            @match run.status {
                RunStatus::Queued | RunStatus::Running => {
                    div.notice role="status" {
                        p {
                            label for="run-progress" {
                                @if run.status == RunStatus::Queued { (cat.t("linkage-queued")) }
                                @else if run.total > 0 { (cat.t_args("linkage-progress", &[("phase", phase.clone().into()), ("done", count(run.done).into()), ("total", count(run.total).into())])) }
                                @else { (phase) }
                            }
                            " "
                            @if run.total > 0 && run.status == RunStatus::Running {
                                progress #run-progress max=(run.total) value=(run.done.min(run.total)) { (run.done) " / " (run.total) }
                            } @else {
                                progress #run-progress {}
                            }
                        }
                        p { a.button.button--secondary href=(format!("/workspace/linkage/runs/{}", run.id.0)) { (cat.t("linkage-check-again")) } }
                    }
                }
                RunStatus::Failed => {
                    div.notice.notice--error role="alert" {
                        p { (cat.t("linkage-failed")) }
                        p { (run.error.as_deref().unwrap_or_default()) }
                    }
                }
                RunStatus::Done => {
                    @if let Some(result) = &result { (result_section(cat, &run, result)) }
                    @if run.histories.is_some() && caller.account.role.may(Permission::RunEstimation(ms)) {
                        h2 #estimate { (cat.t("linkage-estimate-heading")) }
                        p { (cat.t("linkage-estimate-text")) }
                        form.form method="post" action={ "/workspace/estimation/runs/" (run.id) } {
                            input type="hidden" name="csrf" value=(caller.form_token());
                            div.actions { button.button type="submit" { (cat.t("linkage-estimate")) } }
                        }
                        p { a href={ "/workspace/estimation?geo=" (geo_code(ms)) "&year=" (run.year) } { (cat.t("linkage-estimate-settings")) } }
                    }
                }
            }
            h2 #run { (cat.t("linkage-run-heading")) }
            dl {
                dt { (cat.t("linkage-threshold")) } dd { (run.threshold) }
                dt { (cat.t("linkage-col-created")) } dd { (when(&run.created_at)) }
                @if let Some(at) = &run.started_at { dt { (cat.t("linkage-started")) } dd { (when(at)) } }
                @if let Some(at) = &run.finished_at { dt { (cat.t("linkage-finished")) } dd { (when(at)) } }
                dt { (cat.t("linkage-attempts")) } dd { (run.attempts) }
            }
        },
    ))
}

async fn download_histories(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let run = readable_run(&state, &caller.account.role, id).await?;
    let csv = run.histories.ok_or(AppError::NotFound)?;
    let name = format!("linkage-{}-{}-run-{}-histories.csv", geo_code(run.member_state), run.year, run.id);
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, attachment(&name)),
        ],
        csv,
    )
        .into_response())
}
