//! Segmentation: who may use the Salesforce integration. The administrator lists e-mail
//! addresses, e-mail domain patterns and OS logins; the app matches them against the
//! e-mail the user entered in Settings and the login the OS reports.
//!
//! This decides who *sees* the integration. It is not a security boundary: the e-mail
//! comes from the user. Salesforce itself enforces who may sign in through the app
//! (the External Client App's policies), as the administrator's guide explains.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::error::MemberError;
use super::{Access, Policy, SalesforceApp, SalesforcePolicy};

/// Who is using the app on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserIdentity {
    /// The e-mail address from the user's Settings, if any.
    pub email: Option<String>,
    /// The operating system's login name (`jdoe`; a `DOMAIN\` prefix is ignored).
    pub os_login: String,
}

/// One entry of `users` or of an audience, normalised (lower case, trimmed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Member {
    kind: MemberKind,
    value: String,
}

/// The three forms an entry may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberKind {
    /// `jane@acme.com`: that address.
    Email,
    /// `*@acme.com`: every address whose domain is exactly `acme.com`.
    EmailDomain,
    /// `os:jdoe`: the OS login `jdoe`.
    OsLogin,
}

impl Member {
    /// Parses an entry as the administrator wrote it.
    pub fn parse(entry: &str) -> Result<Member, MemberError> {
        let entry = entry.trim();
        if entry.is_empty() {
            return Err(MemberError::Empty);
        }
        if entry.chars().any(char::is_control) {
            return Err(MemberError::ControlCharacters {
                entry: entry.escape_debug().to_string(),
            });
        }
        let lower = entry.to_lowercase();
        if let Some(login) = strip_prefix_ignore_case(entry, "os:") {
            let login = login.trim();
            if login.is_empty() {
                return Err(MemberError::EmptyOsLogin);
            }
            if login.contains('@') {
                return Err(MemberError::OsLoginIsEmail {
                    entry: entry.to_string(),
                });
            }
            if let Some((_, user)) = login.rsplit_once('\\') {
                return Err(MemberError::OsLoginWithDomain {
                    entry: entry.to_string(),
                    login: user.to_string(),
                });
            }
            return Ok(Member {
                kind: MemberKind::OsLogin,
                value: login.to_lowercase(),
            });
        }
        if lower == "*" {
            return Err(MemberError::Star);
        }
        if let Some(domain) = lower.strip_prefix("*@") {
            if domain.contains('*') {
                return Err(MemberError::UnsupportedWildcard {
                    entry: entry.to_string(),
                });
            }
            if !is_email_domain(domain) {
                return Err(MemberError::BadEmailDomain {
                    entry: entry.to_string(),
                });
            }
            return Ok(Member {
                kind: MemberKind::EmailDomain,
                value: domain.to_string(),
            });
        }
        if lower.contains('*') {
            return Err(MemberError::UnsupportedWildcard {
                entry: entry.to_string(),
            });
        }
        if lower.contains('@') {
            return match split_email(&lower) {
                Some(_) => Ok(Member {
                    kind: MemberKind::Email,
                    value: lower,
                }),
                None => Err(MemberError::BadEmail {
                    entry: entry.to_string(),
                }),
            };
        }
        let hint = if is_email_domain(&lower) {
            format!("; for everyone at that domain write *@{lower}")
        } else if !lower.chars().any(char::is_whitespace) {
            format!("; for a computer login write os:{entry}")
        } else {
            String::new()
        };
        Err(MemberError::NotRecognised {
            entry: entry.to_string(),
            hint,
        })
    }

    pub fn kind(&self) -> MemberKind {
        self.kind
    }

    /// The normalised address, domain or login, without `*@` or `os:`.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether this entry designates `who`.
    pub fn matches(&self, who: &UserIdentity) -> bool {
        match self.kind {
            MemberKind::Email => normalised_email(who).is_some_and(|e| e == self.value),
            MemberKind::EmailDomain => normalised_email(who)
                .and_then(|e| split_email(&e).map(|(_, domain)| domain == self.value))
                .unwrap_or(false),
            MemberKind::OsLogin => {
                let login = who.os_login.trim();
                // Windows may report DOMAIN\login; the policy names the login alone.
                let login = login.rsplit_once('\\').map_or(login, |(_, user)| user);
                !login.is_empty() && login.to_lowercase() == self.value
            }
        }
    }
}

impl fmt::Display for Member {
    /// The canonical entry: `jane@acme.com`, `*@acme.com`, `os:jdoe`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            MemberKind::Email => f.write_str(&self.value),
            MemberKind::EmailDomain => write!(f, "*@{}", self.value),
            MemberKind::OsLogin => write!(f, "os:{}", self.value),
        }
    }
}

impl FromStr for Member {
    type Err = MemberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Member::parse(s)
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// The user's e-mail, trimmed and lower-cased, when it has the shape of an address.
fn normalised_email(who: &UserIdentity) -> Option<String> {
    let email = who.email.as_deref()?.trim().to_lowercase();
    if split_email(&email).is_some() {
        Some(email)
    } else {
        None
    }
}

/// `local@domain` with exactly one `@`, a non-empty local part without spaces and a valid
/// domain. The domain is compared whole, never as a suffix.
fn split_email(email: &str) -> Option<(&str, &str)> {
    let (local, domain) = email.split_once('@')?;
    let local_ok = !local.is_empty() && !local.chars().any(|c| c.is_whitespace() || c.is_control());
    (local_ok && is_email_domain(domain)).then_some((local, domain))
}

/// A domain name of at least two labels of letters, digits and inner hyphens, with a
/// top-level label that is not all digits.
fn is_email_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
}

