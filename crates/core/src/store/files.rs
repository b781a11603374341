//! Files in the data folder, written so that neither a crash nor another process nor another
//! local user can spoil them: private modes (0600 files in a 0700 folder, whatever the umask),
//! atomic replacement (temporary, fsync, rename, fsync the folder), and temporaries that
//! nobody can predict, pre-create or point elsewhere with a link.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
#[cfg(test)]
use std::time::SystemTime;
use thiserror::Error;

/// A temporary older than this is a crashed save's, whoever wrote it (no save takes a minute).
const STALE_AFTER: Duration = Duration::from_secs(60);

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
/// why not otherwise. A folder of another account is left as it was (its owner is asked first:
/// root could change its mode, and that would hide whose it is). On Windows the folder keeps the
/// access list it inherits: under the person's profile (%APPDATA%) that is the person, SYSTEM and
/// the Administrators, no other account (README, Platforms).
pub fn make_folder_private(dir: &Path) -> Result<(), NotPrivate> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let owner = fs::metadata(dir)
            .map_err(|e| NotPrivate::Unchangeable(e.to_string()))?
            .uid();
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if owner != me {
            return Err(NotPrivate::OtherOwner(owner));
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| NotPrivate::Unchangeable(e.to_string()))?;
        let meta = fs::metadata(dir).map_err(|e| NotPrivate::Unchangeable(e.to_string()))?;
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
pub(super) fn make_file_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The folder of `path` and the start of its temporaries' names (`.settings.json.`).
pub(super) fn temporary_prefix(path: &Path) -> (PathBuf, String) {
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

/// A new temporary beside `path`: `.<name>.<pid>.<random>.tmp`, created exclusively (a file or
/// link already there is an error, never opened), not followed if it is a link, 0600. The pid
/// lets a later process tell a crashed save's leftover from a live one.
fn create_temporary(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    use rand::Rng;
    let (dir, prefix) = temporary_prefix(path);
    let mut tries = 0;
    loop {
        let random: u64 = rand::thread_rng().gen();
        let tmp = dir.join(format!("{prefix}{}.{random:016x}.tmp", std::process::id()));
        match create_exclusive(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Creates `path` (0600) only if nothing is there, not even a link.
fn create_exclusive(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    open_private(path, &mut options)
}

/// Half-written temporaries of saves that crashed (the real file was never touched): those of
/// processes that are gone, or older than a minute. Another live process's temporary, which it
/// is about to rename, is left alone.
pub(super) fn remove_stale_temporaries(path: &Path) {
    let (dir, prefix) = temporary_prefix(path);
    let Ok(entries) = fs::read_dir(&dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(middle) = name.strip_prefix(&prefix).and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        // Not followed: a link's own age, and removing it removes the link.
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        let writer = middle.split('.').next().and_then(|pid| pid.parse::<u32>().ok());
        if old || writer.is_none_or(|pid| !process_is_alive(pid)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether a process with this id runs (Unix, Windows; elsewhere only a temporary's age tells).
fn process_is_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(windows)]
    return crate::windows_account::process_is_alive(pid);
    #[cfg(not(any(unix, windows)))]
    {
        let _ = pid;
        true
    }
}

/// Temporary file beside the target (0600, so the file it becomes is too), fsync, rename,
/// fsync the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, _) = temporary_prefix(path);
    fs::create_dir_all(&dir)?;
    let (tmp, mut file) = create_temporary(path)?;
    let written = (|| {
        let (head, tail) = bytes.split_at(bytes.len() / 2);
        file.write_all(head)?;
        failpoint_pause_mid_save();
        file.write_all(tail)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn a_link_where_a_temporary_would_go_is_never_followed() {
        let dir = tempfile::tempdir().expect("tmp");
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep me").expect("write");
        let planted = dir.path().join(".settings.json.1.0.tmp");
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        assert!(create_exclusive(&planted).is_err(), "a link is not opened");
        assert_eq!(fs::read(&victim).expect("read"), b"keep me");
        // Two temporaries of one process are two files with names nobody could guess.
        let path = dir.path().join("settings.json");
        let (a, _) = create_temporary(&path).expect("one");
        let (b, _) = create_temporary(&path).expect("two");
        assert_ne!(a, b);
    }

    #[test]
    fn only_temporaries_of_gone_processes_or_older_than_a_minute_are_cleaned() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("settings.json");
        // A save of this (live) process in progress: kept.
        let (live, file) = create_temporary(&path).expect("temporary");
        // A crashed save of a process that is gone (pids are below 2^22 on Linux).
        let gone = dir.path().join(".settings.json.4194303.00000000000000ff.tmp");
        fs::write(&gone, b"half").expect("write");
        // A name this code never writes, and another file's temporary: not ours to touch.
        let odd = dir.path().join(".settings.json.x.tmp");
        fs::write(&odd, b"?").expect("write");
        let other = dir.path().join(".recent-records.json.4194303.00.tmp");
        fs::write(&other, b"?").expect("write");
        remove_stale_temporaries(&path);
        let left = names(dir.path());
        assert!(
            left.contains(&live.file_name().expect("name").to_string_lossy().into_owned()),
            "{left:?}"
        );
        assert!(
            !left.contains(&".settings.json.4194303.00000000000000ff.tmp".to_string()),
            "{left:?}"
        );
        assert!(
            !left.contains(&".settings.json.x.tmp".to_string()),
            "no writer named: {left:?}"
        );
        assert!(
            left.contains(&".recent-records.json.4194303.00.tmp".to_string()),
            "{left:?}"
        );
        // Older than a minute: a crashed save whoever wrote it.
        let old = fs::File::options().write(true).open(&live).expect("open");
        old.set_modified(SystemTime::now() - STALE_AFTER - Duration::from_secs(1))
            .expect("touch");
        // Closed, as a crashed save's is (Windows removes no file that is open).
        drop((file, old));
        remove_stale_temporaries(&path);
        assert!(!live.exists());
    }
}
