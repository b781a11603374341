//! Fault switches of the demo org, shared by [`super::DemoOrg::faults`] and the admin endpoint
//! `POST /__demo/faults`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, Ordering::SeqCst};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

type FaultOp = Box<dyn Fn(&Faults)>;

/// Interior-mutable fault switches. Every method takes `&self`.
#[derive(Debug)]
pub struct Faults {
    /// Access tokens issued under an older epoch are invalid (`expire_all_sessions`).
    session_epoch: AtomicU64,
    /// Refresh tokens issued under an older epoch are invalid (`revoke_refresh_tokens`).
    refresh_epoch: AtomicU64,
    request_limit_exceeded: AtomicBool,
    /// REST → 403 `REQUEST_LIMIT_EXCEEDED` for the concurrent-request limit.
    concurrent_limit_exceeded: AtomicBool,
    server_error: AtomicU16,
    malformed_body: AtomicBool,
    hang: AtomicBool,
    latency_us: AtomicU64,
    initial_latency_us: u64,
    rest_api_disallowed: AtomicBool,
    api_disabled_for_org: AtomicBool,
    unsearchable: Mutex<Option<String>>,
    device_interval_secs: AtomicU64,
    initial_device_interval_secs: u64,
    /// Refresh Token Rotation, as an org's Health Check recommends: each refresh answers with a
    /// new refresh token, and the old one, presented again, revokes the user's tokens.
    rotate_refresh_tokens: AtomicBool,
    initial_rotate_refresh_tokens: bool,
    /// The connected app's Selected OAuth Scopes: a request for any other is refused.
    selected_scopes: Mutex<Vec<String>>,
    initial_selected_scopes: Vec<String>,
    /// Setup → Connected Apps OAuth Usage → Block: every sign-in answers `OAUTH_APP_BLOCKED`.
    app_blocked: AtomicBool,
    /// Permitted Users "Admin approved users are pre-authorized", with only the System
    /// Administrator profile approved: anyone else gets `OAUTH_APP_ACCESS_DENIED`.
    admin_approved_only: AtomicBool,
    /// Extra time each sObject Describe takes (a customised object's describe is slow to build).
    describe_latency_us: AtomicU64,
    /// Answers leave at most this fast (bytes a second, 0: unlimited): a slow VPN.
    bytes_per_sec: AtomicU64,
    /// `INVALID_TYPE` / `INVALID_FIELD` refusals say nothing a client can read (no names).
    unreadable_refusals: AtomicBool,
    /// Requests counted as used today before the demo org's own (`Sforce-Limit-Info`), so that
    /// tests see an org near its daily allocation.
    api_usage: AtomicU64,
    /// Rows in one batch of a SOQL answer ([`DEFAULT_QUERY_BATCH_SIZE`] unless switched).
    query_batch_size: AtomicU64,
    /// List views an administrator renamed (id → label): Salesforce keeps whatever was typed,
    /// control characters included, so a label may carry a terminal's escape sequences.
    list_view_labels: Mutex<BTreeMap<String, String>>,
    /// REST answers 400 with this body as it is, labelled JSON whatever it holds (not the error
    /// list Salesforce sends: a truncated answer, a gateway's own).
    raw_error_body: Mutex<Option<String>>,
    /// The device flow's first answer names this page instead of the org's own.
    device_verification_uri: Mutex<Option<String>>,
}

/// Salesforce's batch: "up to 2,000 records can be returned at a time in a synchronous
/// request" (REST API Developer Guide, Query).
pub const DEFAULT_QUERY_BATCH_SIZE: u64 = 2000;

/// Current switch positions (`GET /__demo/faults`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FaultState {
    pub session_epoch: u64,
    pub refresh_epoch: u64,
    pub request_limit_exceeded: bool,
    pub concurrent_limit_exceeded: bool,
    pub server_error: Option<u16>,
    pub malformed_body: bool,
    pub hang: bool,
    pub latency_ms: u64,
    pub rest_api_disallowed: bool,
    pub api_disabled_for_org: bool,
    pub unsearchable: Option<String>,
    pub device_interval_secs: u64,
    pub rotate_refresh_tokens: bool,
    pub selected_scopes: Vec<String>,
    pub app_blocked: bool,
    pub admin_approved_only: bool,
    pub describe_latency_ms: u64,
    pub bytes_per_sec: u64,
    pub unreadable_refusals: bool,
    pub api_usage: u64,
    pub query_batch_size: u64,
    pub list_view_labels: BTreeMap<String, String>,
    pub raw_error_body: Option<String>,
    pub device_verification_uri: Option<String>,
}

