//! Search as the front ends use it: one search (the CLI), the typing pipeline and its
//! events (the window), the records found and opened (kept for instant results), and the
//! objects an org will not let this user search (remembered for a day).

use super::localize::{self, Localize};
use super::*;
use crate::auth::card::CardState;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::Limits;
use crate::salesforce::{SearchObject, SearchResult, Unseen};
use crate::search::recent::RecentRecords;
use crate::search::{SearchError, SearchOutcome, SearchService};
use crate::store::{is_fresh, now_secs};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;
use workstation_core::search::pipeline::{self as core_pipeline, Backend};

pub(super) const RECENT_FILE: &str = "recent-records.json";
/// A cache of what the org taught us, apart from the settings so that a search never rewrites
/// the file the window and the user's choices live in.
pub(super) const SEARCH_MEMO_FILE: &str = "search-memo.json";
const KEY_NOT_SEARCHABLE: &str = "not_searchable/";
/// How long what was learnt holds before it is asked again (an administrator may grant
/// access since).
const NOT_SEARCHABLE_FOR_SECS: u64 = 24 * 3600;

/// What this user cannot see in this org (objects their profile withholds, fields hidden by
/// field-level security), kept so that every run does not pay failed requests to learn it
/// again (spec §4: the org's API calls are scarce). Files from before fields were learnt
/// read as "no hidden field".
#[derive(Serialize, serde::Deserialize)]
struct UnseenMemo {
    #[serde(flatten)]
    unseen: Unseen,
    at: u64,
}

/// A result as the window shows it: the core's record, and what to show of it — the headline
/// and the other fields in the spec's order — decided once, in the core, for every front end
/// (the fields' labels are in the vocabulary the window gets with Settings).
#[derive(Debug, Clone, Serialize)]
pub struct ShownResult {
    #[serde(flatten)]
    pub record: SearchResult,
    pub headline: String,
    pub details: Vec<ShownField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShownField {
    /// The field's API name (`StageName`).
    pub field: String,
    pub value: Option<String>,
}

impl std::ops::Deref for ShownResult {
    type Target = SearchResult;
    fn deref(&self) -> &SearchResult {
        &self.record
    }
}

impl From<SearchResult> for ShownResult {
    fn from(record: SearchResult) -> ShownResult {
        let details = record
            .details()
            .into_iter()
            .map(|(field, value)| ShownField {
                field: field.to_string(),
                value,
            })
            .collect();
        ShownResult {
            headline: record.headline(),
            details,
            record,
        }
    }
}

fn shown(results: Vec<SearchResult>) -> Vec<ShownResult> {
    results.into_iter().map(ShownResult::from).collect()
}

/// What one search found, as the window shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ShownOutcome {
    pub term: String,
    pub results: Vec<ShownResult>,
    /// Objects this org does not let this user search; the others were searched.
    pub not_searchable: Vec<SearchObject>,
    /// Fields this user cannot see, by object; their objects were searched without them.
    pub hidden_fields: Vec<HiddenField>,
    /// The object types whose group offers "More" (Salesforce may have others).
    pub more: Vec<SearchObject>,
    /// Salesforce's own search results page for the term ("See all results in Salesforce").
    pub search_page: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HiddenField {
    pub object: SearchObject,
    pub field: String,
}

impl From<SearchOutcome> for ShownOutcome {
    fn from(o: SearchOutcome) -> ShownOutcome {
        ShownOutcome {
            term: o.term,
            results: shown(o.results),
            not_searchable: o.not_searchable,
            hidden_fields: o
                .hidden_fields
                .into_iter()
                .map(|(object, field)| HiddenField { object, field })
                .collect(),
            more: o.more,
            search_page: o.search_page,
        }
    }
}

/// What the window is told of the typing pipeline, each event tagged with the keystroke it
/// answers; messages are in the front end's language.
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
        results: Vec<ShownResult>,
    },
    /// Salesforce's answer merged with the instant results.
    Results {
        seq: u64,
        text: String,
        outcome: ShownOutcome,
    },
    Failed {
        seq: u64,
        text: String,
        kind: String,
        message: String,
        instant: Vec<ShownResult>,
    },
    /// A group's "More" failed; the results shown stay.
    MoreFailed {
        seq: u64,
        text: String,
        object: SearchObject,
        kind: String,
        message: String,
    },
}

pub type Sink = Arc<dyn Fn(SearchEvent) + Send + Sync>;

/// Which search box typed: the main window's or the quick-search palette's. Each has a
/// pipeline of its own (a keystroke in one never makes the other's answer stale, nor spends
/// its "More"), and its events go back to it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchBox {
    Main,
    Palette,
}

/// Where the search boxes' events go, each told which box it answers.
pub type BoxSink = Arc<dyn Fn(SearchBox, SearchEvent) + Send + Sync>;

