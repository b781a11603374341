//! SOSL search over the wire: the search samples (current and v35 bare array), Salesforce's
//! error texts, escaping, limits, matching, ranking, and the app's own query.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn search_matches_the_sample() {
    let s = sample_or_skip!("rest_sosl_search_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {Acme} RETURNING Account(Id)").await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    let recs = v["searchRecords"].as_array().unwrap();
    assert!(recs.len() >= 3);
    let id = recs[0]["Id"].as_str().unwrap();
    assert!(id.starts_with("001") && id.len() == 18);
    assert_eq!(
        recs[0]["attributes"]["url"],
        format!("/services/data/{V}/sobjects/Account/{id}")
    );
    // "/search" without the trailing slash works too.
    let r = client()
        .get(format!("{}/services/data/{V}/search", org.base_url()))
        .query(&[("q", "FIND {Acme} RETURNING Account(Id)")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn search_v35_answers_a_bare_array_like_the_legacy_sample() {
    let s = sample_or_skip!("rest_sosl_search_response_legacy_array_v35.json");
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .get(format!("{}/services/data/v35.0/search/", org.base_url()))
        .query(&[("q", "FIND {Acme} RETURNING Account(Id, Name)")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_shape(&s, &v, &[]);
    assert!(v[0]["attributes"]["url"]
        .as_str()
        .unwrap()
        .starts_with("/services/data/v35.0/"));
}

#[tokio::test]
async fn malformed_search_matches_the_sample_exactly() {
    let s = sample_or_skip!("rest_error_malformed_search_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {name} IN ALL TYPE RETURNING Account(name)").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s);
}

#[tokio::test]
async fn fields_come_in_requested_order_with_nested_and_null_relationships() {
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .get(format!("{}/services/data/{V}/search/", org.base_url()))
        .query(&[(
            "q",
            "FIND {Ada Lovelace OR \"Zoe Orsted\"} IN NAME FIELDS RETURNING Contact(Name, Account.Name, Id)",
        )])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let recs = v["searchRecords"].as_array().unwrap();
    let ada = recs.iter().find(|r| r["Name"] == "Ada Lovelace").expect("Ada");
    assert_eq!(ada["Account"]["Name"], "Acme Corporation");
    assert_eq!(ada["Account"]["attributes"]["type"], "Account");
    assert!(ada["Account"]["attributes"]["url"]
        .as_str()
        .unwrap()
        .contains("/sobjects/Account/001"));
    let zoe = recs.iter().find(|r| r["Name"] == "Zoë Ørsted").expect("Zoë");
    assert!(zoe["Account"].is_null(), "contact without account → \"Account\": null");
    // Key order: attributes, Name, Account, Id
    let first = &text[text.find("{\"attributes\"").unwrap()..];
    let (a, n, ac, i) = (
        first.find("\"attributes\"").unwrap(),
        first.find("\"Name\"").unwrap(),
        first.find("\"Account\"").unwrap(),
        first.find("\"Id\"").unwrap(),
    );
    assert!(a < n && n < ac && ac < i, "{first}");
}

#[tokio::test]
async fn escaping_reserved_characters_end_to_end() {
    let org = start().await;
    let tok = token(&org).await;
    let name = "R&D {Lab} (Test) - 50% off: yes!";
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} IN NAME FIELDS RETURNING Account(Name)", escape_sosl(name)),
    )
    .await;
    assert_eq!(names(&recs, "Name"), vec![name.to_string()]);
    let (st, v) = search(&org, &tok, &format!("FIND {{{name}}} RETURNING Account(Name)")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v[0]["errorCode"], "MALFORMED_SEARCH");
    // Apostrophes and ampersands
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} RETURNING Contact(Name)", escape_sosl("O'Brien")),
    )
    .await;
    assert!(names(&recs, "Name").contains(&"Seán O'Brien".to_string()));
    let recs = search_ok(
        &org,
        &tok,
        &format!("FIND {{{}}} RETURNING Account(Name)", escape_sosl("Smith & Sons")),
    )
    .await;
    assert!(names(&recs, "Name").contains(&"Smith & Sons".to_string()));
}

