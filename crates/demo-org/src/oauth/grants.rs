//! `POST /services/oauth2/token` (API-NOTES §1–2): the authorization_code grant (with the
//! consumer secret and PKCE) and the refresh_token grant; device-flow requests that reach the
//! same endpoint are handed to [`super::device`].

use axum::response::Response;

use super::client::{wants_refresh, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use super::crypto::pkce_challenge;
use super::device::{device_code, device_poll};
use super::tokens::issue;
use crate::app::App;
use crate::http::{oauth_error, param, Req};
use crate::stats::inc;

pub(crate) fn token(app: &App, req: &Req) -> Response {
    inc(&app.counters.token_requests);
    if req.method != "POST" {
        return oauth_error(400, "invalid_request", Some("must use HTTP POST"));
    }
    let form = req.form();
    let f = |k: &str| param(&form, k).unwrap_or("");
    if f("response_type") == "device_code" {
        return device_code(app, &form);
    }
    match f("grant_type") {
        "authorization_code" => {
            inc(&app.counters.authorization_code_grants);
            if f("client_id") != DEMO_CLIENT_ID {
                // oauth_error_invalid_client_id.json
                return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
            }
            // The demo connected app requires the secret for the web server flow (MISSION §1.2).
            if f("client_secret") != DEMO_CLIENT_SECRET {
                return oauth_error(400, "invalid_client", Some("invalid client credentials"));
            }
            let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
            let lifetime = app.config.auth_code_lifetime;
            let Some(code) = st.codes.get_mut(f("code")) else {
                return oauth_error(400, "invalid_grant", Some("invalid authorization code"));
            };
            if code.used {
                return oauth_error(400, "invalid_grant", Some("invalid authorization code"));
            }
            if code.created.elapsed() >= lifetime {
                return oauth_error(400, "invalid_grant", Some("expired authorization code"));
            }
            if f("redirect_uri") != code.redirect_uri {
                return oauth_error(
                    400,
                    "redirect_uri_mismatch",
                    Some("redirect_uri must match configuration"),
                );
            }
            if let Some(ch) = &code.challenge {
                // PKCE (API-NOTES §1): no verifier → invalid_grant; wrong verifier → invalid_request.
                let Some(v) = param(&form, "code_verifier").filter(|v| !v.is_empty()) else {
                    return oauth_error(400, "invalid_grant", Some("invalid code verifier"));
                };
                if pkce_challenge(v) != *ch {
                    return oauth_error(400, "invalid_request", Some("invalid code verifier"));
                }
            }
            code.used = true;
            let (scope, user) = (code.scope.clone(), code.user);
            let with_refresh = wants_refresh(&scope);
            issue(app, &mut st, &scope, None, with_refresh, user)
        }
        "refresh_token" => {
            inc(&app.counters.refresh_grants);
            if f("client_id") != DEMO_CLIENT_ID {
                return oauth_error(400, "invalid_client_id", Some("client identifier invalid"));
            }
            if f("client_secret") != DEMO_CLIENT_SECRET {
                return oauth_error(400, "invalid_client", Some("invalid client credentials"));
            }
            let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
            let rt = f("refresh_token").to_string();
            let rotate = app.faults.rotate_refresh_tokens();
            let (scope, user) = match st.refresh.get_mut(&rt) {
                Some(r) if r.epoch == app.faults.refresh_epoch() && !r.rotated_out => {
                    // With rotation the token is single-use: used now, rotated out.
                    r.rotated_out = rotate;
                    (r.scope.clone(), r.user)
                }
                Some(r) if r.epoch == app.faults.refresh_epoch() => {
                    // A rotated-out token presented again: Salesforce takes it for a stolen one
                    // and revokes the current refresh token and every access token with it
                    // (Salesforce Help, "Force one-time-use Refresh Tokens", 005316711).
                    let user = r.user;
                    st.refresh.retain(|_, t| t.user != user);
                    st.access.retain(|_, a| a.user != user || a.forever);
                    inc(&app.counters.refresh_token_reuses);
                    return oauth_error(400, "invalid_grant", Some("expired access/refresh token"));
                }
                // oauth_error_invalid_grant_refresh.json
                _ => return oauth_error(400, "invalid_grant", Some("expired access/refresh token")),
            };
            if rotate {
                // A new refresh token in the answer (sent only when rotating).
                issue(app, &mut st, &scope, None, true, user)
            } else {
                issue(app, &mut st, &scope, Some(rt), false, user)
            }
        }
        "device" => device_poll(app, &form),
        "" => oauth_error(400, "unsupported_grant_type", Some("grant type not supported")),
        _ => oauth_error(400, "unsupported_grant_type", Some("grant type not supported")),
    }
}
