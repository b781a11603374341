//! Logging with `tracing`: to stderr and to `logs/workstation.log` in the data directory,
//! level from `RUST_LOG` (default `info` for our crate, `warn` for the rest). Secrets are
//! wrapped in `Secret`, whose formatting prints `<redacted>`, so no log line carries one.
//! The log folder is its owner's only (0700) and the file too (0600), as the data folder is;
//! the log is bounded at every write ([`SharedLog`]).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use tracing_subscriber::prelude::*;
use tracing_subscriber::{fmt, EnvFilter};

/// Lines waiting for the file writer's thread; beyond them a line is dropped (as before).
const BUFFERED_LINES: usize = 1_024;

/// Keeps the file writer flushing until dropped.
pub struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);

pub fn init(data_dir: &Path, to_stderr: bool) -> LogGuard {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,workstation=info"));
    let (file_layer, guard) = match open_log_file(data_dir) {
        Ok(file) => {
            // A queue of 1,024 lines, not the appender's default 128,000: that one is 4 MB
            // allocated and touched at start (~1,000 page faults, 2–3 ms of every command).
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(BUFFERED_LINES)
                .finish(file);
            (
                Some(fmt::layer().with_ansi(false).with_writer(writer).with_filter(filter())),
                Some(guard),
            )
        }
        Err(_) => (None, None),
    };
    let stderr_layer = to_stderr.then(|| fmt::layer().with_writer(std::io::stderr).with_filter(filter()));
    let _ = tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer)
        .try_init();
    LogGuard(guard)
}

/// `logs/workstation.log`, appended to by every process of the person (see [`SharedLog`]).
/// Logging starts before the workstation opens the data folder, so the folders are checked and
/// made private here too: a data folder of another account gets no log (the workstation then
/// refuses it and says so); whether a folder could be made private is said once the log is
/// running (`api::Workstation::new`).
fn open_log_file(data_dir: &Path) -> std::io::Result<SharedLog> {
    let refused =
        |e: crate::store::StoreError| std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string());
    crate::store::open_data_folder(data_dir).map_err(refused)?;
    let logs = data_dir.join("logs");
    crate::store::open_data_folder(&logs).map_err(refused)?;
    SharedLog::open(logs.join("workstation.log"), LOG_LIMIT_BYTES)
}

/// Past this size the log starts afresh, the previous one kept as `workstation.log.1`.
const LOG_LIMIT_BYTES: u64 = 5 * 1024 * 1024;

/// The log as every process of the person writes it — the window, its palette, each CLI run a
/// launcher starts on every keystroke — each appending through its own handle. It is bounded at
/// every write, not only when a process starts: a line that would take the file past the limit
/// first moves it to `workstation.log.1` (under the lock file beside it, so two processes never
/// both rotate) and starts a new one. A process whose file another process moved away notices
/// at its next line (the file at the path is not the one it holds) and opens the new one, so
/// no process keeps appending to `workstation.log.1`, nor to a file a second rotation deleted.
/// At most the line being written when another process rotates lands in the previous file.
pub(crate) struct SharedLog {
    path: PathBuf,
    file: File,
    limit: u64,
}

impl SharedLog {
    pub(crate) fn open(path: PathBuf, limit: u64) -> std::io::Result<SharedLog> {
        let file = open_append(&path)?;
        Ok(SharedLog { path, file, limit })
    }

    /// Whether the file at the path is still the one this process holds.
    fn holds_current(&self) -> bool {
        let (Ok(at_path), Ok(held)) = (std::fs::symlink_metadata(&self.path), self.file.metadata()) else {
            return false;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            at_path.dev() == held.dev() && at_path.ino() == held.ino()
        }
        // Without inode numbers: one file has one length, whoever asks; after a rotation the
        // new file is shorter than the one held.
        #[cfg(not(unix))]
        {
            at_path.len() == held.len()
        }
    }

