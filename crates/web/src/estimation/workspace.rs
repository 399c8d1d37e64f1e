//! Estimation in the workspace: per Member State and reference year, the estimates made and the form to make
//! one (from a finished linkage run or an uploaded capture-history table); an estimate's page with the
//! figure, its interval, the competing models as a chart and a table, what it assumes, its warnings, its
//! inputs and settings, and the rapporteur's button to publish it. A linkage run's page starts an estimation
//! from its capture histories with one button.

use super::{
    default_settings, estimate_path, geo_code, make_estimate, overview_path, own_member_state, read_table,
    readable_estimate, scope, settings_from, Access, Input, DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_THRESHOLD,
    UPLOAD_LIMIT_BYTES,
};
use crate::estimates::{
    estimate_with_interval, interval_kind_label, method_label, model_words, read_analysis, read_settings,
};
use crate::figures::member_state_of;
use crate::http::auth::AnyAccount;
use crate::http::body::read_multipart;
use crate::http::download::attachment;
use crate::http::error::Problem;
use crate::http::{Acts, ApiRouter, AppError, Params, Path, Signed, Submitted};
use crate::state::AppState;
use crate::ui::charts::{format_number, format_share, interval_chart, IntervalChart, IntervalRow};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Utc};
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::MemberState;
use rapporteur_mse::{Analysis, Method};
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::Geo;
use rapporteur_store::{Account, EstimateRecord, EstimateSource, LinkageRun, RunId, RunStatus};

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/estimation", get(show_overview))
        .route(
            "/workspace/estimation/{geo}/{year}",
            post(estimate_form).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route("/workspace/estimation/runs/{id}", post(estimate_run_form))
        .route("/workspace/estimation/estimates/{id}", get(show_estimate))
        .route("/workspace/estimation/estimates/{id}/input.csv", get(download_input))
        .route("/workspace/estimation/estimates/{id}/publish", post(publish_form))
}

fn when(at: &DateTime<Utc>) -> Markup {
    crate::ui::time::brussels_time(*at)
}

/// The reference year a page starts on: last year, the latest a source can have complete.
fn default_year(state: &AppState) -> u16 {
    u16::try_from(state.clock.now().year() - 1).unwrap_or(*YEARS.end()).clamp(*YEARS.start(), *YEARS.end())
}

/// The name a run's capture histories go by.
fn histories_name(run: &LinkageRun) -> String {
    format!("linkage-{}-{}-run-{}-histories.csv", geo_code(run.member_state), run.year, run.id)
}

async fn show_overview(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    params: Params,
) -> Result<Markup, AppError> {
    let year = params
        .int("year", i64::from(*YEARS.start()), i64::from(*YEARS.end()))?
        .map_or_else(|| default_year(&state), |y| y as u16);
    let chosen = params.choice(
        "geo",
        |g| Geo::parse(g.as_bytes()).and_then(member_state_of),
        "a Member State's Eurostat code",
    )?;
    overview_page(&state, cat, &caller.account, caller.form_token(), chosen, year, &Params::default(), &[]).await
}

