//! The life of a submission: a Member State's figures for one dataflow and year go from draft to submitted
//! (by its rapporteur), validated (by the EU ATC office, which may instead return them with a comment) and
//! published (signed off by the rapporteur). Every publication is a new version; changing the figures after
//! any step starts a new draft, and what was published stays published until the next publication.

use std::fmt;

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubmissionState {
    Draft,
    Submitted,
    Validated,
    Published,
}

impl SubmissionState {
    pub const ALL: [SubmissionState; 4] =
        [SubmissionState::Draft, SubmissionState::Submitted, SubmissionState::Validated, SubmissionState::Published];

    pub fn code(self) -> &'static str {
        match self {
            SubmissionState::Draft => "draft",
            SubmissionState::Submitted => "submitted",
            SubmissionState::Validated => "validated",
            SubmissionState::Published => "published",
        }
    }

    pub fn parse(code: &str) -> Option<SubmissionState> {
        SubmissionState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// What happens next, in words for the submission's page.
    pub fn next_step(self) -> &'static str {
        match self {
            SubmissionState::Draft => "The Member State's rapporteur completes the figures and submits them.",
            SubmissionState::Submitted => "The EU ATC office validates the figures or returns them with a comment.",
            SubmissionState::Validated => "The Member State's rapporteur signs off the publication.",
            SubmissionState::Published => {
                "Published. Changing a figure starts a revision; this edition stays published until the next."
            }
        }
    }
}

impl fmt::Display for SubmissionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Figures entered, uploaded or combined: the submission is a draft again.
    Edit,
    Submit,
    Validate,
    /// Back to the Member State with a comment saying what to fix.
    Return,
    Publish,
}

impl Action {
    pub const ALL: [Action; 5] = [Action::Edit, Action::Submit, Action::Validate, Action::Return, Action::Publish];

    pub fn code(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Submit => "submit",
            Action::Validate => "validate",
            Action::Return => "return",
            Action::Publish => "publish",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether the step needs a comment: returning figures without saying why helps nobody.
    pub fn needs_comment(self) -> bool {
        self == Action::Return
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A step that cannot be taken from the submission's state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {state} submission cannot be {verb}: {hint}")]
pub struct WrongState {
    pub state: SubmissionState,
    pub verb: &'static str,
    pub hint: &'static str,
}

/// The state a step leads to from `state`.
pub fn next_state(state: SubmissionState, action: Action) -> Result<SubmissionState, WrongState> {
    use SubmissionState::*;
    let wrong = |verb, hint| Err(WrongState { state, verb, hint });
    match (action, state) {
        (Action::Edit, _) => Ok(Draft),
        (Action::Submit, Draft) => Ok(Submitted),
        (Action::Submit, _) => wrong("submitted", "only a draft is submitted"),
        (Action::Validate, Submitted) => Ok(Validated),
        (Action::Validate, _) => wrong("validated", "only submitted figures are validated"),
        (Action::Return, Submitted | Validated) => Ok(Draft),
        (Action::Return, _) => wrong("returned", "only submitted or validated figures are returned"),
        (Action::Publish, Validated) => Ok(Published),
        (Action::Publish, _) => wrong("published", "the EU ATC office validates the figures first"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_happy_path_and_a_return() {
        let mut state = SubmissionState::Draft;
        for action in [Action::Submit, Action::Return, Action::Submit, Action::Validate, Action::Publish] {
            state = next_state(state, action).unwrap();
        }
        assert_eq!(state, SubmissionState::Published);
        assert_eq!(next_state(state, Action::Edit), Ok(SubmissionState::Draft));
        let refused = next_state(SubmissionState::Draft, Action::Publish).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "a draft submission cannot be published: the EU ATC office validates the figures first"
        );
    }
}
