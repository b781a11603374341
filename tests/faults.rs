//! Faults (issue #7): latency, a hung server, 5xx, malformed and truncated bodies, an
//! expired session or a revoked refresh token mid-typing, the API limit, the org killed
//! and restarted, the network gone and back. Each test checks what the user sees (the
//! error's kind and message) and that nothing is lost (the list view selection, the
//! credential store, the card), and that the app recovers by itself where it can.

mod common;

use common::*;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use workstation::api::{Setup, Workstation};
use workstation::auth::store::{CredentialStore, MemoryStore, StoredTokens};
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::sosl::Limits;
use workstation::search::pipeline::SearchEvent;
use workstation::secret::Secret;

// ------------------------------------------------------------------------- helpers

/// What must survive a fault untouched.
#[derive(Debug, PartialEq)]
struct Kept {
    card: String,
    tokens: Option<StoredTokens>,
    settings: Vec<u8>,
}

fn kept(ws: &Workstation, store: &MemoryStore) -> Kept {
    Kept {
        card: ws.card().name().to_string(),
        tokens: store.load().expect("credential store"),
        settings: std::fs::read(ws.data_dir().join("settings.json")).unwrap_or_default(),
    }
}

/// A connected user who chose two Account list views.
async fn user_with_two_views(org: &DemoOrg, dir: &tempfile::TempDir) -> (Workstation, Arc<MemoryStore>, Vec<String>) {
    let (ws, store) = connected_workstation(org, dir).await;
    let views = ws.object_views("Account").await.expect("views");
    let other = views
        .offered
        .iter()
        .find(|v| !v.enabled)
        .expect("another view")
        .id
        .clone();
    let enabled = ws.enable_view("Account", &other).await.expect("enable").enabled;
    assert_eq!(enabled.len(), 2);
    (ws, store, enabled)
}

/// Waits (bounded) for the pipeline's answer to keystroke `seq`.
async fn answer_to(events: &Arc<Mutex<Vec<SearchEvent>>>, seq: u64) -> SearchEvent {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = events.lock().expect("lock").iter().rev().find_map(|e| match e {
            SearchEvent::Results { seq: s, .. } | SearchEvent::Failed { seq: s, .. } if *s == seq => Some(e.clone()),
            _ => None,
        });
        if let Some(e) = found {
            return e;
        }
        assert!(Instant::now() < deadline, "no answer to keystroke {seq}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn failure(e: &SearchEvent) -> (String, String) {
    match e {
        SearchEvent::Failed { kind, message, .. } => (kind.clone(), message.clone()),
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn is_results(e: &SearchEvent) -> bool {
    matches!(e, SearchEvent::Results { outcome, .. } if !outcome.results.is_empty())
}

async fn restart(addr: SocketAddr) -> DemoOrg {
    // The old socket may linger for a moment; retry the bind briefly.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match DemoOrg::start(DemoOrgConfig {
            addr,
            preissued_token: Some(TOKEN.into()),
            ..Default::default()
        })
        .await
        {
            Ok(org) => return org,
            Err(e) if Instant::now() < deadline => {
                eprintln!("rebinding {addr}: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("the demo org could not restart on {addr}: {e}"),
        }
    }
}

/// A broken server (a proxy, a captive portal, a dying connection): each accepted
/// connection gets the next canned answer, written raw, then the socket is closed.
async fn broken_server(answers: Vec<Vec<u8>>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        for answer in answers {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let _ = socket.write_all(&answer).await;
            let _ = socket.shutdown().await;
        }
    });
    format!("http://{addr}")
}

/// A raw HTTP answer; `declared_len` larger than the body makes it a truncated one.
fn raw(status: &str, content_type: &str, body: &str, declared_len: Option<usize>) -> Vec<u8> {
    let len = declared_len.unwrap_or(body.len());
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n{body}"
    )
    .into_bytes()
}

// ------------------------------------------------------------------------- latency and hangs

#[tokio::test]
async fn a_latency_spike_only_slows_the_answer() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    org.faults().set_latency(Duration::from_millis(600));
    let started = Instant::now();
    let out = ws
        .search("Acme", Limits::default())
        .await
        .expect("a slow answer is still an answer");
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert!(!out.results.is_empty());
    org.faults().clear();
    assert!(ws.search("Acme", Limits::default()).await.is_ok());
}

