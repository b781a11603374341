//! `GET /services/oauth2/authorize` and its "Allow Access?" approval page (API-NOTES §1): the
//! request is checked against the connected app, held until the user decides
//! (`POST /services/oauth2/authorize/decision`), then answered on the redirect URI with a
//! single-use code or `access_denied`, `state` echoed verbatim. The code belongs to the user
//! picked on the page (demo-only select `user`; `auto_approve=true&user=restricted` likewise).

use std::time::Instant;

use axum::response::Response;

use super::client::{grant_scope, redirect_registered, DEMO_APP_NAME, DEMO_CLIENT_ID};
use super::crypto::{random, ALNUM};
use super::state::{AuthCode, Pending};
use crate::app::App;
use crate::http::{html, param, redirect, Req};
use crate::pages::{esc, page, simple_page, user_select};
use crate::profiles::DemoUser;
use crate::stats::inc;

/// `redirect_uri` plus query parameters (form-urlencoded: spaces become `+`).
fn callback(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in params {
                    q.append_pair(k, v);
                }
            }
            u.to_string()
        }
        Err(_) => redirect_uri.to_string(),
    }
}

fn error_page(status: u16, error: &str, description: &str) -> Response {
    // Salesforce shows these as a bare page, e.g.
    // "error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration".
    let text = format!("error={error}&error_description={}", description.replace(' ', "%20"));
    html(status, simple_page("Error", &text))
}

