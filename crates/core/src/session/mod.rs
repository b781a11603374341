//! A person's live session, owned by the core: the services of the session the card stands
//! for (made on first use, dropped at every card change), what is kept of the person's
//! searches (recent records, what the org taught us, pins and their refresh), the search
//! boxes' typing pipelines, and the one step every answer goes through.
//!
//! Everything is filed under a typed [`SessionKey`] (org, user, address), and every answer is
//! tagged with the key it was asked under: when that is no longer the current one (a Reconnect
//! as someone else, a Disconnect), the answer is dropped — not shown, not kept. Nothing here
//! assumes a single org: a second org would be a second key beside the first.

mod after_search;
mod answers_file;
mod boxes;

mod live;
mod memo;
mod observe;
mod recent;

pub use crate::session_key::SessionKey;
pub use answers_file::ANSWERS_FILE;
pub use boxes::{BoxSink, SearchBox};
pub use live::Live;
pub use memo::{SEARCH_MEMO_FILE, UNSEEN_KEPT_FOR_SECS};
pub use recent::RECENT_FILE;

use crate::auth::card::CardState;
use crate::auth::connection::{Connection, NoSession};
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::{Limits, SearchTerm};
use crate::salesforce::{SalesforceError, SearchObject, SearchResult};
use crate::search::answers::AnswerKey;
use crate::search::pins::{PinError, Pins};
use crate::search::pipeline::{SearchPipeline, Sink};
use crate::search::{SearchError, SearchOutcome};
use crate::store::{LocalStore, StoreError};
use answers_file::AnswersFile;
use memo::Memo;
use recent::Recent;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use thiserror::Error;

/// Why a session's action did not go through.
#[derive(Debug, Error)]
pub enum SessionError {
    #[error(transparent)]
    NoSession(#[from] NoSession),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Pin(#[from] PinError),
    /// The answer came for a session that is no longer the current one (a Reconnect as
    /// someone else, a Disconnect, meanwhile): it was dropped.
    #[error("the Salesforce connection changed while the search was under way")]
    Changed,
}

/// A typing pipeline of the current person's session.
pub type Pipeline = SearchPipeline<Shared>;

/// The current person's session and what is kept of it. The search boxes' pipelines sit
/// beside it (they hold it, so it cannot hold them).
pub struct Shared {
    /// Itself, for what outlives a call: the describe a search starts files its answer here.
    me: std::sync::Weak<Shared>,
    conn: Arc<Connection>,
    http: reqwest::Client,
    settings: Arc<LocalStore>,
    memo: Memo,
    recent: Recent,
    /// The last minute's answers on disk, for one-off searches (the command line's runs).
    answers: AnswersFile,
    search_timeout_ms: AtomicU64,
    /// How long a search's answer is given again ([`crate::search::answers::ANSWERS_KEPT_FOR`]).
    answers_kept_ms: AtomicU64,
    current: Mutex<Current>,
}

/// Whose session the card stands for now, and its services once made. One lock, so that a
/// change of session and the filing or delivery of an answer never interleave.
struct Current {
    key: Option<SessionKey>,
    live: Option<Arc<Live>>,
}

pub struct Sessions {
    shared: Arc<Shared>,
    boxes: Arc<boxes::Boxes>,
}

impl Shared {
    fn current(&self) -> MutexGuard<'_, Current> {
        self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The card changed: the services are made again on the new session at their next use,
    /// and what is kept becomes the new person's.
    fn follow(&self, card: &CardState) {
        let key = self.conn.session_key(card);
        let mut current = self.current();
        current.live = None;
        self.recent.enter(key.as_ref());
        current.key = key;
    }

    /// The services of the current session, made on first use.
    fn live(&self) -> Result<Arc<Live>, NoSession> {
        let mut current = self.current();
        if let Some(live) = &current.live {
            return Ok(live.clone());
        }
        let session = self.conn.session()?;
        let timeout = Duration::from_millis(self.search_timeout_ms.load(Ordering::Relaxed));
        let live = Arc::new(Live::new(
            session,
            self.http.clone(),
            self.settings.clone(),
            &self.memo,
            timeout,
        ));
        let (me, key) = (self.me.clone(), live.key().clone());
        live.search().keep_learning_with(Arc::new(move |unseen| {
            if let Some(shared) = me.upgrade() {
                shared.learnt(&key, unseen);
            }
        }));
        live.search()
            .keep_answers_for(Duration::from_millis(self.answers_kept_ms.load(Ordering::Relaxed)));
        current.live = Some(live.clone());
        Ok(live)
    }

