//! A value too long for one credential, kept in several. Windows' Credential Manager holds at
//! most 2,560 bytes per credential and keyring stores a password there as UTF-16: 1,280
//! characters (keyring 3 `windows.rs`, `CRED_MAX_CREDENTIAL_BLOB_SIZE`), while real Salesforce
//! tokens (JWT-based access tokens) are longer than that on their own. The same rule runs on
//! every platform, so the split is tested wherever the tests run.
//!
//! A value that fits is stored as it always was: one entry holding the text. A longer one
//! leaves in the main entry a header and its first part, `workstation-parts <generation>
//! <count>\n<part 0>`, and its other parts in entries of their own named after that
//! generation (`<account>#<generation>.<i>`). The parts are written first and the header last,
//! so a reader sees the old value or the new, never a mix; the old generation's parts go after.

use rand::Rng;

/// UTF-16 code units per entry, under Windows' 1,280 with room to spare.
pub const PART_UNITS: usize = 1200;

const HEADER: &str = "workstation-parts ";

/// What one credential entry can do: the keychain, or a map in tests.
pub trait Slots {
    type Error;
    /// The entry `name`'s text, `None` if there is none.
    fn get(&self, name: &str) -> Result<Option<String>, Self::Error>;
    fn set(&self, name: &str, text: &str) -> Result<(), Self::Error>;
    /// Removes `name`; no entry is not an error.
    fn remove(&self, name: &str) -> Result<(), Self::Error>;
}

/// A stored header: which generation of parts, and how many entries in all.
struct Header<'a> {
    generation: &'a str,
    count: usize,
    first: &'a str,
}

fn header(text: &str) -> Option<Header<'_>> {
    let rest = text.strip_prefix(HEADER)?;
    let (line, first) = rest.split_once('\n')?;
    let (generation, count) = line.split_once(' ')?;
    let count = count.parse().ok().filter(|c| (2..=64).contains(c))?;
    Some(Header {
        generation,
        count,
        first,
    })
}

fn part_name(account: &str, generation: &str, i: usize) -> String {
    format!("{account}#{generation}.{i}")
}

/// `text` cut on character boundaries into pieces of at most `units` UTF-16 code units.
fn split(text: &str, units: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, c) in text.char_indices() {
        if used + c.len_utf16() > units {
            parts.push(&text[start..at]);
            (start, used) = (at, 0);
        }
        used += c.len_utf16();
    }
    parts.push(&text[start..]);
    parts
}

/// Whether a stored part is missing: the value cannot be put together again.
#[derive(Debug, PartialEq, Eq)]
pub enum Read<E> {
    Store(E),
    MissingPart,
}

/// The value under `account`, put together again; `None` if there is none.
pub fn load<S: Slots>(slots: &S, account: &str) -> Result<Option<String>, Read<S::Error>> {
    let Some(main) = slots.get(account).map_err(Read::Store)? else {
        return Ok(None);
    };
    let Some(h) = header(&main) else {
        return Ok(Some(main)); // one entry: the value itself, as always
    };
    let mut text = h.first.to_string();
    for i in 1..h.count {
        match slots.get(&part_name(account, h.generation, i)).map_err(Read::Store)? {
            Some(part) => text.push_str(&part),
            None => return Err(Read::MissingPart),
        }
    }
    Ok(Some(text))
}

/// Stores `text` under `account` in as many entries as it takes, then removes the parts of
/// what was there before.
pub fn save<S: Slots>(slots: &S, account: &str, text: &str, units: usize) -> Result<(), S::Error> {
    let before = slots.get(account).ok().flatten();
    let pieces = split(text, units);
    if pieces.len() == 1 {
        slots.set(account, text)?;
    } else {
        let generation = format!("{:08x}", rand::thread_rng().gen::<u32>());
        for (i, piece) in pieces.iter().enumerate().skip(1) {
            slots.set(&part_name(account, &generation, i), piece)?;
        }
        slots.set(
            account,
            &format!("{HEADER}{generation} {}\n{}", pieces.len(), pieces[0]),
        )?;
    }
    if let Some(old) = before.as_deref().and_then(header) {
        remove_parts(slots, account, &old);
    }
    Ok(())
}

