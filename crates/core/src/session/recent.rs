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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The recent records' file in the data folder.
pub const RECENT_FILE: &str = "recent-records.json";

pub(super) struct Recent {
    path: PathBuf,
    records: Arc<Mutex<RecentRecords>>,
    /// Whether this process has seen the file on disk: once it has, a file that is gone was
    /// removed by another process's Disconnect, and nothing is written back.
    seen_on_disk: AtomicBool,
}

impl Recent {
    /// The records an earlier run left (none when the file is missing or unreadable: they are
    /// a cache).
    pub(super) fn open(data_dir: &Path) -> Recent {
        let path = data_dir.join(RECENT_FILE);
        let bytes = std::fs::read(&path).ok();
        let records = bytes.as_deref().map(read_records).unwrap_or_default();
        Recent {
            seen_on_disk: AtomicBool::new(bytes.is_some()),
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
        self.change(|r| r.remember_found(results));
    }

    /// A record the person opened; written at once (the rule above).
    pub(super) fn opened(&self, result: &SearchResult) {
        self.change(|r| r.remember_opened(result));
    }

    /// Disconnect: the records go with the connection, on disk too.
    pub(super) fn forget(&self) {
        self.lock().clear();
        self.seen_on_disk.store(false, Ordering::Relaxed);
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "recent records could not be removed"),
        }
    }

    /// Applies `apply` to the records on disk, under the file's lock, so that the window, the
    /// palette and CLI runs writing at once keep each other's records; what is on disk then is
    /// what this process matches in. Records of another person on disk are dropped, and a file
    /// another process removed (Disconnect) is not written back: the records go here too.
    fn change(&self, apply: impl FnOnce(&mut RecentRecords)) {
        let mut mine = self.lock();
        let owner = mine.owner().cloned();
        let seen = self.seen_on_disk.load(Ordering::Relaxed);
        let mut next = None;
        let written = crate::store::update_shared_file(&self.path, |disk| {
            let mut records = match disk {
                Some(bytes) => read_records(bytes),
                None if seen => return None,
                None => mine.clone(),
            };
            records.enter(owner.as_ref());
            apply(&mut records);
            let text = serde_json::to_vec(&records).ok();
            next = Some(records);
            text
        });
        match (written, next) {
            (Ok(()), Some(records)) => {
                *mine = records;
                self.seen_on_disk.store(true, Ordering::Relaxed);
            }
            (Ok(()), None) => {
                tracing::info!("recent records were removed by another Workstation process; not written back");
                mine.clear();
                // Once: the next records (a new connection's) start the file again.
                self.seen_on_disk.store(false, Ordering::Relaxed);
            }
            (Err(e), _) => tracing::warn!(error = %e, "recent records could not be saved"),
        }
    }
}

/// The records in a file's bytes (none when unreadable: they are a cache).
fn read_records(bytes: &[u8]) -> RecentRecords {
    let mut records = serde_json::from_slice::<RecentRecords>(bytes).unwrap_or_default();
    records.reindex();
    records
}
