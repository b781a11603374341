//! Every error of every capability in French (English is its `Display`). The matches are
//! exhaustive: a new variant does not compile without its French message.

use super::{object_label, Lang};
use crate::api::{ApiError, EnvironmentError, Invalid};
use crate::auth::callback::CallbackError;
use crate::auth::card::{Attention, ConnectFailure, SessionEnd, Unavailable};
use crate::auth::connect::ConnectError;
use crate::auth::oauth::OAuthError;
use crate::auth::refusal::AuthorizeRefusal;
use crate::auth::store::CredentialError;
use crate::opener::OpenError;
use crate::policy::NotAvailableReason;
use crate::salesforce::sosl::{TermError, MIN_TERM_CHARS};
use crate::salesforce::{NoApiAccess, SalesforceError};
use crate::search::SearchError;
use crate::store::{NotPrivate, StoreError};
use crate::views::selection::{SelectionError, MAX_ENABLED};
use crate::views::{SortRefusal, ViewsError};

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
            ApiError::NotAvailable(reason) => reason.french(),
            ApiError::NotConnected => {
                "Salesforce n’est pas connecté. Connectez-le dans Paramètres → Intégrations.".into()
            }
            ApiError::NeedsAttention(reason) => format!("Salesforce demande votre attention : {}", reason.french()),
            ApiError::Search(e) => e.french(),
            ApiError::Views(e) => e.french(),
            ApiError::Connect(e) => e.french(),
            ApiError::Credentials(e) => e.french(),
            ApiError::Store(e) => e.french(),
            ApiError::Open(e) => e.french(),
            ApiError::Http(e) => format!("Le client HTTPS n’a pas pu être préparé ({}).", e.0),
            ApiError::Invalid(e) => e.french(),
            ApiError::SessionChanged => "La connexion Salesforce a changé pendant la recherche. Relancez-la.".into(),
        }
    }
}

impl Localize for Invalid {
    fn french(&self) -> String {
        match self {
            Invalid::NotAnEmail(e) => format!("« {e} » n’est pas une adresse e-mail."),
            Invalid::OutsideOrg(shown) => {
                format!("refus d’ouvrir une adresse hors de votre organisation Salesforce : {shown}")
            }
            Invalid::UnknownTheme(theme) => format!("thème inconnu : {theme}"),
            Invalid::UnknownLanguage(language) => format!("langue inconnue : {language}"),
            Invalid::MissingViewArguments => "Indiquez un type d’objet et l’ID d’une vue de liste.".into(),
            Invalid::TooManyPins(max) => {
                format!("Vous pouvez épingler au plus {max} enregistrements : désépinglez-en un d’abord.")
            }
        }
    }
}

impl Localize for ConnectError {
    fn french(&self) -> String {
        match self {
            ConnectError::NotAvailable(reason) => reason.french(),
            ConnectError::Failed(f) => f.french(),
            ConnectError::Store(e) => e.french(),
            ConnectError::Cancelled => "La tentative de connexion a été annulée.".into(),
            ConnectError::Loopback { port, reason } => format!(
                "Le port local {port} n’a pas pu être ouvert ({reason}). Fermez ce qui l’utilise, ou demandez à votre administrateur de choisir un autre port."
            ),
            ConnectError::AlreadyConnecting => {
                "Une connexion est déjà en cours ; terminez-la ou annulez-la d’abord.".into()
            }
            ConnectError::EnvironmentSession => "Cette session vient de SF_INSTANCE_URL et SF_ACCESS_TOKEN : retirez-les pour ne plus l’utiliser (`sf org logout` révoque le jeton chez Salesforce).".into(),
        }
    }
}

impl Localize for Unavailable {
    fn french(&self) -> String {
        match self {
            Unavailable::Policy(reason) => reason.french(),
            Unavailable::Environment(e) => e.french(),
            Unavailable::NoCredentialStore(e) => e.french(),
            Unavailable::AccessTokenSession => {
                "une session est fournie par SF_ACCESS_TOKEN ; il n’y a rien à connecter".into()
            }
        }
    }
}

