//! The last minute's search answers on disk, for the command line: a launcher spawns
//! `workstation search TERM` at every keystroke, each run a new process with nothing in memory,
//! and every SOSL request is one call of the org's scarce daily allocation. A run that asks what
//! another run asked less than a minute ago, under the same session, is answered from here.
//!
//! Filed under the session key (org, user, address), so another person never gets an answer
//! of someone else; forgotten on Disconnect with the recent records. An access-token session
//! whose user is not known ([`SessionKey::Token`]) is told apart by its address alone, so
//! nothing of it is kept here: two people's tokens for one org would share it.

use super::SessionKey;
use crate::search::answers::{AnswerKey, ANSWERS_KEPT_FOR};
use crate::search::SearchOutcome;
use crate::store::now_secs;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file in the data folder.
pub const ANSWERS_FILE: &str = "search-answers.json";
/// Answers kept at most in the file (older ones go first).
const MAX_ANSWERS: usize = 32;

#[derive(Default, Serialize, Deserialize)]
struct Answers {
    answers: Vec<Answer>,
}

#[derive(Serialize, Deserialize)]
struct Answer {
    /// The session key as the settings write it (`orgId/userId@instance`).
    session: String,
    /// [`AnswerKey::text`].
    question: String,
    /// When Salesforce answered ([`now_secs`]).
    at: u64,
    outcome: SearchOutcome,
}

/// Whether something stamped `at` is younger than `kept_for` seconds, and not from the future
/// (a clock set back must not keep an answer for ever).
fn fresh(at: u64, now: u64, kept_for: u64) -> bool {
    at <= now && now - at < kept_for
}

pub(super) struct AnswersFile {
    path: PathBuf,
}

impl AnswersFile {
    pub(super) fn open(data_dir: &Path) -> AnswersFile {
        AnswersFile {
            path: data_dir.join(ANSWERS_FILE),
        }
    }

    fn kept(owner: &SessionKey) -> bool {
        matches!(owner, SessionKey::User { .. })
    }

    /// `owner`'s answer to `question` of the last `kept_for` (at most a minute), if any.
    pub(super) fn recall(&self, owner: &SessionKey, question: &AnswerKey, kept_for: u64) -> Option<SearchOutcome> {
        if !Self::kept(owner) || kept_for == 0 {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        let answers: Answers = serde_json::from_slice(&bytes).ok()?;
        let (session, question, now) = (owner.to_string(), question.text(), now_secs());
        let kept_for = kept_for.min(ANSWERS_KEPT_FOR.as_secs());
        answers
            .answers
            .into_iter()
            .find(|a| a.session == session && a.question == question && fresh(a.at, now, kept_for))
            .map(|a| a.outcome)
    }

    /// Keeps `owner`'s answer to `question`, under the file's lock so that runs writing at once
    /// keep each other's; answers older than a minute go.
    pub(super) fn keep(&self, owner: &SessionKey, question: &AnswerKey, outcome: &SearchOutcome) {
        if !Self::kept(owner) {
            return;
        }
        let (session, question, now) = (owner.to_string(), question.text(), now_secs());
        let kept_for = ANSWERS_KEPT_FOR.as_secs();
        let written = crate::store::update_shared_file(&self.path, |disk| {
            let mut answers: Answers = disk.and_then(|b| serde_json::from_slice(b).ok()).unwrap_or_default();
            answers
                .answers
                .retain(|a| fresh(a.at, now, kept_for) && !(a.session == session && a.question == question));
            answers.answers.push(Answer {
                session,
                question,
                at: now,
                outcome: outcome.clone(),
            });
            let excess = answers.answers.len().saturating_sub(MAX_ANSWERS);
            answers.answers.drain(..excess);
            serde_json::to_vec(&answers).ok()
        });
        if let Err(e) = written {
            tracing::warn!(error = %e, "a search answer could not be kept for the next run");
        }
    }

    /// Disconnect: the answers go with the connection.
    pub(super) fn forget(&self) {
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "kept search answers could not be removed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salesforce::sosl::{Limits, SearchTerm};

    fn outcome(term: &str) -> SearchOutcome {
        SearchOutcome::empty(term)
    }

    fn question(text: &str) -> AnswerKey {
        AnswerKey::new(&SearchTerm::parse(text).expect("term"), None, Limits::default())
    }

    #[test]
    fn an_answer_is_only_ever_given_to_the_session_that_asked() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = AnswersFile::open(dir.path());
        let dana = SessionKey::user("00D1", "005A", "https://a");
        let tomas = SessionKey::user("00D1", "005B", "https://a");
        file.keep(&dana, &question("acme"), &outcome("acme"));
        assert!(file.recall(&dana, &question("ACME"), 60).is_some());
        assert!(file.recall(&tomas, &question("acme"), 60).is_none(), "another user");
        assert!(file.recall(&dana, &question("acme"), 0).is_none(), "kept for no time");
        let token = SessionKey::token("https://a");
        file.keep(&token, &question("acme"), &outcome("acme"));
        assert!(
            file.recall(&token, &question("acme"), 60).is_none(),
            "a token of nobody known"
        );
        file.forget();
        assert!(file.recall(&dana, &question("acme"), 60).is_none());
        assert!(!dir.path().join(ANSWERS_FILE).exists());
    }

    #[test]
    fn an_answer_older_than_a_minute_or_from_the_future_is_asked_again() {
        assert!(fresh(100, 159, 60));
        assert!(!fresh(100, 160, 60));
        assert!(!fresh(200, 100, 60), "stamped in the future");
    }
}
