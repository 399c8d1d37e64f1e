//! The API that creates, replaces, publishes, withdraws and lists the revisions of every kind. Editors and
//! admins only; the store audits every change in the change's own transaction.
//!
//! The routes are generic over the kind, so their OpenAPI description is built here beside each route
//! rather than by `#[utoipa::path]` (which describes one function, not a family of them).

use super::{load, Context, EditablePage};
use crate::http::error::{ErrorBody, Problem};
use crate::http::{Acting, Acts, ApiRouter, AppError, Editor, Json, Params, Path, Signed};
use crate::resources::Listed;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::routing::{get, post, MethodRouter};
use rapporteur_core::editing::check;
use rapporteur_core::Slug;
use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, PathsBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;

/// One saved state of an item.
#[derive(Debug, Serialize)]
pub struct ItemRevision<D> {
    pub revision: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub item: D,
}

async fn create<T: EditablePage>(
    state: axum::extract::State<AppState>,
    editor: Acting<Editor>,
    Json { value, sent }: Json<T::Document>,
) -> Result<(StatusCode, axum::Json<T::Document>), AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let context = Context::load(&state).await?;
    let now = state.clock.now();
    let item: T = check(value, &sent, None, &context.refs, now).map_err(AppError::invalid)?;
    let created = state.repo.create_item(&editor.account.actor(), &item.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(super::expect_kind::<T>(created)?.to_document(now))))
}

async fn update<T: EditablePage>(
    state: axum::extract::State<AppState>,
    editor: Acting<Editor>,
    Path(slug): Path<Slug>,
    Json { value, sent }: Json<T::Document>,
) -> Result<axum::Json<T::Document>, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let current: T = load(&state, &slug).await?;
    let context = Context::load(&state).await?;
    let now = state.clock.now();
    let item: T = check(value, &sent, Some(&current), &context.refs, now).map_err(AppError::invalid)?;
    if item.slug() != &slug {
        return Err(AppError::field(
            "slug",
            format!("the body's slug {:?} differs from the address's {:?}", item.slug().as_str(), slug.as_str()),
        ));
    }
    let updated = state.repo.update_item(&editor.account.actor(), &item.into()).await?;
    Ok(axum::Json(super::expect_kind::<T>(updated)?.to_document(now)))
}

/// Publishes (`PUBLISHED`) or withdraws an item.
async fn set_published<T: EditablePage, const PUBLISHED: bool>(
    state: axum::extract::State<AppState>,
    editor: Acting<Editor>,
    Path(slug): Path<Slug>,
) -> Result<axum::Json<T::Document>, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let item = state.repo.set_item_published(&editor.account.actor(), T::KIND, &slug, PUBLISHED).await?;
    Ok(axum::Json(super::expect_kind::<T>(item)?.to_document(state.clock.now())))
}

