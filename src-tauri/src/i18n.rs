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

use crate::api::ApiError;
use crate::auth::callback::CallbackError;
use crate::auth::oauth::OAuthError;
use crate::auth::store::CredentialError;
use crate::local_store::StoreError;
use crate::policy::NotAvailableReason;
use crate::salesforce::sosl::{TermError, MIN_TERM_CHARS};
use crate::salesforce::SalesforceError;
use crate::search::SearchError;
use crate::views::selection::{SelectionError, MAX_ENABLED};
use crate::views::ViewsError;
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

impl Lang {
    /// The BCP 47 tag (`<html lang>`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
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

// ----- errors -----

/// A user-facing message in a language.
pub trait Localize: std::fmt::Display {
    /// The French text; English is `to_string()`.
    fn french(&self) -> String;

    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Fr => self.french(),
        }
    }
}

/// What the window and the CLI show for an error.
pub fn localize(e: &ApiError, lang: Lang) -> String {
    e.localize(lang)
}

impl Localize for ApiError {
    fn french(&self) -> String {
        match self {
            ApiError::NotAvailable(reason) => translate(reason, Lang::Fr),
            ApiError::NotConnected => "Salesforce n’est pas connecté. Connectez-le dans Paramètres → Intégrations.".into(),
            ApiError::NeedsAttention(reason) => format!("Salesforce demande votre attention : {}", translate(reason, Lang::Fr)),
            ApiError::Search(e) => e.french(),
            ApiError::Views(e) => e.french(),
            ApiError::Callback(e) => e.french(),
            ApiError::OAuth(e) => format!("La connexion a échoué : {}", e.french()),
            ApiError::Credentials(e) => e.french(),
            ApiError::Store(e) => e.french(),
            ApiError::Cancelled => "La tentative de connexion a été annulée.".into(),
            ApiError::DeviceExpired => "Le code a expiré avant d’être approuvé. Recommencez.".into(),
            ApiError::DeviceDenied => "La connexion a été refusée dans Salesforce.".into(),
            ApiError::Loopback { port, reason } => format!(
                "Le port local {port} n’a pas pu être ouvert ({reason}). Fermez ce qui l’utilise, ou demandez à votre administrateur de choisir un autre port."
            ),
            ApiError::AlreadyConnecting => "Une connexion est déjà en cours ; terminez-la ou annulez-la d’abord.".into(),
            ApiError::Invalid(text) => translate(text, Lang::Fr),
        }
    }
}

impl Localize for SearchError {
    fn french(&self) -> String {
        match self {
            SearchError::TooShort(e) => e.french(),
            SearchError::Salesforce(e) => e.french(),
        }
    }
}

impl Localize for TermError {
    fn french(&self) -> String {
        match self {
            TermError::TooShort => {
                format!("Saisissez au moins {MIN_TERM_CHARS} caractères pour rechercher dans Salesforce.")
            }
            TermError::NoLettersOrDigits => {
                "Saisissez des lettres ou des chiffres pour rechercher dans Salesforce : les symboles et les emoji sont ignorés.".into()
            }
        }
    }
}

