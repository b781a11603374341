//! Connecting a Salesforce login: OAuth web server flow with PKCE (deep link or
//! loopback callback), device flow, the credential store, and the live session.

pub mod callback;
pub mod card;
pub mod loopback;
pub mod oauth;
pub mod session;
pub mod store;
