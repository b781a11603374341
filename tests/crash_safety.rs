//! A crash mid-save leaves the previous selection, never a broken file (spec §3): the
//! real CLI is killed halfway through writing the settings store.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

#[test]
fn killing_the_app_mid_save_keeps_the_previous_selection() {
    let org = common::spawn_demo_org(&["--token", "crash-token"]);
    let url = org.url.clone();
    let data = tempfile::tempdir().expect("tmp");
    let cmd = |args: &[&str]| {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("SF_INSTANCE_URL", &url)
            .env("SF_ACCESS_TOKEN", "crash-token")
            .env("WORKSTATION_DATA_DIR", data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    };
    let list = |c: &mut Command| -> serde_json::Value {
        let out = c.output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let before = list(&mut cmd(&["views", "list", "Lead", "--json"]));
    let enabled = |v: &serde_json::Value| -> Vec<String> {
        v["offered"]
            .as_array()
            .expect("offered")
            .iter()
            .filter(|o| o["enabled"] == true)
            .map(|o| o["id"].as_str().expect("id").to_string())
            .collect()
    };
    let saved = enabled(&before);
    let other = before["offered"]
        .as_array()
        .expect("offered")
        .iter()
        .find(|o| o["enabled"] == false)
        .expect("another view")["id"]
        .as_str()
        .expect("id")
        .to_string();

    // The save pauses halfway through writing; kill it there.
    let mut victim = cmd(&["views", "enable", "Lead", &other])
        .env("WORKSTATION_FAILPOINT_SAVE_PAUSE_MS", "5000")
        .spawn()
        .expect("spawn");
    let store = data.path().join("settings.json");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let temporaries = std::fs::read_dir(data.path())
            .expect("ls")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        if temporaries {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the save never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    victim.kill().expect("kill mid-save");
    let _ = victim.wait();

    let text = std::fs::read_to_string(&store).expect("the store is still there");
    serde_json::from_str::<serde_json::Value>(&text).expect("the store is valid JSON");
    let after = list(&mut cmd(&["views", "list", "Lead", "--json"]));
    assert_eq!(enabled(&after), saved, "the previous selection survived");
    let leftovers = std::fs::read_dir(data.path())
        .expect("ls")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
    assert!(!leftovers, "the half-written temporary was cleaned up");

    // And a save that is allowed to finish lands.
    assert!(cmd(&["views", "enable", "Lead", &other])
        .output()
        .expect("run")
        .status
        .success());
    assert_eq!(enabled(&list(&mut cmd(&["views", "list", "Lead", "--json"]))).len(), 2);
    drop(org);
}
