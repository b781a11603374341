//! The web server flow's two ends: starting an attempt (PKCE S256 verifier + `state`,
//! from the oauth2 crate) and checking the redirect that comes back by deep link or
//! loopback. A callback is accepted only if it is ours, its `state` matches a pending
//! attempt, and that attempt has not been used; anything else changes nothing.

use super::refusal::AuthorizeRefusal;
use crate::policy::Scopes;
use crate::secret::Secret;
use oauth2::{CsrfToken, PkceCodeChallenge};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use thiserror::Error;
use url::Url;

/// Our URL scheme, registered with the OS (tauri.conf.json, the .deb's desktop entry).
pub const SCHEME: &str = "workstation";
pub const DEEP_LINK_REDIRECT: &str = "workstation://salesforce/connected";
pub const CALLBACK_PATH: &str = "/salesforce/connected";
/// An attempt older than this is refused (the user walked away).
pub const ATTEMPT_LIFETIME: Duration = Duration::from_secs(15 * 60);

pub fn loopback_redirect(port: u16) -> String {
    format!("http://localhost:{port}{CALLBACK_PATH}")
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CallbackError {
    #[error("This link was not meant for Workstation's Salesforce connection and was ignored.")]
    NotOurs,
    #[error("No Salesforce connection is waiting for this answer (it may have been cancelled, used already or expired). Click Connect to start again.")]
    NoPendingAttempt,
    #[error("Salesforce's answer did not include an authorization code.")]
    MissingCode,
    /// Salesforce refused at the authorize step; why, in [`AuthorizeRefusal`].
    #[error(transparent)]
    Refused(AuthorizeRefusal),
}

/// What the redirect carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackParams {
    pub redirect_uri: String,
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Reads a redirect URL. Only `workstation://salesforce/connected` and
/// `http://localhost|127.0.0.1:PORT/salesforce/connected` are ours.
pub fn parse_callback(url: &str) -> Result<CallbackParams, CallbackError> {
    let parsed = Url::parse(url.trim()).map_err(|_| CallbackError::NotOurs)?;
    let redirect_uri = match parsed.scheme() {
        "workstation" => {
            if parsed.host_str() != Some("salesforce") || parsed.path() != "/connected" {
                return Err(CallbackError::NotOurs);
            }
            DEEP_LINK_REDIRECT.to_string()
        }
        "http" => {
            let loopback = matches!(parsed.host_str(), Some("localhost") | Some("127.0.0.1"));
            if !loopback || parsed.path() != CALLBACK_PATH || parsed.username() != "" {
                return Err(CallbackError::NotOurs);
            }
            loopback_redirect(parsed.port().ok_or(CallbackError::NotOurs)?)
        }
        _ => return Err(CallbackError::NotOurs),
    };
    let mut params = CallbackParams {
        redirect_uri,
        code: None,
        state: None,
        error: None,
        error_description: None,
    };
    for (k, v) in parsed.query_pairs() {
        let slot = match k.as_ref() {
            "code" => &mut params.code,
            "state" => &mut params.state,
            "error" => &mut params.error,
            "error_description" => &mut params.error_description,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(v.into_owned());
        }
    }
    Ok(params)
}

/// A started attempt, waiting for its redirect.
pub struct PendingAttempt {
    pub verifier: Secret,
    pub redirect_uri: String,
    /// What was asked for, to name in a refusal of them.
    scopes: String,
    started: Instant,
}

/// Attempts in flight, keyed by `state`. Each is taken out once.
#[derive(Default)]
pub struct PendingAttempts {
    attempts: Mutex<HashMap<String, PendingAttempt>>,
}

/// What `start` hands out: the challenge goes in the URL, the state identifies the attempt.
pub struct Started {
    pub state: String,
    pub code_challenge: String,
}

impl PendingAttempts {
    pub fn start(&self, redirect_uri: &str, scopes: &Scopes) -> Started {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let state = CsrfToken::new_random().secret().clone();
        if let Ok(mut a) = self.attempts.lock() {
            a.retain(|_, p| p.started.elapsed() < ATTEMPT_LIFETIME);
            a.insert(
                state.clone(),
                PendingAttempt {
                    verifier: Secret::new(verifier.secret().clone()),
                    redirect_uri: redirect_uri.to_string(),
                    scopes: scopes.to_string(),
                    started: Instant::now(),
                },
            );
        }
        Started {
            state,
            code_challenge: challenge.as_str().to_string(),
        }
    }

    /// Forgets one attempt (one that could not start, or gave up); the others stay pending.
    pub fn cancel(&self, state: &str) {
        if let Ok(mut a) = self.attempts.lock() {
            a.remove(state);
        }
    }

    pub fn cancel_all(&self) {
        if let Ok(mut a) = self.attempts.lock() {
            a.clear();
        }
    }

    pub fn is_pending(&self) -> bool {
        self.attempts.lock().map(|a| !a.is_empty()).unwrap_or(false)
    }

    /// Checks a callback against the pending attempts. On success the attempt is consumed
    /// and the code returned; an unknown or replayed `state` consumes nothing.
    pub fn take(&self, params: &CallbackParams) -> Result<(String, PendingAttempt), CallbackError> {
        let state = params.state.as_deref().ok_or(CallbackError::NoPendingAttempt)?;
        let mut attempts = self.attempts.lock().map_err(|_| CallbackError::NoPendingAttempt)?;
        match attempts.get(state) {
            Some(p) if p.redirect_uri == params.redirect_uri && p.started.elapsed() < ATTEMPT_LIFETIME => {}
            _ => return Err(CallbackError::NoPendingAttempt),
        }
        let attempt = attempts.remove(state).ok_or(CallbackError::NoPendingAttempt)?;
        if let Some(error) = &params.error {
            return Err(CallbackError::Refused(AuthorizeRefusal::from_answer(
                error,
                params.error_description.as_deref(),
                &attempt.scopes,
            )));
        }
        let code = params
            .code
            .clone()
            .filter(|c| !c.is_empty())
            .ok_or(CallbackError::MissingCode)?;
        Ok((code, attempt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_urls_are_callbacks() {
        assert!(parse_callback("workstation://salesforce/connected?code=a&state=b").is_ok());
        assert!(parse_callback("http://localhost:3002/salesforce/connected?code=a&state=b").is_ok());
        for foreign in [
            "workstation://evil/connected?code=a",
            "workstation://salesforce/other?code=a",
            "https://localhost:3002/salesforce/connected?code=a",
            "http://example.com:3002/salesforce/connected?code=a",
            "http://user@localhost:3002/salesforce/connected?code=a",
            "javascript:alert(1)",
            "",
            "not a url",
        ] {
            assert_eq!(parse_callback(foreign), Err(CallbackError::NotOurs), "{foreign}");
        }
    }

    #[test]
    fn state_is_single_use() {
        let pending = PendingAttempts::default();
        let started = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
        let url = format!("{DEEP_LINK_REDIRECT}?code=c1&state={}", started.state);
        let params = parse_callback(&url).expect("ours");
        assert_eq!(pending.take(&params).expect("first use").0, "c1");
        assert_eq!(pending.take(&params).err(), Some(CallbackError::NoPendingAttempt));
    }

    #[test]
    fn a_wrong_state_consumes_nothing() {
        let pending = PendingAttempts::default();
        let started = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
        let forged = parse_callback(&format!("{DEEP_LINK_REDIRECT}?code=x&state=forged")).expect("ours");
        assert_eq!(pending.take(&forged).err(), Some(CallbackError::NoPendingAttempt));
        let real = parse_callback(&format!("{DEEP_LINK_REDIRECT}?code=c&state={}", started.state)).expect("ours");
        assert!(pending.take(&real).is_ok());
    }

    #[test]
    fn redirect_must_match_the_attempt() {
        let pending = PendingAttempts::default();
        let started = pending.start(&loopback_redirect(3002), &Scopes::least());
        let via_deep_link =
            parse_callback(&format!("{DEEP_LINK_REDIRECT}?code=c&state={}", started.state)).expect("ours");
        assert_eq!(
            pending.take(&via_deep_link).err(),
            Some(CallbackError::NoPendingAttempt)
        );
    }

    #[test]
    fn denial_and_missing_code_are_refused() {
        let pending = PendingAttempts::default();
        let s = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
        let denied = parse_callback(&format!(
            "{DEEP_LINK_REDIRECT}?error=access_denied&error_description=end-user+denied+authorization&state={}",
            s.state
        ))
        .expect("ours");
        assert_eq!(
            pending.take(&denied).err(),
            Some(CallbackError::Refused(AuthorizeRefusal::Denied(
                "end-user denied authorization".into()
            )))
        );
        let s = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
        let no_code = parse_callback(&format!("{DEEP_LINK_REDIRECT}?state={}", s.state)).expect("ours");
        assert_eq!(pending.take(&no_code).err(), Some(CallbackError::MissingCode));
    }

    #[test]
    fn pkce_challenge_is_s256_of_the_verifier() {
        use base64::Engine;
        use sha2::Digest;
        let pending = PendingAttempts::default();
        let s = pending.start(DEEP_LINK_REDIRECT, &Scopes::least());
        let params = parse_callback(&format!("{DEEP_LINK_REDIRECT}?code=c&state={}", s.state)).expect("ours");
        let (_, attempt) = pending.take(&params).expect("taken");
        let digest = sha2::Sha256::digest(attempt.verifier.expose().as_bytes());
        assert_eq!(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest),
            s.code_challenge
        );
    }
}
