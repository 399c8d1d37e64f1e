//! What every handler can reach.

use crate::estimation::EstimationSettings;
use crate::freshness::Freshness;
use crate::http::cache::{PageCache, DEFAULT_CAPACITY_BYTES};
use crate::index::{build_search_index, IndexBuildError};
use crate::linkage::LinkageSettings;
use rapporteur_core::Clock;
use rapporteur_search::SearchIndex;
use rapporteur_store::Store;
use std::sync::Arc;
use tokio::sync::{Notify, Semaphore};

/// The store, the search index, the clock, and what keeps pages fresh.
#[derive(Clone, Debug)]
pub struct AppState {
    pub repo: Arc<dyn Store>,
    pub search: Arc<SearchIndex>,
    pub clock: Arc<dyn Clock>,
    /// The site's address as the public sees it, for feeds, calendars and the sitemap (no trailing slash).
    pub public_url: Arc<str>,
    /// Public pages as they were last rendered.
    pub pages: Arc<PageCache>,
    pub freshness: Arc<Freshness>,
    /// Disclosure control and validation settings of the statistics.
    pub statistics: Arc<rapporteur_stats::Policy>,
    /// The limits of linkage uploads and runs.
    pub linkage: LinkageSettings,
    /// Rung when a linkage run is queued, so that the runner ([`crate::LinkageRunner`]) takes it at once.
    pub linkage_queue: Arc<Notify>,
    /// The limits of estimation.
    pub estimation: EstimationSettings,
    /// One estimation at a time on this server: each uses every core for up to some seconds.
    pub estimation_slots: Arc<Semaphore>,
    /// The operator's contact address, if the installation gives one (`[server] contact_email`).
    pub contact_email: Option<rapporteur_core::accounts::Email>,
}

impl AppState {
    /// Builds the search index from the store and starts reading the store's changes from before it, so
    /// that none made meanwhile is missed.
    pub async fn open(repo: Arc<dyn Store>, clock: Arc<dyn Clock>, public_url: &str) -> Result<Self, IndexBuildError> {
        let cursor = repo.change_cursor().await?;
        let search = Arc::new(build_search_index(repo.as_ref()).await?);
        let pages = Arc::new(PageCache::new(DEFAULT_CAPACITY_BYTES, clock.now()));
        let freshness = Arc::new(Freshness::new(cursor, repo.clone(), search.clone(), pages.clone(), clock.clone()));
        Ok(AppState {
            repo,
            search,
            clock,
            public_url: public_url.trim_end_matches('/').into(),
            pages,
            freshness,
            statistics: Arc::new(rapporteur_stats::Policy::default()),
            linkage: LinkageSettings::default(),
            linkage_queue: Arc::new(Notify::new()),
            estimation: EstimationSettings::default(),
            estimation_slots: Arc::new(Semaphore::new(1)),
            contact_email: None,
        })
    }

    /// The same state with the statistics settings of the installation.
    pub fn with_statistics(mut self, policy: rapporteur_stats::Policy) -> Self {
        self.statistics = Arc::new(policy);
        self
    }

    /// The same state with the estimation settings of the installation (the slots stay the same).
    pub fn with_estimation(mut self, settings: EstimationSettings) -> Self {
        self.estimation = settings;
        self
    }

    /// The same state with the operator's contact address.
    pub fn with_contact_email(mut self, email: Option<rapporteur_core::accounts::Email>) -> Self {
        self.contact_email = email;
        self
    }

    /// The same state with the linkage settings of the installation (the runner's bell stays the same).
    pub fn with_linkage(mut self, settings: LinkageSettings) -> Self {
        self.linkage = settings;
        self
    }
}
