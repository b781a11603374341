//! How a command fails: the error on stderr (in the person's language, or a JSON line for
//! `--json`) and the exit code scripts branch on. 0 is success and 2 is clap's own usage
//! error; `exit_code` decides between 1 and 3 from the typed error, so a new error variant
//! has to be given its code here before the crate compiles.

use super::lang;
use super::print::{json_errors, json_line, printable};
use crate::api::localize::{self, pick};
use crate::api::ApiError;
use crate::auth::card::ConnectFailure;
use crate::auth::connect::ConnectError;
use crate::auth::oauth::OAuthError;
use crate::salesforce::SalesforceError;
use crate::search::SearchError;
use crate::views::ViewsError;

/// Something failed, for a reason other than the connection.
const FAILED: i32 = 1;
/// The connection needs the person: connect, reconnect, a fresh SF_ACCESS_TOKEN, or IT to
/// trust (or let through) the proxy that intercepts the connection.
const NEEDS_THE_PERSON: i32 = 3;

/// Says `e` on stderr, with a hint when connecting would help, and returns the exit code.
pub(super) fn fail(e: &ApiError) -> i32 {
    let lang = lang();
    if json_errors() {
        // For scripts: a stable kind and the English message, whatever the language.
        eprintln!(
            "{}",
            json_line(&serde_json::json!({ "error": { "kind": e.kind(), "message": e.to_string() } }))
        );
    } else {
        // The message may quote Salesforce (up to 200 bytes of an answer it could not read).
        eprintln!(
            "{} {}",
            pick(lang, "error:", "erreur :"),
            printable(&localize::localize(e, lang))
        );
    }
    if !json_errors() && matches!(e, ApiError::NotConnected | ApiError::NeedsAttention(_)) {
        eprintln!(
            "{}",
            pick(
                lang,
                "hint: run `workstation connect` (or `workstation connect --device` without a browser).",
                "astuce : lancez `workstation connect` (ou `workstation connect --device` sans navigateur)."
            )
        );
    }
    exit_code(e)
}

/// 3 when the connection needs the person, 1 for anything else.
fn exit_code(e: &ApiError) -> i32 {
    let needs_the_person = match e {
        ApiError::NotAvailable(_) | ApiError::NotConnected | ApiError::NeedsAttention(_) => true,
        ApiError::Search(SearchError::Salesforce(e)) | ApiError::Views(ViewsError::Salesforce(e)) => session_refused(e),
        ApiError::Connect(c) => matches!(
            c,
            ConnectError::NotAvailable(_)
                | ConnectError::Failed(ConnectFailure::OAuth(OAuthError::CertificateNotTrusted(_)))
        ),
        ApiError::Search(SearchError::TooShort(_))
        | ApiError::Views(_)
        | ApiError::Credentials(_)
        | ApiError::Store(_)
        | ApiError::Open(_)
        | ApiError::Http(_)
        | ApiError::Invalid(_)
        | ApiError::SessionChanged => false,
    };
    if needs_the_person {
        NEEDS_THE_PERSON
    } else {
        FAILED
    }
}

