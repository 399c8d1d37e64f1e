//! Rapporteur's store: one repository trait, SQLite (embedded default) and PostgreSQL behind it.
//!
//! The backend is chosen once, from the database URL, as atuin does. Both run the same SQL through
//! sqlx's `Any` driver; only migrations (identity columns) and connection set-up differ, in [`Backend`].

mod accounts;
mod changes;
mod commitments;
mod content;
mod content_editing;
mod credentials;
mod error;
mod estimation;
mod limits;
mod linkage;
mod meetings;
mod member_state_pages;
mod platform;
mod queries;
mod repository;
mod revisions;
mod rows;
mod seed;
mod sessions;
mod sql;
mod statistics;
pub mod testing;

pub use accounts::{Account, AccountRepository, Actor, AuditEntry, AuditFilter};
pub use changes::{Change, ChangeBatch, ChangeCursor, ChangeLog};
pub use commitments::{CommitmentRepository, CommitmentState, Progress};
pub use content_editing::{ContentEditing, EditableItem, ItemRevision};
pub use credentials::{random_secret as new_secret, TOKEN_PREFIX};
pub use error::StoreError;
pub use estimation::{
    EstimateId, EstimatePublication, EstimateRecord, EstimateSource, EstimationRepository, NewEstimate,
};
pub use limits::{Hits, RateLimits};
pub use linkage::{
    LinkageRepository, LinkageRun, NewUpload, RunId, RunStatus, UploadId, UploadSummary,
    CHUNK_KEYS as LINKAGE_CHUNK_KEYS,
};
pub use meetings::{Attendance, Meeting, MeetingDocument, MeetingRepository};
pub use member_state_pages::{MemberStateOverview, MemberStatePage, MemberStatePages};
pub use platform::{Application, ApplicationFilter, ApplicationStatus, NewApplication, PlatformRepository};
pub use queries::{Page, ProjectFacets, ProjectFilter, ProjectSort};
pub use repository::ContentRepository;
pub use seed::{synthetic_project, SeedReport};
pub use sessions::{NewSession, Session, SessionRepository};
pub use sql::{Backend, SqlStore, StoreLocation};
pub use statistics::{
    DraftPart, Publication, Published, PublishedQuery, Saved, StatisticsRepository, Submission, SubmissionEvent,
};

/// Everything the server needs of a store, as one object.
pub trait Store:
    ContentRepository
    + AccountRepository
    + SessionRepository
    + ContentEditing
    + PlatformRepository
    + MemberStatePages
    + CommitmentRepository
    + MeetingRepository
    + ChangeLog
    + RateLimits
    + StatisticsRepository
    + LinkageRepository
    + EstimationRepository
{
}

impl<T> Store for T where
    T: ContentRepository
        + AccountRepository
        + SessionRepository
        + ContentEditing
        + PlatformRepository
        + MemberStatePages
        + CommitmentRepository
        + MeetingRepository
        + ChangeLog
        + RateLimits
        + StatisticsRepository
        + LinkageRepository
        + EstimationRepository
{
}
