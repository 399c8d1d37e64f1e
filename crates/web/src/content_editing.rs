//! The API that creates, replaces, publishes, withdraws and lists revisions of calls, news and instruments.
//! Editors and admins only; the store audits every change in the change's own transaction.

use crate::auth::Caller;
use crate::calls::CallResource;
use crate::editable::{expect_kind, reindex, CallInput, Editable, InstrumentInput, NewsInput, References};
use crate::error::AppError;
use crate::form::FieldError;
use crate::legislation::InstrumentResource;
use crate::news::NewsResource;
use crate::project_editing::{editor, json_input, EditError};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use rapporteur_core::{Call, Instrument, NewsItem, Slug};
use rapporteur_store::Actor;
use serde::Serialize;
use utoipa::ToSchema;

/// Reads and checks a JSON body of kind `T`.
async fn read_input<T: Editable>(state: &AppState, body: &Bytes) -> Result<T, EditError> {
    let input: T::Input = json_input(body)?;
    let refs = References::load(state).await?;
    T::check(input, &refs).map_err(EditError::Invalid)
}

async fn create<T: Editable>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<T::Resource>), EditError> {
    let account = editor(caller, &headers)?;
    let item: T = read_input(&state, &body).await?;
    let created: T = expect_kind(state.repo.create_item(&Actor::Account(account.email), &item.into_item()).await?)?;
    reindex(&state, &created)?;
    Ok((StatusCode::CREATED, Json(created.resource(state.clock.now()))))
}

async fn update<T: Editable>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    slug: String,
    body: Bytes,
) -> Result<Json<T::Resource>, EditError> {
    let account = editor(caller, &headers)?;
    let item: T = read_input(&state, &body).await?;
    if item.slug().as_str() != slug {
        return Err(EditError::Invalid(vec![FieldError::new(
            "slug",
            format!("the body's slug {:?} differs from the address's {slug:?}", item.slug().as_str()),
        )]));
    }
    let updated: T = expect_kind(state.repo.update_item(&Actor::Account(account.email), &item.into_item()).await?)?;
    reindex(&state, &updated)?;
    Ok(Json(updated.resource(state.clock.now())))
}

async fn set_published<T: Editable>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    slug: String,
    published: bool,
) -> Result<Json<T::Resource>, EditError> {
    let account = editor(caller, &headers)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let item: T =
        expect_kind(state.repo.set_item_published(&Actor::Account(account.email), T::KIND, &slug, published).await?)?;
    reindex(&state, &item)?;
    Ok(Json(item.resource(state.clock.now())))
}

/// One revision of a call, news item or instrument.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemRevisionResource<R: ToSchema> {
    pub revision: i64,
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    pub item: R,
}

