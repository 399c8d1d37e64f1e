//! Keeping what a server holds in memory (the page cache, the search index) in step with the store.
//!
//! The store keeps a log of which items changed, written by the database in the transaction of each change
//! ([`rapporteur_store::ChangeLog`]), whichever process made it: this server, another one on the same store,
//! the command line, an import. A server reads the log from where it stands:
//! - after every request that may have changed something, before answering, so that whoever made a change
//!   reads it back at once;
//! - every [`WATCH_INTERVAL`], for changes made elsewhere, which are so seen within a second.
//!
//! Each read that finds changes updates the search index (item by item, or all over again after a bulk
//! load) and moves the content version on, which retires every kept page.

use crate::http::cache::PageCache;
use crate::http::error::AppError;
use crate::index::{doc_of, reindex_everything};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use rapporteur_core::editing::ContentKind;
use rapporteur_core::{Clock, Slug};
use rapporteur_search::{DocKind, SearchIndex};
use rapporteur_store::{Change, ChangeCursor, Store};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often a server looks for changes made elsewhere.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// Past this many changes in one read (a bulk load), the search index is rebuilt rather than updated.
const ITEM_BY_ITEM_LIMIT: u32 = 5_000;

/// How often what the store keeps only for a while is deleted: change-log entries and rate-limit windows
/// more than a day old (every server reads the log within seconds; no limit's window lasts an hour).
const PRUNE_EVERY: Duration = Duration::from_secs(3_600);

/// Where this server stands in the change log, and what it keeps in step with the store.
pub struct Freshness {
    /// Where this server stands, and the changes past it already applied (PostgreSQL's `ahead`).
    cursor: tokio::sync::Mutex<(ChangeCursor, HashSet<i64>)>,
    repo: Arc<dyn Store>,
    search: Arc<SearchIndex>,
    pages: Arc<PageCache>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Freshness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Freshness").field("pages", &self.pages).finish_non_exhaustive()
    }
}

impl Freshness {
    /// Starting at `cursor`: what `search` holds was read from `repo` after it.
    pub fn new(
        cursor: ChangeCursor,
        repo: Arc<dyn Store>,
        search: Arc<SearchIndex>,
        pages: Arc<PageCache>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Freshness { cursor: tokio::sync::Mutex::new((cursor, HashSet::new())), repo, search, pages, clock }
    }

    /// Reads the change log from where this server stands and brings the search index and the kept pages up
    /// to date; returns how many changes it found.
    pub async fn catch_up(&self) -> Result<usize, AppError> {
        let mut guard = self.cursor.lock().await;
        let (cursor, applied_ahead) = &mut *guard;
        let batch = self.repo.changes_since(*cursor, ITEM_BY_ITEM_LIMIT).await?;
        let found = if batch.complete {
            // Each item's current state is applied, so order does not matter: changes already applied
            // ahead of the settled point are skipped when they come again, and forgotten then.
            let fresh: Vec<&Change> =
                batch.changes.iter().chain(&batch.ahead).filter(|c| !applied_ahead.contains(&c.id)).collect();
            self.apply(&fresh).await?;
            for c in &batch.changes {
                applied_ahead.remove(&c.id);
            }
            applied_ahead.extend(batch.ahead.iter().map(|c| c.id));
            fresh.len()
        } else {
            reindex_everything(self.repo.as_ref(), &self.search)
                .await
                .map_err(|e| AppError::internal("reindexing", e))?;
            applied_ahead.clear();
            ITEM_BY_ITEM_LIMIT as usize + 1
        };
        if found > 0 {
            self.retire_pages();
        }
        *cursor = batch.next;
        Ok(found)
    }

    /// Moves the content version on: every kept page is rendered again when next asked for.
    pub fn retire_pages(&self) {
        self.pages.retire(self.clock.now());
    }

