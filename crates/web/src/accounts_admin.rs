//! Accounts managed in the browser and the API: admins create, disable, enable and reset accounts; everyone
//! signed in manages their own personal API tokens (shown once, stored hashed, revocable).

use crate::auth::{csrf_header, Caller};
use crate::error::{ApiError, AppError};
use crate::i18n::{Catalogue, Lang};
use crate::layout::{page, PageMeta, Section};
use crate::me::AccountResource;
use crate::params::Params;
use crate::workspace::Refusal;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use maud::{html, Markup};
use rapporteur_core::accounts::{Email, Password, Role, RoleName, ScopeFields};
use rapporteur_core::{MemberState, Slug};
use rapporteur_store::{Account, Actor};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn actor(a: &Account) -> Actor {
    Actor::Account(a.email.clone())
}

/// The admin behind a request that changes something: signed in, CSRF checked for sessions, admin role.
fn admin_writing(caller: Caller, csrf: Option<&str>) -> Result<Account, AppError> {
    caller.writer(csrf)?;
    caller.admin()
}

/// A new account as an admin sends it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    pub email: String,
    /// admin, editor, rapporteur, source, agency or cso
    pub role: String,
    pub member_state: Option<String>,
    pub organisation: Option<String>,
    pub agency: Option<String>,
    /// At least 12 characters.
    pub password: String,
}

fn parse_account(input: AccountInput) -> Result<(Email, Role, Password), AppError> {
    let email = Email::parse(&input.email).map_err(|e| AppError::bad("email", e.to_string()))?;
    let name = RoleName::parse(&input.role)
        .ok_or_else(|| AppError::bad("role", "role must be admin, editor, rapporteur, source, agency or cso"))?;
    let some = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let scope = ScopeFields {
        member_state: some(input.member_state)
            .map(|m| MemberState::parse(&m).map_err(|e| AppError::bad("member_state", e.to_string())))
            .transpose()?,
        organisation: some(input.organisation)
            .map(|o| Slug::parse(&o).map_err(|e| AppError::bad("organisation", e.to_string())))
            .transpose()?,
        agency: some(input.agency)
            .map(|a| Slug::parse(&a).map_err(|e| AppError::bad("agency", e.to_string())))
            .transpose()?,
    };
    let role = Role::new(name, scope).map_err(|e| AppError::bad("role", e.to_string()))?;
    let password = Password::new(input.password).map_err(|e| AppError::bad("password", e.to_string()))?;
    Ok((email, role, password))
}

/// All accounts (admins).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = [AccountResource]), (status = 401), (status = 403)))]
pub async fn list_accounts_api(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<AccountResource>>, ApiError> {
    caller.admin()?;
    Ok(Json(state.repo.list_accounts().await?.into_iter().map(Into::into).collect()))
}

/// Create an account (admins).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", security(("bearer" = [])), request_body = AccountInput,
    responses((status = 201, body = AccountResource), (status = 400), (status = 401), (status = 403), (status = 409)))]
pub async fn create_account_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<AccountResource>), ApiError> {
    let admin = admin_writing(caller, csrf_header(&headers))?;
    let input: AccountInput = crate::params::json_body(&body)?;
    let (email, role, password) = parse_account(input)?;
    let created = state.repo.create_account(&actor(&admin), &email, &role, &password).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

fn target(email: &str) -> Result<Email, AppError> {
    Email::parse(email).map_err(|_| AppError::NotFound)
}

/// Disable an account: its sessions end and its tokens are revoked (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/disable", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), responses((status = 200, body = AccountResource), (status = 401), (status = 403), (status = 404)))]
pub async fn disable_account_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(email): Path<String>,
) -> Result<Json<AccountResource>, ApiError> {
    let admin = admin_writing(caller, csrf_header(&headers))?;
    Ok(Json(state.repo.set_account_disabled(&actor(&admin), &target(&email)?, true).await?.into()))
}

/// Enable an account again (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/enable", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), responses((status = 200, body = AccountResource), (status = 401), (status = 403), (status = 404)))]
pub async fn enable_account_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(email): Path<String>,
) -> Result<Json<AccountResource>, ApiError> {
    let admin = admin_writing(caller, csrf_header(&headers))?;
    Ok(Json(state.repo.set_account_disabled(&actor(&admin), &target(&email)?, false).await?.into()))
}

/// A new password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordInput {
    pub password: String,
}

/// Reset an account's password and end its sessions (admins).
#[utoipa::path(post, path = "/api/v1/accounts/{email}/password", tag = "accounts", security(("bearer" = [])),
    params(("email" = String, Path)), request_body = PasswordInput,
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn reset_password_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(email): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let admin = admin_writing(caller, csrf_header(&headers))?;
    let input: PasswordInput = crate::params::json_body(&body)?;
    let password = Password::new(input.password).map_err(|e| AppError::bad("password", e.to_string()))?;
    state.repo.set_password(&actor(&admin), &target(&email)?, &password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new personal API token, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewToken {
    pub token: String,
}

/// Create a personal API token for the caller.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 201, body = NewToken), (status = 401)))]
pub async fn create_token_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<NewToken>), ApiError> {
    let me = caller.writer(csrf_header(&headers))?;
    let token = state.repo.create_api_token(&actor(&me), &me.email).await?;
    Ok((StatusCode::CREATED, Json(NewToken { token })))
}

