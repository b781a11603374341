//! The My CRM Views rules of spec §3, as types: per object type at least one and at most
//! two enabled list views, chosen from at most 80 offered.

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub const MAX_ENABLED: usize = 2;
pub const MAX_OFFERED: usize = 80;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SelectionError {
    #[error("At most {MAX_ENABLED} list views can be enabled per object type. Turn one off first.")]
    TooMany,
    #[error("At least one list view must stay enabled.")]
    LastOne,
    #[error("This list view is not among the ones offered for this object type.")]
    NotOffered,
}

/// One or two enabled list view ids; no other state can be built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub enum ListViewSelection {
    One(String),
    Two(String, String),
}

impl TryFrom<Vec<String>> for ListViewSelection {
    type Error = SelectionError;
    fn try_from(ids: Vec<String>) -> Result<Self, Self::Error> {
        let mut unique: Vec<String> = Vec::with_capacity(2);
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        let mut it = unique.into_iter();
        match (it.next(), it.next(), it.next()) {
            (None, _, _) => Err(SelectionError::LastOne),
            (Some(a), None, _) => Ok(ListViewSelection::One(a)),
            (Some(a), Some(b), None) => Ok(ListViewSelection::Two(a, b)),
            _ => Err(SelectionError::TooMany),
        }
    }
}

impl From<ListViewSelection> for Vec<String> {
    fn from(s: ListViewSelection) -> Vec<String> {
        match s {
            ListViewSelection::One(a) => vec![a],
            ListViewSelection::Two(a, b) => vec![a, b],
        }
    }
}

impl ListViewSelection {
    pub fn ids(&self) -> Vec<&str> {
        match self {
            ListViewSelection::One(a) => vec![a],
            ListViewSelection::Two(a, b) => vec![a, b],
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids().contains(&id)
    }

    /// Enables `id`; refused with `TooMany` when two are already enabled.
    pub fn enable(&self, id: &str) -> Result<ListViewSelection, SelectionError> {
        match self {
            _ if self.contains(id) => Ok(self.clone()),
            ListViewSelection::One(a) => Ok(ListViewSelection::Two(a.clone(), id.to_string())),
            ListViewSelection::Two(..) => Err(SelectionError::TooMany),
        }
    }

    /// Disables `id`; refused with `LastOne` when it is the only one.
    pub fn disable(&self, id: &str) -> Result<ListViewSelection, SelectionError> {
        match self {
            ListViewSelection::Two(a, b) if a == id => Ok(ListViewSelection::One(b.clone())),
            ListViewSelection::Two(a, b) if b == id => Ok(ListViewSelection::One(a.clone())),
            ListViewSelection::One(a) if a == id => Err(SelectionError::LastOne),
            _ => Ok(self.clone()),
        }
    }

    /// Keeps the ids still offered; `None` if none is left.
    pub fn retain_offered(&self, offered: &[&str]) -> Option<ListViewSelection> {
        let kept: Vec<String> = self
            .ids()
            .into_iter()
            .filter(|id| offered.contains(id))
            .map(String::from)
            .collect();
        ListViewSelection::try_from(kept).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(a: &str) -> ListViewSelection {
        ListViewSelection::One(a.into())
    }

    #[test]
    fn a_third_view_cannot_be_enabled() {
        let two = one("a").enable("b").expect("second is fine");
        assert_eq!(two.enable("c"), Err(SelectionError::TooMany));
        assert_eq!(two.enable("a"), Ok(two.clone()), "re-enabling is a no-op");
    }

    #[test]
    fn the_last_view_cannot_be_disabled() {
        assert_eq!(one("a").disable("a"), Err(SelectionError::LastOne));
        assert_eq!(one("a").enable("b").and_then(|s| s.disable("a")), Ok(one("b")));
    }

    #[test]
    fn stored_lists_are_checked_when_read() {
        assert!(serde_json::from_str::<ListViewSelection>("[]").is_err());
        assert!(serde_json::from_str::<ListViewSelection>(r#"["a","b","c"]"#).is_err());
        assert_eq!(
            serde_json::from_str::<ListViewSelection>(r#"["a","a"]"#).expect("dedup"),
            one("a")
        );
        assert_eq!(
            serde_json::to_string(&one("a").enable("b").expect("ok")).expect("ser"),
            r#"["a","b"]"#
        );
    }

    #[test]
    fn vanished_views_are_dropped() {
        let two = ListViewSelection::Two("a".into(), "b".into());
        assert_eq!(two.retain_offered(&["b", "c"]), Some(one("b")));
        assert_eq!(two.retain_offered(&["c"]), None);
    }
}
