//! Errors at the HTTP edge, mapped once.
//!
//! Policy:
//! - Handlers and extractors return [`AppError`]; none builds an error response itself.
//! - A 4xx says what was wrong in words a user can act on, naming the query parameter, the field, or the
//!   line and column of a body at fault.
//! - A 5xx keeps its cause for the log ([`AppError::Internal`]) and shows the user an opaque message: no
//!   internals, no SQL, no paths.
//! - [`render_errors`] gives every error its form, from the request: the API (`/api/…`) answers
//!   `{"errors":[{"detail", "field"?, "parameter"?, "line"?, "column"?}]}`; pages answer with an error page in
//!   the site's layout, except that a page needing an account sends an anonymous visitor to sign in.

use crate::ui::i18n::{Catalogues, DEFAULT_LANG};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use rapporteur_core::FieldProblem;
use rapporteur_search::SearchError;
use rapporteur_store::StoreError;
use serde::Serialize;
use std::sync::Arc;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// No credentials, or credentials that do not (or no longer) work.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but the role or scope does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// A change came without the CSRF token of the session (or of the sign-in page).
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// A query parameter is malformed.
    #[error("{message}")]
    BadParameter { parameter: &'static str, message: String },
    /// A body or form is not acceptable: every problem, each at its place.
    #[error("{} problem(s), the first: {}", .0.len(), .0.first().map(|p| p.detail.as_str()).unwrap_or_default())]
    Invalid(Vec<Problem>),
    /// The request is well-formed but cannot be granted (a late application, a value the database refuses).
    #[error("{0}")]
    Refused(String),
    /// The change would clash with what exists (a slug already taken).
    #[error("{0}")]
    Conflict(String),
    /// The body is larger than the route takes.
    #[error("the body is too large")]
    TooLarge,
    /// Too many tries in a window ([`crate::http::limits`]): try again after `retry_after` seconds.
    #[error("too many requests; try again in {retry_after} s")]
    TooManyRequests { retry_after: u64, minutes: i64 },
    /// The server failed; `cause` is logged, never shown.
    #[error("{context}: {cause}")]
    Internal { context: &'static str, cause: Box<dyn std::error::Error + Send + Sync> },
}

/// One problem of a request, where it is: a query parameter, a field of the body or form, a line and
/// column of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// What went wrong, for people.
    pub detail: String,
    /// The field at fault, as a path into the document: "reference", "partners[2].country".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The query parameter at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// Where in the body, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Problem {
    pub fn at_field(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Problem { detail: detail.into(), field: Some(field.into()), ..Default::default() }
    }
}

impl From<FieldProblem> for Problem {
    fn from(p: FieldProblem) -> Self {
        Problem::at_field(p.field, p.detail)
    }
}

/// The error document of every API route.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<Problem>,
}

impl AppError {
    pub fn bad(parameter: &'static str, message: impl Into<String>) -> Self {
        AppError::BadParameter { parameter, message: message.into() }
    }

    /// A failure of the server, with its cause for the log.
    pub fn internal(context: &'static str, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        AppError::Internal { context, cause: Box::new(cause) }
    }

    /// Problems of a document's fields.
    pub fn invalid(problems: Vec<FieldProblem>) -> Self {
        AppError::Invalid(problems.into_iter().map(Problem::from).collect())
    }

