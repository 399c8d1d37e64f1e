//! Filling a fresh store with the bundled content, and synthetic projects for load tests.

use chrono::NaiveDate;
use rapporteur_core::content::{Lead, LeadRole};
use rapporteur_core::{Country, Eur, MemberState, Partner, Programme, Project, ProjectReference, Slug};
use serde::Serialize;

/// How many items of each kind a seeding added (zero everywhere on a second run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeedReport {
    pub projects: u64,
    pub calls: u64,
    pub news: u64,
    pub agencies: u64,
    pub instruments: u64,
    pub bodies: u64,
    pub institutions: u64,
    pub people: u64,
    pub commitments: u64,
}

impl SeedReport {
    pub fn total(&self) -> u64 {
        self.projects
            + self.calls
            + self.news
            + self.agencies
            + self.instruments
            + self.bodies
            + self.institutions
            + self.people
    }
}

/// A small deterministic generator: the demo content must be the same on every run, and a random-number
/// crate would be a dependency for twenty lines.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const TOPICS: &[&str] = &[
    "labour exploitation",
    "sexual exploitation",
    "victim identification",
    "child trafficking",
    "forced criminality",
    "online recruitment",
    "supply chains",
    "shelter provision",
    "financial investigations",
    "cross-border cooperation",
    "data collection",
    "prosecution of traffickers",
];
const ACTIONS: &[&str] =
    &["Mapping", "Preventing", "Measuring", "Understanding", "Disrupting", "Supporting", "Monitoring"];
const PLACES: &[&str] = &[
    "in the Baltic region",
    "along the Balkan route",
    "in the Mediterranean",
    "in Central Europe",
    "across the EU",
    "in port cities",
];
const INSTITUTIONS: &[&str] = &["University", "Institute", "Research Centre", "Foundation", "Observatory"];

/// The `n`-th synthetic project (1-based): plausible, varied, and labelled synthetic everywhere.
pub fn synthetic_project(n: u64) -> Project {
    let mut rng = SplitMix(n.wrapping_mul(0xA24B_AED4_963E_E407));
    let states: Vec<MemberState> = MemberState::all().collect();
    let lead_state = states[rng.below(states.len() as u64) as usize];
    let topic = rng.pick(TOPICS);
    let title = format!("Synthetic project {n}: {} {topic} {}", rng.pick(ACTIONS), rng.pick(PLACES));
    let start = NaiveDate::from_ymd_opt(2000 + rng.below(25) as i32, 1 + rng.below(12) as u32, 1).unwrap_or_default();
    let months = 12 + 6 * rng.below(9) as u32;
    let end = start.checked_add_months(chrono::Months::new(months)).and_then(|d| d.pred_opt()).unwrap_or(start);
    let partners = (0..rng.below(6))
        .map(|i| {
            let country: Country = states[rng.below(states.len() as u64) as usize].country();
            Partner {
                name: format!("Synthetic {} {} {}", country.name(), rng.pick(INSTITUTIONS), i + 1),
                acronym: Some(format!("SYN{n}P{}", i + 1)),
                country: Some(country),
            }
        })
        .collect();
    let lead_name = format!("Synthetic {} {}", lead_state.name(), rng.pick(INSTITUTIONS));
    let reference = format!("SYNTHETIC {n}");
    Project {
        slug: Slug::parse(&format!("synthetic-{n}")).expect("a synthetic slug is a slug"),
        acronym: Some(format!("SYN{n}")),
        title,
        reference: ProjectReference::parse(&reference).unwrap_or(ProjectReference {
            as_written: reference,
            programme: Programme::Synthetic,
            call: None,
            erc_grant: None,
            grant_number: n as u32,
        }),
        lead: Lead {
            role: LeadRole::Coordinator,
            as_written: format!("{lead_name}, {}", lead_state.name()),
            name: Some(lead_name),
            address: None,
            country: Some(lead_state.country()),
        },
        principal_investigator: None,
        budget: Some(Eur::from_euros(50_000 + 1_000 * rng.below(5_000) as i64)),
        budget_as_written: None,
        start_date: Some(start),
        end_date: Some(end),
        duration_months: Some(months),
        timeframe_as_written: None,
        partners,
        partners_note: None,
        objectives: vec![format!(
            "Synthetic text generated for load tests: this project does not exist. It would study {topic} and trafficking in human beings."
        )],
        mid_term_summary: Vec::new(),
        trafficking_link: Vec::new(),
        publications: None,
        links_lost: Vec::new(),
        synthetic: true,
        published: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_projects_are_deterministic_and_labelled() {
        assert_eq!(synthetic_project(7), synthetic_project(7));
        assert_ne!(synthetic_project(7).title, synthetic_project(8).title);
        let p = synthetic_project(42);
        assert!(p.synthetic);
        assert!(p.title.starts_with("Synthetic"));
        assert_eq!(p.reference.programme, Programme::Synthetic);
        assert!(p.start_date <= p.end_date);
    }
}
