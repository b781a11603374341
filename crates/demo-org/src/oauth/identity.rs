//! Who the token belongs to: `GET /services/oauth2/userinfo` (OpenID Connect) and the identity
//! URL `GET /id/{orgId}/{userId}` from the token response's `id` (API-NOTES §1). Both are the
//! identity service, not the REST API, so they refuse a token their own way (403, plain text).

use axum::response::Response;
use serde::Serialize;

use super::tokens::access_valid;
use crate::app::App;
use crate::data;
use crate::http::{json_resp, plain, Req};
use crate::stats::inc;
use crate::versions::LATEST_VERSION;

#[derive(Serialize)]
struct Photos {
    picture: String,
    thumbnail: String,
}
#[derive(Serialize)]
struct Address {
    country: &'static str,
}
#[derive(Serialize)]
struct Urls {
    enterprise: String,
    metadata: String,
    partner: String,
    rest: String,
    sobjects: String,
    search: String,
    query: String,
    recent: String,
    profile: String,
    custom_domain: String,
}
/// Key set and order of oauth_userinfo_response.json.
#[derive(Serialize)]
struct UserInfo {
    sub: String,
    user_id: String,
    organization_id: String,
    preferred_username: &'static str,
    nickname: &'static str,
    name: &'static str,
    email: &'static str,
    email_verified: bool,
    given_name: &'static str,
    family_name: &'static str,
    zoneinfo: &'static str,
    photos: Photos,
    profile: String,
    picture: String,
    address: Address,
    urls: Urls,
}

/// The identity service's token check, shared by userinfo and the identity URL: these are not
/// /services/data endpoints, so an invalid token gets 403, not 401 (SalesforceMobileSDK-iOS#3398,
/// SalesforceMobileSDK-Android#2430, jsforce#736), with the plain-text "Bad_OAuth_Token" /
/// "Missing_OAuth_Token". The token may come as a parameter too (Mobile SDK "Using Identity URLs"
/// names both `access_token` and `oauth_token`).
/// Returns the refusal, if any.
fn identity_token_refusal(app: &App, req: &Req) -> Option<Response> {
    let token = req.bearer().or_else(|| {
        req.q("access_token")
            .or_else(|| req.q("oauth_token"))
            .map(str::to_string)
    });
    match token {
        None => Some(plain(403, "Missing_OAuth_Token")),
        Some(t) if !access_valid(app, &t) => Some(plain(403, "Bad_OAuth_Token")),
        Some(_) => None,
    }
}

/// The API endpoints both answers list. "{version}" stays literal unless ?version= is given
/// (Mobile SDK "Using Identity URLs").
fn api_urls(app: &App, req: &Req) -> Urls {
    let d = app.data();
    let b = &app.base_url;
    let v = match req.q("version") {
        Some("latest") => LATEST_VERSION.to_string(),
        Some(v) if !v.is_empty() => v.trim_start_matches('v').to_string(),
        _ => "{version}".to_string(),
    };
    let org15 = &d.org_id[..15];
    Urls {
        enterprise: format!("{b}/services/Soap/c/{v}/{org15}"),
        metadata: format!("{b}/services/Soap/m/{v}/{org15}"),
        partner: format!("{b}/services/Soap/u/{v}/{org15}"),
        rest: format!("{b}/services/data/v{v}/"),
        sobjects: format!("{b}/services/data/v{v}/sobjects/"),
        search: format!("{b}/services/data/v{v}/search/"),
        query: format!("{b}/services/data/v{v}/query/"),
        recent: format!("{b}/services/data/v{v}/recent/"),
        profile: format!("{b}/{}", d.user_id),
        custom_domain: b.clone(),
    }
}

fn photos(app: &App) -> Photos {
    let b = &app.base_url;
    Photos {
        picture: format!("{b}/profilephoto/005/F"),
        thumbnail: format!("{b}/profilephoto/005/T"),
    }
}

pub(crate) fn userinfo(app: &App, req: &Req) -> Response {
    inc(&app.counters.userinfo_requests);
    if let Some(refused) = identity_token_refusal(app, req) {
        return refused;
    }
    let d = app.data();
    let photos = photos(app);
    let info = UserInfo {
        sub: app.identity_url(),
        user_id: d.user_id.clone(),
        organization_id: d.org_id.clone(),
        preferred_username: data::USERNAME,
        nickname: NICKNAME,
        name: data::USER_NAME,
        email: data::USERNAME,
        email_verified: true,
        given_name: data::USER_FIRST,
        family_name: data::USER_LAST,
        zoneinfo: TIMEZONE,
        picture: photos.picture.clone(),
        photos,
        profile: format!("{}/{}", app.base_url, d.user_id),
        address: Address { country: COUNTRY },
        urls: api_urls(app, req),
    };
    json_resp(200, serde_json::to_string(&info).unwrap_or_default())
}

// ---------------------------------------------------------------- identity URL

const NICKNAME: &str = "dana.demo";
const TIMEZONE: &str = "Europe/Paris";
const COUNTRY: &str = "FR";

/// The identity URL's answer: the token response's `id`, GET with the access token. Key set of
/// Salesforce's documented example (Salesforce Help "Identity URLs"; the same keys in the
/// prismatic.io getCurrentUser sample payload and jsforce's IdentityInfo type), the keys we
/// could not confirm left out.
#[derive(Serialize)]
struct IdentityInfo {
    id: String,
    asserted_user: bool,
    user_id: String,
    organization_id: String,
    username: &'static str,
    nick_name: &'static str,
    display_name: &'static str,
    email: &'static str,
    email_verified: bool,
    first_name: &'static str,
    last_name: &'static str,
    timezone: &'static str,
    photos: Photos,
    addr_country: &'static str,
    urls: Urls,
    active: bool,
    user_type: &'static str,
    language: &'static str,
    locale: &'static str,
}

/// `GET /id/{orgId}/{userId}`. Another org's ID is "Wrong_Org" (403) and an ID that is not the
/// demo user's is "Bad_Id" (404): the identity service's plain-text codes as Salesforce Help
/// lists them (not checked against a stored copy; the token errors above are).
pub(crate) fn identity(app: &App, req: &Req, ids: &str) -> Response {
    if let Some(refused) = identity_token_refusal(app, req) {
        return refused;
    }
    let d = app.data();
    let (org, user) = ids.split_once('/').unwrap_or((ids, ""));
    if !same(&d.org_id, org) {
        return plain(403, "Wrong_Org");
    }
    if !same(&d.user_id, user) {
        return plain(404, "Bad_Id");
    }
    let info = IdentityInfo {
        id: app.identity_url(),
        asserted_user: true,
        user_id: d.user_id.clone(),
        organization_id: d.org_id.clone(),
        username: data::USERNAME,
        nick_name: NICKNAME,
        display_name: data::USER_NAME,
        email: data::USERNAME,
        email_verified: true,
        first_name: data::USER_FIRST,
        last_name: data::USER_LAST,
        timezone: TIMEZONE,
        photos: photos(app),
        addr_country: COUNTRY,
        urls: api_urls(app, req),
        active: true,
        user_type: "STANDARD",
        language: "en_US",
        locale: "en_US",
    };
    json_resp(200, serde_json::to_string(&info).unwrap_or_default())
}

/// Salesforce accepts an ID in its 15-character (case-sensitive) or 18-character
/// (case-insensitive suffix) form alike.
fn same(full: &str, given: &str) -> bool {
    match given.len() {
        _ if full == given => true,
        15 => full.len() == 18 && full.starts_with(given),
        18 => full.eq_ignore_ascii_case(given),
        _ => false,
    }
}
