//! The Salesforce connection behind the card: where a session comes from (the policy and
//! Connect, or an access token from the environment), which state the card is in and who hears
//! of a change, and the session that requests are made with. The connect flows that move the
//! card are in `connect.rs`.

use super::callback::PendingAttempts;
use super::card::{Attention, CardState, ConnectFailure, ConnectedUser, SessionEnd, Unavailable};
use super::oauth::{OAuthApp, OAuthClient};
use super::session::{Renewal, Session};
use super::setup::{os_login, Setup};
use super::store::{CredentialError, CredentialStore};
use crate::policy::{self, Availability, UserIdentity};
use crate::session_key::SessionKey;
use crate::store::LocalStore;
use std::sync::{Arc, Mutex};
use thiserror::Error;

/// Who is connected, kept in the settings store (the tokens are in the credential store).
pub const KEY_CONNECTION: &str = "salesforce/connection";
/// The person's work e-mail, for the administrator's segmentation.
pub const KEY_EMAIL: &str = "identity/email";

/// Guards the tokens' refresh across processes (as the lock file `.salesforce-tokens.lock`).
const REFRESH_LOCK: &str = "salesforce-tokens";

type Listener = Arc<dyn Fn(&CardState) + Send + Sync>;

/// Why there is no session to make requests with.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NoSession {
    #[error("{0}")]
    NotAvailable(Unavailable),
    #[error("Salesforce is not connected. Connect it in Settings → Integrations.")]
    NotConnected,
    #[error("Salesforce needs attention: {0}")]
    NeedsAttention(Attention),
    #[error(transparent)]
    Credentials(#[from] CredentialError),
}

/// A session to make requests with, and whose it is.
pub struct LiveSession {
    pub session: Session,
    /// The user of an OAuth session (or the user a token session turned out to be), else the
    /// token's address: what is kept per person is filed under it.
    pub key: SessionKey,
}

pub struct Connection {
    setup: Setup,
    pub(super) store: Arc<LocalStore>,
    pub(super) credentials: Arc<dyn CredentialStore>,
    pub(super) http: reqwest::Client,
    card: Mutex<CardState>,
    listeners: Mutex<Vec<Listener>>,
    pub(super) pending: PendingAttempts,
    pub(super) cancel: tokio::sync::watch::Sender<u64>,
}

impl Connection {
    pub fn new(
        setup: Setup,
        store: Arc<LocalStore>,
        credentials: Arc<dyn CredentialStore>,
        http: reqwest::Client,
    ) -> Connection {
        let (cancel, _) = tokio::sync::watch::channel(0u64);
        let conn = Connection {
            setup,
            store,
            credentials,
            http,
            card: Mutex::new(CardState::NotConnected { message: None }),
            listeners: Mutex::new(Vec::new()),
            pending: PendingAttempts::default(),
            cancel,
        };
        conn.set_card(conn.initial_state());
        conn
    }

    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// True for a session handed over in `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` (usable or not):
    /// nothing of the person's own connection is touched then.
    pub fn from_environment(&self) -> bool {
        matches!(self.setup, Setup::AccessToken { .. } | Setup::UnusableEnvironment(_))
    }

    /// Called with every card change.
    pub fn subscribe(&self, listener: impl Fn(&CardState) + Send + Sync + 'static) {
        if let Ok(mut l) = self.listeners.lock() {
            l.push(Arc::new(listener));
        }
    }

    pub fn card(&self) -> CardState {
        self.card
            .lock()
            .map(|c| c.clone())
            .unwrap_or(CardState::NotConnected { message: None })
    }

    pub(super) fn set_card(&self, next: CardState) {
        if let Ok(mut c) = self.card.lock() {
            if *c == next {
                return;
            }
            tracing::info!(state = next.name(), "Salesforce card");
            *c = next.clone();
        }
        self.tell(&next);
    }

    /// Moves the card to *connecting* unless an attempt is connecting already (checked and set
    /// at once, so two Connects at the same moment cannot both start). Says whether it did.
    pub(super) fn set_connecting(&self, next: CardState) -> bool {
        match self.card.lock() {
            Ok(mut c) => {
                if matches!(*c, CardState::Connecting { .. }) {
                    return false;
                }
                tracing::info!(state = next.name(), "Salesforce card");
                *c = next.clone();
            }
            Err(_) => return false,
        }
        self.tell(&next);
        true
    }

