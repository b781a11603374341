//! Search as the front ends get it: the core session's searches (one search for the CLI, a
//! typing pipeline per search box for the window) turned into transport types with their words
//! in the person's language. What an answer does to what is kept (recent records, pins, what
//! the org taught us) is the core's one step after a search (`session::after_search`).

use super::localize::{self, Localize};
use super::*;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::Limits;
use crate::salesforce::{SearchObject, SearchResult};
use crate::search::SearchOutcome;
use serde::Serialize;
use std::time::Duration;
use workstation_core::auth::connection::NoSession;
use workstation_core::search::pipeline as core_pipeline;
use workstation_core::session::{self, SessionError};

pub use workstation_core::session::SearchBox;

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

/// Where the search boxes' events go, each told which box it answers.
pub type BoxSink = Arc<dyn Fn(SearchBox, SearchEvent) + Send + Sync>;

impl SearchEvent {
    /// The core's event as the window gets it, in the current language.
    pub(super) fn from_core(event: core_pipeline::SearchEvent<NoSession>) -> SearchEvent {
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
            E::Results { seq, text, outcome, .. } => SearchEvent::Results {
                seq,
                text,
                outcome: outcome.into(),
            },
            E::Unavailable {
                seq,
                text,
                why,
                instant,
            } => {
                let why = ApiError::from(why);
                SearchEvent::Failed {
                    seq,
                    text,
                    kind: why.kind().to_string(),
                    message: why.localize(lang),
                    instant: shown(instant),
                }
            }
            E::Failed {
                seq,
                text,
                error,
                instant,
                ..
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
                ..
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
pub struct SearchPipeline(session::Pipeline);

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

impl From<SessionError> for ApiError {
    fn from(e: SessionError) -> ApiError {
        match e {
            SessionError::NoSession(e) => e.into(),
            SessionError::Search(e) => e.into(),
            SessionError::Pin(e) => e.into(),
            SessionError::Changed => ApiError::SessionChanged,
        }
    }
}

/// The core's events in the person's language.
fn say(sink: Sink) -> core_pipeline::Sink<NoSession> {
    Arc::new(move |event| sink(SearchEvent::from_core(event)))
}

impl Workstation {
    // ----- search -----

    /// One search; its answer goes through the core's one step after a search, as the
    /// window's do.
    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, ApiError> {
        Ok(self.sessions.search(text, limits).await?)
    }

    /// One object type alone (`search TERM --type OBJECT`): one SOSL request naming only it.
    pub async fn search_one(
        &self,
        text: &str,
        object: SearchObject,
        limits: Limits,
    ) -> Result<SearchOutcome, ApiError> {
        Ok(self.sessions.search_one(text, object, limits).await?)
    }

    /// A typing pipeline of the current session that reports to `sink`. After a change of
    /// session it delivers nothing more: make another.
    pub fn search_pipeline(&self, sink: Sink, debounce: Duration) -> Result<SearchPipeline, ApiError> {
        Ok(SearchPipeline(self.sessions.pipeline(say(sink), debounce)?))
    }

    /// Where the search boxes' events go (the window registers once).
    pub fn on_search_events(&self, sink: BoxSink) {
        self.sessions
            .on_search_events(Arc::new(move |at, event| sink(at, SearchEvent::from_core(event))));
    }

    /// A keystroke in search box `at`: answers go to the sink given to `on_search_events`,
    /// told they are `at`'s. Call it within the async runtime (the request is a task).
    pub fn type_search(&self, at: SearchBox, text: &str) -> Result<u64, ApiError> {
        Ok(self.sessions.type_search(at, text)?)
    }

    /// "More" for `object`'s group of box `at`'s answer to keystroke `seq`: the grown group
    /// arrives as a `search` event of the same keystroke. False when there is nothing to ask.
    /// Call it within the async runtime (the request is a task).
    pub fn search_more(&self, at: SearchBox, seq: u64, object: SearchObject) -> bool {
        self.sessions.search_more(at, seq, object)
    }

    /// Local matches only (no request).
    pub fn instant_results(&self, text: &str, max: usize) -> Vec<SearchResult> {
        self.sessions.instant_results(text, max)
    }

    /// The address to open for a result the window chose, and a note that it was opened. The
    /// address is made again from the live session (object and ID only): the window's copy may
    /// come from the recent-records cache of another session, or say anything at all.
    pub fn opened(&self, result: &SearchResult) -> Result<String, ApiError> {
        Ok(self.sessions.opened(result)?)
    }

    /// Disconnect: the records found and what the org taught us go with the connection.
    pub(super) fn forget_searches(&self) {
        self.sessions.forget_searches()
    }

    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.sessions.api_usage()
    }
}
