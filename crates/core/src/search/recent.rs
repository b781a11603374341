//! Instant results: records the user found or opened recently, kept locally (ids,
//! titles and shown fields only — no secrets) and matched on every keystroke before
//! Salesforce answers. Bounded; cleared on disconnect. They belong to one person in one org
//! (their session key): another person connected after them starts with none.

use super::fold::{fold, words};
use crate::salesforce::SearchResult;
use crate::session_key::SessionKey;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const DEFAULT_CAPACITY: usize = 500;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    result: SearchResult,
    /// Folded title and field values, computed once.
    #[serde(skip)]
    haystack: String,
    /// Higher is more recent.
    stamp: u64,
    /// How often the user opened it: opened records outrank records merely seen lately.
    #[serde(default)]
    opens: u32,
    /// The clock when it was last opened (0: never), for the palette's "recent" list.
    #[serde(default)]
    opened_at: u64,
}

/// How many "touches" of recency one open is worth.
const OPEN_BONUS: u64 = 50;

impl Entry {
    fn score(&self) -> u64 {
        self.stamp + OPEN_BONUS * u64::from(self.opens.min(5))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecentRecords {
    entries: Vec<Entry>,
    capacity: usize,
    clock: u64,
    /// Whose records these are; `None` for records of nobody known (a file from before records
    /// were filed per person, or one whose key does not read), which are never shown. On disk
    /// as `scope`, the key's settings form.
    #[serde(
        default,
        rename = "scope",
        serialize_with = "key_as_text",
        deserialize_with = "key_from_text"
    )]
    owner: Option<SessionKey>,
}

fn key_as_text<S: Serializer>(owner: &Option<SessionKey>, s: S) -> Result<S::Ok, S::Error> {
    owner.as_ref().map(SessionKey::to_string).serialize(s)
}

fn key_from_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SessionKey>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.as_deref().and_then(SessionKey::parse))
}

impl Default for RecentRecords {
    fn default() -> Self {
        RecentRecords::with_capacity(DEFAULT_CAPACITY)
    }
}

fn haystack(r: &SearchResult) -> String {
    let mut text = r.title.clone();
    for (_, value) in &r.fields {
        if let Some(v) = value {
            text.push(' ');
            text.push_str(v);
        }
    }
    fold(&text)
}

impl RecentRecords {
    pub fn with_capacity(capacity: usize) -> Self {
        RecentRecords {
            entries: Vec::new(),
            capacity: capacity.max(1),
            clock: 0,
            owner: None,
        }
    }

    /// Whose records these are.
    pub fn owner(&self) -> Option<&SessionKey> {
        self.owner.as_ref()
    }

    /// The records of `owner` from now on: another person's (or nobody's) are dropped first, so
    /// that they are never shown to, nor kept along with, this one's. `None`: nobody is
    /// connected, and nothing is kept. Returns whether anything changed.
    pub fn enter(&mut self, owner: Option<&SessionKey>) -> bool {
        if self.owner.as_ref() == owner && owner.is_some() {
            return false;
        }
        let changed = self.owner.as_ref() != owner || !self.entries.is_empty();
        self.entries.clear();
        self.owner = owner.cloned();
        changed
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Rebuilds what is not persisted (after loading from disk).
    pub fn reindex(&mut self) {
        for e in &mut self.entries {
            e.haystack = haystack(&e.result);
        }
        self.entries.truncate(self.capacity);
    }

    fn touch(&mut self, result: &SearchResult, opened: bool) {
        self.clock += 1;
        let stamp = self.clock;
        let opens = u32::from(opened);
        if let Some(e) = self
            .entries
            .iter_mut()
            .find(|e| e.result.id == result.id && e.result.object == result.object)
        {
            e.result = result.clone();
            e.haystack = haystack(result);
            e.stamp = stamp;
            e.opens += opens;
            if opened {
                e.opened_at = stamp;
            }
        } else {
            self.entries.push(Entry {
                result: result.clone(),
                haystack: haystack(result),
                stamp,
                opens,
                opened_at: if opened { stamp } else { 0 },
            });
        }
        if self.entries.len() > self.capacity {
            // Evict the least valuable.
            if let Some((i, _)) = self.entries.iter().enumerate().min_by_key(|(_, e)| e.score()) {
                self.entries.swap_remove(i);
            }
        }
    }

    /// Records shown in a search answer.
    pub fn remember_found(&mut self, results: &[SearchResult]) {
        for r in results {
            self.touch(r, false);
        }
    }

    /// A record the user opened counts for more than one merely seen.
    pub fn remember_opened(&mut self, result: &SearchResult) {
        self.touch(result, true);
    }

    /// Records whose text has every word of `term` as a word prefix, most recent first.
    pub fn matching(&self, term: &str, max: usize) -> Vec<SearchResult> {
        let folded = fold(term);
        let wanted: Vec<&str> = words(&folded).collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| wanted.iter().all(|w| words(&e.haystack).any(|h| h.starts_with(w))))
            .collect();
        hits.sort_by_key(|e| std::cmp::Reverse(e.score()));
        hits.into_iter().take(max).map(|e| e.result.clone()).collect()
    }

