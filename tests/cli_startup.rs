//! What the command line does before its command (issue 17): only what that command needs.
//! `--version`, `--help` and `policy check` leave the data folder alone (no log folder made for
//! a command that logs nothing); the settings are read for the language only where clap speaks
//! (help, usage mistakes), and then they still speak the saved language.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

/// `workstation ARGS` with `data` as its data folder, in the C locale, without a session.
fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("WORKSTATION_DATA_DIR", data)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("SF_INSTANCE_URL")
        .env_remove("SF_ACCESS_TOKEN")
        .env_remove("WORKSTATION_POLICY")
        .env_remove("RUST_LOG")
        .output()
        .expect("run workstation")
}

#[test]
fn version_and_help_make_no_data_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("workstation");
    for args in [
        &["--version"][..],
        &["-V"],
        &["--help"],
        &["search", "--help"],
        &["help"],
    ] {
        let out = run(&data, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!data.exists(), "{args:?} made the data folder");
    }
    assert_eq!(
        String::from_utf8_lossy(&run(&data, &["--version"]).stdout).trim(),
        format!("workstation {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn policy_check_logs_nothing_and_leaves_the_data_folder_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("workstation");
    let good = tmp.path().join("good.json");
    std::fs::write(&good, r#"{"salesforce": {"enabled": true, "client_id": "3MVG9abc", "client_secret": "s3cr3t-value", "domain": "https://acme.lightning.force.com/", "access": {"everyone": true}}}"#).expect("write");
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"salesforce": {"enabled": true}}"#).expect("write");
    let ok = run(&data, &["policy", "check", good.to_str().expect("utf-8")]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let refused = run(&data, &["policy", "check", bad.to_str().expect("utf-8")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        !data.exists(),
        "policy check made the data folder (a log folder for a command that logs nothing)"
    );
}

#[test]
fn help_and_usage_mistakes_still_speak_the_saved_language() {
    let data = tempfile::tempdir().expect("tmp");
    std::fs::write(data.path().join("settings.json"), r#"{"ui/language":"fr"}"#).expect("settings");
    let help = run(data.path(), &["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("Utilisation : workstation"));
    // A word that is neither a command nor our link: refused in French, with clap's exit code.
    let bogus = run(data.path(), &["bogus"]);
    assert_eq!(bogus.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bogus.stderr);
    assert!(stderr.contains("ni une commande ni un lien workstation://"), "{stderr}");
    // The version is the same in every language.
    assert_eq!(
        run(data.path(), &["--version"]).stdout,
        run(&data.path().join("none"), &["--version"]).stdout
    );
}

#[test]
fn the_window_without_a_display_speaks_the_saved_language() {
    let data = tempfile::tempdir().expect("tmp");
    std::fs::write(data.path().join("settings.json"), r#"{"ui/language":"fr"}"#).expect("settings");
    for args in [&[][..], &["--demo"]] {
        let out = Command::new(BIN)
            .args(args)
            .env("WORKSTATION_DATA_DIR", data.path())
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .expect("run workstation");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("erreur : aucun affichage"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
