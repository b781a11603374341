//! What a running window leaves on this computer beyond its data folder (issue 22): `--demo`
//! registers no handler for links and keeps WebKit's data in its own folder; links opened in a
//! window open for days leave no zombie process; links from web pages cannot grow the log.

use crate::ui_harness::{journey, Ui, R};
use fantoccini::key::Key;
use std::path::{Path, PathBuf};

/// A folder of the app's environment (`XDG_DATA_HOME`…).
fn env_dir(ui: &Ui, name: &str) -> PathBuf {
    ui.app_env
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("{name} is set for the app"))
}

/// Every file and folder under `dir`.
fn everything_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.path());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(everything_under(&e.path()));
        }
    }
    out
}

#[test]
fn a_demo_registers_no_link_handler_and_keeps_webkits_data_in_its_own_folder() {
    journey("demo-leaves-no-trace", |ui| async move {
        // The window is up, signed in, and has made its palette: every webview exists.
        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.palette_window().await?;
        let data_home = env_dir(&ui, "XDG_DATA_HOME");
        let config_home = env_dir(&ui, "XDG_CONFIG_HOME");
        let cache_home = env_dir(&ui, "XDG_CACHE_HOME");
        let handlers: Vec<PathBuf> = everything_under(&data_home.join("applications"))
            .into_iter()
            .chain(
                everything_under(&config_home)
                    .into_iter()
                    .filter(|p| p.ends_with("mimeapps.list")),
            )
            .collect();
        assert!(handlers.is_empty(), "a link handler was registered: {handlers:?}");
        for home in [&data_home, &cache_home] {
            let profile = home.join("com.workstation.desktop");
            assert!(
                !profile.exists(),
                "WebKit's data in the person's profile: {:?}",
                everything_under(&profile)
            );
        }
        let own = ui.data_dir().ok_or("no data folder")?.join("demo").join("webview");
        assert!(own.is_dir(), "WebKit's data is in the demo's folder: {own:?}");
        Ok(())
    });
}

/// The window's process: the one whose environment is this launch's and whose name is the
/// window's.
fn window_pid(ui: &Ui) -> R<u32> {
    let marker = ui
        .app_env
        .iter()
        .find(|(k, _)| k == "WORKSTATION_KEYRING_SERVICE")
        .map(|(k, v)| format!("{k}={}", v.display()))
        .ok_or("no marker")?;
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let ours = environ.split(|b| *b == 0).any(|v| v == marker.as_bytes());
        if ours && comm.trim() == "workstation-win" {
            return Ok(pid);
        }
    }
    Err("the window's process was not found".into())
}

/// The children of `pid` that are zombies (ended, never waited for).
fn zombie_children(pid: u32) -> Vec<u32> {
    let mut children = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let list = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        children.extend(list.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
    }
    children
        .into_iter()
        .filter(|child| {
            std::fs::read_to_string(format!("/proc/{child}/stat"))
                .ok()
                .and_then(|stat| {
                    stat.rsplit_once(')')
                        .map(|(_, rest)| rest.trim_start().starts_with('Z'))
                })
                .unwrap_or(false)
        })
        .collect()
}

#[test]
fn links_opened_in_a_long_running_window_leave_no_zombie() {
    journey("no-zombie-browsers", |ui| async move {
        ui.wait_views_loaded(None).await?;
        let input = ui.wait_for("#search-input").await?;
        input.send_keys(&format!("Acme Corporation{}", Key::Enter)).await?;
        let record = ui.wait_opened(1).await?.remove(0);
        // The same record opened again and again, as a person does over a day.
        let opened = 12;
        for _ in 1..opened {
            ui.client
                .execute(
                    "window.__TAURI__.core.invoke('open_url', { url: arguments[0] }); return true;",
                    vec![serde_json::json!(record)],
                )
                .await?;
        }
        ui.wait_opened(opened).await?;
        let pid = window_pid(&ui)?;
        // Each browser command has ended (it wrote its line); give the window a moment to reap.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let zombies = zombie_children(pid);
            if zombies.is_empty() {
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("{} zombie children of the window: {zombies:?}", zombies.len()).into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    });
}

#[test]
fn links_that_are_not_ours_are_counted_not_logged_one_by_one() {
    journey("foreign-deep-links", |ui| async move {
        ui.wait_views_loaded(None).await?;
        let second_data = tempfile::tempdir()?;
        let sent = 25;
        for n in 0..sent {
            // What any web page can make the browser hand to the OS, again and again.
            let status = ui
                .hand_over(&format!("workstation://anything/{n}?x=y"), second_data.path())
                .await?;
            assert!(status.success(), "the second instance exits cleanly: {status}");
        }
        let log = ui.data_dir().ok_or("no data folder")?.join("demo/logs/workstation.log");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().filter(|l| l.contains("deep link")).collect();
            // Said at the 1st and the 10th, once both have arrived.
            if lines.len() >= 2 {
                assert_eq!(lines.len(), 2, "{lines:#?}");
                assert!(lines[1].contains("count=10"), "{lines:#?}");
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("the links were never said: {lines:#?}").into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    });
}