pub(crate) fn authorize(app: &App, req: &Req) -> Response {
    inc(&app.counters.authorize_requests);
    if req.method != "GET" {
        return error_page(400, "invalid_request", "must use HTTP GET");
    }
    let client_id = req.q("client_id").unwrap_or("");
    if client_id != DEMO_CLIENT_ID {
        return error_page(400, "invalid_client_id", "client identifier invalid");
    }
    let redirect_uri = req.q("redirect_uri").unwrap_or("");
    if !redirect_registered(redirect_uri) {
        return error_page(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    let state = req.q("state").map(str::to_string);
    let fail = |error: &str, desc: &str| {
        let mut p = vec![("error", error), ("error_description", desc)];
        if let Some(s) = &state {
            p.push(("state", s));
        }
        redirect(&callback(redirect_uri, &p))
    };
    if req.q("response_type") != Some("code") {
        return fail("unsupported_response_type", "response type not supported");
    }
    let Ok(scope) = grant_scope(req.q("scope"), &app.faults.selected_scopes()) else {
        return fail("invalid_scope", "the requested scope is not allowed");
    };
    // Salesforce documents only the S256 semantics of code_challenge (API-NOTES §1; whether it
    // accepts code_challenge_method is unverified): absent or "S256" is accepted here.
    if let Some(m) = req.q("code_challenge_method") {
        if m != "S256" {
            return fail("invalid_request", "invalid code_challenge_method");
        }
    }
    let challenge = req.q("code_challenge").filter(|c| !c.is_empty()).map(str::to_string);
    // Demo-only: `user=demo|restricted` picks who signs in (the configured default otherwise).
    let user = match req.q("user") {
        None => app.config.default_user,
        Some(u) => match DemoUser::parse(u) {
            Some(u) => u,
            None => return error_page(400, "invalid_request", "unknown demo user"),
        },
    };
    let pending = Pending {
        redirect_uri: redirect_uri.to_string(),
        state,
        scope,
        challenge,
        created: Instant::now(),
        user,
    };
    // Demo-only convenience for tests without a browser: approve immediately.
    if req.q("auto_approve") == Some("true") {
        return approve(app, pending);
    }
    let request_id = random(32, ALNUM);
    let page = approval_page(&request_id, &pending.scope, pending.user);
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    st.pending.retain(|_, p| p.created.elapsed().as_secs() < 3600);
    st.pending.insert(request_id, pending);
    html(200, page)
}

fn approve(app: &App, p: Pending) -> Response {
    // The app's policies are checked once the user is known, as Salesforce does after login;
    // the refusal goes to the callback like any other (codes: auth::refusal in the core).
    let refusal = if app.faults.app_blocked() {
        Some(("OAUTH_APP_BLOCKED", "this app is blocked by admin"))
    } else if app.faults.admin_approved_only() && p.user != DemoUser::Demo {
        Some((
            "OAUTH_APP_ACCESS_DENIED",
            "user is not admin approved to access this app",
        ))
    } else {
        None
    };
    if let Some((error, description)) = refusal {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = &p.state {
            params.push(("state", s));
        }
        return redirect(&callback(&p.redirect_uri, &params));
    }
    // Salesforce codes end in "==", so they reach the callback URL-encoded ("%3D%3D").
    let code = format!("aPrx{}==", random(60, ALNUM));
    {
        let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
        st.codes.insert(
            code.clone(),
            AuthCode {
                redirect_uri: p.redirect_uri.clone(),
                scope: p.scope,
                challenge: p.challenge,
                created: Instant::now(),
                used: false,
                user: p.user,
            },
        );
    }
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = &p.state {
        params.push(("state", s));
    }
    redirect(&callback(&p.redirect_uri, &params))
}

/// `POST /services/oauth2/authorize/decision` from the approval page (`request_id`, `decision`).
pub(crate) fn authorize_decision(app: &App, req: &Req) -> Response {
    if req.method != "POST" {
        return error_page(400, "invalid_request", "must use HTTP POST");
    }
    let form = req.form();
    let id = param(&form, "request_id").unwrap_or("");
    let pending = app.oauth.lock().unwrap_or_else(|e| e.into_inner()).pending.remove(id);
    let Some(p) = pending else {
        return html(
            400,
            simple_page(
                "Authorization expired",
                "This authorization request has expired or was already answered. Start again from the app.",
            ),
        );
    };
    if param(&form, "decision") == Some("allow") {
        let user = param(&form, "user").and_then(DemoUser::parse).unwrap_or(p.user);
        approve(app, Pending { user, ..p })
    } else {
        // OAuth errors come back on the redirect URI (API-NOTES §1, Help "OAuth 2.0 Authorization Errors").
        let mut params = vec![
            ("error", "access_denied"),
            ("error_description", "end-user denied authorization"),
        ];
        if let Some(s) = &p.state {
            params.push(("state", s));
        }
        redirect(&callback(&p.redirect_uri, &params))
    }
}

// ---------------------------------------------------------------- approval page

fn scope_text(s: &str) -> &'static str {
    match s {
        "full" => "Full access (full)",
        "api" => "Manage user data via APIs (api)",
        "web" => "Manage user data via Web browsers (web)",
        "refresh_token" | "offline_access" => "Perform requests at any time (refresh_token, offline_access)",
        "id" | "openid" | "profile" | "email" | "address" | "phone" => {
            "Access the identity URL service (id, profile, email, address, phone)"
        }
        "visualforce" => "Manage user data via Visualforce (visualforce)",
        "chatter_api" => "Access Connect REST API resources (chatter_api)",
        "custom_permissions" => "Access custom permissions (custom_permissions)",
        "lightning" => "Access Lightning applications (lightning)",
        "content" => "Access content resources (content)",
        _ => "Other access",
    }
}

fn scope_list(scope: &str) -> String {
    let mut items: Vec<&str> = Vec::new();
    for s in scope.split(' ').filter(|s| !s.is_empty()) {
        let t = scope_text(s);
        if !items.contains(&t) {
            items.push(t);
        }
    }
    items.iter().map(|t| format!("<li>{}</li>", esc(t))).collect()
}

/// The "Allow Access?" page. Buttons have ids `allow` and `deny` (WebDriver tests click them);
/// the select `user` (demo-only) picks who signs in, `user` preselected.
fn approval_page(request_id: &str, scope: &str, user: DemoUser) -> String {
    let who = user.identity();
    let body = format!(
        "<h1>Allow Access?</h1>\
         <p><strong>{app}</strong> is asking to:</p><ul id=\"scopes\">{scopes}</ul>\
         <p>Do you want to allow access for <strong id=\"username\">{user}</strong> ({name})? \
         <span class=\"muted\">Not you? This is the demo org; pick another of its users below.</span></p>\
         <form method=\"post\" action=\"/services/oauth2/authorize/decision\">\
         <input type=\"hidden\" name=\"request_id\" value=\"{rid}\">{select}\
         <div class=\"buttons\">\
         <button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         <button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         </div></form>\
         <p class=\"muted\">To revoke access at any time, go to your personal settings.</p>",
        app = esc(DEMO_APP_NAME),
        scopes = scope_list(scope),
        user = esc(who.username),
        name = esc(who.name),
        rid = esc(request_id),
        select = user_select(user),
    );
    page("Allow Access?", &body)
}
