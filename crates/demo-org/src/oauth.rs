//! OAuth 2.0 endpoints of the demo org (API-NOTES §1–2): authorize + approval page, token
//! (authorization_code with PKCE, refresh_token, Salesforce device flow), revoke, userinfo.

use std::collections::HashMap;
use std::time::Instant;

use axum::response::Response;
use base64::Engine;
use rand::Rng as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    data, inc, json_resp, oauth_error, pages, param, plain, redirect, App, Req, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};

/// Scopes the demo connected app allows (MISSION §1.4 plus the usual OIDC/CLI ones).
const ALLOWED_SCOPES: &[&str] = &[
    "full",
    "api",
    "web",
    "refresh_token",
    "offline_access",
    "id",
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "visualforce",
    "chatter_api",
    "custom_permissions",
    "lightning",
    "content",
];
/// Granted when the authorize/device request names no scope: the connected app's selection.
const DEFAULT_SCOPE: &str = "full api refresh_token offline_access";

#[derive(Debug)]
struct Pending {
    redirect_uri: String,
    state: Option<String>,
    scope: String,
    challenge: Option<String>,
    created: Instant,
}

#[derive(Debug)]
struct AuthCode {
    redirect_uri: String,
    scope: String,
    challenge: Option<String>,
    created: Instant,
    used: bool,
}

#[derive(Debug)]
struct AccessTok {
    issued: Instant,
    epoch: u64,
    refresh: Option<String>,
    forever: bool,
}

#[derive(Debug)]
struct RefreshTok {
    scope: String,
    epoch: u64,
}

#[derive(Debug, PartialEq, Eq)]
enum DevStatus {
    Pending,
    Approved,
    Denied,
    Consumed,
}

#[derive(Debug)]
struct Device {
    user_code: String,
    scope: String,
    interval: u64,
    created: Instant,
    last_poll: Option<Instant>,
    status: DevStatus,
}

#[derive(Debug, Default)]
pub(crate) struct OAuthState {
    pending: HashMap<String, Pending>,
    codes: HashMap<String, AuthCode>,
    access: HashMap<String, AccessTok>,
    refresh: HashMap<String, RefreshTok>,
    devices: HashMap<String, Device>,
}

impl OAuthState {
    pub fn preissue(&mut self, token: &str) {
        self.access.insert(
            token.to_string(),
            AccessTok {
                issued: Instant::now(),
                epoch: 0,
                refresh: None,
                forever: true,
            },
        );
    }
}

fn random(len: usize, alphabet: &[u8]) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
/// User codes avoid look-alike characters (0/O, 1/I).
const USER_CODE_CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// HMAC-SHA256 (RFC 2104) with the sha2 crate.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let ih = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(ih);
    outer.finalize().into()
}

/// The PKCE S256 transform: base64url(no padding) of SHA-256(verifier).
pub fn pkce_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Registered callbacks of the demo connected app: the deep link and loopback on any port
/// (RFC 8252 §7.3), path `/salesforce/connected`.
fn redirect_registered(uri: &str) -> bool {
    if uri == "workstation://salesforce/connected" {
        return true;
    }
    let Ok(u) = url::Url::parse(uri) else {
        return false;
    };
    u.scheme() == "http"
        && matches!(u.host_str(), Some("localhost") | Some("127.0.0.1") | Some("[::1]"))
        && u.path() == "/salesforce/connected"
        && u.query().is_none()
        && u.fragment().is_none()
}

