//! Policy text → `Policy`, collecting every mistake instead of stopping at the first.
//! serde_json reads the text into a tree (so syntax errors come with line and column);
//! this walk checks each field itself, so that wrong types, typos, missing fields and bad
//! values are all reported together with their JSON path.

use std::collections::BTreeMap;

use super::domain::login_host_from_domain;
use super::error::{PolicyError, PolicyErrors, Problem};
use super::json::{child, index, Json};
use super::scopes::{Scopes, ScopesError};
use super::segment::Member;
use super::similar::{closest, normalise};
use super::{Access, ClientSecret, Policy, SalesforceApp, SalesforcePolicy, DEFAULT_LOOPBACK_PORT};

const ROOT_FIELDS: &[&str] = &["salesforce", "audiences"];
const SALESFORCE_FIELDS: &[&str] = &[
    "enabled",
    "client_id",
    "client_secret",
    "domain",
    "loopback_port",
    "scopes",
    "access",
];
const ACCESS_FIELDS: &[&str] = &["everyone", "audiences", "users"];

const ROOT_EXPECTED: &str =
    "an object such as {\"salesforce\": {\"enabled\": true, \"client_id\": \"…\", \"domain\": \"…\", \"access\": {\"everyone\": true}}}";
const SALESFORCE_EXPECTED: &str =
    "an object with \"enabled\" and, when enabled, \"client_id\", \"domain\" and \"access\"";
const BOOL_EXPECTED: &str = "true or false, without quotes";
const CLIENT_ID_EXPECTED: &str = "the Consumer Key of the External Client App, as a string";
const CLIENT_ID_MISSING: &str = "the Consumer Key of the External Client App, because \"enabled\" is true";
const CLIENT_SECRET_EXPECTED: &str =
    "the Consumer Secret of the External Client App, as a string; or leave the field out for a public client";
const DOMAIN_EXPECTED: &str = "the org's My Domain as a string, such as \"acme.my.salesforce.com\"";
const DOMAIN_MISSING: &str = "the org's My Domain, such as \"acme.my.salesforce.com\", because \"enabled\" is true";
const PORT_EXPECTED: &str = "a port number from 1024 to 65535, without quotes, such as 3002";
const SCOPES_EXPECTED: &str =
    "the scopes selected on the connected app, as a list such as [\"api\", \"refresh_token\"] or a string such as \"api refresh_token\"";
const ACCESS_EXPECTED: &str = "{\"everyone\": true}, or {\"audiences\": [\"sales\"], \"users\": [\"jane@acme.com\"]}";
const ACCESS_MISSING: &str =
    "who may use Salesforce, because \"enabled\" is true: {\"everyone\": true}, or {\"audiences\": [\"sales\"], \"users\": [\"jane@acme.com\"]}";
const AUDIENCE_LIST_EXPECTED: &str = "a list of audience names, such as [\"sales\"]";
const AUDIENCE_NAME_EXPECTED: &str = "the name of an audience, as a string, such as \"sales\"";
const USERS_EXPECTED: &str = "a list of entries, such as [\"jane@acme.com\", \"*@acme.com\", \"os:jdoe\"]";
const MEMBER_EXPECTED: &str =
    "a string: an e-mail address such as \"jane@acme.com\", a domain pattern such as \"*@acme.com\", or an OS login such as \"os:jdoe\"";
const AUDIENCES_EXPECTED: &str =
    "an object that maps audience names to lists of members, such as {\"sales\": [\"*@sales.acme.com\", \"os:jdoe\"]}";

/// Field names administrators write for ours, normalised (lower case, no `_`, `-`, space).
const SYNONYMS: &[(&str, &str)] = &[
    ("consumerkey", "client_id"),
    ("clientkey", "client_id"),
    ("key", "client_id"),
    ("consumersecret", "client_secret"),
    ("secret", "client_secret"),
    ("mydomain", "domain"),
    ("domainname", "domain"),
    ("loginurl", "domain"),
    ("loginhost", "domain"),
    ("instanceurl", "domain"),
    ("url", "domain"),
    ("host", "domain"),
    ("port", "loopback_port"),
    ("callbackport", "loopback_port"),
    ("redirectport", "loopback_port"),
    ("scope", "scopes"),
    ("oauthscopes", "scopes"),
    ("enable", "enabled"),
    ("everybody", "everyone"),
    ("all", "everyone"),
    ("user", "users"),
    ("members", "users"),
    ("audience", "audiences"),
    ("groups", "audiences"),
    ("segments", "audiences"),
];

