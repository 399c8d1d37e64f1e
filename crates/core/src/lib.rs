//! Rapporteur's domain: code lists, parsed values and the portal's content types. No I/O.

pub mod accounts;
pub mod bundle;
pub mod calls;
pub mod commitments;
pub mod content;
pub mod country;
pub mod dates;
pub mod editing;
pub mod limits;
pub mod links;
pub mod meetings;
pub mod money;
pub mod paging;
pub mod partners;
pub mod platform;
pub mod problems;
pub mod reference;
pub mod slug;

pub use calls::{
    ApplicationRefusal, CallKind, CallStatus, Clock, Deadline, DeadlinePrecision, FixedClock, ManualClock, SystemClock,
};
pub use content::{
    Agency, Body, Bundle, Call, Commitment, CommitmentStatus, Institution, Instrument, InstrumentKind, Lead, LeadRole,
    NewsItem, Person, Project, ProjectStatus,
};
pub use country::{Country, MemberState};
pub use dates::{next_brussels_midnight, today_in_brussels, PartialDate};
pub use links::Celex;
pub use money::Eur;
pub use paging::Paging;
pub use partners::Partner;
pub use problems::{Checker, FieldProblem};
pub use reference::{Programme, ProjectReference};
pub use slug::Slug;
