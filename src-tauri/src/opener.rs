//! Opening a URL in the user's default browser. `WORKSTATION_BROWSER` names a command to
//! use instead (called with the URL as its one argument): for kiosks, and for tests that
//! observe what the app opens.

pub fn open_url(url: &str) -> Result<(), String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(crate::api::localize::twin(
            format!("refusing to open a non-web address: {url}"),
            format!("refus d’ouvrir une adresse qui n’est pas une adresse web : {url}"),
        ));
    }
    match std::env::var("WORKSTATION_BROWSER") {
        Ok(cmd) if !cmd.trim().is_empty() => std::process::Command::new(cmd.trim())
            .arg(url)
            .stdin(std::process::Stdio::null())
            .spawn()
            .map(|_| ())
            .map_err(|e| {
                crate::api::localize::twin(
                    format!("could not run WORKSTATION_BROWSER ({cmd}): {e}"),
                    format!("impossible de lancer WORKSTATION_BROWSER ({cmd}) : {e}"),
                )
            }),
        _ => open::that_detached(url).map_err(|e| {
            crate::api::localize::twin(
                format!("could not open the browser: {e}"),
                format!("impossible d’ouvrir le navigateur : {e}"),
            )
        }),
    }
}