    fn tell(&self, next: &CardState) {
        let listeners: Vec<Listener> = self.listeners.lock().map(|l| l.clone()).unwrap_or_default();
        for l in listeners {
            l(next);
        }
    }

    /// Who the person is, for the administrator's segmentation.
    pub fn identity(&self) -> UserIdentity {
        UserIdentity {
            email: self.store.get::<String>(KEY_EMAIL),
            os_login: os_login(),
        }
    }

    /// Looks again at the policy, the segment and the stored connection (after the person's
    /// e-mail changed, say), and returns the card's state.
    pub fn reconsider(&self) -> CardState {
        let next = self.initial_state();
        self.set_card(next.clone());
        next
    }

    /// Another process of this person (a `workstation disconnect` from a terminal, a Connect in
    /// another window) may have changed the connection: the card follows what the credential
    /// store says now. Only what another process can have done moves it — tokens gone, tokens
    /// where there were none, or another user's — never a session this process saw end (the
    /// stored tokens are the same dead ones then). An attempt in progress is left alone.
    pub fn recheck(&self) -> CardState {
        let card = self.card();
        if matches!(card, CardState::Connecting { .. }) || !matches!(self.setup, Setup::Policy(_)) {
            return card;
        }
        let stored = match self.credentials.load() {
            Ok(stored) => stored,
            // The store cannot be read now: nothing is known to have changed.
            Err(_) => return card,
        };
        let shown = match &card {
            CardState::Connected { user, .. } | CardState::NeedsAttention { user: Some(user), .. } => Some(user),
            _ => None,
        };
        let changed = match (&card, &stored, shown) {
            (CardState::Connected { .. } | CardState::NeedsAttention { .. }, None, _) => true,
            (CardState::NotConnected { .. }, Some(_), _) => true,
            (_, Some(tokens), Some(user)) => tokens
                .user
                .as_ref()
                .is_some_and(|u| u.session_key() != user.session_key()),
            _ => false,
        };
        if !changed {
            return card;
        }
        tracing::info!("the Salesforce connection was changed by another Workstation process");
        self.reconsider()
    }

    /// The user last connected, as the settings store remembers them.
    pub fn saved_user(&self) -> Option<ConnectedUser> {
        self.store.get(KEY_CONNECTION)
    }

    /// The connected app when the policy allows this person, or why not.
    pub fn app(&self) -> Result<OAuthApp, Unavailable> {
        match &self.setup {
            Setup::AccessToken { .. } => Err(Unavailable::AccessTokenSession),
            Setup::Policy(Err(why)) => Err(Unavailable::Policy(why.clone())),
            Setup::UnusableEnvironment(why) => Err(Unavailable::Environment(why.clone())),
            Setup::Policy(Ok(p)) => match policy::availability(p.as_ref(), &self.identity()) {
                Availability::Available(app) => Ok(OAuthApp {
                    login_host: app.login_host.as_str().trim_end_matches('/').to_string(),
                    client_id: app.client_id.clone(),
                    client_secret: app.client_secret.clone(),
                    loopback_port: app.loopback_port,
                    scopes: app.scopes.clone(),
                }),
                Availability::NotAvailable(reason) => Err(Unavailable::Policy(reason)),
            },
        }
    }

    pub(super) fn oauth_client(&self) -> Result<OAuthClient, Unavailable> {
        Ok(OAuthClient::new(self.http.clone(), self.app()?))
    }

    /// The card as the policy, the segment and the credential store say it should start.
    fn initial_state(&self) -> CardState {
        if let Setup::AccessToken { instance_url, .. } = &self.setup {
            let user = ConnectedUser {
                name: "SF_ACCESS_TOKEN session".into(),
                username: String::new(),
                user_id: String::new(),
                org_id: String::new(),
                instance_url: instance_url.clone(),
            };
            return CardState::connected(
                self.saved_user()
                    .filter(|u| u.instance_url == *instance_url)
                    .unwrap_or(user),
            );
        }
        let app = match self.app() {
            Ok(app) => app,
            Err(reason) => return CardState::NotAvailable { reason },
        };
        match self.credentials.load() {
            Ok(Some(tokens)) if tokens.login_host == app.login_host && tokens.client_id == app.client_id => {
                // The tokens say whose they are, and requests run as that user: the card, pins
                // and recent records are theirs. What the settings say is used only for tokens
                // that do not say (an older format), and only for the org they are for: a user
                // saved by another run (an old `--demo`, a copied folder, another person of
                // the same org) is never shown over the tokens' own.
                let saved = self
                    .saved_user()
                    .filter(|u| same_instance(&u.instance_url, &tokens.instance_url));
                match tokens.user.or(saved) {
                    Some(user) => CardState::connected(user),
                    None => CardState::NeedsAttention {
                        user: None,
                        reason: Attention::Incomplete,
                    },
                }
            }
            Ok(Some(_)) => CardState::NeedsAttention {
                user: self.saved_user(),
                reason: Attention::SettingsChanged,
            },
            Ok(None) => CardState::NotConnected { message: None },
            Err(e @ CredentialError::Unavailable(_)) => CardState::NotAvailable {
                reason: Unavailable::NoCredentialStore(e),
            },
            Err(e) => CardState::NeedsAttention {
                user: self.saved_user(),
                reason: Attention::CredentialStore(e),
            },
        }
    }

