//! The editors' workspace in the browser: edit a project with a preview, publish or withdraw it, read its
//! revisions; the audit log for admins. Every form carries the session's CSRF token.

use crate::auth::Caller;
use crate::error::AppError;
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::project_editing::{FieldError, LeadInput, PartnerInput, ProjectInput};
use crate::projects::{project_details, project_heading};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use rapporteur_core::partners::parse_partner_line;
use rapporteur_core::{Country, Project, Slug};
use rapporteur_store::{Account, Actor, AuditFilter};

/// A signed-in editor in a browser, with the session's CSRF token; anyone else is sent to sign in or refused.
struct Editor {
    account: Account,
    csrf: String,
}

/// Why a workspace page is not shown: the visitor must sign in first, or the request fails.
pub enum Refusal {
    SignIn,
    App(AppError),
}

impl<E: Into<AppError>> From<E> for Refusal {
    fn from(e: E) -> Self {
        // A page that needs an account sends an anonymous visitor to sign in rather than showing a 401.
        match e.into() {
            AppError::Unauthenticated => Refusal::SignIn,
            other => Refusal::App(other),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::SignIn => Redirect::to("/sign-in").into_response(),
            Refusal::App(e) => e.into_response(),
        }
    }
}

fn editor(caller: Caller) -> Result<Editor, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    Ok(Editor { account, csrf })
}

fn paragraphs_text(p: &[String]) -> String {
    p.join("\n\n")
}

fn text_paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

