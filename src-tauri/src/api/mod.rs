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

use crate::auth::card::CardState;
use crate::auth::connection::Connection;
use crate::auth::store::CredentialStore;
use crate::salesforce::SalesforceError;
use crate::store::{LocalStore, NotPrivate, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use workstation_core::session::{Live, Sessions};

pub struct Workstation {
    data_dir: PathBuf,
    /// Why the data folder is not private to the person, when it is not (`status` says so).
    data_dir_not_private: Option<NotPrivate>,
    store: Arc<LocalStore>,
    conn: Arc<Connection>,
    /// The person's live session, in the core: its services, what is kept of its searches,
    /// the search boxes' pipelines.
    sessions: Sessions,
}

impl Workstation {
    pub fn new(data_dir: &Path, setup: Setup, credentials: Arc<dyn CredentialStore>) -> Result<Workstation, ApiError> {
        let data_dir_not_private = open_data_folder(data_dir)?;
        let store = Arc::new(LocalStore::open(data_dir.join("settings.json"))?);
        let http = crate::http::client()?;
        let conn = Arc::new(Connection::new(setup, store.clone(), credentials, http.clone()));
        let sessions = Sessions::new(conn.clone(), http, store.clone(), data_dir)?;
        Ok(Workstation {
            data_dir: data_dir.to_path_buf(),
            data_dir_not_private,
            store,
            conn,
            sessions,
        })
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
        self.sessions.set_search_timeout(timeout)
    }

    /// How long a search's answer is given again without asking Salesforce (a minute by
    /// default); zero asks every time (benchmarks of the round trip).
    pub fn keep_answers_for(&self, kept_for: Duration) {
        self.sessions.keep_answers_for(kept_for)
    }

    fn live(&self) -> Result<Arc<Live>, ApiError> {
        Ok(self.sessions.live()?)
    }

    fn observe(&self, e: &SalesforceError) {
        self.sessions.observe(e)
    }
}

/// The data folder holds CRM data (recently found records, list view choices) and logs:
/// only its owner may enter it, whatever the umask (Debian's home folders are world-readable),
/// and a folder of another account is not written at all. Where it cannot be made private
/// (its file system keeps other modes), the log and `status` say why.
fn open_data_folder(dir: &Path) -> Result<Option<NotPrivate>, StoreError> {
    // Elsewhere than Unix: per-user AppData / Application Support folders are private already.
    let why = crate::store::open_data_folder(dir)?;
    if let Some(why) = &why {
        tracing::warn!(reason = %why, folder = %dir.display(), "the data folder is not private: other users of this computer may read it");
    }
    Ok(why)
}
