//! The real-window harness: `workstation` started by tauri-driver (which proxies to
//! WebKitWebDriver), each launch with its own demo org, data folder, home folder and driver,
//! and the page helpers the journeys click through it with. Shared by tests/ui.rs and
//! benches/window.rs; it lives in a folder of its own so that cargo does not build it as a
//! test crate.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type R<T = ()> = Result<T, Error>;

/// Starting WebKitWebDriver, the app and its first page.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
/// A whole journey, so that a hung WebDriver call fails the test instead of hanging CI.
const JOURNEY_TIMEOUT: Duration = Duration::from_secs(120);
/// One expected change on screen.
pub const WAIT: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(100);

/// The app is single-instance per desktop session: two windows at once would hand over to
/// each other. Journeys therefore run one after another, whatever `--test-threads` says.
static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

// ------------------------------------------------------------------------------ the page

#[derive(Clone)]
pub struct Ui {
    pub client: Client,
    /// The app's main window.
    pub main: WindowHandle,
    /// Where the `WORKSTATION_BROWSER` script writes each URL the app opens.
    pub opened_log: PathBuf,
    /// The environment the app runs with, for launching a second instance.
    pub app_env: Vec<(String, PathBuf)>,
}

#[derive(Debug, Clone)]
pub struct ViewSection {
    pub id: String,
    pub title: String,
    pub rows: u64,
}

pub fn ids(sections: &[ViewSection]) -> Vec<String> {
    sections.iter().map(|s| s.id.clone()).collect()
}

#[derive(Debug, Clone)]
pub struct EditorView {
    pub id: String,
    pub label: String,
    pub checked: bool,
    pub disabled: bool,
    pub locked: String,
}

#[derive(Debug)]
pub struct EditorState {
    pub views: Vec<EditorView>,
}

impl EditorState {
    pub fn enabled(&self) -> Vec<String> {
        self.views.iter().filter(|v| v.checked).map(|v| v.id.clone()).collect()
    }

    /// A list view to enable next to the current one: one with records in the demo org.
    pub fn pick_second(&self) -> R<String> {
        let free: Vec<&EditorView> = self.views.iter().filter(|v| !v.checked && !v.disabled).collect();
        ["All Open Leads", "Web Leads", "Working Leads"]
            .iter()
            .find_map(|want| free.iter().find(|v| v.label.trim() == *want))
            .or(free.first())
            .map(|v| v.id.clone())
            .ok_or_else(|| format!("no list view can be enabled: {:?}", self.views).into())
    }
}

