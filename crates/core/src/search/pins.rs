//! Pinned records: the few records a person keeps at hand, listed first in the quick-search
//! palette before anything is typed. A deliberate choice, unlike the recent records (a cache):
//! kept in the settings store per person and org (their session key, as the list view choice is),
//! so another person connected on the same computer never sees them, and they survive a
//! Disconnect and a restart. Bounded: a pin beyond the cap is refused rather than silently
//! dropping one the person chose.

use crate::salesforce::{SearchObject, SearchResult};
use crate::session_key::SessionKey;
use crate::store::{LocalStore, StoreError};
use std::sync::Arc;
use thiserror::Error;

/// How many records one person may pin in one org: a palette's worth, above the recent ones.
pub const MAX_PINS: usize = 20;

const KEY_PREFIX: &str = "pins/";

#[derive(Debug, Error)]
pub enum PinError {
    /// Already [`MAX_PINS`] pinned: unpin one first.
    #[error("at most {max} records can be pinned")]
    Full { max: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The pinned records of every person, in the settings store.
pub struct Pins {
    store: Arc<LocalStore>,
}

impl Pins {
    pub fn new(store: Arc<LocalStore>) -> Self {
        Pins { store }
    }

    /// The settings' key: `pins/orgId/userId@instance`, as before keys were typed.
    fn key(owner: &SessionKey) -> String {
        format!("{KEY_PREFIX}{owner}")
    }

    /// `owner`'s pinned records, the latest pinned first.
    pub fn list(&self, owner: &SessionKey) -> Vec<SearchResult> {
        self.store.get(&Self::key(owner)).unwrap_or_default()
    }

    pub fn is_pinned(&self, owner: &SessionKey, object: SearchObject, id: &str) -> bool {
        self.list(owner).iter().any(|r| r.object == object && r.id == id)
    }

    /// Pins `record` at the top of `owner`'s list. Pinning it again keeps its place and
    /// refreshes what is shown of it.
    pub fn pin(&self, owner: &SessionKey, record: &SearchResult) -> Result<Vec<SearchResult>, PinError> {
        let mut pins = self.list(owner);
        if let Some(kept) = pins.iter_mut().find(|r| r.object == record.object && r.id == record.id) {
            *kept = record.clone();
        } else if pins.len() >= MAX_PINS {
            return Err(PinError::Full { max: MAX_PINS });
        } else {
            pins.insert(0, record.clone());
        }
        self.store.set(&Self::key(owner), &pins)?;
        Ok(pins)
    }

    /// What Salesforce says of pinned records now (a search's answer) replaces what was kept of
    /// them, so that a pin never goes on showing a name or status the record lost. Written only
    /// when something changed; says whether it did.
    pub fn refresh(&self, owner: &SessionKey, seen: &[SearchResult]) -> Result<bool, PinError> {
        let mut pins = self.list(owner);
        let mut changed = false;
        for pin in pins.iter_mut() {
            if let Some(now) = seen.iter().find(|r| r.object == pin.object && r.id == pin.id) {
                if now != pin {
                    *pin = now.clone();
                    changed = true;
                }
            }
        }
        if changed {
            self.store.set(&Self::key(owner), &pins)?;
        }
        Ok(changed)
    }

    /// Unpins a record; unpinning one that is not pinned changes nothing.
    pub fn unpin(&self, owner: &SessionKey, object: SearchObject, id: &str) -> Result<Vec<SearchResult>, PinError> {
        let mut pins = self.list(owner);
        let before = pins.len();
        pins.retain(|r| !(r.object == object && r.id == id));
        if pins.len() != before {
            if pins.is_empty() {
                self.store.remove(&Self::key(owner))?;
            } else {
                self.store.set(&Self::key(owner), &pins)?;
            }
        }
        Ok(pins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(object: SearchObject, id: &str) -> SearchResult {
        SearchResult {
            object,
            id: id.into(),
            title: format!("Record {id}"),
            fields: vec![("Type".into(), Some("Customer".into()))],
            url: String::new(),
        }
    }

    #[test]
    fn a_search_answer_refreshes_what_a_pin_shows_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tmp");
        let pins = pins_in(&dir);
        pins.pin(&alice(), &record(SearchObject::Account, "1")).expect("pin");
        pins.pin(&alice(), &record(SearchObject::Account, "2")).expect("pin");
        let mut renamed = record(SearchObject::Account, "1");
        renamed.title = "Acme Holdings".into();
        let unrelated = record(SearchObject::Contact, "3");
        assert!(pins.refresh(&alice(), &[renamed.clone(), unrelated]).expect("refresh"));
        let list = pins.list(&alice());
        assert_eq!(list.len(), 2, "nothing pinned by a search");
        assert_eq!(list[1], renamed, "the answer's record replaces the pin, in its place");
        assert!(
            !pins.refresh(&alice(), &[renamed]).expect("refresh"),
            "the same answer again writes nothing"
        );
    }

    fn pins_in(dir: &tempfile::TempDir) -> Pins {
        Pins::new(Arc::new(
            LocalStore::open(dir.path().join("settings.json")).expect("store"),
        ))
    }

    fn alice() -> SessionKey {
        SessionKey::user("00D1", "005A", "https://a")
    }

    fn bob() -> SessionKey {
        SessionKey::user("00D1", "005B", "https://a")
    }

    fn ids(list: &[SearchResult]) -> Vec<&str> {
        list.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn the_latest_pin_comes_first_and_a_second_pin_keeps_its_place() {
        let dir = tempfile::tempdir().expect("tmp");
        let pins = pins_in(&dir);
        pins.pin(&alice(), &record(SearchObject::Account, "1")).expect("pin");
        pins.pin(&alice(), &record(SearchObject::Contact, "2")).expect("pin");
        let mut renamed = record(SearchObject::Account, "1");
        renamed.title = "Acme renamed".into();
        let list = pins.pin(&alice(), &renamed).expect("pin again");
        assert_eq!(ids(&list), ["2", "1"]);
        assert_eq!(list[1].title, "Acme renamed", "what is shown is refreshed");
        assert!(pins.is_pinned(&alice(), SearchObject::Account, "1"));
        assert!(
            !pins.is_pinned(&alice(), SearchObject::Contact, "1"),
            "object and id together name a record"
        );
        let list = pins.unpin(&alice(), SearchObject::Contact, "2").expect("unpin");
        assert_eq!(ids(&list), ["1"]);
        assert_eq!(
            ids(&pins.unpin(&alice(), SearchObject::Lead, "9").expect("no-op")),
            ["1"]
        );
    }

    #[test]
    fn a_pin_beyond_the_cap_is_refused_and_none_is_dropped() {
        let dir = tempfile::tempdir().expect("tmp");
        let pins = pins_in(&dir);
        for i in 0..MAX_PINS {
            pins.pin(&alice(), &record(SearchObject::Lead, &i.to_string()))
                .expect("pin");
        }
        let refused = pins.pin(&alice(), &record(SearchObject::Lead, "one too many"));
        assert!(matches!(refused, Err(PinError::Full { max: MAX_PINS })), "{refused:?}");
        let list = pins.list(&alice());
        assert_eq!(list.len(), MAX_PINS);
        assert_eq!(list[MAX_PINS - 1].id, "0", "the first pin is still there");
        // Pinning one already pinned is no new pin.
        pins.pin(&alice(), &record(SearchObject::Lead, "3"))
            .expect("already pinned");
        pins.unpin(&alice(), SearchObject::Lead, "3").expect("unpin");
        pins.pin(&alice(), &record(SearchObject::Lead, "one too many"))
            .expect("room again");
    }

    #[test]
    fn each_person_in_each_org_has_their_own() {
        let dir = tempfile::tempdir().expect("tmp");
        let pins = pins_in(&dir);
        pins.pin(&alice(), &record(SearchObject::Account, "1")).expect("pin");
        assert!(pins.list(&bob()).is_empty());
        assert!(
            pins.list(&SessionKey::user("00D2", "005A", "https://b")).is_empty(),
            "another org"
        );
        pins.pin(&bob(), &record(SearchObject::Case, "7")).expect("pin");
        assert_eq!(ids(&pins.list(&alice())), ["1"]);
        assert_eq!(ids(&pins.list(&bob())), ["7"]);
    }

    #[test]
    fn pins_survive_a_reopen_of_the_store() {
        let dir = tempfile::tempdir().expect("tmp");
        {
            let pins = pins_in(&dir);
            pins.pin(&alice(), &record(SearchObject::Account, "1")).expect("pin");
            pins.pin(&alice(), &record(SearchObject::Opportunity, "2"))
                .expect("pin");
        }
        let reopened = pins_in(&dir);
        let list = reopened.list(&alice());
        assert_eq!(ids(&list), ["2", "1"]);
        assert_eq!(
            list[1],
            record(SearchObject::Account, "1"),
            "the whole record comes back"
        );
        // The last one unpinned leaves no key behind.
        reopened.unpin(&alice(), SearchObject::Account, "1").expect("unpin");
        reopened.unpin(&alice(), SearchObject::Opportunity, "2").expect("unpin");
        let text = std::fs::read_to_string(dir.path().join("settings.json")).expect("file");
        assert!(!text.contains("pins/"), "{text}");
    }

    #[test]
    fn a_store_that_cannot_be_written_is_said() {
        let dir = tempfile::tempdir().expect("tmp");
        let folder = dir.path().join("data");
        std::fs::create_dir(&folder).expect("dir");
        let pins = Pins::new(Arc::new(LocalStore::open(folder.join("settings.json")).expect("store")));
        // The data folder is gone, a file in its place: nothing can be saved there.
        std::fs::remove_dir(&folder).expect("rmdir");
        std::fs::write(&folder, b"").expect("file");
        let refused = pins.pin(&alice(), &record(SearchObject::Account, "1"));
        assert!(matches!(refused, Err(PinError::Store(_))), "{refused:?}");
        assert!(pins.list(&alice()).is_empty(), "nothing pinned that was not saved");
    }
}
