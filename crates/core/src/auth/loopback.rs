//! The loopback redirect listener (`http://localhost:PORT/salesforce/connected`): bound to
//! every address `localhost` names — `127.0.0.1` and `::1` on the same port — started while
//! a connection is pending, closed right after (or when the attempt gives up).
//!
//! Browsers commonly try `::1` first for `localhost`: a listener on `127.0.0.1` alone would
//! let another local user who listens on `[::1]:PORT` receive the code and the state. So both
//! addresses are ours or the attempt does not start. A computer without IPv6 on loopback
//! (no `::1` at all) is fine: then nobody can listen there either.
//!
//! It answers only programs of the person's own account (`auth::peer`: checked on Linux), and
//! takes Salesforce's redirect only from the browser that opened the attempt's one-time start
//! address (`auth::binding`). Whatever it refuses changes nothing and is counted.

use super::binding::{BrowserBinding, RefusedRequests, StartAnswer, START_PATH};
use super::callback::CALLBACK_PATH;
use super::peer::Peer;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

/// What reaches the attempt from the listener; refused requests never do (they are counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopbackEvent {
    /// Salesforce's redirect, as a full URL, from a program of ours carrying the attempt's
    /// cookie: the person's browser.
    Callback(String),
    /// The one-time start address was asked for a second time: someone else has it too.
    StartedAgain,
}

pub struct LoopbackListener {
    pub events: mpsc::Receiver<LoopbackEvent>,
    binding: Arc<BrowserBinding>,
    /// Dropped with the listener: both servers stop and their ports close.
    _stop: watch::Sender<()>,
    pub port: u16,
    /// Whether `[::1]:port` is ours too (false only where this computer has no IPv6 loopback).
    pub ipv6: bool,
}

#[derive(Clone)]
struct Shared {
    binding: Arc<BrowserBinding>,
    events: mpsc::Sender<LoopbackEvent>,
    port: u16,
}

impl LoopbackListener {
    /// Binds `127.0.0.1:port` and `[::1]:port` (port 0: any port free on both). Fails if
    /// either address is taken. Serves the attempt's start address and Salesforce's redirect;
    /// the cookie it sets lives `lifetime` (as long as the attempt).
    pub async fn start(port: u16, lifetime: Duration) -> io::Result<LoopbackListener> {
        let (v4, v6) = bind_both(port).await?;
        let port = v4.local_addr()?.port();
        let (events, rx) = mpsc::channel::<LoopbackEvent>(4);
        let (stop, stopped) = watch::channel(());
        let binding = Arc::new(BrowserBinding::new(lifetime));
        let app = Router::new()
            .route(&format!("{START_PATH}{{token}}"), get(start))
            .route(CALLBACK_PATH, get(callback))
            .with_state(Shared {
                binding: binding.clone(),
                events,
                port,
            });
        let ipv6 = v6.is_some();
        for listener in std::iter::once(v4).chain(v6) {
            let app = app.clone().into_make_service_with_connect_info::<Peer>();
            let mut stopped = stopped.clone();
            tokio::spawn(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        // Resolves when the sender is dropped.
                        while stopped.changed().await.is_ok() {}
                    })
                    .await;
            });
        }
        Ok(LoopbackListener {
            events: rx,
            binding,
            _stop: stop,
            port,
            ipv6,
        })
    }

    /// The address to open in the browser: one use, then a redirect to `authorize_url`.
    pub fn start_url(&self, authorize_url: &str) -> String {
        format!(
            "http://localhost:{}{}",
            self.port,
            self.binding.start_path(authorize_url)
        )
    }

    /// What was refused so far.
    pub fn refused(&self) -> RefusedRequests {
        self.binding.refused()
    }
}

