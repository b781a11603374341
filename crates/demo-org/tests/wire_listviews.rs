//! List views over the wire: `/listviews` (paged at 50), recent, one view, describe and
//! results held to the samples, and views that filter the seeded records for real.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use workstation_demo_org::DemoOrg;

async fn all_listviews(org: &DemoOrg, tok: &str, ty: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut path = format!("/services/data/{V}/sobjects/{ty}/listviews");
    loop {
        let (st, v) = get_json(org, tok, &path).await;
        assert_eq!(st, StatusCode::OK);
        out.extend(v["listviews"].as_array().unwrap().iter().cloned());
        if v["done"] == true {
            assert!(v["nextRecordsUrl"].is_null());
            return out;
        }
        path = v["nextRecordsUrl"].as_str().unwrap().to_string();
    }
}

#[tokio::test]
async fn listviews_match_the_sample_and_page_at_50() {
    let s = sample_or_skip!("rest_listviews_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews")).await;
    assert_eq!(st, StatusCode::OK);
    // nextRecordsUrl / size / sobjectType are unverified extras (API-NOTES §4).
    assert_shape(&s, &v, &["nextRecordsUrl", "size", "sobjectType"]);
    assert_eq!(v["done"], false);
    assert_eq!(v["listviews"].as_array().unwrap().len(), 50);
    assert!(v["size"].as_i64().unwrap() > 80);
    let all = all_listviews(&org, &tok, "Account").await;
    assert!(all.len() > 80, "{}", all.len());
    assert_eq!(all.len() as i64, v["size"].as_i64().unwrap());
    let ids: std::collections::HashSet<_> = all.iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(all
        .iter()
        .all(|e| e["id"].as_str().unwrap().starts_with("00B") && e["id"].as_str().unwrap().len() == 18));
    for ty in ["Lead", "Contact", "Opportunity", "Case"] {
        let n = all_listviews(&org, &tok, ty).await.len();
        assert!((5..=12).contains(&n), "{ty}: {n}");
    }
}

#[tokio::test]
async fn recent_and_single_listview_match_the_samples() {
    let s_recent = sample_or_skip!("rest_recent_listviews_response.json");
    let s_all = sample_or_skip!("rest_listviews_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/recent"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s_recent, &v, &[]);
    let url = v["listviews"][0]["url"].as_str().unwrap().to_string();
    let (st, one) = get_json(&org, &tok, &url).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s_all["listviews"][0], &one, &[]);
    // A 15-character id works as well.
    let id15 = &one["id"].as_str().unwrap()[..15];
    let (st, _) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/{id15}"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
}

async fn view_by_label(org: &DemoOrg, tok: &str, ty: &str, label: &str) -> Value {
    all_listviews(org, tok, ty)
        .await
        .into_iter()
        .find(|e| e["label"] == label)
        .unwrap_or_else(|| panic!("{ty} view {label}"))
}

