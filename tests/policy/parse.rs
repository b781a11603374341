//! Reading the policy file: its valid forms, and each mistake with the path it is
//! reported at (all of them reported together).

use crate::{app, enabled_with, errors, one_error, FULL};
use workstation::policy::{parse_policy, Access, ClientSecret, DomainError, MemberError, Problem, SalesforcePolicy};

// ---------------------------------------------------------------------------------------
// Policy: valid forms

#[test]
fn policy_full_example_parses() {
    let app = app(FULL);
    assert_eq!(app.client_id, "3MVG9xyz.ABC_def");
    assert_eq!(
        app.client_secret.as_ref().map(ClientSecret::expose),
        Some("TOPSECRET123")
    );
    assert_eq!(app.login_host.as_str(), "https://acme.my.salesforce.com");
    assert_eq!(app.loopback_port, 3002);
    let Access::Segment { audiences, users } = &app.access else {
        panic!("expected a segment");
    };
    assert_eq!(audiences.len(), 1);
    assert_eq!(audiences["sales"].len(), 3);
    assert_eq!(users.len(), 2);
}

#[test]
fn policy_disabled_integration_needs_no_other_field() {
    let p = parse_policy(r#"{"salesforce": {"enabled": false}}"#).unwrap();
    assert_eq!(p.salesforce, SalesforcePolicy::Disabled);
}

#[test]
fn policy_disabled_integration_still_checks_fields_present() {
    let (path, _) = one_error(r#"{"salesforce": {"enabled": false, "domain": "example.com"}}"#);
    assert_eq!(path, "salesforce.domain");
}

#[test]
fn policy_without_secret_is_a_public_client() {
    assert!(app(&enabled_with("", "")).client_secret.is_none());
    assert!(app(&enabled_with(r#""client_secret": null"#, ""))
        .client_secret
        .is_none());
}

#[test]
fn policy_loopback_port_defaults_to_3002_and_can_be_set() {
    assert_eq!(app(&enabled_with("", "")).loopback_port, 3002);
    assert_eq!(app(&enabled_with(r#""loopback_port": 49152"#, "")).loopback_port, 49152);
    assert_eq!(app(&enabled_with(r#""loopback_port": 1024"#, "")).loopback_port, 1024);
    assert_eq!(app(&enabled_with(r#""loopback_port": 65535"#, "")).loopback_port, 65535);
}

#[test]
fn policy_underscore_fields_are_comments() {
    let text = r#"{"_comment": "owned by IT", "salesforce": {"enabled": false, "_note": "x"}}"#;
    assert!(parse_policy(text).is_ok());
}

#[test]
fn policy_utf8_bom_is_accepted() {
    assert!(parse_policy("\u{feff}{\"salesforce\": {\"enabled\": false}}").is_ok());
}

#[test]
fn policy_surrounding_whitespace_of_client_id_is_ignored() {
    assert_eq!(
        app(&enabled_with(r#""client_id": "  3MVG9abc \n""#, "")).client_id,
        "3MVG9abc"
    );
}

// ---------------------------------------------------------------------------------------
// Policy: each mistake

#[test]
fn mistake_invalid_json_reports_line_and_column() {
    let (path, problem) = one_error("{\n  \"salesforce\": {\n    \"enabled\": true,\n  }\n}");
    assert_eq!(path, "");
    let Problem::InvalidJson { line, column, .. } = problem else {
        panic!("expected InvalidJson, got {problem:?}");
    };
    assert_eq!(line, 4);
    assert!(column > 0);
}

#[test]
fn mistake_comments_in_json_get_a_hint() {
    let errs = errors("{\n  // who may use it\n  \"salesforce\": {\"enabled\": false}\n}");
    assert!(errs.to_string().contains("comments"), "{errs}");
}

#[test]
fn mistake_truncated_json_says_the_file_ends_early() {
    let errs = errors("{\"salesforce\": {\"enabled\": false");
    assert!(errs.to_string().contains("ends before"), "{errs}");
}

#[test]
fn mistake_empty_file() {
    assert_eq!(one_error("  \n").1, Problem::EmptyDocument);
}

#[test]
fn mistake_top_level_not_an_object() {
    let (path, problem) = one_error("[1, 2]");
    assert_eq!(path, "(top level)");
    assert!(matches!(problem, Problem::WrongType { found: "a list", .. }));
}

#[test]
fn mistake_salesforce_missing() {
    assert_eq!(one_error("{}").0, "salesforce");
}

#[test]
fn mistake_wrong_types_are_reported_with_their_path() {
    let (path, problem) = one_error(r#"{"salesforce": {"enabled": "true"}}"#);
    assert_eq!(path, "salesforce.enabled");
    assert!(
        matches!(problem, Problem::WrongType { found: "a string", .. }),
        "{problem:?}"
    );
    assert!(problem.to_string().contains("without quotes"));
}

#[test]
fn mistake_unknown_field_suggests_the_closest_known_field() {
    let text = enabled_with(r#""client_secert": "abc""#, "");
    let (path, problem) = one_error(&text);
    assert_eq!(path, "salesforce");
    let msg = problem.to_string();
    assert!(msg.contains("\"client_secert\""), "{msg}");
    assert!(msg.contains("did you mean \"client_secret\"?"), "{msg}");
    assert!(!msg.contains("abc"), "the value must not be echoed: {msg}");
}

#[test]
fn mistake_unknown_field_salesforce_synonym_is_suggested() {
    let (_, problem) = one_error(&enabled_with(r#""consumer_key": "3MVG""#, ""));
    assert!(problem.to_string().contains("did you mean \"client_id\"?"), "{problem}");
}

#[test]
fn mistake_field_at_the_wrong_level_points_to_where_it_belongs() {
    let text = r#"{"salesforce": {"enabled": false}, "client_id": "3MVG"}"#;
    let (path, problem) = one_error(text);
    assert_eq!(path, "(top level)");
    assert!(
        problem
            .to_string()
            .contains("\"client_id\" belongs inside \"salesforce\""),
        "{problem}"
    );
}

#[test]
fn mistake_duplicate_field() {
    let text = r#"{"salesforce": {"enabled": false, "enabled": true}}"#;
    let (path, problem) = one_error(text);
    assert_eq!(path, "salesforce");
    assert_eq!(
        problem,
        Problem::DuplicateField {
            field: "enabled".into()
        }
    );
}

#[test]
fn mistake_enabled_missing() {
    assert_eq!(one_error(r#"{"salesforce": {}}"#).0, "salesforce.enabled");
}

#[test]
fn mistake_missing_client_id_domain_and_access_when_enabled() {
    let errs = errors(r#"{"salesforce": {"enabled": true}}"#);
    assert_eq!(errs.len(), 3, "{errs}");
    for path in ["salesforce.client_id", "salesforce.domain", "salesforce.access"] {
        assert!(errs.has_path(path), "no mistake at {path}:\n{errs}");
    }
    assert!(errs.to_string().contains("Consumer Key"));
}

#[test]
fn mistake_empty_client_id() {
    let (path, problem) = one_error(&enabled_with(r#""client_id": "   ""#, ""));
    assert_eq!(path, "salesforce.client_id");
    assert!(matches!(problem, Problem::EmptyString { .. }), "{problem:?}");
}

#[test]
fn mistake_client_id_with_spaces() {
    let (path, problem) = one_error(&enabled_with(r#""client_id": "3MVG9 abc""#, ""));
    assert_eq!(path, "salesforce.client_id");
    assert!(matches!(problem, Problem::InvisibleCharacters { .. }), "{problem:?}");
}

#[test]
fn mistake_empty_client_secret() {
    let (path, problem) = one_error(&enabled_with(r#""client_secret": """#, ""));
    assert_eq!(path, "salesforce.client_secret");
    assert!(problem.to_string().contains("leave the field out"), "{problem}");
}

#[test]
fn mistake_bad_domain_is_reported_at_salesforce_domain() {
    let (path, problem) = one_error(&enabled_with(r#""domain": "https://acme.my.site.com""#, ""));
    assert_eq!(path, "salesforce.domain");
    assert!(matches!(
        problem,
        Problem::Domain(DomainError::ExperienceCloudSite { .. })
    ));
}

#[test]
fn mistake_empty_domain() {
    let (path, problem) = one_error(&enabled_with(r#""domain": """#, ""));
    assert_eq!(path, "salesforce.domain");
    assert_eq!(problem, Problem::Domain(DomainError::Empty));
}

#[test]
fn mistake_port_out_of_range() {
    for port in ["80", "0", "-1", "65536", "100000"] {
        let (path, problem) = one_error(&enabled_with(&format!(r#""loopback_port": {port}"#), ""));
        assert_eq!(path, "salesforce.loopback_port");
        assert!(matches!(problem, Problem::PortOutOfRange { .. }), "{port}: {problem:?}");
    }
}

#[test]
fn mistake_port_not_a_number() {
    let (path, problem) = one_error(&enabled_with(r#""loopback_port": "3002""#, ""));
    assert_eq!(path, "salesforce.loopback_port");
    assert!(matches!(problem, Problem::WrongType { found: "a string", .. }));
    let (_, problem) = one_error(&enabled_with(r#""loopback_port": 3002.5"#, ""));
    assert!(matches!(problem, Problem::PortNotWhole { .. }), "{problem:?}");
}

#[test]
fn mistake_access_both_everyone_and_audiences() {
    let text = enabled_with(
        r#""access": {"everyone": true, "audiences": ["sales"]}"#,
        r#""sales": ["*@acme.com"]"#,
    );
    let (path, problem) = one_error(&text);
    assert_eq!(path, "salesforce.access");
    assert!(
        matches!(problem, Problem::AccessEveryoneAndSegment { .. }),
        "{problem:?}"
    );
}

#[test]
fn mistake_access_naming_an_undefined_audience() {
    let text = enabled_with(r#""access": {"audiences": ["sals"]}"#, r#""sales": ["*@acme.com"]"#);
    let (path, problem) = one_error(&text);
    assert_eq!(path, "salesforce.access.audiences[0]");
    let msg = problem.to_string();
    assert!(msg.contains("\"sals\""), "{msg}");
    assert!(msg.contains("did you mean \"sales\"?"), "{msg}");
}

#[test]
fn mistake_access_naming_an_audience_when_none_is_defined() {
    let text = r#"{"salesforce": {"enabled": true, "client_id": "k", "domain": "acme.my.salesforce.com",
        "access": {"audiences": ["sales"]}}}"#;
    let (path, problem) = one_error(text);
    assert_eq!(path, "salesforce.access.audiences[0]");
    assert!(problem.to_string().contains("which has none"), "{problem}");
}

#[test]
fn mistake_access_giving_nobody_access() {
    for access in [r#"{}"#, r#"{"everyone": false}"#, r#"{"audiences": [], "users": []}"#] {
        let (path, problem) = one_error(&enabled_with(&format!(r#""access": {access}"#), ""));
        assert_eq!(path, "salesforce.access");
        assert_eq!(problem, Problem::AccessNobody, "{access}");
    }
}

type MemberCheck = fn(&MemberError) -> bool;

#[test]
fn mistake_malformed_user_entries() {
    let cases: [(&str, MemberCheck); 7] = [
        ("jane", |e| matches!(e, MemberError::NotRecognised { .. })),
        ("jane@", |e| matches!(e, MemberError::BadEmail { .. })),
        ("jane@acme", |e| matches!(e, MemberError::BadEmail { .. })),
        ("*@", |e| matches!(e, MemberError::BadEmailDomain { .. })),
        ("*@*.acme.com", |e| matches!(e, MemberError::UnsupportedWildcard { .. })),
        ("os:", |e| matches!(e, MemberError::EmptyOsLogin)),
        ("os:ACME\\jdoe", |e| matches!(e, MemberError::OsLoginWithDomain { .. })),
    ];
    for (entry, is_expected) in cases {
        let users = serde_json::to_string(&[entry]).unwrap();
        let (path, problem) = one_error(&enabled_with(&format!(r#""access": {{"users": {users}}}"#), ""));
        assert_eq!(path, "salesforce.access.users[0]", "{entry}");
        let Problem::Member(e) = &problem else {
            panic!("{entry}: expected a member mistake, got {problem:?}");
        };
        assert!(is_expected(e), "{entry}: {e:?}");
    }
}

#[test]
fn mistake_user_entry_that_is_not_a_string() {
    let (path, problem) = one_error(&enabled_with(r#""access": {"users": [42]}"#, ""));
    assert_eq!(path, "salesforce.access.users[0]");
    assert!(matches!(problem, Problem::WrongType { found: "a number", .. }));
}

#[test]
fn mistake_empty_audience() {
    let text = enabled_with(r#""access": {"audiences": ["sales"]}"#, r#""sales": []"#);
    let (path, problem) = one_error(&text);
    assert_eq!(path, "audiences.sales");
    assert_eq!(problem, Problem::EmptyAudience);
}

#[test]
fn mistake_malformed_audience_member() {
    let text = enabled_with(
        r#""access": {"audiences": ["sales"]}"#,
        r#""sales": ["ok@acme.com", "nope"]"#,
    );
    assert_eq!(one_error(&text).0, "audiences.sales[1]");
}

#[test]
fn all_mistakes_are_reported_together() {
    let text = r#"{
      "salesforce": {
        "enabled": true,
        "client_id": "3MVG9 with spaces",
        "client_secert": "x",
        "domain": "http://acme.my.salesforce.com",
        "loopback_port": 80,
        "access": { "everyone": false, "audiences": ["sals"], "users": ["jane"] }
      },
      "audiences": { "sales": [], "support": ["*@support.acme.com"] },
      "extra": 1
    }"#;
    let errs = errors(text);
    let expected = [
        "salesforce",
        "salesforce.client_id",
        "salesforce.domain",
        "salesforce.loopback_port",
        "salesforce.access.audiences[0]",
        "salesforce.access.users[0]",
        "audiences.sales",
        "(top level)",
    ];
    for path in expected {
        assert!(errs.has_path(path), "no mistake at {path}:\n{errs}");
    }
    assert_eq!(errs.len(), expected.len(), "{errs}");
    assert_eq!(errs.to_string().lines().count(), errs.len());
}

#[test]
fn policy_scopes_default_to_the_least_and_can_be_set_as_a_list_or_a_string() {
    assert_eq!(app(&enabled_with("", "")).scopes.to_string(), "api refresh_token");
    let listed = app(&enabled_with(
        r#""scopes": ["full", "api", "refresh_token", "offline_access"]"#,
        "",
    ));
    assert_eq!(listed.scopes.to_string(), "full api refresh_token offline_access");
    let written = app(&enabled_with(r#""scopes": "api offline_access""#, ""));
    assert_eq!(written.scopes.to_string(), "api offline_access");
}

#[test]
fn mistake_scopes_that_salesforce_does_not_know_or_the_app_cannot_work_with() {
    let (path, problem) = one_error(&enabled_with(r#""scopes": ["api", "refresh-token"]"#, ""));
    assert_eq!(path, "salesforce.scopes");
    assert_eq!(
        problem,
        Problem::UnknownScope {
            scope: "refresh-token".into(),
            suggestion: Some("refresh_token")
        }
    );
    assert!(
        problem.to_string().contains("did you mean \"refresh_token\"?"),
        "{problem}"
    );
    let (_, problem) = one_error(&enabled_with(r#""scopes": "refresh_token web""#, ""));
    assert_eq!(problem, Problem::ScopesWithoutApi);
    let (_, problem) = one_error(&enabled_with(r#""scopes": ["api"]"#, ""));
    assert_eq!(problem, Problem::ScopesWithoutRefresh);
    let (_, problem) = one_error(&enabled_with(r#""scopes": 3"#, ""));
    assert!(
        matches!(problem, Problem::WrongType { found: "a number", .. }),
        "{problem:?}"
    );
    let e = errors(&enabled_with(r#""scope": "api refresh_token""#, ""));
    assert!(e.to_string().contains("did you mean \"scopes\"?"), "{e}");
}
