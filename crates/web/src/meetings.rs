//! The biannual meetings of the EU Network of NREMs in the workspace and the API: details and minutes by
//! editors, attendance by editors or each Member State's own rapporteur, documents with type and size limits.

use crate::auth::{csrf_header, Caller};
use crate::error::{ApiError, AppError};
use crate::form::{paragraphs_text, text_paragraphs};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::workspace::Refusal;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::{MemberState, Slug};
use rapporteur_store::{Account, Actor, Meeting, MeetingDocument};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The largest document accepted.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Accepted document types: the content type and the bytes each must start with, so that a renamed
/// executable is refused whatever it claims to be.
const DOCUMENT_TYPES: &[(&str, &str, &[u8])] = &[
    ("pdf", "application/pdf", b"%PDF-"),
    ("odt", "application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
];

/// Checks a document's name, declared type and first bytes; returns the content type to store.
pub fn check_document(filename: &str, content: &[u8]) -> Result<&'static str, AppError> {
    if content.is_empty() {
        return Err(AppError::bad("file", "the file is empty"));
    }
    if content.len() > MAX_DOCUMENT_BYTES {
        return Err(AppError::bad("file", format!("the file is larger than {} MB", MAX_DOCUMENT_BYTES / 1024 / 1024)));
    }
    let extension = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (_, content_type, magic) = DOCUMENT_TYPES
        .iter()
        .find(|(ext, _, _)| *ext == extension)
        .ok_or_else(|| AppError::bad("file", "only PDF, ODT and DOCX documents are accepted"))?;
    if !content.starts_with(magic) {
        return Err(AppError::bad("file", format!("the file is not a real .{extension} document")));
    }
    Ok(content_type)
}

fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars().filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ')).take(120).collect()
}

/// May record this Member State's attendance: editors, admins and its own rapporteur.
fn may_record_attendance(account: &Account, ms: MemberState) -> bool {
    account.role.may_act_for_member_state(ms)
}

/// May add documents: editors, admins and rapporteurs (their contributions).
fn may_add_documents(account: &Account) -> bool {
    account.role.may_edit_content() || matches!(account.role, rapporteur_core::accounts::Role::Rapporteur { .. })
}

async fn load(state: &AppState, slug: &str) -> Result<Meeting, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    state.repo.find_meeting(&slug).await?.ok_or(AppError::NotFound)
}

/// A meeting as editors send it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    pub slug: String,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// ISO code of the Member State holding the Council Presidency.
    pub presidency: String,
    #[serde(default)]
    pub joint_with_csp: bool,
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub minutes: Vec<String>,
}

fn meeting_from(input: MeetingInput) -> Result<Meeting, AppError> {
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        return Err(AppError::bad("title", "a meeting needs a title"));
    }
    Ok(Meeting {
        slug: Slug::parse(input.slug.trim()).map_err(|e| AppError::bad("slug", e.to_string()))?,
        title,
        date: input.date,
        presidency: MemberState::parse(&input.presidency).map_err(|e| AppError::bad("presidency", e.to_string()))?,
        joint_with_csp: input.joint_with_csp,
        agenda: input.agenda.into_iter().filter(|p| !p.trim().is_empty()).collect(),
        minutes: input.minutes.into_iter().filter(|p| !p.trim().is_empty()).collect(),
    })
}

/// A meeting in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingResource {
    pub slug: String,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// "2018 H1"
    pub semester: String,
    pub presidency: String,
    pub joint_with_csp: bool,
    pub agenda: Vec<String>,
    pub minutes: Vec<String>,
    /// ISO codes of the Member States recorded as present.
    pub present: Vec<String>,
}

/// Meetings, newest first (signed-in accounts).
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", security(("bearer" = [])),
    responses((status = 200, body = [MeetingResource]), (status = 401)))]
pub async fn list_meetings_api(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<MeetingResource>>, ApiError> {
    caller.required()?;
    let mut out = Vec::new();
    for m in state.repo.list_meetings().await? {
        let present = state
            .repo
            .list_attendance(&m.slug)
            .await?
            .into_iter()
            .filter(|a| a.present)
            .map(|a| a.member_state.iso().to_owned())
            .collect();
        out.push(MeetingResource {
            semester: m.semester(),
            slug: m.slug.to_string(),
            title: m.title,
            date: m.date,
            presidency: m.presidency.iso().to_owned(),
            joint_with_csp: m.joint_with_csp,
            agenda: m.agenda,
            minutes: m.minutes,
            present,
        });
    }
    Ok(Json(out))
}

/// Create or replace a meeting (editors).
#[utoipa::path(put, path = "/api/v1/meetings/{slug}", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path)), request_body = MeetingInput,
    responses((status = 204), (status = 400), (status = 401), (status = 403)))]
