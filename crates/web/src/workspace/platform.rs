//! The editors' review of applications to the Civil Society Platform, in the browser and the API; a
//! civil-society organisation's account reads its own applications.

use crate::http::{Acting, Acts, AnyAccount, ApiRouter, AppError, Editor, Params, Path, Signed, Submitted};
use crate::resources::{ApplicationResource, Listed};
use crate::state::AppState;
use crate::ui::{layout, page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{html, Markup};
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::{MemberState, Paging};
use rapporteur_store::{Account, Application, ApplicationFilter, Page};
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/platform", get(show_platform))
        .route("/workspace/platform/applications/{id}/accept", post(accept_application))
        .route("/workspace/platform/applications/{id}/reject", post(reject_application))
        .routes(routes!(list_applications_api))
        .routes(routes!(accept_application_api))
        .routes(routes!(reject_application_api))
}

/// The editors' review and the geographical balance.
async fn show_platform(
    State(state): State<AppState>,
    Lang(cat): Lang,
    editor: Signed<Editor>,
    params: Params,
) -> Result<Markup, AppError> {
    let csrf = editor.form_token();
    let paging = params.default_paging()?;
    let listed = state.repo.list_applications(&ApplicationFilter::default(), paging).await?;
    let applications = listed.items;
    let members = state.repo.members_per_member_state().await?;
    let meta = PageMeta::new(cat, Section::Network, cat.t("platform-title")).trail(cat.t("nav-home"), "/");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("platform-title")) }
            h2 { (cat.t("platform-applications")) }
            @if applications.is_empty() { p { (cat.t("platform-no-applications")) } }
            @for a in &applications {
                article.card {
                    h3.card__title { (a.organisation_name) }
                    dl.facts.facts--inline {
                        dt { (cat.t("apply-seat")) } dd { (a.member_state) }
                        dt { (cat.t("apply-email")) } dd { (a.contact_email) }
                        dt { (cat.t("platform-status")) } dd { (cat.t(&format!("platform-status-{}", a.status.code()))) }
                    }
                    p { (a.motivation) }
                    @if a.status == rapporteur_store::ApplicationStatus::Submitted {
                        form.inline-form method="post" action={ "/workspace/platform/applications/" (a.id) "/accept" } {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { (cat.t("platform-accept")) " " span.visually-hidden { (a.organisation_name) } }
                        }
                        form.inline-form method="post" action={ "/workspace/platform/applications/" (a.id) "/reject" } {
                            input type="hidden" name="csrf" value=(csrf);
                            button.button--danger type="submit" { (cat.t("platform-reject")) " " span.visually-hidden { (a.organisation_name) } }
                        }
                    }
                }
            }
            (layout::pagination(cat, "/workspace/platform", &[], paging.page(), paging.page_count(listed.total)))
            h2 { (cat.t("platform-balance")) }
            (balance_table(cat, &members))
        },
    ))
}

fn balance_table(cat: &Catalogue, members: &[(MemberState, u64)]) -> Markup {
    html! {
        table.data-table {
            caption { (cat.t("platform-balance-caption")) }
            thead { tr { th scope="col" { (cat.t("platform-member-state")) } th scope="col" { (cat.t("platform-members")) } } }
            tbody {
                @for (m, n) in members {
                    tr { td { (m.name()) } td { @if *n == 0 { strong { (cat.t("platform-none")) } } @else { (n) } } }
                }
            }
        }
    }
}

async fn decide(state: &AppState, account: &Account, id: i64, accept: bool) -> Result<Application, AppError> {
    Ok(state.repo.decide_application(&account.actor(), id, accept).await?)
}

async fn accept_application(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    editor: Submitted<Editor>,
) -> Result<Redirect, AppError> {
    decide(&state, &editor.account, id, true).await?;
    Ok(Redirect::to("/workspace/platform"))
}

/// Rejects an application once the editor has confirmed (see [`super::confirm`]).
async fn reject_application(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(id): Path<i64>,
    editor: Submitted<Editor>,
) -> Result<Response, AppError> {
    if !super::confirm::confirmed(&editor.form) {
        let action = format!("/workspace/platform/applications/{id}/reject");
        return Ok(super::confirm::ask(
            cat,
            super::confirm::Confirmation {
                question: cat.t_args("confirm-reject-question", &[("id", id.into())]),
                consequence: cat.t("confirm-reject-consequence"),
                yes: cat.t("confirm-reject-yes"),
                action: &action,
                cancel: "/workspace/platform",
                csrf: &editor.csrf,
                carried: Vec::new(),
            },
        )
        .into_response());
    }
    decide(&state, &editor.account, id, false).await?;
    Ok(Redirect::to("/workspace/platform").into_response())
}

/// A page of the applications a caller may read: every one for editors, a civil-society organisation's own
/// for its `cso` account (without the deciding editor's address); nobody else's.
pub(crate) async fn readable_applications(
    state: &AppState,
    account: &Account,
    paging: Paging,
) -> Result<Page<Application>, AppError> {
    match &account.role {
        // The organisation's slug comes from the name an applicant typed, which anyone can type again; the
        // account was created from the accepted application's contact address, so both must match.
        Role::Cso { organisation } => {
            let own = (organisation.to_string(), account.email.to_string());
            let filter = ApplicationFilter { organisation: Some(own), ..Default::default() };
            let page = state.repo.list_applications(&filter, paging).await?;
            let items = page.items.into_iter().map(|a| Application { decided_by: None, ..a }).collect();
            Ok(Page { items, total: page.total })
        }
        role if role.may(Permission::EditContent) => {
            Ok(state.repo.list_applications(&ApplicationFilter::default(), paging).await?)
        }
        _ => Err(AppError::Forbidden),
    }
}

/// Applications to the Civil Society Platform, newest first, a page at a time: every one for editors, its
/// own for a `cso` account.
#[utoipa::path(get, path = "/api/v1/civil-society/applications", tag = "network", security(("bearer" = [])),
    params(
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = Listed<ApplicationResource>), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody)))]
async fn list_applications_api(
    State(state): State<AppState>,
    me: Signed<AnyAccount>,
    params: Params,
) -> Result<axum::Json<Listed<ApplicationResource>>, AppError> {
    let paging = params.default_paging()?;
    Ok(axum::Json(Listed::of(readable_applications(&state, &me.account, paging).await?, paging)))
}

/// Accept an application (editors): the organisation becomes a member and gets a `cso` account.
#[utoipa::path(post, path = "/api/v1/civil-society/applications/{id}/accept", tag = "network", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = ApplicationResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody)))]
async fn accept_application_api(
    State(state): State<AppState>,
    editor: Acting<Editor>,
    Path(id): Path<i64>,
) -> Result<axum::Json<ApplicationResource>, AppError> {
    Ok(axum::Json(decide(&state, &editor.account, id, true).await?.into()))
}

/// Reject an application (editors).
#[utoipa::path(post, path = "/api/v1/civil-society/applications/{id}/reject", tag = "network", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = ApplicationResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody)))]
async fn reject_application_api(
    State(state): State<AppState>,
    editor: Acting<Editor>,
    Path(id): Path<i64>,
) -> Result<axum::Json<ApplicationResource>, AppError> {
    Ok(axum::Json(decide(&state, &editor.account, id, false).await?.into()))
}
