//! Sessions: an expired session or a revoked refresh token while the user types, and the
//! org's API request limit.

use crate::common::{collector, demo_org, token_workstation};
use crate::{answer_to, failure, is_results, kept, user_with_two_views};
use std::time::Duration;
use workstation::auth::store::CredentialStore;
use workstation::salesforce::sosl::Limits;

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
async fn the_concurrent_request_limit_asks_for_a_moment_not_for_tomorrow() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    org.faults().set_concurrent_limit_exceeded(true);
    let requests = org.stats().total_requests;
    let err = ws.search("Acme", Limits::default()).await.expect_err("limit");
    assert_eq!(err.kind(), "concurrent_limit");
    assert!(err.to_string().contains("Try again in a moment"), "{err}");
    assert!(!err.to_string().contains("for today"), "{err}");
    assert_eq!(org.stats().total_requests - requests, 1, "never retried");
    org.faults().clear();
    assert!(ws.search("Acme", Limits::default()).await.is_ok());
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
