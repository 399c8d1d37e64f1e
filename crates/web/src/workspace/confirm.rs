//! Asking before a destructive action, without script: the action's form first answers with a page that
//! says what will happen, with a "Yes, …" button (the same form again, with `confirm=yes` and the CSRF
//! token) and a way back; only that second form acts. The API's routes need no such step: a program
//! names what it does explicitly.

use crate::http::Params;
use crate::ui::{page, Catalogue, PageMeta, Section};
use maud::{html, Markup};

/// Whether a form is the confirmed second step.
pub(crate) fn confirmed(form: &Params) -> bool {
    form.get("confirm") == Some("yes")
}

/// What the confirmation page says and where its buttons lead.
pub(crate) struct Confirmation<'a> {
    /// The question, as the page's title: "Withdraw “…” from the public?"
    pub question: String,
    /// What will happen, in a sentence or two.
    pub consequence: String,
    /// The button that acts: "Yes, withdraw".
    pub yes: String,
    /// Where the confirmed form goes (the action's own address).
    pub action: &'a str,
    /// Where "Cancel" leads: the page the action was started from.
    pub cancel: &'a str,
    pub csrf: &'a str,
    /// Fields the first form sent that the action needs again.
    pub carried: Vec<(&'static str, String)>,
}

/// The confirmation page.
pub(crate) fn ask(cat: &Catalogue, c: Confirmation<'_>) -> Markup {
    let meta = PageMeta::new(cat, Section::None, c.question.clone()).trail(cat.t("workspace-title"), "/workspace");
    page(
        meta,
        html! {
            h1 { (c.question) }
            div.notice.notice--warning.confirmation {
                p { (c.consequence) }
            }
            form.form.confirmation__form method="post" action=(c.action) {
                input type="hidden" name="csrf" value=(c.csrf);
                input type="hidden" name="confirm" value="yes";
                @for (name, value) in &c.carried { input type="hidden" name=(name) value=(value); }
                div.actions {
                    button.button.button--danger type="submit" { (c.yes) }
                    " "
                    a.button.button--secondary href=(c.cancel) { (cat.t("confirm-cancel")) }
                }
            }
        },
    )
}
