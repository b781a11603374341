//! The **demo org**: a local HTTP server that stands in for Salesforce (MISSION §5).
//!
//! It speaks Salesforce's wire format for every endpoint the app uses — OAuth authorize (with an
//! approval page), token (authorization code + PKCE, refresh, device flow), revoke, userinfo,
//! the identity URL, REST SOSL search and list views — matching the reference samples in
//! `shared/salesforce/`. It is seeded with a deterministic data set ([`data`]) and has fault
//! switches ([`Faults`]) for tests. Plain Rust (axum on tokio); no Tauri types.
//!
//! Demo-only extras (not Salesforce): `GET /services/oauth2/authorize?…&auto_approve=true`
//! (immediate redirect with a code), `/__demo/*` admin endpoints (faults, stats, device approval),
//! and `/lightning/r/{sObject}/{id}/view` record pages.

pub mod data;
mod faults;
pub mod json;
mod listviews;
mod oauth;
mod pages;
mod rest;
pub mod schema;
pub mod sosl;
pub mod text;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use serde::Serialize;

pub use faults::{FaultState, Faults};

/// Consumer key of the demo connected app.
pub const DEMO_CLIENT_ID: &str = "workstation-demo-client";
/// Consumer secret of the demo connected app (required for the web server and refresh flows).
pub const DEMO_CLIENT_SECRET: &str = "workstation-demo-secret";
/// The token response `signature`: base64(HMAC-SHA256(`id` + `issued_at`, consumer secret))
/// (API-NOTES §1), so clients and tests can verify it.
pub fn token_signature(id: &str, issued_at: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(oauth::hmac_sha256(
        DEMO_CLIENT_SECRET.as_bytes(),
        format!("{id}{issued_at}").as_bytes(),
    ))
}

/// Name of the demo connected app shown on the approval page.
pub const DEMO_APP_NAME: &str = "Workstation Demo";

#[derive(Clone, Debug)]
pub struct DemoOrgConfig {
    pub addr: SocketAddr,
    /// Delay before every Salesforce answer (admin endpoints are never delayed).
    pub latency: Duration,
    pub seed: u64,
    /// This exact string is a valid access token for the demo user from the start; it never
    /// expires unless sessions are expired or refresh tokens revoked through [`Faults`].
    pub preissued_token: Option<String>,
    pub access_token_lifetime: Duration,
    /// Device flow `interval` (Salesforce sends 5). Also switchable at runtime.
    pub device_interval_secs: u64,
    /// Lifetime of a device code before polls answer `expired_token` (10 min).
    pub device_code_lifetime: Duration,
    /// Lifetime of an authorization code (15 min).
    pub auth_code_lifetime: Duration,
}

