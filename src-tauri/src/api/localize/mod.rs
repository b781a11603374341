//! English and French: the one place that turns what the core returns into words.
//!
//! - Errors and the card's reasons are typed: [`Localize`] gives every variant of every error
//!   enum a French text with the same dynamic parts (English is its `Display`). The matches
//!   are exhaustive, so a new variant does not compile without its French message.
//! - Notices (a damaged settings file set aside, a list view that vanished) are typed too:
//!   [`Notice`] says them in either language.
//!
//! The language: the OS locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; `fr*` → French,
//! anything else → English), unless Settings → General says otherwise ([`LanguageSetting`],
//! saved under [`KEY_LANGUAGE`]). JSON output, error kinds and the policy checker's report
//! stay English (they are for scripts and administrators).

mod budget_words;
mod errors;
mod notices;
mod palette_words;
mod view_words;
mod words;

pub use budget_words::api_running_low;
pub use errors::{localize, Localize};
pub use notices::Notice;

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU8, Ordering};

/// Where the language choice is saved in the settings store.
pub const KEY_LANGUAGE: &str = "ui/language";
/// Where the theme choice is saved in the settings store.
pub const KEY_THEME: &str = "ui/theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Fr,
}

/// Settings → General → Language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageSetting {
    #[default]
    System,
    En,
    Fr,
}

impl LanguageSetting {
    pub fn parse(s: &str) -> Option<LanguageSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "system" | "" => Some(LanguageSetting::System),
            "en" | "english" => Some(LanguageSetting::En),
            "fr" | "french" | "français" | "francais" => Some(LanguageSetting::Fr),
            _ => None,
        }
    }
}

/// Settings → General → Theme; the window applies it, `System` follows the OS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeSetting {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeSetting {
    pub fn parse(s: &str) -> Option<ThemeSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "system" | "" => Some(ThemeSetting::System),
            "light" => Some(ThemeSetting::Light),
            "dark" => Some(ThemeSetting::Dark),
            _ => None,
        }
    }
}

/// The language a POSIX locale value names, if it names one (`fr_FR.UTF-8` → French,
/// `en_GB` → English); `None` for an empty value.
pub fn lang_from_locale(value: &str) -> Option<Lang> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(if value.to_ascii_lowercase().starts_with("fr") {
        Lang::Fr
    } else {
        Lang::En
    })
}

/// The language of a locale environment, with POSIX precedence: the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set and not empty decides.
pub fn detect_lang_from(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).and_then(|v| lang_from_locale(&v)))
        .unwrap_or(Lang::En)
}

/// The OS's language, from this process's locale environment.
pub fn detect_os_lang() -> Lang {
    detect_lang_from(|name| std::env::var(name).ok())
}

pub fn resolve(setting: LanguageSetting) -> Lang {
    match setting {
        LanguageSetting::System => detect_os_lang(),
        LanguageSetting::En => Lang::En,
        LanguageSetting::Fr => Lang::Fr,
    }
}

// ----- the front end's current language -----

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language a front end speaks now (one per process: the window or a CLI command).
/// The core never reads it; English until a front end sets it.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Fr,
        _ => Lang::En,
    }
}

pub fn set_current(lang: Lang) {
    CURRENT.store(if lang == Lang::Fr { 1 } else { 0 }, Ordering::Relaxed);
}

/// One of two texts.
pub fn pick<'a>(lang: Lang, en: &'a str, fr: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

// ----- Salesforce's own terms -----

/// An object type as Salesforce labels it in `lang`, singular and plural (API names in;
/// unknown names come back as they are, in both).
pub fn object_labels(name: &str, lang: Lang) -> (&str, &str) {
    let (en, fr) = match name {
        "Lead" => (("Lead", "Leads"), ("Lead", "Leads")),
        "Account" => (("Account", "Accounts"), ("Compte", "Comptes")),
        "Contact" => (("Contact", "Contacts"), ("Contact", "Contacts")),
        "Opportunity" => (("Opportunity", "Opportunities"), ("Opportunité", "Opportunités")),
        "File" => (("File", "Files"), ("Fichier", "Fichiers")),
        "Report" => (("Report", "Reports"), ("Rapport", "Rapports")),
        "Dashboard" => (("Dashboard", "Dashboards"), ("Tableau de bord", "Tableaux de bord")),
        "Case" => (("Case", "Cases"), ("Cas", "Cas")),
        other => return (other, other),
    };
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// An object type as Salesforce labels it in `lang`, singular.
pub fn object_label(name: &str, lang: Lang) -> &str {
    object_labels(name, lang).0
}

/// A search result's field (by API name) as Salesforce labels it.
pub fn field_label(field: &str, lang: Lang) -> &str {
    let (en, fr) = match field {
        "Name" => ("Name", "Nom"),
        "Title" => ("Title", "Titre"),
        "Company" => ("Company", "Société"),
        "Status" => ("Status", "Statut"),
        "Type" => ("Type", "Type"),
        "Account.Name" => ("Account Name", "Nom du compte"),
        "StageName" => ("Stage", "Étape"),
        "FileType" => ("File type", "Type de fichier"),
        "FolderName" => ("Folder", "Dossier"),
        "CaseNumber" => ("Case number", "Numéro du cas"),
        "Subject" => ("Subject", "Objet"),
        other => return other,
    };
    pick(lang, en, fr)
}

/// The words the window shows for Salesforce's own terms and the numbers of the views rule,
/// sent with Settings so that the UI keeps no table of its own.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    /// Object API name → [singular, plural].
    pub objects: std::collections::BTreeMap<&'static str, [&'static str; 2]>,
    /// Field API name → label.
    pub fields: std::collections::BTreeMap<&'static str, &'static str>,
    /// At most this many list views enabled per object type, at least one.
    pub max_enabled: usize,
    /// At most this many list views offered per object type.
    pub max_offered: usize,
    /// Search asks Salesforce from this many characters on.
    pub min_term_chars: usize,
    /// A group's "More" asks for up to this many records of its type.
    pub more_per_object: u32,
    /// The window's words that come from here (search's More and See all, a list view's
    /// sort), key → text.
    pub words: std::collections::BTreeMap<&'static str, &'static str>,
}

