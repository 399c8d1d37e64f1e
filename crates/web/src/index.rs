//! The search index as the store's content: each item made into a search document, the index built at
//! start-up, and kept in step with the changes the store reports (see the `freshness` module).

use chrono::NaiveDate;
use rapporteur_core::{
    Agency, Body, Call, Country, Instrument, MemberState, NewsItem, Paging, Programme, Project, Slug,
};
use rapporteur_search::{DocKind, ProjectFacets, ProjectOrder, ProjectQuery, SearchDoc, SearchError, SearchIndex};
use rapporteur_store::{ContentRepository, EditableItem, MemberStatePage, Store, StoreError};

/// How many projects are read from the store at a time while indexing, so that memory stays flat.
const INDEX_BATCH: u32 = 2_000;

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum IndexBuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// A country as every name it goes by, so that "Turkey" and "Türkiye" find the same projects.
fn country_names(country: Country) -> impl Iterator<Item = String> {
    std::iter::once(country.name()).chain(country.aliases().iter().copied()).map(str::to_owned)
}

pub fn project_doc(p: &Project) -> SearchDoc {
    let mut body = vec![p.reference.as_written.clone()];
    body.extend(p.lead.name.clone());
    body.extend(p.lead.address.clone());
    body.extend(p.lead.country.into_iter().flat_map(country_names));
    body.extend(p.principal_investigator.clone());
    body.extend(p.objectives.iter().cloned());
    body.extend(p.mid_term_summary.iter().cloned());
    body.extend(p.trafficking_link.iter().cloned());
    for partner in &p.partners {
        body.push(partner.name.clone());
        body.extend(partner.country.into_iter().flat_map(country_names));
    }
    SearchDoc {
        kind: DocKind::Project,
        slug: p.slug.to_string(),
        title: rapporteur_core::editing::Editable::heading(p),
        body: body.join(" \n"),
        synthetic: p.synthetic,
        project: Some(ProjectFacets {
            programme: p.reference.programme.code().to_owned(),
            countries: p.countries().iter().map(|c| c.iso().to_owned()).collect(),
            start: p.start_date.map(day_number),
            until: p.last_day().or(p.start_date).map(day_number),
            budget_cents: p.budget.map(|b| b.cents()),
            // The list sorts by the name its cards begin with: the acronym, or the title where there is none.
            sort_title: p.short_name().to_lowercase(),
        }),
    }
}

/// The projects a Member State's page names: those whose lead or partners are in it, real ones first, by
/// title; synthetic ones only fill up to `limit`.
pub async fn member_state_projects(
    repo: &dyn ContentRepository,
    index: &SearchIndex,
    ms: MemberState,
    limit: usize,
) -> Result<Vec<Project>, IndexBuildError> {
    let mut slugs = Vec::new();
    for synthetic in [false, true] {
        if slugs.len() >= limit {
            break;
        }
        let query = ProjectQuery {
            country: Some(ms.iso().to_owned()),
            synthetic: Some(synthetic),
            order: ProjectOrder::Title,
            ..Default::default()
        };
        slugs.extend(index.search_projects(&query, 0, limit - slugs.len())?.slugs);
    }
    let slugs: Vec<Slug> = slugs.iter().filter_map(|s| Slug::parse(s).ok()).collect();
    Ok(repo.find_projects_by_slugs(&slugs).await?)
}

/// How many projects each value of the list's filters would give, the other filters as they are: what the
/// options of the country and programme filters count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectFilterCounts {
    /// Countries with at least one project, in the order of [`Country::all`].
    pub countries: Vec<(Country, u64)>,
    /// Programmes with at least one project, FP6, FP7, ERC (synthetic projects are not a programme to choose).
    pub programmes: Vec<(Programme, u64)>,
}

