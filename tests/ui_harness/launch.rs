//! The journeys: each one launches `workstation` (with `--demo`, or with an administrator's
//! policy) through its own driver, one app at a time, runs the user's steps against the
//! window with a time limit, and on failure keeps a screenshot and the logs.

use super::driver::{Driver, Sandbox};
use super::page::artifacts_dir;
use super::{Ui, R};
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::future::Future;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Starting WebKitWebDriver, the app and its first page.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
/// A whole journey, so that a hung WebDriver call fails the test instead of hanging CI.
const JOURNEY_TIMEOUT: Duration = Duration::from_secs(120);

/// The app is single-instance per desktop session: two windows at once would hand over to
/// each other. Journeys therefore run one after another, whatever `--test-threads` says.
static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

// ------------------------------------------------------------------------------ harness

/// Runs one journey against a fresh `workstation --demo`: its own folders, driver and
/// session; a screenshot and the driver's log if it fails.
pub fn journey<F, Fut>(name: &str, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    // English whatever the machine's locale, unless a journey says otherwise.
    journey_in(name, "C.UTF-8", f)
}

/// A journey with the app's locale (`LANG`) set to `lang`.
pub fn journey_in<F, Fut>(name: &str, lang: &str, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    journey_with(name, lang, None, f)
}

/// A journey with the administrator's policy file `policy` (JSON text) instead of the
/// demo org: the app starts without `--demo`.
pub fn journey_with<F, Fut>(name: &str, lang: &str, policy: Option<&str>, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    launch(name, lang, policy, JOURNEY_TIMEOUT, f)
}

/// A journey with the administrator's policy file `policy` (JSON text) and more of the app's
/// environment, `env` (such as `SSL_CERT_FILE`, the authorities it trusts on Linux).
pub fn journey_with_env<F, Fut>(name: &str, policy: &str, env: &[(&str, &std::path::Path)], f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    run(
        name,
        JOURNEY_TIMEOUT,
        |sandbox| {
            sandbox.write_policy(policy);
            sandbox.extra_env = env.iter().map(|(k, v)| (k.to_string(), v.to_path_buf())).collect();
        },
        f,
    )
}

/// A journey against `workstation --demo` signed in as the demo org's restricted user (no Case,
/// no Opportunity, `Account.Type` and `Lead.Company` hidden).
pub fn journey_as_restricted<F, Fut>(name: &str, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    launch_as(name, "C.UTF-8", None, Some("restricted"), JOURNEY_TIMEOUT, f)
}

/// A journey without `--demo` and without OAuth: the window uses the session `token` at
/// `instance_url` (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`, as a script would), in a data folder
/// that `prepare` fills first (to start from what an earlier run left).
pub fn journey_with_session<P, F, Fut>(name: &str, instance_url: &str, token: &str, prepare: P, f: F)
where
    P: FnOnce(&std::path::Path),
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    run(
        name,
        JOURNEY_TIMEOUT,
        |sandbox| {
            sandbox.session = Some((instance_url.to_string(), token.to_string()));
            prepare(&sandbox.path("data"));
        },
        f,
    )
}

/// A run against `workstation --demo` (English) that may take up to `within`: benchmarks
/// repeat their measurement more often than a test journey has time for.
pub fn journey_within<F, Fut>(name: &str, within: Duration, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    launch(name, "C.UTF-8", None, within, f)
}

fn launch<F, Fut>(name: &str, lang: &str, policy: Option<&str>, within: Duration, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    launch_as(name, lang, policy, None, within, f)
}

fn launch_as<F, Fut>(name: &str, lang: &str, policy: Option<&str>, demo_user: Option<&str>, within: Duration, f: F)
where
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    run(
        name,
        within,
        |sandbox| {
            sandbox.lang = lang.to_string();
            sandbox.demo_user = demo_user.map(String::from);
            if let Some(text) = policy {
                sandbox.write_policy(text);
            }
        },
        f,
    )
}

