//! The Salesforce card of Settings → Integrations as a state machine (spec §1.1).

use super::callback::CallbackError;
use super::oauth::OAuthError;
use super::setup::EnvironmentError;
use super::store::CredentialError;
pub use super::user::ConnectedUser;
use crate::policy::NotAvailableReason;
use crate::rest::NoApiAccess;
use serde::Serialize;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ConnectingVia {
    /// Waiting for the browser to come back: `authorize_url` is where it was sent, Salesforce's
    /// authorization address (deep link) or the loopback listener's one-time start address.
    Browser { authorize_url: String },
    /// Waiting for the user to approve a device code.
    Device {
        user_code: String,
        verification_uri: String,
    },
}

/// The card's five states (spec §1.1). Each reason is typed: the front ends say it in the
/// person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardState {
    /// Disabled, not configured, not in the segment, or no credential store.
    NotAvailable {
        reason: Unavailable,
    },
    /// With why the last attempt failed, if one did.
    NotConnected {
        message: Option<ConnectFailure>,
    },
    Connecting {
        via: ConnectingVia,
    },
    Connected {
        user: ConnectedUser,
        org: String,
    },
    NeedsAttention {
        user: Option<ConnectedUser>,
        reason: Attention,
    },
}

impl CardState {
    pub fn connected(user: ConnectedUser) -> CardState {
        let org = user.org_host();
        CardState::Connected { user, org }
    }

    pub fn name(&self) -> &'static str {
        match self {
            CardState::NotAvailable { .. } => "not_available",
            CardState::NotConnected { .. } => "not_connected",
            CardState::Connecting { .. } => "connecting",
            CardState::Connected { .. } => "connected",
            CardState::NeedsAttention { .. } => "needs_attention",
        }
    }
}

/// Why Salesforce is not available to this person; the card says to ask the organisation's
/// Workstation owner (or what to change).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unavailable {
    #[error("{0}")]
    Policy(NotAvailableReason),
    #[error(transparent)]
    Environment(#[from] EnvironmentError),
    #[error(transparent)]
    NoCredentialStore(CredentialError),
    #[error("a session is set by SF_ACCESS_TOKEN; there is nothing to connect")]
    AccessTokenSession,
}

/// Why the card asks for a Reconnect.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Attention {
    #[error("Salesforce ended this connection ({0}). Reconnect to keep searching.")]
    SessionEnded(SessionEnd),
    #[error("The saved connection is incomplete; reconnect.")]
    Incomplete,
    #[error("Your administrator changed the Salesforce settings; reconnect.")]
    SettingsChanged,
    #[error(transparent)]
    CredentialStore(CredentialError),
    /// A Reconnect that did not go through.
    #[error(transparent)]
    ConnectFailed(ConnectFailure),
}

/// How Salesforce ended a session.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionEnd {
    #[error("the session expired")]
    Expired,
    /// Salesforce refused to renew it (a revoked or expired refresh token); its own words, for
    /// the log — a person reads the plain sentence.
    #[error("your sign-in was withdrawn or has expired")]
    Refused(String),
}

/// Why a connection attempt failed, as the card keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConnectFailure {
    #[error(transparent)]
    Callback(CallbackError),
    #[error("Connecting failed: {0}")]
    OAuth(OAuthError),
    #[error(transparent)]
    Credentials(CredentialError),
    #[error("The device code expired before it was approved. Start again.")]
    DeviceExpired,
    #[error("The connection was denied in Salesforce.")]
    DeviceDenied,
    /// The browser sign-in (loopback redirect) did not come back within its lifetime.
    #[error(
        "Salesforce's answer did not come back in time, so the sign-in was given up. Click Connect to start again. (If Salesforce showed redirect_uri_mismatch, ask your administrator to register Workstation's callback URLs on the connected app.)"
    )]
    NoAnswer,
    /// The loopback sign-in's one-time start address was opened a second time: someone else
    /// may have it too, so the attempt was stopped rather than raced.
    #[error(
        "The sign-in link was opened twice (perhaps by another program), so this sign-in was stopped. Click Connect to start again."
    )]
    StartedTwice,
    /// Signed in, but Salesforce refuses this user (or org) the API: the tokens were given
    /// back, and the card says whom to ask instead of *connected*.
    #[error(transparent)]
    NoApiAccess(NoApiAccess),
}

impl ConnectFailure {
    /// A stable machine-readable name, for the UI and `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            ConnectFailure::Callback(CallbackError::Refused(why)) | ConnectFailure::OAuth(OAuthError::Refused(why)) => {
                why.kind()
            }
            ConnectFailure::Callback(_) => "callback_refused",
            ConnectFailure::OAuth(OAuthError::CertificateNotTrusted(_)) => "certificate_not_trusted",
            ConnectFailure::OAuth(_) => "oauth",
            ConnectFailure::Credentials(_) => "credential_store",
            ConnectFailure::DeviceExpired => "device_expired",
            ConnectFailure::DeviceDenied => "device_denied",
            ConnectFailure::NoAnswer => "no_answer",
            ConnectFailure::StartedTwice => "started_twice",
            ConnectFailure::NoApiAccess(who) => who.kind(),
        }
    }
}