    /// Salesforce answered `e`: a dead session moves the card to *needs attention*.
    fn observe(&self, e: &SalesforceError) {
        if let Some(end) = observe::session_end(e) {
            self.conn.session_ended(end);
        }
    }
}

impl Sessions {
    /// The session of `conn`, with what the data folder keeps of it.
    pub fn new(
        conn: Arc<Connection>,
        http: reqwest::Client,
        settings: Arc<LocalStore>,
        data_dir: &Path,
    ) -> Result<Sessions, StoreError> {
        let memo = Memo::open(data_dir)?;
        let shared = Arc::new_cyclic(|me| Shared {
            me: me.clone(),
            memo,
            recent: Recent::open(data_dir),
            answers: AnswersFile::open(data_dir),
            search_timeout_ms: AtomicU64::new(crate::salesforce::client::SEARCH_TIMEOUT.as_millis() as u64),
            answers_kept_ms: AtomicU64::new(crate::search::answers::ANSWERS_KEPT_FOR.as_millis() as u64),
            current: Mutex::new(Current { key: None, live: None }),
            conn,
            http,
            settings,
        });
        let card = shared.conn.card();
        if !matches!(card, CardState::Connecting { .. }) {
            shared.follow(&card);
        }
        let boxes = Arc::new(boxes::Boxes::default());
        // A new card state means a new (or no) session; a connection attempt in progress
        // changes nothing yet (it may be cancelled).
        let (weak_shared, weak_boxes) = (Arc::downgrade(&shared), Arc::downgrade(&boxes));
        shared.conn.subscribe(move |card| {
            if matches!(card, CardState::Connecting { .. }) {
                return;
            }
            if let Some(shared) = weak_shared.upgrade() {
                shared.follow(card);
            }
            // Dropped pipelines abort their requests.
            if let Some(boxes) = weak_boxes.upgrade() {
                boxes.clear();
            }
        });
        Ok(Sessions { shared, boxes })
    }

    pub fn connection(&self) -> &Arc<Connection> {
        &self.shared.conn
    }

    /// Whose session the card stands for now (`None`: nobody's).
    pub fn current_key(&self) -> Option<SessionKey> {
        self.shared.current().key.clone()
    }

    /// The services of the current session, made on first use.
    pub fn live(&self) -> Result<Arc<Live>, NoSession> {
        self.shared.live()
    }

    /// The services if they were made already (no request, no credential read).
    pub fn made(&self) -> Option<Arc<Live>> {
        self.shared.current().live.clone()
    }

    /// Salesforce answered `e` (to a views request, say): a dead session moves the card.
    pub fn observe(&self, e: &SalesforceError) {
        self.shared.observe(e)
    }

    /// How long a search may take ([`crate::salesforce::client::SEARCH_TIMEOUT`] by default).
    pub fn set_search_timeout(&self, timeout: Duration) {
        self.shared
            .search_timeout_ms
            .store(timeout.as_millis().max(1) as u64, Ordering::Relaxed);
        if let Some(live) = self.made() {
            live.client().set_search_timeout(timeout);
        }
    }

    /// How long a search's answer is given again without asking Salesforce (a minute by
    /// default; zero asks every time, as benchmarks of the round trip need).
    pub fn keep_answers_for(&self, kept_for: Duration) {
        self.shared
            .answers_kept_ms
            .store(kept_for.as_millis() as u64, Ordering::Relaxed);
        if let Some(live) = self.made() {
            live.search().keep_answers_for(kept_for);
        }
    }

    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.made().and_then(|l| l.client().api_usage())
    }

    // ----- search -----

    /// One search (the command line's): its answer goes through the same step as the window's.
    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, SessionError> {
        self.search_once(text, None, limits).await
    }

    /// A one-off search (of `only` one object type, or all): answered from the data folder's
    /// answers of the last minute when another run of this session asked the same, and kept
    /// there for the next run otherwise.
    async fn search_once(
        &self,
        text: &str,
        only: Option<SearchObject>,
        limits: Limits,
    ) -> Result<SearchOutcome, SessionError> {
        let live = self.live()?;
        let kept_for = self.shared.answers_kept_ms.load(Ordering::Relaxed) / 1000;
        let question = SearchTerm::parse(text)
            .ok()
            .map(|t| (AnswerKey::new(&t, only, limits), t));
        if let Some((key, term)) = &question {
            if let Some(outcome) = self.shared.answers.recall(live.key(), key, kept_for) {
                let outcome = live.search().said_again(term, outcome);
                return self.shared.settle(live.key(), Ok(outcome));
            }
        }
        let answer = match only {
            Some(object) => live.search().search_one(text, object, limits).await,
            None => live.search().search(text, limits).await,
        };
        // Kept once filed under the current session: an answer of a session that ended
        // meanwhile (a Disconnect) is not written back.
        let settled = self.shared.settle(live.key(), answer)?;
        if let (Some((key, _)), true) = (&question, kept_for > 0) {
            self.shared.answers.keep(live.key(), key, &settled);
        }
        Ok(settled)
    }

