//! The biannual meetings of the EU Network of NREMs in the workspace and the API: details and minutes by
//! editors, attendance by editors or each Member State's own rapporteur, documents with type and size limits.

use crate::http::body::read_upload;
use crate::http::download::attachment;
use crate::http::{
    Acting, Acts, AnyAccount, ApiRouter, AppError, Editor, ForMemberState, Json, MeetingContributor, Path, Signed,
    Submitted,
};
use crate::state::AppState;
use crate::ui::form::{paragraphs_text, text_paragraphs};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use maud::{html, Markup};
use rapporteur_core::accounts::Permission;
use rapporteur_core::editing::changed_server_fields;
use rapporteur_core::meetings::{presidency_on, semester_of, Meeting, MeetingDocument};
use rapporteur_core::today_in_brussels;
use rapporteur_core::{MemberState, Slug};
use rapporteur_store::{Account, MeetingDocument as StoredDocument};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/meetings", get(show_meetings).post(create_meeting_form))
        .route("/workspace/meetings/{slug}", get(show_meeting))
        .route("/workspace/meetings/{slug}/minutes", post(save_minutes_form))
        .route("/workspace/meetings/{slug}/attendance/{code}", post(record_attendance_form))
        .route(
            "/workspace/meetings/{slug}/documents",
            post(upload_document_form).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route("/workspace/meetings/{slug}/documents/{id}", get(download_document))
        .routes(routes!(list_meetings_api))
        .routes(routes!(show_meeting_api, save_meeting_api))
        .routes(routes!(record_attendance_api))
        .routes(routes!(upload_document_api).map(|r| r.layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES))))
}

/// The largest document accepted.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// What an upload may weigh: the largest document, and room for the form's other fields.
const UPLOAD_LIMIT_BYTES: usize = MAX_DOCUMENT_BYTES + 64 * 1024;

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

/// The longest name a document keeps, in characters.
const MAX_FILENAME_CHARS: usize = 120;

/// A document's name as kept: the last part of the path the browser sent, without the characters a file
/// system or a header would misread (controls, quotes, path and wildcard signs), at most
/// [`MAX_FILENAME_CHARS`] long with its extension kept, since the extension says what the document is.
fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let kept: String =
        base.chars().filter(|c| !c.is_control() && !matches!(c, '"' | ':' | '*' | '?' | '<' | '>' | '|')).collect();
    let kept = kept.trim();
    if kept.chars().count() <= MAX_FILENAME_CHARS {
        return kept.to_owned();
    }
    let (stem, extension) = match kept.rsplit_once('.') {
        Some((stem, extension)) if extension.chars().count() <= 10 => (stem, Some(extension)),
        _ => (kept, None),
    };
    let room = MAX_FILENAME_CHARS - extension.map_or(0, |e| e.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    match extension {
        Some(extension) => format!("{}.{extension}", stem.trim_end()),
        None => stem,
    }
}

async fn load(state: &AppState, slug: &Slug) -> Result<Meeting, AppError> {
    state.repo.find_meeting(slug).await?.ok_or(AppError::NotFound)
}

/// A meeting's document, with the Member States recorded as present.
async fn document_of(state: &AppState, m: &Meeting) -> Result<MeetingDocument, AppError> {
    let present = state.repo.list_attendance(&m.slug).await?.into_iter().filter(|a| a.present).map(|a| a.member_state);
    Ok(MeetingDocument::of(m, present.collect()))
}

/// Meetings, newest first (signed-in accounts).
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", security(("bearer" = [])),
    responses((status = 200, body = [MeetingDocument]), (status = 401, body = crate::http::error::ErrorBody)))]
async fn list_meetings_api(
    State(state): State<AppState>,
    _: Signed<AnyAccount>,
) -> Result<axum::Json<Vec<MeetingDocument>>, AppError> {
    let mut out = Vec::new();
    for m in state.repo.list_meetings().await? {
        out.push(document_of(&state, &m).await?);
    }
    Ok(axum::Json(out))
}

