//! Access and refresh tokens from birth to death: `issue` mints them and writes the token
//! response (shared by every grant, the device flow's included), `access_user` is the one
//! session check (REST and the identity service both ask it: whose valid session is this?),
//! and `revoke` ends them.

use std::time::Instant;

use axum::response::Response;
use serde::Serialize;

use super::crypto::{random, token_signature, TOKEN_CHARS};
use super::state::{AccessTok, OAuthState, RefreshTok};
use crate::app::App;
use crate::http::{json_resp, oauth_error, param, with_empty_200, Req};
use crate::profiles::DemoUser;
use crate::stats::inc;

fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Key order as in oauth_token_response_authorization_code.json; `refresh_token` is omitted on
/// refresh (oauth_token_response_refresh_token.json).
#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    signature: String,
    scope: String,
    instance_url: String,
    id: String,
    token_type: &'static str,
    issued_at: String,
}

/// The tokens and the response for `user`: the session, its refresh token and the identity URL
/// (`id`, and so `signature`) all belong to that user.
pub(super) fn issue(
    app: &App,
    st: &mut OAuthState,
    scope: &str,
    refresh: Option<String>,
    with_refresh: bool,
    user: DemoUser,
) -> Response {
    let org15 = &app.data().org_id[..15];
    let access = format!("{org15}!AQ{}", random(96, TOKEN_CHARS));
    let refresh_tok = match (with_refresh, refresh) {
        (_, Some(r)) => Some(r),
        (true, None) => {
            let r = format!("5Aep861{}", random(80, TOKEN_CHARS));
            st.refresh.insert(
                r.clone(),
                RefreshTok {
                    scope: scope.to_string(),
                    epoch: app.faults.refresh_epoch(),
                    user,
                    rotated_out: false,
                },
            );
            Some(r)
        }
        (false, None) => None,
    };
    st.access.insert(
        access.clone(),
        AccessTok {
            issued: Instant::now(),
            epoch: app.faults.session_epoch(),
            refresh: refresh_tok.clone(),
            forever: false,
            user,
        },
    );
    let id = app.identity_url(user);
    let issued_at = now_ms().to_string();
    // signature = base64(HMAC-SHA256(id + issued_at, consumer secret)) — API-NOTES §1.
    let sig = token_signature(&id, &issued_at);
    let body = TokenResponse {
        access_token: access,
        // A refresh grant answers without refresh_token unless it rotates it.
        refresh_token: if with_refresh { refresh_tok } else { None },
        signature: sig,
        scope: scope.to_string(),
        instance_url: app.base_url.clone(),
        id,
        token_type: "Bearer",
        issued_at,
    };
    json_resp(200, serde_json::to_string(&body).unwrap_or_default())
}

/// Whose session this access token is, while it is valid.
pub(crate) fn access_user(app: &App, token: &str) -> Option<DemoUser> {
    let st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    let t = st.access.get(token)?;
    (t.epoch == app.faults.session_epoch() && (t.forever || t.issued.elapsed() < app.config.access_token_lifetime))
        .then_some(t.user)
}

// ---------------------------------------------------------------- revoke

pub(crate) fn revoke(app: &App, req: &Req) -> Response {
    inc(&app.counters.revocations);
    let form = req.form();
    let token = param(&form, "token").unwrap_or("").to_string();
    let mut st = app.oauth.lock().unwrap_or_else(|e| e.into_inner());
    if st.refresh.remove(&token).is_some() {
        // Revoking a refresh token also revokes its access tokens (API-NOTES §1 Revocation).
        st.access.retain(|_, a| a.refresh.as_deref() != Some(token.as_str()));
        return with_empty_200();
    }
    if st.access.remove(&token).is_some() {
        return with_empty_200();
    }
    // oauth_revoke_error_400.json
    oauth_error(400, "invalid_token", None)
}
