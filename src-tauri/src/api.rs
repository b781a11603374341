//! The one surface the window, the CLI and the tests use. It owns the Salesforce card's
//! state machine, the live session, and the search and views services; every front end
//! calls these methods and renders what they return.

use crate::auth::callback::{loopback_redirect, parse_callback, CallbackError, PendingAttempts, DEEP_LINK_REDIRECT};
use crate::auth::card::{CardState, ConnectedUser, ConnectingVia};
use crate::auth::loopback::LoopbackListener;
use crate::auth::oauth::{self, DevicePoll, OAuthApp, OAuthClient, OAuthError, TokenResponse};
use crate::auth::session::{Renewal, Session};
use crate::auth::store::{CredentialError, CredentialStore, StoredTokens};
use crate::i18n::{self, Lang, LanguageSetting, Localize, ThemeSetting};
use crate::local_store::{is_fresh, now_secs, LocalStore, StoreError};
use crate::policy::{self, Availability, Policy, UserIdentity};
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::Limits;
use crate::salesforce::SearchObject;
use crate::salesforce::{SalesforceClient, SalesforceError, SearchResult};
use crate::search::pipeline::{Backend, SearchPipeline, Sink};
use crate::search::recent::RecentRecords;
use crate::search::{SearchError, SearchOutcome, SearchService};
use crate::secret::Secret;
use crate::views::{Editor, ListViewRecords, ObjectViews, ViewsError, ViewsService};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use thiserror::Error;

const KEY_CONNECTION: &str = "salesforce/connection";
const KEY_EMAIL: &str = "identity/email";
const KEY_SHORTCUT: &str = "shortcut/show";
const KEY_SHOWN_VIEW_TYPE: &str = "views/shown_type";
/// The system-wide shortcut that brings the window forward with search focused.
pub const DEFAULT_SHORTCUT: &str = "CommandOrControl+Shift+Space";
const RECENT_FILE: &str = "recent-records.json";
/// A cache of what the org taught us, apart from the settings so that a search never rewrites
/// the file the window and the user's choices live in.
const SEARCH_MEMO_FILE: &str = "search-memo.json";
const KEY_NOT_SEARCHABLE: &str = "not_searchable/";
/// How long a learnt "this org will not let us search X" holds before it is asked again.
const NOT_SEARCHABLE_FOR_SECS: u64 = 24 * 3600;

/// Objects the org refused to search for this user (`INVALID_TYPE`; it may depend on the
/// profile), kept so that every CLI run does not pay one failed request to learn it again
/// (spec §4: the org's API calls are scarce).
#[derive(Serialize, serde::Deserialize)]
struct NotSearchableMemo {
    objects: Vec<SearchObject>,
    at: u64,
}

/// Where the app's Salesforce session comes from.
// Made once per process, so its size does not matter; boxing would only add noise at every use.
#[allow(clippy::large_enum_variant)]
pub enum Setup {
    /// `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`: that session, no OAuth, no policy.
    AccessToken { instance_url: String, access: Secret },
    /// The administrator's policy (or the built-in demo one); `Err` holds why it is unusable.
    Policy(Result<Option<Policy>, String>),
    /// `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` were set but cannot be used; holds why. Still an
    /// environment session: nothing of the user's own connection is touched.
    UnusableEnvironment(String),
}

#[derive(Debug, Error)]
pub enum ApiError {
    /// The reason is a whole sentence that starts with what is unavailable.
    #[error("{0}")]
    NotAvailable(String),
    #[error("Salesforce is not connected. Connect it in Settings → Integrations.")]
    NotConnected,
    #[error("Salesforce needs attention: {0}")]
    NeedsAttention(String),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Views(#[from] ViewsError),
    #[error(transparent)]
    Callback(#[from] CallbackError),
    #[error("Connecting failed: {0}")]
    OAuth(#[from] OAuthError),
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("The connection attempt was cancelled.")]
    Cancelled,
    #[error("The device code expired before it was approved. Start again.")]
    DeviceExpired,
    #[error("The connection was denied in Salesforce.")]
    DeviceDenied,
    #[error("The loopback port {port} could not be opened ({reason}). Close what uses it, or ask your administrator to choose another port.")]
    Loopback { port: u16, reason: String },
    #[error("A connection is already in progress; finish or cancel it first.")]
    AlreadyConnecting,
    #[error("{0}")]
    Invalid(String),
}

impl ApiError {
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::NotAvailable(_) => "not_available",
            ApiError::NotConnected => "not_connected",
            ApiError::NeedsAttention(_) => "needs_attention",
            ApiError::Search(e) => e.kind(),
            ApiError::Views(e) => e.kind(),
            ApiError::Callback(_) => "callback_refused",
            ApiError::OAuth(_) => "oauth",
            ApiError::Credentials(_) => "credential_store",
            ApiError::Store(_) => "store",
            ApiError::Cancelled => "cancelled",
            ApiError::DeviceExpired => "device_expired",
            ApiError::DeviceDenied => "device_denied",
            ApiError::Loopback { .. } => "loopback",
            ApiError::AlreadyConnecting => "already_connecting",
            ApiError::Invalid(_) => "invalid",
        }
    }
}

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