impl SearchEvent {
    /// The core's event as the window gets it, in the current language.
    pub(super) fn from_core(event: core_pipeline::SearchEvent<ApiError>) -> SearchEvent {
        use core_pipeline::SearchEvent as E;
        let lang = localize::current();
        match event {
            E::Idle { seq, text, why } => SearchEvent::Idle {
                seq,
                text,
                message: why.map(|e| e.localize(lang)),
            },
            E::Instant { seq, text, results } => SearchEvent::Instant {
                seq,
                text,
                results: shown(results),
            },
            E::Results { seq, text, outcome } => SearchEvent::Results {
                seq,
                text,
                outcome: outcome.into(),
            },
            E::Unavailable {
                seq,
                text,
                why,
                instant,
            } => SearchEvent::Failed {
                seq,
                text,
                kind: why.kind().to_string(),
                message: why.localize(lang),
                instant: shown(instant),
            },
            E::Failed {
                seq,
                text,
                error,
                instant,
            } => SearchEvent::Failed {
                seq,
                text,
                kind: error.kind().to_string(),
                message: error.localize(lang),
                instant: shown(instant),
            },
            E::MoreFailed {
                seq,
                text,
                object,
                error,
            } => SearchEvent::MoreFailed {
                seq,
                text,
                object,
                kind: error.kind().to_string(),
                message: error.localize(lang),
            },
        }
    }
}

/// The typing pipeline of one window: keystrokes in, [`SearchEvent`]s out.
pub struct SearchPipeline(core_pipeline::SearchPipeline<Sessions>);

impl SearchPipeline {
    /// The user's text changed. Returns the keystroke's sequence number.
    pub fn input(&self, text: &str) -> u64 {
        self.0.input(text)
    }

    /// "More" for `object`'s group of keystroke `seq`'s answer; false when there is nothing to
    /// ask (a newer keystroke, or a group with no more).
    pub fn more(&self, seq: u64, object: SearchObject) -> bool {
        self.0.more(seq, object).is_ok()
    }
}

/// The pipeline searches with whatever session is live now, and a dead session it meets moves
/// the card (as a search from the CLI does).
impl Backend for Sessions {
    type Unavailable = ApiError;

    fn service(&self) -> Result<Arc<SearchService>, ApiError> {
        Ok(self.live()?.search.clone())
    }

    fn failed(&self, error: &SearchError) {
        self.searched();
        if let SearchError::Salesforce(e) = error {
            self.observe(e);
        }
    }

    fn found(&self, outcome: &SearchOutcome) {
        self.searched();
        self.refresh_pins(&outcome.results);
    }
}

impl Sessions {
    /// Pinned records that an answer shows again are kept as Salesforce says them now.
    pub(super) fn refresh_pins(&self, results: &[crate::salesforce::SearchResult]) {
        let Some(scope) = self.conn.data_scope(&self.conn.card()) else {
            return;
        };
        if let Err(e) = crate::search::pins::Pins::new(self.store.clone()).refresh(&scope, results) {
            tracing::warn!(error = %e, "pinned records could not be refreshed");
        }
    }

    /// What an earlier run found this user cannot see in this org, if that was less than a
    /// day ago.
    pub(super) fn remembered_unseen(&self, scope: &str) -> Unseen {
        match self
            .search_memo
            .get::<UnseenMemo>(&format!("{KEY_NOT_SEARCHABLE}{scope}"))
        {
            Some(m) if is_fresh(m.at, NOT_SEARCHABLE_FOR_SECS) => m.unseen,
            _ => Unseen::default(),
        }
    }

    /// Keeps what the live session's searches learnt, renewed when it changed or went stale.
    fn remember_unseen(&self, live: &Live) {
        let unseen = live.search.unseen();
        let key = format!("{KEY_NOT_SEARCHABLE}{}", live.memo_scope);
        let current = match self.search_memo.get::<UnseenMemo>(&key) {
            Some(m) => m.unseen == unseen && is_fresh(m.at, NOT_SEARCHABLE_FOR_SECS),
            // Nothing hidden needs no entry at all.
            None => unseen.is_empty(),
        };
        if current {
            return;
        }
        let result = if unseen.is_empty() {
            self.search_memo.remove(&key)
        } else {
            self.search_memo.set(&key, &UnseenMemo { unseen, at: now_secs() })
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not remember what this user cannot see");
        }
    }

    /// After a search from either front end: what it learnt is kept.
    fn searched(&self) {
        if let Some(live) = self.current() {
            self.remember_unseen(&live);
        }
    }
}

impl Workstation {
    // ----- search -----

    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, ApiError> {
        let live = self.live()?;
        let answer = live.search.search(text, limits).await;
        self.searched_with(answer)
    }

    /// One object type alone (`search TERM --type OBJECT`): one SOSL request naming only it.
    pub async fn search_one(
        &self,
        text: &str,
        object: SearchObject,
        limits: Limits,
    ) -> Result<SearchOutcome, ApiError> {
        let live = self.live()?;
        let answer = live.search.search_one(text, object, limits).await;
        self.searched_with(answer)
    }

