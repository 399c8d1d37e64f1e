//! Query parameters, parsed once into valid values; anything malformed names its parameter.

use crate::http::error::{AppError, Problem};
use crate::ui::i18n::{Catalogues, DEFAULT_LANG};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use fluent_bundle::FluentValue;
use rapporteur_core::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use rapporteur_core::{Country, Eur, Paging, Programme};

/// The raw pairs of a query string. Unknown parameters are ignored, as browsers and crawlers add some.
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::bad("query", message("param-not-url-encoded", &[])))?;
        Ok(Params(pairs))
    }
}

/// The most fields a form may have.
const MAX_FORM_FIELDS: usize = 1_000;
/// The longest a form's field may be: a textarea of many paragraphs.
const MAX_FORM_FIELD_CHARS: usize = 10 * rapporteur_core::limits::MAX_TEXT_CHARS;

impl Params {
    /// Values given as pairs (to fill a form again).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Params(pairs)
    }

    /// The fields of a submitted form (`application/x-www-form-urlencoded`).
    pub fn from_form(body: &[u8]) -> Result<Self, AppError> {
        let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
            .map_err(|_| AppError::bad("form", message("param-not-url-encoded", &[])))?;
        // No text a person types holds a NUL character, and PostgreSQL refuses to store one.
        if let Some((name, _)) = pairs.iter().find(|(_, v)| v.contains('\0')) {
            return Err(AppError::bad("form", message("param-nul", &[("name", name.as_str().into())])));
        }
        // A form's field may hold many paragraphs (a textarea), each held to the limits of a document's text
        // once the form is read; here, no control characters but line breaks and tabs, and a bound on all.
        let mut problems = Vec::new();
        if pairs.len() > MAX_FORM_FIELDS {
            problems.push(Problem::at_field(
                "form",
                format!("the form has {} fields; at most {MAX_FORM_FIELDS}", pairs.len()),
            ));
        }
        for (name, value) in &pairs {
            if let Some(problem) = rapporteur_core::limits::characters_problem(value, true) {
                problems.push(Problem::at_field(name.as_str(), format!("the text {problem}")));
            } else if value.chars().count() > MAX_FORM_FIELD_CHARS {
                let detail = format!("the text is longer than {MAX_FORM_FIELD_CHARS} characters");
                problems.push(Problem::at_field(name.as_str(), detail));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        Ok(Params(pairs))
    }

    /// Whether the parameter was sent at all, even empty (a form field the person emptied).
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The value of a parameter; an empty value counts as absent (an empty form field).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// Every non-empty value of a repeated parameter (a form's checkboxes), in order.
    pub fn get_all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty()).collect()
    }

    pub fn text(&self, name: &'static str, max_len: usize) -> Result<Option<String>, AppError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max_len => {
                Err(AppError::bad(name, message("param-too-long", &[("name", name.into()), ("max", max_len.into())])))
            }
            v => Ok(v.map(str::to_owned)),
        }
    }

    pub fn int(&self, name: &'static str, min: i64, max: i64) -> Result<Option<i64>, AppError> {
        self.get(name)
            .map(|v| match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(AppError::bad(
                    name,
                    message(
                        "param-not-whole-number",
                        &[("name", name.into()), ("min", min.into()), ("max", max.into()), ("value", v.into())],
                    ),
                )),
            })
            .transpose()
    }

    pub fn paging(&self, default_per_page: u32) -> Result<Paging, AppError> {
        let page = self.int("page", 1, 1_000_000)?.unwrap_or(1) as u32;
        let per_page = self.int("per_page", 1, i64::from(MAX_PER_PAGE))?.unwrap_or(i64::from(default_per_page)) as u32;
        // Both were checked against the same bounds just above; this keeps the core's rule authoritative.
        Paging::new(page, per_page).map_err(|e| AppError::bad(e.parameter(), e.to_string()))
    }

    pub fn default_paging(&self) -> Result<Paging, AppError> {
        self.paging(DEFAULT_PER_PAGE)
    }

    pub fn programme(&self) -> Result<Option<Programme>, AppError> {
        self.get("programme")
            .map(|v| {
                Programme::parse(v)
                    .ok_or_else(|| AppError::bad("programme", message("param-bad-programme", &[("value", v.into())])))
            })
            .transpose()
    }

    pub fn country(&self) -> Result<Option<Country>, AppError> {
        self.get("country")
            .map(|v| {
                Country::parse_code(v)
                    .map_err(|_| AppError::bad("country", message("param-bad-country", &[("value", v.into())])))
            })
            .transpose()
    }

    pub fn euros(&self, name: &'static str) -> Result<Option<Eur>, AppError> {
        self.get(name)
            .map(|v| {
                Eur::parse_decimal(v).map_err(|_| {
                    AppError::bad(name, message("param-bad-euros", &[("name", name.into()), ("value", v.into())]))
                })
            })
            .transpose()
    }

    /// A choice among fixed codes.
    pub fn choice<T>(
        &self,
        name: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Result<Option<T>, AppError> {
        self.get(name)
            .map(|v| {
                parse(v).ok_or_else(|| {
                    AppError::bad(
                        name,
                        message(
                            "param-bad-choice",
                            &[("name", name.into()), ("allowed", allowed.into()), ("value", v.into())],
                        ),
                    )
                })
            })
            .transpose()
    }
}

/// A message of the default catalogue: errors are also read by API clients, which send no language.
pub fn message(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    Catalogues::get(DEFAULT_LANG).t_args(id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn paging_errors_name_the_parameter() {
        let e = params(&[("page", "-1")]).default_paging().unwrap_err();
        assert!(matches!(e, AppError::BadParameter { parameter: "page", .. }));
        let e = params(&[("per_page", "100000")]).default_paging().unwrap_err();
        assert!(matches!(e, AppError::BadParameter { parameter: "per_page", .. }));
        let e = params(&[("from", "abc")]).int("from", 1900, 2100).unwrap_err();
        assert!(e.to_string().contains("from"));
        assert_eq!(params(&[("page", "")]).default_paging().unwrap().page(), 1);
    }
}
