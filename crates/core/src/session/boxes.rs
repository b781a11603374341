//! The search boxes of the front ends (the main window's and the quick-search palette's), each
//! with a typing pipeline of its own: a keystroke in one never makes the other's answer stale,
//! nor spends its "More", and its events go back to it alone.

use super::Pipeline;
use crate::auth::connection::NoSession;
use crate::salesforce::SearchObject;
use crate::search::pipeline::{SearchEvent, Sink};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Which search box typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchBox {
    Main,
    Palette,
}

/// Where the search boxes' events go, each told which box it answers.
pub type BoxSink = Arc<dyn Fn(SearchBox, SearchEvent<NoSession>) + Send + Sync>;

#[derive(Default)]
pub(super) struct Boxes {
    pipelines: Mutex<HashMap<SearchBox, Pipeline>>,
    sink: Mutex<Option<BoxSink>>,
}

impl Boxes {
    fn pipelines(&self) -> MutexGuard<'_, HashMap<SearchBox, Pipeline>> {
        self.pipelines.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) fn set_sink(&self, sink: BoxSink) {
        *self.sink.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(sink);
    }

    /// A keystroke in box `at`, its pipeline made by `make` on first use.
    pub(super) fn input(
        &self,
        at: SearchBox,
        text: &str,
        make: impl FnOnce(Sink<NoSession>) -> Result<Pipeline, NoSession>,
    ) -> Result<u64, NoSession> {
        let mut pipelines = self.pipelines();
        let pipeline = match pipelines.entry(at) {
            std::collections::hash_map::Entry::Occupied(p) => p.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let all = self.sink.lock().ok().and_then(|s| s.clone());
                let sink: Sink<NoSession> = match all {
                    Some(all) => Arc::new(move |event| all(at, event)),
                    None => Arc::new(|_| {}),
                };
                slot.insert(make(sink)?)
            }
        };
        Ok(pipeline.input(text))
    }

    pub(super) fn more(&self, at: SearchBox, seq: u64, object: SearchObject) -> bool {
        self.pipelines().get(&at).is_some_and(|p| p.more(seq, object).is_ok())
    }

    /// Every pipeline dropped (their requests aborted): the next keystroke makes one on the
    /// session of the moment.
    pub(super) fn clear(&self) {
        // Taken out first, so that the pipelines' requests are aborted without the lock held.
        let gone: Vec<Pipeline> = self.pipelines().drain().map(|(_, p)| p).collect();
        drop(gone);
    }
}
