//! Accounts managed in the browser and the API: admins create, disable, enable and reset accounts; everyone
//! signed in manages their own personal API tokens (shown once, stored hashed, revocable).

use super::confirm;
use super::me::AccountResource;
use crate::http::{Acting, Acts, Admin, AnyAccount, ApiRouter, AppError, Json, Params, Path, Signed, Submitted};
use crate::resources::Listed;
use crate::state::AppState;
use crate::ui::layout::{self, url_encode};
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{html, Markup};
use rapporteur_core::accounts::{AccountDocument, Email, Password, RoleName};
use rapporteur_core::{MemberState, Paging};
use rapporteur_store::{Account, Page};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::routes;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/workspace/accounts", get(show_accounts).post(create_account_form))
        .route("/workspace/accounts/{email}/disable", post(disable_account_form))
        .route("/workspace/accounts/{email}/enable", post(enable_account_form))
        .route("/workspace/accounts/{email}/password", post(reset_password_form))
        .route("/account/tokens", post(create_token_form))
        .route("/account/tokens/revoke", post(revoke_tokens_form))
        .routes(routes!(list_accounts_api, create_account_api))
        .routes(routes!(disable_account_api))
        .routes(routes!(enable_account_api))
        .routes(routes!(reset_password_api))
        .routes(routes!(create_token_api, revoke_tokens_api))
}

/// The accounts by address, a page at a time (admins).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", security(("bearer" = [])),
    params(
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "From 1 to 100, default 20"),
    ),
    responses((status = 200, body = Listed<AccountResource>), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody)))]
async fn list_accounts_api(
    State(state): State<AppState>,
    _: Signed<Admin>,
    params: Params,
) -> Result<axum::Json<Listed<AccountResource>>, AppError> {
    let paging = params.default_paging()?;
    Ok(axum::Json(Listed::of(state.repo.list_accounts(paging).await?, paging)))
}

/// Create an account (admins).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", security(("bearer" = [])), request_body = AccountDocument,
    responses((status = 201, body = AccountResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 409, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn create_account_api(
    State(state): State<AppState>,
    admin: Acting<Admin>,
    Json { value, .. }: Json<AccountDocument>,
) -> Result<(StatusCode, axum::Json<AccountResource>), AppError> {
    let (email, role, password) = value.check().map_err(AppError::invalid)?;
    let created = state.repo.create_account(&admin.account.actor(), &email, &role, &password).await?;
    Ok((StatusCode::CREATED, axum::Json(created.into())))
}

/// Disable an account: its sessions end and its tokens are revoked (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/disable", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), responses((status = 200, body = AccountResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn disable_account_api(
    State(state): State<AppState>,
    admin: Acting<Admin>,
    Path(email): Path<Email>,
) -> Result<axum::Json<AccountResource>, AppError> {
    Ok(axum::Json(state.repo.set_account_disabled(&admin.account.actor(), &email, true).await?.into()))
}

/// Enable an account again (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/enable", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), responses((status = 200, body = AccountResource), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody)))]
async fn enable_account_api(
    State(state): State<AppState>,
    admin: Acting<Admin>,
    Path(email): Path<Email>,
) -> Result<axum::Json<AccountResource>, AppError> {
    Ok(axum::Json(state.repo.set_account_disabled(&admin.account.actor(), &email, false).await?.into()))
}

/// A new password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordInput {
    pub password: String,
}

fn new_password(text: String) -> Result<Password, AppError> {
    Password::new(text).map_err(|e| AppError::field("password", e.to_string()))
}

/// Reset an account's password and end its sessions (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/password", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), request_body = PasswordInput,
    responses((status = 204), (status = 401, body = crate::http::error::ErrorBody), (status = 403, body = crate::http::error::ErrorBody), (status = 404, body = crate::http::error::ErrorBody), (status = 422, body = crate::http::error::ErrorBody)))]
