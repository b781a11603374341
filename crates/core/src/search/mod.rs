//! Unified search: one SOSL request over the eight objects, ranked; instant local
//! results; and the typing pipeline (a wait that follows the person's cadence, one request in
//! flight, stale answers dropped).

pub mod answers;
pub mod cadence;
pub mod fold;
mod learning;
pub mod more;
pub mod pins;
pub mod pipeline;
pub mod rank;
pub mod recent;

use crate::salesforce::sosl::{Limits, SearchTerm, TermError};
use crate::salesforce::{SalesforceClient, SalesforceError, SearchObject, SearchResult, Unseen};
pub use learning::Keeper;

use answers::{AnswerKey, RecentAnswers};
use learning::Learning;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SearchError {
    #[error(transparent)]
    TooShort(#[from] TermError),
    #[error(transparent)]
    Salesforce(#[from] SalesforceError),
}

impl SearchError {
    pub fn kind(&self) -> &'static str {
        match self {
            SearchError::TooShort(TermError::TooShort) => "too_short",
            SearchError::TooShort(TermError::NoLettersOrDigits) => "no_letters_or_digits",
            SearchError::Salesforce(e) => e.kind(),
        }
    }
}

/// What one search found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchOutcome {
    pub term: String,
    pub results: Vec<SearchResult>,
    /// Objects this org does not let this user search; the others were searched.
    pub not_searchable: Vec<SearchObject>,
    /// Fields this user cannot see (field-level security); their objects were searched without
    /// them.
    pub hidden_fields: Vec<(SearchObject, String)>,
    /// Object types Salesforce returned as many records of as it was asked for: a "More" for
    /// one of them ([`SearchService::search_one`] with [`Limits::more`]) may find others.
    pub more: Vec<SearchObject>,
    /// Salesforce's own search results page for the term, on the org's Lightning host.
    pub search_page: String,
}

#[cfg(test)]
impl SearchOutcome {
    /// An answer that found nothing, for the tests of what keeps answers.
    pub(crate) fn empty(term: &str) -> SearchOutcome {
        SearchOutcome {
            term: term.into(),
            results: Vec::new(),
            not_searchable: Vec::new(),
            hidden_fields: Vec::new(),
            more: Vec::new(),
            search_page: String::new(),
        }
    }
}

/// SOSL requests one search may spend while it learns what this user cannot see: the first
/// (refused), the second after one Composite describe taught everything (one more API call),
/// and one spare for what a describe did not show. API calls are the org's scarce resource.
pub const MAX_SOSL_PER_SEARCH: usize = 3;

pub struct SearchService {
    client: Arc<SalesforceClient>,
    learning: Arc<Learning>,
    /// This session's answers of the last minute: the same question costs no second call.
    answers: Mutex<RecentAnswers>,
}

impl SearchService {
    pub fn new(client: Arc<SalesforceClient>) -> Self {
        Self::knowing(client, Unseen::default())
    }

    /// A service that already knows what this user cannot see in this org (learnt by an
    /// earlier run), so that it does not spend failed requests to learn it again.
    pub fn knowing(client: Arc<SalesforceClient>, unseen: Unseen) -> Self {
        SearchService {
            learning: Arc::new(Learning::new(client.clone(), unseen)),
            client,
            answers: Mutex::new(RecentAnswers::default()),
        }
    }

    /// Where what this service learns is filed the moment it is learnt (the session's memo),
    /// whether or not the search that learnt it is still waiting.
    pub fn keep_learning_with(&self, keeper: Keeper) {
        self.learning.keep_with(keeper);
    }

