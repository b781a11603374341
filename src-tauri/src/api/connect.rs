//! Connecting Salesforce: the web server flow (deep link or loopback redirect, PKCE and
//! state), the device flow, the demo's auto-approval, and Disconnect (revoke, then forget).

use super::localize::{self, Localize};
use super::*;
use crate::auth::callback::{loopback_redirect, parse_callback, CallbackError, DEEP_LINK_REDIRECT};
use crate::auth::card::{CardState, ConnectedUser, ConnectingVia};
use crate::auth::loopback::LoopbackListener;
use crate::auth::oauth::{self, DevicePoll, OAuthApp, OAuthClient, OAuthError, TokenResponse};
use crate::auth::store::StoredTokens;
use serde::Serialize;
use std::time::Duration;

/// How the person chose to connect on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectMethod {
    /// The web server flow in the system browser (deep link or loopback redirect).
    Browser,
    /// The device flow: a code to enter on another device.
    Device,
}

/// What disconnect did, said in the front end's language.
#[derive(Debug, Clone, Serialize)]
pub struct Disconnected {
    pub revoked: bool,
    pub message: String,
}

impl Workstation {
    // ----- connect -----

    pub(super) fn oauth_client(&self) -> Result<OAuthClient, ApiError> {
        let app = self.app().map_err(ApiError::NotAvailable)?;
        Ok(OAuthClient::new(self.http.clone(), app))
    }

    pub(super) fn begin_connecting(&self, via: ConnectingVia) -> Result<(), ApiError> {
        if matches!(self.card(), CardState::Connecting { .. }) {
            return Err(ApiError::AlreadyConnecting);
        }
        self.set_card(CardState::Connecting { via });
        Ok(())
    }

    /// Cancels a pending connection: the card goes back to where it was.
    /// The card after a connect that failed or was refused: a Reconnect that did not go through
    /// goes back to *needs attention* with the last user (and its Reconnect button); a first
    /// connect goes back to *not connected*. Either way it says why.
    pub(super) fn after_failed_connect(&self, message: String) -> CardState {
        match self.store.get::<ConnectedUser>(KEY_CONNECTION) {
            Some(user) => CardState::NeedsAttention {
                user: Some(user),
                reason: message,
            },
            None => CardState::NotConnected { message: Some(message) },
        }
    }

    pub fn cancel_connect(&self) {
        self.pending.cancel_all();
        self.cancel.send_modify(|n| *n += 1);
        if matches!(self.card(), CardState::Connecting { .. }) {
            self.set_card(self.initial_state());
        }
    }

