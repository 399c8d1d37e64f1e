//! Editing projects through the API: create, replace, publish, unpublish, revisions. Editors and admins
//! only; every change is audited by the store in the change's own transaction.

use crate::auth::Caller;
use crate::error::{ApiError, AppError};
pub use crate::form::FieldError;
use crate::projects::ProjectResource;
use crate::search::project_doc;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::NaiveDate;
use rapporteur_core::content::{Lead, LeadRole};
use rapporteur_core::{Country, Eur, Partner, Project, ProjectReference, Slug};
use rapporteur_search::DocKind;
use rapporteur_store::{Account, Actor};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A project as an editor sends it. Dates are ISO 8601, the budget a decimal string in euro.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    pub slug: String,
    pub acronym: Option<String>,
    pub title: String,
    /// As the source writes it: "FP7 290529", "28756 – FP6", "ERC-2016-StG Grant #714222".
    pub reference: String,
    pub coordinator: LeadInput,
    pub principal_investigator: Option<String>,
    /// "7999182.00"
    pub budget_eur: Option<String>,
    pub budget_as_written: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<NaiveDate>,
    pub duration_months: Option<u32>,
    pub timeframe_as_written: Option<String>,
    #[serde(default)]
    pub partners: Vec<PartnerInput>,
    pub partners_note: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub mid_term_summary: Vec<String>,
    #[serde(default)]
    pub trafficking_link: Vec<String>,
    pub publications: Option<String>,
    /// Only on creation: publish at once (default: a draft).
    #[serde(default)]
    pub published: bool,
}

/// The coordinator or host institution; leave unknown parts out.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadInput {
    /// coordinator or host_institution
    pub role: String,
    pub name: Option<String>,
    pub address: Option<String>,
    /// ISO 3166-1 alpha-2
    pub country: Option<String>,
    pub as_written: Option<String>,
}

/// A partner.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    pub name: String,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2
    pub country: Option<String>,
}

/// What is wrong with a sent project, field by field.
#[derive(Debug, Serialize, ToSchema)]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl ProjectInput {
    /// Checks every field and builds the project, or lists every problem found.
    pub fn into_project(self) -> Result<Project, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, detail: String| errors.push(FieldError { field: field.to_owned(), detail });
        let slug = Slug::parse(self.slug.trim()).map_err(|e| bad("slug", e.to_string())).ok();
        let title = self.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > 500 {
            bad("title", "the title must have from 1 to 500 characters".into());
        }
        let reference =
            ProjectReference::parse(self.reference.trim()).map_err(|e| bad("reference", e.to_string())).ok();
        let role = LeadRole::parse(self.coordinator.role.trim());
        if role.is_none() {
            bad("coordinator.role", "the role must be coordinator or host_institution".into());
        }
        let country = |field: &str, code: Option<String>, bad: &mut dyn FnMut(&str, String)| -> Option<Country> {
            code.and_then(|c| Country::parse_code(&c).map_err(|e| bad(field, e.to_string())).ok())
        };
        let lead_country = country("coordinator.country", trimmed(self.coordinator.country.clone()), &mut bad);
        let budget = trimmed(self.budget_eur)
            .and_then(|b| Eur::parse_decimal(&b).map_err(|e| bad("budget_eur", e.to_string())).ok());
        if let (Some(s), Some(e)) = (self.start_date, self.end_date) {
            if e < s {
                bad("end_date", "the end date is before the start date".into());
            }
        }
        let mut partners = Vec::new();
        for (i, p) in self.partners.into_iter().enumerate() {
            let name = p.name.trim().to_owned();
            if name.is_empty() {
                bad(&format!("partners[{i}].name"), "a partner needs a name".into());
            }
            let country = country(&format!("partners[{i}].country"), trimmed(p.country), &mut bad);
            partners.push(Partner { name, acronym: trimmed(p.acronym), country });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(slug), Some(reference), Some(role)) = (slug, reference, role) else { return Err(errors) };
        let name = trimmed(self.coordinator.name);
        let address = trimmed(self.coordinator.address);
        let as_written = trimmed(self.coordinator.as_written).unwrap_or_else(|| {
            [name.clone(), address.clone(), lead_country.map(|c| c.name().to_owned())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        Ok(Project {
            slug,
            acronym: trimmed(self.acronym),
            title,
            reference,
            lead: Lead { role, as_written, name, address, country: lead_country },
            principal_investigator: trimmed(self.principal_investigator),
            budget,
            budget_as_written: trimmed(self.budget_as_written),
            start_date: self.start_date,
            end_date: self.end_date,
            duration_months: self.duration_months.or_else(|| {
                self.start_date.zip(self.end_date).map(|(s, e)| rapporteur_core::dates::months_between(s, e))
            }),
            timeframe_as_written: trimmed(self.timeframe_as_written),
            partners,
            partners_note: trimmed(self.partners_note),
            objectives: self.objectives,
            mid_term_summary: self.mid_term_summary,
            trafficking_link: self.trafficking_link,
            publications: trimmed(self.publications),
            synthetic: false,
            published: self.published,
        })
    }
}

/// An editing request failed: the usual errors, or the field-by-field list.
pub enum EditError {
    App(AppError),
    Invalid(Vec<FieldError>),
}

impl<E: Into<AppError>> From<E> for EditError {
    fn from(e: E) -> Self {
        EditError::App(e.into())
    }
}

impl axum::response::IntoResponse for EditError {
    fn into_response(self) -> axum::response::Response {
        match self {
            EditError::App(e) => ApiError(e).into_response(),
            EditError::Invalid(errors) => {
                (StatusCode::UNPROCESSABLE_ENTITY, Json(ValidationErrors { errors })).into_response()
            }
        }
    }
}

/// The editor behind the request, after the role and (for browser sessions) the CSRF header are checked.
pub(crate) fn editor(caller: Caller, headers: &HeaderMap) -> Result<Account, AppError> {
    let account = caller.writer(crate::auth::csrf_header(headers))?;
    if account.role.may_edit_content() {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A JSON body that does not parse, as a field error naming where it stops making sense.
pub(crate) fn json_input<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, EditError> {
    serde_json::from_slice(body).map_err(|e| {
        EditError::Invalid(vec![FieldError::new("body", format!("line {}, column {}: {e}", e.line(), e.column()))])
    })
}

fn read_input(body: &Bytes) -> Result<Project, EditError> {
    json_input::<ProjectInput>(body)?.into_project().map_err(EditError::Invalid)
}

/// Keeps the search index in step with a saved project: published ones are found, others are not.
pub(crate) fn reindex(state: &AppState, project: &Project) -> Result<(), AppError> {
    if project.published {
        state.search.upsert([project_doc(project)])?;
    } else {
        state.search.remove(DocKind::Project, project.slug.as_str())?;
    }
    Ok(())
}

fn actor(account: &Account) -> Actor {
    Actor::Account(account.email.clone())
}

/// Create a project (a draft unless `published` is true).
#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])),
    request_body = ProjectInput,
    responses((status = 201, body = ProjectResource), (status = 401), (status = 403), (status = 409), (status = 422, body = ValidationErrors)))]
pub async fn create_project_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<ProjectResource>), EditError> {
    let account = editor(caller, &headers)?;
    let project = read_input(&body)?;
    let created = state.repo.create_project(&actor(&account), &project).await?;
    reindex(&state, &created)?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Replace a project's content (its publication state stays as it is).
#[utoipa::path(put, path = "/api/v1/projects/{slug}", tag = "projects", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The project's slug; the body's slug must be the same")),
    request_body = ProjectInput,
    responses((status = 200, body = ProjectResource), (status = 401), (status = 403), (status = 404), (status = 422, body = ValidationErrors)))]
