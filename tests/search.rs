//! Unified search against the demo org over real HTTP (spec §2, issue #4).

mod common;

use common::*;
use workstation::api::ApiError;
use workstation::demo_org::profiles::DemoUser;
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::sosl::Limits;
use workstation::salesforce::SearchObject;
use workstation::search::SearchError;

#[tokio::test]
async fn one_request_finds_every_object_type_with_exactly_the_spec_fields() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let before = org.stats().search_requests;
    let outcome = ws.search("Acme", Limits::default()).await.expect("search");
    assert_eq!(org.stats().search_requests - before, 1, "one request per search");
    for object in SearchObject::ALL {
        let hit = outcome.results.iter().find(|r| r.object == object);
        let hit = hit.unwrap_or_else(|| panic!("no {object} for Acme: {:#?}", outcome.results));
        let names: Vec<&str> = hit.fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, object.shown_fields(), "{object} fields");
        assert!(
            hit.url.ends_with(&format!(
                "/lightning/r/{}/{}/view",
                object.record_page_sobject(),
                hit.id
            )),
            "{}",
            hit.url
        );
    }
}

#[tokio::test]
async fn contact_account_comes_from_the_nested_relationship_and_may_be_absent() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let ada = ws.search("Ada Lovelace", Limits::default()).await.expect("search");
    let ada = ada
        .results
        .iter()
        .find(|r| r.object == SearchObject::Contact)
        .expect("Ada");
    assert_eq!(ada.field("Account.Name"), Some("Acme Corporation"));
    let zoe = ws.search("Zoë Ørsted", Limits::default()).await.expect("search");
    let zoe = zoe
        .results
        .iter()
        .find(|r| r.object == SearchObject::Contact)
        .expect("Zoë");
    assert_eq!(zoe.field("Account.Name"), None);
    assert!(zoe.fields.iter().any(|(k, v)| k == "Account.Name" && v.is_none()));
}

#[tokio::test]
async fn files_are_identified_by_their_content_document() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let out = ws
        .search("Acme Pricing Sheet", Limits::default())
        .await
        .expect("search");
    let file = out
        .results
        .iter()
        .find(|r| r.object == SearchObject::File)
        .expect("file");
    assert!(file.id.starts_with("069"), "{}", file.id);
    assert_eq!(file.field("FileType"), Some("EXCEL_X"));
    let titles: Vec<&str> = out
        .results
        .iter()
        .filter(|r| r.object == SearchObject::File)
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        titles.iter().filter(|t| **t == "Acme Pricing Sheet").count(),
        1,
        "only the latest version: {titles:?}"
    );
}

#[tokio::test]
async fn reserved_characters_are_searched_literally_end_to_end() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let out = ws
        .search("R&D {Lab} (Test) - 50% off: yes!", Limits::default())
        .await
        .expect("search");
    assert!(
        out.results
            .iter()
            .any(|r| r.title == "R&D {Lab} (Test) - 50% off: yes!"),
        "{:#?}",
        out.results
    );
    for hostile in [
        "} RETURNING User(Id)",
        "\\",
        "\"unbalanced",
        "a OR b",
        "x AND NOT y",
        "*acme",
        "?? !! ~~",
        "' OR 1=1 --",
    ] {
        match ws.search(hostile, Limits::default()).await {
            Ok(_) => {}
            Err(ApiError::Search(SearchError::TooShort(_))) => {}
            Err(e) => panic!("{hostile:?} gave {e}"),
        }
    }
}

#[tokio::test]
async fn too_short_input_sends_nothing() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let before = org.stats().total_requests;
    let err = ws.search("a", Limits::default()).await.expect_err("too short");
    assert_eq!(err.kind(), "too_short");
    assert_eq!(org.stats().total_requests, before);
}

#[tokio::test]
async fn no_results_is_an_empty_answer_not_an_error() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let out = ws.search("qqxqzzv", Limits::default()).await.expect("search");
    assert!(out.results.is_empty());
}

#[tokio::test]
async fn exact_and_prefix_titles_rank_first_within_a_group() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let out = ws.search("Acme Corporation", Limits::default()).await.expect("search");
    let accounts: Vec<&str> = out
        .results
        .iter()
        .filter(|r| r.object == SearchObject::Account)
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(accounts.first(), Some(&"Acme Corporation"), "{accounts:?}");
}

#[tokio::test]
async fn limit_bounds_the_number_of_results() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let out = ws.search("Acme", Limits::at_most(3)).await.expect("search");
    assert!(out.results.len() <= 3, "{}", out.results.len());
}

#[tokio::test]
async fn each_failure_has_its_own_error() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    org.faults().set_request_limit_exceeded(true);
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("limit").kind(),
        "api_limit"
    );
    org.faults().clear();
    org.faults().set_server_error(Some(503));
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("5xx").kind(),
        "server_error"
    );
    org.faults().clear();
    org.faults().set_malformed_body(true);
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("garbage").kind(),
        "malformed_response"
    );
    org.faults().clear();
    org.faults().set_rest_api_disallowed(true);
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("api off").kind(),
        "rest_api_not_allowed"
    );
    org.faults().clear();
    org.faults().expire_all_sessions();
    // An SF_ACCESS_TOKEN session has nothing to refresh with: only a fresh token helps.
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("expired").kind(),
        "access_token_refused"
    );
}