/// The partner lines the form shows: "Name, Country (ACRONYM)", as sources write them.
fn partner_lines(p: &Project) -> String {
    p.partners
        .iter()
        .map(|x| {
            let country = x.country.map(|c| c.name().to_owned()).unwrap_or_default();
            format!("{}, {} ({})", x.name, country, x.acronym.clone().unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the form sent, as the API's input (one validation for both).
fn input_from_form(slug: &str, form: &Params) -> (ProjectInput, Vec<FieldError>) {
    let text = |k: &str| form.get(k).map(str::to_owned);
    let mut errors = Vec::new();
    let mut partners = Vec::new();
    for (i, line) in form.get("partners").unwrap_or_default().lines().filter(|l| !l.trim().is_empty()).enumerate() {
        match parse_partner_line(line) {
            Ok(found) => partners.extend(found.into_iter().map(|p| PartnerInput {
                name: p.name,
                acronym: p.acronym,
                country: p.country.map(|c| c.iso().to_owned()),
            })),
            Err(e) => errors.push(FieldError { field: format!("partners[{i}]"), detail: e.to_string() }),
        }
    }
    let date = |k: &'static str, errors: &mut Vec<FieldError>| {
        form.get(k).and_then(|v| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| {
                    errors.push(FieldError {
                        field: k.to_owned(),
                        detail: format!("{v:?} is not a date such as 2018-06-13"),
                    })
                })
                .ok()
        })
    };
    let input = ProjectInput {
        slug: slug.to_owned(),
        acronym: text("acronym"),
        title: text("title").unwrap_or_default(),
        reference: text("reference").unwrap_or_default(),
        coordinator: LeadInput {
            role: text("coordinator_role").unwrap_or_default(),
            name: text("coordinator_name"),
            address: text("coordinator_address"),
            country: text("coordinator_country"),
            as_written: None,
        },
        principal_investigator: text("principal_investigator"),
        budget_eur: text("budget_eur"),
        budget_as_written: None,
        start_date: date("start_date", &mut errors),
        end_date: date("end_date", &mut errors),
        duration_months: None,
        timeframe_as_written: None,
        partners,
        partners_note: text("partners_note"),
        objectives: text_paragraphs(form.get("objectives").unwrap_or_default()),
        mid_term_summary: Vec::new(),
        trafficking_link: text_paragraphs(form.get("trafficking_link").unwrap_or_default()),
        publications: text("publications"),
        published: false,
    };
    (input, errors)
}

/// The edit form, filled with `values`, with each field's error next to it.
fn edit_form(cat: &Catalogue, slug: &str, csrf: &str, values: &Params, errors: &[FieldError]) -> Markup {
    let v = |k: &str| values.get(k).unwrap_or_default().to_owned();
    let error_of = |field: &str| {
        errors.iter().find(|e| e.field == field || e.field.starts_with(&format!("{field}["))).map(|e| e.detail.clone())
    };
    let field = |name: &'static str, label: String, kind: &'static str| {
        let error = error_of(name);
        let id = format!("f-{name}");
        let error_id = format!("{id}-error");
        html! {
            div.field {
                label for=(id) { (label) }
                @if let Some(e) = &error { p.field-error id=(error_id) { (e) } }
                input id=(id) type=(kind) name=(name) value=(v(name)) aria-invalid=[error.as_ref().map(|_| "true")]
                    aria-describedby=[error.as_ref().map(|_| error_id.clone())];
            }
        }
    };
    let area = |name: &'static str, label: String, hint: String| {
        let error = error_of(name);
        let id = format!("f-{name}");
        html! {
            div.field {
                label for=(id) { (label) }
                p.hint id={ (id) "-hint" } { (hint) }
                @if let Some(e) = &error { p.field-error id={ (id) "-error" } { (e) } }
                textarea id=(id) name=(name) rows="6" aria-describedby={ (id) "-hint" @if error.is_some() { " " (id) "-error" } } { (v(name)) }
            }
        }
    };
    html! {
        form.form.form--wide method="post" action={ "/workspace/projects/" (slug) "/edit" } {
            input type="hidden" name="csrf" value=(csrf);
            (field("acronym", cat.t("edit-acronym"), "text"))
            (field("title", cat.t("edit-title"), "text"))
            (field("reference", cat.t("edit-reference"), "text"))
            div.field {
                label for="f-coordinator_role" { (cat.t("edit-coordinator-role")) }
                select #f-coordinator_role name="coordinator_role" {
                    option value="coordinator" selected[v("coordinator_role") == "coordinator"] { (cat.t("project-coordinator")) }
                    option value="host_institution" selected[v("coordinator_role") == "host_institution"] { (cat.t("project-host")) }
                }
            }
            (field("coordinator_name", cat.t("edit-coordinator-name"), "text"))
            (field("coordinator_address", cat.t("edit-coordinator-address"), "text"))
            div.field {
                label for="f-coordinator_country" { (cat.t("edit-coordinator-country")) }
                @if let Some(e) = error_of("coordinator.country") { p.field-error { (e) } }
                select #f-coordinator_country name="coordinator_country" {
                    option value="" { (cat.t("unknown")) }
                    @for c in Country::all() { option value=(c.iso()) selected[v("coordinator_country") == c.iso()] { (c.name()) } }
                }
            }
            (field("principal_investigator", cat.t("project-pi"), "text"))
            (field("budget_eur", cat.t("edit-budget"), "text"))
            (field("start_date", cat.t("edit-start"), "date"))
            (field("end_date", cat.t("edit-end"), "date"))
            (area("partners", cat.t("project-partners"), cat.t("edit-partners-hint")))
            (field("partners_note", cat.t("edit-partners-note"), "text"))
            (area("objectives", cat.t("project-objectives"), cat.t("edit-paragraphs-hint")))
            (area("trafficking_link", cat.t("project-link-thb"), cat.t("edit-paragraphs-hint")))
            (field("publications", cat.t("project-publications"), "text"))
            div.actions {
                button type="submit" name="action" value="preview" { (cat.t("edit-preview")) }
                button type="submit" name="action" value="save" { (cat.t("edit-save")) }
            }
        }
    }
}

