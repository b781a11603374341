//! Calls to Salesforce's OAuth endpoints on the login host: code exchange, refresh,
//! revoke, userinfo and the device flow (API-NOTES §1–2). Token requests never follow
//! redirects (oauth2-rs's SSRF advice); answers are read as Salesforce sends them —
//! `issued_at` as a string of milliseconds, no `expires_in`.

use super::refusal::AuthorizeRefusal;
use crate::policy::Scopes;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::Url;

/// The connected app as the administrator configured it.
#[derive(Debug, Clone)]
pub struct OAuthApp {
    /// Origin of the login host, e.g. `https://acme.my.salesforce.com` (no trailing slash).
    pub login_host: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub loopback_port: u16,
    /// Asked for at the authorize step and the device flow's first request.
    pub scopes: Scopes,
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum OAuthError {
    #[error("Salesforce's login service could not be reached ({0}).")]
    Network(String),
    #[error("Salesforce's login service did not answer in time.")]
    Timeout,
    /// The login host's certificate is not one this computer trusts (host and port): a
    /// TLS-inspecting proxy or firewall whose authority is not in the OS's trust store.
    #[error("{}", crate::http::certificate_not_trusted_words(.0))]
    CertificateNotTrusted(String),
    #[error("Salesforce no longer accepts this connection ({0}). Reconnect Salesforce.")]
    RefreshRevoked(String),
    #[error("Salesforce refused: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Rejected { error: String, description: Option<String> },
    /// The device flow's first request refused at the authorize step (a scope the connected
    /// app does not select, the app blocked…).
    #[error(transparent)]
    Refused(AuthorizeRefusal),
    #[error("Salesforce's login service sent an answer the app could not read: {0}")]
    Malformed(String),
    /// The token answer's `instance_url`, where every request would carry the token, is not
    /// a Salesforce address over https (nor this computer, for a login host on this computer).
    #[error("The login service answered with {0:?} as your org's address, which is not a Salesforce https address, so the app did not use it. Check the Salesforce domain in the policy with your administrator; a proxy or a fake sign-in page may be in the way.")]
    UntrustedInstance(String),
    /// The device flow's first answer names, as the page to approve on, something other than a
    /// Salesforce page over https (nor this computer, for a login host on this computer), or its
    /// page or code holds characters no page or code has: nothing of it is shown or opened.
    #[error("The login service named {0:?} as the page where you approve this computer, which is not a Salesforce https page, so the app did not show it. Try again; if it happens again, a proxy or a fake sign-in page may be in the way: tell your administrator.")]
    UntrustedVerificationPage(String),
}

#[derive(Deserialize)]
struct RawToken {
    access_token: String,
    refresh_token: Option<String>,
    instance_url: String,
    id: Option<String>,
    issued_at: Option<String>,
    scope: Option<String>,
}

/// A token answer. Secrets stay wrapped.
#[derive(Debug, Clone)]
pub struct TokenResponse {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    pub instance_url: String,
    pub id_url: Option<String>,
    pub issued_at: Option<String>,
    pub scope: Option<String>,
}

#[derive(Debug, Deserialize)]
struct OAuthErrorBody {
    error: String,
    error_description: Option<String>,
}

/// Who is connected, from `/services/oauth2/userinfo` (sample: oauth_userinfo_response.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub user_id: String,
    pub organization_id: String,
    pub name: String,
    pub preferred_username: String,
    #[serde(default)]
    pub email: Option<String>,
}

/// The device flow's first answer (sample: oauth_device_code_response.json).
#[derive(Debug, Clone, Deserialize)]
pub struct DeviceCode {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    #[serde(default)]
    pub interval: u64,
}

/// One poll of the device flow.
#[derive(Debug)]
pub enum DevicePoll {
    Pending,
    SlowDown,
    Approved(TokenResponse),
    Denied,
    Expired,
}

