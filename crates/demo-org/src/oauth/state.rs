//! What the OAuth endpoints remember between requests, behind `App::oauth`: approval pages
//! awaiting a decision, authorization codes, access and refresh tokens (with the fault epochs
//! they were issued in) and device-flow authorizations. Plain data: the endpoints that change
//! it live beside it.

use std::collections::HashMap;
use std::time::Instant;

use crate::profiles::DemoUser;

#[derive(Debug)]
pub(super) struct Pending {
    pub(super) redirect_uri: String,
    pub(super) state: Option<String>,
    pub(super) scope: String,
    pub(super) challenge: Option<String>,
    pub(super) created: Instant,
    /// Preselected on the approval page; the decision may pick the other user.
    pub(super) user: DemoUser,
}

#[derive(Debug)]
pub(super) struct AuthCode {
    pub(super) redirect_uri: String,
    pub(super) scope: String,
    pub(super) challenge: Option<String>,
    pub(super) created: Instant,
    pub(super) used: bool,
    pub(super) user: DemoUser,
}

#[derive(Debug)]
pub(super) struct AccessTok {
    pub(super) issued: Instant,
    pub(super) epoch: u64,
    pub(super) refresh: Option<String>,
    pub(super) forever: bool,
    /// Whose session this is: every REST answer is computed for this user.
    pub(super) user: DemoUser,
}

#[derive(Debug)]
pub(super) struct RefreshTok {
    pub(super) scope: String,
    pub(super) epoch: u64,
    pub(super) user: DemoUser,
    /// Used once under Refresh Token Rotation: presenting it again revokes the user's tokens.
    pub(super) rotated_out: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum DevStatus {
    Pending,
    Approved,
    Denied,
    Consumed,
}

#[derive(Debug)]
pub(super) struct Device {
    pub(super) user_code: String,
    pub(super) scope: String,
    pub(super) interval: u64,
    pub(super) created: Instant,
    pub(super) last_poll: Option<Instant>,
    pub(super) status: DevStatus,
    /// Set when the code is approved.
    pub(super) user: DemoUser,
}

#[derive(Debug, Default)]
pub(crate) struct OAuthState {
    pub(super) pending: HashMap<String, Pending>,
    pub(super) codes: HashMap<String, AuthCode>,
    pub(super) access: HashMap<String, AccessTok>,
    pub(super) refresh: HashMap<String, RefreshTok>,
    pub(super) devices: HashMap<String, Device>,
}

impl OAuthState {
    pub(crate) fn preissue(&mut self, token: &str, user: DemoUser) {
        self.access.insert(
            token.to_string(),
            AccessTok {
                issued: Instant::now(),
                epoch: 0,
                refresh: None,
                forever: true,
                user,
            },
        );
    }
}
