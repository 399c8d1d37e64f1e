//! What callers ask the store for: filters, sort orders, pages.

use rapporteur_core::{Country, Eur, Programme};
use serde::Serialize;

/// The order of a project list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectSort {
    /// Best match first, when the list is searched for words.
    Relevance,
    #[default]
    Title,
    StartDate,
    StartDateDesc,
    Budget,
    BudgetDesc,
}

impl ProjectSort {
    pub const ALL: [ProjectSort; 6] = [
        ProjectSort::Relevance,
        ProjectSort::Title,
        ProjectSort::StartDate,
        ProjectSort::StartDateDesc,
        ProjectSort::Budget,
        ProjectSort::BudgetDesc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProjectSort::Relevance => "relevance",
            ProjectSort::Title => "title",
            ProjectSort::StartDate => "start",
            ProjectSort::StartDateDesc => "-start",
            ProjectSort::Budget => "budget",
            ProjectSort::BudgetDesc => "-budget",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text)
    }

    pub(crate) fn order_by(self) -> &'static str {
        // NULLs last on both backends, written out because SQLite and PostgreSQL default differently.
        match self {
            // Without words to match, the best match is any: the title order.
            ProjectSort::Relevance | ProjectSort::Title => "sort_title ASC, id ASC",
            ProjectSort::StartDate => "(start_date IS NULL) ASC, start_date ASC, id ASC",
            ProjectSort::StartDateDesc => "(start_date IS NULL) ASC, start_date DESC, id ASC",
            ProjectSort::Budget => "(budget_cents IS NULL) ASC, budget_cents ASC, id ASC",
            ProjectSort::BudgetDesc => "(budget_cents IS NULL) ASC, budget_cents DESC, id ASC",
        }
    }
}

/// Which projects to list. Every field is already valid; `None` means no restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    pub programme: Option<Programme>,
    /// The lead's or any partner's country.
    pub country: Option<Country>,
    /// Projects running at some time in these years (inclusive).
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub budget_min: Option<Eur>,
    pub budget_max: Option<Eur>,
    pub sort: ProjectSort,
}

/// One page of a list, with the number of items on all pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// What the store holds, for the home page and health checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ProjectFacets {
    pub projects: u64,
    pub synthetic_projects: u64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
}
