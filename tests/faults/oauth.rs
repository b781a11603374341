//! OAuth under attack: the loopback listener binds both loopback addresses (127.0.0.1 and ::1)
//! and nothing else, and closes after use; token requests never follow redirects.

use crate::broken_server;
use crate::common::{demo_org, sign_in_from_start, state_of};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use workstation::api::{Setup, Workstation};
use workstation::auth::store::MemoryStore;

// ------------------------------------------------------------------------- OAuth under attack

/// The LISTEN sockets on `port` in /proc/net/tcp and tcp6, as local address strings.
fn listening_addresses(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (cols.get(1), cols.get(3)) else {
                continue;
            };
            let Some((addr, p)) = local.split_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(p, 16).ok() == Some(port) {
                out.push(addr.to_string());
            }
        }
    }
    out
}

#[tokio::test]
async fn the_loopback_listener_binds_loopback_only_and_is_closed_after_use() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let mut policy = workstation::policy::demo_policy(&org.base_url());
    if let workstation::policy::SalesforcePolicy::Enabled(app) = &mut policy.salesforce {
        app.loopback_port = 0; // any free port
    }
    let ws = Workstation::new(
        dir.path(),
        Setup::Policy(Ok(Some(policy))),
        Arc::new(MemoryStore::default()),
    )
    .expect("workstation");
    let port = Arc::new(Mutex::new(0u16));
    let seen = port.clone();
    let user = ws
        .connect_loopback(move |url| {
            // The start address is on the listener's port.
            let p = url::Url::parse(url).expect("url").port().expect("port");
            *seen.lock().expect("lock") = p;
            // While pending: listening on 127.0.0.1 (0100007F) and, where this computer has
            // IPv6, on ::1 — every address `localhost` names — and nowhere else.
            let mut expected = vec!["0100007F".to_string()];
            if std::net::TcpListener::bind("[::1]:0").is_ok() {
                expected.push("00000000000000000000000001000000".to_string());
            }
            assert_eq!(listening_addresses(p), expected, "bound to loopback only");
            let start = url.to_string();
            tokio::spawn(async move {
                let status = sign_in_from_start(&start, "demo").await;
                assert!(status.is_success(), "{status}");
            });
        })
        .await
        .result
        .expect("connected");
    assert_eq!(user.name, "Dana Demo");
    let port = *port.lock().expect("lock");
    assert!(port > 0);
    // Closed once used: nothing listens, a connection is refused.
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        match tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => break,
            // Accepted, or reset while the listener shuts down: not closed yet.
            other => {
                assert!(
                    Instant::now() < deadline,
                    "the loopback listener on {port} is still open: {other:?}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
    // Both addresses: the IPv6 server stops beside the IPv4 one.
    while !listening_addresses(port).is_empty() {
        assert!(
            Instant::now() < deadline,
            "still listening: {:?}",
            listening_addresses(port)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn token_requests_do_not_follow_redirects() {
    // Where a redirect would lead: it must never be asked.
    let elsewhere = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let elsewhere_addr = elsewhere.local_addr().expect("addr");
    let asked = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = asked.clone();
    tokio::spawn(async move {
        if elsewhere.accept().await.is_ok() {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let redirect = format!(
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://{elsewhere_addr}/services/oauth2/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let login_host = broken_server(vec![redirect.into_bytes()]).await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = Workstation::new(
        dir.path(),
        Setup::Policy(Ok(Some(workstation::policy::demo_policy(&login_host)))),
        Arc::new(MemoryStore::default()),
    )
    .expect("workstation");
    let url = ws.start_deep_link_connect().expect("start");
    let state = state_of(&url);
    let err = ws
        .handle_callback_url(&format!("workstation://salesforce/connected?code=c0de&state={state}"))
        .await
        .expect_err("a redirected token answer is not followed");
    assert_eq!(err.kind(), "oauth", "{err}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !asked.load(std::sync::atomic::Ordering::SeqCst),
        "the redirect was followed with the code and the client secret"
    );
    assert_eq!(ws.card().name(), "not_connected");
}
