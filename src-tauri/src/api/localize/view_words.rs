//! The window's words for sorting a list view by a column (My CRM Views). They reach the
//! window with the vocabulary (Settings) beside search's words, so the UI writes none of them;
//! `{column}` is filled in there with the column's label, as Salesforce gives it.

use super::{pick, Lang};
use std::collections::BTreeMap;

/// Key → text in `lang`; ui/i18n.js `t(key)` looks here first.
pub fn view_words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    [
        // A column header's hint: a click (or Enter) sorts by it, again reverses.
        ("views.sortBy", pick(lang, "Sort by {column}", "Trier par {column}")),
    ]
    .into_iter()
    .collect()
}
