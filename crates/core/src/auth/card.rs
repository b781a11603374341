//! The Salesforce card of Settings → Integrations as a state machine (spec §1.1).

use serde::{Deserialize, Serialize};

/// Who is connected, as shown on the card. Nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectedUser {
    pub name: String,
    pub username: String,
    pub user_id: String,
    pub org_id: String,
    pub instance_url: String,
}

impl ConnectedUser {
    /// Scope of per-user settings (list view choices): org and user.
    pub fn scope(&self) -> String {
        format!("{}/{}", self.org_id, self.user_id)
    }

    /// The org as people recognise it: its host.
    pub fn org_host(&self) -> String {
        url::Url::parse(&self.instance_url)
            .ok()
            .and_then(|u| {
                u.host_str().map(|h| match u.port() {
                    Some(p) => format!("{h}:{p}"),
                    None => h.to_string(),
                })
            })
            .unwrap_or_else(|| self.instance_url.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ConnectingVia {
    /// Waiting for the browser to come back (deep link or loopback).
    Browser { authorize_url: String },
    /// Waiting for the user to approve a device code.
    Device {
        user_code: String,
        verification_uri: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CardState {
    /// Disabled, not configured, not in the segment, or no credential store.
    NotAvailable {
        reason: String,
    },
    NotConnected {
        message: Option<String>,
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
        reason: String,
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
