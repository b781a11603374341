//! Pinned records and what the quick-search palette lists before the first keystroke: the
//! pinned ones, then the records opened lately. Both belong to the person the card shows
//! (their session key, in the core's session): nobody connected, nothing listed.

use super::search::ShownResult;
use super::*;
use crate::salesforce::SearchResult;
use crate::search::pins::PinError;
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
    /// The pinned records, the latest pinned first; none when nobody is connected.
    pub fn pinned(&self) -> Vec<ShownResult> {
        shown(self.sessions.pinned())
    }

    /// Pins or unpins `record`; returns the pinned records as they are now. The record's
    /// address is made again from the live session when there is one (the window's copy may
    /// say anything).
    pub fn set_pinned(&self, record: &SearchResult, pinned: bool) -> Result<Vec<ShownResult>, ApiError> {
        Ok(shown(self.sessions.set_pinned(record, pinned)?))
    }

    /// What the palette lists before the first keystroke.
    pub fn palette_records(&self) -> PaletteRecords {
        let pinned = self.pinned();
        let recent = self
            .sessions
            .opened_lately(PALETTE_RECENT + pinned.len())
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
