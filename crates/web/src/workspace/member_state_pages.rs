//! What the EU ATC office or a Member State's own rapporteur writes on that Member State's page: the form
//! with a preview, every revision, and the same in the API.

use super::{revisions_table, RevisionRow, REVISIONS_PER_PAGE};
use crate::http::{Acting, Acts, ApiRouter, AppError, ForMemberState, Json, Params, Path, Signed, Submitted};
use crate::index::member_state_projects;
use crate::resources::Listed;
use crate::state::AppState;
use crate::ui::form::{error_summary, paragraphs_text, preview_section, save_buttons, text_paragraphs, Form};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Datelike;
use maud::{html, Markup};
use rapporteur_core::editing::{
    changed_server_fields, MemberStateDocument, MemberStateWriting, NationalReportDocument, MAX_NATIONAL_REPORTS,
};
use rapporteur_core::{FieldProblem, MemberState};
use rapporteur_store::MemberStatePage;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/member-states/{code}/edit", get(show_edit).post(submit_edit))
        .route("/workspace/member-states/{code}/revisions", get(show_revisions))
        .routes(routes!(update_member_state_api))
        .routes(routes!(list_member_state_revisions_api))
}

fn edit_page(cat: &Catalogue, ms: MemberState, csrf: &str, form: &Form<'_>, preview: Option<Markup>) -> Markup {
    let title = cat.t_args("ms-edit-title", &[("name", ms.name().into())]);
    let code = ms.iso().to_lowercase();
    let meta = PageMeta::new(cat, Section::MemberStates, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states")
        .trail(ms.name(), format!("/member-states/{code}"));
    page(
        meta,
        html! {
            h1 { (title) }
            p.meta { a href={ "/workspace/member-states/" (code) "/revisions" } { (cat.t("edit-revisions-link")) } }
            (error_summary(cat, form.errors))
            @if let Some(content) = preview { (preview_section(cat, ms.name(), content)) }
            h2 { (cat.t("edit-form-heading")) }
            p { (cat.t("ms-edit-intro")) }
            form.form.form--wide method="post" action={ "/workspace/member-states/" (code) "/edit" } {
                input type="hidden" name="csrf" value=(csrf);
                fieldset.ms-fieldset {
                    legend { (cat.t("ms-nrem")) }
                    (form.input("nrem", &cat.t("ms-nrem-name"), "text", None))
                    (form.input("nrem_institution", &cat.t("ms-nrem-institution"), "text", None))
                    (form.input("nrem_website", &cat.t("ms-nrem-website"), "url", Some(&cat.t("ms-edit-website-hint"))))
                    (form.input("nrem_email", &cat.t("ms-nrem-email"), "email", None))
                    (form.area("nrem_postal_address", &cat.t("ms-nrem-postal-address"), &cat.t("ms-edit-address-hint")))
                }
                fieldset.ms-fieldset {
                    legend { (cat.t("ms-national-reports")) }
                    p.hint { (cat.t("ms-edit-reports-hint")) }
                    @for i in 0..report_rows(form.values) {
                        fieldset.ms-fieldset.report-row {
                            legend { (cat.t_args("ms-edit-report-legend", &[("n", (i + 1).into())])) }
                            (form.input(&format!("national_reports[{i}].title"), &cat.t("ms-report-title"), "text", None))
                            (form.input(&format!("national_reports[{i}].year"), &cat.t("ms-report-year"), "text", Some(&cat.t("ms-edit-year-hint"))))
                            (form.input(&format!("national_reports[{i}].url"), &cat.t("ms-report-url"), "url", None))
                        }
                    }
                }
                (form.area("summary", &cat.t("ms-summary"), &cat.t("edit-paragraphs-hint")))
                (save_buttons(cat))
            }
        },
    )
}

/// How many report rows the form shows: those sent or saved, and two empty ones to add more (a form without
/// script cannot add rows itself), never more than a page may list.
fn report_rows(values: &Params) -> usize {
    let filled = (0..MAX_NATIONAL_REPORTS)
        .take_while(|i| values.get(&format!("national_reports[{i}].title")).is_some())
        .filter(|i| {
            ["title", "year", "url"]
                .iter()
                .any(|f| !values.get(&format!("national_reports[{i}].{f}")).unwrap_or_default().trim().is_empty())
        })
        .count();
    (filled + 2).min(MAX_NATIONAL_REPORTS)
}

/// The form's fields as the document the API takes; a year that is not a number is a problem at its field.
fn read_form(form: &Params) -> (MemberStateDocument, Vec<FieldProblem>) {
    let text = |name: &str| form.get(name).map(str::to_owned);
    let mut problems = Vec::new();
    let mut reports = Vec::new();
    for i in 0..MAX_NATIONAL_REPORTS {
        let Some(title) = text(&format!("national_reports[{i}].title")) else { break };
        let year_field = format!("national_reports[{i}].year");
        let year_text = text(&year_field).unwrap_or_default();
        let year = match year_text.trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    problems.push(FieldProblem::new(year_field, format!("{y:?} is not a year such as 2018")));
                    None
                }
            },
        };
        reports.push(NationalReportDocument { title, year, url: text(&format!("national_reports[{i}].url")) });
    }
    let document = MemberStateDocument {
        nrem: text("nrem"),
        nrem_institution: text("nrem_institution"),
        nrem_website: text("nrem_website"),
        nrem_email: text("nrem_email"),
        nrem_postal_address: text("nrem_postal_address"),
        national_reports: reports,
        summary: text_paragraphs(form.get("summary").unwrap_or_default()),
        ..Default::default()
    };
    (document, problems)
}

