//! Who may use Salesforce: segmentation by e-mail, domain pattern, OS login and audience,
//! and the availability the app derives from the policy.

use crate::{app, enabled_with, who, FULL};
use workstation::policy::{
    availability, availability_at, parse_policy, Availability, Member, NotAvailableReason, SalesforceApp,
};

// ---------------------------------------------------------------------------------------
// Segmentation

fn segment_app() -> SalesforceApp {
    app(FULL)
}

#[test]
fn segment_everyone_allows_anyone() {
    let app = app(&enabled_with("", ""));
    assert!(app.allows(&who(None, "")));
    assert!(app.allows(&who(Some("x@anywhere.org"), "x")));
}

#[test]
fn segment_email_matches_case_insensitively_and_trimmed() {
    let app = segment_app();
    assert!(app.allows(&who(Some("  Jane@ACME.com "), "someone")));
    assert!(!app.allows(&who(Some("jane@acme.co"), "someone")));
}

#[test]
fn segment_domain_pattern_matches_the_exact_domain() {
    let app = segment_app();
    assert!(app.allows(&who(Some("bob@sales.acme.com"), "bob")));
    assert!(app.allows(&who(Some("BOB@Sales.Acme.COM"), "bob")));
}

#[test]
fn segment_domain_pattern_rejects_suffix_tricks() {
    let app = app(&enabled_with(r#""access": {"users": ["*@acme.com"]}"#, ""));
    assert!(app.allows(&who(Some("x@acme.com"), "")));
    for email in [
        "x@evilacme.com",
        "x@acme.com.evil",
        "x@sub.acme.com",
        "x@acme.com@evil.com",
        "acme.com",
        "@acme.com",
    ] {
        assert!(!app.allows(&who(Some(email), "")), "{email} was allowed");
    }
}

#[test]
fn segment_os_login_entries_match_the_os_login() {
    let app = segment_app();
    assert!(app.allows(&who(None, "jdoe")));
    assert!(app.allows(&who(None, "JDOE")));
    assert!(app.allows(&who(None, "ACME\\jdoe")));
    assert!(!app.allows(&who(None, "jdoe2")));
    assert!(
        !app.allows(&who(Some("jdoe"), "")),
        "an e-mail field never matches os: entries"
    );
}

#[test]
fn segment_audience_members_are_allowed() {
    let app = segment_app();
    assert!(app.allows(&who(Some("lead@acme.com"), "")));
    assert!(app.allows(&who(None, "sam")));
}

#[test]
fn segment_outsiders_are_not_allowed() {
    let app = segment_app();
    assert!(!app.allows(&who(Some("mallory@example.com"), "mallory")));
    assert!(!app.allows(&who(None, "")));
}

#[test]
fn segment_member_display_is_canonical() {
    assert_eq!(Member::parse(" *@Acme.COM ").unwrap().to_string(), "*@acme.com");
}

#[test]
fn availability_without_policy_is_no_policy() {
    let a = availability(None, &who(None, "x"));
    assert_eq!(a, Availability::NotAvailable(NotAvailableReason::NoPolicy));
}

#[test]
fn availability_disabled() {
    let p = parse_policy(r#"{"salesforce": {"enabled": false}}"#).unwrap();
    assert_eq!(
        availability(Some(&p), &who(None, "x")),
        Availability::NotAvailable(NotAvailableReason::Disabled)
    );
}

#[test]
fn availability_not_in_segment() {
    let p = parse_policy(FULL).unwrap();
    assert_eq!(
        availability(Some(&p), &who(Some("x@example.com"), "x")),
        Availability::NotAvailable(NotAvailableReason::NotInSegment)
    );
}

#[test]
fn availability_in_segment_gives_the_app() {
    let p = parse_policy(FULL).unwrap();
    let a = availability(Some(&p), &who(Some("jane@acme.com"), "x"));
    assert_eq!(a.app().map(|app| app.client_id.as_str()), Some("3MVG9xyz.ABC_def"));
}

#[test]
fn availability_reasons_tell_the_user_to_ask_the_workstation_owner() {
    let reasons = [
        NotAvailableReason::NoPolicy,
        NotAvailableReason::Disabled,
        NotAvailableReason::NotInSegment,
        NotAvailableReason::InvalidPolicy("x".into()),
    ];
    for r in reasons {
        let msg = r.user_message();
        assert!(msg.contains("Workstation owner to enable Salesforce"), "{msg}");
        assert_eq!(r.to_string(), msg);
        assert!(!r.code().is_empty());
    }
}

#[test]
fn availability_of_an_invalid_file_is_invalid_policy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.json");
    std::fs::write(
        &path,
        r#"{"salesforce": {"enabled": true, "client_secret": "HIDDEN VALUE"}}"#,
    )
    .unwrap();
    let a = availability_at(Some(&path), &who(None, "x"));
    let Availability::NotAvailable(NotAvailableReason::InvalidPolicy(summary)) = a else {
        panic!("expected InvalidPolicy, got {a:?}");
    };
    assert!(summary.contains("mistakes"), "{summary}");
    assert!(!summary.contains("HIDDEN"), "{summary}");
}
