//! The properties the fuzz targets check, one function per target. Each takes the raw
//! fuzzer input and panics only when a property is broken (or the code under test panics):
//!
//! - `sosl_term`: any text becomes a query whose FIND term is exactly the user's (cleaned)
//!   text — no operator, brace or RETURNING clause can be injected.
//! - `callback_url`: only our two redirects are accepted; a state is usable once; a
//!   callback never consumes an attempt it does not name.
//! - `policy`: any file is either a valid policy or a list of precise mistakes; the client
//!   secret never shows in `Debug`, in mistakes or in the `policy check` report.
//! - `salesforce_responses`: every parser of what Salesforce sends (search, list views,
//!   REST errors, `Sforce-Limit-Info`, userinfo, device code) answers or errs, never panics,
//!   and a record's URL always stays on the org's Lightning host.

/// The paths the product gives these crates (`workstation::auth`, `workstation::demo_org`…).
mod workstation {
    pub use workstation_core::*;
    pub use workstation_demo_org as demo_org;
}

use workstation::auth::callback::{parse_callback, CallbackError, PendingAttempts, CALLBACK_PATH, DEEP_LINK_REDIRECT};
use workstation::policy::Scopes;
use workstation::salesforce::error::classify_error;
use workstation::salesforce::limits::parse_limit_info;
use workstation::salesforce::listviews::{ListViewPage, ListViewResults};
use workstation::salesforce::records::parse_search_response;
use workstation::salesforce::sosl::{build_query, Limits, SearchTerm, MAX_TERM_CHARS, RESERVED};
use workstation::salesforce::urls::RecordLinks;
use workstation::salesforce::{SearchObject, SearchResult};

// ------------------------------------------------------------------------- SOSL

/// What the search box would send for `input`, cleaned the documented way.
fn cleaned(input: &str) -> String {
    input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a FIND term back as Salesforce does: `\x` is a literal x, `"` groups words,
/// a bare `*` is the wildcard (allowed only at the very end, after a letter or digit).
/// Panics on any unescaped reserved character.
fn read_find_term(term: &str) -> String {
    let mut out = String::new();
    let mut chars = term.chars().peekable();
    let mut prev_literal: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().expect("a backslash escapes a character");
                assert!(RESERVED.contains(&next), "escaped a non-reserved character {next:?} in {term:?}");
                out.push(next);
                prev_literal = Some(next);
            }
            '"' => prev_literal = None,
            '*' => {
                assert!(chars.peek().is_none(), "wildcard before the end of {term:?}");
                assert!(prev_literal.is_some_and(char::is_alphanumeric), "wildcard after punctuation in {term:?}");
            }
            c if RESERVED.contains(&c) => panic!("unescaped reserved character {c:?} in {term:?}"),
            c => {
                out.push(c);
                prev_literal = Some(c);
            }
        }
    }
    out
}

/// Index of the first unescaped `}` in `s`.
fn first_unescaped_close(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '}' => return Some(i),
            _ => {}
        }
    }
    None
}

fn no_operator(e: &workstation::demo_org::sosl::Expr) -> bool {
    use workstation::demo_org::sosl::Expr;
    match e {
        Expr::And(xs) => xs.iter().all(no_operator),
        Expr::Or(_) | Expr::Not(_) => false,
        Expr::Word(_) | Expr::Phrase(_) => true,
    }
}

