//! Workstation: a Salesforce org on the desktop. The logic is the `workstation-core` crate
//! (policy, auth, salesforce, search, views: plain Rust that never names a Tauri type or
//! writes a sentence); the stand-in Salesforce is `workstation-demo-org`. This crate is the
//! product: `api`, the one surface the window (`desktop`), the command line (`cli`) and the
//! tests call, and the one place that speaks English or French.

pub mod api;
pub mod cli;
pub mod desktop;

pub mod logging;
pub mod opener;

// The core's modules under the paths the product, its tests, benches and fuzz targets use.
pub use workstation_core::{auth, handoff, http, policy, salesforce, secret, session, store, views};
pub use workstation_demo_org as demo_org;

pub mod search {
    //! The core's search, and the typing pipeline's events as the front ends get them.
    pub use workstation_core::search::*;
    pub mod pipeline {
        pub use crate::api::search::{SearchEvent, Sink};
        pub use workstation_core::search::pipeline::{merge, DEFAULT_DEBOUNCE};
    }
}
