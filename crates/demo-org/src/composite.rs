//! `POST /services/data/vXX.X/composite`: several REST requests in one call (REST API Developer
//! Guide, "Composite"): "The entire series of requests counts as a single call toward your API
//! limits." Each subrequest answers as the resource itself would, in `compositeResponse`
//! (`body`, `httpHeaders`, `httpStatusCode`, `referenceId`), in order. The demo org takes GET
//! subrequests (what the product sends: the describes of the objects it searches); with
//! `allOrNone: false` a failed subrequest does not fail the others. At most 25 subrequests
//! ("up to 25 subrequests in a single call"); the error for more is [unverified].

use axum::response::Response;
use serde::Deserialize;

use crate::app::App;
use crate::http::{json_resp, sf_error, Req};
use crate::json::J;
use crate::profiles::DemoUser;
use crate::versions::parse_version;

const MAX_SUBREQUESTS: usize = 25;

#[derive(Deserialize)]
struct Composite {
    #[serde(rename = "compositeRequest")]
    requests: Vec<SubRequest>,
}

#[derive(Deserialize)]
struct SubRequest {
    method: String,
    url: String,
    #[serde(rename = "referenceId")]
    reference: String,
}

/// `route` answers one REST resource for `user` (the same function the server uses).
pub(crate) async fn composite(
    app: &App,
    req: &Req,
    user: DemoUser,
    route: impl Fn(&App, &Req, DemoUser, &[&str], &str, f64) -> Response,
) -> Response {
    let Ok(body) = serde_json::from_slice::<Composite>(&req.body) else {
        return sf_error(
            400,
            "JSON_PARSER_ERROR",
            "The request body is not a valid composite request.",
        );
    };
    if body.requests.len() > MAX_SUBREQUESTS {
        return sf_error(
            400,
            "INVALID_BATCH_REQUEST",
            &format!("Composite requests may have at most {MAX_SUBREQUESTS} subrequests."),
        );
    }
    let mut answers = Vec::with_capacity(body.requests.len());
    for sub in body.requests {
        let (status, answer) = if !sub.method.eq_ignore_ascii_case("GET") {
            (
                405,
                format!("[{{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"HTTP Method '{}' not allowed. Allowed are GET,HEAD\"}}]", sub.method.replace('"', "")),
            )
        } else {
            answer(app, req, user, &sub.url, &route).await
        };
        let body = serde_json::from_str::<serde_json::Value>(&answer).unwrap_or(serde_json::Value::Null);
        answers.push(serde_json::json!({
            "body": body,
            "httpHeaders": {},
            "httpStatusCode": status,
            "referenceId": sub.reference,
        }));
    }
    json_resp(200, serde_json::json!({ "compositeResponse": answers }).to_string())
}

async fn answer(
    app: &App,
    req: &Req,
    user: DemoUser,
    url: &str,
    route: &impl Fn(&App, &Req, DemoUser, &[&str], &str, f64) -> Response,
) -> (u16, String) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let segs: Vec<&str> = path
        .trim_start_matches("/services/data")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let Some((version, vnum)) = segs.first().and_then(|v| parse_version(v)) else {
        return (404, not_found());
    };
    let sub = Req {
        method: axum::http::Method::GET,
        path: path.to_string(),
        query: url::form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
        headers: req.headers.clone(),
        body: Vec::new(),
    };
    let _describing = crate::describe::describing(app, &segs[1..]).await;
    let resp = route(app, &sub, user, &segs[1..], &version, vnum);
    let status = resp.status().as_u16();
    let bytes = axum::body::to_bytes(resp.into_body(), 64 << 20)
        .await
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn not_found() -> String {
    J::Arr(vec![J::obj([
        ("errorCode", J::Str("NOT_FOUND".into())),
        ("message", J::Str("The requested resource does not exist".into())),
    ])])
    .to_string()
}
