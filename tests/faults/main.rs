//! Faults (issue #7): latency, a hung server, 5xx, malformed and truncated bodies, an
//! expired session or a revoked refresh token mid-typing, the API limit, the org killed
//! and restarted, the network gone and back. Each test checks what the user sees (the
//! error's kind and message) and that nothing is lost (the list view selection, the
//! credential store, the card), and that the app recovers by itself where it can.

#[path = "../common/mod.rs"]
mod common;

mod network;
mod oauth;
mod permissions;
mod secrets;
mod server;
mod sessions;

use common::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use workstation::api::Workstation;
use workstation::auth::store::{CredentialStore, MemoryStore, StoredTokens};
use workstation::demo_org::DemoOrg;
use workstation::search::pipeline::SearchEvent;

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
