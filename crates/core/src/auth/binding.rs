//! Binds a loopback sign-in to the person's browser. The browser is not sent to Salesforce's
//! authorization address (its `state` and PKCE challenge would sit on the browser's command
//! line, readable by every local user) but to `http://localhost:PORT/start/<token>`: a one-time
//! address that sets an HttpOnly, SameSite=Lax cookie scoped to the callback's path and
//! redirects to Salesforce. Salesforce's answer is then taken only with that cookie, so only
//! the browser that opened the start address can complete the attempt. A second use of the
//! start address means someone else has it too: the attempt is cancelled rather than raced.
//!
//! Every refusal changes nothing (the attempt keeps waiting) and is counted, not logged one by
//! one: a flood from another program grows a number, not the log.

use super::callback::CALLBACK_PATH;
use super::peer::PeerOwner;
use crate::secret::Secret;
use cookie::{Cookie, SameSite};
use oauth2::CsrfToken;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use subtle::ConstantTimeEq;

/// The cookie's name. Browsers send a localhost cookie to every port of localhost, so the
/// value, not the name or the port, is what belongs to one attempt.
pub const COOKIE: &str = "workstation_sign_in";
/// The start address's path, before its token.
pub const START_PATH: &str = "/start/";
/// 32 random bytes: the start token and the cookie (URL-safe base64).
const TOKEN_BYTES: u32 = 32;

/// What the listener refused during one attempt, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefusedRequests {
    /// From a program of another account, or one whose account could not be told (Linux).
    pub not_ours: u32,
    /// Salesforce's redirect without this attempt's cookie (not from the person's browser).
    pub without_cookie: u32,
    /// A start address that is not this attempt's.
    pub unknown_start: u32,
}

impl RefusedRequests {
    pub fn total(&self) -> u32 {
        self.not_ours
            .saturating_add(self.without_cookie)
            .saturating_add(self.unknown_start)
    }
}

/// The answer to a request for a start address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartAnswer {
    /// Its first use: set the cookie (`set_cookie`, a `Set-Cookie` value) and send the browser
    /// on to Salesforce (`location`).
    Redirect { location: String, set_cookie: String },
    /// Used before: someone else has the address too, the attempt is to be cancelled.
    Again,
    /// Not this attempt's address, or not from a program of ours: refused and counted.
    Refused,
}

/// One attempt's start address and cookie.
pub struct BrowserBinding {
    start_token: Secret,
    cookie: Secret,
    /// Salesforce's authorization address, known once the listener's port is.
    destination: Mutex<Option<Secret>>,
    started: AtomicBool,
    refused: Mutex<RefusedRequests>,
    lifetime: Duration,
}

impl BrowserBinding {
    /// A binding whose cookie lives `lifetime` in the browser (as long as the attempt).
    pub fn new(lifetime: Duration) -> BrowserBinding {
        let random = || Secret::new(CsrfToken::new_random_len(TOKEN_BYTES).secret().clone());
        BrowserBinding {
            start_token: random(),
            cookie: random(),
            destination: Mutex::new(None),
            started: AtomicBool::new(false),
            refused: Mutex::new(RefusedRequests::default()),
            lifetime,
        }
    }

    /// Where the browser is sent first (`/start/<token>`), once it is to go on to `authorize_url`.
    pub fn start_path(&self, authorize_url: &str) -> String {
        if let Ok(mut d) = self.destination.lock() {
            *d = Some(Secret::new(authorize_url));
        }
        format!("{START_PATH}{}", self.start_token.expose())
    }

    /// A request for the start address with `token`, from a program owned as `peer` says.
    pub fn start(&self, token: &str, peer: PeerOwner) -> StartAnswer {
        if !peer.may_call_back() {
            self.count(|r| &mut r.not_ours);
            return StartAnswer::Refused;
        }
        let destination = self.destination.lock().ok().and_then(|d| d.clone());
        let Some(location) = destination.filter(|_| same(token, &self.start_token)) else {
            self.count(|r| &mut r.unknown_start);
            return StartAnswer::Refused;
        };
        if self.started.swap(true, Ordering::SeqCst) {
            return StartAnswer::Again;
        }
        let cookie = Cookie::build((COOKIE, self.cookie.expose()))
            .path(CALLBACK_PATH)
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(cookie::time::Duration::seconds(self.lifetime.as_secs() as i64))
            .build();
        StartAnswer::Redirect {
            location: location.expose().to_string(),
            set_cookie: cookie.to_string(),
        }
    }