pub async fn update_project_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<ProjectResource>, EditError> {
    let account = editor(caller, &headers)?;
    let project = read_input(&body)?;
    if project.slug.as_str() != slug {
        return Err(EditError::Invalid(vec![FieldError {
            field: "slug".into(),
            detail: format!("the body's slug {:?} differs from the address's {slug:?}", project.slug.as_str()),
        }]));
    }
    let updated = state.repo.update_project(&actor(&account), &project).await?;
    reindex(&state, &updated)?;
    Ok(Json(updated.into()))
}

async fn set_published(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    slug: String,
    published: bool,
) -> Result<Json<ProjectResource>, EditError> {
    let account = editor(caller, &headers)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let project = state.repo.set_project_published(&actor(&account), &slug, published).await?;
    reindex(&state, &project)?;
    Ok(Json(project.into()))
}

/// Publish a project.
#[utoipa::path(post, path = "/api/v1/projects/{slug}/publish", tag = "projects", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = ProjectResource), (status = 401), (status = 403), (status = 404)))]
pub async fn publish_project_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<ProjectResource>, EditError> {
    set_published(state, caller, headers, slug, true).await
}

/// Withdraw a project from the public.
#[utoipa::path(post, path = "/api/v1/projects/{slug}/unpublish", tag = "projects", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = ProjectResource), (status = 401), (status = 403), (status = 404)))]
pub async fn unpublish_project_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<ProjectResource>, EditError> {
    set_published(state, caller, headers, slug, false).await
}

/// One revision of a project.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResource {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub project: ProjectResource,
}

/// Every revision of a project, newest first (editors).
#[utoipa::path(get, path = "/api/v1/projects/{slug}/revisions", tag = "projects", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = [RevisionResource]), (status = 401), (status = 403), (status = 404)))]
pub async fn list_project_revisions_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<Vec<RevisionResource>>, EditError> {
    editor(caller, &headers)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let revisions = state.repo.list_project_revisions(&slug).await?;
    if revisions.is_empty() && state.repo.find_project_for_editing(&slug).await?.is_none() {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(
        revisions
            .into_iter()
            .map(|r| RevisionResource {
                revision: r.revision,
                at: r.at,
                actor: r.actor,
                action: r.action,
                project: r.project.into(),
            })
            .collect(),
    ))
}
