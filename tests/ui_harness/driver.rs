//! What one launch owns and runs: the sandbox of folders and files (data, home, the browser
//! stand-in, the driver's log), tauri-driver on free ports, and the clean-up that leaves no
//! process of the launch running before the next one starts.

use super::launch::note;
use super::{POLL, R};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The folders and files one app launch owns.
pub(super) struct Sandbox {
    root: tempfile::TempDir,
    pub(super) opened_log: PathBuf,
    browser: PathBuf,
    driver_log: PathBuf,
    /// Marks every process of this launch (driver, WebKitWebDriver, app, web processes).
    marker: String,
    /// The app's `LANG` (`LC_ALL` and `LC_MESSAGES` are unset).
    pub(super) lang: String,
    /// The administrator's policy for a launch without `--demo`.
    pub(super) policy: Option<PathBuf>,
    /// `WORKSTATION_DEMO_USER` for a `--demo` launch (`restricted`).
    pub(super) demo_user: Option<String>,
    /// `SF_INSTANCE_URL` and `SF_ACCESS_TOKEN` for a launch with a session of its own.
    pub(super) session: Option<(String, String)>,
    /// More of the app's environment (`SSL_CERT_FILE` naming a test authority it trusts).
    pub(super) extra_env: Vec<(String, PathBuf)>,
}

impl Sandbox {
    pub(super) fn new() -> R<Sandbox> {
        let root = tempfile::Builder::new().prefix("workstation-ui-").tempdir()?;
        for d in ["data", "home", "home/.local/share", "home/.config", "home/.cache"] {
            std::fs::create_dir_all(root.path().join(d))?;
        }
        let opened_log = root.path().join("opened.txt");
        let browser = root.path().join("browser.sh");
        let mut script = std::fs::File::create(&browser)?;
        // Each command line the app starts the browser with goes to command-lines.txt; where
        // the browser lands goes to opened.txt: a local one-time page address (`/go/`) is
        // followed to the page it redirects to, as a browser does. Anything else (the sign-in's
        // start address, which the tests open themselves) is written as it is.
        writeln!(
            script,
            "#!/bin/sh\n\
             printf '%s\\n' \"$1\" >> '{lines}'\n\
             case \"$1\" in\n\
             http://127.0.0.1:*/go/*) landed=$(curl -s -o /dev/null -w '%{{redirect_url}}' \"$1\") ;;\n\
             *) landed=$1 ;;\n\
             esac\n\
             printf '%s\\n' \"$landed\" >> '{opened}'",
            lines = root.path().join("command-lines.txt").display(),
            opened = opened_log.display()
        )?;
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
            demo_user: None,
            session: None,
            extra_env: Vec::new(),
        })
    }

    pub(super) fn path(&self, p: &str) -> PathBuf {
        self.root.path().join(p)
    }

    /// The administrator's policy (JSON text) for a launch without `--demo`.
    pub(super) fn write_policy(&mut self, text: &str) {
        let path = self.path("policy.json");
        std::fs::write(&path, text).expect("policy file");
        self.policy = Some(path);
    }

    /// What the app sees of its environment (beyond the inherited display and bus).
    pub(super) fn app_env(&self) -> Vec<(String, PathBuf)> {
        vec![
            ("WORKSTATION_DATA_DIR".into(), self.path("data")),
            ("WORKSTATION_BROWSER".into(), self.browser.clone()),
            ("HOME".into(), self.path("home")),
            ("XDG_DATA_HOME".into(), self.path("home/.local/share")),
            ("XDG_CONFIG_HOME".into(), self.path("home/.config")),
            ("XDG_CACHE_HOME".into(), self.path("home/.cache")),
            ("LANG".into(), PathBuf::from(&self.lang)),
            // A keychain entry of this launch's own: a connection one journey made is never
            // the next one's (nor the person's running the tests).
            (
                "WORKSTATION_KEYRING_SERVICE".into(),
                PathBuf::from(format!("workstation-ui-{}", self.marker)),
            ),
        ]
        .into_iter()
        .chain(
            self.demo_user
                .iter()
                .map(|u| ("WORKSTATION_DEMO_USER".to_string(), PathBuf::from(u))),
        )
        .chain(
            self.policy
                .iter()
                .map(|p| ("WORKSTATION_POLICY".to_string(), p.clone())),
        )
        .chain(self.session.iter().flat_map(|(url, token)| {
            [
                ("SF_INSTANCE_URL".to_string(), PathBuf::from(url)),
                ("SF_ACCESS_TOKEN".to_string(), PathBuf::from(token)),
            ]
        }))
        .chain(self.extra_env.iter().cloned())
        .collect()
    }

    pub(super) fn driver_log_tail(&self) -> String {
        tail(&std::fs::read_to_string(&self.driver_log).unwrap_or_default(), 300)
    }

    pub(super) fn app_log_tail(&self) -> String {
        let mut out = String::new();
        // `--demo` keeps its own throw-away profile in `demo/` of the data folder.
        for logs in ["data/logs", "data/demo/logs"] {
            if let Ok(entries) = std::fs::read_dir(self.path(logs)) {
                for e in entries.flatten() {
                    out.push_str(&format!("[{}]\n", e.path().display()));
                    out.push_str(&tail(&std::fs::read_to_string(e.path()).unwrap_or_default(), 40));
                }
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
pub(super) struct Driver {
    child: Option<Child>,
    pub(super) port: u16,
    marker: String,
}

const MARKER_VAR: &str = "WORKSTATION_UI_TEST_RUN";

impl Driver {
    pub(super) fn start(sandbox: &Sandbox) -> R<Driver> {
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
            .env_remove("SF_INSTANCE_URL")
            .env_remove("SF_ACCESS_TOKEN")
            // The machine's own trust store, unless the journey names an authority to trust.
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR")
            .envs(sandbox.app_env())
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
    pub(super) fn stop(&mut self) {
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