impl Localize for Attention {
    fn french(&self) -> String {
        match self {
            Attention::SessionEnded(end) => format!(
                "Salesforce a mis fin à cette connexion ({}). Reconnectez-vous pour continuer à rechercher.",
                end.french()
            ),
            Attention::Incomplete => "La connexion enregistrée est incomplète ; reconnectez-vous.".into(),
            Attention::SettingsChanged => {
                "Votre administrateur a modifié les réglages Salesforce ; reconnectez-vous.".into()
            }
            Attention::CredentialStore(e) => e.french(),
            Attention::ConnectFailed(f) => f.french(),
        }
    }
}

impl Localize for SessionEnd {
    fn french(&self) -> String {
        match self {
            SessionEnd::Expired => "la session a expiré".into(),
            SessionEnd::Refused(_) => "votre connexion a été retirée ou a expiré".into(),
        }
    }
}

impl Localize for ConnectFailure {
    fn french(&self) -> String {
        match self {
            ConnectFailure::Callback(e) => e.french(),
            ConnectFailure::OAuth(e) => format!("La connexion a échoué : {}", e.french()),
            ConnectFailure::Credentials(e) => e.french(),
            ConnectFailure::DeviceExpired => "Le code a expiré avant d’être approuvé. Recommencez.".into(),
            ConnectFailure::DeviceDenied => "La connexion a été refusée dans Salesforce.".into(),
            ConnectFailure::NoAnswer => {
                "La réponse de Salesforce n’est pas revenue à temps ; la connexion a été abandonnée. Cliquez sur Connecter pour recommencer. (Si Salesforce a affiché redirect_uri_mismatch, demandez à votre administrateur d’enregistrer les URL de rappel de Workstation dans l’application connectée.)".into()
            }
            ConnectFailure::StartedTwice => {
                "Le lien de connexion a été ouvert deux fois (peut-être par un autre programme) ; cette connexion a donc été arrêtée. Cliquez sur Connecter pour recommencer.".into()
            }
            ConnectFailure::NoApiAccess(who) => who.french(),
        }
    }
}

impl Localize for NoApiAccess {
    fn french(&self) -> String {
        match self {
            NoApiAccess::User => "Cet utilisateur Salesforce n’a pas accès à l’API (API_CURRENTLY_DISABLED). Demandez à votre administrateur Salesforce l’autorisation « API activée » (API Enabled).".into(),
            NoApiAccess::Org => "Cette organisation Salesforce n’a pas accès à l’API (API_DISABLED_FOR_ORG) : son édition ne comprend pas l’API. Adressez-vous à votre administrateur Salesforce.".into(),
        }
    }
}

impl Localize for EnvironmentError {
    fn french(&self) -> String {
        match self {
            EnvironmentError::NotSalesforce(input) => format!(
                "SF_INSTANCE_URL n’est pas une adresse Salesforce ({input:?}) ; attendu : une adresse comme https://votredomaine.my.salesforce.com"
            ),
            EnvironmentError::Unencrypted(input) => format!(
                "SF_INSTANCE_URL utilise http:// ({input:?}), qui enverrait SF_ACCESS_TOKEN en clair ; utilisez https://"
            ),
        }
    }
}