pub fn sosl_term(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let Ok(term) = SearchTerm::parse(&input) else { return };
    let text = term.as_str();
    assert!(cleaned(&input).starts_with(text), "{text:?} is not the user's text {input:?}");
    assert!(text.chars().count() <= MAX_TERM_CHARS);

    let find = term.to_sosl();
    assert_eq!(read_find_term(&find), text, "FIND term {find:?}");

    let query = build_query(&term, &SearchObject::ALL, Limits::default());
    let reference = build_query(&SearchTerm::parse("xx").expect("valid"), &SearchObject::ALL, Limits::default());
    let suffix = reference.strip_prefix("FIND {xx*}").expect("reference query");
    assert_eq!(query, format!("FIND {{{find}}}{suffix}"), "only the FIND term depends on the input");
    assert_eq!(first_unescaped_close(&query["FIND {".len()..]), Some(find.len()), "the braces close where the term ends");

    // Salesforce's grammar as the demo org implements it reads the same query back.
    let parsed = workstation::demo_org::sosl::parse(&query, &Default::default())
        .unwrap_or_else(|e| panic!("the demo org refused {query:?}: {} {}", e.code, e.message));
    assert_eq!(parsed.returning.len(), SearchObject::ALL.len());
    assert_eq!(parsed.limit, Some(Limits::default().total as usize));
    assert!(no_operator(&parsed.term), "the text added an operator: {:?}", parsed.term);
}

// ------------------------------------------------------------------------- callbacks

pub fn callback_url(data: &[u8]) {
    let (mode, rest) = data.split_first().map(|(m, r)| (*m, r)).unwrap_or((0, data));
    let rest = String::from_utf8_lossy(rest);
    match mode % 3 {
        // Any string at all.
        0 => any_callback(&rest),
        // Our deep link with a fuzzed query: explores the parameters.
        1 => any_callback(&format!("{DEEP_LINK_REDIRECT}?{rest}")),
        // A real pending attempt's state first, then anything.
        _ => answered_attempt(&rest),
    }
}

fn any_callback(url: &str) {
    let Ok(params) = parse_callback(url) else { return };
    let parsed = url::Url::parse(url.trim()).expect("an accepted callback is a URL");
    match parsed.scheme() {
        "workstation" => {
            assert_eq!(parsed.host_str(), Some("salesforce"), "{url}");
            assert_eq!(parsed.path(), "/connected", "{url}");
            assert_eq!(params.redirect_uri, DEEP_LINK_REDIRECT);
        }
        "http" => {
            assert!(matches!(parsed.host_str(), Some("localhost") | Some("127.0.0.1")), "{url}");
            assert_eq!(parsed.path(), CALLBACK_PATH, "{url}");
            let port = parsed.port().expect("an explicit port");
            assert_eq!(params.redirect_uri, format!("http://localhost:{port}{CALLBACK_PATH}"));
        }
        other => panic!("accepted a {other}: callback {url}"),
    }
    // Nothing pending: refused. Another attempt pending: refused, and still pending.
    let pending = PendingAttempts::default();
    assert_eq!(pending.take(&params).err(), Some(CallbackError::NoPendingAttempt));
    let started = pending.start(&params.redirect_uri, &Scopes::least());
    if params.state.as_deref() != Some(started.state.as_str()) {
        assert_eq!(pending.take(&params).err(), Some(CallbackError::NoPendingAttempt));
        assert!(pending.is_pending(), "a foreign callback consumed the attempt");
    }
}

fn answered_attempt(rest: &str) {
    let pending = PendingAttempts::default();
    let started = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
    let url = format!("{DEEP_LINK_REDIRECT}?state={}&{rest}", started.state);
    let params = parse_callback(&url).expect("our deep link");
    assert_eq!(params.state.as_deref(), Some(started.state.as_str()), "the first state wins");
    match pending.take(&params) {
        Ok((code, attempt)) => {
            assert!(!code.is_empty());
            assert_eq!(params.code.as_deref(), Some(code.as_str()));
            assert!(params.error.is_none(), "an error answer was accepted");
            assert_eq!(attempt.redirect_uri, DEEP_LINK_REDIRECT);
        }
        Err(CallbackError::Refused(_)) => assert!(params.error.is_some()),
        Err(CallbackError::MissingCode) => assert!(params.code.as_deref().unwrap_or("").is_empty()),
        Err(other) => panic!("{other:?} for our own attempt: {url}"),
    }
    // Used once, whatever the answer was.
    assert_eq!(pending.take(&params).err(), Some(CallbackError::NoPendingAttempt));
    assert!(!pending.is_pending());
}

// ------------------------------------------------------------------------- policy

/// The `salesforce.client_secret` string of a JSON text, if it has one.
fn secret_in(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("salesforce")?.get("client_secret")?.as_str().map(str::to_string)
}

