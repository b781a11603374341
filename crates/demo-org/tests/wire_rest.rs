//! REST basics over the wire: versions, the 401 and 404 samples, `Sforce-Limit-Info` on
//! every answer, record retrieval and the malformed id sample.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn versions_need_no_auth_and_carry_no_limit_header() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/data/", org.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("sforce-limit-info").is_none());
    let v: Value = r.json().await.unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"})));
    assert_eq!(org.stats().api_requests, 0);
}

#[tokio::test]
async fn missing_or_invalid_token_matches_the_401_sample() {
    let s = sample_or_skip!("rest_error_invalid_session_401.json");
    let org = start().await;
    let r = client()
        .get(format!(
            "{}/services/data/{V}/search/?q=FIND+%7Bacme%7D",
            org.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.headers().get("sforce-limit-info").is_some());
    assert_eq!(r.json::<Value>().await.unwrap(), s);
    let (st, v) = get_json(
        &org,
        "00Dxx!bogus",
        &format!("/services/data/{V}/sobjects/Account/listviews"),
    )
    .await;
    assert_eq!((st, v), (StatusCode::UNAUTHORIZED, s));
    assert_eq!(org.stats().api_requests, 0, "rejected calls do not count");
}

#[tokio::test]
async fn every_rest_answer_reports_api_usage() {
    let org = start().await;
    let tok = token(&org).await;
    for n in 1..=3 {
        let r = get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
        assert_eq!(
            r.headers()["sforce-limit-info"].to_str().unwrap(),
            format!("api-usage={n}/15000")
        );
    }
    let r = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[("q", "FIND {ab")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["sforce-limit-info"].to_str().unwrap(), "api-usage=4/15000");
    let st = org.stats();
    assert_eq!((st.api_requests, st.listview_requests, st.search_requests), (4, 3, 1));
}

#[tokio::test]
async fn an_org_near_its_daily_allocation_reports_it() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults()
        .apply_json(&serde_json::json!({"api_usage": 12500}))
        .unwrap();
    let r = get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
    assert_eq!(
        r.headers()["sforce-limit-info"].to_str().unwrap(),
        "api-usage=12501/15000"
    );
    org.faults().clear();
    let r = get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
    assert_eq!(r.headers()["sforce-limit-info"].to_str().unwrap(), "api-usage=2/15000");
}

#[tokio::test]
async fn a_search_the_client_gave_up_on_still_counts() {
    // As at Salesforce: a request received is answered and counted even when the client hangs
    // up meanwhile (a search aborted by the next keystroke still costs its API call).
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_latency(std::time::Duration::from_millis(300));
    let gave_up = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[("q", "FIND {acme}")])
        .bearer_auth(&tok)
        .timeout(std::time::Duration::from_millis(50))
        .send()
        .await;
    assert!(gave_up.is_err(), "the client gave up before the answer");
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(org.stats().search_requests, 1);
}

#[tokio::test]
async fn unknown_resources_match_the_404_sample() {
    let s = sample_or_skip!("rest_error_not_found_404.json");
    let org = start().await;
    let tok = token(&org).await;
    for path in [
        format!("/services/data/{V}/nope"),
        format!("/services/data/{V}/sobjects/Bogus/listviews"),
        "/services/data/vX/search".to_string(),
    ] {
        let (st, v) = get_json(&org, &tok, &path).await;
        assert_eq!((st, &v), (StatusCode::NOT_FOUND, &s), "{path}");
    }
}

#[tokio::test]
async fn record_retrieval_and_malformed_id_sample() {
    let s = sample_or_skip!("rest_error_malformed_id_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/001900K0001pPuOAAU"),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "well-formed but unknown: {v}");
    let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Account/xyz")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&s, &v, &[]);
    let acme = &search_ok(&org, &tok, "FIND {Acme Corporation} RETURNING Account(Id)").await[0];
    let url = acme["attributes"]["url"].as_str().unwrap();
    let (st, v) = get_json(&org, &tok, url).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["Name"], "Acme Corporation");
    assert_eq!(v["Type"], "Customer - Direct");
}
