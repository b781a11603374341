//! Unified search: one SOSL request over the eight objects, ranked; instant local
//! results; and the typing pipeline (debounce, one request in flight, stale answers
//! dropped).

pub mod fold;
pub mod pipeline;
pub mod rank;
pub mod recent;

use crate::salesforce::sosl::{Limits, SearchTerm, TermError};
use crate::salesforce::{SalesforceClient, SalesforceError, SearchObject, SearchResult};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
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
#[derive(Debug, Clone, Serialize)]
pub struct SearchOutcome {
    pub term: String,
    pub results: Vec<SearchResult>,
    /// Objects this org does not let us search (`INVALID_TYPE`); the others were searched.
    pub not_searchable: Vec<SearchObject>,
}

pub struct SearchService {
    client: Arc<SalesforceClient>,
    not_searchable: Mutex<BTreeSet<SearchObject>>,
}

impl SearchService {
    pub fn new(client: Arc<SalesforceClient>) -> Self {
        Self::knowing(client, BTreeSet::new())
    }

    /// A service that already knows which objects this org will not let us search (learnt by
    /// an earlier run), so that it does not spend a failed request to learn it again.
    pub fn knowing(client: Arc<SalesforceClient>, not_searchable: BTreeSet<SearchObject>) -> Self {
        SearchService {
            client,
            not_searchable: Mutex::new(not_searchable),
        }
    }

    fn skipped(&self) -> BTreeSet<SearchObject> {
        self.not_searchable.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// One request (two at most, the first time an object turns out not to be searchable
    /// in this org: it is then left out for the rest of the session).
    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, SearchError> {
        let term = SearchTerm::parse(text)?;
        loop {
            let skipped = self.skipped();
            let objects: Vec<SearchObject> = SearchObject::ALL.into_iter().filter(|o| !skipped.contains(o)).collect();
            match self.client.search(&term, &objects, limits).await {
                Ok(mut results) => {
                    rank::rank(term.as_str(), &mut results);
                    results.truncate(limits.total as usize);
                    return Ok(SearchOutcome {
                        term: term.as_str().to_string(),
                        results,
                        not_searchable: skipped.into_iter().collect(),
                    });
                }
                Err(SalesforceError::NotSearchable { object }) => {
                    let Some(o) = SearchObject::from_sobject(&object).filter(|o| !skipped.contains(o)) else {
                        return Err(SalesforceError::NotSearchable { object }.into());
                    };
                    tracing::warn!(
                        object = o.name(),
                        "object not searchable in this org; searching the others"
                    );
                    if let Ok(mut s) = self.not_searchable.lock() {
                        s.insert(o);
                    }
                    if objects.len() == 1 {
                        return Err(SalesforceError::NotSearchable { object }.into());
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}
