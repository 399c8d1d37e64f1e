//! Query parameters, parsed once into valid values; anything malformed names its parameter.

use crate::error::AppError;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
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
            .map_err(|_| AppError::bad("query", "the query string is not valid URL encoding"))?;
        Ok(Params(pairs))
    }
}

impl Params {
    /// The value of a parameter; an empty value counts as absent (an empty form field).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn text(&self, name: &'static str, max_len: usize) -> Result<Option<String>, AppError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max_len => {
                Err(AppError::bad(name, format!("{name} must be at most {max_len} characters")))
            }
            v => Ok(v.map(str::to_owned)),
        }
    }

    pub fn int(&self, name: &'static str, min: i64, max: i64) -> Result<Option<i64>, AppError> {
        self.get(name)
            .map(|v| match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(AppError::bad(name, format!("{name} must be a whole number from {min} to {max}, not {v:?}"))),
            })
            .transpose()
    }

    pub fn paging(&self, default_per_page: u32) -> Result<Paging, AppError> {
        let page = self.int("page", 1, 1_000_000)?.unwrap_or(1) as u32;
        let per_page = self.int("per_page", 1, i64::from(MAX_PER_PAGE))?.unwrap_or(i64::from(default_per_page)) as u32;
        Paging::new(page, per_page).map_err(|e| AppError::bad(e.parameter(), e.to_string()))
    }

    pub fn default_paging(&self) -> Result<Paging, AppError> {
        self.paging(DEFAULT_PER_PAGE)
    }

    pub fn programme(&self) -> Result<Option<Programme>, AppError> {
        self.get("programme")
            .map(|v| {
                Programme::parse(v)
                    .ok_or_else(|| AppError::bad("programme", format!("programme must be FP6, FP7 or ERC, not {v:?}")))
            })
            .transpose()
    }

    pub fn country(&self) -> Result<Option<Country>, AppError> {
        self.get("country")
            .map(|v| Country::parse_code(v).map_err(|e| AppError::bad("country", format!("country: {e}"))))
            .transpose()
    }

    pub fn euros(&self, name: &'static str) -> Result<Option<Eur>, AppError> {
        self.get(name)
            .map(|v| {
                Eur::parse_decimal(v).map_err(|_| {
                    AppError::bad(name, format!("{name} must be an amount in euro such as 250000, not {v:?}"))
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
            .map(|v| parse(v).ok_or_else(|| AppError::bad(name, format!("{name} must be one of {allowed}, not {v:?}"))))
            .transpose()
    }
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