/// Normalises a scope request; Err(()) when a scope is not allowed.
fn grant_scope(requested: Option<&str>) -> Result<String, ()> {
    let req = requested.map(str::trim).filter(|s| !s.is_empty());
    let Some(req) = req else {
        return Ok(DEFAULT_SCOPE.into());
    };
    let mut out: Vec<&str> = Vec::new();
    for s in req.split([' ', '+', ',']).filter(|s| !s.is_empty()) {
        if !ALLOWED_SCOPES.contains(&s) {
            return Err(());
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out.join(" "))
}

fn wants_refresh(scope: &str) -> bool {
    scope.split(' ').any(|s| s == "refresh_token" || s == "offline_access")
}

/// `redirect_uri` plus query parameters (form-urlencoded: spaces become `+`).
fn callback(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in params {
                    q.append_pair(k, v);
                }
            }
            u.to_string()
        }
        Err(_) => redirect_uri.to_string(),
    }
}

fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Key order as in oauth_token_response_authorization_code.json; `refresh_token` is omitted on
/// refresh (oauth_token_response_refresh_token.json).
#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    signature: String,
    scope: String,
    instance_url: String,
    id: String,
    token_type: &'static str,
    issued_at: String,
}

fn issue(app: &App, st: &mut OAuthState, scope: &str, refresh: Option<String>, with_refresh: bool) -> Response {
    let org15 = &app.data().org_id[..15];
    let access = format!("{org15}!AQ{}", random(96, TOKEN_CHARS));
    let refresh_tok = match (with_refresh, refresh) {
        (_, Some(r)) => Some(r),
        (true, None) => {
            let r = format!("5Aep861{}", random(80, TOKEN_CHARS));
            st.refresh.insert(
                r.clone(),
                RefreshTok {
                    scope: scope.to_string(),
                    epoch: app.faults.refresh_epoch(),
                },
            );
            Some(r)
        }
        (false, None) => None,
    };
    st.access.insert(
        access.clone(),
        AccessTok {
            issued: Instant::now(),
            epoch: app.faults.session_epoch(),
            refresh: refresh_tok.clone(),
            forever: false,
        },
    );
    let id = app.identity_url();
    let issued_at = now_ms().to_string();
    // signature = base64(HMAC-SHA256(id + issued_at, consumer secret)) — API-NOTES §1.
    let sig = super::token_signature(&id, &issued_at);
    let body = TokenResponse {
        access_token: access,
        // A refresh grant answers without refresh_token (no rotation).
        refresh_token: if with_refresh { refresh_tok } else { None },
        signature: sig,
        scope: scope.to_string(),
        instance_url: app.base_url.clone(),
        id,
        token_type: "Bearer",
        issued_at,
    };
    json_resp(200, serde_json::to_string(&body).unwrap_or_default())
}

/// Is this access token currently valid?
pub(crate) fn access_valid(app: &App, token: &str) -> bool {
    let st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    match st.access.get(token) {
        None => false,
        Some(t) => {
            t.epoch == app.faults.session_epoch()
                && (t.forever || t.issued.elapsed() < app.config.access_token_lifetime)
        }
    }
}

// ---------------------------------------------------------------- authorize

fn error_page(status: u16, error: &str, description: &str) -> Response {
    // Salesforce shows these as a bare page, e.g.
    // "error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration".
    let text = format!("error={error}&error_description={}", description.replace(' ', "%20"));
    super::html(status, pages::simple_page("Error", &text))
}

