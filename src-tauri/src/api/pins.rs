//! Pinned records and what the quick-search palette lists before the first keystroke: the
//! pinned ones, then the records opened lately. Both belong to the person the card shows
//! (their scope): nobody connected, nothing listed.

use super::search::ShownResult;
use super::*;
use crate::salesforce::SearchResult;
use crate::search::pins::{PinError, Pins};
use serde::Serialize;

/// How many recently opened records the palette lists under the pinned ones.
pub const PALETTE_RECENT: usize = 8;

/// The palette's list before anything is typed.
#[derive(Debug, Clone, Serialize)]
pub struct PaletteRecords {
    pub pinned: Vec<ShownResult>,
    /// Opened lately, the last first; pinned ones are not listed twice.
    pub recent: Vec<ShownResult>,
}

impl From<PinError> for ApiError {
    fn from(e: PinError) -> ApiError {
        match e {
            PinError::Full { max } => ApiError::Invalid(Invalid::TooManyPins(max)),
            PinError::Store(e) => ApiError::Store(e),
        }
    }
}

impl Workstation {
    fn pins(&self) -> Pins {
        Pins::new(self.store.clone())
    }

    /// Whose pins these are: the person the card shows, if any.
    fn pin_scope(&self) -> Option<String> {
        self.conn.data_scope(&self.card())
    }

    /// The pinned records, the latest pinned first; none when nobody is connected.
    pub fn pinned(&self) -> Vec<ShownResult> {
        self.pin_scope()
            .map(|scope| shown(self.pins().list(&scope)))
            .unwrap_or_default()
    }

    /// Pins or unpins `record`; returns the pinned records as they are now. The record's
    /// address is made again from the live session when there is one (the window's copy may
    /// say anything).
    pub fn set_pinned(&self, record: &SearchResult, pinned: bool) -> Result<Vec<ShownResult>, ApiError> {
        let scope = self.pin_scope().ok_or_else(|| ApiError::from(self.conn.no_session()))?;
        let list = if pinned {
            let mut record = record.clone();
            if let Some(live) = self.sessions.current() {
                record.url = live
                    .client
                    .links()
                    .record_url(record.object.record_page_sobject(), &record.id);
            }
            self.pins().pin(&scope, &record)?
        } else {
            self.pins().unpin(&scope, record.object, &record.id)?
        };
        Ok(shown(list))
    }

    /// What the palette lists before the first keystroke.
    pub fn palette_records(&self) -> PaletteRecords {
        let pinned = self.pinned();
        self.own_recent();
        let opened = self
            .recent
            .lock()
            .map(|r| r.opened_lately(PALETTE_RECENT + pinned.len()))
            .unwrap_or_default();
        let recent = opened
            .into_iter()
            .filter(|r| !pinned.iter().any(|p| p.object == r.object && p.id == r.id))
            .take(PALETTE_RECENT)
            .collect();
        PaletteRecords {
            pinned,
            recent: shown(recent),
        }
    }
}

fn shown(records: Vec<SearchResult>) -> Vec<ShownResult> {
    records.into_iter().map(ShownResult::from).collect()
}
