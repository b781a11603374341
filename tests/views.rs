//! My CRM Views against the demo org (spec §3, issue #5): one rule per test.

mod common;

use common::*;
use std::sync::Arc;
use workstation::auth::store::MemoryStore;

#[tokio::test]
async fn object_types_are_those_with_list_views() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let types = ws.view_types().await.expect("types");
    assert_eq!(types, ["Account", "Contact", "Lead", "Opportunity", "Case"]);
    let before = org.stats().listview_requests;
    ws.view_types().await.expect("cached");
    assert_eq!(org.stats().listview_requests, before, "asked once, then remembered");
}

#[tokio::test]
async fn at_most_80_are_offered_and_the_total_is_told() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Account").await.expect("views");
    assert!(
        v.total > 80,
        "the demo org has more than 80 Account list views: {}",
        v.total
    );
    assert_eq!(v.offered.len(), 80);
    let ed = ws.views_editor("Account", None, None).await.expect("editor");
    assert_eq!(
        (ed.total, ed.views.len()),
        (v.total, 80),
        "the editor knows there are more"
    );
}

#[tokio::test]
async fn a_first_time_user_gets_one_default_view() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Lead").await.expect("views");
    assert_eq!(v.enabled.len(), 1);
    assert!(v.offered.iter().any(|o| o.enabled && o.id == v.enabled[0]));
}

#[tokio::test]
async fn a_third_view_is_refused_and_changes_nothing() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Contact").await.expect("views");
    let others: Vec<String> = v.offered.iter().filter(|o| !o.enabled).map(|o| o.id.clone()).collect();
    let two = ws.enable_view("Contact", &others[0]).await.expect("second");
    assert_eq!(two.enabled.len(), 2);
    let err = ws.enable_view("Contact", &others[1]).await.expect_err("third");
    assert_eq!(err.kind(), "too_many");
    assert!(err.to_string().contains("At most 2"), "{err}");
    assert_eq!(ws.object_views("Contact").await.expect("views").enabled, two.enabled);
}

#[tokio::test]
async fn the_last_view_cannot_be_disabled() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Case").await.expect("views");
    let err = ws.disable_view("Case", &v.enabled[0]).await.expect_err("last");
    assert_eq!(err.kind(), "last_one");
    assert_eq!(ws.object_views("Case").await.expect("views").enabled, v.enabled);
}

#[tokio::test]
async fn the_choice_persists_across_restarts() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Opportunity").await.expect("views");
    let pick: Vec<String> = v.offered.iter().rev().take(2).map(|o| o.id.clone()).collect();
    ws.save_views("Opportunity", pick.clone()).await.expect("save");
    drop(ws);
    let again = policy_workstation(&org, &dir, store);
    assert_eq!(again.object_views("Opportunity").await.expect("views").enabled, pick);
}

#[tokio::test]
async fn the_editor_locks_what_would_break_a_rule_and_cancel_changes_nothing() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let ed = ws.views_editor("Lead", None, None).await.expect("editor");
    assert_eq!(ed.draft.len(), 1);
    let only = ed.views.iter().find(|v| v.enabled).expect("one enabled");
    assert!(only.locked.as_deref().unwrap_or("").contains("At least one"));
    let other = ed.views.iter().find(|v| !v.enabled).expect("another").id.clone();
    let ed2 = ws
        .views_editor("Lead", Some(ed.draft.clone()), Some(other))
        .await
        .expect("toggle");
    assert_eq!(ed2.draft.len(), 2);
    assert!(
        ed2.views.iter().filter(|v| !v.enabled).all(|v| v.locked.is_some()),
        "a third is locked"
    );
    let third = ed2.views.iter().find(|v| !v.enabled).expect("third").id.clone();
    let ed3 = ws
        .views_editor("Lead", Some(ed2.draft.clone()), Some(third))
        .await
        .expect("refused");
    assert_eq!(ed3.draft, ed2.draft);
    assert!(ed3.refused.is_some());
    // Nothing was saved by editing.
    assert_eq!(ws.object_views("Lead").await.expect("views").enabled, ed.draft);
}

#[tokio::test]
async fn records_show_salesforce_labels_display_values_and_open_by_id() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Account").await.expect("views");
    let page = ws.view_records("Account", &v.enabled[0], 5, 0).await.expect("records");
    assert!(!page.columns.is_empty());
    assert!(
        page.columns.iter().all(|c| c.field != "Id"),
        "hidden columns are not shown"
    );
    assert!(page.rows.len() <= 5);
    assert!(page.total as usize >= page.rows.len());
    for row in &page.rows {
        let id = row.id.as_deref().expect("id from the hidden column");
        assert!(id.starts_with("001"), "{id}");
        assert_eq!(
            row.url.as_deref(),
            Some(format!("{}/lightning/r/Account/{id}/view", org.base_url()).as_str())
        );
        assert_eq!(row.cells.len(), page.columns.len());
    }
}

