//! OAuth 2.0 endpoints of the demo org (API-NOTES §1–2): authorize + approval page, token
//! (authorization_code with PKCE, refresh_token, Salesforce device flow), revoke, userinfo and
//! the identity URL, one file per job. Dependencies point one way: the endpoints lean on
//! `tokens` (mint, check, revoke), `state`, `client` (the connected app) and `crypto`; none of
//! them knows the REST API, which only asks `tokens::access_user`.

mod authorize;
mod client;
mod crypto;
mod device;
mod grants;
mod identity;
pub(crate) mod state;
pub(crate) mod tokens;

pub use client::{DEFAULT_SELECTED_SCOPES, DEMO_APP_NAME, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
pub use crypto::token_signature;

pub(crate) use authorize::{authorize, authorize_decision};
pub(crate) use device::{device_decide, device_page};
pub(crate) use grants::token;
pub(crate) use identity::{identity, userinfo};
pub(crate) use tokens::revoke;