async fn reset_password_api(
    State(state): State<AppState>,
    admin: Acting<Admin>,
    Path(email): Path<Email>,
    Json { value, .. }: Json<PasswordInput>,
) -> Result<StatusCode, AppError> {
    let password = new_password(value.password)?;
    state.repo.set_password(&admin.account.actor(), &email, &password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new personal API token, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewToken {
    pub token: String,
}

/// Create a personal API token for the caller.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 201, body = NewToken), (status = 401, body = crate::http::error::ErrorBody)))]
async fn create_token_api(
    State(state): State<AppState>,
    me: Acting<AnyAccount>,
) -> Result<(StatusCode, axum::Json<NewToken>), AppError> {
    let token = state.repo.create_api_token(&me.account.actor(), &me.account.email).await?;
    Ok((StatusCode::CREATED, axum::Json(NewToken { token })))
}

/// Revoke all of the caller's personal API tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::http::error::ErrorBody)))]
async fn revoke_tokens_api(State(state): State<AppState>, me: Acting<AnyAccount>) -> Result<StatusCode, AppError> {
    state.repo.revoke_api_tokens(&me.account.actor(), &me.account.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accounts on one page of the accounts page.
const ACCOUNTS_PER_PAGE: u32 = 50;

/// The accounts page: a page of the accounts, by address, and the form that creates one.
fn accounts_page(
    cat: &Catalogue,
    csrf: &str,
    accounts: &Page<Account>,
    paging: Paging,
    notice: Option<&str>,
) -> Markup {
    let meta = PageMeta::new(cat, Section::None, cat.t("accounts-title")).trail(cat.t("workspace-title"), "/workspace");
    // On a narrow screen each account stands as a card, its cells named by their columns.
    let labels = ["account-email", "account-role", "platform-status", "accounts-actions"].map(|id| cat.t(id));
    page(
        meta,
        html! {
            h1 { (cat.t("accounts-title")) }
            @if let Some(n) = notice { div.notice role="status" { p { (n) } } }
            p { (cat.t("accounts-explained")) }
            table.data-table.data-table--stack {
                caption { (cat.t("accounts-caption")) }
                thead { tr { @for label in &labels { th scope="col" { (label) } } } }
                tbody {
                    @for (i, a) in accounts.items.iter().enumerate() {
                        tr {
                            td data-label=(labels[0]) { (a.email) }
                            td data-label=(labels[1]) { (a.role.to_string()) }
                            td data-label=(labels[2]) { (cat.t(if a.disabled { "accounts-disabled" } else { "accounts-active" })) }
                            td data-label=(labels[3]) {
                                form.inline-form method="post" action={ "/workspace/accounts/" (url_encode(a.email.as_str())) (if a.disabled { "/enable" } else { "/disable" }) } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    @if a.disabled {
                                        button type="submit" { (cat.t("accounts-enable")) span.visually-hidden { " " (a.email) } }
                                    } @else {
                                        button.button--danger type="submit" { (cat.t("accounts-disable")) span.visually-hidden { " " (a.email) } }
                                    }
                                }
                                details {
                                    summary { (cat.t("accounts-reset")) span.visually-hidden { " " (a.email) } }
                                    form.inline-form method="post" action={ "/workspace/accounts/" (url_encode(a.email.as_str())) "/password" } {
                                        input type="hidden" name="csrf" value=(csrf);
                                        label for={ "pw-" (i) } { (cat.t("accounts-new-password")) span.visually-hidden { " " (a.email) } }
                                        " "
                                        input id={ "pw-" (i) } type="password" name="password" autocomplete="new-password" required minlength="12";
                                        " "
                                        button type="submit" { (cat.t("accounts-reset-button")) span.visually-hidden { " " (a.email) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (layout::pagination(cat, "/workspace/accounts", &[], paging.page(), paging.page_count(accounts.total)))
            h2 { (cat.t("accounts-create")) }
            form.form method="post" action="/workspace/accounts" {
                input type="hidden" name="csrf" value=(csrf);
                div.field { label for="n-email" { (cat.t("account-email")) } input #n-email type="email" name="email" required; }
                div.field {
                    label for="n-role" { (cat.t("account-role")) }
                    select #n-role name="role" { @for r in RoleName::ALL { option value=(r.code()) { (cat.t(&format!("role-{}", r.code()))) } } }
                }
                div.field {
                    label for="n-ms" { (cat.t("account-member-state")) }
                    select #n-ms name="member_state" { option value="" { "—" } @for m in MemberState::all() { option value=(m.iso()) { (m.name()) } } }
                }
                div.field { label for="n-org" { (cat.t("account-organisation")) } input #n-org type="text" name="organisation"; }
                div.field { label for="n-agency" { (cat.t("account-agency")) } input #n-agency type="text" name="agency"; }
                div.field { label for="n-password" { (cat.t("accounts-initial-password")) } input #n-password type="password" name="password" autocomplete="new-password" required minlength="12"; }
                div.actions { button type="submit" { (cat.t("accounts-create-button")) } }
            }
        },
    )
}

async fn show_accounts(
    State(state): State<AppState>,
    Lang(cat): Lang,
    admin: Signed<Admin>,
    params: Params,
) -> Result<Markup, AppError> {
    let paging = params.paging(ACCOUNTS_PER_PAGE)?;
    let accounts = state.repo.list_accounts(paging).await?;
    // Shown after a reset's redirect; only for an account that exists, so a crafted link cannot put words here.
    let mut notice = None;
    if let Some(email) = params.get("reset").and_then(|e| Email::parse(e).ok()) {
        if state.repo.find_account_by_email(&email).await?.is_some() {
            notice = Some(cat.t_args("accounts-password-reset", &[("email", email.as_str().into())]));
        }
    }
    Ok(accounts_page(cat, admin.form_token(), &accounts, paging, notice.as_deref()))
}

async fn create_account_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    admin: Submitted<Admin>,
) -> Result<(StatusCode, Markup), AppError> {
    let text = |k: &str| admin.form.get(k).map(str::to_owned);
    let document = AccountDocument {
        email: text("email").unwrap_or_default(),
        role: text("role").unwrap_or_default(),
        member_state: text("member_state"),
        organisation: text("organisation"),
        agency: text("agency"),
        password: text("password").unwrap_or_default(),
    };
    let outcome = match document.check() {
        Ok((email, role, password)) => {
            match state.repo.create_account(&admin.account.actor(), &email, &role, &password).await {
                Ok(created) => {
                    (StatusCode::CREATED, cat.t_args("accounts-created", &[("email", created.email.as_str().into())]))
                }
                Err(e) => match AppError::from(e) {
                    AppError::Conflict(m) => (StatusCode::CONFLICT, m),
                    other => return Err(other),
                },
            }
        }
        Err(problems) => {
            (StatusCode::BAD_REQUEST, problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        }
    };
    let paging = Paging::first(ACCOUNTS_PER_PAGE);
    let accounts = state.repo.list_accounts(paging).await?;
    Ok((outcome.0, accounts_page(cat, &admin.csrf, &accounts, paging, Some(&outcome.1))))
}

async fn set_disabled(
    state: AppState,
    admin: Submitted<Admin>,
    email: Email,
    disabled: bool,
) -> Result<Redirect, AppError> {
    state.repo.set_account_disabled(&admin.account.actor(), &email, disabled).await?;
    Ok(Redirect::to("/workspace/accounts"))
}

/// Disables an account once the admin has confirmed: its sessions end and its tokens stop working.
async fn disable_account_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(email): Path<Email>,
    admin: Submitted<Admin>,
) -> Result<Response, AppError> {
    if !confirm::confirmed(&admin.form) {
        // Asking about an account that does not exist would be a question about nothing.
        state.repo.find_account_by_email(&email).await?.ok_or(AppError::NotFound)?;
        let action = format!("/workspace/accounts/{}/disable", url_encode(email.as_str()));
        return Ok(confirm::ask(
            cat,
            confirm::Confirmation {
                question: cat.t_args("confirm-disable-question", &[("email", email.as_str().into())]),
                consequence: cat.t("confirm-disable-consequence"),
                yes: cat.t("confirm-disable-yes"),
                action: &action,
                cancel: "/workspace/accounts",
                csrf: &admin.csrf,
                carried: Vec::new(),
            },
        )
        .into_response());
    }
    Ok(set_disabled(state, admin, email, true).await?.into_response())
}

async fn enable_account_form(
    State(state): State<AppState>,
    Path(email): Path<Email>,
    admin: Submitted<Admin>,
) -> Result<Redirect, AppError> {
    set_disabled(state, admin, email, false).await
}

/// An admin sets a new password; the account's sessions end (the store does both in one transaction). The
/// answer is a redirect, so that reloading the page does not send the password again.
async fn reset_password_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    Path(email): Path<Email>,
    admin: Submitted<Admin>,
) -> Result<Response, AppError> {
    match new_password(admin.form.get("password").unwrap_or_default().to_owned()) {
        Ok(password) => {
            state.repo.set_password(&admin.account.actor(), &email, &password).await?;
            Ok(Redirect::to(&format!("/workspace/accounts?reset={}", url_encode(email.as_str()))).into_response())
        }
        Err(e) => {
            let paging = Paging::first(ACCOUNTS_PER_PAGE);
            let accounts = state.repo.list_accounts(paging).await?;
            let message = e.problems().into_iter().map(|p| p.detail).collect::<Vec<_>>().join("; ");
            Ok((StatusCode::UNPROCESSABLE_ENTITY, accounts_page(cat, &admin.csrf, &accounts, paging, Some(&message)))
                .into_response())
        }
    }
}

/// A new personal token from the account page, shown once.
async fn create_token_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Submitted<AnyAccount>,
) -> Result<Markup, AppError> {
    let token = state.repo.create_api_token(&me.account.actor(), &me.account.email).await?;
    let meta = PageMeta::new(cat, Section::None, cat.t("token-title"))
        .trail(cat.t("nav-home"), "/")
        .trail(cat.t("account-title"), "/account");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("token-title")) }
            p { (cat.t("token-once")) }
            p { code #new-token { (token) } }
            p { a href="/account" { (cat.t("account-title")) } }
        },
    ))
}

/// Revokes every personal token of the caller, once confirmed.
async fn revoke_tokens_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Submitted<AnyAccount>,
) -> Result<Response, AppError> {
    if !confirm::confirmed(&me.form) {
        return Ok(confirm::ask(
            cat,
            confirm::Confirmation {
                question: cat.t("confirm-revoke-question"),
                consequence: cat.t("confirm-revoke-consequence"),
                yes: cat.t("confirm-revoke-yes"),
                action: "/account/tokens/revoke",
                cancel: "/account",
                csrf: &me.csrf,
                carried: Vec::new(),
            },
        )
        .into_response());
    }
    state.repo.revoke_api_tokens(&me.account.actor(), &me.account.email).await?;
    Ok(Redirect::to("/account").into_response())
}