/// One meeting (signed-in accounts).
#[utoipa::path(get, path = "/api/v1/meetings/{slug}", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path)),
    responses((status = 200, body = MeetingDocument), (status = 401, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn show_meeting_api(
    State(state): State<AppState>,
    _: Signed<AnyAccount>,
    Path(slug): Path<Slug>,
) -> Result<axum::Json<MeetingDocument>, AppError> {
    Ok(axum::Json(document_of(&state, &load(&state, &slug).await?).await?))
}

/// Create or replace a meeting (editors). The document read with GET may be sent back changed: the fields
/// the server sets are accepted when unchanged and refused by name when changed.
#[utoipa::path(put, path = "/api/v1/meetings/{slug}", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path)), request_body = MeetingDocument,
    responses((status = 204), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn save_meeting_api(
    State(state): State<AppState>,
    editor: Acting<Editor>,
    Path(slug): Path<Slug>,
    Json { value, sent }: Json<MeetingDocument>,
) -> Result<StatusCode, AppError> {
    let meeting = value.check().map_err(AppError::invalid)?;
    if meeting.slug != slug {
        return Err(AppError::field("slug", "the body's slug differs from the address's"));
    }
    let result = serde_json::to_value(document_of(&state, &meeting).await?).expect("a document serialises");
    let changed = changed_server_fields(&sent, &result, MeetingDocument::SERVER_FIELDS);
    if !changed.is_empty() {
        return Err(AppError::invalid(changed));
    }
    state.repo.save_meeting(&editor.account.actor(), &meeting).await?;
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
    responses((status = 204), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn record_attendance_api(
    State(state): State<AppState>,
    writer: Acting<ForMemberState>,
    Path((slug, ms)): Path<(Slug, MemberState)>,
    Json { value, .. }: Json<AttendanceInput>,
) -> Result<StatusCode, AppError> {
    let meeting = load(&state, &slug).await?;
    state.repo.record_attendance(&writer.account.actor(), &meeting.slug, ms, value.present).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reads the one document of a multipart upload, its name cleaned, and the CSRF token of the form.
async fn read_document(multipart: Multipart) -> Result<(String, Vec<u8>, Option<String>), AppError> {
    let upload = read_upload(multipart, "10 MB").await?;
    Ok((clean_filename(upload.file_name.as_deref().unwrap_or("document")), upload.bytes.to_vec(), upload.csrf))
}

/// Checks and keeps an uploaded document.
async fn store_upload(
    state: &AppState,
    account: &Account,
    slug: &Slug,
    name: &str,
    bytes: &[u8],
) -> Result<StoredDocument, AppError> {
    let content_type = check_document(name, bytes)?;
    let meeting = load(state, slug).await?;
    Ok(state.repo.add_document(&account.actor(), &meeting.slug, name, content_type, bytes).await?)
}

/// Upload a document (PDF, ODT or DOCX, at most 10 MB) as multipart field `file` (editors and rapporteurs).
#[utoipa::path(post, path = "/api/v1/meetings/{slug}/documents", tag = "meetings", security(("bearer" = [])),
    params(("slug" = String, Path)),
    responses((status = 201), (status = 400, body = crate::http::error::ErrorBody), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn upload_document_api(
    State(state): State<AppState>,
    contributor: Acting<MeetingContributor>,
    Path(slug): Path<Slug>,
    multipart: Multipart,
) -> Result<StatusCode, AppError> {
    let (name, bytes, _) = read_document(multipart).await?;
    store_upload(&state, &contributor.account, &slug, &name, &bytes).await?;
    Ok(StatusCode::CREATED)
}

/// A meeting's document, for signed-in accounts.
async fn download_document(
    State(state): State<AppState>,
    _: Signed<AnyAccount>,
    Path((slug, id)): Path<(Slug, i64)>,
) -> Result<Response, AppError> {
    let (doc, bytes) = state.repo.read_document(&slug, id).await?.ok_or(AppError::NotFound)?;
    let content_type = HeaderValue::from_str(&doc.content_type).map_err(|e| AppError::internal("document type", e))?;
    let headers = [(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, attachment(&doc.filename))];
    Ok((headers, bytes).into_response())
}

async fn show_meetings(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Signed<AnyAccount>,
) -> Result<Markup, AppError> {
    let (account, csrf) = (&me.account, me.form_token());
    let meetings = state.repo.list_meetings().await?;
    let today = today_in_brussels(state.clock.now());
    let rota_hint = match presidency_on(today) {
        Some(ms) => cat.t_args(
            "meetings-presidency-hint",
            &[("semester", semester_of(today).into()), ("presidency", ms.name().into())],
        ),
        None => cat.t("meetings-presidency-hint-none"),
    };
    let meta =
        PageMeta::new(cat, Section::Network, cat.t("meetings-title")).trail(cat.t("workspace-title"), "/workspace");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("meetings-title")) }
            p { (cat.t("meetings-intro")) }
            @if meetings.is_empty() { p { (cat.t("meetings-none")) } }
            ul { @for m in &meetings { li { a href={ "/workspace/meetings/" (m.slug) } { (m.title) } " – " (m.date.format("%-d %B %Y").to_string()) " (" (m.semester()) ", " (m.presidency.name()) ")" } } }
            @if account.role.may(Permission::EditContent) {
                h2 { (cat.t("meetings-create")) }
                form.form method="post" action="/workspace/meetings" {
                    input type="hidden" name="csrf" value=(csrf);
                    div.field { label for="m-slug" { (cat.t("meetings-slug")) } input #m-slug type="text" name="slug" required pattern="[a-z0-9-]+"; }
                    div.field { label for="m-title" { (cat.t("edit-title")) } input #m-title type="text" name="title" required; }
                    div.field { label for="m-date" { (cat.t("commitment-date")) } input #m-date type="date" name="date" required; }
                    div.field {
                        label for="m-presidency" { (cat.t("meetings-presidency")) }
                        p.hint #m-presidency-hint { (rota_hint) }
                        select #m-presidency name="presidency" aria-describedby="m-presidency-hint" {
                            option value=(FROM_ROTA) selected { (cat.t("meetings-presidency-from-rota")) }
                            @for ms in MemberState::all() { option value=(ms.iso()) { (ms.name()) } }
                        }
                    }
                    div.field.checkbox { input #m-joint type="checkbox" name="joint_with_csp" value="1"; label for="m-joint" { (cat.t("meetings-joint")) } }
                    div.field { label for="m-agenda" { (cat.t("meetings-agenda")) } textarea #m-agenda name="agenda" rows="5" {} }
                    div.actions { button type="submit" { (cat.t("edit-save")) } }
                }
            }
        },
    ))
}

/// The presidency field's value that asks for the Council's rota (the form's default).
const FROM_ROTA: &str = "rota";

async fn create_meeting_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Submitted<Editor>,
) -> Result<Redirect, AppError> {
    let form = &editor.form;
    let slug = form.get("slug").unwrap_or_default().to_owned();
    // The form gives the meeting's details; minutes already written stay.
    let minutes = match Slug::parse(&slug) {
        Ok(s) => state.repo.find_meeting(&s).await?.map(|m| m.minutes).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let date = form.get("date").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    // The form's default: the Presidency the Council's rota gives for the meeting's half-year.
    let presidency = match form.get("presidency").unwrap_or(FROM_ROTA) {
        FROM_ROTA => match date.map(presidency_on) {
            Some(Some(ms)) => ms.iso().to_owned(),
            Some(None) => return Err(AppError::field("presidency", cat.t("meetings-presidency-outside-rota"))),
            // No date: the check below says so; the Presidency cannot be known without it.
            None => String::new(),
        },
        chosen => chosen.to_owned(),
    };
    let document = MeetingDocument {
        slug,
        title: form.get("title").unwrap_or_default().to_owned(),
        date,
        presidency,
        joint_with_csp: form.get("joint_with_csp").is_some(),
        agenda: text_paragraphs(form.get("agenda").unwrap_or_default()),
        minutes,
        ..Default::default()
    };
    let meeting = document.check().map_err(AppError::invalid)?;
    state.repo.save_meeting(&editor.account.actor(), &meeting).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

fn document_list(cat: &Catalogue, slug: &Slug, docs: &[StoredDocument]) -> Markup {
    html! {
        @if docs.is_empty() { p { (cat.t("meetings-no-documents")) } }
        ul { @for d in docs { li { a href={ "/workspace/meetings/" (slug) "/documents/" (d.id) } { (d.filename) } " (" (d.size / 1024 + 1) " KB, " (d.uploaded_by) ")" } } }
    }
}

async fn show_meeting(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Signed<AnyAccount>,
    Path(slug): Path<Slug>,
) -> Result<Markup, AppError> {
    let (account, csrf) = (&me.account, me.form_token());
    let m = load(&state, &slug).await?;
    let attendance = state.repo.list_attendance(&m.slug).await?;
    let docs = state.repo.list_documents(&m.slug).await?;
    let meta = PageMeta::new(cat, Section::Network, m.title.clone())
        .trail(cat.t("workspace-title"), "/workspace")
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
            (layout::paragraphs(&m.agenda))
            h2 { (cat.t("meetings-minutes")) }
            @if m.minutes.is_empty() { p { (cat.t("meetings-no-minutes")) } } @else { (layout::paragraphs(&m.minutes)) }
            @if account.role.may(Permission::EditContent) {
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
            @if account.role.may(Permission::AddMeetingDocuments) {
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
                                @if account.role.may(Permission::ActForMemberState(ms)) {
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
async fn save_minutes_form(
    State(state): State<AppState>,
    Path(slug): Path<Slug>,
    editor: Submitted<Editor>,
) -> Result<Redirect, AppError> {
    let mut meeting = load(&state, &slug).await?;
    meeting.minutes = text_paragraphs(editor.form.get("minutes").unwrap_or_default());
    state.repo.save_meeting(&editor.account.actor(), &meeting).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

async fn record_attendance_form(
    State(state): State<AppState>,
    Path((slug, ms)): Path<(Slug, MemberState)>,
    writer: Submitted<ForMemberState>,
) -> Result<Redirect, AppError> {
    let meeting = load(&state, &slug).await?;
    let present = writer.form.get("present") == Some("1");
    state.repo.record_attendance(&writer.account.actor(), &meeting.slug, ms, present).await?;
    Ok(Redirect::to(&format!("/workspace/meetings/{}", meeting.slug)))
}

async fn upload_document_form(
    State(state): State<AppState>,
    contributor: Signed<MeetingContributor>,
    Path(slug): Path<Slug>,
    multipart: Multipart,
) -> Result<Redirect, AppError> {
    let (name, bytes, csrf) = read_document(multipart).await?;
    contributor.caller.check_csrf(csrf.as_deref())?;
    store_upload(&state, &contributor.account, &slug, &name, &bytes).await?;
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
        let long = clean_filename(&format!("{}.pdf", "Protokoll der Sitzung ".repeat(10)));
        assert!(long.ends_with(".pdf"), "{long}");
        assert!(long.chars().count() <= MAX_FILENAME_CHARS, "{long}");
        assert_eq!(clean_filename("Protokoll München – Sitzung.pdf"), "Protokoll München – Sitzung.pdf");
    }
}
