//! The fields of the workspace's forms, each with its label, hint and error next to it, filled again with
//! what was sent when the form comes back with errors.

use crate::http::params::Params;
use maud::{html, Markup};
use rapporteur_core::FieldProblem;

/// The values and errors a form is drawn with.
pub struct Form<'a> {
    pub values: &'a Params,
    pub errors: &'a [FieldProblem],
}

impl Form<'_> {
    fn value(&self, name: &str) -> String {
        self.values.get(name).unwrap_or_default().to_owned()
    }

    /// The first error of a field or of any of its parts ("partners" covers "partners[2].country").
    pub fn error_of(&self, name: &str) -> Option<String> {
        let part = format!("{name}[");
        let member = format!("{name}.");
        self.errors
            .iter()
            .find(|e| e.field == name || e.field.starts_with(&part) || e.field.starts_with(&member))
            .map(|e| e.detail.clone())
    }

    fn error(&self, id: &str, error: Option<&String>) -> Markup {
        html! { @if let Some(e) = error { p.field-error id={ (id) "-error" } { (e) } } }
    }

    fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
        let parts: Vec<String> =
            [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// A one-line input (`kind` is text, date …), with an optional hint.
    pub fn input(&self, name: &str, label: &str, kind: &str, hint: Option<&str>) -> Markup {
        let id = format!("f-{name}");
        let error = self.error_of(name);
        html! {
            div.field {
                label for=(id) { (label) }
                @if let Some(h) = hint { p.hint id={ (id) "-hint" } { (h) } }
                (self.error(&id, error.as_ref()))
                input id=(id) type=(kind) name=(name) value=(self.value(name))
                    aria-invalid=[error.as_ref().map(|_| "true")]
                    aria-describedby=[Self::described_by(&id, hint.is_some(), error.is_some())];
            }
        }
    }

    /// A text area for paragraphs or lines, explained by `hint`.
    pub fn area(&self, name: &str, label: &str, hint: &str) -> Markup {
        let id = format!("f-{name}");
        let error = self.error_of(name);
        html! {
            div.field {
                label for=(id) { (label) }
                p.hint id={ (id) "-hint" } { (hint) }
                (self.error(&id, error.as_ref()))
                textarea id=(id) name=(name) rows="6" aria-invalid=[error.as_ref().map(|_| "true")]
                    aria-describedby=[Self::described_by(&id, true, error.is_some())] { (self.value(name)) }
            }
        }
    }

    /// A choice of one among `options` (value, label).
    pub fn select(&self, name: &str, label: &str, options: &[(String, String)]) -> Markup {
        let id = format!("f-{name}");
        let error = self.error_of(name);
        let current = self.value(name);
        html! {
            div.field {
                label for=(id) { (label) }
                (self.error(&id, error.as_ref()))
                select id=(id) name=(name) aria-invalid=[error.as_ref().map(|_| "true")]
                    aria-describedby=[Self::described_by(&id, false, error.is_some())] {
                    @for (value, text) in options { option value=(value) selected[*value == current] { (text) } }
                }
            }
        }
    }

    /// Any number among `options` (value, label), as checkboxes in a fieldset.
    pub fn checkboxes(&self, name: &str, legend: &str, options: &[(String, String)]) -> Markup {
        let chosen = self.values.get_all(name);
        let error = self.error_of(name);
        let id = format!("f-{name}");
        html! {
            fieldset.field.checkboxes {
                legend { (legend) }
                // Sent even when no box is ticked, so that "none" can be told from "not on this form".
                input type="hidden" name=(name) value="";
                (self.error(&id, error.as_ref()))
                @for (i, (value, text)) in options.iter().enumerate() {
                    div.checkbox {
                        input type="checkbox" id={ (id) "-" (i) } name=(name) value=(value) checked[chosen.contains(&value.as_str())];
                        label for={ (id) "-" (i) } { (text) }
                    }
                }
            }
        }
    }
}

/// Paragraphs as a text area shows them: separated by an empty line.
pub fn paragraphs_text(p: &[String]) -> String {
    p.join("\n\n")
}

/// The list of every problem, above a form (each is also shown at its field).
pub fn error_summary(cat: &crate::ui::Catalogue, errors: &[FieldProblem]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.notice.notice--error role="alert" {
                p { (cat.t_args("edit-errors", &[("count", errors.len().into())])) }
                ul { @for e in errors { li { (e.field) ": " (e.detail) } } }
            }
        }
    }
}

/// Preview and save: nothing is stored until "save".
pub fn save_buttons(cat: &crate::ui::Catalogue) -> Markup {
    html! {
        div.actions {
            button type="submit" name="action" value="preview" { (cat.t("edit-preview")) }
            button type="submit" name="action" value="save" { (cat.t("edit-save")) }
        }
    }
}

/// How the page will look, above the form: nothing is saved yet.
pub fn preview_section(cat: &crate::ui::Catalogue, title: &str, content: Markup) -> Markup {
    html! {
        section.preview aria-labelledby="preview-heading" {
            h2 #preview-heading { (cat.t("edit-preview-heading")) }
            p.notice { (cat.t("edit-preview-note")) }
            div.preview__page {
                p.preview__title { (title) }
                (content)
            }
        }
    }
}

/// The paragraphs of a text area, without empty ones.
pub fn text_paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_round_trip() {
        let p = vec!["One.".to_owned(), "Two\nlines.".to_owned()];
        assert_eq!(text_paragraphs(&paragraphs_text(&p)), p);
        assert!(text_paragraphs("\n\n  \n").is_empty());
    }

    #[test]
    fn errors_reach_their_field_and_its_parts() {
        let values = Params::default();
        let errors =
            [FieldProblem::new("partners[2].country", "unknown"), FieldProblem::new("coordinator.role", "bad")];
        let form = Form { values: &values, errors: &errors };
        assert_eq!(form.error_of("partners").as_deref(), Some("unknown"));
        assert_eq!(form.error_of("coordinator").as_deref(), Some("bad"));
        assert_eq!(form.error_of("partners_note"), None);
    }
}
