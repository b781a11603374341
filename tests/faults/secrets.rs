//! No token reaches the window or a log line, even through faults.

use crate::answer_to;
use crate::common::{self, collector, demo_org};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use workstation::auth::store::{CredentialStore, MemoryStore};

// ------------------------------------------------------------------------- secrets

/// A writer into a shared buffer, for capturing log lines.
#[derive(Clone, Default)]
pub(crate) struct Captured(pub(crate) Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_token_reaches_the_window_or_a_log_line_even_through_faults() {
    // Every log line of the app (the demo org's own lines aside), at the most detailed level.
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace,workstation::demo_org=off"))
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let store = Arc::new(MemoryStore::default());
    let ws = common::policy_workstation(&org, &dir, store.clone());
    // What the window receives: card events, search events, command answers and errors.
    let window: Arc<Mutex<Vec<String>>> = Arc::default();
    let cards = window.clone();
    ws.subscribe(move |card| {
        cards
            .lock()
            .expect("lock")
            .push(workstation::api::shown_card(card).to_string())
    });
    ws.connect_demo_auto_approved().await.expect("connects");
    let first = store.load().expect("load").expect("tokens");

    let (events, sink) = collector();
    let pipeline = ws.search_pipeline(sink, Duration::from_millis(5)).expect("pipeline");
    let mut answers: Vec<String> = Vec::new();
    let seq = pipeline.input("Acme");
    answer_to(&events, seq).await;
    let views = ws.object_views("Account").await.expect("views");
    answers.push(serde_json::to_string(&views).expect("json"));
    answers.push(serde_json::to_string(&ws.views_editor("Account", None, None).await.expect("editor")).expect("json"));
    answers.push(
        serde_json::to_string(
            &ws.view_records("Account", &views.enabled[0], 5, 0)
                .await
                .expect("records"),
        )
        .expect("json"),
    );
    // Faults: each error as the window gets it ({kind, message}).
    org.faults().expire_all_sessions();
    let seq = pipeline.input("Ada");
    answer_to(&events, seq).await;
    let second = store.load().expect("load").expect("tokens");
    for fault in [
        r#"{"server_error":503}"#,
        r#"{"malformed_body":true}"#,
        r#"{"request_limit_exceeded":true}"#,
        r#"{"rest_api_disallowed":true}"#,
    ] {
        org.faults().clear();
        org.faults()
            .apply_json(&serde_json::from_str(fault).expect("json"))
            .expect("fault");
        let seq = pipeline.input("Acme Corp");
        answer_to(&events, seq).await;
        if let Err(e) = ws.view_records("Account", &views.enabled[0], 5, 0).await {
            answers.push(format!("{} {}", e.kind(), e));
        }
    }
    org.faults().clear();
    org.faults().revoke_refresh_tokens();
    let seq = pipeline.input("Acme Co");
    answer_to(&events, seq).await;
    answers.push(serde_json::to_string(&ws.status()).expect("status json"));
    answers.extend(
        events
            .lock()
            .expect("lock")
            .iter()
            .map(|e| serde_json::to_string(e).expect("event json")),
    );
    answers.extend(window.lock().expect("lock").iter().cloned());
    let disconnected = ws.disconnect().await.expect("disconnect");
    answers.push(disconnected.message);

    let logs = String::from_utf8(logs.0.lock().expect("lock").clone()).expect("utf-8 logs");
    assert!(logs.contains("Salesforce access token refreshed"), "the capture works");
    let secrets = [
        first.access_token.as_str(),
        first.refresh_token.as_deref().expect("refresh token"),
        second.access_token.as_str(),
        workstation::demo_org::DEMO_CLIENT_SECRET,
    ];
    for secret in secrets {
        for answer in &answers {
            assert!(!answer.contains(secret), "the window would see a secret: {answer}");
        }
        assert!(!logs.contains(secret), "a log line holds a secret");
    }
    // And what Debug prints of the secret-holding types.
    assert!(!format!("{first:?}").contains(&first.access_token));
    assert!(format!("{first:?}").contains("<redacted>"));
    let policy = workstation::policy::demo_policy(&org.base_url());
    assert!(!format!("{policy:?}").contains(workstation::demo_org::DEMO_CLIENT_SECRET));
}

#[tokio::test]
async fn a_record_value_in_an_unreadable_answer_never_reaches_the_log() {
    use workstation::api::{Setup, Workstation};
    use workstation::salesforce::sosl::Limits;
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        // The log file's default level (logging.rs).
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn,workstation=info"))
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);
    // Record data where the parser expects something else: its message quotes the value.
    const VALUE: &str = "Zephyrine Merger Confidential";
    let body = format!(r#"{{"searchRecords":"{VALUE}"}}"#);
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let url = crate::broken_server(vec![answer.into_bytes()]).await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = Workstation::new(
        dir.path(),
        Setup::AccessToken {
            instance_url: url,
            access: workstation::secret::Secret::new(common::TOKEN),
        },
        Arc::new(MemoryStore::default()),
    )
    .expect("workstation");
    let err = ws.search("Acme", Limits::default()).await.expect_err("unreadable");
    assert_eq!(err.kind(), "malformed_response", "{err}");
    assert!(!err.to_string().contains(VALUE));
    let logs = String::from_utf8(logs.0.lock().expect("lock").clone()).expect("utf-8 logs");
    let line = logs
        .lines()
        .find(|l| l.contains("a Salesforce answer could not be read"))
        .unwrap_or_else(|| panic!("the unreadable answer is logged: {logs}"));
    assert!(line.contains("line 1 column"), "where it failed: {line}");
    for word in VALUE.split(' ') {
        assert!(!logs.contains(word), "record data in the log: {logs}");
    }
}
