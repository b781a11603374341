//! How long the app waits for the network: one table, used by every request. A wait that ends
//! becomes a typed timeout the person is told about; none is infinite.

use std::time::Duration;

/// Opening a TCP connection (and its TLS handshake) to Salesforce or a proxy. A host that
/// does not answer within this is unreachable for the person's purposes.
pub const CONNECT: Duration = Duration::from_secs(5);

/// An OAuth request: exchanging a code, refreshing, revoking, the device flow's polls, the
/// user's identity. Small answers from Salesforce's login servers; the HTTP client's default.
pub const OAUTH: Duration = Duration::from_secs(20);

/// How long one search may take before the user is told Salesforce did not answer. SOSL over a
/// large org can legitimately take several seconds; the person decides when to stop waiting
/// (the window says "still waiting", with Cancel, after 3 s, and a launcher replaces the run
/// at the next keystroke), so this only ends a request nobody will answer. It was 6 s, which
/// failed slow but healthy orgs (issue 26 item 7).
pub const SEARCH: Duration = Duration::from_secs(30);

/// How long any other REST request (list views and their records, Composite calls, describes)
/// may take: a list view of 2,000 records or a cold describe in a customised org can take tens
/// of seconds (clients such as singer-io/tap-salesforce#126 wait minutes for describes). The
/// widget shows that it is loading meanwhile. It was 10 s for Composite calls and the HTTP
/// client's 20 s for the rest.
pub const REST: Duration = Duration::from_secs(60);