#[tokio::test]
async fn a_search_waiting_on_a_hung_server_is_answered_when_it_recovers() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, _) = user_with_two_views(&org, &dir).await;
    let before = kept(&ws, &store);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    org.faults().set_hang(true);
    let seq = pipeline.input("Acme");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        events
            .lock()
            .expect("lock")
            .iter()
            .all(|e| !matches!(e, SearchEvent::Results { .. } | SearchEvent::Failed { .. })),
        "nothing yet"
    );
    org.faults().set_hang(false);
    assert!(
        is_results(&answer_to(&events, seq).await),
        "answered once the server recovered"
    );
    assert_eq!(kept(&ws, &store), before);
}

#[tokio::test]
async fn a_hung_server_times_out_with_a_clear_message_and_nothing_is_lost() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, enabled) = user_with_two_views(&org, &dir).await;
    assert_eq!(workstation::salesforce::client::SEARCH_TIMEOUT, Duration::from_secs(10));
    ws.set_search_timeout(Duration::from_millis(300));
    let before = kept(&ws, &store);
    org.faults().set_hang(true);
    let started = Instant::now();
    let err = ws.search("Acme", Limits::default()).await.expect_err("hung");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the search timeout applies, not the client's 20 s"
    );
    assert_eq!(err.kind(), "timeout");
    assert!(err.to_string().contains("did not answer in time"), "{err}");
    assert_eq!(kept(&ws, &store), before, "a timeout changes nothing");
    org.faults().set_hang(false);
    assert!(ws.search("Acme", Limits::default()).await.is_ok(), "recovers by itself");
    assert_eq!(ws.object_views("Account").await.expect("views").enabled, enabled);
}

// ------------------------------------------------------------------------- server errors and bodies

#[tokio::test]
async fn server_errors_500_and_503_say_try_again_and_nothing_is_lost() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, enabled) = user_with_two_views(&org, &dir).await;
    let before = kept(&ws, &store);
    for status in [500u16, 503] {
        org.faults().set_server_error(Some(status));
        let requests = org.stats().total_requests;
        let err = ws.search("Acme", Limits::default()).await.expect_err("5xx");
        assert_eq!(err.kind(), "server_error");
        let message = err.to_string();
        assert!(
            message.contains(&format!("HTTP {status}")) && message.contains("Try again"),
            "{message}"
        );
        assert_eq!(org.stats().total_requests - requests, 1, "not retried");
        let err = ws
            .view_records("Account", &enabled[0], 10, 0)
            .await
            .expect_err("5xx for list views too");
        assert_eq!(err.kind(), "server_error");
        // The widget still shows the user's choice (the catalogue is remembered).
        assert_eq!(
            ws.object_views("Account").await.expect("cached catalogue").enabled,
            enabled
        );
        assert_eq!(kept(&ws, &store), before, "HTTP {status} changed something");
    }
    org.faults().clear();
    assert!(ws.search("Acme", Limits::default()).await.is_ok());
    assert_eq!(ws.object_views("Account").await.expect("views").enabled, enabled);
}

#[tokio::test]
async fn a_malformed_body_is_reported_and_nothing_is_lost() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, enabled) = user_with_two_views(&org, &dir).await;
    let before = kept(&ws, &store);
    org.faults().set_malformed_body(true);
    let err = ws.search("Acme", Limits::default()).await.expect_err("truncated JSON");
    assert_eq!(err.kind(), "malformed_response");
    assert!(err.to_string().contains("could not read"), "{err}");
    let err = ws
        .view_records("Account", &enabled[0], 10, 0)
        .await
        .expect_err("truncated JSON");
    assert_eq!(err.kind(), "malformed_response");
    assert_eq!(kept(&ws, &store), before);
    org.faults().clear();
    assert!(ws.search("Acme", Limits::default()).await.is_ok());
    assert_eq!(ws.object_views("Account").await.expect("views").enabled, enabled);
}

