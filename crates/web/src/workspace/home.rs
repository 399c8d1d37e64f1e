//! The workspace's home: what the signed-in account may do, each with a line on what it is for. The same
//! entries are the compact menu of every other workspace page ([`crate::ui::workspace_menu`]).

use crate::http::{AnyAccount, ApiRouter, Signed};
use crate::ui::workspace_menu::entries;
use crate::ui::{page, Lang, PageMeta, Section};
use axum::routing::get;
use maud::{html, Markup};

pub fn routes() -> ApiRouter {
    ApiRouter::new().route("/workspace", get(show_home))
}

async fn show_home(Lang(cat): Lang, me: Signed<AnyAccount>) -> Markup {
    let account = &me.account;
    let scope = account.role.scope();
    let role = cat.t(&format!("role-{}", account.role.name().code()));
    let within: Vec<String> = [
        scope.member_state.map(|m| m.name().to_owned()),
        scope.organisation.map(|o| o.to_string()),
        scope.agency.map(|a| a.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let meta = PageMeta::new(cat, Section::None, cat.t("workspace-title")).trail(cat.t("nav-home"), "/");
    page(
        meta,
        html! {
            h1 { (cat.t("workspace-title")) }
            p.workspace-home__who {
                (cat.t_args("workspace-signed-in-as", &[("email", account.email.as_str().into())])) " · "
                strong { (role) }
                @if !within.is_empty() { " (" (within.join(", ")) ")" }
            }
            nav aria-labelledby="workspace-home-heading" {
                h2 #workspace-home-heading { (cat.t("workspace-home-heading")) }
                ul.workspace-home {
                    @for e in entries(&account.role) {
                        li.card {
                            h3.card__title { a href=(e.href) { (cat.t(e.label)) } }
                            p { (cat.t(e.description)) }
                        }
                    }
                }
            }
        },
    )
}
