//! A Member State's work in the workspace: which Member State an account works for, and a Member State and
//! reference year as paths name them. Shared by the areas scoped to one Member State (linkage, estimation).

use crate::figures::{geo_of, member_state_of};
use crate::http::AppError;
use crate::ui::Catalogue;
use maud::{html, Markup};
use rapporteur_core::accounts::Role;
use rapporteur_core::MemberState;
use rapporteur_stats::parse::YEARS;
use rapporteur_stats::Geo;

/// The Member State an account works for, if it is scoped to one.
pub(crate) fn own_member_state(role: &Role) -> Option<MemberState> {
    match role {
        Role::Rapporteur { member_state } | Role::Source { member_state, .. } => Some(*member_state),
        _ => None,
    }
}

/// A Member State and reference year from a path (`DE/2023`, Eurostat's code): anything else names nothing.
pub(crate) fn scope(geo: &str, year: u16) -> Result<(MemberState, u16), AppError> {
    let ms = Geo::parse(geo.as_bytes()).and_then(member_state_of).ok_or(AppError::NotFound)?;
    if !YEARS.contains(&year) {
        return Err(AppError::NotFound);
    }
    Ok((ms, year))
}

/// Eurostat's code of a Member State, as paths and the API give it.
pub(crate) fn geo_code(ms: MemberState) -> &'static str {
    geo_of(ms).code()
}

/// The form that chooses the Member State (for the office, which works for all) and the reference year of
/// a workspace page at `action`.
pub(crate) fn chooser(
    cat: &Catalogue,
    action: &str,
    ms: Option<MemberState>,
    year: u16,
    choose_member_state: bool,
) -> Markup {
    html! {
        form.form.form--inline method="get" action=(action) {
            @if choose_member_state {
                label for="geo" { (cat.t("scope-member-state")) }
                select #geo name="geo" {
                    @for m in MemberState::all() {
                        option value=(geo_code(m)) selected[Some(m) == ms] { (m.name()) }
                    }
                }
            }
            label for="year" { (cat.t("scope-year")) }
            input #year type="number" name="year" min=(YEARS.start()) max=(YEARS.end()) required value=(year);
            button.button type="submit" { (cat.t("scope-show")) }
        }
    }
}
