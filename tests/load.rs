//! Load (issue #7): a thousand searches in a row and a burst of concurrent ones through the
//! core. Memory stays flat, sessions that expire during the burst are refreshed once, and
//! no task or socket is left behind. The demo org runs in its own process (loopback only),
//! so what is measured here — resident memory, open descriptors, live tasks — is the app's.
//! Both tests measure the whole process, so they take turns.

mod common;

use common::*;
use std::sync::Arc;
use std::time::{Duration, Instant};
use workstation::api::{Setup, Workstation};
use workstation::auth::store::MemoryStore;
use workstation::salesforce::sosl::Limits;
use workstation::secret::Secret;

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const TERMS: [&str; 8] = [
    "Acme",
    "Ada",
    "Global Media",
    "Printer",
    "Pricing",
    "Burlington",
    "United",
    "Edge",
];

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").expect("/proc/self/fd").count()
}

fn alive_tasks() -> usize {
    tokio::runtime::Handle::current().metrics().num_alive_tasks()
}

/// Waits (bounded) until `f` is at most `limit`, returning the last value seen.
async fn settles(limit: usize, f: impl Fn() -> usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let v = f();
        if v <= limit || Instant::now() > deadline {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn admin(
    org: &DemoOrgProcess,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    let client = reqwest::Client::new();
    let mut request = client.request(method, format!("{}{path}", org.url));
    if let Some(b) = body {
        request = request.json(&b);
    }
    request.send().await.expect("admin").json().await.expect("admin json")
}

async fn stat(org: &DemoOrgProcess, name: &str) -> u64 {
    admin(org, reqwest::Method::GET, "/__demo/stats", None).await[name]
        .as_u64()
        .expect("counter")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_searches_in_a_row_keep_memory_sockets_and_tasks_flat() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let org = spawn_demo_org(&["--token", TOKEN]);
    let dir = tempfile::tempdir().expect("tmp");
    let setup = Setup::AccessToken {
        instance_url: org.url.clone(),
        access: Secret::new(TOKEN),
    };
    let ws = Workstation::new(dir.path(), setup, Arc::new(MemoryStore::default())).expect("workstation");
    // Every search goes to the demo org: the last minute's answers would spare most of them.
    ws.keep_answers_for(Duration::ZERO);

    // Warm-up: allocator pools, the connection pool, the recent-records cache fill up.
    for i in 0..150 {
        ws.search(TERMS[i % TERMS.len()], Limits::default())
            .await
            .expect("warm-up search");
    }
    let (rss, fds, tasks) = (rss_kib(), open_fds(), alive_tasks());

    let started = Instant::now();
    let mut done = 0;
    while done < 1000 && started.elapsed() < Duration::from_secs(12) {
        let term = format!("{} {}", TERMS[done % TERMS.len()], ["", "Co", "In", "Ltd"][done % 4]);
        ws.search(term.trim(), Limits::default()).await.expect("search");
        done += 1;
    }
    eprintln!("{done} searches in {:?}", started.elapsed());
    assert!(done >= 300, "only {done} searches in 12 s");

    let grown = rss_kib().saturating_sub(rss);
    eprintln!("RSS {rss} KiB → +{grown} KiB; fds {fds}; tasks {tasks}");
    assert!(grown < 24 * 1024, "memory grew by {grown} KiB over {done} searches");
    let now = settles(fds + 2, open_fds).await;
    assert!(now <= fds + 2, "open descriptors {fds} → {now}");
    let now = settles(tasks + 2, alive_tasks).await;
    assert!(now <= tasks + 2, "live tasks {tasks} → {now}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_concurrent_searches_meeting_an_expiry_refreshes_once_and_leaks_nothing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let org = spawn_demo_org(&[]);
    let dir = tempfile::tempdir().expect("tmp");
    let policy = workstation::policy::demo_policy(&org.url);
    let ws = Arc::new(
        Workstation::new(
            dir.path(),
            Setup::Policy(Ok(Some(policy))),
            Arc::new(MemoryStore::default()),
        )
        .expect("workstation"),
    );
    ws.connect_demo_auto_approved().await.expect("connects");
    // Every search of a burst goes to the demo org and meets the expiry: the last minute's
    // answers would spare most of them.
    ws.keep_answers_for(Duration::ZERO);
    ws.search("Acme", Limits::default()).await.expect("warm-up");
    let (rss, fds, tasks) = (rss_kib(), open_fds(), alive_tasks());

    let started = Instant::now();
    let mut refreshes = 0;
    for round in 0..6u64 {
        let before = stat(&org, "refresh_grants").await;
        let burst: Vec<_> = (0..64)
            .map(|i| {
                let ws = ws.clone();
                tokio::spawn(async move { ws.search(TERMS[i % TERMS.len()], Limits::default()).await })
            })
            .collect();
        // The sessions expire while the burst is in flight (at a different moment each round).
        tokio::time::sleep(Duration::from_millis(round * 4)).await;
        admin(
            &org,
            reqwest::Method::POST,
            "/__demo/faults",
            Some(serde_json::json!({"expire_sessions": true})),
        )
        .await;
        for task in burst {
            task.await.expect("task").expect("every search of the burst succeeds");
        }
        // Whatever the burst did not meet, the next search does.
        ws.search("Acme", Limits::default()).await.expect("after the burst");
        let during = stat(&org, "refresh_grants").await - before;
        assert_eq!(during, 1, "round {round}: {during} refreshes for one expiry");
        refreshes += during;
        if started.elapsed() > Duration::from_secs(12) {
            break;
        }
    }
    assert_eq!(ws.card().name(), "connected");
    eprintln!("bursts done in {:?} with {refreshes} refreshes", started.elapsed());

    let grown = rss_kib().saturating_sub(rss);
    eprintln!("RSS {rss} KiB → +{grown} KiB; fds {fds}; tasks {tasks}");
    assert!(grown < 32 * 1024, "memory grew by {grown} KiB");
    // A burst may open several connections; only a few may stay pooled afterwards.
    let now = settles(fds + 8, open_fds).await;
    assert!(now <= fds + 8, "open descriptors {fds} → {now}");
    let now = settles(tasks + 8, alive_tasks).await;
    assert!(now <= tasks + 8, "live tasks {tasks} → {now}");
}
