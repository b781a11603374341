//! English and French. The core speaks English; the front ends (the window's commands and
//! events, the CLI's human output) translate at their boundary:
//!
//! - Errors are typed: [`Localize`] gives every variant of every error enum a French text
//!   with the same dynamic parts ([`localize`] for an [`ApiError`]). The matches are
//!   exhaustive, so a new variant does not compile without its French message.
//! - Texts the core keeps as strings (the card's reason, views notices, the editor's
//!   locked/refused lines, search events) use the English text as the message id, as
//!   gettext does: fixed texts are in [`fixed_catalogue`]; texts with dynamic parts are
//!   registered with their French twin where they are formatted ([`twin`], [`remember`]).
//!   [`translate`] looks both up and falls back to the English text.
//!
//! The language: the OS locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; `fr*` → French,
//! anything else → English), unless Settings → General says otherwise ([`LanguageSetting`],
//! saved under [`KEY_LANGUAGE`]). JSON output, error kinds and the policy checker's report
//! stay English (they are for scripts and administrators).

mod errors;
mod notices;

pub use errors::{localize, Localize};
pub use notices::Notice;

use super::ApiError;
use crate::auth::callback::CallbackError;
use crate::auth::oauth::OAuthError;
use crate::auth::store::CredentialError;
use crate::policy::NotAvailableReason;
use crate::salesforce::sosl::TermError;
use crate::salesforce::SalesforceError;
use crate::views::selection::SelectionError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

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

/// An object type as Salesforce labels it in `lang` (API names in, labels out; unknown
/// names are returned as they are).
pub fn object_label(name: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return name;
    }
    match name {
        "Lead" => "Lead",
        "Account" => "Compte",
        "Contact" => "Contact",
        "Opportunity" => "Opportunité",
        "File" => "Fichier",
        "Report" => "Rapport",
        "Dashboard" => "Tableau de bord",
        "Case" => "Cas",
        other => other,
    }
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

// ----- texts kept as strings: English is the message id -----

fn twins() -> &'static Mutex<HashMap<String, String>> {
    static TWINS: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    TWINS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Past this many dynamic texts the table starts again (they are card reasons, notices
/// and search failures: a handful per session).
const MAX_TWINS: usize = 1024;

/// Registers `fr` as the French of `en` and returns `en`: for a text the core formats
/// with dynamic parts and keeps as a string.
pub fn twin(en: impl Into<String>, fr: impl Into<String>) -> String {
    let en = en.into();
    if let Ok(mut t) = twins().lock() {
        if t.len() >= MAX_TWINS {
            t.clear();
        }
        t.insert(en.clone(), fr.into());
    }
    en
}

/// An error's English text, with its French registered: for errors kept as text.
pub fn remember<E: Localize + ?Sized>(e: &E) -> String {
    twin(e.to_string(), e.french())
}

/// Texts that never change, English → French: every fixed-text error variant plus the
/// fixed texts of the card.
pub fn fixed_catalogue() -> &'static HashMap<String, String> {
    static FIXED: OnceLock<HashMap<String, String>> = OnceLock::new();
    FIXED.get_or_init(|| {
        let mut m = HashMap::new();
        let mut add = |e: &dyn Localize| {
            m.insert(e.to_string(), e.french());
        };
        for e in [
            SelectionError::TooMany,
            SelectionError::LastOne,
            SelectionError::NotOffered,
        ] {
            add(&e);
        }
        add(&TermError::TooShort);
        add(&TermError::NoLettersOrDigits);
        for e in [
            SalesforceError::Timeout,
            SalesforceError::SessionExpired,
            SalesforceError::RestApiNotAllowed,
            SalesforceError::RequestLimitExceeded,
            SalesforceError::NotFound,
        ] {
            add(&e);
        }
        for e in [
            CallbackError::NotOurs,
            CallbackError::NoPendingAttempt,
            CallbackError::MissingCode,
        ] {
            add(&e);
        }
        add(&OAuthError::Timeout);
        add(&CredentialError::Corrupt);
        for e in [
            ApiError::NotConnected,
            ApiError::Cancelled,
            ApiError::DeviceExpired,
            ApiError::DeviceDenied,
            ApiError::AlreadyConnecting,
        ] {
            add(&e);
        }
        for r in [
            NotAvailableReason::NoPolicy,
            NotAvailableReason::Disabled,
            NotAvailableReason::NotInSegment,
            NotAvailableReason::InvalidPolicy(String::new()),
        ] {
            add(&r);
        }
        m
    })
}

/// `en` in `lang`: the fixed catalogue, then the registered twins, else `en` itself.
pub fn translate(en: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    if let Some(fr) = fixed_catalogue().get(en) {
        return fr.clone();
    }
    twins()
        .lock()
        .ok()
        .and_then(|t| t.get(en).cloned())
        .unwrap_or_else(|| en.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn texts_kept_as_strings_translate_by_their_english() {
        assert_eq!(
            translate(&TermError::TooShort.to_string(), Lang::Fr),
            TermError::TooShort.french()
        );
        assert_eq!(
            translate(&SelectionError::LastOne.to_string(), Lang::Fr),
            "Au moins une vue de liste doit rester activée."
        );
        assert_eq!(
            translate(&NotAvailableReason::NoPolicy.to_string(), Lang::Fr),
            NotAvailableReason::NoPolicy.french()
        );
        let e = SalesforceError::Offline("connection refused 12345".into());
        let en = remember(&e);
        assert_eq!(translate(&en, Lang::Fr), e.french());
        assert_eq!(translate(&en, Lang::En), en);
        assert_eq!(
            translate("something unknown", Lang::Fr),
            "something unknown",
            "unknown texts stay as they are"
        );
    }

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