async fn start(
    State(s): State<Shared>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    Path(token): Path<String>,
) -> Response {
    match s.binding.start(&token, peer) {
        StartAnswer::Redirect { location, set_cookie } => (
            StatusCode::FOUND,
            [
                (header::LOCATION, location),
                (header::SET_COOKIE, set_cookie),
                (header::CACHE_CONTROL, "no-store".into()),
                (header::REFERRER_POLICY, "no-referrer".into()),
            ],
        )
            .into_response(),
        StartAnswer::Again => {
            let _ = s.events.send(LoopbackEvent::StartedAgain).await;
            (StatusCode::CONFLICT, Html(STOPPED_PAGE)).into_response()
        }
        StartAnswer::Refused => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn callback(
    State(s): State<Shared>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    if !s.binding.callback(cookies, peer) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let url = format!(
        "http://localhost:{}{CALLBACK_PATH}?{}",
        s.port,
        query.unwrap_or_default()
    );
    let _ = s.events.send(LoopbackEvent::Callback(url)).await;
    ([(header::SET_COOKIE, s.binding.removal())], Html(DONE_PAGE)).into_response()
}

/// How many times port 0 is tried when the port the system chose for IPv4 is taken on IPv6.
const ANY_PORT_TRIES: usize = 8;

/// Both loopback listeners on one port. Each error names the address it is about.
async fn bind_both(port: u16) -> io::Result<(TcpListener, Option<TcpListener>)> {
    let mut taken = None;
    for _ in 0..if port == 0 { ANY_PORT_TRIES } else { 1 } {
        let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|e| about(e, &format!("127.0.0.1:{port}")))?;
        let chosen = v4.local_addr()?.port();
        match TcpListener::bind((Ipv6Addr::LOCALHOST, chosen)).await {
            Ok(v6) => return Ok((v4, Some(v6))),
            Err(e) if ipv6_absent(&e) => {
                tracing::info!(port = chosen, error = %e, "no IPv6 loopback here: the redirect listener is on 127.0.0.1 alone");
                return Ok((v4, None));
            }
            // Someone else holds [::1]:PORT: they would get the browser's redirect.
            Err(e) => taken = Some(about(e, &format!("[::1]:{chosen}"))),
        }
    }
    Err(taken.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "[::1]: no free port")))
}

fn about(e: io::Error, address: &str) -> io::Error {
    io::Error::new(e.kind(), format!("{address}: {e}"))
}

/// The computer has no `::1` (IPv6 disabled, or not on loopback): nobody can listen there.
fn ipv6_absent(e: &io::Error) -> bool {
    #[cfg(unix)]
    const EAFNOSUPPORT: i32 = libc::EAFNOSUPPORT;
    #[cfg(windows)]
    const EAFNOSUPPORT: i32 = 10047; // WSAEAFNOSUPPORT
    #[cfg(not(any(unix, windows)))]
    const EAFNOSUPPORT: i32 = i32::MIN;
    e.kind() == io::ErrorKind::AddrNotAvailable || e.raw_os_error() == Some(EAFNOSUPPORT)
}

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Workstation</title>\
<body style=\"font-family:sans-serif;margin:4em\"><h1>Back to Workstation</h1>\
<p>Salesforce has answered. You can close this tab and return to Workstation.</p></body>";

const STOPPED_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Workstation</title>\
<body style=\"font-family:sans-serif;margin:4em\"><h1>Sign-in stopped</h1>\
<p>This sign-in link was opened twice, so Workstation stopped the sign-in. \
Return to Workstation and connect again.</p></body>";

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    async fn refused(addr: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match tokio::net::TcpStream::connect(addr).await {
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => return true,
                _ if Instant::now() > deadline => return false,
                _ => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    #[tokio::test]
    async fn both_loopback_addresses_are_ours_on_one_port_and_closed_when_dropped() {
        let listener = LoopbackListener::start(0, Duration::from_secs(60))
            .await
            .expect("starts");
        let port = listener.port;
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("127.0.0.1 answers");
        if listener.ipv6 {
            tokio::net::TcpStream::connect(format!("[::1]:{port}"))
                .await
                .expect("[::1] answers on the same port");
        } else {
            assert!(
                std::net::TcpListener::bind("[::1]:0").is_err(),
                "::1 exists but was not bound"
            );
        }
        drop(listener);
        assert!(
            refused(&format!("127.0.0.1:{port}")).await,
            "127.0.0.1:{port} still open"
        );
        if std::net::TcpListener::bind("[::1]:0").is_ok() {
            assert!(refused(&format!("[::1]:{port}")).await, "[::1]:{port} still open");
        }
    }

    #[tokio::test]
    async fn a_port_taken_on_either_address_is_refused() {
        let Ok(v6) = std::net::TcpListener::bind("[::1]:0") else {
            eprintln!("no IPv6 loopback on this computer: nothing to take over");
            return;
        };
        let port = v6.local_addr().expect("addr").port();
        let e = LoopbackListener::start(port, Duration::from_secs(60))
            .await
            .err()
            .expect("[::1] is someone else's");
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse, "{e}");
        assert!(e.to_string().contains(&format!("[::1]:{port}")), "{e}");
        drop(v6);
        let v4 = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = v4.local_addr().expect("addr").port();
        let e = LoopbackListener::start(port, Duration::from_secs(60))
            .await
            .err()
            .expect("127.0.0.1 is someone else's");
        assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    }
}
