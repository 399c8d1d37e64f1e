//! The editors' pages of every kind: the list with drafts first, a new item, editing with a preview,
//! publishing and withdrawing, revisions. Every form carries the session's CSRF token.

use super::{load, Context, EditablePage};
use crate::http::{Acts, ApiRouter, AppError, Editor, Params, Path, Signed, Submitted};
use crate::state::AppState;
use crate::ui::form::{error_summary, preview_section, save_buttons, Form};
use crate::ui::{layout, page, Catalogue, Lang, PageMeta};
use crate::workspace::{confirm, revisions_table};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{html, Markup};
use rapporteur_core::editing::check;
use rapporteur_core::{FieldProblem, Slug};
use rapporteur_store::StoreError;
use serde_json::Value;
use utoipa::ToSchema;

/// Items per page of the editors' list.
const LIST_PAGE: u32 = 50;

pub(super) fn routes<T: EditablePage>() -> ApiRouter
where
    T::Document: ToSchema + Default + Clone,
{
    let base = format!("/workspace/{}", T::SEGMENT);
    ApiRouter::new()
        .route(&base, get(list::<T>))
        .route(&format!("{base}/new"), get(show_new::<T>).post(submit_new::<T>))
        .route(&format!("{base}/{{slug}}/edit"), get(show_edit::<T>).post(submit_edit::<T>))
        .route(&format!("{base}/{{slug}}/publish"), post(set_published::<T, true>))
        .route(&format!("{base}/{{slug}}/unpublish"), post(set_published::<T, false>))
        .route(&format!("{base}/{{slug}}/revisions"), get(show_revisions::<T>))
}

fn workspace_path<T: EditablePage>(slug: &Slug, action: &str) -> String
where
    T::Document: ToSchema + Default + Clone,
{
    format!("/workspace/{}/{slug}/{action}", T::SEGMENT)
}

fn kind_message<T: EditablePage>(cat: &Catalogue, id: &str) -> String
where
    T::Document: ToSchema + Default + Clone,
{
    cat.t(&format!("{id}-{}", T::KIND.code()))
}

fn meta<'c, T: EditablePage>(cat: &'c Catalogue, title: String) -> PageMeta<'c>
where
    T::Document: ToSchema + Default + Clone,
{
    PageMeta::new(cat, T::SECTION, title)
        .trail(cat.t("nav-home"), "/")
        .trail(kind_message::<T>(cat, "workspace-list-title"), format!("/workspace/{}", T::SEGMENT))
}

