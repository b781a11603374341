//! Opening a URL in the user's default browser. `WORKSTATION_BROWSER` names a command to
//! use instead (called with the URL as its one argument): for kiosks, and for tests that
//! observe what the app opens.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OpenError {
    #[error("refusing to open a non-web address: {0}")]
    NotWeb(String),
    #[error("could not run WORKSTATION_BROWSER ({command}): {reason}")]
    BrowserCommand { command: String, reason: String },
    #[error("could not open the browser: {0}")]
    NoBrowser(String),
}

pub fn open_url(url: &str) -> Result<(), OpenError> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(OpenError::NotWeb(url.to_string()));
    }
    match std::env::var("WORKSTATION_BROWSER") {
        Ok(cmd) if !cmd.trim().is_empty() => run_browser(cmd.trim(), url).map(|_| ()),
        // The `open` crate waits for the launchers it starts (a thread of its own).
        _ => open::that_detached(url).map_err(|e| OpenError::NoBrowser(e.to_string())),
    }
}

/// Runs `command URL` and waits for it on a thread of its own: a child that ends is reaped,
/// so a window open for days leaves no zombie per link opened. Its process id, for tests.
fn run_browser(command: &str, url: &str) -> Result<u32, OpenError> {
    let mut child = std::process::Command::new(command)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .spawn()
        .map_err(|e| OpenError::BrowserCommand {
            command: command.to_string(),
            reason: e.to_string(),
        })?;
    let pid = child.id();
    let waited = std::thread::Builder::new()
        .name("browser-wait".into())
        .stack_size(64 * 1024)
        .spawn(move || {
            let _ = child.wait();
        });
    if let Err(e) = waited {
        tracing::warn!(error = %e, "no thread to wait for the browser command; it may linger as a zombie");
    }
    Ok(pid)
}

/// Linux only: a zombie is read from /proc.
#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The state letter of process `pid` (`Z` for a zombie), if it is still there.
    fn state(pid: u32) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // `pid (comm) S …`: the state follows the last parenthesis (comm may hold any).
        stat.rsplit_once(')')?.1.trim_start().chars().next()
    }

    #[test]
    fn a_browser_command_that_ended_leaves_no_zombie() {
        let pids: Vec<u32> = (0..5)
            .map(|n| run_browser("true", &format!("https://acme.example/{n}")).expect("runs"))
            .collect();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let left: Vec<(u32, char)> = pids.iter().filter_map(|&p| state(p).map(|s| (p, s))).collect();
            if left.is_empty() {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "children still there (Z: not reaped): {left:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