/// Counts a filter's options from the index: one count per country and per programme, each a walk of that
/// value's postings alone (the index intersects them with the other filters), so the cost follows the
/// projects that match, never the loading of projects.
pub fn project_filter_counts(index: &SearchIndex, query: &ProjectQuery) -> Result<ProjectFilterCounts, SearchError> {
    let mut counts = ProjectFilterCounts::default();
    for country in Country::all() {
        let n = index.count_projects(&ProjectQuery { country: Some(country.iso().to_owned()), ..query.clone() })?;
        if n > 0 {
            counts.countries.push((country, n));
        }
    }
    for programme in Programme::ALL {
        let n =
            index.count_projects(&ProjectQuery { programme: Some(programme.code().to_owned()), ..query.clone() })?;
        if n > 0 {
            counts.programmes.push((programme, n));
        }
    }
    Ok(counts)
}

/// How many published projects the index holds: all of them, and the synthetic ones.
pub fn project_counts(index: &SearchIndex) -> Result<(u64, u64), SearchError> {
    let all = index.count_projects(&ProjectQuery::default())?;
    let synthetic = index.count_projects(&ProjectQuery { synthetic: Some(true), ..Default::default() })?;
    Ok((all, synthetic))
}

/// A day as the index stores it: days since 1970-01-01.
pub fn day_number(day: NaiveDate) -> i64 {
    (day - NaiveDate::default()).num_days()
}

