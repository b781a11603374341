//! The **demo org**: a local HTTP server that stands in for Salesforce (MISSION §5).
//!
//! It speaks Salesforce's wire format for every endpoint the app uses — OAuth authorize (with an
//! approval page), token (authorization code + PKCE, refresh, device flow), revoke, userinfo,
//! the identity URL, REST SOSL search, list views and SOQL on `ListView` — matching the reference
//! samples in `shared/salesforce/`. It is seeded with a deterministic data set ([`data`]), has
//! Salesforce's permission model (three users who can sign in, [`DemoUser`]: the all-seeing demo
//! user, a restricted one and one without API access, see [`profiles`]) and fault switches ([`Faults`]) for tests.
//! Plain Rust (axum on tokio); no Tauri types.
//!
//! Demo-only extras (not Salesforce): `GET /services/oauth2/authorize?…&auto_approve=true`
//! (immediate redirect with a code; `&user=restricted` signs in the restricted user), the user
//! select on the approval and device pages, `/__demo/*` admin endpoints (faults, stats, device
//! approval with an optional `"user"`), and `/lightning/r/{sObject}/{id}/view` record pages.
//!
//! The map, top down: this file starts the server and routes each path to `oauth` or `rest`
//! (which answers with `sosl`, `listviews` and `soql`; `versions` is the API version both need)
//! or `pages`; those share `app` (a running org's state), `http` (requests and Salesforce-shaped
//! answers) and `stats`; underneath lie who may see what (`profiles`), the seeded org (`data`,
//! `schema`), the fault switches (`faults`) and the small helpers `text` and `json`. Imports
//! point down this list; the one upward reach is `app` holding OAuth's memory, `oauth::state`,
//! which imports only `profiles`.

mod app;
mod composite;
pub mod data;
mod describe;
mod faults;
mod http;
pub mod json;
mod listviews;
mod oauth;
mod pages;
pub mod profiles;
mod rest;
pub mod schema;
mod soql;
pub mod sosl;
mod stats;
pub mod text;
mod tls;
mod versions;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;

use app::{dataset_for, App};
use http::{json_resp, sf_error, Req};
use oauth::state::OAuthState;
use stats::{inc, Counters};

pub use app::DemoOrgConfig;
pub use faults::{FaultState, Faults};
pub use oauth::{token_signature, DEFAULT_SELECTED_SCOPES, DEMO_APP_NAME, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
pub use profiles::DemoUser;
pub use stats::Stats;

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
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
}

