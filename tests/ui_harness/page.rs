//! The page: `Ui`, the window under test, and the helpers that look at it and act on it the
//! way a user would (waiting for what is shown, clicking, typing, choosing, screenshots, the
//! axe audit, the windows and URLs the app opens).

use super::launch::note;
use super::{POLL, R, WAIT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

    /// Approves the sign-in the card is waiting for at once, as the demo org's default user,
    /// the way a browser would — one that trusts the authority in the PEM file `trusting`, if
    /// given (a demo org over `--tls`) — and returns where the demo org sends the answer: a
    /// `workstation://` deep link or the loopback redirect, not followed.
    pub async fn approve_sign_in(&self, trusting: Option<&Path>) -> R<String> {
        Ok(self.approve(trusting).await?.0)
    }

    /// [`Ui::approve_sign_in`], and the cookie the browser was given on the way (`name=value`):
    /// the loopback listener's one-time start address sets one, which its redirect needs.
    async fn approve(&self, trusting: Option<&Path>) -> R<(String, Option<String>)> {
        let card = self.card().await?;
        let mut authorize = card["via"]["authorize_url"]
            .as_str()
            .ok_or("no URL on the card")?
            .to_string();
        let mut browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        if let Some(ca) = trusting {
            browser = browser.add_root_certificate(reqwest::Certificate::from_pem(&std::fs::read(ca)?)?);
        }
        let browser = browser.build()?;
        let mut cookie = None;
        if authorize.starts_with("http://localhost:") && authorize.contains("/start/") {
            // The loopback listener's start address: its cookie, and on to Salesforce.
            let start = browser.get(&authorize).send().await?;
            let header = |name: &str| -> R<String> {
                Ok(start
                    .headers()
                    .get(name)
                    .ok_or("no redirect from the start address")?
                    .to_str()?
                    .to_string())
            };
            cookie = header("set-cookie")?.split(';').next().map(str::to_string);
            authorize = header("location")?;
        }
        let answer = browser.get(format!("{authorize}&auto_approve=true")).send().await?;
        let redirect = answer
            .headers()
            .get("location")
            .ok_or("no redirect")?
            .to_str()?
            .to_string();
        Ok((redirect, cookie))
    }

    /// Settings → Connect, and the sign-in approved as the person's browser would — one that
    /// trusts the authority in `trusting`, if given (behind a company's proxy, browsers do) —
    /// with the answer handed back to the app the way it asked for it: a `workstation://` deep
    /// link handed over by a second launch, or the loopback redirect with the start address's
    /// cookie.
    pub async fn sign_in_through_the_card(&self, trusting: Option<&Path>) -> R {
        self.click("#open-settings").await?;
        self.wait_card("not_connected").await?;
        self.click("#card-connect").await?;
        self.wait_card("connecting").await?;
        let (redirect, cookie) = self.approve(trusting).await?;
        if redirect.starts_with("workstation://") {
            let data = self.data_dir().ok_or("no data folder")?;
            let status = self.hand_over(&redirect, &data).await?;
            assert!(status.success(), "the deep link was handed over: {status}");
        } else {
            // The loopback listener: plain HTTP on this computer.
            let mut request = reqwest::Client::new().get(&redirect);
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send().await?.error_for_status()?;
        }
        Ok(())
    }

    /// The app's data folder (`WORKSTATION_DATA_DIR`).
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.app_env
            .iter()
            .find(|(k, _)| k == "WORKSTATION_DATA_DIR")
            .map(|(_, v)| v.clone())
    }

    /// A second launch of the app with `link`, as the OS starts one for a deep link, with the
    /// app's environment but the data folder `data`; how it exited.
    pub async fn hand_over(&self, link: &str, data: &Path) -> R<std::process::ExitStatus> {
        let (env, link, data) = (self.app_env.clone(), link.to_string(), data.to_path_buf());
        let second = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_workstation"))
                .arg(&link)
                .envs(env)
                .env("WORKSTATION_DATA_DIR", &data)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
        });
        Ok(tokio::time::timeout(Duration::from_secs(30), second)
            .await
            .map_err(|_| "the second instance did not exit")???)
    }

    /// Sets the fault switches of the window's demo org (`POST /__demo/faults`), found from the
    /// card's instance URL.
    pub async fn demo_faults(&self, body: Value) -> R {
        let card = self.card().await?;
        let org = card["user"]["instance_url"]
            .as_str()
            .ok_or("the card has no instance URL")?
            .to_string();
        reqwest::Client::new()
            .post(format!("{org}/__demo/faults"))
            .json(&body)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
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
        self.screenshot_to(&artifacts_dir().join(format!("ui-{name}.png")))
            .await
    }

    /// The window as painted now, saved as the PNG file `path`.
    pub async fn screenshot_to(&self, path: &std::path::Path) -> R {
        // WebKit hands out the last painted frame: let it paint what is on the page now.
        let painted = self.client.execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        );
        tokio::time::timeout(Duration::from_secs(2), painted)
            .await
            .map_err(|_| "no frame painted within 2 s")??;
        let png = self.client.screenshot().await?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    pub fn opened_urls(&self) -> R<Vec<String>> {
        match std::fs::read_to_string(&self.opened_log) {
            Ok(text) => Ok(text.lines().map(str::to_string).collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// The command lines the app started the browser with (`WORKSTATION_BROWSER`'s argument),
    /// as every local user can read them: where [`Ui::opened_urls`] is where the browser landed.
    pub fn browser_command_lines(&self) -> R<Vec<String>> {
        match std::fs::read_to_string(self.opened_log.with_file_name("command-lines.txt")) {
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

    /// The app's windows but the quick-search palette (made hidden once the main window is
    /// interactive, it is always there). Each is looked at in turn: the window in use is the
    /// same afterwards.
    pub async fn windows_but_palette(&self) -> R<Vec<WindowHandle>> {
        let here = self.client.window().await?;
        let mut out = Vec::new();
        for w in self.client.windows().await? {
            if w == self.main || !self.is_palette(&w).await {
                out.push(w);
            }
        }
        self.client.switch_to_window(here).await?;
        Ok(out)
    }

    async fn is_palette(&self, w: &WindowHandle) -> bool {
        if self.client.switch_to_window(w.clone()).await.is_err() {
            return false;
        }
        let path = self.client.execute("return location.pathname", vec![]).await;
        path.is_ok_and(|p| p.as_str().is_some_and(|p| p.ends_with("/palette.html")))
    }

    /// The quick-search palette's window (made once the main window is interactive).
    pub async fn palette_window(&self) -> R<WindowHandle> {
        let deadline = Instant::now() + WAIT;
        loop {
            let here = self.client.window().await?;
            for w in self.client.windows().await? {
                if w != self.main && self.is_palette(&w).await {
                    self.client.switch_to_window(here).await?;
                    return Ok(w);
                }
            }
            self.client.switch_to_window(here).await?;
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for the quick-search palette's window").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Presses the system-wide shortcut (Settings' default, Ctrl+Shift+Space) on the X display
    /// the app runs on, as a person's keyboard would: xdotool's key events go through the X
    /// server, whose key grab hands them to the app's global shortcut.
    pub async fn press_shortcut(&self) -> R {
        // Xvfb runs no window manager, so X gives the keyboard to the window under the pointer
        // once the shortcut's key grab ends: the pointer rests where the palette appears (the
        // screen's middle), as a person's pointer would not steal the focus on a real desktop.
        let geometry = tokio::process::Command::new("xdotool")
            .arg("getdisplaygeometry")
            .output()
            .await
            .map_err(|e| format!("xdotool did not run ({e}); Debian: apt-get install xdotool"))?;
        let size: Vec<u32> = String::from_utf8_lossy(&geometry.stdout)
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [w, h] = size[..] {
            tokio::process::Command::new("xdotool")
                .args(["mousemove", &(w / 2).to_string(), &(h / 2).to_string()])
                .output()
                .await?;
        }
        let out = tokio::process::Command::new("xdotool")
            .args(["key", "ctrl+shift+space"])
            .output()
            .await
            .map_err(|e| format!("xdotool did not run ({e}); Debian: apt-get install xdotool"))?;
        if !out.status.success() {
            return Err(format!("xdotool failed: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(())
    }

    /// Takes the keyboard focus away from the main window and gives it back, as a person does
    /// who switched to a terminal and came back. Xvfb runs no window manager, so xdotool sets
    /// the X input focus itself: to the root window, then to the main window.
    pub async fn refocus_main(&self) -> R {
        async fn xdotool(args: &[&str]) -> R<String> {
            let out = tokio::process::Command::new("xdotool")
                .args(args)
                .output()
                .await
                .map_err(|e| format!("xdotool did not run ({e}); Debian: apt-get install xdotool"))?;
            Ok(String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string())
        }
        let root = xdotool(&["search", "--maxdepth", "0", "--name", ""]).await?;
        let main = xdotool(&["search", "--onlyvisible", "--name", "^Workstation$"]).await?;
        if root.is_empty() || main.is_empty() {
            return Err(format!("no root ({root:?}) or main window ({main:?}) to move the focus between").into());
        }
        xdotool(&["windowfocus", &root]).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["windowfocus", &main]).await?;
        Ok(())
    }

    /// Waits for a window other than the main one and the palette, and returns it.
    pub async fn wait_other_window(&self) -> R<WindowHandle> {
        let deadline = Instant::now() + WAIT;
        loop {
            let windows = self.windows_but_palette().await?;
            if let Some(w) = windows.into_iter().find(|w| *w != self.main) {
                return Ok(w);
            }
            if Instant::now() > deadline {
                return Err(format!("waited {WAIT:?} for the Salesforce login window").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the app has `n` windows, the palette not counted.
    pub async fn wait_window_count(&self, n: usize) -> R<Vec<WindowHandle>> {
        let deadline = Instant::now() + WAIT;
        loop {
            let windows = self.windows_but_palette().await?;
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

pub(super) fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts")
}
