//! End-to-end search figures against the demo org on loopback (issue #4, #6). Prints a
//! report; run with `cargo bench --bench search`. Numbers go to BENCHMARKS.md.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use workstation::api::{Setup, Workstation};
use workstation::auth::store::MemoryStore;
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::records::parse_search_response;
use workstation::salesforce::sosl::{build_query, Limits, SearchTerm};
use workstation::salesforce::urls::RecordLinks;
use workstation::salesforce::{SearchObject, SearchResult};
use workstation::search::pipeline::SearchEvent;
use workstation::search::rank::rank;
use workstation::search::recent::RecentRecords;
use workstation::secret::Secret;

const TOKEN: &str = "bench-token";
const DEBOUNCE: Duration = Duration::from_millis(150);

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn hits(n: usize) -> Vec<u8> {
    let records: Vec<serde_json::Value> = (0..n)
        .map(|i| serde_json::json!({"attributes": {"type": "Account", "url": format!("/services/data/v62.0/sobjects/Account/001{i:015}")},
            "Id": format!("001{i:015}"), "Name": format!("Acme Holdings {i}"), "Type": "Customer - Direct"}))
        .collect();
    serde_json::to_vec(&serde_json::json!({ "searchRecords": records })).expect("json")
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    println!("# Workstation search benchmarks\n");

    // Core cost: build the query, parse and rank 200 hits.
    let body = hits(200);
    let links = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("links");
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let term = SearchTerm::parse("Acme Hold").expect("term");
        let q = build_query(&term, &SearchObject::ALL, Limits::default());
        let mut results = parse_search_response(&body, &links).expect("parse");
        rank(term.as_str(), &mut results);
        std::hint::black_box((q, results));
        times.push(t.elapsed());
    }
    println!(
        "core cost of one search (build + parse + rank 200 hits): median {:?}",
        median(times)
    );

    // Instant results over 10,000 cached records.
    let mut recent = RecentRecords::with_capacity(10_000);
    let parsed: Vec<SearchResult> = parse_search_response(&hits(10_000), &links).expect("parse");
    recent.remember_found(&parsed);
    let mut times = Vec::new();
    for q in ["a", "ac", "acm", "acme", "acme h", "acme ho", "acme hol", "acme hold"]
        .iter()
        .cycle()
        .take(80)
    {
        let t = Instant::now();
        std::hint::black_box(recent.matching(q, 8));
        times.push(t.elapsed());
    }
    println!(
        "instant local results over 10,000 cached records: median {:?} per keystroke",
        median(times)
    );

    rt.block_on(async {
        let org = DemoOrg::start(DemoOrgConfig { preissued_token: Some(TOKEN.into()), ..Default::default() }).await.expect("demo org");
        let dir = tempfile::tempdir().expect("tmp");
        let ws = Arc::new(
            Workstation::new(dir.path(), Setup::AccessToken { instance_url: org.base_url(), access: Secret::new(TOKEN) }, Arc::new(MemoryStore::default()))
                .expect("ws"),
        );
        // Every search here is a round trip: the last minute's answers would spare most of them.
        ws.keep_answers_for(Duration::ZERO);

        // The demo org alone: raw SOSL requests over loopback, 16 at a time.
        let http = reqwest::Client::new();
        let q = build_query(&SearchTerm::parse("Acme").expect("term"), &SearchObject::ALL, Limits::default());
        let url = format!("{}/services/data/v62.0/search/", org.base_url());
        let n = 4000;
        let t = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (http, url, q) = (http.clone(), url.clone(), q.clone());
            tasks.push(tokio::spawn(async move {
                for _ in 0..n / 16 {
                    let r = http.get(&url).query(&[("q", &q)]).bearer_auth(TOKEN).send().await.expect("send");
                    assert!(r.status().is_success());
                    r.bytes().await.expect("body");
                }
            }));
        }
        for task in tasks {
            task.await.expect("task");
        }
        println!("demo org alone: {:.0} searches/s (16 concurrent connections, loopback)", n as f64 / t.elapsed().as_secs_f64());

        // Demo org throughput (no latency).
        let n = 2000;
        let t = Instant::now();
        let mut tasks = Vec::new();
        for i in 0..8 {
            let ws = ws.clone();
            tasks.push(tokio::spawn(async move {
                for j in 0..n / 8 {
                    let term = ["Acme", "Ada", "Müller", "Renewal", "printer"][(i + j) % 5];
                    ws.search(term, Limits::default()).await.expect("search");
                }
            }));
        }
        for task in tasks {
            task.await.expect("task");
        }
        println!("demo org + client: {:.0} searches/s (8 concurrent clients, loopback)", n as f64 / t.elapsed().as_secs_f64());

        org.faults().set_latency(Duration::from_millis(100));
        let before = org.stats().search_requests;
        ws.search("Acme", Limits::default()).await.expect("search");
        println!("HTTP requests per search (all eight objects): {}", org.stats().search_requests - before);

        // Last keystroke → results, typing 20 characters at 60 ms per key.
        let text = "Acme Corporation Ltd";
        let mut latencies = Vec::new();
        let mut sent = Vec::new();
        for _ in 0..5 {
            let done = Arc::new(Mutex::new(None::<Instant>));
            let d = done.clone();
            let pipeline = ws
                .search_pipeline(Arc::new(move |e| if let SearchEvent::Results { .. } = e { *d.lock().expect("lock") = Some(Instant::now()) }), DEBOUNCE)
                .expect("pipeline");
            let before = org.stats().search_requests;
            let mut last = Instant::now();
            for i in 1..=text.len() {
                pipeline.input(&text[..i]);
                last = Instant::now();
                tokio::time::sleep(Duration::from_millis(60)).await;
            }
            tokio::time::sleep(Duration::from_millis(600)).await;
            let finished = done.lock().expect("lock").expect("results arrived");
            latencies.push(finished - last);
            sent.push(org.stats().search_requests - before);
        }
        println!(
            "last keystroke → results (debounce {:?}, 100 ms latency): median {:?}; requests for 20 quick keystrokes: {:?}",
            DEBOUNCE,
            median(latencies),
            sent
        );

        // A list view with 2,000 records, fetched and shaped for the widget, at 100 ms.
        let views_ws = Workstation::new(
            dir.path(),
            Setup::AccessToken { instance_url: org.base_url(), access: Secret::new(TOKEN) },
            Arc::new(MemoryStore::default()),
        )
        .expect("ws");
        let contacts = views_ws.object_views("Contact").await.expect("views");
        let all = contacts.offered.iter().find(|v| v.label.starts_with("All")).expect("an All Contacts view").id.clone();
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let page = views_ws.view_records("Contact", &all, 2000, 0).await.expect("records");
            times.push(t.elapsed());
            rows = page.rows.len();
        }
        println!("list view with {rows} records at 100 ms latency: fetch + shape median {:?} (rendering is the webview's)", median(times));

        // The peer's simple approach: one request per keystroke, no debounce or cancellation.
        let before = org.stats().search_requests;
        let t = Instant::now();
        let mut handles = Vec::new();
        for i in 2..=text.len() {
            let ws = ws.clone();
            let prefix = text[..i].to_string();
            handles.push(tokio::spawn(async move { ws.search(&prefix, Limits::default()).await }));
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
        for h in handles {
            let _ = h.await;
        }
        let naive = org.stats().search_requests - before;
        println!("simple approach (a request per keystroke): {naive} requests for the same typing, done after {:?}", t.elapsed());
        let per_object = SearchObject::ALL.len();
        println!("simple approach (a request per object type): {per_object} requests per search vs 1");
    });
}
