//! The administrator's Salesforce domain, pasted in any common form, turned into the one
//! host the OAuth endpoints live on (`/services/oauth2/authorize|token|revoke`).
//!
//! Host forms, and where Salesforce documents them:
//! - `login.salesforce.com` (production) and `test.salesforce.com` (sandbox), and the My
//!   Domain login hosts `MyDomainName.my.salesforce.com` and
//!   `MyDomainName--SandboxName.sandbox.my.salesforce.com`: Help "Query for User
//!   Information" (id=remoteaccess_using_userinfo_endpoint.htm) and Mobile SDK "Revoking
//!   OAuth Tokens" (shared/salesforce/API-NOTES.md §1).
//! - Partitions (`sandbox`, `develop`, `scratch`, `trailblaze`, `patch`, `demo`) between the
//!   My Domain name and the suffix: Tooling API "OrgDomainLog", field `DomainPartition`
//!   (developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_mydomainlog.htm),
//!   which gives `MyDomainName.develop.my.salesforce.com`; Help "Partitioned Domains"
//!   (id=products.domain_name_partitioned_domains.htm). `free`, `sfdctest` and `sfrestore`
//!   are "reserved for internal use" there, so we do not accept them.
//! - Lightning `MyDomainName.lightning.force.com`, Visualforce
//!   `MyDomainName--PackageName.vf.force.com`, content `MyDomainName.file.force.com`, each
//!   with the same partition and `--SandboxName` rules as the login host: Apex
//!   `DomainCreator` (developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_DomainCreator.htm:
//!   "mycompany.my.salesforce.com … mycompany--uat.vf.force.com") and Help "My Domain URL
//!   Formats" (id=products.domain_name_app_url_changes.htm), which also gives the sandbox
//!   login form without enhanced domains, `MyDomainName--SandboxName.my.salesforce.com`.
//! - Rejected with a pointer to the right host: Experience Cloud sites
//!   (`MyDomainName.my.site.com`), Salesforce Sites (`MyDomainName.my.salesforce-sites.com`),
//!   the Setup domain (`MyDomainName.my.salesforce-setup.com`, Apex `DomainType.SETUP_DOMAIN`)
//!   and instance hosts (`na123.salesforce.com`), which change when Salesforce moves an org.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use url::{Host, Url};

use super::error::DomainError;

