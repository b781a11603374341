//! The settings store: one JSON object of keys → values in the data directory, the same
//! on-disk format as tauri-plugin-store, so the window and the CLI share it. Saves are
//! atomic (write a temporary file, fsync, rename over the old one, fsync the folder): a
//! crash mid-save leaves the previous or the new content, never a broken file. A file
//! that cannot be read is set aside (renamed, kept) and the defaults apply, with a notice.
//!
//! Several processes share it (the window, the palette, CLI runs from a terminal or a
//! launcher): a save re-reads the file under a lock and applies its change to what is there,
//! so the keys a process changed are its own and every other key keeps the newest value on
//! disk; a read notices a file another process replaced and reads it again.
//!
//! What the app writes holds CRM data: every file it creates is readable by its owner only
//! (0600) and the data folder is enterable by its owner only (0700), whatever the umask.

mod files;
mod lock;

pub use files::{make_folder_private, open_private, write_atomically, NotPrivate};
pub use lock::{lock_path, update_shared_file, FileLock};

use files::{make_file_private, remove_stale_temporaries};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("Could not save settings to {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Could not read settings from {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The data folder belongs to another account, which could read or replace whatever is
    /// written there: nothing is.
    #[error("The data folder {path} belongs to another account (user id {owner}), so Workstation writes nothing there. Give it back to your account (`sudo chown -R $USER {path}`) or remove it, or set WORKSTATION_DATA_DIR to a folder of your own.")]
    NotOurs { path: PathBuf, owner: u32 },
    /// No per-user data folder is known (no home folder), and no `WORKSTATION_DATA_DIR`.
    #[error("There is no data folder for Workstation: this account has no home folder. Set HOME, or WORKSTATION_DATA_DIR to a folder of your own.")]
    NoDataFolder,
}

/// Makes folders only their owner can open: mode 0700 on Unix (elsewhere the per-user
/// folder's access list does it, see `make_folder_private`).
pub fn private_dir_builder() -> fs::DirBuilder {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        let mut builder = fs::DirBuilder::new();
        builder.mode(0o700);
        builder
    }
    #[cfg(not(unix))]
    fs::DirBuilder::new()
}

/// Makes `dir` the data folder of this run: created if missing (0700 on Unix), refused when
/// another account owns it ([`StoreError::NotOurs`]), made private. When it cannot be made
/// private (a file system that keeps other modes), it is still used and the reason returned,
/// for the front ends to say.
pub fn open_data_folder(dir: &Path) -> Result<Option<NotPrivate>, StoreError> {
    let failed = |source| StoreError::Write {
        path: dir.to_path_buf(),
        source,
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(failed)?;
    }
    match private_dir_builder().create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(failed(e)),
    }
    match make_folder_private(dir) {
        Ok(()) => Ok(None),
        Err(NotPrivate::OtherOwner(owner)) => Err(StoreError::NotOurs {
            path: dir.to_path_buf(),
            owner,
        }),
        Err(why) => Ok(Some(why)),
    }
}

/// What the store did that the person should hear of, said by the front ends in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreNotice {
    /// The file could not be read; it was renamed to `kept_as` and the defaults apply.
    SetAside { kept_as: PathBuf },
}

pub struct LocalStore {
    path: PathBuf,
    state: Mutex<Loaded>,
    notices: Mutex<Vec<StoreNotice>>,
}

/// The keys as last read or written, and which version of the file they came from.
struct Loaded {
    data: Map<String, Value>,
    seen: Option<Stamp>,
}

/// Tells one version of a file from another: every save renames a new file into place (a new
/// inode on Unix), and its length and time stamp change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
}

/// What is on disk now.
enum OnDisk {
    Keys(Map<String, Value>),
    Missing,
    Damaged,
}