/// Every item of the kind, drafts and withdrawn ones first, with what an editor can do to each.
async fn list<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<Editor>,
    params: Params,
) -> Result<Markup, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let paging = params.paging(LIST_PAGE)?;
    let found = state.repo.list_items_for_editing(T::KIND, paging).await?;
    let items: Vec<T> = found.items.into_iter().map(super::expect_kind).collect::<Result<_, _>>()?;
    let title = kind_message::<T>(cat, "workspace-list-title");
    let base = format!("/workspace/{}", T::SEGMENT);
    let pairs = vec![("per_page".to_owned(), paging.per_page().to_string())];
    Ok(page(
        PageMeta::new(cat, T::SECTION, title.clone()).trail(cat.t("nav-home"), "/"),
        html! {
            h1 { (title) }
            p { a.button href={ (base) "/new" } { (kind_message::<T>(cat, "workspace-new")) } }
            table.data-table {
                caption { (cat.t_args("results-count", &[("count", found.total.into())])) }
                thead { tr {
                    th scope="col" { (cat.t("edit-title")) }
                    th scope="col" { (cat.t("workspace-state")) }
                    th scope="col" { (cat.t("workspace-actions")) }
                } }
                tbody {
                    @for item in &items {
                        tr {
                            td {
                                @if item.is_published() { a href={ (T::PUBLIC) "/" (item.slug()) } { (item.heading()) } }
                                @else { (item.heading()) }
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
            (layout::pagination(cat, &base, &pairs, paging.page(), paging.page_count(found.total)))
        },
    ))
}

/// An editing page: state and publication for an existing item, errors, the preview, the form.
struct EditPage<'a, T: EditablePage>
where
    T::Document: ToSchema + Default + Clone,
{
    cat: &'a Catalogue,
    csrf: &'a str,
    existing: Option<&'a T>,
    context: &'a Context,
    now: chrono::DateTime<chrono::Utc>,
}

impl<T: EditablePage> EditPage<'_, T>
where
    T::Document: ToSchema + Default + Clone,
{
    fn draw(&self, values: &Params, errors: &[FieldProblem], preview: Option<&T>) -> Markup {
        let cat = self.cat;
        let (title, action) = match self.existing {
            Some(item) => (
                cat.t_args("edit-page-title", &[("project", item.heading().into())]),
                workspace_path::<T>(item.slug(), "edit"),
            ),
            None => (kind_message::<T>(cat, "workspace-new"), format!("/workspace/{}/new", T::SEGMENT)),
        };
        // The form names some fields flatly where the document has a path ("coordinator_role").
        let errors: Vec<FieldProblem> =
            errors.iter().map(|e| FieldProblem::new(T::form_field(&e.field), e.detail.clone())).collect();
        let form = Form { values, errors: &errors };
        page(
            meta::<T>(cat, title.clone()),
            html! {
                h1 { (title) }
                @if let Some(item) = self.existing {
                    @let base = format!("/workspace/{}/{}", T::SEGMENT, item.slug());
                    p.meta {
                        (cat.t(if item.is_published() { "edit-state-published" } else { "edit-state-draft" })) " · "
                        a href={ (base) "/revisions" } { (cat.t("edit-revisions-link")) }
                    }
                    form.inline-form method="post" action={ (base) (if item.is_published() { "/unpublish" } else { "/publish" }) } {
                        input type="hidden" name="csrf" value=(self.csrf);
                        @if item.is_published() {
                            button.button--danger type="submit" { (cat.t("edit-unpublish")) }
                        } @else {
                            button type="submit" { (cat.t("edit-publish")) }
                        }
                    }
                } @else {
                    p { (cat.t("workspace-new-is-draft")) }
                }
                (error_summary(cat, &errors))
                @if let Some(p) = preview { (preview_section(cat, &p.heading(), p.preview(cat, self.context, self.now))) }
                h2 { (cat.t("edit-form-heading")) }
                form.form.form--wide method="post" action=(action) {
                    input type="hidden" name="csrf" value=(self.csrf);
                    @if self.existing.is_none() {
                        (form.input("slug", &cat.t("edit-slug"), "text", Some(&cat.t("edit-slug-hint"))))
                    }
                    (T::form_fields(cat, &form, self.context))
                    (save_buttons(cat))
                }
            },
        )
    }
}

async fn show_new<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Signed<Editor>,
) -> Result<Markup, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let context = Context::load(&state).await?;
    let page =
        EditPage::<T> { cat, csrf: editor.form_token(), existing: None, context: &context, now: state.clock.now() };
    Ok(page.draw(&T::form_values(&T::Document::default()), &[], None))
}

async fn show_edit<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Signed<Editor>,
    Path(slug): Path<Slug>,
) -> Result<Markup, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let item: T = load(&state, &slug).await?;
    let context = Context::load(&state).await?;
    let now = state.clock.now();
    let page = EditPage::<T> { cat, csrf: editor.form_token(), existing: Some(&item), context: &context, now };
    Ok(page.draw(&T::form_values(&item.to_document(now)), &[], None))
}

/// What a submitted form leads to.
enum Submission<T> {
    /// The item to save.
    Save(T),
    /// The page to answer: a preview, or the form with its errors (422).
    Answer(Response),
}

