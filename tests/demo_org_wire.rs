//! Wire-format tests of the demo org over real HTTP, held to the Salesforce samples in
//! `../shared/salesforce/` (same key sets, JSON types and status codes).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use workstation::demo_org::{DemoOrg, DemoOrgConfig, DemoOrgError, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

const V: &str = "v62.0";
const CALLBACK: &str = "http://localhost:3002/salesforce/connected";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// ------------------------------------------------------------------ helpers

fn samples_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/salesforce");
    p.is_dir().then_some(p)
}

fn sample(name: &str) -> Option<Value> {
    let Some(dir) = samples_dir() else {
        eprintln!(
            "SKIP: {}/../shared/salesforce is absent; sample {name} not checked",
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

fn kind(v: &Value) -> &'static str {
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
fn same_shape(sample: &Value, actual: &Value, path: &str, extra_ok: &[&str]) -> Result<(), String> {
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

fn assert_shape(sample: &Value, actual: &Value, extra_ok: &[&str]) {
    if let Err(e) = same_shape(sample, actual, "$", extra_ok) {
        panic!("shape mismatch: {e}\nsample: {sample}\nactual: {actual}");
    }
}

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

async fn start() -> DemoOrg {
    DemoOrg::start(DemoOrgConfig::default()).await.unwrap()
}

async fn start_with(f: impl FnOnce(&mut DemoOrgConfig)) -> DemoOrg {
    let mut c = DemoOrgConfig::default();
    f(&mut c);
    DemoOrg::start(c).await.unwrap()
}

fn query_param(url: &str, key: &str) -> Option<String> {
    let u = url::Url::parse(url).unwrap();
    u.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .expect("Location header")
        .to_str()
        .unwrap()
        .to_string()
}

/// Authorize with auto_approve (+PKCE) and return the code.
async fn get_code(org: &DemoOrg, state: Option<&str>, challenge: Option<&str>) -> String {
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

async fn exchange(org: &DemoOrg, form: &[(&str, &str)]) -> (StatusCode, Value) {
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
async fn login(org: &DemoOrg) -> Value {
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

async fn token(org: &DemoOrg) -> String {
    login(org).await["access_token"].as_str().unwrap().to_string()
}

async fn refresh(org: &DemoOrg, rt: &str) -> (StatusCode, Value) {
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

async fn get(org: &DemoOrg, tok: &str, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", org.base_url()))
        .bearer_auth(tok)
        .send()
        .await
        .unwrap()
}

async fn get_json(org: &DemoOrg, tok: &str, path: &str) -> (StatusCode, Value) {
    let r = get(org, tok, path).await;
    let s = r.status();
    (s, r.json().await.unwrap())
}

async fn search(org: &DemoOrg, tok: &str, sosl: &str) -> (StatusCode, Value) {
    let r = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[("q", sosl)])
        .bearer_auth(tok)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap())
}

async fn search_ok(org: &DemoOrg, tok: &str, sosl: &str) -> Vec<Value> {
    let (s, v) = search(org, tok, sosl).await;
    assert_eq!(s, StatusCode::OK, "{sosl}: {v}");
    v["searchRecords"].as_array().unwrap().clone()
}

async fn admin(org: &DemoOrg, body: Value) -> reqwest::Response {
    client()
        .post(format!("{}/__demo/faults", org.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn escape_sosl(term: &str) -> String {
    let mut o = String::new();
    for c in term.chars() {
        if "?&|!{}[]()^~*:\\\"'+-".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

fn names(recs: &[Value], field: &str) -> Vec<String> {
    recs.iter()
        .map(|r| r[field].as_str().unwrap_or_default().to_string())
        .collect()
}

// ------------------------------------------------------------------ OAuth: authorize

#[tokio::test]
async fn authorize_shows_an_approval_page_with_allow_and_deny() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("scope", "full api refresh_token offline_access"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    for needle in [
        "Allow Access?",
        "id=\"allow\"",
        "id=\"deny\"",
        "Workstation Demo",
        "dana.demo@workstation-demo.example",
        "(api)",
        "(full)",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
}

fn request_id(html: &str) -> String {
    let i = html.find("name=\"request_id\" value=\"").unwrap() + "name=\"request_id\" value=\"".len();
    html[i..].split('"').next().unwrap().to_string()
}

async fn approval(org: &DemoOrg, state: &str, decision: &str) -> String {
    let html = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", "workstation://salesforce/connected"),
            ("state", state),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = client()
        .post(format!("{}/services/oauth2/authorize/decision", org.base_url()))
        .form(&[("request_id", request_id(&html).as_str()), ("decision", decision)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    location(&r)
}

#[tokio::test]
async fn allow_redirects_with_code_and_state_echoed_verbatim() {
    let org = start().await;
    let state = "s+t/a te=&?x";
    let loc = approval(&org, state, "allow").await;
    assert!(loc.starts_with("workstation://salesforce/connected?"), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some(state));
    let code = query_param(&loc, "code").unwrap();
    assert!(code.ends_with("=="), "codes end in == like Salesforce's");
    assert!(loc.contains("%3D%3D"), "the code is URL-encoded in the redirect");
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let org = start().await;
    let loc = approval(&org, "xyz", "deny").await;
    assert!(
        loc.contains("error=access_denied&error_description=end-user+denied+authorization&state=xyz"),
        "{loc}"
    );
}

#[tokio::test]
async fn state_is_absent_when_not_sent() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("auto_approve", "true"),
        ])
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(query_param(&loc, "code").is_some());
    assert!(query_param(&loc, "state").is_none());
}

#[tokio::test]
async fn authorize_rejects_unknown_client_and_unregistered_redirect() {
    let org = start().await;
    let q = |cid: &'static str, redirect: &'static str| {
        client()
            .get(format!("{}/services/oauth2/authorize", org.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", cid),
                ("redirect_uri", redirect),
                ("auto_approve", "true"),
            ])
            .send()
    };
    let r = q("nope", CALLBACK).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("error=invalid_client_id"));
    let r = q(DEMO_CLIENT_ID, "https://evil.example/salesforce/connected")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("error=redirect_uri_mismatch"));
    // Loopback on any port (RFC 8252) and the deep link are registered.
    for ok in [
        "http://127.0.0.1:54321/salesforce/connected",
        "http://localhost:1/salesforce/connected",
        "workstation://salesforce/connected",
    ] {
        let r = client()
            .get(format!("{}/services/oauth2/authorize", org.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", DEMO_CLIENT_ID),
                ("redirect_uri", ok),
                ("auto_approve", "true"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FOUND, "{ok}");
        assert!(location(&r).starts_with(ok));
    }
}

// ------------------------------------------------------------------ OAuth: token

#[tokio::test]
async fn code_exchange_matches_the_sample() {
    let s = sample_or_skip!("oauth_token_response_authorization_code.json");
    let org = start().await;
    let v = login(&org).await;
    assert_shape(&s, &v, &[]);
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["instance_url"], org.base_url());
    assert_eq!(v["scope"], "full api refresh_token offline_access");
    let issued = v["issued_at"].as_str().unwrap();
    assert!(
        issued.len() >= 13 && issued.bytes().all(|b| b.is_ascii_digit()),
        "issued_at is epoch ms as a string"
    );
    let id = v["id"].as_str().unwrap();
    assert_eq!(id, format!("{}/id/{}/{}", org.base_url(), org.org_id(), org.user_id()));
    assert!(org.org_id().starts_with("00D") && org.user_id().starts_with("005"));
    assert_eq!(v["signature"], workstation::demo_org::token_signature(id, issued));
    assert!(v.get("expires_in").is_none());
}

#[tokio::test]
async fn client_secret_is_required() {
    let org = start().await;
    for secret in [Some("wrong"), None] {
        let code = get_code(&org, None, None).await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
        ];
        if let Some(s) = secret {
            form.push(("client_secret", s));
        }
        let (s, v) = exchange(&org, &form).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(
            v,
            serde_json::json!({"error":"invalid_client","error_description":"invalid client credentials"})
        );
    }
}

#[tokio::test]
async fn unknown_client_matches_the_sample() {
    let s = sample_or_skip!("oauth_error_invalid_client_id.json");
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let (st, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", "other"),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s);
}

#[tokio::test]
async fn redirect_uri_must_match_the_authorize_request() {
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let (s, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", "http://localhost:9999/salesforce/connected"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"], "redirect_uri_mismatch");
}

#[tokio::test]
async fn pkce_missing_verifier_is_invalid_grant_and_wrong_verifier_invalid_request() {
    let org = start().await;
    let code = get_code(&org, None, Some(CHALLENGE)).await;
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", CALLBACK),
    ];
    let (s, v) = exchange(&org, &base).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let mut wrong = base.to_vec();
    wrong.push(("code_verifier", "not-the-verifier-not-the-verifier-not-the-verifier"));
    let (s, v) = exchange(&org, &wrong).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    let mut right = base.to_vec();
    right.push(("code_verifier", VERIFIER));
    let (s, _) = exchange(&org, &right).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn codes_are_single_use() {
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", CALLBACK),
    ];
    assert_eq!(exchange(&org, &form).await.0, StatusCode::OK);
    let (s, v) = exchange(&org, &form).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        v,
        serde_json::json!({"error":"invalid_grant","error_description":"invalid authorization code"})
    );
}

#[tokio::test]
async fn codes_expire() {
    let org = start_with(|c| c.auth_code_lifetime = Duration::from_millis(150)).await;
    let code = get_code(&org, None, None).await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let (s, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn refresh_matches_the_sample_and_the_new_token_works() {
    let s = sample_or_skip!("oauth_token_response_refresh_token.json");
    let org = start().await;
    let v = login(&org).await;
    let (st, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &r, &[]);
    assert!(r.get("refresh_token").is_none());
    let (st, _) = get_json(
        &org,
        r["access_token"].as_str().unwrap(),
        &format!("/services/data/{V}/sobjects/Account/listviews"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test]
async fn refresh_requires_the_secret_and_a_live_token() {
    let s = sample_or_skip!("oauth_error_invalid_grant_refresh.json");
    let org = start().await;
    let v = login(&org).await;
    let (st, e) = exchange(
        &org,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", v["refresh_token"].as_str().unwrap()),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await;
    assert_eq!(
        (st, e["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_client"))
    );
    let (st, e) = refresh(&org, "5Aep861bogus").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(e, s);
}

#[tokio::test]
async fn unsupported_grant_type() {
    let org = start().await;
    let (s, v) = exchange(&org, &[("grant_type", "password"), ("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
}

// ------------------------------------------------------------------ OAuth: revoke, userinfo

#[tokio::test]
async fn revoke_access_token_and_unknown_token() {
    let s = sample_or_skip!("oauth_revoke_error_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .post(format!("{}/services/oauth2/revoke", org.base_url()))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().is_empty());
    assert_eq!(
        get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let r = client()
        .post(format!("{}/services/oauth2/revoke", org.base_url()))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap(), s);
}

#[tokio::test]
async fn revoking_a_refresh_token_kills_its_access_tokens() {
    let org = start().await;
    let v = login(&org).await;
    let (rt, at) = (
        v["refresh_token"].as_str().unwrap(),
        v["access_token"].as_str().unwrap(),
    );
    // GET ?token= is accepted too.
    let r = client()
        .get(format!("{}/services/oauth2/revoke", org.base_url()))
        .query(&[("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        get(&org, at, &format!("/services/data/{V}/sobjects/Account/listviews"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(refresh(&org, rt).await.1["error"], "invalid_grant");
    assert_eq!(org.stats().revocations, 1);
}

#[tokio::test]
async fn userinfo_matches_the_sample() {
    let s = sample_or_skip!("oauth_userinfo_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(&org, &tok, "/services/oauth2/userinfo").await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(v["user_id"], org.user_id());
    assert_eq!(v["organization_id"], org.org_id());
    assert_eq!(v["preferred_username"], "dana.demo@workstation-demo.example");
    assert_eq!(v["name"], "Dana Demo");
    assert!(v["urls"]["rest"].as_str().unwrap().starts_with(&org.base_url()));
    assert!(v["urls"]["rest"].as_str().unwrap().contains("{version}"));
    let r = get(&org, "bogus", "/services/oauth2/userinfo").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.text().await.unwrap(), "Bad_OAuth_Token");
    assert_eq!(org.stats().userinfo_requests, 2);
}

#[tokio::test]
async fn the_identity_url_in_the_token_answer_is_served() {
    let org = start().await;
    let v = login(&org).await;
    let (id_url, tok) = (v["id"].as_str().unwrap(), v["access_token"].as_str().unwrap());
    let path = id_url
        .strip_prefix(&org.base_url())
        .expect("the id URL points at the demo org");
    let (st, info) = get_json(&org, tok, &format!("{path}?version=latest")).await;
    assert_eq!(st, StatusCode::OK, "{info}");
    assert_eq!(info["id"], id_url);
    assert_eq!(info["user_id"], org.user_id());
    assert_eq!(info["organization_id"], org.org_id());
    assert_eq!(info["username"], "dana.demo@workstation-demo.example");
    assert_eq!(info["display_name"], "Dana Demo");
    assert_eq!(info["asserted_user"], true);
    assert_eq!(
        info["photos"]["thumbnail"],
        format!("{}/profilephoto/005/T", org.base_url())
    );
    let rest = info["urls"]["rest"].as_str().unwrap();
    assert!(
        rest.starts_with(&org.base_url()) && !rest.contains("{version}"),
        "{rest}"
    );

    // 15-character IDs name the same user.
    let short = format!("/id/{}/{}", &org.org_id()[..15], &org.user_id()[..15]);
    assert_eq!(get_json(&org, tok, &short).await.0, StatusCode::OK);
    // Someone else, another org, no token, a bad token.
    let r = get(&org, tok, &format!("/id/{}/005000000000001AAA", org.org_id())).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::NOT_FOUND, "Bad_Id".into())
    );
    let r = get(&org, tok, &format!("/id/00D000000000001AAA/{}", org.user_id())).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Wrong_Org".into())
    );
    let r = client().get(format!("{}{path}", org.base_url())).send().await.unwrap();
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Missing_OAuth_Token".into())
    );
    let r = get(&org, "bogus", path).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Bad_OAuth_Token".into())
    );
    // The token as a parameter, as the Mobile SDK guide allows, and odd IDs that must not crash.
    let r = client()
        .get(format!("{}{path}", org.base_url()))
        .query(&[("oauth_token", tok)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    for odd in ["/id/", "/id/x", "/id/ééééééééééééééééé/x", "/id/%00/%2F"] {
        assert!(get(&org, tok, odd).await.status().is_client_error(), "{odd}");
    }
}

// ------------------------------------------------------------------ OAuth: device flow

async fn device_start(org: &DemoOrg) -> Value {
    let r = client()
        .post(format!("{}/services/oauth2/token", org.base_url()))
        .form(&[
            ("response_type", "device_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("scope", "refresh_token web api"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn device_poll(org: &DemoOrg, code: &str) -> (StatusCode, Value) {
    exchange(
        org,
        &[("grant_type", "device"), ("client_id", DEMO_CLIENT_ID), ("code", code)],
    )
    .await
}

#[tokio::test]
async fn device_flow_pending_then_approved_matches_the_samples() {
    let s_code = sample_or_skip!("oauth_device_code_response.json");
    let s_pending = sample_or_skip!("oauth_device_poll_authorization_pending_400.json");
    let s_ok = sample_or_skip!("oauth_device_poll_success.json");
    let org = start_with(|c| c.device_interval_secs = 0).await;
    let d = device_start(&org).await;
    assert_shape(&s_code, &d, &[]);
    assert_eq!(d["verification_uri"], format!("{}/setup/connect", org.base_url()));
    assert_eq!(d["interval"], 0);
    let dc = d["device_code"].as_str().unwrap();
    let (st, v) = device_poll(&org, dc).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s_pending);
    // Programmatic approval (tests): POST /__demo/device/approve
    let r = client()
        .post(format!("{}/__demo/device/approve", org.base_url()))
        .json(&serde_json::json!({"user_code": d["user_code"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (st, v) = device_poll(&org, dc).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_shape(&s_ok, &v, &[]);
    assert_eq!(v["scope"], "refresh_token web api");
    assert_eq!(
        get(
            &org,
            v["access_token"].as_str().unwrap(),
            &format!("/services/data/{V}/sobjects/Lead/listviews")
        )
        .await
        .status(),
        StatusCode::OK
    );
    // A device code is single-use.
    assert_eq!(device_poll(&org, dc).await.1["error"], "invalid_grant");
    let st = org.stats();
    assert_eq!((st.device_code_requests, st.device_grants), (1, 3));
}

#[tokio::test]
async fn device_default_interval_is_5_and_fast_polling_gets_slow_down() {
    let org = start().await;
    let d = device_start(&org).await;
    assert_eq!(d["interval"], 5);
    org.faults().set_device_interval_secs(1);
    let d = device_start(&org).await;
    assert_eq!(d["interval"], 1);
    let dc = d["device_code"].as_str().unwrap();
    assert_eq!(device_poll(&org, dc).await.1["error"], "authorization_pending");
    assert_eq!(device_poll(&org, dc).await.1["error"], "slow_down");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(device_poll(&org, dc).await.1["error"], "authorization_pending");
}

#[tokio::test]
async fn device_verification_page_allow_and_deny() {
    let org = start_with(|c| c.device_interval_secs = 0).await;
    let page = client()
        .get(format!("{}/setup/connect", org.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for id in ["id=\"user_code\"", "id=\"allow\"", "id=\"deny\""] {
        assert!(page.contains(id), "{id}");
    }
    let d1 = device_start(&org).await;
    let d2 = device_start(&org).await;
    let post = |code: String, decision: &'static str| {
        client()
            .post(format!("{}/setup/connect", org.base_url()))
            .form(&[("user_code", code), ("decision", decision.to_string())])
            .send()
    };
    // Codes are matched case-insensitively.
    assert_eq!(
        post(d1["user_code"].as_str().unwrap().to_lowercase(), "allow")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        post(d2["user_code"].as_str().unwrap().to_string(), "deny")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        post("NOPE1234".into(), "allow").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        device_poll(&org, d1["device_code"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
    assert_eq!(
        device_poll(&org, d2["device_code"].as_str().unwrap()).await.1["error"],
        "access_denied"
    );
}

#[tokio::test]
async fn device_codes_expire() {
    let org = start_with(|c| {
        c.device_interval_secs = 0;
        c.device_code_lifetime = Duration::from_millis(200);
    })
    .await;
    let d = device_start(&org).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!org.approve_device(d["user_code"].as_str().unwrap()));
    assert_eq!(
        device_poll(&org, d["device_code"].as_str().unwrap()).await.1["error"],
        "expired_token"
    );
}

// ------------------------------------------------------------------ REST basics

#[tokio::test]
async fn versions_need_no_auth_and_carry_no_limit_header() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/data/", org.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("sforce-limit-info").is_none());
    let v: Value = r.json().await.unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"})));
    assert_eq!(org.stats().api_requests, 0);
}

#[tokio::test]
async fn missing_or_invalid_token_matches_the_401_sample() {
    let s = sample_or_skip!("rest_error_invalid_session_401.json");
    let org = start().await;
    let r = client()
        .get(format!(
            "{}/services/data/{V}/search/?q=FIND+%7Bacme%7D",
            org.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.headers().get("sforce-limit-info").is_some());
    assert_eq!(r.json::<Value>().await.unwrap(), s);
    let (st, v) = get_json(
        &org,
        "00Dxx!bogus",
        &format!("/services/data/{V}/sobjects/Account/listviews"),
    )
    .await;
    assert_eq!((st, v), (StatusCode::UNAUTHORIZED, s));
    assert_eq!(org.stats().api_requests, 0, "rejected calls do not count");
}

#[tokio::test]
async fn every_rest_answer_reports_api_usage() {
    let org = start().await;
    let tok = token(&org).await;
    for n in 1..=3 {
        let r = get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
        assert_eq!(
            r.headers()["sforce-limit-info"].to_str().unwrap(),
            format!("api-usage={n}/15000")
        );
    }
    let r = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[("q", "FIND {ab")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["sforce-limit-info"].to_str().unwrap(), "api-usage=4/15000");
    let st = org.stats();
    assert_eq!((st.api_requests, st.listview_requests, st.search_requests), (4, 3, 1));
}

#[tokio::test]
async fn unknown_resources_match_the_404_sample() {
    let s = sample_or_skip!("rest_error_not_found_404.json");
    let org = start().await;
    let tok = token(&org).await;
    for path in [
        format!("/services/data/{V}/nope"),
        format!("/services/data/{V}/sobjects/Bogus/listviews"),
        "/services/data/vX/search".to_string(),
    ] {
        let (st, v) = get_json(&org, &tok, &path).await;
        assert_eq!((st, &v), (StatusCode::NOT_FOUND, &s), "{path}");
    }
}

#[tokio::test]
async fn record_retrieval_and_malformed_id_sample() {
    let s = sample_or_skip!("rest_error_malformed_id_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/001900K0001pPuOAAU"),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "well-formed but unknown: {v}");
    let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Account/xyz")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&s, &v, &[]);
    let acme = &search_ok(&org, &tok, "FIND {Acme Corporation} RETURNING Account(Id)").await[0];
    let url = acme["attributes"]["url"].as_str().unwrap();
    let (st, v) = get_json(&org, &tok, url).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["Name"], "Acme Corporation");
    assert_eq!(v["Type"], "Customer - Direct");
}

// ------------------------------------------------------------------ SOSL

#[tokio::test]
async fn search_matches_the_sample() {
    let s = sample_or_skip!("rest_sosl_search_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {Acme} RETURNING Account(Id)").await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    let recs = v["searchRecords"].as_array().unwrap();
    assert!(recs.len() >= 3);
    let id = recs[0]["Id"].as_str().unwrap();
    assert!(id.starts_with("001") && id.len() == 18);
    assert_eq!(
        recs[0]["attributes"]["url"],
        format!("/services/data/{V}/sobjects/Account/{id}")
    );
    // "/search" without the trailing slash works too.
    let r = client()
        .get(format!("{}/services/data/{V}/search", org.base_url()))
        .query(&[("q", "FIND {Acme} RETURNING Account(Id)")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn search_v35_answers_a_bare_array_like_the_legacy_sample() {
    let s = sample_or_skip!("rest_sosl_search_response_legacy_array_v35.json");
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .get(format!("{}/services/data/v35.0/search/", org.base_url()))
        .query(&[("q", "FIND {Acme} RETURNING Account(Id, Name)")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_shape(&s, &v, &[]);
    assert!(v[0]["attributes"]["url"]
        .as_str()
        .unwrap()
        .starts_with("/services/data/v35.0/"));
}

#[tokio::test]
async fn malformed_search_matches_the_sample_exactly() {
    let s = sample_or_skip!("rest_error_malformed_search_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {name} IN ALL TYPE RETURNING Account(name)").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s);
}

#[tokio::test]
async fn fields_come_in_requested_order_with_nested_and_null_relationships() {
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[(
            "q",
            "FIND {Ada Lovelace OR \"Zoe Orsted\"} IN NAME FIELDS RETURNING Contact(Name, Account.Name, Id)",
        )])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let recs = v["searchRecords"].as_array().unwrap();
    let ada = recs.iter().find(|r| r["Name"] == "Ada Lovelace").expect("Ada");
    assert_eq!(ada["Account"]["Name"], "Acme Corporation");
    assert_eq!(ada["Account"]["attributes"]["type"], "Account");
    assert!(ada["Account"]["attributes"]["url"]
        .as_str()
        .unwrap()
        .contains("/sobjects/Account/001"));
    let zoe = recs.iter().find(|r| r["Name"] == "Zoë Ørsted").expect("Zoë");
    assert!(zoe["Account"].is_null(), "contact without account → \"Account\": null");
    // Key order: attributes, Name, Account, Id
    let first = &text[text.find("{\"attributes\"").unwrap()..];
    let (a, n, ac, i) = (
        first.find("\"attributes\"").unwrap(),
        first.find("\"Name\"").unwrap(),
        first.find("\"Account\"").unwrap(),
        first.find("\"Id\"").unwrap(),
    );
    assert!(a < n && n < ac && ac < i, "{first}");
}

#[tokio::test]
async fn escaping_reserved_characters_end_to_end() {
    let org = start().await;
    let tok = token(&org).await;
    let name = "R&D {Lab} (Test) - 50% off: yes!";
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} IN NAME FIELDS RETURNING Account(Name)", escape_sosl(name)),
    )
    .await;
    assert_eq!(names(&recs, "Name"), vec![name.to_string()]);
    let (st, v) = search(&org, &tok, &format!("FIND {{{name}}} RETURNING Account(Name)")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v[0]["errorCode"], "MALFORMED_SEARCH");
    // Apostrophes and ampersands
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} RETURNING Contact(Name)", escape_sosl("O'Brien")),
    )
    .await;
    assert!(names(&recs, "Name").contains(&"Seán O'Brien".to_string()));
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} RETURNING Account(Name)", escape_sosl("Smith & Sons")),
    )
    .await;
    assert!(names(&recs, "Name").contains(&"Smith & Sons".to_string()));
}

#[tokio::test]
async fn one_character_terms_are_rejected() {
    let org = start().await;
    let tok = token(&org).await;
    for q in ["FIND {a} RETURNING Account", "FIND {a*} RETURNING Account"] {
        let (st, v) = search(&org, &tok, q).await;
        assert_eq!(st, StatusCode::BAD_REQUEST);
        assert_eq!(
            v,
            serde_json::json!([{"message":"search term must be longer than one character","errorCode":"MALFORMED_SEARCH"}])
        );
    }
}

#[tokio::test]
async fn unknown_fields_and_objects() {
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Account(Id, Bogus__c)").await;
    assert_eq!(
        (st, v[0]["errorCode"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_FIELD"))
    );
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Widget(Id)").await;
    assert_eq!(
        (st, v[0]["errorCode"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_TYPE"))
    );
    assert!(v[0]["message"]
        .as_str()
        .unwrap()
        .contains("sObject type 'Widget' is not supported."));
}

#[tokio::test]
async fn per_object_and_overall_limits() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 3), Contact(Id LIMIT 4)",
    )
    .await;
    let count = |recs: &[Value], t: &str| recs.iter().filter(|r| r["attributes"]["type"] == t).count();
    assert_eq!((count(&recs, "Account"), count(&recs, "Contact")), (3, 4));
    let recs = search_ok(&org, &tok, "FIND {ma*} RETURNING Account(Id), Contact(Id) LIMIT 10").await;
    assert_eq!(
        (count(&recs, "Account"), count(&recs, "Contact")),
        (5, 5),
        "spread evenly"
    );
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 8), Contact(Id) LIMIT 10",
    )
    .await;
    assert_eq!(
        (count(&recs, "Account"), count(&recs, "Contact")),
        (8, 2),
        "per-object limits reduce the overall one"
    );
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 0), Contact(Id LIMIT 2)",
    )
    .await;
    assert_eq!(recs.len(), 2);
    // RETURNING order: all Accounts before Contacts
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Contact(Id LIMIT 2), Account(Id LIMIT 2)",
    )
    .await;
    assert_eq!(
        recs.iter()
            .map(|r| r["attributes"]["type"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Contact", "Contact", "Account", "Account"]
    );
    // Default/max 2000
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma* OR an* OR jo* OR sa*} RETURNING Contact(Id), Account(Id), Lead(Id)",
    )
    .await;
    assert!(recs.len() <= 2000 && recs.len() > 500, "{}", recs.len());
}

#[tokio::test]
async fn is_latest_filters_old_file_versions() {
    let org = start().await;
    let tok = token(&org).await;
    let all = search_ok(
        &org,
        &tok,
        "FIND {Acme Pricing Sheet} RETURNING ContentVersion(Id, Title, FileType, ContentDocumentId, IsLatest)",
    )
    .await;
    assert_eq!(all.len(), 2);
    let latest = search_ok(&org, &tok, "FIND {Acme Pricing Sheet} RETURNING ContentVersion(Id, Title, FileType, ContentDocumentId, IsLatest WHERE IsLatest = true)").await;
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[0]["IsLatest"], true);
    assert_eq!(latest[0]["FileType"], "EXCEL_X");
    assert!(latest[0]["ContentDocumentId"].as_str().unwrap().starts_with("069"));
    assert!(latest[0]["Id"].as_str().unwrap().starts_with("068"));
}

#[tokio::test]
async fn matching_is_case_and_accent_insensitive_with_wildcards() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(&org, &tok, "FIND {ZOE ORSTED} RETURNING Contact(Name)").await;
    assert_eq!(names(&recs, "Name"), ["Zoë Ørsted"]);
    let recs = search_ok(&org, &tok, "FIND {muller*} RETURNING Account(Name)").await;
    assert!(names(&recs, "Name").iter().any(|n| n.starts_with("Müller")));
    let recs = search_ok(&org, &tok, "FIND {lodz} RETURNING Account(Name)").await;
    assert!(names(&recs, "Name").iter().any(|n| n.contains("Łódź")));
    assert!(
        search_ok(&org, &tok, "FIND {acm} RETURNING Account(Name)")
            .await
            .is_empty(),
        "whole words without a wildcard"
    );
    assert!(!search_ok(&org, &tok, "FIND {acm*} RETURNING Account(Name)")
        .await
        .is_empty());
    assert!(!search_ok(&org, &tok, "FIND {ac*e} RETURNING Account(Name)")
        .await
        .is_empty());
}

#[tokio::test]
async fn ranking_puts_exact_then_prefix_name_matches_first() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(&org, &tok, "FIND {acme*} RETURNING Account(Name)").await;
    let n = names(&recs, "Name");
    let nordic = n.iter().position(|x| x == "Nordic Acme Traders").unwrap();
    let corp = n.iter().position(|x| x == "Acme Corporation").unwrap();
    assert!(corp < nordic, "{n:?}");
    let recs = search_ok(&org, &tok, "FIND {Acme Labs} RETURNING Account(Name)").await;
    assert_eq!(names(&recs, "Name")[0], "Acme Labs");
}

#[tokio::test]
async fn the_app_query_finds_every_anchor() {
    let org = start().await;
    let tok = token(&org).await;
    let sosl = "FIND {acme*} IN ALL FIELDS RETURNING Lead(Id, Name, Company, Status LIMIT 5), Account(Id, Name, Type LIMIT 5), \
        Contact(Id, Name, Account.Name LIMIT 5), Opportunity(Id, Name, StageName LIMIT 5), Case(Id, CaseNumber, Subject, Status LIMIT 5), \
        ContentVersion(Id, Title, FileType, ContentDocumentId WHERE IsLatest = true LIMIT 5), Report(Id, Name, FolderName LIMIT 5), \
        Dashboard(Id, Title, FolderName LIMIT 5) LIMIT 40";
    let recs = search_ok(&org, &tok, sosl).await;
    let of = |t: &str| {
        recs.iter()
            .filter(|r| r["attributes"]["type"] == t)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(of("Lead").iter().any(|r| r["Company"] == "Acme Robotics"));
    assert!(of("Account")
        .iter()
        .any(|r| r["Name"] == "Acme Corporation" && r["Type"] == "Customer - Direct"));
    assert!(of("Contact").iter().any(|r| r["Account"]["Name"] == "Acme Corporation"));
    assert!(of("Opportunity")
        .iter()
        .any(|r| r["Name"] == "Acme — Renewal 2027" && r["StageName"] == "Negotiation/Review"));
    assert!(of("Case")
        .iter()
        .any(|r| r["Subject"].as_str().unwrap().contains("Acme printer jam")
            && r["CaseNumber"].as_str().unwrap().len() == 8));
    assert!(of("ContentVersion")
        .iter()
        .any(|r| r["Title"] == "Acme Pricing Sheet" && r["FileType"] == "EXCEL_X"));
    assert!(of("Report")
        .iter()
        .any(|r| r["Name"] == "Acme Pipeline" && r["FolderName"] == "Sales Reports"));
    assert!(of("Dashboard")
        .iter()
        .any(|r| r["Title"] == "Acme Executive Overview" && r["FolderName"] == "Executive Dashboards"));
    let leads = search_ok(&org, &tok, "FIND {Marie Curie} RETURNING Lead(Name, Company, Status)").await;
    assert_eq!(leads[0]["Company"], "Institut du Radium");
    assert!(recs.len() <= 40);
}

#[tokio::test]
async fn searches_are_fast() {
    let org = start().await;
    let tok = token(&org).await;
    let t = Instant::now();
    for _ in 0..50 {
        search_ok(&org, &tok, "FIND {ma*} RETURNING Account(Id, Name LIMIT 5), Contact(Id, Name, Account.Name LIMIT 5), Lead(Id, Name LIMIT 5)").await;
    }
    // Generous for debug builds on 2 cores; release is far faster.
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

// ------------------------------------------------------------------ list views

async fn all_listviews(org: &DemoOrg, tok: &str, ty: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut path = format!("/services/data/{V}/sobjects/{ty}/listviews");
    loop {
        let (st, v) = get_json(org, tok, &path).await;
        assert_eq!(st, StatusCode::OK);
        out.extend(v["listviews"].as_array().unwrap().iter().cloned());
        if v["done"] == true {
            assert!(v["nextRecordsUrl"].is_null());
            return out;
        }
        path = v["nextRecordsUrl"].as_str().unwrap().to_string();
    }
}

#[tokio::test]
async fn listviews_match_the_sample_and_page_at_50() {
    let s = sample_or_skip!("rest_listviews_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
    assert_eq!(st, StatusCode::OK);
    // nextRecordsUrl / size / sobjectType are unverified extras (API-NOTES §4).
    assert_shape(&s, &v, &["nextRecordsUrl", "size", "sobjectType"]);
    assert_eq!(v["done"], false);
    assert_eq!(v["listviews"].as_array().unwrap().len(), 50);
    assert!(v["size"].as_i64().unwrap() > 80);
    let all = all_listviews(&org, &tok, "Account").await;
    assert!(all.len() > 80, "{}", all.len());
    assert_eq!(all.len() as i64, v["size"].as_i64().unwrap());
    let ids: std::collections::HashSet<_> = all.iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(all
        .iter()
        .all(|e| e["id"].as_str().unwrap().starts_with("00B") && e["id"].as_str().unwrap().len() == 18));
    for ty in ["Lead", "Contact", "Opportunity", "Case"] {
        let n = all_listviews(&org, &tok, ty).await.len();
        assert!((5..=12).contains(&n), "{ty}: {n}");
    }
}

#[tokio::test]
async fn recent_and_single_listview_match_the_samples() {
    let s_recent = sample_or_skip!("rest_recent_listviews_response.json");
    let s_all = sample_or_skip!("rest_listviews_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/recent"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s_recent, &v, &[]);
    let url = v["listviews"][0]["url"].as_str().unwrap().to_string();
    let (st, one) = get_json(&org, &tok, &url).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s_all["listviews"][0], &one, &[]);
    // A 15-character id works as well.
    let id15 = &one["id"].as_str().unwrap()[..15];
    let (st, _) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/{id15}"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
}

async fn view_by_label(org: &DemoOrg, tok: &str, ty: &str, label: &str) -> Value {
    all_listviews(org, tok, ty)
        .await
        .into_iter()
        .find(|e| e["label"] == label)
        .unwrap_or_else(|| panic!("{ty} view {label}"))
}

#[tokio::test]
async fn describe_matches_the_sample() {
    let s = sample_or_skip!("rest_listview_describe_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "New This Week").await;
    let (st, v) = get_json(&org, &tok, view["describeUrl"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(
        v["whereCondition"],
        serde_json::json!({"field":"CreatedDate","operator":"equals","values":["THIS_WEEK"]})
    );
    assert!(v["query"].as_str().unwrap().starts_with("SELECT "));
    assert!(v["query"].as_str().unwrap().contains("CreatedDate = THIS_WEEK"));
    assert_eq!(v["id"].as_str().unwrap().len(), 15);
}

#[tokio::test]
async fn results_match_the_sample_and_page() {
    let s = sample_or_skip!("rest_listview_results_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "All Accounts").await;
    let results = view["resultsUrl"].as_str().unwrap().to_string();
    let (st, v) = get_json(&org, &tok, &results).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(v["records"].as_array().unwrap().len(), 25, "default limit 25");
    assert_eq!(v["size"], 1500);
    assert_eq!(v["done"], false);
    assert_eq!(v["id"].as_str().unwrap().len(), 15);
    let cols = v["columns"].as_array().unwrap();
    let id_col = cols.iter().position(|c| c["fieldNameOrPath"] == "Id").unwrap();
    assert_eq!(cols[id_col]["hidden"], true);
    let created = cols.iter().position(|c| c["fieldNameOrPath"] == "CreatedDate").unwrap();
    let rec0 = &v["records"][0]["columns"];
    assert!(rec0[id_col]["value"].as_str().unwrap().starts_with("001"));
    let date = rec0[created]["value"].as_str().unwrap();
    // "Fri Aug 01 21:15:46 GMT 2014"
    let parts: Vec<&str> = date.split(' ').collect();
    assert_eq!(parts.len(), 6, "{date}");
    assert_eq!(parts[4], "GMT");
    // Paging
    let (_, p1) = get_json(&org, &tok, &format!("{results}?limit=5&offset=0")).await;
    let (_, p2) = get_json(&org, &tok, &format!("{results}?limit=5&offset=5")).await;
    let (_, both) = get_json(&org, &tok, &format!("{results}?limit=10")).await;
    let idv = |p: &Value| {
        p["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["columns"][id_col]["value"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!([idv(&p1), idv(&p2)].concat(), idv(&both));
    assert_eq!(p2["size"], 1500);
    let (_, last) = get_json(&org, &tok, &format!("{results}?limit=2000&offset=1000")).await;
    assert_eq!(last["records"].as_array().unwrap().len(), 500);
    assert_eq!(last["done"], true);
    for bad in ["limit=0", "limit=2001", "offset=-1", "limit=abc"] {
        let (st, e) = get_json(&org, &tok, &format!("{results}?{bad}")).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{bad}");
        assert!(e[0]["errorCode"].is_string() && e[0]["message"].is_string());
    }
}

#[tokio::test]
async fn views_filter_real_records() {
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "My Accounts").await;
    let (_, v) = get_json(
        &org,
        &tok,
        &format!("{}?limit=2000", view["resultsUrl"].as_str().unwrap()),
    )
    .await;
    let cols = v["columns"].as_array().unwrap();
    let alias = cols.iter().position(|c| c["fieldNameOrPath"] == "Owner.Alias").unwrap();
    let recs = v["records"].as_array().unwrap();
    assert!(recs.len() > 100 && recs.len() < 1500);
    assert!(recs.iter().all(|r| r["columns"][alias]["value"] == "ddemo"));
    let view = view_by_label(&org, &tok, "Account", "Type — Prospect").await;
    let (_, v) = get_json(
        &org,
        &tok,
        &format!("{}?limit=2000", view["resultsUrl"].as_str().unwrap()),
    )
    .await;
    let ty = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["fieldNameOrPath"] == "Type")
        .unwrap();
    assert!(v["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["columns"][ty]["value"] == "Prospect"));
    // Contacts without account show null for Account.Name
    let view = view_by_label(&org, &tok, "Contact", "Contacts Without Account").await;
    let (_, v) = get_json(&org, &tok, view["resultsUrl"].as_str().unwrap()).await;
    let acc = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["fieldNameOrPath"] == "Account.Name")
        .unwrap();
    assert!(v["records"][0]["columns"][acc]["value"].is_null());
}

#[tokio::test]
async fn unknown_listview_is_404_and_report_has_none() {
    let s = sample_or_skip!("rest_error_not_found_404.json");
    let s_id = sample_or_skip!("rest_error_malformed_id_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/00BWk00000ZZZZZAAA/results"),
    )
    .await;
    assert_eq!((st, v), (StatusCode::NOT_FOUND, s.clone()));
    // A Lead view id under Account is not found either.
    let lead_view = &all_listviews(&org, &tok, "Lead").await[0];
    let (st, _) = get_json(
        &org,
        &tok,
        &format!(
            "/services/data/{V}/sobjects/Account/listviews/{}",
            lead_view["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/banana/describe"),
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&s_id, &v, &[]);
    for ty in ["Report", "Dashboard", "ContentVersion"] {
        let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/{ty}/listviews")).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(v["done"], true);
        assert!(v["listviews"].as_array().unwrap().is_empty());
    }
}

// ------------------------------------------------------------------ faults

async fn listviews_status(org: &DemoOrg, tok: &str) -> (StatusCode, String) {
    let r = get(org, tok, &format!("/services/data/{V}/sobjects/Case/listviews")).await;
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn expire_all_sessions_keeps_refresh_tokens_working() {
    let org = start().await;
    let v = login(&org).await;
    let at = v["access_token"].as_str().unwrap();
    org.faults().expire_all_sessions();
    let (st, body) = listviews_status(&org, at).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body.contains("INVALID_SESSION_ID"));
    let (st, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        listviews_status(&org, r["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoke_refresh_tokens_fault() {
    let s = sample_or_skip!("oauth_error_invalid_grant_refresh.json");
    let org = start().await;
    let v = login(&org).await;
    org.faults().revoke_refresh_tokens();
    let (st, e) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!((st, e), (StatusCode::BAD_REQUEST, s));
    assert_eq!(
        listviews_status(&org, v["access_token"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    // New logins work again.
    assert_eq!(listviews_status(&org, &token(&org).await).await.0, StatusCode::OK);
}

#[tokio::test]
async fn request_limit_exceeded_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_request_limit_exceeded(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        serde_json::json!([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])
    );
    org.faults().clear();
    assert_eq!(listviews_status(&org, &tok).await.0, StatusCode::OK);
}

#[tokio::test]
async fn server_error_fault() {
    let org = start().await;
    let tok = token(&org).await;
    for code in [503u16, 500] {
        org.faults().set_server_error(Some(code));
        let (st, body) = listviews_status(&org, &tok).await;
        assert_eq!(st.as_u16(), code);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(v[0]["errorCode"].is_string() && v[0]["message"].is_string());
    }
    org.faults().set_server_error(None);
    assert_eq!(listviews_status(&org, &tok).await.0, StatusCode::OK);
}

#[tokio::test]
async fn malformed_body_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_malformed_body(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::OK);
    assert!(!body.is_empty());
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
}

#[tokio::test]
async fn hang_fault_holds_requests_until_switched_off() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_hang(true);
    let url = format!("{}/services/data/{V}/sobjects/Case/listviews", org.base_url());
    let r = client()
        .get(&url)
        .bearer_auth(&tok)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(r.unwrap_err().is_timeout());
    let pending = tokio::spawn({
        let tok = tok.clone();
        async move { client().get(&url).bearer_auth(&tok).send().await.unwrap().status() }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!pending.is_finished());
    // Admin endpoints still answer while REST hangs.
    admin(&org, serde_json::json!({"hang": false})).await;
    assert_eq!(pending.await.unwrap(), StatusCode::OK);
}

#[tokio::test]
async fn latency_applies_to_salesforce_endpoints_only() {
    let org = start_with(|c| c.latency = Duration::from_millis(300)).await;
    let t = Instant::now();
    let tok = token(&org).await; // authorize + token = 2 requests
    assert!(t.elapsed() >= Duration::from_millis(600));
    let t = Instant::now();
    client()
        .get(format!("{}/__demo/stats", org.base_url()))
        .send()
        .await
        .unwrap();
    assert!(t.elapsed() < Duration::from_millis(250), "admin is not delayed");
    org.faults().set_latency(Duration::ZERO);
    let t = Instant::now();
    listviews_status(&org, &tok).await;
    assert!(t.elapsed() < Duration::from_millis(250));
    admin(&org, serde_json::json!({"latency_ms": 200})).await;
    let t = Instant::now();
    listviews_status(&org, &tok).await;
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn rest_api_disallowed_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_rest_api_disallowed(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        serde_json::json!([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])
    );
}

#[tokio::test]
async fn unsearchable_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_unsearchable(Some("Report".into()));
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Account(Id), Report(Id, Name)").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(
        v,
        serde_json::json!([{"message":"sObject type 'Report' is not supported.","errorCode":"INVALID_TYPE"}])
    );
    assert_eq!(
        search(&org, &tok, "FIND {acme} RETURNING Account(Id)").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn admin_endpoint_sets_faults_and_reports_stats() {
    let org = start().await;
    let tok = token(&org).await;
    let r = admin(
        &org,
        serde_json::json!({"request_limit_exceeded": true, "server_error": 503, "unsearchable": "Dashboard"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let st = org.faults().state();
    assert!(st.request_limit_exceeded);
    assert_eq!(st.server_error, Some(503));
    assert_eq!(st.unsearchable.as_deref(), Some("Dashboard"));
    assert_eq!(
        admin(&org, serde_json::json!({"clear": true})).await.status(),
        StatusCode::OK
    );
    assert_eq!(org.faults().state().server_error, None);
    assert_eq!(
        admin(&org, serde_json::json!({"explode": true})).await.status(),
        StatusCode::BAD_REQUEST
    );
    for body in [
        serde_json::json!({"expire_sessions": true}),
        serde_json::json!({"malformed_body": true}),
        serde_json::json!({"rest_api_disallowed": true}),
        serde_json::json!({"hang": false}),
        serde_json::json!({"revoke_refresh_tokens": true}),
    ] {
        assert_eq!(admin(&org, body).await.status(), StatusCode::OK);
    }
    assert!(org.faults().state().malformed_body);
    assert_eq!(
        listviews_status(&org, &tok).await.0,
        StatusCode::UNAUTHORIZED,
        "sessions expired by the admin call"
    );
    let stats: Value = client()
        .get(format!("{}/__demo/stats", org.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats, serde_json::to_value(org.stats()).unwrap());
    for k in [
        "total_requests",
        "api_requests",
        "search_requests",
        "listview_requests",
        "token_requests",
        "authorization_code_grants",
        "refresh_grants",
        "device_grants",
        "revocations",
        "userinfo_requests",
    ] {
        assert!(stats[k].is_u64(), "{k}");
    }
    assert_eq!(stats["token_requests"], 1);
    assert_eq!(stats["authorization_code_grants"], 1);
    assert_eq!(
        stats["total_requests"], 3,
        "authorize + token + one REST call; admin calls are not counted"
    );
}

// ------------------------------------------------------------------ tokens, pages, lifecycle

#[tokio::test]
async fn access_tokens_expire() {
    let org = start_with(|c| c.access_token_lifetime = Duration::from_millis(300)).await;
    let v = login(&org).await;
    let at = v["access_token"].as_str().unwrap();
    assert_eq!(listviews_status(&org, at).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (st, body) = listviews_status(&org, at).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Session expired or invalid"));
    let (_, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        listviews_status(&org, r["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn preissued_token_works_until_sessions_expire() {
    let org = start_with(|c| {
        c.preissued_token = Some("00DDEMO!preissued".into());
        c.access_token_lifetime = Duration::from_millis(1);
    })
    .await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(
        listviews_status(&org, "00DDEMO!preissued").await.0,
        StatusCode::OK,
        "never expires by age"
    );
    org.faults().expire_all_sessions();
    assert_eq!(
        listviews_status(&org, "00DDEMO!preissued").await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn record_pages_open_in_demo_mode() {
    let org = start().await;
    let tok = token(&org).await;
    let acme = &search_ok(&org, &tok, "FIND {Acme Corporation} RETURNING Account(Id)").await[0];
    let r = client()
        .get(format!(
            "{}/lightning/r/Account/{}/view",
            org.base_url(),
            acme["Id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Acme Corporation"));
    let file = &search_ok(
        &org,
        &tok,
        "FIND {Acme Pricing Sheet} RETURNING ContentVersion(ContentDocumentId WHERE IsLatest = true)",
    )
    .await[0];
    let r = client()
        .get(format!(
            "{}/lightning/r/ContentDocument/{}/view",
            org.base_url(),
            file["ContentDocumentId"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = client()
        .get(format!(
            "{}/lightning/r/Account/001Wk00000ZZZZZAAA/view",
            org.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bind_failure_is_a_clear_error() {
    let org = start().await;
    let err = DemoOrg::start(DemoOrgConfig {
        addr: org.addr(),
        ..Default::default()
    })
    .await
    .unwrap_err();
    assert!(matches!(err, DemoOrgError::Bind { .. }));
    assert!(err.to_string().contains(&org.addr().to_string()));
    assert!(org.base_url().starts_with("http://127.0.0.1:") && !org.base_url().ends_with('/'));
    org.shutdown().await;
}

#[tokio::test]
async fn shutdown_releases_hanging_requests() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_hang(true);
    let url = format!("{}/services/data/{V}/sobjects/Case/listviews", org.base_url());
    let pending = tokio::spawn(async move { client().get(&url).bearer_auth(&tok).send().await.map(|r| r.status()) });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = Instant::now();
    org.shutdown().await;
    assert!(t.elapsed() < Duration::from_secs(4));
    let _ = tokio::time::timeout(Duration::from_secs(2), pending)
        .await
        .expect("released");
}

#[tokio::test]
async fn escaped_hostile_input_never_breaks_the_query() {
    let org = start().await;
    let tok = token(&org).await;
    for hostile in [
        "} RETURNING User(Id)",
        "\"unbalanced",
        "a OR b",
        "x AND NOT y",
        "*acme",
        "?? !! ~~",
        "' OR 1=1 --",
        "R&D {Lab}",
    ] {
        let q = format!(
            "FIND {{{}*}} IN ALL FIELDS RETURNING Account(Id, Name)",
            escape_sosl(hostile)
        );
        let (st, v) = search(&org, &tok, &q).await;
        assert_eq!(st, StatusCode::OK, "{hostile:?} → {q}: {v}");
    }
}
