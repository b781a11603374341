//! What can go wrong talking to Salesforce, as the user needs to hear it.
//! REST errors arrive as `[{"message","errorCode"}]` (API-NOTES §5, "Status Codes and
//! Error Responses"); each code we act on gets its own variant.

use crate::rest::NoApiAccess;
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SalesforceError {
    #[error("Salesforce could not be reached ({0}). Check your network connection and try again.")]
    Offline(String),
    /// The certificate that answered for this host (and port) is not one this computer trusts:
    /// a TLS-inspecting proxy or firewall whose authority is not in the OS's trust store.
    #[error("{}", crate::http::certificate_not_trusted_words(.0))]
    CertificateNotTrusted(String),
    #[error("Salesforce did not answer in time. Try again in a moment.")]
    Timeout,
    #[error("Your Salesforce session has expired. Reconnect Salesforce in Settings → Integrations.")]
    SessionExpired,
    #[error("Your Salesforce login may not use the REST API (profile or app policy). Ask your Salesforce administrator to allow API access.")]
    RestApiNotAllowed,
    /// The user's profile lacks "API Enabled", or the org's edition has no API: every REST call
    /// is refused, so nothing the app does can work until an administrator changes it.
    #[error("{0}")]
    NoApiAccess(NoApiAccess),
    #[error("Your organisation has used up its Salesforce API requests for today (REQUEST_LIMIT_EXCEEDED). Try again later.")]
    RequestLimitExceeded,
    /// The same code for the org's concurrent-request limit ("ConcurrentRequests (Concurrent
    /// API Requests) Limit exceeded.", SalesforceLabs/OrgCheck#432; "ConcurrentPerOrgLongTxn",
    /// mautic#5006): a moment's wait, not tomorrow.
    #[error("Salesforce is busy with too many requests from your organisation at once (REQUEST_LIMIT_EXCEEDED, concurrent requests). Try again in a moment.")]
    ConcurrentLimitExceeded,
    #[error("Salesforce could not run this search: {0}")]
    MalformedSearch(String),
    #[error("{object} cannot be searched in this Salesforce org.")]
    NotSearchable { object: String },
    /// Field-level security hides a field from this user (`INVALID_FIELD`, "No such column").
    #[error("This Salesforce user cannot see the field {field} of {object}.")]
    HiddenField { object: String, field: String },
    #[error("Salesforce has no such record or list view.")]
    NotFound,
    #[error("Salesforce had a problem (HTTP {status}). Try again in a moment.")]
    Server { status: u16 },
    /// The detail (which answer, the parser's words) is for the log, not for the person.
    #[error("Salesforce sent an answer the app could not read. Try again in a moment.")]
    MalformedResponse(String),
    /// Not JSON where Salesforce's REST API always answers JSON: something else answered.
    #[error("The server did not answer like Salesforce ({0}): a proxy or a Wi-Fi login page may be in the way, or the org's address is wrong.")]
    NotSalesforce(String),
    #[error("Salesforce refused the request ({code}): {message}")]
    Api { status: u16, code: String, message: String },
    #[error("Reconnect Salesforce in Settings → Integrations: {0}")]
    NeedsReconnect(String),
    #[error("Salesforce refused SF_ACCESS_TOKEN (expired or revoked). Set a fresh token (for example from `sf org display`), or unset SF_INSTANCE_URL and SF_ACCESS_TOKEN to use your own connection.")]
    EnvTokenRefused,
}

impl SalesforceError {
    /// The connection itself failed (unreachable, a session Salesforce no longer takes, no API
    /// calls left): asking another way would fail the same, so nothing should try.
    pub fn is_about_the_connection(&self) -> bool {
        matches!(
            self,
            SalesforceError::Offline(_)
                | SalesforceError::CertificateNotTrusted(_)
                | SalesforceError::Timeout
                | SalesforceError::SessionExpired
                | SalesforceError::NeedsReconnect(_)
                | SalesforceError::EnvTokenRefused
                | SalesforceError::RequestLimitExceeded
                | SalesforceError::ConcurrentLimitExceeded
                | SalesforceError::NoApiAccess(_)
        )
    }

    /// Asking the same thing another way (a fallback endpoint, type by type) would be no use:
    /// the connection failed, or Salesforce itself failed (5xx) — more requests to a server in
    /// trouble are a retry loop by another name. A refusal of this one request (4xx) is not.
    pub fn rules_out_another_way(&self) -> bool {
        self.is_about_the_connection() || matches!(self, SalesforceError::Server { .. })
    }