/// A running demo org. Dropping it stops the server too.
pub struct DemoOrg {
    app: Arc<App>,
    addr: SocketAddr,
    /// With [`DemoOrgConfig::tls`]: the PEM of the authority that signed its certificate.
    ca_pem: Option<String>,
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
        let authority = if config.tls {
            Some(tls::TestAuthority::generate()?)
        } else {
            None
        };
        let scheme = if authority.is_some() { "https" } else { "http" };
        let base_url = format!("{scheme}://{host}");
        let seed = config.seed;
        let ds = match tokio::task::spawn_blocking(move || dataset_for(seed)).await {
            Ok(ds) => ds,
            Err(_) => dataset_for(seed),
        };
        let faults = Arc::new(Faults::new(
            config.latency,
            config.device_interval_secs,
            config.rotate_refresh_tokens,
            config.selected_scopes.clone(),
        ));
        let mut state = OAuthState::default();
        if let Some(t) = &config.preissued_token {
            state.preissue(t, config.default_user);
        }
        let app = Arc::new(App {
            config,
            base_url,
            ds,
            faults,
            counters: Counters::default(),
            oauth: Mutex::new(state),
            locators: Default::default(),
            shutting_down: AtomicBool::new(false),
        });
        // Outermost, the wire: it sees each answer as sent (compressed when the client asked).
        let router = Router::new()
            .fallback(handle)
            .layer(tower_http::compression::CompressionLayer::new())
            .layer(axum::middleware::from_fn_with_state(app.clone(), wire))
            .with_state(app.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = match &authority {
            Some(authority) => serve(
                authority.listener(listener).map_err(DemoOrgError::LocalAddr)?,
                router,
                rx,
            ),
            None => serve(listener, router, rx),
        };
        tracing::info!("demo org listening on {}", app.base_url);
        Ok(DemoOrg {
            app,
            addr,
            ca_pem: authority.map(|a| a.ca_pem().to_string()),
            shutdown_tx: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT` (`https://` with [`DemoOrgConfig::tls`]; no trailing slash): the
    /// login host and the instance URL.
    pub fn base_url(&self) -> String {
        self.app.base_url.clone()
    }

    /// With [`DemoOrgConfig::tls`], the certificate (PEM) of the throw-away authority that signed
    /// the server's: what a client must trust to reach this demo org. `None` over plain HTTP.
    pub fn certificate_authority_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
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
    /// The 18-character user id of either user who can sign in.
    pub fn user_id_of(&self, user: DemoUser) -> String {
        user.user_id(self.app.data())
    }
    pub fn org_id(&self) -> String {
        self.app.data().org_id.clone()
    }

    /// Approves a pending device-flow user code (as the verification page would) for
    /// [`DemoOrgConfig::default_user`].
    pub fn approve_device(&self, user_code: &str) -> bool {
        oauth::device_decide(&self.app, user_code, true, self.app.config.default_user)
    }
    /// Approves a pending device-flow user code for `user`.
    pub fn approve_device_as(&self, user_code: &str, user: DemoUser) -> bool {
        oauth::device_decide(&self.app, user_code, true, user)
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

/// Serves `router` on `listener` (plain TCP, or TLS) until `stop` is sent.
fn serve<L>(listener: L, router: Router, stop: tokio::sync::oneshot::Receiver<()>) -> tokio::task::JoinHandle<()>
where
    L: axum::serve::Listener<Addr = SocketAddr>,
{
    tokio::spawn(async move {
        let served = axum::serve(listener, router).with_graceful_shutdown(async move {
            let _ = stop.await;
        });
        if let Err(e) = served.await {
            tracing::warn!("demo org server stopped: {e}");
        }
    })
}

// ---------------------------------------------------------------- dispatch

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let req = Req::read(req).await;
    if req.path == "/__demo" || req.path.starts_with("/__demo/") {
        return admin(&app, &req);
    }
    // Salesforce finishes (and counts against the day's allocation) a request it received even
    // when the client hangs up meanwhile — a search aborted by the next keystroke still costs
    // its API call. So the request is answered in a task of its own, which a closed
    // connection does not cancel, and the counters are those of a real org.
    let answer = tokio::spawn(answer(app, req));
    match answer.await {
        Ok(response) => response,
        Err(_) => sf_error(500, "UNKNOWN_EXCEPTION", "The demo org failed to answer."),
    }
}

async fn answer(app: Arc<App>, req: Req) -> Response {
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

/// Every answer but the admin endpoints' as it leaves: its bytes counted, gzip noted, and sent no
/// faster than the `bytes_per_sec` switch allows (the whole body is held first: answers are a
/// few MB at most).
async fn wire(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let admin = req.uri().path().starts_with("/__demo");
    let response = next.run(req).await;
    if admin {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    app.counters.bytes_sent.fetch_add(bytes.len() as u64, Relaxed);
    if parts
        .headers
        .get(axum::http::header::CONTENT_ENCODING)
        .is_some_and(|e| e == "gzip")
    {
        inc(&app.counters.gzip_answers);
    }
    let rate = app.faults.bytes_per_sec();
    if rate > 0 {
        tokio::time::sleep(Duration::from_secs_f64(bytes.len() as f64 / rate as f64)).await;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
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
                return bad(
                    400,
                    "expected {\"user_code\":\"…\"} (and optionally \"user\":\"demo\"|\"restricted\")",
                );
            };
            // Optional "user": who approves (the configured default user otherwise).
            let user = match body.get("user") {
                None | Some(serde_json::Value::Null) => app.config.default_user,
                Some(v) => match v.as_str().and_then(DemoUser::parse) {
                    Some(u) => u,
                    None => return bad(400, "\"user\" must be \"demo\", \"restricted\" or \"noapi\""),
                },
            };
            let approve = req.path.ends_with("approve");
            if oauth::device_decide(app, code, approve, user) {
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
