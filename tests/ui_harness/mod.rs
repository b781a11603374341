//! The real-window harness: `workstation` started by tauri-driver (which proxies to
//! WebKitWebDriver), each launch with its own demo org, data folder, home folder and driver,
//! and the page helpers the journeys click through it with. Shared by tests/ui/ and
//! benches/window.rs; it lives in a folder of its own so that cargo does not build it as a
//! test crate.
//!
//! `launch` runs the journeys, `driver` owns each launch's folders and processes, `page` has
//! `Ui` and its generic helpers, `widgets` reads the search results and My CRM Views.

mod driver;
mod launch;
mod page;
mod widgets;

// The harness's API at its old paths; the tests and the benchmark each use only some of it.
#[allow(unused_imports)]
pub use launch::{
    journey, journey_as_restricted, journey_in, journey_with, journey_with_env, journey_with_session, journey_within,
};
pub use page::Ui;
#[allow(unused_imports)]
pub use widgets::{ids, EditorState, EditorView, ViewSection};

use std::time::Duration;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type R<T = ()> = Result<T, Error>;

/// One expected change on screen.
pub const WAIT: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(100);