pub async fn save_meeting_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let account = caller.writer(csrf_header(&headers))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    let meeting = meeting_from(crate::params::json_body(&body)?)?;
    if meeting.slug.as_str() != slug {
        return Err(AppError::bad("slug", "the body's slug differs from the address's").into());
    }
    state.repo.save_meeting(&Actor::Account(account.email.clone()), &meeting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Attendance to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    pub present: bool,
}

/// Record a Member State's attendance (editors, or that Member State's rapporteur).
#[utoipa::path(put, path = "/api/v1/meetings/{slug}/attendance/{code}", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path), ("code" = String, Path)), request_body = AttendanceInput,
    responses((status = 204), (status = 401), (status = 403), (status = 404)))]
pub async fn record_attendance_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((slug, code)): Path<(String, String)>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let account = caller.writer(csrf_header(&headers))?;
    let ms = MemberState::parse(&code).map_err(|_| AppError::NotFound)?;
    if !may_record_attendance(&account, ms) {
        return Err(AppError::Forbidden.into());
    }
    let input: AttendanceInput = crate::params::json_body(&body)?;
    let meeting = load(&state, &slug).await?;
    state.repo.record_attendance(&Actor::Account(account.email.clone()), &meeting.slug, ms, input.present).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reads the one file of a multipart upload.
async fn read_upload(mut multipart: Multipart) -> Result<(String, Vec<u8>, Option<String>), AppError> {
    let mut file = None;
    let mut csrf = None;
    while let Some(field) =
        multipart.next_field().await.map_err(|e| AppError::bad("file", format!("the upload is malformed: {e}")))?
    {
        match field.name() {
            Some("file") => {
                let name = clean_filename(field.file_name().unwrap_or("document"));
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::bad("file", "the file is larger than 10 MB or the upload broke off"))?;
                file = Some((name, bytes.to_vec()));
            }
            Some("csrf") => csrf = field.text().await.ok(),
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| AppError::bad("file", "choose a file to upload"))?;
    Ok((name, bytes, csrf))
}

