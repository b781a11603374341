//! The OAuth scopes Workstation asks Salesforce for. Scopes are granted only if the connected
//! app selects them, and security reviews routinely select no more than the app needs, so the
//! app asks for the least by default — `api refresh_token` — and the administrator can set the
//! list in the policy (`salesforce.scopes`) to match what their connected app selects.
//!
//! Why these two are enough: `api` covers the REST API (search, list views, describes) and
//! `refresh_token` keeps the connection past the session's timeout. The UserInfo call made
//! right after signing in needs no further scope: Salesforce's own CLI asks for
//! `refresh_token api web` and reads the user from `/services/oauth2/userinfo` (sfdx-core,
//! src/org/authInfo.ts; shared/salesforce/API-NOTES.md §1); `web` serves only its browser
//! sessions, which Workstation does not open with the token.

use super::similar::{closest, normalise};
use std::fmt;

/// The scopes Salesforce offers, as `scopes_supported` of
/// `https://login.salesforce.com/.well-known/openid-configuration` lists them: a name outside
/// this list is a typo that Salesforce would refuse at every Connect.
pub const KNOWN_SCOPES: &[&str] = &[
    "api",
    "refresh_token",
    "offline_access",
    "full",
    "web",
    "id",
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "chatter_api",
    "visualforce",
    "custom_permissions",
    "content",
    "lightning",
    "wave_api",
    "eclair_api",
    "pardot_api",
    "cdp_api",
    "cdp_ingest_api",
    "cdp_profile_api",
    "cdp_query_api",
    "cdp_segment_api",
    "cdp_identityresolution_api",
    "cdp_calculated_insight_api",
    "chatbot_api",
    "interaction_api",
    "einstein_gpt_api",
    "sfap_api",
    "scrt_api",
    "mcp_api",
    "user_registration_api",
    "pwdless_login_api",
    "forgot_password",
];

/// A list of scopes that lets the app work: it names only scopes Salesforce knows, and
/// includes the REST API (`api` or `full`) and a refresh token (`refresh_token` or
/// `offline_access`). Built only by [`Scopes::least`] or [`Scopes::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scopes(Vec<String>);

/// Why a list of scopes would not let the app work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopesError {
    /// Not a name Salesforce offers; the closest one when there is one.
    Unknown {
        scope: String,
        suggestion: Option<&'static str>,
    },
    /// Neither `api` nor `full`: every search would be refused.
    NoApi,
    /// Neither `refresh_token` nor `offline_access`: the connection ends with the session.
    NoRefresh,
}

impl Scopes {
    /// `api refresh_token`: what the app needs, and nothing else.
    pub fn least() -> Scopes {
        Scopes(vec!["api".to_string(), "refresh_token".to_string()])
    }

    /// Checks a list, each problem once; duplicates are dropped, the order is kept.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Scopes, Vec<ScopesError>> {
        let mut errors = Vec::new();
        let mut kept: Vec<String> = Vec::new();
        for name in names.iter().map(|n| n.as_ref().trim()).filter(|n| !n.is_empty()) {
            if !KNOWN_SCOPES.contains(&name) {
                errors.push(ScopesError::Unknown {
                    scope: name.to_string(),
                    suggestion: closest_scope(name),
                });
            } else if !kept.iter().any(|k| k == name) {
                kept.push(name.to_string());
            }
        }
        // What is missing is told once the names are right: a typo already explains it.
        let has = |a: &str, b: &str| kept.iter().any(|k| k == a || k == b);
        let names_known = errors.is_empty();
        if names_known && !has("api", "full") {
            errors.push(ScopesError::NoApi);
        }
        if names_known && !has("refresh_token", "offline_access") {
            errors.push(ScopesError::NoRefresh);
        }
        if errors.is_empty() {
            Ok(Scopes(kept))
        } else {
            Err(errors)
        }
    }

    pub fn names(&self) -> &[String] {
        &self.0
    }
}

impl Default for Scopes {
    fn default() -> Scopes {
        Scopes::least()
    }
}

/// Space-separated, as the `scope` parameter of an authorize or device request.
impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

/// The known scope meant by a typo or another spelling (`refresh-token`, `Refresh Token`).
fn closest_scope(name: &str) -> Option<&'static str> {
    let norm = normalise(name);
    KNOWN_SCOPES
        .iter()
        .copied()
        .find(|k| normalise(k) == norm)
        .or_else(|| closest(name, KNOWN_SCOPES.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_is_api_and_refresh_token() {
        assert_eq!(Scopes::least().to_string(), "api refresh_token");
        assert_eq!(Scopes::default(), Scopes::least());
    }

    #[test]
    fn the_admin_guide_selection_and_the_least_one_both_pass() {
        let full = Scopes::parse(&["full", "api", "refresh_token", "offline_access"]).expect("valid");
        assert_eq!(full.to_string(), "full api refresh_token offline_access");
        assert_eq!(
            Scopes::parse(&["api", "offline_access", "api"])
                .expect("valid")
                .to_string(),
            "api offline_access"
        );
    }

    #[test]
    fn typos_are_named_with_the_scope_meant() {
        assert_eq!(
            Scopes::parse(&["api", "refresh-token"]),
            Err(vec![ScopesError::Unknown {
                scope: "refresh-token".into(),
                suggestion: Some("refresh_token")
            }])
        );
        assert_eq!(
            Scopes::parse(&["fulll", "refresh_token"]),
            Err(vec![ScopesError::Unknown {
                scope: "fulll".into(),
                suggestion: Some("full")
            }])
        );
        assert!(matches!(
            Scopes::parse(&["api", "refresh_token", "salesforce"]).unwrap_err()[0],
            ScopesError::Unknown { suggestion: None, .. }
        ));
    }

    #[test]
    fn a_list_the_app_cannot_work_with_says_what_is_missing() {
        assert_eq!(Scopes::parse(&["refresh_token", "web"]), Err(vec![ScopesError::NoApi]));
        assert_eq!(Scopes::parse(&["api", "id"]), Err(vec![ScopesError::NoRefresh]));
        assert_eq!(
            Scopes::parse::<&str>(&[]),
            Err(vec![ScopesError::NoApi, ScopesError::NoRefresh])
        );
    }
}
