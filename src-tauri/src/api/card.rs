//! The Salesforce card of Settings → Integrations: which state it starts in (policy,
//! segment, credential store, saved connection) and what `status` says of it.

use super::localize;
use super::*;
use crate::auth::card::{CardState, ConnectedUser};
use crate::auth::oauth::OAuthApp;
use crate::auth::store::CredentialError;
use crate::policy::{self, Availability};
use crate::salesforce::limits::ApiUsage;
use serde::Serialize;

/// What `status` reports (never a token).
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub state: &'static str,
    pub user: Option<String>,
    pub username: Option<String>,
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub instance_url: Option<String>,
    pub reason: Option<String>,
    pub api_usage: Option<ApiUsage>,
    /// Where the session comes from: "oauth" (Connect, kept in the credential store) or
    /// "environment" (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`, not checked until a request).
    pub source: &'static str,
}

/// The card as the window gets it: its `reason` or `message` in the front end's language,
/// the rest as the core has it.
pub fn shown_card(card: &CardState) -> serde_json::Value {
    let lang = localize::current();
    let mut value = serde_json::to_value(card).unwrap_or_default();
    for key in ["reason", "message"] {
        if let Some(serde_json::Value::String(text)) = value.get(key) {
            let text = localize::translate(text, lang);
            value[key] = serde_json::Value::String(text);
        }
    }
    value
}

impl Workstation {
    /// The connected app when the policy allows this user, or why not.
    pub(super) fn app(&self) -> Result<OAuthApp, String> {
        match &self.setup {
            Setup::AccessToken { .. } => Err(localize::twin(
                "a session is set by SF_ACCESS_TOKEN; there is nothing to connect",
                "une session est fournie par SF_ACCESS_TOKEN ; il n’y a rien à connecter",
            )),
            Setup::Policy(Err(why)) => Err(localize::remember(why)),
            Setup::UnusableEnvironment(why) => Err(localize::remember(why)),
            Setup::Policy(Ok(p)) => match policy::availability(p.as_ref(), &self.identity()) {
                Availability::Available(app) => Ok(OAuthApp {
                    login_host: app.login_host.as_str().trim_end_matches('/').to_string(),
                    client_id: app.client_id.clone(),
                    client_secret: app.client_secret.clone(),
                    loopback_port: app.loopback_port,
                }),
                Availability::NotAvailable(reason) => Err(reason.to_string()),
            },
        }
    }

    pub(super) fn initial_state(&self) -> CardState {
        if let Setup::AccessToken { instance_url, .. } = &self.setup {
            let user = ConnectedUser {
                name: "SF_ACCESS_TOKEN session".into(),
                username: String::new(),
                user_id: String::new(),
                org_id: String::new(),
                instance_url: instance_url.clone(),
            };
            return CardState::connected(
                self.store
                    .get(KEY_CONNECTION)
                    .filter(|u: &ConnectedUser| u.instance_url == *instance_url)
                    .unwrap_or(user),
            );
        }
        let app = match self.app() {
            Ok(app) => app,
            Err(reason) => return CardState::NotAvailable { reason },
        };
        match self.credentials.load() {
            Ok(Some(tokens)) if tokens.login_host == app.login_host && tokens.client_id == app.client_id => {
                match self.store.get::<ConnectedUser>(KEY_CONNECTION).or(tokens.user) {
                    Some(user) => CardState::connected(user),
                    None => CardState::NeedsAttention {
                        user: None,
                        reason: localize::twin(
                            "The saved connection is incomplete; reconnect.",
                            "La connexion enregistrée est incomplète ; reconnectez-vous.",
                        ),
                    },
                }
            }
            Ok(Some(_)) => CardState::NeedsAttention {
                user: self.store.get(KEY_CONNECTION),
                reason: localize::twin(
                    "Your administrator changed the Salesforce settings; reconnect.",
                    "Votre administrateur a modifié les réglages Salesforce ; reconnectez-vous.",
                ),
            },
            Ok(None) => CardState::NotConnected { message: None },
            Err(e @ CredentialError::Unavailable(_)) => CardState::NotAvailable {
                reason: localize::remember(&e),
            },
            Err(e) => CardState::NeedsAttention {
                user: self.store.get(KEY_CONNECTION),
                reason: localize::remember(&e),
            },
        }
    }

    pub fn status(&self) -> Status {
        let api_usage = self.api_usage();
        let base = Status {
            state: "",
            user: None,
            username: None,
            org: None,
            org_id: None,
            instance_url: None,
            reason: None,
            api_usage,
            source: match self.setup {
                Setup::AccessToken { .. } | Setup::UnusableEnvironment(_) => "environment",
                Setup::Policy(_) => "oauth",
            },
        };
        match self.card() {
            CardState::Connected { user, org } => Status {
                state: "connected",
                user: Some(user.name),
                username: Some(user.username).filter(|u| !u.is_empty()),
                org: Some(org),
                org_id: Some(user.org_id).filter(|o| !o.is_empty()),
                instance_url: Some(user.instance_url),
                ..base
            },
            CardState::NeedsAttention { user, reason } => Status {
                state: "needs_attention",
                user: user.as_ref().map(|u| u.name.clone()),
                username: user.as_ref().map(|u| u.username.clone()),
                org: user.as_ref().map(|u| u.org_host()),
                org_id: user.as_ref().map(|u| u.org_id.clone()),
                instance_url: user.map(|u| u.instance_url),
                reason: Some(reason),
                ..base
            },
            CardState::NotAvailable { reason } => Status {
                state: "not_available",
                reason: Some(reason),
                ..base
            },
            CardState::NotConnected { message } => Status {
                state: "not_connected",
                reason: message,
                ..base
            },
            CardState::Connecting { .. } => Status {
                state: "connecting",
                ..base
            },
        }
    }
}
