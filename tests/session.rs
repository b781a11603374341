//! The person's live session (the core's `session`): every answer is filed under the session it
//! was asked under, and dropped when that is no longer the current one. Against the real demo
//! org in a process of its own, over HTTP.

mod common;

use common::{connect_as, spawn_demo_org, DemoOrgProcess};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use workstation::api::search::{SearchBox, SearchEvent};
use workstation::api::{Setup, Workstation};
use workstation::auth::store::MemoryStore;
use workstation::salesforce::sosl::Limits;
use workstation::salesforce::{SearchObject, SearchResult};

/// A workstation with the demo policy for `org`, its tokens in memory.
fn workstation(org: &DemoOrgProcess, dir: &tempfile::TempDir) -> Workstation {
    let setup = Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.url))));
    Workstation::new(dir.path(), setup, Arc::new(MemoryStore::default())).expect("workstation")
}

/// `POST /__demo/faults` with `body`.
async fn faults(org: &DemoOrgProcess, body: serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}/__demo/faults", org.url))
        .json(&body)
        .send()
        .await
        .expect("the demo org answers");
    assert!(answer.status().is_success(), "{}", answer.status());
}

/// Whether `record` shows an account's type (hidden from the restricted user).
fn shows_type(record: &SearchResult) -> bool {
    record.fields.iter().any(|(f, v)| f == "Type" && v.is_some())
}

#[tokio::test]
async fn a_reconnect_as_another_user_while_a_search_is_in_flight_files_nothing_of_the_first_under_the_second() {
    let org = spawn_demo_org(&[]);
    let dir = tempfile::tempdir().expect("tmp");
    let ws = workstation(&org, &dir);

    // Tomás (restricted: no Opportunity, no Case, no Account.Type) pins an account.
    connect_as(&ws, "restricted").await;
    let his = ws.search("Acme", Limits::default()).await.expect("his search");
    let account = his
        .results
        .iter()
        .find(|r| r.object == SearchObject::Account)
        .expect("an account he can see")
        .clone();
    assert!(!shows_type(&account), "Account.Type is hidden from him: {account:?}");
    ws.set_pinned(&account, true).expect("pinned");

    // Dana (who sees everything) searches; Salesforce is slow to answer.
    connect_as(&ws, "demo").await;
    let events: Arc<Mutex<Vec<SearchEvent>>> = Arc::default();
    let kept = events.clone();
    ws.on_search_events(Arc::new(move |_, e| kept.lock().expect("lock").push(e)));
    faults(&org, serde_json::json!({"latency_ms": 2000})).await;
    let seq = ws.type_search(SearchBox::Main, "Acme").expect("typed");
    tokio::time::sleep(Duration::from_millis(500)).await; // her request is in flight
    faults(&org, serde_json::json!({"latency_ms": 0})).await;

    // Reconnect as Tomás before her answer comes.
    connect_as(&ws, "restricted").await;
    assert!(ws.card().name() == "connected");
    tokio::time::sleep(Duration::from_millis(2500)).await; // her answer has come back by now

    let answered: Vec<String> = events
        .lock()
        .expect("lock")
        .iter()
        .filter_map(|e| match e {
            SearchEvent::Results { seq: s, text, .. } | SearchEvent::Failed { seq: s, text, .. } if *s == seq => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect();
    assert!(answered.is_empty(), "Dana's answer was shown to Tomás: {answered:?}");
    let pins = ws.pinned();
    assert_eq!(pins.len(), 1);
    assert!(
        !shows_type(&pins[0].record),
        "Tomás's pin shows what Dana's answer said of a field hidden from him: {:?}",
        pins[0].record
    );
    let instant = ws.instant_results("acme", 50);
    assert!(instant.is_empty(), "Dana's records among Tomás's: {instant:?}");
    // Nor on disk, under his name.
    let tomas = match ws.card() {
        workstation::auth::card::CardState::Connected { user, .. } => user.session_key().to_string(),
        other => panic!("{other:?}"),
    };
    if let Ok(bytes) = std::fs::read(dir.path().join("recent-records.json")) {
        let file: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        if file["scope"] == tomas.as_str() {
            let records: Vec<SearchResult> = file["entries"]
                .as_array()
                .expect("entries")
                .iter()
                .map(|e| serde_json::from_value(e["result"].clone()).expect("a record"))
                .collect();
            let hers: Vec<&SearchResult> = records
                .iter()
                .filter(|r| matches!(r.object, SearchObject::Opportunity | SearchObject::Case) || shows_type(r))
                .collect();
            assert!(hers.is_empty(), "Dana's records filed under Tomás: {hers:?}");
        }
    }
}

/// Security review D8: a pinned record's address is always the core's, never the one a window
/// sent, even before this process has made a session (no search or list view yet): a window
/// (the palette) that went wrong cannot store an address of its choosing for later opening.
#[tokio::test]
async fn a_pin_keeps_the_cores_record_address_not_the_windows() {
    let org = spawn_demo_org(&[]);
    let dir = tempfile::tempdir().expect("tmp");
    let tokens = Arc::new(MemoryStore::default());
    let setup = || Setup::Policy(Ok(Some(workstation::policy::demo_policy(&org.url))));
    let first = Workstation::new(dir.path(), setup(), tokens.clone()).expect("workstation");
    connect_as(&first, "demo").await;
    let found = first.search("Acme", Limits::default()).await.expect("search");
    let mut forged = found.results[0].clone();
    let genuine = forged.url.clone();
    forged.url = "https://evil.example/lightning/r/Account/001/view".into();

    // Another process of the same person: connected, no session made yet.
    let second = Workstation::new(dir.path(), setup(), tokens).expect("workstation");
    assert_eq!(second.card().name(), "connected");
    second.set_pinned(&forged, true).expect("pinned");
    let pinned = second.pinned();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].record.url, genuine, "the core's address");
}