/// The origin OAuth requests go to: `https://acme.my.salesforce.com`, or a loopback
/// `http://127.0.0.1:PORT` for the demo org. Only `login_host_from_domain` makes one, so a
/// `LoginHost` is always one of the accepted forms.
#[derive(Clone, PartialEq, Eq)]
pub struct LoginHost {
    url: Url,
    origin: String,
    kind: HostKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum HostKind {
    /// login.salesforce.com
    GenericProduction,
    /// test.salesforce.com
    GenericSandbox,
    MyDomain(MyDomain),
    /// The demo org or a test server on this machine.
    Loopback,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct MyDomain {
    name: String,
    partition: Option<Partition>,
    /// Set for sandboxes: with enhanced domains (partition `sandbox`) or without (legacy form).
    sandbox: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Partition {
    Sandbox,
    Develop,
    Scratch,
    Trailblaze,
    Patch,
    Demo,
}

impl Partition {
    fn from_label(label: &str) -> Option<Partition> {
        Some(match label {
            "sandbox" => Partition::Sandbox,
            "develop" => Partition::Develop,
            "scratch" => Partition::Scratch,
            "trailblaze" => Partition::Trailblaze,
            "patch" => Partition::Patch,
            "demo" => Partition::Demo,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            Partition::Sandbox => "sandbox",
            Partition::Develop => "develop",
            Partition::Scratch => "scratch",
            Partition::Trailblaze => "trailblaze",
            Partition::Patch => "patch",
            Partition::Demo => "demo",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Partition::Sandbox => "sandbox",
            Partition::Develop => "Developer Edition org",
            Partition::Scratch => "scratch org",
            Partition::Trailblaze => "Trailhead Playground",
            Partition::Patch => "patch org",
            Partition::Demo => "demo org",
        }
    }
}

impl MyDomain {
    fn login_hostname(&self) -> String {
        let mut host = self.name.clone();
        if let Some(sandbox) = &self.sandbox {
            host.push_str("--");
            host.push_str(sandbox);
        }
        if let Some(partition) = self.partition {
            host.push('.');
            host.push_str(partition.label());
        }
        host.push_str(".my.salesforce.com");
        host
    }
}

impl LoginHost {
    /// The origin as a URL (its path is `/`); join endpoint paths onto it.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The origin without a trailing slash: `https://acme.my.salesforce.com`.
    pub fn as_str(&self) -> &str {
        &self.origin
    }

    /// True for test.salesforce.com and sandbox My Domains.
    pub fn is_sandbox(&self) -> bool {
        match &self.kind {
            HostKind::GenericSandbox => true,
            HostKind::MyDomain(d) => d.sandbox.is_some(),
            HostKind::GenericProduction | HostKind::Loopback => false,
        }
    }

    /// True for a server on this machine (the demo org, tests).
    pub fn is_loopback(&self) -> bool {
        self.kind == HostKind::Loopback
    }

    /// The My Domain name (`acme` for `acme--uat.sandbox.my.salesforce.com`), if any.
    pub fn my_domain_name(&self) -> Option<&str> {
        match &self.kind {
            HostKind::MyDomain(d) => Some(&d.name),
            _ => None,
        }
    }

    /// A short description for the policy check: "production My Domain \"acme\"".
    pub fn describe(&self) -> String {
        match &self.kind {
            HostKind::GenericProduction => "generic production login".to_string(),
            HostKind::GenericSandbox => "generic sandbox login".to_string(),
            HostKind::Loopback => "a server on this computer: the demo org or a test".to_string(),
            HostKind::MyDomain(d) => match (&d.sandbox, d.partition) {
                (Some(sandbox), _) => format!("My Domain \"{}\", sandbox \"{sandbox}\"", d.name),
                (None, Some(p)) => format!("My Domain \"{}\", {}", d.name, p.describe()),
                (None, None) => format!("My Domain \"{}\", production", d.name),
            },
        }
    }
}

impl fmt::Debug for LoginHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LoginHost({})", self.origin)
    }
}

impl fmt::Display for LoginHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)
    }
}

impl FromStr for LoginHost {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        login_host_from_domain(s)
    }
}

/// Which Salesforce surface a host belongs to, by its suffix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surface {
    Login,
    Lightning,
    Visualforce,
    Content,
    Setup,
    ExperienceCloud,
    SalesforceSites,
}

const SURFACES: [(&str, Surface); 7] = [
    ("my.salesforce.com", Surface::Login),
    ("lightning.force.com", Surface::Lightning),
    ("vf.force.com", Surface::Visualforce),
    ("file.force.com", Surface::Content),
    ("my.salesforce-setup.com", Surface::Setup),
    ("my.site.com", Surface::ExperienceCloud),
    ("my.salesforce-sites.com", Surface::SalesforceSites),
];

/// Registrable domains Salesforce serves orgs' instances from, so the only ones a token
/// answer's `instance_url` may name: `salesforce.com`, `force.com` and `cloudforce.com` (the
/// Salesforce CLI's allowlist, `SfdcUrl.isSalesforceDomain` in forcedotcom/sfdx-core, after
/// Help article 000003652), `salesforce.mil` (Government Cloud Plus – Defense),
/// `database.com` (Database.com orgs) and `sfcrmproducts.cn` (Salesforce on Alibaba Cloud).
const INSTANCE_DOMAINS: [&str; 6] = [
    "salesforce.com",
    "force.com",
    "cloudforce.com",
    "salesforce.mil",
    "database.com",
    "sfcrmproducts.cn",
];

/// Salesforce's other registrable domains (sites, Setup, content): with [`INSTANCE_DOMAINS`],
/// a host under one of these that we do not recognise is reported as "a Salesforce address
/// we do not recognise" rather than "not Salesforce".
const OTHER_SALESFORCE_DOMAINS: [&str; 5] = [
    "site.com",
    "salesforce-setup.com",
    "salesforce-sites.com",
    "visualforce.com",
    "documentforce.com",
];

fn is_under(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|p| p.ends_with('.'))
}