impl Faults {
    /// The switches as the org starts: `DemoOrgConfig`'s latency, device interval, rotation and
    /// selected scopes, which `clear` comes back to.
    pub(crate) fn new(
        latency: Duration,
        device_interval_secs: u64,
        rotate_refresh_tokens: bool,
        selected_scopes: Vec<String>,
    ) -> Faults {
        let us = latency.as_micros().min(u64::MAX as u128) as u64;
        Faults {
            session_epoch: AtomicU64::new(0),
            refresh_epoch: AtomicU64::new(0),
            request_limit_exceeded: AtomicBool::new(false),
            concurrent_limit_exceeded: AtomicBool::new(false),
            server_error: AtomicU16::new(0),
            malformed_body: AtomicBool::new(false),
            hang: AtomicBool::new(false),
            latency_us: AtomicU64::new(us),
            initial_latency_us: us,
            rest_api_disallowed: AtomicBool::new(false),
            api_disabled_for_org: AtomicBool::new(false),
            unsearchable: Mutex::new(None),
            device_interval_secs: AtomicU64::new(device_interval_secs),
            initial_device_interval_secs: device_interval_secs,
            rotate_refresh_tokens: AtomicBool::new(rotate_refresh_tokens),
            initial_rotate_refresh_tokens: rotate_refresh_tokens,
            selected_scopes: Mutex::new(selected_scopes.clone()),
            initial_selected_scopes: selected_scopes,
            app_blocked: AtomicBool::new(false),
            admin_approved_only: AtomicBool::new(false),
            describe_latency_us: AtomicU64::new(0),
            bytes_per_sec: AtomicU64::new(0),
            unreadable_refusals: AtomicBool::new(false),
            api_usage: AtomicU64::new(0),
            query_batch_size: AtomicU64::new(DEFAULT_QUERY_BATCH_SIZE),
            list_view_labels: Mutex::new(BTreeMap::new()),
            raw_error_body: Mutex::new(None),
            device_verification_uri: Mutex::new(None),
        }
    }

    /// Every access token issued so far (including the pre-issued one) becomes invalid:
    /// REST answers 401 INVALID_SESSION_ID. Refresh tokens keep working.
    pub fn expire_all_sessions(&self) {
        self.session_epoch.fetch_add(1, SeqCst);
    }

    /// Every refresh token issued so far is dead (refresh → 400 invalid_grant "expired
    /// access/refresh token"), and so are all access tokens.
    pub fn revoke_refresh_tokens(&self) {
        self.refresh_epoch.fetch_add(1, SeqCst);
        self.session_epoch.fetch_add(1, SeqCst);
    }

    /// REST → 403 `[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`.
    pub fn set_request_limit_exceeded(&self, on: bool) {
        self.request_limit_exceeded.store(on, SeqCst);
    }

    /// REST → this 5xx status with a Salesforce-like body (`None` switches it off).
    pub fn set_server_error(&self, status: Option<u16>) {
        self.server_error.store(status.unwrap_or(0), SeqCst);
    }

    /// REST answers 200 with a truncated JSON body.
    pub fn set_malformed_body(&self, on: bool) {
        self.malformed_body.store(on, SeqCst);
    }

    /// REST requests do not answer until switched off (or the server shuts down).
    pub fn set_hang(&self, on: bool) {
        self.hang.store(on, SeqCst);
    }

    /// Delay before every Salesforce answer (not the admin endpoints).
    pub fn set_latency(&self, latency: Duration) {
        self.latency_us
            .store(latency.as_micros().min(u64::MAX as u128) as u64, SeqCst);
    }

    /// REST → 401 `[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]`.
    pub fn set_rest_api_disallowed(&self, on: bool) {
        self.rest_api_disallowed.store(on, SeqCst);
    }

    /// REST → 403 `API_DISABLED_FOR_ORG` (an edition without API access, e.g. Professional
    /// Edition without the API add-on).
    pub fn set_api_disabled_for_org(&self, on: bool) {
        self.api_disabled_for_org.store(on, SeqCst);
    }

