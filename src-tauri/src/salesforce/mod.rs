//! The Salesforce REST client: SOSL building and escaping, typed search records, list
//! views, errors (errorCode → our enum) and the org's API usage.

pub mod client;
pub mod error;
pub mod limits;
pub mod listviews;
pub mod objects;
pub mod records;
pub mod sosl;
pub mod urls;

pub use client::{SalesforceClient, API_VERSION};
pub use error::SalesforceError;
pub use objects::SearchObject;
pub use records::SearchResult;
