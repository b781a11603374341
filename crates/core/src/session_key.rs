//! Whose session it is: a typed key for "this user of this org, at this address", under which
//! everything kept per person is filed (recent records, pins, what the org taught us, list view
//! choices). Typed so that no org, user or token session is ever mistaken for another; the
//! settings keep their strings (`org/user@instance`), made and read only here.

use std::fmt;

/// One person's session in one org. Two keys are the same session only when org, user and
/// address all agree: a second org (or a sandbox of the same org) is another key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SessionKey {
    /// A known Salesforce user (an OAuth session, or an access token whose user was learnt).
    User {
        org_id: String,
        user_id: String,
        instance: String,
    },
    /// An access token handed over in the environment whose user is not known: the address is
    /// all there is to tell it apart.
    Token { instance: String },
}

impl SessionKey {
    pub fn user(org_id: &str, user_id: &str, instance: &str) -> SessionKey {
        SessionKey::User {
            org_id: org_id.to_string(),
            user_id: user_id.to_string(),
            instance: instance.to_string(),
        }
    }

    pub fn token(instance: &str) -> SessionKey {
        SessionKey::Token {
            instance: instance.to_string(),
        }
    }

    /// The org's address this session speaks to.
    pub fn instance(&self) -> &str {
        match self {
            SessionKey::User { instance, .. } | SessionKey::Token { instance } => instance,
        }
    }

    /// The person without the address (`orgId/userId`, or `token/host`): the settings' key for
    /// what follows a user across the org's addresses (list view choices).
    pub fn person(&self) -> String {
        match self {
            SessionKey::User { org_id, user_id, .. } => format!("{org_id}/{user_id}"),
            SessionKey::Token { instance } => format!("token/{}", host_of(instance)),
        }
    }

    /// Reads a key written by [`fmt::Display`] (`orgId/userId@instance`, `token/host@instance`).
    /// `None` for anything else: what was filed under it belongs to nobody known.
    pub fn parse(text: &str) -> Option<SessionKey> {
        let (person, instance) = text.split_once('@')?;
        let (first, second) = person.split_once('/')?;
        if instance.is_empty() || second.is_empty() {
            return None;
        }
        if first == "token" {
            let key = SessionKey::token(instance);
            // The host is the instance's: a key whose two disagree was not written by us.
            return (key.person() == person).then_some(key);
        }
        (!first.is_empty()).then(|| SessionKey::user(first, second, instance))
    }
}

/// The settings' form of the key (`orgId/userId@instance`, `token/host@instance`), kept as it
/// was before keys were typed so that existing files keep working.
impl fmt::Display for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.person(), self.instance())
    }
}

fn host_of(instance_url: &str) -> String {
    url::Url::parse(instance_url)
        .ok()
        .and_then(|u| u.host_str().map(String::from))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_as_the_settings_wrote_it() {
        let dana = SessionKey::user("00D1", "005A", "https://acme.my.salesforce.com");
        assert_eq!(dana.to_string(), "00D1/005A@https://acme.my.salesforce.com");
        assert_eq!(SessionKey::parse(&dana.to_string()), Some(dana.clone()));
        let token = SessionKey::token("http://127.0.0.1:4711");
        assert_eq!(token.to_string(), "token/127.0.0.1@http://127.0.0.1:4711");
        assert_eq!(SessionKey::parse(&token.to_string()), Some(token));
        assert_eq!(dana.person(), "00D1/005A");
    }

    #[test]
    fn another_user_org_or_address_is_another_session() {
        let dana = SessionKey::user("00D1", "005A", "https://a");
        assert_ne!(dana, SessionKey::user("00D1", "005B", "https://a"), "another user");
        assert_ne!(dana, SessionKey::user("00D2", "005A", "https://a"), "another org");
        assert_ne!(dana, SessionKey::user("00D1", "005A", "https://b"), "another address");
        assert_ne!(dana, SessionKey::token("https://a"));
    }

    #[test]
    fn text_that_is_no_key_names_nobody() {
        for text in [
            "",
            "00D1/005A",
            "00D1@https://a",
            "/005A@https://a",
            "00D1/@https://a",
            "token/evil@https://a",
        ] {
            assert_eq!(SessionKey::parse(text), None, "{text}");
        }
    }
}
