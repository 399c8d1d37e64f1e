//! The editors' pages for calls, news and instruments: the list with drafts, a new item, editing with a
//! preview, publishing and withdrawing, revisions. One set of handlers serves the three kinds.

use crate::auth::Caller;
use crate::editable::{all_of, expect_kind, reindex, Editable, References};
use crate::error::AppError;
use crate::form::{FieldError, Form};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::params::Params;
use crate::workspace::{editor, editor_with_csrf, revisions_table, save_buttons, Editor, Refusal, RevisionRow};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use rapporteur_core::{Call, Instrument, NewsItem, Slug};
use rapporteur_store::{Actor, StoreError};

/// The workspace routes of one kind, under `/workspace/{T::SEGMENT}`.
pub(crate) fn routes<T: Editable>() -> Router<AppState> {
    let base = format!("/workspace/{}", T::SEGMENT);
    Router::new()
        .route(&base, get(list::<T>))
        .route(&format!("{base}/new"), get(show_new::<T>).post(submit_new::<T>))
        .route(&format!("{base}/{{slug}}/edit"), get(show_edit::<T>).post(submit_edit::<T>))
        .route(&format!("{base}/{{slug}}/publish"), post(publish::<T>))
        .route(&format!("{base}/{{slug}}/unpublish"), post(unpublish::<T>))
        .route(&format!("{base}/{{slug}}/revisions"), get(show_revisions::<T>))
}

/// The workspace routes of calls, news and instruments.
pub(crate) fn all_routes() -> Router<AppState> {
    routes::<Call>().merge(routes::<NewsItem>()).merge(routes::<Instrument>())
}

fn workspace_path<T: Editable>(slug: &Slug, action: &str) -> String {
    format!("/workspace/{}/{slug}/{action}", T::SEGMENT)
}

fn kind_message<T: Editable>(cat: &Catalogue, id: &str) -> String {
    cat.t(&format!("{id}-{}", T::KIND.code()))
}

fn meta<'c, T: Editable>(cat: &'c Catalogue, title: String) -> PageMeta<'c> {
    PageMeta::new(cat, Section::None, title)
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t(T::TITLE_ID), format!("/workspace/{}", T::SEGMENT))
}

async fn load<T: Editable>(state: &AppState, slug: &str) -> Result<T, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    let item = state.repo.find_item_for_editing(T::KIND, &slug).await?.ok_or(AppError::NotFound)?;
    expect_kind(item)
}

