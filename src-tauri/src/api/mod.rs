//! The one surface the window, the CLI and the tests use. It owns the Salesforce card's
//! state machine, the live session, and the search and views services; every front end
//! calls these methods and renders what they return.

mod card;
mod connect;
mod error;
pub mod links;
pub mod localize;
pub mod search;
mod settings;
mod setup;
pub mod views;

pub use card::{shown_card, Status};
pub use connect::{ConnectMethod, Disconnected};
pub use error::ApiError;
pub use settings::DEFAULT_SHORTCUT;
pub use setup::{default_data_dir, os_login, saved_language, setup_from_env, EnvironmentError, Setup};

use crate::auth::callback::PendingAttempts;
use crate::auth::card::{CardState, ConnectedUser};
use crate::auth::oauth::{self, OAuthClient};
use crate::auth::session::{Renewal, Session};
use crate::auth::store::CredentialStore;
use crate::salesforce::{SalesforceClient, SalesforceError};
use crate::search::recent::RecentRecords;
use crate::search::SearchService;
use crate::store::{LocalStore, StoreError};
use crate::views::ViewsService;
use localize::Lang;
use search::{load_recent, RECENT_FILE, SEARCH_MEMO_FILE};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KEY_CONNECTION: &str = "salesforce/connection";

/// A connected session's services.
struct Live {
    client: Arc<SalesforceClient>,
    /// Whose session it is and where (`org/user@instance`, or `token/host@instance` for
    /// SF_ACCESS_TOKEN), for what the org taught us.
    memo_scope: String,
    search: Arc<SearchService>,
    views: Arc<ViewsService>,
}

type Listener = Arc<dyn Fn(&CardState) + Send + Sync>;

pub struct Workstation {
    data_dir: PathBuf,
    store: Arc<LocalStore>,
    search_memo: Arc<LocalStore>,
    http: reqwest::Client,
    credentials: Arc<dyn CredentialStore>,
    setup: Setup,
    // Shared with the typing pipelines (see `SessionLink`).
    card: Arc<Mutex<CardState>>,
    live: Arc<Mutex<Option<Arc<Live>>>>,
    pending: PendingAttempts,
    cancel: tokio::sync::watch::Sender<u64>,
    recent: Arc<Mutex<RecentRecords>>,
    listeners: Arc<Mutex<Vec<Listener>>>,
    search_timeout_ms: AtomicU64,
    /// The window's typing pipeline, bound to the session it was made on (see `type_search`).
    typing: Arc<Mutex<Option<search::SearchPipeline>>>,
    search_sink: Mutex<Option<search::Sink>>,
}

/// What a typing pipeline needs of the workstation, shareable with its tasks: the live
/// session (which a Reconnect replaces) and the card (which a dead session moves to *needs
/// attention*, whether the search came from the pipeline or from `search`).
#[derive(Clone)]
struct SessionLink {
    card: Arc<Mutex<CardState>>,
    live: Arc<Mutex<Option<Arc<Live>>>>,
    listeners: Arc<Mutex<Vec<Listener>>>,
    store: Arc<LocalStore>,
    /// OAuth (policy) sessions can need attention; an SF_ACCESS_TOKEN session cannot.
    oauth: bool,
}

impl SessionLink {
    fn card(&self) -> CardState {
        self.card
            .lock()
            .map(|c| c.clone())
            .unwrap_or(CardState::NotConnected { message: None })
    }

    fn set_card(&self, next: CardState) {
        if let Ok(mut c) = self.card.lock() {
            if *c == next {
                return;
            }
            tracing::info!(state = next.name(), "Salesforce card");
            *c = next.clone();
        }
        let listeners: Vec<Listener> = self.listeners.lock().map(|l| l.clone()).unwrap_or_default();
        for l in listeners {
            l(&next);
        }
    }

    /// Moves the card to *needs attention* when Salesforce says the session is dead.
    fn observe(&self, e: &SalesforceError) {
        if let SalesforceError::MalformedResponse(detail) = e {
            // The person reads "could not read"; the log keeps which answer and why.
            tracing::warn!(%detail, "a Salesforce answer could not be read");
        }
        if !self.oauth {
            return;
        }
        let reason = match e {
            SalesforceError::NeedsReconnect(why) => why.clone(),
            SalesforceError::SessionExpired => localize::twin("the session expired", "la session a expiré"),
            _ => return,
        };
        let user = self.store.get(KEY_CONNECTION);
        if let Ok(mut l) = self.live.lock() {
            *l = None;
        }
        let reason = localize::twin(
            format!("Salesforce ended this connection ({reason}). Reconnect to keep searching."),
            format!(
                "Salesforce a mis fin à cette connexion ({}). Reconnectez-vous pour continuer à rechercher.",
                localize::translate(&reason, Lang::Fr)
            ),
        );
        self.set_card(CardState::NeedsAttention { user, reason });
    }
}

