//! Who is calling and what they may do, decided once per request by an extractor.
//!
//! A caller proves who they are with an API token (`Authorization: Bearer …`) or a browser session (a
//! cookie). Routes name what they need by the extractor they take:
//! - [`Caller`]: anyone; the account, if any (public pages show an edit link to editors);
//! - [`Signed<R>`]: a signed-in account that rule `R` allows, for routes that read;
//! - [`Acting<R>`]: the same, for API routes that change something: a browser session must also send its
//!   CSRF token in `X-CSRF-Token` (token callers send no cookie, so they need none);
//! - [`Submitted<R>`]: the same for a browser's form, whose CSRF token is its `csrf` field.
//!
//! The checks run in that order: credentials (401), the form's syntax (400), the CSRF token (403), the
//! rule (403); a JSON body is read only after them, so nobody learns how a route checks a body before being
//! allowed to send one.

use crate::freshness::AccountActed;
use crate::http::body::Form;
use crate::http::error::AppError;
use crate::http::params::Params;
use crate::http::session::{cookie, same_secret, SESSION_COOKIE};
use crate::state::AppState;
use crate::ui::workspace_menu;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::MemberState;
use rapporteur_store::{Account, Actor};
use std::marker::PhantomData;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    Token,
    /// A browser session: its cookie secret and the CSRF token its forms must carry.
    Session {
        secret: String,
        csrf_token: String,
    },
}

/// The signed-in account, or none for the anonymous public.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Option<Account>,
    pub credential: Option<Credential>,
}

impl Caller {
    /// Whether the caller's role allows `permission` (false for the public).
    pub fn may(&self, permission: Permission<'_>) -> bool {
        self.account.as_ref().is_some_and(|a| a.role.may(permission))
    }

    /// The session's CSRF token, for the forms of a page (empty for token callers, who need none).
    pub fn form_token(&self) -> &str {
        match &self.credential {
            Some(Credential::Session { csrf_token, .. }) => csrf_token,
            _ => "",
        }
    }

    /// Checks the CSRF token a change sent. Token callers send no cookie, so they need none.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        match &self.credential {
            Some(Credential::Session { csrf_token, .. }) if sent.is_some_and(|s| same_secret(s, csrf_token)) => Ok(()),
            Some(Credential::Token) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // Found once per request: [`offer_workspace_menu`] may have found it already.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let token = header
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(AppError::Unauthenticated)?;
            // A token that is wrong, revoked or of a disabled account is refused outright rather than treated
            // as anonymous, so that a client learns its credentials stopped working.
            return match state.repo.account_for_token(token).await? {
                Some(account) => Ok(Caller { account: Some(account), credential: Some(Credential::Token) }),
                None => Err(AppError::Unauthenticated),
            };
        }
        if let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) {
            if let Some(session) = state.repo.find_session(secret, state.clock.now()).await? {
                return Ok(Caller {
                    account: Some(session.account),
                    credential: Some(Credential::Session { secret: secret.to_owned(), csrf_token: session.csrf_token }),
                });
            }
        }
        Ok(Caller { account: None, credential: None })
    }
}

/// Notes the signed-in caller of a workspace page for the page shell, which draws the workspace menu for
/// their role ([`crate::ui::workspace_menu`]); the caller found is kept for the route's own extractor, so the
/// session is looked up once. Other paths, and callers whose credentials fail, pass untouched (the route
/// answers them as before).
pub async fn offer_workspace_menu(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !workspace_menu::is_workspace_path(request.uri().path()) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let (mut parts, body) = request.into_parts();
    let Ok(caller) = Caller::from_request_parts(&mut parts, &state).await else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let role = caller.account.as_ref().map(|a| a.role.clone());
    parts.extensions.insert(caller);
    let request = Request::from_parts(parts, body);
    match role {
        Some(role) => workspace_menu::with_menu(workspace_menu::MenuContext { role, path }, next.run(request)).await,
        None => next.run(request).await,
    }
}

/// What a route asks of the account behind a request.
pub trait Rule: Send + Sync + 'static {
    /// Whether `role` may use the route; `parts` give what a scoped right is about (the path's Member State).
    fn allows(role: &Role, parts: &mut Parts) -> impl std::future::Future<Output = Result<bool, AppError>> + Send;
}

