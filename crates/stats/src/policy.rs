//! What an installation decides about its statistics: the disclosure rules of each dataflow and when a jump
//! from one year to the next deserves a warning.

use crate::codes::Dataflow;
use crate::disclosure::DisclosureRules;
use crate::validate::ValidationOptions;

/// The settings of the statistics capability, with the defaults the issue of Directive-aligned data asks
/// for (counts from 1 to 4 suppressed; jumps beyond 3× flagged).
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub victims: DisclosureRules,
    pub persons: DisclosureRules,
    pub validation: ValidationOptions,
}

impl Policy {
    /// The disclosure rules of a dataflow.
    pub fn rules(&self, dataflow: Dataflow) -> DisclosureRules {
        match dataflow {
            Dataflow::Victims => self.victims,
            Dataflow::Persons => self.persons,
        }
    }
}
