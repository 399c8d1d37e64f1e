//! Problems with what someone sent, field by field, collected before anything is refused.

use crate::dates::PartialDate;
use crate::slug::Slug;
use serde::Serialize;

/// One field's problem. `field` is a path into the document: `reference`, `partners[2].country`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    pub field: String,
    pub detail: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        FieldProblem { field: field.into(), detail: detail.into() }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.detail)
    }
}

/// The longest title any item may have.
pub const MAX_TITLE_CHARS: usize = 500;

/// Collects every problem of a document before giving up, so that a person fixes them all in one go.
#[derive(Debug, Default)]
pub struct Checker {
    problems: Vec<FieldProblem>,
}

impl Checker {
    pub fn bad(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        self.problems.push(FieldProblem::new(field, detail));
    }

    /// Keeps the value of a check, or notes its problem at `field`.
    pub fn ok<T, E: std::fmt::Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|e| self.bad(field, e.to_string())).ok()
    }

    pub fn slug(&mut self, text: &str) -> Option<Slug> {
        self.ok("slug", Slug::parse(text.trim()))
    }

    /// A title of 1 to [`MAX_TITLE_CHARS`] characters on one line, trimmed: it heads pages, feeds and
    /// calendar entries, where a line break would start something else.
    pub fn title(&mut self, text: &str) -> String {
        let title = text.trim().to_owned();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            self.bad("title", format!("the title must have from 1 to {MAX_TITLE_CHARS} characters"));
        } else if let Some(problem) = crate::limits::text_problem(&title, false) {
            self.bad("title", format!("the title {problem}"));
        }
        title
    }

    /// Notes a problem at `field` when `text`, which names something on one line (an organisation, an
    /// acronym), holds a line break or another control character.
    pub fn one_line(&mut self, field: &str, text: &str) {
        if let Some(problem) = crate::limits::characters_problem(text, false) {
            self.bad(field, format!("the text {problem}"));
        }
    }

    /// Slugs that must name something that exists (`what` names it in the error: "instrument"); repeats are
    /// dropped.
    pub fn known_slugs(&mut self, field: &str, what: &str, given: &[String], known: &[Slug]) -> Vec<Slug> {
        let mut found = Vec::new();
        for (i, text) in given.iter().enumerate() {
            match known.iter().find(|s| s.as_str() == text.trim()) {
                Some(slug) if !found.contains(slug) => found.push(slug.clone()),
                Some(_) => {}
                None => self.bad(format!("{field}[{i}]"), format!("there is no {what} {text:?}")),
            }
        }
        found
    }

    /// A slug that must name something that exists (`what` names it in the error: "instrument").
    pub fn known_slug(&mut self, field: &str, what: &str, given: &str, known: &[Slug]) -> Option<Slug> {
        let found = known.iter().find(|s| s.as_str() == given.trim()).cloned();
        if found.is_none() {
            self.bad(field, format!("there is no {what} {given:?}"));
        }
        found
    }

    pub fn date(&mut self, field: &str, text: &str) -> Option<PartialDate> {
        PartialDate::parse(text.trim())
            .map_err(|_| self.bad(field, format!("{text:?} is not a date such as 2018, 2018-06 or 2018-06-13")))
            .ok()
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The value if nothing was wrong, otherwise every problem.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldProblem>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }
}

/// Text as sent, trimmed; empty counts as absent.
pub fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Paragraphs as sent, without surrounding blanks or empty ones.
pub fn paragraphs(sent: Vec<String>) -> Vec<String> {
    sent.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_problem() {
        let mut check = Checker::default();
        assert_eq!(check.slug("Not A Slug"), None);
        check.title(&"x".repeat(MAX_TITLE_CHARS + 1));
        let known = [Slug::parse("europol").unwrap()];
        let found = check.known_slugs("agencies", "agency", &["europol".into(), "interpol".into()], &known);
        assert_eq!(found, known);
        let problems = check.finish(Some(())).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["slug", "title", "agencies[1]"]);
        assert_eq!(problems[2].detail, "there is no agency \"interpol\"");
    }

    #[test]
    fn names_and_titles_stay_on_one_line() {
        let mut check = Checker::default();
        check.one_line("organisation_name", "La Strada\r\nBcc: everyone");
        check.one_line("acronym", "LS");
        check.title("A title\nwith a second line");
        let problems = check.finish(Some(())).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["organisation_name", "title"]);
        assert!(problems[0].detail.contains("line break"), "{}", problems[0].detail);
    }
}
