//! Where a run keeps what it keeps: the person's own profile (the data folder and the app's
//! keychain entry), or for `--demo` a throw-away one that touches neither — its own folder,
//! made for the run and removed after it, and tokens in memory.

use super::localize::KEY_LANGUAGE;
use crate::auth::store::{CredentialStore, KeyringStore, MemoryStore};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The demo's folders are named so in the temporary folder.
const DEMO_PREFIX: &str = "workstation-demo-";
/// A demo folder left behind (the process was killed) is removed by a later demo after this.
const LEFTOVER_AFTER: Duration = Duration::from_secs(24 * 3600);

pub struct Profile {
    data_dir: PathBuf,
    credentials: Arc<dyn CredentialStore>,
    /// `--demo`: the folder is the run's own, removed when the profile is dropped.
    throwaway: bool,
}

impl Profile {
    /// The person's own profile: the data folder `own` and the app's keychain entry.
    pub fn own(own: PathBuf) -> Profile {
        Profile {
            data_dir: own,
            credentials: Arc::new(KeyringStore::for_app()),
            throwaway: false,
        }
    }

    /// `--demo`: a new folder, private to the person, in the temporary folder, and a credential
    /// store in memory (the demo's tokens die with its demo org). Nothing of the person's own
    /// profile is written: not the connection or the list view choices in its settings, not its
    /// recent records, not its log, not its keychain entry. Only the language chosen there is
    /// read, so that the demo speaks it too.
    ///
    /// With `WORKSTATION_DATA_DIR` set (tests, portable installs: everything on disk in one
    /// folder), the demo's folder is `demo/` inside it, emptied at each start.
    pub fn demo(own: &Path) -> std::io::Result<Profile> {
        let data_dir = match std::env::var_os("WORKSTATION_DATA_DIR").filter(|d| !d.is_empty()) {
            Some(_) => fresh_private_folder(&own.join("demo"))?,
            None => {
                let temp = std::env::temp_dir();
                remove_leftovers(&temp);
                new_private_folder(&temp)?
            }
        };
        let profile = Profile {
            data_dir,
            credentials: Arc::new(MemoryStore::default()),
            throwaway: true,
        };
        let language = std::fs::read(own.join("settings.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .and_then(|settings| settings.get(KEY_LANGUAGE).cloned());
        if let Some(language) = language {
            let settings = serde_json::json!({ KEY_LANGUAGE: language });
            crate::store::write_atomically(&profile.data_dir.join("settings.json"), settings.to_string().as_bytes())?;
        }
        Ok(profile)
    }

    /// The profile of a launch: the demo's for `--demo`, else the person's own (`own`).
    pub fn for_launch(demo: bool, own: PathBuf) -> std::io::Result<Profile> {
        if demo {
            Profile::demo(&own)
        } else {
            Ok(Profile::own(own))
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn credentials(&self) -> Arc<dyn CredentialStore> {
        self.credentials.clone()
    }

    pub fn is_demo(&self) -> bool {
        self.throwaway
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        if self.throwaway {
            let _ = std::fs::remove_dir_all(&self.data_dir);
        }
    }
}

/// `workstation-demo-<pid>-<nanos>`, created (never reused: an existing name is an error, so
/// nobody can lay a folder or a link there first) and made private.
fn new_private_folder(temp: &Path) -> std::io::Result<PathBuf> {
    let mut last = None;
    for attempt in 0..16u32 {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = temp.join(format!("{DEMO_PREFIX}{}-{nanos:x}{attempt:x}", std::process::id()));
        match crate::store::private_dir_builder().create(&dir) {
            Ok(()) => {
                let _ = crate::store::make_folder_private(&dir);
                return Ok(dir);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free name")))
}

/// `dir` made anew (what an earlier run left there removed first) and private.
fn fresh_private_folder(dir: &Path) -> std::io::Result<PathBuf> {
    // Inside the person's data folder: refused, like the person's own runs, when that folder
    // belongs to another account.
    if let Some(parent) = dir.parent() {
        crate::store::open_data_folder(parent).map_err(std::io::Error::other)?;
    }
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::create_dir_all(dir.parent().unwrap_or(dir))?;
    crate::store::private_dir_builder().create(dir)?;
    let _ = crate::store::make_folder_private(dir);
    Ok(dir.to_path_buf())
}

/// Demo folders of runs that ended without removing theirs (killed), a day old or more, of
/// this account only (root's demo leaves other people's alone).
fn remove_leftovers(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let ours = entry.file_name().to_string_lossy().starts_with(DEMO_PREFIX);
        // Not followed: a link is no folder of ours.
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_dir() && owned_by_us(m))
            .and_then(|m| m.modified().ok())
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AFTER);
        if ours && old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether this account owns what `meta` describes (elsewhere than Unix, per-user temporary
/// folders hold only the person's own).
fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        std::os::unix::fs::MetadataExt::uid(meta) == unsafe { libc::geteuid() }
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}
