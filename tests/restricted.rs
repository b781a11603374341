//! Real orgs, real users (issue 13): the demo org's restricted user (no Case, no Opportunity,
//! `Account.Type` and `Lead.Company` hidden by field-level security, a list view that is not
//! SOQL-compatible), over real HTTP on loopback. Search degrades per field, then per object,
//! and learns it once; the views widget offers only what this user can open; every figure of
//! the API-call budget is counted by the demo org.

mod common;

use common::{connected_workstation, spawn_demo_org};
use std::collections::BTreeSet;
use std::process::Command;
use workstation::api::{ApiError, Workstation};
use workstation::demo_org::profiles::DemoUser;
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::sosl::Limits;
use workstation::salesforce::SearchObject;
use workstation::views::ViewsError;

async fn restricted_org() -> DemoOrg {
    DemoOrg::start(DemoOrgConfig {
        default_user: DemoUser::Restricted,
        ..Default::default()
    })
    .await
    .expect("demo org starts")
}

fn api_calls(org: &DemoOrg) -> u64 {
    org.stats().api_requests
}

fn objects(outcome: &workstation::search::SearchOutcome) -> BTreeSet<SearchObject> {
    outcome.results.iter().map(|r| r.object).collect()
}

#[tokio::test]
async fn a_hidden_field_and_an_unreadable_object_leave_the_rest_searchable_learnt_in_three_calls_then_one() {
    let org = restricted_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store) = connected_workstation(&org, &dir).await;

    let before = api_calls(&org);
    let first = ws.search("acme", Limits::default()).await.expect("search");
    let first_cost = api_calls(&org) - before;
    assert!(first_cost <= 3, "first search cost {first_cost} API calls");
    let found = objects(&first);
    assert!(
        found.contains(&SearchObject::Account) && found.contains(&SearchObject::Contact),
        "{found:?}"
    );
    assert!(!found.contains(&SearchObject::Case) && !found.contains(&SearchObject::Opportunity));
    assert_eq!(
        first.not_searchable.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([SearchObject::Case, SearchObject::Opportunity])
    );
    assert!(first
        .hidden_fields
        .contains(&(SearchObject::Account, "Type".to_string())));
    assert!(first
        .hidden_fields
        .contains(&(SearchObject::Lead, "Company".to_string())));
    let account = first
        .results
        .iter()
        .find(|r| r.object == SearchObject::Account)
        .expect("an account");
    assert!(account.field("Type").is_none() && !account.fields.iter().any(|(k, _)| k == "Type"));

    // Other terms: the same one within a minute is answered again without a call.
    let before = api_calls(&org);
    ws.search("grand", Limits::default()).await.expect("search");
    assert_eq!(api_calls(&org) - before, 1, "a later search costs one call");

    // Another run (the CLI, the window started again) remembers it: one call from the start.
    drop(ws);
    let ws = common::policy_workstation(&org, &dir, store);
    let before = api_calls(&org);
    ws.search("global", Limits::default()).await.expect("search");
    assert_eq!(api_calls(&org) - before, 1, "what was learnt is kept per org and user");
}

#[tokio::test]
async fn an_apostrophe_in_the_term_does_not_mislead_the_reading_of_invalid_type() {
    let org = restricted_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    // Salesforce echoes the query, the user's apostrophe included, above its sentence.
    let outcome = ws.search("d'Arc", Limits::default()).await.expect("search");
    assert_eq!(
        outcome.not_searchable.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([SearchObject::Case, SearchObject::Opportunity]),
        "the objects named by Salesforce's sentence, not by the echo"
    );
}

#[tokio::test]
async fn the_catalogue_offers_only_readable_types_and_views_that_can_run() {
    let org = restricted_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let types = ws.view_types().await.expect("types");
    assert!(!types.iter().any(|t| t == "Case" || t == "Opportunity"), "{types:?}");
    assert!(
        types.iter().any(|t| t == "Lead") && types.iter().any(|t| t == "Account"),
        "{types:?}"
    );

    let leads = ws.object_views("Lead").await.expect("lead views");
    assert!(
        !leads.offered.iter().any(|v| v.label == "My Leads With Open Activities"),
        "a view that is not SOQL-compatible has no results through the API: not offered"
    );

    match ws.object_views("Case").await {
        Err(ApiError::Views(ViewsError::NoAccess(object))) => assert_eq!(object, "Case"),
        other => panic!("expected no access to Case, got {other:?}"),
    }
}

