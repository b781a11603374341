//! SOQL answers in batches. The Query resource returns at most a batch of rows (2,000 by
//! default), with `"done": false` and a `nextRecordsUrl` (`/services/data/vXX.X/query/<locator>`)
//! while rows remain; the Query More Results resource answers the next batch (REST API Developer
//! Guide, "Execute a SOQL Query" and "Query More Results",
//! https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query-more-results.md).

use super::{SalesforceClient, SalesforceError};
use serde::Deserialize;

/// At most this many batches are read for one query: each is an API call, and at 2,000 rows a
/// batch this is far more list views than any org has. Past it the rest is left out (logged).
pub const MAX_QUERY_BATCHES: usize = 10;

/// The answer of a SOQL query, or one of its later batches (REST API Developer Guide, Query).
#[derive(Debug, Clone, Deserialize)]
pub struct QueryPage<T> {
    #[serde(default = "yes")]
    pub done: bool,
    pub records: Vec<T>,
    #[serde(rename = "nextRecordsUrl", default)]
    pub next_records_url: Option<String>,
}

fn yes() -> bool {
    true
}

impl SalesforceClient {
    /// Every row of a query whose first batch is `first`: its later batches are asked one by
    /// one through `nextRecordsUrl`, each one API call, at most [`MAX_QUERY_BATCHES`] in all.
    pub async fn query_rest<T: serde::de::DeserializeOwned>(
        &self,
        first: QueryPage<T>,
    ) -> Result<Vec<T>, SalesforceError> {
        let mut rows = first.records;
        let mut next = first.next_records_url.filter(|_| !first.done);
        for _ in 1..MAX_QUERY_BATCHES {
            let Some(url) = next.take() else {
                return Ok(rows);
            };
            let page: QueryPage<T> = self.get_next(&url).await?;
            rows.extend(page.records);
            next = page.next_records_url.filter(|_| !page.done);
        }
        if next.is_some() {
            tracing::warn!(
                rows = rows.len(),
                "a query has more than {MAX_QUERY_BATCHES} batches; the rest is left out"
            );
        }
        Ok(rows)
    }
}
