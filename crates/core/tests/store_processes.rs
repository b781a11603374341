//! The settings store shared by real processes, as the window, the palette and CLI runs from a
//! launcher share it: each child here is this test binary run again in a role of its own
//! (`STORE_CHILD`), writing to one settings file at the same time as the others.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use workstation_core::store::LocalStore;

const WRITES_PER_PROCESS: usize = 250;

/// Not a test of its own: the body of a child process, run by the tests below.
#[test]
fn store_child() {
    let (Ok(role), Ok(path), Ok(name)) = (
        std::env::var("STORE_CHILD"),
        std::env::var("STORE_CHILD_FILE"),
        std::env::var("STORE_CHILD_NAME"),
    ) else {
        return;
    };
    let path = Path::new(&path);
    match role.as_str() {
        // The window: one store kept open for the whole run, a key at a time.
        "window" => {
            let store = LocalStore::open(path).expect("open");
            for i in 0..WRITES_PER_PROCESS {
                store.set(&format!("{name}/{i}"), &i).expect("set");
                // The window reads what it keeps between its own writes.
                assert_eq!(store.get::<usize>(&format!("{name}/{i}")), Some(i));
            }
        }
        // A CLI run per write, as a launcher starts one per keystroke.
        "cli" => {
            for i in 0..WRITES_PER_PROCESS {
                LocalStore::open(path)
                    .expect("open")
                    .set(&format!("{name}/{i}"), &i)
                    .expect("set");
            }
        }
        other => panic!("unknown role {other}"),
    }
}

fn in_a_child() -> bool {
    std::env::var_os("STORE_CHILD").is_some()
}

/// This test binary again, as a child writing `name`'s keys to `path` in `role`.
fn spawn_writer(role: &str, name: &str, path: &Path, extra_env: &[(&str, &str)]) -> Child {
    let me = std::env::current_exe().expect("this test binary");
    Command::new(me)
        .args(["--exact", "store_child", "--nocapture", "--test-threads=1"])
        .env("STORE_CHILD", role)
        .env("STORE_CHILD_FILE", path)
        .env("STORE_CHILD_NAME", name)
        .envs(extra_env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn a_thousand_interleaved_writes_from_four_processes_lose_nothing_and_leave_no_temporary() {
    if in_a_child() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("settings.json");
    // A value someone saved before: nobody's write may drop it.
    LocalStore::open(&path)
        .expect("open")
        .set("identity/email", &"dana@acme.example")
        .expect("set");
    let writers = [("window", "w1"), ("window", "w2"), ("cli", "c1"), ("cli", "c2")];
    let children: Vec<_> = writers
        .iter()
        .map(|(role, name)| (*name, spawn_writer(role, name, &path, &[])))
        .collect();
    for (name, child) in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let settings = LocalStore::open(&path).expect("open");
    let mut lost = Vec::new();
    for (_, name) in writers {
        for i in 0..WRITES_PER_PROCESS {
            if settings.get::<usize>(&format!("{name}/{i}")) != Some(i) {
                lost.push(format!("{name}/{i}"));
            }
        }
    }
    assert!(
        lost.is_empty(),
        "{} of 1000 values lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
    assert_eq!(
        settings.get::<String>("identity/email").as_deref(),
        Some("dana@acme.example")
    );
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new(), "temporaries left");
}

#[test]
fn a_save_in_progress_in_another_process_survives_the_store_being_opened() {
    if in_a_child() {
        return;
    }
    // `workstation identity` paused halfway through its save while `workstation status` opens
    // the store: the first one's save still lands.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("settings.json");
    let mut slow = spawn_writer("cli", "slow", &path, &[("WORKSTATION_FAILPOINT_SAVE_PAUSE_MS", "400")]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while temporaries(dir.path()).is_empty() {
        assert!(Instant::now() < deadline, "the child never started saving");
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = LocalStore::open(&path).expect("open").get::<usize>("slow/0");
    while LocalStore::open(&path).expect("open").get::<usize>("slow/0").is_none() {
        assert!(
            Instant::now() < deadline && slow.try_wait().expect("child").is_none(),
            "the save in progress was lost"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = slow.kill();
    let _ = slow.wait();
}