/// Checks a submitted form.
fn checked<T: EditablePage>(page: &EditPage<'_, T>, slug: &str, form: &Params) -> Submission<T>
where
    T::Document: ToSchema + Default + Clone,
{
    let base = page.existing.map(|item| item.to_document(page.now)).unwrap_or_default();
    let (document, mut problems) = T::document_from_form(base, slug, form);
    let refused = |problems: &[FieldProblem]| {
        Submission::Answer((StatusCode::UNPROCESSABLE_ENTITY, page.draw(form, problems, None)).into_response())
    };
    match check::<T>(document, &Value::Null, page.existing, &page.context.refs, page.now) {
        Ok(item) if problems.is_empty() && form.get("action") == Some("save") => Submission::Save(item),
        Ok(item) if problems.is_empty() => Submission::Answer(page.draw(form, &[], Some(&item)).into_response()),
        Ok(_) => refused(&problems),
        Err(more) => {
            problems.extend(more);
            refused(&problems)
        }
    }
}

async fn submit_new<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Submitted<Editor>,
) -> Result<Response, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let context = Context::load(&state).await?;
    let page = EditPage::<T> { cat, csrf: &editor.csrf, existing: None, context: &context, now: state.clock.now() };
    let slug = editor.form.get("slug").unwrap_or_default().to_owned();
    let item = match checked(&page, &slug, &editor.form) {
        Submission::Save(item) => item,
        Submission::Answer(answer) => return Ok(answer),
    };
    match state.repo.create_item(&editor.account.actor(), &item.into()).await {
        Ok(created) => Ok(Redirect::to(&workspace_path::<T>(created.slug(), "edit")).into_response()),
        Err(StoreError::Conflict { .. }) => {
            let taken = [FieldProblem::new("slug", cat.t_args("edit-slug-taken", &[("slug", slug.as_str().into())]))];
            Ok((StatusCode::CONFLICT, page.draw(&editor.form, &taken, None)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn submit_edit<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
    editor: Submitted<Editor>,
) -> Result<Response, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let current: T = load(&state, &slug).await?;
    let context = Context::load(&state).await?;
    let page =
        EditPage::<T> { cat, csrf: &editor.csrf, existing: Some(&current), context: &context, now: state.clock.now() };
    let item = match checked(&page, slug.as_str(), &editor.form) {
        Submission::Save(item) => item,
        Submission::Answer(answer) => return Ok(answer),
    };
    let saved = state.repo.update_item(&editor.account.actor(), &item.into()).await?;
    Ok(Redirect::to(&workspace_path::<T>(saved.slug(), "revisions")).into_response())
}

/// Publishes (`PUBLISHED`) or withdraws an item, and goes back to its form.
/// Publishes an item, or withdraws it from the public once the editor has confirmed (see [`confirm`]).
async fn set_published<T: EditablePage, const PUBLISHED: bool>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(slug): Path<Slug>,
    editor: Submitted<Editor>,
) -> Result<Response, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    if !PUBLISHED && !confirm::confirmed(&editor.form) {
        let item: T = load(&state, &slug).await?;
        let heading = item.heading();
        return Ok(confirm::ask(
            cat,
            confirm::Confirmation {
                question: cat.t_args("confirm-unpublish-question", &[("title", heading.into())]),
                consequence: cat.t("confirm-unpublish-consequence"),
                yes: cat.t("confirm-unpublish-yes"),
                action: &workspace_path::<T>(&slug, "unpublish"),
                cancel: &workspace_path::<T>(&slug, "edit"),
                csrf: &editor.csrf,
                carried: Vec::new(),
            },
        )
        .into_response());
    }
    state.repo.set_item_published(&editor.account.actor(), T::KIND, &slug, PUBLISHED).await?;
    Ok(Redirect::to(&workspace_path::<T>(&slug, "edit")).into_response())
}

async fn show_revisions<T: EditablePage>(
    State(state): State<AppState>,
    Lang(cat): Lang,
    _: Signed<Editor>,
    Path(slug): Path<Slug>,
    params: Params,
) -> Result<Markup, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let item: T = load(&state, &slug).await?;
    let paging = params.paging(crate::workspace::REVISIONS_PER_PAGE)?;
    let revisions = state.repo.list_item_revisions(T::KIND, item.slug(), paging).await?;
    let pages = paging.page_count(revisions.total);
    let rows: Vec<crate::workspace::RevisionRow> = revisions
        .items
        .into_iter()
        .map(|r| crate::workspace::RevisionRow {
            title: T::from_item(r.item).map(|i| i.heading()).unwrap_or_default(),
            revision: r.revision,
            at: r.at,
            actor: r.actor,
            action: r.action,
        })
        .collect();
    let title = cat.t_args("revisions-title", &[("project", item.heading().into())]);
    Ok(page(
        meta::<T>(cat, title.clone()),
        html! {
            h1 { (title) }
            p { a href=(workspace_path::<T>(item.slug(), "edit")) { (cat.t("revisions-edit-link")) } }
            (revisions_table(cat, &rows))
            (layout::pagination(cat, &workspace_path::<T>(item.slug(), "revisions"), &[], paging.page(), pages))
        },
    ))
}