    /// How long an answer is given again without asking Salesforce
    /// ([`answers::ANSWERS_KEPT_FOR`] by default; zero asks every time).
    pub fn keep_answers_for(&self, kept_for: Duration) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.keep_for(kept_for);
        }
    }

    /// The answer given to the same question within the last minute, said for `term` as typed
    /// now (its case and Salesforce's search page may differ).
    fn recall(&self, key: &AnswerKey, term: &SearchTerm) -> Option<SearchOutcome> {
        let outcome = self.answers.lock().ok()?.recall(key, Instant::now())?;
        Some(self.said_again(term, outcome))
    }

    /// An answer given again for `term` as typed now: ranked for it, its term and Salesforce's
    /// search page its own (the case may differ from the term first asked).
    pub fn said_again(&self, term: &SearchTerm, mut outcome: SearchOutcome) -> SearchOutcome {
        rank::rank(term.as_str(), &mut outcome.results);
        outcome.term = term.as_str().to_string();
        outcome.search_page = self.client.links().search_url(term.as_str());
        outcome
    }

    /// What this user cannot see, as learnt so far.
    pub fn unseen(&self) -> Unseen {
        self.learning.unseen()
    }

    /// One request once what the user cannot see is known. The first time Salesforce refuses
    /// a search for naming an object or a field the user cannot see, what it named is kept at
    /// once, one Composite describe learns everything else (see [`learning`]) and the search is
    /// sent again without it: at most [`MAX_SOSL_PER_SEARCH`] SOSL requests, never a loop. A
    /// refusal of that kind whose sentence cannot be read gets the describe and the retry too.
    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, SearchError> {
        let term = SearchTerm::parse(text)?;
        self.search_in(&term, None, limits).await
    }

    /// One object type alone (a group's "More", `search TERM --type OBJECT`): one SOSL request
    /// naming only `object`, without the fields this user cannot see. An object this user
    /// cannot search is said as such and costs no request.
    pub async fn search_one(
        &self,
        text: &str,
        object: SearchObject,
        limits: Limits,
    ) -> Result<SearchOutcome, SearchError> {
        let term = SearchTerm::parse(text)?;
        self.search_in(&term, Some(object), limits).await
    }

    /// The objects searched now: those this user may search, or `only` of them.
    fn scope(&self, only: Option<SearchObject>) -> (Unseen, Vec<SearchObject>) {
        let unseen = self.unseen();
        let objects = unseen
            .searched_objects()
            .into_iter()
            .filter(|o| only.is_none_or(|only| only == *o))
            .collect();
        (unseen, objects)
    }

    async fn search_in(
        &self,
        term: &SearchTerm,
        only: Option<SearchObject>,
        limits: Limits,
    ) -> Result<SearchOutcome, SearchError> {
        let key = AnswerKey::new(term, only, limits);
        if let Some(outcome) = self.recall(&key, term) {
            return Ok(outcome);
        }
        let mut described = false;
        let mut attempts = 0;
        loop {
            let (unseen, objects) = self.scope(only);
            if let (Some(object), true) = (only, objects.is_empty()) {
                return Err(SalesforceError::NotSearchable {
                    object: object.name().to_string(),
                }
                .into());
            }
            attempts += 1;
            let refused = match self.client.search(term, &objects, &unseen, limits).await {
                Ok(mut results) => {
                    let more = more::may_have_more(&results, limits);
                    rank::rank(term.as_str(), &mut results);
                    results.truncate(limits.total as usize);
                    let outcome = SearchOutcome {
                        term: term.as_str().to_string(),
                        results,
                        not_searchable: unseen.objects.into_iter().collect(),
                        hidden_fields: unseen.fields.into_iter().collect(),
                        more,
                        search_page: self.client.links().search_url(term.as_str()),
                    };
                    if let Ok(mut answers) = self.answers.lock() {
                        answers.keep(key, &outcome, Instant::now());
                    }
                    return Ok(outcome);
                }
                Err(e) => e,
            };
            let named = unseen_named_by(&refused);
            if named.is_none() && !about_the_unseen(&refused) {
                return Err(refused.into());
            }
            tracing::warn!(error = %refused, "Salesforce refused to search something this user cannot see");
            if let Some(named) = named {
                self.learning.learn(named);
            }
            if !described {
                described = true;
                // Every object still searched, whatever `only` is: the describe is shared.
                self.learning.describe(self.unseen().searched_objects()).await;
            }
            // Nothing new since this request was sent (the same refusal again), no object
            // left, or the budget spent: say so rather than ask again.
            if self.unseen() == unseen || self.scope(only).1.is_empty() || attempts >= MAX_SOSL_PER_SEARCH {
                return Err(refused.into());
            }
        }
    }
}

/// A refusal for naming something this user cannot see (`INVALID_TYPE`, `INVALID_FIELD`),
/// whether or not its sentence could be read.
fn about_the_unseen(e: &SalesforceError) -> bool {
    match e {
        SalesforceError::NotSearchable { .. } | SalesforceError::HiddenField { .. } => true,
        SalesforceError::Api { code, .. } => code == "INVALID_TYPE" || code == "INVALID_FIELD",
        _ => false,
    }
}

/// What a refusal says the user cannot see, if it is that kind of refusal.
fn unseen_named_by(e: &SalesforceError) -> Option<Unseen> {
    let mut unseen = Unseen::default();
    match e {
        SalesforceError::NotSearchable { object } => {
            unseen.objects.insert(SearchObject::from_sobject(object)?);
        }
        SalesforceError::HiddenField { object, field } if object.is_empty() => {
            // A relationship path (`Account.`): every object that shows a field through it.
            for o in SearchObject::ALL {
                for f in o
                    .fields()
                    .iter()
                    .filter(|f| f.to_ascii_lowercase().starts_with(&field.to_ascii_lowercase()))
                {
                    unseen.fields.insert((o, f.to_string()));
                }
            }
            if unseen.fields.is_empty() {
                return None;
            }
        }
        SalesforceError::HiddenField { object, field } => {
            let object = SearchObject::from_sobject(object)?;
            let field = object.fields().iter().find(|f| f.eq_ignore_ascii_case(field))?;
            unseen.fields.insert((object, field.to_string()));
        }
        _ => return None,
    }
    Some(unseen)
}
