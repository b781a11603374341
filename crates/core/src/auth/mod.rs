//! Connecting a Salesforce login: where a session comes from (`setup`), the card's states
//! (`card`), the connection behind the card (`connection`) and the flows that move it
//! (`connect`: the OAuth web server flow with PKCE through a deep link or the loopback
//! listener, and the device flow), the credential store, and the live session with its
//! single-flight refresh.

pub mod binding;
pub mod callback;
pub mod card;
pub mod connect;
pub mod connection;
pub mod loopback;
pub mod oauth;
mod parts;
pub mod peer;
pub mod refusal;
pub mod session;
pub mod setup;
pub mod store;
pub mod user;