/// Parses and validates a whole policy.
pub(super) fn validate(text: &str) -> Result<Policy, PolicyErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ctx = Ctx::default();
    let policy = if text.trim().is_empty() {
        ctx.push("", Problem::EmptyDocument);
        None
    } else {
        match serde_json::from_str::<Json>(text) {
            Ok(root) => ctx.policy(&root),
            Err(e) => {
                ctx.push("", invalid_json(text, &e));
                None
            }
        }
    };
    match (policy, PolicyErrors::from_vec(ctx.errors)) {
        (Some(policy), None) => Ok(policy),
        (_, Some(errors)) => Err(errors),
        // Every path that yields no policy records a mistake; this is only a safety net.
        (None, None) => Err(PolicyErrors::one(PolicyError {
            path: String::new(),
            problem: Problem::EmptyDocument,
        })),
    }
}

fn invalid_json(text: &str, e: &serde_json::Error) -> Problem {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    let at = text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().nth(column.saturating_sub(1)));
    let hint = match (e.classify(), at) {
        (_, Some('/')) | (_, Some('#')) => {
            "; JSON does not allow comments (write them as a \"_comment\" field instead)"
        }
        (_, Some('\'')) => "; JSON needs double quotes (\") around names and strings",
        (serde_json::error::Category::Eof, _) => "; the file ends before every { and [ is closed",
        _ => "",
    };
    Problem::InvalidJson {
        line,
        column,
        message,
        hint: hint.to_string(),
    }
}

/// The audiences defined at the top level, as far as they could be read.
enum Defined {
    /// No `audiences` object.
    Nothing,
    /// `audiences` is not an object: references cannot be checked.
    Unreadable,
    Audiences(BTreeMap<String, Vec<Member>>),
}

#[derive(Default)]
struct Ctx {
    errors: Vec<PolicyError>,
}

impl Ctx {
    fn push(&mut self, path: &str, problem: Problem) {
        self.errors.push(PolicyError {
            path: path.to_string(),
            problem,
        });
    }

    fn wrong_type(&mut self, path: &str, found: &Json, expected: &'static str) {
        let path = if path.is_empty() { "(top level)" } else { path };
        self.push(
            path,
            Problem::WrongType {
                found: found.type_name(),
                expected,
            },
        );
    }