/// What `status` reports (never a token).
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub state: &'static str,
    pub user: Option<String>,
    pub username: Option<String>,
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub instance_url: Option<String>,
    pub reason: Option<String>,
    pub api_usage: Option<ApiUsage>,
    /// Where the session comes from: "oauth" (Connect, kept in the credential store) or
    /// "environment" (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`, not checked until a request).
    pub source: &'static str,
}

/// What disconnect did.
#[derive(Debug, Clone, Serialize)]
pub struct Disconnected {
    pub revoked: bool,
    pub message: String,
}

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
            SalesforceError::SessionExpired => i18n::twin("the session expired", "la session a expiré"),
            _ => return,
        };
        let user = self.store.get(KEY_CONNECTION);
        if let Ok(mut l) = self.live.lock() {
            *l = None;
        }
        let reason = i18n::twin(
            format!("Salesforce ended this connection ({reason}). Reconnect to keep searching."),
            format!(
                "Salesforce a mis fin à cette connexion ({}). Reconnectez-vous pour continuer à rechercher.",
                i18n::translate(&reason, Lang::Fr)
            ),
        );
        self.set_card(CardState::NeedsAttention { user, reason });
    }
}

impl Backend for SessionLink {
    fn service(&self) -> Result<Arc<SearchService>, (String, String)> {
        if let Some(live) = self.live.lock().ok().and_then(|l| l.clone()) {
            return Ok(live.search.clone());
        }
        let why = match self.card() {
            CardState::NotAvailable { reason } => ApiError::NotAvailable(reason),
            CardState::NeedsAttention { reason, .. } => ApiError::NeedsAttention(reason),
            _ => ApiError::NotConnected,
        };
        Err((why.kind().to_string(), i18n::remember(&why)))
    }

    fn failed(&self, error: &SearchError) {
        if let SearchError::Salesforce(e) = error {
            self.observe(e);
        }
    }
}

