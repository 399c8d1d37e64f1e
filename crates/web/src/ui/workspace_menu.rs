//! The workspace's menu: what an account may do, derived from its role's permissions (the same rules every
//! route asks, so the menu never offers a page that would refuse its reader, and a route never trusts the
//! menu: each still checks the role on the server).
//!
//! The home at `/workspace` shows the menu with a line on each entry; every other workspace page shows it
//! compact, above its content. Pages do not ask for it one by one: the edge finds the signed-in viewer
//! once per request ([`crate::ui::layout::know_the_viewer`]) and the page shell draws the compact menu for
//! their role on workspace paths ([`compact`]).

use crate::ui::Catalogue;
use maud::{html, Markup};
use rapporteur_core::accounts::{Permission, Role};
use rapporteur_core::MemberState;

/// One thing the account may do: where, its name and what it is for (message ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub href: String,
    pub label: &'static str,
    pub description: &'static str,
}

fn entry(href: impl Into<String>, label: &'static str, description: &'static str) -> MenuEntry {
    MenuEntry { href: href.into(), label, description }
}

/// Whether a path belongs to the workspace: the pages that show the menu.
pub fn is_workspace_path(path: &str) -> bool {
    path == "/workspace" || path.starts_with("/workspace/") || path == "/account" || path.starts_with("/account/")
}

/// What `role` may do, in the order the menu lists it.
pub fn entries(role: &Role) -> Vec<MenuEntry> {
    let office = role.may(Permission::EditContent);
    let any_member_state = |p: fn(MemberState) -> Permission<'static>| MemberState::all().any(|m| role.may(p(m)));
    let scope = role.scope();
    let mut out = Vec::new();
    if office {
        out.push(entry("/workspace/projects", "workspace-menu-projects", "workspace-menu-projects-about"));
        out.push(entry("/workspace/calls", "workspace-menu-calls", "workspace-menu-calls-about"));
        out.push(entry("/workspace/news", "workspace-menu-news", "workspace-menu-news-about"));
        out.push(entry("/workspace/instruments", "workspace-menu-instruments", "workspace-menu-instruments-about"));
        out.push(entry("/workspace/platform", "workspace-menu-platform", "workspace-menu-platform-about"));
    }
    if let Some(ms) = scope.member_state.filter(|ms| role.may(Permission::ActForMemberState(*ms))) {
        out.push(entry(
            format!("/workspace/member-states/{}/edit", ms.iso().to_lowercase()),
            "workspace-menu-own-member-state",
            "workspace-menu-own-member-state-about",
        ));
    } else if office {
        out.push(entry("/member-states", "workspace-menu-member-states", "workspace-menu-member-states-about"));
    }
    if role.may(Permission::AddMeetingDocuments) {
        let about = if office { "workspace-menu-meetings-about" } else { "workspace-menu-attendance-about" };
        out.push(entry("/workspace/meetings", "workspace-menu-meetings", about));
    }
    // Commitments are the office's to enter and their owners' to report on: agencies own them.
    if office || scope.agency.is_some() {
        let about = if office { "workspace-menu-commitments-about" } else { "workspace-menu-progress-about" };
        out.push(entry("/workspace/commitments", "workspace-menu-commitments", about));
    }
    if role.may(Permission::ReviewStatistics)
        || any_member_state(Permission::SubmitStatistics)
        || any_member_state(Permission::ContributeStatistics)
    {
        out.push(entry("/workspace/statistics", "workspace-menu-statistics", "workspace-menu-statistics-about"));
    }
    if any_member_state(Permission::UploadLinkageKeys) {
        out.push(entry("/workspace/linkage", "workspace-menu-linkage", "workspace-menu-uploads-about"));
    } else if any_member_state(Permission::ReadLinkageRuns) {
        out.push(entry("/workspace/linkage", "workspace-menu-linkage", "workspace-menu-linkage-about"));
    }
    if any_member_state(Permission::ReadEstimates) {
        out.push(entry("/workspace/estimation", "workspace-menu-estimation", "workspace-menu-estimation-about"));
    }
    if let Role::Cso { .. } = role {
        out.push(entry("/account#applications", "workspace-menu-applications", "workspace-menu-applications-about"));
    }
    if role.may(Permission::ManageAccounts) {
        out.push(entry("/workspace/accounts", "workspace-menu-accounts", "workspace-menu-accounts-about"));
        out.push(entry("/workspace/audit", "workspace-menu-audit", "workspace-menu-audit-about"));
    }
    out.push(entry("/account", "workspace-menu-account", "workspace-menu-account-about"));
    out
}