#[tokio::test]
async fn truncated_html_and_empty_answers_from_a_broken_network_are_errors_not_panics() {
    let answers = vec![
        // The connection dies halfway through the body.
        raw(
            "200 OK",
            "application/json",
            r#"{"searchRecords":[{"attributes":{"type":"Account"},"Id":"001"#,
            Some(4000),
        ),
        // A captive portal's login page.
        raw(
            "200 OK",
            "text/html",
            "<html><body>Sign in to Wi-Fi</body></html>",
            None,
        ),
        // Nothing at all.
        raw("200 OK", "application/json", "", None),
        // A proxy's error page.
        raw("502 Bad Gateway", "text/html", "<html>bad gateway</html>", None),
        // JSON, but not Salesforce's.
        raw("200 OK", "application/json", r#"{"searchRecords":"no"}"#, None),
        // The connection is closed without a word.
        Vec::new(),
        // Some other web server at that address: its 404 page, a redirect to its home page.
        raw("404 Not Found", "text/html", "<html>no such page</html>", None),
        raw("302 Found", "text/html", "", None),
    ];
    let expected = [
        "offline",
        "not_salesforce",
        "malformed_response",
        "server_error",
        "malformed_response",
        "offline",
        "not_salesforce",
        "not_salesforce",
    ];
    let url = broken_server(answers).await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = Workstation::new(
        dir.path(),
        Setup::AccessToken {
            instance_url: url,
            access: Secret::new(TOKEN),
        },
        Arc::new(MemoryStore::default()),
    )
    .expect("workstation");
    for kind in expected {
        let err = ws.search("Acme", Limits::default()).await.expect_err("broken");
        assert_eq!(err.kind(), kind, "{err}");
        assert!(!err.to_string().contains(TOKEN));
        assert_eq!(
            ws.card().name(),
            "connected",
            "a broken answer does not end the session"
        );
    }
}

// ------------------------------------------------------------------------- sessions

#[tokio::test]
async fn an_expired_session_mid_typing_is_refreshed_once_and_typing_goes_on() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, _) = user_with_two_views(&org, &dir).await;
    let tokens = store.load().expect("load").expect("tokens");
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(20)).expect("pipeline");
    let seq = pipeline.input("Ac");
    assert!(is_results(&answer_to(&events, seq).await));
    org.faults().expire_all_sessions();
    let refreshes = org.stats().refresh_grants;
    pipeline.input("Acm");
    let seq = pipeline.input("Acme");
    assert!(
        is_results(&answer_to(&events, seq).await),
        "results after a silent refresh"
    );
    assert_eq!(org.stats().refresh_grants - refreshes, 1, "one refresh");
    assert_eq!(ws.card().name(), "connected");
    let now = store.load().expect("load").expect("tokens");
    assert_ne!(now.access_token, tokens.access_token, "the new access token is kept");
    assert_eq!(now.refresh_token, tokens.refresh_token);
    assert_eq!(now.user, tokens.user);
}

#[tokio::test]
async fn a_revoked_refresh_token_mid_typing_asks_to_reconnect_and_reconnecting_brings_search_back() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, enabled) = user_with_two_views(&org, &dir).await;
    let settings = std::fs::read(dir.path().join("settings.json")).expect("settings");
    let (events, sink) = collector();
    // The window keeps one pipeline for its lifetime.
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(20)).expect("pipeline");
    let seq = pipeline.input("Acme");
    assert!(is_results(&answer_to(&events, seq).await));
    org.faults().revoke_refresh_tokens();
    let refreshes = org.stats().refresh_grants;
    let seq = pipeline.input("Ada");
    let (kind, message) = failure(&answer_to(&events, seq).await);
    assert_eq!(kind, "needs_reconnect");
    assert!(message.contains("Reconnect"), "{message}");
    assert_eq!(ws.card().name(), "needs_attention", "the card says so too");
    assert_eq!(org.stats().refresh_grants - refreshes, 1, "one refresh attempt");
    // Typing on does not hammer Salesforce.
    let searches = org.stats().search_requests;
    let seq = pipeline.input("Ada Lo");
    let (kind, _) = failure(&answer_to(&events, seq).await);
    assert_eq!(kind, "needs_attention");
    assert_eq!(
        (org.stats().search_requests, org.stats().refresh_grants - refreshes),
        (searches, 1),
        "no request, no refresh loop"
    );
    assert!(
        store.load().expect("load").is_some(),
        "the connection is kept for Reconnect"
    );
    assert_eq!(
        std::fs::read(dir.path().join("settings.json")).expect("settings"),
        settings,
        "the selection is kept"
    );

    ws.connect_demo_auto_approved().await.expect("reconnect");
    assert_eq!(ws.card().name(), "connected");
    let seq = pipeline.input("Ada Lovelace");
    assert!(
        is_results(&answer_to(&events, seq).await),
        "the same search box works again after Reconnect"
    );
    assert_eq!(
        ws.object_views("Account").await.expect("views").enabled,
        enabled,
        "the selection survived"
    );
}

