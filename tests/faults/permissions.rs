//! What the window may do (every command granted to the main window only, a strict CSP)
//! and who may read the data folder.

use crate::common::demo_org;
use std::sync::Arc;
use workstation::api::{Setup, Workstation};
use workstation::auth::store::MemoryStore;
use workstation::salesforce::sosl::Limits;

// ------------------------------------------------------------------------- the window's permissions

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted words between `start` and the next `end` of `text`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &text[from..from + text[from..].find(end).expect("end")]
}

/// The quick-search palette's own commands, which the main window is not granted.
const PALETTE_ONLY: [&str; 4] = ["preferences", "palette_records", "hide_palette", "open_integrations"];
/// Every command the palette may call (capabilities/palette.json).
const PALETTE_USES: [&str; 10] = [
    "card",
    "preferences",
    "search_input",
    "search_more",
    "open_result",
    "open_url",
    "palette_records",
    "set_pinned",
    "hide_palette",
    "open_integrations",
];

#[test]
fn every_command_is_granted_to_the_main_window_only_and_the_csp_loads_nothing_remote() {
    use std::collections::BTreeSet;
    // What the shell registers…
    let handlers: BTreeSet<String> = between(&repo_file("src-tauri/src/desktop/mod.rs"), "generate_handler![", "]")
        .split(',')
        .filter_map(|c| {
            let c = c.trim();
            c.strip_prefix("commands::")
                .or_else(|| c.strip_prefix("palette::"))
                .map(str::to_string)
        })
        .collect();
    // …is exactly what the app manifest lists (a command missing there cannot be called)…
    let manifest: BTreeSet<String> = between(&repo_file("src-tauri/build.rs"), "const COMMANDS: &[&str] = &[", "];")
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_string())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        handlers, manifest,
        "src-tauri/build.rs COMMANDS must list every command of generate_handler!"
    );
    // The UI calls nothing else.
    for entry in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"))
        .expect("ui/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".js") {
            continue;
        }
        let js = std::fs::read_to_string(entry.path()).expect("js");
        for call in js.split("invoke('").skip(1) {
            let command = &call[..call.find('\'').expect("closing quote")];
            assert!(
                handlers.contains(command),
                "ui/{name} invokes {command}, which is not a command"
            );
        }
    }
    // …and what the main window's capability grants, one by one; nothing else is granted.
    let capability: serde_json::Value =
        serde_json::from_str(&repo_file("capabilities/default.json")).expect("capability json");
    assert_eq!(
        capability["windows"],
        serde_json::json!(["main"]),
        "the main window only (not the demo login window)"
    );
    assert!(capability.get("remote").is_none(), "no remote origin may call commands");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("string").to_string())
        .collect();
    let allow = |c: &str| format!("allow-{}", c.replace('_', "-"));
    let expected: BTreeSet<String> = handlers
        .iter()
        .filter(|c| !PALETTE_ONLY.contains(&c.as_str()))
        .map(|c| allow(c))
        .chain([
            "core:event:allow-listen".to_string(),
            "core:event:allow-unlisten".to_string(),
        ])
        .collect();
    assert_eq!(
        granted, expected,
        "capabilities/default.json grants exactly our commands (but the palette's own) and event listening"
    );
    // The quick-search palette gets only what it uses: no views, no connecting, no identity or
    // shortcut changes.
    let palette: serde_json::Value =
        serde_json::from_str(&repo_file("capabilities/palette.json")).expect("capability json");
    assert_eq!(palette["windows"], serde_json::json!(["palette"]));
    assert!(palette.get("remote").is_none(), "no remote origin may call commands");
    let granted: BTreeSet<String> = palette["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("string").to_string())
        .collect();
    let expected: BTreeSet<String> = PALETTE_USES
        .iter()
        .map(|c| {
            assert!(handlers.contains(*c), "{c} is a command");
            allow(c)
        })
        .chain([
            "core:event:allow-listen".to_string(),
            "core:event:allow-unlisten".to_string(),
        ])
        .collect();
    assert_eq!(
        granted, expected,
        "capabilities/palette.json grants exactly what the palette uses"
    );
    let other_capabilities: Vec<_> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .expect("capabilities/")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "default.json" && n != "palette.json")
            .collect();
    assert!(
        other_capabilities.is_empty(),
        "unexpected capabilities: {other_capabilities:?}"
    );

    let config: serde_json::Value = serde_json::from_str(&repo_file("tauri.conf.json")).expect("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-src 'none'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    for loose in [
        "unsafe-eval",
        "unsafe-inline",
        "https:",
        "http://*",
        " *",
        "data: 'self'",
    ] {
        assert!(!csp.contains(loose), "CSP allows {loose}: {csp}");
    }
    assert_eq!(
        config["build"]["frontendDist"], "ui",
        "the main window shows the bundled UI"
    );
    assert!(config["app"]["security"]
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(
        config["app"]["windows"]
            .as_array()
            .expect("windows")
            .iter()
            .all(|w| w.get("url").is_none_or(|u| !u.as_str().unwrap_or("").contains("://"))),
        "no remote page in a configured window"
    );
}

