//! Connecting Salesforce as the front ends ask for it: the core's flows (`auth::connect`),
//! their errors as `ApiError`, and what Disconnect did said in the person's language (the
//! records found and what the org taught us go with the connection).

use super::localize::{self, Lang, Localize};
use super::*;
use crate::auth::card::ConnectedUser;
use crate::auth::connect::{LoopbackOutcome, Revocation};
use serde::Serialize;

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
    pub fn cancel_connect(&self) {
        self.conn.cancel_connect()
    }

    /// Starts the web server flow with the deep-link redirect; the answer comes back
    /// through `handle_callback_url`. Returns the URL to open in the browser.
    pub fn start_deep_link_connect(&self) -> Result<String, ApiError> {
        Ok(self.conn.start_deep_link_connect()?)
    }

    /// `--demo` only: the real web server flow against the demo org, approved at once.
    pub async fn connect_demo_auto_approved(&self) -> Result<ConnectedUser, ApiError> {
        Ok(self.conn.connect_demo_auto_approved().await?)
    }

    /// The web server flow through the loopback listener: `open` is called with the address to
    /// open in the browser (a one-time start address that sends it on to Salesforce); ends
    /// when Salesforce's answer came back from that browser and was used, with what the
    /// listener refused meanwhile.
    pub async fn connect_loopback(&self, open: impl FnOnce(&str)) -> LoopbackOutcome<ApiError> {
        self.conn.connect_loopback(open).await.map_err(ApiError::from)
    }

    /// A deep link from the browser. Refused URLs change nothing.
    pub async fn handle_callback_url(&self, url: &str) -> Result<ConnectedUser, ApiError> {
        Ok(self.conn.handle_callback_url(url).await?)
    }

    /// The device flow: `show` receives the user code and verification URL.
    pub async fn connect_device(&self, show: impl FnOnce(&str, &str)) -> Result<ConnectedUser, ApiError> {
        Ok(self.conn.connect_device(show).await?)
    }

    /// Revokes at Salesforce, deletes locally, clears the instant-results cache and what the
    /// org taught us, resets the card.
    pub async fn disconnect(&self) -> Result<Disconnected, ApiError> {
        let revocation = self.conn.disconnect().await?;
        self.forget_searches();
        let said = |en: String, fr: String| match localize::current() {
            Lang::En => en,
            Lang::Fr => fr,
        };
        Ok(match revocation {
            Revocation::Revoked => Disconnected {
                revoked: true,
                message: said(
                    "Disconnected, and Workstation's access revoked at Salesforce.".into(),
                    "Déconnecté, et l’accès de Workstation révoqué chez Salesforce.".into(),
                ),
            },
            Revocation::NotTold(e) => Disconnected {
                revoked: false,
                message: said(
                    format!("Disconnected on this computer, but Salesforce could not be told ({e}). You can revoke the app in Salesforce under Settings → Connected Apps OAuth Usage."),
                    format!("Déconnecté sur cet ordinateur, mais Salesforce n’a pas pu être prévenu ({}). Vous pouvez révoquer l’application dans Salesforce sous Configuration → Utilisation OAuth des applications connectées.", e.french()),
                ),
            },
            Revocation::NothingToRevoke => Disconnected {
                revoked: false,
                message: said("Salesforce was not connected.".into(), "Salesforce n’était pas connecté.".into()),
            },
        })
    }
}
