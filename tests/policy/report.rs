//! Secret redaction, the `workstation policy check` report, loading the file and finding
//! it, and the demo policy.

use std::path::PathBuf;

use crate::{enabled_with, errors, who, FULL};
use workstation::policy::{
    availability, availability_at, check_report, check_text, demo_policy, load_policy, parse_policy, policy_path,
    Access, Availability, ClientSecret, NotAvailableReason, Policy, PolicyLoadError, SalesforcePolicy, POLICY_ENV,
};

// ---------------------------------------------------------------------------------------
// Secret redaction

#[test]
fn secret_is_redacted_in_debug_and_display() {
    let s = ClientSecret::new("TOPSECRET123");
    assert_eq!(format!("{s:?}"), "<redacted>");
    assert_eq!(format!("{s}"), "<redacted>");
    assert_eq!(s.expose(), "TOPSECRET123");
    let policy = parse_policy(FULL).unwrap();
    assert!(!format!("{policy:?}").contains("TOPSECRET123"));
    assert!(!format!("{:?}", availability(Some(&policy), &who(Some("jane@acme.com"), ""))).contains("TOPSECRET123"));
}

#[test]
fn secret_never_appears_in_mistakes() {
    let errs = errors(&enabled_with(r#""client_secret": "TOP SECRET 123""#, ""));
    assert!(errs.has_path("salesforce.client_secret"));
    assert!(!errs.to_string().contains("TOP SECRET"), "{errs}");
    let errs = errors(&enabled_with(r#""client_secret": ["TOPSECRET123"]"#, ""));
    assert!(!errs.to_string().contains("TOPSECRET123"), "{errs}");
}

#[test]
fn secret_never_appears_in_the_check_report() {
    let (ok, text) = check_text("policy.json", FULL);
    assert!(ok, "{text}");
    assert!(!text.contains("TOPSECRET123"), "{text}");
    assert!(text.contains("client secret:"), "{text}");
    assert!(text.contains("yes"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Check report

#[test]
fn check_report_of_a_valid_policy_summarises_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.json");
    std::fs::write(&path, FULL).unwrap();
    let (ok, text) = check_report(&path);
    assert!(ok, "{text}");
    let first = text.lines().next().unwrap_or_default();
    assert_eq!(first, format!("policy OK: {}", path.display()));
    for needle in [
        "enabled",
        "https://acme.my.salesforce.com",
        "3MVG9xyz.ABC_def",
        "3002",
        "workstation://salesforce/connected",
        "http://localhost:3002/salesforce/connected",
        "audience sales: lead@acme.com, *@sales.acme.com, os:sam",
        "users: jane@acme.com, os:jdoe",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn check_report_of_an_invalid_policy_lists_each_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.json");
    std::fs::write(
        &path,
        enabled_with(r#""domain": "www.example.com", "loopback_port": 1"#, ""),
    )
    .unwrap();
    let (ok, text) = check_report(&path);
    assert!(!ok);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("policy has 2 mistake(s): {}", path.display()));
    assert!(
        lines[1].starts_with("  - salesforce.domain: www.example.com is not a Salesforce host (expected "),
        "{text}"
    );
    assert!(
        lines[2].starts_with("  - salesforce.loopback_port: 1 is out of range (expected "),
        "{text}"
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn check_report_of_a_missing_file_names_it() {
    let (ok, text) = check_report(&PathBuf::from("/nonexistent/workstation/policy.json"));
    assert!(!ok);
    assert!(text.contains("/nonexistent/workstation/policy.json"), "{text}");
}

#[test]
fn check_report_of_a_disabled_policy_is_ok() {
    let (ok, text) = check_text("p.json", r#"{"salesforce": {"enabled": false}}"#);
    assert!(ok);
    assert!(text.contains("disabled"));
}

// ---------------------------------------------------------------------------------------
// Loading and location

#[test]
fn load_io_error_names_the_path() {
    let path = PathBuf::from("/nonexistent/dir/policy.json");
    let e = load_policy(&path).unwrap_err();
    assert!(matches!(e, PolicyLoadError::Io { .. }));
    assert!(e.to_string().contains("/nonexistent/dir/policy.json"), "{e}");
}

#[test]
fn load_refuses_non_utf8_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.json");
    std::fs::write(&bad, b"{\"salesforce\": {\"enabled\": false, \"_c\": \"caf\xe9\"}}").unwrap();
    assert!(matches!(load_policy(&bad), Err(PolicyLoadError::NotUtf8 { .. })));
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, vec![b' '; 2 * 1024 * 1024]).unwrap();
    assert!(matches!(load_policy(&huge), Err(PolicyLoadError::TooLarge { .. })));
}

#[test]
fn load_invalid_file_keeps_every_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.json");
    std::fs::write(&path, r#"{"salesforce": {"enabled": true}}"#).unwrap();
    let PolicyLoadError::Invalid { errors, .. } = load_policy(&path).unwrap_err() else {
        panic!("expected Invalid");
    };
    assert_eq!(errors.len(), 3);
}

/// The only test that touches the process environment.
#[test]
fn location_env_var_names_the_policy_even_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.json");
    std::env::set_var(POLICY_ENV, &path);
    let found = policy_path();
    std::env::remove_var(POLICY_ENV);
    assert_eq!(found.as_deref(), Some(path.as_path()));
    let a = availability_at(found.as_deref(), &who(None, "x"));
    let Availability::NotAvailable(NotAvailableReason::InvalidPolicy(summary)) = a else {
        panic!("a missing named file must be reported, got {a:?}");
    };
    assert!(summary.contains("absent.json"), "{summary}");
}

// ---------------------------------------------------------------------------------------
// Demo policy

#[test]
fn demo_policy_uses_the_loopback_demo_org_and_demo_credentials() {
    let Policy {
        salesforce: SalesforcePolicy::Enabled(app),
    } = demo_policy("http://127.0.0.1:54321")
    else {
        panic!("demo policy must be enabled");
    };
    assert_eq!(app.client_id, "workstation-demo-client");
    assert_eq!(
        app.client_secret.as_ref().map(ClientSecret::expose),
        Some("workstation-demo-secret")
    );
    assert_eq!(app.login_host.as_str(), "http://127.0.0.1:54321");
    assert_eq!(app.loopback_port, 3002);
    assert_eq!(app.access, Access::Everyone);
}
