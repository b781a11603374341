//! The one error type every front end gets from `api`: a stable `kind` for scripts and the
//! UI's logic, and a message `localize` puts in the person's language.

use crate::auth::card::{Attention, Unavailable};
use crate::auth::connect::ConnectError;
use crate::auth::connection::NoSession;
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
    /// Connecting or disconnecting did not go through.
    #[error(transparent)]
    Connect(ConnectError),
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Open(#[from] crate::opener::OpenError),
    #[error(transparent)]
    Http(#[from] crate::http::ClientError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The answer came for a session that is no longer the current one: it was dropped.
    #[error("The Salesforce connection changed during the search. Search again.")]
    SessionChanged,
}

/// What a person or a script asked for that cannot be done as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Invalid {
    #[error("“{0}” is not an e-mail address.")]
    NotAnEmail(String),
    #[error("refusing to open an address outside your Salesforce org: {0}")]
    OutsideOrg(String),
    #[error("unknown theme: {0}")]
    UnknownTheme(String),
    #[error("unknown language: {0}")]
    UnknownLanguage(String),
    #[error("Give an object type and a list view id.")]
    MissingViewArguments,
    /// The pinned records are at their cap ([`crate::search::pins::MAX_PINS`]).
    #[error("At most {0} records can be pinned: unpin one first.")]
    TooManyPins(usize),
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
            // The same answer as when there is no session to search with.
            ConnectError::NotAvailable(reason) => ApiError::NotAvailable(reason),
            ConnectError::Store(e) => ApiError::Store(e),
            e => ApiError::Connect(e),
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
            ApiError::Connect(e) => e.kind(),
            ApiError::Credentials(_) => "credential_store",
            ApiError::Store(_) => "store",
            ApiError::Open(_) => "opener",
            ApiError::Http(_) => "http_client",
            ApiError::Invalid(_) => "invalid",
            ApiError::SessionChanged => "session_changed",
        }
    }
}

/// One of every Salesforce error, for the tests that must cover them all (French for each,
/// the exit code of each). Values are chosen so that no English word slips into a French text.
#[cfg(test)]
pub(crate) fn every_salesforce_error() -> Vec<crate::salesforce::SalesforceError> {
    use crate::salesforce::SalesforceError;
    vec![
        SalesforceError::Offline("dns".into()),
        SalesforceError::CertificateNotTrusted("acme.my.salesforce.com".into()),
        SalesforceError::Timeout,
        SalesforceError::SessionExpired,
        SalesforceError::RestApiNotAllowed,
        SalesforceError::NoApiAccess(crate::salesforce::NoApiAccess::User),
        SalesforceError::NoApiAccess(crate::salesforce::NoApiAccess::Org),
        SalesforceError::RequestLimitExceeded,
        SalesforceError::ConcurrentLimitExceeded,
        SalesforceError::MalformedSearch("Malformed search token".into()),
        SalesforceError::NotSearchable {
            object: "Report".into(),
        },
        SalesforceError::HiddenField {
            object: "Account".into(),
            field: "Type".into(),
        },
        SalesforceError::NotFound,
        SalesforceError::Server { status: 503 },
        SalesforceError::MalformedResponse("eof".into()),
        SalesforceError::NotSalesforce("HTTP 200, text/html".into()),
        SalesforceError::Api {
            status: 400,
            code: "X".into(),
            message: "m".into(),
        },
        SalesforceError::NeedsReconnect("expired".into()),
        SalesforceError::EnvTokenRefused,
    ]
}
