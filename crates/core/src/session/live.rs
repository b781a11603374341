//! One live session's services: the REST client with its token, the search service (knowing
//! what this person cannot see) and the views service, all for the one session key they were
//! made for. Made on first use, dropped when the card changes.

use super::memo::Memo;
use super::SessionKey;
use crate::auth::connection::LiveSession;
use crate::salesforce::SalesforceClient;
use crate::search::SearchService;
use crate::store::LocalStore;
use crate::views::ViewsService;
use std::sync::Arc;
use std::time::Duration;

pub struct Live {
    key: SessionKey,
    client: Arc<SalesforceClient>,
    search: Arc<SearchService>,
    views: Arc<ViewsService>,
}

impl Live {
    pub(super) fn new(
        session: LiveSession,
        http: reqwest::Client,
        settings: Arc<LocalStore>,
        memo: &Memo,
        search_timeout: Duration,
    ) -> Live {
        let LiveSession { session, key } = session;
        let client = Arc::new(SalesforceClient::new(http, Arc::new(session)));
        client.set_search_timeout(search_timeout);
        Live {
            search: Arc::new(SearchService::knowing(client.clone(), memo.recall(&key))),
            views: Arc::new(ViewsService::new(client.clone(), settings, &key)),
            client,
            key,
        }
    }

    /// Whose session this is: every answer of these services is filed under it.
    pub fn key(&self) -> &SessionKey {
        &self.key
    }

    pub fn client(&self) -> &Arc<SalesforceClient> {
        &self.client
    }

    pub fn search(&self) -> &Arc<SearchService> {
        &self.search
    }

    pub fn views(&self) -> &Arc<ViewsService> {
        &self.views
    }
}