#[tokio::test]
async fn one_character_terms_are_rejected() {
    let org = start().await;
    let tok = token(&org).await;
    for q in ["FIND {a} RETURNING Account", "FIND {a*} RETURNING Account"] {
        let (st, v) = search(&org, &tok, q).await;
        assert_eq!(st, StatusCode::BAD_REQUEST);
        assert_eq!(
            v,
            serde_json::json!([{"message":"search term must be longer than one character","errorCode":"MALFORMED_SEARCH"}])
        );
    }
}

#[tokio::test]
async fn unknown_fields_and_objects() {
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Account(Id, Bogus__c)").await;
    assert_eq!(
        (st, v[0]["errorCode"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_FIELD"))
    );
    let (st, v) = search(&org, &tok, "FIND {acme} RETURNING Widget(Id)").await;
    assert_eq!(
        (st, v[0]["errorCode"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_TYPE"))
    );
    assert!(v[0]["message"]
        .as_str()
        .unwrap()
        .contains("sObject type 'Widget' is not supported."));
}

#[tokio::test]
async fn per_object_and_overall_limits() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 3), Contact(Id LIMIT 4)",
    )
    .await;
    let count = |recs: &[Value], t: &str| recs.iter().filter(|r| r["attributes"]["type"] == t).count();
    assert_eq!((count(&recs, "Account"), count(&recs, "Contact")), (3, 4));
    let recs = search_ok(&org, &tok, "FIND {ma*} RETURNING Account(Id), Contact(Id) LIMIT 10").await;
    assert_eq!(
        (count(&recs, "Account"), count(&recs, "Contact")),
        (5, 5),
        "spread evenly"
    );
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 8), Contact(Id) LIMIT 10",
    )
    .await;
    assert_eq!(
        (count(&recs, "Account"), count(&recs, "Contact")),
        (8, 2),
        "per-object limits reduce the overall one"
    );
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Account(Id LIMIT 0), Contact(Id LIMIT 2)",
    )
    .await;
    assert_eq!(recs.len(), 2);
    // RETURNING order: all Accounts before Contacts
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma*} RETURNING Contact(Id LIMIT 2), Account(Id LIMIT 2)",
    )
    .await;
    assert_eq!(
        recs.iter()
            .map(|r| r["attributes"]["type"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Contact", "Contact", "Account", "Account"]
    );
    // Default/max 2000
    let recs = search_ok(
        &org,
        &tok,
        "FIND {ma* OR an* OR jo* OR sa*} RETURNING Contact(Id), Account(Id), Lead(Id)",
    )
    .await;
    assert!(recs.len() <= 2000 && recs.len() > 500, "{}", recs.len());
}

#[tokio::test]
async fn is_latest_filters_old_file_versions() {
    let org = start().await;
    let tok = token(&org).await;
    let all = search_ok(
        &org,
        &tok,
        "FIND {Acme Pricing Sheet} RETURNING ContentVersion(Id, Title, FileType, ContentDocumentId, IsLatest)",
    )
    .await;
    assert_eq!(all.len(), 2);
    let latest = search_ok(&org, &tok, "FIND {Acme Pricing Sheet} RETURNING ContentVersion(Id, Title, FileType, ContentDocumentId, IsLatest WHERE IsLatest = true)").await;
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[0]["IsLatest"], true);
    assert_eq!(latest[0]["FileType"], "EXCEL_X");
    assert!(latest[0]["ContentDocumentId"].as_str().unwrap().starts_with("069"));
    assert!(latest[0]["Id"].as_str().unwrap().starts_with("068"));
}