async fn store_upload(
    state: &AppState,
    account: &Account,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> Result<MeetingDocument, AppError> {
    if !may_add_documents(account) {
        return Err(AppError::Forbidden);
    }
    let content_type = check_document(name, bytes)?;
    let meeting = load(state, slug).await?;
    Ok(state
        .repo
        .add_document(&Actor::Account(account.email.clone()), &meeting.slug, name, content_type, bytes)
        .await?)
}

/// Upload a document (PDF, ODT or DOCX, at most 10 MB) as multipart field `file` (editors and rapporteurs).
#[utoipa::path(post, path = "/api/v1/meetings/{slug}/documents", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path)),
    responses((status = 201), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn upload_document_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<StatusCode, ApiError> {
    let account = caller.writer(csrf_header(&headers))?;
    let (name, bytes, _) = read_upload(multipart).await?;
    store_upload(&state, &account, &slug, &name, &bytes).await?;
    Ok(StatusCode::CREATED)
}

/// A meeting's document, for signed-in accounts.
pub async fn download_document(
    State(state): State<AppState>,
    caller: Caller,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, Refusal> {
    caller.required()?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let (doc, bytes) = state.repo.read_document(&slug, id).await?.ok_or(AppError::NotFound)?;
    let disposition = format!("attachment; filename=\"{}\"", doc.filename.replace('"', ""));
    Ok(([(header::CONTENT_TYPE, doc.content_type), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

pub async fn show_meetings(State(state): State<AppState>, Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let meetings = state.repo.list_meetings().await?;
    let meta = PageMeta::new(cat, Section::Network, cat.t("meetings-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("meetings-title")) }
            p { (cat.t("meetings-intro")) }
            @if meetings.is_empty() { p { (cat.t("meetings-none")) } }
            ul { @for m in &meetings { li { a href={ "/workspace/meetings/" (m.slug) } { (m.title) } " – " (m.date.format("%-d %B %Y").to_string()) " (" (m.semester()) ", " (m.presidency.name()) ")" } } }
            @if account.role.may_edit_content() {
                h2 { (cat.t("meetings-create")) }
                form.form method="post" action="/workspace/meetings" {
                    input type="hidden" name="csrf" value=(csrf);
                    div.field { label for="m-slug" { (cat.t("meetings-slug")) } input #m-slug type="text" name="slug" required pattern="[a-z0-9-]+"; }
                    div.field { label for="m-title" { (cat.t("edit-title")) } input #m-title type="text" name="title" required; }
                    div.field { label for="m-date" { (cat.t("commitment-date")) } input #m-date type="date" name="date" required; }
                    div.field {
                        label for="m-presidency" { (cat.t("meetings-presidency")) }
                        select #m-presidency name="presidency" { @for ms in MemberState::all() { option value=(ms.iso()) { (ms.name()) } } }
                    }
                    div.field { label for="m-joint" { input #m-joint type="checkbox" name="joint_with_csp" value="1"; " " (cat.t("meetings-joint")) } }
                    div.field { label for="m-agenda" { (cat.t("meetings-agenda")) } textarea #m-agenda name="agenda" rows="5" {} }
                    div.actions { button type="submit" { (cat.t("edit-save")) } }
                }
            }
        },
    ))
}

pub async fn create_meeting_form(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let account = caller.writer(form.get("csrf"))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    let date = form
        .get("date")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| AppError::bad("date", "give the meeting's date"))?;
    let slug = form.get("slug").unwrap_or_default().to_owned();
    let existing = Slug::parse(&slug).ok();
    let minutes = match &existing {
        Some(s) => state.repo.find_meeting(s).await?.map(|m| m.minutes).unwrap_or_default(),
        None => Vec::new(),
    };
    let meeting = meeting_from(MeetingInput {
        slug,
        title: form.get("title").unwrap_or_default().to_owned(),
        date,
        presidency: form.get("presidency").unwrap_or_default().to_owned(),
        joint_with_csp: form.get("joint_with_csp").is_some(),
        agenda: text_paragraphs(form.get("agenda").unwrap_or_default()),
        minutes,
    })?;
    state.repo.save_meeting(&Actor::Account(account.email.clone()), &meeting).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

fn document_list(cat: &Catalogue, slug: &Slug, docs: &[MeetingDocument]) -> Markup {
    html! {
        @if docs.is_empty() { p { (cat.t("meetings-no-documents")) } }
        ul { @for d in docs { li { a href={ "/workspace/meetings/" (slug) "/documents/" (d.id) } { (d.filename) } " (" (d.size / 1024 + 1) " KB, " (d.uploaded_by) ")" } } }
    }
}

pub async fn show_meeting(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    let (account, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let m = load(&state, &slug).await?;
    let attendance = state.repo.list_attendance(&m.slug).await?;
    let docs = state.repo.list_documents(&m.slug).await?;
    let meta = PageMeta::new(cat, Section::Network, m.title.clone())
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("meetings-title"), "/workspace/meetings");
    Ok(page(
        meta,
        html! {
            h1 { (m.title) }
            dl.facts {
                dt { (cat.t("commitment-date")) } dd { (m.date.format("%-d %B %Y").to_string()) }
                dt { (cat.t("meetings-chairs")) } dd { (cat.t_args("meetings-chairs-value", &[("presidency", m.presidency.name().into()), ("semester", m.semester().into())])) }
                @if m.joint_with_csp { dt { (cat.t("meetings-joint")) } dd { (cat.t("meetings-yes")) } }
            }
            h2 { (cat.t("meetings-agenda")) }
            (crate::layout::paragraphs(&m.agenda))
            h2 { (cat.t("meetings-minutes")) }
            @if m.minutes.is_empty() { p { (cat.t("meetings-no-minutes")) } } @else { (crate::layout::paragraphs(&m.minutes)) }
            @if account.role.may_edit_content() {
                form.form.form--wide method="post" action={ "/workspace/meetings/" (m.slug) "/minutes" } {
                    input type="hidden" name="csrf" value=(csrf);
                    div.field {
                        label for="minutes" { (cat.t("meetings-minutes-edit")) }
                        p.hint #minutes-hint { (cat.t("edit-paragraphs-hint")) }
                        textarea #minutes name="minutes" rows="10" aria-describedby="minutes-hint" { (paragraphs_text(&m.minutes)) }
                    }
                    div.actions { button type="submit" { (cat.t("meetings-minutes-save")) } }
                }
            }
            h2 { (cat.t("meetings-documents")) }
            (document_list(cat, &m.slug, &docs))
            @if may_add_documents(&account) {
                form.form method="post" enctype="multipart/form-data" action={ "/workspace/meetings/" (m.slug) "/documents" } {
                    input type="hidden" name="csrf" value=(csrf);
                    div.field {
                        label for="doc-file" { (cat.t("meetings-upload")) }
                        p.hint #doc-hint { (cat.t("meetings-upload-hint")) }
                        input #doc-file type="file" name="file" accept=".pdf,.odt,.docx" aria-describedby="doc-hint" required;
                    }
                    div.actions { button type="submit" { (cat.t("meetings-upload-button")) } }
                }
            }
            h2 { (cat.t("meetings-attendance")) }
            table.data-table {
                caption { (cat.t("meetings-attendance-caption")) }
                thead { tr { th scope="col" { (cat.t("platform-member-state")) } th scope="col" { (cat.t("meetings-present")) } th scope="col" { (cat.t("accounts-actions")) } } }
                tbody {
                    @for ms in MemberState::all() {
                        @let record = attendance.iter().find(|a| a.member_state == ms);
                        tr {
                            th scope="row" { (ms.name()) }
                            td { @match record { Some(a) if a.present => (cat.t("meetings-yes")), Some(_) => (cat.t("meetings-no")), None => (cat.t("commitment-status-none")) } }
                            td {
                                @if may_record_attendance(&account, ms) {
                                    form.inline-form method="post" action={ "/workspace/meetings/" (m.slug) "/attendance/" (ms.iso().to_lowercase()) } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button type="submit" name="present" value="1" { (cat.t("meetings-mark-present")) span.visually-hidden { " " (ms.name()) } }
                                        " "
                                        button type="submit" name="present" value="0" { (cat.t("meetings-mark-absent")) span.visually-hidden { " " (ms.name()) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// Editors write the minutes after the meeting; the rest of the meeting stays as it is.
pub async fn save_minutes_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let account = caller.writer(form.get("csrf"))?;
    if !account.role.may_edit_content() {
        return Err(AppError::Forbidden.into());
    }
    let mut meeting = load(&state, &slug).await?;
    meeting.minutes = text_paragraphs(form.get("minutes").unwrap_or_default());
    state.repo.save_meeting(&Actor::Account(account.email.clone()), &meeting).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

pub async fn record_attendance_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((slug, code)): Path<(String, String)>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let account = caller.writer(form.get("csrf"))?;
    let ms = MemberState::parse(&code).map_err(|_| AppError::NotFound)?;
    if !may_record_attendance(&account, ms) {
        return Err(AppError::Forbidden.into());
    }
    let meeting = load(&state, &slug).await?;
    state
        .repo
        .record_attendance(&Actor::Account(account.email.clone()), &meeting.slug, ms, form.get("present") == Some("1"))
        .await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

pub async fn upload_document_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Redirect, Refusal> {
    let (name, bytes, csrf) = read_upload(multipart).await?;
    let account = caller.writer(csrf.as_deref())?;
    store_upload(&state, &account, &slug, &name, &bytes).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{slug}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_checked_by_name_and_content() {
        assert_eq!(check_document("agenda.pdf", b"%PDF-1.7 ...").unwrap(), "application/pdf");
        assert!(check_document("agenda.PDF", b"%PDF-1.7").is_ok());
        assert!(check_document("minutes.odt", b"PK\x03\x04...").is_ok());
        assert!(check_document("virus.exe", b"MZ").is_err());
        assert!(check_document("fake.pdf", b"MZ not a pdf").is_err());
        assert!(check_document("empty.pdf", b"").is_err());
        assert!(check_document("big.pdf", &vec![b'%'; MAX_DOCUMENT_BYTES + 1]).is_err());
        assert_eq!(clean_filename("../../etc/passwd\"x.pdf"), "passwdx.pdf");
    }
}
