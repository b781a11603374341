//! Every command's error as the window receives it (`{kind, message}`): shared by the main
//! window's commands and the palette's.

use crate::api::localize as i18n;
use crate::api::ApiError;
use serde::Serialize;

/// Every command's error, as GitButler's: a stable `kind` and a message in the window's
/// language.
#[derive(Debug, Clone, Serialize)]
pub struct UiError {
    pub kind: String,
    pub message: String,
}

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> Self {
        UiError {
            kind: e.kind().to_string(),
            message: i18n::localize(&e, i18n::current()),
        }
    }
}

impl From<crate::opener::OpenError> for UiError {
    fn from(e: crate::opener::OpenError) -> Self {
        ApiError::from(e).into()
    }
}