async fn revisions<T: Editable>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    slug: String,
) -> Result<Json<Vec<ItemRevisionResource<T::Resource>>>, EditError>
where
    T::Resource: ToSchema,
{
    editor(caller, &headers)?;
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    if state.repo.find_item_for_editing(T::KIND, &slug).await?.is_none() {
        return Err(AppError::NotFound.into());
    }
    let now = state.clock.now();
    let revisions = state.repo.list_item_revisions(T::KIND, &slug).await?;
    let resources = revisions
        .into_iter()
        .map(|r| {
            Ok(ItemRevisionResource {
                revision: r.revision,
                at: r.at,
                actor: r.actor,
                action: r.action,
                item: expect_kind::<T>(r.item)?.resource(now),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Json(resources))
}

// The API's routes, one set per kind; each is a thin, documented call of the generic handler above.

/// Create a call (a draft unless `published` is true); a call for expression of interest opens the Civil
/// Society Platform to applications from the listed Member States until its deadline.
#[utoipa::path(post, path = "/api/v1/calls", tag = "calls", security(("bearer" = [])), request_body = CallInput,
    responses((status = 201, body = CallResource), (status = 401), (status = 403), (status = 409), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn create_call_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<CallResource>), EditError> {
    create::<Call>(state, caller, headers, body).await
}

/// Replace a call's content, errata included (its publication state stays as it is).
#[utoipa::path(put, path = "/api/v1/calls/{slug}", tag = "calls", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The call's slug; the body's slug must be the same")), request_body = CallInput,
    responses((status = 200, body = CallResource), (status = 401), (status = 403), (status = 404), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn update_call_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<CallResource>, EditError> {
    update::<Call>(state, caller, headers, slug, body).await
}

/// Publish a call.
#[utoipa::path(post, path = "/api/v1/calls/{slug}/publish", tag = "calls", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = CallResource), (status = 401), (status = 403), (status = 404)))]
pub async fn publish_call_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<CallResource>, EditError> {
    set_published::<Call>(state, caller, headers, slug, true).await
}

/// Withdraw a call from the public.
#[utoipa::path(post, path = "/api/v1/calls/{slug}/unpublish", tag = "calls", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = CallResource), (status = 401), (status = 403), (status = 404)))]
pub async fn unpublish_call_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<CallResource>, EditError> {
    set_published::<Call>(state, caller, headers, slug, false).await
}

/// Every revision of a call, newest first (editors).
#[utoipa::path(get, path = "/api/v1/calls/{slug}/revisions", tag = "calls", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = [ItemRevisionResource<CallResource>]), (status = 401), (status = 403), (status = 404)))]
pub async fn list_call_revisions_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<Vec<ItemRevisionResource<CallResource>>>, EditError> {
    revisions::<Call>(state, caller, headers, slug).await
}

/// Create a news item (a draft unless `published` is true).
#[utoipa::path(post, path = "/api/v1/news", tag = "news", security(("bearer" = [])), request_body = NewsInput,
    responses((status = 201, body = NewsResource), (status = 401), (status = 403), (status = 409), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn create_news_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<NewsResource>), EditError> {
    create::<NewsItem>(state, caller, headers, body).await
}

/// Replace a news item's content (its publication state stays as it is).
#[utoipa::path(put, path = "/api/v1/news/{slug}", tag = "news", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The item's slug; the body's slug must be the same")), request_body = NewsInput,
    responses((status = 200, body = NewsResource), (status = 401), (status = 403), (status = 404), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn update_news_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<NewsResource>, EditError> {
    update::<NewsItem>(state, caller, headers, slug, body).await
}

/// Publish a news item.
#[utoipa::path(post, path = "/api/v1/news/{slug}/publish", tag = "news", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = NewsResource), (status = 401), (status = 403), (status = 404)))]
pub async fn publish_news_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<NewsResource>, EditError> {
    set_published::<NewsItem>(state, caller, headers, slug, true).await
}

/// Withdraw a news item from the public.
#[utoipa::path(post, path = "/api/v1/news/{slug}/unpublish", tag = "news", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = NewsResource), (status = 401), (status = 403), (status = 404)))]
pub async fn unpublish_news_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<NewsResource>, EditError> {
    set_published::<NewsItem>(state, caller, headers, slug, false).await
}

/// Every revision of a news item, newest first (editors).
#[utoipa::path(get, path = "/api/v1/news/{slug}/revisions", tag = "news", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = [ItemRevisionResource<NewsResource>]), (status = 401), (status = 403), (status = 404)))]
pub async fn list_news_revisions_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<Vec<ItemRevisionResource<NewsResource>>>, EditError> {
    revisions::<NewsItem>(state, caller, headers, slug).await
}

/// Create an instrument (a draft unless `published` is true).
#[utoipa::path(post, path = "/api/v1/instruments", tag = "legislation", security(("bearer" = [])), request_body = InstrumentInput,
    responses((status = 201, body = InstrumentResource), (status = 401), (status = 403), (status = 409), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn create_instrument_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<InstrumentResource>), EditError> {
    create::<Instrument>(state, caller, headers, body).await
}

/// Replace an instrument's content (its publication state stays as it is).
#[utoipa::path(put, path = "/api/v1/instruments/{slug}", tag = "legislation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The instrument's slug; the body's slug must be the same")), request_body = InstrumentInput,
    responses((status = 200, body = InstrumentResource), (status = 401), (status = 403), (status = 404), (status = 422, body = crate::project_editing::ValidationErrors)))]
pub async fn update_instrument_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<InstrumentResource>, EditError> {
    update::<Instrument>(state, caller, headers, slug, body).await
}

/// Publish an instrument.
#[utoipa::path(post, path = "/api/v1/instruments/{slug}/publish", tag = "legislation", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = InstrumentResource), (status = 401), (status = 403), (status = 404)))]
pub async fn publish_instrument_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<InstrumentResource>, EditError> {
    set_published::<Instrument>(state, caller, headers, slug, true).await
}

/// Withdraw an instrument from the public.
#[utoipa::path(post, path = "/api/v1/instruments/{slug}/unpublish", tag = "legislation", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = InstrumentResource), (status = 401), (status = 403), (status = 404)))]
pub async fn unpublish_instrument_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<InstrumentResource>, EditError> {
    set_published::<Instrument>(state, caller, headers, slug, false).await
}

/// Every revision of an instrument, newest first (editors).
#[utoipa::path(get, path = "/api/v1/instruments/{slug}/revisions", tag = "legislation", security(("bearer" = [])),
    params(("slug" = String, Path)), responses((status = 200, body = [ItemRevisionResource<InstrumentResource>]), (status = 401), (status = 403), (status = 404)))]
pub async fn list_instrument_revisions_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Json<Vec<ItemRevisionResource<InstrumentResource>>>, EditError> {
    revisions::<Instrument>(state, caller, headers, slug).await
}
