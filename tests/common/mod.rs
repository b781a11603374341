//! Shared set-up for integration tests: a demo org on loopback and a `Workstation`
//! pointed at it, each test with its own data directory.
#![allow(dead_code)]

use std::sync::Arc;
use workstation::api::{Setup, Workstation};
use workstation::auth::store::{CredentialStore, MemoryStore};
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::secret::Secret;

pub const TOKEN: &str = "00Dtest!preissued-token";

pub async fn demo_org() -> DemoOrg {
    DemoOrg::start(DemoOrgConfig {
        preissued_token: Some(TOKEN.into()),
        ..Default::default()
    })
    .await
    .expect("demo org starts")
}

/// A workstation using the demo org's pre-issued token (the SF_ACCESS_TOKEN path).
pub fn token_workstation(org: &DemoOrg, dir: &tempfile::TempDir) -> Workstation {
    let setup = Setup::AccessToken {
        instance_url: org.base_url(),
        access: Secret::new(TOKEN),
    };
    Workstation::new(dir.path(), setup, Arc::new(MemoryStore::default())).expect("workstation")
}

/// A workstation with the built-in demo policy and an in-memory credential store.
pub fn policy_workstation(org: &DemoOrg, dir: &tempfile::TempDir, store: Arc<dyn CredentialStore>) -> Workstation {
    let setup = Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.base_url()))));
    Workstation::new(dir.path(), setup, store).expect("workstation")
}

/// Connects through the real web server flow, approved by the demo org.
pub async fn connected_workstation(org: &DemoOrg, dir: &tempfile::TempDir) -> (Workstation, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::default());
    let ws = policy_workstation(org, dir, store.clone());
    ws.connect_demo_auto_approved().await.expect("connects");
    (ws, store)
}

/// `workstation demo-org` in its own process; killed when dropped.
pub struct DemoOrgProcess {
    pub child: std::process::Child,
    pub url: String,
    /// With `--tls`: the PEM file of the demo org's throw-away authority (`--ca-out`), in a
    /// folder that lives as long as this.
    pub ca: Option<std::path::PathBuf>,
    _ca_dir: Option<tempfile::TempDir>,
}

impl Drop for DemoOrgProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl DemoOrgProcess {
    /// An admin request (`/__demo/faults`, `/__demo/stats`) and its JSON answer.
    pub fn admin(&self, method: &str, path: &str, body: &str) -> serde_json::Value {
        use std::io::{Read, Write};
        if let Some(ca) = &self.ca {
            // Over TLS, through curl trusting the demo org's authority.
            let out = std::process::Command::new("curl")
                .args(["-s", "--cacert"])
                .arg(ca)
                .args([
                    "-X",
                    method,
                    "-H",
                    "Content-Type: application/json",
                    "--data-binary",
                    body,
                ])
                .arg(format!("{}{path}", self.url))
                .output()
                .expect("run curl");
            return serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        }
        let addr = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(addr).expect("connect to the demo org");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
    }
}

/// A policy file for the demo org at `domain`, everyone allowed, with a free loopback port.
pub fn write_policy(domain: &str) -> std::path::PathBuf {
    let dir = tempfile::tempdir().expect("tmp").keep();
    let path = dir.join("policy.json");
    std::fs::write(&path, policy_text(domain)).expect("write policy");
    path
}

/// The text of [`write_policy`]'s policy: the demo connected app at `domain`, everyone
/// allowed, a free loopback port.
pub fn policy_text(domain: &str) -> String {
    format!(
        r#"{{"salesforce": {{"enabled": true, "client_id": "workstation-demo-client", "client_secret": "workstation-demo-secret", "domain": "{domain}", "loopback_port": {}, "access": {{"everyone": true}}}}}}"#,
        free_port()
    )
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A "browser" (for `WORKSTATION_BROWSER`) that approves at once as the demo org's default
/// user and follows the redirect to the loopback listener.
#[cfg(unix)]
pub fn approving_browser(dir: &std::path::Path) -> std::path::PathBuf {
    browser_script(dir, "")
}

/// [`approving_browser`] for a demo org over TLS: a browser that trusts its authority (`ca`),
/// as a browser behind a company's proxy trusts the proxy's, whatever the app does.
#[cfg(unix)]
pub fn approving_browser_trusting(dir: &std::path::Path, ca: &std::path::Path) -> std::path::PathBuf {
    browser_script(dir, &format!("--cacert '{}' ", ca.display()))
}

/// The app opens the loopback listener's one-time start address: like a browser, the script
/// keeps the cookie it sets, follows its redirect to the demo org (which approves at once:
/// `auto_approve`, added as a person's click) and back to the listener, with the cookie.
#[cfg(unix)]
fn browser_script(dir: &std::path::Path, curl_options: &str) -> std::path::PathBuf {
    let browser = dir.join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\n\
             jar=$(mktemp) || exit 1\n\
             trap 'rm -f \"$jar\"' EXIT\n\
             authorize=$(curl -s -o /dev/null -c \"$jar\" -w '%{{redirect_url}}' \"$1\")\n\
             curl -s -L -o /dev/null -b \"$jar\" {curl_options}\"$authorize&auto_approve=true\"\n"
        ),
    )
    .expect("script");
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    browser
}

