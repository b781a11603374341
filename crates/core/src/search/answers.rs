//! Salesforce's answers of the last minute, so that the same term asked again (typed again,
//! backspaced to, searched from the palette after the window) costs no API call: every SOSL
//! request is one call of the org's scarce daily allocation. A minute is short enough that a
//! record changed meanwhile is rarely missed, and the person can always type on.
//!
//! One [`RecentAnswers`] belongs to one session's search service, which is made again at every
//! change of session: another person (or the same one after a Reconnect) never gets an answer
//! asked under a previous session.

use super::SearchOutcome;
use crate::salesforce::sosl::{Limits, SearchTerm};
use crate::salesforce::SearchObject;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long an answer is given again instead of asking Salesforce.
pub const ANSWERS_KEPT_FOR: Duration = Duration::from_secs(60);
/// Answers kept at most (a few minutes of typing; each is a few kilobytes).
const MAX_ANSWERS: usize = 64;

/// What makes two searches the same question: the term as Salesforce reads it (SOSL matches
/// regardless of case and of spacing), the object type of a "More" or `--type`, and the limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnswerKey {
    term: String,
    only: Option<SearchObject>,
    per_object: u32,
    total: u32,
}

impl AnswerKey {
    pub fn new(term: &SearchTerm, only: Option<SearchObject>, limits: Limits) -> AnswerKey {
        AnswerKey {
            term: normalised(term.as_str()),
            only,
            per_object: limits.per_object,
            total: limits.total,
        }
    }

    /// The key as text (`term`, object type or `*`, limits), for a file shared by processes.
    pub fn text(&self) -> String {
        let only = self.only.map(|o| o.name()).unwrap_or("*");
        format!("{}|{}|{}|{}", only, self.per_object, self.total, self.term)
    }
}

/// The term as Salesforce reads it: SOSL matches regardless of case, and the parsed term's
/// spacing is already one space between words.
fn normalised(term: &str) -> String {
    term.to_lowercase()
}

/// The answers of the last [`ANSWERS_KEPT_FOR`] (or another duration: [`Self::keep_for`]).
#[derive(Debug)]
pub struct RecentAnswers {
    kept_for: Duration,
    answers: HashMap<AnswerKey, (Instant, SearchOutcome)>,
}

impl Default for RecentAnswers {
    fn default() -> Self {
        RecentAnswers {
            kept_for: ANSWERS_KEPT_FOR,
            answers: HashMap::new(),
        }
    }
}

impl RecentAnswers {
    /// How long answers are given again; zero keeps none (benchmarks of the round trip).
    pub fn keep_for(&mut self, kept_for: Duration) {
        self.kept_for = kept_for;
        if kept_for.is_zero() {
            self.answers.clear();
        }
    }

    /// The answer to `key` if it came less than the kept duration ago.
    pub fn recall(&self, key: &AnswerKey, now: Instant) -> Option<SearchOutcome> {
        let (at, outcome) = self.answers.get(key)?;
        (now.saturating_duration_since(*at) < self.kept_for).then(|| outcome.clone())
    }

    /// Keeps Salesforce's answer to `key`, dropping those too old (and the oldest, past
    /// [`MAX_ANSWERS`]).
    pub fn keep(&mut self, key: AnswerKey, outcome: &SearchOutcome, now: Instant) {
        if self.kept_for.is_zero() {
            return;
        }
        let kept_for = self.kept_for;
        self.answers
            .retain(|_, (at, _)| now.saturating_duration_since(*at) < kept_for);
        if self.answers.len() >= MAX_ANSWERS {
            if let Some(oldest) = self
                .answers
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                self.answers.remove(&oldest);
            }
        }
        self.answers.insert(key, (now, outcome.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(term: &str) -> SearchOutcome {
        SearchOutcome::empty(term)
    }

    fn key(text: &str) -> AnswerKey {
        AnswerKey::new(&SearchTerm::parse(text).expect("term"), None, Limits::default())
    }

    #[test]
    fn the_same_term_within_a_minute_is_answered_again() {
        let mut answers = RecentAnswers::default();
        let now = Instant::now();
        answers.keep(key("Acme Corp"), &outcome("Acme Corp"), now);
        assert!(answers
            .recall(&key("acme   corp "), now + Duration::from_secs(59))
            .is_some());
        assert!(
            answers.recall(&key("acme corp"), now + ANSWERS_KEPT_FOR).is_none(),
            "a minute on"
        );
        assert!(answers.recall(&key("acme"), now).is_none(), "another term");
        let more = AnswerKey::new(
            &SearchTerm::parse("acme corp").expect("term"),
            Some(SearchObject::Account),
            Limits::more(),
        );
        assert!(answers.recall(&more, now).is_none(), "a More is another question");
    }

    #[test]
    fn kept_for_zero_keeps_nothing_and_the_oldest_goes_first() {
        let mut answers = RecentAnswers::default();
        let now = Instant::now();
        for i in 0..=MAX_ANSWERS {
            answers.keep(
                key(&format!("term {i}")),
                &outcome("t"),
                now + Duration::from_millis(i as u64),
            );
        }
        assert_eq!(answers.answers.len(), MAX_ANSWERS);
        assert!(answers.recall(&key("term 0"), now).is_none());
        answers.keep_for(Duration::ZERO);
        answers.keep(key("acme"), &outcome("acme"), now);
        assert!(answers.recall(&key("acme"), now).is_none());
    }
}