    /// A stable machine-readable name, for the UI and `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            SalesforceError::Offline(_) => "offline",
            SalesforceError::CertificateNotTrusted(_) => "certificate_not_trusted",
            SalesforceError::Timeout => "timeout",
            SalesforceError::SessionExpired => "session_expired",
            SalesforceError::RestApiNotAllowed => "rest_api_not_allowed",
            SalesforceError::NoApiAccess(who) => who.kind(),
            SalesforceError::RequestLimitExceeded => "api_limit",
            SalesforceError::ConcurrentLimitExceeded => "concurrent_limit",
            SalesforceError::MalformedSearch(_) => "malformed_search",
            SalesforceError::NotSearchable { .. } => "not_searchable",
            SalesforceError::HiddenField { .. } => "hidden_field",
            SalesforceError::NotFound => "not_found",
            SalesforceError::Server { .. } => "server_error",
            SalesforceError::MalformedResponse(_) => "malformed_response",
            SalesforceError::NotSalesforce(_) => "not_salesforce",
            SalesforceError::Api { .. } => "api_error",
            SalesforceError::NeedsReconnect(_) => "needs_reconnect",
            SalesforceError::EnvTokenRefused => "access_token_refused",
        }
    }
}

impl From<crate::http::NetworkFailure> for SalesforceError {
    fn from(failure: crate::http::NetworkFailure) -> SalesforceError {
        use crate::http::NetworkFailure;
        match failure {
            NetworkFailure::Timeout => SalesforceError::Timeout,
            NetworkFailure::CertificateNotTrusted(host) => SalesforceError::CertificateNotTrusted(host),
            NetworkFailure::Unreachable(why) => SalesforceError::Offline(why),
        }
    }
}

/// One element of Salesforce's REST error array.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct RestErrorItem {
    #[serde(default)]
    pub message: String,
    #[serde(rename = "errorCode", default)]
    pub error_code: String,
}

/// What a non-2xx REST answer means. `None` for a 401 that a token refresh may cure.
pub(crate) enum Classified {
    ExpiredSession,
    Error(SalesforceError),
}

pub(crate) fn classify(status: u16, body: &[u8]) -> Classified {
    let items: Vec<RestErrorItem> = serde_json::from_slice(body).unwrap_or_default();
    let first = items.into_iter().next();
    let (code, message) = match &first {
        Some(item) => (item.error_code.as_str(), item.message.as_str()),
        None => ("", ""),
    };
    if let Some(who) = NoApiAccess::from_code(code) {
        return Classified::Error(SalesforceError::NoApiAccess(who));
    }
    match (status, code) {
        // jsforce PR #1774: this 401 means API access is blocked, a refresh won't help.
        (401, _) if message.contains("not valid for use with the REST API") => {
            Classified::Error(SalesforceError::RestApiNotAllowed)
        }
        (401, _) => Classified::ExpiredSession,
        // The daily allocation says "TotalRequests Limit exceeded." (SalesforceLabs/OrgCheck#181).
        (403, "REQUEST_LIMIT_EXCEEDED") if message.contains("Concurrent") => {
            Classified::Error(SalesforceError::ConcurrentLimitExceeded)
        }
        (403, "REQUEST_LIMIT_EXCEEDED") => Classified::Error(SalesforceError::RequestLimitExceeded),
        (_, "MALFORMED_SEARCH") | (_, "INVALID_SEARCH") => {
            Classified::Error(SalesforceError::MalformedSearch(last_line(message)))
        }
        // Both echo the query (which holds the user's own text and quotes) above the sentence
        // that says what is wrong: only that last line is read.
        (_, "INVALID_TYPE") => Classified::Error(SalesforceError::NotSearchable {
            object: quoted(&last_line(message), 0).unwrap_or_else(|| "An object".to_string()),
        }),
        (_, "INVALID_FIELD") => {
            let sentence = last_line(message);
            match (quoted(&sentence, 0), quoted(&sentence, 1)) {
                // "No such column 'Type' on entity 'Account'. If you are attempting…"
                (Some(field), Some(object)) if sentence.starts_with("No such column") => {
                    Classified::Error(SalesforceError::HiddenField { object, field })
                }
                // "Didn't understand relationship 'Account' in field path." (a lookup hidden by
                // field-level security): the object is not named.
                (Some(relationship), _) if sentence.starts_with("Didn't understand relationship") => {
                    Classified::Error(SalesforceError::HiddenField {
                        object: String::new(),
                        field: format!("{relationship}."),
                    })
                }
                _ => Classified::Error(SalesforceError::Api {
                    status,
                    code: code.to_string(),
                    message: sentence,
                }),
            }
        }
        (404, _) | (_, "NOT_FOUND") => Classified::Error(SalesforceError::NotFound),
        (500..=599, _) => Classified::Error(SalesforceError::Server { status }),
        _ if code.is_empty() => Classified::Error(SalesforceError::Api {
            status,
            code: format!("HTTP_{status}"),
            message: String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
        }),
        _ => Classified::Error(SalesforceError::Api {
            status,
            code: code.to_string(),
            message: message.to_string(),
        }),
    }
}