    /// The fields of an object, first occurrence of each, without `_comment`-style keys.
    /// With `known`, other keys are reported as unknown (with a suggestion).
    fn object<'a>(
        &mut self,
        value: &'a Json,
        path: &str,
        expected: &'static str,
        known: Option<&'static [&'static str]>,
    ) -> Option<Vec<(&'a str, &'a Json)>> {
        let Json::Object(entries) = value else {
            self.wrong_type(path, value, expected);
            return None;
        };
        let mut fields: Vec<(&str, &Json)> = Vec::new();
        for (key, v) in entries {
            if key.starts_with('_') {
                continue;
            }
            if fields.iter().any(|(k, _)| *k == key.as_str()) {
                let at = if path.is_empty() { "(top level)" } else { path };
                self.push(at, Problem::DuplicateField { field: key.clone() });
                continue;
            }
            if let Some(known) = known {
                if !known.contains(&key.as_str()) {
                    let at = if path.is_empty() { "(top level)" } else { path };
                    self.push(
                        at,
                        Problem::UnknownField {
                            field: key.clone(),
                            suggestion: suggest_field(key, known),
                            known,
                        },
                    );
                    continue;
                }
            }
            fields.push((key.as_str(), v));
        }
        Some(fields)
    }

    fn policy(&mut self, root: &Json) -> Option<Policy> {
        let fields = self.object(root, "", ROOT_EXPECTED, Some(ROOT_FIELDS))?;
        // Audiences are read first (access refers to them) but reported after the
        // salesforce section, which is how the file usually reads.
        let mut audience_ctx = Ctx::default();
        let defined = match get(&fields, "audiences") {
            None => Defined::Nothing,
            Some(v) => audience_ctx.audiences(v),
        };
        let salesforce = match get(&fields, "salesforce") {
            Some(v) => self.salesforce(v, &defined),
            None => {
                self.push(
                    "salesforce",
                    Problem::Missing {
                        expected: SALESFORCE_EXPECTED,
                    },
                );
                None
            }
        };
        self.errors.append(&mut audience_ctx.errors);
        Some(Policy {
            salesforce: salesforce?,
        })
    }

    fn salesforce(&mut self, value: &Json, defined: &Defined) -> Option<SalesforcePolicy> {
        let path = "salesforce";
        let fields = self.object(value, path, SALESFORCE_EXPECTED, Some(SALESFORCE_FIELDS))?;
        let before = self.errors.len();

        let enabled = match get(&fields, "enabled") {
            Some(Json::Bool(b)) => Some(*b),
            Some(other) => {
                self.wrong_type("salesforce.enabled", other, BOOL_EXPECTED);
                None
            }
            None => {
                self.push(
                    "salesforce.enabled",
                    Problem::Missing {
                        expected: BOOL_EXPECTED,
                    },
                );
                None
            }
        };
        let client_id = get(&fields, "client_id")
            .and_then(|v| self.token(v, "salesforce.client_id", "Consumer Key", CLIENT_ID_EXPECTED));
        let client_secret = match get(&fields, "client_secret") {
            None | Some(Json::Null) => None,
            Some(v) => self
                .token(v, "salesforce.client_secret", "Consumer Secret", CLIENT_SECRET_EXPECTED)
                .map(ClientSecret::new),
        };
        let login_host = match get(&fields, "domain") {
            None => None,
            Some(Json::Str(s)) => match login_host_from_domain(s) {
                Ok(host) => Some(host),
                Err(e) => {
                    self.push("salesforce.domain", Problem::Domain(e));
                    None
                }
            },
            Some(other) => {
                self.wrong_type("salesforce.domain", other, DOMAIN_EXPECTED);
                None
            }
        };
        let loopback_port = match get(&fields, "loopback_port") {
            None | Some(Json::Null) => Some(DEFAULT_LOOPBACK_PORT),
            Some(v) => self.port(v, "salesforce.loopback_port"),
        };
        let scopes = match get(&fields, "scopes") {
            None | Some(Json::Null) => Some(Scopes::least()),
            Some(v) => self.scopes(v, "salesforce.scopes"),
        };
        let access = get(&fields, "access").and_then(|v| self.access(v, defined));

        if enabled != Some(true) {
            // A disabled integration needs no other field; the ones present were checked.
            return match enabled {
                Some(false) if self.errors.len() == before => Some(SalesforcePolicy::Disabled),
                _ => None,
            };
        }
        let required = [
            ("client_id", CLIENT_ID_MISSING),
            ("domain", DOMAIN_MISSING),
            ("access", ACCESS_MISSING),
        ];
        for (field, expected) in required {
            if get(&fields, field).is_none() {
                self.push(&child(path, field), Problem::Missing { expected });
            }
        }
        if self.errors.len() != before {
            return None;
        }
        Some(SalesforcePolicy::Enabled(SalesforceApp {
            client_id: client_id?,
            client_secret,
            login_host: login_host?,
            loopback_port: loopback_port?,
            scopes: scopes?,
            access: access?,
        }))
    }

    /// The scopes to ask for: a list of names, or one space-separated string as Salesforce
    /// writes them (`"api refresh_token"`).
    fn scopes(&mut self, value: &Json, path: &str) -> Option<Scopes> {
        let names: Vec<String> = match value {
            Json::Str(s) => s.split_whitespace().map(str::to_string).collect(),
            Json::Array(items) => {
                let mut names = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Json::Str(s) => names.push(s.clone()),
                        other => self.wrong_type(&index(path, i), other, SCOPES_EXPECTED),
                    }
                }
                names
            }
            other => {
                self.wrong_type(path, other, SCOPES_EXPECTED);
                return None;
            }
        };
        match Scopes::parse(&names) {
            Ok(scopes) => Some(scopes),
            Err(errors) => {
                for e in errors {
                    let problem = match e {
                        ScopesError::Unknown { scope, suggestion } => Problem::UnknownScope { scope, suggestion },
                        ScopesError::NoApi => Problem::ScopesWithoutApi,
                        ScopesError::NoRefresh => Problem::ScopesWithoutRefresh,
                    };
                    self.push(path, problem);
                }
                None
            }
        }
    }

    /// A consumer key or secret: a string of visible ASCII characters, surrounding
    /// whitespace ignored. The value never appears in a message.
    fn token(&mut self, value: &Json, path: &str, what: &'static str, expected: &'static str) -> Option<String> {
        let Json::Str(s) = value else {
            self.wrong_type(path, value, expected);
            return None;
        };
        let s = s.trim();
        if s.is_empty() {
            self.push(path, Problem::EmptyString { expected });
            return None;
        }
        if !s.chars().all(|c| c.is_ascii_graphic()) {
            self.push(path, Problem::InvisibleCharacters { what });
            return None;
        }
        Some(s.to_string())
    }

    fn port(&mut self, value: &Json, path: &str) -> Option<u16> {
        let whole = match value {
            Json::Int(n) => *n,
            Json::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => *f as i128,
            Json::Float(f) => {
                self.push(path, Problem::PortNotWhole { value: f.to_string() });
                return None;
            }
            other => {
                self.wrong_type(path, other, PORT_EXPECTED);
                return None;
            }
        };
        match u16::try_from(whole) {
            Ok(port) if port >= 1024 => Some(port),
            _ => {
                self.push(
                    path,
                    Problem::PortOutOfRange {
                        value: whole.to_string(),
                    },
                );
                None
            }
        }
    }

    fn access(&mut self, value: &Json, defined: &Defined) -> Option<Access> {
        let path = "salesforce.access";
        let fields = self.object(value, path, ACCESS_EXPECTED, Some(ACCESS_FIELDS))?;
        let before = self.errors.len();

        let everyone = match get(&fields, "everyone") {
            None => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(other) => {
                self.wrong_type("salesforce.access.everyone", other, BOOL_EXPECTED);
                None
            }
        };
        let audience_names = get(&fields, "audiences").map(|v| self.audience_refs(v, defined));
        let users = get(&fields, "users").map(|v| self.users(v));

        if everyone == Some(true) {
            let listed = match (audience_names.is_some(), users.is_some()) {
                (true, true) => Some("audiences and users"),
                (true, false) => Some("audiences"),
                (false, true) => Some("users"),
                (false, false) => None,
            };
            if let Some(listed) = listed {
                self.push(path, Problem::AccessEveryoneAndSegment { listed });
                return None;
            }
            return (self.errors.len() == before).then_some(Access::Everyone);
        }
        if self.errors.len() != before {
            return None;
        }
        let names = audience_names.unwrap_or_default();
        let users = users.unwrap_or_default();
        if names.is_empty() && users.is_empty() {
            self.push(path, Problem::AccessNobody);
            return None;
        }
        let audiences = match defined {
            Defined::Audiences(map) => names
                .into_iter()
                .filter_map(|n| map.get(&n).map(|members| (n, members.clone())))
                .collect(),
            Defined::Nothing | Defined::Unreadable => BTreeMap::new(),
        };
        Some(Access::Segment { audiences, users })
    }

    /// `access.audiences`: names that must be defined at the top level.
    fn audience_refs(&mut self, value: &Json, defined: &Defined) -> Vec<String> {
        let path = "salesforce.access.audiences";
        let Json::Array(items) = value else {
            self.wrong_type(path, value, AUDIENCE_LIST_EXPECTED);
            return Vec::new();
        };
        let mut names = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = index(path, i);
            let Json::Str(name) = item else {
                self.wrong_type(&at, item, AUDIENCE_NAME_EXPECTED);
                continue;
            };
            let known: Vec<String> = match defined {
                Defined::Unreadable => {
                    names.push(name.clone());
                    continue;
                }
                Defined::Nothing => Vec::new(),
                Defined::Audiences(map) => {
                    if map.contains_key(name) {
                        names.push(name.clone());
                        continue;
                    }
                    map.keys().cloned().collect()
                }
            };
            let suggestion = closest(name, known.iter().map(String::as_str)).map(|s| format!("did you mean \"{s}\"?"));
            self.push(
                &at,
                Problem::UndefinedAudience {
                    name: name.clone(),
                    suggestion,
                    defined: known,
                },
            );
        }
        names
    }

    fn users(&mut self, value: &Json) -> Vec<Member> {
        self.members(value, "salesforce.access.users", USERS_EXPECTED)
    }

    /// A list of member entries; each bad entry is reported at its index.
    fn members(&mut self, value: &Json, path: &str, expected: &'static str) -> Vec<Member> {
        let Json::Array(items) = value else {
            self.wrong_type(path, value, expected);
            return Vec::new();
        };
        let mut members = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = index(path, i);
            match item {
                Json::Str(entry) => match Member::parse(entry) {
                    Ok(m) => members.push(m),
                    Err(e) => self.push(&at, Problem::Member(e)),
                },
                other => self.wrong_type(&at, other, MEMBER_EXPECTED),
            }
        }
        members
    }

    /// The top-level `audiences` definitions.
    fn audiences(&mut self, value: &Json) -> Defined {
        let Some(fields) = self.object(value, "audiences", AUDIENCES_EXPECTED, None) else {
            return Defined::Unreadable;
        };
        let mut map = BTreeMap::new();
        for (name, members) in fields {
            let path = child("audiences", name);
            if name.is_empty() || name.trim() != name {
                self.push(&path, Problem::BadAudienceName { name: name.to_string() });
            }
            let before = self.errors.len();
            let list = self.members(members, &path, AUDIENCES_EXPECTED);
            if list.is_empty() && self.errors.len() == before {
                self.push(&path, Problem::EmptyAudience);
            }
            map.insert(name.to_string(), list);
        }
        Defined::Audiences(map)
    }
}