#[tokio::test]
async fn the_api_limit_is_named_not_retried_and_nothing_is_lost() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, enabled) = user_with_two_views(&org, &dir).await;
    let before = kept(&ws, &store);
    org.faults().set_request_limit_exceeded(true);
    let requests = org.stats().total_requests;
    let err = ws.search("Acme", Limits::default()).await.expect_err("limit");
    assert_eq!(err.kind(), "api_limit");
    assert!(err.to_string().contains("used up its Salesforce API requests"), "{err}");
    let err = ws.view_records("Account", &enabled[0], 10, 0).await.expect_err("limit");
    assert_eq!(err.kind(), "api_limit");
    assert_eq!(
        org.stats().total_requests - requests,
        2,
        "one request each, never retried"
    );
    assert_eq!(org.stats().refresh_grants, 0);
    assert_eq!(kept(&ws, &store), before);
    org.faults().clear();
    assert!(ws.search("Acme", Limits::default()).await.is_ok());
}

// ------------------------------------------------------------------------- the org and the network

#[tokio::test]
async fn the_org_killed_and_restarted_on_the_same_port_is_found_again_by_the_next_search() {
    let org = demo_org().await;
    let addr = org.addr();
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    assert!(
        ws.search("Acme", Limits::default()).await.is_ok(),
        "a pooled connection exists"
    );
    let seq = pipeline.input("Acme");
    assert!(is_results(&answer_to(&events, seq).await));
    org.shutdown().await;
    let org = restart(addr).await;
    assert!(
        ws.search("Ada", Limits::default()).await.is_ok(),
        "no error after the restart"
    );
    let seq = pipeline.input("Ada Lovelace");
    assert!(is_results(&answer_to(&events, seq).await));
    assert!(org.stats().search_requests >= 2);
}

#[tokio::test]
async fn the_network_gone_says_offline_and_back_recovers_by_itself() {
    let org = demo_org().await;
    let addr = org.addr();
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let seq = pipeline.input("Acme");
    assert!(is_results(&answer_to(&events, seq).await));
    org.shutdown().await;
    let err = ws.search("Acme", Limits::default()).await.expect_err("offline");
    assert_eq!(err.kind(), "offline");
    assert!(
        err.to_string().contains("could not be reached") && err.to_string().contains("network"),
        "{err}"
    );
    let seq = pipeline.input("Acme C");
    let (kind, _) = failure(&answer_to(&events, seq).await);
    assert_eq!(kind, "offline");
    assert_eq!(ws.card().name(), "connected", "offline is not a broken connection");
    let _org = restart(addr).await;
    let seq = pipeline.input("Acme Co");
    assert!(is_results(&answer_to(&events, seq).await), "back without any action");
}

#[tokio::test]
async fn going_offline_keeps_the_connection_and_the_tokens() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store, _) = user_with_two_views(&org, &dir).await;
    let before = kept(&ws, &store);
    org.shutdown().await;
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("offline").kind(),
        "offline"
    );
    assert_eq!(ws.object_views("Contact").await.expect_err("offline").kind(), "offline");
    assert_eq!(kept(&ws, &store), before, "nothing forgotten while offline");
    assert_eq!(ws.status().state, "connected");
}

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
async fn the_loopback_listener_binds_127_0_0_1_only_and_is_closed_after_use() {
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
            let redirect = url::Url::parse(url)
                .expect("url")
                .query_pairs()
                .find(|(k, _)| k == "redirect_uri")
                .expect("redirect")
                .1
                .into_owned();
            let p = url::Url::parse(&redirect).expect("redirect").port().expect("port");
            *seen.lock().expect("lock") = p;
            // While pending: one listening socket, on 127.0.0.1 (0100007F) only.
            assert_eq!(
                listening_addresses(p),
                vec!["0100007F".to_string()],
                "bound to loopback only"
            );
            let url = url.to_string();
            tokio::spawn(async move {
                let browser = reqwest::Client::new();
                browser
                    .get(format!("{url}&auto_approve=true"))
                    .send()
                    .await
                    .expect("approve")
                    .error_for_status()
                    .expect("ok");
            });
        })
        .await
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
    assert!(listening_addresses(port).is_empty());
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