/// Revoke all of the caller's personal API tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401)))]
pub async fn revoke_tokens_api(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let me = caller.writer(csrf_header(&headers))?;
    state.repo.revoke_api_tokens(&actor(&me), &me.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn accounts_page(cat: &Catalogue, csrf: &str, accounts: &[Account], notice: Option<&str>) -> Markup {
    let meta = PageMeta::new(cat, Section::None, cat.t("accounts-title")).trail(cat.t("nav-home"), "/");
    page(
        meta,
        html! {
            h1 { (cat.t("accounts-title")) }
            @if let Some(n) = notice { div.notice role="status" { p { (n) } } }
            table.data-table {
                caption { (cat.t("accounts-caption")) }
                thead { tr {
                    th scope="col" { (cat.t("account-email")) }
                    th scope="col" { (cat.t("account-role")) }
                    th scope="col" { (cat.t("platform-status")) }
                    th scope="col" { (cat.t("accounts-actions")) }
                } }
                tbody {
                    @for (i, a) in accounts.iter().enumerate() {
                        tr {
                            td { (a.email) }
                            td { (a.role.to_string()) }
                            td { (cat.t(if a.disabled { "accounts-disabled" } else { "accounts-active" })) }
                            td {
                                form.inline-form method="post" action={ "/workspace/accounts/" (a.email) (if a.disabled { "/enable" } else { "/disable" }) } {
                                    input type="hidden" name="csrf" value=(csrf);
                                    button type="submit" { (cat.t(if a.disabled { "accounts-enable" } else { "accounts-disable" })) span.visually-hidden { " " (a.email) } }
                                }
                                details {
                                    summary { (cat.t("accounts-reset")) span.visually-hidden { " " (a.email) } }
                                    form.inline-form method="post" action={ "/workspace/accounts/" (a.email) "/password" } {
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

pub async fn show_accounts(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    params: Params,
) -> Result<Markup, Refusal> {
    let (_, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    caller.admin()?;
    let accounts = state.repo.list_accounts().await?;
    // Shown after a reset's redirect; only for an account that exists, so a crafted link cannot put words here.
    let notice = params
        .get("reset")
        .filter(|email| accounts.iter().any(|a| a.email.as_str() == *email))
        .map(|email| cat.t_args("accounts-password-reset", &[("email", email.into())]));
    Ok(accounts_page(cat, &csrf, &accounts, notice.as_deref()))
}

pub async fn create_account_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Markup), Refusal> {
    let form = Params::from_form(&body)?;
    let (_, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let admin = admin_writing(caller, form.get("csrf"))?;
    let text = |k: &str| form.get(k).map(str::to_owned);
    let input = AccountInput {
        email: text("email").unwrap_or_default(),
        role: text("role").unwrap_or_default(),
        member_state: text("member_state"),
        organisation: text("organisation"),
        agency: text("agency"),
        password: text("password").unwrap_or_default(),
    };
    let outcome = match parse_account(input) {
        Ok((email, role, password)) => {
            match state.repo.create_account(&actor(&admin), &email, &role, &password).await {
                Ok(created) => {
                    (StatusCode::CREATED, cat.t_args("accounts-created", &[("email", created.email.as_str().into())]))
                }
                Err(e) => match AppError::from(e) {
                    AppError::Conflict(m) => (StatusCode::CONFLICT, m),
                    other => return Err(other.into()),
                },
            }
        }
        Err(e) => (StatusCode::BAD_REQUEST, e.to_string()),
    };
    let accounts = state.repo.list_accounts().await?;
    Ok((outcome.0, accounts_page(cat, &csrf, &accounts, Some(&outcome.1))))
}

async fn set_disabled(
    state: AppState,
    caller: Caller,
    email: String,
    body: Bytes,
    disabled: bool,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let admin = admin_writing(caller, form.get("csrf"))?;
    state.repo.set_account_disabled(&actor(&admin), &target(&email)?, disabled).await?;
    Ok(Redirect::to("/workspace/accounts"))
}

/// An admin sets a new password; the account's sessions end (the store does both in one transaction). The
/// answer is a redirect, so that reloading the page does not send the password again.
pub async fn reset_password_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Path(email): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let form = Params::from_form(&body)?;
    let (_, csrf) = caller.browser_session().ok_or(Refusal::SignIn)?;
    let admin = admin_writing(caller, form.get("csrf"))?;
    let email = target(&email)?;
    match Password::new(form.get("password").unwrap_or_default().to_owned()) {
        Ok(password) => {
            state.repo.set_password(&actor(&admin), &email, &password).await?;
            Ok(Redirect::to(&format!("/workspace/accounts?reset={}", crate::layout::url_encode(email.as_str())))
                .into_response())
        }
        Err(e) => {
            let accounts = state.repo.list_accounts().await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, accounts_page(cat, &csrf, &accounts, Some(&e.to_string())))
                .into_response())
        }
    }
}

pub async fn disable_account_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(email): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_disabled(state, caller, email, body, true).await
}

pub async fn enable_account_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(email): Path<String>,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    set_disabled(state, caller, email, body, false).await
}

/// A new personal token from the account page, shown once.
pub async fn create_token_form(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    body: Bytes,
) -> Result<Markup, Refusal> {
    let form = Params::from_form(&body)?;
    let me = caller.writer(form.get("csrf"))?;
    let token = state.repo.create_api_token(&actor(&me), &me.email).await?;
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

pub async fn revoke_tokens_form(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Redirect, Refusal> {
    let form = Params::from_form(&body)?;
    let me = caller.writer(form.get("csrf"))?;
    state.repo.revoke_api_tokens(&actor(&me), &me.email).await?;
    Ok(Redirect::to("/account"))
}