impl Ui {
    /// The card as the core hands it to the window (`invoke('card')`).
    pub async fn card(&self) -> R<Value> {
        Ok(self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('card').then(done);",
                vec![],
            )
            .await?)
    }

    /// Clicks `css` in a window that closes itself in answer (the demo org's approval page).
    /// The click runs in the page just after this command has returned: a WebDriver click
    /// in flight while its window goes away could leave WebKitWebDriver waiting forever.
    pub async fn click_closing_window(&self, css: &str) -> R {
        self.wait_for(css).await?;
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); setTimeout(() => e.click(), 50); return true;",
                vec![json!(css)],
            )
            .await?;
        Ok(())
    }

    pub async fn js(&self, script: &str) -> R<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Picks `value` in a <select> the way a keyboard user does: focus, then arrow keys.
    /// (WebDriver's option click sets the value without the events a person's choice sends.)
    pub async fn choose(&self, css: &str, value: &str) -> R {
        let select = self.wait_for(css).await?;
        self.client
            .execute("arguments[0].focus();", vec![serde_json::to_value(&select)?])
            .await?;
        for _ in 0..6 {
            let now = self
                .client
                .execute("return arguments[0].value", vec![serde_json::to_value(&select)?])
                .await?;
            if now == json!(value) {
                return Ok(());
            }
            let options = self
                .client
                .execute(
                    "return [...arguments[0].options].map(o => o.value)",
                    vec![serde_json::to_value(&select)?],
                )
                .await?;
            let list: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let (at, want) = (
                list.iter().position(|v| Some(*v) == now.as_str()),
                list.iter().position(|v| *v == value),
            );
            let key = if want < at { Key::Up } else { Key::Down };
            self.active_keys(&key.to_string()).await?;
            tokio::time::sleep(POLL).await;
        }
        Err(format!("could not choose {value} in {css} with the keyboard").into())
    }

    /// Keys to whatever has the focus, as a keyboard would send them.
    pub async fn active_keys(&self, keys: &str) -> R {
        self.client.active_element().await?.send_keys(keys).await?;
        Ok(())
    }

    /// Runs axe-core on the page as it is; returns the serious and critical violations and
    /// saves the full report as test-artifacts/axe-<name>.json. axe is injected through
    /// WebDriver's script execution, which the page's CSP does not govern: the app's CSP
    /// stays as strict as in normal runs.
    pub async fn audit(&self, axe: &str, name: &str) -> R<Vec<String>> {
        let loaded = self
            .client
            .execute(&format!("{axe}\n;return typeof window.axe === 'object';"), vec![])
            .await?;
        if loaded != json!(true) {
            return Err(format!("axe-core did not load in the page: {loaded}").into());
        }
        let report = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done({ violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.map(n => ({ target: n.target, impact: n.impact, summary: n.failureSummary })) })) }))
                      .catch(e => done({ error: String(e) }));"#,
                vec![],
            )
            .await?;
        if let Some(e) = report.get("error") {
            return Err(format!("axe.run failed on {name}: {e}").into());
        }
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join(format!("axe-{name}.json")),
            serde_json::to_string_pretty(&report)?,
        )?;
        let mut problems = Vec::new();
        for v in report["violations"].as_array().cloned().unwrap_or_default() {
            let impact = v["impact"].as_str().unwrap_or("");
            let targets: Vec<String> = v["nodes"]
                .as_array()
                .map(|n| n.iter().map(|n| n["target"].to_string()).collect())
                .unwrap_or_default();
            let line = format!(
                "{name}: [{impact}] {} — {} — {}",
                v["id"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                targets.join(", ")
            );
            note(&format!("axe {line}"));
            if impact == "serious" || impact == "critical" {
                problems.push(line);
            }
        }
        Ok(problems)
    }

    /// Polls a script until it returns something truthy, and returns that.
    pub async fn wait_js(&self, what: &str, script: &str) -> R<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let last = match self.client.execute(script, vec![]).await {
                Ok(v) if truthy(&v) => return Ok(v),
                Ok(v) => v,
                Err(e) => json!(format!("script error: {e}")),
            };
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for {what}; last answer: {last}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Polls until the element with id `id` has the keyboard focus.
    pub async fn wait_focus(&self, what: &str, id: &str) -> R {
        let script = format!("return document.activeElement && document.activeElement.id === '{id}'");
        self.wait_js(what, &script).await?;
        Ok(())
    }

    /// Polls until an element matching `css` is displayed.
    pub async fn wait_for(&self, css: &str) -> R<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                if e.is_displayed().await.unwrap_or(false) {
                    return Ok(e);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for {css} to be displayed").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn click(&self, css: &str) -> R {
        self.wait_for(css).await?.click().await?;
        Ok(())
    }

    /// Clicks the displayed element matching `css` whose text is `text`.
    pub async fn click_text(&self, css: &str, text: &str) -> R {
        let deadline = Instant::now() + WAIT;
        loop {
            for e in self.client.find_all(Locator::Css(css)).await.unwrap_or_default() {
                if e.text().await.map(|t| t.trim() == text).unwrap_or(false) && e.is_displayed().await.unwrap_or(false)
                {
                    e.click().await?;
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for {css} with the text {text:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn screenshot(&self, name: &str) -> R {
        // WebKit hands out the last painted frame: let it paint what is on the page now.
        let painted = self.client.execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        );
        tokio::time::timeout(Duration::from_secs(2), painted)
            .await
            .map_err(|_| "no frame painted within 2 s")??;
        let png = self.client.screenshot().await?;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("ui-{name}.png")), png)?;
        Ok(())
    }

    /// The index of the one selected search result, if exactly one is.
    pub async fn selected_result(&self) -> R<Option<u64>> {
        let v = self
            .js("return [...document.querySelectorAll('#search-results li.result')].filter(li => li.getAttribute('aria-selected') === 'true').map(li => li.id)")
            .await?;
        let ids: Vec<&str> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        Ok(match ids.as_slice() {
            [one] => one.strip_prefix("result-").and_then(|n| n.parse().ok()),
            _ => None,
        })
    }

    pub fn opened_urls(&self) -> R<Vec<String>> {
        match std::fs::read_to_string(&self.opened_log) {
            Ok(text) => Ok(text.lines().map(str::to_string).collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// Waits until the app has opened `n` URLs through `WORKSTATION_BROWSER`.
    pub async fn wait_opened(&self, n: usize) -> R<Vec<String>> {
        let deadline = Instant::now() + WAIT;
        loop {
            let urls = self.opened_urls()?;
            if urls.len() >= n {
                return Ok(urls);
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for {n} URL(s) to be opened; opened: {urls:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn wait_card(&self, state: &str) -> R {
        self.wait_js(
            &format!("the Salesforce card to be {state}"),
            &format!("const c = document.getElementById('salesforce-card'); return c.dataset.state === '{state}' && c.offsetParent !== null;"),
        )
        .await?;
        Ok(())
    }

    /// Waits until the widget shows `object` (any type if None) with every enabled list
    /// view's records loaded; returns the type shown.
    pub async fn wait_views_loaded(&self, object: Option<&str>) -> R<String> {
        let want = object.map(|o| format!("'{o}'")).unwrap_or_else(|| "null".into());
        let label = self
            .wait_js(
                &format!("My CRM Views to show {} with records", object.unwrap_or("a type")),
                &format!(
                    r#"const want = {want};
                       const label = document.getElementById('views-type-label').textContent.trim();
                       const content = document.getElementById('views-content');
                       const s = [...content.querySelectorAll('section.view-section')];
                       const ready = label !== '—' && (want === null || label === want) && !content.hidden
                         && s.length > 0 && s.every(x => x.querySelectorAll('tbody tr').length > 0);
                       return ready ? label : null;"#
                ),
            )
            .await?;
        Ok(label.as_str().unwrap_or_default().to_string())
    }

    pub async fn view_sections(&self) -> R<Vec<ViewSection>> {
        let v = self
            .js(
                r#"return [...document.querySelectorAll('#views-content section.view-section')].map(s => ({
                      id: s.dataset.view, title: (s.querySelector('h3') || {}).textContent || '',
                      rows: s.querySelectorAll('tbody tr').length }));"#,
            )
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|s| ViewSection {
                        id: s["id"].as_str().unwrap_or_default().into(),
                        title: s["title"].as_str().unwrap_or_default().into(),
                        rows: s["rows"].as_u64().unwrap_or(0),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Dropdown → Edit → find “Lead” → pencil: the Lead list views with their toggles.
    pub async fn open_lead_editor(&self) -> R<EditorState> {
        self.click("#views-type-button").await?;
        self.click("#views-edit").await?;
        let filter = self.wait_for("#views-type-filter").await?;
        filter.send_keys("Lead").await?;
        self.wait_js(
            "the type filter to leave only Lead",
            "const li = [...document.querySelectorAll('#views-type-list li')]; return li.length === 1 && li[0].dataset.object === 'Lead';",
        )
        .await?;
        self.click("#views-type-list li[data-object=Lead] button.pencil")
            .await?;
        self.wait_for("#views-list li[data-view]").await?;
        self.wait_for("#views-save").await?;
        self.lead_editor_state().await
    }

    pub async fn lead_editor_state(&self) -> R<EditorState> {
        let v = self
            .js(
                r#"return [...document.querySelectorAll('#views-list li[data-view]')].map(li => {
                      const input = li.querySelector('input[type=checkbox]');
                      const label = li.querySelector('label');
                      const locked = li.querySelector('.locked');
                      return { id: li.dataset.view, checked: input.checked, disabled: input.disabled,
                               locked: locked ? locked.textContent : '',
                               label: label ? label.firstChild.textContent : '' };
                   });"#,
            )
            .await?;
        let views = v
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| EditorView {
                        id: x["id"].as_str().unwrap_or_default().into(),
                        label: x["label"].as_str().unwrap_or_default().into(),
                        checked: x["checked"].as_bool().unwrap_or(false),
                        disabled: x["disabled"].as_bool().unwrap_or(false),
                        locked: x["locked"].as_str().unwrap_or_default().into(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(EditorState { views })
    }

    /// Clicks a list view's toggle in the editor and waits for the redrawn editor.
    pub async fn toggle(&self, id: &str, expect_checked: bool) -> R {
        self.click(&format!("#toggle-{id}")).await?;
        self.wait_js(
            &format!(
                "list view {id} to be {}",
                if expect_checked { "enabled" } else { "disabled" }
            ),
            &format!("const t = document.getElementById('toggle-{id}'); return !!t && t.checked === {expect_checked};"),
        )
        .await?;
        Ok(())
    }

    /// Waits for a window other than the main one and returns it.
    pub async fn wait_other_window(&self) -> R<WindowHandle> {
        let deadline = Instant::now() + WAIT;
        loop {
            let windows = self.client.windows().await?;
            if let Some(w) = windows.into_iter().find(|w| *w != self.main) {
                return Ok(w);
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for the Salesforce login window").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn wait_window_count(&self, n: usize) -> R<Vec<WindowHandle>> {
        let deadline = Instant::now() + WAIT;
        loop {
            let windows = self.client.windows().await?;
            if windows.len() == n {
                return Ok(windows);
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for {n} window(s); there are {}", windows.len()).into());
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts")
}

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
    let _one = ONE_APP_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !display_available(name) {
        return;
    }
    let started = Instant::now();
    let mut sandbox = Sandbox::new().expect("temporary folders");
    sandbox.lang = lang.to_string();
    if let Some(text) = policy {
        let path = sandbox.path("policy.json");
        std::fs::write(&path, text).expect("policy file");
        sandbox.policy = Some(path);
    }
    let demo = sandbox.policy.is_none();
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
fn note(line: &str) {
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

/// The folders and files one app launch owns.
struct Sandbox {
    root: tempfile::TempDir,
    opened_log: PathBuf,
    browser: PathBuf,
    driver_log: PathBuf,
    /// Marks every process of this launch (driver, WebKitWebDriver, app, web processes).
    marker: String,
    /// The app's `LANG` (`LC_ALL` and `LC_MESSAGES` are unset).
    lang: String,
    /// The administrator's policy for a launch without `--demo`.
    policy: Option<PathBuf>,
}

impl Sandbox {
    fn new() -> R<Sandbox> {
        let root = tempfile::Builder::new().prefix("workstation-ui-").tempdir()?;
        for d in ["data", "home", "home/.local/share", "home/.config", "home/.cache"] {
            std::fs::create_dir_all(root.path().join(d))?;
        }
        let opened_log = root.path().join("opened.txt");
        let browser = root.path().join("browser.sh");
        let mut script = std::fs::File::create(&browser)?;
        writeln!(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'", opened_log.display())?;
        drop(script);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755))?;
        let driver_log = root.path().join("driver.log");
        let marker = format!(
            "{}-{}",
            std::process::id(),
            root.path().file_name().unwrap_or_default().to_string_lossy()
        );
        Ok(Sandbox {
            root,
            opened_log,
            browser,
            driver_log,
            marker,
            lang: "C.UTF-8".into(),
            policy: None,
        })
    }

    fn path(&self, p: &str) -> PathBuf {
        self.root.path().join(p)
    }

    /// What the app sees of its environment (beyond the inherited display and bus).
    fn app_env(&self) -> Vec<(String, PathBuf)> {
        vec![
            ("WORKSTATION_DATA_DIR".into(), self.path("data")),
            ("WORKSTATION_BROWSER".into(), self.browser.clone()),
            ("HOME".into(), self.path("home")),
            ("XDG_DATA_HOME".into(), self.path("home/.local/share")),
            ("XDG_CONFIG_HOME".into(), self.path("home/.config")),
            ("XDG_CACHE_HOME".into(), self.path("home/.cache")),
            ("LANG".into(), PathBuf::from(&self.lang)),
        ]
        .into_iter()
        .chain(
            self.policy
                .iter()
                .map(|p| ("WORKSTATION_POLICY".to_string(), p.clone())),
        )
        .collect()
    }

    fn driver_log_tail(&self) -> String {
        tail(&std::fs::read_to_string(&self.driver_log).unwrap_or_default(), 300)
    }

    fn app_log_tail(&self) -> String {
        let mut out = String::new();
        if let Ok(entries) = std::fs::read_dir(self.path("data/logs")) {
            for e in entries.flatten() {
                out.push_str(&format!("[{}]\n", e.path().display()));
                out.push_str(&tail(&std::fs::read_to_string(e.path()).unwrap_or_default(), 40));
            }
        }
        out
    }
}

fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// tauri-driver on free ports, with the app's environment (inherited by WebKitWebDriver
/// and from there by the app).
struct Driver {
    child: Option<Child>,
    port: u16,
    marker: String,
}

const MARKER_VAR: &str = "WORKSTATION_UI_TEST_RUN";

impl Driver {
    fn start(sandbox: &Sandbox) -> R<Driver> {
        let exe = tauri_driver()?;
        if which("WebKitWebDriver").is_none() {
            return Err("WebKitWebDriver is not on the PATH (Debian: apt-get install webkit2gtk-driver)".into());
        }
        let (port, native_port) = (free_port()?, free_port()?);
        let log = std::fs::File::create(&sandbox.driver_log)?;
        let child = Command::new(&exe)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env(MARKER_VAR, &sandbox.marker)
            .env_remove("WORKSTATION_POLICY")
            .envs(sandbox.app_env())
            .env_remove("SF_INSTANCE_URL")
            .env_remove("SF_ACCESS_TOKEN")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("{} did not start: {e}", exe.display()))?;
        let mut driver = Driver {
            child: Some(child),
            port,
            marker: sandbox.marker.clone(),
        };
        // Both tauri-driver and the WebKitWebDriver behind it must listen.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !(listening(port) && listening(native_port)) {
            if let Some(status) = driver.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                driver.child = None;
                return Err(format!("tauri-driver exited at once ({status}):\n{}", sandbox.driver_log_tail()).into());
            }
            if Instant::now() > deadline {
                driver.stop();
                return Err(format!(
                    "tauri-driver did not listen on {port}/{native_port} within 20 s:\n{}",
                    sandbox.driver_log_tail()
                )
                .into());
            }
            std::thread::sleep(POLL);
        }
        Ok(driver)
    }

    /// SIGTERM (tauri-driver then stops WebKitWebDriver; SIGKILL would orphan it), then
    /// makes sure nothing of this launch is left running before the next app starts.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(child.id());
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(POLL);
            }
            if child.try_wait().ok().flatten().is_none() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        // The app and WebKitWebDriver's helpers carry the marker in their environment: give
        // them a moment to exit on their own, then end them one by one.
        if !wait_gone(&self.marker, Duration::from_secs(5)) {
            let left = marked_processes(&self.marker);
            note(&format!(
                "still running 5 s after the session ended, now sent SIGTERM: {}",
                describe(&left)
            ));
            for pid in left {
                terminate(pid);
            }
            if !wait_gone(&self.marker, Duration::from_secs(5)) {
                let left = marked_processes(&self.marker);
                note(&format!("ignored SIGTERM, now killed: {}", describe(&left)));
                for pid in left {
                    let _ = Command::new("kill")
                        .arg("-KILL")
                        .arg(pid.to_string())
                        .stderr(Stdio::null())
                        .status();
                }
            }
        }
    }
}

fn wait_gone(marker: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if marked_processes(marker).is_empty() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// "pid (command)" for each process, for the log.
fn describe(pids: &[u32]) -> String {
    pids.iter()
        .map(|pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            format!("{pid} ({})", comm.trim())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn terminate(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
}

/// Live processes whose environment holds this launch's marker.
fn marked_processes(marker: &str) -> Vec<u32> {
    let needle = format!("{MARKER_VAR}={marker}");
    let mut pids = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return pids;
    };
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(environ) = std::fs::read(e.path().join("environ")) else {
            continue;
        };
        let zombie = std::fs::read_to_string(e.path().join("stat"))
            .map(|s| {
                s.rsplit_once(')')
                    .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
            })
            .unwrap_or(false);
        if !zombie && environ.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()) {
            pids.push(pid);
        }
    }
    pids
}

fn tauri_driver() -> R<PathBuf> {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = which("tauri-driver") {
        return Ok(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(p) = cargo_home.map(|c| c.join("bin/tauri-driver")).filter(|p| p.is_file()) {
        return Ok(p);
    }
    Err("tauri-driver not found (install it with `cargo install tauri-driver --locked`, or set TAURI_DRIVER)".into())
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()))
}

fn free_port() -> R<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn listening(port: u16) -> bool {
    std::net::TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_ok()
}