// ------------------------------------------------------------------------- secrets

/// A writer into a shared buffer, for capturing log lines.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_token_reaches_the_window_or_a_log_line_even_through_faults() {
    // Every log line of the app (the demo org's own lines aside), at the most detailed level.
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace,workstation::demo_org=off"))
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let store = Arc::new(MemoryStore::default());
    let ws = common::policy_workstation(&org, &dir, store.clone());
    // What the window receives: card events, search events, command answers and errors.
    let window: Arc<Mutex<Vec<String>>> = Arc::default();
    let cards = window.clone();
    ws.subscribe(move |card| {
        cards
            .lock()
            .expect("lock")
            .push(serde_json::to_string(card).expect("card json"))
    });
    ws.connect_demo_auto_approved().await.expect("connects");
    let first = store.load().expect("load").expect("tokens");

    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(5)).expect("pipeline");
    let mut answers: Vec<String> = Vec::new();
    let seq = pipeline.input("Acme");
    answer_to(&events, seq).await;
    let views = ws.object_views("Account").await.expect("views");
    answers.push(serde_json::to_string(&views).expect("json"));
    answers.push(serde_json::to_string(&ws.views_editor("Account", None, None).await.expect("editor")).expect("json"));
    answers.push(
        serde_json::to_string(
            &ws.view_records("Account", &views.enabled[0], 5, 0)
                .await
                .expect("records"),
        )
        .expect("json"),
    );
    // Faults: each error as the window gets it ({kind, message}).
    org.faults().expire_all_sessions();
    let seq = pipeline.input("Ada");
    answer_to(&events, seq).await;
    let second = store.load().expect("load").expect("tokens");
    for fault in [
        r#"{"server_error":503}"#,
        r#"{"malformed_body":true}"#,
        r#"{"request_limit_exceeded":true}"#,
        r#"{"rest_api_disallowed":true}"#,
    ] {
        org.faults().clear();
        org.faults()
            .apply_json(&serde_json::from_str(fault).expect("json"))
            .expect("fault");
        let seq = pipeline.input("Acme Corp");
        answer_to(&events, seq).await;
        if let Err(e) = ws.view_records("Account", &views.enabled[0], 5, 0).await {
            answers.push(format!("{} {}", e.kind(), e));
        }
    }
    org.faults().clear();
    org.faults().revoke_refresh_tokens();
    let seq = pipeline.input("Acme Co");
    answer_to(&events, seq).await;
    answers.push(serde_json::to_string(&ws.status()).expect("status json"));
    answers.extend(
        events
            .lock()
            .expect("lock")
            .iter()
            .map(|e| serde_json::to_string(e).expect("event json")),
    );
    answers.extend(window.lock().expect("lock").iter().cloned());
    let disconnected = ws.disconnect().await.expect("disconnect");
    answers.push(disconnected.message);

    let logs = String::from_utf8(logs.0.lock().expect("lock").clone()).expect("utf-8 logs");
    assert!(logs.contains("Salesforce access token refreshed"), "the capture works");
    let secrets = [
        first.access_token.as_str(),
        first.refresh_token.as_deref().expect("refresh token"),
        second.access_token.as_str(),
        workstation::demo_org::DEMO_CLIENT_SECRET,
    ];
    for secret in secrets {
        for answer in &answers {
            assert!(!answer.contains(secret), "the window would see a secret: {answer}");
        }
        assert!(!logs.contains(secret), "a log line holds a secret");
    }
    // And what Debug prints of the secret-holding types.
    assert!(!format!("{first:?}").contains(&first.access_token));
    assert!(format!("{first:?}").contains("<redacted>"));
    let policy = workstation::policy::demo_policy(&org.base_url());
    assert!(!format!("{policy:?}").contains(workstation::demo_org::DEMO_CLIENT_SECRET));
}