pub(crate) fn authorize(app: &App, req: &Req) -> Response {
    inc(&app.counters.authorize_requests);
    if req.method != "GET" {
        return error_page(400, "invalid_request", "must use HTTP GET");
    }
    let client_id = req.q("client_id").unwrap_or("");
    if client_id != DEMO_CLIENT_ID {
        return error_page(400, "invalid_client_id", "client identifier invalid");
    }
    let redirect_uri = req.q("redirect_uri").unwrap_or("");
    if !redirect_registered(redirect_uri) {
        return error_page(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    let state = req.q("state").map(str::to_string);
    let fail = |error: &str, desc: &str| {
        let mut p = vec![("error", error), ("error_description", desc)];
        if let Some(s) = &state {
            p.push(("state", s));
        }
        redirect(&callback(redirect_uri, &p))
    };
    if req.q("response_type") != Some("code") {
        return fail("unsupported_response_type", "response type not supported");
    }
    let Ok(scope) = grant_scope(req.q("scope")) else {
        return fail("invalid_scope", "the requested scope is not allowed");
    };
    // Salesforce documents only the S256 semantics of code_challenge (API-NOTES §1; whether it
    // accepts code_challenge_method is unverified): absent or "S256" is accepted here.
    if let Some(m) = req.q("code_challenge_method") {
        if m != "S256" {
            return fail("invalid_request", "invalid code_challenge_method");
        }
    }
    let challenge = req.q("code_challenge").filter(|c| !c.is_empty()).map(str::to_string);
    let pending = Pending {
        redirect_uri: redirect_uri.to_string(),
        state,
        scope,
        challenge,
        created: Instant::now(),
    };
    // Demo-only convenience for tests without a browser: approve immediately.
    if req.q("auto_approve") == Some("true") {
        return approve(app, pending);
    }
    let request_id = random(32, ALNUM);
    let page = pages::approval_page(app, &request_id, &pending.scope);
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    st.pending.retain(|_, p| p.created.elapsed().as_secs() < 3600);
    st.pending.insert(request_id, pending);
    super::html(200, page)
}

fn approve(app: &App, p: Pending) -> Response {
    // Salesforce codes end in "==", so they reach the callback URL-encoded ("%3D%3D").
    let code = format!("aPrx{}==", random(60, ALNUM));
    {
        let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
        st.codes.insert(
            code.clone(),
            AuthCode {
                redirect_uri: p.redirect_uri.clone(),
                scope: p.scope,
                challenge: p.challenge,
                created: Instant::now(),
                used: false,
            },
        );
    }
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = &p.state {
        params.push(("state", s));
    }
    redirect(&callback(&p.redirect_uri, &params))
}

/// `POST /services/oauth2/authorize/decision` from the approval page (`request_id`, `decision`).
pub(crate) fn authorize_decision(app: &App, req: &Req) -> Response {
    if req.method != "POST" {
        return error_page(400, "invalid_request", "must use HTTP POST");
    }
    let form = req.form();
    let id = param(&form, "request_id").unwrap_or("");
    let pending = app.oauth.lock().unwrap_or_else(|e| e.into_inner()).pending.remove(id);
    let Some(p) = pending else {
        return super::html(
            400,
            pages::simple_page(
                "Authorization expired",
                "This authorization request has expired or was already answered. Start again from the app.",
            ),
        );
    };
    if param(&form, "decision") == Some("allow") {
        approve(app, p)
    } else {
        // OAuth errors come back on the redirect URI (API-NOTES §1, Help "OAuth 2.0 Authorization Errors").
        let mut params = vec![
            ("error", "access_denied"),
            ("error_description", "end-user denied authorization"),
        ];
        if let Some(s) = &p.state {
            params.push(("state", s));
        }
        redirect(&callback(&p.redirect_uri, &params))
    }
}

// ---------------------------------------------------------------- token

pub(crate) fn token(app: &App, req: &Req) -> Response {
    inc(&app.counters.token_requests);
    if req.method != "POST" {
        return oauth_error(400, "invalid_request", Some("must use HTTP POST"));
    }
    let form = req.form();
    let f = |k: &str| param(&form, k).unwrap_or("");
    if f("response_type") == "device_code" {
        return device_code(app, &form);
    }
    match f("grant_type") {
        "authorization_code" => {
            inc(&app.counters.authorization_code_grants);
            if f("client_id") != DEMO_CLIENT_ID {
                // oauth_error_invalid_client_id.json
                return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
            }
            // The demo connected app requires the secret for the web server flow (MISSION §1.2).
            if f("client_secret") != DEMO_CLIENT_SECRET {
                return oauth_error(400, "invalid_client", Some("invalid client credentials"));
            }
            let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
            let lifetime = app.config.auth_code_lifetime;
            let Some(code) = st.codes.get_mut(f("code")) else {
                return oauth_error(400, "invalid_grant", Some("invalid authorization code"));
            };
            if code.used {
                return oauth_error(400, "invalid_grant", Some("invalid authorization code"));
            }
            if code.created.elapsed() >= lifetime {
                return oauth_error(400, "invalid_grant", Some("expired authorization code"));
            }
            if f("redirect_uri") != code.redirect_uri {
                return oauth_error(
                    400,
                    "redirect_uri_mismatch",
                    Some("redirect_uri must match configuration"),
                );
            }
            if let Some(ch) = &code.challenge {
                // PKCE (API-NOTES §1): no verifier → invalid_grant; wrong verifier → invalid_request.
                let Some(v) = param(&form, "code_verifier").filter(|v| !v.is_empty()) else {
                    return oauth_error(400, "invalid_grant", Some("invalid code verifier"));
                };
                if pkce_challenge(v) != *ch {
                    return oauth_error(400, "invalid_request", Some("invalid code verifier"));
                }
            }
            code.used = true;
            let scope = code.scope.clone();
            let with_refresh = wants_refresh(&scope);
            issue(app, &mut st, &scope, None, with_refresh)
        }
        "refresh_token" => {
            inc(&app.counters.refresh_grants);
            if f("client_id") != DEMO_CLIENT_ID {
                return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
            }
            if f("client_secret") != DEMO_CLIENT_SECRET {
                return oauth_error(400, "invalid_client", Some("invalid client credentials"));
            }
            let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
            let rt = f("refresh_token").to_string();
            let scope = match st.refresh.get(&rt) {
                Some(r) if r.epoch == app.faults.refresh_epoch() => r.scope.clone(),
                // oauth_error_invalid_grant_refresh.json
                _ => return oauth_error(400, "invalid_grant", Some("expired access/refresh token")),
            };
            issue(app, &mut st, &scope, Some(rt), false)
        }
        "device" => device_poll(app, &form),
        "" => oauth_error(400, "unsupported_grant_type", Some("grant type not supported")),
        _ => oauth_error(400, "unsupported_grant_type", Some("grant type not supported")),
    }
}

/// oauth_device_code_response.json key order.
#[derive(Serialize)]
struct DeviceCodeResponse {
    device_code: String,
    interval: u64,
    user_code: String,
    verification_uri: String,
}

fn device_code(app: &App, form: &[(String, String)]) -> Response {
    inc(&app.counters.device_code_requests);
    if param(form, "client_id") != Some(DEMO_CLIENT_ID) {
        return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
    }
    let Ok(scope) = grant_scope(param(form, "scope")) else {
        return oauth_error(400, "invalid_scope", Some("the requested scope is not allowed"));
    };
    let device_code = random(64, ALNUM);
    let user_code = random(8, USER_CODE_CHARS);
    let interval = app.faults.device_interval_secs();
    app.oauth.lock().unwrap_or_else(|e| e.into_inner()).devices.insert(
        device_code.clone(),
        Device {
            user_code: user_code.clone(),
            scope,
            interval,
            created: Instant::now(),
            last_poll: None,
            status: DevStatus::Pending,
        },
    );
    let body = DeviceCodeResponse {
        device_code,
        interval,
        user_code,
        // Real value: https://login.salesforce.com/setup/connect (API-NOTES §2).
        verification_uri: format!("{}/setup/connect", app.base_url),
    };
    json_resp(200, serde_json::to_string(&body).unwrap_or_default())
}

fn device_poll(app: &App, form: &[(String, String)]) -> Response {
    inc(&app.counters.device_grants);
    if param(form, "client_id") != Some(DEMO_CLIENT_ID) {
        return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
    }
    let code = param(form, "code").unwrap_or("");
    let lifetime = app.config.device_code_lifetime;
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    let Some(d) = st.devices.get_mut(code) else {
        return oauth_error(400, "invalid_grant", Some("invalid device code"));
    };
    // slow_down / expired_token / access_denied follow RFC 8628; Salesforce evidence for them is
    // missing (API-NOTES §2), authorization_pending is the sfdx-core fixture.
    if d.created.elapsed() >= lifetime && d.status != DevStatus::Consumed {
        return oauth_error(400, "expired_token", Some("device code expired"));
    }
    match d.status {
        DevStatus::Consumed => oauth_error(400, "invalid_grant", Some("invalid device code")),
        DevStatus::Denied => oauth_error(400, "access_denied", Some("end-user denied authorization")),
        DevStatus::Approved => {
            d.status = DevStatus::Consumed;
            let scope = d.scope.clone();
            let with_refresh = wants_refresh(&scope);
            issue(app, &mut st, &scope, None, with_refresh)
        }
        DevStatus::Pending => {
            let too_fast = d
                .last_poll
                .is_some_and(|t| t.elapsed().as_secs_f64() < d.interval as f64);
            d.last_poll = Some(Instant::now());
            if too_fast {
                oauth_error(400, "slow_down", Some("polling too frequently"))
            } else {
                // oauth_device_poll_authorization_pending_400.json: {"error":"authorization_pending"}
                oauth_error(400, "authorization_pending", None)
            }
        }
    }
}

fn norm_user_code(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Approves or denies the pending device authorization with this user code.
pub(crate) fn device_decide(app: &App, user_code: &str, approve: bool) -> bool {
    let want = norm_user_code(user_code);
    let lifetime = app.config.device_code_lifetime;
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    match st
        .devices
        .values_mut()
        .find(|d| d.user_code == want && d.status == DevStatus::Pending && d.created.elapsed() < lifetime)
    {
        Some(d) => {
            d.status = if approve {
                DevStatus::Approved
            } else {
                DevStatus::Denied
            };
            true
        }
        None => false,
    }
}

/// `GET|POST /setup/connect`: the device-flow verification page.
pub(crate) fn device_page(app: &App, req: &Req) -> Response {
    if req.method == "POST" {
        let form = req.form();
        let code = param(&form, "user_code").unwrap_or("");
        let allow = param(&form, "decision") == Some("allow");
        return if device_decide(app, code, allow) {
            if allow {
                super::html(
                    200,
                    pages::simple_page(
                        "You're connected",
                        "Access granted. You can close this window and return to your device.",
                    ),
                )
            } else {
                super::html(
                    200,
                    pages::simple_page("Access denied", "You denied access. The device will not be connected."),
                )
            }
        } else {
            super::html(
                400,
                pages::device_page(
                    app,
                    code,
                    Some("That code is invalid or has expired. Check the code shown on your device."),
                ),
            )
        };
    }
    super::html(200, pages::device_page(app, req.q("user_code").unwrap_or(""), None))
}

// ---------------------------------------------------------------- revoke

pub(crate) fn revoke(app: &App, req: &Req) -> Response {
    inc(&app.counters.revocations);
    let form = req.form();
    let token = param(&form, "token").unwrap_or("").to_string();
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    if st.refresh.remove(&token).is_some() {
        // Revoking a refresh token also revokes its access tokens (API-NOTES §1 Revocation).
        st.access.retain(|_, a| a.refresh.as_deref() != Some(token.as_str()));
        return super::with_empty_200();
    }
    if st.access.remove(&token).is_some() {
        return super::with_empty_200();
    }
    // oauth_revoke_error_400.json
    oauth_error(400, "invalid_token", None)
}

// ---------------------------------------------------------------- userinfo

#[derive(Serialize)]
struct Photos {
    picture: String,
    thumbnail: String,
}
#[derive(Serialize)]
struct Address {
    country: &'static str,
}
#[derive(Serialize)]
struct Urls {
    enterprise: String,
    metadata: String,
    partner: String,
    rest: String,
    sobjects: String,
    search: String,
    query: String,
    recent: String,
    profile: String,
    custom_domain: String,
}
/// Key set and order of oauth_userinfo_response.json.
#[derive(Serialize)]
struct UserInfo {
    sub: String,
    user_id: String,
    organization_id: String,
    preferred_username: &'static str,
    nickname: &'static str,
    name: &'static str,
    email: &'static str,
    email_verified: bool,
    given_name: &'static str,
    family_name: &'static str,
    zoneinfo: &'static str,
    photos: Photos,
    profile: String,
    picture: String,
    address: Address,
    urls: Urls,
}

/// The identity service's token check, shared by userinfo and the identity URL: these are not
/// /services/data endpoints, so an invalid token gets 403, not 401 (SalesforceMobileSDK-iOS#3398,
/// SalesforceMobileSDK-Android#2430, jsforce#736), with the plain-text "Bad_OAuth_Token" /
/// "Missing_OAuth_Token". The token may come as a parameter too (Mobile SDK "Using Identity URLs"
/// names both `access_token` and `oauth_token`).
/// Returns the refusal, if any.
fn identity_token_refusal(app: &App, req: &Req) -> Option<Response> {
    let token = req.bearer().or_else(|| {
        req.q("access_token")
            .or_else(|| req.q("oauth_token"))
            .map(str::to_string)
    });
    match token {
        None => Some(plain(403, "Missing_OAuth_Token")),
        Some(t) if !access_valid(app, &t) => Some(plain(403, "Bad_OAuth_Token")),
        Some(_) => None,
    }
}

/// The API endpoints both answers list. "{version}" stays literal unless ?version= is given
/// (Mobile SDK "Using Identity URLs").
fn api_urls(app: &App, req: &Req) -> Urls {
    let d = app.data();
    let b = &app.base_url;
    let v = match req.q("version") {
        Some("latest") => super::rest::LATEST_VERSION.to_string(),
        Some(v) if !v.is_empty() => v.trim_start_matches('v').to_string(),
        _ => "{version}".to_string(),
    };
    let org15 = &d.org_id[..15];
    Urls {
        enterprise: format!("{b}/services/Soap/c/{v}/{org15}"),
        metadata: format!("{b}/services/Soap/m/{v}/{org15}"),
        partner: format!("{b}/services/Soap/u/{v}/{org15}"),
        rest: format!("{b}/services/data/v{v}/"),
        sobjects: format!("{b}/services/data/v{v}/sobjects/"),
        search: format!("{b}/services/data/v{v}/search/"),
        query: format!("{b}/services/data/v{v}/query/"),
        recent: format!("{b}/services/data/v{v}/recent/"),
        profile: format!("{b}/{}", d.user_id),
        custom_domain: b.clone(),
    }
}

fn photos(app: &App) -> Photos {
    let b = &app.base_url;
    Photos {
        picture: format!("{b}/profilephoto/005/F"),
        thumbnail: format!("{b}/profilephoto/005/T"),
    }
}

pub(crate) fn userinfo(app: &App, req: &Req) -> Response {
    inc(&app.counters.userinfo_requests);
    if let Some(refused) = identity_token_refusal(app, req) {
        return refused;
    }
    let d = app.data();
    let photos = photos(app);
    let info = UserInfo {
        sub: app.identity_url(),
        user_id: d.user_id.clone(),
        organization_id: d.org_id.clone(),
        preferred_username: data::USERNAME,
        nickname: NICKNAME,
        name: data::USER_NAME,
        email: data::USERNAME,
        email_verified: true,
        given_name: data::USER_FIRST,
        family_name: data::USER_LAST,
        zoneinfo: TIMEZONE,
        picture: photos.picture.clone(),
        photos,
        profile: format!("{}/{}", app.base_url, d.user_id),
        address: Address { country: COUNTRY },
        urls: api_urls(app, req),
    };
    json_resp(200, serde_json::to_string(&info).unwrap_or_default())
}

// ---------------------------------------------------------------- identity URL

const NICKNAME: &str = "dana.demo";
const TIMEZONE: &str = "Europe/Paris";
const COUNTRY: &str = "FR";

/// The identity URL's answer: the token response's `id`, GET with the access token. Key set of
/// Salesforce's documented example (Salesforce Help "Identity URLs"; the same keys in the
/// prismatic.io getCurrentUser sample payload and jsforce's IdentityInfo type), the keys we
/// could not confirm left out.
#[derive(Serialize)]
struct IdentityInfo {
    id: String,
    asserted_user: bool,
    user_id: String,
    organization_id: String,
    username: &'static str,
    nick_name: &'static str,
    display_name: &'static str,
    email: &'static str,
    email_verified: bool,
    first_name: &'static str,
    last_name: &'static str,
    timezone: &'static str,
    photos: Photos,
    addr_country: &'static str,
    urls: Urls,
    active: bool,
    user_type: &'static str,
    language: &'static str,
    locale: &'static str,
}

/// `GET /id/{orgId}/{userId}`. Another org's ID is "Wrong_Org" (403) and an ID that is not the
/// demo user's is "Bad_Id" (404): the identity service's plain-text codes as Salesforce Help
/// lists them (not checked against a stored copy; the token errors above are).
pub(crate) fn identity(app: &App, req: &Req, ids: &str) -> Response {
    if let Some(refused) = identity_token_refusal(app, req) {
        return refused;
    }
    let d = app.data();
    let (org, user) = ids.split_once('/').unwrap_or((ids, ""));
    if !same(&d.org_id, org) {
        return plain(403, "Wrong_Org");
    }
    if !same(&d.user_id, user) {
        return plain(404, "Bad_Id");
    }
    let info = IdentityInfo {
        id: app.identity_url(),
        asserted_user: true,
        user_id: d.user_id.clone(),
        organization_id: d.org_id.clone(),
        username: data::USERNAME,
        nick_name: NICKNAME,
        display_name: data::USER_NAME,
        email: data::USERNAME,
        email_verified: true,
        first_name: data::USER_FIRST,
        last_name: data::USER_LAST,
        timezone: TIMEZONE,
        photos: photos(app),
        addr_country: COUNTRY,
        urls: api_urls(app, req),
        active: true,
        user_type: "STANDARD",
        language: "en_US",
        locale: "en_US",
    };
    json_resp(200, serde_json::to_string(&info).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn pkce_matches_rfc7636_appendix_b() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn redirect_uris() {
        assert!(redirect_registered("workstation://salesforce/connected"));
        assert!(redirect_registered("http://localhost:3002/salesforce/connected"));
        assert!(redirect_registered("http://127.0.0.1:51234/salesforce/connected"));
        assert!(!redirect_registered("http://evil.example:3002/salesforce/connected"));
        assert!(!redirect_registered("https://localhost:3002/salesforce/connected"));
        assert!(!redirect_registered("http://localhost:3002/other"));
    }

    #[test]
    fn scopes() {
        assert_eq!(
            grant_scope(Some("full api refresh_token offline_access")).unwrap(),
            "full api refresh_token offline_access"
        );
        assert!(grant_scope(Some("api bogus")).is_err());
        assert_eq!(grant_scope(None).unwrap(), DEFAULT_SCOPE);
    }
}

/// Salesforce accepts an ID in its 15-character (case-sensitive) or 18-character
/// (case-insensitive suffix) form alike.
fn same(full: &str, given: &str) -> bool {
    match given.len() {
        _ if full == given => true,
        15 => full.len() == 18 && full.starts_with(given),
        18 => full.eq_ignore_ascii_case(given),
        _ => false,
    }
}