/// Any signed-in account: the network's workspace.
pub struct AnyAccount;
/// The EU ATC office (editors and admins): portal content, meetings, the Platform's review.
pub struct Editor;
/// Admins: accounts and the audit log.
pub struct Admin;
/// The office and the rapporteur of the Member State whose code the path's `code` segment gives.
pub struct ForMemberState;
/// Who may add documents to a meeting: the office and every rapporteur.
pub struct MeetingContributor;

impl Rule for AnyAccount {
    async fn allows(role: &Role, _: &mut Parts) -> Result<bool, AppError> {
        Ok(role.may(Permission::ReadWorkspace))
    }
}
impl Rule for Editor {
    async fn allows(role: &Role, _: &mut Parts) -> Result<bool, AppError> {
        Ok(role.may(Permission::EditContent))
    }
}
impl Rule for Admin {
    async fn allows(role: &Role, _: &mut Parts) -> Result<bool, AppError> {
        Ok(role.may(Permission::ManageAccounts))
    }
}
impl Rule for MeetingContributor {
    async fn allows(role: &Role, _: &mut Parts) -> Result<bool, AppError> {
        Ok(role.may(Permission::AddMeetingDocuments))
    }
}
impl Rule for ForMemberState {
    async fn allows(role: &Role, parts: &mut Parts) -> Result<bool, AppError> {
        // A code that is not a Member State names nothing: 404, whoever asks.
        let params = RawPathParams::from_request_parts(parts, &()).await.map_err(|_| AppError::NotFound)?;
        let code = params.iter().find(|(k, _)| *k == "code").map(|(_, v)| v).ok_or(AppError::NotFound)?;
        let ms = MemberState::parse(code).map_err(|_| AppError::NotFound)?;
        Ok(role.may(Permission::ActForMemberState(ms)))
    }
}

/// The account a request must come from: signed in, else 401.
async fn signed_in(parts: &mut Parts, state: &AppState) -> Result<(Caller, Account), AppError> {
    let caller = Caller::from_request_parts(parts, state).await?;
    let account = caller.account.clone().ok_or(AppError::Unauthenticated)?;
    Ok((caller, account))
}

async fn allowed<R: Rule>(account: &Account, parts: &mut Parts) -> Result<(), AppError> {
    if R::allows(&account.role, parts).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A signed-in account that rule `R` allows, for a route that reads.
pub struct Signed<R = AnyAccount> {
    pub account: Account,
    pub caller: Caller,
    rule: PhantomData<R>,
}

impl<R> Signed<R> {
    /// The session's CSRF token, for the page's forms.
    pub fn form_token(&self) -> &str {
        self.caller.form_token()
    }
}

impl<R: Rule> FromRequestParts<AppState> for Signed<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (caller, account) = signed_in(parts, state).await?;
        allowed::<R>(&account, parts).await?;
        Ok(Signed { account, caller, rule: PhantomData })
    }
}

/// A signed-in account that rule `R` allows, for an API route that changes something; a browser session's
/// `X-CSRF-Token` header is checked.
pub struct Acting<R> {
    pub account: Account,
    rule: PhantomData<R>,
}

impl<R: Rule> FromRequestParts<AppState> for Acting<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (caller, account) = signed_in(parts, state).await?;
        caller.check_csrf(parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
        allowed::<R>(&account, parts).await?;
        AccountActed::note(&parts.extensions);
        Ok(Acting { account, rule: PhantomData })
    }
}

/// A browser's form from a signed-in account that rule `R` allows, with its CSRF field checked.
pub struct Submitted<R> {
    pub account: Account,
    /// The session's CSRF token, to draw the page again with its forms.
    pub csrf: String,
    pub form: Params,
    rule: PhantomData<R>,
}

impl<R: Rule> FromRequest<AppState> for Submitted<R> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let (caller, account) = signed_in(&mut parts, state).await?;
        let csrf = caller.form_token().to_owned();
        let form = {
            let request = Request::from_parts(parts.clone(), body);
            Form::from_request(request, state).await?.0
        };
        caller.check_csrf(form.get("csrf"))?;
        allowed::<R>(&account, &mut parts).await?;
        AccountActed::note(&parts.extensions);
        Ok(Submitted { account, csrf, form, rule: PhantomData })
    }
}

/// Who made a change, for the audit log.
pub trait Acts {
    fn actor(&self) -> Actor;
}

impl Acts for Account {
    fn actor(&self) -> Actor {
        Actor::Account(self.email.clone())
    }
}