fn form_values(p: &Project) -> Params {
    let mut pairs = vec![
        ("acronym", p.acronym.clone().unwrap_or_default()),
        ("title", p.title.clone()),
        ("reference", p.reference.as_written.clone()),
        ("coordinator_role", p.lead.role.code().to_owned()),
        ("coordinator_name", p.lead.name.clone().unwrap_or_default()),
        ("coordinator_address", p.lead.address.clone().unwrap_or_default()),
        ("coordinator_country", p.lead.country.map(|c| c.iso().to_owned()).unwrap_or_default()),
        ("principal_investigator", p.principal_investigator.clone().unwrap_or_default()),
        ("budget_eur", p.budget.map(|b| b.to_decimal_string()).unwrap_or_default()),
        ("start_date", p.start_date.map(|d| d.to_string()).unwrap_or_default()),
        ("end_date", p.end_date.map(|d| d.to_string()).unwrap_or_default()),
        ("partners", partner_lines(p)),
        ("partners_note", p.partners_note.clone().unwrap_or_default()),
        ("objectives", paragraphs_text(&p.objectives)),
        ("trafficking_link", paragraphs_text(&p.trafficking_link)),
        ("publications", p.publications.clone().unwrap_or_default()),
    ];
    Params::from_pairs(pairs.drain(..).map(|(k, v)| (k.to_owned(), v)).collect())
}

async fn load_for_editing(state: &AppState, slug: &str) -> Result<Project, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    state.repo.find_project_for_editing(&slug).await?.ok_or(AppError::NotFound)
}

