//! Logging with `tracing`: to stderr and to `logs/workstation.log` in the data directory,
//! level from `RUST_LOG` (default `info` for our crate, `warn` for the rest). Secrets are
//! wrapped in `Secret`, whose formatting prints `<redacted>`, so no log line carries one.
//! The log folder is its owner's only (0700) and the file too (0600), as the data folder is.

use std::path::Path;
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

/// `logs/workstation.log`, appended to, created by us (0600) rather than by the appender,
/// which would create it under the umask. Logging starts before the workstation opens the data
/// folder, so the folders are made private here too; whether they could be is said once the
/// log is running (`api::Workstation::new`).
fn open_log_file(data_dir: &Path) -> std::io::Result<std::fs::File> {
    let logs = data_dir.join("logs");
    std::fs::create_dir_all(&logs)?;
    let _ = crate::store::make_folder_private(data_dir);
    let _ = crate::store::make_folder_private(&logs);
    let path = logs.join("workstation.log");
    keep_bounded(&path);
    crate::store::open_private(&path, std::fs::OpenOptions::new().append(true).create(true))
}

/// Past this size the log starts afresh, the previous one kept as `workstation.log.1`.
const LOG_LIMIT_BYTES: u64 = 5 * 1024 * 1024;

/// A launcher runs `workstation search` on every keystroke, each run adding a line or two: the
/// log is kept to two files of about [`LOG_LIMIT_BYTES`] instead of growing for ever. Checked
/// when a run starts (one `stat`); a failure leaves the log as it was.
fn keep_bounded(path: &Path) {
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() > LOG_LIMIT_BYTES);
    if big {
        let _ = std::fs::rename(path, path.with_extension("log.1"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_past_its_limit_starts_afresh_and_the_last_one_is_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("workstation.log");
        std::fs::write(&path, b"small").expect("write");
        keep_bounded(&path);
        assert_eq!(std::fs::read(&path).expect("kept"), b"small");
        let big = vec![b'x'; LOG_LIMIT_BYTES as usize + 1];
        std::fs::write(&path, &big).expect("write");
        keep_bounded(&path);
        assert!(!path.exists(), "a fresh log is started");
        assert_eq!(
            std::fs::metadata(dir.path().join("workstation.log.1"))
                .expect("kept")
                .len(),
            big.len() as u64
        );
    }
}