fn get<'a>(fields: &[(&str, &'a Json)], name: &str) -> Option<&'a Json> {
    fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

/// The field the administrator probably meant: same name in another spelling, a known
/// synonym, a small typo, or a field that belongs in another object.
fn suggest_field(field: &str, known: &[&'static str]) -> Option<String> {
    let norm = normalise(field);
    if let Some(k) = known.iter().find(|k| normalise(k) == norm) {
        return Some(format!("did you mean \"{k}\"?"));
    }
    if let Some((_, k)) = SYNONYMS
        .iter()
        .find(|(syn, target)| *syn == norm && known.contains(target))
    {
        return Some(format!("did you mean \"{k}\"?"));
    }
    if let Some(k) = closest(field, known.iter().copied()) {
        return Some(format!("did you mean \"{k}\"?"));
    }
    let elsewhere: &[(&[&str], &str)] = if known == ROOT_FIELDS {
        &[(SALESFORCE_FIELDS, "salesforce"), (ACCESS_FIELDS, "salesforce.access")]
    } else if known == SALESFORCE_FIELDS {
        &[(ACCESS_FIELDS, "salesforce.access")]
    } else {
        &[]
    };
    elsewhere.iter().find_map(|(fields, parent)| {
        let target = fields.iter().find(|f| normalise(f) == norm).copied().or_else(|| {
            SYNONYMS
                .iter()
                .find(|(syn, t)| *syn == norm && fields.contains(t))
                .map(|(_, t)| *t)
        })?;
        Some(format!("\"{target}\" belongs inside \"{parent}\""))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_cover_typos_synonyms_case_and_nesting() {
        assert_eq!(
            suggest_field("client_secert", SALESFORCE_FIELDS).as_deref(),
            Some("did you mean \"client_secret\"?")
        );
        assert_eq!(
            suggest_field("clientId", SALESFORCE_FIELDS).as_deref(),
            Some("did you mean \"client_id\"?")
        );
        assert_eq!(
            suggest_field("consumer_key", SALESFORCE_FIELDS).as_deref(),
            Some("did you mean \"client_id\"?")
        );
        assert_eq!(
            suggest_field("client_id", ROOT_FIELDS).as_deref(),
            Some("\"client_id\" belongs inside \"salesforce\"")
        );
        assert_eq!(
            suggest_field("everyone", SALESFORCE_FIELDS).as_deref(),
            Some("\"everyone\" belongs inside \"salesforce.access\"")
        );
        assert_eq!(suggest_field("zzzzzz", SALESFORCE_FIELDS), None);
    }
}
