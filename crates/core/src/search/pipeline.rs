//! The typing pipeline between keystrokes and the search service. Each keystroke gets a
//! sequence number; the previous task is aborted (which drops its HTTP request), instant
//! local results go out at once, Salesforce is asked only once the person stops typing (a wait
//! that follows their cadence, longer when the org's API allocation runs low: [`Cadence`]),
//! and an answer is delivered only if no newer keystroke came in meanwhile. So at most one
//! request is in flight and a stale answer never overwrites a newer one. A group's "More" is
//! a request of its own for the keystroke on screen; its answer is dropped the same way.
//! Every answer is tagged with the session it was asked under and dropped — neither delivered
//! nor filed — when that is no longer the current one; a dropped pipeline aborts its tasks.

use super::cadence::Cadence;
use super::recent::RecentRecords;
use super::{SearchError, SearchOutcome, SearchService};
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::{Limits, SearchTerm, TermError};
use crate::salesforce::{SearchObject, SearchResult};
use crate::session_key::SessionKey;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The shortest wait after a keystroke before Salesforce is asked (a quick typist's); the
/// wait grows with a slower cadence ([`Cadence::wait`]).
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// What the front end is told, each tagged with the keystroke it answers. `U` is the
/// backend's word for "no session to search with" (the product's card, say).
#[derive(Debug, Clone)]
pub enum SearchEvent<U> {
    /// The box was emptied (`why` is `None`) or holds too little to search.
    Idle {
        seq: u64,
        text: String,
        why: Option<TermError>,
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
        /// The session it was asked under (the current one when it was delivered).
        session: SessionKey,
    },
    /// There is no session to search with.
    Unavailable {
        seq: u64,
        text: String,
        why: U,
        instant: Vec<SearchResult>,
    },
    Failed {
        seq: u64,
        text: String,
        error: SearchError,
        instant: Vec<SearchResult>,
        session: SessionKey,
    },
    /// A group's "More" failed; the results on screen stay as they are.
    MoreFailed {
        seq: u64,
        text: String,
        object: SearchObject,
        error: SearchError,
        session: SessionKey,
    },
}

pub type Sink<U> = Arc<dyn Fn(SearchEvent<U>) + Send + Sync>;

/// Where the pipeline's searches go: the person's live session (a Reconnect replaces it, so a
/// pipeline made again on the new one keeps working), which files every answer and says
/// whether the session it was asked under is still the current one.
pub trait Backend: Send + Sync + 'static {
    /// Why there is no service now.
    type Unavailable: Send + 'static;
    /// The search service of the session live now and whose session it is, or why there is
    /// none.
    fn service(&self) -> Result<(SessionKey, Arc<SearchService>), Self::Unavailable>;
    /// The one step after every answer (called even when a newer keystroke made it stale):
    /// files it under `session` if that is still the current session, and says whether it is.
    /// When it is not, the answer is dropped.
    fn answered(&self, session: &SessionKey, answer: &Result<SearchOutcome, SearchError>) -> bool;
    /// Runs `deliver` only while `session` is the current one, no change of session in
    /// between; says whether it ran.
    fn deliver(&self, session: &SessionKey, deliver: &mut dyn FnMut()) -> bool;
    /// The org's API usage as Salesforce last reported it, if known (no request): a
    /// scarce allocation makes the pipeline wait longer before it asks.
    fn api_usage(&self) -> Option<ApiUsage> {
        None
    }
}

/// The live search service, or, when there is none, the reason said to the front end for
/// keystroke `seq` (with what it already shows at once).
fn service_or_say<B: Backend>(
    backend: &B,
    sink: &Sink<B::Unavailable>,
    seq: u64,
    text: &str,
    instant: Vec<SearchResult>,
) -> Option<(SessionKey, Arc<SearchService>)> {
    match backend.service() {
        Ok(service) => Some(service),
        Err(why) => {
            sink(SearchEvent::Unavailable {
                seq,
                text: text.to_string(),
                why,
                instant,
            });
            None
        }
    }
}

/// Tells the front end `event` if `session` is still the current one.
fn deliver<B: Backend>(
    backend: &B,
    session: &SessionKey,
    sink: &Sink<B::Unavailable>,
    event: SearchEvent<B::Unavailable>,
) {
    let mut event = Some(event);
    backend.deliver(session, &mut || {
        if let Some(event) = event.take() {
            sink(event);
        }
    });
}

pub struct SearchPipeline<B: Backend> {
    backend: Arc<B>,
    recent: Arc<Mutex<RecentRecords>>,
    sink: Sink<B::Unavailable>,
    debounce: Duration,
    /// The person's typing cadence in this box, which sets the wait before Salesforce is asked.
    cadence: Mutex<Cadence>,
    latest: Arc<AtomicU64>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// The "More" requests asked and not yet answered.
    more_tasks: Mutex<Vec<tokio::task::AbortHandle>>,
    /// The last Salesforce answer delivered, which a "More" grows.
    shown: Arc<Mutex<Option<Shown>>>,
}

