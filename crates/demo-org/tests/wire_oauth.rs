//! OAuth over the wire: authorize and the approval page, the token endpoint's grants
//! (authorization code + PKCE, refresh), revoke, userinfo and the identity URL.
//! Held to the Salesforce samples in `../shared/salesforce/` (same key sets, JSON types and
//! status codes).

#[macro_use]
mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use workstation_demo_org::{DemoOrg, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

#[tokio::test]
async fn authorize_shows_an_approval_page_with_allow_and_deny() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("scope", "full api refresh_token offline_access"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    for needle in [
        "Allow Access?",
        "id=\"allow\"",
        "id=\"deny\"",
        "Workstation Demo",
        "dana.demo@workstation-demo.example",
        "(api)",
        "(full)",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
}

fn request_id(html: &str) -> String {
    let i = html.find("name=\"request_id\" value=\"").unwrap() + "name=\"request_id\" value=\"".len();
    html[i..].split('"').next().unwrap().to_string()
}

async fn approval(org: &DemoOrg, state: &str, decision: &str) -> String {
    let html = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", "workstation://salesforce/connected"),
            ("state", state),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = client()
        .post(format!("{}/services/oauth2/authorize/decision", org.base_url()))
        .form(&[("request_id", request_id(&html).as_str()), ("decision", decision)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    location(&r)
}

#[tokio::test]
async fn allow_redirects_with_code_and_state_echoed_verbatim() {
    let org = start().await;
    let state = "s+t/a te=&?x";
    let loc = approval(&org, state, "allow").await;
    assert!(loc.starts_with("workstation://salesforce/connected?"), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some(state));
    let code = query_param(&loc, "code").unwrap();
    assert!(code.ends_with("=="), "codes end in == like Salesforce's");
    assert!(loc.contains("%3D%3D"), "the code is URL-encoded in the redirect");
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let org = start().await;
    let loc = approval(&org, "xyz", "deny").await;
    assert!(
        loc.contains("error=access_denied&error_description=end-user+denied+authorization&state=xyz"),
        "{loc}"
    );
}

#[tokio::test]
async fn state_is_absent_when_not_sent() {
    let org = start().await;
    let r = client()
        .get(format!("{}/services/oauth2/authorize", org.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("auto_approve", "true"),
        ])
        .send()
        .await
        .unwrap();
    let loc = location(&r);
    assert!(query_param(&loc, "code").is_some());
    assert!(query_param(&loc, "state").is_none());
}

#[tokio::test]
async fn authorize_rejects_unknown_client_and_unregistered_redirect() {
    let org = start().await;
    let q = |cid: &'static str, redirect: &'static str| {
        client()
            .get(format!("{}/services/oauth2/authorize", org.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", cid),
                ("redirect_uri", redirect),
                ("auto_approve", "true"),
            ])
            .send()
    };
    let r = q("nope", CALLBACK).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("error=invalid_client_id"));
    let r = q(DEMO_CLIENT_ID, "https://evil.example/salesforce/connected")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("error=redirect_uri_mismatch"));
    // Loopback on any port (RFC 8252) and the deep link are registered.
    for ok in [
        "http://127.0.0.1:54321/salesforce/connected",
        "http://localhost:1/salesforce/connected",
        "workstation://salesforce/connected",
    ] {
        let r = client()
            .get(format!("{}/services/oauth2/authorize", org.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", DEMO_CLIENT_ID),
                ("redirect_uri", ok),
                ("auto_approve", "true"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FOUND, "{ok}");
        assert!(location(&r).starts_with(ok));
    }
}

// ------------------------------------------------------------------ OAuth: token

#[tokio::test]
async fn code_exchange_matches_the_sample() {
    let s = sample_or_skip!("oauth_token_response_authorization_code.json");
    let org = start().await;
    let v = login(&org).await;
    assert_shape(&s, &v, &[]);
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["instance_url"], org.base_url());
    assert_eq!(v["scope"], "full api refresh_token offline_access");
    let issued = v["issued_at"].as_str().unwrap();
    assert!(
        issued.len() >= 13 && issued.bytes().all(|b| b.is_ascii_digit()),
        "issued_at is epoch ms as a string"
    );
    let id = v["id"].as_str().unwrap();
    assert_eq!(id, format!("{}/id/{}/{}", org.base_url(), org.org_id(), org.user_id()));
    assert!(org.org_id().starts_with("00D") && org.user_id().starts_with("005"));
    assert_eq!(v["signature"], workstation_demo_org::token_signature(id, issued));
    assert!(v.get("expires_in").is_none());
}

#[tokio::test]
async fn client_secret_is_required() {
    let org = start().await;
    for secret in [Some("wrong"), None] {
        let code = get_code(&org, None, None).await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", CALLBACK),
        ];
        if let Some(s) = secret {
            form.push(("client_secret", s));
        }
        let (s, v) = exchange(&org, &form).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(
            v,
            serde_json::json!({"error":"invalid_client","error_description":"invalid client credentials"})
        );
    }
}

#[tokio::test]
async fn unknown_client_matches_the_sample() {
    let s = sample_or_skip!("oauth_error_invalid_client_id.json");
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let (st, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", "other"),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v, s);
}

#[tokio::test]
async fn redirect_uri_must_match_the_authorize_request() {
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let (s, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", "http://localhost:9999/salesforce/connected"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"], "redirect_uri_mismatch");
}

#[tokio::test]
async fn pkce_missing_verifier_is_invalid_grant_and_wrong_verifier_invalid_request() {
    let org = start().await;
    let code = get_code(&org, None, Some(CHALLENGE)).await;
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", CALLBACK),
    ];
    let (s, v) = exchange(&org, &base).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let mut wrong = base.to_vec();
    wrong.push(("code_verifier", "not-the-verifier-not-the-verifier-not-the-verifier"));
    let (s, v) = exchange(&org, &wrong).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    let mut right = base.to_vec();
    right.push(("code_verifier", VERIFIER));
    let (s, _) = exchange(&org, &right).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn codes_are_single_use() {
    let org = start().await;
    let code = get_code(&org, None, None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", CALLBACK),
    ];
    assert_eq!(exchange(&org, &form).await.0, StatusCode::OK);
    let (s, v) = exchange(&org, &form).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        v,
        serde_json::json!({"error":"invalid_grant","error_description":"invalid authorization code"})
    );
}

#[tokio::test]
async fn codes_expire() {
    let org = start_with(|c| c.auth_code_lifetime = Duration::from_millis(150)).await;
    let code = get_code(&org, None, None).await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let (s, v) = exchange(
        &org,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("redirect_uri", CALLBACK),
        ],
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn refresh_matches_the_sample_and_the_new_token_works() {
    let s = sample_or_skip!("oauth_token_response_refresh_token.json");
    let org = start().await;
    let v = login(&org).await;
    let (st, r) = refresh(&org, v["refresh_token"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &r, &[]);
    assert!(r.get("refresh_token").is_none());
    let (st, _) = get_json(
        &org,
        r["access_token"].as_str().unwrap(),
        &format!("/services/data/{V}/sobjects/Account/listviews"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test]
async fn refresh_requires_the_secret_and_a_live_token() {
    let s = sample_or_skip!("oauth_error_invalid_grant_refresh.json");
    let org = start().await;
    let v = login(&org).await;
    let (st, e) = exchange(
        &org,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", v["refresh_token"].as_str().unwrap()),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await;
    assert_eq!(
        (st, e["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_client"))
    );
    let (st, e) = refresh(&org, "5Aep861bogus").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(e, s);
}

#[tokio::test]
async fn unsupported_grant_type() {
    let org = start().await;
    let (s, v) = exchange(&org, &[("grant_type", "password"), ("client_id", DEMO_CLIENT_ID)]).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
}

// ------------------------------------------------------------------ OAuth: revoke, userinfo

#[tokio::test]
async fn revoke_access_token_and_unknown_token() {
    let s = sample_or_skip!("oauth_revoke_error_400.json");
    let org = start().await;
    let tok = token(&org).await;
    let r = client()
        .post(format!("{}/services/oauth2/revoke", org.base_url()))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().is_empty());
    assert_eq!(
        get(&org, &tok, &format!("/services/data/{V}/sobjects/Account/listviews"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let r = client()
        .post(format!("{}/services/oauth2/revoke", org.base_url()))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap(), s);
}

#[tokio::test]
async fn revoking_a_refresh_token_kills_its_access_tokens() {
    let org = start().await;
    let v = login(&org).await;
    let (rt, at) = (
        v["refresh_token"].as_str().unwrap(),
        v["access_token"].as_str().unwrap(),
    );
    // GET ?token= is accepted too.
    let r = client()
        .get(format!("{}/services/oauth2/revoke", org.base_url()))
        .query(&[("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        get(&org, at, &format!("/services/data/{V}/sobjects/Account/listviews"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(refresh(&org, rt).await.1["error"], "invalid_grant");
    assert_eq!(org.stats().revocations, 1);
}

#[tokio::test]
async fn userinfo_matches_the_sample() {
    let s = sample_or_skip!("oauth_userinfo_response.json");
    let org = start().await;
    let tok = token(&org).await;
    let (st, v) = get_json(&org, &tok, "/services/oauth2/userinfo").await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &v, &[]);
    assert_eq!(v["user_id"], org.user_id());
    assert_eq!(v["organization_id"], org.org_id());
    assert_eq!(v["preferred_username"], "dana.demo@workstation-demo.example");
    assert_eq!(v["name"], "Dana Demo");
    assert!(v["urls"]["rest"].as_str().unwrap().starts_with(&org.base_url()));
    assert!(v["urls"]["rest"].as_str().unwrap().contains("{version}"));
    let r = get(&org, "bogus", "/services/oauth2/userinfo").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.text().await.unwrap(), "Bad_OAuth_Token");
    assert_eq!(org.stats().userinfo_requests, 2);
}

#[tokio::test]
async fn the_identity_url_in_the_token_answer_is_served() {
    let org = start().await;
    let v = login(&org).await;
    let (id_url, tok) = (v["id"].as_str().unwrap(), v["access_token"].as_str().unwrap());
    let path = id_url
        .strip_prefix(&org.base_url())
        .expect("the id URL points at the demo org");
    let (st, info) = get_json(&org, tok, &format!("{path}?version=latest")).await;
    assert_eq!(st, StatusCode::OK, "{info}");
    assert_eq!(info["id"], id_url);
    assert_eq!(info["user_id"], org.user_id());
    assert_eq!(info["organization_id"], org.org_id());
    assert_eq!(info["username"], "dana.demo@workstation-demo.example");
    assert_eq!(info["display_name"], "Dana Demo");
    assert_eq!(info["asserted_user"], true);
    assert_eq!(
        info["photos"]["thumbnail"],
        format!("{}/profilephoto/005/T", org.base_url())
    );
    let rest = info["urls"]["rest"].as_str().unwrap();
    assert!(
        rest.starts_with(&org.base_url()) && !rest.contains("{version}"),
        "{rest}"
    );

    // 15-character IDs name the same user.
    let short = format!("/id/{}/{}", &org.org_id()[..15], &org.user_id()[..15]);
    assert_eq!(get_json(&org, tok, &short).await.0, StatusCode::OK);
    // Someone else, another org, no token, a bad token.
    let r = get(&org, tok, &format!("/id/{}/005000000000001AAA", org.org_id())).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::NOT_FOUND, "Bad_Id".into())
    );
    let r = get(&org, tok, &format!("/id/00D000000000001AAA/{}", org.user_id())).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Wrong_Org".into())
    );
    let r = client().get(format!("{}{path}", org.base_url())).send().await.unwrap();
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Missing_OAuth_Token".into())
    );
    let r = get(&org, "bogus", path).await;
    assert_eq!(
        (r.status(), r.text().await.unwrap()),
        (StatusCode::FORBIDDEN, "Bad_OAuth_Token".into())
    );
    // The token as a parameter, as the Mobile SDK guide allows, and odd IDs that must not crash.
    let r = client()
        .get(format!("{}{path}", org.base_url()))
        .query(&[("oauth_token", tok)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    for odd in ["/id/", "/id/x", "/id/ééééééééééééééééé/x", "/id/%00/%2F"] {
        assert!(get(&org, tok, odd).await.status().is_client_error(), "{odd}");
    }
}
