//! One editing machinery for projects, calls, news and instruments: the same routes, forms, previews,
//! publication and revisions for each, in the browser ([`pages`]) and the API ([`api`]). What differs by
//! kind is in [`kinds`]; the rules of each kind are core's ([`rapporteur_core::editing`]).

mod api;
mod kinds;
mod pages;

use crate::http::{ApiRouter, AppError, Params};
use crate::state::AppState;
use crate::ui::form::Form;
use crate::ui::{Catalogue, Section};
use chrono::{DateTime, Utc};
use maud::Markup;
use rapporteur_core::editing::{Editable, References};
use rapporteur_core::{Agency, Call, FieldProblem, Instrument, NewsItem, Paging, Project, Slug};
use rapporteur_store::EditableItem;
use utoipa::ToSchema;

/// A kind as the workspace writes it: where it lives, its form and its preview.
pub(crate) trait EditablePage: Editable + Into<EditableItem>
where
    Self::Document: ToSchema + Default + Clone,
{
    /// The path segment under `/workspace` and `/api/v1`.
    const SEGMENT: &'static str;
    /// Where the public sees one: `{PUBLIC}/{slug}`.
    const PUBLIC: &'static str;
    /// The OpenAPI tag of its routes.
    const TAG: &'static str;
    /// The navigation section its pages belong to.
    const SECTION: Section;

    /// The item of a stored item of this kind.
    fn from_item(item: EditableItem) -> Option<Self>;
    /// The form's fields filled with a document.
    fn form_values(document: &Self::Document) -> Params;
    /// What a submitted form says over `base` (the stored document, or an empty one): fields the form does
    /// not send keep their values. Problems of the form's own syntax come back beside it.
    fn document_from_form(base: Self::Document, slug: &str, form: &Params) -> (Self::Document, Vec<FieldProblem>);
    /// The form field a document's problem belongs to (the form names some fields flatly).
    fn form_field(field: &str) -> String {
        field.to_owned()
    }
    fn form_fields(cat: &Catalogue, form: &Form<'_>, context: &Context) -> Markup;
    /// The public page's content, under its title.
    fn preview(&self, cat: &Catalogue, context: &Context, now: DateTime<Utc>) -> Markup;
}

/// What an item may refer to and its preview may show: every instrument, agency and call, drafts included.
pub(crate) struct Context {
    pub refs: References,
    pub instruments: Vec<Instrument>,
    pub agencies: Vec<Agency>,
    pub calls: Vec<Call>,
}

impl Context {
    async fn load(state: &AppState) -> Result<Self, AppError> {
        let instruments: Vec<Instrument> = all_of(state).await?;
        let agencies = state.repo.list_agencies().await?;
        let calls: Vec<Call> = all_of(state).await?;
        Ok(Context {
            refs: References {
                instruments: instruments.iter().map(|i| i.slug.clone()).collect(),
                agencies: agencies.iter().map(|a| a.slug.clone()).collect(),
            },
            instruments,
            agencies,
            calls,
        })
    }
}

/// Every item of a kind, drafts included (for the small kinds: what calls and news may refer to).
async fn all_of<T: EditablePage>(state: &AppState) -> Result<Vec<T>, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let mut items = Vec::new();
    let mut paging = Paging::first(rapporteur_core::paging::MAX_PER_PAGE);
    loop {
        let page = state.repo.list_items_for_editing(T::KIND, paging).await?;
        let got = page.items.len();
        for item in page.items {
            items.push(expect_kind(item)?);
        }
        match paging.next() {
            Some(next) if got > 0 && (items.len() as u64) < page.total => paging = next,
            _ => return Ok(items),
        }
    }
}

/// What the store returned, as the kind asked for.
fn expect_kind<T: EditablePage>(item: EditableItem) -> Result<T, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    T::from_item(item).ok_or_else(|| AppError::Internal {
        context: "the store returned another kind",
        cause: format!("expected {}", T::KIND.code()).into(),
    })
}

/// An item whether published or not, or 404.
async fn load<T: EditablePage>(state: &AppState, slug: &Slug) -> Result<T, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let item = state.repo.find_item_for_editing(T::KIND, slug).await?.ok_or(AppError::NotFound)?;
    expect_kind(item)
}

/// The workspace's routes and API of one kind.
fn routes_of<T: EditablePage>() -> ApiRouter
where
    T::Document: ToSchema + Default + Clone,
{
    pages::routes::<T>().merge(api::routes::<T>())
}

/// The routes of every kind.
pub fn routes() -> ApiRouter {
    routes_of::<Project>().merge(routes_of::<Call>()).merge(routes_of::<NewsItem>()).merge(routes_of::<Instrument>())
}

#[cfg(test)]
mod tests {
    use rapporteur_core::editing::ContentKind;

    #[test]
    fn every_kind_has_its_messages() {
        let en = crate::ui::i18n::Catalogues::get("en");
        for kind in ContentKind::ALL {
            for id in ["workspace-list-title", "workspace-new"] {
                assert!(en.has(&format!("{id}-{}", kind.code())), "{id}-{}", kind.code());
            }
        }
    }
}