/// The form's values for what is written.
fn form_values(w: &MemberStateWriting) -> Params {
    let mut pairs = vec![
        ("nrem".into(), w.nrem.clone().unwrap_or_default()),
        ("nrem_institution".into(), w.nrem_institution.clone().unwrap_or_default()),
        ("nrem_website".into(), w.nrem_website.clone().unwrap_or_default()),
        ("nrem_email".into(), w.nrem_email.clone().unwrap_or_default()),
        ("nrem_postal_address".into(), w.nrem_postal_address.clone().unwrap_or_default()),
        ("summary".into(), paragraphs_text(&w.summary)),
    ];
    for (i, r) in w.national_reports.iter().enumerate() {
        pairs.push((format!("national_reports[{i}].title"), r.title.clone()));
        pairs.push((format!("national_reports[{i}].year"), r.year.to_string()));
        pairs.push((format!("national_reports[{i}].url"), r.url.clone().unwrap_or_default()));
    }
    Params::from_pairs(pairs)
}

async fn show_edit(
    State(state): State<AppState>,
    Lang(cat): Lang,
    writer: Signed<ForMemberState>,
    Path(ms): Path<MemberState>,
) -> Result<Markup, AppError> {
    let current = state.repo.find_member_state_page(ms).await?;
    let values = form_values(&current.map(|p| p.writing()).unwrap_or_default());
    Ok(edit_page(cat, ms, writer.form_token(), &Form { values: &values, errors: &[] }, None))
}

