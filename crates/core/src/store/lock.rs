//! Advisory locks between Workstation's processes (the window, its palette, every CLI run a
//! launcher starts) sharing one data folder: a lock file beside what it guards, locked with the
//! operating system's file locks (`flock` on Unix, `LockFileEx` on Windows), so a process that
//! dies releases its lock with it. Whoever holds it may read, decide and write without another
//! process doing the same in between.

use super::files::{open_private, temporary_prefix, write_atomically};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// An exclusive lock, held until dropped.
#[derive(Debug)]
pub struct FileLock {
    file: fs::File,
}

impl FileLock {
    /// Waits for and takes the lock guarding `path` (the lock file `.<name>.lock` beside it,
    /// created 0600 and never followed through a link).
    pub fn guarding(path: &Path) -> io::Result<FileLock> {
        let lock_path = lock_path(path);
        if let Some(dir) = lock_path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let file = open_private(&lock_path, &mut options)?;
        file.lock()?;
        Ok(FileLock { file })
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first says so at once.
        let _ = self.file.unlock();
    }
}

/// The lock file that guards `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let (dir, prefix) = temporary_prefix(path);
    dir.join(format!("{prefix}lock"))
}

/// Reads `path` under its lock; `change` gets the current bytes (`None` when there is no file)
/// and returns the next content (`None` writes nothing), which is written atomically before
/// the lock is released. So two processes changing one file each see the other's change.
pub fn update_shared_file(path: &Path, change: impl FnOnce(Option<&[u8]>) -> Option<Vec<u8>>) -> io::Result<()> {
    let _lock = FileLock::guarding(path)?;
    let current = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    match change(current.as_deref()) {
        Some(next) => write_atomically(path, &next),
        None => Ok(()),
    }
}