/// Whether `href` is the section of the page at `path` (the entry to mark as current).
fn is_current(href: &str, path: &str) -> bool {
    // An entry that points into a page (`/account#applications`) is not the page itself.
    !href.contains('#') && (path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')))
}

/// The compact menu above a workspace page's content, for a signed-in caller; nothing elsewhere, and
/// nothing on the home (which shows the whole menu).
pub fn compact(cat: &Catalogue) -> Markup {
    let asked = crate::ui::layout::Asked::current();
    let Some(role) = asked.viewer.map(|v| v.role) else { return html! {} };
    let path = asked.path;
    if !is_workspace_path(&path) || path == "/workspace" {
        return html! {};
    }
    html! {
                nav.workspace-menu aria-label=(cat.t("workspace-menu-label")) {
                    div.container {
                        a.workspace-menu__home href="/workspace" { (cat.t("workspace-title")) }
                        ul {
                            @for e in entries(&role) {
                                li {
                                    @if is_current(&e.href, &path) {
                                        a href=(e.href) aria-current="page" { (cat.t(e.label)) }
                                    } @else {
                                        a href=(e.href) { (cat.t(e.label)) }
                                    }
                                }
                            }
                        }
                    }
                }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapporteur_core::Slug;

    fn hrefs(role: Role) -> Vec<String> {
        entries(&role).into_iter().map(|e| e.href).collect()
    }

    #[test]
    fn each_role_is_offered_what_it_may_do() {
        let de = MemberState::parse("DE").unwrap();
        let editor = hrefs(Role::Editor);
        assert!(editor.contains(&"/workspace/projects".into()) && editor.contains(&"/workspace/meetings".into()));
        assert!(editor.contains(&"/workspace/commitments".into()) && !editor.contains(&"/workspace/audit".into()));
        let admin = hrefs(Role::Admin);
        assert!(admin.contains(&"/workspace/audit".into()) && admin.contains(&"/workspace/accounts".into()));
        let rapporteur = hrefs(Role::Rapporteur { member_state: de });
        assert!(rapporteur.contains(&"/workspace/member-states/de/edit".into()));
        assert!(
            rapporteur.contains(&"/workspace/linkage".into()) && rapporteur.contains(&"/workspace/estimation".into())
        );
        assert!(
            !rapporteur.contains(&"/workspace/projects".into()) && !rapporteur.contains(&"/workspace/accounts".into())
        );
        let source = hrefs(Role::Source { member_state: de, organisation: Slug::parse("police").unwrap() });
        assert!(source.contains(&"/workspace/linkage".into()) && !source.contains(&"/workspace/estimation".into()));
        let agency = hrefs(Role::Agency { agency: Slug::parse("europol").unwrap() });
        assert_eq!(agency, vec!["/workspace/commitments", "/account"]);
        let cso = hrefs(Role::Cso { organisation: Slug::parse("la-strada").unwrap() });
        assert_eq!(cso, vec!["/account#applications", "/account"]);
    }

    #[test]
    fn the_current_section_is_found_by_path() {
        assert!(is_current("/workspace/meetings", "/workspace/meetings/nrem-2018"));
        assert!(!is_current("/workspace/meetings", "/workspace/meetingsx"));
        assert!(!is_current("/account#applications", "/account") && is_current("/account", "/account"));
        assert!(is_workspace_path("/workspace") && is_workspace_path("/account/tokens"));
        assert!(!is_workspace_path("/workspaces") && !is_workspace_path("/"));
    }
}