async fn submit_edit(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(ms): Path<MemberState>,
    writer: Submitted<ForMemberState>,
) -> Result<Response, AppError> {
    let form = &writer.form;
    let (document, mut errors) = read_form(form);
    let checked = document
        .check_page(rapporteur_core::today_in_brussels(state.clock.now()).year())
        .map_err(|found| errors.extend(found));
    let writing = match checked {
        Ok(clean) if errors.is_empty() => clean,
        _ => {
            let page = edit_page(cat, ms, &writer.csrf, &Form { values: form, errors: &errors }, None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if form.get("action") != Some("save") {
        let preview = html! {
            (crate::public::member_states::nrem_section(cat, ms, &writing))
            @if !writing.summary.is_empty() { h2 { (cat.t("ms-summary")) } (layout::paragraphs(&writing.summary)) }
        };
        return Ok(edit_page(cat, ms, &writer.csrf, &Form { values: form, errors: &[] }, Some(preview)).into_response());
    }
    state.repo.save_member_state_page(&writer.account.actor(), ms, &writing).await?;
    Ok(Redirect::to(&format!("/member-states/{}", ms.iso().to_lowercase())).into_response())
}

/// Write a Member State's page (editors, admins, and that Member State's rapporteur only). The document read
/// with GET may be sent back changed: the fields the server sets are accepted when unchanged and refused by
/// name when changed.
#[utoipa::path(put, path = "/api/v1/member-states/{code}", tag = "member-states", security(("bearer" = [])),
    params(("code" = String, Path, description = "ISO code, e.g. DE")), request_body = MemberStateDocument,
    responses((status = 200, body = MemberStateDocument), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn update_member_state_api(
    State(state): State<AppState>,
    writer: Acting<ForMemberState>,
    Path(ms): Path<MemberState>,
    Json { value, sent }: Json<MemberStateDocument>,
) -> Result<axum::Json<MemberStateDocument>, AppError> {
    let writing =
        value.check_page(rapporteur_core::today_in_brussels(state.clock.now()).year()).map_err(AppError::invalid)?;
    let known = state.repo.member_state_overview(ms).await?;
    let projects = member_state_projects(state.repo.as_ref(), &state.search, ms, MemberStateDocument::PROJECTS).await?;
    let result = known.document(ms, &projects).with_writing(&writing);
    let result_json = serde_json::to_value(&result).expect("a document serialises");
    let changed: Vec<FieldProblem> = changed_server_fields(&sent, &result_json, MemberStateDocument::SERVER_FIELDS);
    if !changed.is_empty() {
        return Err(AppError::invalid(changed));
    }
    state.repo.save_member_state_page(&writer.account.actor(), ms, &writing).await?;
    Ok(axum::Json(result))
}

/// Every saved state of a Member State's page, newest first (editors and that Member State's rapporteur).
async fn show_revisions(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<ForMemberState>,
    Path(ms): Path<MemberState>,
    params: Params,
) -> Result<Markup, AppError> {
    let paging = params.paging(REVISIONS_PER_PAGE)?;
    let revisions = state.repo.list_member_state_page_revisions(ms, paging).await?;
    let pages = paging.page_count(revisions.total);
    let rows: Vec<_> = revisions
        .items
        .into_iter()
        .map(|(revision, r)| {
            let shown = r.nrem.clone().or_else(|| r.summary.first().cloned()).unwrap_or_default();
            RevisionRow { revision, at: r.updated_at, actor: r.updated_by, action: "update".to_owned(), title: shown }
        })
        .collect();
    let title = cat.t_args("revisions-title", &[("project", ms.name().into())]);
    let code = ms.iso().to_lowercase();
    let meta = PageMeta::new(cat, Section::MemberStates, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("member-states-title"), "/member-states")
        .trail(ms.name(), format!("/member-states/{code}"));
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { a href={ "/workspace/member-states/" (code) "/edit" } { (cat.t("revisions-edit-link")) } }
            (revisions_table(cat, &rows))
            (layout::pagination(cat, &format!("/workspace/member-states/{code}/revisions"), &[], paging.page(), pages))
        },
    ))
}

/// One saved state of a Member State's page.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberStateRevisionResource {
    /// 1 for the first.
    pub revision: i64,
    pub at: String,
    pub actor: String,
    pub nrem: Option<String>,
    pub nrem_institution: Option<String>,
    pub nrem_website: Option<String>,
    pub nrem_email: Option<String>,
    pub nrem_postal_address: Option<String>,
    pub national_reports: Vec<NationalReportDocument>,
    pub summary: Vec<String>,
}

/// Every saved state of a Member State's page, newest first (editors, admins, and that Member State's
/// rapporteur only).
#[utoipa::path(get, path = "/api/v1/member-states/{code}/revisions", tag = "member-states", security(("bearer" = [])),
    params(
        ("code" = String, Path, description = "ISO code, e.g. DE"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = Listed<MemberStateRevisionResource>), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn list_member_state_revisions_api(
    State(state): State<AppState>,
    _: Signed<ForMemberState>,
    Path(ms): Path<MemberState>,
    params: Params,
) -> Result<axum::Json<Listed<MemberStateRevisionResource>>, AppError> {
    let paging = params.default_paging()?;
    Ok(axum::Json(Listed::of(state.repo.list_member_state_page_revisions(ms, paging).await?, paging)))
}

impl From<(i64, MemberStatePage)> for MemberStateRevisionResource {
    fn from((revision, r): (i64, MemberStatePage)) -> Self {
        MemberStateRevisionResource {
            revision,
            at: r.updated_at,
            actor: r.updated_by,
            national_reports: r
                .national_reports
                .into_iter()
                .map(|n| NationalReportDocument { title: n.title, year: Some(n.year), url: n.url })
                .collect(),
            nrem: r.nrem,
            nrem_institution: r.nrem_institution,
            nrem_website: r.nrem_website,
            nrem_email: r.nrem_email,
            nrem_postal_address: r.nrem_postal_address,
            summary: r.summary,
        }
    }
}
