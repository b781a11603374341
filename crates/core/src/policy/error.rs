//! Every way a policy can be wrong, as types. Each message names what was found and what
//! is expected, so that an administrator can fix the file without reading our code.
//! No message ever contains the value of `client_secret`.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// What a domain, pasted by the administrator, can get wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("is empty (expected {ACCEPTED_DOMAINS})")]
    Empty,
    #[error("\"{input}\" is not a web address ({reason}) (expected {ACCEPTED_DOMAINS})")]
    Unparseable { input: String, reason: String },
    #[error("uses the scheme \"{scheme}\" (expected an https:// address, or no scheme at all)")]
    UnsupportedScheme { scheme: String },
    #[error(
        "uses http:// for {host}, which would send sign-ins unencrypted (expected https://{host}, or just {host})"
    )]
    InsecureHttp { host: String },
    #[error(
        "contains a user name or password before the host (expected only the host, such as acme.my.salesforce.com)"
    )]
    UserInfo,
    #[error("has a port (:{port}) on a Salesforce host (expected no port, such as https://{host})")]
    PortOnSalesforceHost { port: u16, host: String },
    #[error("\"{input}\" is only a name, not a host (expected a host such as {input}.my.salesforce.com; Setup → My Domain shows yours)")]
    BareName { input: String },
    #[error("{host} is an Experience Cloud site, which serves portal and community users, not the org's own sign-in (expected the org's My Domain, probably {suggestion}; Setup → My Domain shows it)")]
    ExperienceCloudSite { host: String, suggestion: String },
    #[error("{host} is a public Salesforce Sites address, not a sign-in address (expected the org's My Domain, probably {suggestion}; Setup → My Domain shows it)")]
    SalesforceSitesHost { host: String, suggestion: String },
    #[error("{host} is the Setup domain, which serves Setup pages but not OAuth sign-in (expected the org's My Domain login host {suggestion})")]
    SetupDomain { host: String, suggestion: String },
    #[error("{host} is an instance address, which changes when Salesforce moves the org (expected the org's My Domain, such as acme.my.salesforce.com; Setup → My Domain shows it)")]
    InstanceHost { host: String },
    #[error("{host} is a Salesforce address that Workstation does not recognise as a sign-in host (expected {ACCEPTED_DOMAINS})")]
    UnknownSalesforceHost { host: String },
    #[error("{host} is not a Salesforce host (expected {ACCEPTED_DOMAINS})")]
    NotSalesforce { host: String },
    #[error("\"{input}\" has an internationalised name; My Domain names use only the letters a–z, digits and hyphens (Setup → My Domain shows yours)")]
    NonAsciiName { input: String },
}

/// The forms `login_host_from_domain` accepts, for messages and the administrator's guide.
pub const ACCEPTED_DOMAINS: &str = "the org's My Domain as shown in Setup → My Domain, \
such as acme.my.salesforce.com, acme--uat.sandbox.my.salesforce.com or \
acme-dev-ed.develop.my.salesforce.com; a Lightning, Visualforce or file address of that \
My Domain, such as https://acme.lightning.force.com/; or login.salesforce.com (production) \
or test.salesforce.com (sandbox)";

/// What an entry of `users` or of an audience can get wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberError {
    #[error("is empty (expected {MEMBER_FORMS})")]
    Empty,
    #[error("\"*\" alone is not an entry (expected {{\"everyone\": true}} in salesforce.access to give everyone access, or {MEMBER_FORMS})")]
    Star,
    #[error("\"{entry}\" has a wildcard Workstation does not support (expected exactly \"*@domain\", such as *@acme.com; list each subdomain separately)")]
    UnsupportedWildcard { entry: String },
    #[error("\"{entry}\" is not a valid e-mail address (expected an address such as jane@acme.com)")]
    BadEmail { entry: String },
    #[error(
        "\"{entry}\" does not name a valid e-mail domain after \"*@\" (expected a domain pattern such as *@acme.com)"
    )]
    BadEmailDomain { entry: String },
    #[error("\"os:\" is not followed by a login (expected an OS login such as os:jdoe)")]
    EmptyOsLogin,
    #[error("\"{entry}\" puts an e-mail address after \"os:\" (expected the computer login name, such as os:jdoe, or the e-mail address without \"os:\")")]
    OsLoginIsEmail { entry: String },
    #[error("\"{entry}\" includes a Windows domain (expected the login name alone, such as os:{login})")]
    OsLoginWithDomain { entry: String, login: String },
    #[error("\"{entry}\" contains control characters (expected {MEMBER_FORMS})")]
    ControlCharacters { entry: String },
    #[error("\"{entry}\" is not an e-mail address, domain pattern or OS login{hint} (expected {MEMBER_FORMS})")]
    NotRecognised { entry: String, hint: String },
}

/// The forms a member entry may take, for messages.
pub const MEMBER_FORMS: &str =
    "an e-mail address such as jane@acme.com, a domain pattern such as *@acme.com, or an OS login such as os:jdoe";

/// One mistake in a policy, located by the JSON path of the field (`salesforce.domain`,
/// `audiences.sales[2]`); the path is empty for mistakes about the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub path: String,
    pub problem: Problem,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for PolicyError {}