pub fn call_doc(c: &Call) -> SearchDoc {
    let mut body: Vec<String> = c.topic.iter().chain(c.fund.iter()).chain(c.work_programme.iter()).cloned().collect();
    body.extend(c.summary.iter().cloned());
    body.extend(c.errata.iter().cloned());
    body.extend(c.eligible_member_states.iter().flat_map(|m| country_names(m.country())));
    SearchDoc {
        kind: DocKind::Call,
        slug: c.slug.to_string(),
        title: c.title.clone(),
        body: body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

pub fn news_doc(n: &NewsItem) -> SearchDoc {
    SearchDoc {
        kind: DocKind::News,
        slug: n.slug.to_string(),
        title: n.title.clone(),
        body: n.body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

pub fn instrument_doc(i: &Instrument) -> SearchDoc {
    let mut body: Vec<String> = i.reference.iter().cloned().collect();
    body.extend(i.summary.iter().cloned());
    body.extend(i.articles.iter().map(|a| format!("Article {}: {}", a.number, a.subject)));
    SearchDoc {
        kind: DocKind::Instrument,
        slug: i.slug.to_string(),
        title: i.title.clone(),
        body: body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

/// The search document of an item.
pub fn doc_of(item: &EditableItem) -> SearchDoc {
    match item {
        EditableItem::Project(p) => project_doc(p),
        EditableItem::Call(c) => call_doc(c),
        EditableItem::News(n) => news_doc(n),
        EditableItem::Instrument(i) => instrument_doc(i),
    }
}

/// Stages every published item of the store (projects a batch at a time) without committing.
async fn stage_everything(repo: &dyn Store, index: &SearchIndex) -> Result<(), IndexBuildError> {
    let mut after: Option<Slug> = None;
    loop {
        let batch = repo.list_projects_after(after.as_ref(), INDEX_BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.slug.clone());
        index.stage(batch.iter().map(project_doc))?;
    }
    index.stage(repo.list_calls().await?.iter().map(call_doc))?;
    let mut page = Paging::first(rapporteur_core::paging::MAX_PER_PAGE);
    loop {
        let news = repo.list_news(page).await?;
        index.stage(news.items.iter().map(news_doc))?;
        match page.next() {
            Some(next) if page.page() < page.page_count(news.total) => page = next,
            _ => break,
        }
    }
    index.stage(repo.list_instruments().await?.iter().map(instrument_doc))?;
    stage_places(repo, index).await?;
    Ok(())
}

/// Indexes everything the store holds.
pub async fn build_search_index(repo: &dyn Store) -> Result<SearchIndex, IndexBuildError> {
    let index = SearchIndex::new()?;
    stage_everything(repo, &index).await?;
    index.commit()?;
    index.merge_segments()?;
    Ok(index)
}

/// Indexes everything again, in place: after more changes than are worth applying one by one.
pub async fn reindex_everything(repo: &dyn Store, index: &SearchIndex) -> Result<(), IndexBuildError> {
    index.clear()?;
    stage_everything(repo, index).await?;
    index.commit()?;
    index.merge_segments()?;
    Ok(())
}

// The network page, the agencies and the Member States' pages: found by search as the content is.

/// The slug of the network page's search document (its address is `/network`).
pub const NETWORK_PAGE: &str = "network";

/// The network page as one search document: the bodies it presents and the agencies it lists.
pub fn network_doc(bodies: &[Body], agencies: &[Agency]) -> SearchDoc {
    let mut body: Vec<String> =
        vec!["National Rapporteurs or Equivalent Mechanisms (NREMs), the EU Anti-Trafficking Coordinator (EU ATC), \
         the EU agencies of the Joint Statement, the EU Civil Society Platform, research projects"
            .to_owned()];
    for b in bodies {
        body.push(b.name.clone());
        body.extend(b.acronym.clone());
        body.extend(b.description.iter().cloned());
    }
    body.extend(agencies.iter().map(|a| format!("{} ({})", a.name, a.acronym)));
    SearchDoc {
        kind: DocKind::Page,
        slug: NETWORK_PAGE.to_owned(),
        title: "The network: National Rapporteurs, the EU Anti-Trafficking Coordinator, EU agencies and civil society"
            .to_owned(),
        body: body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

pub fn agency_doc(a: &Agency) -> SearchDoc {
    let mut body = vec![a.acronym.clone(), a.name.clone()];
    body.extend(a.now_known_as.iter().map(|n| format!("Now known as {n}")));
    body.push("EU agency, signatory of the 2018 Joint Statement against trafficking in human beings".to_owned());
    SearchDoc {
        kind: DocKind::Agency,
        slug: a.slug.to_string(),
        title: format!("{} ({})", a.name, a.acronym),
        body: body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

/// A Member State's page: its name in every form, and what its rapporteur wrote on it.
pub fn member_state_doc(ms: MemberState, page: Option<&MemberStatePage>) -> SearchDoc {
    let mut body: Vec<String> = country_names(ms.country()).collect();
    // Not the words "National Rapporteur": every page would then outrank the network page, which is about them.
    body.push(format!("Member State {}", ms.iso()));
    if let Some(p) = page {
        body.extend(p.nrem.clone());
        body.extend(p.nrem_institution.clone());
        body.extend(p.national_reports.iter().map(|r| format!("{} ({})", r.title, r.year)));
        body.extend(p.summary.iter().cloned());
    }
    SearchDoc {
        kind: DocKind::MemberState,
        slug: ms.iso().to_lowercase(),
        title: ms.name().to_owned(),
        body: body.join(" \n"),
        synthetic: false,
        project: None,
    }
}

/// Stages the network page, the agencies and the 27 Member States' pages.
async fn stage_places(repo: &dyn Store, index: &SearchIndex) -> Result<(), IndexBuildError> {
    let agencies = repo.list_agencies().await?;
    index.stage([network_doc(&repo.list_bodies().await?, &agencies)])?;
    index.stage(agencies.iter().map(agency_doc))?;
    let pages = repo.list_member_state_pages().await?;
    index.stage(
        MemberState::all().map(|ms| member_state_doc(ms, pages.iter().find(|(m, _)| *m == ms).map(|(_, p)| p))),
    )?;
    Ok(())
}

/// Stages a Member State's page again after its change (`code` as the change log names it); false when the
/// code names no Member State.
pub async fn restage_member_state(repo: &dyn Store, index: &SearchIndex, code: &str) -> Result<bool, IndexBuildError> {
    let Ok(ms) = MemberState::parse(code) else { return Ok(false) };
    let page = repo.find_member_state_page(ms).await?;
    index.stage([member_state_doc(ms, page.as_ref())])?;
    Ok(true)
}
