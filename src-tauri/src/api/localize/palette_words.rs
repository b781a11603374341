//! The window's words for the quick-search palette and pinned records. They reach both windows
//! with the vocabulary (Settings) beside search's words, so the UI writes none of them;
//! `{title}` and `{shortcut}` are filled in there.

use super::{pick, Lang};
use std::collections::BTreeMap;

/// Key → text in `lang`; ui/i18n.js `t(key)` looks here first.
pub fn palette_words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    [
        ("search.action.pin", pick(lang, "Pin", "Épingler")),
        ("search.action.unpin", pick(lang, "Unpin", "Désépingler")),
        // After a result's title, like "· recent".
        ("search.pinnedMark", pick(lang, "pinned", "épinglé")),
        ("search.pinDone", pick(lang, "Pinned: {title}", "Épinglé : {title}")),
        ("search.unpinDone", pick(lang, "Unpinned: {title}", "Désépinglé : {title}")),
        ("palette.title", pick(lang, "Quick search", "Recherche rapide")),
        ("palette.pinned", pick(lang, "Pinned", "Épinglés")),
        ("palette.recent", pick(lang, "Recent", "Récents")),
        (
            "palette.start",
            pick(
                lang,
                "Type to search Salesforce. ↑↓ choose, Enter opens, Escape closes.",
                "Tapez pour rechercher dans Salesforce. ↑↓ pour choisir, Entrée pour ouvrir, Échap pour fermer.",
            ),
        ),
        (
            "palette.empty",
            pick(
                lang,
                "Type to search Salesforce. Records you open appear here, and those you pin (right click or Ctrl+. on a result) stay on top.",
                "Tapez pour rechercher dans Salesforce. Les enregistrements ouverts apparaissent ici, et ceux que vous épinglez (clic droit ou Ctrl+. sur un résultat) restent en tête.",
            ),
        ),
    ]
    .into_iter()
    .collect()
}
