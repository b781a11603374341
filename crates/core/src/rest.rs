//! The REST API's version, and whether this user may use the API at all. Below both `auth`
//! (which checks right after Connect) and `salesforce` (which meets the same refusal on any
//! call), so that neither imports the other for it.

use crate::secret::Secret;
use thiserror::Error;

/// API version the app speaks (Winter '25; API-NOTES §0 recommends v62–v64).
pub const API_VERSION: &str = "v62.0";

/// Who has no API access. Salesforce's codes (SOAP API Developer Guide, ExceptionCode):
/// `API_CURRENTLY_DISABLED` — "because of a system problem or a permission" (a profile without
/// "API Enabled"); `API_DISABLED_FOR_ORG` — the org's edition has no API ("The REST API is not
/// enabled for this Organization.", as reported in restforce/restforce#219).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoApiAccess {
    #[error("This Salesforce user has no API access (API_CURRENTLY_DISABLED). Ask your Salesforce administrator for the API Enabled permission.")]
    User,
    #[error("This Salesforce org has no API access (API_DISABLED_FOR_ORG): its edition does not include the API. Ask your Salesforce administrator.")]
    Org,
}

impl NoApiAccess {
    /// The refusal a REST error code means, if it is one.
    pub fn from_code(code: &str) -> Option<NoApiAccess> {
        match code {
            "API_CURRENTLY_DISABLED" => Some(NoApiAccess::User),
            "API_DISABLED_FOR_ORG" => Some(NoApiAccess::Org),
            _ => None,
        }
    }

    /// A stable machine-readable name, for the UI and `--json` output.
    pub fn kind(self) -> &'static str {
        match self {
            NoApiAccess::User => "api_disabled_for_user",
            NoApiAccess::Org => "api_disabled_for_org",
        }
    }
}

/// One cheap call right after signing in (the Resources by Version list, a few hundred bytes):
/// Salesforce lets a user without API access — or in an org without the API — sign in and
/// approve the app, then refuses every call. Any other failure of this one call (a blip, a
/// server error) is left to the first real request to tell: the sign-in itself went through.
pub async fn check_api_access(http: &reqwest::Client, instance_url: &str, access: &Secret) -> Result<(), NoApiAccess> {
    let url = format!("{}/services/data/{API_VERSION}/", instance_url.trim_end_matches('/'));
    let response = match http
        .get(url)
        .bearer_auth(access.expose())
        .header("Accept", "application/json")
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(
                "the API access check after connecting failed: {}",
                crate::http::network_failure(e)
            );
            return Ok(());
        }
    };
    if response.status().is_success() {
        return Ok(());
    }
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    match body[0]["errorCode"].as_str().and_then(NoApiAccess::from_code) {
        Some(refusal) => Err(refusal),
        None => {
            tracing::warn!("the API access check after connecting answered HTTP {status}");
            Ok(())
        }
    }
}
