//! The web pages the window may open: only the record pages, list view pages and the search
//! results page the core builds for the connected org and, while a device code waits,
//! Salesforce's verification page.

use super::*;
use crate::auth::card::{CardState, ConnectingVia};
use crate::salesforce::urls::RecordLinks;

impl Workstation {
    /// The web address the window may open in the browser, checked: a record page of the
    /// connected org as the core makes them (`/lightning/r/{sObject}/{id}/view` on its
    /// Lightning origin: the rows of a list view), its search results page as the core makes it
    /// ("See all results in Salesforce": `/one/one.app#` and the page's JSON, nothing else), a
    /// list view's page (`/lightning/o/{sObject}/list?filterName={id}`: the records past those
    /// Salesforce pages through here) and, while a device code waits, exactly
    /// Salesforce's verification page. Nothing else, not even another page of the org (Setup,
    /// a logout, the REST API): a page in the window that went wrong (or was made to) cannot
    /// send the user anywhere of its choosing.
    pub fn may_open(&self, address: &str) -> Result<url::Url, ApiError> {
        let refuse = |shown: &str| ApiError::from(Invalid::OutsideOrg(shown.to_string()));
        let url = url::Url::parse(address).map_err(|_| refuse(address))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(refuse(address));
        }
        let card = self.card();
        let links = self
            .conn
            .instance_url(&card)
            .and_then(|instance| RecordLinks::for_instance(&instance));
        let record_page = links.as_ref().is_some_and(|links| links.is_record_page(&url));
        let search_page = links.as_ref().is_some_and(|links| links.is_search_page(&url));
        let list_view_page = links.as_ref().is_some_and(|links| links.is_list_view_page(&url));
        let verification_page = match &card {
            CardState::Connecting {
                via: ConnectingVia::Device { verification_uri, .. },
            } => url::Url::parse(verification_uri).is_ok_and(|page| page == url),
            _ => false,
        };
        if record_page || search_page || list_view_page || verification_page {
            Ok(url)
        } else {
            // Said without its query: what a page put there is not repeated.
            Err(refuse(&format!("{}{}", url.origin().ascii_serialization(), url.path())))
        }
    }
}
