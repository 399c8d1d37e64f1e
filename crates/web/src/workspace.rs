//! The editors' workspace in the browser: projects (drafts, new ones, editing with a preview, publication,
//! revisions) and the audit log for admins; also what every workspace page shares: who may see it, the save
//! buttons, the table of revisions. Every form carries the session's CSRF token.

use crate::auth::Caller;
use crate::error::AppError;
use crate::form::{paragraphs_text, text_paragraphs, Form};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::project_editing::{FieldError, LeadInput, PartnerInput, ProjectInput};
use crate::projects::{project_details, project_heading};
use crate::workspace_content::{editing_page, Saved};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use rapporteur_core::partners::parse_partner_line;
use rapporteur_core::{Country, Project, Slug};
use rapporteur_store::{Account, Actor};

/// A signed-in editor in a browser, with the session's CSRF token; anyone else is sent to sign in or refused.
pub(crate) struct Editor {
    pub account: Account,
    pub csrf: String,
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

pub(crate) fn editor(caller: Caller) -> Result<Editor, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    Ok(Editor { account, csrf })
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

/// The project form, filled with `values`, with each field's error next to it; it posts to `action`.
fn project_form(cat: &Catalogue, action: &str, csrf: &str, form: &Form<'_>, with_slug: bool) -> Markup {
    let text = |name: &str, label: &str| form.input(name, label, "text", None);
    let roles = [
        ("coordinator".to_owned(), cat.t("project-coordinator")),
        ("host_institution".to_owned(), cat.t("project-host")),
    ];
    let countries: Vec<(String, String)> = std::iter::once((String::new(), cat.t("unknown")))
        .chain(Country::all().map(|c| (c.iso().to_owned(), c.name().to_owned())))
        .collect();
    html! {
        form.form.form--wide method="post" action=(action) {
            input type="hidden" name="csrf" value=(csrf);
            @if with_slug { (form.input("slug", &cat.t("edit-slug"), "text", Some(&cat.t("edit-slug-hint")))) }
            (text("acronym", &cat.t("edit-acronym")))
            (text("title", &cat.t("edit-title")))
            (text("reference", &cat.t("edit-reference")))
            (form.select("coordinator_role", &cat.t("edit-coordinator-role"), &roles))
            (text("coordinator_name", &cat.t("edit-coordinator-name")))
            (text("coordinator_address", &cat.t("edit-coordinator-address")))
            (form.select("coordinator_country", &cat.t("edit-coordinator-country"), &countries))
            (text("principal_investigator", &cat.t("project-pi")))
            (text("budget_eur", &cat.t("edit-budget")))
            (form.input("start_date", &cat.t("edit-start"), "date", None))
            (form.input("end_date", &cat.t("edit-end"), "date", None))
            (form.area("partners", &cat.t("project-partners"), &cat.t("edit-partners-hint")))
            (text("partners_note", &cat.t("edit-partners-note")))
            (form.area("objectives", &cat.t("project-objectives"), &cat.t("edit-paragraphs-hint")))
            (form.area("trafficking_link", &cat.t("project-link-thb"), &cat.t("edit-paragraphs-hint")))
            (text("publications", &cat.t("project-publications")))
            (save_buttons(cat))
        }
    }
}

/// Preview and save: nothing is stored until "save".
pub(crate) fn save_buttons(cat: &Catalogue) -> Markup {
    html! {
        div.actions {
            button type="submit" name="action" value="preview" { (cat.t("edit-preview")) }
            button type="submit" name="action" value="save" { (cat.t("edit-save")) }
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

/// The project's editing page; `existing` is `None` for a new project (which also asks for its slug).
fn edit_page(
    cat: &Catalogue,
    existing: Option<&Project>,
    ed: &Editor,
    form: &Form<'_>,
    preview: Option<&Project>,
) -> Markup {
    let (title, action) = match existing {
        Some(p) => (
            cat.t_args("edit-page-title", &[("project", p.short_name().into())]),
            format!("/workspace/projects/{}/edit", p.slug),
        ),
        None => (cat.t("workspace-new-project"), "/workspace/projects/new".to_owned()),
    };
    let meta = PageMeta::new(cat, Section::Projects, title)
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("workspace-list-title-project"), "/workspace/projects");
    editing_page(
        meta,
        &ed.csrf,
        existing.map(|p| Saved { published: p.published, base: format!("/workspace/projects/{}", p.slug) }),
        form.errors,
        preview.map(|p| (project_heading(p), project_details(cat, p))),
        project_form(cat, &action, &ed.csrf, form, existing.is_none()),
    )
}

/// The projects the public lists do not show (drafts and withdrawn ones), and the way to start a new one.
pub async fn list_projects(State(state): State<AppState>, Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    editor(caller)?;
    let unpublished = state.repo.list_unpublished_projects().await?;
    let title = cat.t("workspace-list-title-project");
    let meta = PageMeta::new(cat, Section::Projects, title.clone()).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { a.button href="/workspace/projects/new" { (cat.t("workspace-new-project")) } }
            p { (cat.t("workspace-projects-published-hint")) " " a href="/projects" { (cat.t("projects-title")) } }
            h2 { (cat.t("workspace-projects-unpublished")) }
            @if unpublished.is_empty() {
                p { (cat.t("workspace-projects-none-unpublished")) }
            } @else {
                ul {
                    @for p in &unpublished {
                        li {
                            a href={ "/workspace/projects/" (p.slug) "/edit" } { (project_heading(p)) }
                            " · " a href={ "/workspace/projects/" (p.slug) "/revisions" } { (cat.t("edit-revisions-link")) }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn show_new_project(Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    let ed = editor(caller)?;
    let values = Params::from_pairs(vec![("coordinator_role".into(), "coordinator".into())]);
    Ok(edit_page(cat, None, &ed, &Form { values: &values, errors: &[] }, None))
}

/// Checks a submitted project form: the project, or the page again with every error (to send with 422).
fn checked_project(
    cat: &Catalogue,
    existing: Option<&Project>,
    ed: &Editor,
    slug: &str,
    form: &Params,
) -> Result<Project, Markup> {
    let (input, mut errors) = input_from_form(slug, form);
    match input.into_project() {
        Ok(p) if errors.is_empty() => Ok(p),
        Ok(_) => Err(()),
        Err(more) => {
            // The API names the lead's parts as a path; the form's fields are flat.
            errors.extend(
                more.into_iter().map(|e| FieldError { field: e.field.replace("coordinator.", "coordinator_"), ..e }),
            );
            Err(())
        }
    }
    .map_err(|()| edit_page(cat, existing, ed, &Form { values: form, errors: &errors }, None))
}

pub async fn submit_new_project(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let slug = form.get("slug").unwrap_or_default().to_owned();
    let project = match checked_project(cat, None, &ed, &slug, &form) {
        Ok(p) => p,
        Err(page) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()),
    };
    if form.get("action") != Some("save") {
        return Ok(edit_page(cat, None, &ed, &Form { values: &form, errors: &[] }, Some(&project)).into_response());
    }
    match state.repo.create_project(&Actor::Account(ed.account.email.clone()), &project).await {
        Ok(created) => {
            crate::project_editing::reindex(&state, &created)?;
            Ok(Redirect::to(&format!("/workspace/projects/{}/edit", created.slug)).into_response())
        }
        Err(rapporteur_store::StoreError::Conflict { .. }) => {
            let errors = [FieldError::new("slug", cat.t_args("edit-slug-taken", &[("slug", slug.as_str().into())]))];
            let page = edit_page(cat, None, &ed, &Form { values: &form, errors: &errors }, None);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn show_edit_project(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    let ed = editor(caller)?;
    let project = load_for_editing(&state, &slug).await?;
    let values = form_values(&project);
    Ok(edit_page(cat, Some(&project), &ed, &Form { values: &values, errors: &[] }, None))
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
    let mut candidate = match checked_project(cat, Some(&current), &ed, current.slug.as_str(), &form) {
        Ok(p) => p,
        Err(page) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()),
    };
    candidate.published = current.published;
    if form.get("action") != Some("save") {
        let form = Form { values: &form, errors: &[] };
        return Ok(edit_page(cat, Some(&current), &ed, &form, Some(&candidate)).into_response());
    }
    let saved = state.repo.update_project(&Actor::Account(ed.account.email.clone()), &candidate).await?;
    crate::project_editing::reindex(&state, &saved)?;
    Ok(Redirect::to(&format!("/workspace/projects/{}/revisions", saved.slug)).into_response())
}

/// The editor behind a submitted form: the session's CSRF token first, then the role.
pub(crate) fn editor_with_csrf(caller: Caller, form: &Params) -> Result<Editor, Refusal> {
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
    let rows: Vec<_> = revisions
        .iter()
        .map(|r| RevisionRow {
            revision: r.revision,
            at: r.at.clone(),
            actor: r.actor.clone(),
            action: r.action.clone(),
            title: project_heading(&r.project),
        })
        .collect();
    let title = cat.t_args("revisions-title", &[("project", project.short_name().into())]);
    let meta = PageMeta::new(cat, Section::Projects, title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("projects-title"), "/projects");
    Ok(page(
        meta,
        html! {
            h1 { (title) }
            p { a href={ "/workspace/projects/" (project.slug) "/edit" } { (cat.t("revisions-edit-link")) } }
            (revisions_table(cat, &rows))
        },
    ))
}

/// One saved state, as the table of revisions shows it.
pub(crate) struct RevisionRow {
    pub revision: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    /// The title (or name) as it was then.
    pub title: String,
}

/// Every saved state, newest first: number, time, who, what, and the title as it was.
pub(crate) fn revisions_table(cat: &Catalogue, rows: &[RevisionRow]) -> Markup {
    html! {
        @if rows.is_empty() {
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
                    @for r in rows {
                        tr {
                            td { (r.revision) }
                            td { time datetime=(r.at) { (r.at.replace('T', " ").trim_end_matches('Z')) " UTC" } }
                            td { (r.actor) }
                            td { (cat.t(&format!("revision-action-{}", r.action))) }
                            td { (r.title) }
                        }
                    }
                }
            }
        }
    }
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
    let filter = crate::me::audit_filter(&params)?;
    let paging = params.paging(50)?;
    let log = state.repo.list_audit(&filter, paging).await?;
    let meta = PageMeta::new(cat, Section::None, cat.t("audit-title")).trail(cat.t("nav-home"), "/");
    let pairs: Vec<(String, String)> = ["actor", "object_kind", "object", "from", "to"]
        .iter()
        .filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v.to_owned())))
        .collect();
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("audit-title")) }
            form.filters method="get" action="/workspace/audit" {
                div.field { label for="a-actor" { (cat.t("audit-actor")) } input #a-actor type="text" name="actor" value=(params.get("actor").unwrap_or_default()); }
                div.field { label for="a-object" { (cat.t("audit-object")) } input #a-object type="text" name="object" value=(params.get("object").unwrap_or_default()); }
                div.field { label for="a-kind" { (cat.t("audit-kind")) } input #a-kind type="text" name="object_kind" value=(params.get("object_kind").unwrap_or_default()); }
                div.field { label for="a-from" { (cat.t("audit-from")) } input #a-from type="date" name="from" value=(params.get("from").unwrap_or_default()); }
                div.field { label for="a-to" { (cat.t("audit-to")) } input #a-to type="date" name="to" value=(params.get("to").unwrap_or_default()); }
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