impl Default for DemoOrgConfig {
    fn default() -> Self {
        DemoOrgConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            latency: Duration::ZERO,
            seed: 42,
            preissued_token: None,
            access_token_lifetime: Duration::from_secs(2 * 3600),
            device_interval_secs: 5,
            device_code_lifetime: Duration::from_secs(600),
            auth_code_lifetime: Duration::from_secs(900),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoOrgError {
    #[error("the demo org cannot listen on {addr}: {source} (is another program using that port?)")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the demo org cannot read its listening address: {0}")]
    LocalAddr(#[source] std::io::Error),
}

/// Counters since start.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Every request except the `/__demo/*` admin endpoints.
    pub total_requests: u64,
    /// Authenticated REST calls under `/services/data/vXX.X/` (they count toward the API limit
    /// and are reported in `Sforce-Limit-Info`).
    pub api_requests: u64,
    pub search_requests: u64,
    pub listview_requests: u64,
    /// Every `POST /services/oauth2/token`.
    pub token_requests: u64,
    pub authorization_code_grants: u64,
    pub refresh_grants: u64,
    /// Device flow polls (`grant_type=device`).
    pub device_grants: u64,
    /// Device flow code requests (`response_type=device_code`).
    pub device_code_requests: u64,
    pub revocations: u64,
    pub userinfo_requests: u64,
    pub authorize_requests: u64,
}

#[derive(Default)]
pub(crate) struct Counters {
    total_requests: AtomicU64,
    api_requests: AtomicU64,
    search_requests: AtomicU64,
    listview_requests: AtomicU64,
    token_requests: AtomicU64,
    authorization_code_grants: AtomicU64,
    refresh_grants: AtomicU64,
    device_grants: AtomicU64,
    device_code_requests: AtomicU64,
    revocations: AtomicU64,
    userinfo_requests: AtomicU64,
    authorize_requests: AtomicU64,
}

pub(crate) fn inc(c: &AtomicU64) -> u64 {
    c.fetch_add(1, Relaxed) + 1
}

impl Counters {
    fn snapshot(&self) -> Stats {
        Stats {
            total_requests: self.total_requests.load(Relaxed),
            api_requests: self.api_requests.load(Relaxed),
            search_requests: self.search_requests.load(Relaxed),
            listview_requests: self.listview_requests.load(Relaxed),
            token_requests: self.token_requests.load(Relaxed),
            authorization_code_grants: self.authorization_code_grants.load(Relaxed),
            refresh_grants: self.refresh_grants.load(Relaxed),
            device_grants: self.device_grants.load(Relaxed),
            device_code_requests: self.device_code_requests.load(Relaxed),
            revocations: self.revocations.load(Relaxed),
            userinfo_requests: self.userinfo_requests.load(Relaxed),
            authorize_requests: self.authorize_requests.load(Relaxed),
        }
    }
}

/// Seeded data plus the list views derived from it.
pub(crate) struct Dataset {
    pub data: data::OrgData,
    pub views: listviews::Catalog,
}

/// Data sets are immutable, so servers with the same seed in one process share one.
fn dataset_for(seed: u64) -> Arc<Dataset> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Arc<Dataset>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(d) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&seed) {
        return d.clone();
    }
    let data = data::generate(seed, text::now_secs());
    let views = listviews::Catalog::build(&data);
    let ds = Arc::new(Dataset { data, views });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(seed)
        .or_insert(ds)
        .clone()
}

pub(crate) struct App {
    pub config: DemoOrgConfig,
    pub base_url: String,
    pub ds: Arc<Dataset>,
    pub faults: Arc<Faults>,
    pub counters: Counters,
    pub oauth: Mutex<oauth::OAuthState>,
    pub shutting_down: AtomicBool,
}

impl App {
    pub fn data(&self) -> &data::OrgData {
        &self.ds.data
    }
    pub fn identity_url(&self) -> String {
        format!("{}/id/{}/{}", self.base_url, self.data().org_id, self.data().user_id)
    }
}

