//! The one error type every front end gets from `api`: a stable `kind` for scripts and the
//! UI's logic, and a message `localize` puts in the person's language.

use crate::auth::callback::CallbackError;
use crate::auth::oauth::OAuthError;
use crate::auth::store::CredentialError;
use crate::search::SearchError;
use crate::store::StoreError;
use crate::views::ViewsError;
use thiserror::Error;

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
    #[error(transparent)]
    Open(#[from] crate::opener::OpenError),
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
            ApiError::Open(_) => "opener",
            ApiError::Invalid(_) => "invalid",
        }
    }
}
