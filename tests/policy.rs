//! The administrator's policy, rule by rule: domain forms, every policy mistake (all
//! reported together), segmentation, secret redaction, file location and the check report.

use std::path::PathBuf;

use workstation::policy::{
    availability, availability_at, check_report, check_text, demo_policy, load_policy, login_host_from_domain,
    parse_policy, policy_path, Access, Availability, ClientSecret, DomainError, Member, MemberError,
    NotAvailableReason, Policy, PolicyErrors, PolicyLoadError, Problem, SalesforceApp, SalesforcePolicy, UserIdentity,
    POLICY_ENV,
};

// ---------------------------------------------------------------------------------------
// Helpers

fn host(input: &str) -> String {
    match login_host_from_domain(input) {
        Ok(h) => h.as_str().to_string(),
        Err(e) => panic!("{input:?} was rejected: {e}"),
    }
}

fn domain_error(input: &str) -> DomainError {
    match login_host_from_domain(input) {
        Ok(h) => panic!("{input:?} was accepted as {}", h.as_str()),
        Err(e) => e,
    }
}

fn errors(text: &str) -> PolicyErrors {
    match parse_policy(text) {
        Ok(p) => panic!("policy was accepted: {p:?}"),
        Err(e) => e,
    }
}

fn app(text: &str) -> SalesforceApp {
    match parse_policy(text) {
        Ok(Policy {
            salesforce: SalesforcePolicy::Enabled(app),
        }) => app,
        Ok(other) => panic!("expected an enabled policy, got {other:?}"),
        Err(e) => panic!("policy was rejected:\n{e}"),
    }
}

/// An enabled policy with `salesforce` fields replaced or added by `fields` (a JSON object
/// body such as `"loopback_port": 4000`) and the given top-level `audiences` body.
fn enabled_with(fields: &str, audiences: &str) -> String {
    let mut sf = serde_json::json!({
        "enabled": true,
        "client_id": "3MVG9abcdef",
        "domain": "acme.my.salesforce.com",
        "access": { "everyone": true }
    });
    let extra: serde_json::Value = serde_json::from_str(&format!("{{{fields}}}")).expect("test fields are JSON");
    if let (Some(sf), Some(extra)) = (sf.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            sf.insert(k.clone(), v.clone());
        }
    }
    let audiences: serde_json::Value =
        serde_json::from_str(&format!("{{{audiences}}}")).expect("test audiences are JSON");
    serde_json::json!({ "salesforce": sf, "audiences": audiences }).to_string()
}

fn one_error(text: &str) -> (String, Problem) {
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "expected one mistake, got:\n{errs}");
    let e = &errs.errors()[0];
    (e.path.clone(), e.problem.clone())
}

fn who(email: Option<&str>, login: &str) -> UserIdentity {
    UserIdentity {
        email: email.map(str::to_string),
        os_login: login.to_string(),
    }
}

const FULL: &str = r#"{
  "salesforce": {
    "enabled": true,
    "client_id": "3MVG9xyz.ABC_def",
    "client_secret": "TOPSECRET123",
    "domain": "https://acme.lightning.force.com/",
    "loopback_port": 3002,
    "access": { "audiences": ["sales"], "users": ["jane@acme.com", "os:jdoe"] }
  },
  "audiences": { "sales": ["lead@acme.com", "*@sales.acme.com", "os:sam"] }
}"#;

// ---------------------------------------------------------------------------------------
// Domain → login host: accepted forms

#[test]
fn domain_my_domain_login_host_is_accepted() {
    assert_eq!(host("acme.my.salesforce.com"), "https://acme.my.salesforce.com");
}

#[test]
fn domain_lightning_url_maps_to_my_domain() {
    assert_eq!(
        host("https://acme.lightning.force.com/"),
        "https://acme.my.salesforce.com"
    );
}

#[test]
fn domain_sandbox_my_domain_is_accepted() {
    let h = login_host_from_domain("acme--uat.sandbox.my.salesforce.com").unwrap();
    assert_eq!(h.as_str(), "https://acme--uat.sandbox.my.salesforce.com");
    assert!(h.is_sandbox());
}

