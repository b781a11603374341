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
        Ok(cmd) if !cmd.trim().is_empty() => std::process::Command::new(cmd.trim())
            .arg(url)
            .stdin(std::process::Stdio::null())
            .spawn()
            .map(|_| ())
            .map_err(|e| OpenError::BrowserCommand {
                command: cmd.clone(),
                reason: e.to_string(),
            }),
        _ => open::that_detached(url).map_err(|e| OpenError::NoBrowser(e.to_string())),
    }
}
