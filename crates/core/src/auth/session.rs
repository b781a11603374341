//! A live Salesforce session: the access token REST calls use, and the one way to renew
//! it. However many requests hit an expired token together, exactly one refresh runs
//! (single flight); the others wait for it and retry with its token.
//!
//! The same holds across processes (the window, the palette, CLI runs from a launcher share
//! one connection): a refresh runs under a lock in the data folder, and first reads the
//! credential store again, since another process may have refreshed already. With Refresh
//! Token Rotation on, that matters more than speed: a refresh token that another process has
//! rotated out, presented again, makes Salesforce revoke every token of the connection.

use super::oauth::{OAuthClient, OAuthError};
use super::store::{CredentialStore, StoredTokens};
use crate::secret::Secret;
use crate::store::FileLock;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

#[derive(Debug, Clone)]
struct Current {
    access: Secret,
    refresh: Option<Secret>,
    instance_url: String,
}

/// How a session can be renewed.
pub enum Renewal {
    /// `SF_ACCESS_TOKEN`: nothing to renew with, as with Salesforce's own CLI.
    None,
    /// OAuth: refresh at the token endpoint and keep the result in the credential store.
    OAuth {
        client: OAuthClient,
        store: Arc<dyn CredentialStore>,
        /// What the processes sharing `store` lock around a refresh (a file in the data folder).
        lock: PathBuf,
    },
}

pub struct Session {
    current: RwLock<Current>,
    renewal: Renewal,
    refresh_gate: tokio::sync::Mutex<()>,
    refreshes: AtomicU64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshError {
    /// No refresh token, or Salesforce refused it: the user must reconnect.
    NeedsReconnect(String),
    /// The access token came from `SF_ACCESS_TOKEN` and Salesforce refused it: only a new
    /// token helps, not a reconnect in Settings.
    EnvTokenRefused,
    /// Salesforce's login service could not be reached; the session may still be good.
    Unreachable(OAuthError),
}

impl Session {
    /// A session from an access token alone (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`).
    pub fn from_access_token(instance_url: &str, access: Secret) -> Session {
        Session::new(instance_url, access, None, Renewal::None)
    }

    pub fn new(instance_url: &str, access: Secret, refresh: Option<Secret>, renewal: Renewal) -> Session {
        Session {
            current: RwLock::new(Current {
                access,
                refresh,
                instance_url: instance_url.trim_end_matches('/').to_string(),
            }),
            renewal,
            refresh_gate: tokio::sync::Mutex::new(()),
            refreshes: AtomicU64::new(0),
        }
    }