#[test]
fn domain_sandbox_lightning_maps_to_sandbox_my_domain() {
    let h = login_host_from_domain("acme--uat.sandbox.lightning.force.com").unwrap();
    assert_eq!(h.as_str(), "https://acme--uat.sandbox.my.salesforce.com");
    assert!(h.is_sandbox());
}

#[test]
fn domain_generic_login_and_test_hosts_are_accepted() {
    let prod = login_host_from_domain("login.salesforce.com").unwrap();
    assert_eq!(prod.as_str(), "https://login.salesforce.com");
    assert!(!prod.is_sandbox());
    let test = login_host_from_domain("https://test.salesforce.com/").unwrap();
    assert_eq!(test.as_str(), "https://test.salesforce.com");
    assert!(test.is_sandbox());
}

#[test]
fn domain_visualforce_host_maps_to_my_domain() {
    assert_eq!(host("acme--c.vf.force.com"), "https://acme.my.salesforce.com");
    assert_eq!(
        host("https://acme--mypkg.vf.force.com/apex/Page"),
        "https://acme.my.salesforce.com"
    );
}

#[test]
fn domain_sandbox_visualforce_host_maps_to_sandbox_my_domain() {
    assert_eq!(
        host("acme--uat--c.sandbox.vf.force.com"),
        "https://acme--uat.sandbox.my.salesforce.com"
    );
}

#[test]
fn domain_file_host_maps_to_my_domain() {
    assert_eq!(host("acme.file.force.com"), "https://acme.my.salesforce.com");
    assert_eq!(
        host("acme--uat.sandbox.file.force.com"),
        "https://acme--uat.sandbox.my.salesforce.com"
    );
}

#[test]
fn domain_partitioned_orgs_are_accepted() {
    assert_eq!(
        host("acme-dev-ed.develop.lightning.force.com"),
        "https://acme-dev-ed.develop.my.salesforce.com"
    );
    assert_eq!(
        host("play-1.trailblaze.my.salesforce.com"),
        "https://play-1.trailblaze.my.salesforce.com"
    );
    assert_eq!(
        host("s1.scratch.my.salesforce.com"),
        "https://s1.scratch.my.salesforce.com"
    );
    assert!(!login_host_from_domain("acme-dev-ed.develop.my.salesforce.com")
        .unwrap()
        .is_sandbox());
}

#[test]
fn domain_legacy_sandbox_login_host_is_kept() {
    let h = login_host_from_domain("acme--uat.my.salesforce.com").unwrap();
    assert_eq!(h.as_str(), "https://acme--uat.my.salesforce.com");
    assert!(h.is_sandbox());
}

#[test]
fn domain_as_pasted_whitespace_case_path_and_query_are_tolerated() {
    assert_eq!(
        host("  HTTPS://ACME.Lightning.Force.com/lightning/page/home?x=1#top \n"),
        "https://acme.my.salesforce.com"
    );
    assert_eq!(host("acme.my.salesforce.com/"), "https://acme.my.salesforce.com");
    assert_eq!(host("acme.my.salesforce.com."), "https://acme.my.salesforce.com");
}

#[test]
fn domain_login_host_has_no_trailing_slash_but_url_joins() {
    let h = login_host_from_domain("acme.my.salesforce.com").unwrap();
    assert_eq!(h.as_str(), "https://acme.my.salesforce.com");
    assert_eq!(h.to_string(), "https://acme.my.salesforce.com");
    assert_eq!(
        h.url().join("/services/oauth2/token").unwrap().as_str(),
        "https://acme.my.salesforce.com/services/oauth2/token"
    );
    assert_eq!(h.my_domain_name(), Some("acme"));
}

#[test]
fn domain_loopback_http_keeps_its_port() {
    let h = login_host_from_domain("http://127.0.0.1:41234/").unwrap();
    assert_eq!(h.as_str(), "http://127.0.0.1:41234");
    assert!(h.is_loopback());
    assert_eq!(host("http://localhost:8080"), "http://localhost:8080");
    assert_eq!(host("localhost:8080"), "http://localhost:8080");
    assert_eq!(host("http://[::1]:9000"), "http://[::1]:9000");
}

