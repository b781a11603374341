//! Behind a TLS-inspecting proxy (issue 26, item 1): the real binary against
//! `workstation demo-org --tls`, whose certificate comes from a throw-away authority, over
//! HTTPS on loopback. Trusted is the authority named by `SSL_CERT_FILE`, which the OS
//! verifier reads on Linux instead of the system's bundle (rustls-native-certs, as a
//! company's root is read from the system store); untrusted is the system's own store, where
//! that authority is not. An untrusted certificate is said as what it is — a proxy or firewall
//! in the way, ask IT — never as "Salesforce could not be reached", on every path that meets it:
//! REST with `SF_ACCESS_TOKEN`, the OAuth code exchange of `connect`, and a token refresh.
//! The OAuth tests need the keychain (scripts/test.sh provides one).

mod common;

use common::{
    approving_browser_trusting, keyring_available, spawn_tls_demo_org, workstation_command, write_policy,
    DemoOrgProcess,
};
use std::process::{Command, Output};
use std::sync::Arc;
use workstation::auth::oauth::{OAuthApp, OAuthClient};
use workstation::auth::session::{Renewal, Session};
use workstation::auth::store::{CredentialStore, KeyringStore, MemoryStore};
use workstation::demo_org::{DemoOrg, DemoOrgConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use workstation::salesforce::SalesforceClient;
use workstation::secret::Secret;

const BIN: &str = env!("CARGO_BIN_EXE_workstation");
const WORDS: &str = "A proxy or firewall is intercepting the connection to Salesforce (certificate not trusted";
const FRENCH: &str = "Un proxy ou un pare-feu intercepte la connexion à Salesforce (certificat non approuvé";
/// What a certificate error was told as before: the words it must never get again.
const UNREACHABLE: &str = "could not be reached";
/// `exit.rs`: the connection needs the person (here, their IT).
const NEEDS_THE_PERSON: i32 = 3;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `workstation ARGS` with the demo org's pre-issued token, trusting its authority or not.
fn search_run(org: &DemoOrgProcess, trusted: bool, lang: &str, args: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("tmp");
    let mut command = workstation_command(org, &data, lang, args);
    if trusted {
        command.env("SSL_CERT_FILE", org.ca.as_ref().expect("a TLS demo org"));
    }
    command.output().expect("run workstation")
}

#[test]
fn a_search_through_a_trusted_authority_finds_records() {
    let org = spawn_tls_demo_org(&["--token", "cli-token"]);
    let out = search_run(&org, true, "C.UTF-8", &["search", "Acme", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let results = json["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["title"] == "Acme Corporation"), "{json}");
    // The records' links are the org's own, over https.
    let url = results[0]["url"].as_str().unwrap_or_default();
    assert!(url.starts_with(&format!("{}/lightning/r/", org.url)), "{url}");
}

#[test]
fn an_untrusted_certificate_is_said_as_such_never_as_unreachable() {
    let org = spawn_tls_demo_org(&["--token", "cli-token"]);

    let out = search_run(&org, false, "C.UTF-8", &["search", "Acme"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(NEEDS_THE_PERSON), "{stderr}");
    assert!(stderr.starts_with(&format!("error: {WORDS}")), "{stderr}");
    let host = org.url.trim_start_matches("https://");
    assert!(
        stderr.contains(&format!("certificate not trusted for {host})")),
        "{stderr}"
    );
    assert!(stderr.contains("*.salesforce.com and *.force.com"), "{stderr}");
    assert!(!stderr.contains(UNREACHABLE), "{stderr}");
    assert!(out.stdout.is_empty(), "no results: {}", text(&out.stdout));

    let fr = search_run(&org, false, "fr_FR.UTF-8", &["search", "Acme"]);
    let stderr = text(&fr.stderr);
    assert_eq!(fr.status.code(), Some(NEEDS_THE_PERSON), "{stderr}");
    assert!(stderr.starts_with(&format!("erreur : {FRENCH}")), "{stderr}");
    assert!(!stderr.contains("injoignable"), "{stderr}");

    let json = search_run(&org, false, "C.UTF-8", &["search", "Acme", "--json"]);
    assert_eq!(json.status.code(), Some(NEEDS_THE_PERSON));
    let line: serde_json::Value = serde_json::from_slice(&json.stderr).expect("a JSON error line");
    assert_eq!(line["error"]["kind"], "certificate_not_trusted", "{line}");

    // The demo org answered no request: the handshake is where it stopped.
    let stats = org.admin("GET", "/__demo/stats", "");
    assert_eq!(stats["api_requests"], 0, "{stats}");
}

/// A person's CLI profile against the TLS demo org through its policy: a browser that trusts
/// the demo org's authority (as a browser behind the proxy does), a keychain entry of its own,
/// and the app trusting the authority or not.
struct Profile {
    _work: tempfile::TempDir,
    data: std::path::PathBuf,
    policy: std::path::PathBuf,
    browser: std::path::PathBuf,
    ca: std::path::PathBuf,
    service: String,
}

impl Profile {
    fn new(org: &DemoOrgProcess, name: &str) -> Profile {
        let work = tempfile::tempdir().expect("tmp");
        let ca = org.ca.clone().expect("a TLS demo org");
        Profile {
            data: work.path().join("data"),
            // The policy's domain is the https loopback address, accepted as the http one is.
            policy: write_policy(&org.url),
            browser: approving_browser_trusting(work.path(), &ca),
            ca,
            service: format!("workstation-test-tls-{name}-{}", std::process::id()),
            _work: work,
        }
    }

    fn run(&self, trusted: bool, args: &[&str]) -> Output {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("WORKSTATION_POLICY", &self.policy)
            .env("WORKSTATION_DATA_DIR", &self.data)
            .env("WORKSTATION_BROWSER", &self.browser)
            .env("WORKSTATION_KEYRING_SERVICE", &self.service)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("SF_ACCESS_TOKEN")
            .env_remove("SF_INSTANCE_URL")
            .env_remove("SSL_CERT_DIR")
            .env_remove("SSL_CERT_FILE");
        if trusted {
            command.env("SSL_CERT_FILE", &self.ca);
        }
        command.output().expect("run workstation")
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = KeyringStore::with_service(&self.service, "salesforce").delete();
    }
}

#[test]
fn connect_through_a_trusted_authority_connects_and_searches() {
    if !keyring_available() {
        return;
    }
    let org = spawn_tls_demo_org(&[]);
    let person = Profile::new(&org, "trusted");
    let connected = person.run(true, &["connect"]);
    assert!(connected.status.success(), "{}", text(&connected.stderr));
    assert!(
        text(&connected.stdout).contains("Connected as Dana Demo"),
        "{}",
        text(&connected.stdout)
    );
    let status = person.run(true, &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(json["state"], "connected", "{json}");
    assert_eq!(json["instance_url"], org.url.as_str(), "{json}");
    let found = person.run(true, &["search", "Ada Lovelace"]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    assert!(
        text(&found.stdout).contains("Acme Corporation"),
        "{}",
        text(&found.stdout)
    );
}

#[test]
fn connect_through_an_untrusted_certificate_says_so_and_stays_not_connected() {
    if !keyring_available() {
        return;
    }
    let org = spawn_tls_demo_org(&[]);
    let person = Profile::new(&org, "untrusted");
    // The browser signs in (it trusts the proxy); the app's token request meets the certificate.
    let out = person.run(false, &["connect"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(NEEDS_THE_PERSON), "{stderr}");
    assert!(stderr.contains(WORDS), "{stderr}");
    assert!(!stderr.contains(UNREACHABLE), "{stderr}");
    let stats = org.admin("GET", "/__demo/stats", "");
    assert_eq!(stats["authorization_code_grants"], 0, "no code was exchanged: {stats}");

    let status = person.run(false, &["status", "--json"]);
    let state: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(state["state"], "not_connected", "{state}");
    assert!(
        KeyringStore::with_service(&person.service, "salesforce")
            .load()
            .expect("keychain")
            .is_none(),
        "nothing was kept"
    );
}

/// The refresh path: the org's REST API (plain HTTP here) refuses the token, and the login
/// host that would renew it answers with a certificate this process does not trust.
#[tokio::test]
async fn a_refresh_through_an_untrusted_certificate_says_so() {
    let instance = common::demo_org().await;
    let login = DemoOrg::start(DemoOrgConfig {
        tls: true,
        ..Default::default()
    })
    .await
    .expect("the TLS demo org starts");
    assert!(
        login.base_url().starts_with("https://127.0.0.1:"),
        "{}",
        login.base_url()
    );
    let http = workstation::http::client().expect("client");
    let app = OAuthApp {
        login_host: login.base_url(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: Some(Secret::new(DEMO_CLIENT_SECRET)),
        loopback_port: 0,
        scopes: workstation::policy::Scopes::least(),
    };
    let dir = tempfile::tempdir().expect("tmp");
    let store: Arc<dyn CredentialStore> = Arc::new(MemoryStore::default());
    let session = Arc::new(Session::new(
        &instance.base_url(),
        Secret::new("00Dtest!an-expired-token"),
        Some(Secret::new("5Aep-refresh")),
        Renewal::OAuth {
            client: OAuthClient::new(http.clone(), app),
            store,
            lock: dir.path().join(".salesforce-tokens.lock"),
        },
    ));
    let client = SalesforceClient::new(http, session.clone());
    let err = client.get("sobjects/", &[]).await.expect_err("the refresh fails");
    assert_eq!(err.kind(), "certificate_not_trusted", "{err:?}");
    assert!(err.to_string().starts_with(WORDS), "{err}");
    assert_eq!(session.refresh_count(), 1, "one refresh was tried, not a loop");
    assert_eq!(login.stats().refresh_grants, 0, "the login host granted nothing");
}
