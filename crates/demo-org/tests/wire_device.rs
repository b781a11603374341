//! The device flow over the wire: code request, polls (pending, slow_down, expiry),
//! approval through the verification page and the admin endpoint.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use workstation_demo_org::{DemoOrg, DEMO_CLIENT_ID};

/// A device-code request with the scopes Salesforce's CLI asks for, which the connected app
/// is set to select (the samples come from the CLI).
async fn device_start(org: &DemoOrg) -> Value {
    org.faults()
        .set_selected_scopes(["refresh_token", "web", "api"].map(String::from).to_vec());
    let r = device_code_request(org).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// `response_type=device_code` with the CLI's scopes.
async fn device_code_request(org: &DemoOrg) -> reqwest::Response {
    client()
        .post(format!("{}/services/oauth2/token", org.base_url()))
        .form(&[
            ("response_type", "device_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("scope", "refresh_token web api"),
        ])
        .send()
        .await
        .unwrap()
}

async fn device_poll(org: &DemoOrg, code: &str) -> (StatusCode, Value) {
    exchange(
        org,
        &[("grant_type", "device"), ("client_id", DEMO_CLIENT_ID), ("code", code)],
    )
    .await
}

#[tokio::test]
async fn a_scope_the_connected_app_does_not_select_is_refused() {
    let org = start().await; // selects full, api, refresh_token, offline_access
    let r = device_code_request(&org).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "invalid_scope");
}

#[tokio::test]
async fn device_flow_pending_then_approved_matches_the_samples() {
    let s_code = sample_or_skip!("oauth_device_code_response.json");
    let s_pending = sample_or_skip!("oauth_device_poll_authorization_pending_400.json");
    let s_ok = sample_or_skip!("oauth_device_poll_success.json");
    let org = start_with(|c| c.device_interval_secs = 0).await;
    let d = device_start(&org).await;
    assert_shape(&s_code, &d, &[]);
    assert_eq!(d["verification_uri"], format!("{}/setup/connect", org.base_url()));
    assert_eq!(d["interval"], 0);
    let dc = d["device_code"].as_str().unwrap();
    let (st, v) = device_poll(&org, dc).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s_pending);
    // Programmatic approval (tests): POST /__demo/device/approve
    let r = client()
        .post(format!("{}/__demo/device/approve", org.base_url()))
        .json(&serde_json::json!({"user_code": d["user_code"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (st, v) = device_poll(&org, dc).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_shape(&s_ok, &v, &[]);
    assert_eq!(v["scope"], "refresh_token web api");
    assert_eq!(
        get(
            &org,
            v["access_token"].as_str().unwrap(),
            &format!("/services/data/{V}/sobjects/Lead/listviews")
        )
        .await
        .status(),
        StatusCode::OK
    );
    // A device code is single-use.
    assert_eq!(device_poll(&org, dc).await.1["error"], "invalid_grant");
    let st = org.stats();
    assert_eq!((st.device_code_requests, st.device_grants), (1, 3));
}

#[tokio::test]
async fn device_default_interval_is_5_and_fast_polling_gets_slow_down() {
    let org = start().await;
    let d = device_start(&org).await;
    assert_eq!(d["interval"], 5);
    org.faults().set_device_interval_secs(1);
    let d = device_start(&org).await;
    assert_eq!(d["interval"], 1);
    let dc = d["device_code"].as_str().unwrap();
    assert_eq!(device_poll(&org, dc).await.1["error"], "authorization_pending");
    assert_eq!(device_poll(&org, dc).await.1["error"], "slow_down");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(device_poll(&org, dc).await.1["error"], "authorization_pending");
}

#[tokio::test]
async fn device_verification_page_allow_and_deny() {
    let org = start_with(|c| c.device_interval_secs = 0).await;
    let page = client()
        .get(format!("{}/setup/connect", org.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for id in ["id=\"user_code\"", "id=\"allow\"", "id=\"deny\""] {
        assert!(page.contains(id), "{id}");
    }
    let d1 = device_start(&org).await;
    let d2 = device_start(&org).await;
    let post = |code: String, decision: &'static str| {
        client()
            .post(format!("{}/setup/connect", org.base_url()))
            .form(&[("user_code", code), ("decision", decision.to_string())])
            .send()
    };
    // Codes are matched case-insensitively.
    assert_eq!(
        post(d1["user_code"].as_str().unwrap().to_lowercase(), "allow")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        post(d2["user_code"].as_str().unwrap().to_string(), "deny")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        post("NOPE1234".into(), "allow").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        device_poll(&org, d1["device_code"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
    assert_eq!(
        device_poll(&org, d2["device_code"].as_str().unwrap()).await.1["error"],
        "access_denied"
    );
}

#[tokio::test]
async fn device_codes_expire() {
    let org = start_with(|c| {
        c.device_interval_secs = 0;
        c.device_code_lifetime = Duration::from_millis(200);
    })
    .await;
    let d = device_start(&org).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!org.approve_device(d["user_code"].as_str().unwrap()));
    assert_eq!(
        device_poll(&org, d["device_code"].as_str().unwrap()).await.1["error"],
        "expired_token"
    );
}