/// Whether Salesforce's token answer may name `instance_url` as the org's address for a login
/// at `login_host` (an origin such as `https://acme.my.salesforce.com`): https on a host under
/// one of [`INSTANCE_DOMAINS`], no user name, no port of its own; or, only when the login host
/// is itself on this computer (the demo org, tests), http or https on this computer. The
/// session's token goes to that address with every request, so nothing else is used.
pub fn is_instance_for(login_host: &str, instance_url: &str) -> bool {
    let Ok(url) = Url::parse(instance_url.trim()) else {
        return false;
    };
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    let Some(host) = url.host().map(|h| h.to_owned()) else {
        return false;
    };
    if is_loopback(&host) {
        let login_is_loopback = Url::parse(login_host)
            .ok()
            .and_then(|l| l.host().map(|h| h.to_owned()))
            .is_some_and(|h| is_loopback(&h));
        return login_is_loopback && matches!(url.scheme(), "http" | "https");
    }
    let Host::Domain(name) = host else {
        return false;
    };
    let name = name.trim_end_matches('.');
    url.scheme() == "https" && url.port().is_none() && INSTANCE_DOMAINS.iter().any(|d| name != *d && is_under(name, d))
}

/// Turns what the administrator pasted into the login host. Accepts surrounding
/// whitespace, any letter case, a missing `https://`, a trailing slash and a path.
pub fn login_host_from_domain(input: &str) -> Result<LoginHost, DomainError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Empty);
    }
    // The URL parser would drop or encode these silently; nobody means them in a domain.
    if trimmed.chars().any(char::is_control) {
        return Err(DomainError::Unparseable {
            input: trimmed.escape_debug().to_string(),
            reason: "it contains a control character".to_string(),
        });
    }
    let explicit_scheme = scheme_of(trimmed).map(|s| s.to_ascii_lowercase());
    let to_parse = match &explicit_scheme {
        Some(_) => trimmed.to_string(),
        None if trimmed.starts_with("//") => format!("https:{trimmed}"),
        None => format!("https://{trimmed}"),
    };
    let mut url = Url::parse(&to_parse).map_err(|e| DomainError::Unparseable {
        input: trimmed.to_string(),
        reason: e.to_string(),
    })?;
    if let Some(scheme) = &explicit_scheme {
        if scheme != "https" && scheme != "http" {
            return Err(DomainError::UnsupportedScheme { scheme: scheme.clone() });
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(DomainError::UserInfo);
    }
    let host = match url.host() {
        Some(h) => h.to_owned(),
        None => {
            return Err(DomainError::Unparseable {
                input: trimmed.to_string(),
                reason: "there is no host".to_string(),
            })
        }
    };

    if is_loopback(&host) {
        // The demo org and tests: keep scheme and port. Without a scheme we assume http,
        // which is what a local test server speaks.
        if explicit_scheme.is_none() && url.set_scheme("http").is_err() {
            return Err(DomainError::Unparseable {
                input: trimmed.to_string(),
                reason: "cannot use http".to_string(),
            });
        }
        return origin_host(&url, HostKind::Loopback, trimmed);
    }

    let hostname = match &host {
        Host::Domain(d) => d.trim_end_matches('.').to_string(),
        Host::Ipv4(ip) => return Err(DomainError::NotSalesforce { host: ip.to_string() }),
        Host::Ipv6(ip) => {
            return Err(DomainError::NotSalesforce {
                host: format!("[{ip}]"),
            })
        }
    };
    // Non-ASCII names come out of the URL parser as punycode ("xn--…"), which would then
    // read as a legacy sandbox host ("xn" + "--" + sandbox).
    if hostname.split('.').any(|label| label.starts_with("xn--")) {
        return Err(DomainError::NonAsciiName {
            input: trimmed.to_string(),
        });
    }
    if explicit_scheme.as_deref() == Some("http") {
        return Err(DomainError::InsecureHttp { host: hostname });
    }
    let kind = salesforce_host_kind(&hostname)?;
    if let Some(port) = url.port() {
        return Err(DomainError::PortOnSalesforceHost {
            port,
            host: login_hostname(&kind, &hostname),
        });
    }
    let login = login_hostname(&kind, &hostname);
    let login_url = Url::parse(&format!("https://{login}")).map_err(|e| DomainError::Unparseable {
        input: trimmed.to_string(),
        reason: e.to_string(),
    })?;
    origin_host(&login_url, kind, trimmed)
}

/// The scheme, when the input starts with one (`https://…`); `None` for `acme.my.salesforce.com/x?u=http://y`.
fn scheme_of(input: &str) -> Option<&str> {
    let (scheme, _) = input.split_once("://")?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.');
    (first_is_letter && rest_ok).then_some(scheme)
}