impl Localize for OpenError {
    fn french(&self) -> String {
        match self {
            OpenError::NotWeb(url) => format!("refus d’ouvrir une adresse qui n’est pas une adresse web : {url}"),
            OpenError::BrowserCommand { command, reason } => {
                format!("impossible de lancer WORKSTATION_BROWSER ({command}) : {reason}")
            }
            OpenError::NoBrowser(reason) => format!("impossible d’ouvrir le navigateur : {reason}"),
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
            SalesforceError::CertificateNotTrusted(host) => certificate_not_trusted(host),
            SalesforceError::Timeout => "Salesforce n’a pas répondu à temps. Réessayez dans un instant.".into(),
            SalesforceError::SessionExpired => {
                "Votre session Salesforce a expiré. Reconnectez Salesforce dans Paramètres → Intégrations.".into()
            }
            SalesforceError::RestApiNotAllowed => "Votre identifiant Salesforce n’est pas autorisé à utiliser l’API REST (profil ou stratégie de l’application). Demandez à votre administrateur Salesforce d’autoriser l’accès à l’API.".into(),
            SalesforceError::NoApiAccess(who) => who.french(),
            SalesforceError::ConcurrentLimitExceeded => "Salesforce traite trop de requêtes de votre organisation à la fois (REQUEST_LIMIT_EXCEEDED, requêtes simultanées). Réessayez dans un instant.".into(),
            SalesforceError::RequestLimitExceeded => "Votre organisation a épuisé ses requêtes d’API Salesforce pour aujourd’hui (REQUEST_LIMIT_EXCEEDED). Réessayez plus tard.".into(),
            SalesforceError::MalformedSearch(why) => format!("Salesforce n’a pas pu exécuter cette recherche : {why}"),
            SalesforceError::NotSearchable { object } => {
                format!("L’objet {} ne peut pas être recherché dans cette organisation Salesforce.", object_label(object, Lang::Fr))
            }
            SalesforceError::HiddenField { object, field } => {
                format!("Cet utilisateur Salesforce ne peut pas voir le champ {field} de l’objet {}.", object_label(object, Lang::Fr))
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

/// A TLS-inspecting proxy's certificate, whichever request met it (the core's
/// `http::certificate_not_trusted_words` in French).
fn certificate_not_trusted(host: &str) -> String {
    format!(
        "Un proxy ou un pare-feu intercepte la connexion à Salesforce (certificat non approuvé pour {host}) — demandez au service informatique d’ajouter son autorité de certification au magasin de certificats de cet ordinateur, ou de laisser passer *.salesforce.com et *.force.com."
    )
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
            ViewsError::NoAccess(object) => format!(
                "Cet utilisateur Salesforce n’a pas accès à l’objet {} : il n’a donc aucune vue de liste à afficher.",
                object_label(object, Lang::Fr)
            ),
            ViewsError::NotAnId(id) => format!(
                "« {id} » n’est pas un ID de vue de liste (15 ou 18 lettres et chiffres, tels que `workstation views list` les affiche)."
            ),
            ViewsError::Unsortable { field, why } => {
                let why = match why {
                    SortRefusal::NotAColumn => "ce n’est pas l’une de ses colonnes",
                    SortRefusal::NotSortable => "Salesforce ne sait pas trier selon cette colonne",
                    SortRefusal::Refused => "Salesforce a refusé ce tri",
                };
                format!("Cette vue de liste ne peut pas être triée par {field} : {why}.")
            }
            ViewsError::BeyondPaging { limit } => format!(
                "Salesforce n’affiche ici les enregistrements d’une vue de liste que jusqu’au {limit}e ; ouvrez la vue de liste dans Salesforce pour les suivants."
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

impl Localize for NotPrivate {
    fn french(&self) -> String {
        match self {
            NotPrivate::Unchangeable(why) => format!("ses autorisations n’ont pas pu être modifiées ({why})"),
            NotPrivate::OtherOwner(uid) => format!("il appartient à un autre compte (identifiant {uid})"),
            NotPrivate::ModeNotKept(mode) => {
                format!("son système de fichiers le laisse lisible par d’autres (mode {mode:o})")
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
            StoreError::NotOurs { path, owner } => format!(
                "Le dossier de données {path} appartient à un autre compte (identifiant {owner}) : Workstation n’y écrit rien. \
                 Rendez-le à votre compte (`sudo chown -R $USER {path}`) ou supprimez-le, ou indiquez dans WORKSTATION_DATA_DIR un dossier à vous.",
                path = path.display()
            ),
            StoreError::NoDataFolder => "Workstation n’a pas de dossier de données : ce compte n’a pas de dossier personnel. \
                 Définissez HOME, ou WORKSTATION_DATA_DIR avec un dossier à vous."
                .into(),
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
            CallbackError::Refused(why) => why.french(),
        }
    }
}

impl Localize for AuthorizeRefusal {
    fn french(&self) -> String {
        match self {
            AuthorizeRefusal::Denied(why) => format!("La connexion n’a pas été approuvée dans Salesforce ({why})."),
            AuthorizeRefusal::ScopeNotSelected { scopes } => format!(
                "Salesforce a refusé les autorisations demandées par Workstation ({scopes}) : l’application connectée ne les sélectionne pas toutes (invalid_scope). Demandez à votre administrateur de les sélectionner dans l’application connectée, ou de régler salesforce.scopes dans la stratégie sur celles qu’elle sélectionne."
            ),
            AuthorizeRefusal::AppBlocked => "Votre administrateur Salesforce a bloqué cette application connectée (OAUTH_APP_BLOCKED). Demandez-lui de la débloquer dans Configuration → Utilisation OAuth des applications connectées.".into(),
            AuthorizeRefusal::NotApprovedUser => "Cette application connectée n’admet que les utilisateurs approuvés par un administrateur, et votre utilisateur Salesforce n’en fait pas partie (OAUTH_APP_ACCESS_DENIED). Demandez à votre administrateur d’ajouter votre profil ou un ensemble d’autorisations aux stratégies de l’application.".into(),
            AuthorizeRefusal::Other { error, description } => format!(
                "Salesforce a refusé la connexion ({error}{}). Cliquez sur Connecter pour réessayer ; si cela se reproduit, votre administrateur Salesforce saura ce que cela signifie.",
                description.as_deref().map(|d| format!(" : {d}")).unwrap_or_default()
            ),
        }
    }
}

impl Localize for OAuthError {
    fn french(&self) -> String {
        match self {
            OAuthError::Network(why) => format!("Le service de connexion de Salesforce est injoignable ({why})."),
            OAuthError::Timeout => "Le service de connexion de Salesforce n’a pas répondu à temps.".into(),
            OAuthError::CertificateNotTrusted(host) => certificate_not_trusted(host),
            OAuthError::RefreshRevoked(why) => {
                format!("Salesforce n’accepte plus cette connexion ({why}). Reconnectez Salesforce.")
            }
            OAuthError::Rejected { error, description } => format!(
                "Salesforce a refusé : {error}{}",
                description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
            ),
            OAuthError::Refused(why) => why.french(),
            OAuthError::Malformed(why) => {
                format!("Le service de connexion de Salesforce a envoyé une réponse que l’application ne sait pas lire : {why}")
            }
            OAuthError::UntrustedInstance(url) => format!(
                "Le service de connexion a donné {url:?} comme adresse de votre organisation, qui n’est pas une adresse Salesforce en https : l’application ne l’a pas utilisée. Vérifiez le domaine Salesforce de la stratégie avec votre administrateur ; un proxy ou une fausse page de connexion peut s’interposer."
            ),
            OAuthError::UntrustedVerificationPage(page) => format!(
                "Le service de connexion a donné {page:?} comme page où approuver cet ordinateur, qui n’est pas une page Salesforce en https : l’application ne l’a pas affichée. Réessayez ; si cela se reproduit, un proxy ou une fausse page de connexion peut s’interposer : prévenez votre administrateur."
            ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn every_error() -> Vec<ApiError> {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let sf = crate::api::every_salesforce_error();
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
        all.push(ApiError::Views(ViewsError::NoAccess("Case".into())));
        all.push(ApiError::Views(ViewsError::NotAnId("nothere".into())));
        all.push(ApiError::Views(ViewsError::BeyondPaging { limit: 2000 }));
        for why in [SortRefusal::NotAColumn, SortRefusal::NotSortable, SortRefusal::Refused] {
            all.push(ApiError::Views(ViewsError::Unsortable {
                field: "Company".into(),
                why,
            }));
        }
        for e in [
            CallbackError::NotOurs,
            CallbackError::NoPendingAttempt,
            CallbackError::MissingCode,
            CallbackError::Refused(AuthorizeRefusal::Denied("no".into())),
            CallbackError::Refused(AuthorizeRefusal::ScopeNotSelected {
                scopes: "api refresh_token".into(),
            }),
            CallbackError::Refused(AuthorizeRefusal::AppBlocked),
            CallbackError::Refused(AuthorizeRefusal::NotApprovedUser),
            CallbackError::Refused(AuthorizeRefusal::Other {
                error: "inactive_user".into(),
                description: None,
            }),
        ] {
            all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::Callback(e))));
        }
        for e in [
            OAuthError::Network("dns".into()),
            OAuthError::Timeout,
            OAuthError::CertificateNotTrusted("login.salesforce.com".into()),
            OAuthError::RefreshRevoked("expired".into()),
            OAuthError::Rejected {
                error: "invalid_grant".into(),
                description: Some("d".into()),
            },
            OAuthError::Malformed("eof".into()),
            OAuthError::UntrustedInstance("https://evil.example".into()),
            OAuthError::UntrustedVerificationPage("https://evil.example".into()),
        ] {
            all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::OAuth(e))));
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
        all.push(ApiError::Store(StoreError::NotOurs {
            path: PathBuf::from("/x"),
            owner: 65534,
        }));
        all.push(ApiError::Store(StoreError::NoDataFolder));
        for reason in [
            NotAvailableReason::NoPolicy,
            NotAvailableReason::Disabled,
            NotAvailableReason::NotInSegment,
            NotAvailableReason::InvalidPolicy("x".into()),
        ] {
            all.push(ApiError::NotAvailable(Unavailable::Policy(reason)));
        }
        all.push(ApiError::NotAvailable(Unavailable::AccessTokenSession));
        all.push(ApiError::NotAvailable(Unavailable::Environment(
            EnvironmentError::NotSalesforce("ftp://x".into()),
        )));
        all.push(ApiError::NotAvailable(Unavailable::Environment(
            EnvironmentError::Unencrypted("http://acme.my.salesforce.com".into()),
        )));
        all.push(ApiError::NotAvailable(Unavailable::NoCredentialStore(
            CredentialError::Unavailable("dbus".into()),
        )));
        for reason in [
            Attention::Incomplete,
            Attention::SettingsChanged,
            Attention::SessionEnded(SessionEnd::Expired),
            Attention::CredentialStore(CredentialError::Corrupt),
            Attention::ConnectFailed(ConnectFailure::DeviceDenied),
            Attention::ConnectFailed(ConnectFailure::DeviceExpired),
            Attention::ConnectFailed(ConnectFailure::NoApiAccess(NoApiAccess::User)),
            Attention::ConnectFailed(ConnectFailure::NoApiAccess(NoApiAccess::Org)),
            Attention::ConnectFailed(ConnectFailure::OAuth(OAuthError::Timeout)),
            Attention::ConnectFailed(ConnectFailure::Callback(CallbackError::MissingCode)),
            Attention::ConnectFailed(ConnectFailure::Credentials(CredentialError::Corrupt)),
        ] {
            all.push(ApiError::NeedsAttention(reason));
        }
        all.push(ApiError::NotConnected);
        all.push(ApiError::SessionChanged);
        all.push(ApiError::Connect(ConnectError::Cancelled));
        all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::DeviceExpired)));
        all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::DeviceDenied)));
        all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::NoAnswer)));
        all.push(ApiError::Connect(ConnectError::Failed(ConnectFailure::StartedTwice)));
        all.push(ApiError::Connect(ConnectError::Loopback {
            port: 7878,
            reason: "in use".into(),
        }));
        all.push(ApiError::Connect(ConnectError::AlreadyConnecting));
        all.push(ApiError::Connect(ConnectError::EnvironmentSession));
        all.push(ApiError::Open(OpenError::NotWeb("file:///etc/passwd".into())));
        all.push(ApiError::Open(OpenError::BrowserCommand {
            command: "firefox".into(),
            reason: "ENOENT".into(),
        }));
        all.push(ApiError::Open(OpenError::NoBrowser("xdg-open: 3".into())));
        all.push(ApiError::Http(crate::http::ClientError("TLS: 5".into())));
        for invalid in [
            Invalid::NotAnEmail("x".into()),
            Invalid::OutsideOrg("https://evil.example".into()),
            Invalid::UnknownTheme("sepia".into()),
            Invalid::UnknownLanguage("de".into()),
            Invalid::MissingViewArguments,
        ] {
            all.push(ApiError::Invalid(invalid));
        }
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
            &ApiError::Connect(ConnectError::Loopback {
                port: 7878,
                reason: "in use".into(),
            }),
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
}
