//! Request bodies: JSON documents and urlencoded forms, read once into valid values; a body that does not
//! read names the line and column (JSON) or the field (forms) where it stops making sense.

use crate::http::error::{AppError, Problem};
use crate::http::params::Params;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A JSON body of type `T`, with the document as it was sent (to see which fields it gives).
#[derive(Debug)]
pub struct Json<T> {
    pub value: T,
    pub sent: Value,
}

impl<T: DeserializeOwned> Json<T> {
    /// Reads a JSON document, or a 422 naming where it stops making sense: its syntax (line and column),
    /// a list or text past the limits or a control character in a text (the field,
    /// [`rapporteur_core::limits`]), or a field of the wrong type (line and column).
    pub fn parse(bytes: &[u8]) -> Result<Self, AppError> {
        let sent: Value = serde_json::from_slice(bytes).map_err(|e| unreadable(&e))?;
        let problems = rapporteur_core::limits::check_document(&sent);
        if !problems.is_empty() {
            return Err(AppError::invalid(problems));
        }
        let value = serde_json::from_slice::<T>(bytes).map_err(|e| unreadable(&e))?;
        Ok(Json { value, sent })
    }
}

/// Where a JSON body stops making sense, as a problem at its line and column.
fn unreadable(e: &serde_json::Error) -> AppError {
    let message = e.to_string();
    // serde_json ends its messages with the place, which the problem gives apart.
    let message = message.rsplit_once(" at line ").map(|(m, _)| m.to_owned()).unwrap_or(message);
    AppError::Invalid(vec![Problem {
        detail: format!("line {}, column {}: {message}", e.line(), e.column()),
        field: Some("body".into()),
        line: Some(e.line()),
        column: Some(e.column()),
        parameter: None,
    }])
}

/// The bytes of a body, within the router's limit.
pub async fn bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(request, state).await.map_err(|_| AppError::TooLarge)
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::parse(&bytes(request, state).await?)
    }
}

/// The fields of an urlencoded form.
#[derive(Debug)]
pub struct Form(pub Params);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Form(Params::from_form(&bytes(request, state).await?)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        slug: String,
        count: u32,
    }

    #[test]
    fn a_bad_document_names_line_and_column() {
        let e = Json::<Doc>::parse(b"{\n  \"slug\": \"x\",\n  \"count\": -1\n}").unwrap_err();
        let AppError::Invalid(problems) = e else { panic!("{e:?}") };
        assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(13)));
        assert!(problems[0].detail.starts_with("line 3, column 13: invalid value"), "{}", problems[0].detail);
        assert_eq!(problems[0].field.as_deref(), Some("body"));
        let sent = Json::<Doc>::parse(br#"{"slug": "x", "count": 1}"#).unwrap().sent;
        assert_eq!(sent["count"], 1);
    }

    /// Bodies as clients get them wrong: a valid document cut, spliced or with bytes changed. Every one is
    /// read or refused with a problem that says where; none panics.
    mod mutated {
        use super::*;
        use proptest::prelude::*;

        const VALID: &str = r#"{"slug": "anticorrp", "count": 3, "objectives": ["One.", "Two."]}"#;

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            slug: String,
            count: u32,
            #[serde(default)]
            objectives: Vec<String>,
        }

        fn mutated() -> impl Strategy<Value = Vec<u8>> {
            (0..VALID.len(), any::<u8>(), 0..VALID.len(), prop::collection::vec(any::<u8>(), 0..8)).prop_map(
                |(at, byte, cut, spliced)| {
                    let mut body = VALID.as_bytes().to_vec();
                    body[at] = byte;
                    body.truncate(cut.max(at + 1));
                    body.splice(at..at, spliced);
                    body
                },
            )
        }

        proptest! {
            #[test]
            fn a_mutated_json_body_is_read_or_refused_at_its_place(body in mutated()) {
                match Json::<Doc>::parse(&body) {
                    Ok(read) => prop_assert!(read.sent.is_object()),
                    Err(AppError::Invalid(problems)) => {
                        prop_assert!(!problems.is_empty());
                        prop_assert!(problems.iter().all(|p| p.field.is_some() && !p.detail.is_empty()));
                    }
                    Err(other) => prop_assert!(false, "{other:?}"),
                }
            }

            #[test]
            fn a_mutated_form_is_read_or_refused_naming_the_field(body in prop::collection::vec(any::<u8>(), 0..200)) {
                match Params::from_form(&body) {
                    Ok(_) => {}
                    Err(AppError::Invalid(problems)) => prop_assert!(problems.iter().all(|p| p.field.is_some())),
                    Err(AppError::BadParameter { parameter, .. }) => prop_assert_eq!(parameter, "form"),
                    Err(other) => prop_assert!(false, "{other:?}"),
                }
            }
        }
    }
}

