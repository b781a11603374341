//! The loopback redirect listener (`http://localhost:PORT/salesforce/connected`): bound to
//! every address `localhost` names — `127.0.0.1` and `::1` on the same port — started while
//! a connection is pending, closed right after (or when the attempt gives up).
//!
//! Browsers commonly try `::1` first for `localhost`: a listener on `127.0.0.1` alone would
//! let another local user who listens on `[::1]:PORT` receive the code and the state. So both
//! addresses are ours or the attempt does not start. A computer without IPv6 on loopback
//! (no `::1` at all) is fine: then nobody can listen there either.

use super::callback::CALLBACK_PATH;
use axum::extract::RawQuery;
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

pub struct LoopbackListener {
    pub callbacks: mpsc::Receiver<String>,
    /// Dropped with the listener: both servers stop and their ports close.
    _stop: watch::Sender<()>,
    pub port: u16,
    /// Whether `[::1]:port` is ours too (false only where this computer has no IPv6 loopback).
    pub ipv6: bool,
}

impl LoopbackListener {
    /// Binds `127.0.0.1:port` and `[::1]:port` (port 0: any port free on both). Fails if
    /// either address is taken. Each request to the callback path is forwarded as a full URL.
    pub async fn start(port: u16) -> io::Result<LoopbackListener> {
        let (v4, v6) = bind_both(port).await?;
        let port = v4.local_addr()?.port();
        let (tx, rx) = mpsc::channel::<String>(4);
        let (stop, stopped) = watch::channel(());
        let app = Router::new().route(
            CALLBACK_PATH,
            get(move |RawQuery(query): RawQuery| {
                let tx = tx.clone();
                async move {
                    let url = format!("http://localhost:{port}{CALLBACK_PATH}?{}", query.unwrap_or_default());
                    let _ = tx.send(url).await;
                    Html(DONE_PAGE)
                }
            }),
        );
        let ipv6 = v6.is_some();
        for listener in std::iter::once(v4).chain(v6) {
            let app = app.clone();
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
            callbacks: rx,
            _stop: stop,
            port,
            ipv6,
        })
    }
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
        let listener = LoopbackListener::start(0).await.expect("starts");
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
        let e = LoopbackListener::start(port)
            .await
            .err()
            .expect("[::1] is someone else's");
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse, "{e}");
        assert!(e.to_string().contains(&format!("[::1]:{port}")), "{e}");
        drop(v6);
        let v4 = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = v4.local_addr().expect("addr").port();
        let e = LoopbackListener::start(port)
            .await
            .err()
            .expect("127.0.0.1 is someone else's");
        assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    }
}