impl Localize for SalesforceError {
    fn french(&self) -> String {
        match self {
            SalesforceError::Offline(why) => {
                format!("Salesforce est injoignable ({why}). Vérifiez votre connexion réseau et réessayez.")
            }
            SalesforceError::Timeout => "Salesforce n’a pas répondu à temps. Réessayez dans un instant.".into(),
            SalesforceError::SessionExpired => {
                "Votre session Salesforce a expiré. Reconnectez Salesforce dans Paramètres → Intégrations.".into()
            }
            SalesforceError::RestApiNotAllowed => "Votre identifiant Salesforce n’est pas autorisé à utiliser l’API REST (profil ou stratégie de l’application). Demandez à votre administrateur Salesforce d’autoriser l’accès à l’API.".into(),
            SalesforceError::RequestLimitExceeded => "Votre organisation a épuisé ses requêtes d’API Salesforce pour aujourd’hui (REQUEST_LIMIT_EXCEEDED). Réessayez plus tard.".into(),
            SalesforceError::MalformedSearch(why) => format!("Salesforce n’a pas pu exécuter cette recherche : {why}"),
            SalesforceError::NotSearchable { object } => {
                format!("L’objet {} ne peut pas être recherché dans cette organisation Salesforce.", object_label(object, Lang::Fr))
            }
            SalesforceError::NotFound => "Salesforce ne connaît pas cet enregistrement ou cette vue de liste.".into(),
            SalesforceError::Server { status } => {
                format!("Salesforce a rencontré un problème (HTTP {status}). Réessayez dans un instant.")
            }
            SalesforceError::MalformedResponse(_) => "Salesforce a envoyé une réponse que l’application ne sait pas lire. Réessayez dans un instant.".into(),
            SalesforceError::NotSalesforce(what) => format!("Le serveur n’a pas répondu comme Salesforce ({what}) : un proxy ou une page de connexion Wi-Fi s’interpose peut-être, ou l’adresse de l’organisation est erronée."),
            SalesforceError::Api { code, message, .. } => format!("Salesforce a refusé la requête ({code}) : {message}"),
            SalesforceError::NeedsReconnect(why) => format!("Reconnectez Salesforce dans Paramètres → Intégrations : {why}"),
            SalesforceError::EnvTokenRefused => "Salesforce a refusé SF_ACCESS_TOKEN (expiré ou révoqué). Définissez un nouveau jeton (par exemple avec `sf org display`), ou retirez SF_INSTANCE_URL et SF_ACCESS_TOKEN pour utiliser votre propre connexion.".into(),
        }
    }
}

impl Localize for ViewsError {
    fn french(&self) -> String {
        match self {
            ViewsError::Salesforce(e) => e.french(),
            ViewsError::Selection(e) => e.french(),
            ViewsError::Store(e) => e.french(),
            ViewsError::UnknownObject(name) => format!(
                "« {name} » n’est pas un type d’objet doté de vues de liste. Choisissez parmi : Account, Contact, Lead, Opportunity, Case."
            ),
            ViewsError::NoListViews(object) => {
                format!("{} : aucune vue de liste dans cette organisation.", object_label(object, Lang::Fr))
            }
            ViewsError::NotAnId(id) => format!(
                "« {id} » n’est pas un ID de vue de liste (15 ou 18 lettres et chiffres, tels que `workstation views list` les affiche)."
            ),
        }
    }
}

impl Localize for SelectionError {
    fn french(&self) -> String {
        match self {
            SelectionError::TooMany => format!(
                "Au plus {MAX_ENABLED} vues de liste peuvent être activées par type d’objet. Désactivez-en une d’abord."
            ),
            SelectionError::LastOne => "Au moins une vue de liste doit rester activée.".into(),
            SelectionError::NotOffered => {
                "Cette vue de liste ne fait pas partie de celles proposées pour ce type d’objet.".into()
            }
        }
    }
}

impl Localize for StoreError {
    fn french(&self) -> String {
        match self {
            StoreError::Write { path, source } => {
                format!(
                    "Impossible d’enregistrer les paramètres dans {} : {source}",
                    path.display()
                )
            }
            StoreError::Read { path, source } => {
                format!("Impossible de lire les paramètres de {} : {source}", path.display())
            }
        }
    }
}

impl Localize for CallbackError {
    fn french(&self) -> String {
        match self {
            CallbackError::NotOurs => {
                "Ce lien n’était pas destiné à la connexion Salesforce de Workstation ; il a été ignoré.".into()
            }
            CallbackError::NoPendingAttempt => "Aucune connexion Salesforce n’attend cette réponse (elle a peut-être été annulée, déjà utilisée ou a expiré). Cliquez sur Connecter pour recommencer.".into(),
            CallbackError::MissingCode => "La réponse de Salesforce ne contenait pas de code d’autorisation.".into(),
            CallbackError::Denied(why) => format!("La connexion n’a pas été approuvée dans Salesforce ({why})."),
        }
    }
}

