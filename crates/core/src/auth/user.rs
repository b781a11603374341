//! Who is connected: shown on the card, kept with the tokens and in the settings store, and
//! the session key under which what is kept per person is filed.

use crate::session_key::SessionKey;
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
    /// This user's session in this org, at its address.
    pub fn session_key(&self) -> SessionKey {
        SessionKey::user(&self.org_id, &self.user_id, &self.instance_url)
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
