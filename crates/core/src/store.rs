//! The settings store: one JSON object of keys → values in the data directory, the same
//! on-disk format as tauri-plugin-store, so the window and the CLI share it. Saves are
//! atomic (write a temporary file, fsync, rename over the old one, fsync the folder): a
//! crash mid-save leaves the previous or the new content, never a broken file. A file
//! that cannot be read is set aside (renamed, kept) and the defaults apply, with a notice.
//!
//! What the app writes holds CRM data: every file it creates is readable by its owner only
//! (0600) and the data folder is enterable by its owner only (0700), whatever the umask.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("Could not save settings to {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Could not read settings from {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}

/// Why the data folder is not private to the person (other local users may read it).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotPrivate {
    #[error("its permissions could not be changed ({0})")]
    Unchangeable(String),
    /// Its owner is another account, which can read whatever the mode says.
    #[error("it belongs to another account (user id {0})")]
    OtherOwner(u32),
    /// The file system keeps a mode that lets others in (some network or FAT file systems).
    #[error("its file system keeps it readable by others (mode {0:o})")]
    ModeNotKept(u32),
}

/// Makes `dir` enterable by its owner only (0700) and checks that it is so, and ours; says
/// why not otherwise. Elsewhere than Unix the per-user folders' own permissions apply.
pub fn make_folder_private(dir: &Path) -> Result<(), NotPrivate> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| NotPrivate::Unchangeable(e.to_string()))?;
        let meta = fs::metadata(dir).map_err(|e| NotPrivate::Unchangeable(e.to_string()))?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(NotPrivate::OtherOwner(meta.uid()));
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(NotPrivate::ModeNotKept(mode));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Opens `path` with `options`, creating it readable and writable by its owner only (0600)
/// whatever the umask; a file that was already there is made so too.
pub fn open_private(path: &Path, options: &mut fs::OpenOptions) -> io::Result<fs::File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    Ok(file)
}

/// Makes an existing file readable and writable by its owner only (Unix).
fn make_file_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// What the store did that the person should hear of, said by the front ends in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreNotice {
    /// The file could not be read; it was renamed to `kept_as` and the defaults apply.
    SetAside { kept_as: PathBuf },
}

pub struct LocalStore {
    path: PathBuf,
    data: Mutex<Map<String, Value>>,
    notices: Mutex<Vec<StoreNotice>>,
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
        let data = match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                Ok(Value::Object(map)) => map,
                _ => {
                    let aside = set_aside(&path);
                    tracing::warn!(file = %path.display(), kept_as = %aside.display(), "settings file was damaged; defaults apply");
                    notices.push(StoreNotice::SetAside { kept_as: aside });
                    Map::new()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Map::new(),
            Err(source) => return Err(StoreError::Read { path, source }),
        };
        Ok(LocalStore {
            path,
            data: Mutex::new(data),
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

    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let data = self.data.lock().ok()?;
        serde_json::from_value(data.get(key)?.clone()).ok()
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

    fn update(&self, change: impl FnOnce(&mut Map<String, Value>)) -> Result<(), StoreError> {
        let mut data = match self.data.lock() {
            Ok(d) => d,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut next = data.clone();
        change(&mut next);
        let bytes = serde_json::to_vec_pretty(&next).unwrap_or_default();
        write_atomically(&self.path, &bytes).map_err(|source| StoreError::Write {
            path: self.path.clone(),
            source,
        })?;
        *data = next;
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

fn temporary_prefix(path: &Path) -> (PathBuf, String) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    (dir, format!(".{name}."))
}

/// Half-written temporaries of a save that crashed: the real file was never touched.
fn remove_stale_temporaries(path: &Path) {
    let (dir, prefix) = temporary_prefix(path);
    let Ok(entries) = fs::read_dir(&dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
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

/// Temporary file beside the target (0600, so the file it becomes is too), fsync, rename,
/// fsync the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (dir, prefix) = temporary_prefix(path);
    fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!("{prefix}{}.tmp", std::process::id()));
    {
        let mut file = open_private(&tmp, fs::OpenOptions::new().write(true).create(true).truncate(true))?;
        let (head, tail) = bytes.split_at(bytes.len() / 2);
        file.write_all(head)?;
        failpoint_pause_mid_save();
        file.write_all(tail)?;
        file.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Debug builds only: `WORKSTATION_FAILPOINT_SAVE_PAUSE_MS` pauses a save halfway
/// through writing, so a test can kill the process mid-save.
fn failpoint_pause_mid_save() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("WORKSTATION_FAILPOINT_SAVE_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
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
        // A temporary left by a crash of a process with our id keeps no looser mode.
        let (tmp_dir, prefix) = temporary_prefix(&path);
        let tmp = tmp_dir.join(format!("{prefix}{}.tmp", std::process::id()));
        fs::write(&tmp, b"half").expect("write");
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o666)).expect("chmod");
        let f = open_private(&tmp, fs::OpenOptions::new().write(true).truncate(true)).expect("open");
        drop(f);
        assert_eq!(mode(&tmp), 0o600, "a temporary that was already there");
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
    fn no_temporary_file_is_left_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.json");
        let s = LocalStore::open(&path).expect("open");
        s.set("k", &1).expect("set");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }
}