    /// The session to make requests with now, or why there is none.
    pub fn session(&self) -> Result<LiveSession, NoSession> {
        match &self.setup {
            Setup::AccessToken { instance_url, access } => Ok(LiveSession {
                session: Session::from_access_token(instance_url, access.clone()),
                key: self.token_key(instance_url),
            }),
            Setup::UnusableEnvironment(why) => Err(NoSession::NotAvailable(Unavailable::Environment(why.clone()))),
            Setup::Policy(_) => {
                let user = match self.card() {
                    CardState::Connected { user, .. } => user,
                    CardState::NotAvailable { reason } => return Err(NoSession::NotAvailable(reason)),
                    CardState::NeedsAttention { reason, .. } => return Err(NoSession::NeedsAttention(reason)),
                    _ => return Err(NoSession::NotConnected),
                };
                let client = self.oauth_client().map_err(NoSession::NotAvailable)?;
                let tokens = self.credentials.load()?.ok_or(NoSession::NotConnected)?;
                let renewal = Renewal::OAuth {
                    client,
                    store: self.credentials.clone(),
                    lock: self.refresh_lock(),
                };
                Ok(LiveSession {
                    session: Session::new(&tokens.instance_url, tokens.access(), tokens.refresh(), renewal),
                    key: user.session_key(),
                })
            }
        }
    }

    /// What every process of this data folder locks around a refresh of the tokens.
    fn refresh_lock(&self) -> std::path::PathBuf {
        let dir = self.store.path().parent().unwrap_or(std::path::Path::new("."));
        dir.join(REFRESH_LOCK)
    }

    /// Whose a session handed over in the environment is: the user it turned out to be, else
    /// the token's address.
    fn token_key(&self, instance_url: &str) -> SessionKey {
        self.saved_user()
            .filter(|u| u.instance_url == *instance_url && !u.org_id.is_empty())
            .map(|u| u.session_key())
            .unwrap_or_else(|| SessionKey::token(instance_url))
    }

    /// Whose session the card stands for now: what is kept of a person's searches (recent
    /// records, pins, what the org taught us) is filed under it, so another person never gets
    /// it. `None` when the card shows nobody.
    pub fn session_key(&self, card: &CardState) -> Option<SessionKey> {
        match (&self.setup, card) {
            (Setup::AccessToken { instance_url, .. }, _) => Some(self.token_key(instance_url)),
            (Setup::UnusableEnvironment(_), _) => None,
            (Setup::Policy(_), CardState::Connected { user, .. })
            | (Setup::Policy(_), CardState::NeedsAttention { user: Some(user), .. }) => Some(user.session_key()),
            (Setup::Policy(_), _) => None,
        }
    }

    /// Why there is no session, as the card says it (for a search that finds none).
    pub fn no_session(&self) -> NoSession {
        match self.card() {
            CardState::NotAvailable { reason } => NoSession::NotAvailable(reason),
            CardState::NeedsAttention { reason, .. } => NoSession::NeedsAttention(reason),
            _ => NoSession::NotConnected,
        }
    }

    /// Salesforce ended the session: the card moves to *needs attention* (an SF_ACCESS_TOKEN
    /// session cannot: it is not ours to renew). Returns whether it did.
    pub fn session_ended(&self, end: SessionEnd) -> bool {
        if !matches!(self.setup, Setup::Policy(_)) {
            return false;
        }
        // The user the card showed (checked against the tokens), else the saved one.
        let user = match self.card() {
            CardState::Connected { user, .. } | CardState::NeedsAttention { user: Some(user), .. } => Some(user),
            _ => self.saved_user(),
        };
        self.set_card(CardState::NeedsAttention {
            user,
            reason: Attention::SessionEnded(end),
        });
        true
    }

