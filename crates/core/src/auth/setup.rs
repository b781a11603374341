//! Where a session comes from: the administrator's policy (the card and Connect), or an
//! access token handed over in `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` (as Salesforce's own CLI
//! takes one). Read from the environment once, by the command line and the window alike.

use crate::policy::{self, NotAvailableReason, Policy};
use crate::secret::Secret;

/// Where the app's Salesforce session comes from.
// Made once per process, so its size does not matter; boxing would only add noise at every use.
#[allow(clippy::large_enum_variant)]
pub enum Setup {
    /// `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`: that session, no OAuth, no policy.
    AccessToken { instance_url: String, access: Secret },
    /// The administrator's policy (or the built-in demo one); `Err` holds why it is unusable.
    Policy(Result<Option<Policy>, NotAvailableReason>),
    /// `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` were set but cannot be used; holds why. Still an
    /// environment session: nothing of the user's own connection is touched.
    UnusableEnvironment(EnvironmentError),
}

/// Why `SF_INSTANCE_URL` cannot be used (the token travels in every request).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvironmentError {
    #[error("SF_INSTANCE_URL is not a Salesforce address ({0:?}); expected https://yourdomain.my.salesforce.com")]
    NotSalesforce(String),
    #[error("SF_INSTANCE_URL uses http:// ({0:?}), which would send SF_ACCESS_TOKEN unencrypted; use https://")]
    Unencrypted(String),
}

/// The OS login, for segmentation by `os:login`: the account the process runs as, as the
/// operating system knows it — not `$USER`, which anyone can set. Empty if it has no name.
pub fn os_login() -> String {
    account_name().unwrap_or_default()
}

/// The name of the effective user's account in the user database (`getpwuid_r(geteuid())`).
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::ffi::CStr;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: an all-zero passwd (null pointers, zero ids) is a valid value to be filled.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is to memory we own and that outlives the call; `buf.len()` is
        // its true size. getpwuid_r writes the strings into `buf` and points `pwd` at them.
        let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
        if rc == libc::ERANGE && size < 1 << 20 {
            size *= 4;
            continue;
        }
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success pw_name points at a NUL-terminated string inside `buf`, alive here.
        let name = unsafe { CStr::from_ptr(pwd.pw_name) };
        return Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty());
    }
}

/// Windows: the account of the process's access token (not `USERNAME`, which anyone can set).
#[cfg(windows)]
fn account_name() -> Option<String> {
    crate::windows_account::account_name()
}

#[cfg(not(any(unix, windows)))]
fn account_name() -> Option<String> {
    None
}

/// The origin of an `SF_INSTANCE_URL` (a pasted path is dropped), if it is usable: https, or
/// http only to this machine (a local demo org), since the token travels in every request.
fn instance_origin(input: &str) -> Result<String, EnvironmentError> {
    let not_salesforce = || EnvironmentError::NotSalesforce(input.to_string());
    let url = url::Url::parse(input).map_err(|_| not_salesforce())?;
    let local = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(not_salesforce()),
    };
    match url.scheme() {
        "https" => Ok(url.origin().ascii_serialization()),
        "http" if local => Ok(url.origin().ascii_serialization()),
        "http" => Err(EnvironmentError::Unencrypted(input.to_string())),
        _ => Err(not_salesforce()),
    }
}

/// Where the session comes from when running a command.
pub fn setup_from_env() -> Setup {
    let instance = std::env::var("SF_INSTANCE_URL").unwrap_or_default();
    let token = std::env::var("SF_ACCESS_TOKEN").unwrap_or_default();
    if !instance.trim().is_empty() && !token.trim().is_empty() {
        let instance = instance.trim();
        return match instance_origin(instance) {
            Ok(origin) => Setup::AccessToken {
                instance_url: origin,
                access: Secret::new(token.trim()),
            },
            // Said once, up front, instead of as a network failure at every request.
            Err(why) => Setup::UnusableEnvironment(why),
        };
    }
    Setup::Policy(match policy::policy_path() {
        None => Ok(None),
        Some(path) => policy::load_policy(&path).map(Some).map_err(|e| {
            tracing::warn!(error = %e, "the Salesforce policy cannot be used");
            NotAvailableReason::InvalidPolicy(e.summary())
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set in the copy of this test binary that runs with a forged `USER`.
    const CHILD: &str = "WORKSTATION_TEST_OS_LOGIN_CHILD";

    /// On Windows (under Wine in scripts/test-windows.sh) the forged variable is `USERNAME`.
    #[test]
    fn the_os_login_is_the_account_whatever_user_says() {
        if std::env::var_os(CHILD).is_some() {
            println!("os_login=[{}]", os_login());
            return;
        }
        // The account the user database names for our uid, read independently of getpwuid_r.
        #[cfg(unix)]
        let (uid, expected) = {
            // SAFETY: geteuid has no preconditions and cannot fail.
            let uid = unsafe { libc::geteuid() }.to_string();
            let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
            let expected = passwd
                .lines()
                .map(|l| l.split(':').collect::<Vec<_>>())
                .find(|f| f.len() > 2 && f[2] == uid)
                .map(|f| f[0].to_string());
            (uid, expected)
        };
        #[cfg(not(unix))]
        let (uid, expected) = ("of this process", None::<String>);
        // Anyone can set USER (and LOGNAME, or USERNAME on Windows) to be someone the policy
        // lets in. A process of its own, so that no other test's environment changes under it.
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "auth::setup::tests::the_os_login_is_the_account_whatever_user_says",
            ])
            .args(["--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .env("USER", "ceo-of-acme")
            .env("LOGNAME", "ceo-of-acme")
            .env("USERNAME", "ceo-of-acme")
            .output()
            .expect("run the test binary");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let login = stdout
            .lines()
            .find_map(|l| l.split_once("os_login=[")?.1.split_once(']').map(|(name, _)| name))
            .unwrap_or_else(|| panic!("no answer from the child: {stdout}"));
        assert_ne!(login, "ceo-of-acme", "the login came from the environment");
        assert_eq!(login, os_login());
        assert!(!login.is_empty(), "no account name for uid {uid}");
        if let Some(expected) = expected {
            assert_eq!(login, expected);
        }
    }
}