/// A running demo org. Dropping it stops the server too.
pub struct DemoOrg {
    app: Arc<App>,
    addr: SocketAddr,
    shutdown_tx: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for DemoOrg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoOrg")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl DemoOrg {
    /// Binds, spawns the server on the current tokio runtime and returns once listening.
    pub async fn start(config: DemoOrgConfig) -> Result<DemoOrg, DemoOrgError> {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| DemoOrgError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(DemoOrgError::LocalAddr)?;
        let host = if addr.ip().is_unspecified() {
            SocketAddr::from(([127, 0, 0, 1], addr.port()))
        } else {
            addr
        };
        let base_url = format!("http://{host}");
        let seed = config.seed;
        let ds = match tokio::task::spawn_blocking(move || dataset_for(seed)).await {
            Ok(ds) => ds,
            Err(_) => dataset_for(seed),
        };
        let faults = Arc::new(Faults::new(config.latency, config.device_interval_secs));
        let mut state = oauth::OAuthState::default();
        if let Some(t) = &config.preissued_token {
            state.preissue(t);
        }
        let app = Arc::new(App {
            config,
            base_url,
            ds,
            faults,
            counters: Counters::default(),
            oauth: Mutex::new(state),
            shutting_down: AtomicBool::new(false),
        });
        let router = Router::new().fallback(handle).with_state(app.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, router).with_graceful_shutdown(async move {
                let _ = rx.await;
            });
            if let Err(e) = served.await {
                tracing::warn!("demo org server stopped: {e}");
            }
        });
        tracing::info!("demo org listening on {}", app.base_url);
        Ok(DemoOrg {
            app,
            addr,
            shutdown_tx: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT` (no trailing slash): the login host and the instance URL.
    pub fn base_url(&self) -> String {
        self.app.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn faults(&self) -> &Faults {
        &self.app.faults
    }

    pub fn stats(&self) -> Stats {
        self.app.counters.snapshot()
    }

    /// The demo user's 18-character user id and the org id.
    pub fn user_id(&self) -> String {
        self.app.data().user_id.clone()
    }
    pub fn org_id(&self) -> String {
        self.app.data().org_id.clone()
    }

    /// Approves a pending device-flow user code (as the verification page would).
    pub fn approve_device(&self, user_code: &str) -> bool {
        oauth::device_decide(&self.app, user_code, true)
    }

    /// Stops the server (hanging requests are released with 503) and waits for it.
    pub async fn shutdown(mut self) {
        self.app.shutting_down.store(true, Relaxed);
        if let Some(tx) = self.shutdown_tx.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(Duration::from_secs(3), &mut task).await.is_err() {
                task.abort();
            }
        }
    }
}

impl Drop for DemoOrg {
    fn drop(&mut self) {
        self.app.shutting_down.store(true, Relaxed);
        if let Some(tx) = self.shutdown_tx.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

// ---------------------------------------------------------------- request / response helpers

pub(crate) struct Req {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Req {
    async fn read(req: Request) -> Req {
        let (parts, body) = req.into_parts();
        let query = parts
            .uri
            .query()
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let body = axum::body::to_bytes(body, 1 << 20)
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default();
        Req {
            method: parts.method,
            path: parts.uri.path().to_string(),
            query,
            headers: parts.headers,
            body,
        }
    }

    pub fn q(&self, k: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    /// Form parameters: urlencoded or multipart body (the Salesforce CLI sends multipart for the
    /// device flow, API-NOTES §2), then query-string parameters.
    pub fn form(&self) -> Vec<(String, String)> {
        let ct = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mut out = if ct.starts_with("multipart/form-data") {
            parse_multipart(ct, &self.body)
        } else {
            url::form_urlencoded::parse(&self.body).into_owned().collect()
        };
        out.extend(self.query.iter().cloned());
        out
    }

    pub fn bearer(&self) -> Option<String> {
        let v = self.headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
        let (scheme, token) = v.split_once(' ')?;
        // Salesforce accepts "Bearer" and the legacy "OAuth" scheme.
        (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
            .then(|| token.trim().to_string())
    }
}

pub(crate) fn param<'a>(form: &'a [(String, String)], k: &str) -> Option<&'a str> {
    form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

fn parse_multipart(ct: &str, body: &[u8]) -> Vec<(String, String)> {
    let Some(boundary) = ct.split(';').find_map(|p| p.trim().strip_prefix("boundary=")) else {
        return Vec::new();
    };
    let boundary = format!("--{}", boundary.trim_matches('"'));
    let text = String::from_utf8_lossy(body);
    let mut out = Vec::new();
    for part in text.split(boundary.as_str()) {
        let part = part.strip_prefix("\r\n").unwrap_or(part);
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split(';')
            .find_map(|p| p.trim().strip_prefix("name="))
            .map(|n| n.split("\r\n").next().unwrap_or(n).trim_matches('"').to_string())
        else {
            continue;
        };
        out.push((name, value.strip_suffix("\r\n").unwrap_or(value).to_string()));
    }
    out
}

fn with_type(status: u16, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Salesforce sends `application/json;charset=UTF-8`.
pub(crate) fn json_resp(status: u16, body: String) -> Response {
    with_type(status, "application/json;charset=UTF-8", body)
}

pub(crate) fn html(status: u16, body: String) -> Response {
    with_type(status, "text/html;charset=UTF-8", body)
}

pub(crate) fn plain(status: u16, body: &'static str) -> Response {
    with_type(status, "text/plain;charset=UTF-8", body)
}

/// Revoke success: 200 with an empty body.
pub(crate) fn with_empty_200() -> Response {
    with_type(200, "text/plain;charset=UTF-8", Body::empty())
}

pub(crate) fn redirect(location: &str) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

#[derive(Serialize)]
struct SfError<'a> {
    message: &'a str,
    #[serde(rename = "errorCode")]
    error_code: &'a str,
}

/// REST error body: `[{"message":…,"errorCode":…}]` (rest_error_*.json samples).
pub(crate) fn sf_error(status: u16, code: &str, message: &str) -> Response {
    json_resp(
        status,
        serde_json::to_string(&[SfError {
            message,
            error_code: code,
        }])
        .unwrap_or_default(),
    )
}

/// OAuth error body: `{"error":…,"error_description":…}` (oauth_error_*.json samples).
pub(crate) fn oauth_error(status: u16, error: &str, description: Option<&str>) -> Response {
    let mut m = serde_json::Map::new();
    m.insert("error".into(), error.into());
    if let Some(d) = description {
        m.insert("error_description".into(), d.into());
    }
    json_resp(status, serde_json::Value::Object(m).to_string())
}

// ---------------------------------------------------------------- dispatch

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let req = Req::read(req).await;
    if req.path == "/__demo" || req.path.starts_with("/__demo/") {
        return admin(&app, &req);
    }
    inc(&app.counters.total_requests);
    let latency = app.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let p = req.path.as_str();
    match p {
        "/" => pages::landing(&app),
        "/services/oauth2/authorize" => oauth::authorize(&app, &req),
        "/services/oauth2/authorize/decision" => oauth::authorize_decision(&app, &req),
        "/services/oauth2/token" => oauth::token(&app, &req),
        "/services/oauth2/revoke" => oauth::revoke(&app, &req),
        "/services/oauth2/userinfo" => oauth::userinfo(&app, &req),
        _ if p.starts_with("/id/") => oauth::identity(&app, &req, &p["/id/".len()..]),
        "/setup/connect" => oauth::device_page(&app, &req),
        _ if p == "/services/data" || p.starts_with("/services/data/") => rest::handle(&app, &req).await,
        _ if p.starts_with("/lightning/r/") => pages::record_page(&app, p),
        _ if p.starts_with("/services/") => sf_error(404, "NOT_FOUND", "The requested resource does not exist"),
        _ => pages::not_found(),
    }
}

fn admin(app: &App, req: &Req) -> Response {
    let ok = |v: serde_json::Value| json_resp(200, v.to_string());
    let bad = |status: u16, msg: &str| json_resp(status, serde_json::json!({ "error": msg }).to_string());
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/__demo/stats") => json_resp(200, serde_json::to_string(&app.counters.snapshot()).unwrap_or_default()),
        ("GET", "/__demo/faults") => json_resp(200, serde_json::to_string(&app.faults.state()).unwrap_or_default()),
        ("POST", "/__demo/faults") => {
            let body: serde_json::Value = match serde_json::from_slice(&req.body) {
                Ok(v) => v,
                Err(e) => return bad(400, &format!("the body must be JSON: {e}")),
            };
            match app.faults.apply_json(&body) {
                Ok(()) => json_resp(200, serde_json::to_string(&app.faults.state()).unwrap_or_default()),
                Err(e) => bad(400, &e),
            }
        }
        ("POST", "/__demo/device/approve") | ("POST", "/__demo/device/deny") => {
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let Some(code) = body.get("user_code").and_then(|v| v.as_str()) else {
                return bad(400, "expected {\"user_code\":\"…\"}");
            };
            let approve = req.path.ends_with("approve");
            if oauth::device_decide(app, code, approve) {
                ok(serde_json::json!({ "user_code": code, "approved": approve }))
            } else {
                bad(404, "no pending device authorization has this user_code")
            }
        }
        _ => bad(
            404,
            "unknown admin endpoint; try GET /__demo/stats, GET|POST /__demo/faults, POST /__demo/device/approve",
        ),
    }
}
