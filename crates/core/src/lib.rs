//! Workstation's core: everything the app knows about Salesforce and the person's choices,
//! in plain Rust. It names no Tauri or clap type and writes no sentence for a person: it
//! returns typed values, errors and notices, and the product's `api` turns them into the
//! window's and the command line's words.

pub mod auth;
pub mod handoff;
pub mod http;
pub mod policy;
pub mod rest;
pub mod salesforce;
pub mod search;
pub mod secret;
pub mod session;
pub mod session_key;
pub mod store;
pub mod timeouts;
pub mod views;
#[cfg(windows)]
mod windows_account;