async fn revisions<T: EditablePage>(
    state: axum::extract::State<AppState>,
    _: Signed<Editor>,
    Path(slug): Path<Slug>,
    params: Params,
) -> Result<axum::Json<Listed<ItemRevision<T::Document>>>, AppError>
where
    T::Document: ToSchema + Default + Clone,
{
    let item: T = load(&state, &slug).await?;
    let now = state.clock.now();
    let paging = params.default_paging()?;
    let revisions = state.repo.list_item_revisions(T::KIND, item.slug(), paging).await?;
    let items = revisions
        .items
        .into_iter()
        .map(|r| {
            Ok(ItemRevision {
                revision: r.revision,
                at: r.at,
                actor: r.actor,
                action: r.action,
                item: super::expect_kind::<T>(r.item)?.to_document(now),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let page = rapporteur_store::Page { items, total: revisions.total };
    Ok(axum::Json(Listed::of(page, paging)))
}

/// The kind's name in descriptions: "call", "news item".
fn noun<T: EditablePage>() -> &'static str
where
    T::Document: ToSchema + Default + Clone,
{
    match T::KIND {
        rapporteur_core::editing::ContentKind::News => "news item",
        other => other.code(),
    }
}

fn json(schema: impl Into<RefOr<Schema>>) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn reference(name: &str) -> Ref {
    Ref::from_schema_name(name)
}

/// The description of one operation of the kind `T`.
struct Operation {
    method: HttpMethod,
    path: String,
    id: String,
    summary: String,
    slug: bool,
    body: bool,
    /// The success status and the schema of its body.
    success: (StatusCode, RefOr<Schema>),
    errors: &'static [StatusCode],
    /// Whether it answers a page of a list (`page` and `per_page` in the query).
    paged: bool,
}

impl Operation {
    fn build<T: EditablePage>(self) -> utoipa::openapi::path::Paths
    where
        T::Document: ToSchema + Default + Clone,
    {
        let document = T::Document::name();
        let mut op = OperationBuilder::new()
            .tag(T::TAG)
            .summary(Some(self.summary))
            .operation_id(Some(self.id))
            .security(SecurityRequirement::new("bearer", Vec::<String>::new()))
            .response(
                self.success.0.as_u16().to_string(),
                ResponseBuilder::new().content("application/json", json(self.success.1)),
            );
        if self.slug {
            op = op.parameter(
                ParameterBuilder::new()
                    .name("slug")
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(format!("The {}'s slug", noun::<T>())))
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String))),
            );
        }
        if self.paged {
            for (name, description) in [("page", "From 1"), ("per_page", "From 1 to 100, default 20")] {
                op = op.parameter(
                    ParameterBuilder::new()
                        .name(name)
                        .parameter_in(ParameterIn::Query)
                        .required(Required::False)
                        .description(Some(description))
                        .schema(Some(ObjectBuilder::new().schema_type(Type::Integer))),
                );
            }
        }
        if self.body {
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .content("application/json", json(reference(&document)))
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        for status in self.errors {
            op = op.response(
                status.as_u16().to_string(),
                ResponseBuilder::new().content("application/json", json(reference("ErrorBody"))),
            );
        }
        PathsBuilder::new().path(self.path, PathItem::new(self.method, op.build())).build()
    }
}

/// The schemas the kind's operations refer to: its document and its parts, and its revision.
fn schemas<T: EditablePage>() -> Vec<(String, RefOr<Schema>)>
where
    T::Document: ToSchema + Default + Clone,
{
    let document = T::Document::name();
    let revision = ObjectBuilder::new()
        .description(Some(format!("One saved state of a {}.", noun::<T>())))
        .property("revision", ObjectBuilder::new().schema_type(Type::Integer))
        .required("revision")
        .property("at", ObjectBuilder::new().schema_type(Type::String).description(Some("RFC 3339, UTC.")))
        .required("at")
        .property("actor", ObjectBuilder::new().schema_type(Type::String))
        .required("actor")
        .property(
            "action",
            ObjectBuilder::new().schema_type(Type::String).description(Some("create, update, publish or unpublish")),
        )
        .required("action")
        .property("item", reference(&document))
        .required("item");
    let mut schemas =
        vec![(document.to_string(), T::Document::schema()), (revision_name::<T>().into_owned(), revision.into())];
    T::Document::schemas(&mut schemas);
    schemas.push((ErrorBody::name().into_owned(), ErrorBody::schema()));
    schemas.push((Problem::name().into_owned(), Problem::schema()));
    schemas
}

fn revision_name<T: EditablePage>() -> Cow<'static, str>
where
    T::Document: ToSchema + Default + Clone,
{
    Cow::Owned(format!("{}Revision", T::Document::name().trim_end_matches("Document")))
}

/// The API's routes of the kind `T`, each with its description.
pub(super) fn routes<T: EditablePage>() -> ApiRouter
where
    T::Document: ToSchema + Default + Clone,
{
    use StatusCode as S;
    let (kind, noun) = (T::KIND.code(), noun::<T>());
    let base = format!("/api/v1/{}", T::SEGMENT);
    let item = format!("{base}/{{slug}}");
    let document: RefOr<Schema> = reference(&T::Document::name()).into();
    let route = |operation: Operation, method_router: MethodRouter<AppState>| -> UtoipaMethodRouter<AppState> {
        (schemas::<T>(), operation.build::<T>(), method_router)
    };
    let operation = |method, path: &str, id: String, summary: String, slug, body, success, errors| Operation {
        method,
        path: path.to_owned(),
        id,
        summary,
        slug,
        body,
        success,
        errors,
        paged: false,
    };
    let revisions_schema: RefOr<Schema> = ObjectBuilder::new()
        .description(Some(format!("A page of a {noun}'s revisions, newest first.")))
        .property("items", ArrayBuilder::new().items(reference(&revision_name::<T>())))
        .required("items")
        .property("total", ObjectBuilder::new().schema_type(Type::Integer))
        .required("total")
        .property("page", ObjectBuilder::new().schema_type(Type::Integer))
        .required("page")
        .property("per_page", ObjectBuilder::new().schema_type(Type::Integer))
        .required("per_page")
        .into();
    ApiRouter::new()
        .routes(route(
            operation(
                HttpMethod::Post,
                &base,
                format!("create_{kind}_api"),
                format!(
                    "Create a {noun} (a draft unless `published` is true). Fields the server sets may be left out."
                ),
                false,
                true,
                (S::CREATED, document.clone()),
                &[S::UNAUTHORIZED, S::FORBIDDEN, S::CONFLICT, S::UNPROCESSABLE_ENTITY],
            ),
            post(create::<T>),
        ))
        .routes(route(
            operation(
                HttpMethod::Put,
                &item,
                format!("update_{kind}_api"),
                format!(
                    "Replace a {noun}'s content. The document read with GET may be sent back changed: the fields the \
                     server sets are accepted when unchanged and refused by name when changed; its publication \
                     state stays as it is."
                ),
                true,
                true,
                (S::OK, document.clone()),
                &[S::UNAUTHORIZED, S::FORBIDDEN, S::NOT_FOUND, S::UNPROCESSABLE_ENTITY],
            ),
            axum::routing::put(update::<T>),
        ))
        .routes(route(
            operation(
                HttpMethod::Post,
                &format!("{item}/publish"),
                format!("publish_{kind}_api"),
                format!("Publish a {noun}."),
                true,
                false,
                (S::OK, document.clone()),
                &[S::UNAUTHORIZED, S::FORBIDDEN, S::NOT_FOUND],
            ),
            post(set_published::<T, true>),
        ))
        .routes(route(
            operation(
                HttpMethod::Post,
                &format!("{item}/unpublish"),
                format!("unpublish_{kind}_api"),
                format!("Withdraw a {noun} from the public."),
                true,
                false,
                (S::OK, document),
                &[S::UNAUTHORIZED, S::FORBIDDEN, S::NOT_FOUND],
            ),
            post(set_published::<T, false>),
        ))
        .routes(route(
            Operation {
                paged: true,
                ..operation(
                    HttpMethod::Get,
                    &format!("{item}/revisions"),
                    format!("list_{kind}_revisions_api"),
                    format!("Every revision of a {noun}, newest first (editors)."),
                    true,
                    false,
                    (S::OK, revisions_schema),
                    &[S::UNAUTHORIZED, S::FORBIDDEN, S::NOT_FOUND],
                )
            },
            get(revisions::<T>),
        ))
}
