//! Where the policy file lives: `WORKSTATION_POLICY` if set, else the system-wide location
//! of this OS, which only an administrator can write.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that names the policy file.
pub const POLICY_ENV: &str = "WORKSTATION_POLICY";

/// The policy file to load: `WORKSTATION_POLICY` when set (even if that file is missing, so
/// that loading reports it), else the system location when a file is there, else `None`.
pub fn policy_path() -> Option<PathBuf> {
    policy_path_with(|name| std::env::var_os(name), |p| p.is_file())
}

/// `policy_path` with the environment and the file system passed in, for tests.
pub fn policy_path_with(env: impl Fn(&str) -> Option<OsString>, exists: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    if let Some(path) = env(POLICY_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let system = system_policy_path_with(&env)?;
    exists(&system).then_some(system)
}

/// The system-wide location on this OS, whether or not a file is there:
/// `/etc/workstation/policy.json` (Linux and other Unix),
/// `/Library/Application Support/Workstation/policy.json` (macOS),
/// `%ProgramData%\Workstation\policy.json` (Windows).
pub fn system_policy_path() -> Option<PathBuf> {
    system_policy_path_with(&|name| std::env::var_os(name))
}

#[cfg(target_os = "windows")]
fn system_policy_path_with(env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let program_data = env("ProgramData")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
    Some(program_data.join("Workstation").join("policy.json"))
}

#[cfg(target_os = "macos")]
fn system_policy_path_with(_env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    Some(PathBuf::from("/Library/Application Support/Workstation/policy.json"))
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn system_policy_path_with(_env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    Some(PathBuf::from("/etc/workstation/policy.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_var_wins_even_when_the_file_is_missing() {
        let got = policy_path_with(
            |n| (n == POLICY_ENV).then(|| OsString::from("/nowhere/policy.json")),
            |_| false,
        );
        assert_eq!(got, Some(PathBuf::from("/nowhere/policy.json")));
    }

    #[test]
    fn system_location_only_when_a_file_is_there() {
        assert_eq!(policy_path_with(|_| None, |_| false), None);
        assert_eq!(policy_path_with(|_| None, |_| true), system_policy_path());
    }

    #[test]
    fn empty_env_var_counts_as_unset() {
        assert_eq!(
            policy_path_with(|n| (n == POLICY_ENV).then(OsString::new), |_| false),
            None
        );
    }
}
