//! The real credential store (Secret Service through the keyring crate) and the CLI's
//! connect → status → search → disconnect against `workstation demo-org`, with tokens
//! kept only in the keychain. Needs a session bus with an unlocked keyring: the README's
//! test command (scripts/test.sh) provides one and sets WORKSTATION_REQUIRE_KEYRING=1.

mod common;

use common::{approving_browser, keyring_available, spawn_demo_org, walk, write_policy};
use std::process::Command;
use workstation::auth::store::{CredentialError, CredentialStore, KeyringStore, StoredTokens};

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

#[test]
fn tokens_round_trip_through_the_system_keychain() {
    if !keyring_available() {
        return;
    }
    let store = KeyringStore::new(&format!("test-{}", std::process::id()));
    let tokens = StoredTokens {
        access_token: "00Dtest!access".into(),
        refresh_token: Some("5Aep-refresh".into()),
        instance_url: "https://acme.my.salesforce.com".into(),
        login_host: "https://acme.my.salesforce.com".into(),
        client_id: "3MVG".into(),
        user: None,
    };
    store.save(&tokens).expect("save");
    assert_eq!(store.load().expect("load"), Some(tokens));
    store.delete().expect("delete");
    assert_eq!(store.load().expect("load"), None);
    store.delete().expect("deleting twice is fine");
}

#[test]
fn without_a_session_bus_the_store_says_it_is_unavailable() {
    let out = Command::new(BIN)
        .args(["status", "--json"])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DISPLAY")
        .env("WORKSTATION_POLICY", write_policy("http://127.0.0.1:9"))
        .env("WORKSTATION_DATA_DIR", tempfile::tempdir().expect("tmp").keep())
        .env_remove("SF_ACCESS_TOKEN")
        .output()
        .expect("run");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["state"], "not_available", "{json}");
    assert!(
        json["reason"].as_str().unwrap_or("").contains("No credential store"),
        "{json}"
    );
    let _ = CredentialError::Corrupt; // the error type is public for the UI
}

#[test]
fn cli_connect_status_search_disconnect_keep_tokens_in_the_keychain_only() {
    if !keyring_available() {
        return;
    }
    let org = spawn_demo_org(&[]);
    let url = org.url.clone();
    let work = tempfile::tempdir().expect("tmp");
    let data = work.path().join("data");
    let policy = write_policy(&url);
    let browser = approving_browser(work.path());
    let service = format!("workstation-test-{}", std::process::id());
    let keychain = || KeyringStore::with_service(&service, "salesforce");
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("WORKSTATION_POLICY", &policy)
            .env("WORKSTATION_DATA_DIR", &data)
            .env("WORKSTATION_BROWSER", &browser)
            .env("RUST_LOG", "debug")
            .env("WORKSTATION_KEYRING_SERVICE", &service)
            .env_remove("SF_ACCESS_TOKEN")
            .env_remove("SF_INSTANCE_URL")
            .output()
            .expect("run")
    };
    let connected = run(&["connect"]);
    assert!(
        connected.status.success(),
        "{}",
        String::from_utf8_lossy(&connected.stderr)
    );
    assert!(String::from_utf8_lossy(&connected.stdout).contains("Connected as Dana Demo"));
    let status = run(&["status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(json["state"], "connected", "{json}");
    assert_eq!(json["username"], "dana.demo@workstation-demo.example");

    let found = run(&["search", "Ada Lovelace", "--json"]);
    assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stderr));
    assert!(String::from_utf8_lossy(&found.stdout).contains("Acme Corporation"));
    let stored = keychain().load().expect("keychain").expect("tokens in the keychain");
    let secrets = [
        stored.access_token.clone(),
        stored.refresh_token.clone().expect("refresh"),
        "workstation-demo-secret".into(),
    ];
    let logs = [
        &connected.stdout,
        &connected.stderr,
        &status.stdout,
        &status.stderr,
        &found.stdout,
        &found.stderr,
    ];
    for (i, text) in logs.iter().enumerate() {
        let text = String::from_utf8_lossy(text);
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "output {i} contains a secret");
        }
    }
    for file in walk(&data) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned();
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{} contains a secret", file.display());
        }
    }
    assert!(
        walk(&data).iter().any(|f| f.ends_with("logs/workstation.log")),
        "a log file was written"
    );

    let gone = run(&["disconnect"]);
    drop(org);
    assert!(gone.status.success());
    assert!(
        String::from_utf8_lossy(&gone.stdout).contains("revoked"),
        "{}",
        String::from_utf8_lossy(&gone.stdout)
    );
    assert!(keychain().load().expect("keychain").is_none());
    let after = run(&["status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&after.stdout).expect("json");
    assert_eq!(json["state"], "not_connected");
}