/// Launches the app, one at a time, in a sandbox that `setup` prepares, and runs `f`.
fn run<S, F, Fut>(name: &str, within: Duration, setup: S, f: F)
where
    S: FnOnce(&mut Sandbox),
    F: FnOnce(Ui) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
{
    let _one = ONE_APP_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !display_available(name) {
        return;
    }
    let mut sandbox = Sandbox::new().expect("temporary folders");
    setup(&mut sandbox);
    let started = Instant::now();
    let demo = sandbox.policy.is_none() && sandbox.session.is_none();
    let mut driver = match Driver::start(&sandbox) {
        Ok(d) => d,
        Err(e) => panic!("{name}: {e}"),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome: R = runtime.block_on(async {
        let client = tokio::time::timeout(SESSION_TIMEOUT, session(driver.port, demo))
            .await
            .map_err(|_| format!("no WebDriver session within {SESSION_TIMEOUT:?}"))??;
        let outcome = async {
            let main = client.window().await?;
            // The page is ready once app.js asked the core for the card.
            let ui = Ui { client: client.clone(), main, opened_log: sandbox.opened_log.clone(), app_env: sandbox.app_env() };
            ui.wait_js("the app's page to load", "return document.readyState === 'complete' && !!document.getElementById('salesforce-card').dataset.state")
                .await?;
            // A task of its own, so that a failed assert! still gets its screenshot.
            let task = tokio::spawn(f(ui));
            let abort = task.abort_handle();
            match tokio::time::timeout(within, task).await {
                Ok(Ok(r)) => r,
                Ok(Err(e)) => match e.try_into_panic() {
                    Ok(panic) => Err(panic_message(&*panic).into()),
                    Err(e) => Err(e.into()),
                },
                Err(_) => {
                    abort.abort();
                    Err(format!("the journey did not finish within {within:?}").into())
                }
            }
        }
        .await;
        if outcome.is_err() {
            let _ = tokio::time::timeout(Duration::from_secs(10), async {
                let _ = client.switch_to_window(client.window().await?).await;
                let png = client.screenshot().await?;
                let _ = std::fs::create_dir_all(artifacts_dir());
                let _ = std::fs::write(artifacts_dir().join(format!("ui-{name}-failure.png")), png);
                Ok::<_, fantoccini::error::CmdError>(())
            })
            .await;
        }
        // Ending the session closes the app.
        let _ = tokio::time::timeout(Duration::from_secs(15), client.close()).await;
        outcome
    });
    drop(runtime);
    let journey_done = started.elapsed();
    driver.stop();
    note(&format!(
        "{name}: {:.1} s ({:.1} s to shut down)",
        started.elapsed().as_secs_f64(),
        (started.elapsed() - journey_done).as_secs_f64()
    ));
    if let Err(e) = outcome {
        panic!(
            "{name}: {e}\n(screenshot: test-artifacts/ui-{name}-failure.png)\n--- driver and app output ---\n{}\n--- app logs ---\n{}",
            sandbox.driver_log_tail(),
            sandbox.app_log_tail()
        );
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the journey panicked".into())
}

/// A line on the real stderr, shown even when the test harness captures output.
pub(super) fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn display_available(name: &str) -> bool {
    if std::env::var("WORKSTATION_SKIP_UI_TESTS").is_ok_and(|v| v == "1") {
        note(&format!("{name}: skipped (WORKSTATION_SKIP_UI_TESTS=1)"));
        return false;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|d| !d.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        panic!(
            "{name}: no DISPLAY. The real-window tests need a display: run them as \
             `xvfb-run -a -s \"-screen 0 1280x800x24\" dbus-run-session -- cargo test --test ui`, \
             or set WORKSTATION_SKIP_UI_TESTS=1 to skip them."
        );
    }
    true
}

async fn session(port: u16, demo: bool) -> R<Client> {
    let args: Vec<&str> = if demo { vec!["--demo"] } else { vec![] };
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_workstation"), "args": args }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| format!("the WebDriver session did not start: {e}"))?;
    Ok(client)
}
