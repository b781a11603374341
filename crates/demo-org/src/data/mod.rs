//! The seeded data set of the demo org: deterministic for a `(seed, now)` pair.
//!
//! ~1500 Accounts, ~2500 Contacts, ~1500 Leads, ~800 Opportunities, ~1000 Cases, ~300
//! ContentVersions (with superseded versions, `IsLatest = false`), ~120 Reports and ~40
//! Dashboards, plus fixed anchors that tests rely on (see [`anchors`]).
//!
//! `table` is what the endpoints read; `generate` makes it, from `crm` and `content` (one
//! generator per object), `org` (the users), `names` and `picklists` (what values are drawn
//! from) and `seed` (the random sequence and the record builder).

pub mod anchors;
mod content;
mod crm;
mod generate;
mod names;
mod org;
mod picklists;
mod seed;
mod table;

pub use generate::generate;
pub use org::{
    NOAPI_FIRST, NOAPI_LAST, NOAPI_NAME, NOAPI_USERNAME, ORG_NAME, RESTRICTED_FIRST, RESTRICTED_LAST, RESTRICTED_NAME,
    RESTRICTED_USERNAME, USERNAME, USER_FIRST, USER_LAST, USER_NAME,
};
pub use picklists::{
    Country, Lang, ACCOUNT_TYPES, CASE_STATUSES, COUNTRIES, INDUSTRIES, LEAD_STATUSES, RATINGS, STAGES,
};
pub use seed::{week_start, Rng};
pub use table::{OrgData, Record, Scope, Table, Value};