/// A pipeline dropped (its session ended, its window closed) stops its requests: their answers
/// would belong to a session or a screen that is gone.
impl<B: Backend> Drop for SearchPipeline<B> {
    fn drop(&mut self) {
        if let Ok(mut task) = self.task.lock() {
            if let Some(task) = task.take() {
                task.abort();
            }
        }
        if let Ok(mut more) = self.more_tasks.lock() {
            for task in more.drain(..) {
                task.abort();
            }
        }
    }
}

/// What the front end shows for a keystroke: its Salesforce answer, as delivered.
struct Shown {
    seq: u64,
    text: String,
    outcome: SearchOutcome,
}

/// Why a "More" was not asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoreRefused {
    /// A newer keystroke owns the screen, or its answer has not come yet.
    Stale,
    /// Salesforce returned fewer records of that type than asked: there is no more.
    NoMore,
}

/// Keystroke numbers are unique and rising across every pipeline of the process: the window
/// drops any answer numbered below the last one it showed, and a new pipeline replaces the old
/// one at each connection change.
static LAST_SEQ: AtomicU64 = AtomicU64::new(0);

/// Salesforce's answer with the instant results it did not return, ranked as one list: one
/// group per type in the fixed order, best matches first. Salesforce's copy of a record wins
/// over the remembered one (its fields and address are current).
pub fn merge(term: &str, instant: &[SearchResult], remote: Vec<SearchResult>) -> Vec<SearchResult> {
    let mut out: Vec<SearchResult> = Vec::with_capacity(instant.len() + remote.len());
    for r in remote.into_iter().chain(instant.iter().cloned()) {
        if !out.iter().any(|o| o.object == r.object && o.id == r.id) {
            out.push(r);
        }
    }
    super::rank::rank(term, &mut out);
    out
}

impl<B: Backend> SearchPipeline<B> {
    pub fn new(
        backend: Arc<B>,
        recent: Arc<Mutex<RecentRecords>>,
        sink: Sink<B::Unavailable>,
        debounce: Duration,
    ) -> Self {
        SearchPipeline {
            backend,
            recent,
            sink,
            debounce,
            cadence: Mutex::new(Cadence::default()),
            latest: Arc::new(AtomicU64::new(0)),
            task: Mutex::new(None),
            more_tasks: Mutex::new(Vec::new()),
            shown: Arc::new(Mutex::new(None)),
        }
    }

    /// "More" for `object`'s group of the answer to keystroke `seq`: one SOSL request for that
    /// type alone ([`Limits::more`]). Its answer is the same keystroke's results with the group
    /// grown, no longer offering More; it is dropped if a newer keystroke came meanwhile. Must be
    /// called within a Tokio runtime.
    pub fn more(&self, seq: u64, object: SearchObject) -> Result<(), MoreRefused> {
        let text = {
            let shown = self.shown.lock().map_err(|_| MoreRefused::Stale)?;
            match shown.as_ref() {
                Some(s) if s.seq == seq && self.latest.load(Ordering::SeqCst) == seq => {
                    if !s.outcome.more.contains(&object) {
                        return Err(MoreRefused::NoMore);
                    }
                    s.text.clone()
                }
                _ => return Err(MoreRefused::Stale),
            }
        };
        let (backend, sink, latest, shown) = (
            self.backend.clone(),
            self.sink.clone(),
            self.latest.clone(),
            self.shown.clone(),
        );
        let task = tokio::spawn(async move {
            let Some((session, service)) = service_or_say(&*backend, &sink, seq, &text, Vec::new()) else {
                return;
            };
            let answer = service.search_one(&text, object, Limits::more()).await;
            if !backend.answered(&session, &answer) {
                return; // asked under a session that is no longer the current one
            }
            // Told while the answer on screen is held, so that two Mores answering at once
            // reach the front end in the order they grew it.
            let Ok(mut shown) = shown.lock() else { return };
            let event = {
                let current = match shown.as_mut() {
                    Some(s) if s.seq == seq && latest.load(Ordering::SeqCst) == seq => s,
                    _ => return, // a newer keystroke owns the screen now
                };
                match answer {
                    Ok(found) => {
                        let outcome = &mut current.outcome;
                        outcome.results = super::more::grow_group(&outcome.results, object, found.results);
                        outcome.more.retain(|o| *o != object);
                        outcome.not_searchable = found.not_searchable;
                        outcome.hidden_fields = found.hidden_fields;
                        SearchEvent::Results {
                            seq,
                            text,
                            outcome: outcome.clone(),
                            session: session.clone(),
                        }
                    }
                    Err(error) => SearchEvent::MoreFailed {
                        seq,
                        text,
                        object,
                        error,
                        session: session.clone(),
                    },
                }
            };
            deliver(&*backend, &session, &sink, event);
        });
        if let Ok(mut more) = self.more_tasks.lock() {
            more.retain(|t| !t.is_finished());
            more.push(task.abort_handle());
        }
        Ok(())
    }

