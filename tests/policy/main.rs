//! The administrator's policy, rule by rule: domain forms, every policy mistake (all
//! reported together), segmentation, secret redaction, file location and the check report.

mod access;
mod domain;
mod parse;
mod report;
mod robustness;

use workstation::policy::{
    login_host_from_domain, parse_policy, DomainError, Policy, PolicyErrors, Problem, SalesforceApp, SalesforcePolicy,
    UserIdentity,
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