    /// An sObject named in RETURNING is rejected with 400 INVALID_TYPE
    /// "sObject type 'X' is not supported.".
    pub fn set_unsearchable(&self, sobject: Option<String>) {
        *self.unsearchable.lock().unwrap_or_else(|e| e.into_inner()) = sobject;
    }

    /// Refresh Token Rotation on or off (see [`crate::DemoOrgConfig::rotate_refresh_tokens`]).
    pub fn set_rotate_refresh_tokens(&self, on: bool) {
        self.rotate_refresh_tokens.store(on, SeqCst);
    }

    /// Device flow polling interval (seconds) announced by new device codes and enforced
    /// with `slow_down`. Demo-only switch.
    pub fn set_device_interval_secs(&self, secs: u64) {
        self.device_interval_secs.store(secs, SeqCst);
    }

    /// Extra time every sObject Describe takes, inside a Composite request too.
    pub fn set_describe_latency(&self, latency: Duration) {
        self.describe_latency_us
            .store(latency.as_micros().min(u64::MAX as u128) as u64, SeqCst);
    }

    /// Answers (their bytes as sent, compressed or not) leave at most `rate` bytes a second;
    /// `0`: as fast as loopback goes.
    pub fn set_bytes_per_sec(&self, rate: u64) {
        self.bytes_per_sec.store(rate, SeqCst);
    }

    /// SOSL refusals `INVALID_TYPE` / `INVALID_FIELD` name no object or field (a wording a
    /// client does not know).
    pub fn set_unreadable_refusals(&self, on: bool) {
        self.unreadable_refusals.store(on, SeqCst);
    }

    pub fn describe_latency(&self) -> Duration {
        Duration::from_micros(self.describe_latency_us.load(SeqCst))
    }
    pub fn bytes_per_sec(&self) -> u64 {
        self.bytes_per_sec.load(SeqCst)
    }
    pub fn unreadable_refusals(&self) -> bool {
        self.unreadable_refusals.load(SeqCst)
    }
    /// Counts `used` requests as used today before the demo org's own: `Sforce-Limit-Info`
    /// reports `api-usage=used+answered/15000` (see [`crate::rest::API_LIMIT`]).
    pub fn set_api_usage(&self, used: u64) {
        self.api_usage.store(used, SeqCst);
    }
    pub fn api_usage(&self) -> u64 {
        self.api_usage.load(SeqCst)
    }
    /// SOQL answers hold at most `rows` rows a batch (at least 1), so that the seeded data comes
    /// in several batches. Demo-only switch: Salesforce's own is 2,000.
    pub fn set_query_batch_size(&self, rows: u64) {
        self.query_batch_size.store(rows.max(1), SeqCst);
    }
    pub fn query_batch_size(&self) -> u64 {
        self.query_batch_size.load(SeqCst)
    }

