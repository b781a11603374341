//! Workstation: a Salesforce org on the desktop. The core (policy, auth, salesforce,
//! search, views, demo_org) is plain Rust and never names a Tauri type; `api` is the one
//! surface the window (`desktop`), the command line (`cli`) and the tests call.

pub mod api;
pub mod auth;
pub mod cli;
pub mod desktop;
pub mod i18n;
pub mod local_store;
pub mod logging;
pub mod opener;
pub mod policy;
pub mod salesforce;
pub mod search;
pub mod secret;
pub mod views;

pub mod demo_org;
