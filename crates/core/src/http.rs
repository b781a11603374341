//! The one HTTP client every request to Salesforce goes through (OAuth and REST alike), and
//! how its failures are told to a person.

use std::time::Duration;
use thiserror::Error;

/// Idle connections kept per host. The app talks to one or two hosts, one search at a
/// time; after a burst (many list views at once, or many requests meeting an expired
/// session) the rest are closed instead of lingering for the pool's 90 s.
pub const MAX_IDLE_CONNECTIONS_PER_HOST: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("The HTTPS client could not be set up ({0}).")]
pub struct ClientError(pub String);

/// The HTTP client for OAuth and REST: rustls, no redirects (a token request that followed
/// one could hand a code to another host), bounded waits, few idle sockets. A client that
/// cannot be built so is an error, never a default one that follows redirects and waits
/// forever.
pub fn client() -> Result<reqwest::Client, ClientError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .pool_max_idle_per_host(MAX_IDLE_CONNECTIONS_PER_HOST)
        .user_agent(concat!("Workstation/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ClientError(e.to_string()))
}

/// A network failure for a person: the host it was trying and the deepest cause ("Connection
/// refused", "failed to lookup address", a certificate problem) rather than reqwest's "error
/// sending request". Never the path or query, which carry the search text.
pub fn network_failure(e: reqwest::Error) -> String {
    let host = e.url().and_then(|u| {
        u.host_str()
            .map(|h| u.port().map_or_else(|| h.to_string(), |p| format!("{h}:{p}")))
    });
    let mut deepest = None;
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        deepest = Some(c.to_string());
        cause = c.source();
    }
    // reqwest's own message names the whole URL: only used when there is nothing deeper.
    let cause = deepest.unwrap_or_else(|| e.without_url().to_string());
    match host {
        Some(host) => format!("{host}: {cause}"),
        None => cause,
    }
}
