//! The network's workspace: signing in, the editing of content, Member State pages, meetings, commitments,
//! the Civil Society Platform's review, accounts and the audit log.

mod accounts;
mod audit;
mod commitments;
pub(crate) mod confirm;
mod editing;
mod home;
mod me;
mod meetings;
mod member_state_pages;
mod odt;
mod platform;
mod sign_in;

use crate::http::ApiRouter;
use crate::ui::Catalogue;
use maud::{html, Markup};

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .merge(sign_in::routes())
        .merge(home::routes())
        .merge(me::routes())
        .merge(accounts::routes())
        .merge(audit::routes())
        .merge(editing::routes())
        .merge(member_state_pages::routes())
        .merge(meetings::routes())
        .merge(commitments::routes())
        .merge(platform::routes())
}

/// One saved state, as the table of revisions shows it.
pub(crate) struct RevisionRow {
    pub revision: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// create, update, publish or unpublish
    pub action: String,
    /// The title (or name) as it was then.
    pub title: String,
}

/// Revisions on one page of a revisions page.
pub(crate) const REVISIONS_PER_PAGE: u32 = 50;

/// Every saved state, newest first: number, time, who, what, and the title as it was.
/// On a narrow screen each revision stands as a card, its cells named by their columns (`data-label`).
pub(crate) fn revisions_table(cat: &Catalogue, rows: &[RevisionRow]) -> Markup {
    let labels =
        ["revisions-number", "revisions-when", "revisions-who", "revisions-what", "edit-title"].map(|id| cat.t(id));
    html! {
        @if rows.is_empty() {
            p { (cat.t("revisions-none")) }
        } @else {
            table.data-table.data-table--stack {
                caption { (cat.t("revisions-caption")) }
                thead { tr { @for label in &labels { th scope="col" { (label) } } } }
                tbody {
                    @for r in rows {
                        tr {
                            td data-label=(labels[0]) { (r.revision) }
                            td data-label=(labels[1]) { (crate::ui::time::brussels_time_of(&r.at)) }
                            td data-label=(labels[2]) { (r.actor) }
                            td data-label=(labels[3]) { (cat.t(&format!("revision-action-{}", r.action))) }
                            td data-label=(labels[4]) { (r.title) }
                        }
                    }
                }
            }
        }
    }
}
