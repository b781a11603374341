//! What a person cannot see in an org (objects their profile withholds, fields hidden by
//! field-level security), remembered for a day per session key so that every run does not pay
//! failed requests to learn it again (spec §4: the org's API calls are scarce). Kept apart from
//! the settings so that a search never rewrites the file the person's choices live in.

use super::SessionKey;
use crate::salesforce::Unseen;
use crate::store::{is_fresh, now_secs, LocalStore, StoreError};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The memo's file in the data folder.
pub const SEARCH_MEMO_FILE: &str = "search-memo.json";
const KEY_PREFIX: &str = "not_searchable/";
/// How long what was learnt holds before it is asked again (an administrator may grant
/// access since).
pub const UNSEEN_KEPT_FOR_SECS: u64 = 24 * 3600;

/// What was learnt and when. Files from before fields were learnt read as "no hidden field".
#[derive(Serialize, Deserialize)]
struct UnseenMemo {
    #[serde(flatten)]
    unseen: Unseen,
    at: u64,
}

pub(super) struct Memo {
    store: LocalStore,
}

impl Memo {
    pub(super) fn open(data_dir: &Path) -> Result<Memo, StoreError> {
        Ok(Memo {
            store: LocalStore::open(data_dir.join(SEARCH_MEMO_FILE))?,
        })
    }

    /// The settings' key, `not_searchable/orgId/userId@instance` as before keys were typed.
    fn key(owner: &SessionKey) -> String {
        format!("{KEY_PREFIX}{owner}")
    }

    /// What an earlier run found `owner` cannot see, if that was less than a day ago.
    pub(super) fn recall(&self, owner: &SessionKey) -> Unseen {
        match self.store.get::<UnseenMemo>(&Self::key(owner)) {
            Some(m) if is_fresh(m.at, UNSEEN_KEPT_FOR_SECS) => m.unseen,
            _ => Unseen::default(),
        }
    }

    /// Keeps what `owner`'s searches learnt, renewed when it changed or went stale.
    pub(super) fn keep(&self, owner: &SessionKey, unseen: Unseen) {
        let key = Self::key(owner);
        let current = match self.store.get::<UnseenMemo>(&key) {
            Some(m) => m.unseen == unseen && is_fresh(m.at, UNSEEN_KEPT_FOR_SECS),
            // Nothing hidden needs no entry at all.
            None => unseen.is_empty(),
        };
        if current {
            return;
        }
        let result = if unseen.is_empty() {
            self.store.remove(&key)
        } else {
            self.store.set(&key, &UnseenMemo { unseen, at: now_secs() })
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not remember what this user cannot see");
        }
    }

    /// Disconnect: what every org taught us goes with the connection.
    pub(super) fn forget(&self) {
        if let Err(e) = self.store.remove_prefix(KEY_PREFIX) {
            tracing::warn!(error = %e, "what the org taught us could not be forgotten");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salesforce::SearchObject;

    #[test]
    fn what_one_person_cannot_see_is_never_lent_to_another() {
        let dir = tempfile::tempdir().expect("tmp");
        let memo = Memo::open(dir.path()).expect("memo");
        let dana = SessionKey::user("00D1", "005A", "https://a");
        let tomas = SessionKey::user("00D1", "005B", "https://a");
        let mut unseen = Unseen::default();
        unseen.objects.insert(SearchObject::Case);
        memo.keep(&tomas, unseen.clone());
        assert_eq!(memo.recall(&tomas), unseen);
        assert!(memo.recall(&dana).is_empty(), "another user of the org");
        assert!(
            memo.recall(&SessionKey::user("00D1", "005B", "https://b")).is_empty(),
            "another address"
        );
        memo.forget();
        assert!(memo.recall(&tomas).is_empty());
    }

    #[test]
    fn what_was_learnt_more_than_a_day_ago_is_asked_again() {
        let dir = tempfile::tempdir().expect("tmp");
        let memo = Memo::open(dir.path()).expect("memo");
        let tomas = SessionKey::user("00D1", "005B", "https://a");
        let mut unseen = Unseen::default();
        unseen.objects.insert(SearchObject::Opportunity);
        let old = UnseenMemo {
            unseen,
            at: now_secs() - UNSEEN_KEPT_FOR_SECS - 1,
        };
        memo.store.set(&Memo::key(&tomas), &old).expect("set");
        assert!(memo.recall(&tomas).is_empty());
    }
}
