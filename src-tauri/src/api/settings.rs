//! Settings → General and the person's identity: e-mail (for segmentation), the
//! system-wide shortcut, language and theme, all kept in the settings store.

use super::localize::{self, Lang, LanguageSetting, Notice, ThemeSetting};
use super::*;
use crate::auth::card::CardState;
use crate::auth::connection::KEY_EMAIL;
use crate::policy::UserIdentity;

const KEY_SHORTCUT: &str = "shortcut/show";
/// The system-wide shortcut that brings the window forward with search focused.
pub const DEFAULT_SHORTCUT: &str = "CommandOrControl+Shift+Space";

impl Workstation {
    pub fn identity(&self) -> UserIdentity {
        self.conn.identity()
    }

    /// The user's work e-mail, used by the administrator's segmentation: the card is looked
    /// at again with it.
    pub fn set_identity_email(&self, email: Option<&str>) -> Result<CardState, ApiError> {
        match email.map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) if !e.contains('@') => return Err(Invalid::NotAnEmail(e.to_string()).into()),
            Some(e) => self.store.set(KEY_EMAIL, &e.to_string())?,
            None => self.store.remove(KEY_EMAIL)?,
        }
        Ok(self.conn.reconsider())
    }

    /// The system-wide shortcut, as an accelerator string ("CommandOrControl+Shift+Space").
    pub fn shortcut(&self) -> String {
        self.store
            .get::<String>(KEY_SHORTCUT)
            .unwrap_or_else(|| DEFAULT_SHORTCUT.to_string())
    }

    /// Saves the shortcut; the shell has checked that it can be registered.
    pub fn set_shortcut(&self, accelerator: &str) -> Result<(), ApiError> {
        Ok(self.store.set(KEY_SHORTCUT, &accelerator.trim().to_string())?)
    }

    /// Settings → General → Language (System unless the user chose).
    pub fn language_setting(&self) -> LanguageSetting {
        self.store.get(localize::KEY_LANGUAGE).unwrap_or_default()
    }

    pub fn set_language_setting(&self, setting: LanguageSetting) -> Result<Lang, ApiError> {
        self.store.set(localize::KEY_LANGUAGE, &setting)?;
        Ok(localize::resolve(setting))
    }

    /// Notices about the settings store itself (a damaged file set aside), taken once: the
    /// CLI prints them whatever the command, the window shows them in the widget.
    pub fn take_store_notices(&self) -> Vec<String> {
        let lang = localize::current();
        self.store.take_notices().iter().map(|n| n.text(lang)).collect()
    }

    /// The language the front ends speak: the setting, or the OS's.
    pub fn language(&self) -> Lang {
        localize::resolve(self.language_setting())
    }

    /// Settings → General → Theme (System follows the OS).
    pub fn theme(&self) -> ThemeSetting {
        self.store.get(localize::KEY_THEME).unwrap_or_default()
    }

    pub fn set_theme(&self, theme: ThemeSetting) -> Result<(), ApiError> {
        Ok(self.store.set(localize::KEY_THEME, &theme)?)
    }

    /// Settings → General → Theme by name (`system`, `light`, `dark`), as the window sends it.
    pub fn set_theme_named(&self, name: &str) -> Result<(), ApiError> {
        let theme = ThemeSetting::parse(name).ok_or_else(|| Invalid::UnknownTheme(name.to_string()))?;
        self.set_theme(theme)
    }

    /// Settings → General → Language by name (`system`, `en`, `fr`); the language it means now.
    pub fn set_language_named(&self, name: &str) -> Result<Lang, ApiError> {
        let setting = LanguageSetting::parse(name).ok_or_else(|| Invalid::UnknownLanguage(name.to_string()))?;
        self.set_language_setting(setting)
    }
}
