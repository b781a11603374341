//! Connecting Salesforce: the web server flow (deep link or loopback redirect, PKCE and
//! state), the device flow, the demo org's auto-approval, and Disconnect (revoke at
//! Salesforce, then forget here). Each flow moves the card; a failure says why on it.

use super::binding::RefusedRequests;
use super::callback::{loopback_redirect, parse_callback, CallbackError, DEEP_LINK_REDIRECT};
use super::card::{CardState, ConnectFailure, ConnectedUser, ConnectingVia, Unavailable};
use super::connection::{Connection, KEY_CONNECTION};
use super::loopback::{LoopbackEvent, LoopbackListener};
use super::oauth::{self, DevicePoll, OAuthApp, OAuthClient, OAuthError, TokenResponse};
use super::store::StoredTokens;
use crate::rest::check_api_access;
use crate::store::StoreError;
use std::time::Duration;
use thiserror::Error;

/// Salesforce device codes live 10 minutes (API-NOTES §2); polling stops after that.
const DEVICE_CODE_LIFETIME: Duration = Duration::from_secs(600);

/// A browser sign-in through the loopback listener gives up after as long as a device code
/// lives: the port is not held, and the card not left in *connecting*, for ever.
pub const LOOPBACK_LIFETIME: Duration = DEVICE_CODE_LIFETIME;

#[derive(Debug, Error)]
pub enum ConnectError {
    #[error("{0}")]
    NotAvailable(Unavailable),
    /// The attempt failed, or a redirect was refused (a refusal leaves the card as it was).
    #[error(transparent)]
    Failed(#[from] ConnectFailure),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("The connection attempt was cancelled.")]
    Cancelled,
    #[error("The loopback port {port} could not be opened ({reason}). Close what uses it, or ask your administrator to choose another port.")]
    Loopback { port: u16, reason: String },
    #[error("A connection is already in progress; finish or cancel it first.")]
    AlreadyConnecting,
    /// Disconnect of a session handed over in the environment: nothing of ours to forget, and
    /// revoking a token someone else handed us would surprise its owner.
    #[error("This session comes from SF_INSTANCE_URL and SF_ACCESS_TOKEN: unset them to stop using it (`sf org logout` revokes the token at Salesforce).")]
    EnvironmentSession,
}

impl ConnectError {
    /// A stable machine-readable name, for the UI and `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            ConnectError::NotAvailable(_) => "not_available",
            ConnectError::Failed(f) => f.kind(),
            ConnectError::Store(_) => "store",
            ConnectError::Cancelled => "cancelled",
            ConnectError::Loopback { .. } => "loopback",
            ConnectError::AlreadyConnecting => "already_connecting",
            ConnectError::EnvironmentSession => "invalid",
        }
    }
}

impl From<CallbackError> for ConnectError {
    fn from(e: CallbackError) -> ConnectError {
        ConnectError::Failed(ConnectFailure::Callback(e))
    }
}

impl From<OAuthError> for ConnectError {
    fn from(e: OAuthError) -> ConnectError {
        ConnectError::Failed(ConnectFailure::OAuth(e))
    }
}

/// How a loopback sign-in ended, and what its listener refused meanwhile (counted, not logged
/// one by one; the front ends may say so once).
#[derive(Debug)]
pub struct LoopbackOutcome<E = ConnectError> {
    pub result: Result<ConnectedUser, E>,
    pub refused: RefusedRequests,
}

impl<E> LoopbackOutcome<E> {
    pub fn map_err<F>(self, f: impl FnOnce(E) -> F) -> LoopbackOutcome<F> {
        LoopbackOutcome {
            result: self.result.map_err(f),
            refused: self.refused,
        }
    }
}

/// What Disconnect could tell Salesforce (the local part is done whatever it says).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// Salesforce revoked the app's access.
    Revoked,
    /// Salesforce could not be told; the person can revoke the app there.
    NotTold(OAuthError),
    /// There was no connection to revoke.
    NothingToRevoke,
}

impl Connection {
    /// The card moves to *connecting*, unless another attempt is pending: that one goes on
    /// (its `state` still works, its listener still listens) and this one is refused.
    fn begin_connecting(&self, via: ConnectingVia) -> Result<(), ConnectError> {
        if self.set_connecting(CardState::Connecting { via }) {
            Ok(())
        } else {
            Err(ConnectError::AlreadyConnecting)
        }
    }

    /// Refuses a second attempt before it costs anything (a listener, a request).
    fn not_connecting(&self) -> Result<(), ConnectError> {
        if matches!(self.card(), CardState::Connecting { .. }) {
            return Err(ConnectError::AlreadyConnecting);
        }
        Ok(())
    }

