//! The administrator's policy: the Salesforce External Client App settings (consumer key,
//! optional consumer secret, domain, loopback port) and who may use the integration.
//!
//! The policy is a JSON file (see docs/ADMIN-GUIDE.md). `parse_policy` reports every
//! mistake at once, each with its JSON path, so that an administrator fixes the file in one
//! pass; a `Policy` value is always a valid one. Plain Rust: no Tauri types.
//!
//! Rooms: `domain` (pasted domain → login host), `segment` (who may use it, availability),
//! `location` (where the file lives), `report` (`workstation policy check`), `error`.

mod domain;
mod error;
mod json;
mod location;
mod report;
mod scopes;
mod segment;
mod similar;
mod validate;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

pub use domain::{is_instance_for, login_host_from_domain, LoginHost};
pub use error::{
    DomainError, MemberError, PolicyError, PolicyErrors, PolicyLoadError, Problem, ACCEPTED_DOMAINS, MEMBER_FORMS,
};
pub use location::{policy_path, policy_path_with, system_policy_path, POLICY_ENV};
pub use report::{check_report, check_text, CheckReport};
pub use scopes::{Scopes, ScopesError, KNOWN_SCOPES};
pub use segment::{availability, availability_at, Availability, Member, MemberKind, NotAvailableReason, UserIdentity};

/// The loopback port when the policy does not set one.
pub const DEFAULT_LOOPBACK_PORT: u16 = 3002;
/// The deep-link redirect URI registered on the External Client App.
pub const DEEP_LINK_REDIRECT_URI: &str = "workstation://salesforce/connected";
/// The path of the loopback redirect URI (`http://localhost:PORT/salesforce/connected`).
pub const LOOPBACK_REDIRECT_PATH: &str = "/salesforce/connected";
/// Policy files larger than this are refused unread: a policy is a few hundred bytes.
pub const MAX_POLICY_BYTES: u64 = 1024 * 1024;

/// A valid policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub salesforce: SalesforcePolicy,
}

/// Whether the organisation uses the Salesforce integration, and with which app.
// One value per process: boxing the app would only make matching clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SalesforcePolicy {
    Disabled,
    Enabled(SalesforceApp),
}

/// The External Client App (or connected app) users sign in through, and who may.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesforceApp {
    /// The Consumer Key: visible ASCII, never empty.
    pub client_id: String,
    /// The Consumer Secret. Present: sent in the code exchange and refresh. Absent: a
    /// public client that relies on PKCE alone.
    pub client_secret: Option<ClientSecret>,
    pub login_host: LoginHost,
    /// 1024..=65535; the loopback redirect is `http://localhost:PORT/salesforce/connected`.
    pub loopback_port: u16,
    /// What the app asks Salesforce for: `api refresh_token` unless the policy says otherwise.
    pub scopes: Scopes,
    pub access: Access,
}

impl SalesforceApp {
    /// `http://localhost:PORT/salesforce/connected`, as registered on the app.
    pub fn loopback_redirect_uri(&self) -> String {
        format!("http://localhost:{}{LOOPBACK_REDIRECT_PATH}", self.loopback_port)
    }
}

/// Who may use the integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Everyone,
    /// The audiences the policy names (resolved to their members) and individual users.
    Segment {
        audiences: BTreeMap<String, Vec<Member>>,
        users: Vec<Member>,
    },
}

/// The Consumer Secret: a `Secret`, so it cannot reach a log line, the webview or a
/// report by accident.
pub type ClientSecret = crate::secret::Secret;

/// Parses a policy, reporting every mistake at once.
pub fn parse_policy(text: &str) -> Result<Policy, PolicyErrors> {
    validate::validate(text)
}

/// Reads and parses the policy file at `path`.
pub fn load_policy(path: &Path) -> Result<Policy, PolicyLoadError> {
    let io_error = |source| PolicyLoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_POLICY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_POLICY_BYTES {
        return Err(PolicyLoadError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_POLICY_BYTES,
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| PolicyLoadError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    parse_policy(&text).map_err(|errors| PolicyLoadError::Invalid {
        path: path.to_path_buf(),
        errors,
    })
}

/// The built-in policy of `workstation --demo`: the demo org at `base_url` (its loopback
/// address, such as `http://127.0.0.1:PORT`), its demo credentials, everyone allowed.
///
/// # Panics
/// If `base_url` is not an address `login_host_from_domain` accepts; the demo org's own
/// loopback URL always is.
pub fn demo_policy(base_url: &str) -> Policy {
    let login_host = match login_host_from_domain(base_url) {
        Ok(host) => host,
        Err(e) => panic!("demo_policy needs the demo org's loopback URL, got {base_url:?}: {e}"),
    };
    Policy {
        salesforce: SalesforcePolicy::Enabled(SalesforceApp {
            client_id: "workstation-demo-client".to_string(),
            client_secret: Some(ClientSecret::new("workstation-demo-secret")),
            login_host,
            loopback_port: DEFAULT_LOOPBACK_PORT,
            scopes: Scopes::least(),
            access: Access::Everyone,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{
        "salesforce": {
            "enabled": true,
            "client_id": "3MVG9abc",
            "client_secret": "S3CR3T-VALUE",
            "domain": "https://acme.lightning.force.com/",
            "access": { "audiences": ["sales"], "users": ["os:jdoe"] }
        },
        "audiences": { "sales": ["*@sales.acme.com"] }
    }"#;

    #[test]
    fn a_valid_policy_parses_with_defaults() {
        let policy = parse_policy(VALID).unwrap();
        let SalesforcePolicy::Enabled(app) = policy.salesforce else {
            panic!("expected enabled");
        };
        assert_eq!(app.client_id, "3MVG9abc");
        assert_eq!(app.login_host.as_str(), "https://acme.my.salesforce.com");
        assert_eq!(app.loopback_port, DEFAULT_LOOPBACK_PORT);
        assert_eq!(
            app.loopback_redirect_uri(),
            "http://localhost:3002/salesforce/connected"
        );
        assert_eq!(
            app.client_secret.as_ref().map(ClientSecret::expose),
            Some("S3CR3T-VALUE")
        );
    }

    #[test]
    fn debug_of_a_policy_redacts_the_secret() {
        let policy = parse_policy(VALID).unwrap();
        let debug = format!("{policy:?}");
        assert!(!debug.contains("S3CR3T-VALUE"), "{debug}");
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn demo_policy_points_at_the_loopback_demo_org() {
        let policy = demo_policy("http://127.0.0.1:41234");
        let SalesforcePolicy::Enabled(app) = policy.salesforce else {
            panic!("expected enabled");
        };
        assert_eq!(app.login_host.as_str(), "http://127.0.0.1:41234");
        assert!(app.login_host.is_loopback());
        assert_eq!(app.access, Access::Everyone);
    }
}
