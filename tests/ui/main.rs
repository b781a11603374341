//! The real window, driven like a user would: `workstation --demo` started by tauri-driver
//! (which proxies to WebKitWebDriver) and clicked through with fantoccini. One journey per
//! test, each against its own app, demo org, data folder and home folder. Screenshots land in
//! `test-artifacts/ui-<name>.png`.
//!
//! Needs an X display (CI: `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- cargo
//! test --test ui`), `tauri-driver` (`cargo install tauri-driver --locked`) and `WebKitWebDriver`
//! (Debian: webkit2gtk-driver). Without a display the tests fail, unless
//! `WORKSTATION_SKIP_UI_TESTS=1` says to skip them.

// The launcher and the page helpers; some of them only the benchmarks use.
#[allow(dead_code)]
#[path = "../ui_harness/mod.rs"]
mod ui_harness;

// The demo org in the test's own process, for journeys that start from a prepared data folder.
#[path = "../common/mod.rs"]
mod common;

mod a11y;
mod connection;
mod home;
mod local_traces;
mod palette;
mod restricted;
mod screenshots;
mod search_more;
mod session;
mod settings;
mod tls;
mod views;
mod views_layout;
mod views_sort;
mod views_stale;
