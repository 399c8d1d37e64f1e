//! The repository trait: everything the portal reads and writes, whatever the backend.

use crate::{Page, ProjectFacets, ProjectFilter, SeedReport, StoreError};
use async_trait::async_trait;
use rapporteur_core::{Agency, Body, Bundle, Call, Institution, Instrument, NewsItem, Paging, Person, Project, Slug};

/// The portal's content store.
#[async_trait]
pub trait ContentRepository: Send + Sync + std::fmt::Debug {
    /// Answers once the database does.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Fills the store with the bundle's items that it lacks; existing items are left as they are.
    async fn seed_bundle(&self, bundle: &Bundle) -> Result<SeedReport, StoreError>;

    /// Adds one project with its partners; `Conflict` if the slug is taken.
    async fn insert_project(&self, project: &Project) -> Result<(), StoreError>;
    /// Adds many projects in one transaction (demo content, imports); `Conflict` undoes them all.
    async fn insert_projects(&self, projects: &[Project]) -> Result<(), StoreError>;
    async fn find_project_by_slug(&self, slug: &Slug) -> Result<Option<Project>, StoreError>;
    async fn list_projects(&self, filter: &ProjectFilter, paging: Paging) -> Result<Page<Project>, StoreError>;
    /// The published projects of these slugs, in the order given (a slug without one is left out).
    async fn find_projects_by_slugs(&self, slugs: &[Slug]) -> Result<Vec<Project>, StoreError>;
    /// Every project, in slug order, a batch at a time (for the search index).
    async fn list_projects_after(&self, after: Option<&Slug>, limit: u32) -> Result<Vec<Project>, StoreError>;
    async fn project_facets(&self) -> Result<ProjectFacets, StoreError>;
    /// Slugs of published projects that are not synthetic, in slug order, from `offset` (for the sitemap).
    async fn list_real_project_slugs(&self, offset: u64, limit: u32) -> Result<Vec<Slug>, StoreError>;
    /// Projects whose lead or partners are in the country, by title.
    async fn list_projects_by_country(&self, country: &str, limit: u32) -> Result<Vec<Project>, StoreError>;

    /// All calls, deadline last first.
    async fn list_calls(&self) -> Result<Vec<Call>, StoreError>;
    async fn find_call_by_slug(&self, slug: &Slug) -> Result<Option<Call>, StoreError>;

    async fn list_news(&self, paging: Paging) -> Result<Page<NewsItem>, StoreError>;
    async fn find_news_by_slug(&self, slug: &Slug) -> Result<Option<NewsItem>, StoreError>;

    async fn list_agencies(&self) -> Result<Vec<Agency>, StoreError>;
    async fn find_agency_by_slug(&self, slug: &Slug) -> Result<Option<Agency>, StoreError>;

    async fn list_instruments(&self) -> Result<Vec<Instrument>, StoreError>;
    async fn find_instrument_by_slug(&self, slug: &Slug) -> Result<Option<Instrument>, StoreError>;

    async fn list_bodies(&self) -> Result<Vec<Body>, StoreError>;
    async fn list_institutions(&self) -> Result<Vec<Institution>, StoreError>;
    async fn list_people(&self) -> Result<Vec<Person>, StoreError>;

    /// The source's own paragraphs introducing a section of the portal ("legislation"); none when it has none.
    async fn section_text(&self, section: &str) -> Result<Vec<String>, StoreError>;

    /// Where the content comes from (the bundle's source line).
    async fn content_source(&self) -> Result<Option<String>, StoreError>;
}
