//! The person's recent records (instant results) as a session keeps them: in memory for every
//! keystroke, on disk for the next run and the other processes of the profile.
//!
//! One rule for the window and the command line alike: the records are written whenever they
//! change — after every answer of the current session and every record opened. A search's
//! records are what the next run's instant results come from, whichever front end asked; a
//! window killed (or a palette closed) before it saves would otherwise lose them, and a CLI
//! run between two window searches would see none of the window's. A write costs one small
//! file per answer, and answers come at most one per debounce.

use super::SessionKey;
use crate::salesforce::SearchResult;
use crate::search::recent::RecentRecords;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The recent records' file in the data folder.
pub const RECENT_FILE: &str = "recent-records.json";

pub(super) struct Recent {
    path: PathBuf,
    records: Arc<Mutex<RecentRecords>>,
}

impl Recent {
    /// The records an earlier run left (none when the file is missing or unreadable: they are
    /// a cache).
    pub(super) fn open(data_dir: &Path) -> Recent {
        let path = data_dir.join(RECENT_FILE);
        let mut records = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<RecentRecords>(&bytes).ok())
            .unwrap_or_default();
        records.reindex();
        Recent {
            path,
            records: Arc::new(Mutex::new(records)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, RecentRecords> {
        self.records.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What the typing pipelines match instant results in.
    pub(super) fn shared(&self) -> Arc<Mutex<RecentRecords>> {
        self.records.clone()
    }

    /// The records become `owner`'s: another person's are dropped, never shown (see
    /// [`RecentRecords::enter`]).
    pub(super) fn enter(&self, owner: Option<&SessionKey>) {
        self.lock().enter(owner);
    }

    pub(super) fn matching(&self, text: &str, max: usize) -> Vec<SearchResult> {
        self.lock().matching(text, max)
    }

    pub(super) fn opened_lately(&self, max: usize) -> Vec<SearchResult> {
        self.lock().opened_lately(max)
    }

    /// Records a search answer showed; written at once (the rule above).
    pub(super) fn found(&self, results: &[SearchResult]) {
        self.lock().remember_found(results);
        self.save();
    }

    /// A record the person opened; written at once (the rule above).
    pub(super) fn opened(&self, result: &SearchResult) {
        self.lock().remember_opened(result);
        self.save();
    }

    /// Disconnect: the records go with the connection, on disk too.
    pub(super) fn forget(&self) {
        self.lock().clear();
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "recent records could not be removed"),
        }
    }

    fn save(&self) {
        let text = match serde_json::to_vec(&*self.lock()) {
            Ok(text) => text,
            Err(e) => {
                tracing::warn!(error = %e, "recent records could not be written out");
                return;
            }
        };
        // TODO(store merge): write through `store::update_shared_file` once it is on main, so
        // that the window, the palette and the CLI writing at once never lose each other's
        // records (and nothing is written back after another process disconnected).
        if let Err(e) = crate::store::write_atomically(&self.path, &text) {
            tracing::warn!(error = %e, "recent records could not be saved");
        }
    }
}
