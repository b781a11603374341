//! The window's words for what search offers beyond its first answer: a group's "More" and
//! Salesforce's own search page. They reach the window with the vocabulary (Settings), so the
//! UI writes none of them; `{objects}` and `{max}` are filled in there.

use super::{pick, Lang};
use std::collections::BTreeMap;

/// Key → text in `lang`; ui/i18n.js `t(key)` looks here first.
pub fn search_words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    [
        (
            "search.more",
            pick(lang, "More {objects}", "Plus de résultats : {objects}"),
        ),
        // Said after "More …" to screen readers: how many a More asks for.
        ("search.moreUpTo", pick(lang, " (up to {max})", " (jusqu’à {max})")),
        (
            "search.moreLoading",
            pick(
                lang,
                "Loading more {objects}…",
                "Chargement d’autres résultats : {objects}…",
            ),
        ),
        (
            "search.seeAll",
            pick(
                lang,
                "See all results in Salesforce",
                "Voir tous les résultats dans Salesforce",
            ),
        ),
    ]
    .into_iter()
    .collect()
}
