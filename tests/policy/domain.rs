//! The domain an administrator writes, turned into the login host: every accepted form
//! (My Domain, Lightning, Visualforce, file and sandbox hosts, loopback) and every rejection.

use crate::{domain_error, host};
use workstation::policy::{login_host_from_domain, DomainError};

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