/// The one file of a multipart upload (field `file`), with its name as sent, the CSRF token of a form
/// (field `csrf`) and the small text fields the route asked for.
#[derive(Debug)]
pub struct Upload {
    pub file_name: Option<String>,
    pub bytes: Bytes,
    pub csrf: Option<String>,
    pub fields: Params,
}

/// The longest a text field beside an upload's file may be: a year, a choice, a short name.
const MAX_UPLOAD_FIELD_CHARS: usize = 1_000;

/// Reads a multipart upload; `limit` names the route's size limit in the message when the body is cut off.
pub async fn read_upload(multipart: axum::extract::Multipart, limit: &str) -> Result<Upload, AppError> {
    read_upload_with(multipart, limit, &[]).await
}

/// Reads a multipart upload and the text fields named in `wanted` (others are skipped unread); a wanted field
/// longer than a short text is refused.
pub async fn read_upload_with(
    multipart: axum::extract::Multipart,
    limit: &str,
    wanted: &[&str],
) -> Result<Upload, AppError> {
    let MultipartForm { file, csrf, fields } = read_multipart(multipart, limit, wanted).await?;
    let (file_name, bytes) = file.ok_or_else(|| AppError::bad("file", "choose a file to upload"))?;
    Ok(Upload { file_name, bytes, csrf, fields })
}

/// A multipart form whose file (field `file`) may be left out: `None` when it was not sent (a browser sends
/// a file input nobody chose a file for as an empty file without a name).
#[derive(Debug)]
pub struct MultipartForm {
    pub file: Option<(Option<String>, Bytes)>,
    pub csrf: Option<String>,
    pub fields: Params,
}

/// Reads a multipart form whose file is optional, and the text fields named in `wanted`.
pub async fn read_multipart(
    mut multipart: axum::extract::Multipart,
    limit: &str,
    wanted: &[&str],
) -> Result<MultipartForm, AppError> {
    let mut file = None;
    let mut csrf = None;
    let mut fields = Vec::new();
    while let Some(field) =
        multipart.next_field().await.map_err(|e| AppError::bad("file", format!("the upload is malformed: {e}")))?
    {
        match field.name() {
            Some("file") => {
                let file_name = field.file_name().map(str::to_owned);
                // Kept as the body's own buffer: a file of hundreds of megabytes is not copied.
                let bytes = field.bytes().await.map_err(|_| {
                    AppError::bad("file", format!("the file is larger than {limit} or the upload broke off"))
                })?;
                file = Some((file_name, bytes));
            }
            Some("csrf") => csrf = field.text().await.ok(),
            Some(name) if wanted.contains(&name) => {
                let name = name.to_owned();
                let text = field.text().await.map_err(|_| AppError::field(name.clone(), "the field is not text"))?;
                if text.chars().count() > MAX_UPLOAD_FIELD_CHARS {
                    return Err(AppError::field(name, format!("longer than {MAX_UPLOAD_FIELD_CHARS} characters")));
                }
                fields.push((name, text));
            }
            _ => {}
        }
    }
    Ok(MultipartForm { file, csrf, fields: Params::from_pairs(fields) })
}