    fn read(&self) -> Current {
        match self.current.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn access_token(&self) -> Secret {
        self.read().access
    }

    pub fn instance_url(&self) -> String {
        self.read().instance_url
    }

    /// How many refreshes this session has run (for tests and benchmarks).
    pub fn refresh_count(&self) -> u64 {
        self.refreshes.load(Ordering::Relaxed)
    }

    /// Renews the token that `failed` with. If another request of this process, or another
    /// process, already renewed it, its token is taken without a second refresh.
    pub async fn refresh_after(&self, failed: &Secret) -> Result<Secret, RefreshError> {
        let _gate = self.refresh_gate.lock().await;
        let current = self.read();
        if &current.access != failed {
            return Ok(current.access);
        }
        let (client, store, lock) = match &self.renewal {
            Renewal::None => return Err(RefreshError::EnvTokenRefused),
            Renewal::OAuth { client, store, lock } => (client, store, lock),
        };
        let _lock = lock_across_processes(lock).await;
        // Another process may have refreshed (and rotated the refresh token) meanwhile.
        let stored = stored_for(store.as_ref(), client);
        if let Some(newer) = stored.as_ref().filter(|t| t.access_token != failed.expose()) {
            return Ok(self.adopt(newer));
        }
        let Some(refresh) = stored.and_then(|t| t.refresh()).or(current.refresh) else {
            return Err(RefreshError::NeedsReconnect(
                "Salesforce granted no refresh token".into(),
            ));
        };
        self.refreshes.fetch_add(1, Ordering::Relaxed);
        let answer = match client.refresh(&refresh).await {
            Ok(answer) => answer,
            Err(OAuthError::RefreshRevoked(why)) => return self.refused(store.as_ref(), client, failed, why),
            Err(OAuthError::Rejected { error, description }) => {
                return self.refused(store.as_ref(), client, failed, description.unwrap_or(error))
            }
            Err(other) => return Err(RefreshError::Unreachable(other)),
        };
        // With refresh-token rotation a new refresh token comes back; keep whichever is current.
        let next = Current {
            access: answer.access_token.clone(),
            refresh: answer.refresh_token.clone().or(Some(refresh)),
            instance_url: answer.instance_url.trim_end_matches('/').to_string(),
        };
        let user = store.load().ok().flatten().and_then(|t| t.user);
        let stored = StoredTokens {
            user,
            access_token: next.access.expose().to_string(),
            refresh_token: next.refresh.as_ref().map(|r| r.expose().to_string()),
            instance_url: next.instance_url.clone(),
            login_host: client.app().login_host.clone(),
            client_id: client.app().client_id.clone(),
        };
        if let Err(e) = store.save(&stored) {
            tracing::warn!(error = %e, "refreshed token could not be saved to the credential store");
        }
        self.replace(next);
        tracing::info!("Salesforce access token refreshed");
        Ok(answer.access_token)
    }

    /// Salesforce refused the refresh token. A process that does not take the lock (an older
    /// version) may have renewed it meanwhile: the store is read once more before the person is
    /// sent to Reconnect.
    fn refused(
        &self,
        store: &dyn CredentialStore,
        client: &OAuthClient,
        failed: &Secret,
        why: String,
    ) -> Result<Secret, RefreshError> {
        match stored_for(store, client).filter(|t| t.access_token != failed.expose()) {
            Some(newer) => Ok(self.adopt(&newer)),
            None => Err(RefreshError::NeedsReconnect(why)),
        }
    }

    /// Takes the tokens another process saved.
    fn adopt(&self, tokens: &StoredTokens) -> Secret {
        tracing::info!(
            "Salesforce access token renewed by another Workstation process; taken from the credential store"
        );
        self.replace(Current {
            access: tokens.access(),
            refresh: tokens.refresh(),
            instance_url: tokens.instance_url.trim_end_matches('/').to_string(),
        });
        tokens.access()
    }

    fn replace(&self, next: Current) {
        match self.current.write() {
            Ok(mut c) => *c = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }
}

/// The tokens in the store, if they are this connection's (same login host and client) and
/// for the same org address; anything else is not ours to take.
fn stored_for(store: &dyn CredentialStore, client: &OAuthClient) -> Option<StoredTokens> {
    let tokens = store.load().ok().flatten()?;
    (tokens.login_host == client.app().login_host && tokens.client_id == client.app().client_id).then_some(tokens)
}

/// Waits for the refresh lock shared by this person's processes. A lock that cannot be taken
/// (a read-only folder) does not stop the refresh: this process then refreshes alone, as it
/// did before there was a lock.
async fn lock_across_processes(path: &std::path::Path) -> Option<FileLock> {
    let path = path.to_path_buf();
    match tokio::task::spawn_blocking(move || FileLock::guarding(&path)).await {
        Ok(Ok(lock)) => Some(lock),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "the refresh lock could not be taken; refreshing without it");
            None
        }
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::oauth::tests::{client, fake_login_host};
    use crate::auth::store::MemoryStore;

    #[tokio::test]
    async fn a_refresh_naming_another_instance_changes_nothing() {
        let login = fake_login_host("https://attacker.example").await;
        let store = Arc::new(MemoryStore::default());
        let dir = tempfile::tempdir().expect("tmp");
        let session = Session::new(
            "http://127.0.0.1:9",
            Secret::new("old-access"),
            Some(Secret::new("refresh")),
            Renewal::OAuth {
                client: client(&login),
                store: store.clone(),
                lock: dir.path().join("salesforce-tokens"),
            },
        );
        let e = session
            .refresh_after(&Secret::new("old-access"))
            .await
            .expect_err("refused");
        assert_eq!(
            e,
            RefreshError::Unreachable(OAuthError::UntrustedInstance("https://attacker.example".into()))
        );
        assert_eq!(
            session.instance_url(),
            "http://127.0.0.1:9",
            "the instance is not moved"
        );
        assert_eq!(session.access_token().expose(), "old-access");
        assert!(store.load().expect("load").is_none(), "nothing saved");
    }
}