// ---------------------------------------------------------------------------------------
// Domain → login host: rejections

#[test]
fn domain_empty_is_rejected() {
    assert_eq!(domain_error("   "), DomainError::Empty);
}

#[test]
fn domain_experience_cloud_site_is_rejected_with_explanation() {
    let e = domain_error("https://acme.my.site.com");
    assert!(matches!(e, DomainError::ExperienceCloudSite { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("Experience Cloud"), "{msg}");
    assert!(msg.contains("https://acme.my.salesforce.com"), "{msg}");
}

#[test]
fn domain_setup_domain_is_rejected_with_the_login_host() {
    let e = domain_error("https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home");
    assert!(matches!(e, DomainError::SetupDomain { .. }), "{e:?}");
    assert!(e.to_string().contains("https://acme.my.salesforce.com"), "{e}");
}

#[test]
fn domain_salesforce_sites_host_is_rejected() {
    let e = domain_error("acme.my.salesforce-sites.com");
    assert!(matches!(e, DomainError::SalesforceSitesHost { .. }), "{e:?}");
}

#[test]
fn domain_other_hosts_are_rejected_listing_accepted_forms() {
    let e = domain_error("www.example.com");
    assert!(matches!(e, DomainError::NotSalesforce { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("acme.my.salesforce.com"), "{msg}");
    assert!(msg.contains("login.salesforce.com"), "{msg}");
}

#[test]
fn domain_lookalike_hosts_are_rejected() {
    for input in [
        "acme.my.salesforce.com.evil.com",
        "https://evil.com/acme.my.salesforce.com",
        "acmemy.salesforce.com.example",
        "https://my.salesforce.com",
        "acme.my.salesforce.co",
    ] {
        assert!(login_host_from_domain(input).is_err(), "{input} was accepted");
    }
}

#[test]
fn domain_http_is_rejected_for_salesforce_hosts() {
    let e = domain_error("http://acme.my.salesforce.com");
    assert_eq!(
        e,
        DomainError::InsecureHttp {
            host: "acme.my.salesforce.com".into()
        }
    );
}

#[test]
fn domain_userinfo_is_rejected() {
    assert_eq!(
        domain_error("https://admin:pw@acme.my.salesforce.com"),
        DomainError::UserInfo
    );
    assert_eq!(domain_error("acme.my.salesforce.com@evil.com"), DomainError::UserInfo);
}

#[test]
fn domain_port_on_salesforce_host_is_rejected() {
    let e = domain_error("https://acme.my.salesforce.com:8443");
    assert!(
        matches!(e, DomainError::PortOnSalesforceHost { port: 8443, .. }),
        "{e:?}"
    );
}

#[test]
fn domain_instance_host_is_rejected() {
    let e = domain_error("https://na123.salesforce.com");
    assert!(matches!(e, DomainError::InstanceHost { .. }), "{e:?}");
}

#[test]
fn domain_bare_my_domain_name_is_rejected_with_suggestion() {
    let e = domain_error("acme");
    assert!(e.to_string().contains("acme.my.salesforce.com"), "{e}");
}

#[test]
fn domain_internal_partitions_and_unknown_salesforce_hosts_are_rejected() {
    for input in [
        "acme.free.my.salesforce.com",
        "acme.foo.my.salesforce.com",
        "www.salesforce.com",
    ] {
        let e = domain_error(input);
        assert!(matches!(e, DomainError::UnknownSalesforceHost { .. }), "{input}: {e:?}");
    }
}

#[test]
fn domain_non_loopback_ip_and_other_schemes_are_rejected() {
    assert!(matches!(
        domain_error("https://10.0.0.1"),
        DomainError::NotSalesforce { .. }
    ));
    assert!(matches!(
        domain_error("ftp://acme.my.salesforce.com"),
        DomainError::UnsupportedScheme { .. }
    ));
}

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

// ---------------------------------------------------------------------------------------
// Robustness: no input panics

/// xorshift64*: deterministic, no crate needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const NOISE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "-",
    "1e999",
    "0.5",
    "99999999999999999999999",
    "*@",
    "os:",
    "@",
    "é",
    "\u{200b}",
    "\u{feff}",
    "\n",
    " ",
    "//",
    "http://",
    "--",
    ".",
    "\"_x\":1,",
    "\"enabled\":true,",
    "\"access\":{},",
];

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for _ in 0..=rng.below(4) {
        let len = chars.len();
        match rng.below(6) {
            0 => chars.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.below(20)).min(len);
                chars.drain(at..end);
            }
            2 => {
                let at = rng.below(len + 1);
                let noise = NOISE[rng.below(NOISE.len())];
                for (i, c) in noise.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            3 if len > 1 => {
                let (a, b) = (rng.below(len), rng.below(len));
                chars.swap(a, b);
            }
            4 if len > 0 => {
                let at = rng.below(len);
                chars[at] = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
            }
            _ => {
                let at = rng.below(len + 1);
                let end = (at + rng.below(30)).min(len);
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(len + 1);
                for (i, c) in copy.into_iter().enumerate() {
                    chars.insert(to + i, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn parse_policy_never_panics_on_mutated_or_random_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let bases = [
        FULL.to_string(),
        enabled_with("", ""),
        r#"{"salesforce":{"enabled":false}}"#.to_string(),
    ];
    let mut accepted = 0;
    for i in 0..6000 {
        let text = if i % 10 == 9 {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            let base = &bases[rng.below(bases.len())];
            mutate(&mut rng, base)
        };
        match parse_policy(&text) {
            Ok(_) => accepted += 1,
            Err(errs) => {
                assert!(!errs.is_empty());
                let _ = errs.to_string();
            }
        }
        let _ = check_text("fuzz", &text);
    }
    // Some mutations leave the policy valid; most do not.
    assert!(accepted > 0 && accepted < 6000, "accepted {accepted}");
}

#[test]
fn truncating_a_valid_policy_anywhere_never_panics() {
    let chars: Vec<char> = FULL.chars().collect();
    for end in 0..chars.len() {
        let text: String = chars[..end].iter().collect();
        assert!(parse_policy(&text).is_err(), "a truncated policy was accepted: {text}");
    }
}

#[test]
fn domain_and_member_parsing_never_panic() {
    let mut rng = Rng(42);
    let bases = [
        "https://acme--uat--c.sandbox.vf.force.com/apex/x",
        "*@sales.acme.com",
        "os:jdoe",
        "http://[::1]:3000",
    ];
    for _ in 0..4000 {
        let base = bases[rng.below(bases.len())];
        let text = mutate(&mut rng, base);
        let _ = login_host_from_domain(&text).map(|h| h.to_string());
        let _ = Member::parse(&text).map(|m| m.to_string());
    }
}

#[test]
fn internationalised_names_and_control_characters_are_refused() {
    // Before: "acmé" came back from the URL parser as "xn--acm-dma" and read as My Domain
    // "xn" with the sandbox "acm-dma".
    for input in [
        "acmé.my.salesforce.com",
        "xn--acm-dma.my.salesforce.com",
        "https://bücher.lightning.force.com/",
    ] {
        assert!(
            matches!(domain_error(input), DomainError::NonAsciiName { .. }),
            "{input}: {}",
            domain_error(input)
        );
    }
    for input in [
        "acme\u{0}.my.salesforce.com",
        "acme.my.sales\tforce.com",
        "acme\n.my.salesforce.com",
    ] {
        let e = domain_error(input);
        assert!(e.to_string().contains("control character"), "{input:?}: {e}");
    }
    // Hyphens are fine where Salesforce puts them.
    assert_eq!(
        host("acme-corp--uat.sandbox.my.salesforce.com"),
        "https://acme-corp--uat.sandbox.my.salesforce.com"
    );
}