#[tokio::test]
async fn the_full_access_user_sees_every_type_as_before() {
    let org = DemoOrg::start(DemoOrgConfig::default()).await.expect("demo org");
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    assert_eq!(
        ws.view_types().await.expect("types"),
        ["Account", "Contact", "Lead", "Opportunity", "Case"]
    );
    let outcome = ws.search("acme", Limits::default()).await.expect("search");
    assert!(outcome.not_searchable.is_empty() && outcome.hidden_fields.is_empty());
}

/// The window's start, as `ui/views.js` does it: the types, the type shown, its first page.
async fn window_start(ws: &Workstation) {
    let types = ws.view_types().await.expect("types");
    let shown = ws.shown_view_type().unwrap_or_else(|| types[0].clone());
    let views = ws.object_views(&shown).await.expect("views");
    ws.set_shown_view_type(&shown).expect("remember");
    ws.view_records(&shown, &views.enabled[0], 10, 0)
        .await
        .expect("records");
}

#[tokio::test]
async fn the_api_calls_a_user_day_can_afford() {
    for user in [DemoUser::Demo, DemoUser::Restricted] {
        let org = DemoOrg::start(DemoOrgConfig {
            default_user: user,
            ..Default::default()
        })
        .await
        .expect("demo org");
        let dir = tempfile::tempdir().expect("tmp");
        let (ws, store) = connected_workstation(&org, &dir).await;

        let before = api_calls(&org);
        window_start(&ws).await;
        let new_profile = api_calls(&org) - before;

        // Started again (a new process on the same profile).
        drop(ws);
        let ws = common::policy_workstation(&org, &dir, store.clone());
        let before = api_calls(&org);
        window_start(&ws).await;
        let started_before = api_calls(&org) - before;

        let types = ws.view_types().await.expect("types");
        let other = types
            .iter()
            .find(|t| Some(*t) != ws.shown_view_type().as_ref())
            .expect("another type");
        let before = api_calls(&org);
        let views = ws.object_views(other).await.expect("views");
        ws.view_records(other, &views.enabled[0], 10, 0).await.expect("records");
        let switching = api_calls(&org) - before;

        ws.search("acme", Limits::default()).await.expect("search");
        let before = api_calls(&org);
        // Another term: the same one within a minute costs none.
        ws.search("grand", Limits::default()).await.expect("search");
        let search = api_calls(&org) - before;

        println!(
            "API calls ({user:?}): window start on a new profile {new_profile}, started before {started_before}, \
             switching type {switching}, a search {search}"
        );
        assert!(new_profile <= 4, "{user:?}: new profile {new_profile}");
        assert!(started_before <= 2, "{user:?}: started before {started_before}");
        assert!(switching <= 2, "{user:?}: switching {switching}");
        assert_eq!(search, 1, "{user:?}: a search");
    }
}

fn workstation_bin() -> &'static str {
    env!("CARGO_BIN_EXE_workstation")
}

#[test]
fn views_types_json_and_views_list_of_an_unreadable_type_from_the_command_line() {
    let org = spawn_demo_org(&["--user", "restricted", "--token", "restricted-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let run = |args: &[&str]| {
        Command::new(workstation_bin())
            .args(args)
            .env("WORKSTATION_DATA_DIR", data.path())
            .env("SF_INSTANCE_URL", &org.url)
            .env("SF_ACCESS_TOKEN", "restricted-token")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .output()
            .expect("runs")
    };
    let out = run(&["views", "types", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v, serde_json::json!({ "types": ["Account", "Contact", "Lead"] }));

    let out = run(&["views", "list", "Case"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Case") && stderr.contains("no access"), "{stderr}");
}

/// A profile without "API Enabled": every command says so, in the person's language or as a
/// stable kind for scripts, and exits 1 (connecting again would not help; an admin must act).
#[test]
fn a_user_without_api_access_is_told_so_by_every_command() {
    let org = spawn_demo_org(&["--user", "noapi", "--token", "noapi-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let run = |lang: &str, args: &[&str]| {
        Command::new(workstation_bin())
            .args(args)
            .env("WORKSTATION_DATA_DIR", data.path())
            .env("SF_INSTANCE_URL", &org.url)
            .env("SF_ACCESS_TOKEN", "noapi-token")
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .output()
            .expect("runs")
    };
    let out = run("C", &["search", "acme", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON error line");
    assert_eq!(line["error"]["kind"], "api_disabled_for_user", "{line}");
    let out = run("fr_FR.UTF-8", &["views", "types"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("API activée"), "{stderr}");
}
