//! How large and what kind of text anything sent may hold: every list has at most [`MAX_LIST_ITEMS`] items,
//! every text at most [`MAX_TEXT_CHARS`] characters and no control characters but line breaks and tabs
//! (titles, on one line, not even those: [`crate::problems::Checker::title`]). Checked once for every
//! document, whatever its kind, by [`check_document`]; the API states the same limits in its OpenAPI
//! document.

use crate::problems::FieldProblem;
use serde_json::Value;

/// The most items any list may have: paragraphs, partners, articles, agenda points.
pub const MAX_LIST_ITEMS: usize = 500;
/// The longest any one text may be: a paragraph, a name, an address.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What is wrong with a text, if anything: a control character where none may be, or too long. Line
/// breaks and tabs are allowed where `lines` says the text may run over lines.
pub fn text_problem(text: &str, lines: bool) -> Option<String> {
    characters_problem(text, lines).or_else(|| {
        let chars = text.chars().count();
        (chars > MAX_TEXT_CHARS).then(|| format!("is {chars} characters long; at most {MAX_TEXT_CHARS} are kept"))
    })
}

/// A control character where none may be: any but line breaks and tabs, and those too unless `lines`.
pub fn characters_problem(text: &str, lines: bool) -> Option<String> {
    let c = text.chars().find(|&c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))?;
    let what = if matches!(c, '\n' | '\r') { "a line break" } else { "a control character" };
    Some(format!("holds {what} (U+{:04X}), which this field cannot hold; send printable text only", u32::from(c)))
}

/// Every problem of size and of characters in a document, each at its field path (`objectives[3]`,
/// `partners[0].name`). Texts may run over lines here; fields that must stay on one line say so themselves.
pub fn check_document(document: &Value) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    walk(document, &mut String::new(), &mut problems);
    problems
}

fn walk(value: &Value, path: &mut String, problems: &mut Vec<FieldProblem>) {
    let at = |path: &str| if path.is_empty() { "body".to_owned() } else { path.to_owned() };
    match value {
        Value::String(text) => {
            if let Some(problem) = text_problem(text, true) {
                problems.push(FieldProblem::new(at(path), format!("the text {problem}")));
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                problems.push(FieldProblem::new(
                    at(path),
                    format!("the list has {} items; at most {MAX_LIST_ITEMS} are kept", items.len()),
                ));
                return;
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, problems);
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
                walk(field, path, problems);
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn names_each_problem_at_its_place() {
        let document = json!({
            "title": "Fine",
            "objectives": ["ok", "x".repeat(MAX_TEXT_CHARS + 1)],
            "partners": [{ "name": "Bad\u{0007}bell" }],
            "summary": vec!["p"; MAX_LIST_ITEMS + 1],
            "text": "Two\nlines\tand a tab",
        });
        let problems = check_document(&document);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["objectives[1]", "partners[0].name", "summary"]);
        assert!(problems[1].detail.contains("U+0007"), "{}", problems[1].detail);
        assert!(check_document(&json!("x".repeat(MAX_TEXT_CHARS + 1)))[0].field == "body");
    }

    #[test]
    fn a_line_of_text_holds_no_line_break() {
        assert!(text_problem("Support\r\nATTENDEE:x", false).unwrap().contains("a line break (U+000D)"));
        assert_eq!(text_problem("Support\r\nto victims", true), None);
    }

    proptest! {
        #[test]
        fn any_document_is_checked_without_panicking(text in "\\PC*", n in 0usize..600) {
            let document = json!({ "a": vec![text.clone(); 2], "b": { "c": vec![1; n] }, "d": text });
            let problems = check_document(&document);
            prop_assert_eq!(problems.iter().any(|p| p.field == "b.c"), n > MAX_LIST_ITEMS);
        }
    }
}
