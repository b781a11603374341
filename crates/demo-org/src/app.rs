//! What a running demo org holds, handed to every endpoint as [`App`]: its configuration, the
//! seeded data set with its list views (built once per seed and shared), the fault switches,
//! the counters and the OAuth state. Endpoints depend on this; it depends on no endpoint.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use crate::data::{self, OrgData};
use crate::faults::Faults;
use crate::listviews::Catalog;
use crate::oauth::state::OAuthState;
use crate::profiles::DemoUser;
use crate::stats::Counters;
use crate::text;

#[derive(Clone, Debug)]
pub struct DemoOrgConfig {
    pub addr: SocketAddr,
    /// Delay before every Salesforce answer (admin endpoints are never delayed).
    pub latency: Duration,
    pub seed: u64,
    /// This exact string is a valid access token for [`Self::default_user`] from the start; it
    /// never expires unless sessions are expired or refresh tokens revoked through [`Faults`].
    pub preissued_token: Option<String>,
    /// Who signs in when nobody says otherwise: the pre-issued token's user, the user the
    /// approval and device pages preselect, and the one `auto_approve=true` and the device
    /// approval admin endpoint approve as without a `user`. [`DemoUser::Demo`] by default.
    pub default_user: DemoUser,
    pub access_token_lifetime: Duration,
    /// Device flow `interval` (Salesforce sends 5). Also switchable at runtime.
    pub device_interval_secs: u64,
    /// Lifetime of a device code before polls answer `expired_token` (10 min).
    pub device_code_lifetime: Duration,
    /// Lifetime of an authorization code (15 min).
    pub auth_code_lifetime: Duration,
    /// Refresh Token Rotation (Salesforce Help, "Force one-time-use Refresh Tokens", article
    /// 005316711): every refresh returns a new refresh token and invalidates the one used;
    /// presenting an invalidated one again revokes the user's current refresh token and access
    /// tokens. Off by default, as on a connected app; `--demo` and the tests turn it on.
    pub rotate_refresh_tokens: bool,
    /// The connected app's Selected OAuth Scopes
    /// ([`crate::oauth::DEFAULT_SELECTED_SCOPES`], the spec's admin guide, by default);
    /// switchable at runtime ([`Faults::set_selected_scopes`]).
    pub selected_scopes: Vec<String>,
    /// HTTPS instead of HTTP, with a certificate signed by a throw-away authority made at
    /// start ([`crate::DemoOrg::certificate_authority_pem`]): what a TLS-inspecting proxy looks
    /// like to a computer that does not trust its authority, and what it looks like once it does.
    pub tls: bool,
}

impl Default for DemoOrgConfig {
    fn default() -> Self {
        DemoOrgConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            latency: Duration::ZERO,
            seed: 42,
            preissued_token: None,
            default_user: DemoUser::Demo,
            access_token_lifetime: Duration::from_secs(2 * 3600),
            device_interval_secs: 5,
            device_code_lifetime: Duration::from_secs(600),
            auth_code_lifetime: Duration::from_secs(900),
            rotate_refresh_tokens: false,
            selected_scopes: crate::oauth::DEFAULT_SELECTED_SCOPES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            tls: false,
        }
    }
}

/// Seeded data plus the list views derived from it.
pub(crate) struct Dataset {
    pub data: OrgData,
    pub views: Catalog,
}

/// Data sets are immutable, so servers with the same seed in one process share one.
pub(crate) fn dataset_for(seed: u64) -> Arc<Dataset> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Arc<Dataset>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(d) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&seed) {
        return d.clone();
    }
    let data = data::generate(seed, text::now_secs());
    let views = Catalog::build(&data);
    let ds = Arc::new(Dataset { data, views });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(seed)
        .or_insert(ds)
        .clone()
}

pub(crate) struct App {
    pub config: DemoOrgConfig,
    pub base_url: String,
    pub ds: Arc<Dataset>,
    pub faults: Arc<Faults>,
    pub counters: Counters,
    pub oauth: Mutex<OAuthState>,
    /// The SOQL query locators handed out (`nextRecordsUrl`).
    pub locators: crate::soql::Locators,
    pub shutting_down: AtomicBool,
}

impl App {
    pub fn data(&self) -> &OrgData {
        &self.ds.data
    }
    /// The list views as the org has them now: the data set's, renamed where an administrator
    /// renamed them (the `list_view_labels` switch).
    pub fn catalog(&self) -> std::borrow::Cow<'_, Catalog> {
        let labels = self.faults.list_view_labels();
        if labels.is_empty() {
            std::borrow::Cow::Borrowed(&self.ds.views)
        } else {
            std::borrow::Cow::Owned(self.ds.views.relabelled(&labels))
        }
    }
    /// The identity URL of a user (the token response's `id`).
    pub fn identity_url(&self, user: DemoUser) -> String {
        format!(
            "{}/id/{}/{}",
            self.base_url,
            self.data().org_id,
            user.user_id(self.data())
        )
    }
}