/// What a non-2xx REST answer means to the user: `None` for a 401 that a token refresh
/// may cure, else the error shown. The public face of `classify`, for fuzzing and tests.
pub fn classify_error(status: u16, body: &[u8]) -> Option<SalesforceError> {
    match classify(status, body) {
        Classified::ExpiredSession => None,
        Classified::Error(e) => Some(e),
    }
}

/// MALFORMED_SEARCH messages echo the query over several lines; the last one says why.
fn last_line(message: &str) -> String {
    message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .to_string()
}

/// The `n`-th `'…'` of a sentence: `sObject type 'Report' is not supported.` → `Report` (0);
/// `No such column 'Type' on entity 'Account'.` → `Type` (0), `Account` (1).
pub(crate) fn quoted(sentence: &str, n: usize) -> Option<String> {
    // Between quotes are the odd pieces; the n-th pair must be closed.
    let pieces: Vec<&str> = sentence.split('\'').collect();
    (pieces.len() > 2 * n + 2).then(|| pieces[2 * n + 1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> SalesforceError {
        match classify(status, body.as_bytes()) {
            Classified::Error(e) => e,
            Classified::ExpiredSession => panic!("expected an error, got expired session"),
        }
    }

    #[test]
    fn invalid_session_is_refreshable() {
        let body = r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#;
        assert!(matches!(classify(401, body.as_bytes()), Classified::ExpiredSession));
    }

    #[test]
    fn rest_api_not_allowed_is_not_refreshable() {
        let body =
            r#"[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]"#;
        assert_eq!(err(401, body), SalesforceError::RestApiNotAllowed);
    }

    #[test]
    fn no_api_access_is_told_for_the_user_and_for_the_org() {
        let user = r#"[{"message":"API is disabled for this User","errorCode":"API_CURRENTLY_DISABLED"}]"#;
        assert_eq!(err(403, user), SalesforceError::NoApiAccess(NoApiAccess::User));
        let org =
            r#"[{"message":"The REST API is not enabled for this Organization.","errorCode":"API_DISABLED_FOR_ORG"}]"#;
        assert_eq!(err(403, org), SalesforceError::NoApiAccess(NoApiAccess::Org));
        assert!(err(403, org).is_about_the_connection());
        assert_eq!(err(403, user).kind(), "api_disabled_for_user");
    }

    #[test]
    fn the_concurrent_request_limit_is_not_the_daily_one() {
        let body = r#"[{"message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#;
        assert_eq!(err(403, body), SalesforceError::ConcurrentLimitExceeded);
        let body = r#"[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#;
        assert_eq!(err(403, body).kind(), "concurrent_limit");
    }

    #[test]
    fn request_limit_exceeded_has_its_own_error() {
        let body = r#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#;
        assert_eq!(err(403, body), SalesforceError::RequestLimitExceeded);
    }

    #[test]
    fn malformed_search_keeps_the_reason_line() {
        let body = r#"[{"message":"\nFIND {name} IN ALL TYPE\n ^\nERROR at Row:1:Column:19\nMalformed search token: TYPE","errorCode":"MALFORMED_SEARCH"}]"#;
        assert_eq!(
            err(400, body),
            SalesforceError::MalformedSearch("Malformed search token: TYPE".into())
        );
    }

    #[test]
    fn invalid_type_names_the_object() {
        let body = r#"[{"message":"sObject type 'Report' is not supported.","errorCode":"INVALID_TYPE"}]"#;
        assert_eq!(
            err(400, body),
            SalesforceError::NotSearchable {
                object: "Report".into()
            }
        );
    }

    #[test]
    fn invalid_type_is_read_from_the_sentence_not_the_echoed_query() {
        // The echo holds the user's apostrophe (d'Arc): the first quotes are not the object's.
        let body = r#"[{"message":"\nFIND {d\\'Arc*} IN ALL FIELDS RETURNING Account(Id, Name), Case(Id)\n                                                          ^\nERROR at Row:1:Column:59\nsObject type 'Case' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.","errorCode":"INVALID_TYPE"}]"#;
        assert_eq!(err(400, body), SalesforceError::NotSearchable { object: "Case".into() });
    }

    #[test]
    fn invalid_field_names_the_field_and_its_object() {
        let body = r#"[{"message":"\nFIND {acme*} IN ALL FIELDS RETURNING Account(Id, Name, Type LIMIT 5)\n                                                       ^\nERROR at Row:1:Column:56\nNo such column 'Type' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}]"#;
        assert_eq!(
            err(400, body),
            SalesforceError::HiddenField {
                object: "Account".into(),
                field: "Type".into()
            }
        );
    }

    #[test]
    fn garbage_error_bodies_do_not_panic() {
        assert_eq!(err(503, "<html>down</html>"), SalesforceError::Server { status: 503 });
        assert!(matches!(err(418, "\u{0}\u{1}"), SalesforceError::Api { .. }));
    }
}