/// The permission bits of `path`.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_is_private_to_the_user() {
    let org = demo_org().await;
    let parent = tempfile::tempdir().expect("tmp");
    // A fresh folder as a first start creates it, under the default umask (others may read).
    let data = parent.path().join("workstation");
    // Logging starts first, as in the app: it creates the folder, the log folder and the log.
    let log = workstation::logging::init(&data, false);
    let store = Arc::new(MemoryStore::default());
    let ws = Workstation::new(
        &data,
        Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.base_url())))),
        store,
    )
    .expect("workstation");
    ws.connect_demo_auto_approved().await.expect("connects");
    ws.search("Acme", Limits::default()).await.expect("search"); // recent-records.json: CRM data
    ws.object_views("Account").await.expect("views");
    tracing::warn!(target: "workstation", "a log line");
    drop(log); // flushes the log file
    let folder = mode(&data);
    assert_eq!(
        folder & 0o077,
        0,
        "another local user can enter the data folder (mode {folder:o})"
    );
    assert!(data.join("recent-records.json").exists() && data.join("settings.json").exists());
    assert_eq!(mode(&data.join("logs")), 0o700, "the log folder");
    let files = crate::common::walk(&data);
    assert!(files.iter().any(|f| f.ends_with("logs/workstation.log")), "{files:?}");
    for file in &files {
        assert_eq!(mode(file), 0o600, "{} is readable by others", file.display());
    }
    assert_eq!(
        ws.status().data_folder_not_private,
        None,
        "status says nothing of a private folder"
    );
    assert!(
        serde_json::to_value(ws.status())
            .expect("json")
            .get("data_folder_not_private")
            .is_none(),
        "the JSON of status is unchanged for a private folder"
    );
}

/// A data folder of another account (it could read or replace whatever is written there) is
/// refused, not merely reported: no log, no settings, no workstation, and words that say what
/// to do.
#[cfg(unix)]
#[tokio::test]
async fn a_data_folder_of_another_account_gets_no_log_and_no_workstation() {
    use std::os::unix::fs::PermissionsExt;
    use workstation::api::localize::{Lang, Localize};
    use workstation::store::StoreError;
    let org = demo_org().await;
    let parent = tempfile::tempdir().expect("tmp");
    let data = parent.path().join("workstation");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // A folder of another account: it can read it whatever the mode. Only root can set this up.
    if std::os::unix::fs::chown(&data, Some(65534), Some(65534)).is_err() {
        eprintln!("not root: cannot give a folder to another account here");
        return;
    }
    // Logging starts first, as in the app.
    let log = workstation::logging::init(&data, false);
    tracing::warn!(target: "workstation", "a log line");
    let refused = Workstation::new(
        &data,
        Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.base_url())))),
        Arc::new(MemoryStore::default()),
    )
    .err()
    .expect("refused");
    drop(log);
    assert!(
        matches!(&refused, workstation::api::ApiError::Store(StoreError::NotOurs { owner: 65534, path }) if path == &data),
        "{refused:?}"
    );
    assert_eq!(refused.kind(), "store");
    let en = refused.localize(Lang::En);
    assert!(
        en.contains("belongs to another account") && en.contains("WORKSTATION_DATA_DIR"),
        "{en}"
    );
    let fr = refused.localize(Lang::Fr);
    assert!(
        fr.contains("appartient à un autre compte") && fr.contains("WORKSTATION_DATA_DIR"),
        "{fr}"
    );
    let written: Vec<_> = std::fs::read_dir(&data)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(written.is_empty(), "{written:?}");
    assert_eq!(mode(&data), 0o755, "its mode is as it was");
}
