//! `workstation` with no command (or with a `workstation://` link, as the desktop entry's
//! `Exec=workstation %u` passes it) opens the window by handing over to `workstation-window`,
//! the executable beside this one. The window links WebKitGTK and GTK; the commands do not, so
//! that a launcher calling `workstation search … --json` at every keystroke pays no WebKit
//! start-up (BENCHMARKS.md, the command line's start-up).

use crate::api::localize::pick;
use std::path::PathBuf;
use std::process::Command;

/// The window's executable, next to this one.
fn window_executable() -> std::io::Result<PathBuf> {
    let me = std::env::current_exe()?;
    Ok(me.with_file_name(format!("workstation-window{}", std::env::consts::EXE_SUFFIX)))
}

/// Hands over to the window with the same arguments: on Unix this process becomes the window
/// (same process: what started it — the desktop, a WebDriver — sees the window it asked for).
pub(super) fn open() -> i32 {
    let failed = |why: String| {
        eprintln!(
            "{} {why}",
            pick(
                crate::api::saved_language(crate::api::default_data_dir().ok().as_deref()),
                "error: the window could not start:",
                "erreur : la fenêtre n’a pas pu démarrer :"
            )
        );
        1
    };
    let window = match window_executable() {
        Ok(path) => path,
        Err(e) => return failed(e.to_string()),
    };
    let mut command = Command::new(&window);
    command.args(std::env::args_os().skip(1));
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = command.exec();
        failed(format!("{} ({e})", window.display()))
    }
    #[cfg(not(unix))]
    match command.status() {
        Ok(status) => status.code().unwrap_or(1),
        Err(e) => failed(format!("{} ({e})", window.display())),
    }
}