/// The overview of a Member State and year (the office first chooses a Member State); `sent` fills the form
/// again and `problems` say why it was refused.
#[expect(clippy::too_many_arguments, reason = "the page's parts, each needed once")]
async fn overview_page(
    state: &AppState,
    cat: &Catalogue,
    account: &Account,
    csrf: &str,
    chosen: Option<MemberState>,
    year: u16,
    sent: &Params,
    problems: &[Problem],
) -> Result<Markup, AppError> {
    let role = &account.role;
    let ms = own_member_state(role).or(chosen);
    let access = match ms {
        Some(ms) => Some(Access::require(role, ms)?),
        None if MemberState::all().any(|m| role.may(Permission::ReadEstimates(m))) => None,
        None => return Err(AppError::Forbidden),
    };
    let title = cat.t("estimation-title");
    let meta = PageMeta::new(cat, Section::Statistics, title.clone()).trail(cat.t("nav-home"), "/");
    let body = match (ms, access) {
        (Some(ms), Some(access)) => {
            let estimates = state.repo.estimates(ms, year).await?;
            let runs: Vec<LinkageRun> = state
                .repo
                .linkage_runs(ms, year)
                .await?
                .into_iter()
                .filter(|r| r.status == RunStatus::Done && r.histories.is_some())
                .collect();
            html! {
                (crate::scope::chooser(cat, "/workspace/estimation", Some(ms), year, access == Access::Office))
                (estimates_table(cat, ms, year, &estimates))
                @if access == Access::Rapporteur {
                    (estimation_form(cat, csrf, ms, year, &runs, sent, state.estimation.max_resamples))
                }
            }
        }
        _ => crate::scope::chooser(cat, "/workspace/estimation", None, year, true),
    };
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (cat.t("estimation-intro")) }
            @if !problems.is_empty() {
                div.notice.notice--error role="alert" {
                    h2 { (cat.t("estimation-problems-heading")) " (" (problems.len()) ")" }
                    ol.problems { @for p in problems { li { code {
                        @if let Some(field) = &p.field { (field) ": " }
                        (p.detail)
                    } } } }
                }
            }
            (body)
        },
    ))
}

fn status_label(cat: &Catalogue, estimate: &EstimateRecord) -> String {
    match &estimate.publication {
        None => cat.t("estimation-status-draft"),
        Some(p) if p.superseded => cat.t("estimation-status-superseded"),
        Some(_) => cat.t("estimation-status-published"),
    }
}

fn estimates_table(cat: &Catalogue, ms: MemberState, year: u16, estimates: &[EstimateRecord]) -> Markup {
    html! {
        h2 #estimates { (cat.t_args("estimation-list-heading", &[("name", ms.name().into()), ("year", year.into())])) }
        @if estimates.is_empty() {
            p { (cat.t("estimation-none")) }
        } @else {
            div.table-scroll { table.data-table {
                caption { (cat.t("estimation-list-caption")) }
                thead { tr {
                    th scope="col" { (cat.t("estimation-col-estimate")) }
                    th scope="col" { (cat.t("estimation-col-made")) }
                    th scope="col" { (cat.t("estimation-col-input")) }
                    th scope="col" { (cat.t("estimation-col-method")) }
                    th scope="col" class="number" { (cat.t("estimation-col-total")) }
                    th scope="col" { (cat.t("estimation-col-status")) }
                } }
                tbody { @for e in estimates {
                    @let analysis = read_analysis(&e.result).ok();
                    tr {
                        th scope="row" { a href=(estimate_path(e)) { (cat.t_args("estimation-name", &[("id", e.id.0.into())])) } }
                        td { (when(&e.created_at)) }
                        td { (input_label(cat, e)) }
                        td { @if let Some(a) = &analysis { (method_label(cat, &a.settings.method)) } }
                        td.number { @if let Some(a) = &analysis { (estimate_with_interval(a)) } }
                        td { span.badge { (status_label(cat, e)) } }
                    }
                } }
            } }
        }
    }
}

fn input_label(cat: &Catalogue, estimate: &EstimateRecord) -> String {
    match estimate.source {
        EstimateSource::LinkageRun(run) => cat.t_args("estimation-input-run", &[("id", run.0.into())]),
        EstimateSource::Upload => {
            cat.t_args("estimation-input-upload", &[("name", estimate.input_name.as_str().into())])
        }
    }
}