    /// Whether Salesforce's redirect may be used: from a program of ours (`peer`) and with this
    /// attempt's cookie among the request's `Cookie` headers. A refusal is counted.
    pub fn callback<'a>(&self, cookie_headers: impl IntoIterator<Item = &'a str>, peer: PeerOwner) -> bool {
        if !peer.may_call_back() {
            self.count(|r| &mut r.not_ours);
            return false;
        }
        let carried = cookie_headers.into_iter().any(|header| {
            Cookie::split_parse(header)
                .flatten()
                .any(|c| c.name() == COOKIE && same(c.value(), &self.cookie))
        });
        if !carried {
            self.count(|r| &mut r.without_cookie);
        }
        carried
    }

    /// The `Set-Cookie` value that removes the cookie once it has served.
    pub fn removal(&self) -> String {
        let mut cookie = Cookie::build((COOKIE, ""))
            .path(CALLBACK_PATH)
            .http_only(true)
            .same_site(SameSite::Lax)
            .build();
        cookie.make_removal();
        cookie.to_string()
    }

    pub fn refused(&self) -> RefusedRequests {
        self.refused.lock().map(|r| *r).unwrap_or_default()
    }

    fn count(&self, which: impl FnOnce(&mut RefusedRequests) -> &mut u32) {
        if let Ok(mut r) = self.refused.lock() {
            let n = which(&mut r);
            *n = n.saturating_add(1);
        }
    }
}

/// Compared in constant time: how long a wrong guess took says nothing of the right value.
fn same(given: &str, expected: &Secret) -> bool {
    given.as_bytes().ct_eq(expected.expose().as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTHORIZE: &str = "https://login.example/services/oauth2/authorize?state=s";

    fn started(b: &BrowserBinding) -> (String, String) {
        let path = b.start_path(AUTHORIZE);
        let token = path.strip_prefix(START_PATH).expect("start path").to_string();
        match b.start(&token, PeerOwner::Us) {
            StartAnswer::Redirect { location, set_cookie } => (token, format!("{location}|{set_cookie}")),
            other => panic!("{other:?}"),
        }
    }

    fn cookie_of(set_cookie: &str) -> String {
        set_cookie.split(';').next().expect("name=value").to_string()
    }

    #[test]
    fn the_first_start_sets_a_cookie_for_the_callback_only_and_redirects_to_salesforce() {
        let b = BrowserBinding::new(Duration::from_secs(600));
        let (_, answer) = started(&b);
        let (location, set_cookie) = answer.split_once('|').expect("both");
        assert_eq!(location, AUTHORIZE);
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/salesforce/connected", "Max-Age=600"] {
            assert!(set_cookie.contains(attribute), "{attribute} in {set_cookie}");
        }
        assert!(b.callback([cookie_of(set_cookie).as_str()], PeerOwner::Us));
        assert!(b.callback([format!("a=b; {}; c=d", cookie_of(set_cookie)).as_str()], PeerOwner::Us));
        assert_eq!(b.refused(), RefusedRequests::default());
    }

    #[test]
    fn the_start_address_works_once() {
        let b = BrowserBinding::new(Duration::from_secs(600));
        let (token, _) = started(&b);
        assert_eq!(b.start(&token, PeerOwner::Us), StartAnswer::Again);
    }

    #[test]
    fn refusals_are_counted_by_why() {
        let b = BrowserBinding::new(Duration::from_secs(600));
        let path = b.start_path(AUTHORIZE);
        let token = path.strip_prefix(START_PATH).expect("start path");
        assert_eq!(b.start(token, PeerOwner::OtherUser(1001)), StartAnswer::Refused);
        assert_eq!(b.start(token, PeerOwner::Unknown), StartAnswer::Refused);
        assert_eq!(b.start("guess", PeerOwner::Us), StartAnswer::Refused);
        let (_, answer) = started(&b);
        let cookie = cookie_of(answer.split_once('|').expect("both").1);
        assert!(!b.callback([cookie.as_str()], PeerOwner::OtherUser(1001)));
        assert!(!b.callback(std::iter::empty(), PeerOwner::Us));
        assert!(!b.callback([format!("{COOKIE}=forged").as_str()], PeerOwner::Us));
        assert_eq!(
            b.refused(),
            RefusedRequests {
                not_ours: 3,
                without_cookie: 2,
                unknown_start: 1
            }
        );
        assert_eq!(b.refused().total(), 6);
    }

    #[test]
    fn nothing_starts_before_salesforces_address_is_known() {
        let b = BrowserBinding::new(Duration::from_secs(600));
        let token = b.start_token.expose().to_string();
        *b.destination.lock().expect("lock") = None;
        assert_eq!(b.start(&token, PeerOwner::Us), StartAnswer::Refused);
    }

    #[test]
    fn the_removal_expires_the_cookie_on_the_same_path() {
        let b = BrowserBinding::new(Duration::from_secs(600));
        let removal = b.removal();
        assert!(removal.starts_with(&format!("{COOKIE}=;")), "{removal}");
        assert!(
            removal.contains("Max-Age=0") && removal.contains("Path=/salesforce/connected"),
            "{removal}"
        );
    }
}