fn is_loopback(host: &Host<String>) -> bool {
    match host {
        Host::Domain(d) => d.trim_end_matches('.') == "localhost",
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

fn origin_host(url: &Url, kind: HostKind, input: &str) -> Result<LoginHost, DomainError> {
    let origin = url.origin().ascii_serialization();
    let url = Url::parse(&origin).map_err(|e| DomainError::Unparseable {
        input: input.to_string(),
        reason: e.to_string(),
    })?;
    Ok(LoginHost { url, origin, kind })
}

fn login_hostname(kind: &HostKind, hostname: &str) -> String {
    match kind {
        HostKind::GenericProduction => "login.salesforce.com".to_string(),
        HostKind::GenericSandbox => "test.salesforce.com".to_string(),
        HostKind::MyDomain(d) => d.login_hostname(),
        HostKind::Loopback => hostname.to_string(),
    }
}

/// Recognises a Salesforce hostname (lower case, no trailing dot).
fn salesforce_host_kind(host: &str) -> Result<HostKind, DomainError> {
    match host {
        "login.salesforce.com" => return Ok(HostKind::GenericProduction),
        "test.salesforce.com" => return Ok(HostKind::GenericSandbox),
        _ => {}
    }
    if !host.contains('.') {
        return Err(DomainError::BareName {
            input: host.to_string(),
        });
    }
    for (suffix, surface) in SURFACES {
        let Some(prefix) = host.strip_suffix(suffix).and_then(|p| p.strip_suffix('.')) else {
            continue;
        };
        let Some(my_domain) = parse_my_domain(prefix, surface) else {
            return Err(DomainError::UnknownSalesforceHost { host: host.to_string() });
        };
        let suggestion = format!("https://{}", my_domain.login_hostname());
        return match surface {
            Surface::Login | Surface::Lightning | Surface::Visualforce | Surface::Content => {
                Ok(HostKind::MyDomain(my_domain))
            }
            Surface::Setup => Err(DomainError::SetupDomain {
                host: host.to_string(),
                suggestion,
            }),
            Surface::ExperienceCloud => Err(DomainError::ExperienceCloudSite {
                host: host.to_string(),
                suggestion,
            }),
            Surface::SalesforceSites => Err(DomainError::SalesforceSitesHost {
                host: host.to_string(),
                suggestion,
            }),
        };
    }
    if let Some(instance) = host.strip_suffix(".salesforce.com") {
        if is_instance_name(instance) {
            return Err(DomainError::InstanceHost { host: host.to_string() });
        }
    }
    let under_salesforce = INSTANCE_DOMAINS
        .iter()
        .chain(&OTHER_SALESFORCE_DOMAINS)
        .any(|d| is_under(host, d));
    if under_salesforce {
        Err(DomainError::UnknownSalesforceHost { host: host.to_string() })
    } else {
        Err(DomainError::NotSalesforce { host: host.to_string() })
    }
}

/// `prefix` is what comes before the surface suffix: `acme`, `acme--uat.sandbox`,
/// `acme-dev-ed.develop`, or for Visualforce `acme--c`, `acme--uat--c.sandbox`.
fn parse_my_domain(prefix: &str, surface: Surface) -> Option<MyDomain> {
    let (first, partition) = match prefix.split_once('.') {
        None => (prefix, None),
        Some((first, rest)) => (first, Some(Partition::from_label(rest)?)),
    };
    let mut parts: Vec<&str> = first.split("--").collect();
    if !parts.iter().all(|p| is_name_part(p)) {
        return None;
    }
    if surface == Surface::Visualforce {
        // The last part is the package namespace (`c` for unmanaged pages).
        parts.pop();
    }
    let (name, sandbox) = match (parts.as_slice(), partition) {
        ([name, sandbox], Some(Partition::Sandbox)) => (*name, Some(*sandbox)),
        // Sandboxes without enhanced domains: acme--uat.my.salesforce.com and
        // acme--uat.lightning.force.com.
        ([name, sandbox], None) if matches!(surface, Surface::Login | Surface::Lightning) => (*name, Some(*sandbox)),
        ([name], Some(p)) if p != Partition::Sandbox => (*name, None),
        ([name], None) => (*name, None),
        _ => return None,
    };
    Some(MyDomain {
        name: name.to_string(),
        partition,
        sandbox: sandbox.map(str::to_string),
    })
}

/// A DNS-label-like piece of a My Domain host: letters, digits and single hyphens inside.
fn is_name_part(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 63
        && !part.starts_with('-')
        && !part.ends_with('-')
        && part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `na123`, `cs42`, `usa77`, `eu55`: letters then digits.
fn is_instance_name(label: &str) -> bool {
    let letters = label.chars().take_while(|c| c.is_ascii_lowercase()).count();
    letters > 0 && letters < label.len() && label[letters..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(input: &str) -> String {
        match login_host_from_domain(input) {
            Ok(h) => h.as_str().to_string(),
            Err(e) => panic!("{input:?} was rejected: {e}"),
        }
    }

    #[test]
    fn my_domain_login_host_is_kept() {
        assert_eq!(host("acme.my.salesforce.com"), "https://acme.my.salesforce.com");
    }

    #[test]
    fn lightning_host_maps_to_my_domain() {
        assert_eq!(
            host("https://acme.lightning.force.com/"),
            "https://acme.my.salesforce.com"
        );
    }

    #[test]
    fn visualforce_package_is_dropped() {
        assert_eq!(host("acme--c.vf.force.com"), "https://acme.my.salesforce.com");
        assert_eq!(
            host("acme--uat--c.sandbox.vf.force.com"),
            "https://acme--uat.sandbox.my.salesforce.com"
        );
    }

    #[test]
    fn url_has_a_slash_but_as_str_has_none() {
        let h = login_host_from_domain("acme.my.salesforce.com").unwrap();
        assert_eq!(h.url().as_str(), "https://acme.my.salesforce.com/");
        assert_eq!(h.to_string(), "https://acme.my.salesforce.com");
    }

    #[test]
    fn scheme_detection_ignores_urls_in_the_query() {
        assert_eq!(scheme_of("acme.my.salesforce.com/x?u=http://y"), None);
        assert_eq!(scheme_of("HTTPS://acme"), Some("HTTPS"));
    }

    #[test]
    fn an_instance_url_is_https_on_a_salesforce_host_or_loopback_for_a_loopback_login() {
        let login = "https://acme.my.salesforce.com";
        for ok in [
            "https://acme.my.salesforce.com",
            "https://acme.my.salesforce.com/",
            "https://na123.salesforce.com",
            "https://acme--uat.sandbox.my.salesforce.com",
            "https://acme.lightning.force.com",
            "https://acme.my.salesforce.mil",
            "https://acme.cloudforce.com",
            "https://acme.database.com",
            "https://acme.my.sfcrmproducts.cn",
            "https://ACME.MY.SALESFORCE.COM",
        ] {
            assert!(is_instance_for(login, ok), "{ok} refused");
        }
        for refused in [
            "http://acme.my.salesforce.com",
            "https://evil.example.com",
            "https://salesforce.com.evil.example",
            "https://evilsalesforce.com",
            "https://salesforce.com",
            "https://acme.my.salesforce.com:8443",
            "https://user@acme.my.salesforce.com",
            "https://acme.my.site.com",
            "http://127.0.0.1:8080",
            "https://localhost",
            "https://10.0.0.1",
            "ftp://acme.my.salesforce.com",
            "acme.my.salesforce.com",
            "",
        ] {
            assert!(!is_instance_for(login, refused), "{refused} accepted");
        }
        // The demo org and tests: a loopback login host gets a loopback instance.
        let local = "http://127.0.0.1:4000";
        for ok in [
            "http://127.0.0.1:4000",
            "http://localhost:5000",
            "https://[::1]:5",
            "https://acme.my.salesforce.com",
        ] {
            assert!(is_instance_for(local, ok), "{ok} refused");
        }
        for refused in [
            "http://evil.example.com",
            "http://acme.my.salesforce.com",
            "http://10.0.0.1",
        ] {
            assert!(!is_instance_for(local, refused), "{refused} accepted");
        }
    }

    #[test]
    fn instance_names_are_letters_then_digits() {
        assert!(is_instance_name("na123"));
        assert!(is_instance_name("usa77"));
        assert!(!is_instance_name("login"));
        assert!(!is_instance_name("123"));
    }
}
