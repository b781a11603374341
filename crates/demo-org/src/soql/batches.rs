//! SOQL answers in batches, as Salesforce gives them: at most a batch of rows (2,000 unless
//! the `query_batch_size` switch says less), `"done": false` and a `nextRecordsUrl`
//! `/services/data/vXX.X/query/<locator>-<offset>` while rows remain, and the Query More Results
//! resource (`GET` that URL) answering the next batch (REST API Developer Guide, "Query" and
//! "Query More Results",
//! https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query-more-results.md).
//!
//! The locator is an ID of Salesforce's query-locator shape (`01g…`, as in the guide's
//! `01gD0000002HU6KIAW-2000`); what it stands for (the query, its user, its batch size) is kept
//! here, and the query is run again for each batch (the data set does not change). A user keeps
//! at most [`OPEN_PER_USER`] locators, the oldest released first [unverified for REST: the SOAP
//! API's `query()` says "up to 10 query cursors open at a time"]. A locator that is not known,
//! was released, belongs to another user or has an offset past the rows answers 400
//! `INVALID_QUERY_LOCATOR` [message wording unverified].

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

use crate::json::J;
use crate::profiles::DemoUser;

use super::SoqlError;

/// Locators a user may hold open; opening another releases their oldest.
pub(crate) const OPEN_PER_USER: usize = 10;

/// What a query locator stands for.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    pub user: DemoUser,
    pub q: String,
    pub batch: usize,
}

/// The open query locators, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Locators {
    made: AtomicU64,
    open: Mutex<Vec<(String, Cursor)>>,
}

impl Locators {
    /// A new locator for `cursor`, releasing the user's oldest past [`OPEN_PER_USER`].
    pub fn open(&self, cursor: Cursor) -> String {
        let n = self.made.fetch_add(1, Relaxed) + 1;
        let id = format!("01g{n:012}AAA");
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let held: Vec<usize> = (0..open.len()).filter(|&i| open[i].1.user == cursor.user).collect();
        if held.len() >= OPEN_PER_USER {
            open.remove(held[0]);
        }
        open.push((id.clone(), cursor));
        id
    }

    /// The cursor of `locator` if `user` holds it.
    pub fn get(&self, locator: &str, user: DemoUser) -> Option<Cursor> {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.iter()
            .find(|(id, c)| id == locator && c.user == user)
            .map(|(_, c)| c.clone())
    }
}

/// `<locator>-<offset>` as the next batch's URL writes it, or the refusal.
pub(crate) fn parse_next(text: &str) -> Result<(&str, usize), SoqlError> {
    text.rsplit_once('-')
        .and_then(|(locator, offset)| Some((locator, offset.parse().ok()?)))
        .filter(|(locator, _)| !locator.is_empty())
        .ok_or_else(invalid_locator)
}

pub(crate) fn invalid_locator() -> SoqlError {
    SoqlError {
        code: "INVALID_QUERY_LOCATOR",
        message: "invalid query locator".to_string(),
    }
}

/// The batch of `records` from `offset`: `totalSize` counts every row of the query, and
/// `nextRecordsUrl` (from `locator`, made only when rows remain) names the next batch.
pub(crate) fn batch_json(
    records: Vec<J>,
    offset: usize,
    batch: usize,
    locator: impl FnOnce() -> String,
    version: &str,
) -> J {
    let total = records.len();
    let end = offset.saturating_add(batch).min(total);
    let rows: Vec<J> = records
        .into_iter()
        .skip(offset)
        .take(end.saturating_sub(offset))
        .collect();
    let mut body = vec![
        ("totalSize".to_string(), J::Int(total as i64)),
        ("done".to_string(), J::Bool(end >= total)),
    ];
    if end < total {
        body.push((
            "nextRecordsUrl".to_string(),
            J::Str(format!("/services/data/v{version}/query/{}-{end}", locator())),
        ));
    }
    body.push(("records".to_string(), J::Arr(rows)));
    J::Obj(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(user: DemoUser) -> Cursor {
        Cursor {
            user,
            q: "SELECT Id FROM ListView".into(),
            batch: 3,
        }
    }

    #[test]
    fn a_locator_is_its_users_and_the_oldest_is_released() {
        let l = Locators::default();
        let first = l.open(cursor(DemoUser::Demo));
        assert_eq!(first.len(), 18);
        assert!(first.starts_with("01g"));
        assert!(l.get(&first, DemoUser::Demo).is_some());
        assert!(l.get(&first, DemoUser::Restricted).is_none(), "another user's");
        let theirs = l.open(cursor(DemoUser::Restricted));
        for _ in 0..OPEN_PER_USER {
            l.open(cursor(DemoUser::Demo));
        }
        assert!(l.get(&first, DemoUser::Demo).is_none(), "released");
        assert!(l.get(&theirs, DemoUser::Restricted).is_some(), "not by another user's");
    }

    #[test]
    fn the_next_batch_is_named_with_its_offset() {
        assert_eq!(
            parse_next("01gD0000002HU6KIAW-2000").unwrap(),
            ("01gD0000002HU6KIAW", 2000)
        );
        assert_eq!(
            parse_next("01gD0000002HU6KIAW").unwrap_err().code,
            "INVALID_QUERY_LOCATOR"
        );
        assert_eq!(parse_next("-3").unwrap_err().code, "INVALID_QUERY_LOCATOR");
        let body = batch_json(vec![J::Int(1), J::Int(2), J::Int(3)], 0, 2, || "01gX".into(), "62.0");
        assert_eq!(
            body.to_string(),
            r#"{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gX-2","records":[1,2]}"#
        );
        let last = batch_json(vec![J::Int(1), J::Int(2), J::Int(3)], 2, 2, || unreachable!(), "62.0");
        assert_eq!(last.to_string(), r#"{"totalSize":3,"done":true,"records":[3]}"#);
    }
}
