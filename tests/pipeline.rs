//! The typing pipeline against a slow demo org: debounce, one request in flight, stale
//! answers dropped (spec §2 "Stale responses never overwrite newer ones").

mod common;

use common::*;
use std::time::Duration;
use workstation::search::pipeline::SearchEvent;

fn results_texts(events: &[SearchEvent]) -> Vec<(u64, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            SearchEvent::Results { seq, text, .. } => Some((*seq, text.clone())),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn fast_typing_sends_at_most_two_requests_and_shows_only_the_last_answer() {
    let org = demo_org().await;
    org.faults().set_latency(Duration::from_millis(100));
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(150)).expect("pipeline");
    let before = org.stats().search_requests;
    let text = "Acme Corporation Ltd";
    let mut last = 0;
    for i in 1..=text.chars().count() {
        let prefix: String = text.chars().take(i).collect();
        last = pipeline.input(&prefix);
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    let sent = org.stats().search_requests - before;
    assert!(sent <= 2, "{sent} requests for 20 keystrokes");
    let shown = results_texts(&events.lock().expect("lock"));
    assert_eq!(shown.last().map(|(s, _)| *s), Some(last), "{shown:?}");
    assert!(
        shown.iter().all(|(s, _)| *s == last),
        "no stale answer delivered: {shown:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_dropped_when_the_user_typed_on() {
    let org = demo_org().await;
    org.faults().set_latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let first = pipeline.input("Acme");
    tokio::time::sleep(Duration::from_millis(100)).await; // first request is in flight
    let second = pipeline.input("Ada Lovelace");
    tokio::time::sleep(Duration::from_millis(900)).await;
    let shown = results_texts(&events.lock().expect("lock"));
    assert!(shown.iter().all(|(s, _)| *s != first), "stale answer shown: {shown:?}");
    assert_eq!(shown, vec![(second, "Ada Lovelace".to_string())]);
}

#[tokio::test]
async fn too_short_input_goes_idle_with_a_reason_and_sends_nothing() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let before = org.stats().total_requests;
    pipeline.input("a");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(org.stats().total_requests, before);
    let events = events.lock().expect("lock");
    assert!(
        matches!(&events[..], [SearchEvent::Idle { message: Some(m), .. }] if m.contains("2 characters")),
        "{events:?}"
    );
}

#[tokio::test]
async fn instant_results_arrive_before_salesforce_answers() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    ws.search("Ada Lovelace", Default::default())
        .await
        .expect("seed the cache");
    org.faults().set_latency(Duration::from_millis(300));
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    pipeline.input("Ada");
    tokio::time::sleep(Duration::from_millis(50)).await;
    {
        let events = events.lock().expect("lock");
        assert!(
            matches!(&events[..], [SearchEvent::Instant { results, .. }] if results.iter().any(|r| r.title == "Ada Lovelace")),
            "{events:?}"
        );
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    let events = events.lock().expect("lock");
    match events.last() {
        Some(SearchEvent::Results { outcome, .. }) => {
            assert_eq!(outcome.results[0].title, "Ada Lovelace", "instant results stay first")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_new_pipeline_numbers_on_from_the_old_one() {
    // The window replaces its pipeline at every connection change and drops any answer
    // numbered below the last one it showed: numbers must keep rising across pipelines.
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (_, sink) = collector();
    let first = ws
        .search_pipeline(sink.clone(), Duration::from_millis(10))
        .expect("pipeline");
    let mut last = 0;
    for text in ["a", "ac", "acm", "acme"] {
        last = first.input(text);
    }
    drop(first);
    let (events, sink) = collector();
    let second = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let next = second.input("ac");
    assert!(next > last, "{next} after {last}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(results_texts(&events.lock().expect("lock")), [(next, "ac".to_string())]);
}

/// The last Salesforce answer delivered, with its keystroke.
fn last_results(events: &[SearchEvent]) -> Option<(u64, workstation::api::search::ShownOutcome)> {
    events.iter().rev().find_map(|e| match e {
        SearchEvent::Results { seq, outcome, .. } => Some((*seq, outcome.clone())),
        _ => None,
    })
}

#[tokio::test]
async fn more_grows_one_group_of_the_answer_on_screen_with_one_request() {
    use workstation::salesforce::SearchObject;
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let seq = pipeline.input("Smith");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (_, first) = last_results(&events.lock().expect("lock")).expect("an answer");
    assert_eq!(first.more, [SearchObject::Contact, SearchObject::Lead]);
    let ids = |o: &workstation::api::search::ShownOutcome| -> Vec<(SearchObject, String)> {
        o.results.iter().map(|r| (r.object, r.id.clone())).collect()
    };

    let before = org.stats().search_requests;
    assert!(!pipeline.more(seq, SearchObject::Account), "a whole group has no More");
    assert!(pipeline.more(seq, SearchObject::Contact));
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(org.stats().search_requests - before, 1, "one SOSL request");
    let (again, grown) = last_results(&events.lock().expect("lock")).expect("the grown answer");
    assert_eq!(again, seq, "the same keystroke's results");
    assert_eq!(grown.more, [SearchObject::Lead], "Contacts no longer offer More");
    let contacts = grown
        .results
        .iter()
        .filter(|r| r.object == SearchObject::Contact)
        .count();
    assert_eq!(contacts, 25);
    // What was shown stays where it was; the new Contacts follow the fifth.
    let (before_ids, after_ids) = (ids(&first), ids(&grown));
    let fifth = before_ids
        .iter()
        .rposition(|(o, _)| *o == SearchObject::Contact)
        .expect("contacts");
    assert_eq!(after_ids[..=fifth], before_ids[..=fifth]);
    assert_eq!(after_ids[fifth + 21..], before_ids[fifth + 1..]);
    assert!(!pipeline.more(seq, SearchObject::Contact), "asked once");
}

#[tokio::test]
async fn a_more_for_an_older_keystroke_is_never_shown() {
    use workstation::salesforce::SearchObject;
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(10)).expect("pipeline");
    let old = pipeline.input("Smith");
    tokio::time::sleep(Duration::from_millis(400)).await;
    // The More is in flight (slow org) when the user types on: its answer is dropped.
    org.faults().set_latency(Duration::from_millis(300));
    assert!(pipeline.more(old, SearchObject::Contact));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let new = pipeline.input("Smithson");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let shown = results_texts(&events.lock().expect("lock"));
    assert_eq!(
        shown,
        [(old, "Smith".to_string()), (new, "Smithson".to_string())],
        "no More answer for “Smith”"
    );
    // Nor can a More be asked for a keystroke that is no longer on screen.
    let before = org.stats().search_requests;
    assert!(!pipeline.more(old, SearchObject::Contact));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(org.stats().search_requests, before);
}
