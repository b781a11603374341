//! The one surface the window, the CLI and the tests use: the core's connection (the card
//! and its flows), the live session's search and views services, and the settings, each
//! action in a file of its own. What it returns is ready to show: errors, notices and the
//! card's reasons are said here (`localize`) in the front end's language.

mod card;
mod connect;
mod error;
pub mod links;
pub mod localize;
pub mod pins;
mod profile;
pub mod search;
mod settings;
mod setup;
pub mod views;

pub use crate::auth::setup::{os_login, setup_from_env, EnvironmentError, Setup};
pub use card::{shown_card, Status};
pub use connect::{ConnectMethod, Disconnected};
#[cfg(test)]
pub(crate) use error::every_salesforce_error;
pub use error::{ApiError, Invalid};
pub use profile::Profile;
pub use settings::DEFAULT_SHORTCUT;
pub use setup::{default_data_dir, saved_language};

use crate::auth::card::{CardState, SessionEnd};
use crate::auth::connection::Connection;
use crate::auth::store::CredentialStore;
use crate::salesforce::{SalesforceClient, SalesforceError};
use crate::search::recent::RecentRecords;
use crate::search::SearchService;
use crate::store::{LocalStore, NotPrivate, StoreError};
use crate::views::ViewsService;
use search::{load_recent, RECENT_FILE, SEARCH_MEMO_FILE};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A connected session's services.
struct Live {
    client: Arc<SalesforceClient>,
    /// Whose session it is and where (`org/user@instance`, or `token/host@instance` for
    /// SF_ACCESS_TOKEN), for what the org taught us.
    memo_scope: String,
    search: Arc<SearchService>,
    views: Arc<ViewsService>,
}

pub struct Workstation {
    data_dir: PathBuf,
    /// Why the data folder is not private to the person, when it is not (`status` says so).
    data_dir_not_private: Option<NotPrivate>,
    store: Arc<LocalStore>,
    conn: Arc<Connection>,
    sessions: Arc<Sessions>,
    recent: Arc<Mutex<RecentRecords>>,
    /// Each search box's typing pipeline, bound to the session it was made on (see
    /// `type_search`).
    typing: Arc<Mutex<HashMap<search::SearchBox, search::SearchPipeline>>>,
    search_sink: Mutex<Option<search::BoxSink>>,
}

/// The services of the connection's session, made on first use and dropped when the card
/// changes (a Reconnect, a dead session, Disconnect). Shared with the typing pipelines, which
/// so always search with the session of the moment, and move the card when it dies.
struct Sessions {
    conn: Arc<Connection>,
    http: reqwest::Client,
    store: Arc<LocalStore>,
    search_memo: Arc<LocalStore>,
    search_timeout_ms: AtomicU64,
    live: Mutex<Option<Arc<Live>>>,
}

impl Sessions {
    fn current(&self) -> Option<Arc<Live>> {
        self.live.lock().ok().and_then(|l| l.clone())
    }

    fn drop_live(&self) {
        if let Ok(mut l) = self.live.lock() {
            *l = None;
        }
    }

    /// The connected services, built on first use.
    fn live(&self) -> Result<Arc<Live>, ApiError> {
        if let Some(live) = self.current() {
            return Ok(live);
        }
        let live_session = self.conn.session()?;
        let client = Arc::new(SalesforceClient::new(self.http.clone(), Arc::new(live_session.session)));
        client.set_search_timeout(Duration::from_millis(self.search_timeout_ms.load(Ordering::Relaxed)));
        // Whose session, at which address: a memo is never lent to another org or user.
        let memo_scope = format!("{}@{}", live_session.scope, client.session().instance_url());
        let unseen = self.remembered_unseen(&memo_scope);
        let live = Arc::new(Live {
            search: Arc::new(SearchService::knowing(client.clone(), unseen)),
            views: Arc::new(ViewsService::new(
                client.clone(),
                self.store.clone(),
                live_session.scope,
            )),
            client,
            memo_scope,
        });
        if let Ok(mut l) = self.live.lock() {
            *l = Some(live.clone());
        }
        Ok(live)
    }

    /// Salesforce answered `e`: a dead session moves the card to *needs attention*.
    fn observe(&self, e: &SalesforceError) {
        let end = match e {
            SalesforceError::NeedsReconnect(why) => {
                tracing::info!(%why, "Salesforce will not renew the session");
                SessionEnd::Refused(why.clone())
            }
            SalesforceError::SessionExpired => SessionEnd::Expired,
            SalesforceError::MalformedResponse(detail) => {
                // The person reads "could not read"; the log keeps which answer and where it
                // failed, never the value the parser quotes (record data).
                let detail = where_unreadable(detail);
                tracing::warn!(%detail, "a Salesforce answer could not be read");
                return;
            }
            _ => return,
        };
        self.conn.session_ended(end);
    }
}

