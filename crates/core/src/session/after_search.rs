//! The one step every search answer goes through, from the window's pipelines and the command
//! line alike: if it was asked under the current session, its records are kept for instant
//! results, what the search learnt this person cannot see is remembered, pinned records it
//! shows again are refreshed, and a dead session moves the card. An answer of another session
//! is dropped whole: nothing of one person is ever filed under another.

use super::{SessionError, SessionKey, Shared};
use crate::auth::connection::NoSession;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::Unseen;
use crate::search::pins::Pins;
use crate::search::pipeline::Backend;
use crate::search::{SearchError, SearchOutcome, SearchService};
use std::sync::Arc;

impl Shared {
    /// Files `answer`, asked under `session`, if that is still the current session; says
    /// whether it was.
    pub(super) fn after_search(&self, session: &SessionKey, answer: &Result<SearchOutcome, SearchError>) -> bool {
        {
            // Held while filing: a change of session waits until this answer is filed under
            // the person who asked, and none is filed after it.
            let current = self.current();
            if current.key.as_ref() != Some(session) {
                tracing::info!("an answer of a session that is no longer current was dropped");
                return false;
            }
            if let Some(live) = current.live.as_ref().filter(|l| l.key() == session) {
                self.memo.keep(session, live.search().unseen());
            }
            if let Ok(outcome) = answer {
                self.recent.found(&outcome.results);
                if let Err(e) = Pins::new(self.settings.clone()).refresh(session, &outcome.results) {
                    tracing::warn!(error = %e, "pinned records could not be refreshed");
                }
            }
        }
        // Outside the lock: a dead session moves the card, whose listeners take it.
        if let Err(SearchError::Salesforce(e)) = answer {
            self.observe(e);
        }
        true
    }

    /// `session`'s searches learnt what it cannot see (a refusal, a describe that may have
    /// outlived the keystroke that asked): kept in the memo under that session only while it is
    /// the current one, as answers are.
    pub(super) fn learnt(&self, session: &SessionKey, unseen: &Unseen) {
        let current = self.current();
        if current.key.as_ref() != Some(session) {
            tracing::info!("what a session that is no longer current learnt was dropped");
            return;
        }
        self.memo.keep(session, unseen.clone());
    }

    /// A one-off search's answer, once through the step.
    pub(super) fn settle(
        &self,
        session: &SessionKey,
        answer: Result<SearchOutcome, SearchError>,
    ) -> Result<SearchOutcome, SessionError> {
        if !self.after_search(session, &answer) {
            return Err(SessionError::Changed);
        }
        Ok(answer?)
    }
}

/// The typing pipelines search with the current session and file through the same step.
impl Backend for Shared {
    type Unavailable = NoSession;

    fn service(&self) -> Result<(SessionKey, Arc<SearchService>), NoSession> {
        let live = self.live()?;
        Ok((live.key().clone(), live.search().clone()))
    }

    fn answered(&self, session: &SessionKey, answer: &Result<SearchOutcome, SearchError>) -> bool {
        self.after_search(session, answer)
    }

    fn deliver(&self, session: &SessionKey, deliver: &mut dyn FnMut()) -> bool {
        let current = self.current();
        if current.key.as_ref() != Some(session) {
            return false;
        }
        deliver();
        true
    }

    fn api_usage(&self) -> Option<ApiUsage> {
        self.current().live.as_ref().and_then(|l| l.client().api_usage())
    }
}