    /// One object type alone (`search TERM --type OBJECT`): one SOSL request naming only it.
    pub async fn search_one(
        &self,
        text: &str,
        object: SearchObject,
        limits: Limits,
    ) -> Result<SearchOutcome, SessionError> {
        self.search_once(text, Some(object), limits).await
    }

    /// A typing pipeline of the current session that reports to `sink`. Made again after a
    /// change of session: one made before it delivers nothing more.
    pub fn pipeline(&self, sink: Sink<NoSession>, debounce: Duration) -> Result<Pipeline, NoSession> {
        self.live()?;
        Ok(SearchPipeline::new(
            self.shared.clone(),
            self.shared.recent.shared(),
            sink,
            debounce,
        ))
    }

    /// Where the search boxes' events go (the window registers once).
    pub fn on_search_events(&self, sink: BoxSink) {
        self.boxes.set_sink(sink);
    }

    /// A keystroke in search box `at`; its answers go to the sink given to
    /// [`Self::on_search_events`]. Call it within a Tokio runtime (the request is a task).
    pub fn type_search(&self, at: SearchBox, text: &str) -> Result<u64, NoSession> {
        self.boxes.input(at, text, |sink| {
            self.pipeline(sink, crate::search::pipeline::DEFAULT_DEBOUNCE)
        })
    }

    /// "More" for `object`'s group of box `at`'s answer to keystroke `seq`; false when there is
    /// nothing to ask. Call it within a Tokio runtime.
    pub fn search_more(&self, at: SearchBox, seq: u64, object: SearchObject) -> bool {
        self.boxes.more(at, seq, object)
    }

    /// Local matches only (no request).
    pub fn instant_results(&self, text: &str, max: usize) -> Vec<SearchResult> {
        self.shared.recent.matching(text, max)
    }

    /// The person opened `result`: it is kept as a visit, and its address made again from the
    /// live session (object and ID only): the front end's copy may come from another session's
    /// cache, or say anything at all.
    pub fn opened(&self, result: &SearchResult) -> Result<String, SessionError> {
        let live = self.live()?;
        let url = live
            .client()
            .links()
            .record_url(result.object.record_page_sobject(), &result.id);
        let fresh = SearchResult {
            url: url.clone(),
            ..result.clone()
        };
        let current = self.shared.current();
        if current.key.as_ref() != Some(live.key()) {
            return Err(SessionError::Changed);
        }
        self.shared.recent.opened(&fresh);
        Ok(url)
    }

    /// The records the person opened lately, the last first.
    pub fn opened_lately(&self, max: usize) -> Vec<SearchResult> {
        self.shared.recent.opened_lately(max)
    }

    // ----- pins -----

    /// The pinned records of the person the card shows, the latest pinned first.
    pub fn pinned(&self) -> Vec<SearchResult> {
        self.current_key()
            .map(|key| Pins::new(self.shared.settings.clone()).list(&key))
            .unwrap_or_default()
    }

    /// Pins or unpins `record` for the person the card shows; returns their pinned records.
    /// The address is made again from the live session when there is one.
    pub fn set_pinned(&self, record: &SearchResult, pinned: bool) -> Result<Vec<SearchResult>, SessionError> {
        let key = self.current_key().ok_or_else(|| self.shared.conn.no_session())?;
        let pins = Pins::new(self.shared.settings.clone());
        if !pinned {
            return Ok(pins.unpin(&key, record.object, &record.id)?);
        }
        // The record page is always the core's own, never the address a window sent: from the
        // live session's links, else from the connected org's address (no session is made
        // before the first search or list view).
        let links = match self.made().filter(|l| *l.key() == key) {
            Some(live) => Some(live.client().links().clone()),
            None => {
                let card = self.shared.conn.card();
                self.shared
                    .conn
                    .instance_url(&card)
                    .and_then(|instance| crate::salesforce::urls::RecordLinks::for_instance(&instance))
            }
        };
        let links = links.ok_or_else(|| self.shared.conn.no_session())?;
        let mut record = record.clone();
        record.url = links.record_url(record.object.record_page_sobject(), &record.id);
        Ok(pins.pin(&key, &record)?)
    }

    /// Disconnect: the records found, the answers kept and what the org taught us go with the
    /// connection.
    pub fn forget_searches(&self) {
        self.shared.recent.forget();
        self.shared.memo.forget();
        self.shared.answers.forget();
    }
}
