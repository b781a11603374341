//! The Salesforce card of Settings → Integrations as the front ends get it: the window's
//! card (reasons in the person's language) and what `status` says of it.

use super::localize::{self, Localize};
use super::*;
use crate::auth::card::{CardState, ConnectedUser, ConnectingVia};
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
    /// Only when the org has used most of its day's API requests
    /// ([`ApiUsage::running_low`]): that searches go to Salesforce less often, in the front
    /// end's language (absent otherwise, so the usual output is unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_budget: Option<String>,
    /// Where the session comes from: "oauth" (Connect, kept in the credential store) or
    /// "environment" (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`, not checked until a request).
    pub source: &'static str,
    /// Only when the data folder could not be made private: which folder and why, in the
    /// front end's language (absent otherwise, so the usual output is unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_folder_not_private: Option<String>,
}

/// The card as the window gets it: its reason or message in the front end's language, the
/// rest as the core has it.
#[derive(Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum ShownCard<'a> {
    NotAvailable {
        reason: String,
    },
    NotConnected {
        message: Option<String>,
    },
    Connecting {
        via: &'a ConnectingVia,
    },
    Connected {
        user: &'a ConnectedUser,
        org: &'a str,
        /// The org's API allocation is running low: searches are slowed, and Settings says so.
        #[serde(skip_serializing_if = "Option::is_none")]
        api_budget: Option<String>,
    },
    NeedsAttention {
        user: &'a Option<ConnectedUser>,
        reason: String,
    },
}

pub fn shown_card(card: &CardState) -> serde_json::Value {
    shown_card_with(card, None)
}

/// What the front end says of the org's API allocation: a sentence only when it runs low.
fn api_budget(usage: Option<ApiUsage>, lang: localize::Lang) -> Option<String> {
    usage
        .filter(ApiUsage::running_low)
        .map(|u| localize::api_running_low(&u, lang))
}

/// The card, and when connected what the org's API usage (as last reported) calls for.
fn shown_card_with(card: &CardState, usage: Option<ApiUsage>) -> serde_json::Value {
    let lang = localize::current();
    let shown = match card {
        CardState::NotAvailable { reason } => ShownCard::NotAvailable {
            reason: reason.localize(lang),
        },
        CardState::NotConnected { message } => ShownCard::NotConnected {
            message: message.as_ref().map(|m| m.localize(lang)),
        },
        CardState::Connecting { via } => ShownCard::Connecting { via },
        CardState::Connected { user, org } => ShownCard::Connected {
            user,
            org,
            api_budget: api_budget(usage, lang),
        },
        CardState::NeedsAttention { user, reason } => ShownCard::NeedsAttention {
            user,
            reason: reason.localize(lang),
        },
    };
    serde_json::to_value(shown).unwrap_or_default()
}

impl Workstation {
    /// The card as the window shows it now, with what the org's API usage as last reported
    /// calls for (no request).
    pub fn card_shown(&self) -> serde_json::Value {
        shown_card_with(&self.card(), self.api_usage())
    }

    /// Another process may have disconnected, connected or connected someone else since this
    /// one last looked (the window calls it when it is focused): the card follows, and with it
    /// the session and what is kept of it.
    pub fn recheck_connection(&self) -> CardState {
        self.conn.recheck()
    }

    /// What the window does when it is focused: [`Self::recheck_connection`], then the language
    /// saved in the settings, which another process may have changed. The new one, if it did
    /// (it is then the one words are said in), for the window to redraw in.
    pub fn recheck_after_focus(&self) -> Option<localize::Lang> {
        self.recheck_connection();
        let lang = self.language();
        (lang != localize::current()).then(|| {
            localize::set_current(lang);
            lang
        })
    }

    /// What `status` says, its reason in the front end's language.
    pub fn status(&self) -> Status {
        let lang = localize::current();
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
            api_budget: api_budget(api_usage, lang),
            source: if self.conn.from_environment() {
                "environment"
            } else {
                "oauth"
            },
            data_folder_not_private: self.data_dir_not_private.as_ref().map(|why| {
                let folder = self.data_dir.display();
                match lang {
                    localize::Lang::En => format!("{folder}: {why}; other users of this computer may read it"),
                    localize::Lang::Fr => format!(
                        "{folder} : {} ; d’autres utilisateurs de cet ordinateur peuvent le lire",
                        why.localize(lang)
                    ),
                }
            }),
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
                reason: Some(reason.localize(lang)),
                ..base
            },
            CardState::NotAvailable { reason } => Status {
                state: "not_available",
                reason: Some(reason.localize(lang)),
                ..base
            },
            CardState::NotConnected { message } => Status {
                state: "not_connected",
                reason: message.map(|m| m.localize(lang)),
                ..base
            },
            CardState::Connecting { .. } => Status {
                state: "connecting",
                ..base
            },
        }
    }
}
