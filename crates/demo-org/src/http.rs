//! The HTTP edge shared by every endpoint: a request read once into [`Req`] (query, form,
//! bearer token) and the answers shaped as Salesforce sends them (content types, the REST and
//! OAuth error bodies, redirects). It knows nothing of the org's state, so every handler can
//! lean on it without a loop.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde::Serialize;

pub(crate) struct Req {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Req {
    pub(crate) async fn read(req: Request) -> Req {
        let (parts, body) = req.into_parts();
        let query = parts
            .uri
            .query()
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let body = axum::body::to_bytes(body, 1 << 20)
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default();
        Req {
            method: parts.method,
            path: parts.uri.path().to_string(),
            query,
            headers: parts.headers,
            body,
        }
    }

    pub fn q(&self, k: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    /// Form parameters: urlencoded or multipart body (the Salesforce CLI sends multipart for the
    /// device flow, API-NOTES §2), then query-string parameters.
    pub fn form(&self) -> Vec<(String, String)> {
        let ct = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mut out = if ct.starts_with("multipart/form-data") {
            parse_multipart(ct, &self.body)
        } else {
            url::form_urlencoded::parse(&self.body).into_owned().collect()
        };
        out.extend(self.query.iter().cloned());
        out
    }

    pub fn bearer(&self) -> Option<String> {
        let v = self.headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
        let (scheme, token) = v.split_once(' ')?;
        // Salesforce accepts "Bearer" and the legacy "OAuth" scheme.
        (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
            .then(|| token.trim().to_string())
    }
}

pub(crate) fn param<'a>(form: &'a [(String, String)], k: &str) -> Option<&'a str> {
    form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

fn parse_multipart(ct: &str, body: &[u8]) -> Vec<(String, String)> {
    let Some(boundary) = ct.split(';').find_map(|p| p.trim().strip_prefix("boundary=")) else {
        return Vec::new();
    };
    let boundary = format!("--{}", boundary.trim_matches('"'));
    let text = String::from_utf8_lossy(body);
    let mut out = Vec::new();
    for part in text.split(boundary.as_str()) {
        let part = part.strip_prefix("\r\n").unwrap_or(part);
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split(';')
            .find_map(|p| p.trim().strip_prefix("name="))
            .map(|n| n.split("\r\n").next().unwrap_or(n).trim_matches('"').to_string())
        else {
            continue;
        };
        out.push((name, value.strip_suffix("\r\n").unwrap_or(value).to_string()));
    }
    out
}

fn with_type(status: u16, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Salesforce sends `application/json;charset=UTF-8`.
pub(crate) fn json_resp(status: u16, body: String) -> Response {
    with_type(status, "application/json;charset=UTF-8", body)
}

pub(crate) fn html(status: u16, body: String) -> Response {
    with_type(status, "text/html;charset=UTF-8", body)
}

pub(crate) fn plain(status: u16, body: &'static str) -> Response {
    with_type(status, "text/plain;charset=UTF-8", body)
}

/// Revoke success: 200 with an empty body.
pub(crate) fn with_empty_200() -> Response {
    with_type(200, "text/plain;charset=UTF-8", Body::empty())
}

pub(crate) fn redirect(location: &str) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

#[derive(Serialize)]
struct SfError<'a> {
    message: &'a str,
    #[serde(rename = "errorCode")]
    error_code: &'a str,
}

/// REST error body: `[{"message":…,"errorCode":…}]` (rest_error_*.json samples).
pub(crate) fn sf_error(status: u16, code: &str, message: &str) -> Response {
    json_resp(
        status,
        serde_json::to_string(&[SfError {
            message,
            error_code: code,
        }])
        .unwrap_or_default(),
    )
}

/// OAuth error body: `{"error":…,"error_description":…}` (oauth_error_*.json samples).
pub(crate) fn oauth_error(status: u16, error: &str, description: Option<&str>) -> Response {
    let mut m = serde_json::Map::new();
    m.insert("error".into(), error.into());
    if let Some(d) = description {
        m.insert("error_description".into(), d.into());
    }
    json_resp(status, serde_json::Value::Object(m).to_string())
}
