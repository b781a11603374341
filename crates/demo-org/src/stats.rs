//! Request counters of a running demo org: bumped by the endpoints as they answer, read back
//! as [`Stats`] by tests (`DemoOrg::stats`) and by `GET /__demo/stats`, so a test can
//! prove how many calls the app really made.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use serde::Serialize;

/// Counters since start.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Every request except the `/__demo/*` admin endpoints.
    pub total_requests: u64,
    /// Authenticated REST calls under `/services/data/vXX.X/` (they count toward the API limit
    /// and are reported in `Sforce-Limit-Info`).
    pub api_requests: u64,
    pub search_requests: u64,
    pub listview_requests: u64,
    /// SOQL queries (`/services/data/vXX.X/query`).
    pub query_requests: u64,
    /// Every `POST /services/oauth2/token`.
    pub token_requests: u64,
    pub authorization_code_grants: u64,
    pub refresh_grants: u64,
    /// Refresh tokens presented again after rotation (each revoked the user's tokens).
    pub refresh_token_reuses: u64,
    /// Device flow polls (`grant_type=device`).
    pub device_grants: u64,
    /// Device flow code requests (`response_type=device_code`).
    pub device_code_requests: u64,
    pub revocations: u64,
    pub userinfo_requests: u64,
    pub authorize_requests: u64,
    /// sObject Describes answered, each subrequest of a Composite request included.
    pub describe_requests: u64,
    /// The most describes being answered at once.
    pub describes_in_flight_peak: u64,
    /// sObject Basic Information requests (`/sobjects/{Type}/`), subrequests included.
    pub basic_info_requests: u64,
    /// Body bytes of every answer as sent on the wire (after compression), except `/__demo/*`.
    pub bytes_sent: u64,
    /// Answers sent gzip-compressed (the client asked with `Accept-Encoding`).
    pub gzip_answers: u64,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub total_requests: AtomicU64,
    pub api_requests: AtomicU64,
    pub search_requests: AtomicU64,
    pub listview_requests: AtomicU64,
    pub query_requests: AtomicU64,
    pub token_requests: AtomicU64,
    pub authorization_code_grants: AtomicU64,
    pub refresh_grants: AtomicU64,
    pub refresh_token_reuses: AtomicU64,
    pub device_grants: AtomicU64,
    pub device_code_requests: AtomicU64,
    pub revocations: AtomicU64,
    pub userinfo_requests: AtomicU64,
    pub authorize_requests: AtomicU64,
    pub describe_requests: AtomicU64,
    pub describes_in_flight: AtomicU64,
    pub describes_in_flight_peak: AtomicU64,
    pub basic_info_requests: AtomicU64,
    pub bytes_sent: AtomicU64,
    pub gzip_answers: AtomicU64,
}

/// A describe being answered; counted out when dropped.
pub(crate) struct Describing<'a>(&'a Counters);

impl Drop for Describing<'_> {
    fn drop(&mut self) {
        self.0.describes_in_flight.fetch_sub(1, Relaxed);
    }
}

pub(crate) fn inc(c: &AtomicU64) -> u64 {
    c.fetch_add(1, Relaxed) + 1
}

impl Counters {
    pub(crate) fn describing(&self) -> Describing<'_> {
        inc(&self.describe_requests);
        let now = inc(&self.describes_in_flight);
        self.describes_in_flight_peak.fetch_max(now, Relaxed);
        Describing(self)
    }

    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            total_requests: self.total_requests.load(Relaxed),
            api_requests: self.api_requests.load(Relaxed),
            search_requests: self.search_requests.load(Relaxed),
            listview_requests: self.listview_requests.load(Relaxed),
            query_requests: self.query_requests.load(Relaxed),
            token_requests: self.token_requests.load(Relaxed),
            authorization_code_grants: self.authorization_code_grants.load(Relaxed),
            refresh_grants: self.refresh_grants.load(Relaxed),
            refresh_token_reuses: self.refresh_token_reuses.load(Relaxed),
            device_grants: self.device_grants.load(Relaxed),
            device_code_requests: self.device_code_requests.load(Relaxed),
            revocations: self.revocations.load(Relaxed),
            userinfo_requests: self.userinfo_requests.load(Relaxed),
            authorize_requests: self.authorize_requests.load(Relaxed),
            describe_requests: self.describe_requests.load(Relaxed),
            describes_in_flight_peak: self.describes_in_flight_peak.load(Relaxed),
            basic_info_requests: self.basic_info_requests.load(Relaxed),
            bytes_sent: self.bytes_sent.load(Relaxed),
            gzip_answers: self.gzip_answers.load(Relaxed),
        }
    }
}
