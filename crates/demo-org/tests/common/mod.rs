//! Helpers shared by the wire tests: the reference samples in `shared/salesforce/` (beside the
//! workspace, so `../../../shared/salesforce` from this crate) and the shape check held against
//! them, a demo org per test, and the OAuth and REST calls most tests start with.
#![allow(dead_code, unused_macros)]

use std::path::PathBuf;

use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use workstation_demo_org::{DemoOrg, DemoOrgConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

pub const V: &str = "v62.0";
pub const CALLBACK: &str = "http://localhost:3002/salesforce/connected";
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// ------------------------------------------------------------------ helpers

pub fn samples_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/salesforce");
    p.is_dir().then_some(p)
}

pub fn sample(name: &str) -> Option<Value> {
    let Some(dir) = samples_dir() else {
        eprintln!(
            "SKIP: {}/../../../shared/salesforce is absent; sample {name} not checked",
            env!("CARGO_MANIFEST_DIR")
        );
        return None;
    };
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("read sample {name}: {e}"));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse sample {name}: {e}")))
}

macro_rules! sample_or_skip {
    ($name:expr) => {
        match sample($name) {
            Some(v) => v,
            None => return,
        }
    };
}

pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Same key sets (recursively), same JSON types; each array element is compared with the sample's
/// elements. `null` is compatible with a string (nullable
/// display fields). `extra_ok` lists keys the demo may add (documented as unverified).
pub fn same_shape(sample: &Value, actual: &Value, path: &str, extra_ok: &[&str]) -> Result<(), String> {
    match (sample, actual) {
        (Value::Object(s), Value::Object(a)) => {
            for k in s.keys() {
                if !a.contains_key(k) {
                    return Err(format!("{path}: missing key '{k}'"));
                }
            }
            for k in a.keys() {
                if !s.contains_key(k) && !extra_ok.contains(&k.as_str()) {
                    return Err(format!("{path}: unexpected key '{k}'"));
                }
            }
            for (k, sv) in s {
                same_shape(sv, &a[k], &format!("{path}.{k}"), extra_ok)?;
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(a)) => {
            // Each element must have the shape of some sample element (e.g. visible vs hidden
            // list-view columns differ in which values are null).
            for (i, av) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                if !s.is_empty() && !s.iter().any(|sv| same_shape(sv, av, &p, extra_ok).is_ok()) {
                    return same_shape(&s[0], av, &p, extra_ok);
                }
            }
            Ok(())
        }
        (Value::Null, Value::String(_)) | (Value::String(_), Value::Null) => Ok(()),
        (s, a) if kind(s) == kind(a) => Ok(()),
        (s, a) => Err(format!(
            "{path}: type {} in the sample, {} from the demo org",
            kind(s),
            kind(a)
        )),
    }
}

pub fn assert_shape(sample: &Value, actual: &Value, extra_ok: &[&str]) {
    if let Err(e) = same_shape(sample, actual, "$", extra_ok) {
        panic!("shape mismatch: {e}\nsample: {sample}\nactual: {actual}");
    }
}

pub fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

pub async fn start() -> DemoOrg {
    DemoOrg::start(DemoOrgConfig::default()).await.unwrap()
}

pub async fn start_with(f: impl FnOnce(&mut DemoOrgConfig)) -> DemoOrg {
    let mut c = DemoOrgConfig::default();
    f(&mut c);
    DemoOrg::start(c).await.unwrap()
}

pub fn query_param(url: &str, key: &str) -> Option<String> {
    let u = url::Url::parse(url).unwrap();
    u.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .expect("Location header")
        .to_str()
        .unwrap()
        .to_string()
}