/// The form: the input (a finished run of the year, or a file), the method and its threshold, the bootstrap.
fn estimation_form(
    cat: &Catalogue,
    csrf: &str,
    ms: MemberState,
    year: u16,
    runs: &[LinkageRun],
    sent: &Params,
    max_resamples: usize,
) -> Markup {
    let chosen_input = sent.get("input").map(str::to_owned).unwrap_or_else(|| match runs.first() {
        Some(run) => format!("run-{}", run.id),
        None => "upload".to_owned(),
    });
    let method = sent.get("method").unwrap_or("stepwise");
    let threshold = sent.get("threshold").map_or_else(|| DEFAULT_THRESHOLD.to_string(), str::to_owned);
    let resamples =
        sent.get("resamples").map_or_else(|| DEFAULT_RESAMPLES.min(max_resamples).to_string(), str::to_owned);
    let seed = sent.get("seed").map_or_else(|| DEFAULT_SEED.to_string(), str::to_owned);
    html! {
        h2 #estimate { (cat.t("estimation-form-heading")) }
        p { (cat.t("estimation-form-text")) }
        form.form method="post" enctype="multipart/form-data" action={ "/workspace/estimation/" (geo_code(ms)) "/" (year) } {
            input type="hidden" name="csrf" value=(csrf);
            fieldset {
                legend { (cat.t("estimation-input-legend")) }
                @for run in runs {
                    @let value = format!("run-{}", run.id);
                    div {
                        input id=(value) type="radio" name="input" value=(value) checked[chosen_input == value];
                        " "
                        label for=(value) { (cat.t_args("estimation-input-run-choice", &[("id", run.id.0.into())])) " (" (when(run.finished_at.as_ref().unwrap_or(&run.created_at))) ")" }
                    }
                }
                div {
                    input #input-upload type="radio" name="input" value="upload" checked[chosen_input == "upload"];
                    " "
                    label for="input-upload" { (cat.t("estimation-input-upload-choice")) }
                }
                label for="file" { (cat.t("estimation-file")) }
                input #file type="file" name="file" accept=".csv,text/csv" aria-describedby="file-hint";
                p #file-hint { (cat.t("estimation-file-hint")) }
            }
            fieldset {
                legend { (cat.t("estimation-method-legend")) }
                @for (code, label) in [("stepwise", "estimation-method-stepwise"), ("bic", "estimation-method-bic"), ("downhill", "estimation-method-downhill"), ("main", "estimation-method-main")] {
                    @let id = format!("method-{code}");
                    div {
                        input id=(id) type="radio" name="method" value=(code) checked[method == code];
                        " "
                        label for=(id) { (cat.t(label)) }
                    }
                }
                label for="threshold" { (cat.t("estimation-threshold")) }
                input #threshold type="number" name="threshold" min="0.001" max="0.999" step="0.001" value=(threshold) aria-describedby="threshold-hint";
                p #threshold-hint { (cat.t("estimation-threshold-hint")) }
            }
            fieldset {
                legend { (cat.t("estimation-bootstrap-legend")) }
                label for="resamples" { (cat.t("estimation-resamples")) }
                input #resamples type="number" name="resamples" min="0" max=(max_resamples) step="1" value=(resamples) aria-describedby="resamples-hint";
                p #resamples-hint { (cat.t_args("estimation-resamples-hint", &[("max", max_resamples.into())])) }
                label for="seed" { (cat.t("estimation-seed")) }
                input #seed type="number" name="seed" min="0" step="1" value=(seed) aria-describedby="seed-hint";
                p #seed-hint { (cat.t("estimation-seed-hint")) }
            }
            div.actions { button.button type="submit" { (cat.t("estimation-submit")) } }
        }
    }
}

/// The input a form chose: a finished run of the Member State and year, or the uploaded file.
enum Chosen {
    Run(Box<LinkageRun>),
    Upload { name: String, csv: String },
}

