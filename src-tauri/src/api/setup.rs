//! Where the app keeps its files, and the language it speaks before the settings store is
//! open (the session's source is the core's `auth::setup`).

use super::localize::{self, Lang, LanguageSetting};
use crate::store::StoreError;
use std::path::{Path, PathBuf};

/// The language saved in Settings → General (else the OS's), read without opening the store:
/// for what a front end prints before it opens one (the CLI's `--help`). Without a data
/// folder, the OS's.
pub fn saved_language(data_dir: Option<&Path>) -> Lang {
    let setting = data_dir
        .and_then(|dir| std::fs::read(dir.join("settings.json")).ok())
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| v.get(localize::KEY_LANGUAGE).cloned())
        .and_then(|v| serde_json::from_value::<LanguageSetting>(v).ok())
        .unwrap_or_default();
    localize::resolve(setting)
}

/// The data directory: `WORKSTATION_DATA_DIR`, else the OS's per-user data folder. Never a
/// shared folder such as the temporary one, where another account could have made it first:
/// without a per-user folder, [`StoreError::NoDataFolder`].
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    match std::env::var_os("WORKSTATION_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => dirs::data_dir()
            .map(|dir| dir.join("workstation"))
            .ok_or(StoreError::NoDataFolder),
    }
}
