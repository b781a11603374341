//! The REST client: one authenticated request at a time, one refresh-and-retry on an expired
//! session, `Sforce-Limit-Info` read from every answer. It never retries in a loop:
//! API calls are the org's scarce daily allocation (spec §4).

use super::access::{composite_request, describe_url, parse_composite, unseen_from_describes, SubAnswer, Unseen};
use super::error::{classify, Classified, SalesforceError};
use super::limits::{parse_limit_info, ApiUsage};
use super::list_records::ListRecordCollection;
use super::listviews::{ListViewPage, ListViewResults};
use super::objects::SearchObject;
use super::records::{parse_search_response_seeing, SearchResult};
use super::sosl::{build_query_seeing, Limits, SearchTerm};
use super::urls::RecordLinks;
use crate::auth::oauth::OAuthError;
use crate::auth::session::{RefreshError, Session};
use crate::rest::API_VERSION;
use crate::secret::Secret;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The waits of `timeouts`, under the names this client has always given them.
pub use crate::timeouts::{REST as REST_TIMEOUT, SEARCH as SEARCH_TIMEOUT};

/// One REST request: a GET, or a POST of a JSON body.
struct Call<'a> {
    path: &'a str,
    query: &'a [(&'a str, String)],
    body: Option<&'a serde_json::Value>,
}

pub struct SalesforceClient {
    http: reqwest::Client,
    session: Arc<Session>,
    usage: Mutex<Option<ApiUsage>>,
    requests: AtomicU64,
    search_timeout_ms: AtomicU64,
}

impl SalesforceClient {
    pub fn new(http: reqwest::Client, session: Arc<Session>) -> Self {
        SalesforceClient {
            http,
            session,
            usage: Mutex::new(None),
            requests: AtomicU64::new(0),
            search_timeout_ms: AtomicU64::new(SEARCH_TIMEOUT.as_millis() as u64),
        }
    }

    /// Changes the search timeout ([`SEARCH_TIMEOUT`] by default).
    pub fn set_search_timeout(&self, timeout: Duration) {
        self.search_timeout_ms
            .store(timeout.as_millis().max(1) as u64, Ordering::Relaxed);
    }

