//! Where tokens live: the operating system's credential store (keyring crate; Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows). Never a plain
//! file, never the webview. Core tests use `MemoryStore`, an explicit test double.

use crate::secret::Secret;
use serde::{Deserialize, Serialize};

// keyring 3 falls back to an in-memory mock where no native store is enabled: tokens would
// vanish at exit while the app says they are in the system keychain. crates/core/Cargo.toml
// enables the native store of Linux, macOS and Windows; anything else does not build.
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
compile_error!(
    "Workstation keeps tokens only in the system credential store: Secret Service (Linux), Keychain (macOS) or Credential Manager (Windows). This target has none of them enabled in crates/core/Cargo.toml."
);
use std::sync::Mutex;
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CredentialError {
    #[error("No credential store is available on this computer ({0}). Workstation keeps Salesforce tokens only in the system keychain; start a keyring service (for example GNOME Keyring) and try again.")]
    Unavailable(String),
    #[error("The system keychain refused access ({0}).")]
    Denied(String),
    #[error("The saved Salesforce connection in the keychain is damaged; connect again.")]
    Corrupt,
}

/// What is kept per connection. Serialized only into the credential store.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoredTokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub instance_url: String,
    /// Which login host and client issued them, so a policy change is noticed.
    pub login_host: String,
    pub client_id: String,
    /// Who they belong to, so the card survives a lost settings file.
    #[serde(default)]
    pub user: Option<super::user::ConnectedUser>,
}

impl std::fmt::Debug for StoredTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredTokens")
            .field("access_token", &"<redacted>")
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "<redacted>"))
            .field("instance_url", &self.instance_url)
            .field("login_host", &self.login_host)
            .finish()
    }
}

impl StoredTokens {
    pub fn access(&self) -> Secret {
        Secret::new(self.access_token.clone())
    }
    pub fn refresh(&self) -> Option<Secret> {
        self.refresh_token.clone().map(Secret::new)
    }
}

pub trait CredentialStore: Send + Sync {
    fn load(&self) -> Result<Option<StoredTokens>, CredentialError>;
    fn save(&self, tokens: &StoredTokens) -> Result<(), CredentialError>;
    fn delete(&self) -> Result<(), CredentialError>;
}

/// The system keychain entry `workstation` / `salesforce`.
pub struct KeyringStore {
    service: String,
    account: String,
}

impl KeyringStore {
    pub fn new(account: &str) -> Self {
        KeyringStore::with_service("workstation", account)
    }

    pub fn with_service(service: &str, account: &str) -> Self {
        KeyringStore {
            service: service.into(),
            account: account.into(),
        }
    }

    /// The app's entry: service `workstation` (or `WORKSTATION_KEYRING_SERVICE`, so tests
    /// and portable installs never touch the user's own connection), account `salesforce`.
    pub fn for_app() -> Self {
        let service = std::env::var("WORKSTATION_KEYRING_SERVICE")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "workstation".into());
        KeyringStore {
            service,
            account: "salesforce".into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, CredentialError> {
        if !keeps_tokens_on_disk() {
            return Err(CredentialError::Unavailable(
                "this build has only an in-memory credential store".into(),
            ));
        }
        keyring::Entry::new(&self.service, &self.account).map_err(map_keyring)
    }
}

/// Whether keyring's store for this platform outlives the process (not its in-memory mock).
/// The Cargo features make it so; this refuses at the first use should they ever not.
fn keeps_tokens_on_disk() -> bool {
    use keyring::credential::CredentialPersistence;
    !matches!(
        keyring::default::default_credential_builder().persistence(),
        CredentialPersistence::EntryOnly | CredentialPersistence::ProcessOnly
    )
}

fn map_keyring(e: keyring::Error) -> CredentialError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            CredentialError::Unavailable(first_line(&inner.to_string()))
        }
        other => CredentialError::Denied(first_line(&other.to_string())),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).chars().take(160).collect()
}

impl CredentialStore for KeyringStore {
    fn load(&self) -> Result<Option<StoredTokens>, CredentialError> {
        match self.entry()?.get_password() {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| CredentialError::Corrupt),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn save(&self, tokens: &StoredTokens) -> Result<(), CredentialError> {
        let text = serde_json::to_string(tokens).map_err(|_| CredentialError::Corrupt)?;
        self.entry()?.set_password(&text).map_err(map_keyring)
    }

    fn delete(&self) -> Result<(), CredentialError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// An in-process store for tests of the core; never chosen by the app.
#[derive(Default)]
pub struct MemoryStore {
    tokens: Mutex<Option<StoredTokens>>,
}

impl CredentialStore for MemoryStore {
    fn load(&self) -> Result<Option<StoredTokens>, CredentialError> {
        Ok(self.tokens.lock().map_err(|_| CredentialError::Corrupt)?.clone())
    }
    fn save(&self, tokens: &StoredTokens) -> Result<(), CredentialError> {
        *self.tokens.lock().map_err(|_| CredentialError::Corrupt)? = Some(tokens.clone());
        Ok(())
    }
    fn delete(&self) -> Result<(), CredentialError> {
        *self.tokens.lock().map_err(|_| CredentialError::Corrupt)? = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_store_is_not_keyrings_in_memory_mock() {
        use keyring::credential::CredentialPersistence;
        assert!(
            matches!(
                keyring::default::default_credential_builder().persistence(),
                CredentialPersistence::UntilDelete
            ),
            "tokens would not survive the process"
        );
        assert!(keeps_tokens_on_disk());
        assert!(!matches!(
            keyring::mock::default_credential_builder().persistence(),
            CredentialPersistence::UntilDelete
        ));
    }

    #[test]
    fn debug_of_stored_tokens_hides_both_tokens() {
        let t = StoredTokens {
            access_token: "00D!secret-access".into(),
            refresh_token: Some("5Aep-secret-refresh".into()),
            instance_url: "https://acme.my.salesforce.com".into(),
            login_host: "https://acme.my.salesforce.com".into(),
            client_id: "3MVG".into(),
            user: None,
        };
        let d = format!("{t:?}");
        assert!(!d.contains("secret"), "{d}");
    }
}