impl Access {
    /// Whether `who` is in this segment.
    pub fn allows(&self, who: &UserIdentity) -> bool {
        match self {
            Access::Everyone => true,
            Access::Segment { audiences, users } => {
                users.iter().any(|m| m.matches(who)) || audiences.values().flatten().any(|m| m.matches(who))
            }
        }
    }
}

impl SalesforceApp {
    /// Whether `who` may use the Salesforce integration.
    pub fn allows(&self, who: &UserIdentity) -> bool {
        self.access.allows(who)
    }
}

/// What the Salesforce card starts from: the app to connect with, or why there is none.
// Made once per card refresh: boxing the app would only make matching clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Available(SalesforceApp),
    NotAvailable(NotAvailableReason),
}

impl Availability {
    pub fn app(&self) -> Option<&SalesforceApp> {
        match self {
            Availability::Available(app) => Some(app),
            Availability::NotAvailable(_) => None,
        }
    }
}

/// Why the card says *not available*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAvailableReason {
    /// No policy file on this computer.
    NoPolicy,
    /// The policy turns the integration off.
    Disabled,
    /// The user is not in the policy's segment.
    NotInSegment,
    /// The policy file could not be read or has mistakes; the summary is for details and
    /// logs (it never contains the client secret).
    InvalidPolicy(String),
}

impl NotAvailableReason {
    /// A stable code for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            NotAvailableReason::NoPolicy => "no_policy",
            NotAvailableReason::Disabled => "disabled",
            NotAvailableReason::NotInSegment => "not_in_segment",
            NotAvailableReason::InvalidPolicy(_) => "invalid_policy",
        }
    }

    /// What the card tells the user.
    pub fn user_message(&self) -> String {
        const ASK: &str = "Ask your organisation's Workstation owner to enable Salesforce.";
        match self {
            NotAvailableReason::NoPolicy => {
                format!("Salesforce has not been set up for Workstation on this computer. {ASK}")
            }
            NotAvailableReason::Disabled => {
                format!("Salesforce is turned off for your organisation. {ASK}")
            }
            NotAvailableReason::NotInSegment => format!(
                "Salesforce is not enabled for your account. {ASK} \
                 (Workstation goes by the e-mail address in Settings and your computer login.)"
            ),
            NotAvailableReason::InvalidPolicy(_) => format!(
                "Salesforce is unavailable because your organisation's Workstation policy has a \
                 mistake. {ASK} (They can run `workstation policy check` to see what to fix.)"
            ),
        }
    }
}

impl fmt::Display for NotAvailableReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

/// Decides what the Salesforce card offers `who`, given the policy (if any).
pub fn availability(policy: Option<&Policy>, who: &UserIdentity) -> Availability {
    let Some(policy) = policy else {
        return Availability::NotAvailable(NotAvailableReason::NoPolicy);
    };
    match &policy.salesforce {
        SalesforcePolicy::Disabled => Availability::NotAvailable(NotAvailableReason::Disabled),
        SalesforcePolicy::Enabled(app) if app.allows(who) => Availability::Available(app.clone()),
        SalesforcePolicy::Enabled(_) => Availability::NotAvailable(NotAvailableReason::NotInSegment),
    }
}

/// Loads the policy at `path` (`None`: there is none, see `policy_path`) and decides
/// availability; a file that cannot be read or has mistakes makes it `InvalidPolicy`.
pub fn availability_at(path: Option<&Path>, who: &UserIdentity) -> Availability {
    let Some(path) = path else {
        return Availability::NotAvailable(NotAvailableReason::NoPolicy);
    };
    match super::load_policy(path) {
        Ok(policy) => availability(Some(&policy), who),
        Err(e) => {
            tracing::warn!(error = %e.summary(), "Salesforce policy not usable");
            Availability::NotAvailable(NotAvailableReason::InvalidPolicy(e.summary()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(email: &str, login: &str) -> UserIdentity {
        UserIdentity {
            email: Some(email.to_string()),
            os_login: login.to_string(),
        }
    }

    #[test]
    fn entries_are_normalised() {
        let m = Member::parse("  Jane@ACME.com ").unwrap();
        assert_eq!(m.kind(), MemberKind::Email);
        assert_eq!(m.to_string(), "jane@acme.com");
        assert_eq!(Member::parse("OS:JDoe").unwrap().to_string(), "os:jdoe");
        assert_eq!(
            Member::parse("*@Sales.Acme.com").unwrap().to_string(),
            "*@sales.acme.com"
        );
    }

    #[test]
    fn domain_pattern_is_exact_not_suffix() {
        let m = Member::parse("*@acme.com").unwrap();
        assert!(m.matches(&who("x@acme.com", "")));
        assert!(!m.matches(&who("x@evilacme.com", "")));
        assert!(!m.matches(&who("x@acme.com.evil", "")));
        assert!(!m.matches(&who("x@sub.acme.com", "")));
        assert!(!m.matches(&who("x@acme.com@evil.com", "")));
    }

    #[test]
    fn os_login_ignores_windows_domain_and_case() {
        let m = Member::parse("os:jdoe").unwrap();
        assert!(m.matches(&who("", "ACME\\JDoe")));
        assert!(!m.matches(&who("", "jdoe2")));
        assert!(!m.matches(&who("", "")));
    }

    #[test]
    fn not_recognised_entries_get_a_hint() {
        let e = Member::parse("acme.com").unwrap_err().to_string();
        assert!(e.contains("*@acme.com"), "{e}");
        let e = Member::parse("jdoe").unwrap_err().to_string();
        assert!(e.contains("os:jdoe"), "{e}");
    }
}
