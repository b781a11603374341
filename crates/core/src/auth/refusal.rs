//! Why Salesforce refused a sign-in at the authorize step, as the redirect (`?error=…`) or
//! the device flow's first answer says it. Each refusal an administrator can cure gets its own
//! value, so the words can say what to change in Setup; the rest keep Salesforce's own code.
//!
//! Codes: `access_denied` and `invalid_scope` (RFC 6749 §4.1.2.1; Salesforce Help, "OAuth 2.0
//! Authorization Errors"); `OAUTH_APP_BLOCKED` ("this app is blocked by admin") and
//! `OAUTH_APP_ACCESS_DENIED` ("user is not admin approved to access this app"), as Salesforce
//! sends them on the redirect when the app is blocked or its Permitted Users are "Admin approved
//! users are pre-authorized" (both reported by integrators; wording [unverified]).
//! `redirect_uri_mismatch` never reaches the app: Salesforce shows it on its own page, since it
//! cannot redirect to an address it does not know.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthorizeRefusal {
    /// The person clicked Deny, or Salesforce refused for a reason it describes.
    #[error("The connection was not approved in Salesforce ({0}).")]
    Denied(String),
    /// The app asked for a scope the connected app does not select.
    #[error("Salesforce refused the permissions Workstation asks for ({scopes}): the connected app does not select them all (invalid_scope). Ask your administrator to select them on the connected app, or to set salesforce.scopes in the policy to what it selects.")]
    ScopeNotSelected { scopes: String },
    #[error("Your Salesforce administrator has blocked this connected app (OAUTH_APP_BLOCKED). Ask them to unblock it in Setup → Connected Apps OAuth Usage.")]
    AppBlocked,
    #[error("This connected app admits only users an administrator approved, and your Salesforce user is not one of them (OAUTH_APP_ACCESS_DENIED). Ask your administrator to add your profile or a permission set to the app's policies.")]
    NotApprovedUser,
    /// Anything else: Salesforce's code and description, for the administrator.
    #[error("Salesforce refused the sign-in ({error}{}). Click Connect to try again; if it happens again, your Salesforce administrator can tell what this means.", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Other { error: String, description: Option<String> },
}

impl AuthorizeRefusal {
    /// Reads Salesforce's `error` and `error_description`; `scopes` is what was asked for.
    pub fn from_answer(error: &str, description: Option<&str>, scopes: &str) -> AuthorizeRefusal {
        match error {
            "access_denied" => AuthorizeRefusal::Denied(description.unwrap_or(error).to_string()),
            "invalid_scope" => AuthorizeRefusal::ScopeNotSelected {
                scopes: scopes.to_string(),
            },
            "OAUTH_APP_BLOCKED" => AuthorizeRefusal::AppBlocked,
            "OAUTH_APP_ACCESS_DENIED" => AuthorizeRefusal::NotApprovedUser,
            _ => AuthorizeRefusal::Other {
                error: error.to_string(),
                description: description.map(str::to_string),
            },
        }
    }

    /// A stable machine-readable name, for the UI and `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            AuthorizeRefusal::Denied(_) => "access_denied",
            AuthorizeRefusal::ScopeNotSelected { .. } => "invalid_scope",
            AuthorizeRefusal::AppBlocked => "app_blocked",
            AuthorizeRefusal::NotApprovedUser => "user_not_approved",
            AuthorizeRefusal::Other { .. } => "authorize_refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_an_administrator_can_cure_is_its_own() {
        let read = |e, d| AuthorizeRefusal::from_answer(e, d, "api refresh_token");
        assert_eq!(
            read("access_denied", Some("end-user denied authorization")),
            AuthorizeRefusal::Denied("end-user denied authorization".into())
        );
        assert_eq!(read("invalid_scope", None).kind(), "invalid_scope");
        assert!(read("invalid_scope", None).to_string().contains("(api refresh_token)"));
        assert_eq!(read("OAUTH_APP_BLOCKED", None), AuthorizeRefusal::AppBlocked);
        assert_eq!(read("OAUTH_APP_ACCESS_DENIED", None), AuthorizeRefusal::NotApprovedUser);
        assert_eq!(
            read("inactive_user", Some("user is inactive")).to_string(),
            "Salesforce refused the sign-in (inactive_user: user is inactive). Click Connect to try again; if it happens again, your Salesforce administrator can tell what this means."
        );
    }
}