impl Workstation {
    pub fn new(data_dir: &Path, setup: Setup, credentials: Arc<dyn CredentialStore>) -> Result<Workstation, ApiError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Write {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let data_dir_not_private = make_private(data_dir);
        let store = Arc::new(LocalStore::open(data_dir.join("settings.json"))?);
        let search_memo = Arc::new(LocalStore::open(data_dir.join(SEARCH_MEMO_FILE))?);
        let recent = load_recent(&data_dir.join(RECENT_FILE));
        let http = crate::http::client()?;
        let conn = Arc::new(Connection::new(setup, store.clone(), credentials, http.clone()));
        let sessions = Arc::new(Sessions {
            conn: conn.clone(),
            http,
            store: store.clone(),
            search_memo,
            search_timeout_ms: AtomicU64::new(crate::salesforce::client::SEARCH_TIMEOUT.as_millis() as u64),
            live: Mutex::new(None),
        });
        let ws = Workstation {
            data_dir: data_dir.to_path_buf(),
            data_dir_not_private,
            store,
            conn,
            sessions,
            recent: Arc::new(Mutex::new(recent)),
            typing: Arc::new(Mutex::new(HashMap::new())),
            search_sink: Mutex::new(None),
        };
        // A new card state means a new (or no) session: services and the typing pipeline are
        // made again on it at the next use (a connection attempt in progress changes nothing
        // yet).
        let (sessions, typing) = (Arc::downgrade(&ws.sessions), Arc::downgrade(&ws.typing));
        ws.conn.subscribe(move |card| {
            if matches!(card, CardState::Connecting { .. }) {
                return;
            }
            if let Some(s) = sessions.upgrade() {
                s.drop_live();
            }
            if let Some(slot) = typing.upgrade() {
                if let Ok(mut p) = slot.lock() {
                    p.clear();
                }
            }
        });
        Ok(ws)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Called with every card change (the window turns them into events).
    pub fn subscribe(&self, listener: impl Fn(&CardState) + Send + Sync + 'static) {
        self.conn.subscribe(listener)
    }

    pub fn card(&self) -> CardState {
        self.conn.card()
    }

    /// How long a search may take ([`crate::salesforce::client::SEARCH_TIMEOUT`] by default).
    pub fn set_search_timeout(&self, timeout: Duration) {
        self.sessions
            .search_timeout_ms
            .store(timeout.as_millis().max(1) as u64, Ordering::Relaxed);
        if let Some(live) = self.sessions.current() {
            live.client.set_search_timeout(timeout);
        }
    }

    fn live(&self) -> Result<Arc<Live>, ApiError> {
        self.sessions.live()
    }

    fn observe(&self, e: &SalesforceError) {
        self.sessions.observe(e)
    }
}

/// The mistakes serde_json names at the start of its message; what follows them may quote the
/// value it met (`invalid type: string "Acme Corp", expected …`).
const PARSER_MISTAKES: [&str; 19] = [
    "invalid type",
    "invalid value",
    "invalid length",
    "unknown variant",
    "unknown field",
    "missing field",
    "duplicate field",
    "EOF while parsing",
    "expected",
    "trailing comma",
    "trailing characters",
    "invalid number",
    "number out of range",
    "invalid escape",
    "invalid unicode code point",
    "control character",
    "key must be a string",
    "lone leading surrogate",
    "recursion limit exceeded",
];

/// What the log keeps of `MalformedResponse(detail)`: which answer (`search answer`, the REST
/// path), the kind of mistake and where the parser stopped (`line 1 column 48`); the parser's
/// words about the value, which can be a record's, are dropped. A detail without `": "` is
/// one of the core's own sentences ("a Contact search record has no Id"), which quote nothing.
fn where_unreadable(detail: &str) -> String {
    let Some((which, parser)) = detail.split_once(": ") else {
        return detail.to_string();
    };
    let kind = PARSER_MISTAKES
        .iter()
        .find(|k| parser.starts_with(**k))
        .copied()
        .unwrap_or("unreadable");
    let at = parser.rfind(" at line ").map(|i| &parser[i + 1..]).filter(|at| {
        let words: Vec<&str> = at.split(' ').collect();
        matches!(words.as_slice(), ["at", "line", l, "column", c]
                if l.chars().all(|ch| ch.is_ascii_digit()) && c.chars().all(|ch| ch.is_ascii_digit()))
    });
    match at {
        Some(at) => format!("{which}: {kind} {at}"),
        None => format!("{which}: {kind}"),
    }
}

/// The data folder holds CRM data (recently found records, list view choices) and logs:
/// only its owner may enter it, whatever the umask (Debian's home folders are world-readable).
/// Where it cannot be made so, the log and `status` say why.
fn make_private(dir: &Path) -> Option<NotPrivate> {
    // Elsewhere than Unix: per-user AppData / Application Support folders are private already.
    let why = crate::store::make_folder_private(dir).err()?;
    tracing::warn!(reason = %why, folder = %dir.display(), "the data folder is not private: other users of this computer may read it");
    Some(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_answer_is_logged_by_where_it_failed_not_by_its_values() {
        let quoted = serde_json::from_str::<Vec<String>>(r#"["ok", 42]"#).expect_err("bad");
        let detail = format!(
            "search answer: {}",
            serde_json::from_str::<Vec<u8>>(r#""Acme Secret Deal""#).expect_err("bad")
        );
        assert!(detail.contains("Acme Secret Deal"), "{detail}");
        assert_eq!(
            where_unreadable(&detail),
            "search answer: invalid type at line 1 column 18"
        );
        assert_eq!(
            where_unreadable(&format!("sobjects/Account/listviews: {quoted}")),
            "sobjects/Account/listviews: invalid type at line 1 column 9"
        );
        assert_eq!(
            where_unreadable("search answer: EOF while parsing a string at line 1 column 30"),
            "search answer: EOF while parsing at line 1 column 30"
        );
        // A parser message we do not know is not copied either.
        assert_eq!(where_unreadable("x: Zoë Martin is odd"), "x: unreadable");
        assert_eq!(
            where_unreadable("a Contact search record has no Id"),
            "a Contact search record has no Id"
        );
    }
}
