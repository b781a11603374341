//! REST API of the demo org under `/services/data` (API-NOTES §3–5): versions, SOSL search,
//! list views, record retrieval and SOQL on `ListView`. Faults apply here. The session check is
//! the OAuth token store's ([`access_user`]), and every answer is computed for the token's user
//! and their profile (`profiles`); nothing in OAuth depends on this module.

use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use axum::http::HeaderValue;
use axum::response::Response;

use crate::app::App;
use crate::http::{json_resp, sf_error, Req};
use crate::json::J;
use crate::listviews::{self, LISTVIEW_OBJECTS};
use crate::oauth::tokens::access_user;
use crate::profiles::DemoUser;
use crate::schema::ObjType;
use crate::soql;
use crate::sosl::{self, ParseOptions};
use crate::stats::inc;
use crate::text;
use crate::versions::{parse_version, versions, SEARCH_RECORDS_SINCE};

/// Daily API request allocation shown in `Sforce-Limit-Info` (never enforced; use the
/// `request_limit_exceeded` fault to simulate an exhausted allocation, and `api_usage` for an
/// org that has used most of its day).
pub const API_LIMIT: u64 = 15_000;

fn not_found() -> Response {
    // rest_error_not_found_404.json
    sf_error(404, "NOT_FOUND", "The requested resource does not exist")
}