#[tokio::test]
async fn offline_is_reported_as_offline() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    org.shutdown().await;
    assert_eq!(
        ws.search("Acme", Limits::default()).await.expect_err("offline").kind(),
        "offline"
    );
}

#[tokio::test]
async fn an_unsearchable_object_is_left_out_and_named() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    org.faults().set_unsearchable(Some("Report".into()));
    let out = ws.search("Acme", Limits::default()).await.expect("search the rest");
    assert_eq!(out.not_searchable, vec![SearchObject::Report]);
    assert!(out.results.iter().all(|r| r.object != SearchObject::Report));
    assert!(out.results.iter().any(|r| r.object == SearchObject::Account));
    let before = org.stats().search_requests;
    // Another term: the same one within a minute would cost no request at all.
    ws.search("Grand", Limits::default()).await.expect("again");
    assert_eq!(
        org.stats().search_requests - before,
        1,
        "remembered: one request next time"
    );
}

#[tokio::test]
async fn api_usage_is_read_from_the_limit_header() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    ws.search("Acme", Limits::default()).await.expect("search");
    let usage = ws.api_usage().expect("usage");
    assert!(usage.used >= 1 && usage.limit > usage.used, "{usage:?}");
}

#[tokio::test]
async fn found_records_come_back_instantly_and_are_cleared_on_disconnect() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    ws.search("Ada Lovelace", Limits::default()).await.expect("search");
    let before = org.stats().total_requests;
    let instant = ws.instant_results("ada lov", 8);
    assert!(instant.iter().any(|r| r.title == "Ada Lovelace"), "{instant:?}");
    assert_eq!(org.stats().total_requests, before, "instant results cost no request");
    ws.disconnect().await.expect("disconnect");
    assert!(ws.instant_results("ada", 8).is_empty());
    let cache = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name() == "recent-records.json");
    assert!(!cache, "the cache file is removed");
}

#[tokio::test]
async fn an_opened_result_goes_to_the_org_whatever_address_the_window_sends() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let outcome = ws.search("Acme Corporation", Limits::default()).await.expect("search");
    let mut result = outcome.results[0].clone();
    let expected = result.url.clone();
    assert!(expected.starts_with(&org.base_url()), "{expected}");
    // A stale copy from another session's cache, or a window that was tampered with.
    for forged in [
        "http://127.0.0.1:1/lightning/r/Account/001/view",
        "https://evil.example/phish",
    ] {
        result.url = forged.to_string();
        assert_eq!(ws.opened(&result).expect("opened"), expected);
    }
}

// ----- "More" for one object type, and Salesforce's own search page (#16 items 8 and 10) -----

/// "Smith" finds 31 Contacts and 33 Leads in the demo org, 2 Accounts and 1 Opportunity.
const MANY_SMITHS: &str = "Smith";

#[tokio::test]
async fn a_full_group_may_have_more_and_more_is_one_request_for_that_type_alone() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let first = ws.search(MANY_SMITHS, Limits::default()).await.expect("search");
    assert_eq!(
        first.more,
        [SearchObject::Contact, SearchObject::Lead],
        "full groups may have more, the others not"
    );
    let shown: Vec<&str> = first
        .results
        .iter()
        .filter(|r| r.object == SearchObject::Contact)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(shown.len(), 5);

    let before = org.stats();
    let more = ws
        .search_one(MANY_SMITHS, SearchObject::Contact, Limits::more())
        .await
        .expect("more");
    let after = org.stats();
    assert_eq!(after.search_requests - before.search_requests, 1, "one SOSL request");
    assert_eq!(after.api_requests - before.api_requests, 1, "one API call");
    assert_eq!(more.results.len(), 25, "up to 25 of that type");
    assert!(more.results.iter().all(|r| r.object == SearchObject::Contact));
    assert_eq!(more.more, [SearchObject::Contact], "31 Smiths: still more past 25");
    for id in shown {
        assert!(more.results.iter().any(|r| r.id == id), "{id} is among the 25");
    }
    let names: Vec<&str> = more.results[0].fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, SearchObject::Contact.shown_fields());

    // A group that came back whole has nothing more: a More finds the same records.
    let accounts = ws
        .search_one(MANY_SMITHS, SearchObject::Account, Limits::more())
        .await
        .expect("accounts");
    assert_eq!(accounts.results.len(), 2);
    assert!(accounts.more.is_empty());
}