/// The `error` of a refused revoke. Salesforce answers JSON (oauth_revoke_error_400.json), but
/// jsforce reads revoke errors as JSON or form-encoded (`error=invalid_token&…`,
/// jsforce/jsforce src/oauth2.ts `revokeToken`), so both are understood; an empty or other body
/// names no error.
fn revoke_error(body: &[u8]) -> Option<String> {
    if let Ok(e) = serde_json::from_slice::<OAuthErrorBody>(body) {
        return Some(e.error);
    }
    url::form_urlencoded::parse(body)
        .find(|(k, _)| k == "error")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

pub(crate) fn network_error(e: reqwest::Error) -> OAuthError {
    use crate::http::NetworkFailure;
    match crate::http::classify(e) {
        NetworkFailure::Timeout => OAuthError::Timeout,
        NetworkFailure::CertificateNotTrusted(host) => OAuthError::CertificateNotTrusted(host),
        NetworkFailure::Unreachable(why) => OAuthError::Network(why),
    }
}

#[derive(Debug, Clone)]
pub struct OAuthClient {
    http: reqwest::Client,
    app: OAuthApp,
}

impl OAuthClient {
    pub fn new(http: reqwest::Client, app: OAuthApp) -> Self {
        OAuthClient { http, app }
    }

    pub fn app(&self) -> &OAuthApp {
        &self.app
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}/services/oauth2/{}", self.app.login_host.trim_end_matches('/'), path)
    }

    /// The authorization URL of the web server flow, with PKCE S256 and `state`.
    pub fn authorize_url(&self, redirect_uri: &str, state: &str, code_challenge: &str) -> Result<Url, OAuthError> {
        let mut url = Url::parse(&self.endpoint("authorize")).map_err(|e| OAuthError::Malformed(e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.app.client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", &self.app.scopes.to_string())
            .append_pair("state", state)
            .append_pair("code_challenge", code_challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(url)
    }

    fn with_client<'a>(&'a self, mut form: Vec<(&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
        form.push(("client_id", &self.app.client_id));
        if let Some(secret) = &self.app.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        form.push(("format", "json"));
        form
    }

    async fn post_token(&self, form: &[(&str, &str)]) -> Result<Result<TokenResponse, OAuthErrorBody>, OAuthError> {
        let response = self
            .http
            .post(self.endpoint("token"))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .map_err(network_error)?;
        let status = response.status();
        let body = response.bytes().await.map_err(network_error)?;
        if status.is_success() {
            let raw: RawToken =
                serde_json::from_slice(&body).map_err(|e| OAuthError::Malformed(format!("token answer: {e}")))?;
            // Code exchange, refresh and device flow alike: the token goes nowhere else.
            if !crate::policy::is_instance_for(&self.app.login_host, &raw.instance_url) {
                return Err(OAuthError::UntrustedInstance(raw.instance_url));
            }
            return Ok(Ok(TokenResponse {
                access_token: Secret::new(raw.access_token),
                refresh_token: raw.refresh_token.map(Secret::new),
                instance_url: raw.instance_url,
                id_url: raw.id,
                issued_at: raw.issued_at,
                scope: raw.scope,
            }));
        }
        match serde_json::from_slice::<OAuthErrorBody>(&body) {
            Ok(err) => Ok(Err(err)),
            Err(_) => Err(OAuthError::Malformed(format!(
                "HTTP {} from the token endpoint",
                status.as_u16()
            ))),
        }
    }

    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> Result<TokenResponse, OAuthError> {
        let form = self.with_client(vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier),
        ]);
        self.post_token(&form).await?.map_err(rejected)
    }

    /// `invalid_grant` here means the refresh token is dead: the user must reconnect.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenResponse, OAuthError> {
        let form = self.with_client(vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ]);
        match self.post_token(&form).await? {
            Ok(t) => Ok(t),
            Err(e) if e.error == "invalid_grant" => {
                Err(OAuthError::RefreshRevoked(e.error_description.unwrap_or(e.error)))
            }
            Err(e) => Err(rejected(e)),
        }
    }

    /// Revokes a token (a refresh token takes its access tokens with it).
    pub async fn revoke(&self, token: &Secret) -> Result<(), OAuthError> {
        let response = self
            .http
            .post(self.endpoint("revoke"))
            .form(&[("token", token.expose())])
            .send()
            .await
            .map_err(network_error)?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let body = response.bytes().await.unwrap_or_default();
        let error = revoke_error(&body).unwrap_or_else(|| format!("HTTP {}", status.as_u16()));
        if error == "invalid_token" {
            // Already gone at Salesforce: what we wanted.
            return Ok(());
        }
        Err(OAuthError::Rejected {
            error,
            description: None,
        })
    }

    pub async fn device_start(&self) -> Result<DeviceCode, OAuthError> {
        let scopes = self.app.scopes.to_string();
        let form = self.with_client(vec![("response_type", "device_code"), ("scope", &scopes)]);
        let response = self
            .http
            .post(self.endpoint("token"))
            .header("Accept", "application/json")
            .form(&form)
            .send()
            .await
            .map_err(network_error)?;
        let status = response.status();
        let body = response.bytes().await.map_err(network_error)?;
        if !status.is_success() {
            return Err(serde_json::from_slice::<OAuthErrorBody>(&body)
                .map(|e| {
                    OAuthError::Refused(AuthorizeRefusal::from_answer(
                        &e.error,
                        e.error_description.as_deref(),
                        &scopes,
                    ))
                })
                .unwrap_or_else(|_| OAuthError::Malformed(format!("HTTP {}", status.as_u16()))));
        }
        let code: DeviceCode =
            serde_json::from_slice(&body).map_err(|e| OAuthError::Malformed(format!("device code answer: {e}")))?;
        // Shown to the person and opened in their browser: a Salesforce page, and a code, as
        // they are (`Url::parse` would drop tabs and line breaks, so the text is checked first).
        let clean = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_graphic());
        let page_is_salesforce = clean(&code.verification_uri)
            && crate::policy::is_instance_for(&self.app.login_host, &code.verification_uri);
        if !page_is_salesforce || !clean(&code.user_code) || code.user_code.len() > 64 {
            return Err(OAuthError::UntrustedVerificationPage(code.verification_uri));
        }
        Ok(code)
    }

    /// Salesforce's device flow polls the token endpoint with `grant_type=device&code=`.
    pub async fn device_poll(&self, device_code: &Secret) -> Result<DevicePoll, OAuthError> {
        let form = self.with_client(vec![("grant_type", "device"), ("code", device_code.expose())]);
        Ok(match self.post_token(&form).await? {
            Ok(t) => DevicePoll::Approved(t),
            Err(e) => match e.error.as_str() {
                "authorization_pending" => DevicePoll::Pending,
                "slow_down" => DevicePoll::SlowDown,
                "access_denied" => DevicePoll::Denied,
                "expired_token" => DevicePoll::Expired,
                // Anything else ends the attempt: said with words for the admin where there are.
                _ => {
                    return Err(OAuthError::Refused(AuthorizeRefusal::from_answer(
                        &e.error,
                        e.error_description.as_deref(),
                        &self.app.scopes.to_string(),
                    )))
                }
            },
        })
    }
}