fn read_disk(path: &Path) -> io::Result<OnDisk> {
    match fs::read(path) {
        Ok(bytes) => Ok(match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => OnDisk::Keys(map),
            _ => OnDisk::Damaged,
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(OnDisk::Missing),
        Err(e) => Err(e),
    }
}

impl LocalStore {
    /// Opens (or starts) the store at `path`. Never fails on bad content.
    pub fn open(path: impl Into<PathBuf>) -> Result<LocalStore, StoreError> {
        let path = path.into();
        remove_stale_temporaries(&path);
        // Written by an older version under the umask (0644): ours only from now on.
        if let Err(e) = make_file_private(&path) {
            if e.kind() != io::ErrorKind::NotFound {
                tracing::warn!(file = %path.display(), error = %e, "a settings file could not be made private");
            }
        }
        let mut notices = Vec::new();
        let read = |path: &Path| {
            read_disk(path).map_err(|source| StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        };
        let data = match read(&path)? {
            OnDisk::Keys(map) => map,
            OnDisk::Missing => Map::new(),
            OnDisk::Damaged => {
                // Under the lock, so that a file another process is replacing right now is
                // never taken for a damaged one.
                let _lock = FileLock::guarding(&path).map_err(|source| StoreError::Read {
                    path: path.clone(),
                    source,
                })?;
                match read(&path)? {
                    OnDisk::Keys(map) => map,
                    OnDisk::Missing => Map::new(),
                    OnDisk::Damaged => {
                        let aside = set_aside(&path);
                        tracing::warn!(file = %path.display(), kept_as = %aside.display(), "settings file was damaged; defaults apply");
                        notices.push(StoreNotice::SetAside { kept_as: aside });
                        Map::new()
                    }
                }
            }
        };
        let seen = stamp(&path);
        Ok(LocalStore {
            path,
            state: Mutex::new(Loaded { data, seen }),
            notices: Mutex::new(notices),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Notices about the store itself (a damaged file set aside), taken once.
    pub fn take_notices(&self) -> Vec<StoreNotice> {
        self.notices
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, Loaded> {
        match self.state.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The keys as they are on disk now: read again when another process replaced the file
    /// since (one `stat` when it did not). A file that cannot be read leaves what was known.
    fn current(&self) -> std::sync::MutexGuard<'_, Loaded> {
        let mut state = self.state();
        let now = stamp(&self.path);
        if now != state.seen {
            match read_disk(&self.path) {
                Ok(OnDisk::Keys(map)) => state.data = map,
                Ok(OnDisk::Missing) => state.data = Map::new(),
                Ok(OnDisk::Damaged) | Err(_) => {}
            }
            state.seen = now;
        }
        state
    }

    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let state = self.current();
        serde_json::from_value(state.data.get(key)?.clone()).ok()
    }

    /// Sets and saves at once.
    pub fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        self.update(|data| {
            data.insert(key.to_string(), value);
        })
    }

    pub fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.update(|data| {
            data.remove(key);
        })
    }

    /// Removes every key starting with `prefix` and saves.
    pub fn remove_prefix(&self, prefix: &str) -> Result<(), StoreError> {
        self.update(|data| data.retain(|k, _| !k.starts_with(prefix)))
    }

    /// Applies `change` to the file as it is on disk now, under the lock, and saves: what other
    /// processes saved meanwhile is kept, key by key.
    fn update(&self, change: impl FnOnce(&mut Map<String, Value>)) -> Result<(), StoreError> {
        let failed = |source| StoreError::Write {
            path: self.path.clone(),
            source,
        };
        let mut state = self.state();
        let _lock = FileLock::guarding(&self.path).map_err(failed)?;
        let mut next = match read_disk(&self.path).map_err(failed)? {
            OnDisk::Keys(map) => map,
            OnDisk::Missing => Map::new(),
            // Damaged since it was opened: what this process knew is the best there is.
            OnDisk::Damaged => state.data.clone(),
        };
        change(&mut next);
        let bytes = serde_json::to_vec_pretty(&next).unwrap_or_default();
        write_atomically(&self.path, &bytes).map_err(failed)?;
        state.data = next;
        state.seen = stamp(&self.path);
        Ok(())
    }
}

fn set_aside(path: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let aside = path.with_extension(format!("corrupt-{stamp}.json"));
    if fs::rename(path, &aside).is_err() {
        return path.to_path_buf();
    }
    let _ = make_file_private(&aside);
    aside
}

/// Seconds since the Unix epoch: the time stamp of what the store caches.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Whether something stamped `at` (by [`now_secs`]) is younger than `ttl_secs`.
pub fn is_fresh(at: u64, ttl_secs: u64) -> bool {
    now_secs().saturating_sub(at) < ttl_secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_persist_across_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.json");
        let s = LocalStore::open(&path).expect("open");
        s.set("views", &vec!["a", "b"]).expect("set");
        let again = LocalStore::open(&path).expect("reopen");
        assert_eq!(again.get::<Vec<String>>("views"), Some(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_notice() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.json");
        fs::write(&path, b"{\"views\": [tru").expect("write");
        let s = LocalStore::open(&path).expect("open");
        assert_eq!(s.get::<Vec<String>>("views"), None);
        let notices = s.take_notices();
        assert_eq!(notices.len(), 1, "{notices:?}");
        let kept: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(kept.iter().any(|n| n.contains("corrupt")), "{kept:?}");
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("metadata").permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn saved_and_set_aside_files_are_private_whatever_the_umask_said() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.json");
        let s = LocalStore::open(&path).expect("open");
        s.set("views", &vec!["a"]).expect("set");
        assert_eq!(mode(&path), 0o600, "after a save");
        // A file another program (or an older version) wrote readable by all…
        let other = dir.path().join("search-memo.json");
        write_atomically(&other, b"{}").expect("write");
        assert_eq!(mode(&other), 0o600, "written through write_atomically");
        fs::set_permissions(&other, fs::Permissions::from_mode(0o644)).expect("chmod");
        LocalStore::open(&other).expect("open");
        assert_eq!(mode(&other), 0o600, "an older file, once opened");
        // …and a damaged one, set aside.
        let damaged = dir.path().join("recent.json");
        fs::write(&damaged, b"{\"views\": [tru").expect("write");
        fs::set_permissions(&damaged, fs::Permissions::from_mode(0o644)).expect("chmod");
        let s = LocalStore::open(&damaged).expect("open");
        let Some(StoreNotice::SetAside { kept_as }) = s.take_notices().pop() else {
            panic!("not set aside")
        };
        assert_ne!(kept_as, damaged);
        assert_eq!(mode(&kept_as), 0o600, "the file set aside");
        // A file that was already there keeps no looser mode once opened.
        let loose = dir.path().join("loose.json");
        fs::write(&loose, b"half").expect("write");
        fs::set_permissions(&loose, fs::Permissions::from_mode(0o666)).expect("chmod");
        let f = open_private(&loose, fs::OpenOptions::new().write(true).truncate(true)).expect("open");
        drop(f);
        assert_eq!(mode(&loose), 0o600, "a file that was already there");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_is_made_private_and_a_folder_of_another_account_is_said_to_be_not() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("workstation");
        fs::create_dir(&data).expect("mkdir");
        fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(make_folder_private(&data), Ok(()));
        assert_eq!(mode(&data), 0o700);
        assert!(matches!(
            make_folder_private(&dir.path().join("missing")),
            Err(NotPrivate::Unchangeable(_))
        ));
        // Only root may give a folder away; elsewhere this part cannot be set up.
        if std::os::unix::fs::chown(&data, Some(65534), Some(65534)).is_ok() {
            assert_eq!(make_folder_private(&data), Err(NotPrivate::OtherOwner(65534)));
        }
    }

    #[test]
    fn two_stores_on_one_file_keep_each_others_keys_and_see_each_others_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.json");
        let window = LocalStore::open(&path).expect("open");
        let cli = LocalStore::open(&path).expect("open");
        window.set("ui/theme", &"dark").expect("set");
        cli.set("identity/email", &"ravi@acme.example").expect("set");
        // The window saves again: the CLI's key, saved meanwhile, is not lost…
        window.set("ui/language", &"fr").expect("set");
        let on_disk = LocalStore::open(&path).expect("open");
        assert_eq!(
            on_disk.get::<String>("identity/email").as_deref(),
            Some("ravi@acme.example")
        );
        assert_eq!(on_disk.get::<String>("ui/theme").as_deref(), Some("dark"));
        // …and each reads what the other saved, without reopening.
        assert_eq!(
            window.get::<String>("identity/email").as_deref(),
            Some("ravi@acme.example")
        );
        assert_eq!(cli.get::<String>("ui/language").as_deref(), Some("fr"));
        // A key the other removed is gone for both; a key changed by both is the last one's.
        cli.remove("ui/theme").expect("remove");
        assert_eq!(window.get::<String>("ui/theme"), None);
        window.set("identity/email", &"dana@acme.example").expect("set");
        assert_eq!(
            cli.get::<String>("identity/email").as_deref(),
            Some("dana@acme.example")
        );
    }

    #[test]
    fn no_temporary_file_is_left_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.json");
        let s = LocalStore::open(&path).expect("open");
        s.set("k", &1).expect("set");
        let mut left: Vec<PathBuf> = fs::read_dir(dir.path())
            .expect("ls")
            .flatten()
            .map(|e| e.path())
            .collect();
        left.sort();
        // The file, and the lock file the processes sharing it take turns with.
        assert_eq!(left, vec![lock_path(&path), path]);
    }
}
