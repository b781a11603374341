//! Tokens, pages and the server's lifecycle over the wire: access token expiry, the
//! pre-issued token, record pages, a clear bind error, shutdown, hostile search input.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use workstation_demo_org::{DemoOrg, DemoOrgConfig, DemoOrgError};

#[tokio::test]
async fn access_tokens_expire() {
    let org = start_with(|c| c.access_token_lifetime = Duration::from_millis(300)).await;
    let v = login(&org).await;
    let at = v["access_token"].as_str().unwrap();
    assert_eq!(listviews_status(&org, at).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (st, body) = listviews_status(&org, at).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Session expired or invalid"));
    let (_, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        listviews_status(&org, r["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn preissued_token_works_until_sessions_expire() {
    let org = start_with(|c| {
        c.preissued_token = Some("00DDEMO!preissued".into());
        c.access_token_lifetime = Duration::from_millis(1);
    })
    .await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(
        listviews_status(&org, "00DDEMO!preissued").await.0,
        StatusCode::OK,
        "never expires by age"
    );
    org.faults().expire_all_sessions();
    assert_eq!(
        listviews_status(&org, "00DDEMO!preissued").await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn record_pages_open_in_demo_mode() {
    let org = start().await;
    let tok = token(&org).await;
    let acme = &search_ok(&org, &tok, "FIND {Acme Corporation} RETURNING Account(Id)").await[0];
    let r = client()
        .get(format!(
            "{}/lightning/r/Account/{}/view",
            org.base_url(),
            acme["Id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Acme Corporation"));
    let file = &search_ok(
        &org,
        &tok,
        "FIND {Acme Pricing Sheet} RETURNING ContentVersion(ContentDocumentId WHERE IsLatest = true)",
    )
    .await[0];
    let r = client()
        .get(format!(
            "{}/lightning/r/ContentDocument/{}/view",
            org.base_url(),
            file["ContentDocumentId"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = client()
        .get(format!(
            "{}/lightning/r/Account/001Wk00000ZZZZZAAA/view",
            org.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bind_failure_is_a_clear_error() {
    let org = start().await;
    let err = DemoOrg::start(DemoOrgConfig {
        addr: org.addr(),
        ..Default::default()
    })
    .await
    .unwrap_err();
    assert!(matches!(err, DemoOrgError::Bind { .. }));
    assert!(err.to_string().contains(&org.addr().to_string()));
    assert!(org.base_url().starts_with("http://127.0.0.1:") && !org.base_url().ends_with('/'));
    org.shutdown().await;
}

#[tokio::test]
async fn shutdown_releases_hanging_requests() {
    let org = start().await;
    let tok = token(&org).await;
    org.faults().set_hang(true);
    let url = format!("{}/services/data/{V}/sobjects/Case/listviews", org.base_url());
    let pending = tokio::spawn(async move { client().get(&url).bearer_auth(&tok).send().await.map(|r| r.status()) });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = Instant::now();
    org.shutdown().await;
    assert!(t.elapsed() < Duration::from_secs(4));
    let _ = tokio::time::timeout(Duration::from_secs(2), pending)
        .await
        .expect("released");
}

#[tokio::test]
async fn escaped_hostile_input_never_breaks_the_query() {
    let org = start().await;
    let tok = token(&org).await;
    for hostile in [
        "} RETURNING User(Id)",
        "\"unbalanced",
        "a OR b",
        "x AND NOT y",
        "*acme",
        "?? !! ~~",
        "' OR 1=1 --",
        "R&D {Lab}",
    ] {
        let q = format!(
            "FIND {{{}*}} IN ALL FIELDS RETURNING Account(Id, Name)",
            escape_sosl(hostile)
        );
        let (st, v) = search(&org, &tok, &q).await;
        assert_eq!(st, StatusCode::OK, "{hostile:?} → {q}: {v}");
    }
}

#[tokio::test]
async fn tls_serves_https_to_whoever_trusts_its_authority_and_to_nobody_else() {
    let org = start_with(|c| {
        c.tls = true;
        c.preissued_token = Some("00Dtest!tls".into());
    })
    .await;
    let base = org.base_url();
    assert!(base.starts_with("https://127.0.0.1:") && !base.ends_with('/'), "{base}");
    let pem = org.certificate_authority_pem().expect("the authority's certificate");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    let trusting = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    // Every name the certificate is for: the address the first line gives, and localhost.
    let port = org.addr().port();
    for origin in [base.clone(), format!("https://localhost:{port}")] {
        let r = trusting
            .get(format!("{origin}/services/data/{V}/sobjects/Case/listviews"))
            .bearer_auth("00Dtest!tls")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{origin}: {e:?}"));
        assert_eq!(r.status(), StatusCode::OK, "{origin}");
    }
    // A client without the authority (no roots at all, here) gets no answer; the server goes on.
    let err = client().get(format!("{base}/")).send().await.expect_err("not trusted");
    assert!(err.is_connect(), "{err:?}");
    // Plain HTTP on the same port is not served.
    assert!(client().get(format!("http://127.0.0.1:{port}/")).send().await.is_err());
    let r = trusting.get(format!("{base}/__demo/stats")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Each demo org makes its own authority.
    let other = start_with(|c| c.tls = true).await;
    assert_ne!(other.certificate_authority_pem(), Some(pem));
    assert_eq!(start().await.certificate_authority_pem(), None, "plain HTTP has none");
    org.shutdown().await;
}
