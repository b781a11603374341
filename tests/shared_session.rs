//! One person, many processes: CLI runs (as a launcher starts them, one per keystroke) share one
//! connection — tokens in the system keychain, one data folder — against a demo org that rotates
//! refresh tokens as Salesforce's Health Check recommends. Real processes, not threads. Needs
//! the keychain (a session bus with an unlocked keyring): scripts/test.sh provides one.

mod common;

use common::{approving_browser, keyring_available, spawn_demo_org, write_policy, DemoOrgProcess};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use workstation::auth::store::{CredentialStore, KeyringStore};

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

/// A person's profile: a data folder, a policy for the demo org, a keychain entry of its own.
struct Profile {
    _work: tempfile::TempDir,
    data: PathBuf,
    policy: PathBuf,
    browser: PathBuf,
    service: String,
}

impl Profile {
    fn new(org: &DemoOrgProcess, name: &str) -> Profile {
        let work = tempfile::tempdir().expect("tmp");
        Profile {
            data: work.path().join("data"),
            policy: write_policy(&org.url),
            browser: approving_browser(work.path()),
            service: format!("workstation-test-{name}-{}", std::process::id()),
            _work: work,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("WORKSTATION_POLICY", &self.policy)
            .env("WORKSTATION_DATA_DIR", &self.data)
            .env("WORKSTATION_BROWSER", &self.browser)
            .env("WORKSTATION_KEYRING_SERVICE", &self.service)
            .env_remove("SF_ACCESS_TOKEN")
            .env_remove("SF_INSTANCE_URL");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run")
    }

    fn keychain(&self) -> KeyringStore {
        KeyringStore::with_service(&self.service, "salesforce")
    }

    fn connect(&self) {
        let out = self.run(&["connect"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    fn state(&self) -> String {
        let out = self.run(&["status", "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["state"].as_str().unwrap_or_default().to_string()
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = self.keychain().delete();
    }
}

fn stat(org: &DemoOrgProcess, name: &str) -> u64 {
    org.admin("GET", "/__demo/stats", "")[name].as_u64().unwrap_or(0)
}

/// `n` searches started together; their outputs.
/// `n` searches for `term` started together. (A term searched within the last minute is
/// answered from the profile's answers without a call: each batch that must reach the org
/// searches a term of its own.)
fn searches_at_once(profile: &Profile, term: &str, n: usize) -> Vec<Output> {
    let children: Vec<_> = (0..n)
        .map(|_| {
            profile
                .command(&["search", term, "--json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect()
}

fn failures(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .filter(|o| !o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect()
}

#[test]
fn twenty_searches_at_an_expired_token_refresh_once_and_the_person_stays_connected() {
    if !keyring_available() {
        return;
    }
    let org = spawn_demo_org(&["--rotate-refresh-tokens"]);
    let profile = Profile::new(&org, "twenty");
    profile.connect();
    let refresh_before = profile
        .keychain()
        .load()
        .expect("keychain")
        .expect("tokens")
        .refresh_token;

    // The access token expires for everyone at once.
    org.admin("POST", "/__demo/faults", r#"{"expire_sessions":true}"#);
    let grants = stat(&org, "refresh_grants");
    let outputs = searches_at_once(&profile, "Acme", 20);
    assert_eq!(failures(&outputs), Vec::<String>::new(), "every search succeeds");
    assert_eq!(
        stat(&org, "refresh_grants") - grants,
        1,
        "exactly one refresh for twenty processes"
    );
    assert_eq!(
        stat(&org, "refresh_token_reuses"),
        0,
        "no rotated-out token was presented"
    );
    let after = profile.keychain().load().expect("keychain").expect("tokens");
    assert_ne!(
        after.refresh_token, refresh_before,
        "the rotated refresh token was kept"
    );
    assert_eq!(profile.state(), "connected");

    // And again: the rotated token is the one the next refresh uses.
    org.admin("POST", "/__demo/faults", r#"{"expire_sessions":true}"#);
    let outputs = searches_at_once(&profile, "Ada", 5);
    assert_eq!(failures(&outputs), Vec::<String>::new());
    assert_eq!(stat(&org, "refresh_grants") - grants, 2);
    assert_eq!(stat(&org, "refresh_token_reuses"), 0);
    assert_eq!(profile.state(), "connected");
}

/// A rotated-out refresh token presented again is taken for a stolen one (Salesforce Help,
/// 005316711): the demo org revokes the user's tokens, and the person must reconnect.
#[test]
fn the_demo_org_revokes_the_connection_when_a_rotated_out_token_is_used_again() {
    if !keyring_available() {
        return;
    }
    let org = spawn_demo_org(&["--rotate-refresh-tokens"]);
    let profile = Profile::new(&org, "reuse");
    profile.connect();
    let stale = profile.keychain().load().expect("keychain").expect("tokens");
    org.admin("POST", "/__demo/faults", r#"{"expire_sessions":true}"#);
    assert!(profile.run(&["search", "Acme", "--json"]).status.success());
    // An old copy of the tokens (a process of an older version, a restored backup) comes back.
    profile.keychain().save(&stale).expect("put the old tokens back");
    let out = profile.run(&["search", "Ada", "--json"]);
    assert!(!out.status.success(), "the rotated-out refresh token is refused");
    assert_eq!(out.status.code(), Some(3), "the connection needs the person");
    assert_eq!(stat(&org, "refresh_token_reuses"), 1);
}

/// The window (here the same `Workstation` the window runs, in this process) and a terminal's
/// `workstation disconnect` (a process of its own) on one profile: when the window next looks
/// (it does when it is focused), it shows not connected and keeps nothing of the session.
#[tokio::test(flavor = "multi_thread")]
async fn a_disconnect_from_the_command_line_is_a_disconnect_in_the_running_window() {
    if !keyring_available() {
        return;
    }
    let org = spawn_demo_org(&[]);
    let profile = Profile::new(&org, "window");
    let setup = workstation::api::Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.url))));
    let window = workstation::api::Workstation::new(&profile.data, setup, std::sync::Arc::new(profile.keychain()))
        .expect("workstation");
    window.connect_demo_auto_approved().await.expect("connects");
    let found = window
        .search("Acme", workstation::salesforce::sosl::Limits::default())
        .await
        .expect("search");
    assert!(!found.results.is_empty());

    let out = profile.run(&["disconnect"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(window.recheck_connection().name(), "not_connected");
    assert!(
        window.search("Acme", Default::default()).await.is_err(),
        "no session is left"
    );
    assert!(
        !profile.data.join("recent-records.json").exists(),
        "nothing of the session was written back"
    );
}

/// The window (the `Workstation` it runs, here in this process) and twenty CLI searches meet one
/// expiry together: one refresh, and nobody is asked to reconnect.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_and_twenty_searches_at_one_expiry_refresh_once() {
    if !keyring_available() {
        return;
    }
    let org = spawn_demo_org(&["--rotate-refresh-tokens"]);
    let profile = Profile::new(&org, "window-and-cli");
    profile.connect();
    let setup = workstation::api::Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.url))));
    let window = workstation::api::Workstation::new(&profile.data, setup, std::sync::Arc::new(profile.keychain()))
        .expect("workstation");
    assert_eq!(window.card().name(), "connected");
    window.search("Acme", Default::default()).await.expect("a first search");

    org.admin("POST", "/__demo/faults", r#"{"expire_sessions":true}"#);
    let grants = stat(&org, "refresh_grants");
    let cli = {
        let children: Vec<_> = (0..20)
            .map(|_| {
                profile
                    .command(&["search", "Ada", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        tokio::task::spawn_blocking(move || {
            children
                .into_iter()
                .map(|c| c.wait_with_output().expect("wait"))
                .collect::<Vec<_>>()
        })
    };
    let in_window = window.search("Acme Corporation", Default::default()).await;
    let outputs = cli.await.expect("the CLI searches");
    assert!(in_window.is_ok(), "the window's search: {:?}", in_window.err());
    assert_eq!(failures(&outputs), Vec::<String>::new(), "every CLI search succeeds");
    assert_eq!(
        stat(&org, "refresh_grants") - grants,
        1,
        "one refresh for the window and twenty processes"
    );
    assert_eq!(stat(&org, "refresh_token_reuses"), 0);
    assert_eq!(window.recheck_connection().name(), "connected");
    assert_eq!(profile.state(), "connected");
}

/// The window notices a language another process saved when it is next focused, and only
/// then redraws: nothing changed, nothing to redraw.
#[test]
fn the_window_takes_the_language_another_process_saved_when_focused() {
    use workstation::api::localize::{self, Lang};
    let data = tempfile::tempdir().expect("tmp");
    let open = || {
        workstation::api::Workstation::new(
            data.path(),
            workstation::api::Setup::Policy(Ok(None)),
            std::sync::Arc::new(workstation::auth::store::MemoryStore::default()),
        )
        .expect("workstation")
    };
    let window = open();
    window.set_language_named("en").expect("english");
    localize::set_current(Lang::En);
    assert_eq!(window.recheck_after_focus(), None, "nothing changed");
    open().set_language_named("fr").expect("another process saves French");
    assert_eq!(window.recheck_after_focus(), Some(Lang::Fr));
    assert_eq!(localize::current(), Lang::Fr);
    assert_eq!(window.recheck_after_focus(), None, "told once");
    localize::set_current(Lang::En);
}