    /// The org's instance URL, from the session the app was given or the card's user.
    pub fn instance_url(&self, card: &CardState) -> Option<String> {
        match (&self.setup, card) {
            (Setup::AccessToken { instance_url, .. }, _) => Some(instance_url.clone()),
            (_, CardState::Connected { user, .. }) | (_, CardState::NeedsAttention { user: Some(user), .. }) => {
                Some(user.instance_url.clone())
            }
            _ => None,
        }
    }

    /// The card after a connect that failed or was refused: a Reconnect that did not go through
    /// goes back to *needs attention* with the last user (and its Reconnect button); a first
    /// connect goes back to *not connected*. Either way it says why.
    pub(super) fn after_failed_connect(&self, failure: ConnectFailure) -> CardState {
        match self.saved_user() {
            Some(user) => CardState::NeedsAttention {
                user: Some(user),
                reason: Attention::ConnectFailed(failure),
            },
            None => CardState::NotConnected { message: Some(failure) },
        }
    }
}

/// The same address, whatever a trailing slash says.
fn same_instance(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::store::{MemoryStore, StoredTokens};

    fn user(name: &str, instance_url: &str) -> ConnectedUser {
        ConnectedUser {
            name: name.into(),
            username: format!("{name}@example.com"),
            user_id: format!("005{name}"),
            org_id: "00Dorg".into(),
            instance_url: instance_url.into(),
        }
    }

    #[test]
    fn a_saved_user_of_another_org_than_the_tokens_is_not_shown() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Arc::new(LocalStore::open(dir.path().join("settings.json")).expect("store"));
        // Saved by a run against another org (a demo org on loopback, say).
        store
            .set(KEY_CONNECTION, &user("Dana", "http://127.0.0.1:41234"))
            .expect("saved");
        let credentials = Arc::new(MemoryStore::default());
        let setup = || Setup::Policy(Ok(Some(crate::policy::demo_policy("http://127.0.0.1:9"))));
        let open = |credentials: Arc<MemoryStore>| {
            Connection::new(
                setup(),
                store.clone(),
                credentials,
                crate::http::client().expect("http"),
            )
        };
        let app = open(credentials.clone()).app().expect("the demo policy is available");
        let real = user("Ravi", "https://acme.my.salesforce.com");
        let tokens = |user: Option<ConnectedUser>| StoredTokens {
            access_token: "00D!access".into(),
            refresh_token: Some("refresh".into()),
            instance_url: "https://acme.my.salesforce.com".into(),
            login_host: app.login_host.clone(),
            client_id: app.client_id.clone(),
            user,
        };

        credentials.save(&tokens(Some(real.clone()))).expect("tokens");
        let conn = open(credentials.clone());
        assert_eq!(conn.card(), CardState::connected(real.clone()), "the tokens' own user");
        assert_eq!(
            conn.instance_url(&conn.card()).as_deref(),
            Some("https://acme.my.salesforce.com")
        );
        assert_eq!(conn.session().expect("a session").key, real.session_key());

        // Tokens that do not say whose they are: nobody is shown rather than a stranger.
        credentials.save(&tokens(None)).expect("tokens");
        let conn = open(credentials.clone());
        assert!(
            matches!(conn.card(), CardState::NeedsAttention { user: None, .. }),
            "{:?}",
            conn.card()
        );

        // Another user of the same org saved in settings (security review D7): the tokens'
        // user is shown, the one requests run as.
        store
            .set(KEY_CONNECTION, &user("Mallory", "https://acme.my.salesforce.com"))
            .expect("saved");
        credentials.save(&tokens(Some(real.clone()))).expect("tokens");
        let conn = open(credentials.clone());
        assert_eq!(conn.card(), CardState::connected(real.clone()), "the tokens' user wins");
        assert_eq!(conn.session().expect("a session").key, real.session_key());

        // Tokens that do not say whose they are: the saved user of the same org is believed,
        // as before (a trailing slash aside).
        credentials.save(&tokens(None)).expect("tokens");
        store
            .set(KEY_CONNECTION, &user("Ravi", "https://acme.my.salesforce.com/"))
            .expect("saved");
        let conn = open(credentials);
        assert_eq!(conn.card().name(), "connected");
    }
}