#[tokio::test]
async fn describe_matches_the_sample() {
    let s = sample_or_skip!("rest_listview_describe_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "New This Week").await;
    let (st, v) = get_json(&org, &tok, view["describeUrl"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(
        v["whereCondition"],
        serde_json::json!({"field":"CreatedDate","operator":"equals","values":["THIS_WEEK"]})
    );
    assert!(v["query"].as_str().unwrap().starts_with("SELECT "));
    assert!(v["query"].as_str().unwrap().contains("CreatedDate = THIS_WEEK"));
    assert_eq!(v["id"].as_str().unwrap().len(), 15);
}

#[tokio::test]
async fn results_match_the_sample_and_page() {
    let s = sample_or_skip!("rest_listview_results_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "All Accounts").await;
    let results = view["resultsUrl"].as_str().unwrap().to_string();
    let (st, v) = get_json(&org, &tok, &results).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(v["records"].as_array().unwrap().len(), 25, "default limit 25");
    assert_eq!(v["size"], 1500);
    assert_eq!(v["done"], false);
    assert_eq!(v["id"].as_str().unwrap().len(), 15);
    let cols = v["columns"].as_array().unwrap();
    let id_col = cols.iter().position(|c| c["fieldNameOrPath"] == "Id").unwrap();
    assert_eq!(cols[id_col]["hidden"], true);
    let created = cols.iter().position(|c| c["fieldNameOrPath"] == "CreatedDate").unwrap();
    let rec0 = &v["records"][0]["columns"];
    assert!(rec0[id_col]["value"].as_str().unwrap().starts_with("001"));
    let date = rec0[created]["value"].as_str().unwrap();
    // "Fri Aug 01 21:15:46 GMT 2014"
    let parts: Vec<&str> = date.split(' ').collect();
    assert_eq!(parts.len(), 6, "{date}");
    assert_eq!(parts[4], "GMT");
    // Paging
    let (_, p1) = get_json(&org, &tok, &format!("{results}?limit=5&offset=0")).await;
    let (_, p2) = get_json(&org, &tok, &format!("{results}?limit=5&offset=5")).await;
    let (_, both) = get_json(&org, &tok, &format!("{results}?limit=10")).await;
    let idv = |p: &Value| {
        p["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["columns"][id_col]["value"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!([idv(&p1), idv(&p2)].concat(), idv(&both));
    assert_eq!(p2["size"], 1500);
    let (_, last) = get_json(&org, &tok, &format!("{results}?limit=2000&offset=1000")).await;
    assert_eq!(last["records"].as_array().unwrap().len(), 500);
    assert_eq!(last["done"], true);
    for bad in ["limit=0", "limit=2001", "offset=-1", "limit=abc"] {
        let (st, e) = get_json(&org, &tok, &format!("{results}?{bad}")).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{bad}");
        assert!(e[0]["errorCode"].is_string() && e[0]["message"].is_string());
    }
}

#[tokio::test]
async fn views_filter_real_records() {
    let org = start().await;
    let tok = token(&org).await;
    let view = view_by_label(&org, &tok, "Account", "My Accounts").await;
    let (_, v) = get_json(
        &org,
        &tok,
        &format!("{}?limit=2000", view["resultsUrl"].as_str().unwrap()),
    )
    .await;
    let cols = v["columns"].as_array().unwrap();
    let alias = cols.iter().position(|c| c["fieldNameOrPath"] == "Owner.Alias").unwrap();
    let recs = v["records"].as_array().unwrap();
    assert!(recs.len() > 100 && recs.len() < 1500);
    assert!(recs.iter().all(|r| r["columns"][alias]["value"] == "ddemo"));
    let view = view_by_label(&org, &tok, "Account", "Type — Prospect").await;
    let (_, v) = get_json(
        &org,
        &tok,
        &format!("{}?limit=2000", view["resultsUrl"].as_str().unwrap()),
    )
    .await;
    let ty = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["fieldNameOrPath"] == "Type")
        .unwrap();
    assert!(v["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["columns"][ty]["value"] == "Prospect"));
    // Contacts without account show null for Account.Name
    let view = view_by_label(&org, &tok, "Contact", "Contacts Without Account").await;
    let (_, v) = get_json(&org, &tok, view["resultsUrl"].as_str().unwrap()).await;
    let acc = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["fieldNameOrPath"] == "Account.Name")
        .unwrap();
    assert!(v["records"][0]["columns"][acc]["value"].is_null());
}

#[tokio::test]
async fn unknown_listview_is_404_and_report_has_none() {
    let s = sample_or_skip!("rest_error_not_found_404.json");
    let s_id = sample_or_skip!("rest_error_malformed_id_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/00BWk00000ZZZZZAAA/results"),
    )
    .await;
    assert_eq!((st, v), (StatusCode::NOT_FOUND, s.clone()));
    // A Lead view id under Account is not found either.
    let lead_view = &all_listviews(&org, &tok, "Lead").await[0];
    let (st, _) = get_json(
        &org,
        &tok,
        &format!(
            "/services/data/{V}/sobjects/Account/listviews/{}",
            lead_view["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Account/listviews/banana/describe"),
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&s_id, &v, &[]);
    for ty in ["Report", "Dashboard", "ContentVersion"] {
        let (st, v) = get_json(&org, &tok, &format!("/services/data/{V}/sobjects/{ty}/listviews")).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(v["done"], true);
        assert!(v["listviews"].as_array().unwrap().is_empty());
    }
}