impl Localize for OAuthError {
    fn french(&self) -> String {
        match self {
            OAuthError::Network(why) => format!("Le service de connexion de Salesforce est injoignable ({why})."),
            OAuthError::Timeout => "Le service de connexion de Salesforce n’a pas répondu à temps.".into(),
            OAuthError::RefreshRevoked(why) => {
                format!("Salesforce n’accepte plus cette connexion ({why}). Reconnectez Salesforce.")
            }
            OAuthError::Rejected { error, description } => format!(
                "Salesforce a refusé : {error}{}",
                description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
            ),
            OAuthError::Malformed(why) => {
                format!("Le service de connexion de Salesforce a envoyé une réponse que l’application ne sait pas lire : {why}")
            }
        }
    }
}

impl Localize for CredentialError {
    fn french(&self) -> String {
        match self {
            CredentialError::Unavailable(why) => format!(
                "Aucun trousseau d’identifiants n’est disponible sur cet ordinateur ({why}). Workstation ne conserve les jetons Salesforce que dans le trousseau du système ; démarrez un service de trousseau (par exemple GNOME Keyring) et réessayez."
            ),
            CredentialError::Denied(why) => format!("Le trousseau du système a refusé l’accès ({why})."),
            CredentialError::Corrupt => {
                "La connexion Salesforce enregistrée dans le trousseau est endommagée ; connectez-vous à nouveau.".into()
            }
        }
    }
}

impl Localize for NotAvailableReason {
    fn french(&self) -> String {
        const ASK: &str = "Demandez au responsable de Workstation dans votre organisation d’activer Salesforce.";
        match self {
            NotAvailableReason::NoPolicy => {
                format!("Salesforce n’a pas été configuré pour Workstation sur cet ordinateur. {ASK}")
            }
            NotAvailableReason::Disabled => format!("Salesforce est désactivé pour votre organisation. {ASK}"),
            NotAvailableReason::NotInSegment => format!(
                "Salesforce n’est pas activé pour votre compte. {ASK} \
                 (Workstation se fonde sur l’adresse e-mail indiquée dans les Paramètres et sur votre session d’ordinateur.)"
            ),
            NotAvailableReason::InvalidPolicy(_) => format!(
                "Salesforce est indisponible car la stratégie Workstation de votre organisation contient une erreur. {ASK} \
                 (Cette personne peut lancer `workstation policy check` pour savoir quoi corriger.)"
            ),
        }
    }
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
    use std::path::PathBuf;

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
    fn every_error() -> Vec<ApiError> {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let sf = vec![
            SalesforceError::Offline("dns".into()),
            SalesforceError::Timeout,
            SalesforceError::SessionExpired,
            SalesforceError::RestApiNotAllowed,
            SalesforceError::RequestLimitExceeded,
            SalesforceError::MalformedSearch("Malformed search token".into()),
            SalesforceError::NotSearchable {
                object: "Report".into(),
            },
            SalesforceError::NotFound,
            SalesforceError::Server { status: 503 },
            SalesforceError::MalformedResponse("eof".into()),
            SalesforceError::NotSalesforce("HTTP 200, text/html".into()),
            SalesforceError::Api {
                status: 400,
                code: "X".into(),
                message: "m".into(),
            },
            SalesforceError::NeedsReconnect("expired".into()),
            SalesforceError::EnvTokenRefused,
        ];
        let mut all: Vec<ApiError> = Vec::new();
        all.push(ApiError::Search(SearchError::TooShort(TermError::TooShort)));
        for e in sf.clone() {
            all.push(ApiError::Search(SearchError::Salesforce(e.clone())));
            all.push(ApiError::Views(ViewsError::Salesforce(e)));
        }
        for e in [
            SelectionError::TooMany,
            SelectionError::LastOne,
            SelectionError::NotOffered,
        ] {
            all.push(ApiError::Views(ViewsError::Selection(e)));
        }
        all.push(ApiError::Views(ViewsError::Store(StoreError::Write {
            path: PathBuf::from("/x"),
            source: io(),
        })));
        all.push(ApiError::Views(ViewsError::UnknownObject("Foo".into())));
        all.push(ApiError::Views(ViewsError::NoListViews("Case".into())));
        all.push(ApiError::Views(ViewsError::NotAnId("nothere".into())));
        for e in [
            CallbackError::NotOurs,
            CallbackError::NoPendingAttempt,
            CallbackError::MissingCode,
            CallbackError::Denied("no".into()),
        ] {
            all.push(ApiError::Callback(e));
        }
        for e in [
            OAuthError::Network("dns".into()),
            OAuthError::Timeout,
            OAuthError::RefreshRevoked("expired".into()),
            OAuthError::Rejected {
                error: "invalid_grant".into(),
                description: Some("d".into()),
            },
            OAuthError::Malformed("eof".into()),
        ] {
            all.push(ApiError::OAuth(e));
        }
        for e in [
            CredentialError::Unavailable("no bus".into()),
            CredentialError::Denied("locked".into()),
            CredentialError::Corrupt,
        ] {
            all.push(ApiError::Credentials(e));
        }
        all.push(ApiError::Store(StoreError::Write {
            path: PathBuf::from("/x"),
            source: io(),
        }));
        all.push(ApiError::Store(StoreError::Read {
            path: PathBuf::from("/x"),
            source: io(),
        }));
        all.push(ApiError::NotAvailable(NotAvailableReason::NoPolicy.to_string()));
        all.push(ApiError::NotAvailable(NotAvailableReason::Disabled.to_string()));
        all.push(ApiError::NotAvailable(NotAvailableReason::NotInSegment.to_string()));
        all.push(ApiError::NotAvailable(
            NotAvailableReason::InvalidPolicy("x".into()).to_string(),
        ));
        all.push(ApiError::NeedsAttention(twin(
            "The saved connection is incomplete; reconnect.",
            "La connexion enregistrée est incomplète ; reconnectez-vous.",
        )));
        all.push(ApiError::NotConnected);
        all.push(ApiError::Cancelled);
        all.push(ApiError::DeviceExpired);
        all.push(ApiError::DeviceDenied);
        all.push(ApiError::Loopback {
            port: 7878,
            reason: "in use".into(),
        });
        all.push(ApiError::AlreadyConnecting);
        all.push(ApiError::Invalid(twin(
            "“x” is not an e-mail address.",
            "« x » n’est pas une adresse e-mail.",
        )));
        all
    }