pub fn vocabulary(lang: Lang) -> Vocabulary {
    use crate::salesforce::SearchObject;
    let objects = SearchObject::ALL
        .iter()
        .map(|o| {
            let (one, other) = object_labels(o.name(), lang);
            (o.name(), [one, other])
        })
        .collect();
    let fields = SearchObject::ALL
        .iter()
        .flat_map(|o| o.shown_fields().iter().copied())
        .map(|f| (f, field_label(f, lang)))
        .collect();
    Vocabulary {
        objects,
        fields,
        max_enabled: crate::views::selection::MAX_ENABLED,
        max_offered: crate::views::selection::MAX_OFFERED,
        min_term_chars: crate::salesforce::sosl::MIN_TERM_CHARS,
        more_per_object: crate::salesforce::sosl::MORE_PER_OBJECT,
        words: window_words(lang),
    }
}

/// The window's words that the core says (search's More and See all, sorting a list view, the
/// palette): key → text in `lang`; ui/i18n.js `t(key)` looks here first.
fn window_words(lang: Lang) -> std::collections::BTreeMap<&'static str, &'static str> {
    words::search_words(lang)
        .into_iter()
        .chain(view_words::view_words(lang))
        .chain(palette_words::palette_words(lang))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_window_word_is_in_both_languages_with_the_same_blanks() {
        let (en, fr) = (window_words(Lang::En), window_words(Lang::Fr));
        assert_eq!(en.keys().collect::<Vec<_>>(), fr.keys().collect::<Vec<_>>());
        let blanks = |text: &str| -> Vec<String> {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                .collect();
            names.sort();
            names
        };
        for (key, text) in &en {
            assert_ne!(*text, fr[key], "{key} is translated");
            assert_eq!(blanks(text), blanks(fr[key]), "{key}");
        }
    }

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn a_french_locale_means_french() {
        assert_eq!(detect_lang_from(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(detect_lang_from(env(&[("LANG", "fr_CA")])), Lang::Fr);
        assert_eq!(detect_lang_from(env(&[("LANG", "fr")])), Lang::Fr);
        assert_eq!(detect_lang_from(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            detect_lang_from(env(&[("LANG", "de_DE.UTF-8")])),
            Lang::En,
            "other languages fall back to English"
        );
        assert_eq!(detect_lang_from(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(detect_lang_from(env(&[])), Lang::En, "no locale at all: English");
    }

    #[test]
    fn posix_precedence_lc_all_then_lc_messages_then_lang() {
        assert_eq!(
            detect_lang_from(env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "en_US.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(
            detect_lang_from(env(&[
                ("LC_ALL", "en_US.UTF-8"),
                ("LC_MESSAGES", "fr_FR"),
                ("LANG", "fr_FR")
            ])),
            Lang::En
        );
        assert_eq!(
            detect_lang_from(env(&[("LC_MESSAGES", "fr_BE"), ("LANG", "en_GB")])),
            Lang::Fr
        );
        // An empty variable does not count.
        assert_eq!(
            detect_lang_from(env(&[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "fr_FR")])),
            Lang::Fr
        );
    }

    #[test]
    fn an_explicit_setting_wins_over_the_os() {
        assert_eq!(resolve(LanguageSetting::En), Lang::En);
        assert_eq!(resolve(LanguageSetting::Fr), Lang::Fr);
        assert_eq!(resolve(LanguageSetting::System), detect_os_lang());
        assert_eq!(LanguageSetting::parse("Français"), Some(LanguageSetting::Fr));
        assert_eq!(LanguageSetting::parse("system"), Some(LanguageSetting::System));
        assert_eq!(LanguageSetting::parse("klingon"), None);
        assert_eq!(serde_json::to_string(&LanguageSetting::Fr).unwrap(), "\"fr\"");
        assert_eq!(ThemeSetting::parse("dark"), Some(ThemeSetting::Dark));
    }

    /// One of every variant, so that each has a French text checked below. (The matches in
    /// the `Localize` impls are exhaustive: a new variant cannot lack a French message.)
    #[test]
    fn salesforce_terms() {
        let fr: Vec<&str> = [
            "Lead",
            "Account",
            "Contact",
            "Opportunity",
            "File",
            "Report",
            "Dashboard",
            "Case",
        ]
        .iter()
        .map(|o| object_label(o, Lang::Fr))
        .collect();
        assert_eq!(
            fr,
            [
                "Lead",
                "Compte",
                "Contact",
                "Opportunité",
                "Fichier",
                "Rapport",
                "Tableau de bord",
                "Cas"
            ]
        );
        assert_eq!(object_label("Account", Lang::En), "Account");
        assert_eq!(field_label("Company", Lang::Fr), "Société");
        assert_eq!(field_label("StageName", Lang::En), "Stage");
    }
}