pub(crate) async fn handle(app: &App, req: &Req) -> Response {
    let rest = req.path.trim_start_matches("/services/data");
    let segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        // The Versions resource needs no auth and carries no limit header (API-NOTES §0, §5).
        return versions();
    }
    let Some((version, vnum)) = parse_version(segs[0]) else {
        return not_found();
    };

    // Hang: the request never answers until the switch is off (or the server stops).
    while app.faults.hang() {
        if app.shutting_down.load(Relaxed) {
            return sf_error(503, "SERVER_UNAVAILABLE", "The server is shutting down.");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if let Some(status) = app.faults.server_error() {
        let (code, msg) = match status {
            503 => ("SERVER_UNAVAILABLE", "Server temporarily unavailable, please try again later."),
            _ => ("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contacting support: 1234567890-12345 (-1234567890)"),
        };
        return with_limit(app, sf_error(status, code, msg));
    }
    if let Some(body) = app.faults.raw_error_body() {
        return with_limit(app, json_resp(400, body));
    }
    let Some(user) = req.bearer().and_then(|t| access_user(app, &t)) else {
        // rest_error_invalid_session_401.json
        return with_limit(app, sf_error(401, "INVALID_SESSION_ID", "Session expired or invalid"));
    };
    if app.faults.rest_api_disallowed() {
        // Variant from rest_error_invalid_session_401.source.md (API access blocked).
        return with_limit(
            app,
            sf_error(
                401,
                "INVALID_SESSION_ID",
                "This session is not valid for use with the REST API",
            ),
        );
    }
    // No API access: the org's edition or the user's profile (no "API Enabled"). Codes from
    // Salesforce's API error list (API_DISABLED_FOR_ORG, API_CURRENTLY_DISABLED); messages as
    // clients report them (org: restforce/restforce#219; user: [unverified wording]).
    if app.faults.api_disabled_for_org() {
        return with_limit(
            app,
            sf_error(
                403,
                "API_DISABLED_FOR_ORG",
                "The REST API is not enabled for this Organization.",
            ),
        );
    }
    if !user.profile().api_enabled {
        return with_limit(
            app,
            sf_error(403, "API_CURRENTLY_DISABLED", "API is disabled for this User"),
        );
    }
    if app.faults.request_limit_exceeded() {
        // Code and status documented; message wording [unverified] (API-NOTES §5).
        return with_limit(
            app,
            sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
        );
    }
    if app.faults.concurrent_limit_exceeded() {
        // Wording as clients report it (SalesforceLabs/OrgCheck#432).
        return with_limit(
            app,
            sf_error(
                403,
                "REQUEST_LIMIT_EXCEEDED",
                "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
            ),
        );
    }
    if req.method == "POST" && segs[1..] == ["composite"] {
        inc(&app.counters.api_requests);
        let resp = crate::composite::composite(app, req, user, route).await;
        return with_limit(app, resp);
    }
    if req.method != "GET" && req.method != "HEAD" {
        return with_limit(
            app,
            sf_error(
                405,
                "METHOD_NOT_ALLOWED",
                &format!("HTTP Method '{}' not allowed. Allowed are GET,HEAD", req.method),
            ),
        );
    }
    inc(&app.counters.api_requests);
    let _describing = crate::describe::describing(app, &segs[1..]).await;
    let resp = route(app, req, user, &segs[1..], &version, vnum);
    let resp = if app.faults.malformed_body() {
        malform(resp).await
    } else {
        resp
    };
    with_limit(app, resp)
}

fn with_limit(app: &App, mut r: Response) -> Response {
    let used = app.faults.api_usage() + app.counters.api_requests.load(Relaxed);
    if let Ok(v) = HeaderValue::from_str(&format!("api-usage={used}/{API_LIMIT}")) {
        r.headers_mut().insert("Sforce-Limit-Info", v);
    }
    r
}

/// 200 with the first half of the real body: truncated JSON.
async fn malform(r: Response) -> Response {
    let body = axum::body::to_bytes(r.into_body(), 64 << 20).await.unwrap_or_default();
    let cut = (body.len() / 2).max(1).min(body.len());
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if text.is_empty() {
        text.push('{');
    }
    json_resp(200, text)
}

fn route(app: &App, req: &Req, user: DemoUser, segs: &[&str], version: &str, vnum: f64) -> Response {
    match segs {
        [] => {
            let b = format!("/services/data/v{version}");
            let res = J::obj([
                ("sobjects", J::Str(format!("{b}/sobjects"))),
                ("search", J::Str(format!("{b}/search"))),
                ("query", J::Str(format!("{b}/query"))),
                ("recent", J::Str(format!("{b}/recent"))),
                ("limits", J::Str(format!("{b}/limits"))),
            ]);
            json_resp(200, res.to_string())
        }
        ["search"] => search(app, req, user, version, vnum),
        ["ui-api", "list-records", rest @ ..] => list_records(app, req, user, rest, version, vnum),
        ["query"] => query(app, req, user, version),
        ["query", next] => query_more(app, user, next, version),
        ["sobjects", ty, rest @ ..] => {
            // An object the user cannot read answers as if it did not exist: 404 NOT_FOUND
            // (rest_error_not_found_404.json) on every resource under it — list views, their
            // describe and results, records. Seen from clients: "NOT_FOUND: The requested
            // resource does not exist" for an object the profile lacks ("probably a permissions
            // issue", restforce/restforce #474 per API-NOTES §5; jsforce/jsforce #1299, where
            // the maintainer's first check is the user's permission on the object).
            let Some(obj) = ObjType::from_api_name(ty) else {
                return not_found();
            };
            if !user.profile().can_read(obj) {
                if matches!(rest, ["listviews", ..]) {
                    // Still a list-view call, counted as one (the product measures them).
                    inc(&app.counters.listview_requests);
                }
                if rest.is_empty() {
                    inc(&app.counters.basic_info_requests);
                }
                return not_found();
            }
            match rest {
                [] => {
                    inc(&app.counters.basic_info_requests);
                    json_resp(200, crate::describe::basic_info_json(obj, version).to_string())
                }
                ["listviews", more @ ..] => listview(app, req, user, obj, more, version),
                ["describe"] => json_resp(200, crate::describe::describe_json(obj, user, version).to_string()),
                [id] => record(app, user, obj, id, version),
                _ => not_found(),
            }
        }
        _ => not_found(),
    }
}

fn search(app: &App, req: &Req, user: DemoUser, version: &str, vnum: f64) -> Response {
    inc(&app.counters.search_requests);
    let Some(q) = req.q("q") else {
        return sf_error(400, "MALFORMED_SEARCH", "No search string provided.");
    };
    let opts = ParseOptions {
        unsearchable: app.faults.unsearchable(),
        user,
    };
    let query = match sosl::parse(q, &opts) {
        Ok(q) => q,
        Err(e) if app.faults.unreadable_refusals() && matches!(e.code, "INVALID_TYPE" | "INVALID_FIELD") => {
            // A wording no client knows: the code says what kind of refusal, nothing says what.
            return sf_error(400, e.code, "This request names something that is not available.");
        }
        Err(e) => return sf_error(400, e.code, &e.message),
    };
    let records = sosl::execute(&query, app.data(), user, version);
    let body = if vnum < SEARCH_RECORDS_SINCE {
        J::Arr(records)
    } else {
        J::obj([("searchRecords", J::Arr(records))])
    };
    json_resp(200, body.to_string())
}

/// One record with every field the user may see: a field hidden by field-level security is
/// left out of the record, as it is left out of everything else the user is shown
/// [unverified for this resource: omitted rather than null, the less kind of the two].
fn record(app: &App, user: DemoUser, obj: ObjType, id: &str, version: &str) -> Response {
    let t = app.data().table(obj);
    if !text::looks_like_id(id) || !id.starts_with(obj.key_prefix()) {
        return malformed_id(obj.api_name(), id);
    }
    let Some(i) = t.index_of(id) else {
        return not_found();
    };
    let profile = user.profile();
    let paths: Vec<_> = obj
        .fields()
        .iter()
        .filter(|f| profile.field_visible(obj, f.name))
        .map(|f| (Vec::new(), f))
        .collect();
    json_resp(200, sosl::record_json(app.data(), obj, i, &paths, version).to_string())
}

/// rest_error_malformed_id_400.json: `[{"fields":["Id"],"message":"Account ID: id value of
/// incorrect type: …","errorCode":"MALFORMED_ID"}]` (key order kept).
fn malformed_id(entity: &str, id: &str) -> Response {
    let msg = serde_json::to_string(&format!("{entity} ID: id value of incorrect type: {id}")).unwrap_or_default();
    json_resp(
        400,
        format!("[{{\"fields\":[\"Id\"],\"message\":{msg},\"errorCode\":\"MALFORMED_ID\"}}]"),
    )
}

fn listview(app: &App, req: &Req, user: DemoUser, obj: ObjType, rest: &[&str], version: &str) -> Response {
    inc(&app.counters.listview_requests);
    let cat = &*app.catalog();
    if !LISTVIEW_OBJECTS.contains(&obj) {
        // API-NOTES §4: no evidence that Report/Dashboard/ContentVersion have /listviews; the demo
        // answers an empty collection for the collection resources so the app hides the UI, and
        // 404 for any id under them.
        return match rest {
            [] => json_resp(200, listviews::listviews_json(cat, obj, 0, version, user).to_string()),
            ["recent"] => json_resp(200, listviews::recent_json(cat, obj, version, user).to_string()),
            _ => not_found(),
        };
    }
    match rest {
        [] => {
            let offset = match req.q("offset").map(str::parse::<usize>) {
                None => 0,
                Some(Ok(o)) => o,
                Some(Err(_)) => {
                    return sf_error(
                        400,
                        "INVALID_QUERY_PARAMETER_VALUE",
                        "offset must be a non-negative integer",
                    )
                }
            };
            json_resp(
                200,
                listviews::listviews_json(cat, obj, offset, version, user).to_string(),
            )
        }
        ["recent"] => json_resp(200, listviews::recent_json(cat, obj, version, user).to_string()),
        [id, more @ ..] => {
            if !text::looks_like_id(id) || !id.starts_with("00B") {
                return malformed_id("ListView", id);
            }
            // Another user's private view is not there for this user.
            let Some(view) = cat.get(id).filter(|v| v.obj == obj && v.visible_to(user)) else {
                return not_found();
            };
            match more {
                [] => json_resp(200, listviews::entry_json(view, version).to_string()),
                ["describe"] => json_resp(200, listviews::describe_json(view, user).to_string()),
                ["results"] if !view.soql_compatible => not_soql_compatible(view),
                ["results"] => {
                    // limit 1–2000 (default 25), offset ≥ 0 (default 0) — "List View Results" doc.
                    // The error code for out-of-range values is not documented; the demo uses
                    // INVALID_QUERY_PARAMETER_VALUE [unverified].
                    let limit = match req.q("limit").map(str::parse::<i64>) {
                        None => 25,
                        Some(Ok(l)) if (1..=2000).contains(&l) => l as usize,
                        _ => {
                            return sf_error(
                                400,
                                "INVALID_QUERY_PARAMETER_VALUE",
                                "limit must be an integer between 1 and 2000",
                            )
                        }
                    };
                    let offset = match req.q("offset").map(str::parse::<i64>) {
                        None => 0,
                        Some(Ok(o)) if (0..=listviews::MAX_OFFSET as i64).contains(&o) => o as usize,
                        // The resource runs the list view's SOQL with OFFSET, and "The maximum
                        // offset is 2,000 rows. Requesting an offset greater than 2,000 results
                        // in a NUMBER_OUTSIDE_VALID_RANGE error" (SOQL and SOSL Reference,
                        // "OFFSET"). The message is the one SOQL gives [unverified here].
                        Some(Ok(o)) if o > 0 => {
                            return sf_error(
                                400,
                                "NUMBER_OUTSIDE_VALID_RANGE",
                                &format!(
                                    "Maximum SOQL offset allowed for apiName {} is {}",
                                    obj.api_name(),
                                    listviews::MAX_OFFSET
                                ),
                            )
                        }
                        _ => {
                            return sf_error(
                                400,
                                "INVALID_QUERY_PARAMETER_VALUE",
                                "offset must be a non-negative integer",
                            )
                        }
                    };
                    json_resp(
                        200,
                        listviews::results_json(view, app.data(), limit, offset, text::now_secs(), user).to_string(),
                    )
                }
                _ => not_found(),
            }
        }
    }
}

/// Results of a view that is not SOQL-compatible. "List View Results: Executes the SOQL query
/// for the list view" (REST API Developer Guide,
/// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviewresults.htm),
/// and such a view has none (its describe's `query` is null). What Salesforce answers then is
/// not written anywhere we found [unverified]: the demo refuses (the less kind answer) with a
/// 400 `INVALID_OPERATION`, a status code of Salesforce's error vocabulary, and a sentence of its
/// own. A client must not offer such a view as runnable, whatever the exact words.
fn not_soql_compatible(view: &listviews::ListView) -> Response {
    sf_error(
        400,
        "INVALID_OPERATION",
        &format!(
            "The list view '{}' is not SOQL-compatible; its results are not available through the API.",
            view.developer_name
        ),
    )
}

/// The UI API's Get List View Records (`listviews::ui_records`): by list view ID, or by object
/// and list view API names. One API call, and a list-view call like the REST ones.
fn list_records(app: &App, req: &Req, user: DemoUser, rest: &[&str], version: &str, vnum: f64) -> Response {
    inc(&app.counters.listview_requests);
    let cat = &*app.catalog();
    let view = match rest {
        [id] => cat.get(id),
        [object, name] => ObjType::from_api_name(object)
            .and_then(|obj| cat.for_obj(obj).into_iter().find(|v| v.developer_name == *name)),
        _ => return not_found(),
    };
    // A view that is not there, another user's private one, or one of an object the profile
    // cannot read: the same refusal.
    let Some(view) = view.filter(|v| v.visible_to(user) && user.profile().can_read(v.obj)) else {
        let (status, code, message) = listviews::no_access();
        return sf_error(status, code, &message);
    };
    let params = match listviews::ListRecordsParams::read(
        req.q("pageSize"),
        req.q("pageToken"),
        req.q("sortBy"),
        view,
        user,
        vnum,
    ) {
        Ok(p) => p,
        Err((status, code, message)) => return sf_error(status, code, &message),
    };
    let body = listviews::list_records_json(view, app.data(), text::now_secs(), user, &params, version);
    json_resp(200, body.to_string())
}

/// `GET /services/data/vXX.X/query?q=SOQL` (`soql`): SOQL on `ListView`.
fn query(app: &App, req: &Req, user: DemoUser, version: &str) -> Response {
    inc(&app.counters.query_requests);
    let Some(q) = req.q("q") else {
        // [unverified wording] The Query resource answers MALFORMED_QUERY for an invalid query
        // ("If the SOQL query string is invalid, a MALFORMED_QUERY response is returned",
        // https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query.md).
        return sf_error(400, "MALFORMED_QUERY", "No query string provided.");
    };
    let batch = usize::try_from(app.faults.query_batch_size()).unwrap_or(usize::MAX);
    let catalog = app.catalog();
    match soql::first_batch(q, &soql_org(app, &catalog, user, version), batch, &app.locators) {
        Ok(body) => json_resp(200, body.to_string()),
        Err(e) => sf_error(400, e.code, &e.message),
    }
}

/// `GET /services/data/vXX.X/query/<locator>-<offset>` (`soql`): the next batch of a query.
fn query_more(app: &App, user: DemoUser, next: &str, version: &str) -> Response {
    inc(&app.counters.query_requests);
    let catalog = app.catalog();
    match soql::next_batch(next, &soql_org(app, &catalog, user, version), &app.locators) {
        Ok(body) => json_resp(200, body.to_string()),
        Err(e) => sf_error(400, e.code, &e.message),
    }
}

fn soql_org<'a>(app: &'a App, catalog: &'a listviews::Catalog, user: DemoUser, version: &'a str) -> soql::Org<'a> {
    soql::Org {
        cat: catalog,
        data: app.data(),
        user,
        version,
    }
}