#[tokio::test]
async fn records_page_with_limit_and_offset() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Account").await.expect("views");
    let all = v
        .offered
        .iter()
        .find(|o| o.label.contains("All"))
        .expect("an All view")
        .id
        .clone();
    let first = ws.view_records("Account", &all, 10, 0).await.expect("page 1");
    let second = ws.view_records("Account", &all, 10, 10).await.expect("page 2");
    assert_eq!(first.rows.len(), 10);
    assert_eq!(second.rows.len(), 10);
    assert_ne!(first.rows[0].id, second.rows[0].id);
    assert_eq!(first.total, second.total);
}

#[tokio::test]
async fn unknown_object_types_are_refused_clearly() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let err = ws.object_views("Report").await.expect_err("not a list view type");
    assert_eq!(err.kind(), "unknown_object");
}

#[tokio::test]
async fn a_corrupt_store_is_set_aside_and_defaults_apply() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, store) = connected_workstation(&org, &dir).await;
    ws.object_views("Lead").await.expect("views");
    drop(ws);
    std::fs::write(dir.path().join("settings.json"), b"{\"views/\": [tr").expect("corrupt it");
    let again = policy_workstation(&org, &dir, store);
    // The connection survives (it is in the credential store); the views fall back to defaults.
    assert_eq!(again.card().name(), "connected");
    let v = again.object_views("Lead").await.expect("defaults");
    assert_eq!(v.enabled.len(), 1);
    assert!(v.notices.iter().any(|n| n.contains("set aside")), "{:?}", v.notices);
    let kept = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
    assert!(kept, "the damaged file is kept aside");
}

#[tokio::test]
async fn the_window_may_open_pages_of_the_org_and_nothing_else() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = policy_workstation(&org, &dir, Arc::new(MemoryStore::default()));
    let record = format!("{}/lightning/r/Account/001000000000001AAA/view", org.base_url());
    let refused = ws.may_open(&record).expect_err("nothing is openable before connecting");
    assert_eq!(refused.kind(), "invalid");

    ws.connect_demo_auto_approved().await.expect("connects");
    let v = ws.object_views("Account").await.expect("views");
    let page = ws.view_records("Account", &v.enabled[0], 3, 0).await.expect("records");
    for url in page.rows.iter().filter_map(|r| r.url.as_deref()) {
        assert_eq!(ws.may_open(url).expect("a record of the org").as_str(), url);
    }
    for foreign in [
        "https://evil.example/lightning/r/Account/001/view",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "not a url",
        // Same host, another port: another origin.
        &record.replace(&org.base_url(), "http://127.0.0.1:1"),
    ] {
        let e = ws.may_open(foreign).expect_err(foreign);
        assert_eq!(e.kind(), "invalid", "{foreign}: {e}");
        assert!(e.to_string().contains("outside your Salesforce org"), "{e}");
    }
}

#[tokio::test]
async fn what_cannot_be_a_list_view_id_is_refused_without_a_request() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let v = ws.object_views("Lead").await.expect("views");
    let before = org.stats().total_requests;
    for bad in [
        "nothere",
        "../../query?q=x",
        "00BWk000000001nMA",
        "00BWk000000001nMAA!",
        "",
    ] {
        let err = ws.view_records("Lead", bad, 5, 0).await.expect_err(bad);
        assert_eq!(err.kind(), "not_an_id", "{bad}: {err}");
    }
    assert_eq!(org.stats().total_requests, before, "no request spent");
    // Both forms of a real ID work.
    let id = &v.enabled[0];
    assert!(ws.view_records("Lead", id, 5, 0).await.is_ok());
    assert!(ws.view_records("Lead", &id[..15], 5, 0).await.is_ok());
}

#[tokio::test]
async fn the_type_the_widget_showed_is_remembered_across_restarts() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    {
        let (ws, _) = connected_workstation(&org, &dir).await;
        assert_eq!(ws.shown_view_type(), None, "nothing shown yet");
        ws.set_shown_view_type("Opportunity").expect("remember");
    }
    let (ws, _) = connected_workstation(&org, &dir).await;
    assert_eq!(ws.shown_view_type().as_deref(), Some("Opportunity"));
}