/// Everything a user sees of a policy: its Debug, its mistakes, the `policy check` report.
fn shown(text: &str) -> String {
    let parsed = match workstation::policy::parse_policy(text) {
        Ok(policy) => format!("{policy:?}"),
        Err(errors) => errors.to_string(),
    };
    format!("{parsed}\n{:?}", workstation::policy::check_text("policy.json", text))
}

pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match workstation::policy::parse_policy(&text) {
        Ok(policy) => {
            if let workstation::policy::SalesforcePolicy::Enabled(app) = &policy.salesforce {
                if let Some(s) = &app.client_secret {
                    assert_eq!(format!("{s:?}"), "<redacted>");
                    assert_eq!(format!("{s}"), "<redacted>");
                }
                let host = app.login_host.as_str();
                assert!(host.starts_with("https://") || app.login_host.is_loopback(), "login host {host}");
                assert!(!host.ends_with('/'));
            }
        }
        Err(errors) => assert!(!errors.to_string().trim().is_empty(), "a refused policy explains why"),
    }
    // The secret, written once, never shows: what is shown is the same whatever its value
    // (a secret that happens to be a word of our own messages shows up equally often).
    if let Some(secret) = secret_in(&text).filter(|s| s.len() >= 4 && text.matches(s.as_str()).count() == 1) {
        let blank = text.replacen(secret.as_str(), &"x".repeat(secret.len()), 1);
        let (with, without) = (shown(&text), shown(&blank));
        assert_eq!(with.matches(secret.as_str()).count(), without.matches(secret.as_str()).count(), "the client secret shows: {with}");
    }
    // The domain field alone, in any form.
    if let Ok(host) = workstation::policy::login_host_from_domain(&text) {
        assert!(host.as_str().starts_with("https://") || host.is_loopback(), "{}", host.as_str());
    }
}

// ------------------------------------------------------------------------- Salesforce answers

pub fn salesforce_responses(data: &[u8]) {
    let links = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("constant");
    match parse_search_response(data, &links) {
        Ok(results) => {
            for r in results {
                assert_eq!(r.fields.len(), r.object.shown_fields().len(), "exactly the spec's fields");
                let url = url::Url::parse(&r.url).expect("a record URL parses");
                assert_eq!(url.host_str(), Some("acme.lightning.force.com"), "record URL left the org: {}", r.url);
                assert!(url.path().starts_with("/lightning/r/") && url.query().is_none() && url.fragment().is_none(), "{}", r.url);
                let json = serde_json::to_string(&r).expect("a result serializes");
                let back: SearchResult = serde_json::from_str(&json).expect("and reads back");
                assert_eq!(back, r);
            }
        }
        Err(e) => assert_eq!(e.kind(), "malformed_response"),
    }

    if data.len() >= 2 {
        let status = u16::from_be_bytes([data[0], data[1]]) % 600;
        if let Some(e) = classify_error(status, &data[2..]) {
            assert!(!e.to_string().is_empty() && !e.kind().is_empty());
        } else {
            assert_eq!(status, 401, "only a 401 asks for a refresh");
        }
    }

    let text = String::from_utf8_lossy(data);
    if let Some(usage) = parse_limit_info(&text) {
        assert!(text.contains("api-usage="), "{usage:?} from {text:?}");
    }
    let _ = RecordLinks::for_instance(&text).map(|l| l.record_url("Account", &text));

    if let Ok(page) = serde_json::from_slice::<ListViewPage>(data) {
        let _ = page.listviews.len();
    }
    if let Ok(results) = serde_json::from_slice::<ListViewResults>(data) {
        for record in &results.records {
            for cell in &record.columns {
                let _ = cell.display();
            }
        }
    }
    if let Ok(code) = serde_json::from_slice::<workstation::auth::oauth::DeviceCode>(data) {
        assert_eq!(format!("{:?}", code.device_code), "<redacted>");
    }
    let _ = serde_json::from_slice::<workstation::auth::oauth::UserInfo>(data);
}
