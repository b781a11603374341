//! Logging with `tracing`: to stderr and to `logs/workstation.log` in the data directory,
//! level from `RUST_LOG` (default `info` for our crate, `warn` for the rest). Secrets are
//! wrapped in `Secret`, whose formatting prints `<redacted>`, so no log line carries one.

use std::path::Path;
use tracing_subscriber::prelude::*;
use tracing_subscriber::{fmt, EnvFilter};

/// Keeps the file writer flushing until dropped.
pub struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);

pub fn init(data_dir: &Path, to_stderr: bool) -> LogGuard {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,workstation=info"));
    let logs = data_dir.join("logs");
    let (file_layer, guard) = match std::fs::create_dir_all(&logs) {
        Ok(()) => {
            let appender = tracing_appender::rolling::never(&logs, "workstation.log");
            let (writer, guard) = tracing_appender::non_blocking(appender);
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
