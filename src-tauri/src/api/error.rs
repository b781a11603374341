//! The one error type every front end gets from `api`: a stable `kind` for scripts and the
//! UI's logic, and a message `localize` puts in the person's language.

use crate::auth::callback::CallbackError;
use crate::auth::card::{Attention, Unavailable};
use crate::auth::connect::ConnectError;
use crate::auth::connection::NoSession;
use crate::auth::oauth::OAuthError;
use crate::auth::store::CredentialError;
use crate::search::SearchError;
use crate::store::StoreError;
use crate::views::ViewsError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{0}")]
    NotAvailable(Unavailable),
    #[error("Salesforce is not connected. Connect it in Settings → Integrations.")]
    NotConnected,
    #[error("Salesforce needs attention: {0}")]
    NeedsAttention(Attention),
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
    #[error(transparent)]
    Http(#[from] crate::http::ClientError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

/// What a person or a script asked for that cannot be done as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Invalid {
    #[error("“{0}” is not an e-mail address.")]
    NotAnEmail(String),
    #[error("refusing to open an address outside your Salesforce org: {0}")]
    OutsideOrg(String),
    #[error("This session comes from SF_INSTANCE_URL and SF_ACCESS_TOKEN: unset them to stop using it (`sf org logout` revokes the token at Salesforce).")]
    EnvironmentSession,
    #[error("unknown theme: {0}")]
    UnknownTheme(String),
    #[error("unknown language: {0}")]
    UnknownLanguage(String),
    #[error("Give an object type and a list view id.")]
    MissingViewArguments,
}

impl From<NoSession> for ApiError {
    fn from(e: NoSession) -> ApiError {
        match e {
            NoSession::NotAvailable(reason) => ApiError::NotAvailable(reason),
            NoSession::NotConnected => ApiError::NotConnected,
            NoSession::NeedsAttention(reason) => ApiError::NeedsAttention(reason),
            NoSession::Credentials(e) => ApiError::Credentials(e),
        }
    }
}

impl From<ConnectError> for ApiError {
    fn from(e: ConnectError) -> ApiError {
        match e {
            ConnectError::NotAvailable(reason) => ApiError::NotAvailable(reason),
            ConnectError::Callback(e) => ApiError::Callback(e),
            ConnectError::OAuth(e) => ApiError::OAuth(e),
            ConnectError::Credentials(e) => ApiError::Credentials(e),
            ConnectError::Store(e) => ApiError::Store(e),
            ConnectError::Cancelled => ApiError::Cancelled,
            ConnectError::DeviceExpired => ApiError::DeviceExpired,
            ConnectError::DeviceDenied => ApiError::DeviceDenied,
            ConnectError::Loopback { port, reason } => ApiError::Loopback { port, reason },
            ConnectError::AlreadyConnecting => ApiError::AlreadyConnecting,
            ConnectError::EnvironmentSession => ApiError::Invalid(Invalid::EnvironmentSession),
        }
    }
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
            ApiError::Http(_) => "http_client",
            ApiError::Invalid(_) => "invalid",
        }
    }
}