// ------------------------------------------------------------------------- the window's permissions

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted words between `start` and the next `end` of `text`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &text[from..from + text[from..].find(end).expect("end")]
}

#[test]
fn every_command_is_granted_to_the_main_window_only_and_the_csp_loads_nothing_remote() {
    use std::collections::BTreeSet;
    // What the shell registers…
    let handlers: BTreeSet<String> = between(&repo_file("src-tauri/src/desktop/mod.rs"), "generate_handler![", "]")
        .split(',')
        .filter_map(|c| c.trim().strip_prefix("commands::").map(str::to_string))
        .collect();
    // …is exactly what the app manifest lists (a command missing there cannot be called)…
    let manifest: BTreeSet<String> = between(&repo_file("src-tauri/build.rs"), "const COMMANDS: &[&str] = &[", "];")
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_string())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        handlers, manifest,
        "src-tauri/build.rs COMMANDS must list every command of generate_handler!"
    );
    // The UI calls nothing else.
    for entry in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"))
        .expect("ui/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".js") {
            continue;
        }
        let js = std::fs::read_to_string(entry.path()).expect("js");
        for call in js.split("invoke('").skip(1) {
            let command = &call[..call.find('\'').expect("closing quote")];
            assert!(
                handlers.contains(command),
                "ui/{name} invokes {command}, which is not a command"
            );
        }
    }
    // …and what the main window's capability grants, one by one; nothing else is granted.
    let capability: serde_json::Value =
        serde_json::from_str(&repo_file("capabilities/default.json")).expect("capability json");
    assert_eq!(
        capability["windows"],
        serde_json::json!(["main"]),
        "the main window only (not the demo login window)"
    );
    assert!(capability.get("remote").is_none(), "no remote origin may call commands");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("string").to_string())
        .collect();
    let expected: BTreeSet<String> = handlers
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain([
            "core:event:allow-listen".to_string(),
            "core:event:allow-unlisten".to_string(),
        ])
        .collect();
    assert_eq!(
        granted, expected,
        "capabilities/default.json grants exactly our commands and event listening"
    );
    let other_capabilities: Vec<_> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .expect("capabilities/")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "default.json")
            .collect();
    assert!(
        other_capabilities.is_empty(),
        "unexpected capabilities: {other_capabilities:?}"
    );

    let config: serde_json::Value = serde_json::from_str(&repo_file("tauri.conf.json")).expect("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-src 'none'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    for loose in [
        "unsafe-eval",
        "unsafe-inline",
        "https:",
        "http://*",
        " *",
        "data: 'self'",
    ] {
        assert!(!csp.contains(loose), "CSP allows {loose}: {csp}");
    }
    assert_eq!(
        config["build"]["frontendDist"], "ui",
        "the main window shows the bundled UI"
    );
    assert!(config["app"]["security"]
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(
        config["app"]["windows"]
            .as_array()
            .expect("windows")
            .iter()
            .all(|w| w.get("url").map_or(true, |u| !u.as_str().unwrap_or("").contains("://"))),
        "no remote page in a configured window"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_is_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let org = demo_org().await;
    let parent = tempfile::tempdir().expect("tmp");
    // A fresh folder as a first start creates it, under the default umask (others may read).
    let data = parent.path().join("workstation");
    let store = Arc::new(MemoryStore::default());
    let ws = Workstation::new(
        &data,
        Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.base_url())))),
        store,
    )
    .expect("workstation");
    ws.connect_demo_auto_approved().await.expect("connects");
    ws.search("Acme", Limits::default()).await.expect("search"); // recent-records.json: CRM data
    ws.object_views("Account").await.expect("views");
    let mode = std::fs::metadata(&data).expect("data folder").permissions().mode() & 0o777;
    assert_eq!(
        mode & 0o077,
        0,
        "another local user can enter the data folder (mode {mode:o})"
    );
    assert!(data.join("recent-records.json").exists() && data.join("settings.json").exists());
}