    /// The user's text changed. Returns the keystroke's sequence number. Must be called
    /// within a Tokio runtime (the Salesforce request is a task of its own).
    pub fn input(&self, text: &str) -> u64 {
        let seq = LAST_SEQ.fetch_add(1, Ordering::SeqCst) + 1;
        self.latest.fetch_max(seq, Ordering::SeqCst);
        let wait = match self.cadence.lock() {
            Ok(mut cadence) => {
                cadence.keystroke(std::time::Instant::now());
                cadence.wait(self.debounce, self.backend.api_usage())
            }
            Err(_) => self.debounce,
        };
        if let Ok(mut task) = self.task.lock() {
            if let Some(previous) = task.take() {
                previous.abort();
            }
        }
        let text = text.to_string();
        let term = match SearchTerm::parse(&text) {
            Ok(t) => t,
            Err(e) => {
                let why = (!text.trim().is_empty()).then_some(e);
                (self.sink)(SearchEvent::Idle { seq, text, why });
                return seq;
            }
        };
        let mut instant = self
            .recent
            .lock()
            .map(|r| r.matching(term.as_str(), 8))
            .unwrap_or_default();
        // Shown in the order the answer will have, so nothing jumps when it comes.
        super::rank::rank(term.as_str(), &mut instant);
        (self.sink)(SearchEvent::Instant {
            seq,
            text: text.clone(),
            results: instant.clone(),
        });

        let (backend, sink, latest, shown) = (
            self.backend.clone(),
            self.sink.clone(),
            self.latest.clone(),
            self.shown.clone(),
        );
        let handle = tokio::spawn(async move {
            tokio::time::sleep(wait).await;
            if latest.load(Ordering::SeqCst) != seq {
                return;
            }
            let Some((session, service)) = service_or_say(&*backend, &sink, seq, &text, instant.clone()) else {
                return;
            };
            let answer = service.search(term.as_str(), Limits::default()).await;
            if !backend.answered(&session, &answer) {
                return; // asked under a session that is no longer the current one
            }
            if latest.load(Ordering::SeqCst) != seq {
                return; // a newer keystroke owns the screen now
            }
            let event = match answer {
                Ok(outcome) => {
                    let results = merge(term.as_str(), &instant, outcome.results);
                    let outcome = SearchOutcome { results, ..outcome };
                    if let Ok(mut shown) = shown.lock() {
                        *shown = Some(Shown {
                            seq,
                            text: text.clone(),
                            outcome: outcome.clone(),
                        });
                    }
                    SearchEvent::Results {
                        seq,
                        text,
                        outcome,
                        session: session.clone(),
                    }
                }
                Err(error) => SearchEvent::Failed {
                    seq,
                    text,
                    error,
                    instant,
                    session: session.clone(),
                },
            };
            deliver(&*backend, &session, &sink, event);
        });
        if let Ok(mut task) = self.task.lock() {
            *task = Some(handle);
        }
        seq
    }
}

#[cfg(test)]
mod tests {
    use super::merge;
    use crate::salesforce::{SearchObject, SearchResult};

    fn hit(object: SearchObject, id: &str, title: &str, url: &str) -> SearchResult {
        SearchResult {
            object,
            id: id.into(),
            title: title.into(),
            fields: Vec::new(),
            url: url.into(),
        }
    }

    #[test]
    fn merged_results_are_one_ranked_list_with_salesforce_copies() {
        // Remembered from an earlier session (an old address) and seen in another order.
        let instant = vec![
            hit(SearchObject::Dashboard, "01Z1", "Acme Dashboard", "https://old/01Z1"),
            hit(SearchObject::Contact, "0031", "Ada Lovelace", "https://old/0031"),
            hit(SearchObject::Account, "0011", "Acme Corporation", "https://old/0011"),
        ];
        let remote = vec![
            hit(SearchObject::Account, "0012", "Nordic Acme Traders", "https://new/0012"),
            hit(SearchObject::Account, "0011", "Acme Corporation", "https://new/0011"),
            hit(SearchObject::Contact, "0032", "Wile E. Coyote", "https://new/0032"),
        ];
        let merged = merge("acme", &instant, remote);
        let order: Vec<(&str, &str)> = merged.iter().map(|r| (r.id.as_str(), r.url.as_str())).collect();
        assert_eq!(
            order,
            [
                ("0011", "https://new/0011"), // Account, title starts with the text, Salesforce's copy
                ("0012", "https://new/0012"), // Account, a word starts with it
                ("0032", "https://new/0032"), // Contacts together, Salesforce's order first
                ("0031", "https://old/0031"), // the remembered contact Salesforce did not return
                ("01Z1", "https://old/01Z1"), // Dashboards last
            ]
        );
    }
}
