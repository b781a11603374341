//! `workstation policy check FILE`: what an administrator reads after writing a policy.
//! A valid policy gets a short summary (never the client secret); an invalid one gets one
//! line per mistake.

use std::fmt::Write as _;
use std::path::Path;

use super::error::{PolicyErrors, PolicyLoadError};
use super::{Access, Policy, SalesforcePolicy, DEEP_LINK_REDIRECT_URI};

/// The outcome of a check: whether the policy is valid (exit code 0, else 1) and the text
/// to print, without a final newline.
pub type CheckReport = (bool, String);

/// Loads the policy at `path` and describes it, or lists its mistakes.
pub fn check_report(path: &Path) -> CheckReport {
    let shown = path.display().to_string();
    match super::load_policy(path) {
        Ok(policy) => ok_report(&shown, &policy),
        Err(PolicyLoadError::Invalid { errors, .. }) => mistakes_report(&shown, &errors),
        Err(other) => (false, format!("policy could not be read: {shown}\n  - {other}")),
    }
}

/// Like `check_report` for policy text already in memory; `name` labels it in the report.
pub fn check_text(name: &str, text: &str) -> CheckReport {
    match super::parse_policy(text) {
        Ok(policy) => ok_report(name, &policy),
        Err(errors) => mistakes_report(name, &errors),
    }
}

fn mistakes_report(name: &str, errors: &PolicyErrors) -> CheckReport {
    let mut text = format!("policy has {} mistake(s): {name}\n", errors.len());
    for e in errors {
        let _ = writeln!(text, "  - {e}");
    }
    (false, text.trim_end().to_string())
}

fn ok_report(name: &str, policy: &Policy) -> CheckReport {
    let mut text = format!("policy OK: {name}\n");
    let app = match &policy.salesforce {
        SalesforcePolicy::Disabled => {
            text.push_str("  salesforce:    disabled (nobody sees the Salesforce integration)\n");
            return (true, text.trim_end().to_string());
        }
        SalesforcePolicy::Enabled(app) => app,
    };
    let secret = if app.client_secret.is_some() {
        "yes (sent with the code exchange and refresh)"
    } else {
        "no (public client: PKCE only)"
    };
    let lines = [
        ("salesforce", "enabled".to_string()),
        (
            "login host",
            format!("{} ({})", app.login_host.as_str(), app.login_host.describe()),
        ),
        ("client id", app.client_id.clone()),
        ("client secret", secret.to_string()),
        ("loopback port", app.loopback_port.to_string()),
        (
            "scopes",
            format!("{} (each must be selected on the connected app)", app.scopes),
        ),
        (
            "callback URLs",
            format!("{DEEP_LINK_REDIRECT_URI} and {}", app.loopback_redirect_uri()),
        ),
    ];
    for (label, value) in lines {
        let _ = writeln!(text, "  {:<14} {value}", format!("{label}:"));
    }
    match &app.access {
        Access::Everyone => text.push_str("  access:        everyone\n"),
        Access::Segment { audiences, users } => {
            text.push_str("  access:        only these people\n");
            for (name, members) in audiences {
                let list: Vec<String> = members.iter().map(ToString::to_string).collect();
                let _ = writeln!(text, "    audience {name}: {}", list.join(", "));
            }
            if !users.is_empty() {
                let list: Vec<String> = users.iter().map(ToString::to_string).collect();
                let _ = writeln!(text, "    users: {}", list.join(", "));
            }
        }
    }
    (true, text.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_policy_is_ok_and_says_so() {
        let (ok, text) = check_text("p.json", r#"{"salesforce": {"enabled": false}}"#);
        assert!(ok);
        assert!(text.starts_with("policy OK: p.json\n"), "{text}");
        assert!(text.contains("disabled"));
    }

    #[test]
    fn mistakes_are_listed_one_per_line() {
        let (ok, text) = check_text("p.json", r#"{"salesforce": {"enabled": true}}"#);
        assert!(!ok);
        assert!(text.starts_with("policy has 3 mistake(s): p.json\n"), "{text}");
        assert_eq!(text.lines().filter(|l| l.starts_with("  - ")).count(), 3);
        assert!(!text.ends_with('\n'));
    }
}
