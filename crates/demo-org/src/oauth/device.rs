//! Salesforce's device flow (API-NOTES §2): the code request and the polls (both on the token
//! endpoint), and the verification page at `/setup/connect` where the user types the code and
//! allows or denies, as the user picked there; tests approve through `DemoOrg::approve_device`
//! or the admin endpoint (both may name the user).

use std::time::Instant;

use axum::response::Response;
use serde::Serialize;

use super::client::{grant_scope, wants_refresh, DEMO_APP_NAME, DEMO_CLIENT_ID};
use super::crypto::{random, ALNUM, USER_CODE_CHARS};
use super::state::{DevStatus, Device};
use super::tokens::issue;
use crate::app::App;
use crate::http::{html, json_resp, oauth_error, param, Req};
use crate::pages::{esc, page, simple_page, user_select};
use crate::profiles::DemoUser;
use crate::stats::inc;

/// oauth_device_code_response.json key order.
#[derive(Serialize)]
struct DeviceCodeResponse {
    device_code: String,
    interval: u64,
    user_code: String,
    verification_uri: String,
}

pub(super) fn device_code(app: &App, form: &[(String, String)]) -> Response {
    inc(&app.counters.device_code_requests);
    if param(form, "client_id") != Some(DEMO_CLIENT_ID) {
        return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
    }
    let Ok(scope) = grant_scope(param(form, "scope"), &app.faults.selected_scopes()) else {
        return oauth_error(400, "invalid_scope", Some("the requested scope is not allowed"));
    };
    let device_code = random(64, ALNUM);
    let user_code = random(8, USER_CODE_CHARS);
    let interval = app.faults.device_interval_secs();
    app.oauth.lock().unwrap_or_else(|e| e.into_inner()).devices.insert(
        device_code.clone(),
        Device {
            user_code: user_code.clone(),
            scope,
            interval,
            created: Instant::now(),
            last_poll: None,
            status: DevStatus::Pending,
            user: app.config.default_user,
        },
    );
    let body = DeviceCodeResponse {
        device_code,
        interval,
        user_code,
        // Real value: https://login.salesforce.com/setup/connect (API-NOTES §2).
        verification_uri: app
            .faults
            .device_verification_uri()
            .unwrap_or_else(|| format!("{}/setup/connect", app.base_url)),
    };
    json_resp(200, serde_json::to_string(&body).unwrap_or_default())
}

pub(super) fn device_poll(app: &App, form: &[(String, String)]) -> Response {
    inc(&app.counters.device_grants);
    if param(form, "client_id") != Some(DEMO_CLIENT_ID) {
        return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
    }
    let code = param(form, "code").unwrap_or("");
    let lifetime = app.config.device_code_lifetime;
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    let Some(d) = st.devices.get_mut(code) else {
        return oauth_error(400, "invalid_grant", Some("invalid device code"));
    };
    // slow_down / expired_token / access_denied follow RFC 8628; Salesforce evidence for them is
    // missing (API-NOTES §2), authorization_pending is the sfdx-core fixture.
    if d.created.elapsed() >= lifetime && d.status != DevStatus::Consumed {
        return oauth_error(400, "expired_token", Some("device code expired"));
    }
    match d.status {
        DevStatus::Consumed => oauth_error(400, "invalid_grant", Some("invalid device code")),
        DevStatus::Denied => oauth_error(400, "access_denied", Some("end-user denied authorization")),
        // The app's policies, once the user is known (as on the web server flow's redirect).
        DevStatus::Approved if app.faults.app_blocked() => {
            oauth_error(400, "OAUTH_APP_BLOCKED", Some("this app is blocked by admin"))
        }
        DevStatus::Approved if app.faults.admin_approved_only() && d.user != DemoUser::Demo => oauth_error(
            400,
            "OAUTH_APP_ACCESS_DENIED",
            Some("user is not admin approved to access this app"),
        ),
        DevStatus::Approved => {
            d.status = DevStatus::Consumed;
            let (scope, user) = (d.scope.clone(), d.user);
            let with_refresh = wants_refresh(&scope);
            issue(app, &mut st, &scope, None, with_refresh, user)
        }
        DevStatus::Pending => {
            let too_fast = d
                .last_poll
                .is_some_and(|t| t.elapsed().as_secs_f64() < d.interval as f64);
            d.last_poll = Some(Instant::now());
            if too_fast {
                oauth_error(400, "slow_down", Some("polling too frequently"))
            } else {
                // oauth_device_poll_authorization_pending_400.json: {"error":"authorization_pending"}
                oauth_error(400, "authorization_pending", None)
            }
        }
    }
}

fn norm_user_code(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Approves (as `user`) or denies the pending device authorization with this user code.
pub(crate) fn device_decide(app: &App, user_code: &str, approve: bool, user: DemoUser) -> bool {
    let want = norm_user_code(user_code);
    let lifetime = app.config.device_code_lifetime;
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    match st
        .devices
        .values_mut()
        .find(|d| d.user_code == want && d.status == DevStatus::Pending && d.created.elapsed() < lifetime)
    {
        Some(d) => {
            d.user = user;
            d.status = if approve {
                DevStatus::Approved
            } else {
                DevStatus::Denied
            };
            true
        }
        None => false,
    }
}

/// `GET|POST /setup/connect`: the device-flow verification page.
pub(crate) fn device_page(app: &App, req: &Req) -> Response {
    if req.method == "POST" {
        let form = req.form();
        let code = param(&form, "user_code").unwrap_or("");
        let allow = param(&form, "decision") == Some("allow");
        let user = param(&form, "user")
            .and_then(DemoUser::parse)
            .unwrap_or(app.config.default_user);
        return if device_decide(app, code, allow, user) {
            if allow {
                html(
                    200,
                    simple_page(
                        "You're connected",
                        "Access granted. You can close this window and return to your device.",
                    ),
                )
            } else {
                html(
                    200,
                    simple_page("Access denied", "You denied access. The device will not be connected."),
                )
            }
        } else {
            html(
                400,
                verification_page(
                    app,
                    code,
                    Some("That code is invalid or has expired. Check the code shown on your device."),
                ),
            )
        };
    }
    html(200, verification_page(app, req.q("user_code").unwrap_or(""), None))
}

/// Device flow verification page: user code input id `user_code`, the user select `user`
/// (demo-only: the demo org has two users who can sign in), buttons `allow` / `deny`.
fn verification_page(app: &App, user_code: &str, error: Option<&str>) -> String {
    let err = error
        .map(|e| format!("<p class=\"error\" id=\"error\">{}</p>", esc(e)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Connect Your Device</h1>{err}\
         <p>Enter the code displayed on your device to give <strong>{app}</strong> access to \
         <strong>{user}</strong>'s data.</p>\
         <form method=\"post\" action=\"/setup/connect\">\
         <label for=\"user_code\">Code</label>\
         <input id=\"user_code\" name=\"user_code\" autocomplete=\"off\" autofocus value=\"{code}\">\
         {select}\
         <div class=\"buttons\">\
         <button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         <button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         </div></form>",
        app = esc(DEMO_APP_NAME),
        user = esc(app.config.default_user.identity().username),
        code = esc(user_code),
        select = user_select(app.config.default_user),
    );
    page("Connect Your Device", &body)
}
