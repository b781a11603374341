//! The fault switches over the wire: expired sessions, revoked refresh tokens, the API limit,
//! 5xx, malformed bodies, hangs, latency, REST disallowed, unsearchable objects, the admin endpoint.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn expire_all_sessions_keeps_refresh_tokens_working() {
    let org = start().await;
    let v = login(&org).await;
    let at = v["access_token"].as_str().unwrap();
    org.faults().expire_all_sessions();
    let (st, body) = listviews_status(&org, at).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body.contains("INVALID_SESSION_ID"));
    let (st, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        listviews_status(&org, r["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoke_refresh_tokens_fault() {
    let s = sample_or_skip!("oauth_error_invalid_grant_refresh.json");
    let org = start().await;
    let v = login(&org).await;
    org.faults().revoke_refresh_tokens();
    let (st, e) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!((st, e), (StatusCode::BAD_REQUEST, s));
    assert_eq!(
        listviews_status(&org, v["access_token"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    // New logins work again.
    assert_eq!(listviews_status(&org, &token(&org).await).await.0, StatusCode::OK);
}

#[tokio::test]
async fn request_limit_exceeded_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_request_limit_exceeded(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        serde_json::json!([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])
    );
    org.faults().clear();
    assert_eq!(listviews_status(&org, &tok).await.0, StatusCode::OK);
}

#[tokio::test]
async fn server_error_fault() {
    let org = start().await;
    let tok = token(&org).await;
    for code in [503u16, 500] {
        org.faults().set_server_error(Some(code));
        let (st, body) = listviews_status(&org, &tok).await;
        assert_eq!(st.as_u16(), code);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(v[0]["errorCode"].is_string() && v[0]["message"].is_string());
    }
    org.faults().set_server_error(None);
    assert_eq!(listviews_status(&org, &tok).await.0, StatusCode::OK);
}

#[tokio::test]
async fn malformed_body_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_malformed_body(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::OK);
    assert!(!body.is_empty());
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
}

#[tokio::test]
async fn hang_fault_holds_requests_until_switched_off() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_hang(true);
    let url = format!("{}/services/data/{V}/sobjects/Case/listviews", org.base_url());
    let r = client()
        .get(&url)
        .bearer_auth(&tok)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(r.unwrap_err().is_timeout());
    let pending = tokio::spawn({
        let tok = tok.clone();
        async move { client().get(&url).bearer_auth(&tok).send().await.unwrap().status() }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!pending.is_finished());
    // Admin endpoints still answer while REST hangs.
    admin(&org, serde_json::json!({"hang": false})).await;
    assert_eq!(pending.await.unwrap(), StatusCode::OK);
}

#[tokio::test]
async fn latency_applies_to_salesforce_endpoints_only() {
    let org = start_with(|c| c.latency = Duration::from_millis(300)).await;
    let t = Instant::now();
    let tok = token(&org).await; // authorize + token = 2 requests
    assert!(t.elapsed() >= Duration::from_millis(600));
    let t = Instant::now();
    client()
        .get(format!("{}/__demo/stats", org.base_url()))
        .send()
        .await
        .unwrap();
    assert!(t.elapsed() < Duration::from_millis(250), "admin is not delayed");
    org.faults().set_latency(Duration::ZERO);
    let t = Instant::now();
    listviews_status(&org, &tok).await;
    assert!(t.elapsed() < Duration::from_millis(250));
    admin(&org, serde_json::json!({"latency_ms": 200})).await;
    let t = Instant::now();
    listviews_status(&org, &tok).await;
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn rest_api_disallowed_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_rest_api_disallowed(true);
    let (st, body) = listviews_status(&org, &tok).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        serde_json::json!([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])
    );
}

#[tokio::test]
async fn unsearchable_fault() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_unsearchable(Some("Report".into()));
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Account(Id), Report(Id, Name)").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(
        v,
        serde_json::json!([{"message":"sObject type 'Report' is not supported.","errorCode":"INVALID_TYPE"}])
    );
    assert_eq!(
        search(&org, &tok, "FIND {acme} RETURNING Account(Id)").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn admin_endpoint_sets_faults_and_reports_stats() {
    let org = start().await;
    let tok = token(&org).await;
    let r = admin(
        &org,
        serde_json::json!({"request_limit_exceeded": true, "server_error": 503, "unsearchable": "Dashboard"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let st = org.faults().state();
    assert!(st.request_limit_exceeded);
    assert_eq!(st.server_error, Some(503));
    assert_eq!(st.unsearchable.as_deref(), Some("Dashboard"));
    assert_eq!(
        admin(&org, serde_json::json!({"clear": true})).await.status(),
        StatusCode::OK
    );
    assert_eq!(org.faults().state().server_error, None);
    assert_eq!(
        admin(&org, serde_json::json!({"explode": true})).await.status(),
        StatusCode::BAD_REQUEST
    );
    for body in [
        serde_json::json!({"expire_sessions": true}),
        serde_json::json!({"malformed_body": true}),
        serde_json::json!({"rest_api_disallowed": true}),
        serde_json::json!({"hang": false}),
        serde_json::json!({"revoke_refresh_tokens": true}),
    ] {
        assert_eq!(admin(&org, body).await.status(), StatusCode::OK);
    }
    assert!(org.faults().state().malformed_body);
    assert_eq!(
        listviews_status(&org, &tok).await.0,
        StatusCode::UNAUTHORIZED,
        "sessions expired by the admin call"
    );
    let stats: Value = client()
        .get(format!("{}/__demo/stats", org.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats, serde_json::to_value(org.stats()).unwrap());
    for k in [
        "total_requests",
        "api_requests",
        "search_requests",
        "listview_requests",
        "token_requests",
        "authorization_code_grants",
        "refresh_grants",
        "device_grants",
        "revocations",
        "userinfo_requests",
    ] {
        assert!(stats[k].is_u64(), "{k}");
    }
    assert_eq!(stats["token_requests"], 1);
    assert_eq!(stats["authorization_code_grants"], 1);
    assert_eq!(
        stats["total_requests"], 3,
        "authorize + token + one REST call; admin calls are not counted"
    );
}