fn rejected(e: OAuthErrorBody) -> OAuthError {
    OAuthError::Rejected {
        error: e.error,
        description: e.error_description,
    }
}

/// `GET {instance}/services/oauth2/userinfo` with the access token.
pub async fn userinfo(http: &reqwest::Client, instance_url: &str, access: &Secret) -> Result<UserInfo, OAuthError> {
    let response = http
        .get(format!(
            "{}/services/oauth2/userinfo",
            instance_url.trim_end_matches('/')
        ))
        .bearer_auth(access.expose())
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(network_error)?;
    let status = response.status();
    let body = response.bytes().await.map_err(network_error)?;
    if status.as_u16() == 401 || status.as_u16() == 403 {
        return Err(OAuthError::RefreshRevoked("the session is not valid".into()));
    }
    if !status.is_success() {
        return Err(OAuthError::Malformed(format!("HTTP {} from userinfo", status.as_u16())));
    }
    serde_json::from_slice(&body).map_err(|e| OAuthError::Malformed(format!("userinfo answer: {e}")))
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn a_revoke_refusal_is_read_as_json_or_form_encoded() {
        assert_eq!(
            super::revoke_error(br#"{"error":"invalid_token"}"#).as_deref(),
            Some("invalid_token")
        );
        assert_eq!(
            super::revoke_error(b"error=invalid_token&error_description=token+already+revoked").as_deref(),
            Some("invalid_token")
        );
        assert_eq!(super::revoke_error(b""), None);
        assert_eq!(super::revoke_error(b"<html>oops</html>"), None);
    }

    use super::*;

    /// A login host on this computer whose token endpoint answers every request with a token
    /// for `instance_url`. Returns its origin.
    pub(crate) async fn fake_login_host(instance_url: &str) -> String {
        let answer = serde_json::json!({
            "access_token": "00Dfake!access",
            "refresh_token": "5Aepfake-refresh",
            "instance_url": instance_url,
            "id": "https://login.salesforce.com/id/00D/005",
            "issued_at": "1700000000000",
            "scope": "api refresh_token",
        });
        token_endpoint_answering(answer).await
    }

    /// A login host on loopback whose token endpoint answers `answer` to every request.
    async fn token_endpoint_answering(answer: serde_json::Value) -> String {
        let app = axum::Router::new().route(
            "/services/oauth2/token",
            axum::routing::post(move || {
                let answer = answer.clone();
                async move { axum::Json(answer) }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        origin
    }

    pub(crate) fn client(login_host: &str) -> OAuthClient {
        OAuthClient::new(
            crate::http::client().expect("http"),
            OAuthApp {
                login_host: login_host.to_string(),
                client_id: "3MVGtest".into(),
                client_secret: None,
                loopback_port: 0,
                scopes: Scopes::least(),
            },
        )
    }

    #[tokio::test]
    async fn a_token_answer_naming_another_host_as_the_instance_is_refused() {
        for instance in [
            "https://evil.example.com",
            "http://acme.my.salesforce.com",
            "https://acme.my.salesforce.com.evil.example",
            "not a url",
        ] {
            let login = fake_login_host(instance).await;
            let client = client(&login);
            let exchanged = client
                .exchange_code("c0de", "workstation://salesforce/connected", "verifier")
                .await;
            assert_eq!(
                exchanged.err(),
                Some(OAuthError::UntrustedInstance(instance.to_string())),
                "code exchange, {instance}"
            );
            let refreshed = client.refresh(&Secret::new("5Aep-refresh")).await;
            assert_eq!(
                refreshed.err(),
                Some(OAuthError::UntrustedInstance(instance.to_string())),
                "refresh, {instance}"
            );
        }
    }

    #[tokio::test]
    async fn a_loopback_login_host_may_name_a_loopback_instance() {
        // The demo org answers with its own loopback address.
        let login = fake_login_host("http://127.0.0.1:9").await;
        let tokens = client(&login)
            .exchange_code("c0de", "workstation://salesforce/connected", "verifier")
            .await
            .expect("accepted");
        assert_eq!(tokens.instance_url, "http://127.0.0.1:9");
    }

    #[tokio::test]
    async fn a_device_answer_is_shown_only_with_a_salesforce_page_and_a_plain_code() {
        let answer = |uri: &str, code: &str| serde_json::json!({"device_code": "d", "interval": 5, "user_code": code, "verification_uri": uri});
        // The demo org's loopback page, for a loopback login host.
        let login = token_endpoint_answering(answer("http://127.0.0.1:9/setup/connect", "AB12-CD34")).await;
        let code = client(&login).device_start().await.expect("accepted");
        assert_eq!(code.verification_uri, "http://127.0.0.1:9/setup/connect");
        for (uri, user_code) in [
            ("https://evil.example/setup/connect", "AB12CD34"),
            ("javascript:alert(1)", "AB12CD34"),
            ("http://127.0.0.1:9/setup/connect\u{1b}]52;c;ZXZpbA==\u{7}", "AB12CD34"),
            ("http://127.0.0.1:9/setup/\tconnect", "AB12CD34"),
            ("http://127.0.0.1:9/setup/connect", "AB12\u{1b}[2J"),
            ("http://127.0.0.1:9/setup/connect", "AB 12"),
            ("http://127.0.0.1:9/setup/connect", ""),
        ] {
            let login = token_endpoint_answering(answer(uri, user_code)).await;
            assert_eq!(
                client(&login).device_start().await.err(),
                Some(OAuthError::UntrustedVerificationPage(uri.to_string())),
                "{uri:?} {user_code:?}"
            );
        }
    }

    #[test]
    fn the_refusal_names_the_address_and_what_to_do() {
        let e = OAuthError::UntrustedInstance("https://evil.example".into()).to_string();
        assert!(
            e.contains("\"https://evil.example\"") && e.contains("administrator"),
            "{e}"
        );
    }
}
