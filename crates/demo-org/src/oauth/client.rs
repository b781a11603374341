//! The demo connected app, as an administrator would have set it up in Setup: its consumer
//! key and secret, its name on the approval page, its registered callbacks and the scopes it
//! may grant. Every OAuth endpoint checks requests against these; they depend on nothing.

/// Consumer key of the demo connected app.
pub const DEMO_CLIENT_ID: &str = "workstation-demo-client";
/// Consumer secret of the demo connected app (required for the web server and refresh flows).
pub const DEMO_CLIENT_SECRET: &str = "workstation-demo-secret";
/// Name of the demo connected app shown on the approval page.
pub const DEMO_APP_NAME: &str = "Workstation Demo";

/// What the demo connected app selects unless told otherwise: the spec's admin guide —
/// Full access (`full`), Manage user data via APIs (`api`), and Perform requests at any time
/// (`refresh_token, offline_access`: one checkbox, both names).
pub const DEFAULT_SELECTED_SCOPES: &[&str] = &["full", "api", "refresh_token", "offline_access"];

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

/// The scopes granted for a request: those asked for, each of which the connected app must
/// select — Salesforce refuses the whole request otherwise (`invalid_scope`, "the requested
/// scope is not allowed"), never grants a part of it. No `scope` at all gets the selection.
pub(super) fn grant_scope(requested: Option<&str>, selected: &[String]) -> Result<String, ()> {
    let req = requested.map(str::trim).filter(|s| !s.is_empty());
    let Some(req) = req else {
        return Ok(selected.join(" "));
    };
    let mut out: Vec<&str> = Vec::new();
    for s in req.split([' ', '+', ',']).filter(|s| !s.is_empty()) {
        if !selected.iter().any(|k| k == s) {
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
    fn scopes_are_granted_only_when_the_app_selects_each() {
        let spec: Vec<String> = DEFAULT_SELECTED_SCOPES.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            grant_scope(Some("full api refresh_token offline_access"), &spec).unwrap(),
            "full api refresh_token offline_access"
        );
        assert_eq!(
            grant_scope(Some("api+refresh_token"), &spec).unwrap(),
            "api refresh_token"
        );
        assert!(grant_scope(Some("api bogus"), &spec).is_err());
        assert!(
            grant_scope(Some("api refresh_token id"), &spec).is_err(),
            "id is not selected"
        );
        assert_eq!(
            grant_scope(None, &spec).unwrap(),
            "full api refresh_token offline_access"
        );
        let least = vec!["api".to_string(), "refresh_token".to_string()];
        assert!(grant_scope(Some("full api refresh_token offline_access"), &least).is_err());
        assert_eq!(
            grant_scope(Some("api refresh_token"), &least).unwrap(),
            "api refresh_token"
        );
    }
}