    /// Updates the search index with the current state of each changed item: published ones are found,
    /// others are not.
    async fn apply(&self, changes: &[&Change]) -> Result<(), AppError> {
        let mut seen = std::collections::HashSet::new();
        let mut staged = false;
        for change in changes.iter().filter(|c| seen.insert((c.kind.as_str(), c.key.as_str()))) {
            if change.kind == "member_state" {
                staged |= crate::index::restage_member_state(self.repo.as_ref(), &self.search, &change.key)
                    .await
                    .map_err(|e| AppError::internal("indexing a Member State's page", e))?;
                continue;
            }
            let (Some((kind, doc_kind)), Ok(slug)) = (search_kind(&change.kind), Slug::parse(&change.key)) else {
                continue;
            };
            match self.repo.find_item_for_editing(kind, &slug).await? {
                Some(item) if item.published() => {
                    self.search.stage([doc_of(&item)])?;
                }
                _ => self.search.unstage(doc_kind, slug.as_str())?,
            }
            staged = true;
        }
        if staged {
            self.search.commit()?;
        }
        Ok(())
    }

    /// Reads the change log every [`WATCH_INTERVAL`] until the server stops, and prunes it now and then.
    pub fn watch(self: Arc<Self>) -> tokio::task::JoinHandle<()> {
        let state = self;
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(WATCH_INTERVAL);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut pruned = tokio::time::Instant::now();
            loop {
                ticks.tick().await;
                if let Err(e) = state.catch_up().await {
                    tracing::warn!(error = %e, "reading the change log failed; trying again");
                }
                if pruned.elapsed() >= PRUNE_EVERY {
                    pruned = tokio::time::Instant::now();
                    match state.repo.prune_changes().await {
                        Ok(n) => tracing::debug!(n, "old changes pruned"),
                        Err(e) => tracing::warn!(error = %e, "pruning the change log failed"),
                    }
                    match state.repo.prune_hits(state.clock.now() - chrono::Duration::days(1)).await {
                        Ok(n) => tracing::debug!(n, "old rate-limit windows pruned"),
                        Err(e) => tracing::warn!(error = %e, "pruning the rate limits failed"),
                    }
                }
            }
        })
    }
}

/// Noted by the extractors through which a signed-in account changes something ([`AccountActed::note`]):
/// the middleware below then retires the kept pages as soon as the change is made.
#[derive(Debug, Clone, Default)]
pub struct AccountActed(Arc<AtomicBool>);

impl AccountActed {
    /// Notes, for the request these extensions belong to, that an account was allowed to act.
    pub fn note(extensions: &axum::http::Extensions) {
        if let Some(acted) = extensions.get::<AccountActed>() {
            acted.0.store(true, Ordering::Release);
        }
    }
}

/// After a request that changed something, reads the change log before answering: whoever made a change
/// finds it in the pages and the search at once.
///
/// On PostgreSQL a change is read once every older transaction on the server has ended, which may take a
/// moment when others are writing; so after an account's change the kept pages are also retired at once, and
/// the next page read sees the committed change. Only an account the extractors let act counts: anyone can
/// send a cookie, and an anonymous form (an application to the Civil Society Platform) must not be a way to
/// empty the cache. A refused or failed request changed nothing and reads nothing.
pub async fn catch_up_after_changes(State(state): State<Arc<Freshness>>, mut request: Request, next: Next) -> Response {
    let reads = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let acted = AccountActed::default();
    request.extensions_mut().insert(acted.clone());
    let response = next.run(request).await;
    let changed = !reads && (response.status().is_success() || response.status().is_redirection());
    if changed {
        if acted.0.load(Ordering::Acquire) {
            state.retire_pages();
        }
        if let Err(e) = state.catch_up().await {
            tracing::warn!(error = %e, "reading the change log after a change failed; the watcher tries again");
        }
    }
    response
}

fn search_kind(kind: &str) -> Option<(ContentKind, DocKind)> {
    match ContentKind::parse(kind)? {
        ContentKind::Project => Some((ContentKind::Project, DocKind::Project)),
        ContentKind::Call => Some((ContentKind::Call, DocKind::Call)),
        ContentKind::News => Some((ContentKind::News, DocKind::News)),
        ContentKind::Instrument => Some((ContentKind::Instrument, DocKind::Instrument)),
    }
}
