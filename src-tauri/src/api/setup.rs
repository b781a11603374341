//! Where the app keeps its files, and the language it speaks before the settings store is
//! open (the session's source is the core's `auth::setup`).

use super::localize::{self, Lang, LanguageSetting};
use std::path::{Path, PathBuf};

/// The language saved in Settings → General (else the OS's), read without opening the store:
/// for what a front end prints before it opens one (the CLI's `--help`).
pub fn saved_language(data_dir: &Path) -> Lang {
    let setting = std::fs::read(data_dir.join("settings.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| v.get(localize::KEY_LANGUAGE).cloned())
        .and_then(|v| serde_json::from_value::<LanguageSetting>(v).ok())
        .unwrap_or_default();
    localize::resolve(setting)
}

/// The data directory: `WORKSTATION_DATA_DIR`, else the OS's per-user data folder.
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("WORKSTATION_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("workstation"),
    }
}
