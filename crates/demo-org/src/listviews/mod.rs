//! List views of the demo org (API-NOTES §4): Lead, Account, Contact, Opportunity and Case.
//! Each view filters the seeded records for real. Account has 95 views (the app offers at most
//! 80), the other types 8–9.
//!
//! `catalog` holds the views and runs their filters (`conditions`); `columns` and `render`
//! write the REST resources, for the user asking (private views, visible columns);
//! `ui_records` the UI API's list records, sorted on request. The REST routing that serves
//! them is in `rest`; SOQL on `ListView` is `soql`'s.

mod catalog;
mod columns;
mod conditions;
mod render;
mod ui_records;

pub(crate) use catalog::{Catalog, ListView, LISTVIEW_OBJECTS};
pub(crate) use render::{describe_json, entry_json, listviews_json, recent_json, results_json};
pub(crate) use ui_records::{list_records_json, no_access, Params as ListRecordsParams, MAX_OFFSET};