    /// Starts the web server flow with the deep-link redirect; the answer comes back
    /// through `handle_callback_url`. Returns the URL to open in the browser.
    pub fn start_deep_link_connect(&self) -> Result<String, ApiError> {
        let client = self.oauth_client()?;
        let started = self.pending.start(DEEP_LINK_REDIRECT);
        let url = client
            .authorize_url(DEEP_LINK_REDIRECT, &started.state, &started.code_challenge)?
            .to_string();
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: url.clone(),
        }) {
            self.pending.cancel_all();
            return Err(e);
        }
        Ok(url)
    }

    /// `--demo` only: runs the real web server flow against the demo org, whose
    /// `auto_approve` switch approves at once (a demo-org convenience, not Salesforce's).
    pub async fn connect_demo_auto_approved(&self) -> Result<ConnectedUser, ApiError> {
        let url = self.start_deep_link_connect()?;
        let answer = self.http.get(format!("{url}&auto_approve=true")).send().await;
        let location = match answer {
            Ok(r) => r
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(String::from),
            Err(e) => {
                self.cancel_connect();
                return Err(OAuthError::Network(e.to_string()).into());
            }
        };
        match location {
            Some(callback) => self.handle_callback_url(&callback).await,
            None => {
                self.cancel_connect();
                Err(OAuthError::Malformed("the demo org did not redirect".into()).into())
            }
        }
    }

    /// The web server flow through the loopback listener: `open` is called with the
    /// authorization URL; returns when Salesforce's answer came back and was used.
    pub async fn connect_loopback(&self, open: impl FnOnce(&str)) -> Result<ConnectedUser, ApiError> {
        let client = self.oauth_client()?;
        let port = client.app().loopback_port;
        let mut listener = LoopbackListener::start(port).await.map_err(|e| ApiError::Loopback {
            port,
            reason: e.to_string(),
        })?;
        // The listener's own port: the configured one, or any free one when that is 0 (tests).
        let redirect = loopback_redirect(listener.port);
        let started = self.pending.start(&redirect);
        let url = client
            .authorize_url(&redirect, &started.state, &started.code_challenge)?
            .to_string();
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: url.clone(),
        }) {
            self.pending.cancel_all();
            return Err(e);
        }
        open(&url);
        let mut cancelled = self.cancel.subscribe();
        loop {
            tokio::select! {
                callback = listener.callbacks.recv() => {
                    let Some(callback) = callback else { return Err(ApiError::Cancelled) };
                    match self.handle_callback_url(&callback).await {
                        // Stray requests (a favicon, a forged state) leave the attempt pending.
                        Err(ApiError::Callback(CallbackError::NoPendingAttempt)) if self.pending.is_pending() => continue,
                        other => return other,
                    }
                }
                _ = cancelled.changed() => return Err(ApiError::Cancelled),
            }
        }
    }

    /// A redirect from the browser (deep link or loopback). Refused URLs change nothing.
    pub async fn handle_callback_url(&self, url: &str) -> Result<ConnectedUser, ApiError> {
        let params = parse_callback(url)?;
        let taken = self.pending.take(&params);
        let (code, attempt) = match taken {
            Ok(t) => t,
            Err(e @ CallbackError::Denied(_)) | Err(e @ CallbackError::MissingCode) => {
                self.set_card(self.after_failed_connect(localize::remember(&e)));
                return Err(e.into());
            }
            Err(e) => {
                tracing::warn!(error = %e, "callback refused");
                return Err(e.into());
            }
        };
        let client = self.oauth_client()?;
        let result = client
            .exchange_code(&code, &attempt.redirect_uri, attempt.verifier.expose())
            .await;
        self.finish_connect(&client, result).await
    }

    /// The device flow: `show` receives the user code and verification URL; polling
    /// honours `interval` and `slow_down` and stops on approval, denial, expiry or Cancel.
    pub async fn connect_device(&self, show: impl FnOnce(&str, &str)) -> Result<ConnectedUser, ApiError> {
        let client = self.oauth_client()?;
        let code = client.device_start().await?;
        self.begin_connecting(ConnectingVia::Device {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
        })?;
        show(&code.user_code, &code.verification_uri);
        let mut interval = Duration::from_secs(code.interval.max(1));
        // Salesforce device codes live 10 minutes [API-NOTES §2]; stop polling after that.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
        let mut cancelled = self.cancel.subscribe();
        loop {
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = cancelled.changed() => return Err(ApiError::Cancelled),
            }
            if tokio::time::Instant::now() > deadline {
                self.set_card(self.after_failed_connect(ApiError::DeviceExpired.to_string()));
                return Err(ApiError::DeviceExpired);
            }
            match client.device_poll(&code.device_code).await {
                Ok(DevicePoll::Pending) => {}
                Ok(DevicePoll::SlowDown) => interval += Duration::from_secs(5),
                Ok(DevicePoll::Approved(tokens)) => return self.finish_connect(&client, Ok(tokens)).await,
                Ok(DevicePoll::Denied) => {
                    self.set_card(self.after_failed_connect(ApiError::DeviceDenied.to_string()));
                    return Err(ApiError::DeviceDenied);
                }
                Ok(DevicePoll::Expired) => {
                    self.set_card(self.after_failed_connect(ApiError::DeviceExpired.to_string()));
                    return Err(ApiError::DeviceExpired);
                }
                Err(e) => return self.finish_connect(&client, Err(e)).await,
            }
        }
    }

    pub(super) async fn finish_connect(
        &self,
        client: &OAuthClient,
        tokens: Result<TokenResponse, OAuthError>,
    ) -> Result<ConnectedUser, ApiError> {
        let fail = |e: ApiError| {
            self.set_card(self.after_failed_connect(localize::remember(&e)));
            Err(e)
        };
        let tokens = match tokens {
            Ok(t) => t,
            Err(e) => return fail(e.into()),
        };
        let info = match oauth::userinfo(&self.http, &tokens.instance_url, &tokens.access_token).await {
            Ok(i) => i,
            Err(e) => return fail(e.into()),
        };
        let user = ConnectedUser {
            name: info.name,
            username: info.preferred_username,
            user_id: info.user_id,
            org_id: info.organization_id,
            instance_url: tokens.instance_url.trim_end_matches('/').to_string(),
        };
        let stored = StoredTokens {
            access_token: tokens.access_token.expose().to_string(),
            refresh_token: tokens.refresh_token.as_ref().map(|r| r.expose().to_string()),
            instance_url: user.instance_url.clone(),
            login_host: client.app().login_host.clone(),
            client_id: client.app().client_id.clone(),
            user: Some(user.clone()),
        };
        if let Err(e) = self.credentials.save(&stored) {
            // Tokens we cannot keep safely are given back at once.
            let _ = client
                .revoke(tokens.refresh_token.as_ref().unwrap_or(&tokens.access_token))
                .await;
            return fail(e.into());
        }
        self.store.set(KEY_CONNECTION, &user)?;
        self.drop_live();
        self.set_card(CardState::connected(user.clone()));
        // The new session at once, so that running pipelines search with it.
        let _ = self.live();
        Ok(user)
    }

    /// Revokes at Salesforce, deletes locally, clears the instant-results cache, resets
    /// the card — the local part happens even when Salesforce cannot be reached.
    pub async fn disconnect(&self) -> Result<Disconnected, ApiError> {
        if let Setup::AccessToken { .. } | Setup::UnusableEnvironment(_) = self.setup {
            // Nothing of ours to forget, and revoking a token someone else handed us would
            // surprise its owner.
            return Err(ApiError::Invalid(localize::twin(
                "This session comes from SF_INSTANCE_URL and SF_ACCESS_TOKEN: unset them to stop using it (`sf org logout` revokes the token at Salesforce).",
                "Cette session vient de SF_INSTANCE_URL et SF_ACCESS_TOKEN : retirez-les pour ne plus l’utiliser (`sf org logout` révoque le jeton chez Salesforce).",
            )));
        }
        self.cancel_connect();
        let tokens = self.credentials.load().unwrap_or(None);
        let revoke = match (&tokens, self.oauth_client()) {
            (Some(t), Ok(client)) => {
                let token = t.refresh().unwrap_or_else(|| t.access());
                Some(client.revoke(&token).await)
            }
            (Some(t), Err(_)) => {
                // The policy changed since: revoke at the host that issued the tokens.
                let app = OAuthApp {
                    login_host: t.login_host.clone(),
                    client_id: t.client_id.clone(),
                    client_secret: None,
                    loopback_port: 0,
                };
                Some(
                    OAuthClient::new(self.http.clone(), app)
                        .revoke(&t.refresh().unwrap_or_else(|| t.access()))
                        .await,
                )
            }
            (None, _) => None,
        };
        self.credentials.delete()?;
        self.store.remove(KEY_CONNECTION)?;
        self.forget_searches();
        self.drop_live();
        // Said in the front end's language.
        let said = |en: String, fr: String| match localize::current() {
            localize::Lang::En => en,
            localize::Lang::Fr => fr,
        };
        let (revoked, message) = match revoke {
            Some(Ok(())) => (true, said("Disconnected. Salesforce revoked the app's access.".into(), "Déconnecté. Salesforce a révoqué l’accès de l’application.".into())),
            Some(Err(e)) => (false, said(
                format!("Disconnected on this computer, but Salesforce could not be told ({e}). You can revoke the app in Salesforce under Settings → Connected Apps OAuth Usage."),
                format!("Déconnecté sur cet ordinateur, mais Salesforce n’a pas pu être prévenu ({}). Vous pouvez révoquer l’application dans Salesforce sous Configuration → Utilisation OAuth des applications connectées.", e.french()),
            )),
            None => (false, said("Salesforce was not connected.".into(), "Salesforce n’était pas connecté.".into())),
        };
        self.set_card(self.initial_state());
        Ok(Disconnected { revoked, message })
    }
}