    fn client(&self) -> Result<OAuthClient, ConnectError> {
        self.oauth_client().map_err(ConnectError::NotAvailable)
    }

    /// Moves the card to say why the attempt failed, and gives the failure back.
    fn failed<T>(&self, failure: ConnectFailure) -> Result<T, ConnectError> {
        self.set_card(self.after_failed_connect(failure.clone()));
        Err(failure.into())
    }

    /// Cancels a pending connection: the card goes back to where it was.
    pub fn cancel_connect(&self) {
        self.pending.cancel_all();
        self.cancel.send_modify(|n| *n += 1);
        if matches!(self.card(), CardState::Connecting { .. }) {
            self.reconsider();
        }
    }

    /// Starts the web server flow with the deep-link redirect; the answer comes back
    /// through `handle_callback_url`. Returns the URL to open in the browser.
    pub fn start_deep_link_connect(&self) -> Result<String, ConnectError> {
        let client = self.client()?;
        self.not_connecting()?;
        let started = self.pending.start(DEEP_LINK_REDIRECT, &client.app().scopes);
        let url = client
            .authorize_url(DEEP_LINK_REDIRECT, &started.state, &started.code_challenge)
            .inspect_err(|_| self.pending.cancel(&started.state))?
            .to_string();
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: url.clone(),
        }) {
            // Only this attempt goes: the pending one is still the person's.
            self.pending.cancel(&started.state);
            return Err(e);
        }
        Ok(url)
    }

    /// `--demo` only: runs the real web server flow against the demo org, whose
    /// `auto_approve` switch approves at once (a demo-org convenience, not Salesforce's).
    pub async fn connect_demo_auto_approved(&self) -> Result<ConnectedUser, ConnectError> {
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

    /// The web server flow through the loopback listener: `open` is called with the address
    /// to open in the browser (the listener's one-time start address, which sends the browser
    /// on to Salesforce); ends when Salesforce's answer came back from that browser and was
    /// used, or after [`LOOPBACK_LIFETIME`] without one.
    pub async fn connect_loopback(&self, open: impl FnOnce(&str)) -> LoopbackOutcome {
        self.connect_loopback_within(LOOPBACK_LIFETIME, open).await
    }

    /// [`Connection::connect_loopback`], giving up after `lifetime`: the listener closes, the
    /// attempt's `state` stops working and the card says the answer did not come back.
    pub async fn connect_loopback_within(&self, lifetime: Duration, open: impl FnOnce(&str)) -> LoopbackOutcome {
        let mut refused = RefusedRequests::default();
        let result = self.loopback_attempt(lifetime, open, &mut refused).await;
        if refused.total() > 0 {
            // Once per attempt, however many there were: a flood grows a number, not the log.
            tracing::warn!(
                not_ours = refused.not_ours,
                without_cookie = refused.without_cookie,
                unknown_start = refused.unknown_start,
                "the sign-in listener refused requests that did not come from the person's browser"
            );
        }
        LoopbackOutcome { result, refused }
    }

    async fn loopback_attempt(
        &self,
        lifetime: Duration,
        open: impl FnOnce(&str),
        refused: &mut RefusedRequests,
    ) -> Result<ConnectedUser, ConnectError> {
        let client = self.client()?;
        self.not_connecting()?;
        let port = client.app().loopback_port;
        let mut listener = LoopbackListener::start(port, lifetime)
            .await
            .map_err(|e| ConnectError::Loopback {
                port,
                reason: e.to_string(),
            })?;
        // The listener's own port: the configured one, or any free one when that is 0 (tests).
        let redirect = loopback_redirect(listener.port);
        let started = self.pending.start(&redirect, &client.app().scopes);
        let authorize = client
            .authorize_url(&redirect, &started.state, &started.code_challenge)
            .inspect_err(|_| self.pending.cancel(&started.state))?
            .to_string();
        // Salesforce's address (its state and challenge) goes to the browser in a redirect, never
        // on a command line: what is opened is the one-time start address.
        let start = listener.start_url(&authorize);
        if let Err(e) = self.begin_connecting(ConnectingVia::Browser {
            authorize_url: start.clone(),
        }) {
            self.pending.cancel(&started.state);
            return Err(e);
        }
        open(&start);
        let mut cancelled = self.cancel.subscribe();
        let given_up = tokio::time::sleep(lifetime);
        tokio::pin!(given_up);
        let outcome = loop {
            tokio::select! {
                event = listener.events.recv() => match event {
                    None => break Err(ConnectError::Cancelled),
                    Some(LoopbackEvent::StartedAgain) => {
                        // Someone else has the start address too: stop rather than race them.
                        self.pending.cancel(&started.state);
                        break self.failed(ConnectFailure::StartedTwice);
                    }
                    Some(LoopbackEvent::Callback(callback)) => match self.use_callback(&callback).await {
                        // A reload or a stale tab of the person's browser leaves the attempt pending.
                        Err(ConnectError::Failed(ConnectFailure::Callback(CallbackError::NoPendingAttempt))) if self.pending.is_pending() => continue,
                        other => break other,
                    },
                },
                _ = cancelled.changed() => break Err(ConnectError::Cancelled),
                _ = &mut given_up => {
                    self.pending.cancel(&started.state);
                    break self.failed(ConnectFailure::NoAnswer);
                }
            }
        };
        *refused = listener.refused();
        outcome
    }

    /// A deep link from the browser (`workstation://salesforce/connected?…`). Refused URLs
    /// change nothing. A loopback redirect is not taken here: only the listener, which checks
    /// who sent it, hands those over.
    pub async fn handle_callback_url(&self, url: &str) -> Result<ConnectedUser, ConnectError> {
        if parse_callback(url)?.redirect_uri != DEEP_LINK_REDIRECT {
            return Err(CallbackError::NotOurs.into());
        }
        self.use_callback(url).await
    }

    /// Salesforce's redirect, deep link or loopback, checked against the pending attempts and
    /// exchanged for tokens.
    async fn use_callback(&self, url: &str) -> Result<ConnectedUser, ConnectError> {
        let params = parse_callback(url)?;
        let (code, attempt) = match self.pending.take(&params) {
            Ok(t) => t,
            Err(e @ CallbackError::Refused(_)) | Err(e @ CallbackError::MissingCode) => {
                return self.failed(ConnectFailure::Callback(e));
            }
            Err(e) => {
                tracing::warn!(error = %e, "callback refused");
                return Err(e.into());
            }
        };
        let client = self.client()?;
        let result = client
            .exchange_code(&code, &attempt.redirect_uri, attempt.verifier.expose())
            .await;
        self.finish_connect(&client, result).await
    }

    /// The device flow: `show` receives the user code and verification URL; polling
    /// honours `interval` and `slow_down` and stops on approval, denial, expiry or Cancel.
    pub async fn connect_device(&self, show: impl FnOnce(&str, &str)) -> Result<ConnectedUser, ConnectError> {
        let client = self.client()?;
        self.not_connecting()?;
        let code = client.device_start().await?;
        self.begin_connecting(ConnectingVia::Device {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
        })?;
        show(&code.user_code, &code.verification_uri);
        let mut interval = Duration::from_secs(code.interval.max(1));
        let deadline = tokio::time::Instant::now() + DEVICE_CODE_LIFETIME;
        let mut cancelled = self.cancel.subscribe();
        loop {
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = cancelled.changed() => return Err(ConnectError::Cancelled),
            }
            if tokio::time::Instant::now() > deadline {
                return self.failed(ConnectFailure::DeviceExpired);
            }
            match client.device_poll(&code.device_code).await {
                Ok(DevicePoll::Pending) => {}
                Ok(DevicePoll::SlowDown) => interval += Duration::from_secs(5),
                Ok(DevicePoll::Approved(tokens)) => return self.finish_connect(&client, Ok(tokens)).await,
                Ok(DevicePoll::Denied) => return self.failed(ConnectFailure::DeviceDenied),
                Ok(DevicePoll::Expired) => return self.failed(ConnectFailure::DeviceExpired),
                Err(e) => return self.finish_connect(&client, Err(e)).await,
            }
        }
    }

    async fn finish_connect(
        &self,
        client: &OAuthClient,
        tokens: Result<TokenResponse, OAuthError>,
    ) -> Result<ConnectedUser, ConnectError> {
        let tokens = match tokens {
            Ok(t) => t,
            Err(e) => return self.failed(ConnectFailure::OAuth(e)),
        };
        let info = match oauth::userinfo(&self.http, &tokens.instance_url, &tokens.access_token).await {
            Ok(i) => i,
            Err(e) => return self.failed(ConnectFailure::OAuth(e)),
        };
        let instance_url = tokens.instance_url.trim_end_matches('/').to_string();
        if let Err(who) = check_api_access(&self.http, &instance_url, &tokens.access_token).await {
            // Tokens that cannot be used are given back, and the card says whom to ask.
            let _ = client
                .revoke(tokens.refresh_token.as_ref().unwrap_or(&tokens.access_token))
                .await;
            return self.failed(ConnectFailure::NoApiAccess(who));
        }
        let user = ConnectedUser {
            name: info.name,
            username: info.preferred_username,
            user_id: info.user_id,
            org_id: info.organization_id,
            instance_url,
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
            return self.failed(ConnectFailure::Credentials(e));
        }
        self.store.set(KEY_CONNECTION, &user)?;
        self.set_card(CardState::connected(user.clone()));
        Ok(user)
    }

    /// Revokes at Salesforce, deletes the tokens and who was connected, resets the card — the
    /// local part happens even when Salesforce cannot be reached.
    pub async fn disconnect(&self) -> Result<Revocation, ConnectError> {
        if self.from_environment() {
            return Err(ConnectError::EnvironmentSession);
        }
        self.cancel_connect();
        let tokens = self.credentials.load().unwrap_or(None);
        let revocation = match tokens {
            None => Revocation::NothingToRevoke,
            Some(t) => {
                let client = self.oauth_client().unwrap_or_else(|_| {
                    // The policy changed since: revoke at the host that issued the tokens.
                    let app = OAuthApp {
                        login_host: t.login_host.clone(),
                        client_id: t.client_id.clone(),
                        client_secret: None,
                        loopback_port: 0,
                        scopes: crate::policy::Scopes::least(),
                    };
                    OAuthClient::new(self.http.clone(), app)
                });
                match client.revoke(&t.refresh().unwrap_or_else(|| t.access())).await {
                    Ok(()) => Revocation::Revoked,
                    Err(e) => Revocation::NotTold(e),
                }
            }
        };
        self.credentials.delete().map_err(ConnectFailure::Credentials)?;
        self.store.remove(KEY_CONNECTION)?;
        self.reconsider();
        Ok(revocation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::setup::Setup;
    use crate::auth::store::MemoryStore;
    use crate::store::LocalStore;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// A connection whose policy sends the loopback redirect to `port`. Its login host is a
    /// closed port on this computer: these attempts never get as far as a token request.
    fn connection(dir: &tempfile::TempDir, port: u16) -> Connection {
        let mut policy = crate::policy::demo_policy("http://127.0.0.1:9");
        if let crate::policy::SalesforcePolicy::Enabled(app) = &mut policy.salesforce {
            app.loopback_port = port;
        }
        Connection::new(
            Setup::Policy(Ok(Some(policy))),
            Arc::new(LocalStore::open(dir.path().join("settings.json")).expect("store")),
            Arc::new(MemoryStore::default()),
            crate::http::client().expect("http"),
        )
    }

    #[tokio::test]
    async fn a_listener_already_on_ipv6_loopback_stops_the_attempt_before_the_browser_opens() {
        // Another local user on [::1]:PORT would receive the code and the state from a browser
        // that tries ::1 first for `localhost`.
        let Ok(squatter) = std::net::TcpListener::bind("[::1]:0") else {
            eprintln!("no IPv6 loopback on this computer: nobody can listen on [::1]");
            return;
        };
        squatter.set_nonblocking(true).expect("nonblocking");
        let port = squatter.local_addr().expect("addr").port();
        let dir = tempfile::tempdir().expect("tmp");
        let conn = connection(&dir, port);
        let opened = AtomicBool::new(false);
        let result = tokio::time::timeout(
            Duration::from_secs(10),
            conn.connect_loopback(|_| opened.store(true, Ordering::SeqCst)),
        )
        .await
        .expect("refused at once, not left waiting for a redirect someone else would get")
        .result;
        match result {
            Err(e @ ConnectError::Loopback { .. }) => {
                assert_eq!(e.kind(), "loopback");
                assert!(e.to_string().contains(&format!("[::1]:{port}")), "{e}");
            }
            other => panic!("expected the loopback error, got {other:?}"),
        }
        assert!(
            !opened.load(Ordering::SeqCst),
            "the browser was sent to a redirect we do not own"
        );
        assert!(!conn.pending.is_pending(), "no attempt (state, verifier) was started");
        assert_eq!(conn.card().name(), "not_connected");
        assert_eq!(
            squatter.accept().map(|_| ()).map_err(|e| e.kind()),
            Err(std::io::ErrorKind::WouldBlock),
            "nothing reached the other listener"
        );
    }

    #[tokio::test]
    async fn a_loopback_attempt_without_an_answer_gives_up_closes_its_port_and_leaves_connecting() {
        let dir = tempfile::tempdir().expect("tmp");
        let conn = connection(&dir, 0);
        let port = std::sync::Mutex::new(0u16);
        let started = std::time::Instant::now();
        let result = tokio::time::timeout(
            Duration::from_secs(10),
            conn.connect_loopback_within(Duration::from_millis(300), |url| {
                *port.lock().expect("lock") = url::Url::parse(url).expect("url").port().expect("port");
            }),
        )
        .await
        .expect("the attempt gives up by itself")
        .result;
        assert!(started.elapsed() >= Duration::from_millis(300));
        match result {
            Err(ConnectError::Failed(ConnectFailure::NoAnswer)) => {}
            other => panic!("expected NoAnswer, got {other:?}"),
        }
        assert_eq!(
            conn.card(),
            CardState::NotConnected {
                message: Some(ConnectFailure::NoAnswer)
            }
        );
        assert!(!conn.pending.is_pending(), "the attempt's state no longer works");
        let port = *port.lock().expect("lock");
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        loop {
            match tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => break,
                other => {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "port {port} still open: {other:?}"
                    );
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }
    /// A browser that keeps to itself what a server sends it: no redirect followed here.
    fn browser() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// What a browser does with the one-time start address `start` when Salesforce (here
    /// stood in for: its login host answers nothing) approves at once: the redirect it would
    /// be sent back to, with this attempt's state, and the cookie `start` set.
    async fn browser_approves(start: &str) -> (String, String) {
        let answer = browser().get(start).send().await.expect("the start address answers");
        assert_eq!(answer.status(), reqwest::StatusCode::FOUND);
        let header = |name: &str| {
            answer
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("no {name}"))
                .to_string()
        };
        let (authorize, set_cookie) = (header("location"), header("set-cookie"));
        let cookie = set_cookie.split(';').next().expect("name=value").to_string();
        let callback = format!(
            "{}?code=c&state={}",
            query(&authorize, "redirect_uri"),
            query(&authorize, "state")
        );
        (callback, cookie)
    }

    fn query(url: &str, name: &str) -> String {
        url::Url::parse(url)
            .expect("url")
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| panic!("no {name} in {url}"))
    }

    #[tokio::test]
    async fn a_second_connect_while_a_deep_link_attempt_is_pending_leaves_that_attempt_as_it_was() {
        let dir = tempfile::tempdir().expect("tmp");
        let conn = connection(&dir, 0);
        let first = conn.start_deep_link_connect().expect("the first attempt starts");
        let connecting = conn.card();
        for second in [
            conn.start_deep_link_connect().err(),
            conn.connect_loopback(|_| panic!("no second browser"))
                .await
                .result
                .err(),
            conn.connect_device(|_, _| panic!("no code")).await.err(),
        ] {
            assert!(matches!(second, Some(ConnectError::AlreadyConnecting)), "{second:?}");
        }
        assert_eq!(conn.card(), connecting, "the card still shows the first attempt");
        let answer = crate::auth::callback::parse_callback(&format!(
            "{DEEP_LINK_REDIRECT}?code=c&state={}",
            query(&first, "state")
        ))
        .expect("ours");
        assert!(
            conn.pending.take(&answer).is_ok(),
            "the first attempt's state still works"
        );
    }

    #[tokio::test]
    async fn a_second_connect_while_a_loopback_attempt_is_pending_leaves_its_listener_and_state() {
        let dir = tempfile::tempdir().expect("tmp");
        let conn = connection(&dir, 0);
        let (tx, rx) = tokio::sync::oneshot::channel::<String>();
        let first = conn.connect_loopback_within(Duration::from_secs(20), move |url| {
            let _ = tx.send(url.to_string());
        });
        let second = async {
            let url = rx.await.expect("the browser is opened");
            for second in [
                conn.start_deep_link_connect().err(),
                conn.connect_loopback(|_| panic!("no second browser"))
                    .await
                    .result
                    .err(),
                conn.connect_device(|_, _| panic!("no code")).await.err(),
            ] {
                assert!(matches!(second, Some(ConnectError::AlreadyConnecting)), "{second:?}");
            }
            // Salesforce's answer to the first attempt, from the browser it opened, reaches its
            // listener and is used.
            let (callback, cookie) = browser_approves(&url).await;
            let answer = browser()
                .get(&callback)
                .header("cookie", cookie)
                .send()
                .await
                .expect("the first attempt still listens");
            assert!(answer.status().is_success(), "{}", answer.status());
        };
        let (result, ()) = tokio::time::timeout(Duration::from_secs(15), async { tokio::join!(first, second) })
            .await
            .expect("the first attempt ends");
        // Its code went on to the token request (the login host of this test answers nothing):
        // the attempt was still the app's, not refused as unknown.
        match result.result {
            Err(ConnectError::Failed(ConnectFailure::OAuth(_))) => {}
            other => panic!("expected the token request to be tried, got {other:?}"),
        }
    }
}
