//! Pagination, checked once where a request enters.

use serde::Serialize;

/// The largest page a client may ask for.
pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 20;

/// A 1-based page number with its size; both checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paging {
    page: u32,
    per_page: u32,
}

/// A paging parameter out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PagingError {
    #[error("page must be a whole number from 1 to 1000000")]
    Page,
    #[error("per_page must be a whole number from 1 to {MAX_PER_PAGE}")]
    PerPage,
}

impl PagingError {
    /// The query parameter at fault.
    pub fn parameter(&self) -> &'static str {
        match self {
            PagingError::Page => "page",
            PagingError::PerPage => "per_page",
        }
    }
}

impl Paging {
    pub fn new(page: u32, per_page: u32) -> Result<Self, PagingError> {
        if !(1..=1_000_000).contains(&page) {
            return Err(PagingError::Page);
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(PagingError::PerPage);
        }
        Ok(Paging { page, per_page })
    }

    pub fn first(per_page: u32) -> Self {
        Paging { page: 1, per_page: per_page.clamp(1, MAX_PER_PAGE) }
    }

    pub fn page(self) -> u32 {
        self.page
    }
    pub fn per_page(self) -> u32 {
        self.per_page
    }
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
    /// The page after this one, within the same bounds as [`Paging::new`].
    pub fn next(self) -> Option<Self> {
        Paging::new(self.page + 1, self.per_page).ok()
    }
    /// How many pages `total` items fill (at least one).
    pub fn page_count(self, total: u64) -> u32 {
        total.div_ceil(u64::from(self.per_page)).clamp(1, u64::from(u32::MAX)) as u32
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging { page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(Paging::new(0, 10), Err(PagingError::Page));
        assert_eq!(Paging::new(1, 0), Err(PagingError::PerPage));
        assert_eq!(Paging::new(1, 100_000), Err(PagingError::PerPage));
        let p = Paging::new(3, 20).unwrap();
        assert_eq!(p.offset(), 40);
        assert_eq!(p.page_count(41), 3);
        assert_eq!(p.page_count(0), 1);
    }
}