fn edit_page(
    cat: &Catalogue,
    project: &Project,
    ed: &Editor,
    values: &Params,
    errors: &[FieldError],
    preview: Option<&Project>,
) -> Markup {
    let title = cat.t_args("edit-page-title", &[("project", project.short_name().into())]);
    let meta = PageMeta::new(cat, Section::Projects, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    page(
        meta,
        html! {
            h1 { (title) }
            p.meta {
                (cat.t(if project.published { "edit-state-published" } else { "edit-state-draft" })) " · "
                a href={ "/workspace/projects/" (project.slug) "/revisions" } { (cat.t("edit-revisions-link")) }
            }
            form.inline-form method="post" action={ "/workspace/projects/" (project.slug) (if project.published { "/unpublish" } else { "/publish" }) } {
                input type="hidden" name="csrf" value=(ed.csrf);
                button type="submit" { (cat.t(if project.published { "edit-unpublish" } else { "edit-publish" })) }
            }
            @if !errors.is_empty() {
                div.notice.notice--error role="alert" {
                    p { (cat.t_args("edit-errors", &[("count", errors.len().into())])) }
                    ul { @for e in errors { li { (e.field) ": " (e.detail) } } }
                }
            }
            @if let Some(p) = preview {
                section.preview aria-labelledby="preview-heading" {
                    h2 #preview-heading { (cat.t("edit-preview-heading")) }
                    p.notice { (cat.t("edit-preview-note")) }
                    div.preview__page {
                        p.preview__title { (project_heading(p)) }
                        (project_details(cat, p))
                    }
                }
            }
            h2 { (cat.t("edit-form-heading")) }
            (edit_form(cat, project.slug.as_str(), &ed.csrf, values, errors))
        },
    )
}

pub async fn show_edit_project(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    let ed = editor(caller)?;
    let project = load_for_editing(&state, &slug).await?;
    Ok(edit_page(cat, &project, &ed, &form_values(&project), &[], None))
}

pub async fn submit_edit_project(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let current = load_for_editing(&state, &slug).await?;
    let (input, mut errors) = input_from_form(current.slug.as_str(), &form);
    let candidate = match input.into_project() {
        Ok(p) if errors.is_empty() => Some(p),
        Ok(_) => None,
        Err(more) => {
            errors.extend(more);
            None
        }
    };
    let Some(mut candidate) = candidate else {
        return Ok(
            (StatusCode::UNPROCESSABLE_ENTITY, edit_page(cat, &current, &ed, &form, &errors, None)).into_response()
        );
    };
    candidate.published = current.published;
    if form.get("action") != Some("save") {
        return Ok(edit_page(cat, &current, &ed, &form, &[], Some(&candidate)).into_response());
    }
    let saved = state.repo.update_project(&Actor::Account(ed.account.email.clone()), &candidate).await?;
    crate::project_editing::reindex(&state, &saved)?;
    Ok(Redirect::to(&format!("/workspace/projects/{}/revisions", saved.slug)).into_response())
}

/// The editor behind a submitted form: the session's CSRF token first, then the role.
fn editor_with_csrf(caller: Caller, form: &Params) -> Result<Editor, Refusal> {
    caller.writer(form.get("csrf"))?;
    editor(caller)
}

async fn set_published(
    state: AppState,
    caller: Caller,
    slug: String,
    body: Bytes,
    published: bool,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let project = state.repo.set_project_published(&Actor::Account(ed.account.email.clone()), &slug, published).await?;
    crate::project_editing::reindex(&state, &project)?;
    Ok(Redirect::to(&format!("/workspace/projects/{slug}/edit")))
}

pub async fn publish_project(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_published(state, caller, slug, body, true).await
}

pub async fn unpublish_project(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_published(state, caller, slug, body, false).await
}

pub async fn show_project_revisions(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    editor(caller)?;
    let project = load_for_editing(&state, &slug).await?;
    let revisions = state.repo.list_project_revisions(&project.slug).await?;
    let title = cat.t_args("revisions-title", &[("project", project.short_name().into())]);
    let meta = PageMeta::new(cat, Section::Projects, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { a href={ "/workspace/projects/" (project.slug) "/edit" } { (cat.t("revisions-edit-link")) } }
            @if revisions.is_empty() {
                p { (cat.t("revisions-none")) }
            } @else {
                table.data-table {
                    caption { (cat.t("revisions-caption")) }
                    thead { tr {
                        th scope="col" { (cat.t("revisions-number")) }
                        th scope="col" { (cat.t("revisions-when")) }
                        th scope="col" { (cat.t("revisions-who")) }
                        th scope="col" { (cat.t("revisions-what")) }
                        th scope="col" { (cat.t("edit-title")) }
                    } }
                    tbody {
                        @for r in &revisions {
                            tr {
                                td { (r.revision) }
                                td { time datetime=(r.at) { (r.at.replace('T', " ").trim_end_matches('Z')) " UTC" } }
                                td { (r.actor) }
                                td { (cat.t(&format!("revision-action-{}", r.action))) }
                                td { (project_heading(&r.project)) }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The audit log for admins, with the API's filters.
pub async fn show_audit(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    params: Params,
) -> Result<Markup, Refusal> {
    let account = caller.account.ok_or(Refusal::SignIn)?;
    if !account.role.is_admin() {
        return Err(AppError::Forbidden.into());
    }
    let filter = AuditFilter {
        actor: params.get("actor").map(str::to_owned),
        object_kind: None,
        object_key: params.get("object").map(str::to_owned),
        from: None,
        to: None,
    };
    let paging = params.paging(50)?;
    let log = state.repo.list_audit(&filter, paging).await?;
    let meta = PageMeta::new(cat, Section::None, cat.t("audit-title")).trail(cat.t("nav-home"), "/");
    let pairs: Vec<(String, String)> =
        ["actor", "object"].iter().filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v.to_owned()))).collect();
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("audit-title")) }
            form.filters method="get" action="/workspace/audit" {
                div.field { label for="a-actor" { (cat.t("audit-actor")) } input #a-actor type="text" name="actor" value=(params.get("actor").unwrap_or_default()); }
                div.field { label for="a-object" { (cat.t("audit-object")) } input #a-object type="text" name="object" value=(params.get("object").unwrap_or_default()); }
                div.actions { button type="submit" { (cat.t("filter-apply")) } }
            }
            table.data-table {
                caption { (cat.t_args("results-count", &[("count", log.total.into())])) }
                thead { tr {
                    th scope="col" { (cat.t("revisions-when")) }
                    th scope="col" { (cat.t("revisions-who")) }
                    th scope="col" { (cat.t("revisions-what")) }
                    th scope="col" { (cat.t("audit-object")) }
                } }
                tbody {
                    @for e in &log.items {
                        tr {
                            td { (e.at) }
                            td { (e.actor) }
                            td { (e.action) }
                            td { (e.object_kind) " " (e.object_key) }
                        }
                    }
                }
            }
            (crate::layout::pagination(cat, "/workspace/audit", &pairs, paging.page(), paging.page_count(log.total)))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_round_trip() {
        let p = vec!["One.".to_owned(), "Two\nlines.".to_owned()];
        assert_eq!(text_paragraphs(&paragraphs_text(&p)), p);
        assert!(text_paragraphs("\n\n  \n").is_empty());
    }
}
