//! Errors at the HTTP edge, mapped once.
//!
//! Policy:
//! - A 4xx says what was wrong in words a user can act on, naming the query parameter at fault.
//! - A 5xx is logged here with its cause and shown to the user as an opaque message: no internals,
//!   no SQL, no paths.
//! - HTML routes answer with an error page in the site's layout (a 404 with ways onward); the API answers
//!   `{"errors":[{"detail":…, "parameter":…}]}` with the same status.
//! - Handlers never build error responses themselves: they return `AppError` (pages) or `ApiError` (API).

use crate::i18n::Catalogues;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rapporteur_search::SearchError;
use rapporteur_store::StoreError;
use serde::Serialize;

/// An error of an HTML route.
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
    /// The request is well-formed but cannot be accepted (a late application, an invalid body).
    #[error("{0}")]
    Unprocessable(String),
    /// The change would clash with what exists (a slug already taken).
    #[error("{0}")]
    Conflict(String),
    /// A form came without the CSRF token of the session (or of the sign-in page).
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("{message}")]
    BadParameter { parameter: &'static str, message: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn bad(parameter: &'static str, message: impl Into<String>) -> Self {
        AppError::BadParameter { parameter, message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn log(&self) {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "request failed");
        }
    }

    /// What a user is shown.
    fn public_detail(&self) -> String {
        let en = Catalogues::get(crate::i18n::DEFAULT_LANG);
        match self {
            AppError::NotFound => en.t("error-not-found-text"),
            AppError::Unauthenticated => en.t("error-unauthenticated-text"),
            AppError::Forbidden => en.t("error-forbidden-text"),
            AppError::Csrf => en.t("error-csrf-text"),
            AppError::Conflict(message) | AppError::Unprocessable(message) => message.clone(),
            AppError::BadParameter { message, .. } => message.clone(),
            AppError::Internal(_) => en.t("error-internal-text"),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound,
            StoreError::Conflict { kind, key } => AppError::Conflict(format!("{kind} {key:?} already exists")),
            StoreError::Rejected(reason) => AppError::Unprocessable(format!("a value was refused: {reason}")),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let page = crate::pages::error_page(status, &self.public_detail());
        (status, page).into_response()
    }
}

/// An error of an API route: the same errors, as JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

/// The API's error document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<ErrorDetail>,
}

/// One error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// What went wrong, for people.
    pub detail: String,
    /// The query parameter at fault, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let parameter = match &self.0 {
            AppError::BadParameter { parameter, .. } => Some((*parameter).to_owned()),
            _ => None,
        };
        let body = ErrorBody { errors: vec![ErrorDetail { detail: self.0.public_detail(), parameter }] };
        let mut response = (self.0.status(), Json(body)).into_response();
        if matches!(self.0, AppError::Unauthenticated) {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
