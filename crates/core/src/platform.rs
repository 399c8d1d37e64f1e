//! The EU Civil Society Platform: what an organisation sends to apply to a call for expression of
//! interest, and the rules it must meet before the call's own (eligibility, deadline) are asked.

use crate::accounts::Email;
use crate::content::Call;
use crate::country::MemberState;
use crate::problems::{Checker, FieldProblem};
use crate::slug::Slug;
use serde::Deserialize;

/// An application as an organisation sends it, by the public form or the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationDocument {
    pub organisation_name: String,
    /// ISO code of the Member State of the legal seat.
    pub member_state: String,
    pub contact_email: String,
    pub motivation: String,
}

/// An application whose fields are right (the call's eligibility and deadline are checked apart, by
/// [`Call::check_application`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub call: Slug,
    pub organisation_name: String,
    /// Made from the name; with the contact address, it names the organisation's account once accepted.
    pub organisation: Slug,
    pub member_state: MemberState,
    pub contact_email: Email,
    pub motivation: String,
}

pub const MAX_ORGANISATION_NAME_CHARS: usize = 300;
pub const MAX_MOTIVATION_CHARS: usize = 5_000;

impl ApplicationDocument {
    /// Checks every field, or lists every problem.
    pub fn check(self, call: &Call) -> Result<NewApplication, Vec<FieldProblem>> {
        let mut check = Checker::default();
        let name = self.organisation_name.trim().to_owned();
        let organisation = Slug::from_title(&name);
        if name.is_empty() || name.chars().count() > MAX_ORGANISATION_NAME_CHARS || organisation.is_none() {
            check.bad(
                "organisation_name",
                format!("Give the organisation's name (at most {MAX_ORGANISATION_NAME_CHARS} characters)."),
            );
        }
        check.one_line("organisation_name", &name);
        let seat = MemberState::parse(self.member_state.trim()).ok();
        if seat.is_none() {
            check.bad("member_state", "Choose the Member State of the legal seat.");
        }
        let email = Email::parse(&self.contact_email).ok();
        if email.is_none() {
            check.bad("contact_email", "Give a contact e-mail address such as office@example.org.");
        }
        let motivation = self.motivation.trim().to_owned();
        if motivation.is_empty() || motivation.chars().count() > MAX_MOTIVATION_CHARS {
            check.bad(
                "motivation",
                format!("Say why the organisation wishes to join (at most {MAX_MOTIVATION_CHARS} characters)."),
            );
        }
        let application =
            organisation.zip(seat).zip(email).map(|((organisation, member_state), contact_email)| NewApplication {
                call: call.slug.clone(),
                organisation_name: name,
                organisation,
                member_state,
                contact_email,
                motivation,
            });
        check.finish(application)
    }
}
