//! Signing in and out with e-mail and password, and the account page.

use super::confirm;
use crate::http::auth::Credential;
use crate::http::limits::{
    slowdown, ClientAddress, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ACCOUNT_AND_ADDRESS, SIGN_IN_PER_ADDRESS,
};
use crate::http::session::{
    append_cookie, clear_cookie, cookie, same_secret, same_site_path, set_cookie, AFTER_SIGN_IN, CSRF_COOKIE,
    SESSION_COOKIE, SESSION_HOURS,
};
use crate::http::{Acts, AnyAccount, ApiRouter, AppError, Caller, Form, Params, Signed};
use crate::state::AppState;
use crate::ui::time::brussels_time_of;
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{html, Markup};
use rapporteur_core::accounts::{Email, Role};

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/sign-in", get(show_sign_in).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/account", get(show_account))
}

fn secure(state: &AppState) -> bool {
    state.public_url.starts_with("https://")
}

/// The page to go to once signed in: the one asked for when it is a same-site path, else the workspace.
fn destination(next: Option<&str>) -> &str {
    next.and_then(same_site_path).unwrap_or(AFTER_SIGN_IN)
}

fn sign_in_form(cat: &Catalogue, csrf: &str, email: &str, next: Option<&str>, error: Option<&str>) -> Markup {
    let meta = PageMeta::new(cat, Section::None, cat.t("sign-in-title")).trail(cat.t("nav-home"), "/");
    page(
        meta,
        html! {
            h1 { (cat.t("sign-in-title")) }
            @if let Some(e) = error {
                div.notice.notice--error role="alert" id="sign-in-error" { p { (e) } }
            }
            form.form method="post" action="/sign-in" {
                input type="hidden" name="csrf" value=(csrf);
                @if let Some(next) = next.and_then(same_site_path) { input type="hidden" name="next" value=(next); }
                div.field {
                    label for="email" { (cat.t("sign-in-email")) }
                    input #email type="email" name="email" value=(email) autocomplete="username" required
                        aria-describedby=[error.map(|_| "sign-in-error")];
                }
                div.field {
                    label for="password" { (cat.t("sign-in-password")) }
                    input #password type="password" name="password" autocomplete="current-password" required;
                }
                div.actions { button type="submit" { (cat.t("sign-in-button")) } }
            }
            p { (cat.t("sign-in-help")) }
        },
    )
}

/// The sign-in form, with a fresh CSRF token in a cookie and in the form (double submit).
/// `next` is the page to return to (a same-site path; anything else is ignored).
async fn show_sign_in(State(state): State<AppState>, Lang(cat): Lang, caller: Caller, params: Params) -> Response {
    let next = params.get("next");
    if caller.account.is_some() {
        return Redirect::to(destination(next)).into_response();
    }
    let csrf = rapporteur_store::new_secret();
    let mut headers = HeaderMap::new();
    append_cookie(&mut headers, set_cookie(CSRF_COOKIE, &csrf, 3600, secure(&state)));
    (headers, sign_in_form(cat, &csrf, "", next, None)).into_response()
}

async fn sign_in(
    State(state): State<AppState>,
    Lang(cat): Lang,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Form(form): Form,
) -> Result<Response, AppError> {
    let sent = form.get("csrf").unwrap_or_default();
    let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if sent.is_empty() || !same_secret(sent, expected) {
        return Err(AppError::Csrf);
    }
    let typed = form.get("email").unwrap_or_default().to_owned();
    let password = form.get("password").unwrap_or_default().to_owned();
    let next = form.get("next");
    let now = state.clock.now();
    let again = |status: StatusCode, message: String| -> Response {
        (status, sign_in_form(cat, sent, &typed, next, Some(&message))).into_response()
    };
    let store = state.repo.as_ref();
    // Every try is counted before the password is checked (see `http::limits`): per address, then per
    // account and address, refused past their limits; per account from anywhere, slowed down only.
    let account_key = typed.trim().to_lowercase();
    let pair = format!("{account_key} from {address}");
    let counted = async {
        SIGN_IN_PER_ADDRESS.hit(store, &address, now).await?;
        SIGN_IN_PER_ACCOUNT_AND_ADDRESS.hit(store, &pair, now).await
    };
    if let Err(AppError::TooManyRequests { retry_after, minutes }) = counted.await {
        let mut response =
            again(StatusCode::TOO_MANY_REQUESTS, cat.t_args("sign-in-throttled", &[("minutes", minutes.into())]));
        response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.into());
        return Ok(response);
    }
    let tries_on_account = SIGN_IN_PER_ACCOUNT.count(store, &account_key).await?;
    tokio::time::sleep(slowdown(tries_on_account)).await;
    let account = match Email::parse(&typed) {
        Ok(email) => state.repo.check_password(&email, &password).await?,
        Err(_) => None,
    };
    let Some(account) = account else {
        return Ok(again(StatusCode::UNAUTHORIZED, cat.t("sign-in-failed")));
    };
    // The owner is in: their tries no longer count against them.
    SIGN_IN_PER_ADDRESS.take_back(store, &address).await?;
    SIGN_IN_PER_ACCOUNT_AND_ADDRESS.forget(store, &pair).await?;
    SIGN_IN_PER_ACCOUNT.forget(store, &account_key).await?;
    // A new session id at every sign-in, so that a session id planted before sign-in is worthless after.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        state.repo.delete_session(old).await?;
    }
    let session = state.repo.create_session(account.id, now, chrono::Duration::hours(SESSION_HOURS)).await?;
    let mut out = HeaderMap::new();
    append_cookie(&mut out, set_cookie(SESSION_COOKIE, &session.secret, SESSION_HOURS * 3600, secure(&state)));
    append_cookie(&mut out, clear_cookie(CSRF_COOKIE, secure(&state)));
    tracing::info!(account = %account.email, "signed in");
    Ok((out, Redirect::to(destination(next))).into_response())
}