/// Starts the real binary's demo org and reads its address from the first line.
pub fn spawn_demo_org(extra: &[&str]) -> DemoOrgProcess {
    spawn(extra, None)
}

/// [`spawn_demo_org`] over HTTPS (`--tls`), its authority's certificate in [`DemoOrgProcess::ca`].
pub fn spawn_tls_demo_org(extra: &[&str]) -> DemoOrgProcess {
    spawn(extra, Some(tempfile::tempdir().expect("tmp")))
}

fn spawn(extra: &[&str], ca_dir: Option<tempfile::TempDir>) -> DemoOrgProcess {
    use std::io::{BufRead, BufReader};
    let ca = ca_dir.as_ref().map(|d| d.path().join("demo-org-ca.pem"));
    let tls: Vec<std::ffi::OsString> = match &ca {
        Some(file) => vec!["--tls".into(), "--ca-out".into(), file.into()],
        None => Vec::new(),
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_workstation"))
        .args(["demo-org", "--addr", "127.0.0.1:0"])
        .args(tls)
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn demo-org");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let url = first
        .trim()
        .strip_prefix("demo org listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();
    let scheme = if ca.is_some() { "https" } else { "http" };
    assert!(url.starts_with(&format!("{scheme}://127.0.0.1:")), "{url}");
    DemoOrgProcess {
        child,
        url,
        ca,
        _ca_dir: ca_dir,
    }
}

/// Whether the system keychain can be used here; where it cannot, a test that needs it is
/// skipped, unless the run requires one (`WORKSTATION_REQUIRE_KEYRING`, set by scripts/test.sh).
pub fn keyring_available() -> bool {
    use workstation::auth::store::{CredentialStore, KeyringStore};
    match KeyringStore::new("workstation-test-probe").load() {
        Ok(_) => true,
        Err(e) => {
            assert!(
                std::env::var_os("WORKSTATION_REQUIRE_KEYRING").is_none(),
                "WORKSTATION_REQUIRE_KEYRING is set but the keyring is unavailable: {e}"
            );
            eprintln!("skipped: no credential store here ({e}); run through scripts/test.sh");
            false
        }
    }
}

/// Every file below `dir`.
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A search-pipeline sink that keeps every event, and the events it kept.
pub fn collector() -> (
    Arc<std::sync::Mutex<Vec<workstation::search::pipeline::SearchEvent>>>,
    workstation::search::pipeline::Sink,
) {
    let events = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink_events = events.clone();
    (events, Arc::new(move |e| sink_events.lock().expect("lock").push(e)))
}

/// The `state` parameter of an authorization URL.
pub fn state_of(authorize_url: &str) -> String {
    url::Url::parse(authorize_url)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "state")
        .expect("state")
        .1
        .into_owned()
}

/// Makes the widget's object types kept in the data folder `dir` look learnt `age_secs` ago,
/// with `types` (as if the org had changed since).
pub fn age_view_types(dir: &std::path::Path, types: &[&str], age_secs: u64) {
    let path = dir.join("settings.json");
    let mut settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("settings")).expect("json");
    let now = now_secs();
    let (_, kept) = settings
        .as_object_mut()
        .expect("an object")
        .iter_mut()
        .find(|(k, _)| k.starts_with("views/") && k.ends_with("/types"))
        .expect("the types were kept");
    kept["types"] = serde_json::json!(types);
    kept["at"] = serde_json::json!(now - age_secs);
    std::fs::write(&path, serde_json::to_vec(&settings).expect("json")).expect("write");
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// `workstation ARGS` against `org` with its pre-issued token `cli-token` (as scripts do,
/// `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`), in the data folder `data`, with the locale `lang`:
/// the command, to run as a test needs it.
pub fn workstation_command(
    org: &DemoOrgProcess,
    data: &tempfile::TempDir,
    lang: &str,
    args: &[&str],
) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_workstation"));
    command
        .args(args)
        .env("SF_INSTANCE_URL", &org.url)
        .env("SF_ACCESS_TOKEN", "cli-token")
        .env("WORKSTATION_DATA_DIR", data.path())
        .env_remove("WORKSTATION_POLICY")
        // This computer's own trust store, unless a test names another (`SSL_CERT_FILE`).
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang);
    command
}