#[tokio::test]
async fn matching_is_case_and_accent_insensitive_with_wildcards() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(&org, &tok, "FIND {ZOE ORSTED} RETURNING Contact(Name)").await;
    assert_eq!(names(&recs, "Name"), ["Zoë Ørsted"]);
    let recs = search_ok(&org, &tok, "FIND {muller*} RETURNING Account(Name)").await;
    assert!(names(&recs, "Name").iter().any(|n| n.starts_with("Müller")));
    let recs = search_ok(&org, &tok, "FIND {lodz} RETURNING Account(Name)").await;
    assert!(names(&recs, "Name").iter().any(|n| n.contains("Łódź")));
    assert!(
        search_ok(&org, &tok, "FIND {acm} RETURNING Account(Name)")
            .await
            .is_empty(),
        "whole words without a wildcard"
    );
    assert!(!search_ok(&org, &tok, "FIND {acm*} RETURNING Account(Name)")
        .await
        .is_empty());
    assert!(!search_ok(&org, &tok, "FIND {ac*e} RETURNING Account(Name)")
        .await
        .is_empty());
}

#[tokio::test]
async fn ranking_puts_exact_then_prefix_name_matches_first() {
    let org = start().await;
    let tok = token(&org).await;
    let recs = search_ok(&org, &tok, "FIND {acme*} RETURNING Account(Name)").await;
    let n = names(&recs, "Name");
    let nordic = n.iter().position(|x| x == "Nordic Acme Traders").unwrap();
    let corp = n.iter().position(|x| x == "Acme Corporation").unwrap();
    assert!(corp < nordic, "{n:?}");
    let recs = search_ok(&org, &tok, "FIND {Acme Labs} RETURNING Account(Name)").await;
    assert_eq!(names(&recs, "Name")[0], "Acme Labs");
}

#[tokio::test]
async fn the_app_query_finds_every_anchor() {
    let org = start().await;
    let tok = token(&org).await;
    let sosl = "FIND {acme*} IN ALL FIELDS RETURNING Lead(Id, Name, Company, Status LIMIT 5), Account(Id, Name, Type LIMIT 5), \
        Contact(Id, Name, Account.Name LIMIT 5), Opportunity(Id, Name, StageName LIMIT 5), Case(Id, CaseNumber, Subject, Status LIMIT 5), \
        ContentVersion(Id, Title, FileType, ContentDocumentId WHERE IsLatest = true LIMIT 5), Report(Id, Name, FolderName LIMIT 5), \
        Dashboard(Id, Title, FolderName LIMIT 5) LIMIT 40";
    let recs = search_ok(&org, &tok, sosl).await;
    let of = |t: &str| {
        recs.iter()
            .filter(|r| r["attributes"]["type"] == t)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(of("Lead").iter().any(|r| r["Company"] == "Acme Robotics"));
    assert!(of("Account")
        .iter()
        .any(|r| r["Name"] == "Acme Corporation" && r["Type"] == "Customer - Direct"));
    assert!(of("Contact").iter().any(|r| r["Account"]["Name"] == "Acme Corporation"));
    assert!(of("Opportunity")
        .iter()
        .any(|r| r["Name"] == "Acme — Renewal 2027" && r["StageName"] == "Negotiation/Review"));
    assert!(of("Case")
        .iter()
        .any(|r| r["Subject"].as_str().unwrap().contains("Acme printer jam")
            && r["CaseNumber"].as_str().unwrap().len() == 8));
    assert!(of("ContentVersion")
        .iter()
        .any(|r| r["Title"] == "Acme Pricing Sheet" && r["FileType"] == "EXCEL_X"));
    assert!(of("Report")
        .iter()
        .any(|r| r["Name"] == "Acme Pipeline" && r["FolderName"] == "Sales Reports"));
    assert!(of("Dashboard")
        .iter()
        .any(|r| r["Title"] == "Acme Executive Overview" && r["FolderName"] == "Executive Dashboards"));
    let leads = search_ok(&org, &tok, "FIND {Marie Curie} RETURNING Lead(Name, Company, Status)").await;
    assert_eq!(leads[0]["Company"], "Institut du Radium");
    assert!(recs.len() <= 40);
}

#[tokio::test]
async fn searches_are_fast() {
    let org = start().await;
    let tok = token(&org).await;
    let t = Instant::now();
    for _ in 0..50 {
        search_ok(&org, &tok, "FIND {ma*} RETURNING Account(Id, Name LIMIT 5), Contact(Id, Name, Account.Name LIMIT 5), Lead(Id, Name LIMIT 5)").await;
    }
    // Generous for debug builds on 2 cores; release is far faster.
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}