async fn show_account(
    State(state): State<AppState>,
    Lang(cat): Lang,
    me: Signed<AnyAccount>,
) -> Result<Response, AppError> {
    let (account, csrf) = (&me.account, me.form_token());
    let own_applications = match account.role {
        Role::Cso { .. } => {
            let first = rapporteur_core::Paging::first(rapporteur_core::paging::MAX_PER_PAGE);
            Some(super::platform::readable_applications(&state, account, first).await?.items)
        }
        _ => None,
    };
    let scope = account.role.scope();
    let meta = PageMeta::new(cat, Section::None, cat.t("account-title")).trail(cat.t("workspace-title"), "/workspace");
    Ok(page(
        meta,
        html! {
            h1 { (cat.t("account-title")) }
            dl.facts {
                dt { (cat.t("account-email")) } dd { (account.email) }
                dt { (cat.t("account-role")) } dd { (cat.t(&format!("role-{}", account.role.name().code()))) }
                @if let Some(m) = scope.member_state { dt { (cat.t("account-member-state")) } dd { (m.name()) } }
                @if let Some(o) = &scope.organisation { dt { (cat.t("account-organisation")) } dd { (o) } }
                @if let Some(a) = &scope.agency { dt { (cat.t("account-agency")) } dd { (a) } }
            }
            h2 { (cat.t("token-heading")) }
            p { (cat.t("token-explained")) }
            form.inline-form method="post" action="/account/tokens" {
                input type="hidden" name="csrf" value=(csrf);
                button type="submit" { (cat.t("token-create")) }
            }
            " "
            form.inline-form method="post" action="/account/tokens/revoke" {
                input type="hidden" name="csrf" value=(csrf);
                button.button--danger type="submit" { (cat.t("token-revoke")) }
            }
            @if let Some(applications) = &own_applications {
                h2 #applications { (cat.t("account-applications-heading")) }
                @if applications.is_empty() { p { (cat.t("account-applications-none")) } }
                ul {
                    @for a in applications {
                        li { (a.call) ": " (cat.t(&format!("platform-status-{}", a.status.code()))) " (" (brussels_time_of(&a.submitted_at)) ")" }
                    }
                }
            }
            h2 { (cat.t("sign-out-heading")) }
            p { (cat.t("sign-out-everywhere-explained")) }
            form.form method="post" action="/sign-out" {
                input type="hidden" name="csrf" value=(csrf);
                div.actions { button type="submit" { (cat.t("sign-out-button")) } }
            }
            form.form method="post" action="/sign-out" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="everywhere" value="1";
                div.actions { button.button--danger type="submit" { (cat.t("sign-out-everywhere-button")) } }
            }
        },
    )
    .into_response())
}

/// Signs out of this session, or (once confirmed) of every session and token of the account.
async fn sign_out(
    State(state): State<AppState>,
    Lang(cat): Lang,
    caller: Caller,
    Form(form): Form,
) -> Result<Response, AppError> {
    caller.check_csrf(form.get("csrf"))?;
    let (Some(account), Some(Credential::Session { secret, .. })) = (&caller.account, &caller.credential) else {
        return Ok(Redirect::to("/").into_response());
    };
    let everywhere = form.get("everywhere").is_some();
    if everywhere && !confirm::confirmed(&form) {
        return Ok(confirm::ask(
            cat,
            confirm::Confirmation {
                question: cat.t("confirm-sign-out-everywhere-question"),
                consequence: cat.t("confirm-sign-out-everywhere-consequence"),
                yes: cat.t("confirm-sign-out-everywhere-yes"),
                action: "/sign-out",
                cancel: "/account",
                csrf: caller.form_token(),
                carried: vec![("everywhere", "1".to_owned())],
            },
        )
        .into_response());
    }
    if everywhere {
        state.repo.end_access(&account.actor(), &account.email).await?;
    } else {
        state.repo.delete_session(secret).await?;
    }
    let mut out = HeaderMap::new();
    append_cookie(&mut out, clear_cookie(SESSION_COOKIE, secure(&state)));
    Ok((out, Redirect::to("/")).into_response())
}