async fn estimate_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    Path((geo, year)): Path<(String, u16)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let (ms, year) = scope(&geo, year)?;
    let limit = format!("{} MB", UPLOAD_LIMIT_BYTES / 1_000_000);
    let form = read_multipart(multipart, &limit, &["input", "method", "threshold", "resamples", "seed"]).await?;
    caller.caller.check_csrf(form.csrf.as_deref())?;
    let account = &caller.account;
    if Access::require(&account.role, ms)? != Access::Rapporteur {
        return Err(AppError::Forbidden);
    }
    let max_resamples = state.estimation.max_resamples;
    let mut problems = Vec::new();
    let settings = settings_from(&form.fields, max_resamples).map_err(|p| problems.extend(p)).ok();
    // A file input nobody chose a file for comes as an empty file without a name.
    let file = form.file.filter(|(name, bytes)| !(bytes.is_empty() && name.as_deref().is_none_or(str::is_empty)));
    let chosen = match form.fields.get("input").unwrap_or("upload") {
        "upload" => match file {
            None => {
                problems.push(Problem::at_field("file", cat.t("estimation-file-missing")));
                None
            }
            Some((name, bytes)) => match String::from_utf8(bytes.to_vec()) {
                Ok(csv) => Some(Chosen::Upload { name: upload_name(name.as_deref()), csv }),
                Err(e) => {
                    let line = bytes[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                    problems.push(Problem {
                        detail: format!("line {line}: the file is not UTF-8 text"),
                        field: Some("file".into()),
                        line: Some(line),
                        ..Default::default()
                    });
                    None
                }
            },
        },
        other => {
            let run = match other.strip_prefix("run-").and_then(|id| id.parse::<i64>().ok()) {
                Some(id) => state.repo.linkage_run(RunId(id)).await?,
                None => None,
            };
            match run {
                Some(run)
                    if run.member_state == ms
                        && run.year == year
                        && run.status == RunStatus::Done
                        && run.histories.is_some() =>
                {
                    Some(Chosen::Run(Box::new(run)))
                }
                _ => {
                    problems.push(Problem::at_field("input", cat.t("estimation-input-unknown")));
                    None
                }
            }
        }
    };
    let (csv, source, name) = match &chosen {
        Some(Chosen::Run(run)) => {
            (run.histories.as_deref().unwrap_or_default(), EstimateSource::LinkageRun(run.id), histories_name(run))
        }
        Some(Chosen::Upload { name, csv }) => (csv.as_str(), EstimateSource::Upload, name.clone()),
        None => ("", EstimateSource::Upload, String::new()),
    };
    let table = match chosen {
        Some(_) => read_table(csv).map_err(|p| problems.push(p)).ok(),
        None => None,
    };
    if let (Some(table), Some(settings), true) = (table, settings, problems.is_empty()) {
        match make_estimate(&state, account, ms, year, Input { csv, source, name: &name }, table, settings).await {
            Ok(saved) => return Ok(Redirect::to(&estimate_path(&saved)).into_response()),
            Err(AppError::Refused(reason)) => problems.push(Problem::at_field("file", reason)),
            Err(e) => return Err(e),
        }
    }
    // Nothing was stored: the form again, filled in, with every problem.
    let page =
        overview_page(&state, cat, account, caller.form_token(), Some(ms), year, &form.fields, &problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A file's name as sent, without the sender's folders; the default when it has none.
fn upload_name(sent: Option<&str>) -> String {
    let name = sent.unwrap_or_default().rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let name: String = name.chars().filter(|c| !c.is_control()).take(200).collect();
    if name.is_empty() {
        "histories.csv".to_owned()
    } else {
        name
    }
}

/// From a linkage run's page: an estimation of its capture histories, with the settings the form gives (the
/// defaults when it gives none).
async fn estimate_run_form(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    writer: Submitted<AnyAccount>,
) -> Result<Redirect, AppError> {
    let run = state.repo.linkage_run(RunId(id)).await?.ok_or(AppError::NotFound)?;
    if Access::require(&writer.account.role, run.member_state)? != Access::Rapporteur {
        return Err(AppError::Forbidden);
    }
    let csv = match (&run.status, &run.histories) {
        (RunStatus::Done, Some(csv)) => csv.as_str(),
        _ => {
            return Err(AppError::Refused(format!(
                "linkage run {id} is {}: only a finished run's capture histories can be estimated from",
                run.status
            )))
        }
    };
    let settings = if ["method", "threshold", "resamples", "seed"].iter().any(|f| writer.form.contains(f)) {
        settings_from(&writer.form, state.estimation.max_resamples).map_err(AppError::Invalid)?
    } else {
        default_settings(state.estimation.max_resamples)
    };
    let table = read_table(csv).map_err(|p| AppError::Invalid(vec![p]))?;
    let name = histories_name(&run);
    let input = Input { csv, source: rapporteur_store::EstimateSource::LinkageRun(run.id), name: &name };
    let saved = make_estimate(&state, &writer.account, run.member_state, run.year, input, table, settings).await?;
    Ok(Redirect::to(&estimate_path(&saved)))
}

/// The competing models as a chart, with their table.
fn models_chart(cat: &Catalogue, analysis: &Analysis) -> Markup {
    let rows: Vec<IntervalRow> = analysis
        .competing
        .iter()
        .map(|c| IntervalRow {
            label: c.label.clone(),
            detail: if c.terms.is_empty() { cat.t("estimation-independent") } else { c.terms.join(", ") },
            value: c.total,
            low: c.conditional_interval.0,
            high: c.conditional_interval.1,
            marked: c.chosen,
        })
        .collect();
    let found = cat.t("estimation-chart-found");
    interval_chart(&IntervalChart {
        id: "models",
        title: &cat.t("estimation-chart-title"),
        unit: &cat.t("estimation-chart-unit"),
        rows,
        label_header: &cat.t("estimation-chart-model"),
        detail_header: &cat.t("estimation-chart-terms"),
        marked_word: &cat.t("estimation-chart-reported"),
        reference: Some((&found, analysis.estimate.observed as f64)),
        extra: vec![("BIC", analysis.competing.iter().map(|c| format_number((c.bic * 10.0).round() / 10.0)).collect())],
        synthetic: false,
        note: Some(&cat.t("estimation-chart-note")),
    })
}

fn settings_list(cat: &Catalogue, estimate: &EstimateRecord, analysis: &Analysis) -> Result<Markup, AppError> {
    let settings = read_settings(&estimate.settings)?;
    Ok(html! {
        dl {
            dt { (cat.t("estimation-col-input")) }
            dd {
                @match estimate.source {
                    EstimateSource::LinkageRun(run) => { a href={ "/workspace/linkage/runs/" (run) } { (input_label(cat, estimate)) } }
                    EstimateSource::Upload => { (input_label(cat, estimate)) }
                }
                " · " a href={ (estimate_path(estimate)) "/input.csv" } download { (cat.t("estimation-input-download")) }
            }
            dt { (cat.t("estimation-lists")) } dd { (analysis.lists.join(", ")) }
            dt { (cat.t("estimation-col-method")) } dd { (method_label(cat, &settings.method)) }
            @if let Method::Stepwise { threshold } = settings.method { dt { (cat.t("estimation-threshold")) } dd { (threshold) } }
            dt { (cat.t("estimation-resamples")) } dd { (settings.bootstrap.map_or(0, |b| b.resamples)) }
            @if let Some(b) = settings.bootstrap { dt { (cat.t("estimation-seed")) } dd { (b.seed) } }
            dt { (cat.t("estimates-version")) } dd { "Rapporteur " (estimate.software_version) }
            dt { (cat.t("estimation-made-by")) } dd { (estimate.created_by) ", " (when(&estimate.created_at)) }
        }
    })
}

async fn show_estimate(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Signed<AnyAccount>,
    Path(id): Path<i64>,
) -> Result<Markup, AppError> {
    let (estimate, access) = readable_estimate(&state, &caller.account.role, id).await?;
    let analysis = read_analysis(&estimate.result)?;
    let ms = estimate.member_state;
    let title = cat.t_args(
        "estimation-estimate-title",
        &[("id", estimate.id.0.into()), ("name", ms.name().into()), ("year", estimate.year.into())],
    );
    let meta = PageMeta::new(cat, Section::Statistics, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("estimation-title"), overview_path(ms, estimate.year));
    let ((low, high), kind) = analysis.interval();
    let may_publish = access == Access::Rapporteur && caller.account.role.may(Permission::PublishEstimation(ms));
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { (cat.t("estimation-col-status")) ": " span.badge { (status_label(cat, &estimate)) } }
            @if let Some(p) = &estimate.publication {
                p { (cat.t_args("estimation-published-by", &[("who", p.published_by.as_str().into())])) " " (when(&p.published_at)) "." }
                @if p.superseded { p { (cat.t("estimation-superseded-text")) } }
            }
            h2 #figure { (cat.t("estimation-figure-heading")) }
            p.lead {
                strong { (format_number(analysis.estimate.total.round())) } " "
                (cat.t_args("estimation-figure-text", &[
                    ("low", format_number(low.round()).into()),
                    ("high", format_number(high.round()).into()),
                    ("kind", interval_kind_label(cat, kind).into()),
                ]))
            }
            p { (cat.t_args("estimation-share", &[
                ("found", format_number(analysis.estimate.observed as f64).into()),
                ("unfound", format_number(analysis.estimate.unobserved.round()).into()),
                ("share", format_share(100.0 * analysis.observed_share()).into()),
            ])) }
            p { (analysis.summary()) }
            h2 #warnings { (cat.t("estimation-warnings-heading")) }
            @if analysis.warnings.is_empty() {
                p { (cat.t("estimation-no-warnings")) }
            } @else {
                div.notice.notice--warning {
                    ul { @for w in &analysis.warnings { li { (w) } } }
                }
            }
            h2 #assumptions { (cat.t("estimation-assumptions-heading")) }
            p { (analysis.assumptions()) }
            p { (cat.t("estimation-model")) ": " (model_words(cat, &analysis)) }
            @if let Some(profile) = &analysis.profile {
                p { (cat.t_args("estimation-profile", &[
                    ("low", format_number(profile.low.round()).into()),
                    ("high", profile.high.map_or_else(|| cat.t("estimation-no-upper-end"), |h| format_number(h.round())).into()),
                ])) }
            }
            @if let Some(b) = &analysis.bootstrap {
                p { (cat.t_args("estimation-percentile", &[
                    ("low", format_number(b.percentile.0.round()).into()),
                    ("high", format_number(b.percentile.1.round()).into()),
                ])) }
            }
            h2 #models { (cat.t("estimation-models-heading")) }
            (models_chart(cat, &analysis))
            h2 #inputs { (cat.t("estimation-inputs-heading")) }
            (settings_list(cat, &estimate, &analysis)?)
            @if may_publish && estimate.publication.is_none() {
                h2 #publish { (cat.t("estimation-publish-heading")) }
                p { (cat.t("estimation-publish-text")) }
                form.form method="post" action={ (estimate_path(&estimate)) "/publish" } {
                    input type="hidden" name="csrf" value=(caller.form_token());
                    div.actions { button.button type="submit" { (cat.t("estimation-publish")) } }
                }
            }
            p { a href={ "/statistics/" (geo_code(ms).to_lowercase()) } { (cat.t_args("estimation-public-page", &[("name", ms.name().into())])) } }
        },
    ))
}

async fn download_input(
    State(state): State<AppState>,
    caller: Signed<AnyAccount>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (estimate, _) = readable_estimate(&state, &caller.account.role, id).await?;
    let name = format!("estimate-{}-{}-{}-input.csv", geo_code(estimate.member_state), estimate.year, estimate.id);
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, attachment(&name)),
        ],
        estimate.input_csv,
    )
        .into_response())
}

async fn publish_form(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    writer: Submitted<AnyAccount>,
) -> Result<Redirect, AppError> {
    let (estimate, _) = readable_estimate(&state, &writer.account.role, id).await?;
    if !writer.account.role.may(Permission::PublishEstimation(estimate.member_state)) {
        return Err(AppError::Forbidden);
    }
    let published = state.repo.publish_estimate(&writer.account.actor(), estimate.id).await?;
    Ok(Redirect::to(&estimate_path(&published)))
}
