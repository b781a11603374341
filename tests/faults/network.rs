//! The org killed and restarted on the same port, and the network gone and back.

use crate::common::{collector, demo_org, token_workstation, TOKEN};
use crate::{answer_to, failure, is_results, kept, user_with_two_views};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::sosl::Limits;

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
    // Another term: "Acme" is answered from the last minute's answers without the network.
    let err = ws.search("Ada", Limits::default()).await.expect_err("offline");
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