/// Authorize with auto_approve (+PKCE) and return the code.
pub async fn get_code(org: &DemoOrg, state: Option<&str>, challenge: Option<&str>) -> String {
    let mut u = url::Url::parse(&format!("{}/services/oauth2/authorize", org.base_url())).unwrap();
    {
        let mut q = u.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", DEMO_CLIENT_ID)
            .append_pair("redirect_uri", CALLBACK)
            .append_pair("scope", "full api refresh_token offline_access")
            .append_pair("auto_approve", "true");
        if let Some(s) = state {
            q.append_pair("state", s);
        }
        if let Some(c) = challenge {
            q.append_pair("code_challenge", c)
                .append_pair("code_challenge_method", "S256");
        }
    }
    let r = client().get(u).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let loc = location(&r);
    assert!(loc.starts_with(CALLBACK), "{loc}");
    query_param(&loc, "code").expect("code in redirect")
}

pub async fn exchange(org: &DemoOrg, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let r = client()
        .post(format!("{}/services/oauth2/token", org.base_url()))
        .form(form)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

/// Full web-server flow: returns the token response.
pub async fn login(org: &DemoOrg) -> Value {
    let code = get_code(org, Some("st"), Some(CHALLENGE)).await;
    let (s, v) = exchange(
        org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

pub async fn token(org: &DemoOrg) -> String {
    login(org).await["access_token"].as_str().unwrap().to_string()
}

pub async fn refresh(org: &DemoOrg, rt: &str) -> (StatusCode, Value) {
    exchange(
        org,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ],
    )
    .await
}

pub async fn get(org: &DemoOrg, tok: &str, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", org.base_url()))
        .bearer_auth(tok)
        .send()
        .await
        .unwrap()
}

pub async fn get_json(org: &DemoOrg, tok: &str, path: &str) -> (StatusCode, Value) {
    let r = get(org, tok, path).await;
    let s = r.status();
    (s, r.json().await.unwrap())
}

/// GET `resource` (`search/`, `query`) under the API version with `q`, a SOSL or SOQL text.
pub async fn get_q(org: &DemoOrg, tok: &str, resource: &str, q: &str) -> reqwest::Response {
    client()
        .get(format!("{}/services/data/{V}/{resource}", org.base_url()))
        .query(&[("q", q)])
        .bearer_auth(tok)
        .send()
        .await
        .unwrap()
}

pub async fn search(org: &DemoOrg, tok: &str, sosl: &str) -> (StatusCode, Value) {
    let r = get_q(org, tok, "search/", sosl).await;
    let s = r.status();
    (s, r.json().await.unwrap())
}

pub async fn search_ok(org: &DemoOrg, tok: &str, sosl: &str) -> Vec<Value> {
    let (s, v) = search(org, tok, sosl).await;
    assert_eq!(s, StatusCode::OK, "{sosl}: {v}");
    v["searchRecords"].as_array().unwrap().clone()
}

pub async fn admin(org: &DemoOrg, body: Value) -> reqwest::Response {
    client()
        .post(format!("{}/__demo/faults", org.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub fn escape_sosl(term: &str) -> String {
    let mut o = String::new();
    for c in term.chars() {
        if "?&|!{}[]()^~*:\\\"'+-".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

pub fn names(recs: &[Value], field: &str) -> Vec<String> {
    recs.iter()
        .map(|r| r[field].as_str().unwrap_or_default().to_string())
        .collect()
}

pub async fn listviews_status(org: &DemoOrg, tok: &str) -> (StatusCode, String) {
    let r = get(org, tok, &format!("/services/data/{V}/sobjects/Case/listviews")).await;
    (r.status(), r.text().await.unwrap())
}

/// The token of `user`, signed in through `auto_approve=true&user=…` and the code exchange.
pub async fn token_as(org: &DemoOrg, user: &str) -> Value {
    let r = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("auto_approve", "true"),
            ("user", user),
        ])
        .send()
        .await
        .unwrap();
    let code = query_param(&location(&r), "code").unwrap();
    exchange_code(org, &code).await
}

pub async fn exchange_code(org: &DemoOrg, code: &str) -> Value {
    let (st, v) = exchange(
        org,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    v
}