    pub fn search_timeout(&self) -> Duration {
        Duration::from_millis(self.search_timeout_ms.load(Ordering::Relaxed))
    }

    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// The org's API usage as last reported by Salesforce.
    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.usage.lock().ok().and_then(|u| *u)
    }

    /// REST requests sent by this client (for tests and benchmarks).
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn links(&self) -> RecordLinks {
        let instance = self.session.instance_url();
        RecordLinks::for_instance(&instance).unwrap_or_else(|| {
            RecordLinks::for_instance("https://login.salesforce.com").expect("a constant URL parses")
        })
    }

    async fn send(
        &self,
        call: &Call<'_>,
        token: &Secret,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Response, SalesforceError> {
        let url = format!(
            "{}/services/data/{}/{}",
            self.session.instance_url(),
            API_VERSION,
            call.path
        );
        self.requests.fetch_add(1, Ordering::Relaxed);
        let request = match call.body {
            None => self.http.get(url),
            Some(body) => self.http.post(url).json(body),
        };
        // A per-request timeout replaces the client's (it covers reading the body too).
        let request = match timeout {
            Some(t) => request.timeout(t),
            None => request,
        };
        request
            .query(call.query)
            .bearer_auth(token.expose())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| crate::http::classify(e).into())
    }

    /// GET a REST resource under `/services/data/vNN.N/`; the raw body on success.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<u8>, SalesforceError> {
        self.call(
            &Call {
                path,
                query,
                body: None,
            },
            Some(REST_TIMEOUT),
        )
        .await
    }

    /// One authenticated request, refreshed and sent again once if the session expired.
    async fn call(&self, call: &Call<'_>, timeout: Option<Duration>) -> Result<Vec<u8>, SalesforceError> {
        let mut token = self.session.access_token();
        let mut refreshed = false;
        loop {
            let response = self.send(call, &token, timeout).await?;
            if let Some(info) = response
                .headers()
                .get("Sforce-Limit-Info")
                .and_then(|v| v.to_str().ok())
            {
                if let (Some(usage), Ok(mut slot)) = (parse_limit_info(info), self.usage.lock()) {
                    *slot = Some(usage);
                }
            }
            let status = response.status().as_u16();
            // Salesforce's REST API answers JSON, errors included; a 401 may still be cured by a
            // refresh and a 5xx is a server error whatever its body.
            let content_type = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            if !content_type.to_ascii_lowercase().contains("json") && status != 401 && !(500..600).contains(&status) {
                let shown = if content_type.is_empty() {
                    "no content type"
                } else {
                    content_type.as_str()
                };
                return Err(SalesforceError::NotSalesforce(format!("HTTP {status}, {shown}")));
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| SalesforceError::from(crate::http::classify(e)))?;
            if (200..300).contains(&status) {
                return Ok(body.to_vec());
            }
            match classify(status, &body) {
                Classified::Error(e) => return Err(e),
                Classified::ExpiredSession if refreshed => return Err(SalesforceError::SessionExpired),
                Classified::ExpiredSession => {
                    token = self.session.refresh_after(&token).await.map_err(|e| match e {
                        RefreshError::NeedsReconnect(why) => SalesforceError::NeedsReconnect(why),
                        RefreshError::EnvTokenRefused => SalesforceError::EnvTokenRefused,
                        // The login host's certificate is not trusted: the same words as the
                        // instance's, not "could not be reached".
                        RefreshError::Unreachable(OAuthError::CertificateNotTrusted(host)) => {
                            SalesforceError::CertificateNotTrusted(host)
                        }
                        RefreshError::Unreachable(e) => SalesforceError::Offline(e.to_string()),
                    })?;
                    refreshed = true;
                }
            }
        }
    }

    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, SalesforceError> {
        let body = self.get(path, query).await?;
        serde_json::from_slice(&body).map_err(|e| SalesforceError::MalformedResponse(format!("{path}: {e}")))
    }

    /// One SOSL request over the given objects, leaving out what this user cannot see.
    pub async fn search(
        &self,
        term: &SearchTerm,
        objects: &[SearchObject],
        unseen: &Unseen,
        limits: Limits,
    ) -> Result<Vec<SearchResult>, SalesforceError> {
        let q = build_query_seeing(term, objects, unseen, limits);
        let query = [("q", q)];
        let body = self
            .call(
                &Call {
                    path: "search/",
                    query: &query,
                    body: None,
                },
                Some(self.search_timeout()),
            )
            .await?;
        parse_search_response_seeing(&body, &self.links(), unseen)
    }

    /// GET subrequests `(referenceId, url)` in one Composite request: one API call.
    pub async fn composite(&self, requests: &[(String, String)]) -> Result<Vec<SubAnswer>, SalesforceError> {
        let request = composite_request(requests);
        let body = self
            .call(
                &Call {
                    path: "composite",
                    query: &[],
                    body: Some(&request),
                },
                Some(REST_TIMEOUT),
            )
            .await?;
        parse_composite(&body).map_err(SalesforceError::MalformedResponse)
    }

    /// What this user cannot see of `objects`: their describes in one Composite request.
    pub async fn unseen(&self, objects: &[SearchObject]) -> Result<Unseen, SalesforceError> {
        let requests: Vec<(String, String)> = objects
            .iter()
            .map(|o| (o.name().to_string(), describe_url(API_VERSION, *o)))
            .collect();
        Ok(unseen_from_describes(&self.composite(&requests).await?))
    }

    /// One page of an object's list views; `next` is a `nextRecordsUrl` from the last page.
    pub async fn list_views_page(&self, sobject: &str, next: Option<&str>) -> Result<ListViewPage, SalesforceError> {
        match next {
            None => self.get_json(&format!("sobjects/{sobject}/listviews"), &[]).await,
            Some(url) => self.get_next(url).await,
        }
    }

    /// The resource a `nextRecordsUrl` names (a query's next batch, the next page of list
    /// views): one API call. Salesforce writes it as an absolute path under its own API
    /// version; it is asked under ours, with its query string kept.
    pub async fn get_next<T: serde::de::DeserializeOwned>(&self, next_records_url: &str) -> Result<T, SalesforceError> {
        let url = next_records_url;
        let marker = format!("/services/data/{API_VERSION}/");
        let rest = url
            .split_once(&marker)
            .map(|(_, r)| r.to_string())
            .or_else(|| {
                url.split_once("/services/data/")
                    .and_then(|(_, r)| r.split_once('/'))
                    .map(|(_, r)| r.to_string())
            })
            .ok_or_else(|| SalesforceError::MalformedResponse(format!("unexpected nextRecordsUrl {url}")))?;
        let (path, query) = rest.split_once('?').unwrap_or((&rest, ""));
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let query: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        self.get_json(path, &query).await
    }

    pub async fn recent_list_views(&self, sobject: &str) -> Result<ListViewPage, SalesforceError> {
        self.get_json(&format!("sobjects/{sobject}/listviews/recent"), &[])
            .await
    }

    pub async fn list_view_results(
        &self,
        sobject: &str,
        id: &str,
        limit: u32,
        offset: u32,
    ) -> Result<ListViewResults, SalesforceError> {
        let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        self.get_json(
            &format!("sobjects/{sobject}/listviews/{id}/results"),
            &[
                ("limit", limit.clamp(1, 2000).to_string()),
                ("offset", offset.to_string()),
            ],
        )
        .await
    }

    /// One page of a list view sorted by `sort_by` (`Name`, `-Name`): the UI API's Get List
    /// View Records (`list_records`), one request. `page_token` is one Salesforce gave (a
    /// page's `nextPageToken` or `previousPageToken`), the first page without one: "A token
    /// that represents the page offset" is opaque, never made here.
    pub async fn list_records(
        &self,
        id: &str,
        sort_by: &str,
        page_size: u32,
        page_token: Option<&str>,
    ) -> Result<ListRecordCollection, SalesforceError> {
        let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let mut query = vec![("pageSize", page_size.clamp(1, 2000).to_string())];
        if let Some(token) = page_token {
            query.push(("pageToken", token.to_string()));
        }
        query.push(("sortBy", sort_by.to_string()));
        self.get_json(&format!("ui-api/list-records/{id}"), &query).await
    }
}