    /// The records the person opened, the last opened first: the palette's "recent" list
    /// before anything is typed (records merely seen in an answer are not recent visits).
    pub fn opened_lately(&self, max: usize) -> Vec<SearchResult> {
        let mut opened: Vec<&Entry> = self.entries.iter().filter(|e| e.opened_at > 0).collect();
        opened.sort_by_key(|e| std::cmp::Reverse(e.opened_at));
        opened.into_iter().take(max).map(|e| e.result.clone()).collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salesforce::SearchObject;

    fn hit(id: &str, title: &str) -> SearchResult {
        SearchResult {
            object: SearchObject::Account,
            id: id.into(),
            title: title.into(),
            fields: vec![("Type".into(), Some("Customer".into()))],
            url: String::new(),
        }
    }

    #[test]
    fn matches_word_prefixes_accent_insensitively() {
        let mut r = RecentRecords::default();
        r.remember_found(&[hit("1", "Zoë Ørsted"), hit("2", "Acme Labs")]);
        assert_eq!(r.matching("zoe", 10).len(), 1);
        assert_eq!(r.matching("acme lab", 10)[0].id, "2");
        assert_eq!(r.matching("cust", 10).len(), 2);
        assert!(r.matching("labs acme x", 10).is_empty());
    }

    #[test]
    fn is_bounded_and_keeps_the_most_recent() {
        let mut r = RecentRecords::with_capacity(3);
        for i in 0..10 {
            r.remember_found(&[hit(&i.to_string(), &format!("Acme {i}"))]);
        }
        assert_eq!(r.len(), 3);
        let ids: Vec<String> = r.matching("acme", 10).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["9", "8", "7"]);
    }

    #[test]
    fn opened_records_rank_above_merely_seen_ones() {
        let mut r = RecentRecords::default();
        r.remember_opened(&hit("1", "Acme One"));
        r.remember_found(&[hit("2", "Acme Two")]);
        assert_eq!(r.matching("acme", 10)[0].id, "1");
    }

    #[test]
    fn opened_lately_lists_opened_records_only_the_last_opened_first() {
        let mut r = RecentRecords::default();
        r.remember_opened(&hit("1", "Acme One"));
        r.remember_found(&[hit("2", "Acme Two"), hit("1", "Acme One")]);
        r.remember_opened(&hit("3", "Acme Three"));
        let ids = |r: &RecentRecords, max| -> Vec<String> { r.opened_lately(max).into_iter().map(|h| h.id).collect() };
        assert_eq!(ids(&r, 10), ["3", "1"], "seen in an answer is not a visit");
        r.remember_opened(&hit("1", "Acme One"));
        assert_eq!(ids(&r, 10), ["1", "3"]);
        assert_eq!(ids(&r, 1), ["1"]);
        let mut back: RecentRecords = serde_json::from_str(&serde_json::to_string(&r).expect("ser")).expect("de");
        back.reindex();
        assert_eq!(ids(&back, 10), ["1", "3"], "kept on disk");
    }

    fn alice() -> SessionKey {
        SessionKey::user("00D1", "005A", "https://a")
    }

    #[test]
    fn another_person_starts_empty_and_records_of_nobody_are_dropped() {
        let mut r = RecentRecords::default();
        assert!(r.enter(Some(&alice())));
        r.remember_found(&[hit("1", "Acme")]);
        assert!(!r.enter(Some(&alice())), "the same person keeps theirs");
        assert_eq!(r.matching("acme", 5).len(), 1);
        assert!(
            r.enter(Some(&SessionKey::user("00D1", "005B", "https://a"))),
            "another user of the org"
        );
        assert!(r.matching("acme", 5).is_empty());
        r.remember_found(&[hit("2", "Acme Two")]);
        assert!(r.enter(None));
        assert!(r.matching("acme", 5).is_empty() && r.owner().is_none());

        // A file from before records were scoped reads as nobody's: shown to no one.
        let mut unscoped = RecentRecords::default();
        unscoped.remember_found(&[hit("1", "Acme")]);
        let mut old = serde_json::to_value(&unscoped).expect("ser");
        old.as_object_mut().expect("an object").remove("scope");
        let mut old: RecentRecords = serde_json::from_value(old).expect("an old file reads");
        old.reindex();
        assert_eq!(old.owner(), None);
        assert!(old.enter(Some(&alice())));
        assert!(old.matching("acme", 5).is_empty());

        // So does one whose key does not read.
        let mut odd = serde_json::to_value(&unscoped).expect("ser");
        odd["scope"] = serde_json::json!("not a key");
        let odd: RecentRecords = serde_json::from_value(odd).expect("an odd file reads");
        assert_eq!(odd.owner(), None);
    }

    #[test]
    fn survives_a_round_trip_through_json() {
        let mut r = RecentRecords::default();
        r.enter(Some(&alice()));
        r.remember_found(&[hit("1", "Acme")]);
        let text = serde_json::to_string(&r).expect("ser");
        assert!(
            text.contains(r#""scope":"00D1/005A@https://a""#),
            "the file's form: {text}"
        );
        let mut back: RecentRecords = serde_json::from_str(&text).expect("de");
        back.reindex();
        assert_eq!(back.owner(), Some(&alice()));
        assert!(!back.enter(Some(&alice())));
        assert_eq!(back.matching("acm", 5).len(), 1);
    }
}
