//! Who the token belongs to: `GET /services/oauth2/userinfo` (OpenID Connect) and the identity
//! URL `GET /id/{orgId}/{userId}` from the token response's `id` (API-NOTES §1). Both are the
//! identity service, not the REST API, so they refuse a token their own way (403, plain text).
//! Both describe the user whose token it is.

use axum::response::Response;
use serde::Serialize;

use super::tokens::access_user;
use crate::app::App;
use crate::http::{json_resp, plain, Req};
use crate::profiles::DemoUser;
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
/// Returns the token's user, or the refusal's plain-text code (answered with 403).
fn identity_token_user(app: &App, req: &Req) -> Result<DemoUser, &'static str> {
    let token = req.bearer().or_else(|| {
        req.q("access_token")
            .or_else(|| req.q("oauth_token"))
            .map(str::to_string)
    });
    match token {
        None => Err("Missing_OAuth_Token"),
        Some(t) => access_user(app, &t).ok_or("Bad_OAuth_Token"),
    }
}

/// The API endpoints both answers list. "{version}" stays literal unless ?version= is given
/// (Mobile SDK "Using Identity URLs").
fn api_urls(app: &App, req: &Req, user: DemoUser) -> Urls {
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
        profile: format!("{b}/{}", user.user_id(d)),
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
    let user = match identity_token_user(app, req) {
        Ok(u) => u,
        Err(refused) => return plain(403, refused),
    };
    let d = app.data();
    let who = user.identity();
    let user_id = user.user_id(d);
    let photos = photos(app);
    let info = UserInfo {
        sub: app.identity_url(user),
        user_id: user_id.clone(),
        organization_id: d.org_id.clone(),
        preferred_username: who.username,
        nickname: who.nickname,
        name: who.name,
        email: who.username,
        email_verified: true,
        given_name: who.first,
        family_name: who.last,
        zoneinfo: who.timezone,
        picture: photos.picture.clone(),
        photos,
        profile: format!("{}/{user_id}", app.base_url),
        address: Address { country: who.country },
        urls: api_urls(app, req, user),
    };
    json_resp(200, serde_json::to_string(&info).unwrap_or_default())
}

// ---------------------------------------------------------------- identity URL

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
/// token's user's is "Bad_Id" (404): the identity service's plain-text codes as Salesforce Help
/// lists them (not checked against a stored copy; the token errors above are). Whether a valid
/// token may read a colleague's identity URL is [unverified]; the demo refuses it (the less
/// kind answer), which also keeps the demo user's answers as they were.
pub(crate) fn identity(app: &App, req: &Req, ids: &str) -> Response {
    let user = match identity_token_user(app, req) {
        Ok(u) => u,
        Err(refused) => return plain(403, refused),
    };
    let d = app.data();
    let who = user.identity();
    let user_id = user.user_id(d);
    let (org, id) = ids.split_once('/').unwrap_or((ids, ""));
    if !same(&d.org_id, org) {
        return plain(403, "Wrong_Org");
    }
    if !same(&user_id, id) {
        return plain(404, "Bad_Id");
    }
    let info = IdentityInfo {
        id: app.identity_url(user),
        asserted_user: true,
        user_id,
        organization_id: d.org_id.clone(),
        username: who.username,
        nick_name: who.nickname,
        display_name: who.name,
        email: who.username,
        email_verified: true,
        first_name: who.first,
        last_name: who.last,
        timezone: who.timezone,
        photos: photos(app),
        addr_country: who.country,
        urls: api_urls(app, req, user),
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