#[tokio::test]
async fn more_leaves_out_what_this_user_cannot_see_and_never_asks_for_an_unreadable_type() {
    let org = DemoOrg::start(DemoOrgConfig {
        default_user: DemoUser::Restricted,
        ..Default::default()
    })
    .await
    .expect("demo org starts");
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    // The first search learns what this user cannot see (Lead.Company, Opportunity, Case).
    let first = ws.search(MANY_SMITHS, Limits::default()).await.expect("search");
    assert!(first.more.contains(&SearchObject::Lead), "{:?}", first.more);

    let before = org.stats();
    let leads = ws
        .search_one(MANY_SMITHS, SearchObject::Lead, Limits::more())
        .await
        .expect("more leads");
    assert_eq!(
        org.stats().api_requests - before.api_requests,
        1,
        "one API call, no refusal"
    );
    assert_eq!(leads.results.len(), 25);
    assert!(
        leads
            .results
            .iter()
            .all(|r| r.field("Company").is_none() && r.fields.iter().all(|(k, _)| k != "Company")),
        "the hidden field is not asked for"
    );

    let before = org.stats().total_requests;
    let refused = ws
        .search_one(MANY_SMITHS, SearchObject::Opportunity, Limits::more())
        .await
        .expect_err("an unreadable type");
    assert_eq!(refused.kind(), "not_searchable");
    assert_eq!(org.stats().total_requests, before, "never asked");
}

#[tokio::test]
async fn see_all_is_salesforces_search_page_for_the_term_and_the_window_may_open_it() {
    use base64::Engine as _;
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let outcome = ws.search("  R&D #1 “Zoë”  ", Limits::default()).await.expect("search");
    let page = url::Url::parse(&outcome.search_page).expect("an address");
    assert_eq!(page.origin().ascii_serialization(), org.base_url());
    assert_eq!((page.path(), page.query()), ("/one/one.app", None));
    let json = base64::engine::general_purpose::STANDARD
        .decode(page.fragment().expect("fragment"))
        .expect("base64");
    let json: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(json["componentDef"], "forceSearch:searchPageDesktop");
    assert_eq!(json["attributes"]["term"], "R&D #1 “Zoë”", "the term as searched");

    assert_eq!(
        ws.may_open(&outcome.search_page).expect("our search page").as_str(),
        outcome.search_page
    );
    let fragment = page.fragment().expect("fragment");
    for other in [
        format!("{}/one/one.app?redirect=x#{fragment}", org.base_url()),
        format!("{}/one/one.app#/alohaRedirect/secur/logout.jsp", org.base_url()),
        format!("https://evil.example/one/one.app#{fragment}"),
    ] {
        assert!(ws.may_open(&other).is_err(), "{other}");
    }
}

#[test]
fn the_command_line_searches_one_type_with_a_larger_limit_and_keeps_its_json() {
    let org = spawn_demo_org(&["--token", "cli-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_workstation"))
            .args(args)
            .env("WORKSTATION_DATA_DIR", data.path())
            .env("SF_INSTANCE_URL", &org.url)
            .env("SF_ACCESS_TOKEN", "cli-token")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .output()
            .expect("runs")
    };
    let json = |out: &std::process::Output| -> serde_json::Value {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let all = json(&run(&["search", MANY_SMITHS, "--json"]));
    let keys: Vec<&str> = all.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["results", "term"], "the JSON keeps its shape");
    let contacts = |v: &serde_json::Value| {
        v["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| r["object"] == "Contact")
            .count()
    };
    assert_eq!(contacts(&all), 5);

    let one = json(&run(&["search", MANY_SMITHS, "--type", "Contact", "--json"]));
    assert_eq!(one.as_object().expect("object").len(), 2, "term and results only");
    assert_eq!(contacts(&one), 25);
    assert_eq!(one["results"].as_array().map(Vec::len), Some(25), "Contacts only");
    let ten = json(&run(&[
        "search",
        MANY_SMITHS,
        "--type",
        "contact",
        "--limit",
        "10",
        "--json",
    ]));
    assert_eq!(contacts(&ten), 10);

    let human = run(&["search", MANY_SMITHS, "--type", "Lead"]);
    assert!(human.status.success());
    assert!(String::from_utf8_lossy(&human.stdout).starts_with("Lead\n"));

    let wrong = run(&["search", MANY_SMITHS, "--type", "Invoice"]);
    assert_eq!(wrong.status.code(), Some(2), "a usage mistake");
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("Contact"));
}

#[tokio::test]
async fn a_pinned_record_shows_what_salesforce_says_of_it_after_a_search_finds_it() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let outcome = ws.search("Acme", Limits::default()).await.expect("search");
    let found = outcome.results[0].clone();
    // Pinned as it was shown long ago (since renamed in Salesforce).
    let mut old = found.clone();
    old.title = "Old name".into();
    ws.set_pinned(&old, true).expect("pinned");
    assert_eq!(ws.pinned()[0].headline, "Old name");
    ws.search("Acme", Limits::default()).await.expect("search again");
    let pinned = ws.pinned();
    assert_eq!(pinned.len(), 1);
    assert_eq!(
        pinned[0].headline,
        found.headline(),
        "the pin shows the record as found now"
    );
}
