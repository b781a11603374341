//! Where tokens live: the operating system's credential store (keyring crate; Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows). Never a plain
//! file, never the webview. Core tests use `MemoryStore`, an explicit test double.

use super::parts::{self, Slots};
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

    fn entry(&self, account: &str) -> Result<keyring::Entry, CredentialError> {
        if !keeps_tokens_on_disk() {
            return Err(CredentialError::Unavailable(
                "this build has only an in-memory credential store".into(),
            ));
        }
        keyring::Entry::new(&self.service, account).map_err(map_keyring)
    }
}

/// The keychain's entries of one service, for values split over several (`parts`).
impl Slots for KeyringStore {
    type Error = CredentialError;
    fn get(&self, name: &str) -> Result<Option<String>, CredentialError> {
        match self.entry(name)?.get_password() {
            Ok(text) => Ok(Some(text)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }
    fn set(&self, name: &str, text: &str) -> Result<(), CredentialError> {
        self.entry(name)?.set_password(text).map_err(map_keyring)
    }
    fn remove(&self, name: &str) -> Result<(), CredentialError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
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
        match parts::load(self, &self.account) {
            Ok(Some(text)) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| CredentialError::Corrupt),
            Ok(None) => Ok(None),
            Err(parts::Read::Store(e)) => Err(e),
            Err(parts::Read::MissingPart) => Err(CredentialError::Corrupt),
        }
    }

    /// In as many entries as the tokens take (one for most; Windows holds 1,280 characters
    /// per entry).
    fn save(&self, tokens: &StoredTokens) -> Result<(), CredentialError> {
        let text = serde_json::to_string(tokens).map_err(|_| CredentialError::Corrupt)?;
        parts::save(self, &self.account, &text, parts::PART_UNITS)
    }

    fn delete(&self) -> Result<(), CredentialError> {
        parts::delete(self, &self.account)
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

    /// Whether this run has a system keychain: tests that need one are skipped without it,
    /// unless the run requires one (`WORKSTATION_REQUIRE_KEYRING`: scripts/test.sh, and
    /// scripts/test-windows.sh under Wine's Credential Manager).
    fn keychain(service: &str) -> Option<KeyringStore> {
        let store = KeyringStore::with_service(service, "salesforce");
        match store.load() {
            Ok(_) => Some(store),
            Err(e) => {
                assert!(
                    std::env::var_os("WORKSTATION_REQUIRE_KEYRING").is_none(),
                    "WORKSTATION_REQUIRE_KEYRING is set but the keychain is unavailable: {e}"
                );
                None
            }
        }
    }

    fn tokens(access: String) -> StoredTokens {
        StoredTokens {
            access_token: access,
            refresh_token: Some("5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJo7tzXW".into()),
            instance_url: "https://acme.my.salesforce.com".into(),
            login_host: "https://login.salesforce.com".into(),
            client_id: "3MVG9".into(),
            user: None,
        }
    }

    /// Windows' Credential Manager holds 1,280 characters per entry; a JWT-based access token
    /// alone is longer. Saved, read back, deleted, with no entry over that size.
    #[test]
    fn a_4_kb_access_token_survives_the_system_keychain() {
        let service = format!("workstation-core-test-{}", std::process::id());
        let Some(store) = keychain(&service) else { return };
        let access: String = (0..4096).map(|i| (b'A' + (i % 26) as u8) as char).collect();
        let long = tokens(access);
        store.save(&long).expect("save a 4 KB token");
        // A new store, as a new process would make.
        let again = KeyringStore::with_service(&service, "salesforce");
        assert_eq!(again.load().expect("load"), Some(long.clone()));
        let main = keyring::Entry::new(&service, "salesforce")
            .and_then(|e| e.get_password())
            .expect("the main entry");
        assert!(main.encode_utf16().count() <= 1280, "{} units in one entry", main.len());
        // Replaced by a short one, then deleted: nothing is left of either.
        let short = tokens("00Dxx!short".into());
        store.save(&short).expect("save");
        assert_eq!(again.load().expect("load"), Some(short));
        store.save(&long).expect("save");
        store.delete().expect("delete");
        assert_eq!(again.load().expect("load"), None);
        let parts = main
            .lines()
            .next()
            .and_then(|h| h.split(' ').nth(1))
            .expect("a generation");
        let part = keyring::Entry::new(&service, &format!("salesforce#{parts}.1")).expect("entry");
        assert!(matches!(part.get_password(), Err(keyring::Error::NoEntry)));
    }

    /// What earlier versions wrote, one entry holding the JSON, still reads.
    #[test]
    fn tokens_saved_in_one_entry_by_earlier_versions_still_read() {
        let service = format!("workstation-core-old-{}", std::process::id());
        let Some(store) = keychain(&service) else { return };
        // Linux and macOS stores took any length; Windows' never more than one entry holds.
        let access = if cfg!(windows) {
            "00Dxx!old".to_string()
        } else {
            "x".repeat(3000)
        };
        let old = tokens(access);
        let entry = keyring::Entry::new(&service, "salesforce").expect("entry");
        entry
            .set_password(&serde_json::to_string(&old).expect("json"))
            .expect("write");
        assert_eq!(store.load().expect("load"), Some(old));
        store.delete().expect("delete");
        assert!(matches!(entry.get_password(), Err(keyring::Error::NoEntry)));
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