/// Every item of the kind, drafts first, with what an editor can do to each.
async fn list<T: Editable>(State(state): State<AppState>, Lang(cat): Lang, caller: Caller) -> Result<Markup, Refusal> {
    editor(caller)?;
    let items: Vec<T> = all_of(&state).await?;
    let title = kind_message::<T>(cat, "workspace-list-title");
    Ok(page(
        meta::<T>(cat, title.clone()),
        html! {
            h1 { (title) }
            p { a.button href={ "/workspace/" (T::SEGMENT) "/new" } { (kind_message::<T>(cat, "workspace-new")) } }
            table.data-table {
                caption { (cat.t_args("results-count", &[("count", items.len().into())])) }
                thead { tr {
                    th scope="col" { (cat.t("edit-title")) }
                    th scope="col" { (cat.t("workspace-state")) }
                    th scope="col" { (cat.t("workspace-actions")) }
                } }
                tbody {
                    @for item in &items {
                        tr {
                            td {
                                @if item.is_published() { a href={ (T::PUBLIC) "/" (item.slug()) } { (item.title()) } }
                                @else { (item.title()) }
                            }
                            td { (cat.t(if item.is_published() { "edit-state-published" } else { "edit-state-draft" })) }
                            td {
                                a href=(workspace_path::<T>(item.slug(), "edit")) { (cat.t("workspace-edit")) } " · "
                                a href=(workspace_path::<T>(item.slug(), "revisions")) { (cat.t("edit-revisions-link")) }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The editing page: state and publication for an existing item, errors, the preview, the form.
fn edit_page<T: Editable>(
    cat: &Catalogue,
    ed: &Editor,
    existing: Option<&T>,
    form: &Form<'_>,
    refs: &References,
    preview: Option<&T>,
    now: chrono::DateTime<chrono::Utc>,
) -> Markup {
    let title = match existing {
        Some(item) => cat.t_args("edit-page-title", &[("project", item.title().into())]),
        None => kind_message::<T>(cat, "workspace-new"),
    };
    let action = match existing {
        Some(item) => workspace_path::<T>(item.slug(), "edit"),
        None => format!("/workspace/{}/new", T::SEGMENT),
    };
    let fields = html! {
        form.form.form--wide method="post" action=(action) {
            input type="hidden" name="csrf" value=(ed.csrf);
            @if existing.is_none() {
                (form.input("slug", &cat.t("edit-slug"), "text", Some(&cat.t("edit-slug-hint"))))
            }
            (T::form_fields(cat, form, refs))
            (save_buttons(cat))
        }
    };
    editing_page(
        meta::<T>(cat, title.clone()),
        &ed.csrf,
        existing.map(|item| Saved {
            published: item.is_published(),
            base: format!("/workspace/{}/{}", T::SEGMENT, item.slug()),
        }),
        form.errors,
        preview.map(|p| (p.title().to_owned(), p.preview(cat, refs, now))),
        fields,
    )
}

/// An item already saved: whether the public sees it, and the path its actions hang from.
pub(crate) struct Saved {
    pub published: bool,
    /// "/workspace/projects/anticorrp": + "/publish", "/revisions" …
    pub base: String,
}

/// The frame of every editing page: the state and the publication button of a saved item (or the note
/// that a new one starts as a draft), the errors, the preview (its title and content), then the form.
pub(crate) fn editing_page(
    meta: PageMeta<'_>,
    csrf: &str,
    saved: Option<Saved>,
    errors: &[FieldError],
    preview: Option<(String, Markup)>,
    form: Markup,
) -> Markup {
    let cat = meta.cat;
    let title = meta.title.clone();
    page(
        meta,
        html! {
            h1 { (title) }
            @if let Some(saved) = &saved {
                p.meta {
                    (cat.t(if saved.published { "edit-state-published" } else { "edit-state-draft" })) " · "
                    a href={ (saved.base) "/revisions" } { (cat.t("edit-revisions-link")) }
                }
                form.inline-form method="post" action={ (saved.base) (if saved.published { "/unpublish" } else { "/publish" }) } {
                    input type="hidden" name="csrf" value=(csrf);
                    button type="submit" { (cat.t(if saved.published { "edit-unpublish" } else { "edit-publish" })) }
                }
            } @else {
                p { (cat.t("workspace-new-is-draft")) }
            }
            (error_summary(cat, errors))
            @if let Some((title, content)) = preview { (preview_section(cat, &title, content)) }
            h2 { (cat.t("edit-form-heading")) }
            (form)
        },
    )
}

/// How the page will look, above the form: nothing is saved yet.
pub(crate) fn preview_section(cat: &Catalogue, title: &str, content: Markup) -> Markup {
    html! {
        section.preview aria-labelledby="preview-heading" {
            h2 #preview-heading { (cat.t("edit-preview-heading")) }
            p.notice { (cat.t("edit-preview-note")) }
            div.preview__page {
                p.preview__title { (title) }
                (content)
            }
        }
    }
}

/// The list of every problem, above the form (each is also shown at its field).
pub(crate) fn error_summary(cat: &Catalogue, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.notice.notice--error role="alert" {
                p { (cat.t_args("edit-errors", &[("count", errors.len().into())])) }
                ul { @for e in errors { li { (e.field) ": " (e.detail) } } }
            }
        }
    }
}

async fn show_new<T: Editable>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
) -> Result<Markup, Refusal> {
    let ed = editor(caller)?;
    let refs = References::load(&state).await?;
    let values = Params::default();
    Ok(edit_page::<T>(cat, &ed, None, &Form { values: &values, errors: &[] }, &refs, None, state.clock.now()))
}

/// Checks a submitted form; on errors, the page again with them and 422.
async fn checked<T: Editable>(
    state: &AppState,
    cat: &Catalogue,
    ed: &Editor,
    existing: Option<&T>,
    slug: &str,
    form: &Params,
) -> Result<Result<T, Response>, Refusal> {
    let refs = References::load(state).await?;
    match T::check(T::input_from_form(slug, form), &refs) {
        Ok(item) if form.get("action") == Some("save") => Ok(Ok(item)),
        Ok(item) => {
            let form = Form { values: form, errors: &[] };
            Ok(Err(edit_page(cat, ed, existing, &form, &refs, Some(&item), state.clock.now()).into_response()))
        }
        Err(errors) => {
            let form = Form { values: form, errors: &errors };
            let page = edit_page(cat, ed, existing, &form, &refs, None, state.clock.now());
            Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()))
        }
    }
}

async fn submit_new<T: Editable>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let slug = form.get("slug").unwrap_or_default().to_owned();
    let item = match checked::<T>(&state, cat, &ed, None, &slug, &form).await? {
        Ok(item) => item,
        Err(page) => return Ok(page),
    };
    match state.repo.create_item(&Actor::Account(ed.account.email.clone()), &item.into_item()).await {
        Ok(created) => {
            let created: T = expect_kind(created)?;
            reindex(&state, &created)?;
            Ok(Redirect::to(&workspace_path::<T>(created.slug(), "edit")).into_response())
        }
        Err(StoreError::Conflict { .. }) => {
            let errors = [FieldError::new("slug", cat.t_args("edit-slug-taken", &[("slug", slug.as_str().into())]))];
            let refs = References::load(&state).await?;
            let page = edit_page::<T>(
                cat,
                &ed,
                None,
                &Form { values: &form, errors: &errors },
                &refs,
                None,
                state.clock.now(),
            );
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn show_edit<T: Editable>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    let ed = editor(caller)?;
    let item: T = load(&state, &slug).await?;
    let refs = References::load(&state).await?;
    let values = item.form_values();
    Ok(edit_page(cat, &ed, Some(&item), &Form { values: &values, errors: &[] }, &refs, None, state.clock.now()))
}

async fn submit_edit<T: Editable>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let current: T = load(&state, &slug).await?;
    let item = match checked::<T>(&state, cat, &ed, Some(&current), current.slug().as_str(), &form).await? {
        Ok(item) => item,
        Err(page) => return Ok(page),
    };
    let saved: T =
        expect_kind(state.repo.update_item(&Actor::Account(ed.account.email.clone()), &item.into_item()).await?)?;
    reindex(&state, &saved)?;
    Ok(Redirect::to(&workspace_path::<T>(saved.slug(), "revisions")).into_response())
}

async fn set_published<T: Editable>(
    state: AppState,
    caller: Caller,
    slug: String,
    body: Bytes,
    published: bool,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let ed = editor_with_csrf(caller, &form)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let item: T = expect_kind(
        state.repo.set_item_published(&Actor::Account(ed.account.email.clone()), T::KIND, &slug, published).await?,
    )?;
    reindex(&state, &item)?;
    Ok(Redirect::to(&workspace_path::<T>(&slug, "edit")))
}

async fn publish<T: Editable>(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_published::<T>(state, caller, slug, body, true).await
}

async fn unpublish<T: Editable>(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_published::<T>(state, caller, slug, body, false).await
}

async fn show_revisions<T: Editable>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Markup, Refusal> {
    editor(caller)?;
    let item: T = load(&state, &slug).await?;
    let revisions = state.repo.list_item_revisions(T::KIND, item.slug()).await?;
    let rows: Vec<RevisionRow> = revisions
        .into_iter()
        .map(|r| RevisionRow {
            title: r.item.title().to_owned(),
            revision: r.revision,
            at: r.at,
            actor: r.actor,
            action: r.action,
        })
        .collect();
    let title = cat.t_args("revisions-title", &[("project", item.title().into())]);
    Ok(page(
        meta::<T>(cat, title.clone()),
        html! {
            h1 { (title) }
            p { a href=(workspace_path::<T>(item.slug(), "edit")) { (cat.t("revisions-edit-link")) } }
            (revisions_table(cat, &rows))
        },
    ))
}

#[cfg(test)]
mod tests {
    use rapporteur_store::EditableKind;

    #[test]
    fn every_kind_has_its_messages() {
        let en = crate::i18n::Catalogues::get("en");
        for kind in EditableKind::ALL {
            for id in ["workspace-list-title", "workspace-new"] {
                assert!(en.has(&format!("{id}-{}", kind.code())), "{id}-{}", kind.code());
            }
        }
    }
}
