//! SOQL answers in batches over the wire, as Salesforce's Query and Query More Results
//! resources give them: `done: false` and a `nextRecordsUrl` while rows remain, the next batch
//! at that URL for the same user, `INVALID_QUERY_LOCATOR` for a locator that is not theirs.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use workstation_demo_org::DemoOrg;

const SOQL: &str = "SELECT Id, SobjectType FROM ListView ORDER BY Name";

async fn query(org: &DemoOrg, tok: &str) -> (StatusCode, Value) {
    let r = get_q(org, tok, "query", SOQL).await;
    let s = r.status();
    (s, r.json().await.unwrap())
}

/// Every row, following `nextRecordsUrl`; and how many batches it took.
async fn all_rows(org: &DemoOrg, tok: &str) -> (Vec<Value>, usize) {
    let (st, mut page) = query(org, tok).await;
    assert_eq!(st, StatusCode::OK, "{page}");
    let total = page["totalSize"].as_u64().unwrap() as usize;
    let mut rows = Vec::new();
    let mut batches = 1;
    loop {
        assert_eq!(
            page["totalSize"].as_u64().unwrap() as usize,
            total,
            "every batch tells the total"
        );
        rows.extend(page["records"].as_array().unwrap().iter().cloned());
        if page["done"] == true {
            assert!(page.get("nextRecordsUrl").is_none(), "{page}");
            return (rows, batches);
        }
        let next = page["nextRecordsUrl"].as_str().unwrap().to_string();
        let (st, p) = get_json(org, tok, &next).await;
        assert_eq!(st, StatusCode::OK, "{p}");
        page = p;
        batches += 1;
    }
}

#[tokio::test]
async fn a_query_answers_in_batches_with_a_locator_for_the_rest() {
    let org = start().await;
    let tok = token(&org).await;
    let (whole, one) = all_rows(&org, &tok).await;
    assert_eq!(one, 1, "the seeded list views fit in a batch of 2,000");
    assert!(whole.len() > 120, "{}", whole.len());

    assert!(admin(&org, json!({"query_batch_size": 50})).await.status().is_success());
    let (st, first) = query(&org, &tok).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(first["done"], false);
    assert_eq!(first["records"].as_array().unwrap().len(), 50);
    assert_eq!(first["totalSize"].as_u64().unwrap() as usize, whole.len());
    let next = first["nextRecordsUrl"].as_str().unwrap();
    let (locator, offset) = next
        .strip_prefix(&format!("/services/data/{V}/query/"))
        .and_then(|l| l.rsplit_once('-'))
        .unwrap_or_else(|| panic!("{next}"));
    assert_eq!((locator.len(), &locator[..3], offset), (18, "01g", "50"), "{next}");

    let before = org.stats().query_requests;
    let (batched, n) = all_rows(&org, &tok).await;
    assert_eq!(n, whole.len().div_ceil(50));
    assert_eq!(org.stats().query_requests - before, n as u64, "one request a batch");
    assert_eq!(batched, whole, "the same rows in the same order");
}

#[tokio::test]
async fn a_locator_is_only_its_users_and_must_be_one() {
    let org = start().await;
    let tok = token(&org).await;
    admin(&org, json!({"query_batch_size": 3})).await;
    let (_, first) = query(&org, &tok).await;
    let next = first["nextRecordsUrl"].as_str().unwrap().to_string();

    let other = token_as(&org, "restricted").await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, v) = get_json(&org, &other, &next).await;
    assert_eq!(
        (st, v[0]["errorCode"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_QUERY_LOCATOR"))
    );

    for bogus in ["01g000000000999AAA-3", "01g000000000001AAA", "nonsense-x"] {
        let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/query/{bogus}")).await;
        assert_eq!(
            (st, v[0]["errorCode"].as_str()),
            (StatusCode::BAD_REQUEST, Some("INVALID_QUERY_LOCATOR")),
            "{bogus}"
        );
    }
    let (st, v) = get_json(&org, &tok, &next).await;
    assert_eq!(st, StatusCode::OK, "still good for its user: {v}");
    assert_eq!(v["records"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_switch_is_checked_and_cleared() {
    let org = start().await;
    let r = admin(&org, json!({"query_batch_size": 0})).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = admin(&org, json!({"bogus": 1})).await;
    assert!(
        r.text().await.unwrap().contains("query_batch_size"),
        "named among the known fields"
    );
    admin(&org, json!({"query_batch_size": 3})).await;
    assert_eq!(org.faults().state().query_batch_size, 3);
    admin(&org, json!({"clear": true})).await;
    assert_eq!(org.faults().state().query_batch_size, 2000);
}