    /// What every search from the command line does with its answer: found records are kept for
    /// instant results, what was learnt is kept, a dead session moves the card.
    fn searched_with(&self, answer: Result<SearchOutcome, SearchError>) -> Result<SearchOutcome, ApiError> {
        match answer {
            Ok(outcome) => {
                self.own_recent();
                if let Ok(mut r) = self.recent.lock() {
                    r.remember_found(&outcome.results);
                }
                self.sessions.searched();
                self.sessions.refresh_pins(&outcome.results);
                self.save_recent();
                Ok(outcome)
            }
            Err(SearchError::Salesforce(e)) => {
                self.sessions.searched();
                self.observe(&e);
                Err(SearchError::Salesforce(e).into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A typing pipeline that reports to `sink`. It follows the connection: after a
    /// Reconnect it searches with the new session, and a dead session moves the card.
    pub fn search_pipeline(&self, sink: Sink, debounce: Duration) -> Result<SearchPipeline, ApiError> {
        self.live()?;
        self.own_recent();
        let sink: core_pipeline::Sink<ApiError> = Arc::new(move |event| sink(SearchEvent::from_core(event)));
        Ok(SearchPipeline(core_pipeline::SearchPipeline::new(
            self.sessions.clone(),
            self.recent.clone(),
            sink,
            debounce,
        )))
    }

    /// Where the search boxes' events go (the window registers once).
    pub fn on_search_events(&self, sink: BoxSink) {
        if let Ok(mut s) = self.search_sink.lock() {
            *s = Some(sink);
        }
    }

    /// A keystroke in search box `at`: answers go to the sink given to `on_search_events`,
    /// told they are `at`'s. Call it within the async runtime (the request is a task).
    pub fn type_search(&self, at: SearchBox, text: &str) -> Result<u64, ApiError> {
        let mut boxes = self.typing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pipeline = match boxes.entry(at) {
            std::collections::hash_map::Entry::Occupied(p) => p.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let sink: Sink = match self.search_sink.lock().ok().and_then(|s| s.clone()) {
                    Some(all) => Arc::new(move |event| all(at, event)),
                    None => Arc::new(|_| {}),
                };
                slot.insert(self.search_pipeline(sink, core_pipeline::DEFAULT_DEBOUNCE)?)
            }
        };
        Ok(pipeline.input(text))
    }

    /// "More" for `object`'s group of box `at`'s answer to keystroke `seq`: the grown group
    /// arrives as a `search` event of the same keystroke. False when there is nothing to ask.
    /// Call it within the async runtime (the request is a task).
    pub fn search_more(&self, at: SearchBox, seq: u64, object: SearchObject) -> bool {
        let boxes = self.typing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        boxes.get(&at).is_some_and(|p| p.more(seq, object))
    }

    /// Local matches only (no request).
    pub fn instant_results(&self, text: &str, max: usize) -> Vec<SearchResult> {
        self.own_recent();
        self.recent.lock().map(|r| r.matching(text, max)).unwrap_or_default()
    }

    /// The user opened a record: remember it, return the URL to open.
    /// The address to open for a result the window chose, and a note that it was opened. The
    /// address is made again from the live session (object and ID only): the window's copy may
    /// come from the recent-records cache of another session, or say anything at all.
    pub fn opened(&self, result: &SearchResult) -> Result<String, ApiError> {
        let live = self.live()?;
        let url = live
            .client
            .links()
            .record_url(result.object.record_page_sobject(), &result.id);
        let fresh = SearchResult {
            url: url.clone(),
            ..result.clone()
        };
        self.own_recent();
        if let Ok(mut r) = self.recent.lock() {
            r.remember_opened(&fresh);
        }
        self.save_recent();
        Ok(url)
    }

    /// The recent records become those of whoever the card shows now: another person's (a
    /// Reconnect as someone else, a file left by an earlier session or from before records
    /// were scoped) are dropped, never shown. While an attempt is connecting they stay as
    /// they are (it may be cancelled).
    pub(super) fn own_recent(&self) {
        let card = self.card();
        if matches!(card, CardState::Connecting { .. }) {
            return;
        }
        let scope = self.conn.data_scope(&card);
        if let Ok(mut r) = self.recent.lock() {
            r.enter_scope(scope.as_deref());
        }
    }

    /// Disconnect: the records found and what the org taught us go with the connection.
    pub(super) fn forget_searches(&self) {
        if let Ok(mut r) = self.recent.lock() {
            r.clear();
        }
        let _ = std::fs::remove_file(self.data_dir.join(RECENT_FILE));
        let _ = self.sessions.search_memo.remove_prefix(KEY_NOT_SEARCHABLE);
    }

    pub(super) fn save_recent(&self) {
        let Ok(text) = self.recent.lock().map(|r| serde_json::to_vec(&*r).unwrap_or_default()) else {
            return;
        };
        if let Err(e) = crate::store::write_atomically(&self.data_dir.join(RECENT_FILE), &text) {
            tracing::warn!(error = %e, "recent records could not be saved");
        }
    }

    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.sessions.current().and_then(|l| l.client.api_usage())
    }
}

pub(super) fn load_recent(path: &Path) -> RecentRecords {
    let mut recent = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RecentRecords>(&bytes).ok())
        .unwrap_or_default();
    recent.reindex();
    recent
}
