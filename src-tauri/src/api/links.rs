//! The web pages the window may open: only the connected org's pages and, while a device
//! code waits, Salesforce's verification page.

use super::*;
use crate::auth::card::{CardState, ConnectingVia};

impl Workstation {
    /// The web address the window may open in the browser, checked: only pages of the
    /// connected org (its instance and Lightning hosts) and, while a device code waits,
    /// Salesforce's verification page. A page in the window that went wrong (or was made to)
    /// cannot send the user to a site of its choosing.
    pub fn may_open(&self, address: &str) -> Result<url::Url, ApiError> {
        let refuse = |shown: &str| ApiError::from(Invalid::OutsideOrg(shown.to_string()));
        let url = url::Url::parse(address).map_err(|_| refuse(address))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(refuse(address));
        }
        let card = self.card();
        let mut allowed = Vec::new();
        if let Some(instance) = self.conn.instance_url(&card) {
            if let Some(links) = crate::salesforce::urls::RecordLinks::for_instance(&instance) {
                allowed.push(links.base().to_string());
            }
            allowed.push(instance);
        }
        if let CardState::Connecting {
            via: ConnectingVia::Device { verification_uri, .. },
        } = card
        {
            allowed.push(verification_uri);
        }
        let origin = url.origin();
        if allowed
            .iter()
            .filter_map(|a| url::Url::parse(a).ok())
            .any(|a| a.origin() == origin)
        {
            Ok(url)
        } else {
            Err(refuse(&url.origin().ascii_serialization()))
        }
    }
}