/// The data directory: `WORKSTATION_DATA_DIR`, else the OS's per-user data folder.
/// The language saved in Settings → General (else the OS's), read without opening the store:
/// for what a front end prints before it opens one (the CLI's `--help`).
pub fn saved_language(data_dir: &Path) -> Lang {
    let setting = std::fs::read(data_dir.join("settings.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| v.get(i18n::KEY_LANGUAGE).cloned())
        .and_then(|v| serde_json::from_value::<LanguageSetting>(v).ok())
        .unwrap_or_default();
    i18n::resolve(setting)
}

pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("WORKSTATION_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("workstation"),
    }
}

/// The OS login, for segmentation by `os:login`.
pub fn os_login() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
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
        };
        let initial = ws.initial_state();
        ws.set_card(initial);
        Ok(ws)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn store(&self) -> &Arc<LocalStore> {
        &self.store
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

    pub fn identity(&self) -> UserIdentity {
        UserIdentity {
            email: self.store.get::<String>(KEY_EMAIL),
            os_login: os_login(),
        }
    }

    /// The user's work e-mail, used by the administrator's segmentation.
    pub fn set_identity_email(&self, email: Option<&str>) -> Result<CardState, ApiError> {
        match email.map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) if !e.contains('@') => {
                return Err(ApiError::Invalid(i18n::twin(
                    format!("“{e}” is not an e-mail address."),
                    format!("« {e} » n’est pas une adresse e-mail."),
                )))
            }
            Some(e) => self.store.set(KEY_EMAIL, &e.to_string())?,
            None => self.store.remove(KEY_EMAIL)?,
        }
        let next = self.initial_state();
        self.drop_live();
        self.set_card(next.clone());
        let _ = self.live();
        Ok(next)
    }

    /// The system-wide shortcut, as an accelerator string ("CommandOrControl+Shift+Space").
    pub fn shortcut(&self) -> String {
        self.store
            .get::<String>(KEY_SHORTCUT)
            .unwrap_or_else(|| DEFAULT_SHORTCUT.to_string())
    }

    /// Saves the shortcut; the shell has checked that it can be registered.
    pub fn set_shortcut(&self, accelerator: &str) -> Result<(), ApiError> {
        Ok(self.store.set(KEY_SHORTCUT, &accelerator.trim().to_string())?)
    }

    /// Settings → General → Language (System unless the user chose).
    pub fn language_setting(&self) -> LanguageSetting {
        self.store.get(i18n::KEY_LANGUAGE).unwrap_or_default()
    }

    pub fn set_language_setting(&self, setting: LanguageSetting) -> Result<Lang, ApiError> {
        self.store.set(i18n::KEY_LANGUAGE, &setting)?;
        Ok(i18n::resolve(setting))
    }

    /// Notices about the settings store itself (a damaged file set aside), taken once: the
    /// CLI prints them whatever the command, the window shows them in the widget.
    pub fn take_store_notices(&self) -> Vec<String> {
        self.store.take_notices()
    }

    /// The language the front ends speak: the setting, or the OS's.
    pub fn language(&self) -> Lang {
        i18n::resolve(self.language_setting())
    }

    /// Settings → General → Theme (System follows the OS).
    pub fn theme(&self) -> ThemeSetting {
        self.store.get(i18n::KEY_THEME).unwrap_or_default()
    }

    pub fn set_theme(&self, theme: ThemeSetting) -> Result<(), ApiError> {
        Ok(self.store.set(i18n::KEY_THEME, &theme)?)
    }

    /// The connected app when the policy allows this user, or why not.
    fn app(&self) -> Result<OAuthApp, String> {
        match &self.setup {
            Setup::AccessToken { .. } => Err(i18n::twin(
                "a session is set by SF_ACCESS_TOKEN; there is nothing to connect",
                "une session est fournie par SF_ACCESS_TOKEN ; il n’y a rien à connecter",
            )),
            Setup::Policy(Err(why)) | Setup::UnusableEnvironment(why) => Err(why.clone()),
            Setup::Policy(Ok(p)) => match policy::availability(p.as_ref(), &self.identity()) {
                Availability::Available(app) => Ok(OAuthApp {
                    login_host: app.login_host.as_str().trim_end_matches('/').to_string(),
                    client_id: app.client_id.clone(),
                    client_secret: app.client_secret.clone(),
                    loopback_port: app.loopback_port,
                }),
                Availability::NotAvailable(reason) => Err(reason.to_string()),
            },
        }
    }

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
                self.store
                    .get(KEY_CONNECTION)
                    .filter(|u: &ConnectedUser| u.instance_url == *instance_url)
                    .unwrap_or(user),
            );
        }
        let app = match self.app() {
            Ok(app) => app,
            Err(reason) => return CardState::NotAvailable { reason },
        };
        match self.credentials.load() {
            Ok(Some(tokens)) if tokens.login_host == app.login_host && tokens.client_id == app.client_id => {
                match self.store.get::<ConnectedUser>(KEY_CONNECTION).or(tokens.user) {
                    Some(user) => CardState::connected(user),
                    None => CardState::NeedsAttention {
                        user: None,
                        reason: i18n::twin(
                            "The saved connection is incomplete; reconnect.",
                            "La connexion enregistrée est incomplète ; reconnectez-vous.",
                        ),
                    },
                }
            }
            Ok(Some(_)) => CardState::NeedsAttention {
                user: self.store.get(KEY_CONNECTION),
                reason: i18n::twin(
                    "Your administrator changed the Salesforce settings; reconnect.",
                    "Votre administrateur a modifié les réglages Salesforce ; reconnectez-vous.",
                ),
            },
            Ok(None) => CardState::NotConnected { message: None },
            Err(e @ CredentialError::Unavailable(_)) => CardState::NotAvailable {
                reason: i18n::remember(&e),
            },
            Err(e) => CardState::NeedsAttention {
                user: self.store.get(KEY_CONNECTION),
                reason: i18n::remember(&e),
            },
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
            Setup::UnusableEnvironment(why) => return Err(ApiError::NotAvailable(why.clone())),
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

    // ----- search -----

    pub async fn search(&self, text: &str, limits: Limits) -> Result<SearchOutcome, ApiError> {
        let live = self.live()?;
        match live.search.search(text, limits).await {
            Ok(outcome) => {
                if let Ok(mut r) = self.recent.lock() {
                    r.remember_found(&outcome.results);
                }
                self.remember_not_searchable(&live.memo_scope, &outcome.not_searchable);
                self.save_recent();
                Ok(outcome)
            }
            Err(SearchError::Salesforce(e)) => {
                self.observe(&e);
                Err(SearchError::Salesforce(e).into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The objects an earlier run found this org will not let this user search, if that was
    /// less than a day ago (an administrator may grant access since).
    fn remembered_not_searchable(&self, scope: &str) -> BTreeSet<SearchObject> {
        match self
            .search_memo
            .get::<NotSearchableMemo>(&format!("{KEY_NOT_SEARCHABLE}{scope}"))
        {
            Some(m) if is_fresh(m.at, NOT_SEARCHABLE_FOR_SECS) => m.objects.into_iter().collect(),
            _ => BTreeSet::new(),
        }
    }

    fn remember_not_searchable(&self, scope: &str, objects: &[SearchObject]) {
        let key = format!("{KEY_NOT_SEARCHABLE}{scope}");
        let known = self.search_memo.get::<NotSearchableMemo>(&key);
        // Renewed when it changed or went stale; an empty list needs no entry at all.
        let current = match &known {
            Some(m) => m.objects == objects && is_fresh(m.at, NOT_SEARCHABLE_FOR_SECS),
            None => objects.is_empty(),
        };
        if current {
            return;
        }
        let result = if objects.is_empty() {
            self.search_memo.remove(&key)
        } else {
            self.search_memo.set(
                &key,
                &NotSearchableMemo {
                    objects: objects.to_vec(),
                    at: now_secs(),
                },
            )
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not remember the objects this org will not search");
        }
    }

    /// A typing pipeline that reports to `sink`. It follows the connection: after a
    /// Reconnect it searches with the new session, and a dead session moves the card.
    pub fn search_pipeline(&self, sink: Sink, debounce: Duration) -> Result<SearchPipeline, ApiError> {
        self.live()?;
        Ok(SearchPipeline::with_backend(
            Arc::new(self.link()),
            self.recent.clone(),
            sink,
            debounce,
        ))
    }

    /// Local matches only (no request).
    pub fn instant_results(&self, text: &str, max: usize) -> Vec<SearchResult> {
        self.recent.lock().map(|r| r.matching(text, max)).unwrap_or_default()
    }

    /// The user opened a record: remember it, return the URL to open.
    /// The address to open for a result the window chose, and a note that it was opened. The
    /// address is made again from the live session (object and ID only): the window's copy may
    /// come from the recent-records cache of another session, or say anything at all.
    pub fn opened(&self, result: &SearchResult) -> Result<String, ApiError> {
        let live = self.live()?;
        let url = live
            .client
            .links()
            .record_url(result.object.record_page_sobject(), &result.id);
        let fresh = SearchResult {
            url: url.clone(),
            ..result.clone()
        };
        if let Ok(mut r) = self.recent.lock() {
            r.remember_opened(&fresh);
        }
        self.save_recent();
        Ok(url)
    }

    fn save_recent(&self) {
        let Ok(text) = self.recent.lock().map(|r| serde_json::to_vec(&*r).unwrap_or_default()) else {
            return;
        };
        if let Err(e) = crate::local_store::write_atomically(&self.data_dir.join(RECENT_FILE), &text) {
            tracing::warn!(error = %e, "recent records could not be saved");
        }
    }

    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.live
            .lock()
            .ok()
            .and_then(|l| l.as_ref().and_then(|l| l.client.api_usage()))
    }

    /// REST requests sent so far by the live session.
    pub fn request_count(&self) -> u64 {
        self.live
            .lock()
            .ok()
            .and_then(|l| l.as_ref().map(|l| l.client.request_count()))
            .unwrap_or(0)
    }

    // ----- views -----

    async fn views_call<T, F, Fut>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(Arc<ViewsService>) -> Fut,
        Fut: std::future::Future<Output = Result<T, ViewsError>>,
    {
        let live = self.live()?;
        match f(live.views.clone()).await {
            Ok(v) => Ok(v),
            Err(ViewsError::Salesforce(e)) => {
                self.observe(&e);
                Err(ViewsError::Salesforce(e).into())
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn view_types(&self) -> Result<Vec<String>, ApiError> {
        self.views_call(|v| async move { v.object_types().await }).await
    }

    /// The object type the widget showed last, so that it opens on it again.
    pub fn shown_view_type(&self) -> Option<String> {
        self.store.get(KEY_SHOWN_VIEW_TYPE)
    }

    pub fn set_shown_view_type(&self, object: &str) -> Result<(), ApiError> {
        if self.shown_view_type().as_deref() != Some(object) {
            self.store.set(KEY_SHOWN_VIEW_TYPE, &object)?;
        }
        Ok(())
    }

    pub async fn object_views(&self, object: &str) -> Result<ObjectViews, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.object_views(&object).await }).await
    }

    pub async fn views_editor(
        &self,
        object: &str,
        draft: Option<Vec<String>>,
        toggle: Option<String>,
    ) -> Result<Editor, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.editor(&object, draft, toggle.as_deref()).await })
            .await
    }

    pub async fn save_views(&self, object: &str, ids: Vec<String>) -> Result<ObjectViews, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.save(&object, ids).await }).await
    }

    pub async fn enable_view(&self, object: &str, id: &str) -> Result<ObjectViews, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.enable(&object, &id).await }).await
    }

    pub async fn disable_view(&self, object: &str, id: &str) -> Result<ObjectViews, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.disable(&object, &id).await }).await
    }

    pub async fn view_records(
        &self,
        object: &str,
        id: &str,
        limit: u32,
        offset: u32,
    ) -> Result<ListViewRecords, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.records(&object, &id, limit, offset).await })
            .await
    }

    // ----- opening pages -----

    /// The web address the window may open in the browser, checked: only pages of the
    /// connected org (its instance and Lightning hosts) and, while a device code waits,
    /// Salesforce's verification page. A page in the window that went wrong (or was made to)
    /// cannot send the user to a site of its choosing.
    pub fn may_open(&self, address: &str) -> Result<url::Url, ApiError> {
        let refuse = |shown: &str| {
            ApiError::Invalid(i18n::twin(
                format!("refusing to open an address outside your Salesforce org: {shown}"),
                format!("refus d’ouvrir une adresse hors de votre org Salesforce : {shown}"),
            ))
        };
        let url = url::Url::parse(address).map_err(|_| refuse(address))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(refuse(address));
        }
        let card = self.card();
        let mut allowed = Vec::new();
        if let Some(instance) = self.instance_url(&card) {
            if let Some(links) = crate::salesforce::urls::RecordLinks::for_instance(&instance) {
                allowed.push(links.base().to_string());
            }
            allowed.push(instance);
        }
        if let CardState::Connecting {
            via: ConnectingVia::Device { verification_uri, .. },
        } = card
        {
            allowed.push(verification_uri);
        }
        let origin = url.origin();
        if allowed
            .iter()
            .filter_map(|a| url::Url::parse(a).ok())
            .any(|a| a.origin() == origin)
        {
            Ok(url)
        } else {
            Err(refuse(&url.origin().ascii_serialization()))
        }
    }

    /// The org's instance URL, from the session the app was given or the card's user.
    fn instance_url(&self, card: &CardState) -> Option<String> {
        match (&self.setup, card) {
            (Setup::AccessToken { instance_url, .. }, _) => Some(instance_url.clone()),
            (_, CardState::Connected { user, .. }) | (_, CardState::NeedsAttention { user: Some(user), .. }) => {
                Some(user.instance_url.clone())
            }
            _ => None,
        }
    }

    // ----- connect -----

    fn oauth_client(&self) -> Result<OAuthClient, ApiError> {
        let app = self.app().map_err(ApiError::NotAvailable)?;
        Ok(OAuthClient::new(self.http.clone(), app))
    }

    fn begin_connecting(&self, via: ConnectingVia) -> Result<(), ApiError> {
        if matches!(self.card(), CardState::Connecting { .. }) {
            return Err(ApiError::AlreadyConnecting);
        }
        self.set_card(CardState::Connecting { via });
        Ok(())
    }

    /// Cancels a pending connection: the card goes back to where it was.
    /// The card after a connect that failed or was refused: a Reconnect that did not go through
    /// goes back to *needs attention* with the last user (and its Reconnect button); a first
    /// connect goes back to *not connected*. Either way it says why.
    fn after_failed_connect(&self, message: String) -> CardState {
        match self.store.get::<ConnectedUser>(KEY_CONNECTION) {
            Some(user) => CardState::NeedsAttention {
                user: Some(user),
                reason: message,
            },
            None => CardState::NotConnected { message: Some(message) },
        }
    }

    pub fn cancel_connect(&self) {
        self.pending.cancel_all();
        self.cancel.send_modify(|n| *n += 1);
        if matches!(self.card(), CardState::Connecting { .. }) {
            self.set_card(self.initial_state());
        }
    }

    /// Starts the web server flow with the deep-link redirect; the answer comes back
    /// through `handle_callback_url`. Returns the URL to open in the browser.
    pub fn start_deep_link_connect(&self) -> Result<String, ApiError> {
        let client = self.oauth_client()?;
        let started = self.pending.start(DEEP_LINK_REDIRECT);
        let url = client
            .authorize_url(DEEP_LINK_REDIRECT, &started.state, &started.code_challenge)?
            .to_string();
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: url.clone(),
        }) {
            self.pending.cancel_all();
            return Err(e);
        }
        Ok(url)
    }

    /// `--demo` only: runs the real web server flow against the demo org, whose
    /// `auto_approve` switch approves at once (a demo-org convenience, not Salesforce's).
    pub async fn connect_demo_auto_approved(&self) -> Result<ConnectedUser, ApiError> {
        let url = self.start_deep_link_connect()?;
        let answer = self.http.get(format!("{url}&auto_approve=true")).send().await;
        let location = match answer {
            Ok(r) => r
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(String::from),
            Err(e) => {
                self.cancel_connect();
                return Err(OAuthError::Network(e.to_string()).into());
            }
        };
        match location {
            Some(callback) => self.handle_callback_url(&callback).await,
            None => {
                self.cancel_connect();
                Err(OAuthError::Malformed("the demo org did not redirect".into()).into())
            }
        }
    }

    /// The web server flow through the loopback listener: `open` is called with the
    /// authorization URL; returns when Salesforce's answer came back and was used.
    pub async fn connect_loopback(&self, open: impl FnOnce(&str)) -> Result<ConnectedUser, ApiError> {
        let client = self.oauth_client()?;
        let port = client.app().loopback_port;
        let mut listener = LoopbackListener::start(port).await.map_err(|e| ApiError::Loopback {
            port,
            reason: e.to_string(),
        })?;
        // The listener's own port: the configured one, or any free one when that is 0 (tests).
        let redirect = loopback_redirect(listener.port);
        let started = self.pending.start(&redirect);
        let url = client
            .authorize_url(&redirect, &started.state, &started.code_challenge)?
            .to_string();
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: url.clone(),
        }) {
            self.pending.cancel_all();
            return Err(e);
        }
        open(&url);
        let mut cancelled = self.cancel.subscribe();
        loop {
            tokio::select! {
                callback = listener.callbacks.recv() => {
                    let Some(callback) = callback else { return Err(ApiError::Cancelled) };
                    match self.handle_callback_url(&callback).await {
                        // Stray requests (a favicon, a forged state) leave the attempt pending.
                        Err(ApiError::Callback(CallbackError::NoPendingAttempt)) if self.pending.is_pending() => continue,
                        other => return other,
                    }
                }
                _ = cancelled.changed() => return Err(ApiError::Cancelled),
            }
        }
    }

    /// A redirect from the browser (deep link or loopback). Refused URLs change nothing.
    pub async fn handle_callback_url(&self, url: &str) -> Result<ConnectedUser, ApiError> {
        let params = parse_callback(url)?;
        let taken = self.pending.take(&params);
        let (code, attempt) = match taken {
            Ok(t) => t,
            Err(e @ CallbackError::Denied(_)) | Err(e @ CallbackError::MissingCode) => {
                self.set_card(self.after_failed_connect(i18n::remember(&e)));
                return Err(e.into());
            }
            Err(e) => {
                tracing::warn!(error = %e, "callback refused");
                return Err(e.into());
            }
        };
        let client = self.oauth_client()?;
        let result = client
            .exchange_code(&code, &attempt.redirect_uri, attempt.verifier.expose())
            .await;
        self.finish_connect(&client, result).await
    }

    /// The device flow: `show` receives the user code and verification URL; polling
    /// honours `interval` and `slow_down` and stops on approval, denial, expiry or Cancel.
    pub async fn connect_device(&self, show: impl FnOnce(&str, &str)) -> Result<ConnectedUser, ApiError> {
        let client = self.oauth_client()?;
        let code = client.device_start().await?;
        self.begin_connecting(ConnectingVia::Device {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
        })?;
        show(&code.user_code, &code.verification_uri);
        let mut interval = Duration::from_secs(code.interval.max(1));
        // Salesforce device codes live 10 minutes [API-NOTES §2]; stop polling after that.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
        let mut cancelled = self.cancel.subscribe();
        loop {
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = cancelled.changed() => return Err(ApiError::Cancelled),
            }
            if tokio::time::Instant::now() > deadline {
                self.set_card(self.after_failed_connect(ApiError::DeviceExpired.to_string()));
                return Err(ApiError::DeviceExpired);
            }
            match client.device_poll(&code.device_code).await {
                Ok(DevicePoll::Pending) => {}
                Ok(DevicePoll::SlowDown) => interval += Duration::from_secs(5),
                Ok(DevicePoll::Approved(tokens)) => return self.finish_connect(&client, Ok(tokens)).await,
                Ok(DevicePoll::Denied) => {
                    self.set_card(self.after_failed_connect(ApiError::DeviceDenied.to_string()));
                    return Err(ApiError::DeviceDenied);
                }
                Ok(DevicePoll::Expired) => {
                    self.set_card(self.after_failed_connect(ApiError::DeviceExpired.to_string()));
                    return Err(ApiError::DeviceExpired);
                }
                Err(e) => return self.finish_connect(&client, Err(e)).await,
            }
        }
    }

    async fn finish_connect(
        &self,
        client: &OAuthClient,
        tokens: Result<TokenResponse, OAuthError>,
    ) -> Result<ConnectedUser, ApiError> {
        let fail = |e: ApiError| {
            self.set_card(self.after_failed_connect(i18n::remember(&e)));
            Err(e)
        };
        let tokens = match tokens {
            Ok(t) => t,
            Err(e) => return fail(e.into()),
        };
        let info = match oauth::userinfo(&self.http, &tokens.instance_url, &tokens.access_token).await {
            Ok(i) => i,
            Err(e) => return fail(e.into()),
        };
        let user = ConnectedUser {
            name: info.name,
            username: info.preferred_username,
            user_id: info.user_id,
            org_id: info.organization_id,
            instance_url: tokens.instance_url.trim_end_matches('/').to_string(),
        };
        let stored = StoredTokens {
            access_token: tokens.access_token.expose().to_string(),
            refresh_token: tokens.refresh_token.as_ref().map(|r| r.expose().to_string()),
            instance_url: user.instance_url.clone(),
            login_host: client.app().login_host.clone(),
            client_id: client.app().client_id.clone(),
            user: Some(user.clone()),
        };
        if let Err(e) = self.credentials.save(&stored) {
            // Tokens we cannot keep safely are given back at once.
            let _ = client
                .revoke(tokens.refresh_token.as_ref().unwrap_or(&tokens.access_token))
                .await;
            return fail(e.into());
        }
        self.store.set(KEY_CONNECTION, &user)?;
        self.drop_live();
        self.set_card(CardState::connected(user.clone()));
        // The new session at once, so that running pipelines search with it.
        let _ = self.live();
        Ok(user)
    }

    /// Revokes at Salesforce, deletes locally, clears the instant-results cache, resets
    /// the card — the local part happens even when Salesforce cannot be reached.
    pub async fn disconnect(&self) -> Result<Disconnected, ApiError> {
        if let Setup::AccessToken { .. } | Setup::UnusableEnvironment(_) = self.setup {
            // Nothing of ours to forget, and revoking a token someone else handed us would
            // surprise its owner.
            return Err(ApiError::Invalid(i18n::twin(
                "This session comes from SF_INSTANCE_URL and SF_ACCESS_TOKEN: unset them to stop using it (`sf org logout` revokes the token at Salesforce).",
                "Cette session vient de SF_INSTANCE_URL et SF_ACCESS_TOKEN : retirez-les pour ne plus l’utiliser (`sf org logout` révoque le jeton chez Salesforce).",
            )));
        }
        self.cancel_connect();
        let tokens = self.credentials.load().unwrap_or(None);
        let revoke = match (&tokens, self.oauth_client()) {
            (Some(t), Ok(client)) => {
                let token = t.refresh().unwrap_or_else(|| t.access());
                Some(client.revoke(&token).await)
            }
            (Some(t), Err(_)) => {
                // The policy changed since: revoke at the host that issued the tokens.
                let app = OAuthApp {
                    login_host: t.login_host.clone(),
                    client_id: t.client_id.clone(),
                    client_secret: None,
                    loopback_port: 0,
                };
                Some(
                    OAuthClient::new(self.http.clone(), app)
                        .revoke(&t.refresh().unwrap_or_else(|| t.access()))
                        .await,
                )
            }
            (None, _) => None,
        };
        self.credentials.delete()?;
        self.store.remove(KEY_CONNECTION)?;
        if let Ok(mut r) = self.recent.lock() {
            r.clear();
        }
        let _ = std::fs::remove_file(self.data_dir.join(RECENT_FILE));
        let _ = self.search_memo.remove_prefix(KEY_NOT_SEARCHABLE);
        self.drop_live();
        let (revoked, message) = match revoke {
            Some(Ok(())) => (true, i18n::twin("Disconnected. Salesforce revoked the app's access.", "Déconnecté. Salesforce a révoqué l’accès de l’application.")),
            Some(Err(e)) => (false, i18n::twin(
                format!("Disconnected on this computer, but Salesforce could not be told ({e}). You can revoke the app in Salesforce under Settings → Connected Apps OAuth Usage."),
                format!("Déconnecté sur cet ordinateur, mais Salesforce n’a pas pu être prévenu ({}). Vous pouvez révoquer l’application dans Salesforce sous Configuration → Utilisation OAuth des applications connectées.", e.french()),
            )),
            None => (false, i18n::twin("Salesforce was not connected.", "Salesforce n’était pas connecté.")),
        };
        self.set_card(self.initial_state());
        Ok(Disconnected { revoked, message })
    }

    pub fn status(&self) -> Status {
        let api_usage = self.api_usage();
        let base = Status {
            state: "",
            user: None,
            username: None,
            org: None,
            org_id: None,
            instance_url: None,
            reason: None,
            api_usage,
            source: match self.setup {
                Setup::AccessToken { .. } | Setup::UnusableEnvironment(_) => "environment",
                Setup::Policy(_) => "oauth",
            },
        };
        match self.card() {
            CardState::Connected { user, org } => Status {
                state: "connected",
                user: Some(user.name),
                username: Some(user.username).filter(|u| !u.is_empty()),
                org: Some(org),
                org_id: Some(user.org_id).filter(|o| !o.is_empty()),
                instance_url: Some(user.instance_url),
                ..base
            },
            CardState::NeedsAttention { user, reason } => Status {
                state: "needs_attention",
                user: user.as_ref().map(|u| u.name.clone()),
                username: user.as_ref().map(|u| u.username.clone()),
                org: user.as_ref().map(|u| u.org_host()),
                org_id: user.as_ref().map(|u| u.org_id.clone()),
                instance_url: user.map(|u| u.instance_url),
                reason: Some(reason),
                ..base
            },
            CardState::NotAvailable { reason } => Status {
                state: "not_available",
                reason: Some(reason),
                ..base
            },
            CardState::NotConnected { message } => Status {
                state: "not_connected",
                reason: message,
                ..base
            },
            CardState::Connecting { .. } => Status {
                state: "connecting",
                ..base
            },
        }
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

fn load_recent(path: &Path) -> RecentRecords {
    let mut recent = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RecentRecords>(&bytes).ok())
        .unwrap_or_default();
    recent.reindex();
    recent
}