    /// Makes room for `incoming` bytes: the current file, and a fresh one when it would pass
    /// the limit.
    fn make_room(&mut self, incoming: usize) -> std::io::Result<()> {
        if !self.holds_current() {
            self.file = open_append(&self.path)?;
        }
        let len = self.file.metadata()?.len();
        if len == 0 || len + incoming as u64 <= self.limit {
            return Ok(());
        }
        let _lock = crate::store::FileLock::guarding(&self.path)?;
        // Another process may have rotated while this one waited for the lock.
        if self.holds_current() && self.file.metadata()?.len() + incoming as u64 > self.limit {
            std::fs::rename(&self.path, self.path.with_extension("log.1"))?;
        }
        self.file = open_append(&self.path)?;
        Ok(())
    }
}

impl Write for SharedLog {
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        self.make_room(line.len())?;
        self.file.write(line)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Counts something anyone may make happen without limit (a web page opening `workstation://`
/// links, a local process calling back) and says so in the log only at the 1st, 10th, 100th…
/// time: a million of them make seven lines, so whoever makes them cannot flood the log nor
/// push what it held out of its two files.
pub struct Tally(AtomicU64);

impl Tally {
    pub const fn new() -> Tally {
        Tally(AtomicU64::new(0))
    }

    /// Counts one; the count so far when it deserves a line.
    pub fn count(&self) -> Option<u64> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        let mut power = 1;
        while power < n {
            power *= 10;
        }
        (power == n).then_some(n)
    }
}

impl Default for Tally {
    fn default() -> Tally {
        Tally::new()
    }
}

/// Opens the log for appending (every write at its end, whoever else writes), never through a
/// link (a link at its path is an error, not followed), created readable and writable by its
/// owner only (0600) at once; a log an older version left under the umask is made so through
/// the opened file.
fn open_append(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = crate::store::open_private(path, &mut options)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("the log is not a regular file"));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize) -> Vec<u8> {
        format!("line {n:04} {}\n", "x".repeat(20)).into_bytes()
    }

    #[test]
    fn the_log_stays_bounded_while_several_processes_write_and_the_newest_lines_are_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("workstation.log");
        let limit = 100;
        // Two processes' handles on one log (the window and a CLI run): each its own open
        // file, as across processes.
        let mut window = SharedLog::open(path.clone(), limit).expect("open");
        let mut cli = SharedLog::open(path.clone(), limit).expect("open");
        let lines = 40;
        for n in 0..lines {
            let writer = if n % 3 == 0 { &mut cli } else { &mut window };
            writer.write_all(&line(n)).expect("write");
            let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            assert!(size(&path) <= limit, "the log passed its bound at line {n}");
            assert!(
                size(&path.with_extension("log.1")) <= limit,
                "the previous log at line {n}"
            );
        }
        // Every line after the last two rotations is in one of the two files: none went to a
        // file that was moved away or deleted.
        let kept = [path.clone(), path.with_extension("log.1")]
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect::<String>();
        let per_file = limit as usize / line(0).len();
        for n in lines - per_file..lines {
            let l = String::from_utf8(line(n)).expect("utf8");
            assert!(kept.contains(&l), "line {n} was lost: {kept}");
        }
    }

    #[test]
    fn what_anyone_may_repeat_is_said_at_the_1st_10th_100th_time() {
        let tally = Tally::new();
        let said: Vec<u64> = (0..1_000).filter_map(|_| tally.count()).collect();
        assert_eq!(said, [1, 10, 100, 1_000]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_where_the_log_goes_is_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep me").expect("write");
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let path = dir.path().join("workstation.log");
        std::os::unix::fs::symlink(&victim, &path).expect("symlink");
        assert!(SharedLog::open(path.clone(), 100).is_err(), "a link is not opened");
        assert_eq!(std::fs::read(&victim).expect("read"), b"keep me");
        assert_eq!(
            std::fs::metadata(&victim).expect("meta").permissions().mode() & 0o777,
            0o644,
            "the link's target keeps its mode"
        );
    }
}