/// Salesforce no longer takes this session, or a proxy stands in the way: only the person (or
/// their IT) can change that, trying again cannot.
fn session_refused(e: &SalesforceError) -> bool {
    match e {
        SalesforceError::SessionExpired
        | SalesforceError::NeedsReconnect(_)
        | SalesforceError::EnvTokenRefused
        | SalesforceError::CertificateNotTrusted(_) => true,
        SalesforceError::Offline(_)
        | SalesforceError::Timeout
        | SalesforceError::RestApiNotAllowed
        | SalesforceError::NoApiAccess(_)
        | SalesforceError::RequestLimitExceeded
        | SalesforceError::ConcurrentLimitExceeded
        | SalesforceError::MalformedSearch(_)
        | SalesforceError::NotSearchable { .. }
        | SalesforceError::HiddenField { .. }
        | SalesforceError::NotFound
        | SalesforceError::Server { .. }
        | SalesforceError::MalformedResponse(_)
        | SalesforceError::NotSalesforce(_)
        | SalesforceError::Api { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Invalid;
    use crate::auth::callback::CallbackError;
    use crate::auth::card::{Attention, ConnectFailure, SessionEnd, Unavailable};
    use crate::auth::oauth::OAuthError;
    use crate::auth::refusal::AuthorizeRefusal;
    use crate::auth::store::CredentialError;
    use crate::opener::OpenError;
    use crate::policy::NotAvailableReason;
    use crate::salesforce::sosl::TermError;
    use crate::store::StoreError;
    use crate::views::selection::SelectionError;

    fn search(e: SalesforceError) -> ApiError {
        ApiError::Search(SearchError::Salesforce(e))
    }

    fn views(e: SalesforceError) -> ApiError {
        ApiError::Views(ViewsError::Salesforce(e))
    }

    #[test]
    fn a_connection_that_needs_the_person_exits_3() {
        for e in [
            ApiError::NotAvailable(Unavailable::Policy(NotAvailableReason::NotInSegment)),
            ApiError::NotConnected,
            ApiError::NeedsAttention(Attention::SessionEnded(SessionEnd::Refused(
                "the refresh token was revoked".into(),
            ))),
            search(SalesforceError::SessionExpired),
            views(SalesforceError::SessionExpired),
            search(SalesforceError::NeedsReconnect("revoked".into())),
            views(SalesforceError::NeedsReconnect("revoked".into())),
            search(SalesforceError::EnvTokenRefused),
            views(SalesforceError::EnvTokenRefused),
            search(SalesforceError::CertificateNotTrusted("acme.my.salesforce.com".into())),
            views(SalesforceError::CertificateNotTrusted("acme.my.salesforce.com".into())),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::OAuth(
                OAuthError::CertificateNotTrusted("login.salesforce.com".into()),
            ))),
        ] {
            assert_eq!(exit_code(&e), 3, "{e:?}");
        }
    }

    #[test]
    fn any_other_failure_exits_1() {
        for e in [
            search(SalesforceError::Offline("no route".into())),
            views(SalesforceError::Timeout),
            search(SalesforceError::RestApiNotAllowed),
            views(SalesforceError::RequestLimitExceeded),
            search(SalesforceError::NotFound),
            views(SalesforceError::Server { status: 503 }),
            ApiError::Search(SearchError::TooShort(TermError::TooShort)),
            ApiError::Views(ViewsError::Selection(SelectionError::TooMany)),
            ApiError::Views(ViewsError::UnknownObject("Widget".into())),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::OAuth(OAuthError::RefreshRevoked(
                "invalid_grant".into(),
            )))),
            ApiError::Connect(ConnectError::Cancelled),
            ApiError::Invalid(Invalid::MissingViewArguments),
        ] {
            assert_eq!(exit_code(&e), 1, "{e:?}");
        }
    }

    /// Before the codes came from the types, they came from these kind strings: every error
    /// still exits as it did.
    #[test]
    fn every_error_exits_as_its_kind_did() {
        fn by_kind(kind: &str) -> i32 {
            match kind {
                "not_available"
                | "not_connected"
                | "needs_attention"
                | "needs_reconnect"
                | "session_expired"
                | "access_token_refused"
                | "certificate_not_trusted" => 3,
                _ => 1,
            }
        }
        let io = || std::io::Error::other("disk");
        let mut errors = vec![
            ApiError::NotAvailable(Unavailable::AccessTokenSession),
            ApiError::NotConnected,
            ApiError::NeedsAttention(Attention::SettingsChanged),
            ApiError::Search(SearchError::TooShort(TermError::TooShort)),
            ApiError::Search(SearchError::TooShort(TermError::NoLettersOrDigits)),
            ApiError::Views(ViewsError::Selection(SelectionError::TooMany)),
            ApiError::Views(ViewsError::Selection(SelectionError::LastOne)),
            ApiError::Views(ViewsError::Selection(SelectionError::NotOffered)),
            ApiError::Views(ViewsError::Store(StoreError::Write {
                path: "s.json".into(),
                source: io(),
            })),
            ApiError::Views(ViewsError::UnknownObject("Widget".into())),
            ApiError::Views(ViewsError::NoListViews("Lead".into())),
            ApiError::Views(ViewsError::NoAccess("Case".into())),
            ApiError::Views(ViewsError::NotAnId("x".into())),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::Callback(CallbackError::NotOurs))),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::Callback(CallbackError::Refused(
                AuthorizeRefusal::Denied("access_denied".into()),
            )))),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::OAuth(OAuthError::Timeout))),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::OAuth(OAuthError::RefreshRevoked(
                "invalid_grant".into(),
            )))),
            ApiError::Credentials(CredentialError::Corrupt),
            ApiError::Store(StoreError::Read {
                path: "s.json".into(),
                source: io(),
            }),
            ApiError::Connect(ConnectError::Cancelled),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::DeviceExpired)),
            ApiError::Connect(ConnectError::Failed(ConnectFailure::DeviceDenied)),
            ApiError::Connect(ConnectError::Loopback {
                port: 1717,
                reason: "in use".into(),
            }),
            ApiError::Connect(ConnectError::AlreadyConnecting),
            ApiError::Open(OpenError::NoBrowser("xdg-open failed".into())),
            ApiError::Http(crate::http::ClientError("tls".into())),
            ApiError::Invalid(Invalid::NotAnEmail("no".into())),
        ];
        errors.extend(crate::api::every_salesforce_error().into_iter().map(search));
        errors.extend(crate::api::every_salesforce_error().into_iter().map(views));
        for e in errors {
            assert_eq!(exit_code(&e), by_kind(e.kind()), "{} {e:?}", e.kind());
        }
    }
}
