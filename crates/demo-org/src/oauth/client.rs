//! The demo connected app, as an administrator would have set it up in Setup: its consumer
//! key and secret, its name on the approval page, its registered callbacks and the scopes it
//! may grant. Every OAuth endpoint checks requests against these; they depend on nothing.

/// Consumer key of the demo connected app.
pub const DEMO_CLIENT_ID: &str = "workstation-demo-client";
/// Consumer secret of the demo connected app (required for the web server and refresh flows).
pub const DEMO_CLIENT_SECRET: &str = "workstation-demo-secret";
/// Name of the demo connected app shown on the approval page.
pub const DEMO_APP_NAME: &str = "Workstation Demo";

/// Scopes the demo connected app allows (MISSION §1.4 plus the usual OIDC/CLI ones).
const ALLOWED_SCOPES: &[&str] = &[
    "full",
    "api",
    "web",
    "refresh_token",
    "offline_access",
    "id",
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "visualforce",
    "chatter_api",
    "custom_permissions",
    "lightning",
    "content",
];
/// Granted when the authorize/device request names no scope: the connected app's selection.
const DEFAULT_SCOPE: &str = "full api refresh_token offline_access";

/// Registered callbacks of the demo connected app: the deep link and loopback on any port
/// (RFC 8252 §7.3), path `/salesforce/connected`.
pub(super) fn redirect_registered(uri: &str) -> bool {
    if uri == "workstation://salesforce/connected" {
        return true;
    }
    let Ok(u) = url::Url::parse(uri) else {
        return false;
    };
    u.scheme() == "http"
        && matches!(u.host_str(), Some("localhost") | Some("127.0.0.1") | Some("[::1]"))
        && u.path() == "/salesforce/connected"
        && u.query().is_none()
        && u.fragment().is_none()
}

/// Normalises a scope request; Err(()) when a scope is not allowed.
pub(super) fn grant_scope(requested: Option<&str>) -> Result<String, ()> {
    let req = requested.map(str::trim).filter(|s| !s.is_empty());
    let Some(req) = req else {
        return Ok(DEFAULT_SCOPE.into());
    };
    let mut out: Vec<&str> = Vec::new();
    for s in req.split([' ', '+', ',']).filter(|s| !s.is_empty()) {
        if !ALLOWED_SCOPES.contains(&s) {
            return Err(());
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out.join(" "))
}

pub(super) fn wants_refresh(scope: &str) -> bool {
    scope.split(' ').any(|s| s == "refresh_token" || s == "offline_access")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uris() {
        assert!(redirect_registered("workstation://salesforce/connected"));
        assert!(redirect_registered("http://localhost:3002/salesforce/connected"));
        assert!(redirect_registered("http://127.0.0.1:51234/salesforce/connected"));
        assert!(!redirect_registered("http://evil.example:3002/salesforce/connected"));
        assert!(!redirect_registered("https://localhost:3002/salesforce/connected"));
        assert!(!redirect_registered("http://localhost:3002/other"));
    }

    #[test]
    fn scopes() {
        assert_eq!(
            grant_scope(Some("full api refresh_token offline_access")).unwrap(),
            "full api refresh_token offline_access"
        );
        assert!(grant_scope(Some("api bogus")).is_err());
        assert_eq!(grant_scope(None).unwrap(), DEFAULT_SCOPE);
    }
}