    /// Words that give away an English sentence left untranslated.
    const ENGLISH: [&str; 14] = [
        " the ",
        " is ",
        " not ",
        " could ",
        " your ",
        " was ",
        " try ",
        " again",
        " no ",
        " has ",
        "connect it",
        " and ",
        " in this",
        " of ",
    ];

    #[test]
    fn every_error_has_a_french_message() {
        for e in every_error() {
            let (en, fr) = (localize(&e, Lang::En), localize(&e, Lang::Fr));
            assert_eq!(en, e.to_string(), "English is the core's own text");
            assert_ne!(fr, en, "{:?} has no French message", e);
            let lower = format!(" {} ", fr.to_lowercase());
            for word in ENGLISH {
                assert!(
                    !lower.contains(word),
                    "English leaks into the French of {e:?} ({word:?}): {fr}"
                );
            }
        }
    }

    #[test]
    fn french_keeps_the_dynamic_parts() {
        let fr = localize(
            &ApiError::Loopback {
                port: 7878,
                reason: "in use".into(),
            },
            Lang::Fr,
        );
        assert!(fr.contains("7878") && fr.contains("in use"), "{fr}");
        let fr = localize(
            &ApiError::Search(SearchError::Salesforce(SalesforceError::Server { status: 503 })),
            Lang::Fr,
        );
        assert!(fr.contains("HTTP 503"), "{fr}");
        let fr = localize(
            &ApiError::Search(SearchError::Salesforce(SalesforceError::NotSearchable {
                object: "Dashboard".into(),
            })),
            Lang::Fr,
        );
        assert!(fr.contains("Tableau de bord"), "{fr}");
    }

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