impl Workstation {
    pub fn new(data_dir: &Path, setup: Setup, credentials: Arc<dyn CredentialStore>) -> Result<Workstation, ApiError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Write {
            path: data_dir.to_path_buf(),
            source,
        })?;
        make_private(data_dir);
        let store = Arc::new(LocalStore::open(data_dir.join("settings.json"))?);
        let search_memo = Arc::new(LocalStore::open(data_dir.join(SEARCH_MEMO_FILE))?);
        let recent = load_recent(&data_dir.join(RECENT_FILE));
        let (cancel, _) = tokio::sync::watch::channel(0u64);
        let ws = Workstation {
            data_dir: data_dir.to_path_buf(),
            store,
            search_memo,
            http: oauth::http_client(),
            credentials,
            setup,
            card: Arc::new(Mutex::new(CardState::NotConnected { message: None })),
            live: Arc::new(Mutex::new(None)),
            pending: PendingAttempts::default(),
            cancel,
            recent: Arc::new(Mutex::new(recent)),
            listeners: Arc::new(Mutex::new(Vec::new())),
            search_timeout_ms: AtomicU64::new(crate::salesforce::client::SEARCH_TIMEOUT.as_millis() as u64),
            typing: Arc::new(Mutex::new(None)),
            search_sink: Mutex::new(None),
        };
        // A new card state means a new (or no) session: the next keystroke builds a pipeline
        // on it instead of reusing one bound to the old session.
        let typing = Arc::downgrade(&ws.typing);
        ws.subscribe(move |_| {
            if let Some(slot) = typing.upgrade() {
                if let Ok(mut p) = slot.lock() {
                    *p = None;
                }
            }
        });
        let initial = ws.initial_state();
        ws.set_card(initial);
        Ok(ws)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Called with every card change (the window turns them into events).
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

    fn set_card(&self, next: CardState) {
        self.link().set_card(next)
    }

    fn link(&self) -> SessionLink {
        SessionLink {
            card: self.card.clone(),
            live: self.live.clone(),
            listeners: self.listeners.clone(),
            store: self.store.clone(),
            oauth: matches!(self.setup, Setup::Policy(_)),
        }
    }

    /// How long a search may take ([`crate::salesforce::client::SEARCH_TIMEOUT`] by default).
    pub fn set_search_timeout(&self, timeout: Duration) {
        self.search_timeout_ms
            .store(timeout.as_millis().max(1) as u64, Ordering::Relaxed);
        if let Some(live) = self.live.lock().ok().and_then(|l| l.clone()) {
            live.client.set_search_timeout(timeout);
        }
    }

    fn drop_live(&self) {
        if let Ok(mut l) = self.live.lock() {
            *l = None;
        }
    }

    /// The connected services, built on first use.
    fn live(&self) -> Result<Arc<Live>, ApiError> {
        if let Some(live) = self.live.lock().ok().and_then(|l| l.clone()) {
            return Ok(live);
        }
        let (session, scope) = match &self.setup {
            Setup::AccessToken { instance_url, access } => {
                let scope = self
                    .store
                    .get::<ConnectedUser>(KEY_CONNECTION)
                    .filter(|u| u.instance_url == *instance_url && !u.org_id.is_empty())
                    .map(|u| u.scope())
                    .unwrap_or_else(|| format!("token/{}", instance_host(instance_url)));
                (Session::from_access_token(instance_url, access.clone()), scope)
            }
            Setup::UnusableEnvironment(why) => return Err(ApiError::NotAvailable(localize::remember(why))),
            Setup::Policy(_) => {
                let user = match self.card() {
                    CardState::Connected { user, .. } => user,
                    CardState::NotAvailable { reason } => return Err(ApiError::NotAvailable(reason)),
                    CardState::NeedsAttention { reason, .. } => return Err(ApiError::NeedsAttention(reason)),
                    _ => return Err(ApiError::NotConnected),
                };
                let app = self.app().map_err(ApiError::NotAvailable)?;
                let tokens = self.credentials.load()?.ok_or(ApiError::NotConnected)?;
                let renewal = Renewal::OAuth {
                    client: OAuthClient::new(self.http.clone(), app),
                    store: self.credentials.clone(),
                };
                (
                    Session::new(&tokens.instance_url, tokens.access(), tokens.refresh(), renewal),
                    user.scope(),
                )
            }
        };
        let client = Arc::new(SalesforceClient::new(self.http.clone(), Arc::new(session)));
        client.set_search_timeout(Duration::from_millis(self.search_timeout_ms.load(Ordering::Relaxed)));
        // Whose session, at which address: a memo is never lent to another org or user.
        let memo_scope = format!("{scope}@{}", client.session().instance_url());
        let not_searchable = self.remembered_not_searchable(&memo_scope);
        let live = Arc::new(Live {
            search: Arc::new(SearchService::knowing(client.clone(), not_searchable)),
            views: Arc::new(ViewsService::new(client.clone(), self.store.clone(), scope.clone())),
            client,
            memo_scope,
        });
        if let Ok(mut l) = self.live.lock() {
            *l = Some(live.clone());
        }
        Ok(live)
    }

    /// Moves the card to *needs attention* when Salesforce says the session is dead.
    fn observe(&self, e: &SalesforceError) {
        self.link().observe(e)
    }
}

/// The data folder holds CRM data (recently found records, list view choices) and logs:
/// only its owner may enter it, whatever the umask (Debian's home folders are world-readable).
fn make_private(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)) {
            tracing::warn!(error = %e, folder = %dir.display(), "the data folder could not be made private");
        }
    }
    #[cfg(not(unix))]
    let _ = dir; // per-user AppData / Application Support folders are private already
}

fn instance_host(instance_url: &str) -> String {
    url::Url::parse(instance_url)
        .ok()
        .and_then(|u| u.host_str().map(String::from))
        .unwrap_or_default()
}
