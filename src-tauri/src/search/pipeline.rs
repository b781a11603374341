//! The typing pipeline between keystrokes and the search service. Each keystroke gets a
//! sequence number; the previous task is aborted (which drops its HTTP request), instant
//! local results go out at once, Salesforce is asked only after the debounce, and an
//! answer is delivered only if no newer keystroke came in meanwhile. So at most one
//! request is in flight and a stale answer never overwrites a newer one.

use super::recent::RecentRecords;
use super::{SearchError, SearchOutcome, SearchService};
use crate::salesforce::sosl::{Limits, SearchTerm};
use crate::salesforce::SearchResult;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// What the UI is told, each tagged with the keystroke it answers.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum SearchEvent {
    /// The box was emptied or holds too little to search.
    Idle {
        seq: u64,
        text: String,
        message: Option<String>,
    },
    /// Local matches, shown before Salesforce answers.
    Instant {
        seq: u64,
        text: String,
        results: Vec<SearchResult>,
    },
    /// Salesforce's answer merged with the instant results.
    Results {
        seq: u64,
        text: String,
        outcome: SearchOutcome,
    },
    Failed {
        seq: u64,
        text: String,
        kind: String,
        message: String,
        instant: Vec<SearchResult>,
    },
}

pub type Sink = Arc<dyn Fn(SearchEvent) + Send + Sync>;

/// Where the pipeline's searches go. The workstation's backend follows the live session (a
/// Reconnect replaces it, so a pipeline kept by the window keeps working) and hears about
/// failures (a dead session moves the card to *needs attention*).
pub trait Backend: Send + Sync {
    /// The search service to use now, or why there is none: `(kind, message)`.
    fn service(&self) -> Result<Arc<SearchService>, (String, String)>;
    /// A search failed (called even when a newer keystroke made the answer stale).
    fn failed(&self, _error: &SearchError) {}
}

/// One fixed service.
struct Fixed(Arc<SearchService>);

impl Backend for Fixed {
    fn service(&self) -> Result<Arc<SearchService>, (String, String)> {
        Ok(self.0.clone())
    }
}

pub struct SearchPipeline {
    backend: Arc<dyn Backend>,
    recent: Arc<Mutex<RecentRecords>>,
    sink: Sink,
    debounce: Duration,
    latest: Arc<AtomicU64>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// Instant results first, then Salesforce's, without duplicates.
pub fn merge(instant: &[SearchResult], remote: Vec<SearchResult>) -> Vec<SearchResult> {
    let mut out: Vec<SearchResult> = Vec::with_capacity(instant.len() + remote.len());
    for r in instant.iter().cloned().chain(remote) {
        if !out.iter().any(|o| o.object == r.object && o.id == r.id) {
            out.push(r);
        }
    }
    out
}

impl SearchPipeline {
    pub fn new(service: Arc<SearchService>, recent: Arc<Mutex<RecentRecords>>, sink: Sink, debounce: Duration) -> Self {
        SearchPipeline::with_backend(Arc::new(Fixed(service)), recent, sink, debounce)
    }

    pub fn with_backend(
        backend: Arc<dyn Backend>,
        recent: Arc<Mutex<RecentRecords>>,
        sink: Sink,
        debounce: Duration,
    ) -> Self {
        SearchPipeline {
            backend,
            recent,
            sink,
            debounce,
            latest: Arc::new(AtomicU64::new(0)),
            task: Mutex::new(None),
        }
    }

    /// The user's text changed. Returns the keystroke's sequence number.
    pub fn input(&self, text: &str) -> u64 {
        let seq = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        if let Ok(mut task) = self.task.lock() {
            if let Some(previous) = task.take() {
                previous.abort();
            }
        }
        let text = text.to_string();
        let term = match SearchTerm::parse(&text) {
            Ok(t) => t,
            Err(e) => {
                let message = (!text.trim().is_empty()).then(|| e.to_string());
                (self.sink)(SearchEvent::Idle { seq, text, message });
                return seq;
            }
        };
        let instant = self
            .recent
            .lock()
            .map(|r| r.matching(term.as_str(), 8))
            .unwrap_or_default();
        (self.sink)(SearchEvent::Instant {
            seq,
            text: text.clone(),
            results: instant.clone(),
        });

        let (backend, recent, sink, latest, debounce) = (
            self.backend.clone(),
            self.recent.clone(),
            self.sink.clone(),
            self.latest.clone(),
            self.debounce,
        );
        let handle = tokio::spawn(async move {
            tokio::time::sleep(debounce).await;
            if latest.load(Ordering::SeqCst) != seq {
                return;
            }
            let service = match backend.service() {
                Ok(service) => service,
                Err((kind, message)) => {
                    sink(SearchEvent::Failed {
                        seq,
                        text,
                        kind,
                        message,
                        instant,
                    });
                    return;
                }
            };
            let answer = service.search(term.as_str(), Limits::default()).await;
            if let Err(e) = &answer {
                backend.failed(e);
            }
            if latest.load(Ordering::SeqCst) != seq {
                return; // a newer keystroke owns the screen now
            }
            let event = match answer {
                Ok(outcome) => {
                    if let Ok(mut r) = recent.lock() {
                        r.remember_found(&outcome.results);
                    }
                    let results = merge(&instant, outcome.results);
                    SearchEvent::Results {
                        seq,
                        text,
                        outcome: SearchOutcome { results, ..outcome },
                    }
                }
                Err(e) => failed(seq, text, e, instant),
            };
            sink(event);
        });
        if let Ok(mut task) = self.task.lock() {
            *task = Some(handle);
        }
        seq
    }

    pub fn latest_seq(&self) -> u64 {
        self.latest.load(Ordering::SeqCst)
    }
}

fn failed(seq: u64, text: String, e: SearchError, instant: Vec<SearchResult>) -> SearchEvent {
    SearchEvent::Failed {
        seq,
        text,
        kind: e.kind().to_string(),
        message: crate::i18n::remember(&e),
        instant,
    }
}