/// What is wrong at a path. Every message ends with what is expected, in brackets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the file is not valid JSON at line {line}, column {column}: {message}{hint} (expected a JSON object; check the commas, quotes and braces near that spot)")]
    InvalidJson {
        line: usize,
        column: usize,
        message: String,
        hint: String,
    },
    #[error("the file is empty (expected a JSON object such as {{\"salesforce\": {{\"enabled\": false}}}})")]
    EmptyDocument,
    #[error("is {found} (expected {expected})")]
    WrongType {
        found: &'static str,
        expected: &'static str,
    },
    #[error("unknown field \"{field}\"{} (expected one of: {})", suggestion_text(.suggestion), .known.join(", "))]
    UnknownField {
        field: String,
        suggestion: Option<String>,
        known: &'static [&'static str],
    },
    #[error("the field \"{field}\" appears more than once (expected each field once; delete the extra copies)")]
    DuplicateField { field: String },
    #[error("is missing (expected {expected})")]
    Missing { expected: &'static str },
    #[error("is empty (expected {expected})")]
    EmptyString { expected: &'static str },
    #[error("contains spaces, line breaks or other characters that cannot be part of a {what} (expected the {what} exactly as Salesforce shows it: letters, digits and punctuation, in one piece)")]
    InvisibleCharacters { what: &'static str },
    #[error("{0}")]
    Domain(DomainError),
    #[error("{value} is out of range (expected a port number from 1024 to 65535, such as 3002)")]
    PortOutOfRange { value: String },
    #[error("{value} is not a whole number (expected a port number from 1024 to 65535, such as 3002)")]
    PortNotWhole { value: String },
    #[error("gives access to everyone and also lists {listed} (expected either {{\"everyone\": true}} or audiences/users, not both)")]
    AccessEveryoneAndSegment { listed: &'static str },
    #[error("gives access to nobody (expected {{\"everyone\": true}} or at least one audience or user; to turn Salesforce off for everyone, set salesforce.enabled to false)")]
    AccessNobody,
    #[error("names the audience \"{name}\", which is not defined{} (expected {})", suggestion_text(.suggestion), defined_text(.defined))]
    UndefinedAudience {
        name: String,
        suggestion: Option<String>,
        defined: Vec<String>,
    },
    #[error("{0}")]
    Member(MemberError),
    #[error("\"{scope}\" is not a Salesforce OAuth scope{} (expected scopes Salesforce offers, such as api, refresh_token, offline_access or full)", .suggestion.map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default())]
    UnknownScope {
        scope: String,
        suggestion: Option<&'static str>,
    },
    #[error("does not include api or full, so Salesforce would refuse every search (expected at least api and refresh_token, each selected on the connected app)")]
    ScopesWithoutApi,
    #[error("does not include refresh_token or offline_access, so the connection would end with the first expired session (expected at least api and refresh_token, each selected on the connected app)")]
    ScopesWithoutRefresh,
    #[error("has no members (expected at least one of: {MEMBER_FORMS})")]
    EmptyAudience,
    #[error("the audience name \"{name}\" is empty or starts or ends with spaces (expected a name such as \"sales\")")]
    BadAudienceName { name: String },
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; {s}"),
        None => String::new(),
    }
}

fn defined_text(defined: &[String]) -> String {
    if defined.is_empty() {
        "an audience defined under the top-level \"audiences\" object, which has none".to_string()
    } else {
        format!(
            "one of the audiences defined under \"audiences\": {}",
            defined.join(", ")
        )
    }
}

/// All the mistakes of one policy: the top level, then `salesforce`, then `audiences`. Never empty. `Display` prints one line
/// per mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyErrors(Vec<PolicyError>);

impl PolicyErrors {
    /// `None` when there is no mistake.
    pub(crate) fn from_vec(errors: Vec<PolicyError>) -> Option<Self> {
        if errors.is_empty() {
            None
        } else {
            Some(PolicyErrors(errors))
        }
    }

    pub(crate) fn one(error: PolicyError) -> Self {
        PolicyErrors(vec![error])
    }

    pub fn errors(&self) -> &[PolicyError] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `PolicyErrors` holds at least one mistake.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, PolicyError> {
        self.0.iter()
    }

    /// True when some mistake is at `path` (exactly).
    pub fn has_path(&self, path: &str) -> bool {
        self.0.iter().any(|e| e.path == path)
    }
}

impl fmt::Display for PolicyErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyErrors {}

impl<'a> IntoIterator for &'a PolicyErrors {
    type Item = &'a PolicyError;
    type IntoIter = std::slice::Iter<'a, PolicyError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Loading a policy file: it could not be read, or it was read and has mistakes.
#[derive(Debug, thiserror::Error)]
pub enum PolicyLoadError {
    #[error("cannot read the policy file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the policy file {} is larger than {limit} bytes (expected a small JSON file; is this the right file?)", .path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("the policy file {} is not UTF-8 text (expected a JSON file saved as UTF-8)", .path.display())]
    NotUtf8 { path: PathBuf },
    #[error("the policy file {} has {} mistake(s):\n{errors}", .path.display(), .errors.len())]
    Invalid { path: PathBuf, errors: PolicyErrors },
}

impl PolicyLoadError {
    /// A one-line summary, for a log line or the *not available* card's details.
    pub fn summary(&self) -> String {
        match self {
            PolicyLoadError::Invalid { path, errors } => {
                let first = errors.errors().first().map(|e| e.to_string()).unwrap_or_default();
                if errors.len() == 1 {
                    format!("the policy file {} has 1 mistake: {first}", path.display())
                } else {
                    format!(
                        "the policy file {} has {} mistakes, the first: {first}",
                        path.display(),
                        errors.len()
                    )
                }
            }
            other => other.to_string(),
        }
    }
}
