//! What object metadata costs over the wire: the sObject Describe as big as a customised org's,
//! the small sObject Basic Information (404 for an object the profile withholds, as every
//! resource under it), gzip when the client asks for it (inside Composite answers too, the
//! outer answer being what is compressed), and the counters that show it.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn basic_information_is_small_and_refused_for_an_unreadable_object() {
    let org = start().await;
    let tok = token_as(&org, "restricted").await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, account) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Account/")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(account["objectDescribe"]["name"], "Account");
    assert_eq!(account["objectDescribe"]["keyPrefix"], "001");
    assert!(account["recentItems"].is_array());
    let (st, case) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Case")).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(case[0]["errorCode"], "NOT_FOUND");
    assert_eq!(org.stats().basic_info_requests, 2);
}

#[tokio::test]
async fn a_describe_is_hundreds_of_kb_and_gzip_is_negotiated_when_asked() {
    let org = start().await;
    let tok = token(&org).await;
    let path = format!("/services/data/{V}/sobjects/Account/describe");

    let before = org.stats().bytes_sent;
    let plain = reqwest::Client::builder()
        .no_gzip()
        .build()
        .unwrap()
        .get(format!("{}{path}", org.base_url()))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_len = plain.bytes().await.unwrap().len() as u64;
    assert!(plain_len > 200_000, "an Account describe of {plain_len} bytes");
    assert_eq!(org.stats().bytes_sent - before, plain_len);

    let before = org.stats();
    let r = client()
        .get(format!("{}{path}", org.base_url()))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["fields"].as_array().is_some_and(|f| f.len() > 150));
    let after = org.stats();
    assert_eq!(after.gzip_answers - before.gzip_answers, 1);
    let gzipped = after.bytes_sent - before.bytes_sent;
    assert!(gzipped * 5 < plain_len, "gzip sent {gzipped} bytes for {plain_len}");
    assert_eq!(after.describe_requests, 2);
}

#[tokio::test]
async fn a_composite_answer_is_compressed_whole_and_describes_take_their_time() {
    let org = start().await;
    let tok = token(&org).await;
    admin(&org, json!({ "describe_latency_ms": 150 })).await;
    let body = json!({ "allOrNone": false, "compositeRequest": [
        { "method": "GET", "url": format!("/services/data/{V}/sobjects/Account/describe"), "referenceId": "Account" },
        { "method": "GET", "url": format!("/services/data/{V}/sobjects/Contact/describe"), "referenceId": "Contact" },
    ]});
    let before = org.stats();
    let started = Instant::now();
    let r = client()
        .post(format!("{}/services/data/{V}/composite", org.base_url()))
        .bearer_auth(&tok)
        .json(&body)
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "two describes, 150 ms each"
    );
    assert_eq!(v["compositeResponse"][1]["httpStatusCode"], 200);
    let stats = org.stats();
    assert_eq!((stats.describe_requests, stats.describes_in_flight_peak), (2, 1));
    assert_eq!(stats.gzip_answers - before.gzip_answers, 1);
    let sent = stats.bytes_sent - before.bytes_sent;
    assert!(sent < 100_000, "{sent} bytes sent for two describes");
}

#[tokio::test]
async fn an_unreadable_refusal_names_nothing_but_keeps_its_code() {
    let org = start().await;
    let tok = token_as(&org, "restricted").await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    admin(&org, json!({ "unreadable_refusals": true })).await;
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Case(Id)").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v[0]["errorCode"], "INVALID_TYPE");
    assert!(!v[0]["message"].as_str().unwrap().contains('\''), "{v}");
}

#[tokio::test]
async fn a_slow_link_delays_answers_by_their_size() {
    let org = start().await;
    let tok = token(&org).await;
    admin(&org, json!({ "bytes_per_sec": 100_000 })).await;
    let started = Instant::now();
    let r = reqwest::Client::builder()
        .no_gzip()
        .build()
        .unwrap()
        .get(format!(
            "{}/services/data/{V}/sobjects/Account/describe",
            org.base_url()
        ))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let len = r.bytes().await.unwrap().len() as u64;
    assert!(started.elapsed() >= Duration::from_millis(len * 1000 / 100_000 - 50));
}
