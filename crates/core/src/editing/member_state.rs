//! What is written on a Member State's page, as a document.

use crate::country::MemberState;
use crate::problems::{paragraphs, trimmed, FieldProblem};
use serde::{Deserialize, Serialize};

/// A Member State: its codes and name, the projects and calls that concern it (all set by the server), and
/// what the EU ATC office or its rapporteur writes on its page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberStateDocument {
    /// ISO 3166-1 alpha-2.
    pub code: Option<String>,
    /// Eurostat's geo code (EL for Greece).
    pub eurostat_code: Option<String>,
    pub name: Option<String>,
    /// Projects whose lead or partners are in this Member State (the first 50, real ones first).
    pub projects: Option<Vec<String>>,
    /// Calls restricted to organisations of a list of Member States that includes this one.
    pub calls: Option<Vec<String>>,
    /// The NREM's name, as its page gives it; absent or empty when not known.
    pub nrem: Option<String>,
    /// Paragraphs written by the EU ATC office or the Member State's rapporteur.
    #[serde(default)]
    pub summary: Vec<String>,
}

pub const MAX_NREM_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 20_000;

impl MemberStateDocument {
    /// How many projects a Member State's document and page name (real ones first).
    pub const PROJECTS: usize = 50;

    /// The fields the server sets.
    pub const SERVER_FIELDS: &'static [&'static str] = &["code", "eurostat_code", "name", "projects", "calls"];

    /// The server's part of a Member State's document.
    pub fn of(ms: MemberState, projects: Vec<String>, calls: Vec<String>) -> Self {
        MemberStateDocument {
            code: Some(ms.iso().to_owned()),
            eurostat_code: Some(ms.country().eurostat().to_owned()),
            name: Some(ms.name().to_owned()),
            projects: Some(projects),
            calls: Some(calls),
            nrem: None,
            summary: Vec::new(),
        }
    }

    /// Checks what is written: the NREM's name and the summary, trimmed, or every problem.
    pub fn check_page(self) -> Result<(Option<String>, Vec<String>), Vec<FieldProblem>> {
        let nrem = trimmed(self.nrem);
        let summary = paragraphs(self.summary);
        let mut problems = Vec::new();
        if nrem.as_ref().is_some_and(|n| n.chars().count() > MAX_NREM_CHARS) {
            problems.push(FieldProblem::new(
                "nrem",
                format!("the NREM's name must have at most {MAX_NREM_CHARS} characters"),
            ));
        }
        if let Some(problem) = nrem.as_deref().and_then(|n| crate::limits::characters_problem(n, false)) {
            problems.push(FieldProblem::new("nrem", format!("the text {problem}")));
        }
        if summary.iter().map(|p| p.chars().count()).sum::<usize>() > MAX_SUMMARY_CHARS {
            problems.push(FieldProblem::new("summary", "the summary must have at most 20,000 characters"));
        }
        if problems.is_empty() {
            Ok((nrem, summary))
        } else {
            Err(problems)
        }
    }
}