/// Removes the value under `account` and its parts.
pub fn delete<S: Slots>(slots: &S, account: &str) -> Result<(), S::Error> {
    if let Some(old) = slots.get(account).ok().flatten().as_deref().and_then(header) {
        remove_parts(slots, account, &old);
    }
    slots.remove(account)
}

/// Best effort: a part left behind is unreachable (its generation is named nowhere) and is
/// overwritten by nothing; it holds only a piece of a token that was replaced.
fn remove_parts<S: Slots>(slots: &S, account: &str, h: &Header<'_>) {
    for i in 1..h.count {
        let _ = slots.remove(&part_name(account, h.generation, i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Map(RefCell<BTreeMap<String, String>>);

    impl Slots for Map {
        type Error = ();
        fn get(&self, name: &str) -> Result<Option<String>, ()> {
            Ok(self.0.borrow().get(name).cloned())
        }
        fn set(&self, name: &str, text: &str) -> Result<(), ()> {
            // As Windows' Credential Manager: 1,280 UTF-16 code units at most.
            if text.encode_utf16().count() > 1280 {
                return Err(());
            }
            self.0.borrow_mut().insert(name.into(), text.into());
            Ok(())
        }
        fn remove(&self, name: &str) -> Result<(), ()> {
            self.0.borrow_mut().remove(name);
            Ok(())
        }
    }

    #[test]
    fn a_short_value_is_one_entry_holding_the_text_as_before() {
        let m = Map::default();
        save(&m, "salesforce", "{\"a\":1}", PART_UNITS).unwrap();
        assert_eq!(m.0.borrow().len(), 1);
        assert_eq!(m.0.borrow()["salesforce"], "{\"a\":1}");
        assert_eq!(load(&m, "salesforce"), Ok(Some("{\"a\":1}".into())));
    }

    #[test]
    fn a_value_longer_than_one_windows_credential_is_split_and_put_together_again() {
        let m = Map::default();
        // Characters of one, two (é) and four bytes (an emoji: two UTF-16 units), so that a
        // cut in the middle of a character or of a surrogate pair would show.
        let text: String = (0..5000).map(|i| ['a', 'é', '😀', '{'][i % 4]).collect();
        save(&m, "salesforce", &text, PART_UNITS).unwrap();
        assert!(m.0.borrow().len() > 5, "{:?}", m.0.borrow().keys());
        assert_eq!(load(&m, "salesforce"), Ok(Some(text.clone())));
        // Saved again shorter: the old generation's parts are gone.
        save(&m, "salesforce", "short", PART_UNITS).unwrap();
        assert_eq!(m.0.borrow().keys().collect::<Vec<_>>(), ["salesforce"]);
        save(&m, "salesforce", &text, PART_UNITS).unwrap();
        delete(&m, "salesforce").unwrap();
        assert!(m.0.borrow().is_empty());
        assert_eq!(load(&m, "salesforce"), Ok(None));
    }

    #[test]
    fn a_replaced_long_value_leaves_only_the_new_generation() {
        let m = Map::default();
        save(&m, "salesforce", &"x".repeat(3000), PART_UNITS).unwrap();
        save(&m, "salesforce", &"y".repeat(4000), PART_UNITS).unwrap();
        assert_eq!(m.0.borrow().len(), 4);
        assert_eq!(load(&m, "salesforce"), Ok(Some("y".repeat(4000))));
    }

    #[test]
    fn a_missing_part_is_said_not_glued_over() {
        let m = Map::default();
        save(&m, "salesforce", &"x".repeat(3000), PART_UNITS).unwrap();
        let part = m.0.borrow().keys().find(|k| k.contains('#')).cloned().unwrap();
        m.0.borrow_mut().remove(&part);
        assert_eq!(load(&m, "salesforce"), Err(Read::MissingPart));
    }
}
