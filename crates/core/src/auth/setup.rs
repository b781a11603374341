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

/// The OS login, for segmentation by `os:login`.
pub fn os_login() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
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