/// [`workstation_command`] run to its end.
pub fn workstation_in(
    org: &DemoOrgProcess,
    data: &tempfile::TempDir,
    lang: &str,
    args: &[&str],
) -> std::process::Output {
    workstation_command(org, data, lang, args)
        .output()
        .expect("run workstation")
}

/// Signs `ws` in as the demo org's `user` through the web server flow, the browser's part done
/// as the demo org's `auto_approve` does it and the redirect handed back as the OS hands a deep
/// link; Salesforce's refusal, if it refuses.
pub async fn authorize_as(ws: &Workstation, user: &str) -> Result<(), workstation::api::ApiError> {
    let url = ws.start_deep_link_connect().expect("an attempt starts");
    let callback = approved(&url, user).await;
    ws.handle_callback_url(&callback).await.map(|_| ())
}

/// What the browser brings back when the demo org's `user` approves the authorization page at
/// `url` (the demo org approves at once): the redirect, not followed.
pub async fn approved(url: &str, user: &str) -> String {
    let answer = workstation::http::client()
        .expect("http")
        .get(format!("{url}&auto_approve=true&user={user}"))
        .send()
        .await
        .expect("the demo org answers");
    answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a redirect")
        .to_string()
}

/// A browser that keeps to itself what a server sends it: no redirect followed, no cookie kept
/// (the tests below carry the one that matters by hand).
pub fn plain_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The person's browser opening the loopback listener's one-time start address `start`: the
/// authorization URL it is redirected to and the cookie (`name=value`) it was given.
pub async fn open_start(start: &str) -> (String, String) {
    let answer = plain_browser()
        .get(start)
        .send()
        .await
        .expect("the start address answers");
    assert_eq!(answer.status(), reqwest::StatusCode::FOUND, "{start}");
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} from {start}"))
            .to_string()
    };
    let cookie = header("set-cookie").split(';').next().expect("name=value").to_string();
    (header("location"), cookie)
}

/// A GET to the loopback listener carrying `cookie` (if any), as a browser sends it; the status.
pub async fn to_listener(url: &str, cookie: Option<&str>) -> reqwest::StatusCode {
    let mut request = plain_browser().get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("the listener answers").status()
}

/// What a person's browser does with `start` when they approve as the demo org's `user`:
/// the start address, the demo org (approving at once), and back to the listener with the
/// cookie. The listener's answer.
pub async fn sign_in_from_start(start: &str, user: &str) -> reqwest::StatusCode {
    let (authorize, cookie) = open_start(start).await;
    let callback = approved(&authorize, user).await;
    to_listener(&callback, Some(&cookie)).await
}

/// A workstation with the demo policy whose loopback listener takes any free port.
pub fn loopback_workstation(org: &DemoOrg, dir: &tempfile::TempDir, store: Arc<dyn CredentialStore>) -> Workstation {
    let mut policy = workstation::policy::demo_policy(&org.base_url());
    if let workstation::policy::SalesforcePolicy::Enabled(app) = &mut policy.salesforce {
        app.loopback_port = 0; // any free port, so tests can run side by side
    }
    Workstation::new(dir.path(), Setup::Policy(Ok(Some(policy))), store).expect("workstation")
}

/// Connects (or reconnects) `ws` as the demo org's `user` ([`authorize_as`], which must succeed).
pub async fn connect_as(ws: &Workstation, user: &str) {
    authorize_as(ws, user).await.expect("connected");
}