    /// Renames list views (id → label) as an administrator could, with any text at all.
    pub fn set_list_view_labels(&self, labels: BTreeMap<String, String>) {
        *self.list_view_labels.lock().unwrap_or_else(|e| e.into_inner()) = labels;
    }
    pub fn list_view_labels(&self) -> BTreeMap<String, String> {
        self.list_view_labels.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
    /// REST answers 400 with `body` as it is, labelled JSON (`None`: Salesforce's own answers).
    pub fn set_raw_error_body(&self, body: Option<String>) {
        *self.raw_error_body.lock().unwrap_or_else(|e| e.into_inner()) = body;
    }
    pub fn raw_error_body(&self) -> Option<String> {
        self.raw_error_body.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
    /// The device flow's `verification_uri` is `uri` (`None`: the org's own page).
    pub fn set_device_verification_uri(&self, uri: Option<String>) {
        *self.device_verification_uri.lock().unwrap_or_else(|e| e.into_inner()) = uri;
    }
    pub fn device_verification_uri(&self) -> Option<String> {
        self.device_verification_uri
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Switches every fault off and restores the configured latency and device interval.
    /// Sessions expired or refresh tokens revoked earlier stay dead.
    pub fn clear(&self) {
        self.set_request_limit_exceeded(false);
        self.set_concurrent_limit_exceeded(false);
        self.set_server_error(None);
        self.set_malformed_body(false);
        self.set_hang(false);
        self.latency_us.store(self.initial_latency_us, SeqCst);
        self.set_rest_api_disallowed(false);
        self.set_api_disabled_for_org(false);
        self.set_unsearchable(None);
        self.device_interval_secs
            .store(self.initial_device_interval_secs, SeqCst);
        self.set_rotate_refresh_tokens(self.initial_rotate_refresh_tokens);
        self.set_selected_scopes(self.initial_selected_scopes.clone());
        self.set_app_blocked(false);
        self.set_admin_approved_only(false);
        self.set_describe_latency(Duration::ZERO);
        self.set_bytes_per_sec(0);
        self.set_unreadable_refusals(false);
        self.set_api_usage(0);
        self.set_query_batch_size(DEFAULT_QUERY_BATCH_SIZE);
        self.set_list_view_labels(BTreeMap::new());
        self.set_raw_error_body(None);
        self.set_device_verification_uri(None);
    }

    /// The connected app's Selected OAuth Scopes (any names; the OAuth endpoints compare).
    pub fn set_selected_scopes(&self, scopes: Vec<String>) {
        *self.selected_scopes.lock().unwrap_or_else(|e| e.into_inner()) = scopes;
    }
    pub fn set_app_blocked(&self, on: bool) {
        self.app_blocked.store(on, SeqCst);
    }
    pub fn set_admin_approved_only(&self, on: bool) {
        self.admin_approved_only.store(on, SeqCst);
    }
    pub fn selected_scopes(&self) -> Vec<String> {
        self.selected_scopes.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
    pub fn app_blocked(&self) -> bool {
        self.app_blocked.load(SeqCst)
    }
    pub fn admin_approved_only(&self) -> bool {
        self.admin_approved_only.load(SeqCst)
    }

    pub fn session_epoch(&self) -> u64 {
        self.session_epoch.load(SeqCst)
    }
    pub fn refresh_epoch(&self) -> u64 {
        self.refresh_epoch.load(SeqCst)
    }
    pub fn request_limit_exceeded(&self) -> bool {
        self.request_limit_exceeded.load(SeqCst)
    }
    /// REST → 403 `[{"message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]`.
    pub fn set_concurrent_limit_exceeded(&self, on: bool) {
        self.concurrent_limit_exceeded.store(on, SeqCst);
    }
    pub fn concurrent_limit_exceeded(&self) -> bool {
        self.concurrent_limit_exceeded.load(SeqCst)
    }
    pub fn server_error(&self) -> Option<u16> {
        Some(self.server_error.load(SeqCst)).filter(|s| *s != 0)
    }
    pub fn malformed_body(&self) -> bool {
        self.malformed_body.load(SeqCst)
    }
    pub fn hang(&self) -> bool {
        self.hang.load(SeqCst)
    }
    pub fn latency(&self) -> Duration {
        Duration::from_micros(self.latency_us.load(SeqCst))
    }
    pub fn rest_api_disallowed(&self) -> bool {
        self.rest_api_disallowed.load(SeqCst)
    }
    pub fn api_disabled_for_org(&self) -> bool {
        self.api_disabled_for_org.load(SeqCst)
    }
    pub fn unsearchable(&self) -> Option<String> {
        self.unsearchable.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
    pub fn device_interval_secs(&self) -> u64 {
        self.device_interval_secs.load(SeqCst)
    }
    pub fn rotate_refresh_tokens(&self) -> bool {
        self.rotate_refresh_tokens.load(SeqCst)
    }

    pub fn state(&self) -> FaultState {
        FaultState {
            session_epoch: self.session_epoch(),
            refresh_epoch: self.refresh_epoch(),
            request_limit_exceeded: self.request_limit_exceeded(),
            concurrent_limit_exceeded: self.concurrent_limit_exceeded(),
            server_error: self.server_error(),
            malformed_body: self.malformed_body(),
            hang: self.hang(),
            latency_ms: self.latency().as_millis() as u64,
            rest_api_disallowed: self.rest_api_disallowed(),
            api_disabled_for_org: self.api_disabled_for_org(),
            unsearchable: self.unsearchable(),
            device_interval_secs: self.device_interval_secs(),
            rotate_refresh_tokens: self.rotate_refresh_tokens(),
            selected_scopes: self.selected_scopes(),
            app_blocked: self.app_blocked(),
            admin_approved_only: self.admin_approved_only(),
            describe_latency_ms: self.describe_latency().as_millis() as u64,
            bytes_per_sec: self.bytes_per_sec(),
            unreadable_refusals: self.unreadable_refusals(),
            api_usage: self.api_usage(),
            query_batch_size: self.query_batch_size(),
            list_view_labels: self.list_view_labels(),
            raw_error_body: self.raw_error_body(),
            device_verification_uri: self.device_verification_uri(),
        }
    }

    /// Applies an admin request body such as `{"hang":true,"latency_ms":100}`. `clear` is applied
    /// first, then the other fields. Unknown fields or wrong types are an error (nothing applied).
    pub fn apply_json(&self, body: &serde_json::Value) -> Result<(), String> {
        let obj = body.as_object().ok_or("the body must be a JSON object")?;
        let boolean = |k: &str, v: &serde_json::Value| v.as_bool().ok_or(format!("'{k}' must be true or false"));
        // Validate everything before applying anything.
        let mut ops: Vec<FaultOp> = Vec::new();
        if let Some(v) = obj.get("clear") {
            if boolean("clear", v)? {
                ops.push(Box::new(|f| f.clear()));
            }
        }
        for (k, v) in obj {
            match k.as_str() {
                "clear" => {}
                "expire_sessions" => {
                    if boolean(k, v)? {
                        ops.push(Box::new(|f| f.expire_all_sessions()));
                    }
                }
                "revoke_refresh_tokens" => {
                    if boolean(k, v)? {
                        ops.push(Box::new(|f| f.revoke_refresh_tokens()));
                    }
                }
                "request_limit_exceeded" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_request_limit_exceeded(b)));
                }
                "concurrent_limit_exceeded" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_concurrent_limit_exceeded(b)));
                }
                "malformed_body" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_malformed_body(b)));
                }
                "hang" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_hang(b)));
                }
                "rotate_refresh_tokens" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_rotate_refresh_tokens(b)));
                }
                "api_disabled_for_org" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_api_disabled_for_org(b)));
                }
                "app_blocked" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_app_blocked(b)));
                }
                "admin_approved_only" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_admin_approved_only(b)));
                }
                "selected_scopes" => {
                    let scopes: Vec<String> = match v {
                        serde_json::Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
                        serde_json::Value::Array(items) => items
                            .iter()
                            .map(|i| i.as_str().map(str::to_string))
                            .collect::<Option<_>>()
                            .ok_or("'selected_scopes' must be a string such as \"api refresh_token\" or a list of strings")?,
                        _ => return Err("'selected_scopes' must be a string such as \"api refresh_token\" or a list of strings".into()),
                    };
                    ops.push(Box::new(move |f| f.set_selected_scopes(scopes.clone())));
                }
                "rest_api_disallowed" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_rest_api_disallowed(b)));
                }
                "server_error" => {
                    let s = match v {
                        serde_json::Value::Null | serde_json::Value::Bool(false) => None,
                        v => match v.as_u64() {
                            Some(0) => None,
                            Some(s @ 500..=599) => Some(s as u16),
                            _ => return Err("'server_error' must be a 5xx status (e.g. 500 or 503), 0 or null".into()),
                        },
                    };
                    ops.push(Box::new(move |f| f.set_server_error(s)));
                }
                "describe_latency_ms" => {
                    let ms = v.as_u64().ok_or("'describe_latency_ms' must be a non-negative integer")?;
                    ops.push(Box::new(move |f| f.set_describe_latency(Duration::from_millis(ms))));
                }
                "bytes_per_sec" => {
                    let rate = v.as_u64().ok_or("'bytes_per_sec' must be a non-negative integer")?;
                    ops.push(Box::new(move |f| f.set_bytes_per_sec(rate)));
                }
                "unreadable_refusals" => {
                    let b = boolean(k, v)?;
                    ops.push(Box::new(move |f| f.set_unreadable_refusals(b)));
                }
                "api_usage" => {
                    let used = v.as_u64().ok_or("'api_usage' must be a non-negative integer")?;
                    ops.push(Box::new(move |f| f.set_api_usage(used)));
                }
                "query_batch_size" => {
                    let rows = v
                        .as_u64()
                        .filter(|n| (1..=DEFAULT_QUERY_BATCH_SIZE).contains(n))
                        .ok_or("'query_batch_size' must be an integer from 1 to 2000")?;
                    ops.push(Box::new(move |f| f.set_query_batch_size(rows)));
                }
                "list_view_labels" => {
                    let labels: BTreeMap<String, String> = serde_json::from_value(v.clone())
                        .map_err(|_| "'list_view_labels' must be an object of list view ids to labels")?;
                    ops.push(Box::new(move |f| f.set_list_view_labels(labels.clone())));
                }
                "raw_error_body" | "device_verification_uri" => {
                    let text = match v {
                        serde_json::Value::Null => None,
                        serde_json::Value::String(s) => Some(s.clone()),
                        _ => return Err(format!("'{k}' must be a string or null")),
                    };
                    if k == "raw_error_body" {
                        ops.push(Box::new(move |f| f.set_raw_error_body(text.clone())));
                    } else {
                        ops.push(Box::new(move |f| f.set_device_verification_uri(text.clone())));
                    }
                }
                "latency_ms" => {
                    let ms = v.as_u64().ok_or("'latency_ms' must be a non-negative integer")?;
                    ops.push(Box::new(move |f| f.set_latency(Duration::from_millis(ms))));
                }
                "device_interval_secs" => {
                    let s = v.as_u64().ok_or("'device_interval_secs' must be a non-negative integer")?;
                    ops.push(Box::new(move |f| f.set_device_interval_secs(s)));
                }
                "unsearchable" => {
                    let s = match v {
                        serde_json::Value::Null => None,
                        serde_json::Value::String(s) if s.is_empty() => None,
                        serde_json::Value::String(s) => Some(s.clone()),
                        _ => return Err("'unsearchable' must be an sObject name or null".into()),
                    };
                    ops.push(Box::new(move |f| f.set_unsearchable(s.clone())));
                }
                other => {
                    return Err(format!(
                        "unknown field '{other}'; known fields: clear, expire_sessions, revoke_refresh_tokens, request_limit_exceeded, concurrent_limit_exceeded, server_error, malformed_body, hang, latency_ms, rest_api_disallowed, api_disabled_for_org, unsearchable, device_interval_secs, rotate_refresh_tokens, selected_scopes, app_blocked, admin_approved_only, describe_latency_ms, bytes_per_sec, unreadable_refusals, api_usage, query_batch_size"
                    ))
                }
            }
        }
        for op in ops {
            op(self);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_json_applies_and_validates() {
        let f = Faults::new(Duration::ZERO, 5, false, Vec::new());
        f.apply_json(
            &serde_json::json!({"hang": true, "latency_ms": 100, "server_error": 503, "unsearchable": "Report"}),
        )
        .unwrap();
        assert!(f.hang());
        assert_eq!(f.latency(), Duration::from_millis(100));
        assert_eq!(f.server_error(), Some(503));
        assert_eq!(f.unsearchable().as_deref(), Some("Report"));
        assert!(f.apply_json(&serde_json::json!({"bogus": 1})).is_err());
        assert!(f
            .apply_json(&serde_json::json!({"clear": true, "server_error": 404}))
            .is_err());
        assert!(f.hang(), "nothing applied on error");
        f.apply_json(&serde_json::json!({"clear": true, "malformed_body": true}))
            .unwrap();
        assert!(!f.hang());
        assert!(f.malformed_body());
        assert_eq!(f.latency(), Duration::ZERO);
        f.apply_json(&serde_json::json!({"api_usage": 12500})).unwrap();
        assert_eq!(f.state().api_usage, 12500);
        assert!(f.apply_json(&serde_json::json!({"api_usage": -1})).is_err());
        f.apply_json(&serde_json::json!({"query_batch_size": 3})).unwrap();
        assert_eq!(f.query_batch_size(), 3);
        assert!(f.apply_json(&serde_json::json!({"query_batch_size": 0})).is_err());
        f.clear();
        assert_eq!(f.query_batch_size(), DEFAULT_QUERY_BATCH_SIZE);
        let e = f.session_epoch();
        f.apply_json(&serde_json::json!({"expire_sessions": true})).unwrap();
        assert_eq!(f.session_epoch(), e + 1);
    }
}