#[tokio::test]
async fn types_past_their_day_are_shown_at_once_with_their_age_then_asked_again() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    ws.view_types().await.expect("learnt");
    drop(ws);
    let two_days = 2 * 24 * 3600;
    age_view_types(dir.path(), &["Lead", "Account"], two_days);

    let (ws, _) = connected_workstation(&org, &dir).await;
    let before = org.stats().api_requests;
    let shown = ws.shown_view_types().await.expect("shown at once");
    assert_eq!(
        org.stats().api_requests,
        before,
        "what is known is shown without a call"
    );
    assert_eq!(shown.types, ["Lead", "Account"]);
    assert!(shown.refresh, "past its day: asked again behind it");
    let as_of = shown.as_of.expect("its age is said");
    assert!(as_of + two_days - 5 <= now_secs() && as_of + two_days + 5 >= now_secs());

    // Salesforce cannot answer: what was shown stays, still with its age.
    org.faults().set_server_error(Some(503));
    let before = org.stats().total_requests;
    ws.refresh_view_types().await.expect_err("no answer");
    assert_eq!(
        org.stats().total_requests,
        before + 1,
        "a failing Salesforce is not asked type by type"
    );
    let still = ws.shown_view_types().await.expect("still shown");
    assert_eq!(
        (still.types.clone(), still.as_of, still.refresh),
        (shown.types, Some(as_of), true)
    );

    // It answers: the types are today's, and current from now on.
    org.faults().set_server_error(None);
    let before = org.stats().api_requests;
    let fresh = ws.refresh_view_types().await.expect("asked again");
    assert_eq!(org.stats().api_requests, before + 1, "one call");
    assert_eq!(fresh, ["Account", "Contact", "Lead", "Opportunity", "Case"]);
    let now = ws.shown_view_types().await.expect("current");
    assert_eq!((now.types, now.as_of, now.refresh), (fresh, None, false));
}

#[tokio::test]
async fn types_within_their_day_are_shown_as_current() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let first = ws.shown_view_types().await.expect("asked: nothing known");
    assert_eq!((first.as_of, first.refresh), (None, false));
    drop(ws);
    age_view_types(dir.path(), &["Lead"], 3600);
    let (ws, _) = connected_workstation(&org, &dir).await;
    let before = org.stats().api_requests;
    let shown = ws.shown_view_types().await.expect("shown");
    assert_eq!(
        (shown.types, shown.as_of, shown.refresh),
        (vec!["Lead".to_string()], None, false)
    );
    assert_eq!(org.stats().api_requests, before);
}

/// How many `ListView` rows the demo org holds for `where_` (one query, outside the product).
async fn list_view_rows(org: &workstation::demo_org::DemoOrg, where_: &str) -> usize {
    let answer: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/services/data/v62.0/query", org.base_url()))
        .query(&[("q", format!("SELECT Id FROM ListView WHERE {where_}"))])
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("query")
        .json()
        .await
        .expect("JSON");
    answer["totalSize"].as_u64().expect("totalSize") as usize
}

/// The rows come in batches of 50 (Salesforce's are 2,000): each one more API call.
const SMALL_BATCH: usize = 50;

#[tokio::test]
async fn types_are_complete_when_the_list_views_come_in_several_batches() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let whole = ws.view_types().await.expect("in one batch");

    let org = demo_org().await;
    let rows = list_view_rows(
        &org,
        "SobjectType IN ('Account', 'Contact', 'Lead', 'Opportunity', 'Case')",
    )
    .await;
    org.faults().set_query_batch_size(SMALL_BATCH as u64);
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let before = org.stats().api_requests;
    let batched = ws.view_types().await.expect("in batches");
    assert_eq!(batched, whole, "no type goes missing past the first batch");
    assert_eq!(whole, ["Account", "Contact", "Lead", "Opportunity", "Case"]);
    let batches = rows.div_ceil(SMALL_BATCH);
    assert!(batches > 2, "the seeded views fill several batches: {rows}");
    assert_eq!(
        org.stats().api_requests - before,
        batches as u64,
        "the Composite request, then one call a further batch"
    );
}

#[tokio::test]
async fn a_catalogue_is_complete_when_its_list_views_come_in_several_batches() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let whole = ws.object_views("Account").await.expect("in one batch");

    let org = demo_org().await;
    let rows = list_view_rows(&org, "SobjectType = 'Account'").await;
    org.faults().set_query_batch_size(SMALL_BATCH as u64);
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    ws.view_types().await.expect("types");
    let before = org.stats().api_requests;
    let batched = ws.object_views("Account").await.expect("in batches");
    assert_eq!(batched.total, whole.total, "the catalogue is not cut at a batch");
    let ids = |offered: &[workstation::views::OfferedView]| offered.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&batched.offered),
        ids(&whole.offered),
        "the same 80 offered, in the same order"
    );
    assert_eq!(batched.enabled, whole.enabled, "and the same default");
    let batches = rows.div_ceil(SMALL_BATCH);
    assert!(batches > 1, "Account's views fill several batches: {rows}");
    assert_eq!(
        org.stats().api_requests - before,
        batches as u64,
        "the query, then one call a further batch"
    );
}