    /// One field's problem.
    pub fn field(field: impl Into<String>, detail: impl Into<String>) -> Self {
        AppError::Invalid(vec![Problem::at_field(field, detail)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What a user is shown: one entry per problem.
    pub fn problems(&self) -> Vec<Problem> {
        let en = Catalogues::get(DEFAULT_LANG);
        let plain = |detail: String| vec![Problem { detail, ..Default::default() }];
        match self {
            AppError::NotFound => plain(en.t("error-not-found-text")),
            AppError::Unauthenticated => plain(en.t("error-unauthenticated-text")),
            AppError::Forbidden => plain(en.t("error-forbidden-text")),
            AppError::Csrf => plain(en.t("error-csrf-text")),
            AppError::BadParameter { parameter, message } => {
                vec![Problem {
                    detail: message.clone(),
                    parameter: Some((*parameter).to_owned()),
                    ..Default::default()
                }]
            }
            AppError::Invalid(problems) => problems.clone(),
            AppError::Refused(message) | AppError::Conflict(message) => plain(message.clone()),
            AppError::TooLarge => plain(en.t("error-too-large-text")),
            AppError::TooManyRequests { minutes, .. } => {
                plain(en.t_args("error-too-many-text", &[("minutes", (*minutes).into())]))
            }
            AppError::Internal { .. } => plain(en.t("error-internal-text")),
        }
    }
}

/// A problem of a statistics file or form, at its line and column (or its field when it came from no file).
impl From<rapporteur_stats::Problem> for Problem {
    fn from(p: rapporteur_stats::Problem) -> Self {
        Problem {
            detail: p.to_string(),
            field: p.place.field,
            parameter: None,
            line: p.place.line.map(|l| l as usize),
            column: p.place.column.map(|c| c as usize),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound,
            StoreError::Conflict { kind, key } => AppError::Conflict(format!("{kind} {key:?} already exists")),
            e @ StoreError::AlreadyChanged { .. } => AppError::Conflict(e.to_string()),
            StoreError::Invalid(reason) => AppError::Refused(reason),
            StoreError::Rejected(reason) => {
                // The database's own words name its types and limits: for the log, not for the client.
                tracing::info!(%reason, "the database refused a value of a request");
                AppError::Refused(
                    "a value of this request cannot be stored: a text holds a character that cannot be kept, or \
                     a number or date is out of range"
                        .into(),
                )
            }
            other => AppError::internal("store", other),
        }
    }
}

impl From<crate::index::IndexBuildError> for AppError {
    fn from(e: crate::index::IndexBuildError) -> Self {
        match e {
            crate::index::IndexBuildError::Store(e) => e.into(),
            crate::index::IndexBuildError::Search(e) => e.into(),
        }
    }
}

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::internal("search index", e)
    }
}

/// An error on its way out, until [`render_errors`] gives it the request's form.
#[derive(Clone)]
struct Failure(Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Failure(Arc::new(self)));
        response
    }
}

/// Gives every error response its form, once for all routes (see the policy above), and logs failures
/// of the server with the request they failed.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // The page an anonymous visitor asked for, to return to once signed in: only what a link can ask for
    // again (a GET); a form sent without a session has nothing to return to.
    let asked_for = (method == axum::http::Method::GET || method == axum::http::Method::HEAD)
        .then(|| request.uri().path_and_query().map(|p| p.as_str().to_owned()))
        .flatten();
    let response = next.run(request).await;
    let Some(Failure(error)) = response.extensions().get::<Failure>().cloned() else { return response };
    if let AppError::Internal { context, cause } = error.as_ref() {
        tracing::error!(%method, path, context, cause = %cause, "request failed");
    }
    let status = error.status();
    let mut response = if api {
        let mut response = (status, Json(ErrorBody { errors: error.problems() })).into_response();
        if matches!(*error, AppError::Unauthenticated) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    } else if matches!(*error, AppError::Unauthenticated) {
        // A page that needs an account sends an anonymous visitor to sign in rather than showing a 401, and
        // the sign-in brings them back.
        Redirect::to(&crate::http::session::sign_in_path(asked_for.as_deref())).into_response()
    } else {
        let details: Vec<String> = error
            .problems()
            .into_iter()
            .map(|p| match p.field.or(p.parameter) {
                Some(at) => format!("{at}: {}", p.detail),
                None => p.detail,
            })
            .collect();
        (status, crate::ui::pages::error_page(status, &details)).into_response()
    };
    if let AppError::TooManyRequests { retry_after, .. } = *error {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    }
    response
}
